/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "dm-document.h"
#include "dm-projection.h"
#include "dm-route-renderer.h"
#include "dm-view.h"

G_BEGIN_DECLS

/**
 * DmFigureView:
 * @DM_FIGURE_VIEW_FIT: frame every event, with a margin
 * @DM_FIGURE_VIEW_WORLD: the whole world
 * @DM_FIGURE_VIEW_BOUNDS: a box given with dm_figure_set_bounds()
 */
typedef enum
{
  DM_FIGURE_VIEW_FIT,
  DM_FIGURE_VIEW_WORLD,
  DM_FIGURE_VIEW_BOUNDS,
} DmFigureView;

/**
 * DmFigureFormat:
 * @DM_FIGURE_FORMAT_PNG: a raster image, size times scale pixels
 * @DM_FIGURE_FORMAT_SVG: vector, size in CSS pixels
 * @DM_FIGURE_FORMAT_PDF: vector, size in points
 */
typedef enum
{
  DM_FIGURE_FORMAT_PNG,
  DM_FIGURE_FORMAT_SVG,
  DM_FIGURE_FORMAT_PDF,
} DmFigureFormat;

#define DM_TYPE_FIGURE (dm_figure_get_type ())

G_DECLARE_FINAL_TYPE (DmFigure, dm_figure, DM, FIGURE, GObject)

DmFigure     *dm_figure_new             (DmDocument     *document);
DmFigure     *dm_figure_dup             (DmFigure       *self);
DmDocument   *dm_figure_get_document    (DmFigure       *self);
DmRouteRenderer *dm_figure_get_layer       (DmFigure       *self);

gint64        dm_figure_get_time        (DmFigure       *self);
/* A time window: legs that ended more than @seconds before the time are left out, the
 * others fade with age, and legs to come are hidden; 0 (the default): every leg */
void          dm_figure_set_window      (DmFigure       *self,
                                         gint64          seconds);
gint64        dm_figure_get_window      (DmFigure       *self);
void          dm_figure_set_flows       (DmFigure       *self,
                                         gboolean        flows);
gboolean      dm_figure_get_flows       (DmFigure       *self);
void          dm_figure_set_time        (DmFigure       *self,
                                         gint64          t);
DmFigureView  dm_figure_get_view_mode   (DmFigure       *self);
void          dm_figure_set_view_mode   (DmFigure       *self,
                                         DmFigureView    mode);
void          dm_figure_set_bounds      (DmFigure       *self,
                                         double          lon_min,
                                         double          lat_min,
                                         double          lon_max,
                                         double          lat_max);
DmProjection  dm_figure_get_projection  (DmFigure       *self);
void          dm_figure_set_projection  (DmFigure       *self,
                                         DmProjection    projection);
/* One frame of a clip over a range of time: the layout holds for every frame of it */
gboolean      dm_figure_get_clip_range  (DmFigure       *self,
                                         gint64         *start,
                                         gint64         *end);
void          dm_figure_set_clip_range  (DmFigure       *self,
                                         gint64          start,
                                         gint64          end);
void          dm_figure_get_size        (DmFigure       *self,
                                         int            *width,
                                         int            *height);
void          dm_figure_set_size        (DmFigure       *self,
                                         int             width,
                                         int             height);
double        dm_figure_get_scale       (DmFigure       *self);
void          dm_figure_set_scale       (DmFigure       *self,
                                         double          scale);
const char   *dm_figure_get_title       (DmFigure       *self);
void          dm_figure_set_title       (DmFigure       *self,
                                         const char     *title);
/* The language of its texts, dates and map labels: "en", "fr"...; NULL: the process's */
const char   *dm_figure_get_language    (DmFigure       *self);
void          dm_figure_set_language    (DmFigure       *self,
                                         const char     *language);
/* The legend's map corner (0 top left … 3 bottom right), or -1: the one hiding the fewest
 * routes; find: the corner it takes as the figure is now, -1 when it has no legend */
void          dm_figure_set_legend_corner (DmFigure     *self,
                                           int           corner);
