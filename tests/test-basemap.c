/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "dm-antimeridian.h"
#include "dm-basemap-private.h"
#include "dm-error.h"
#include "dm-great-circle.h"
#include "dm-tile.h"

/* Pixel checks on drawn maps: colours come from dm-map-style.h, positions from DmView. */

static guint32
pixel_at (cairo_surface_t *s,
          double           x,
          double           y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  const guint32 *row;

  cairo_surface_flush (s);
  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, w);
  g_assert_cmpint (iy, <, h);
  row = (const guint32 *) (void *) (cairo_image_surface_get_data (s) +
                                    iy * cairo_image_surface_get_stride (s));
  return row[ix] & 0xffffff; /* opaque ARGB32: no premultiplication to undo */
}

static gboolean
color_near (guint32 a,
            guint32 b,
            int     tol)
{
  for (int sh = 0; sh <= 16; sh += 8)
    if (ABS ((int) ((a >> sh) & 0xff) - (int) ((b >> sh) & 0xff)) > tol)
      return FALSE;
  return TRUE;
}

#define assert_color(s, x, y, want)                                                  \
  G_STMT_START {                                                                     \
    guint32 got_ = pixel_at ((s), (x), (y));                                         \
    if (!color_near (got_, (want), 2))                                               \
      g_error ("pixel (%.0f, %.0f): got #%06x, want #%06x", (double) (x), (double) (y), \
               got_, (guint32) (want));                                              \
  } G_STMT_END

/* colours only: no strokes or labels that could cover a test point */
static DmMapStyle *
plain_style (void)
{
  DmMapStyle *style = dm_map_style_new ();

  style->show_borders = FALSE;
  style->show_coasts = FALSE;
  style->show_labels = FALSE;
  return style;
}

static cairo_surface_t *
draw_tile (guint             z,
           guint             x,
           guint             y,
           const DmMapStyle *style,
           DmView           *view)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (s);

  dm_tile_draw (dm_basemap_get_default (), cr, z, x, y, 256, style);
  cairo_destroy (cr);
  dm_view_init_tile (view, z, x, y, 256);
  return s;
}

static void
test_load_levels (void)
{
  DmBasemap *b = dm_basemap_get_default ();
  DmCountryInfo info;
  guint n[DM_BASEMAP_N_LEVELS];

  for (guint l = 0; l < DM_BASEMAP_N_LEVELS; l++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (dm_basemap_load (b, l, &error));
      g_assert_no_error (error);
      n[l] = dm_basemap_get_n_countries (b, l);
    }
  /* Natural Earth: 177 / 241 / 255 admin-0 units */
  g_assert_cmpuint (n[0], >=, 170);
  g_assert_cmpuint (n[1], >, n[0]);
  g_assert_cmpuint (n[2], >=, n[1]);

  g_assert_true (dm_basemap_lookup_country (b, "KP", &info));
  g_assert_cmpstr (info.name, ==, "North Korea");
  g_assert_cmpuint (info.iso_numeric, ==, 408);
  g_assert_cmpfloat (info.label.lon, >, 124);
  g_assert_cmpfloat (info.label.lon, <, 131);
  g_assert_cmpfloat (info.label.lat, >, 37.5);
  g_assert_cmpfloat (info.label.lat, <, 43);
  g_assert_true (dm_basemap_lookup_country (b, "XK", &info));
  g_assert_cmpstr (info.name, ==, "Kosovo");
  g_assert_false (dm_basemap_lookup_country (b, "QQ", NULL));
}

/* A damaged file gives an error, never a crash: truncations, a bad header, flipped bytes. */
static void
test_damaged (void)
{
  g_autoptr(GBytes) good = g_resources_lookup_data (
    "/io/github/diplomap/Diplomap/data/basemap/countries-110m.dmbm", 0, NULL);
  gsize size;
  const guint8 *data;
  g_autofree guint8 *copy = NULL;
  GRand *rand = g_rand_new_with_seed (42);

  g_assert_nonnull (good);
  data = g_bytes_get_data (good, &size);
  for (gsize cut = 0; cut < size; cut += 1 + cut / 2)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      g_assert_null (dm_level_data_new (DM_BASEMAP_LEVEL_110M, part, &error));
      g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
    }
  copy = g_memdup2 (data, size);
  copy[0] = 'X';
  {
    g_autoptr(GBytes) bad = g_bytes_new (copy, size);
    g_autoptr(GError) error = NULL;
    g_assert_null (dm_level_data_new (DM_BASEMAP_LEVEL_110M, bad, &error));
    g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  }
  for (int round = 0; round < 200; round++)
    {
      g_autoptr(GBytes) bad = NULL;
      g_autoptr(GError) error = NULL;
      DmLevelData *d;

      memcpy (copy, data, size);
      for (int i = 0; i < 4; i++)
        copy[g_rand_int_range (rand, 0, MIN ((gint32) size, 20000))] ^= 1u << g_rand_int_range (rand, 0, 8);
      bad = g_bytes_new (copy, size);
      d = dm_level_data_new (DM_BASEMAP_LEVEL_110M, bad, &error);
      g_assert_true ((d == NULL) == (error != NULL));
      g_clear_pointer (&d, dm_level_data_free);
    }
  g_rand_free (rand);
  /* the intact data loads */
  {
    g_autoptr(GError) error = NULL;
    DmLevelData *d = dm_level_data_new (DM_BASEMAP_LEVEL_110M, good, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (d->n_countries, ==, 177);
    dm_level_data_free (d);
  }
}

