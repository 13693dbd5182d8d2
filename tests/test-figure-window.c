/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dm-figure.h"
#include "dm-loader.h"
#include "render-test-util.h"

/* Figures of the bundled U.S. record with a time window (--window): only the legs of the
 * last days before the time, fading, none to come. Checked by the route-coloured pixels. */

static DmDocument *
load_us_travels (void)
{
  static DmDocument *doc;

  if (doc == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "us-travels", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      doc = dm_document_new ();
      g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
      g_assert_no_error (error);
    }
  return doc;
}

/* Pixels of the map strongly coloured: routes (the base map and the place dots are grey or
 * pale) */
static guint
count_route_pixels (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  guint n = 0;

  for (int y = 60; y < h - 40; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = pixel_at (s, x, y);
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        int hi = MAX (r, MAX (g, b)), lo = MIN (r, MIN (g, b));

        if (hi - lo > 90)
          n++;
      }
  return n;
}

static guint
route_pixels_at (const char *iso,
                 gint64      window,
                 const char *name)
{
  g_autoptr(DmFigure) figure = dm_figure_new (load_us_travels ());
  cairo_surface_t *s;
  guint n;

  dm_figure_set_size (figure, 1200, 675);
  dm_figure_set_time (figure, utc (iso));
  dm_figure_set_window (figure, window);
  dm_figure_set_show_legend (figure, FALSE);
  s = render_figure (figure);
  n = count_route_pixels (s);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"), name, NULL);
      cairo_surface_write_to_png (s, path);
    }
  cairo_surface_destroy (s);
  g_test_message ("%s, window %" G_GINT64_FORMAT " s: %u route pixels", iso, window, n);
  return n;
}

static void
test_window_thins (void)
{
  guint all = route_pixels_at ("2018-06-15T00:00:00Z", 0, "us-2018-all.png");
  guint year = route_pixels_at ("2018-06-15T00:00:00Z", 365 * 86400, "us-2018-1y.png");
  guint month = route_pixels_at ("2018-06-15T00:00:00Z", 30 * 86400, "us-2018-30d.png");

  /* 160 years of legs cover the map; a month shows a few trips (Singapore, 12 June) */
  g_assert_cmpuint (month, >, 300);
  g_assert_cmpuint (month * 10, <, all);
  g_assert_cmpuint (month, <, year);
  g_assert_cmpuint (year, <, all);
}

/* Legs to come are hidden with a window: a month before the first event shows no route */
static void
test_window_hides_future (void)
{
  g_assert_cmpuint (route_pixels_at ("1866-01-01T00:00:00Z", 0, "us-1866-all.png"), >, 1000);
  g_assert_cmpuint (route_pixels_at ("1866-01-01T00:00:00Z", 30 * 86400, "us-1866-30d.png"), <, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure-window/thins", test_window_thins);
  g_test_add_func ("/render/figure-window/hides-future", test_window_hides_future);
  return g_test_run ();
}
