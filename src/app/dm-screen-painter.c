/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-routes"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-great-circle.h"
#include "dm-screen-painter-private.h"

/* See dm-screen-painter.h. Per frame, DmRouteRenderer blits its cached legs and places and
 * draws only what moves (docs/RENDERING.md); the selected event's legs are drawn on top.
 * When the caches must be drawn anew (a new view, a new set, time going back) and the last
 * time that took longer than SLOW_REBUILD_US for this set, worker threads draw them
 * (dm_route_renderer_build_async) while frames show a stand-in; one build at a time, the one
 * for the latest view: an older one is cancelled (docs/APP.md).
 *
 * The route set: dm-screen-painter-set.c. */

/* Rebuilding the caches for a new view slower than this lets a moving view reuse them */
#define SLOW_REBUILD_US 12000

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

DmScreenPainter *
dm_screen_painter_new (void)
{
  DmScreenPainter *self = g_new0 (DmScreenPainter, 1);

  self->slow_rebuild_us = SLOW_REBUILD_US;
  self->async_min_events = ASYNC_MIN_EVENTS;
  return self;
}

void
dm_screen_painter_cancel_build (DmScreenPainter *self)
{
  if (self->build == NULL)
    return;
  g_cancellable_cancel (self->build);
  g_clear_object (&self->build);
}

void
dm_screen_painter_free (DmScreenPainter *self)
{
  if (self == NULL)
    return;
  dm_screen_painter_cancel_build (self);
  dm_screen_painter_cancel_set_build (self);
  dm_screen_painter_unwatch_events (self);
  g_clear_pointer (&self->last_legs, cairo_surface_destroy);
  g_clear_pointer (&self->last_places, cairo_surface_destroy);
  g_clear_pointer (&self->still_prev, cairo_surface_destroy);
  g_clear_pointer (&self->still_region, cairo_region_destroy);
  g_clear_object (&self->layer);
  g_clear_object (&self->set);
  g_clear_pointer (&self->set_events, g_ptr_array_unref);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_object (&self->document);
  g_free (self);
}

void
dm_screen_painter_set_document (DmScreenPainter *self,
                                DmDocument      *document)
{
  if (!g_set_object (&self->document, document))
    return;
  dm_screen_painter_cancel_build (self);
  dm_screen_painter_cancel_set_build (self);
  dm_screen_painter_unwatch_events (self);
  self->complete = FALSE;
  self->cost_serial = 0;
  g_clear_pointer (&self->last_legs, cairo_surface_destroy);
  g_clear_pointer (&self->last_places, cairo_surface_destroy);
  g_clear_object (&self->layer);
  g_clear_object (&self->set);
  g_clear_pointer (&self->set_events, g_ptr_array_unref);
  self->ahead = FALSE;
  self->still_dirty = TRUE;
  if (document == NULL)
    return;
  dm_screen_painter_watch_events (self);
}

void
dm_screen_painter_set_selected (DmScreenPainter *self,
                                DmEvent         *event)
{
  g_set_object (&self->selected, event);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = dm_route_dup_highlighted (event);
  self->still_dirty = TRUE;
}

/* Everyone at the selected summit or meeting, whose routes stand out (empty otherwise) */
GPtrArray *
dm_screen_painter_get_highlighted (DmScreenPainter *self)
{
  if (self->people == NULL)
    self->people = g_ptr_array_new ();
  return self->people;
}

void
dm_screen_painter_set_slow_rebuild (DmScreenPainter *self,
                                    gint64           microseconds)
{
  self->slow_rebuild_us = microseconds;
}

void
dm_screen_painter_set_ready_func (DmScreenPainter *self,
                                  GSourceFunc      func,
                                  gpointer         data)
{
  self->ready_func = func;
  self->ready_data = data;
}

void
dm_screen_painter_set_synchronous (DmScreenPainter *self,
                                   gboolean         synchronous)
{
  self->synchronous = synchronous;
  if (synchronous)
    dm_screen_painter_cancel_build (self);
  dm_screen_painter_update_set (self);
}

DmRouteSet *
dm_screen_painter_get_set (DmScreenPainter *self)
{
  return self->set;
}

DmRouteRenderer *
dm_screen_painter_get_layer (DmScreenPainter *self)
{
  return self->layer;
}

