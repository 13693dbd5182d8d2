/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "dm-antimeridian.h"
#include "dm-great-circle.h"
#include "dm-projection.h"

static const DmLonLat tokyo = { 139.6917, 35.6895 };
static const DmLonLat san_francisco = { -122.4194, 37.7749 };
static const DmLonLat london = { -0.1278, 51.5074 };
static const DmLonLat paris = { 2.3522, 48.8566 };
static const DmLonLat new_york = { -74.0060, 40.7128 };

static void
test_distance_known (void)
{
  DmLonLat a = { 0, 0 }, b = { 90, 0 }, n = { 0, 90 }, s = { 0, -90 };

  /* published great-circle distances (spherical, mean radius) */
  g_assert_cmpfloat_with_epsilon (dm_great_circle_distance_km (london, paris), 343.5, 2.0);
  g_assert_cmpfloat_with_epsilon (dm_great_circle_distance_km (new_york, london), 5570.0, 15.0);
  g_assert_cmpfloat_with_epsilon (dm_great_circle_distance_km (tokyo, san_francisco), 8270.0, 30.0);
  g_assert_cmpfloat_with_epsilon (dm_great_circle_distance (a, b), G_PI / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (dm_great_circle_distance (n, s), G_PI, 1e-12);
  g_assert_cmpfloat_with_epsilon (dm_great_circle_distance (paris, paris), 0.0, 1e-15);
  /* symmetric */
  g_assert_cmpfloat_with_epsilon (dm_great_circle_distance (tokyo, london),
                                  dm_great_circle_distance (london, tokyo), 1e-12);
}

static void
test_interpolate (void)
{
  DmLonLat a = { 10, 0 }, b = { 50, 0 }, m, p;

  m = dm_great_circle_interpolate (a, b, 0.5);
  g_assert_cmpfloat_with_epsilon (m.lon, 30.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (m.lat, 0.0, 1e-9);
  p = dm_great_circle_interpolate (tokyo, san_francisco, 0.0);
  g_assert_cmpfloat_with_epsilon (p.lon, tokyo.lon, 1e-9);
  p = dm_great_circle_interpolate (tokyo, san_francisco, 1.0);
  g_assert_cmpfloat_with_epsilon (p.lon, san_francisco.lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.lat, san_francisco.lat, 1e-9);

  /* the point at f is at distance f * d from a, and (1 - f) * d from b */
  for (double f = 0.1; f < 1.0; f += 0.2)
    {
      double d = dm_great_circle_distance (new_york, tokyo);
      p = dm_great_circle_interpolate (new_york, tokyo, f);
      g_assert_cmpfloat_with_epsilon (dm_great_circle_distance (new_york, p), f * d, 1e-9);
      g_assert_cmpfloat_with_epsilon (dm_great_circle_distance (p, tokyo), (1 - f) * d, 1e-9);
    }
  /* a great circle bulges towards the pole: London -> New York passes north of both */
  m = dm_great_circle_interpolate (london, new_york, 0.5);
  g_assert_cmpfloat (m.lat, >, 51.5074);
  g_assert_cmpfloat_with_epsilon (dm_great_circle_bearing (london, new_york), 288.3, 1.0);
}

/* The points of a whole great circle at once are, bit for bit, those found one at a time */
static void
test_interpolate_n (void)
{
  const DmLonLat pairs[][2] = { { { -0.1278, 51.5074 }, { -74.006, 40.7128 } },
                                { { 139.6917, 35.6895 }, { -122.4194, 37.7749 } },
                                { { 10, 0 }, { 50, 0 } },
                                { { 30, 45 }, { 30, 45 } },     /* one point */
                                { { 0, 20 }, { 180, -20 } },    /* antipodes */
                                { { 179.5, -16.5 }, { -178.2, -18.1 } } };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    for (guint n = 1; n <= 40; n += 13)
      {
        g_autofree DmLonLat *all = g_new (DmLonLat, n + 1);

        dm_great_circle_interpolate_n (pairs[i][0], pairs[i][1], n, all);
        for (guint k = 0; k <= n; k++)
          {
            DmLonLat one = dm_great_circle_interpolate (pairs[i][0], pairs[i][1], (double) k / n);
            g_assert_cmpmem (&all[k], sizeof (DmLonLat), &one, sizeof (DmLonLat));
          }
      }
}

static void
test_tokyo_san_francisco_over_pacific (void)
{
  g_autoptr(GArray) pts = dm_great_circle_densify (tokyo, san_francisco, 64);
  double max_lat = -90;

  g_assert_cmpuint (pts->len, ==, 65);
  for (guint i = 0; i < pts->len; i++)
    {
      const DmLonLat *p = &g_array_index (pts, DmLonLat, i);
      /* eastwards over the Pacific: never back across Asia */
      g_assert_cmpfloat (p->lon, >=, tokyo.lon - 1e-9);
      if (i > 0)
        {
          const DmLonLat *q = &g_array_index (pts, DmLonLat, i - 1);
          g_assert_cmpfloat (p->lon, >, q->lon);
          g_assert_cmpfloat (p->lon - q->lon, <, 5.0);
        }
      max_lat = MAX (max_lat, p->lat);
    }
  /* ends at San Francisco unwrapped: -122.42 + 360 */
  g_assert_cmpfloat_with_epsilon (g_array_index (pts, DmLonLat, 64).lon, 237.5806, 1e-6);
  /* passes south of the Aleutians, well north of both ends */
  g_assert_cmpfloat (max_lat, >, 45.0);
  g_assert_cmpfloat (max_lat, <, 50.0);
  g_assert_true (dm_antimeridian_crosses ((DmLonLat *) (void *) pts->data, pts->len));
}

static void
test_split (void)
{
  g_autoptr(GArray) pts = dm_great_circle_densify (tokyo, san_francisco, 64);
  g_autoptr(GPtrArray) pieces = dm_antimeridian_split ((DmLonLat *) (void *) pts->data, pts->len);
  GArray *a, *b;
  DmLonLat a_end, b_start;
  DmLonLat europe[] = { { -10, 40 }, { 10, 50 }, { 30, 55 } };
  g_autoptr(GPtrArray) one = dm_antimeridian_split (europe, G_N_ELEMENTS (europe));

  g_assert_cmpuint (pieces->len, ==, 2);
  a = g_ptr_array_index (pieces, 0);
  b = g_ptr_array_index (pieces, 1);
  a_end = g_array_index (a, DmLonLat, a->len - 1);
  b_start = g_array_index (b, DmLonLat, 0);
  g_assert_cmpfloat (a_end.lon, ==, 180.0);
  g_assert_cmpfloat (b_start.lon, ==, -180.0);
  g_assert_cmpfloat_with_epsilon (a_end.lat, b_start.lat, 1e-12);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpfloat (g_array_index (a, DmLonLat, i).lon, >=, 139.0);
  for (guint i = 0; i < b->len; i++)
    g_assert_cmpfloat (g_array_index (b, DmLonLat, i).lon, <=, -122.0);
  g_assert_cmpfloat_with_epsilon (g_array_index (b, DmLonLat, b->len - 1).lon, san_francisco.lon,
                                  1e-9);
  g_assert_cmpuint (a->len + b->len, ==, pts->len + 2);

  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpuint (((GArray *) g_ptr_array_index (one, 0))->len, ==, 3);
  g_assert_false (dm_antimeridian_crosses (europe, G_N_ELEMENTS (europe)));
}

/* A map centred on 170 W has its edges at 10 E: Tokyo - San Francisco stays whole, a line
 * across Europe is cut at 10 E into pieces within 190 W to 10 E and 10 E to 170 E */
static void
test_split_around (void)
{
  g_autoptr(GArray) pts = dm_great_circle_densify (tokyo, san_francisco, 64);
  g_autoptr(GPtrArray) pacific = dm_antimeridian_split_around ((DmLonLat *) (void *) pts->data,
                                                               pts->len, -170);
  DmLonLat europe[] = { { -10, 40 }, { 10, 50 }, { 30, 55 } };
  g_autoptr(GPtrArray) cut = dm_antimeridian_split_around (europe, G_N_ELEMENTS (europe), -170);
  GArray *a, *b;

  g_assert_cmpuint (pacific->len, ==, 1);
  a = g_ptr_array_index (pacific, 0);
  g_assert_cmpuint (a->len, ==, pts->len);
  for (guint i = 0; i < a->len; i++)
    {
      double lon = g_array_index (a, DmLonLat, i).lon;
      g_assert_cmpfloat (lon, >=, -350.0);
      g_assert_cmpfloat (lon, <=, 10.0);
    }

  g_assert_cmpuint (cut->len, ==, 2);
  a = g_ptr_array_index (cut, 0);
  b = g_ptr_array_index (cut, 1);
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpfloat (g_array_index (a, DmLonLat, 0).lon, ==, -10.0);
  g_assert_cmpfloat (g_array_index (a, DmLonLat, 1).lon, ==, 10.0);
  g_assert_cmpfloat (g_array_index (b, DmLonLat, 0).lon, ==, -350.0);
  g_assert_cmpfloat_with_epsilon (g_array_index (b, DmLonLat, 1).lon, -330.0, 1e-9);
}

/* A line that never reaches the map's edges needs no cut: dm_antimeridian_within_copy() says
 * so, and which copy of the map it lies in, as dm_antimeridian_split_around() would find */
static void
test_within_copy (void)
{
  g_autoptr(GArray) pts = dm_great_circle_densify (tokyo, san_francisco, 64);
  const DmLonLat *pacific = (DmLonLat *) (void *) pts->data;
  DmLonLat europe[] = { { -10, 40 }, { 10, 50 }, { 30, 55 } };
  const double centers[] = { 0, -170, 150, 10 };
  int k;

  /* Tokyo 139.7 E to San Francisco 237.6 (unwrapped) lies in the copy east of a map centred
   * on 170 W (its edges at 10 E and 370 E), across the edge of one centred on 0 */
  g_assert_true (dm_antimeridian_within_copy (pacific, pts->len, -170, &k));
  g_assert_cmpint (k, ==, 1);
  g_assert_false (dm_antimeridian_within_copy (pacific, pts->len, 0, &k));
  g_assert_true (dm_antimeridian_within_copy (europe, G_N_ELEMENTS (europe), 0, &k));
  g_assert_cmpint (k, ==, 0);
  g_assert_false (dm_antimeridian_within_copy (europe, G_N_ELEMENTS (europe), -170, &k));
  /* an edge belongs to the copy east of it, as split_around() has it */
  g_assert_true (dm_antimeridian_within_copy (europe, G_N_ELEMENTS (europe), -190, &k));
  g_assert_cmpint (k, ==, 1);

  /* whole lines are those split_around() returns in one piece, shifted by -360 k */
  for (guint c = 0; c < G_N_ELEMENTS (centers); c++)
    for (guint line = 0; line < 2; line++)
      {
        const DmLonLat *p = line == 0 ? pacific : europe;
        gsize n = line == 0 ? pts->len : G_N_ELEMENTS (europe);
        g_autoptr(GPtrArray) pieces = dm_antimeridian_split_around (p, n, centers[c]);
        GArray *whole;

        if (!dm_antimeridian_within_copy (p, n, centers[c], &k))
          {
            g_assert_cmpuint (pieces->len, >, 1);
            continue;
          }
        g_assert_cmpuint (pieces->len, ==, 1);
        whole = g_ptr_array_index (pieces, 0);
        g_assert_cmpuint (whole->len, ==, n);
        for (gsize i = 0; i < n; i++)
          g_assert_cmpfloat_with_epsilon (g_array_index (whole, DmLonLat, i).lon,
                                          p[i].lon - 360.0 * k, 1e-9);
      }
}

static void
test_unwrap (void)
{
  DmLonLat line[] = { { 170, 0 }, { -170, 1 }, { -160, 2 }, { 175, 3 }, { -179, 4 } };

  dm_antimeridian_unwrap (line, G_N_ELEMENTS (line));
  g_assert_cmpfloat (line[0].lon, ==, 170);
  g_assert_cmpfloat (line[1].lon, ==, 190);
  g_assert_cmpfloat (line[2].lon, ==, 200);
  g_assert_cmpfloat (line[3].lon, ==, 175);
  g_assert_cmpfloat (line[4].lon, ==, 181);
  g_assert_cmpfloat (dm_antimeridian_wrap (190), ==, -170);
  g_assert_cmpfloat (dm_antimeridian_wrap (-540), ==, -180);
  g_assert_cmpfloat (dm_antimeridian_wrap (45), ==, 45);
}

static void
test_bounds (void)
{
  DmLonLat pacific[] = { tokyo, san_francisco, { 174.8, -36.8 } /* Auckland */ };
  DmLonLat europe[] = { london, paris, { 37.6, 55.75 } };
  double lon0, lat0, lon1, lat1;

  /* over the Pacific, not around the world the other way */
  dm_antimeridian_bounds (pacific, 3, &lon0, &lat0, &lon1, &lat1);
  g_assert_cmpfloat_with_epsilon (lon0, tokyo.lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon1, san_francisco.lon + 360, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat0, -36.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat1, san_francisco.lat, 1e-9);
  dm_antimeridian_bounds (europe, 3, &lon0, &lat0, &lon1, &lat1);
  g_assert_cmpfloat_with_epsilon (lon0, london.lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon1, 37.6, 1e-9);
  /* unwrapped input gives the same */
  pacific[1].lon += 360;
  dm_antimeridian_bounds (pacific, 3, &lon0, &lat0, &lon1, &lat1);
  g_assert_cmpfloat_with_epsilon (lon1 - lon0, san_francisco.lon + 360 - tokyo.lon, 1e-9);
  dm_antimeridian_bounds (pacific, 1, &lon0, &lat0, &lon1, &lat1);
  g_assert_cmpfloat (lon0, ==, lon1);
}

static void
test_equal_earth_round_trip (void)
{
  double x, y, lon, lat, xw, yh;

  for (double la = -89.5; la <= 89.5; la += 4.75)
    for (double lo = -180; lo <= 180; lo += 7.5)
      {
        dm_projection_forward (DM_PROJECTION_EQUAL_EARTH, lo, la, &x, &y);
        g_assert_true (dm_projection_inverse (DM_PROJECTION_EQUAL_EARTH, x, y, &lon, &lat));
        g_assert_cmpfloat_with_epsilon (lon, lo, 1e-7);
        g_assert_cmpfloat_with_epsilon (lat, la, 1e-7);
      }
  /* the map is about 2.05 times as wide as it is high; the pole is a line */
  dm_projection_forward (DM_PROJECTION_EQUAL_EARTH, 180, 0, &xw, &y);
  dm_projection_forward (DM_PROJECTION_EQUAL_EARTH, 0, 90, &x, &yh);
  g_assert_cmpfloat_with_epsilon (xw / yh, 2.05, 0.01);
  dm_projection_forward (DM_PROJECTION_EQUAL_EARTH, 180, 90, &x, &y);
  g_assert_cmpfloat (x, >, 0.4 * xw);
  g_assert_cmpfloat (x, <, 0.6 * xw);
  /* outside the outline */
  g_assert_false (dm_projection_inverse (DM_PROJECTION_EQUAL_EARTH, xw * 0.99, yh * 0.99, &lon, &lat));
}

static void
test_mercator (void)
{
  double x, y, lon, lat;

  dm_projection_forward (DM_PROJECTION_MERCATOR, 0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-12);
  dm_projection_forward (DM_PROJECTION_MERCATOR, 180, DM_MERCATOR_MAX_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, G_PI, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, G_PI, 1e-9);
  /* beyond the limit it clamps; the south pole is at the bottom edge */
  dm_projection_forward (DM_PROJECTION_MERCATOR, 0, -90, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, -G_PI, 1e-9);
  /* unwrapped longitudes stay linear */
  dm_projection_forward (DM_PROJECTION_MERCATOR, 190, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 190 * G_PI / 180, 1e-12);
  for (double la = -80; la <= 80; la += 10)
    {
      dm_projection_forward (DM_PROJECTION_MERCATOR, 33, la, &x, &y);
      g_assert_true (dm_projection_inverse (DM_PROJECTION_MERCATOR, x, y, &lon, &lat));
      g_assert_cmpfloat_with_epsilon (lat, la, 1e-9);
      g_assert_cmpfloat_with_epsilon (lon, 33, 1e-9);
      dm_projection_forward (DM_PROJECTION_EQUIRECTANGULAR, 33, la, &x, &y);
      g_assert_true (dm_projection_inverse (DM_PROJECTION_EQUIRECTANGULAR, x, y, &lon, &lat));
      g_assert_cmpfloat_with_epsilon (lat, la, 1e-9);
    }
  /* 45 N in Mercator: ln(tan(67.5 deg)) */
  dm_projection_forward (DM_PROJECTION_MERCATOR, 0, 45, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0.881373587, 1e-8);
}

static void
test_projection_names (void)
{
  DmProjection p;

  for (p = DM_PROJECTION_MERCATOR; p <= DM_PROJECTION_EQUAL_EARTH; p++)
    {
      DmProjection back = DM_PROJECTION_MERCATOR;
      g_assert_true (dm_projection_from_string (dm_projection_to_string (p), &back));
      g_assert_cmpint (back, ==, p);
    }
  g_assert_false (dm_projection_from_string ("robinson", &p));
  g_assert_cmpstr (dm_projection_to_string (DM_PROJECTION_EQUAL_EARTH), ==, "equal-earth");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geo/great-circle/distance-known", test_distance_known);
  g_test_add_func ("/geo/great-circle/interpolate", test_interpolate);
  g_test_add_func ("/geo/great-circle/interpolate-n", test_interpolate_n);
  g_test_add_func ("/geo/great-circle/tokyo-san-francisco", test_tokyo_san_francisco_over_pacific);
  g_test_add_func ("/geo/antimeridian/split", test_split);
  g_test_add_func ("/geo/antimeridian/split-around", test_split_around);
  g_test_add_func ("/geo/antimeridian/within-copy", test_within_copy);
  g_test_add_func ("/geo/antimeridian/unwrap", test_unwrap);
  g_test_add_func ("/geo/antimeridian/bounds", test_bounds);
  g_test_add_func ("/geo/projection/equal-earth-round-trip", test_equal_earth_round_trip);
  g_test_add_func ("/geo/projection/mercator", test_mercator);
  g_test_add_func ("/geo/projection/names", test_projection_names);
  return g_test_run ();
}
