/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-geo"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "dm-antimeridian.h"

/**
 * dm_antimeridian_wrap:
 * @lon into [-180, 180).
 */
double
dm_antimeridian_wrap (double lon)
{
  double r = fmod (lon + 180.0, 360.0);

  if (r < 0)
    r += 360.0;
  return r - 180.0;
}

/**
 * dm_antimeridian_unwrap:
 * Makes longitudes continuous in place: each longitude is moved by a multiple of 360 so that
 * it is within 180 degrees of the one before. The first point stays where it is.
 */
void
dm_antimeridian_unwrap (DmLonLat *points,
                        gsize     n_points)
{
  for (gsize i = 1; i < n_points; i++)
    {
      double d = points[i].lon - points[i - 1].lon;
      if (d > 180.0 || d < -180.0)
        points[i].lon -= 360.0 * floor ((d + 180.0) / 360.0);
    }
}

/**
 * dm_antimeridian_crosses:
 * Whether a polyline (wrapped or unwrapped) crosses the ±180 meridian.
 */
gboolean
dm_antimeridian_crosses (const DmLonLat *points,
                         gsize           n_points)
{
  g_autofree DmLonLat *copy = g_memdup2 (points, n_points * sizeof (DmLonLat));

  dm_antimeridian_unwrap (copy, n_points);
  for (gsize i = 1; i < n_points; i++)
    {
      double k0 = floor ((copy[i - 1].lon + 180.0) / 360.0);
      double k1 = floor ((copy[i].lon + 180.0) / 360.0);
      if (k0 != k1)
        return TRUE;
    }
  return FALSE;
}

/**
 * dm_antimeridian_split:
 * Splits a polyline where it crosses ±180 (for projections that do not repeat, like Equal
 * Earth). The input may be wrapped or unwrapped; each piece gets longitudes within
 * [-180, 180] and ends exactly on the meridian (at -180 or 180) where it was cut, with the
 * latitude interpolated linearly in longitude.
 *
 * Returns: (transfer full) (element-type GArray): pieces, each a #GArray of #DmLonLat
 */
GPtrArray *
dm_antimeridian_split (const DmLonLat *points,
                       gsize           n_points)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree DmLonLat *u = g_memdup2 (points, n_points * sizeof (DmLonLat));
  GArray *cur = NULL;
  double k_cur = 0;

  if (n_points == 0)
    return pieces;
  dm_antimeridian_unwrap (u, n_points);
  for (gsize i = 0; i < n_points; i++)
    {
      double k = floor ((u[i].lon + 180.0) / 360.0);

      if (cur == NULL)
        {
          cur = g_array_new (FALSE, FALSE, sizeof (DmLonLat));
          k_cur = k;
        }
      while (k != k_cur)
        {
          /* crossing the meridian between u[i-1] and u[i], going east (k grows) or west */
          double step = k > k_cur ? 1.0 : -1.0;
          double edge = -180.0 + 360.0 * (k_cur + (step > 0 ? 1.0 : 0.0));
          double t = (edge - u[i - 1].lon) / (u[i].lon - u[i - 1].lon);
          DmLonLat cut = { edge, u[i - 1].lat + t * (u[i].lat - u[i - 1].lat) };
          DmLonLat end = { cut.lon - 360.0 * k_cur, cut.lat };
          DmLonLat start = { cut.lon - 360.0 * (k_cur + step), cut.lat };

          g_array_append_val (cur, end);
          if (cur->len > 1)
            g_ptr_array_add (pieces, cur);
          else
            g_array_unref (cur);
          cur = g_array_new (FALSE, FALSE, sizeof (DmLonLat));
          g_array_append_val (cur, start);
          k_cur += step;
        }
      DmLonLat p = { u[i].lon - 360.0 * k, u[i].lat };
      if (cur->len == 0 || p.lon != g_array_index (cur, DmLonLat, cur->len - 1).lon ||
          p.lat != g_array_index (cur, DmLonLat, cur->len - 1).lat)
        g_array_append_val (cur, p);
    }
  if (cur->len > 1)
    g_ptr_array_add (pieces, cur);
  else
    g_array_unref (cur);
  return pieces;
}

