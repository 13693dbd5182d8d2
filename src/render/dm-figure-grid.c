/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-figure-private.h"
#include "dm-text.h"

/* Small multiples (dm_figure_set_small_multiples): the map at N moments spread evenly over
 * the clip range (else the events' extent), in a grid of panels, each a DmFigure of the
 * panel's size drawn by the one drawing path, captioned with its date and local times; the
 * title once above, the attribution and sources once below, and one legend (listing
 * everything of the range, in the last panel). With footnotes, the sources are numbered once
 * for the whole grid, listed below it, and each panel's place names carry the numbers of
 * their events' notes. docs/ANIMATION.md */

#define GRID_INK   0x1a1a1a

/* The columns whose panels come nearest the figure's own shape */
static guint
pick_columns (guint  n,
              double width,
              double height)
{
  double want = width / height, best = G_MAXDOUBLE;
  guint cols = 1;

  for (guint c = 1; c <= n; c++)
    {
      guint r = (n + c - 1) / c;
      double aspect = (width / c) / (height / r);
      double miss = fabs (log (aspect / want)) + 0.15 * (c * r - n);

      if (miss < best)
        best = miss, cols = c;
    }
  return cols;
}

/**
 * dm_figure_draw_grid:
 * Draws the small multiples of @self onto @cr, from (0, 0) to the figure's size.
 */
void
dm_figure_draw_grid (DmFigure *self,
                     cairo_t  *cr)
{
  DmRgba ink = dm_rgba_from_hex (GRID_INK, 1.0f);
  g_autoptr(GPtrArray) footer = dm_figure_dup_footer (self);
  g_autoptr(GPtrArray) title_lines = NULL;
  DmFigureLayout foot = { 0 };
  const char *title = dm_figure_get_title (self);
  guint n = self->small_multiples, cols, rows;
  double u = CLAMP (sqrt (self->width * self->height / (1920.0 * 1080.0)), 0.62, 3.0);
  double pad = 22 * u, title_size = 30 * u, footer_size = MAX (11.5 * u, 9.0), gap = pad * 0.5;
  double header_h = 0, footer_h, grid_h, pw, ph, y;
  gint64 start, end;

  if (!dm_figure_get_clip_range (self, &start, &end) &&
      !dm_document_get_extent (self->document, &start, &end))
    start = end = dm_figure_get_time (self);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (self->show_caption && title != NULL && title[0] != '\0')
    {
      title_lines = dm_text_wrap (cr, title, title_size, DM_TEXT_BOLD, self->width - 2 * pad);
      g_ptr_array_set_size (title_lines, MIN (title_lines->len, 2));
      header_h = pad * 0.9 + title_lines->len * title_size * 1.18 + pad * 0.3;
      y = pad * 0.9;
      for (guint i = 0; i < title_lines->len; i++)
        {
          dm_text_draw (cr, g_ptr_array_index (title_lines, i), pad, y + title_size * 0.95,
                        title_size, DM_TEXT_BOLD, &ink, NULL);
          y += title_size * 1.18;
        }
    }
  /* the footer: the attribution (and the sources' line), then the numbered notes */
  foot.width = self->width, foot.height = self->height;
  foot.pad = pad, foot.footer_size = footer_size;
  foot.footer_lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < footer->len; i++)
    g_ptr_array_add (foot.footer_lines,
                     dm_text_ellipsize (cr, g_ptr_array_index (footer, i), footer_size,
                                        DM_TEXT_REGULAR, self->width - 2 * pad));
  dm_figure_lay_out_notes (self, cr, &foot, self->width - 2 * pad);
  footer_h = (foot.footer_lines->len + foot.note_rows) * footer_size * 1.35 + pad * 0.6;
  /* the panels keep at least half the figure: else no notes, and no numbers in them */
  if (header_h + footer_h > self->height / 2.0)
    {
      g_ptr_array_set_size (foot.note_lines, 0);
      g_ptr_array_set_size (foot.note_urls, 0);
      foot.note_rows = foot.note_numbered = 0;
      footer_h = foot.footer_lines->len * footer_size * 1.35 + pad * 0.6;
    }
  grid_h = self->height - header_h - footer_h;
  cols = pick_columns (n, self->width - pad, grid_h);
  rows = (n + cols - 1) / cols;
  pw = (self->width - pad * 2 - gap * (cols - 1)) / cols;
  ph = (grid_h - gap * (rows - 1)) / rows;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmFigure) panel = dm_figure_dup (self);
      double x = pad + (i % cols) * (pw + gap), py = header_h + (i / cols) * (ph + gap);

      panel->small_multiples = 0;
      panel->no_footer = TRUE;
      panel->panel_notes = foot.note_numbered;
      dm_figure_set_size (panel, (int) floor (pw), (int) floor (ph));
      dm_figure_set_title (panel, "");
      /* one legend, listing what the whole range shows: the last panel's */
      dm_figure_set_clip_range (panel, start, end);
      dm_figure_set_show_legend (panel, self->show_legend && i == n - 1);
      dm_figure_set_time (panel, n > 1 ? start + (gint64) llround ((double) (end - start) * i / (n - 1))
                                       : end);
      cairo_save (cr);
      cairo_translate (cr, x, py);
      cairo_rectangle (cr, 0, 0, floor (pw), floor (ph));
      cairo_clip (cr);
      dm_figure_draw (panel, cr);
      cairo_restore (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
      cairo_set_line_width (cr, 1.0);
      cairo_rectangle (cr, x - 0.5, py - 0.5, floor (pw) + 1, floor (ph) + 1);
      cairo_stroke (cr);
    }

  foot.map_y = self->height - footer_h;
  dm_figure_draw_footer (self, cr, &foot);
  dm_figure_layout_clear (&foot);
  cairo_restore (cr);
}