/* Russia and Fiji cross 180: their rings must have continuous longitudes. */
static void
test_ring_fix (void)
{
  DmBasemap *b = dm_basemap_get_default ();
  DmLonLat chukotka_w = { 175, 66.5 }, chukotka_e = { -175, 66.5 }, viti_levu = { 178, -17.8 };
  DmLonLat moscow = { 37.6, 55.75 }, pacific = { -150, 0 };

  for (guint l = 0; l < DM_BASEMAP_N_LEVELS; l++)
    {
      DmLevelData *d = dm_basemap_get_level (b, l);
      guint crossing = 0;

      for (guint r = 0; r < d->n_rings + d->n_lines; r++)
        {
          const DmRing *ring = &d->rings[r];
          const float *p = d->lonlat + 2 * (gsize) ring->first;
          for (guint i = 1; i < ring->n_points; i++)
            {
              /* only the closure along the pole (the map's bottom edge) may be long */
              gboolean at_pole = p[2 * i + 1] < -89.9 && p[2 * i - 1] < -89.9;
              if (!at_pole)
                g_assert_cmpfloat (fabs (p[2 * i] - p[2 * i - 2]), <, 180.0);
            }
          if (ring->lon_max > 180.0 || ring->lon_min < -180.0)
            crossing++;
          /* every ring's box is centred in [-180, 180] */
          g_assert_cmpfloat ((ring->lon_min + ring->lon_max) / 2, >=, -180.0);
          g_assert_cmpfloat ((ring->lon_min + ring->lon_max) / 2, <=, 180.0);
        }
      /* 110m and 50m have rings across 180 (unwrapped); 10m cuts them at the meridian */
      if (l != DM_BASEMAP_LEVEL_10M)
        g_assert_cmpuint (crossing, >, 0);
      g_assert_cmpstr (dm_basemap_country_at (b, l, chukotka_w), ==, "Russia");
      g_assert_cmpstr (dm_basemap_country_at (b, l, chukotka_e), ==, "Russia");
      g_assert_cmpstr (dm_basemap_country_at (b, l, moscow), ==, "Russia");
      g_assert_cmpstr (dm_basemap_country_at (b, l, viti_levu), ==, "Fiji");
      g_assert_null (dm_basemap_country_at (b, l, pacific));
    }
}

