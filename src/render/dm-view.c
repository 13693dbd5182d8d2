/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-antimeridian.h"
#include "dm-great-circle.h"
#include "dm-view.h"

G_DEFINE_BOXED_TYPE (DmView, dm_view, dm_view_copy, dm_view_free)

DmView *
dm_view_copy (const DmView *view)
{
  return g_memdup2 (view, sizeof *view);
}

void
dm_view_free (DmView *view)
{
  g_free (view);
}

/**
 * dm_view_init:
 * @center: the point at the middle of the drawing
 * @scale: pixels per projected unit (Earth radius)
 */
void
dm_view_init (DmView       *view,
              DmProjection  projection,
              DmLonLat      center,
              double        scale,
              double        width,
              double        height)
{
  g_return_if_fail (view != NULL);
  g_return_if_fail (scale > 0);

  view->projection = projection;
  dm_projection_forward (projection, center.lon, center.lat, &view->center_x, &view->center_y);
  view->scale = scale;
  view->width = width;
  view->height = height;
  view->device_scale = 1.0;
}

/**
 * dm_view_init_tile:
 * The Web Mercator tile @z/@x/@y (x to the east from -180, y to the south from 85.05 N),
 * @tile_size pixels square.
 */
void
dm_view_init_tile (DmView *view,
                   guint   z,
                   guint   x,
                   guint   y,
                   guint   tile_size)
{
  double n = ldexp (1.0, (int) z);

  g_return_if_fail (view != NULL);
  view->projection = DM_PROJECTION_MERCATOR;
  view->scale = tile_size * n / (2.0 * G_PI);
  view->center_x = -G_PI + 2.0 * G_PI * (x + 0.5) / n;
  view->center_y = G_PI - 2.0 * G_PI * (y + 0.5) / n;
  view->width = tile_size;
  view->height = tile_size;
  view->device_scale = 1.0;
}

/**
 * dm_view_init_world:
 * The whole world, centred on 0, as large as fits in @width x @height less @margin on
 * every side. Mercator shows ±85.05 (a square).
 */
void
dm_view_init_world (DmView       *view,
                    DmProjection  projection,
                    double        width,
                    double        height,
                    double        margin)
{
  double x0, y0, x1, y1;

  g_return_if_fail (view != NULL);
  dm_projection_world_bounds (projection, &x0, &y0, &x1, &y1);
  view->projection = projection;
  view->center_x = (x0 + x1) / 2;
  view->center_y = (y0 + y1) / 2;
  view->scale = MIN ((width - 2 * margin) / (x1 - x0), (height - 2 * margin) / (y1 - y0));
  view->scale = MAX (view->scale, 1e-6);
  view->width = width;
  view->height = height;
  view->device_scale = 1.0;
}

/**
 * dm_view_init_bounds:
 * Frames the box from (@lon_min, @lat_min) to (@lon_max, @lat_max) with @margin pixels to
 * spare. If @lon_max < @lon_min the box crosses the antimeridian (e.g. 170 to -170).
 */
void
dm_view_init_bounds (DmView       *view,
                     DmProjection  projection,
                     double        lon_min,
                     double        lat_min,
                     double        lon_max,
                     double        lat_max,
                     double        width,
                     double        height,
                     double        margin)
{
  double bx0 = G_MAXDOUBLE, by0 = G_MAXDOUBLE, bx1 = -G_MAXDOUBLE, by1 = -G_MAXDOUBLE;
  double w = MAX (1.0, width - 2 * margin), h = MAX (1.0, height - 2 * margin);

  g_return_if_fail (view != NULL);
  if (lon_max < lon_min)
    lon_max += 360.0;
  /* sample the box's edges: Equal Earth bends meridians */
  for (int i = 0; i <= 8; i++)
    for (int j = 0; j <= 8; j++)
      {
        double x, y;
        if (i != 0 && i != 8 && j != 0 && j != 8)
          continue;
        dm_projection_forward (projection, lon_min + (lon_max - lon_min) * i / 8.0,
                               lat_min + (lat_max - lat_min) * j / 8.0, &x, &y);
        bx0 = MIN (bx0, x), bx1 = MAX (bx1, x), by0 = MIN (by0, y), by1 = MAX (by1, y);
      }
  view->projection = projection;
  view->center_x = (bx0 + bx1) / 2;
  view->center_y = (by0 + by1) / 2;
  view->scale = MIN (w / MAX (bx1 - bx0, 1e-9), h / MAX (by1 - by0, 1e-9));
  view->width = width;
  view->height = height;
  view->device_scale = 1.0;
}

