/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-basemap.h"
#include "dm-figure-private.h"
#include "dm-route-highlight.h"
#include "dm-route-private.h"

/* A figure's map, bottom to top: the base map with the countries of the actors the legend
 * lists tinted; the map's country and capital labels; the routes with their dots, names,
 * markers and captions (with footnotes, each place name carries the numbers of the notes of
 * its events, as listed under the map); the legend and the scale bar. Labels never overlap: the legend and
 * the scale bar take their boxes first, the routes' marks and labels next (placed once,
 * painted later), and the map's labels take the room left, though they are drawn under the
 * routes. */

/* the base map and its labels, in rows of a leg's stroke (dm-route-parallel.c) per pixel */
#define HEAD_ROWS_PER_PIXEL 0.06

/* The highlighted event as the window draws a selected one: for a summit or a meeting, the
 * routes veiled and everyone's trips within two weeks of it drawn over them in their colours
 * (for a visit or a trip, its actor's), and a ring around its place */
static void
draw_highlight (DmFigure     *self,
                cairo_t      *cr,
                const DmView *view)
{
  DmEvent *event = self->highlight != NULL ? dm_document_lookup_event (self->document, self->highlight)
                                           : NULL;
  g_autoptr(GPtrArray) people = NULL;
  DmPlace *place;
  DmRgba color;

  if (event == NULL)
    return;
  people = dm_route_dup_highlighted (event);
  if (people->len == 0 && dm_event_get_actor (event) != NULL)
    g_ptr_array_add (people, dm_event_get_actor (event));
  dm_route_draw_highlighted (cr, view, self->set, self->document, event, people);
  place = dm_event_get_place (event);
  if (place != NULL)
    {
      double x, y;

      color = dm_route_set_get_actor_color (self->set, people->len > 0 ? g_ptr_array_index (people, 0) : NULL);
      dm_view_project (view, dm_view_wrap_lon (view, dm_place_get_longitude (place)),
                       dm_place_get_latitude (place), &x, &y);
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 11, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

/**
 * dm_figure_draw_map:
 * Draws the map area of @l (origin at its top-left corner) onto @cr, clipped to it by the
 * caller. Keeps the boxes of every mark and label placed (dm_figure_get_placed()).
 */
void
dm_figure_draw_map (DmFigure             *self,
                    cairo_t              *cr,
                    const DmFigureLayout *l,
                    const DmMapStyle     *map_style,
                    const DmRouteStyle   *route_style)
{
  g_autoptr(DmMapStyle) style = dm_map_style_copy (map_style);
  g_autoptr(DmLabelPlacer) taken = dm_label_placer_new (l->map_w, l->map_h);
  g_autoptr(DmRouteLabels) labels = NULL;
  g_autoptr(GHashTable) event_notes = NULL;
  DmBasemap *basemap = dm_basemap_get_default ();
  gint64 t = dm_figure_get_time (self);
  DmRouteLegsJob *legs;
  double legend[4], bar[4];
  gboolean has_legend = FALSE, labels_with_legs;
  int corner = 2;

  if (self->show_legend)
    has_legend = dm_figure_draw_legend (self, cr, l, route_style, FALSE, legend, &corner);
  if (has_legend)
    {
      dm_label_placer_add (taken, legend[0], legend[1], legend[2], legend[3]);
      dm_figure_add_tints (self, style, t);
    }
  if (dm_figure_get_scale_bar_box (self, cr, l, corner, bar))
    dm_label_placer_add (taken, bar[0], bar[1], bar[2], bar[3]);

  /* with footnotes, each place name carries the numbers of its events' notes listed below */
  if (l->note_numbered > 0)
    {
      g_autoptr(GPtrArray) notes = NULL;
      GHashTableIter iter;
      GArray *numbers;

      event_notes = dm_figure_new_event_notes ();
      notes = dm_figure_dup_footnotes (self, NULL, event_notes);
      g_hash_table_iter_init (&iter, event_notes);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &numbers))
        for (guint i = numbers->len; i > 0; i--)
          if (g_array_index (numbers, guint, i - 1) > l->note_numbered)
            g_array_remove_index (numbers, i - 1);
    }
  labels = dm_route_place_labels (self->set, cr, &l->view, route_style, t, taken, event_notes);

  /* the legs' other threads start now, while this one draws the base map and its labels
   * under them: about 0.06 of a leg's row of work for each pixel of the map (the U.S.
   * record's world map, docs/PERFORMANCE.md); from here to the legs the set is only read.
   * The last of them paints the places' dots and names over its legs, unless a highlighted
   * event comes between the legs and the names. */
  legs = dm_figure_start_legs (self, cr, l, route_style, t, l->map_w * l->map_h * HEAD_ROWS_PER_PIXEL,
                               self->highlight == NULL ? labels : NULL);
  labels_with_legs = legs != NULL && dm_route_legs_job_paints_labels (legs);
  style->show_labels = FALSE;
  dm_figure_draw_basemap (self, cr, l, style);
  if (map_style->show_labels)
    dm_basemap_draw_labels (basemap, cr, &l->view, map_style, taken);
  dm_figure_draw_legs (self, cr, l, route_style, t, legs);
  draw_highlight (self, cr, &l->view);
  if (!labels_with_legs)
    dm_route_paint_labels (self->set, cr, &l->view, route_style, labels);
  if (has_legend)
    dm_figure_draw_legend (self, cr, l, route_style, TRUE, legend, &corner);
  dm_figure_draw_scale_bar (self, cr, l, corner);

  g_clear_pointer (&self->placed, dm_label_placer_free);
  self->placed = g_steal_pointer (&taken);
}

/**
 * dm_figure_get_placed:
 * The boxes of the marks and labels (the map's, the routes', the legend, the scale bar) of
 * the figure drawn last, in the map area's pixels; %NULL before the first drawing. For tests.
 */
const DmLabelPlacer *
dm_figure_get_placed (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), NULL);
  return self->placed;
}

const char *
dm_figure_get_highlight (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), NULL);
  return self->highlight;
}

/**
 * dm_figure_set_highlight:
 * @event_id: (nullable): the id of an event of the figure's document
 *
 * Draws that event as the window draws its selection (the routes veiled, everyone taking part
 * in a summit or meeting drawn over them, a ring around its place); an id the document does
 * not have highlights nothing.
 */
void
dm_figure_set_highlight (DmFigure   *self,
                         const char *event_id)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  g_free (self->highlight);
  self->highlight = g_strdup (event_id);
}
