/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-routes"

#include "config.h"

#include <math.h>

#include "dm-great-circle.h"
#include "dm-routes-painter.h"

/* See dm-routes-painter.h. Per frame, DmRouteLayer blits its cached legs and places and
 * draws only what moves (docs/RENDERING.md); the selected event's legs are drawn on top. */

/* Rebuilding the caches for a new view slower than this lets a moving view reuse them */
#define SLOW_REBUILD_US 12000

struct _DmRoutesPainter
{
  DmDocument      *document;
  DmEvent         *selected;
  DmRouteSet      *set;
  DmRouteLayer    *layer;

  /* The caches as last drawn, for views on the move */
  cairo_surface_t *last_legs;
  cairo_surface_t *last_places;
  DmView           last_view;
  gint64           last_cost_us;
  gint64           slow_rebuild_us;
};

void
dm_view_init_screen (DmView *view,
                     double  latitude,
                     double  longitude,
                     double  zoom,
                     double  tile_size,
                     double  width,
                     double  height,
                     double  device_scale)
{
  DmLonLat center = { longitude, latitude };

  dm_view_init (view, DM_PROJECTION_MERCATOR, center, tile_size * exp2 (zoom) / (2 * G_PI),
                width, height);
  view->device_scale = MAX (device_scale, 1);
}

DmRoutesPainter *
dm_routes_painter_new (void)
{
  DmRoutesPainter *self = g_new0 (DmRoutesPainter, 1);

  self->slow_rebuild_us = SLOW_REBUILD_US;
  return self;
}

void
dm_routes_painter_free (DmRoutesPainter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->last_legs, cairo_surface_destroy);
  g_clear_pointer (&self->last_places, cairo_surface_destroy);
  g_clear_object (&self->layer);
  g_clear_object (&self->set);
  g_clear_object (&self->selected);
  g_clear_object (&self->document);
  g_free (self);
}

void
dm_routes_painter_set_document (DmRoutesPainter *self,
                                DmDocument      *document)
{
  if (!g_set_object (&self->document, document))
    return;
  g_clear_pointer (&self->last_legs, cairo_surface_destroy);
  g_clear_pointer (&self->last_places, cairo_surface_destroy);
  g_clear_object (&self->layer);
  g_clear_object (&self->set);
  if (document == NULL)
    return;
  /* The set follows the document's events by itself */
  self->set = dm_route_set_new (document);
  self->layer = dm_route_layer_new (self->set);
}

void
dm_routes_painter_set_selected (DmRoutesPainter *self,
                                DmEvent         *event)
{
  g_set_object (&self->selected, event);
}

void
dm_routes_painter_set_slow_rebuild (DmRoutesPainter *self,
                                    gint64           microseconds)
{
  self->slow_rebuild_us = microseconds;
}

DmRouteSet *
dm_routes_painter_get_set (DmRoutesPainter *self)
{
  return self->set;
}

DmRouteLayer *
dm_routes_painter_get_layer (DmRoutesPainter *self)
{
  return self->layer;
}

guint
dm_routes_painter_get_n_legs (DmRoutesPainter *self)
{
  return self->set != NULL ? dm_route_set_get_n_legs (self->set) : 0;
}

