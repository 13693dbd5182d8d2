/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-great-circle.h"
#include "dm-route-highlight.h"
#include "dm-route-private.h"

/* Selecting a summit or a meeting highlights everyone taking part: the rest of the routes
 * are dimmed under a veil, and the participants' trips around it drawn over it, each in its
 * actor's colour, so that their ways converging on the place stand out. The window's map
 * (DmScreenPainter) and figures (dm_figure_set_highlight(), `--highlight`) draw it alike. */

/* A trip this close before or after the summit is part of the way there and back */
#define AROUND (14 * 86400)

/**
 * dm_route_dup_highlighted: (skip)
 * Who the map highlights when @event is selected: for a summit or a meeting, its actor then
 * its participants, once each; nobody (an empty array) for a visit or a trip.
 */
GPtrArray *
dm_route_dup_highlighted (DmEvent *event)
{
  GPtrArray *people = g_ptr_array_new ();
  GPtrArray *parts;
  DmEventKind kind;

  if (event == NULL)
    return people;
  kind = dm_event_get_kind (event);
  if (kind != DM_EVENT_KIND_SUMMIT && kind != DM_EVENT_KIND_MEETING)
    return people;
  if (dm_event_get_actor (event) != NULL)
    g_ptr_array_add (people, dm_event_get_actor (event));
  parts = dm_event_get_participants (event);
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    if (!g_ptr_array_find (people, g_ptr_array_index (parts, i), NULL))
      g_ptr_array_add (people, g_ptr_array_index (parts, i));
  return people;
}

/* The legs of @trip whose time is known (or, with @uncertain, those whose is not) */
static void
add_legs (cairo_t      *cr,
          const DmView *view,
          DmEvent      *trip,
          gboolean      uncertain)
{
  GPtrArray *legs = dm_event_get_legs (trip);

  for (guint i = 0; legs != NULL && i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      DmLonLat a, b;
      g_autoptr(GArray) points = NULL;

      if (leg->from == NULL || leg->to == NULL || leg->uncertain != uncertain)
        continue;
      a = (DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) };
      b = (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) };
      points = dm_great_circle_densify (a, b, dm_great_circle_segments_for (a, b, 2.0));
      dm_view_append_polyline (view, cr, (DmLonLat *) points->data, points->len);
    }
}

/**
 * dm_route_draw_highlighted: (skip)
 * Dims what @cr shows of @view, then draws the trips of @people from @document that take
 * place within two weeks of @event, each in its actor's colour (from @set) on a white casing.
 */
void
dm_route_draw_highlighted (cairo_t      *cr,
                               const DmView *view,
                               DmRouteSet   *set,
                               DmDocument   *document,
                               DmEvent      *event,
                               GPtrArray    *people)
{
  g_autoptr(GPtrArray) listed = NULL;
  GPtrArray *events;
  gint64 start, end;

  if (people->len == 0 || !dm_event_get_span (event, &start, &end))
    return;
  /* the set's own list of events when it is this document's, or when it never changes (a
   * set built by a worker from a snapshot of the shown events, as the window's map draws
   * big documents: its events are those its routes show): drawing threads read it
   * together, which a GListStore does not allow (it remembers its last read), and it
   * spares a copy of every event at every frame */
  if ((set->document == document && !set->dirty) || set->immutable)
    events = set->events;
  else
    {
      GListModel *model = dm_document_get_events (document);

      listed = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (listed, g_list_model_get_item (model, i));
      events = listed;
    }
  cairo_save (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_fill (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint p = 0; p < people->len; p++)
    {
      DmActor *actor = g_ptr_array_index (people, p);
      DmRgba color = dm_route_set_get_actor_color (set, actor);

      /* legs of known time solid, those of unknown time dotted, as on the map */
      for (int uncertain = 0; uncertain <= 1; uncertain++)
        {
          const double dots[] = { 0.1, 6.0 };

          cairo_new_path (cr);
          for (guint i = 0; i < events->len; i++)
            {
              DmEvent *trip = g_ptr_array_index (events, i);
              gint64 s, e;

              if (dm_event_get_kind (trip) != DM_EVENT_KIND_TRIP || dm_event_get_actor (trip) != actor ||
                  !dm_event_get_span (trip, &s, &e) || e < start - AROUND || s > end + AROUND)
                continue;
              add_legs (cr, view, trip, uncertain);
            }
          cairo_set_dash (cr, uncertain ? dots : NULL, uncertain ? 2 : 0, 0);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, 5);
          cairo_stroke_preserve (cr);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
          cairo_set_line_width (cr, uncertain ? 3.5 : 2.5);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}