guint
dm_screen_painter_get_n_legs (DmScreenPainter *self)
{
  return self->set != NULL ? dm_route_set_get_n_legs (self->set) : 0;
}

/* The selected event's legs, whole, with a white casing so they stand out */
static void
draw_selected (DmScreenPainter *self,
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
  if (self->people != NULL && self->people->len > 0 && self->document != NULL)
    dm_route_draw_highlighted (cr, view, self->set, self->document, self->selected, self->people);

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

static void
note_cost (DmScreenPainter *self,
           gint64           cost_us)
{
  self->last_cost_us = cost_us;
  self->cost_serial = dm_route_set_get_serial (self->set);
  self->us_per_leg = (double) cost_us / MAX (dm_route_set_get_n_legs (self->set), 1);
}

/* Keeps what the caches hold now as the last picture, to stand in until the next frame can
 * show the caches themselves */
static void
keep_last_picture (DmScreenPainter *self,
                   cairo_surface_t *legs,
                   cairo_surface_t *places,
                   const DmView    *view)
{
  g_clear_pointer (&self->last_legs, cairo_surface_destroy);
  g_clear_pointer (&self->last_places, cairo_surface_destroy);
  self->last_legs = cairo_surface_reference (legs);
  self->last_places = cairo_surface_reference (places);
  self->last_view = *view;
  self->last_serial = dm_route_set_get_serial (self->set);
}

/* On the main thread */
static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  BuildData *data = user_data;
  DmScreenPainter *self = data->painter;
  g_autoptr(GError) error = NULL;

  /* Replaced by another build, or the painter is gone: nothing to touch */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      g_object_unref (data->cancellable);
      g_free (data);
      return;
    }
  g_assert (self->build == data->cancellable);
  g_clear_object (&self->build);
  if (dm_route_renderer_build_finish (DM_ROUTE_RENDERER (source), result, &error))
    {
      note_cost (self, dm_route_renderer_get_build_cost (DM_ROUTE_RENDERER (source)));
      /* The caches at the build's view and time: no drawing (and if time ran on too far for
       * them to be used as they are, they still stand in better than an older picture) */
      keep_last_picture (self,
                         dm_route_renderer_get_legs_surface (self->layer, &self->build_view,
                                                          self->build_t, NULL),
                         dm_route_renderer_get_places_surface (self->layer, &self->build_view, NULL),
                         &self->build_view);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not draw the routes: %s", error->message);
  g_object_unref (data->cancellable);
  g_free (data);
  /* Ready, or stale (the routes changed meanwhile): either way the next frame sees to it */
  if (self->ready_func != NULL)
    self->ready_func (self->ready_data);
}

/* Starts building the caches for @view at @t, unless the build under way will do */
static void
request_build (DmScreenPainter *self,
               const DmView    *view,
               gint64           t)
{
  guint serial = dm_route_set_get_serial (self->set);
  BuildData *data;

  if (self->build != NULL && dm_view_equal (view, &self->build_view) &&
      serial == self->build_serial && t >= self->build_t)
    return;
  dm_screen_painter_cancel_build (self);
  self->build = g_cancellable_new ();
  self->build_view = *view;
  self->build_t = t;
  self->build_serial = serial;
  data = g_new0 (BuildData, 1);
  data->painter = self;
  data->cancellable = g_object_ref (self->build);
  dm_route_renderer_build_async (self->layer, view, t, self->build, build_done_cb, data);
}

/* Whether the caches can be made ready for @view at @t right now, cheaply: they are, or the
 * last rebuild of this set was quick, or for a set not drawn yet (a filter changed), the
 * cost per leg of the last rebuild says it will be */
static gboolean
can_draw_now (DmScreenPainter *self,
              const DmView    *view,
              gint64           t)
{
  if (self->synchronous || dm_route_renderer_has_caches (self->layer, view, t))
    return TRUE;
  if (self->cost_serial == dm_route_set_get_serial (self->set))
    return self->last_cost_us < self->slow_rebuild_us;
  return self->us_per_leg > 0 &&
         self->us_per_leg * dm_route_set_get_n_legs (self->set) < self->slow_rebuild_us;
}

