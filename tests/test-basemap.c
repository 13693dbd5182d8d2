/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The base map data (levels, damage, rings across 180), styles and threads. */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "dm-basemap-private.h"
#include "dm-error.h"
#include "render-test-util.h"

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
  g_test_add_func ("/render/tile/threads", test_threads);
  g_test_add_func ("/render/style/tint", test_tint);
  g_test_add_func ("/render/style/colours", test_style_colors);
  return g_test_run ();
}
