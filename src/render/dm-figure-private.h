/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-figure.h"
#include "dm-label-placer.h"
#include "dm-map-style.h"
#include "dm-route-style.h"

G_BEGIN_DECLS

#define DM_FIGURE_INK 0x1a1a1a  /* text on the figure */
/* Fitted routes past this latitude are drawn in Equal Earth unless a projection is given */
#define DM_FIGURE_POLAR_LATITUDE 75.0

struct _DmFigure
{
  GObject       parent_instance;

  DmDocument   *document;
  DmRouteSet   *set;
  DmRouteRenderer *layer;
  gint64        time;
  gboolean      time_set;
  DmFigureView  view_mode;
  double        bounds[4];
  DmProjection  projection;
  gboolean      projection_set;
  int           width;
  int           height;
  double        scale;
  char         *title;
  char         *language;  /* NULL: the process's messages (dm-i18n.c) */
  gboolean      show_legend;
  gboolean      show_caption;
  gboolean      show_graticule;
  gboolean      show_sources;
  gboolean      source_notes; /* sources as numbered footnotes, not one line */
  gboolean      show_timeline; /* the lanes band under the map */
  gboolean      timeline_only; /* the band alone, in the map's room too */
  guint         small_multiples; /* panels (dm-figure-grid.c), or 0: one map */
  gboolean      no_footer;  /* a panel: the grid draws the footer once */
  guint         panel_notes; /* a panel: the notes the grid lists with their number */
  gboolean      cache_basemap; /* keep the base map's pixels (dm-figure-basemap-cache.c) */
  cairo_surface_t *base_cache;
  char         *base_key;
  DmView        base_view;
  double        base_geometry[4]; /* the fraction of a pixel, the scale */
  guint         base_draws;  /* how many times the cache was drawn (tests) */
  gboolean      cache_legs; /* keep the legs a clip does not change (dm-figure-legs-cache.c) */
  cairo_surface_t *legs_cache;
  gpointer      legs_key;
  DmView        legs_view;
  /* what the fit found, while the routes (their set's serial) stay: the routes' bounds
   * (always) and, with a cache, the map's view (dm-figure-layout.c) */
  guint         end_serial;    /* the default time, the events' end: 0: not found */
  gint64        end;
  guint         bounds_serial; /* 0: none found */
  gboolean      has_bounds;
  double        route_bounds[4];
  guint         view_serial;   /* 0: none found */
  double        view_key[10];
  DmView        memo_view;
  gboolean      clip_set;  /* a frame of a clip from clip_start to clip_end */
  gint64        clip_start;
  gint64        clip_end;
  gint64        window;     /* seconds of legs shown before the time; 0: all */
  gboolean      flows;      /* legs aggregated per pair of places (dm-route-flows.c) */
  int           legend_corner; /* -1: the corner hiding the fewest routes */
  char         *highlight;  /* the id of the summit or meeting highlighted, or NULL */
  DmLabelPlacer *placed;    /* boxes of the last drawing's marks and labels (tests) */
};

/* Where everything goes on a figure of a given size (dm-figure.c computes it, the furniture
 * in dm-figure-furniture.c draws into it) */
typedef struct
{
  double     width;
  double     height;
  double     u;            /* 1 at 1920x1080; sizes scale with it */
  double     pad;
  double     title_size;
  double     caption_size;
  double     footer_size;
  double     legend_size;
  double     header_h;
  double     footer_h;
  double     timeline_h;   /* the band under the map (dm-figure-timeline.c), or 0 */
  double     map_x;
  double     map_y;
  double     map_w;
  double     map_h;
  GPtrArray *title_lines;  /* utf8 */
  GPtrArray *caption_lines;
  GPtrArray *footer_lines;
  GPtrArray *note_lines;   /* numbered sources, in two columns under the footer's lines */
  GPtrArray *note_urls;    /* each note's address (a link in SVG and PDF), or NULL */
  guint      note_rows;
  guint      note_numbered; /* the notes listed with their number (not the "+3 more") */
  double     note_col_w;
  DmView     view;         /* of the map area, origin at its top-left corner */
} DmFigureLayout;

