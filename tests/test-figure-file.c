/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dm-error.h"
#include "dm-figure.h"
#include "dm-loader.h"
#include "dm-great-circle.h"
#include "dm-map-style.h"
#include "dm-route-private.h"
#include "dm-route-style.h"
#include "render-test-util.h"
#include "svg-test-util.h"

/* Figures of the bundled sample, checked by their pixels, and against reference images.
 *
 * Reference images (tests/reference/) are compared with a tolerance. To update them on
 * purpose after a change in the drawing, run
 *   DM_UPDATE_REFERENCES=1 meson test -C _build test-figure-file
 * (the same variable as test-reference's tile pictures)
 * look at the new pictures, and commit them. */

static void
test_sea_land (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  cairo_surface_t *s;
  double x, y;

  dm_figure_set_size (figure, 960, 540);
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
  dm_figure_set_show_legend (figure, FALSE);
  g_assert_cmpint (dm_figure_get_projection (figure), ==, DM_PROJECTION_EQUAL_EARTH);
  s = render_figure (figure);
  /* the Sahara (Algeria: no actor there, so no tint) and the South Pacific */
  dm_figure_map_point (figure, 3.0, 26.0, &x, &y);
  g_assert_cmpint (color_distance (pixel_at (s, (int) x, (int) y), DM_MAP_COLOR_LAND), <=, 2);
  dm_figure_map_point (figure, -130.0, -40.0, &x, &y);
  g_assert_cmpint (color_distance (pixel_at (s, (int) x, (int) y), DM_MAP_COLOR_SEA), <=, 2);
  /* the header is white paper */
  g_assert_cmphex (pixel_at (s, 3, 3), ==, 0xffffff);
  cairo_surface_destroy (s);
}

/* Choe Son Hui (the first actor: vermillion) flies Pyongyang to Moscow on a great circle */
static void
test_route_colour (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  DmLonLat pyongyang = { 125.7625, 39.0392 }, moscow = { 37.6173, 55.7558 };
  cairo_surface_t *s;
  int best_on = 255, best_before = 255;

  dm_figure_set_size (figure, 1200, 700);
  dm_figure_set_bounds (figure, 20, 20, 150, 70);
  dm_figure_set_show_legend (figure, FALSE);
  s = render_figure (figure);
  /* the leg is announced, so dashed: somewhere around its middle there is a dash */
  for (double f = 0.46; f <= 0.54; f += 0.005)
    {
      DmLonLat m = dm_great_circle_interpolate (pyongyang, moscow, f);
      double x, y;
      dm_figure_map_point (figure, m.lon, m.lat, &x, &y);
      best_on = MIN (best_on, color_distance (pixel_at (s, (int) x, (int) y), 0xd55e00));
    }
  g_assert_cmpint (best_on, <=, 16);
  cairo_surface_destroy (s);

  /* the day before she left, the leg is only faint */
  dm_figure_set_time (figure, utc ("2025-10-25T00:00:00Z"));
  s = render_figure (figure);
  for (double f = 0.46; f <= 0.54; f += 0.005)
    {
      DmLonLat m = dm_great_circle_interpolate (pyongyang, moscow, f);
      double x, y;
      dm_figure_map_point (figure, m.lon, m.lat, &x, &y);
      best_before = MIN (best_before, color_distance (pixel_at (s, (int) x, (int) y), 0xd55e00));
    }
  g_assert_cmpint (best_before, >, 60);
  cairo_surface_destroy (s);
}

/* A view of the sample with only the events @id travels in or takes part in */
static DmDocument *
view_of (DmDocument *doc,
         const char *id)
{
  GListModel *events = dm_document_get_events (doc);
  g_autoptr(GListStore) shown = g_list_store_new (DM_TYPE_EVENT);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      if (dm_event_involves (event, dm_document_lookup_actor (doc, id)))
        g_list_store_append (shown, event);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), <,
                    g_list_model_get_n_items (events));
  return dm_document_new_filtered (doc, G_LIST_MODEL (shown));
}

/* How near the pixels around the middle of @leg come to @rgb (0: that very colour) */
static int
best_on_leg (DmFigure        *figure,
             cairo_surface_t *s,
             DmLeg           *leg,
             guint32          rgb)
{
  DmLonLat a = { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) };
  DmLonLat b = { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) };
  int best = 255;

  for (double f = 0.35; f <= 0.65; f += 0.01)
    {
      DmLonLat m = dm_great_circle_interpolate (a, b, f);
      double x, y;

      dm_figure_map_point (figure, m.lon, m.lat, &x, &y);
      best = MIN (best, color_distance (pixel_at (s, (int) x, (int) y), rgb));
    }
  return best;
}

