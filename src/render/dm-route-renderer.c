/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-route-renderer-private.h"

/* The routes over the map, drawn cheaply frame after frame (docs/RENDERING.md, "Routes").
 *
 * Three parts, bottom to top:
 *  - legs: the legs done at t in full, the part flown of those in the air, the rest faint. Cached in an image surface that
 *    depends on the view, the set, the style and t. When t moves forward only what was flown
 *    since is drawn on top of it (a piece of leg covers its faint self exactly: same path,
 *    dashes in phase); when t moves back, or anything else changes, it is drawn again from
 *    scratch.
 *  - places: dots and names, cached; depends on the view, the set and the style only.
 *  - moving: legs in the air and stays going on, drawn every frame; their captions avoid the
 *    place names.
 * The two caches are drawn here on demand, or by worker threads (dm-route-renderer-build.c). */

/* More legs landing than this since the legs cache was drawn: a build may be quicker */
#define MAX_LANDED 256

G_DEFINE_FINAL_TYPE (DmRouteRenderer, dm_route_renderer, G_TYPE_OBJECT)

static void
dm_route_renderer_dispose (GObject *object)
{
  DmRouteRenderer *self = DM_ROUTE_RENDERER (object);

  g_clear_pointer (&self->legs, cairo_surface_destroy);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->places, cairo_surface_destroy);
  g_clear_pointer (&self->placer, dm_label_placer_free);
  g_clear_pointer (&self->places_in, g_free);
  g_clear_object (&self->frozen);
  g_clear_pointer (&self->style, dm_route_style_unref);
  g_clear_object (&self->set);
  G_OBJECT_CLASS (dm_route_renderer_parent_class)->dispose (object);
}

static void
dm_route_renderer_class_init (DmRouteRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dm_route_renderer_dispose;
}

static void
dm_route_renderer_init (DmRouteRenderer *self)
{
  self->style = dm_route_style_copy (dm_route_style_get_default ());
  self->n_workers = CLAMP (g_get_num_processors (), 1, 2);
}

DmRouteRenderer *
dm_route_renderer_new (DmRouteSet *set)
{
  DmRouteRenderer *self;

  g_return_val_if_fail (DM_IS_ROUTE_SET (set), NULL);
  self = g_object_new (DM_TYPE_ROUTE_RENDERER, NULL);
  self->set = g_object_ref (set);
  return self;
}

DmRouteSet *
dm_route_renderer_get_set (DmRouteRenderer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), NULL);
  return self->set;
}

/**
 * dm_route_renderer_set_set:
 * Draws @set from now on, in the same style: a set built by a worker thread taking the place
 * of the one drawn so far. The caches go with the old set.
 */
void
dm_route_renderer_set_set (DmRouteRenderer *self,
                           DmRouteSet      *set)
{
  g_return_if_fail (DM_IS_ROUTE_RENDERER (self));
  g_return_if_fail (DM_IS_ROUTE_SET (set));

  if (!g_set_object (&self->set, set))
    return;
  g_clear_object (&self->frozen);
  g_clear_pointer (&self->legs, cairo_surface_destroy);
  g_clear_pointer (&self->places, cairo_surface_destroy);
  dm_route_renderer_drop_keys (self);
}

const DmRouteStyle *
dm_route_renderer_get_style (DmRouteRenderer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), NULL);
  return self->style;
}

void
dm_route_renderer_set_style (DmRouteRenderer *self,
                          DmRouteStyle *style)
{
  g_return_if_fail (DM_IS_ROUTE_RENDERER (self));
  g_return_if_fail (style != NULL);
  if (style == self->style)
    return;
  dm_route_style_ref (style);
  g_clear_pointer (&self->style, dm_route_style_unref);
  self->style = style;
  self->style_generation++;
  /* a new style object: caches keyed on the old serial must not match by chance */
  self->legs_style_serial = self->places_style_serial = 0;
  g_clear_pointer (&self->legs, cairo_surface_destroy);
  g_clear_pointer (&self->places, cairo_surface_destroy);
  dm_route_renderer_drop_keys (self);
}

static cairo_surface_t *
surface_for (cairo_surface_t *old,
             const DmView    *view)
{
  double ds = MAX (view->device_scale, 1e-3);
  int w = (int) ceil (view->width * ds), h = (int) ceil (view->height * ds);
  cairo_surface_t *s = old;

  if (s == NULL || cairo_image_surface_get_width (s) != w || cairo_image_surface_get_height (s) != h)
    {
      if (s != NULL)
        cairo_surface_destroy (s);
      s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (w, 1), MAX (h, 1));
    }
  cairo_surface_set_device_scale (s, ds, ds);
  return s;
}

