/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dm-figure-private.h"
#include "render-test-util.h"

/* The timeline band under the map (--timeline): it takes room from the map, not from the
 * footer; its playhead is where the time is along the range; its lanes are drawn in the
 * actors' colours and named in an SVG's text. */

#define W 960
#define H 540
#define PLAYHEAD 0xc01c28

static DmFigure *
band_figure (DmDocument *doc)
{
  DmFigure *figure = dm_figure_new (doc);

  dm_figure_set_size (figure, W, H);
  dm_figure_set_clip_range (figure, utc ("2025-10-25T00:00:00Z"), utc ("2025-11-01T00:00:00Z"));
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_set_show_timeline (figure, TRUE);
  return figure;
}

/* The playhead's column in the rows from @y0 to @y1, or -1 */
static int
find_playhead (cairo_surface_t *s,
               int              y0,
               int              y1)
{
  for (int x = 0; x < W; x++)
    {
      guint n = 0;
      for (int y = y0; y < y1; y++)
        if (color_near (pixel_at (s, x, y), PLAYHEAD, 12))
          n++;
      if (n > (guint) (y1 - y0) * 3 / 4)
        return x;
    }
  return -1;
}

static void
test_band (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = band_figure (doc);
  g_autoptr(DmFigure) plain = dm_figure_dup (figure);
  double mx, my, mw, mh, px, py, pw, ph;
  int xs[3];
  const char *times[3] = { "2025-10-25T12:00:00Z", "2025-10-28T12:00:00Z", "2025-10-31T12:00:00Z" };

  dm_figure_set_show_timeline (plain, FALSE);
  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  dm_figure_get_map_area (plain, &px, &py, &pw, &ph);
  /* the band is under the map, which is shorter by it; the header does not move */
  g_assert_cmpfloat (my, ==, py);
  g_assert_cmpfloat (mh, <, ph - 60);

  for (int i = 0; i < 3; i++)
    {
      cairo_surface_t *s;
      guint coloured = 0;

      dm_figure_set_time (figure, utc (times[i]));
      s = render_figure (figure);
      xs[i] = find_playhead (s, (int) (my + mh) + 12, (int) (my + mh) + 50);
      /* the lanes' bars: strongly coloured pixels in the band */
      for (int y = (int) (my + mh); y < (int) (my + mh) + 60 && y < H; y++)
        for (int x = 0; x < W; x++)
          {
            guint32 p = pixel_at (s, x, y);
            int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            if (MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) > 90 && !color_near (p, PLAYHEAD, 30))
              coloured++;
          }
      g_test_message ("%s: playhead at x = %d, %u coloured pixels in the band", times[i], xs[i],
                      coloured);
      g_assert_cmpuint (coloured, >, 150);
      /* Sergey Lavrov's lane, the third: he travels nowhere but takes part in the talks and
       * the conference, drawn in his lane (pale: not the band's grey) */
      if (i == 2)
        {
          int lane_y = (int) (my + mh + 13.6 * 0.4 + 10 * 2.5);
          guint in_lane = 0;
          for (int x = W / 4; x < W; x++)
            if (color_distance (pixel_at (s, x, lane_y), 0xf4f4f1) > 30 &&
                !color_near (pixel_at (s, x, lane_y), PLAYHEAD, 30))
              in_lane++;
          g_test_message ("Lavrov's lane: %u pixels", in_lane);
          g_assert_cmpuint (in_lane, >, 100);
        }
      if (g_getenv ("DM_SCREENSHOT_DIR") != NULL && i == 1)
        {
          g_autofree char *path = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"),
                                                    "figure-timeline.png", NULL);
          cairo_surface_write_to_png (s, path);
        }
      cairo_surface_destroy (s);
    }
  /* the playhead runs with the time, evenly: 3 days of 7 each step */
  g_assert_cmpint (xs[0], >, 0);
  g_assert_cmpint (xs[1], >, xs[0]);
  g_assert_cmpint (xs[2], >, xs[1]);
  g_assert_cmpint (ABS ((xs[1] - xs[0]) - (xs[2] - xs[1])), <=, 2);
}

