/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-document.h"
#include "dm-route-renderer.h"
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

/* The routes over the screen map: src/render's DmRouteRenderer (the engine `diplomap --export`
 * uses, with its caches) plus the app's highlight of the selected event. Not a GType: the
 * drawing half of DmRouteMapLayer, kept apart so the benchmark drives it offscreen. */
typedef struct _DmScreenPainter DmScreenPainter;

DmScreenPainter *dm_screen_painter_new          (void);
void             dm_screen_painter_free         (DmScreenPainter *self);
void             dm_screen_painter_set_document (DmScreenPainter *self,
                                                 DmDocument      *document);
void             dm_screen_painter_set_selected (DmScreenPainter *self,
                                                 DmEvent         *event);
/* When a summit or a meeting is selected, everyone taking part (DmActor, the event's actor
 * then its participants): their routes around it are drawn over the others, dimmed */
GPtrArray       *dm_screen_painter_get_highlighted (DmScreenPainter *self);
/* Called on the main thread when caches built in worker threads are ready: draw again */
void             dm_screen_painter_set_ready_func (DmScreenPainter *self,
                                                   GSourceFunc      func,
                                                   gpointer         data);
/* Called on the main thread when the painter draws another route set (see
 * dm_screen_painter_get_set): a big document's, built by a worker thread, has come */
void             dm_screen_painter_set_set_func (DmScreenPainter *self,
                                                 GSourceFunc      func,
                                                 gpointer         data);
/* Whether a worker thread is building the route set of the document's events as they are
 * now (frames meanwhile draw the set drawn before, or none) */
gboolean         dm_screen_painter_is_building_set (DmScreenPainter *self);
/* Documents of at least @n_events events have their route set built by a worker thread
 * (default 20,000; tests lower it) */
void             dm_screen_painter_set_async_events (DmScreenPainter *self,
                                                     guint            n_events);
/* Starts building, in a worker thread, the route set of @source's events as they are now,
 * ahead of the painter's document showing them (a file merged into an empty window, before
 * the shown document takes its events): when the painter's events become the same, the
 * build goes on and its set is drawn; other events cancel it. From 2,000 events, or the
 * bar if lower; nothing under. @listed: @source's events as they are now, a reference
 * each, in an array nobody changes (the loading thread's, dm_loader_load_file_finish_with_events),
 * taken as the snapshot rather than walking them; or NULL. Returns the build's snapshot of the
 * events (an array nobody changes, for other threads to read too), or NULL when no build
 * started */
GPtrArray       *dm_screen_painter_build_ahead      (DmScreenPainter *self,
                                                     DmDocument      *source,
                                                     GPtrArray       *listed);
/* Draws the routes at @time (UTC seconds) into @cr, which covers @view in user space. When
 * the caches must be drawn anew and that is slow, worker threads draw them and meanwhile
 * the last picture stands in (moved to @view), or only what moves: the ready func is called
 * when they are done. */
void             dm_screen_painter_draw         (DmScreenPainter *self,
                                                 cairo_t         *cr,
                                                 const DmView    *view,
                                                 double           time);
/* The same in two layers, as the map layer draws it so that a frame redraws only what
 * moves: prepare, then the still picture (redrawn only when its stamp changes) and what
 * moves over it. FALSE from prepare: draw a stand-in with dm_screen_painter_draw(). */
gboolean         dm_screen_painter_prepare      (DmScreenPainter *self,
                                                 const DmView    *view,
                                                 double           time,
                                                 guint           *stamp);
void             dm_screen_painter_set_track_damage (DmScreenPainter       *self,
                                                     gboolean               track);
gboolean         dm_screen_painter_get_still_damage (DmScreenPainter       *self,
                                                     cairo_rectangle_int_t *rect);
const cairo_region_t *dm_screen_painter_get_still_region (DmScreenPainter *self);
void             dm_screen_painter_draw_still   (DmScreenPainter *self,
                                                 cairo_t         *cr,
                                                 const DmView    *view);
void             dm_screen_painter_draw_moving  (DmScreenPainter *self,
                                                 cairo_t         *cr,
                                                 const DmView    *view,
                                                 double           time);
/* What dm_screen_painter_draw() draws when prepare returned FALSE: the last picture moved to
 * @view if it can stand in, the selected event and what moves. Drawing nothing else, it may
 * be drawn twice for one frame (once to find where it has ink) */
void             dm_screen_painter_draw_stand_in (DmScreenPainter *self,
                                                  cairo_t         *cr,
                                                  const DmView    *view,
                                                  double           time);
/* The same while the view moves: when redrawing the caches for a new view was slow last
 * time, the last cached pictures are moved and scaled to the new view instead (what moves
 * is drawn exactly). Returns TRUE if it did: the caller redraws for real once the view
 * rests. */
gboolean         dm_screen_painter_draw_moving_view (DmScreenPainter *self,
                                                     cairo_t         *cr,
                                                     const DmView    *view,
                                                     double           time);
/* Whether the last drawing showed every route for @view at @time (no stand-in) */
gboolean         dm_screen_painter_is_complete  (DmScreenPainter *self,
                                                 const DmView    *view,
                                                 double           time);
/* Tests and benchmarks: draw the caches and build the route set on the calling thread when
 * needed, as before worker threads did (default FALSE) */
void             dm_screen_painter_set_synchronous (DmScreenPainter *self,
                                                    gboolean         synchronous);
/* Tests: how slow a rebuild must be for moving views to reuse the last picture */
void             dm_screen_painter_set_slow_rebuild (DmScreenPainter *self,
                                                     gint64           microseconds);
DmRouteSet      *dm_screen_painter_get_set      (DmScreenPainter *self);
DmRouteRenderer    *dm_screen_painter_get_layer    (DmScreenPainter *self);
guint            dm_screen_painter_get_n_legs   (DmScreenPainter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmScreenPainter, dm_screen_painter_free)

G_END_DECLS