cairo_surface_t *
dm_route_renderer_new_surface (const DmView *view)
{
  return surface_for (NULL, view);
}

static void
clear (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Takes @legs, drawn for @view at @t */
void
dm_route_renderer_set_legs (DmRouteRenderer    *self,
                         cairo_surface_t *legs,
                         const DmView    *view,
                         guint            set_serial,
                         guint            style_serial,
                         gint64           t)
{
  cairo_surface_flush (legs);
  cairo_surface_mark_dirty (legs);
  if (self->legs != legs)
    g_clear_pointer (&self->legs, cairo_surface_destroy);
  self->legs = legs;
  self->legs_view = *view;
  self->legs_set_serial = set_serial;
  self->legs_style_serial = style_serial;
  self->legs_t = t;
  self->n_rebuilds++;
  dm_route_renderer_keep_key (self, TRUE);
}

/* Dots and names onto @cr, which is clear; the boxes they take come back in a new placer.
 * Once @cancellable is cancelled the names left are not placed: the result is not to be kept. */
void
dm_route_renderer_draw_places_into (DmRouteSet         *set,
                                 cairo_t            *cr,
                                 const DmView       *view,
                                 const DmRouteStyle *style,
                                 gint64              t,
                                 GCancellable       *cancellable,
                                 DmLabelPlacer     **placer)
{
  *placer = dm_label_placer_new (view->width, view->height);
  dm_route_draw_places (set, cr, view, style, t, *placer, cancellable);
}

/* Takes @places and its placer, drawn for @view */
void
dm_route_renderer_set_places (DmRouteRenderer    *self,
                           cairo_surface_t *places,
                           DmLabelPlacer   *placer,
                           const DmView    *view,
                           guint            set_serial,
                           guint            style_serial,
                           gint64           t)
{
  cairo_surface_flush (places);
  cairo_surface_mark_dirty (places);
  if (self->places != places)
    g_clear_pointer (&self->places, cairo_surface_destroy);
  self->places = places;
  g_clear_pointer (&self->placer, dm_label_placer_free);
  self->placer = placer;
  self->places_view = *view;
  self->places_set_serial = set_serial;
  self->places_style_serial = style_serial;
  self->places_t = t;
  g_clear_pointer (&self->places_in, g_free);
}

/**
 * dm_route_renderer_has_caches:
 * Whether the caches hold @view at @t, or so nearly (legs that landed since to add) that
 * dm_route_renderer_get_legs_surface() and dm_route_renderer_get_places_surface() are cheap. If
 * not, they draw from scratch: dm_route_renderer_build_async() does it in worker threads.
 */
gboolean
dm_route_renderer_has_caches (DmRouteRenderer *self,
                           const DmView *view,
                           gint64        t)
{
  guint set_serial, style_serial;

  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  set_serial = dm_route_set_get_serial (self->set);
  style_serial = dm_route_style_get_serial (self->style);
  /* the legs from a keyframe, the places as they are */
  if (self->places != NULL && dm_view_equal (view, &self->places_view) &&
      set_serial == self->places_set_serial && style_serial == self->places_style_serial &&
      dm_route_renderer_has_key (self, view, t))
    return TRUE;
  if (self->legs == NULL || self->places == NULL ||
      !dm_view_equal (view, &self->legs_view) ||
      !dm_view_equal (view, &self->places_view) ||
      set_serial != self->legs_set_serial || set_serial != self->places_set_serial ||
      style_serial != self->legs_style_serial || style_serial != self->places_style_serial ||
      t < self->legs_t ||
      ((self->style->window > 0 || self->style->flows) && t != self->legs_t) ||
      (self->style->window > 0 && t != self->places_t))
    return FALSE;
  /* the same serial: the set was not changed since it was last made ready */
  return dm_route_set_first_ending_after (self->set, t) -
         dm_route_set_first_ending_after (self->set, self->legs_t) <= MAX_LANDED;
}

/**
 * dm_route_renderer_get_legs_surface:
 * @changed: (out) (optional): set to whether the surface's pixels changed since last asked
 *
 * The legs that do not move at @t, for @view: an image surface of the view's size in device
 * pixels (its device scale set). Owned by the layer; valid until the next call.
 */
cairo_surface_t *
dm_route_renderer_get_legs_surface (DmRouteRenderer *self,
                                 const DmView *view,
                                 gint64        t,
                                 gboolean     *changed)
{
  guint set_serial, style_serial;
  cairo_surface_t *legs;
  cairo_t *cr;

  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  dm_route_set_ensure (self->set);
  set_serial = dm_route_set_get_serial (self->set);
  style_serial = dm_route_style_get_serial (self->style);
  if (self->legs != NULL && dm_view_equal (view, &self->legs_view) &&
      set_serial == self->legs_set_serial && style_serial == self->legs_style_serial &&
      t >= self->legs_t &&
      ((self->style->window == 0 && !self->style->flows) || t == self->legs_t) &&
      /* far forward: from a keyframe nearer, if one is */
      (dm_route_set_first_ending_after (self->set, t) -
       dm_route_set_first_ending_after (self->set, self->legs_t) <= MAX_LANDED ||
       !dm_route_renderer_has_key (self, view, t)))
    {
      gboolean moved = FALSE;

      self->legs_damage = (cairo_rectangle_int_t) { 0, 0, 0, 0 };
      self->legs_damage_known = self->track_damage;
      if (t > self->legs_t && !self->track_damage)
        {
          cr = cairo_create (self->legs);
          dm_route_draw_flown (self->set, cr, view, self->style, self->legs_t, t);
          cairo_destroy (cr);
          cairo_surface_flush (self->legs);
          cairo_surface_mark_dirty (self->legs);
          moved = TRUE;
        }
      else if (t > self->legs_t)
        {
          /* Recorded first, to know where it lands (the screen redraws only there); drawn
           * straight onto the legs, so the pixels are those of a drawing without it */
          cairo_surface_t *flown;
          cairo_rectangle_t bounds = { 0, 0, view->width, view->height };
          double x, y, w, h;

          flown = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &bounds);
          cr = cairo_create (flown);
          dm_route_draw_flown (self->set, cr, view, self->style, self->legs_t, t);
          cairo_destroy (cr);
          cairo_recording_surface_ink_extents (flown, &x, &y, &w, &h);
          moved = w > 0 && h > 0;
          if (moved)
            {
              self->legs_damage = (cairo_rectangle_int_t) { floor (x) - 1, floor (y) - 1,
                                                            ceil (x + w) - floor (x) + 2,
                                                            ceil (y + h) - floor (y) + 2 };
              cr = cairo_create (self->legs);
              dm_route_draw_flown (self->set, cr, view, self->style, self->legs_t, t);
              cairo_destroy (cr);
              cairo_surface_flush (self->legs);
              cairo_surface_mark_dirty (self->legs);
            }
          cairo_surface_destroy (flown);
        }
      self->legs_t = t;
      if (moved)
        dm_route_renderer_keep_key (self, FALSE);
      if (changed)
        *changed = moved;
      return self->legs;
    }

  self->legs_damage_known = FALSE;
  if (dm_route_renderer_legs_from_key (self, view, t))
    {
      if (changed)
        *changed = TRUE;
      return self->legs;
    }
  legs = surface_for (g_steal_pointer (&self->legs), view);
  cr = cairo_create (legs);
  clear (cr);
  dm_route_draw_legs (self->set, cr, view, self->style, t, FALSE);
  dm_route_draw_flown (self->set, cr, view, self->style, G_MININT64, t);
  cairo_destroy (cr);
  dm_route_renderer_set_legs (self, legs, view, set_serial, style_serial, t);
  if (changed)
    *changed = TRUE;
  return self->legs;
}

