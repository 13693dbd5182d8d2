/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-geo"

#include "config.h"

#include <math.h>

#include "dm-antimeridian.h"
#include "dm-great-circle.h"

#define DEG (G_PI / 180.0)

/**
 * dm_great_circle_distance:
 * The central angle between @a and @b in radians (haversine, exact for short distances).
 */
double
dm_great_circle_distance (DmLonLat a,
                          DmLonLat b)
{
  double p1 = a.lat * DEG, p2 = b.lat * DEG;
  double dp = p2 - p1, dl = (b.lon - a.lon) * DEG;
  double h = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2.0 * asin (MIN (1.0, sqrt (h)));
}

double
dm_great_circle_distance_km (DmLonLat a,
                             DmLonLat b)
{
  return dm_great_circle_distance (a, b) * DM_EARTH_RADIUS_KM;
}

/**
 * dm_great_circle_bearing:
 * Initial bearing from @a towards @b, degrees clockwise from north in [0, 360).
 */
double
dm_great_circle_bearing (DmLonLat a,
                         DmLonLat b)
{
  double p1 = a.lat * DEG, p2 = b.lat * DEG, dl = (b.lon - a.lon) * DEG;
  double y = sin (dl) * cos (p2);
  double x = cos (p1) * sin (p2) - sin (p1) * cos (p2) * cos (dl);
  double deg = atan2 (y, x) / DEG;

  return fmod (deg + 360.0, 360.0);
}

/**
 * dm_great_circle_interpolate:
 * The point at fraction @f (0 = @a, 1 = @b) along the shorter great circle from @a to @b.
 * The longitude returned is in [-180, 180]. Antipodal points have no unique great circle:
 * the answer then runs through the meridian of @a.
 */
DmLonLat
dm_great_circle_interpolate (DmLonLat a,
                             DmLonLat b,
                             double   f)
{
  double d = dm_great_circle_distance (a, b);
  DmLonLat r;

  if (d < 1e-12)
    return a;

  double p1 = a.lat * DEG, l1 = a.lon * DEG, p2 = b.lat * DEG, l2 = b.lon * DEG;
  double sd = sin (d);
  double ka, kb;

  if (fabs (sd) < 1e-12)
    {
      /* antipodes: go over the pole nearer to a */
      double lat = a.lat + f * (a.lat >= 0 ? 1 : -1) * 180.0;
      r.lon = a.lon;
      if (lat > 90.0 || lat < -90.0)
        {
          lat = (lat > 0 ? 180.0 : -180.0) - lat;
          r.lon = a.lon + 180.0;
        }
      r.lat = lat;
      r.lon = dm_antimeridian_wrap (r.lon);
      return r;
    }
  ka = sin ((1.0 - f) * d) / sd;
  kb = sin (f * d) / sd;

  double x = ka * cos (p1) * cos (l1) + kb * cos (p2) * cos (l2);
  double y = ka * cos (p1) * sin (l1) + kb * cos (p2) * sin (l2);
  double z = ka * sin (p1) + kb * sin (p2);

  r.lat = atan2 (z, sqrt (x * x + y * y)) / DEG;
  r.lon = atan2 (y, x) / DEG;
  return r;
}

/**
 * dm_great_circle_interpolate_n:
 * @out: (array): @n_segments + 1 points
 *
 * The points at fractions 0, 1 / @n_segments ... 1 along the great circle from @a to @b, each
 * exactly what dm_great_circle_interpolate() gives, with what depends only on @a and @b
 * computed once (the route set's legs have up to 180 points each).
 */
void
dm_great_circle_interpolate_n (DmLonLat  a,
                               DmLonLat  b,
                               guint     n_segments,
                               DmLonLat *out)
{
  double d = dm_great_circle_distance (a, b);
  double p1 = a.lat * DEG, l1 = a.lon * DEG, p2 = b.lat * DEG, l2 = b.lon * DEG;
  double sd = sin (d), cp1, cl1, sl1, sp1, cp2, cl2, sl2, sp2;

  g_return_if_fail (n_segments > 0);
  /* a point, or antipodes: the general case */
  if (d < 1e-12 || fabs (sd) < 1e-12)
    {
      for (guint i = 0; i <= n_segments; i++)
        out[i] = dm_great_circle_interpolate (a, b, (double) i / n_segments);
      return;
    }
  cp1 = cos (p1), cl1 = cos (l1), sl1 = sin (l1), sp1 = sin (p1);
  cp2 = cos (p2), cl2 = cos (l2), sl2 = sin (l2), sp2 = sin (p2);
  for (guint i = 0; i <= n_segments; i++)
    {
      double f = (double) i / n_segments;
      double ka = sin ((1.0 - f) * d) / sd;
      double kb = sin (f * d) / sd;
      /* in the order of dm_great_circle_interpolate(), for the same roundings */
      double x = ka * cp1 * cl1 + kb * cp2 * cl2;
      double y = ka * cp1 * sl1 + kb * cp2 * sl2;
      double z = ka * sp1 + kb * sp2;

      out[i].lat = atan2 (z, sqrt (x * x + y * y)) / DEG;
      out[i].lon = atan2 (y, x) / DEG;
    }
}

/**
 * dm_great_circle_segments_for:
 * How many segments keep each step of the great circle at most @max_step_deg of arc long
 * (at least 1).
 */
guint
dm_great_circle_segments_for (DmLonLat a,
                              DmLonLat b,
                              double   max_step_deg)
{
  double d = dm_great_circle_distance (a, b) / DEG;

  g_return_val_if_fail (max_step_deg > 0, 1);
  return MAX (1, (guint) ceil (d / max_step_deg));
}

/**
 * dm_great_circle_densify:
 * @n_segments: number of segments (the array gets @n_segments + 1 points)
 *
 * Points along the great circle from @a to @b, both included. Longitudes are continuous
 * (unwrapped, see dm_antimeridian_unwrap()): starting at @a's longitude, a line over the
 * Pacific from Tokyo to San Francisco goes past 180 instead of jumping back across Asia.
 *
 * Returns: (transfer full): a #GArray of #DmLonLat
 */
GArray *
dm_great_circle_densify (DmLonLat a,
                         DmLonLat b,
                         guint    n_segments)
{
  GArray *points;

  n_segments = MAX (1, n_segments);
  points = g_array_sized_new (FALSE, FALSE, sizeof (DmLonLat), n_segments + 1);
  g_array_append_val (points, a);
  for (guint i = 1; i < n_segments; i++)
    {
      DmLonLat p = dm_great_circle_interpolate (a, b, (double) i / n_segments);
      g_array_append_val (points, p);
    }
  g_array_append_val (points, b);
  dm_antimeridian_unwrap ((DmLonLat *) (void *) points->data, points->len);
  return points;
}
