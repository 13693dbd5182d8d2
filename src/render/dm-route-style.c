/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-route-style.h"

G_DEFINE_BOXED_TYPE (DmRouteStyle, dm_route_style, dm_route_style_ref, dm_route_style_unref)

/**
 * dm_route_palette_color:
 * The colour of colour slot @index (dm_document_get_actor_color_index(); the palette repeats).
 */
DmRgba
dm_route_palette_color (guint index)
{
  return dm_rgba_from_hex (dm_actor_colors_palette (index), 1.0f);
}

/**
 * dm_route_actor_color:
 * @document: (nullable): the document @actor is drawn from, or a view of it
 * @actor: (nullable): an actor
 *
 * The one colour of @actor, wherever it is drawn (routes, legend, timeline, list): its own,
 * else the palette's colour at the slot @document's source gives it (past ten actors, a
 * shade of its group's hue: dm_document_get_actor_rgb()), the same whatever a filter shows; %DM_ROUTE_COLOR_NO_ACTOR for no actor, or one in no event of @document.
 */
DmRgba
dm_route_actor_color (DmDocument *document,
                      DmActor    *actor)
{
  double r, g, b;
  guint32 rgb;

  if (actor == NULL)
    return dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1.0f);
  if (dm_actor_get_rgb (actor, &r, &g, &b))
    return (DmRgba) { (float) r, (float) g, (float) b, 1.0f };
  if (document == NULL || !dm_document_get_actor_rgb (document, actor, &rgb))
    return dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1.0f);
  return dm_rgba_from_hex (rgb, 1.0f);
}

/**
 * dm_route_status_dashes:
 * The dash pattern of a leg or a mark's outline, in multiples of its line width, for round
 * caps (each dash grows by a line width, each gap shrinks by one): solid (%NULL) when
 * completed, confirmed or cancelled, long dashes when planned, short ones when announced,
 * dash and dot when the file gave no status, dots when the leg's time is not known. The
 * patterns differ in length, not only in colour, so they survive greyscale printing.
 */
const double *
dm_route_status_dashes (DmStatus  status,
                        gboolean  uncertain,
                        guint    *n_dashes)
{
  static const double dotted[] = { 0.01, 2.2 };
  static const double planned[] = { 4.5, 3.0 };
  static const double announced[] = { 1.0, 2.6 };
  static const double unknown[] = { 4.0, 2.5, 0.01, 2.5 };
  const double *dashes = NULL;

  *n_dashes = 0;
  if (uncertain)
    dashes = dotted, *n_dashes = G_N_ELEMENTS (dotted);
  else if (status == DM_STATUS_PLANNED)
    dashes = planned, *n_dashes = G_N_ELEMENTS (planned);
  else if (status == DM_STATUS_ANNOUNCED)
    dashes = announced, *n_dashes = G_N_ELEMENTS (announced);
  else if (status == DM_STATUS_UNKNOWN)
    dashes = unknown, *n_dashes = G_N_ELEMENTS (unknown);
  return dashes;
}

/**
 * dm_route_status_width:
 * The width of a line of @status, as a share of the style's: planned and cancelled lines
 * are thinner.
 */
double
dm_route_status_width (DmStatus status)
{
  return status == DM_STATUS_PLANNED || status == DM_STATUS_CANCELLED ? 0.8 : 1.0;
}

/**
 * dm_route_status_color:
 * The colour of a line or mark of @status drawn in @color: confirmed is lighter (half way to
 * white: still solid, but not yet done), cancelled faint; the others @color.
 */
DmRgba
dm_route_status_color (DmStatus      status,
                       const DmRgba *color)
{
  DmRgba c = *color;

  if (status == DM_STATUS_CONFIRMED)
    {
      c.red += (1.0f - c.red) * 0.5f;
      c.green += (1.0f - c.green) * 0.5f;
      c.blue += (1.0f - c.blue) * 0.5f;
    }
  else if (status == DM_STATUS_CANCELLED)
    c.alpha *= 0.55f;
  return c;
}

static void
init_defaults (DmRouteStyle *style)
{
  style->line_width = 2.25;
  style->future_alpha = 0.3;
  style->future = DM_ROUTE_FUTURE_FAINT;
  style->trail_fraction = 0.35;
  style->marker_radius = 5.5;
  style->stay_radius = 7.0;
  style->place_radius = 2.6;
  style->label_size = 12.0;
  style->show_labels = TRUE;
  style->show_stays = TRUE;
  style->label = dm_rgba_from_hex (0x222222, 1.0f);
  style->halo = dm_rgba_from_hex (0xffffff, 0.85f);
  style->cancelled = dm_rgba_from_hex (DM_ROUTE_COLOR_CANCELLED, 1.0f);
  style->serial = 1;
  style->ref_count = 1;
}

DmRouteStyle *
dm_route_style_new (void)
{
  DmRouteStyle *style = g_new0 (DmRouteStyle, 1);

  init_defaults (style);
  return style;
}

/**
 * dm_route_style_get_default:
 * The shared default style. Never modify it: copy it.
 */
const DmRouteStyle *
dm_route_style_get_default (void)
{
  static gsize style;

  if (g_once_init_enter (&style))
    g_once_init_leave (&style, (gsize) dm_route_style_new ());
  return (const DmRouteStyle *) style;
}

DmRouteStyle *
dm_route_style_copy (const DmRouteStyle *style)
{
  DmRouteStyle *copy;

  g_return_val_if_fail (style != NULL, NULL);
  copy = g_memdup2 (style, sizeof *style);
  copy->ref_count = 1;
  return copy;
}

DmRouteStyle *
dm_route_style_ref (DmRouteStyle *style)
{
  g_return_val_if_fail (style != NULL, NULL);
  g_atomic_int_inc (&style->ref_count);
  return style;
}

void
dm_route_style_unref (DmRouteStyle *style)
{
  g_return_if_fail (style != NULL);
  if (g_atomic_int_dec_and_test (&style->ref_count))
    g_free (style);
}

/**
 * dm_route_style_changed:
 * Tells layers drawing with @style that a field changed, so they redraw their caches.
 */
void
dm_route_style_changed (DmRouteStyle *style)
{
  g_return_if_fail (style != NULL);
  style->serial++;
}

guint
dm_route_style_get_serial (const DmRouteStyle *style)
{
  return style->serial;
}