/* The last pictures of the caches moved and scaled to @view, if they show the same routes */
static gboolean
paint_last_moved (DmScreenPainter *self,
                  cairo_t         *cr,
                  const DmView    *view)
{
  const DmView *old = &self->last_view;
  double k, ox, oy, dx;

  if (self->last_legs == NULL || self->last_serial != dm_route_set_get_serial (self->set) ||
      old->projection != view->projection || old->central_lon != view->central_lon ||
      old->device_scale != view->device_scale)
    return FALSE;
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
  cairo_translate (cr, -old->width / 2, -old->height / 2);
  paint_surface (cr, self->last_legs);
  paint_surface (cr, self->last_places);
  cairo_restore (cr);
  return TRUE;
}

/**
 * dm_screen_painter_draw_stand_in:
 * Until the caches are ready (dm_screen_painter_prepare() returned FALSE for @view): the last
 * picture if it can stand in, the selected event and what moves. Draws the same each time
 * it is called for one view and time.
 */
void
dm_screen_painter_draw_stand_in (DmScreenPainter *self,
                                 cairo_t         *cr,
                                 const DmView    *view,
                                 double           time)
{
  if (self->layer == NULL)
    return;
  paint_last_moved (self, cr, view);
  if (self->selected != NULL)
    draw_selected (self, cr, view);
  dm_route_renderer_draw_moving (self->layer, cr, view, (gint64) time);
  self->complete = FALSE;
}

/* The legs' pixels are compared in blocks of this many device pixels a side */
#define BLOCK 64

/* With damage tracked, keeps a copy of @legs' pixels (only inside @rect of the view's pixels,
 * when not NULL) as the still picture now shows them */
static void
remember_legs (DmScreenPainter             *self,
               cairo_surface_t             *legs,
               const cairo_rectangle_int_t *rect)
{
  int w = cairo_image_surface_get_width (legs), h = cairo_image_surface_get_height (legs);
  int stride = cairo_image_surface_get_stride (legs);
  int x0 = 0, y0 = 0, x1 = w, y1 = h;
  guchar *from, *to;

  if (!self->track_damage)
    {
      g_clear_pointer (&self->still_prev, cairo_surface_destroy);
      return;
    }
  if (self->still_prev == NULL || cairo_image_surface_get_width (self->still_prev) != w ||
      cairo_image_surface_get_height (self->still_prev) != h ||
      cairo_image_surface_get_stride (self->still_prev) != stride)
    {
      g_clear_pointer (&self->still_prev, cairo_surface_destroy);
      self->still_prev = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      rect = NULL;
    }
  if (rect != NULL)
    {
      double ds = 1;

      cairo_surface_get_device_scale (legs, &ds, NULL);
      x0 = CLAMP ((int) floor (rect->x * ds), 0, w);
      y0 = CLAMP ((int) floor (rect->y * ds), 0, h);
      x1 = CLAMP ((int) ceil ((rect->x + rect->width) * ds), x0, w);
      y1 = CLAMP ((int) ceil ((rect->y + rect->height) * ds), y0, h);
    }
  cairo_surface_flush (legs);
  cairo_surface_flush (self->still_prev);
  from = cairo_image_surface_get_data (legs);
  to = cairo_image_surface_get_data (self->still_prev);
  for (int y = y0; y < y1; y++)
    memcpy (to + (gsize) y * stride + 4 * x0, from + (gsize) y * stride + 4 * x0, 4 * (x1 - x0));
}

/* Where @legs differs from the copy remembered, in blocks (copied as they are found): a
 * region of the view's pixels, empty when no pixel changed */
static cairo_region_t *
compare_legs (DmScreenPainter *self,
              cairo_surface_t *legs)
{
  int w = cairo_image_surface_get_width (legs), h = cairo_image_surface_get_height (legs);
  int stride = cairo_image_surface_get_stride (legs);
  cairo_region_t *region = cairo_region_create ();
  guchar *now, *before;
  double ds = 1;

  cairo_surface_get_device_scale (legs, &ds, NULL);
  cairo_surface_flush (legs);
  cairo_surface_flush (self->still_prev);
  now = cairo_image_surface_get_data (legs);
  before = cairo_image_surface_get_data (self->still_prev);
  for (int by = 0; by < h; by += BLOCK)
    for (int bx = 0; bx < w; bx += BLOCK)
      {
        int bw = MIN (BLOCK, w - bx), bh = MIN (BLOCK, h - by);
        gsize at = (gsize) by * stride + 4 * bx;
        gboolean same = TRUE;
        cairo_rectangle_int_t r;

        for (int y = 0; y < bh && same; y++)
          same = memcmp (now + at + (gsize) y * stride, before + at + (gsize) y * stride, 4 * bw) == 0;
        if (same)
          continue;
        for (int y = 0; y < bh; y++)
          memcpy (before + at + (gsize) y * stride, now + at + (gsize) y * stride, 4 * bw);
        r.x = (int) floor (bx / ds);
        r.y = (int) floor (by / ds);
        r.width = (int) ceil ((bx + bw) / ds) - r.x;
        r.height = (int) ceil ((by + bh) / ds) - r.y;
        cairo_region_union_rectangle (region, &r);
      }
  return region;
}

