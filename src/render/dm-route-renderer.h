/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "dm-route-set.h"
#include "dm-route-style.h"
#include "dm-view.h"

G_BEGIN_DECLS

#define DM_TYPE_ROUTE_RENDERER (dm_route_renderer_get_type ())

G_DECLARE_FINAL_TYPE (DmRouteRenderer, dm_route_renderer, DM, ROUTE_RENDERER, GObject)

DmRouteRenderer       *dm_route_renderer_new                (DmRouteSet          *set);
DmRouteSet         *dm_route_renderer_get_set            (DmRouteRenderer        *self);
void                dm_route_renderer_set_set            (DmRouteRenderer        *self,
                                                       DmRouteSet          *set);
const DmRouteStyle *dm_route_renderer_get_style          (DmRouteRenderer        *self);
void                dm_route_renderer_set_style          (DmRouteRenderer        *self,
                                                       DmRouteStyle        *style);

/* Every frame, with caches: what does not move is redrawn only when needed */
void                dm_route_renderer_draw               (DmRouteRenderer        *self,
                                                       cairo_t             *cr,
                                                       const DmView        *view,
                                                       gint64               t);

/* The same in parts, for callers that composite the caches themselves (as textures) */
cairo_surface_t    *dm_route_renderer_get_legs_surface   (DmRouteRenderer        *self,
                                                       const DmView        *view,
                                                       gint64               t,
                                                       gboolean            *changed);
cairo_surface_t    *dm_route_renderer_get_places_surface (DmRouteRenderer        *self,
                                                       const DmView        *view,
                                                       gboolean            *changed);
void                dm_route_renderer_draw_moving        (DmRouteRenderer        *self,
                                                       cairo_t             *cr,
                                                       const DmView        *view,
                                                       gint64               t);

/* The caches drawn by worker threads, so that the main thread never waits for them */
gboolean            dm_route_renderer_has_caches         (DmRouteRenderer        *self,
                                                       const DmView        *view,
                                                       gint64               t);
void                dm_route_renderer_build_async        (DmRouteRenderer        *self,
                                                       const DmView        *view,
                                                       gint64               t,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            dm_route_renderer_build_finish       (DmRouteRenderer        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Microseconds the last build's slowest worker took */
gint64              dm_route_renderer_get_build_cost     (DmRouteRenderer        *self);
/* How many threads share a build (default: 2 where there are 2 processors) */
void                dm_route_renderer_set_n_workers      (DmRouteRenderer        *self,
                                                       guint                n_workers);

/* Everything drawn straight onto @cr, no caches: for PDF, SVG and one-off pictures */
void                dm_route_renderer_draw_direct        (DmRouteRenderer        *self,
                                                       cairo_t             *cr,
                                                       const DmView        *view,
                                                       gint64               t);

/* Where the last dm_route_renderer_get_legs_surface() changed the legs' pixels, in the
 * view's pixels: TRUE with @rect when it added what flew since (an empty @rect: nothing),
 * FALSE when it drew them anew (all of them) or damage is not tracked */
void                dm_route_renderer_set_track_damage   (DmRouteRenderer        *self,
                                                       gboolean                track);
gboolean            dm_route_renderer_get_legs_damage    (DmRouteRenderer        *self,
                                                       cairo_rectangle_int_t  *rect);
/* How many times the cached legs were drawn from scratch (tests, profiling) */
guint               dm_route_renderer_get_n_rebuilds     (DmRouteRenderer        *self);
guint               dm_route_renderer_get_n_keys         (DmRouteRenderer        *self);
guint               dm_route_renderer_get_n_from_keys    (DmRouteRenderer        *self);

G_END_DECLS