/* In an SVG the lanes' names and the axis's dates are text */
static void
test_svg_text (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = band_figure (doc);
  g_autoptr(DmFigure) plain = dm_figure_dup (figure);
  g_autofree char *dir = g_dir_make_tmp ("dm-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "band.svg", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "plain.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL, *plain_svg = NULL;

  dm_figure_set_time (figure, utc ("2025-10-28T12:00:00Z"));
  dm_figure_set_show_timeline (plain, FALSE);
  dm_figure_set_time (plain, utc ("2025-10-28T12:00:00Z"));
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (dm_figure_write_file (plain, plain_file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_true (g_file_get_contents (plain_path, &plain_svg, NULL, NULL));
  /* no legend: the names are the lanes' */
  g_assert_nonnull (strstr (svg, ">Choe Son Hui<"));
  g_assert_nonnull (strstr (svg, ">Sergey Lavrov<"));
  g_assert_nonnull (strstr (svg, ">27 Oct<"));
  g_assert_null (strstr (plain_svg, ">Sergey Lavrov<"));
  g_assert_null (strstr (plain_svg, ">27 Oct<"));
  g_unlink (path);
  g_unlink (plain_path);
  g_rmdir (dir);
}

/* Ten actors: seven lanes of their own, the last three in one "Others" lane */
static void
test_others (void)
{
  static const char *places[] = { "Paris", "Rome", "Moscow", "Minsk", "Tokyo", "Seoul", "Berlin",
                                  "Madrid", "Vienna", "Cairo" };
  g_autoptr(GString) json = g_string_new ("{\"diplomap\": 1, \"title\": \"Ten envoys\", \"actors\": [");
  g_autofree char *dir = g_dir_make_tmp ("dm-timeline-XXXXXX", NULL);
  g_autofree char *doc_path = g_build_filename (dir, "ten.diplomap", NULL);
  g_autofree char *path = g_build_filename (dir, "band.svg", NULL);
  g_autoptr(GFile) doc_file = g_file_new_for_path (doc_path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(DmFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_string_append_printf (json, "%s{\"id\": \"a%u\", \"name\": \"Envoy %c\"}",
                            i ? ", " : "", i, 'A' + i);
  g_string_append (json, "], \"events\": [");
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_string_append_printf (json, "%s{\"id\": \"e%u\", \"type\": \"visit\", \"actor\": \"a%u\", "
                            "\"place\": \"%s\", \"start\": \"2025-10-%02u\", \"end\": \"2025-10-%02u\"}",
                            i ? ", " : "", i, i, places[i], 10 + i, 12 + i);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (doc_path, json->str, -1, NULL));
  doc = interop_load (doc_file);
  figure = band_figure (doc);
  dm_figure_set_clip_range (figure, utc ("2025-10-09T00:00:00Z"), utc ("2025-10-23T00:00:00Z"));
  dm_figure_set_time (figure, utc ("2025-10-15T00:00:00Z"));
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  /* no legend: the names are the lanes' */
  for (char c = 'A'; c <= 'G'; c++)
    {
      g_autofree char *name = g_strdup_printf (">Envoy %c<", c);
      if (strstr (svg, name) == NULL)
        g_error ("no lane named “%s”", name + 1);
    }
  for (char c = 'H'; c <= 'J'; c++)
    {
      g_autofree char *name = g_strdup_printf (">Envoy %c<", c);
      g_assert_null (strstr (svg, name));
    }
  g_assert_nonnull (strstr (svg, ">Others<"));
  g_unlink (path);
  g_unlink (doc_path);
  g_rmdir (dir);
}

/* The timeline alone (--timeline-only): the title, the caption and the lanes in the whole
 * figure, no map: the band's grey from under the header down to the footer */
static void
test_timeline_only (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = band_figure (doc);
  g_autoptr(DmFigure) map = dm_figure_dup (figure);
  g_autofree char *dir = g_dir_make_tmp ("dm-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "only.svg", NULL);
  g_autofree char *map_path = g_build_filename (dir, "map.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) map_file = g_file_new_for_path (map_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL, *map_svg = NULL;
  cairo_surface_t *s;
  guint band = 0, rows = 0;
  int playhead;

  dm_figure_set_timeline_only (figure, TRUE);
  g_assert_true (dm_figure_get_timeline_only (figure));
  dm_figure_set_title (figure, "Who was where");
  dm_figure_set_time (figure, utc ("2025-10-28T12:00:00Z"));
  dm_figure_set_time (map, utc ("2025-10-28T12:00:00Z"));
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (dm_figure_write_file (map, map_file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_true (g_file_get_contents (map_path, &map_svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">Who was where<"));
  g_assert_nonnull (strstr (svg, "Tuesday 28 October 2025"));
  g_assert_nonnull (strstr (svg, ">Choe Son Hui<"));
  g_assert_nonnull (strstr (svg, ">27 Oct<"));
  g_assert_nonnull (strstr (svg, "Natural Earth"));
  /* the map's place names are not drawn */
  g_assert_nonnull (strstr (map_svg, ">Gyeongju<"));
  g_assert_null (strstr (svg, ">Gyeongju<"));

  /* the band fills the middle of the figure: its grey at the left edge from a third to two
   * thirds down, and the playhead runs down most of it */
  s = render_figure (figure);
  for (int y = H / 3; y < H * 2 / 3; y++, rows++)
    if (color_near (pixel_at (s, 2, y), 0xf4f4f1, 2))
      band++;
  g_assert_cmpuint (band, ==, rows);
  playhead = find_playhead (s, H * 2 / 5, H / 2);
  g_assert_cmpint (playhead, >, W / 4);
  g_assert_cmpint (playhead, <, W - 10);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"), "timeline-only.png", NULL);
      cairo_surface_write_to_png (s, shot);
    }
  cairo_surface_destroy (s);
  g_unlink (path);
  g_unlink (map_path);
  g_rmdir (dir);
}

/* Small multiples: N panels captioned with their dates, evenly spread; one title, one legend */
static void
test_small_multiples (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-grid-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "grid.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  const char *title = dm_document_get_title (doc);
  const char *dates[] = { "Saturday 25 October 2025, 00:00 UTC", "Monday 27 October 2025, 08:00 UTC",
                          "Wednesday 29 October 2025, 16:00 UTC", "Saturday 1 November 2025, 00:00 UTC" };
  const char *p;
  guint n_titles = 0, n_sources = 0;
  cairo_surface_t *s;

  dm_figure_set_size (figure, 1600, 1000);
  dm_figure_set_clip_range (figure, utc ("2025-10-25T00:00:00Z"), utc ("2025-11-01T00:00:00Z"));
  dm_figure_set_small_multiples (figure, 4);
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (strstr (svg, dates[i]) == NULL)
      g_error ("no panel captioned “%s”", dates[i]);
  for (p = svg; (p = strstr (p, title)) != NULL; p++)
    n_titles++;
  for (p = svg; (p = strstr (p, "Sources:")) != NULL; p++)
    n_sources++;
  g_assert_cmpuint (n_titles, ==, 1);
  g_assert_cmpuint (n_sources, ==, 1);

  /* a 2x2 grid: white between the panels, across the middle row and column */
  s = render_figure (figure);
  g_assert_cmphex (pixel_at (s, 800, 300), ==, 0xffffff);
  g_assert_cmphex (pixel_at (s, 800, 700), ==, 0xffffff);
  g_assert_cmphex (pixel_at (s, 400, 300), !=, 0xffffff);
  g_assert_cmphex (pixel_at (s, 1200, 750), !=, 0xffffff);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"), "small-multiples.png", NULL);
      cairo_surface_write_to_png (s, shot);
    }
  cairo_surface_destroy (s);
  g_unlink (path);
  g_rmdir (dir);
}

/* Dates before the common era (issue 10): the figure's axis and caption name their years ("44 BC"),
 * not 1970, and the playhead is drawn where the time is */
static void
test_before_common_era (void)
{
  g_autoptr(GFile) old = interop_file ("../old-dates.diplomap");
  g_autoptr(DmDocument) doc = interop_load (old);
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ides.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *caption = NULL;
  gint64 ides = dm_civil_days (-43, 3, 15) * 86400 + 12 * 3600;
  double mx, my, mw, mh;
  cairo_surface_t *s;
  int x;

  dm_figure_set_size (figure, W, H);
  dm_figure_set_clip_range (figure, dm_civil_days (-43, 1, 1) * 86400, dm_civil_days (-42, 1, 1) * 86400);
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_set_show_timeline (figure, TRUE);
  dm_figure_set_time (figure, ides);
  caption = dm_figure_dup_caption (figure, ides);
  g_assert_nonnull (caption);
  g_assert_nonnull (strstr (caption, "15 March 44 BC, 12:00 UTC"));
  /* Rome in its first standard offset, not its local mean time (+0:49:56), named as the
   * event list names a bare offset, not "+01:00:00" */
  g_test_message ("%s", caption);
  g_assert_nonnull (strstr (caption, "Rome 13:00 UTC+01:00"));
  g_assert_null (strstr (caption, ":00:00"));
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">Apr 44 BC<"));
  g_assert_null (strstr (svg, "1970"));
  /* the playhead a fifth of the way along the year (the 74th day of 365) */
  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  s = render_figure (figure);
  x = find_playhead (s, (int) (my + mh) + 6, (int) (my + mh) + 22);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"), "figure-timeline-bce.png", NULL);
      cairo_surface_write_to_png (s, shot);
    }
  g_test_message ("playhead at x = %d", x);
  g_assert_cmpint (x, >, W * 0.2);
  g_assert_cmpint (x, <, W * 0.35);
  cairo_surface_destroy (s);
  g_unlink (path);
  g_rmdir (dir);
}

/* Over eight centuries around the year 1, the axis ticks round years as people count them
 * ("500 BC"… "100 BC", "1", "100"), not round ISO 8601 years ("501 BC" is -0500) */
static void
test_round_years (void)
{
  g_autoptr(GFile) old = interop_file ("../old-dates.diplomap");
  g_autoptr(DmDocument) doc = interop_load (old);
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "centuries.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  const char *ticks[] = { ">500 BC<", ">400 BC<", ">300 BC<", ">200 BC<", ">100 BC<", ">1<", ">100<", ">200<" };
  const char *not_ticks[] = { ">501 BC<", ">401 BC<", ">101 BC<", ">1 BC<", ">0<" };
  const char *last = svg;

  dm_figure_set_size (figure, W, H);
  dm_figure_set_clip_range (figure, dm_civil_days (-499, 1, 1) * 86400, dm_civil_days (300, 1, 1) * 86400);
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_set_show_timeline (figure, TRUE);
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  /* each label once, left to right */
  last = svg;
  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    {
      const char *at = strstr (last, ticks[i]);

      g_test_message ("%s", ticks[i]);
      g_assert_nonnull (at);
      last = at + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_ticks); i++)
    g_assert_null (strstr (svg, not_ticks[i]));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/figure/timeline/band", test_band);
  g_test_add_func ("/figure/timeline/svg-text", test_svg_text);
  g_test_add_func ("/figure/timeline/others", test_others);
  g_test_add_func ("/figure/timeline/only", test_timeline_only);
  g_test_add_func ("/figure/timeline/before-common-era", test_before_common_era);
  g_test_add_func ("/figure/timeline/round-years", test_round_years);
  g_test_add_func ("/figure/small-multiples", test_small_multiples);
  return g_test_run ();
}