/* With a time window: whether the places in it at the legs' time are those the places'
 * cache was drawn with (at places_t) */
static gboolean
same_places_in_window (DmRouteRenderer *self)
{
  g_autofree gboolean *in = NULL;
  gsize size = self->set->places->len * sizeof (gboolean);

  if (size == 0)
    return TRUE;
  if (self->places_in == NULL)
    self->places_in = dm_route_places_in_window (self->set, self->style, self->places_t);
  in = dm_route_places_in_window (self->set, self->style, self->legs_t);
  return memcmp (in, self->places_in, size) == 0;
}

/**
 * dm_route_renderer_get_places_surface:
 * @changed: (out) (optional): set to whether the surface's pixels changed since last asked
 *
 * Dots and names of the places, for @view; with a time window, those of the trail at the time
 * of the last dm_route_renderer_get_legs_surface() (ask for the legs first). Owned by the
 * layer; valid until the next call.
 */
cairo_surface_t *
dm_route_renderer_get_places_surface (DmRouteRenderer *self,
                                   const DmView *view,
                                   gboolean     *changed)
{
  guint set_serial, style_serial;
  cairo_surface_t *places;
  DmLabelPlacer *placer;
  cairo_t *cr;

  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  dm_route_set_ensure (self->set);
  set_serial = dm_route_set_get_serial (self->set);
  style_serial = dm_route_style_get_serial (self->style);
  if (changed)
    *changed = FALSE;
  /* with a time window, the places of the trail the legs were last drawn at: the same
   * picture as long as the same places are in the window */
  if (self->places != NULL && dm_view_equal (view, &self->places_view) &&
      set_serial == self->places_set_serial && style_serial == self->places_style_serial &&
      (self->style->window <= 0 || self->places_t == self->legs_t ||
       same_places_in_window (self)))
    {
      self->places_t = self->legs_t;
      return self->places;
    }

  places = surface_for (g_steal_pointer (&self->places), view);
  cr = cairo_create (places);
  clear (cr);
  dm_route_renderer_draw_places_into (self->set, cr, view, self->style, self->legs_t, NULL, &placer);
  cairo_destroy (cr);
  dm_route_renderer_set_places (self, places, placer, view, set_serial, style_serial, self->legs_t);
  if (changed)
    *changed = TRUE;
  return self->places;
}

