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

/* Whether two views draw the same pixels (caches keyed by a view compare with this) */
gboolean
dm_view_equal (const DmView *a,
               const DmView *b)
{
  return a->projection == b->projection && a->center_x == b->center_x &&
         a->center_y == b->center_y && a->scale == b->scale && a->width == b->width &&
         a->height == b->height && a->device_scale == b->device_scale &&
         a->central_lon == b->central_lon;
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
  view->central_lon = 0;
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
  view->central_lon = 0;
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
  view->central_lon = 0;
}

/**
 * dm_view_init_bounds:
 * Frames the box from (@lon_min, @lat_min) to (@lon_max, @lat_max) with @margin pixels to
 * spare. If @lon_max < @lon_min the box crosses the antimeridian (e.g. 170 to -170).
 * A projection that does not repeat (Equal Earth) is centred on the box's middle meridian, so
 * a box over the Pacific is drawn whole, not cut at 180.
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
  view->central_lon = 0;
  if (!dm_projection_wraps (projection))
    {
      double half = (lon_max - lon_min) / 2;
      view->central_lon = dm_antimeridian_wrap (lon_min + half);
      lon_min = -half, lon_max = half;
    }
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

/* Half the world's width (centred on the central meridian) at the projected height @y */
static double
world_half_width (DmProjection projection,
                  double       y)
{
  double lon, lat, x, x0, y0, x1, y1;

  dm_projection_world_bounds (projection, &x0, &y0, &x1, &y1);
  dm_projection_inverse (projection, 0, CLAMP (fabs (y), 0, y1), &lon, &lat);
  dm_projection_forward (projection, 180.0, lat, &x, &y);
  return x;
}

/* Where the view's frame may go: for a frame of half-size @hw x @hh (projected units) centred
 * at height @cy, how far its middle may leave the central meridian (negative: nowhere). The
 * world narrows away from the equator, so the frame edge farther from it decides. */
static double
room_at (DmProjection projection,
         double       hw,
         double       hh,
         double       cy)
{
  double x0, y0, x1, y1;

  dm_projection_world_bounds (projection, &x0, &y0, &x1, &y1);
  if (fabs (cy) + hh > y1 + 1e-12)
    return -1.0;
  if (dm_projection_wraps (projection))
    return G_MAXDOUBLE;
  return world_half_width (projection, fabs (cy) + hh) - hw;
}

/* The box of @keep in the view's projected coordinates */
static gboolean
keep_box (const DmView   *view,
          const DmLonLat *keep,
          gsize           n_keep,
          double         *box)
{
  double clon, clat;

  box[0] = box[1] = G_MAXDOUBLE;
  box[2] = box[3] = -G_MAXDOUBLE;
  dm_view_unproject (view, view->width / 2, view->height / 2, &clon, &clat);
  for (gsize i = 0; i < n_keep; i++)
    {
      double x, y, lon = keep[i].lon;

      if (dm_projection_wraps (view->projection))
        lon += 360.0 * round ((clon - lon) / 360.0);
      else
        lon = dm_view_wrap_lon (view, lon);
      dm_projection_forward (view->projection, lon - view->central_lon, keep[i].lat, &x, &y);
      box[0] = MIN (box[0], x), box[1] = MIN (box[1], y);
      box[2] = MAX (box[2], x), box[3] = MAX (box[3], y);
    }
  /* a world that repeats has no sides: only heights matter */
  if (dm_projection_wraps (view->projection))
    box[0] = box[2] = view->center_x;
  return n_keep > 0;
}

/* At half-size @hw x @hh, the centre inside the world nearest (@want_x, @want_y) from which
 * the frame holds @box (NULL: anything); FALSE if there is none. Samples the heights. */
static gboolean
place_frame (DmProjection  projection,
             double        hw,
             double        hh,
             const double *box,
             double        want_x,
             double        want_y,
             double       *cx,
             double       *cy)
{
  double x0, y0, x1, y1, lo, hi, best = G_MAXDOUBLE;

  dm_projection_world_bounds (projection, &x0, &y0, &x1, &y1);
  lo = y0 + hh, hi = y1 - hh;
  if (box != NULL)
    lo = MAX (lo, box[3] - hh), hi = MIN (hi, box[1] + hh);
  if (lo > hi + 1e-12)
    return FALSE;
  for (int i = -1; i <= 64; i++)
    {
      /* the wanted height first, then evenly from the bottom to the top */
      double y = i < 0 ? CLAMP (want_y, lo, hi) : lo + (hi - lo) * i / 64.0;
      double room = room_at (projection, hw, hh, y), xa = -room, xb = room, x, d;

      if (room < 0)
        continue;
      if (box != NULL)
        xa = MAX (xa, box[2] - hw), xb = MIN (xb, box[0] + hw);
      if (xa > xb + 1e-12)
        continue;
      x = CLAMP (want_x, xa, xb);
      d = hypot (x - want_x, y - want_y);
      if (d < best)
        best = d, *cx = x, *cy = y;
      if (i < 0 && d == 0)
        break;
    }
  return best < G_MAXDOUBLE;
}

/**
 * dm_view_keep_inside_world:
 * @keep: (array length=n_keep) (nullable): places that should stay in view
 * @margin: pixels to keep around them
 *
 * Zooms in and moves @view as little as it can so that the whole drawing lies inside the
 * world and no background shows: between the world's top and bottom, and for a projection
 * that does not repeat (Equal Earth) also between its curved sides. Where it can, the frame
 * still holds @keep (with @margin pixels around); the middle of the view moves towards the
 * equator and the central meridian only as far as it must.
 */
