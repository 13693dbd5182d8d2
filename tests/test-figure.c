/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pixel checks on figures in any projection, and lines drawn over them. */
#include "config.h"

#include <math.h>

#include "dm-antimeridian.h"
#include "dm-great-circle.h"
#include "render-test-util.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure/equal-earth", test_figure_equal_earth);
  g_test_add_func ("/render/figure/mercator-equirectangular", test_figure_projections);
  g_test_add_func ("/render/style/borders-and-graticule", test_borders_and_graticule);
  g_test_add_func ("/render/view/leg-across-antimeridian", test_leg_across_antimeridian);
  return g_test_run ();
}