int           dm_figure_find_legend_corner (DmFigure    *self);
gboolean      dm_figure_get_show_legend (DmFigure       *self);
void          dm_figure_set_show_legend (DmFigure       *self,
                                         gboolean        show);
gboolean      dm_figure_get_show_caption (DmFigure      *self);
void          dm_figure_set_show_caption (DmFigure      *self,
                                          gboolean       show);
/* Meridians and parallels (the base map's graticule) */
gboolean      dm_figure_get_show_graticule (DmFigure    *self);
void          dm_figure_set_show_graticule (DmFigure    *self,
                                            gboolean     show);
/* A band under the map: a lane per actor, the date axis, the playhead (dm-figure-timeline.c) */
gboolean      dm_figure_get_show_timeline (DmFigure     *self);
void          dm_figure_set_show_timeline (DmFigure     *self,
                                           gboolean      show);
/* The timeline band alone, with the title, caption and footer: no map (dm-figure-timeline.c) */
gboolean      dm_figure_get_timeline_only (DmFigure     *self);
void          dm_figure_set_timeline_only (DmFigure     *self,
                                           gboolean      only);
/* A grid of @n maps at moments spread over the range, or 0: one map (dm-figure-grid.c) */
guint         dm_figure_get_small_multiples (DmFigure   *self);
void          dm_figure_set_small_multiples (DmFigure   *self,
                                             guint       n);
/* Keeps the base map's pixels between drawings (a clip's frames) */
void          dm_figure_set_cache_basemap (DmFigure     *self,
                                           gboolean      cache);
/* Keeps the legs that a clip's frames share between drawings (dm-figure-legs-cache.c) */
void          dm_figure_set_cache_legs  (DmFigure       *self,
                                         gboolean        cache);
/* The events' sources under the map (the data's attribution stays, as its licences ask) */
gboolean      dm_figure_get_show_sources (DmFigure      *self);
void          dm_figure_set_show_sources (DmFigure      *self,
                                          gboolean       show);

gboolean      dm_figure_get_source_footnotes (DmFigure  *self);
void          dm_figure_set_source_footnotes (DmFigure  *self,
                                              gboolean   footnotes);
/* The event drawn as the window draws its selection (dm-figure-map.c), by its id, or NULL */
const char   *dm_figure_get_highlight   (DmFigure       *self);
void          dm_figure_set_highlight   (DmFigure       *self,
                                         const char     *event_id);
void          dm_figure_get_map_area    (DmFigure       *self,
                                         double         *x,
                                         double         *y,
                                         double         *width,
                                         double         *height);
void          dm_figure_get_map_view    (DmFigure       *self,
                                         DmView         *view);
/* The meridian a world map in Equal Earth turns to: the middle of all the document's places */
double        dm_figure_get_data_meridian (DmFigure     *self);
void          dm_figure_map_point       (DmFigure       *self,
                                         double          lon,
                                         double          lat,
                                         double         *x,
                                         double         *y);
void          dm_figure_draw            (DmFigure       *self,
                                         cairo_t        *cr);

/* The legend and the scale bar of a map drawn elsewhere (the window's), as figures draw
 * theirs (dm-figure-legend.c, dm-figure-scale-bar.c) */
gboolean      dm_route_legend_draw      (DmRouteSet         *set,
                                         const DmRouteStyle *style,
                                         gint64              t,
                                         cairo_t            *cr,
                                         double              size,
                                         double              max_width,
                                         double              max_height,
                                         const DmRgba       *background,
                                         const DmRgba       *ink,
                                         double             *width,
                                         double             *height);
gboolean      dm_scale_bar_draw         (cairo_t            *cr,
                                         const DmView       *view,
                                         double              u);

gboolean      dm_figure_format_from_path (const char     *path,
                                          DmFigureFormat *format);
gboolean      dm_figure_write_file          (DmFigure       *self,
                                         GFile          *file,
                                         DmFigureFormat  format,
                                         GError        **error);

G_END_DECLS