/* The still picture changed only in @region (taken; NULL: anywhere) */
static void
set_still_region (DmScreenPainter *self,
                  cairo_region_t  *region)
{
  g_clear_pointer (&self->still_region, cairo_region_destroy);
  self->still_region = region;
  self->still_partial = region != NULL;
  if (region != NULL)
    cairo_region_get_extents (region, &self->still_damage);
}

/**
 * dm_screen_painter_prepare:
 * @stamp: (out) (optional): the still picture's stamp: equal stamps, equal pictures
 *
 * Makes the caches ready for @view at @time when that is cheap, and returns TRUE: then
 * dm_screen_painter_draw_still() and dm_screen_painter_draw_moving() draw the routes, in two
 * layers. Otherwise starts a build in worker threads and returns FALSE: then
 * dm_screen_painter_draw() draws a stand-in.
 */
gboolean
dm_screen_painter_prepare (DmScreenPainter *self,
                           const DmView    *view,
                           double           time,
                           guint           *stamp)
{
  cairo_surface_t *legs, *places;
  gboolean legs_changed = FALSE, places_changed = FALSE, rebuilt;
  guint n_rebuilds;
  gint64 t0;

  if (self->layer == NULL)
    return FALSE;
  if (!can_draw_now (self, view, (gint64) time))
    {
      request_build (self, view, (gint64) time);
      return FALSE;
    }
  /* Whatever was being built is not what this frame shows */
  dm_screen_painter_cancel_build (self);
  n_rebuilds = dm_route_renderer_get_n_rebuilds (self->layer);
  t0 = g_get_monotonic_time ();
  legs = dm_route_renderer_get_legs_surface (self->layer, view, (gint64) time, &legs_changed);
  places = dm_route_renderer_get_places_surface (self->layer, view, &places_changed);
  if (dm_route_renderer_get_n_rebuilds (self->layer) != n_rebuilds)
    note_cost (self, g_get_monotonic_time () - t0);
  keep_last_picture (self, legs, places, view);
  rebuilt = dm_route_renderer_get_n_rebuilds (self->layer) != self->still_rebuilds;
  if (rebuilt && self->still_prev != NULL && !self->still_dirty && !places_changed &&
      legs == self->still_legs && places == self->still_places &&
      dm_view_equal (view, &self->still_view))
    {
      /* The legs drawn anew for the same view (a time window fades them as time runs): the
       * still picture changed only where their pixels did, if anywhere */
      cairo_region_t *region = compare_legs (self, legs);

      self->still_rebuilds = dm_route_renderer_get_n_rebuilds (self->layer);
      if (cairo_region_is_empty (region))
        cairo_region_destroy (region);
      else
        {
          self->still_stamp++;
          set_still_region (self, region);
        }
    }
  else if (self->still_dirty || places_changed || legs != self->still_legs ||
           places != self->still_places || !dm_view_equal (view, &self->still_view) || rebuilt)
    {
      self->still_stamp++;
      set_still_region (self, NULL);
      self->still_dirty = FALSE;
      self->still_legs = legs;
      self->still_places = places;
      self->still_view = *view;
      self->still_rebuilds = dm_route_renderer_get_n_rebuilds (self->layer);
      remember_legs (self, legs, NULL);
    }
  else if (legs_changed)
    {
      cairo_rectangle_int_t rect;

      /* Only what flew since was added to the legs: there */
      self->still_stamp++;
      if (dm_route_renderer_get_legs_damage (self->layer, &rect))
        {
          set_still_region (self, cairo_region_create_rectangle (&rect));
          remember_legs (self, legs, &rect);
        }
      else
        {
          set_still_region (self, NULL);
          remember_legs (self, legs, NULL);
        }
    }
  if (stamp != NULL)
    *stamp = self->still_stamp;
  return TRUE;
}