void dm_figure_layout_clear     (DmFigureLayout *layout);
void dm_figure_lay_out_notes    (DmFigure       *self,
                                 cairo_t        *cr,
                                 DmFigureLayout *layout,
                                 double          text_w);

/* dm-figure-furniture.c */
char      *dm_figure_dup_caption   (DmFigure             *self,
                                    gint64                t);
GPtrArray *dm_figure_dup_footer    (DmFigure             *self);
GPtrArray *dm_figure_dup_footnotes (DmFigure             *self,
                                    GPtrArray           **urls,
                                    GHashTable           *event_notes);
GHashTable *dm_figure_new_event_notes (void);
void       dm_figure_draw_header   (DmFigure             *self,
                                    cairo_t              *cr,
                                    const DmFigureLayout *layout);
void       dm_figure_draw_footer   (DmFigure             *self,
                                    cairo_t              *cr,
                                    const DmFigureLayout *layout);
gboolean   dm_figure_draw_legend   (DmFigure             *self,
                                    cairo_t              *cr,
                                    const DmFigureLayout *layout,
                                    const DmRouteStyle   *style,
                                    gboolean              draw,
                                    double               *rect,
                                    int                  *corner);
void       dm_figure_add_tints     (DmFigure             *self,
                                    DmMapStyle           *style,
                                    gint64                t);

/* dm-figure-scale-bar.c */
gboolean   dm_figure_get_scale_bar_box (DmFigure             *self,
                                        cairo_t              *cr,
                                        const DmFigureLayout *layout,
                                        int                   corner,
                                        double               *rect);
void       dm_figure_draw_scale_bar (DmFigure            *self,
                                     cairo_t             *cr,
                                     const DmFigureLayout *layout,
                                     int                  corner);

/* dm-figure-basemap-cache.c */
void       dm_figure_draw_basemap    (DmFigure             *self,
                                      cairo_t              *cr,
                                      const DmFigureLayout *layout,
                                      const DmMapStyle     *style);
void       dm_figure_clear_basemap_cache (DmFigure         *self);

/* dm-figure-legs-cache.c (the job: dm-route-parallel.c; the labels: dm-route-places.c) */
struct _DmRouteLabels;
struct _DmRouteLegsJob *
           dm_figure_start_legs      (DmFigure             *self,
                                      cairo_t              *cr,
                                      const DmFigureLayout *layout,
                                      const DmRouteStyle   *style,
                                      gint64                t,
                                      double                head,
                                      const struct _DmRouteLabels *labels);
void       dm_figure_draw_legs       (DmFigure             *self,
                                      cairo_t              *cr,
                                      const DmFigureLayout *layout,
                                      const DmRouteStyle   *style,
                                      gint64                t,
                                      struct _DmRouteLegsJob *job);
void       dm_figure_clear_legs_cache (DmFigure            *self);

/* dm-figure-grid.c */
void       dm_figure_draw_grid       (DmFigure             *self,
                                      cairo_t              *cr);

/* dm-figure-timeline.c */
double     dm_figure_timeline_height (DmFigure             *self,
                                      const DmFigureLayout *layout);
void       dm_figure_draw_timeline   (DmFigure             *self,
                                      cairo_t              *cr,
                                      const DmFigureLayout *layout);

/* dm-figure-map.c */
void       dm_figure_draw_map      (DmFigure             *self,
                                    cairo_t              *cr,
                                    const DmFigureLayout *layout,
                                    const DmMapStyle     *map_style,
                                    const DmRouteStyle   *route_style);
const DmLabelPlacer *dm_figure_get_placed (DmFigure      *self);

/* dm-figure.c: routes fitted past DM_FIGURE_POLAR_LATITUDE, no projection given */
gboolean   dm_figure_is_polar_fit  (DmFigure             *self);
gboolean   dm_figure_get_route_bounds (DmFigure          *self,
                                       double            *lon_min,
                                       double            *lat_min,
                                       double            *lon_max,
                                       double            *lat_max);

/* dm-figure.c: makes the figure's language this thread's (dm-i18n.c); returns the one before,
 * for dm_i18n_set_thread_language() when done */
char      *dm_figure_use_language  (DmFigure             *self);

G_END_DECLS