/* The selected event's legs, whole, with a white casing so they stand out */
static void
draw_selected (DmRoutesPainter *self,
               cairo_t         *cr,
               const DmView    *view)
{
  GPtrArray *legs = dm_event_get_legs (self->selected);
  DmActor *actor = dm_event_get_actor (self->selected);
  GPtrArray *participants = dm_event_get_participants (self->selected);
  DmPlace *place = dm_event_get_place (self->selected);
  DmRgba color;

  if (actor == NULL && participants != NULL && participants->len > 0)
    actor = g_ptr_array_index (participants, 0);
  color = dm_route_set_get_actor_color (self->set, actor);

  /* A visit, summit or meeting: a ring around its place, in every copy of the world */
  if (place != NULL)
    {
      double px, py, world = dm_view_get_world_width (view);
      int k0 = 0, k1 = 0;

      dm_view_project (view, dm_place_get_longitude (place), dm_place_get_latitude (place), &px, &py);
      if (world > 0)
        {
          k0 = (int) floor (-px / world);
          k1 = (int) ceil ((view->width - px) / world);
        }
      cairo_save (cr);
      for (int k = k0; k <= k1; k++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, px + k * world, py, 11, 0, 2 * G_PI);
        }
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  if (legs == NULL || legs->len == 0)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      DmLonLat a, b;
      g_autoptr(GArray) points = NULL;

      if (leg->from == NULL || leg->to == NULL)
        continue;
      a = (DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) };
      b = (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) };
      points = dm_great_circle_densify (a, b, dm_great_circle_segments_for (a, b, 2.0));
      dm_view_append_polyline (view, cr, (DmLonLat *) points->data, points->len);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 6.5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
paint_surface (cairo_t         *cr,
               cairo_surface_t *surface)
{
  cairo_save (cr);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
dm_routes_painter_draw (DmRoutesPainter *self,
                        cairo_t         *cr,
                        const DmView    *view,
                        double           time)
{
  cairo_surface_t *legs, *places;
  gboolean new_view;
  gint64 t0;

  if (self->layer == NULL)
    return;
  new_view = self->last_legs == NULL || !dm_view_equal (view, &self->last_view);
  t0 = g_get_monotonic_time ();
  legs = dm_route_layer_get_legs_surface (self->layer, view, (gint64) time, NULL);
  places = dm_route_layer_get_places_surface (self->layer, view, NULL);
  if (new_view)
    self->last_cost_us = g_get_monotonic_time () - t0;
  g_clear_pointer (&self->last_legs, cairo_surface_destroy);
  g_clear_pointer (&self->last_places, cairo_surface_destroy);
  self->last_legs = cairo_surface_reference (legs);
  self->last_places = cairo_surface_reference (places);
  self->last_view = *view;

  paint_surface (cr, legs);
  /* Over the legs that do not move, under the places and what moves */
  if (self->selected != NULL)
    draw_selected (self, cr, view);
  paint_surface (cr, places);
  dm_route_layer_draw_moving (self->layer, cr, view, (gint64) time);
}

gboolean
dm_routes_painter_draw_moving_view (DmRoutesPainter *self,
                                    cairo_t         *cr,
                                    const DmView    *view,
                                    double           time)
{
  const DmView *old = &self->last_view;
  double k, ox, oy, dx;

  if (self->layer == NULL || self->last_legs == NULL || self->last_cost_us < self->slow_rebuild_us ||
      old->projection != view->projection || old->width != view->width ||
      old->height != view->height || old->device_scale != view->device_scale ||
      dm_view_equal (view, old))
    {
      dm_routes_painter_draw (self, cr, view, time);
      return FALSE;
    }

  /* A point at old pixel p is now at w/2 + (x - cx') s' with x = cx + (p - w/2) / s */
  k = view->scale / old->scale;
  dx = old->center_x - view->center_x;
  /* The map's longitude wraps at ±180: the nearest copy of the old picture */
  if (dm_projection_wraps (view->projection))
    dx -= 2 * G_PI * round (dx / (2 * G_PI));
  ox = view->width / 2 + dx * view->scale;
  oy = view->height / 2 - (old->center_y - view->center_y) * view->scale;
  cairo_save (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, k, k);
  cairo_translate (cr, -view->width / 2, -view->height / 2);
  paint_surface (cr, self->last_legs);
  paint_surface (cr, self->last_places);
  cairo_restore (cr);
  if (self->selected != NULL)
    draw_selected (self, cr, view);
  dm_route_layer_draw_moving (self->layer, cr, view, (gint64) time);
  return TRUE;
}
