/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "dm-view.h"

static void
test_tile_view (void)
{
  DmView v;
  double px, py, lon, lat, lon0, lat0, lon1, lat1;

  /* z1 tile 1/0: north-east quarter */
  dm_view_init_tile (&v, 1, 1, 0, 256);
  dm_view_project (&v, 0, 0, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 256, 1e-9);
  dm_view_project (&v, 180, DM_MERCATOR_MAX_LAT, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 256, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 0, 1e-6);
  dm_view_get_visible (&v, &lon0, &lat0, &lon1, &lat1);
  g_assert_cmpfloat_with_epsilon (lon0, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon1, 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat0, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat1, DM_MERCATOR_MAX_LAT, 1e-6);
  g_assert_cmpfloat_with_epsilon (dm_view_get_zoom (&v), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (dm_view_get_world_width (&v), 512, 1e-9);
  g_assert_true (dm_view_unproject (&v, 128, 128, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 90, 1e-9);
  g_assert_cmpfloat (lat, >, 60);
  g_assert_cmpfloat (lat, <, 70);
}

static void
test_copies (void)
{
  DmView v;
  int k0, k1;

  /* the last tile of z2 (lon 90 to 180): Russia's ring (27 to 190) is visible once,
   * a ring at -181 to -179 (Fiji) through its +360 copy */
  dm_view_init_tile (&v, 2, 3, 1, 256);
  g_assert_true (dm_view_get_copies (&v, 27, 190, &k0, &k1));
  g_assert_cmpint (k0, ==, 0);
  g_assert_cmpint (k1, ==, 0);
  g_assert_true (dm_view_get_copies (&v, -181, -179, &k0, &k1));
  g_assert_cmpint (k0, ==, 1);
  g_assert_cmpint (k1, ==, 1);
  g_assert_false (dm_view_get_copies (&v, -100, -10, &k0, &k1));
  /* the first tile: Russia's part past 180 comes in as the -360 copy */
  dm_view_init_tile (&v, 2, 0, 0, 256);
  g_assert_true (dm_view_get_copies (&v, 27, 190, &k0, &k1));
  g_assert_cmpint (k0, ==, -1);
  g_assert_cmpint (k1, ==, -1);
  /* a wide view sees three worlds */
  dm_view_init_world (&v, DM_PROJECTION_EQUIRECTANGULAR, 3000, 200, 0);
  g_assert_true (dm_view_get_copies (&v, -10, 10, &k0, &k1));
  g_assert_cmpint (k1 - k0, >=, 2);
}

static void
test_bounds_and_world (void)
{
  DmView v;
  double px, py, x0, y0, x1, y1;

  /* Korea to Moscow fits, with the margin */
  dm_view_init_bounds (&v, DM_PROJECTION_MERCATOR, 37.6, 37.5, 129.0, 55.8, 1000, 600, 20);
  dm_view_project (&v, 37.6, 55.8, &x0, &y0);
  dm_view_project (&v, 129.0, 37.5, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 19.99);
  g_assert_cmpfloat (y0, >=, 19.99);
  g_assert_cmpfloat (x1, <=, 980.01);
  g_assert_cmpfloat (y1, <=, 580.01);
  g_assert_true (fabs (x0 - 20) < 0.01 || fabs (y0 - 20) < 0.01);

  /* across the antimeridian: 170 E to 170 W is 20 degrees wide, centred on 180 */
  dm_view_init_bounds (&v, DM_PROJECTION_MERCATOR, 170, -20, -170, 0, 400, 400, 0);
  dm_view_project (&v, 180, -10, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 200, 1e-6);

  /* the whole Equal Earth world fits inside the frame */
  dm_view_init_world (&v, DM_PROJECTION_EQUAL_EARTH, 800, 400, 10);
  dm_view_project (&v, -180, 0, &x0, &py);
  dm_view_project (&v, 180, 0, &x1, &py);
  dm_view_project (&v, 0, 90, &px, &y0);
  dm_view_project (&v, 0, -90, &px, &y1);
  g_assert_cmpfloat (x0, >=, 9.99);
  g_assert_cmpfloat (x1, <=, 790.01);
  g_assert_cmpfloat (y0, >=, 9.99);
  g_assert_cmpfloat (y1, <=, 390.01);
  g_assert_cmpfloat_with_epsilon ((x0 + x1) / 2, 400, 1e-6);
}

static void
test_equal_earth_visible (void)
{
  DmView v;
  double lon0, lat0, lon1, lat1;
  DmLonLat korea = { 127, 38 };

  dm_view_init_world (&v, DM_PROJECTION_EQUAL_EARTH, 800, 400, 10);
  dm_view_get_visible (&v, &lon0, &lat0, &lon1, &lat1);
  g_assert_cmpfloat (lon0, ==, -180);
  g_assert_cmpfloat (lon1, ==, 180);
  g_assert_cmpfloat (lat0, ==, -90);
  g_assert_cmpfloat (lat1, ==, 90);
  /* zoomed in on Korea: a small window around it */
  dm_view_init (&v, DM_PROJECTION_EQUAL_EARTH, korea, 3000, 400, 300);
  dm_view_get_visible (&v, &lon0, &lat0, &lon1, &lat1);
  g_assert_cmpfloat (lon0, >, 115);
  g_assert_cmpfloat (lon1, <, 140);
  g_assert_cmpfloat (lat0, >, 30);
  g_assert_cmpfloat (lat1, <, 46);
  g_assert_cmpfloat (lon0, <, 127);
  g_assert_cmpfloat (lon1, >, 127);
}

static void
test_km_per_pixel (void)
{
  DmView v;
  DmLonLat equator = { 0, 0 }, sixty = { 0, 60 };
  double k0, k60;

  /* z0 tile: 40,030 km of equator over 256 pixels; half that at 60 degrees in Mercator */
  dm_view_init_tile (&v, 0, 0, 0, 256);
  k0 = dm_view_get_km_per_pixel (&v, equator);
  k60 = dm_view_get_km_per_pixel (&v, sixty);
  g_assert_cmpfloat_with_epsilon (k0, 2 * G_PI * 6371.0088 / 256, 0.01);
  g_assert_cmpfloat_with_epsilon (k60 / k0, 0.5, 1e-3);
  /* equirectangular: the same at the equator, a parallel shrinks with cos(lat) too */
  dm_view_init (&v, DM_PROJECTION_EQUIRECTANGULAR, equator, 256 / (2 * G_PI), 256, 128);
  g_assert_cmpfloat_with_epsilon (dm_view_get_km_per_pixel (&v, equator), k0, 0.01);
  g_assert_cmpfloat_with_epsilon (dm_view_get_km_per_pixel (&v, sixty) / k0, 0.5, 1e-3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/view/tile", test_tile_view);
  g_test_add_func ("/render/view/copies", test_copies);
  g_test_add_func ("/render/view/bounds-and-world", test_bounds_and_world);
  g_test_add_func ("/render/view/equal-earth-visible", test_equal_earth_visible);
  g_test_add_func ("/render/view/km-per-pixel", test_km_per_pixel);
  return g_test_run ();
}
