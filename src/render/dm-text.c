/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-text.h"

/* A text recorded for SVG: its element and its box on the page */
typedef struct
{
  double  x0, y0, x1, y1;
  char   *element;
} Recorded;

static void
clear_recorded (gpointer data)
{
  g_free (((Recorded *) data)->element);
}

static void
select_face (cairo_t    *cr,
             double      size,
             DmTextFace  face)
{
  cairo_select_font_face (cr, DM_TEXT_FONT,
                          face == DM_TEXT_ITALIC ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                          face == DM_TEXT_BOLD ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

void
dm_cairo_set_rgba (cairo_t      *cr,
                   const DmRgba *color,
                   double        alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* The advance of @text, in user-space pixels */
double
dm_text_width (cairo_t    *cr,
               const char *text,
               double      size,
               DmTextFace  face)
{
  cairo_text_extents_t ext;

  cairo_save (cr);
  select_face (cr, size, face);
  cairo_text_extents (cr, text, &ext);
  cairo_restore (cr);
  return ext.x_advance;
}

static cairo_user_data_key_t recorder_key;

void
dm_text_recorder_attach (cairo_surface_t *surface)
{
  GArray *texts = g_array_new (FALSE, FALSE, sizeof (Recorded));

  g_array_set_clear_func (texts, clear_recorded);
  cairo_surface_set_user_data (surface, &recorder_key, texts, (cairo_destroy_func_t) g_array_unref);
}

/**
 * dm_text_recorder_occlude:
 * Something opaque (a legend box) is drawn over the rectangle: texts recorded before it
 * that it covers are dropped, as the PNG would not show them either.
 */
void
dm_text_recorder_occlude (cairo_t *cr,
                          double   x,
                          double   y,
                          double   width,
                          double   height)
{
  GArray *texts = cairo_surface_get_user_data (cairo_get_target (cr), &recorder_key);
  double x0 = x, y0 = y, x1 = x + width, y1 = y + height;

  if (texts == NULL)
    return;
  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  for (guint i = texts->len; i > 0; i--)
    {
      Recorded *r = &g_array_index (texts, Recorded, i - 1);
      if (r->x1 > MIN (x0, x1) && r->x0 < MAX (x0, x1) && r->y1 > MIN (y0, y1) && r->y0 < MAX (y0, y1))
        g_array_remove_index (texts, i - 1);
    }
}

/* The recorded <text> elements, and the recorder detached */
char *
dm_text_recorder_steal (cairo_surface_t *surface)
{
  GArray *texts = cairo_surface_get_user_data (surface, &recorder_key);
  GString *result;

  if (texts == NULL)
    return NULL;
  result = g_string_new (NULL);
  for (guint i = 0; i < texts->len; i++)
    g_string_append (result, g_array_index (texts, Recorded, i).element);
  cairo_surface_set_user_data (surface, &recorder_key, NULL, NULL);
  return g_string_free (result, FALSE);
}

static void
append_color (GString      *out,
              const char   *attribute,
              const DmRgba *color)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", attribute,
                          (int) CLAMP (color->red * 255 + 0.5, 0, 255),
                          (int) CLAMP (color->green * 255 + 0.5, 0, 255),
                          (int) CLAMP (color->blue * 255 + 0.5, 0, 255));
  if (color->alpha < 1.0)
    {
      char num[G_ASCII_DTOSTR_BUF_SIZE];

      /* a dot in any locale: SVG is not French */
      g_string_append_printf (out, " %s-opacity=\"%s\"", attribute,
                              g_ascii_formatd (num, sizeof num, "%.3g", color->alpha));
    }
}

/**
 * dm_text_record:
 * When the surface of @cr has a text recorder (SVG export), writes @text as an SVG <text>
 * element at the same place, size and colour, with its halo as a stroke painted first.
 * Returns: %TRUE when recorded (the caller draws no glyphs), %FALSE otherwise
 */
gboolean
dm_text_record (cairo_t      *cr,
                const char   *text,
                double        x,
                double        baseline,
                double        size,
                DmTextFace    face,
                const DmRgba *color,
                const DmRgba *halo,
                double        halo_width)
{
  GArray *texts = cairo_surface_get_user_data (cairo_get_target (cr), &recorder_key);
  g_autofree char *escaped = NULL;
  g_autoptr(GString) out = NULL;
  double dx = 0, dy = size, hx = 0, hy = halo_width, width, x1, top;
  char num[4][G_ASCII_DTOSTR_BUF_SIZE];
  Recorded r;

  if (texts == NULL)
    return FALSE;
  /* clipped away (outside the map frame): the PNG shows nothing of it either */
  if (!cairo_in_clip (cr, x, baseline - size * 0.4))
    return TRUE;

  width = dm_text_width (cr, text, size, face);
  x1 = x + width;
  top = baseline - size;
  cairo_user_to_device (cr, &x1, &top);
  cairo_user_to_device (cr, &x, &baseline);
  r.x0 = MIN (x, x1), r.x1 = MAX (x, x1), r.y0 = MIN (top, baseline), r.y1 = MAX (top, baseline);
  out = g_string_new (NULL);
  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_user_to_device_distance (cr, &hx, &hy);
  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (out, "<text x=\"%s\" y=\"%s\" font-family=\"%s, sans-serif\" font-size=\"%s\"",
                          g_ascii_formatd (num[0], sizeof num[0], "%.2f", x),
                          g_ascii_formatd (num[1], sizeof num[1], "%.2f", baseline),
                          DM_TEXT_FONT,
                          g_ascii_formatd (num[2], sizeof num[2], "%.2f", hypot (dx, dy)));
  if (face == DM_TEXT_BOLD)
    g_string_append (out, " font-weight=\"bold\"");
  else if (face == DM_TEXT_ITALIC)
    g_string_append (out, " font-style=\"italic\"");
  append_color (out, "fill", color);
  if (halo != NULL && halo->alpha > 0)
    {
      append_color (out, "stroke", halo);
      g_string_append_printf (out, " stroke-width=\"%s\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
                              g_ascii_formatd (num[3], sizeof num[3], "%.2f", hypot (hx, hy)));
    }
  g_string_append_printf (out, ">%s</text>\n", escaped);
  r.element = g_string_free (g_steal_pointer (&out), FALSE);
  g_array_append_val (texts, r);
  return TRUE;
}

/**
 * dm_text_draw:
 * Draws @text with its baseline at @baseline, starting at @x. With @halo, a soft outline
 * first, so the text reads over lines and land (drawn as a path, the text itself stays text).
 */
void
dm_text_draw (cairo_t      *cr,
              const char   *text,
              double        x,
              double        baseline,
              double        size,
              DmTextFace    face,
              const DmRgba *color,
              const DmRgba *halo)
{
  if (dm_text_record (cr, text, x, baseline, size, face, color, halo, MAX (2.0, size * 0.28)))
    return;
  cairo_save (cr);
  select_face (cr, size, face);
  if (halo != NULL)
    {
      cairo_new_path (cr);
      cairo_move_to (cr, x, baseline);
      cairo_text_path (cr, text);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, MAX (2.0, size * 0.28));
      dm_cairo_set_rgba (cr, halo, 1.0);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, x, baseline);
  dm_cairo_set_rgba (cr, color, 1.0);
  cairo_show_text (cr, text);
  cairo_new_path (cr);
  cairo_restore (cr);
}