/* An actor keeps its colour whatever a filter shows: the route set's (legend, legs) and the
 * figure's pixels. Trump is blue in the sample; with only his events shown he used to become
 * vermillion, the palette's first colour */
static void
test_route_colour_filtered (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmRouteSet) whole = dm_route_set_new (doc);
  const char *filters[] = { "choe", "trump", "lavrov", "xi" };
  g_autoptr(DmDocument) trump_only = view_of (doc, "trump");
  DmActor *trump = dm_document_lookup_actor (doc, "trump");
  DmLeg *leg = NULL;
  DmRgba blue;
  guint32 rgb;

  /* every actor drawn in a view has its colour in the whole sample, and two actors never
   * share one */
  dm_route_set_ensure (whole);
  g_assert_cmpuint (whole->actors->len, ==, 5);
  for (guint i = 0; i < whole->actors->len; i++)
    for (guint j = i + 1; j < whole->actors->len; j++)
      g_assert_cmphex (dm_rgba_to_hex (&g_array_index (whole->colors, DmRgba, i)), !=,
                       dm_rgba_to_hex (&g_array_index (whole->colors, DmRgba, j)));
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(DmDocument) view = view_of (doc, filters[f]);
      g_autoptr(DmRouteSet) set = dm_route_set_new (view);

      dm_route_set_ensure (set);
      g_assert_cmpuint (set->actors->len, >, 0);
      for (guint i = 0; i < set->actors->len; i++)
        {
          DmActor *actor = g_ptr_array_index (set->actors, i);
          DmRgba want = dm_route_set_get_actor_color (whole, actor);
          DmRgba asked = dm_route_set_get_actor_color (set, actor);

          g_test_message ("%s alone: %s %06x", filters[f], dm_actor_get_id (actor),
                          dm_rgba_to_hex (&g_array_index (set->colors, DmRgba, i)));
          g_assert_cmphex (dm_rgba_to_hex (&g_array_index (set->colors, DmRgba, i)), ==,
                           dm_rgba_to_hex (&want));
          g_assert_cmphex (dm_rgba_to_hex (&asked), ==, dm_rgba_to_hex (&want));
        }
    }

  blue = dm_route_set_get_actor_color (whole, trump);
  rgb = dm_rgba_to_hex (&blue);
  g_assert_cmphex (rgb, ==, 0x0072b2);
  /* his trip is confirmed: drawn in his colour made lighter */
  blue = dm_route_status_color (DM_STATUS_CONFIRMED, &blue);
  rgb = dm_rgba_to_hex (&blue);
  for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_events (doc)) && leg == NULL; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (dm_document_get_events (doc), i);
      if (g_str_equal (dm_event_get_id (event), "trump-asia"))
        leg = g_ptr_array_index (dm_event_get_legs (event), 1);  /* Kuala Lumpur to Tokyo */
    }
  g_assert_nonnull (leg);

  /* the same leg, in the same place and time, the same colour with or without the others */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(DmFigure) figure = dm_figure_new (k == 0 ? doc : trump_only);
      cairo_surface_t *s;
      int best;

      dm_figure_set_size (figure, 1000, 700);
      dm_figure_set_bounds (figure, 95, -5, 150, 45);
      dm_figure_set_time (figure, utc ("2025-11-10T00:00:00Z"));
      dm_figure_set_show_legend (figure, FALSE);
      s = render_figure (figure);
      best = best_on_leg (figure, s, leg, rgb);
      g_test_message ("%s: nearest to #%06x on the leg: %d", k == 0 ? "whole" : "Trump alone", rgb, best);
      g_assert_cmpint (best, <=, 16);
      /* and never the colour a filter used to give him */
      g_assert_cmpint (best_on_leg (figure, s, leg, 0xd55e00), >, 60);
      cairo_surface_destroy (s);
    }
}

static void
test_png_size (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-figure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s;

  dm_figure_set_size (figure, 640, 360);
  dm_figure_set_scale (figure, 2);
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_PNG, &error));
  g_assert_no_error (error);
  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 720);
  cairo_surface_destroy (s);
  g_unlink (path);
  g_rmdir (dir);
}

