/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-route-renderer.h"
#include "dm-route-private.h"

G_BEGIN_DECLS

struct _DmRouteRenderer
{
  GObject          parent_instance;

  DmRouteSet      *set;
  DmRouteStyle    *style;
  guint            style_generation;  /* bumped by set_style: builds of an older style are stale */

  cairo_surface_t *legs;
  DmView           legs_view;
  guint            legs_set_serial;
  guint            legs_style_serial;
  gint64           legs_t;

  cairo_surface_t *places;
  DmView           places_view;
  guint            places_set_serial;
  guint            places_style_serial;
  gint64           places_t;  /* with a time window, the time the places were drawn at */
  DmLabelPlacer   *placer;   /* boxes of the place dots and names, for captions */
  gboolean        *places_in; /* with a time window, the places in it at places_t, or NULL */

  /* Builds in worker threads (dm-route-renderer-build.c) */
  DmRouteSet      *frozen;   /* a copy of set, for workers; shared by builds */
  guint            n_workers;
  gint64           build_cost_us;

  guint            n_rebuilds;
  /* what the last dm_route_renderer_get_legs_surface() changed, when it added to the legs */
  cairo_rectangle_int_t legs_damage;
  gboolean         legs_damage_known;
  gboolean         track_damage;

  /* Keyframes of the legs (dm-route-renderer-keys.c) */
  GArray          *keys;
  DmView           keys_view;
  guint            keys_set_serial;
  guint            keys_style_serial;
  guint            n_from_keys;
};

/* dm-route-renderer.c */
cairo_surface_t *dm_route_renderer_new_surface   (const DmView    *view);
void             dm_route_renderer_set_legs      (DmRouteRenderer    *self,
                                               cairo_surface_t *legs,
                                               const DmView    *view,
                                               guint            set_serial,
                                               guint            style_serial,
                                               gint64           t);
void             dm_route_renderer_draw_places_into (DmRouteSet         *set,
                                                  cairo_t            *cr,
                                                  const DmView       *view,
                                                  const DmRouteStyle *style,
                                                  gint64              t,
                                                  GCancellable       *cancellable,
                                                  DmLabelPlacer     **placer);
void             dm_route_renderer_set_places    (DmRouteRenderer    *self,
                                               cairo_surface_t *places,
                                               DmLabelPlacer   *placer,
                                               const DmView    *view,
                                               guint            set_serial,
                                               guint            style_serial,
                                               gint64           t);

/* dm-route-renderer-keys.c */
void             dm_route_renderer_drop_keys     (DmRouteRenderer *self);
gboolean         dm_route_renderer_has_key       (DmRouteRenderer *self,
                                                  const DmView    *view,
                                                  gint64           t);
gboolean         dm_route_renderer_legs_from_key (DmRouteRenderer *self,
                                                  const DmView    *view,
                                                  gint64           t);
void             dm_route_renderer_keep_key      (DmRouteRenderer *self,
                                                  gboolean         scratch);

G_END_DECLS
