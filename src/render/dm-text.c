/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <string.h>

#include "dm-text.h"

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