void
dm_view_keep_inside_world (DmView         *view,
                           const DmLonLat *keep,
                           gsize           n_keep,
                           double          margin)
{
  /* a pixel to spare, so that no antialiased edge of the world shows */
  const double pad = 1.5;
  double box[4], cx, cy, s;
  gboolean has_box;

  g_return_if_fail (view != NULL && view->scale > 0);
  has_box = keep_box (view, keep, n_keep, box);
  /* zoom in step by step until a frame fits (with @keep in it, if possible) */
  for (int pass = 0; pass < 2; pass++)
    for (s = view->scale; s < view->scale * 1e4; s *= 1.01)
      {
        double hw = (view->width / 2 + pad) / s, hh = (view->height / 2 + pad) / s;
        double m = margin / s, grown[4];

        if (pass == 0 && has_box)
          {
            grown[0] = box[0] - m, grown[1] = box[1] - m;
            grown[2] = box[2] + m, grown[3] = box[3] + m;
            /* the frame is now too small to hold them: give up keeping them */
            if (grown[2] - grown[0] > 2 * hw || grown[3] - grown[1] > 2 * hh)
              break;
          }
        if (place_frame (view->projection, hw, hh, pass == 0 && has_box ? grown : NULL,
                         view->center_x, view->center_y, &cx, &cy))
          {
            view->scale = s;
            view->center_x = dm_projection_wraps (view->projection) ? view->center_x : cx;
            view->center_y = cy;
            return;
          }
      }
}

/**
 * dm_view_wrap_lon:
 * The longitude at which to draw something that is at @lon and not repeated: for a
 * projection that does not repeat, @lon moved by a multiple of 360 into the map's range
 * (central_lon ± 180); unchanged for one that repeats (draw its copies instead, see
 * dm_view_get_copies()).
 */
double
dm_view_wrap_lon (const DmView *view,
                  double        lon)
{
  g_return_val_if_fail (view != NULL, lon);
  if (dm_projection_wraps (view->projection) ||
      (lon >= view->central_lon - 180.0 && lon <= view->central_lon + 180.0))
    return lon;
  return view->central_lon + dm_antimeridian_wrap (lon - view->central_lon);
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

  dm_projection_forward (view->projection, lon - view->central_lon, lat, &x, &y);
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
  gboolean inside = dm_projection_inverse (view->projection, x, y, lon, lat);

  *lon += view->central_lon;
  return inside;
}

/**
 * dm_view_get_visible:
 * The longitudes and latitudes the view shows. For Mercator and equirectangular the
 * longitudes are unwrapped (a view over the Pacific may give 150 to 230); Equal Earth gives
 * at most its central meridian ± 180.
 */
void
dm_view_get_visible (const DmView *view,
                     double       *lon_min,
                     double       *lat_min,
                     double       *lon_max,
                     double       *lat_max)
{
  double lon, lat, c = view->central_lon;

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
            lon = CLAMP (lon, c - 180.0, c + 180.0);
            if (lon < c)
              *lon_min = c - 180.0;
            else
              *lon_max = c + 180.0;
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
        *lat_max = 90.0, *lon_min = c - 180.0, *lon_max = c + 180.0;
      dm_view_project (view, lon, -90.0, &px, &py);
      if (py <= view->height)
        *lat_min = -90.0, *lon_min = c - 180.0, *lon_max = c + 180.0;
    }
  *lon_min = CLAMP (*lon_min, c - 180.0, c + 180.0);
  *lon_max = CLAMP (*lon_max, c - 180.0, c + 180.0);
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

/* Mercator shows latitudes up to ±85.05°: a line over a pole is cut where it leaves and
 * comes back (its points clamped to the edge would run along it) */
static void
append_points (const DmView   *view,
               cairo_t        *cr,
               const DmLonLat *points,
               gsize           n_points,
               double          shift)
{
  gboolean mercator = view->projection == DM_PROJECTION_MERCATOR;
  gboolean open = FALSE;

  for (gsize i = 0; i < n_points; i++)
    {
      gboolean inside = !mercator || fabs (points[i].lat) <= DM_MERCATOR_MAX_LAT;
      double px, py;

      if (i > 0 && mercator && inside != (fabs (points[i - 1].lat) <= DM_MERCATOR_MAX_LAT))
        {
          const DmLonLat *a = &points[i - 1], *b = &points[i];
          double edge = copysign (DM_MERCATOR_MAX_LAT, inside ? a->lat : b->lat);
          double f = (edge - a->lat) / (b->lat - a->lat);

          dm_view_project (view, a->lon + f * (b->lon - a->lon) + shift, edge, &px, &py);
          if (inside)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
          open = inside;
        }
      if (!inside)
        continue;
      dm_view_project (view, points[i].lon + shift, points[i].lat, &px, &py);
      if (!open)
        cairo_move_to (cr, px, py), open = TRUE;
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
 * 180 (Mercator's cut where it goes past ±85.05° over a pole); for Equal Earth the line cut
 * at the map's edges (central_lon ± 180) into pieces that end on them.
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
      g_autoptr(GPtrArray) pieces = dm_antimeridian_split_around (points, n_points,
                                                                  view->central_lon);
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
