/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "dm-projection.h"

G_BEGIN_DECLS

#define DM_TYPE_VIEW (dm_view_get_type ())

/**
 * DmView:
 * What part of the world a drawing shows, and how big. A plain value type: copy it freely.
 *
 * Projected coordinates (see #DmProjection) map to pixels as
 *   px = width / 2 + (x - center_x) * scale,   py = height / 2 - (y - center_y) * scale.
 * The projection is centred on the meridian @central_lon (degrees): a point is projected
 * from (lon - central_lon, lat), so @center_x is measured from that meridian. Projections
 * that repeat keep it at 0 (they show copies instead); Equal Earth uses it to show a map
 * centred on the Pacific, whose edges are then central_lon ± 180.
 * @width and @height are in user-space pixels (what cairo draws in); @device_scale is how
 * many device pixels one user pixel has (2 on HiDPI), used to drop sub-pixel detail.
 * For Mercator, @scale = tile_size * 2^zoom / (2 pi).
 */
typedef struct
{
  DmProjection projection;
  double       center_x;
  double       center_y;
  double       scale;
  double       width;
  double       height;
  double       device_scale;
  double       central_lon;
} DmView;

GType    dm_view_get_type        (void) G_GNUC_CONST;
DmView  *dm_view_copy            (const DmView *view);
void     dm_view_free            (DmView       *view);
gboolean dm_view_equal           (const DmView *a,
                                  const DmView *b);

void     dm_view_init            (DmView       *view,
                                  DmProjection  projection,
                                  DmLonLat      center,
                                  double        scale,
                                  double        width,
                                  double        height);
void     dm_view_init_tile       (DmView       *view,
                                  guint         z,
                                  guint         x,
                                  guint         y,
                                  guint         tile_size);
void     dm_view_init_world      (DmView       *view,
                                  DmProjection  projection,
                                  double        width,
                                  double        height,
                                  double        margin);
void     dm_view_init_bounds     (DmView       *view,
                                  DmProjection  projection,
                                  double        lon_min,
                                  double        lat_min,
                                  double        lon_max,
                                  double        lat_max,
                                  double        width,
                                  double        height,
                                  double        margin);

void     dm_view_keep_inside_world (DmView         *view,
                                    const DmLonLat *keep,
                                    gsize           n_keep,
                                    double          margin);

double   dm_view_get_zoom        (const DmView *view);
double   dm_view_wrap_lon        (const DmView *view,
                                  double        lon);
double   dm_view_get_world_width (const DmView *view);
void     dm_view_project         (const DmView *view,
                                  double        lon,
                                  double        lat,
                                  double       *px,
                                  double       *py);
gboolean dm_view_unproject       (const DmView *view,
                                  double        px,
                                  double        py,
                                  double       *lon,
                                  double       *lat);
void     dm_view_get_visible     (const DmView *view,
                                  double       *lon_min,
                                  double       *lat_min,
                                  double       *lon_max,
                                  double       *lat_max);
gboolean dm_view_get_copies      (const DmView *view,
                                  double        lon_min,
                                  double        lon_max,
                                  int          *k_min,
                                  int          *k_max);

double   dm_view_get_km_per_pixel (const DmView *view,
                                   DmLonLat      at);
void     dm_view_append_polyline (const DmView   *view,
                                  cairo_t        *cr,
                                  const DmLonLat *points,
                                  gsize           n_points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmView, dm_view_free)

G_END_DECLS