/**
 * dm_view_get_zoom:
 * The Web Mercator zoom level with the same pixels per degree of longitude at the equator
 * (fractional). Used to pick the detail of the base map.
 */
double
dm_view_get_zoom (const DmView *view)
{
  return log2 (view->scale * view->device_scale * 2.0 * G_PI / 256.0);
}

/**
 * dm_view_get_world_width:
 * Pixels from one copy of the world to the next (Mercator and equirectangular), 360 degrees.
 */
double
dm_view_get_world_width (const DmView *view)
{
  return 2.0 * G_PI * view->scale;
}

void
dm_view_project (const DmView *view,
                 double        lon,
                 double        lat,
                 double       *px,
                 double       *py)
{
  double x, y;

  dm_projection_forward (view->projection, lon, lat, &x, &y);
  *px = view->width / 2 + (x - view->center_x) * view->scale;
  *py = view->height / 2 - (y - view->center_y) * view->scale;
}

/**
 * dm_view_unproject:
 * The position under pixel (@px, @py). Longitude is not wrapped for Mercator and
 * equirectangular (it may leave ±180 when the world repeats). Returns %FALSE outside the world.
 */
gboolean
dm_view_unproject (const DmView *view,
                   double        px,
                   double        py,
                   double       *lon,
                   double       *lat)
{
  double x = view->center_x + (px - view->width / 2) / view->scale;
  double y = view->center_y - (py - view->height / 2) / view->scale;

  return dm_projection_inverse (view->projection, x, y, lon, lat);
}

/**
 * dm_view_get_visible:
 * The longitudes and latitudes the view shows. For Mercator and equirectangular the
 * longitudes are unwrapped (a view over the Pacific may give 150 to 230); Equal Earth gives
 * at most -180 to 180.
 */
void
dm_view_get_visible (const DmView *view,
                     double       *lon_min,
                     double       *lat_min,
                     double       *lon_max,
                     double       *lat_max)
{
  double lon, lat;

  if (dm_projection_wraps (view->projection))
    {
      dm_view_unproject (view, 0, view->height, lon_min, lat_min);
      dm_view_unproject (view, view->width, 0, lon_max, lat_max);
      *lat_min = MAX (*lat_min, -90.0);
      *lat_max = MIN (*lat_max, 90.0);
      return;
    }

  /* Equal Earth: sample the frame; a frame point outside the world means that edge of the
   * world is in view. */
  *lon_min = *lat_min = G_MAXDOUBLE;
  *lon_max = *lat_max = -G_MAXDOUBLE;
  for (int i = 0; i <= 16; i++)
    for (int j = 0; j <= 16; j++)
      {
        gboolean inside;
        if (i != 0 && i != 16 && j != 0 && j != 16)
          continue;
        inside = dm_view_unproject (view, view->width * i / 16.0, view->height * j / 16.0,
                                    &lon, &lat);
        if (!inside)
          {
            lon = CLAMP (lon, -180.0, 180.0);
            if (lon < 0)
              *lon_min = -180.0;
            else
              *lon_max = 180.0;
            if (lat < 0)
              *lat_min = -90.0;
            else
              *lat_max = 90.0;
          }
        *lon_min = MIN (*lon_min, lon), *lon_max = MAX (*lon_max, lon);
        *lat_min = MIN (*lat_min, lat), *lat_max = MAX (*lat_max, lat);
      }
  /* the frame's edges miss the poles and the middle meridian's extremes */
  if (dm_view_unproject (view, view->width / 2, view->height / 2, &lon, &lat))
    {
      double px, py;
      dm_view_project (view, lon, 90.0, &px, &py);
      if (py >= 0)
        *lat_max = 90.0, *lon_min = -180.0, *lon_max = 180.0;
      dm_view_project (view, lon, -90.0, &px, &py);
      if (py <= view->height)
        *lat_min = -90.0, *lon_min = -180.0, *lon_max = 180.0;
    }
  *lon_min = CLAMP (*lon_min, -180.0, 180.0);
  *lon_max = CLAMP (*lon_max, -180.0, 180.0);
  *lat_min = CLAMP (*lat_min, -90.0, 90.0);
  *lat_max = CLAMP (*lat_max, -90.0, 90.0);
}