static void
tile_for (guint   z,
          double  lon,
          double  lat,
          guint  *x,
          guint  *y)
{
  double n = 1u << z, mx, my;

  dm_projection_forward (DM_PROJECTION_MERCATOR, lon, lat, &mx, &my);
  *x = (guint) CLAMP (floor ((mx + G_PI) / (2 * G_PI) * n), 0, n - 1);
  *y = (guint) CLAMP (floor ((G_PI - my) / (2 * G_PI) * n), 0, n - 1);
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

/* dark text pixels in a box around (x, y) */
static guint
count_dark (cairo_surface_t *s,
            double           x,
            double           y,
            int              half_w,
            int              half_h)
{
  guint n = 0;

  for (int iy = MAX (0, (int) y - half_h); iy < MIN (256, (int) y + half_h); iy++)
    for (int ix = MAX (0, (int) x - half_w); ix < MIN (256, (int) x + half_w); ix++)
      {
        guint32 c = pixel_at (s, ix, iy);
        n += ((c >> 16) & 0xff) < 0xb0 && ((c >> 8) & 0xff) < 0xb0;
      }
  return n;
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

/* A Tokyo - San Francisco leg drawn with dm_view_append_polyline() crosses the Pacific in
 * tiles on both sides of 180, and in an Equal Earth figure (cut at the edges). */
static void
stroke_leg (cairo_t      *cr,
            const DmView *view)
{
  DmLonLat tokyo = { 139.69, 35.69 }, sf = { -122.42, 37.77 };
  g_autoptr(GArray) leg = dm_great_circle_densify (tokyo, sf, 128);

  /* as a file would give them: wrapped into [-180, 180) */
  for (guint i = 0; i < leg->len; i++)
    g_array_index (leg, DmLonLat, i).lon = dm_antimeridian_wrap (g_array_index (leg, DmLonLat, i).lon);
  cairo_new_path (cr);
  dm_view_append_polyline (view, cr, (DmLonLat *) (void *) leg->data, leg->len);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_set_line_width (cr, 4);
  cairo_stroke (cr);
}

static void
test_leg_across_antimeridian (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();
  DmLonLat tokyo = { 139.69, 35.69 }, sf = { -122.42, 37.77 };
  g_autoptr(GArray) leg = dm_great_circle_densify (tokyo, sf, 128);
  DmLonLat west = { 0, 0 }, east = { 0, 0 };

  /* the leg's latitude at 170 E and 170 W */
  for (guint i = 1; i < leg->len; i++)
    {
      DmLonLat *a = &g_array_index (leg, DmLonLat, i - 1), *b = a + 1;
      if (a->lon <= 170 && b->lon > 170)
        west = (DmLonLat) { 170, a->lat + (b->lat - a->lat) * (170 - a->lon) / (b->lon - a->lon) };
      if (a->lon <= 190 && b->lon > 190)
        east = (DmLonLat) { -170, a->lat + (b->lat - a->lat) * (190 - a->lon) / (b->lon - a->lon) };
    }
  g_assert_cmpfloat (west.lat, >, 40);
  g_assert_cmpfloat (east.lat, >, 40);

  for (guint z = 1; z <= 3; z++)
    {
      DmLonLat probes[] = { west, east };
      for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
        {
          guint x, y;
          DmView view;
          cairo_surface_t *s;
          cairo_t *cr;
          double px, py, ax, ay;

          tile_for (z, probes[i].lon, probes[i].lat, &x, &y);
          s = draw_tile (z, x, y, style, &view);
          cr = cairo_create (s);
          stroke_leg (cr, &view);
          cairo_destroy (cr);
          dm_view_project (&view, probes[i].lon, probes[i].lat, &px, &py);
          assert_color (s, px, py, 0xff0000);
          /* not back across Asia or America at the same latitude */
          dm_view_project (&view, probes[i].lon + (i == 0 ? -60 : 60), probes[i].lat, &ax, &ay);
          if (ax >= 0 && ax < 256)
            g_assert_false (color_near (pixel_at (s, ax, ay), 0xff0000, 60));
          cairo_surface_destroy (s);
        }
    }

  /* Equal Earth: two pieces, each reaching its edge; nothing drawn across the map */
  {
    DmView view;
    cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 420);
    cairo_t *cr = cairo_create (s);
    double px, py;

    dm_view_init_world (&view, DM_PROJECTION_EQUAL_EARTH, 800, 420, 10);
    dm_basemap_draw (dm_basemap_get_default (), cr, &view, style);
    stroke_leg (cr, &view);
    cairo_destroy (cr);
    dm_view_project (&view, west.lon, west.lat, &px, &py);
    assert_color (s, px, py, 0xff0000);
    dm_view_project (&view, east.lon, east.lat, &px, &py);
    assert_color (s, px, py, 0xff0000);
    for (double lon = -100; lon <= 100; lon += 10)
      {
        dm_view_project (&view, lon, 45, &px, &py);
        g_assert_false (color_near (pixel_at (s, px, py), 0xff0000, 60));
      }
    cairo_surface_destroy (s);
  }
}

/* pixels along a row that differ from `base` by more than a few levels */
static guint
count_row_off (cairo_surface_t *s,
               double           y,
               double           x0,
               double           x1,
               guint32          base,
               int              tol)
{
  guint n = 0;

  for (int x = (int) x0; x < (int) x1; x++)
    n += !color_near (pixel_at (s, x, y), base, tol);
  return n;
}

static void
test_borders_and_graticule (void)
{
  g_autoptr(DmMapStyle) lines = plain_style ();
  g_autoptr(DmMapStyle) plain = plain_style ();
  DmView view;
  guint x, y;
  double ax, ay, bx, by;
  cairo_surface_t *s;

  /* the German-Polish border (the Oder, 14.6 E) at 52.3 N, zoom 6 */
  lines->show_borders = TRUE;
  tile_for (6, 14.5, 52.3, &x, &y);
  s = draw_tile (6, x, y, lines, &view);
  dm_view_project (&view, 14.0, 52.3, &ax, &ay);
  dm_view_project (&view, 15.0, 52.3, &bx, &by);
  g_assert_cmpuint (count_row_off (s, ay, MAX (ax, 0), MIN (bx, 256), DM_MAP_COLOR_LAND, 6), >, 0);
  g_assert_cmpuint (count_row_off (s, ay, MAX (ax, 0), MIN (bx, 256), DM_MAP_COLOR_LAND, 6), <, 6);
  cairo_surface_destroy (s);
  s = draw_tile (6, x, y, plain, &view);
  g_assert_cmpuint (count_row_off (s, ay, MAX (ax, 0), MIN (bx, 256), DM_MAP_COLOR_LAND, 6), ==, 0);
  cairo_surface_destroy (s);

  /* graticule every 30 degrees: a meridian at 150 W through the Pacific */
  lines->show_graticule = TRUE;
  lines->graticule_step = 30;
  for (int with = 0; with < 2; with++)
    {
      cairo_surface_t *f = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 720, 360);
      cairo_t *cr = cairo_create (f);
      guint n;

      dm_view_init_world (&view, DM_PROJECTION_EQUIRECTANGULAR, 720, 360, 0);
      dm_basemap_draw (dm_basemap_get_default (), cr, &view, with ? lines : plain);
      cairo_destroy (cr);
      dm_view_project (&view, -150, -40, &ax, &ay);
      /* a 0.5 px line on a pixel edge: a quarter of each neighbour, a few levels */
      n = count_row_off (f, ay, ax - 3, ax + 3, DM_MAP_COLOR_SEA, 1);
      if (with)
        g_assert_cmpuint (n, >=, 1);
      else
        g_assert_cmpuint (n, ==, 0);
      cairo_surface_destroy (f);
    }
}