/* Whether dm_screen_painter_get_still_damage() is to know where the legs changed (a little
 * more work as they land; default FALSE) */
void
dm_screen_painter_set_track_damage (DmScreenPainter *self,
                                    gboolean         track)
{
  self->track_damage = track;
  if (self->layer != NULL)
    dm_route_renderer_set_track_damage (self->layer, track);
}

/**
 * dm_screen_painter_get_still_damage:
 * Whether the still picture of the last dm_screen_painter_prepare() differs from the one
 * before it (one stamp less) only inside @rect (the view's pixels); FALSE: anywhere.
 */
gboolean
dm_screen_painter_get_still_damage (DmScreenPainter       *self,
                                    cairo_rectangle_int_t *rect)
{
  *rect = self->still_damage;
  return self->still_partial;
}

/**
 * dm_screen_painter_get_still_region:
 * The same as dm_screen_painter_get_still_damage(), more closely: where the still picture
 * changed, or NULL: anywhere. Owned by the painter, valid until the next prepare.
 */
const cairo_region_t *
dm_screen_painter_get_still_region (DmScreenPainter *self)
{
  return self->still_partial ? self->still_region : NULL;
}

/**
 * dm_screen_painter_draw_still:
 * What does not move, after dm_screen_painter_prepare() returned TRUE for @view: the legs
 * that landed, the selected event over them, the places.
 */
void
dm_screen_painter_draw_still (DmScreenPainter *self,
                              cairo_t         *cr,
                              const DmView    *view)
{
  g_return_if_fail (self->still_legs != NULL && dm_view_equal (view, &self->still_view));

  paint_surface (cr, self->still_legs);
  /* Over the legs that do not move, under the places and what moves */
  if (self->selected != NULL)
    draw_selected (self, cr, view);
  paint_surface (cr, self->still_places);
}

/**
 * dm_screen_painter_draw_moving:
 * What moves at @time, over the still picture, after dm_screen_painter_prepare() returned
 * TRUE for @view and @time: the drawing is then complete.
 */
void
dm_screen_painter_draw_moving (DmScreenPainter *self,
                               cairo_t         *cr,
                               const DmView    *view,
                               double           time)
{
  dm_route_renderer_draw_moving (self->layer, cr, view, (gint64) time);
  self->complete = TRUE;
  self->drawn_view = *view;
  self->drawn_time = time;
}

void
dm_screen_painter_draw (DmScreenPainter *self,
                        cairo_t         *cr,
                        const DmView    *view,
                        double           time)
{
  if (self->layer == NULL)
    return;
  if (!dm_screen_painter_prepare (self, view, time, NULL))
    {
      dm_screen_painter_draw_stand_in (self, cr, view, time);
      return;
    }
  dm_screen_painter_draw_still (self, cr, view);
  dm_screen_painter_draw_moving (self, cr, view, time);
}

gboolean
dm_screen_painter_draw_moving_view (DmScreenPainter *self,
                                    cairo_t         *cr,
                                    const DmView    *view,
                                    double           time)
{
  const DmView *old = &self->last_view;

  if (self->layer == NULL || self->last_legs == NULL || self->last_cost_us < self->slow_rebuild_us ||
      old->width != view->width || old->height != view->height || dm_view_equal (view, old) ||
      !paint_last_moved (self, cr, view))
    {
      dm_screen_painter_draw (self, cr, view, time);
      return FALSE;
    }
  if (self->selected != NULL)
    draw_selected (self, cr, view);
  dm_route_renderer_draw_moving (self->layer, cr, view, (gint64) time);
  self->complete = FALSE;
  return TRUE;
}

gboolean
dm_screen_painter_is_complete (DmScreenPainter *self,
                               const DmView    *view,
                               double           time)
{
  return self->layer != NULL && self->set_build == NULL && self->complete &&
         dm_view_equal (view, &self->drawn_view) &&
         time == self->drawn_time && self->last_serial == dm_route_set_get_serial (self->set);
}
