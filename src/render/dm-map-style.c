/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-map-style.h"

G_DEFINE_BOXED_TYPE (DmMapStyle, dm_map_style, dm_map_style_ref, dm_map_style_unref)

DmRgba
dm_rgba_from_hex (guint32 rgb,
                  float   alpha)
{
  DmRgba c = {
    ((rgb >> 16) & 0xff) / 255.0f,
    ((rgb >> 8) & 0xff) / 255.0f,
    (rgb & 0xff) / 255.0f,
    alpha,
  };
  return c;
}

guint32
dm_rgba_to_hex (const DmRgba *rgba)
{
  guint r = (guint) (CLAMP (rgba->red, 0.0f, 1.0f) * 255.0f + 0.5f);
  guint g = (guint) (CLAMP (rgba->green, 0.0f, 1.0f) * 255.0f + 0.5f);
  guint b = (guint) (CLAMP (rgba->blue, 0.0f, 1.0f) * 255.0f + 0.5f);

  return (r << 16) | (g << 8) | b;
}

/**
 * dm_rgba_parse:
 * Parses "#rrggbb" or "#rrggbbaa". Returns %FALSE (leaving @rgba alone) otherwise.
 */
gboolean
dm_rgba_parse (DmRgba     *rgba,
               const char *spec)
{
  gsize len;
  guint64 v;
  char *end = NULL;

  g_return_val_if_fail (rgba != NULL, FALSE);
  if (spec == NULL || spec[0] != '#')
    return FALSE;
  len = strlen (spec + 1);
  if (len != 6 && len != 8)
    return FALSE;
  for (gsize i = 1; i <= len; i++)
    if (!g_ascii_isxdigit (spec[i]))
      return FALSE;
  v = g_ascii_strtoull (spec + 1, &end, 16);
  if (len == 6)
    *rgba = dm_rgba_from_hex ((guint32) v, 1.0f);
  else
    *rgba = dm_rgba_from_hex ((guint32) (v >> 8), (v & 0xff) / 255.0f);
  return TRUE;
}

static void
init_defaults (DmMapStyle *self)
{
  self->background = dm_rgba_from_hex (DM_MAP_COLOR_BACKGROUND, 1.0f);
  self->sea = dm_rgba_from_hex (DM_MAP_COLOR_SEA, 1.0f);
  self->land = dm_rgba_from_hex (DM_MAP_COLOR_LAND, 1.0f);
  self->border = dm_rgba_from_hex (DM_MAP_COLOR_BORDER, 1.0f);
  self->coast = dm_rgba_from_hex (DM_MAP_COLOR_COAST, 1.0f);
  self->graticule = dm_rgba_from_hex (DM_MAP_COLOR_GRATICULE, 1.0f);
  self->label = dm_rgba_from_hex (DM_MAP_COLOR_LABEL, 1.0f);
  self->label_halo = dm_rgba_from_hex (DM_MAP_COLOR_LAND, 0.85f);
  self->border_width = 0.6;
  self->coast_width = 0.7;
  self->graticule_width = 0.5;
  self->label_size = 10.5;
  self->graticule_step = 0;
  self->show_borders = TRUE;
  self->show_coasts = TRUE;
  self->show_graticule = FALSE;
  self->show_labels = TRUE;
}

/**
 * dm_map_style_new:
 * A new style with the default palette, no graticule, labels on, no tints.
 */
DmMapStyle *
dm_map_style_new (void)
{
  DmMapStyle *self = g_new0 (DmMapStyle, 1);

  self->ref_count = 1;
  init_defaults (self);
  self->tints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

/**
 * dm_map_style_get_default:
 * The shared default style. Never modify it; copy it instead.
 */
const DmMapStyle *
dm_map_style_get_default (void)
{
  static gsize style;

  if (g_once_init_enter (&style))
    g_once_init_leave (&style, (gsize) dm_map_style_new ());
  return (const DmMapStyle *) style;
}

/**
 * dm_map_style_get_dark:
 * The shared dark style (the default's widths and switches, the dark palette). Never
 * modify it; copy it instead.
 */
const DmMapStyle *
dm_map_style_get_dark (void)
{
  static gsize style;

  if (g_once_init_enter (&style))
    {
      DmMapStyle *dark = dm_map_style_new ();

      dark->background = dm_rgba_from_hex (DM_MAP_COLOR_DARK_BACKGROUND, 1.0f);
      dark->sea = dm_rgba_from_hex (DM_MAP_COLOR_DARK_SEA, 1.0f);
      dark->land = dm_rgba_from_hex (DM_MAP_COLOR_DARK_LAND, 1.0f);
      dark->border = dm_rgba_from_hex (DM_MAP_COLOR_DARK_BORDER, 1.0f);
      dark->coast = dm_rgba_from_hex (DM_MAP_COLOR_DARK_COAST, 1.0f);
      dark->graticule = dm_rgba_from_hex (DM_MAP_COLOR_DARK_GRATICULE, 1.0f);
      dark->label = dm_rgba_from_hex (DM_MAP_COLOR_DARK_LABEL, 1.0f);
      dark->label_halo = dm_rgba_from_hex (DM_MAP_COLOR_DARK_LAND, 0.85f);
      g_once_init_leave (&style, (gsize) dark);
    }
  return (const DmMapStyle *) style;
}

DmMapStyle *
dm_map_style_copy (const DmMapStyle *style)
{
  DmMapStyle *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (style != NULL, NULL);
  copy = g_new0 (DmMapStyle, 1);
  *copy = *style;
  copy->ref_count = 1;
  copy->tints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, style->tints);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->tints, g_strdup (key), g_memdup2 (value, sizeof (DmRgba)));
  return copy;
}

DmMapStyle *
dm_map_style_ref (DmMapStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);
  g_atomic_int_inc (&style->ref_count);
  return style;
}

void
dm_map_style_unref (DmMapStyle *style)
{
  g_return_if_fail (style != NULL);
  if (g_atomic_int_dec_and_test (&style->ref_count))
    {
      g_hash_table_unref (style->tints);
      g_free (style);
    }
}

/**
 * dm_map_style_set_tint:
 * @alpha2: ISO 3166-1 alpha-2 code, e.g. "KP" (case-insensitive)
 * @color: (nullable): fill drawn over the country's land (its alpha is used), or %NULL to
 *   remove the tint
 */
void
dm_map_style_set_tint (DmMapStyle   *style,
                       const char   *alpha2,
                       const DmRgba *color)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (alpha2 != NULL);

  if (color == NULL)
    g_hash_table_remove (style->tints, alpha2);
  else
    g_hash_table_insert (style->tints, g_ascii_strup (alpha2, -1),
                         g_memdup2 (color, sizeof (DmRgba)));
}

const DmRgba *
dm_map_style_get_tint (const DmMapStyle *style,
                       const char       *alpha2)
{
  g_return_val_if_fail (style != NULL, NULL);
  if (alpha2 == NULL || alpha2[0] == '\0')
    return NULL;
  return g_hash_table_lookup (style->tints, alpha2);
}

void
dm_map_style_clear_tints (DmMapStyle *style)
{
  g_return_if_fail (style != NULL);
  g_hash_table_remove_all (style->tints);
}

guint
dm_map_style_get_n_tints (const DmMapStyle *style)
{
  g_return_val_if_fail (style != NULL, 0);
  return g_hash_table_size (style->tints);
}