static cairo_surface_t *
draw_figure (DmProjection      projection,
             int               w,
             int               h,
             const DmMapStyle *style,
             DmView           *view)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);

  dm_view_init_world (view, projection, w, h, 10);
  dm_basemap_draw (dm_basemap_get_default (), cr, view, style);
  cairo_destroy (cr);
  return s;
}

static void
test_figure_equal_earth (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();
  DmView view;
  cairo_surface_t *s = draw_figure (DM_PROJECTION_EQUAL_EARTH, 800, 420, style, &view);
  double px, py;

  /* corners are outside the world */
  assert_color (s, 2, 2, DM_MAP_COLOR_BACKGROUND);
  assert_color (s, 797, 2, DM_MAP_COLOR_BACKGROUND);
  assert_color (s, 2, 417, DM_MAP_COLOR_BACKGROUND);
  assert_color (s, 797, 417, DM_MAP_COLOR_BACKGROUND);
  /* the centre (0, 0) is the Gulf of Guinea */
  assert_color (s, 400, 210, DM_MAP_COLOR_SEA);
  dm_view_project (&view, 20, 25, &px, &py);
  assert_color (s, px, py, DM_MAP_COLOR_LAND);
  dm_view_project (&view, 90, 60, &px, &py);
  assert_color (s, px, py, DM_MAP_COLOR_LAND);
  dm_view_project (&view, -150, 0, &px, &py);
  assert_color (s, px, py, DM_MAP_COLOR_SEA);
  /* near the edge, mid-latitude: inside is sea, just outside is background */
  dm_view_project (&view, -178, 10, &px, &py);
  assert_color (s, px, py, DM_MAP_COLOR_SEA);
  assert_color (s, px - 8, py, DM_MAP_COLOR_BACKGROUND);
  /* Chukotka beyond 180 is drawn at the left edge, not outside the outline on the right */
  dm_view_project (&view, -175, 66.5, &px, &py);
  assert_color (s, px, py, DM_MAP_COLOR_LAND);
  dm_view_project (&view, 180, 66.5, &px, &py);
  assert_color (s, px + 6, py, DM_MAP_COLOR_BACKGROUND);
  cairo_surface_destroy (s);
}

static void
test_figure_projections (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();

  for (DmProjection p = DM_PROJECTION_MERCATOR; p <= DM_PROJECTION_EQUIRECTANGULAR; p++)
    {
      DmView view;
      cairo_surface_t *s = draw_figure (p, 1000, 520, style, &view);
      double px, py;

      dm_view_project (&view, 20, 25, &px, &py);
      assert_color (s, px, py, DM_MAP_COLOR_LAND);
      dm_view_project (&view, -30, 30, &px, &py);
      assert_color (s, px, py, DM_MAP_COLOR_SEA);
      /* the world repeats: the Sahara again 360 degrees east, if on the drawing */
      dm_view_project (&view, 380, 25, &px, &py);
      if (px < 1000)
        assert_color (s, px, py, DM_MAP_COLOR_LAND);
      cairo_surface_destroy (s);
    }
}