/**
 * dm_route_renderer_draw_moving:
 * Draws what moves at @t onto @cr (in the view's pixels): legs in the air, stays going on.
 * Call after dm_route_renderer_get_places_surface() for the same view, so captions avoid names.
 */
void
dm_route_renderer_draw_moving (DmRouteRenderer *self,
                            cairo_t      *cr,
                            const DmView *view,
                            gint64        t)
{
  g_autoptr(DmLabelPlacer) frame = NULL;
  gboolean same = self->placer != NULL && dm_view_equal (view, &self->places_view);

  g_return_if_fail (DM_IS_ROUTE_RENDERER (self));
  frame = dm_label_placer_new (view->width, view->height);
  dm_route_draw_moving (self->set, cr, view, self->style, t, TRUE, frame,
                        same ? self->placer : NULL);
}

/**
 * dm_route_renderer_draw:
 * The routes at @t over @view, onto @cr whose user space is the view's pixels (as for
 * dm_basemap_draw()). Cheap when called again with the same view and a later @t.
 */
void
dm_route_renderer_draw (DmRouteRenderer *self,
                     cairo_t      *cr,
                     const DmView *view,
                     gint64        t)
{
  cairo_surface_t *legs, *places;

  g_return_if_fail (DM_IS_ROUTE_RENDERER (self));
  legs = dm_route_renderer_get_legs_surface (self, view, t, NULL);
  places = dm_route_renderer_get_places_surface (self, view, NULL);
  cairo_save (cr);
  cairo_set_source_surface (cr, legs, 0, 0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, places, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  dm_route_renderer_draw_moving (self, cr, view, t);
}

/**
 * dm_route_renderer_draw_direct:
 * Everything at @t drawn as vector paths and text straight onto @cr, with no cache: what
 * exports use. Looks the same as dm_route_renderer_draw().
 */
void
dm_route_renderer_draw_direct (DmRouteRenderer *self,
                            cairo_t      *cr,
                            const DmView *view,
                            gint64        t)
{
  g_autoptr(DmLabelPlacer) taken = NULL;

  g_return_if_fail (DM_IS_ROUTE_RENDERER (self));
  taken = dm_label_placer_new (view->width, view->height);
  dm_route_draw_all (self->set, cr, view, self->style, t, taken);
}

/**
 * dm_route_draw_all: (skip)
 * @taken: boxes labels must avoid (a legend...); receives the boxes of what is drawn
 *
 * Everything, straight onto @cr: the legs, then dots, names, markers and captions
 * (dm_route_draw_labels(): captions win over place names).
 */
void
dm_route_draw_all (DmRouteSet         *set,
                   cairo_t            *cr,
                   const DmView       *view,
                   const DmRouteStyle *style,
                   gint64              t,
                   DmLabelPlacer      *taken)
{
  dm_route_set_ensure (set);
  dm_route_draw_legs (set, cr, view, style, t, FALSE);
  dm_route_draw_labels (set, cr, view, style, t, taken);
}

/**
 * dm_route_renderer_set_track_damage:
 * Whether dm_route_renderer_get_legs_damage() is to know where the legs changed (default
 * FALSE): what flew since is then recorded before it is drawn, which costs a little more.
 */
void
dm_route_renderer_set_track_damage (DmRouteRenderer *self,
                                    gboolean         track)
{
  g_return_if_fail (DM_IS_ROUTE_RENDERER (self));
  self->track_damage = track;
}

gboolean
dm_route_renderer_get_legs_damage (DmRouteRenderer       *self,
                                   cairo_rectangle_int_t *rect)
{
  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), FALSE);

  *rect = self->legs_damage;
  return self->legs_damage_known;
}

guint
dm_route_renderer_get_n_rebuilds (DmRouteRenderer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), 0);
  return self->n_rebuilds;
}
