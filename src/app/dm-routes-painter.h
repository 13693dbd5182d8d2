/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-document.h"
#include "dm-route-layer.h"
#include "dm-view.h"

G_BEGIN_DECLS

/* The view of a Web Mercator map with @tile_size pixel tiles at @zoom, centred on
 * (@latitude, @longitude), @width x @height user pixels at @device_scale: what the screen
 * map shows, as src/render draws it */
void dm_view_init_screen (DmView *view,
                          double  latitude,
                          double  longitude,
                          double  zoom,
                          double  tile_size,
                          double  width,
                          double  height,
                          double  device_scale);

/* The routes over the screen map: src/render's DmRouteLayer (the engine `diplomap --export`
 * uses, with its caches) plus the app's highlight of the selected event. Not a GType: the
 * drawing half of DmRoutesLayer, kept apart so the benchmark drives it offscreen. */
typedef struct _DmRoutesPainter DmRoutesPainter;

DmRoutesPainter *dm_routes_painter_new          (void);
void             dm_routes_painter_free         (DmRoutesPainter *self);
void             dm_routes_painter_set_document (DmRoutesPainter *self,
                                                 DmDocument      *document);
void             dm_routes_painter_set_selected (DmRoutesPainter *self,
                                                 DmEvent         *event);
/* Draws the routes at @time (UTC seconds) into @cr, which covers @view in user space */
void             dm_routes_painter_draw         (DmRoutesPainter *self,
                                                 cairo_t         *cr,
                                                 const DmView    *view,
                                                 double           time);
/* The same while the view moves: when redrawing the caches for a new view was slow last
 * time, the last cached pictures are moved and scaled to the new view instead (what moves
 * is drawn exactly). Returns TRUE if it did: the caller redraws for real once the view
 * rests. */
gboolean         dm_routes_painter_draw_moving_view (DmRoutesPainter *self,
                                                     cairo_t         *cr,
                                                     const DmView    *view,
                                                     double           time);
/* Tests: how slow a rebuild must be for moving views to reuse the last picture */
void             dm_routes_painter_set_slow_rebuild (DmRoutesPainter *self,
                                                     gint64           microseconds);
DmRouteSet      *dm_routes_painter_get_set      (DmRoutesPainter *self);
DmRouteLayer    *dm_routes_painter_get_layer    (DmRoutesPainter *self);
guint            dm_routes_painter_get_n_legs   (DmRoutesPainter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmRoutesPainter, dm_routes_painter_free)

G_END_DECLS