static void
test_tint (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();
  DmRgba red = dm_rgba_from_hex (0xcc0000, 1.0f);
  DmView view;
  cairo_surface_t *s;
  double px, py;
  guint x, y;

  dm_map_style_set_tint (style, "ru", &red);
  g_assert_nonnull (dm_map_style_get_tint (style, "RU"));
  tile_for (2, 80, 60, &x, &y);
  s = draw_tile (2, x, y, style, &view);
  dm_view_project (&view, 80, 60, &px, &py);
  assert_color (s, px, py, 0xcc0000);
  dm_view_project (&view, 70, 48, &px, &py); /* Kazakhstan */
  assert_color (s, px, py, DM_MAP_COLOR_LAND);
  cairo_surface_destroy (s);
}

static void
test_style_colors (void)
{
  DmRgba c;

  g_assert_true (dm_rgba_parse (&c, "#dfe9f2"));
  g_assert_cmpuint (dm_rgba_to_hex (&c), ==, 0xdfe9f2);
  g_assert_true (dm_rgba_parse (&c, "#11223380"));
  g_assert_cmpfloat_with_epsilon (c.alpha, 128 / 255.0, 1e-6);
  g_assert_false (dm_rgba_parse (&c, "red"));
  g_assert_false (dm_rgba_parse (&c, "#12345g"));
  g_assert_cmpuint (dm_rgba_to_hex (&dm_map_style_get_default ()->sea), ==, DM_MAP_COLOR_SEA);
  g_assert_cmpuint (dm_rgba_to_hex (&dm_map_style_get_default ()->land), ==, DM_MAP_COLOR_LAND);
}

/* Worker threads drawing tiles while levels are still being decoded get the same pixels as
 * one thread. */
typedef struct
{
  guint z, x, y;
  cairo_surface_t *surface;
} Job;

static void
draw_job_cb (gpointer data,
             gpointer user_data)
{
  Job *job = data;
  cairo_t *cr;

  job->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cr = cairo_create (job->surface);
  dm_tile_draw (user_data, cr, job->z, job->x, job->y, 256, NULL);
  cairo_destroy (cr);
}

static void
test_threads (void)
{
  g_autoptr(DmBasemap) fresh = dm_basemap_new ();
  Job jobs[12];
  GThreadPool *pool = g_thread_pool_new (draw_job_cb, fresh, 4, FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i] = (Job) { 1 + i % 6, i % 2, 0, NULL };
      g_thread_pool_push (pool, &jobs[i], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      Job again = jobs[i];
      cairo_surface_t *a = jobs[i].surface;
      draw_job_cb (&again, dm_basemap_get_default ());
      cairo_surface_flush (a);
      cairo_surface_flush (again.surface);
      g_assert_cmpmem (cairo_image_surface_get_data (a), 256 * 256 * 4,
                       cairo_image_surface_get_data (again.surface), 256 * 256 * 4);
      cairo_surface_destroy (a);
      cairo_surface_destroy (again.surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/basemap/load", test_load_levels);
  g_test_add_func ("/render/basemap/ring-fix", test_ring_fix);
  g_test_add_func ("/render/basemap/damaged", test_damaged);
  g_test_add_func ("/render/tile/sea-land-colour", test_tile_sea_land);
  g_test_add_func ("/render/tile/antimeridian-no-stripe", test_tile_antimeridian_no_stripe);
  g_test_add_func ("/render/tile/antarctica", test_tile_antarctica);
  g_test_add_func ("/render/tile/threads", test_threads);
  g_test_add_func ("/render/tile/hidpi", test_tile_hidpi);
  g_test_add_func ("/render/figure/equal-earth", test_figure_equal_earth);
  g_test_add_func ("/render/figure/mercator-equirectangular", test_figure_projections);
  g_test_add_func ("/render/style/tint", test_tint);
  g_test_add_func ("/render/style/borders-and-graticule", test_borders_and_graticule);
  g_test_add_func ("/render/view/leg-across-antimeridian", test_leg_across_antimeridian);
  g_test_add_func ("/render/tile/labels-and-capitals", test_labels_and_capitals);
  g_test_add_func ("/render/style/colours", test_style_colors);
  return g_test_run ();
}
