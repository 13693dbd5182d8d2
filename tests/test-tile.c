/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pixel checks on Web Mercator tiles: colours come from dm-map-style.h, positions from DmView. */
#include "config.h"

#include <math.h>

#include "dm-basemap-private.h"
#include "render-test-util.h"

/* Along a row through open ocean next to 180 there must be no land (a ring drawn across
 * the map would paint a stripe). Checked with the default style too. */
static void
assert_row_sea (guint             z,
                double            lat,
                double            lon_from,
                double            lon_to,
                const DmMapStyle *style)
{
  guint n = 1u << z;
  guint checked = 0;

  for (guint x = 0; x < n; x++)
    {
      DmView view;
      double px, py, lon0, lat0, lon1, lat1;
      guint y;
      cairo_surface_t *s;

      dm_view_init_tile (&view, z, x, 0, 256);
      dm_view_get_visible (&view, &lon0, &lat0, &lon1, &lat1);
      if (lon1 < lon_from || lon0 > lon_to)
        continue;
      /* the tile row holding lat */
      for (y = 0; y < n; y++)
        {
          dm_view_init_tile (&view, z, x, y, 256);
          dm_view_get_visible (&view, &lon0, &lat0, &lon1, &lat1);
          if (lat >= lat0 && lat < lat1)
            break;
        }
      s = draw_tile (z, x, y, style, &view);
      for (int ix = 0; ix < 256; ix++)
        {
          double lon;
          dm_view_project (&view, lon0, lat, &px, &py);
          lon = lon0 + (lon1 - lon0) * (ix + 0.5) / 256;
          if (lon < lon_from || lon > lon_to)
            continue;
          if (!color_near (pixel_at (s, ix, py), DM_MAP_COLOR_SEA, 2))
            g_error ("z%u/%u/%u lat %.2f lon %.3f: got #%06x, not sea", z, x, y, lat, lon,
                     pixel_at (s, ix, py));
          checked++;
        }
      cairo_surface_destroy (s);
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_tile_sea_land (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();
  struct { guint z; double lon, lat; guint32 want; } cases[] = {
    { 2, 20, 25, DM_MAP_COLOR_LAND },        /* Sahara (Libya), 110m */
    { 2, 80, 60, DM_MAP_COLOR_LAND },        /* central Russia */
    { 1, 80, 60, DM_MAP_COLOR_LAND },
    { 2, -30, 30, DM_MAP_COLOR_SEA },        /* Atlantic */
    { 2, -150, 20, DM_MAP_COLOR_SEA },       /* Pacific */
    { 4, 15, 47, DM_MAP_COLOR_LAND },        /* Austria, 50m */
    { 4, 20, 25, DM_MAP_COLOR_LAND },
    { 7, 15.0, 43.0, DM_MAP_COLOR_SEA },     /* open Adriatic, 10m */
    { 7, 15.98, 45.81, DM_MAP_COLOR_LAND },  /* Zagreb, 10m */
    { 9, 5.32, 60.39, DM_MAP_COLOR_LAND },   /* Bergen */
    { 0, 0, -88, DM_MAP_COLOR_LAND },        /* Antarctica at the bottom */
    /* Chukotka on both sides of 180, at every level (drawn by a copy shifted by 360) */
    { 2, -175, 66.5, DM_MAP_COLOR_LAND },
    { 3, -175, 66.5, DM_MAP_COLOR_LAND },
    { 3, 175, 66.5, DM_MAP_COLOR_LAND },
    { 6, -175, 66.5, DM_MAP_COLOR_LAND },
    { 6, 178, -17.8, DM_MAP_COLOR_LAND },    /* Viti Levu, Fiji */
    { 6, -179.5, -17.5, DM_MAP_COLOR_SEA },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DmView view;
      guint x, y;
      cairo_surface_t *s;
      double px, py;

      tile_for (cases[i].z, cases[i].lon, cases[i].lat, &x, &y);
      s = draw_tile (cases[i].z, x, y, style, &view);
      dm_view_project (&view, cases[i].lon, cases[i].lat, &px, &py);
      py = MIN (py, 255);
      assert_color (s, px, py, cases[i].want);
      cairo_surface_destroy (s);
    }
}

static void
test_tile_antimeridian_no_stripe (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();

  for (guint z = 1; z <= 6; z++)
    {
      /* east of Japan to 180, and from 180 to off California */
      assert_row_sea (z, 38.0, 143.5, 180.0, style);
      assert_row_sea (z, 40.0, -180.0, -126.0, style);
      /* south of the Aleutians: the row Russia's ring would streak */
      assert_row_sea (z, 47.0, 165.0, 180.0, style);
      assert_row_sea (z, 47.0, -180.0, -130.0, style);
      /* the latitudes where Russia's and Fiji's rings cross 180: a ring drawn the short way
       * back across the map would paint these rows from edge to edge */
      assert_row_sea (z, 67.5, -18.0, 11.0, style);   /* Norwegian Sea */
      assert_row_sea (z, 68.5, -168.0, -167.0, style); /* Chukchi Sea */
      assert_row_sea (z, -17.0, 65.0, 95.0, style);   /* Indian Ocean */
      assert_row_sea (z, -16.5, -170.0, -160.0, style); /* south Pacific */
      /* north Pacific with labels and lines (no label sits there) */
      assert_row_sea (z, 35.0, -175.0, -130.0, dm_map_style_get_default ());
    }
}

/* Antarctica circles the pole: it fills the bottom of the south z1 tiles, and the polar
 * closure must not run along the top of the north ones. */
static void
test_tile_antarctica (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();

  for (guint x = 0; x < 2; x++)
    {
      DmView view;
      cairo_surface_t *south = draw_tile (1, x, 1, style, &view);
      cairo_surface_t *north = draw_tile (1, x, 0, style, &view);
      guint land_bottom = 0, land_top = 0;

      for (int ix = 0; ix < 256; ix++)
        {
          land_bottom += color_near (pixel_at (south, ix, 255), DM_MAP_COLOR_LAND, 2);
          land_top += color_near (pixel_at (north, ix, 0), DM_MAP_COLOR_LAND, 2);
          assert_color (north, ix, 1, DM_MAP_COLOR_SEA);
        }
      /* (the Ross Ice Shelf's front dips below 85 S in the data: a few sea pixels there) */
      g_assert_cmpuint (land_bottom, >=, 200);
      g_assert_cmpuint (land_top, ==, 0);
      /* the Southern Ocean is sea all around at 60 S */
      {
        double px, py;
        DmView v;
        dm_view_init_tile (&v, 1, x, 1, 256);
        dm_view_project (&v, x == 0 ? -90 : 90, -60, &px, &py);
        assert_color (south, px, py, DM_MAP_COLOR_SEA);
      }
      cairo_surface_destroy (south);
      cairo_surface_destroy (north);
    }
}

/* A HiDPI tile: 512 device pixels, cairo_scale (2), tile_size 256: the same map, finer. */
static void
test_tile_hidpi (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 512);
  cairo_t *cr = cairo_create (s);
  guint x, y, differ = 0;
  DmView view;
  cairo_surface_t *lo;

  tile_for (4, 15, 47, &x, &y);
  cairo_scale (cr, 2, 2);
  dm_tile_draw (dm_basemap_get_default (), cr, 4, x, y, 256, style);
  cairo_destroy (cr);
  lo = draw_tile (4, x, y, style, &view);
  /* the whole tile is drawn (no quarter), and agrees with the 256 px tile at pixel centres
   * away from coasts */
  for (int iy = 4; iy < 256; iy += 8)
    for (int ix = 4; ix < 256; ix += 8)
      {
        guint32 a = pixel_at (lo, ix + 0.5, iy + 0.5), b = pixel_at (s, 2 * ix + 1, 2 * iy + 1);
        differ += !color_near (a, b, 40);
      }
  g_assert_cmpuint (differ, <, 20);
  {
    double px, py;
    dm_view_project (&view, 15, 47, &px, &py);
    assert_color (s, 2 * px, 2 * py, DM_MAP_COLOR_LAND);
    dm_view_project (&view, 15, 43, &px, &py);
    assert_color (s, 2 * px, 2 * py, DM_MAP_COLOR_SEA);
    assert_color (s, 511, 511, pixel_at (lo, 255, 255));
  }
  cairo_surface_destroy (lo);
  cairo_surface_destroy (s);
}

static void
test_labels_and_capitals (void)
{
  g_autoptr(DmMapStyle) plain = plain_style ();
  DmCountryInfo ukraine;
  DmView view;
  guint x, y;
  double px, py;
  cairo_surface_t *s;

  g_assert_true (dm_basemap_lookup_country (dm_basemap_get_default (), "UA", &ukraine));
  tile_for (4, ukraine.label.lon, ukraine.label.lat, &x, &y);
  s = draw_tile (4, x, y, NULL, &view);
  dm_view_project (&view, ukraine.label.lon, ukraine.label.lat, &px, &py);
  g_assert_cmpuint (count_dark (s, px, py, 30, 8), >, 20);
  cairo_surface_destroy (s);
  s = draw_tile (4, x, y, plain, &view);
  g_assert_cmpuint (count_dark (s, px, py, 30, 8), ==, 0);
  cairo_surface_destroy (s);

  /* Berlin: a capital's dot from zoom 4 on, in the label colour; none at zoom 3 */
  tile_for (5, 13.405, 52.52, &x, &y);
  s = draw_tile (5, x, y, NULL, &view);
  dm_view_project (&view, 13.405, 52.52, &px, &py);
  assert_color (s, px, py, DM_MAP_COLOR_LABEL);
  cairo_surface_destroy (s);
  tile_for (3, 13.405, 52.52, &x, &y);
  s = draw_tile (3, x, y, NULL, &view);
  dm_view_project (&view, 13.405, 52.52, &px, &py);
  g_assert_cmpuint (count_dark (s, px, py, 2, 2), ==, 0);
  cairo_surface_destroy (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/tile/sea-land-colour", test_tile_sea_land);
  g_test_add_func ("/render/tile/antimeridian-no-stripe", test_tile_antimeridian_no_stripe);
  g_test_add_func ("/render/tile/antarctica", test_tile_antarctica);
  g_test_add_func ("/render/tile/hidpi", test_tile_hidpi);
  g_test_add_func ("/render/tile/labels-and-capitals", test_labels_and_capitals);
  return g_test_run ();
}
