/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-routes"

#include "config.h"

#include <math.h>

#include "dm-great-circle.h"
#include "dm-routes-painter.h"

/* See dm-routes-painter.h. Per frame, DmRouteLayer blits its cached legs and places and
 * draws only what moves (docs/RENDERING.md); the selected event's legs are drawn on top. */

struct _DmRoutesPainter
{
  DmDocument   *document;
  DmEvent      *selected;
  DmRouteSet   *set;
  DmRouteLayer *layer;
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
  return g_new0 (DmRoutesPainter, 1);
}

void
dm_routes_painter_free (DmRoutesPainter *self)
{
  if (self == NULL)
    return;
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
  DmRgba color = dm_route_set_get_actor_color (self->set, dm_event_get_actor (self->selected));

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

void
dm_routes_painter_draw (DmRoutesPainter *self,
                        cairo_t         *cr,
                        const DmView    *view,
                        double           time)
{
  if (self->layer == NULL)
    return;
  if (self->selected != NULL)
    {
      /* Under the layer's moving parts: the legs cache, then the highlight, then what moves */
      cairo_surface_t *legs = dm_route_layer_get_legs_surface (self->layer, view, (gint64) time, NULL);
      cairo_surface_t *places = dm_route_layer_get_places_surface (self->layer, view, NULL);

      cairo_save (cr);
      cairo_set_source_surface (cr, legs, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      draw_selected (self, cr, view);
      cairo_save (cr);
      cairo_set_source_surface (cr, places, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      dm_route_layer_draw_moving (self->layer, cr, view, (gint64) time);
      return;
    }
  dm_route_layer_draw (self->layer, cr, view, (gint64) time);
}