/**
 * dm_view_get_copies:
 * For something spanning @lon_min to @lon_max (unwrapped), the range of k such that its copy
 * shifted by k * 360 degrees may be visible. Returns %FALSE if no copy is.
 * Equal Earth does not repeat, but a line past 180 (Russia reaches 190) is also drawn shifted
 * by -360 and clipped to the world's outline, so the same rule applies.
 */
gboolean
dm_view_get_copies (const DmView *view,
                    double        lon_min,
                    double        lon_max,
                    int          *k_min,
                    int          *k_max)
{
  double v0, v1, a0, a1;

  dm_view_get_visible (view, &v0, &a0, &v1, &a1);
  *k_min = (int) ceil ((v0 - lon_max) / 360.0);
  *k_max = (int) floor ((v1 - lon_min) / 360.0);
  return *k_min <= *k_max;
}

static void
append_points (const DmView   *view,
               cairo_t        *cr,
               const DmLonLat *points,
               gsize           n_points,
               double          shift)
{
  for (gsize i = 0; i < n_points; i++)
    {
      double px, py;
      dm_view_project (view, points[i].lon + shift, points[i].lat, &px, &py);
      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
}

/**
 * dm_view_append_polyline:
 * @points: (array length=n_points): a line, wrapped or unwrapped (e.g. from
 *   dm_great_circle_densify())
 *
 * Appends the line to @cr's current path as the view shows it: for Mercator and
 * equirectangular every visible copy (shifted by k * 360 degrees), each continuous across
 * 180; for Equal Earth the line cut at ±180 into pieces that end on the world's edges.
 * The caller strokes (a thin line of many segments is best stroked once per line).
 */
void
dm_view_append_polyline (const DmView   *view,
                         cairo_t        *cr,
                         const DmLonLat *points,
                         gsize           n_points)
{
  g_autofree DmLonLat *u = NULL;
  double lon_min = G_MAXDOUBLE, lon_max = -G_MAXDOUBLE;
  int k0, k1;

  g_return_if_fail (view != NULL);
  g_return_if_fail (cr != NULL);
  if (n_points < 2)
    return;

  if (!dm_projection_wraps (view->projection))
    {
      g_autoptr(GPtrArray) pieces = dm_antimeridian_split (points, n_points);
      for (guint i = 0; i < pieces->len; i++)
        {
          GArray *piece = g_ptr_array_index (pieces, i);
          append_points (view, cr, (const DmLonLat *) (void *) piece->data, piece->len, 0);
        }
      return;
    }

  u = g_memdup2 (points, n_points * sizeof (DmLonLat));
  dm_antimeridian_unwrap (u, n_points);
  for (gsize i = 0; i < n_points; i++)
    lon_min = MIN (lon_min, u[i].lon), lon_max = MAX (lon_max, u[i].lon);
  /* a few pixels to spare for the stroke's width */
  lon_min -= 8.0 / view->scale * 180.0 / G_PI;
  lon_max += 8.0 / view->scale * 180.0 / G_PI;
  if (!dm_view_get_copies (view, lon_min, lon_max, &k0, &k1))
    return;
  for (int k = k0; k <= k1; k++)
    append_points (view, cr, u, n_points, 360.0 * k);
}

/**
 * dm_view_get_km_per_pixel:
 * Kilometres per user-space pixel east-west at @at (for a scale bar: Mercator's and
 * equirectangular's scale changes with latitude, Equal Earth's also with longitude).
 */
double
dm_view_get_km_per_pixel (const DmView *view,
                          DmLonLat      at)
{
  DmLonLat a = { at.lon - 0.05, at.lat }, b = { at.lon + 0.05, at.lat };
  double ax, ay, bx, by;

  g_return_val_if_fail (view != NULL, 0);
  dm_view_project (view, a.lon, a.lat, &ax, &ay);
  dm_view_project (view, b.lon, b.lat, &bx, &by);
  return dm_great_circle_distance_km (a, b) / MAX (hypot (bx - ax, by - ay), 1e-12);
}
