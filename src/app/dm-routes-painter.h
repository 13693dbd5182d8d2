/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-document.h"

G_BEGIN_DECLS

/**
 * DmScreenView:
 * @center_x: the view's centre in normalised Web Mercator (0 at 180°W, 1 at 180°E)
 * @center_y: the same, 0 at the north edge, 1 at the south edge
 * @world: the world's width in user pixels (tile size × 2^zoom)
 * @width: the view's width in user pixels
 * @height: the view's height in user pixels
 * @scale: device pixels per user pixel
 *
 * What the map shows, as the routes painter needs it. A plain value.
 */
typedef struct
{
  double center_x;
  double center_y;
  double world;
  double width;
  double height;
  int    scale;
} DmScreenView;

void dm_mercator_normalize     (double              lon,
                                double              lat,
                                double             *mx,
                                double             *my);
void dm_screen_view_init       (DmScreenView       *view,
                                double              latitude,
                                double              longitude,
                                double              zoom,
                                double              tile_size,
                                double              width,
                                double              height,
                                int                 scale);
/* Pixel position of a place, in the copy of the world nearest the view's centre */
void dm_screen_view_project    (const DmScreenView *view,
                                double              lon,
                                double              lat,
                                double             *px,
                                double             *py);
/* Where a traveller on the great circle from (lat1, lon1) to (lat2, lon2) is when
 * @fraction of the way has been covered */
void dm_great_circle_point     (double              lat1,
                                double              lon1,
                                double              lat2,
                                double              lon2,
                                double              fraction,
                                double             *lat,
                                double             *lon);

typedef struct _DmRoutesPainter DmRoutesPainter;

DmRoutesPainter *dm_routes_painter_new          (void);
void             dm_routes_painter_free         (DmRoutesPainter    *self);
/* Takes the legs and stays of @document (NULL to clear); call again when it changes */
void             dm_routes_painter_set_document (DmRoutesPainter    *self,
                                                 DmDocument         *document);
void             dm_routes_painter_set_selected (DmRoutesPainter    *self,
                                                 DmEvent            *event);
/* Draws the routes at @time (UTC seconds) into @cr, which covers the view at user scale */
void             dm_routes_painter_draw         (DmRoutesPainter    *self,
                                                 cairo_t            *cr,
                                                 const DmScreenView *view,
                                                 double              time);
guint            dm_routes_painter_get_n_legs   (DmRoutesPainter    *self);
/* How many legs the last dm_routes_painter_draw() drew in flight, and how many settled
 * legs it had to (re)draw into its cache: for tests and the benchmark */
guint            dm_routes_painter_get_n_moving (DmRoutesPainter    *self);
guint            dm_routes_painter_get_n_redrawn (DmRoutesPainter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmRoutesPainter, dm_routes_painter_free)

G_END_DECLS