/**
 * dm_antimeridian_split_around:
 * @center_lon: the central meridian of a map that does not repeat
 *
 * Like dm_antimeridian_split(), for a map centred on @center_lon: cuts where the line crosses
 * @center_lon + 180 (the map's edges), and each piece gets longitudes within
 * [@center_lon - 180, @center_lon + 180].
 *
 * Returns: (transfer full) (element-type GArray): pieces, each a #GArray of #DmLonLat
 */
GPtrArray *
dm_antimeridian_split_around (const DmLonLat *points,
                              gsize           n_points,
                              double          center_lon)
{
  g_autofree DmLonLat *shifted = g_memdup2 (points, n_points * sizeof (DmLonLat));
  GPtrArray *pieces;

  for (gsize i = 0; i < n_points; i++)
    shifted[i].lon -= center_lon;
  pieces = dm_antimeridian_split (shifted, n_points);
  for (guint j = 0; j < pieces->len; j++)
    {
      GArray *piece = g_ptr_array_index (pieces, j);
      for (guint i = 0; i < piece->len; i++)
        g_array_index (piece, DmLonLat, i).lon += center_lon;
    }
  return pieces;
}

/**
 * dm_antimeridian_within_copy:
 * @points: a continuous polyline (as dm_antimeridian_unwrap() leaves it)
 * @center_lon: the central meridian of a map that does not repeat
 * @k: (out): the copy of the map it lies in
 *
 * Whether the line lies within one copy of the map, between @center_lon - 180 + 360 @k
 * (included) and @center_lon + 180 + 360 @k (excluded): the line never reaches the map's
 * edges, and dm_antimeridian_split_around() would return it whole, shifted by -360 @k. Cheap:
 * no copy.
 */
gboolean
dm_antimeridian_within_copy (const DmLonLat *points,
                             gsize           n_points,
                             double          center_lon,
                             int            *k)
{
  double k0;

  *k = 0;
  if (n_points == 0)
    return TRUE;
  k0 = floor ((points[0].lon - center_lon + 180.0) / 360.0);
  for (gsize i = 1; i < n_points; i++)
    if (floor ((points[i].lon - center_lon + 180.0) / 360.0) != k0)
      return FALSE;
  *k = (int) k0;
  return TRUE;
}

static int
compare_double_cb (gconstpointer a,
                   gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * dm_antimeridian_bounds:
 * The smallest box holding @points (wrapped or not), for framing a view: the longitudes
 * leave out the widest gap between them, so Tokyo and San Francisco give 139.7 to 237.6
 * (over the Pacific), not -122.4 to 139.7. @lon_min is in [-180, 180) and @lon_max may
 * exceed 180. With no points the whole world.
 */
void
dm_antimeridian_bounds (const DmLonLat *points,
                        gsize           n_points,
                        double         *lon_min,
                        double         *lat_min,
                        double         *lon_max,
                        double         *lat_max)
{
  g_autofree double *lons = NULL;
  double best_gap = -1, start = 0;

  if (n_points == 0)
    {
      *lon_min = -180, *lon_max = 180, *lat_min = -90, *lat_max = 90;
      return;
    }
  lons = g_new (double, n_points);
  *lat_min = G_MAXDOUBLE, *lat_max = -G_MAXDOUBLE;
  for (gsize i = 0; i < n_points; i++)
    {
      lons[i] = dm_antimeridian_wrap (points[i].lon);
      *lat_min = MIN (*lat_min, points[i].lat);
      *lat_max = MAX (*lat_max, points[i].lat);
    }
  qsort (lons, n_points, sizeof (double), compare_double_cb);
  /* the widest gap between neighbours, going round; the box starts after it */
  for (gsize i = 0; i < n_points; i++)
    {
      double next = i + 1 < n_points ? lons[i + 1] : lons[0] + 360.0;
      if (next - lons[i] > best_gap)
        {
          best_gap = next - lons[i];
          start = i + 1 < n_points ? lons[i + 1] : lons[0];
        }
    }
  *lon_min = start;
  *lon_max = start + (360.0 - best_gap);
}