/* A failed export leaves no file, and leaves an old file alone */
static void
test_atomic (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-figure-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "out.pdf", NULL);
  g_autofree char *path = g_build_filename (dir, "out.svg", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  dm_figure_set_size (figure, 320, 200);
  file = g_file_new_for_path (missing);
  g_assert_false (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_PDF, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_clear_object (&file);
  file = g_file_new_for_path (path);
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<path"));
  g_assert_null (strstr (contents, "<image"));
  /* nothing else left in the folder */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* In SVG, the legs of one style that come one after the other are one path of several
 * lines, their vertices on a quarter-pixel grid (issue 15: the U.S. record's SVG took 10.8 MB
 * with a path per leg) */
static void
test_svg_legs (void)
{
  const char *text =
    "{\"diplomap\": 1, \"actors\": [{\"id\": \"a\", \"name\": \"A\"}],\n"
    " \"events\": [{\"id\": \"t\", \"type\": \"trip\", \"actor\": \"a\", \"status\": \"completed\", \"legs\": [\n"
    "  {\"from\": \"Paris\", \"to\": \"Moscow\", \"depart\": \"2020-01-01T10:00Z\", \"arrive\": \"2020-01-01T14:00Z\"},\n"
    "  {\"to\": \"Beijing\", \"depart\": \"2020-01-03T10:00Z\", \"arrive\": \"2020-01-03T18:00Z\"},\n"
    "  {\"to\": \"Tokyo\", \"depart\": \"2020-01-05T10:00Z\", \"arrive\": \"2020-01-05T13:00Z\"},\n"
    "  {\"to\": \"Cairo\", \"depart\": \"2020-01-07T10:00Z\", \"arrive\": \"2020-01-07T22:00Z\"}]}]}\n";
  g_autofree char *dir = g_dir_make_tmp ("dm-figure-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "trip.diplomap", NULL);
  g_autofree char *output = g_build_filename (dir, "trip.svg", NULL);
  g_autoptr(GFile) in = g_file_new_for_path (input);
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  guint most_lines = 0;

  g_assert_true (g_file_set_contents (input, text, -1, NULL));
  g_assert_true (dm_loader_load_file (doc, in, NULL, &error));
  g_assert_no_error (error);
  figure = dm_figure_new (doc);
  dm_figure_set_size (figure, 960, 540);
  g_assert_true (dm_figure_write_file (figure, out, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (output, &svg, NULL, NULL));

  /* the stroked paths: the most lines in one, and every coordinate of a leg (bevel joins) a
   * quarter of a pixel */
  paths = svg_test_paths (svg, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < paths->len; i++)
    {
      SvgTestPath *path = g_ptr_array_index (paths, i);
      gboolean leg = strstr (path->style, "stroke-linejoin:bevel") != NULL;

      if (strstr (path->style, "fill:none") == NULL)
        continue;
      for (const char *p = path->d; *p != '\0';)
        {
          char *next;
          double v;

          if (g_ascii_isalpha (*p) || *p == ' ')
            {
              p++;
              continue;
            }
          v = g_ascii_strtod (p, &next);
          g_assert_true (next > p);
          p = next;
          /* Cairo writes them through its fixed point (1/256 pixel), then rounded to 0.01 */
          if (leg)
            g_assert_cmpfloat (fabs (v * 4 - round (v * 4)), <=, 4.0 / 256);
        }
      most_lines = MAX (most_lines, svg_test_count_moves (path->d));
    }
  g_assert_cmpuint (most_lines, >=, 4);
  g_unlink (input);
  g_unlink (output);
  g_rmdir (dir);
}

/* The share of pixels differing by more than @tol in a channel */
static double
differing (cairo_surface_t *a,
           cairo_surface_t *b,
           int              tol)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += color_distance (pixel_at (a, x, y), pixel_at (b, x, y)) > tol;
  return (double) n / (w * h);
}

static void
compare_reference (const char *name,
                   DmFigure   *figure)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "reference", name, NULL);
  cairo_surface_t *got = render_figure (figure), *want;
  double share;

  if (g_getenv ("DM_UPDATE_REFERENCES") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (got, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      cairo_surface_destroy (got);
      return;
    }
  want = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (want) != CAIRO_STATUS_SUCCESS)
    g_error ("%s: %s (DM_UPDATE_REFERENCES=1 writes it)", path,
             cairo_status_to_string (cairo_surface_status (want)));
  share = differing (got, want, 48);
  if (share > 0.004)
    {
      g_autofree char *out = g_strdup_printf ("%s/%s", g_get_tmp_dir (), name);
      cairo_surface_write_to_png (got, out);
      g_error ("%s differs from the reference in %.2f%% of its pixels (written to %s)",
               name, share * 100, out);
    }
  cairo_surface_destroy (got);
  cairo_surface_destroy (want);
}

/* Route pixels (alpha above a faint leg's dots' edges) within @half px of a parallel, from
 * @lon0 to @lon1 */
static guint
count_route_pixels (cairo_surface_t *routes,
                    const DmView    *view,
                    double           lat,
                    double           lon0,
                    double           lon1,
                    int              half)
{
  const guint8 *data;
  int stride;
  guint n = 0;

  cairo_surface_flush (routes);
  data = cairo_image_surface_get_data (routes);
  stride = cairo_image_surface_get_stride (routes);
  for (double lon = lon0; lon <= lon1; lon += 0.1)
    {
      double px, py;
      dm_view_project (view, lon, lat, &px, &py);
      g_assert_true (px >= 0 && px < view->width && py >= half && py < view->height - half);
      for (int dy = -half; dy <= half; dy++)
        n += (((const guint32 *) (const void *) (data + ((int) py + dy) * stride))[(int) px] >> 24) > 0x20;
    }
  return n;
}

static void
test_reference_fit (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  DmLonLat busan = { 129.0403, 35.1796 }, washington = { -77.0369, 38.9072 };
  g_autoptr(GArray) leg = dm_great_circle_densify (busan, washington, 512);
  double cross = 0;
  cairo_surface_t *routes;
  cairo_t *cr;
  DmView view;

  dm_figure_set_size (figure, 800, 450);
  dm_figure_set_time (figure, utc ("2025-10-28T12:00:00Z"));
  /* Mercator given: unset, the sample's Washington to Kuala Lumpur (88° N) makes the fit Equal
   * Earth (test-framing's polar-fit); this reference is of Mercator's crossing of 180 */
  dm_figure_set_projection (figure, DM_PROJECTION_MERCATOR);
  compare_reference ("october-2025-fit.png", figure);

  /* Busan - Washington (dotted and faint at that time) crosses 180 near 71 N. Drawn without
   * its longitudes unwrapped it runs back across Asia along that parallel: too few pixels for
   * the reference's tolerance, so look there. Only the routes, on a transparent surface. */
  for (guint i = 1; i < leg->len; i++)
    {
      DmLonLat *a = &g_array_index (leg, DmLonLat, i - 1), *b = a + 1;
      if (a->lon <= 180 && b->lon > 180)
        cross = a->lat + (b->lat - a->lat) * (180 - a->lon) / (b->lon - a->lon);
    }
  g_assert_cmpfloat (cross, >, 70);
  dm_figure_get_map_view (figure, &view);
  routes = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view.width, (int) view.height);
  cr = cairo_create (routes);
  dm_route_renderer_draw_direct (dm_figure_get_layer (figure), cr, &view, dm_figure_get_time (figure));
  cairo_destroy (cr);
  /* the leg is there where it crosses 180 (a few dots) ... */
  g_assert_cmpuint (count_route_pixels (routes, &view, cross, 172, 188, 4), >, 0);
  /* ... and nothing lies on that parallel over Asia, west of the Trump's leg along 100 E */
  g_assert_cmpuint (count_route_pixels (routes, &view, cross, 45, 92, 4), ==, 0);
  cairo_surface_destroy (routes);
}

static void
test_reference_world (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);

  dm_figure_set_size (figure, 800, 450);
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
  dm_figure_set_time (figure, utc ("2025-10-30T06:00:00Z"));
  compare_reference ("october-2025-world.png", figure);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure-export/sea-land", test_sea_land);
  g_test_add_func ("/render/figure-export/route-colour", test_route_colour);
  g_test_add_func ("/render/figure-export/route-colour-filtered", test_route_colour_filtered);
  g_test_add_func ("/render/figure-export/png-size", test_png_size);
  g_test_add_func ("/render/figure-export/atomic", test_atomic);
  g_test_add_func ("/render/figure-export/svg-legs", test_svg_legs);
  g_test_add_func ("/render/figure-export/reference-fit", test_reference_fit);
  g_test_add_func ("/render/figure-export/reference-world", test_reference_world);
  return g_test_run ();
}