/* @text cut at a character boundary with "…" so it fits @max_width */
char *
dm_text_ellipsize (cairo_t    *cr,
                   const char *text,
                   double      size,
                   DmTextFace  face,
                   double      max_width)
{
  glong n = g_utf8_strlen (text, -1);

  if (dm_text_width (cr, text, size, face) <= max_width)
    return g_strdup (text);
  while (n > 1)
    {
      g_autofree char *head = g_utf8_substring (text, 0, --n);
      char *cut = g_strconcat (g_strchomp (head), "…", NULL);
      if (dm_text_width (cr, cut, size, face) <= max_width)
        return cut;
      g_free (cut);
    }
  return g_strdup ("…");
}

/**
 * dm_text_wrap:
 * Breaks @text at spaces into lines no wider than @max_width (a word longer than that gets
 * a line of its own).
 * Returns: (transfer full) (element-type utf8): the lines
 */
GPtrArray *
dm_text_wrap (cairo_t    *cr,
              const char *text,
              double      size,
              DmTextFace  face,
              double      max_width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize before = line->len;

      if (words[i][0] == '\0')
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
      if (before > 0 && dm_text_width (cr, line->str, size, face) > max_width)
        {
          g_string_truncate (line, before);
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_assign (line, words[i]);
        }
    }
  if (line->len > 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  g_string_free (line, TRUE);
  return lines;
}
