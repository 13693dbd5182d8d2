/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "dm-figure-private.h"
#include "dm-loader.h"
#include "dm-route-set.h"
#include "dm-video-private.h"
#include "interop-common.h"
#include "render-test-util.h"

/* A clip's options: the frames' times (holds, an eased clock that never goes back), held
 * frames drawn the same, and a camera that follows the actors smoothly with its legend in
 * one corner. */

#define W 320
#define H 180

/* Pixels that differ at all between two images of the same size, in a box */
static guint
count_differing (cairo_surface_t *a,
                 cairo_surface_t *b,
                 int              x0,
                 int              y0,
                 int              x1,
                 int              y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (pixel_at (a, x, y) != pixel_at (b, x, y))
        n++;
  return n;
}

static void
test_frame_times (void)
{
  DmVideoOptions o;
  gint64 start = 1000000, end = 1000000 + 86400;
  gint64 prev = G_MININT64;
  guint n;
  gboolean slow_start = FALSE;

  dm_video_options_init (&o, 2.0, 10);
  g_assert_cmpuint (dm_video_options_count_frames (&o), ==, 20);
  g_assert_cmpint (dm_video_options_frame_time (&o, start, end, 0), ==, start);
  g_assert_cmpint (dm_video_options_frame_time (&o, start, end, 19), ==, end);
  /* even: half-way at frame 9.5 */
  g_assert_cmpint (dm_video_options_frame_time (&o, start, end, 1), ==, start + llround (86400 / 19.0));

  o.hold = 1.0;
  o.ease = TRUE;
  n = dm_video_options_count_frames (&o);
  g_assert_cmpuint (n, ==, 40);
  for (guint i = 0; i < n; i++)
    {
      gint64 t = dm_video_options_frame_time (&o, start, end, i);

      /* the first second and the last show the ends */
      if (i <= 10)
        g_assert_cmpint (t, ==, start);
      if (i >= 29)
        g_assert_cmpint (t, ==, end);
      g_assert_cmpint (t, >=, prev);
      g_assert_cmpint (t, >=, start);
      g_assert_cmpint (t, <=, end);
      prev = t;
    }
  /* eased: the first step of the playback is shorter than an even one, the middle longer */
  {
    gint64 t1 = dm_video_options_frame_time (&o, start, end, 11) - start;
    gint64 mid = dm_video_options_frame_time (&o, start, end, 20) -
                 dm_video_options_frame_time (&o, start, end, 19);
    slow_start = t1 < 86400 / 19 / 4;
    g_assert_true (slow_start);
    g_assert_cmpint (mid, >, 86400 / 19);
  }
}

static cairo_surface_t *
load_frame (const char *dir,
            guint       index)
{
  g_autofree char *name = g_strdup_printf ("frame-%05u.png", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *s = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  return s;
}

static void
remove_frames (const char *dir,
               guint       n)
{
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("frame-%05u.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Held frames are the same pixels; the playback after the hold moves on */
static void
test_hold_pixels (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "frames", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *f[12];
  DmVideoOptions o;

  dm_figure_set_size (figure, W, H);
  dm_figure_set_clip_range (figure, utc ("2025-10-26T00:00:00Z"), utc ("2025-10-31T00:00:00Z"));
  dm_video_options_init (&o, 1.0, 4);
  o.hold = 1.0;
  o.ease = TRUE;
  /* 4 held, 4 played, 4 held */
  g_assert_cmpuint (dm_video_options_count_frames (&o), ==, 12);
  g_assert_true (dm_video_write_with (figure, file, DM_VIDEO_FORMAT_PNG_SEQUENCE, &o, NULL, NULL,
                                      NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 12; i++)
    f[i] = load_frame (out, i + 1);
  for (guint i = 1; i <= 4; i++)
    g_assert_cmpuint (count_differing (f[0], f[i], 0, 0, W, H), ==, 0);
  for (guint i = 7; i < 11; i++)
    g_assert_cmpuint (count_differing (f[11], f[i], 0, 0, W, H), ==, 0);
  g_assert_cmpuint (count_differing (f[0], f[11], 0, 0, W, H), >, 50);
  for (guint i = 0; i < 12; i++)
    cairo_surface_destroy (f[i]);
  remove_frames (out, 12);
  g_rmdir (dir);
}

static double
distance (double lon0,
          double lat0,
          double lon1,
          double lat1)
{
  double dlon = fabs (remainder (lon1 - lon0, 360.0));
  return hypot (dlon, lat1 - lat0);
}

/* The camera goes where the actors are and glides there */
static void
test_follow (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autofree gint64 *times = NULL;
  g_autofree double *boxes = NULL;
  double x0, y0, x1, y1, fit_lon, fit_lat;
  gint64 start = utc ("2025-10-25T00:00:00Z"), end = utc ("2025-11-01T00:00:00Z");
  guint n = 7 * 30, closer = 0, counted = 0;
  double max_step = 0;

  dm_figure_set_size (figure, W, H);
  times = g_new (gint64, n);
  for (guint i = 0; i < n; i++)
    times[i] = start + (end - start) * i / (n - 1);
  boxes = dm_video_camera_path (figure, times, n, 30);
  g_assert_true (dm_route_set_get_bounds (set, &x0, &y0, &x1, &y1));
  fit_lon = (x0 + x1) / 2, fit_lat = (y0 + y1) / 2;

  for (guint i = 0; i < n; i++)
    {
      const double *b = boxes + 4 * i;
      double lon = b[2] >= b[0] ? (b[0] + b[2]) / 2 : remainder ((b[0] + b[2] + 360) / 2, 360);
      double lat = (b[1] + b[3]) / 2;
      g_autoptr(GArray) where = dm_route_set_dup_where (set, times[i]);

      g_assert_cmpfloat (b[3], >, b[1]);
      /* smooth: no jump from one frame to the next */
      if (i > 0)
        {
          const double *p = boxes + 4 * (i - 1);
          double plon = p[2] >= p[0] ? (p[0] + p[2]) / 2 : remainder ((p[0] + p[2] + 360) / 2, 360);
          /* in widths of the view: a glide, never a cut */
          double width = b[2] >= b[0] ? b[2] - b[0] : b[2] - b[0] + 360;
          max_step = MAX (max_step, distance (plon, (p[1] + p[3]) / 2, lon, lat) / width);
        }
      /* nearer than the fit's centre to an actor travelling then, mostly */
      for (guint k = 0; k < where->len; k++)
        {
          const DmWhere *w = &g_array_index (where, DmWhere, k);
          double mlon, mlat;

          if (w->state != DM_WHERE_TRAVELLING || w->from == NULL || w->to == NULL)
            continue;
          mlon = dm_place_get_longitude (w->to);
          mlat = dm_place_get_latitude (w->to);
          counted++;
          if (distance (lon, lat, mlon, mlat) < distance (fit_lon, fit_lat, mlon, mlat))
            closer++;
        }
    }
  g_test_message ("%u of %u travelling actors nearer the camera than the fit; the centre moves "
                  "at most %.3f of its width a frame", closer, counted, max_step);
  /* at 30 fps: at most a view's width in a second and a half */
  g_assert_cmpfloat (max_step, <, 1.0 / 45);
  g_assert_cmpuint (counted, >, 10);
  g_assert_cmpuint (closer, >, counted / 2);
}

/* A camera that moves keeps the legend in one corner: its box is the same on every frame */
static void
test_follow_legend (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  int corner;

  dm_figure_set_size (figure, 800, 450);
  dm_figure_set_clip_range (figure, utc ("2025-10-25T00:00:00Z"), utc ("2025-11-01T00:00:00Z"));
  corner = dm_figure_find_legend_corner (figure);
  g_assert_cmpint (corner, >=, 0);
  dm_figure_set_legend_corner (figure, (corner + 1) % 4);
  g_assert_cmpint (dm_figure_find_legend_corner (figure), ==, (corner + 1) % 4);
  dm_figure_set_bounds (figure, 20, 30, 60, 60);
  g_assert_cmpint (dm_figure_find_legend_corner (figure), ==, (corner + 1) % 4);
  dm_figure_set_legend_corner (figure, -1);
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_FIT);
  g_assert_cmpint (dm_figure_find_legend_corner (figure), ==, corner);
}

/* The figure at 1.5 pixels a unit, as a clip's frames are drawn */
static cairo_surface_t *
render_scaled (DmFigure *figure)
{
  int w, h;
  cairo_surface_t *s;
  cairo_t *cr;

  dm_figure_get_size (figure, &w, &h);
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * 1.5), (int) ceil (h * 1.5));
  cr = cairo_create (s);
  cairo_scale (cr, 1.5, 1.5);
  dm_figure_draw (figure, cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* A clip's frames copy their base map from the last frame's: the same pixels as drawing it
 * (within a level of rounding), whatever was drawn before (another time, other tints) */
static void
test_basemap_cache (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) plain = dm_figure_new (doc);
  g_autoptr(DmFigure) cached = NULL;
  const char *times[] = { "2025-10-25T00:00:00Z", "2025-10-27T08:00:00Z", "2025-10-29T16:00:00Z",
                          "2025-10-27T09:00:00Z", "2025-11-01T00:00:00Z" };

  dm_figure_set_size (plain, 961, 541);
  dm_figure_set_clip_range (plain, utc ("2025-10-25T00:00:00Z"), utc ("2025-11-01T00:00:00Z"));
  cached = dm_figure_dup (plain);
  dm_figure_set_cache_basemap (cached, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      cairo_surface_t *a, *b;

      dm_figure_set_time (plain, utc (times[i]));
      dm_figure_set_time (cached, utc (times[i]));
      a = render_scaled (plain);
      b = render_scaled (cached);
      g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
      /* Cairo rounds a blend into a fresh surface and into the figure one level apart at
       * most: nothing a viewer or an encoder sees */
      for (int y = 0; y < cairo_image_surface_get_height (a); y++)
        for (int x = 0; x < cairo_image_surface_get_width (a); x++)
          if (!color_near (pixel_at (a, x, y), pixel_at (b, x, y), 1))
            g_error ("frame %u, pixel (%d, %d): #%06x drawn, #%06x copied", i, x, y,
                     pixel_at (a, x, y), pixel_at (b, x, y));
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

/* The base map is drawn again only when the tints change: not for each frame while the same
 * countries are tinted (the tints' table is made for each frame, in any order) */
static void
test_basemap_cache_hits (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  gint64 t = utc ("2025-10-29T16:00:00Z");

  dm_figure_set_size (figure, W, H);
  dm_figure_set_clip_range (figure, utc ("2025-10-25T00:00:00Z"), utc ("2025-11-01T00:00:00Z"));
  dm_figure_set_cache_basemap (figure, TRUE);
  for (guint i = 0; i < 8; i++)
    {
      dm_figure_set_time (figure, t + i * 60);
      cairo_surface_destroy (render_figure (figure));
    }
  g_assert_cmpuint (figure->base_draws, ==, 1);
  /* the end of the clip has other countries tinted */
  dm_figure_set_time (figure, utc ("2025-10-25T00:00:00Z"));
  cairo_surface_destroy (render_figure (figure));
  g_assert_cmpuint (figure->base_draws, ==, 2);
}

/* A file of the U.S. record: a secretary of state's travels over years, legs before, within
 * and after any year of them */
static DmDocument *
load_secretary (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "us-travels",
                                            "secretary-travels", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DmDocument *doc = dm_document_new ();

  if (!dm_loader_load_file (doc, file, NULL, &error))
    g_error ("%s: %s", path, error->message);
  return doc;
}

/* Compares a frame with the figure drawn afresh: every pixel within @tol levels of a
 * channel, and at most @max_off of them more than 2 levels apart. Returns how many differ. */
static guint
compare_frame (cairo_surface_t *drawn,
               cairo_surface_t *frame,
               int              tol,
               guint            max_off,
               const char      *what)
{
  guint off = 0, differ = 0;
  int worst = 0;

  g_assert_cmpint (cairo_image_surface_get_width (drawn), ==, cairo_image_surface_get_width (frame));
  g_assert_cmpint (cairo_image_surface_get_height (drawn), ==, cairo_image_surface_get_height (frame));
  for (int y = 0; y < cairo_image_surface_get_height (drawn); y++)
    for (int x = 0; x < cairo_image_surface_get_width (drawn); x++)
      {
        guint32 a = pixel_at (drawn, x, y), b = pixel_at (frame, x, y);

        if (a != b)
          differ++;
        worst = MAX (worst, color_distance (a, b));
        if (!color_near (a, b, tol))
          g_error ("%s, pixel (%d, %d): #%06x drawn, #%06x in the clip", what, x, y, a, b);
        if (!color_near (a, b, 2))
          off++;
      }
  g_test_message ("%s: %u pixels differ, %u by more than 2 levels, at most by %d", what, differ,
                  off, worst);
  if (off > max_off)
    g_error ("%s: %u pixels more than 2 levels off the figure drawn (at most %u)", what, off,
             max_off);
  return differ;
}

/* The legs a clip does not change are drawn once and laid over each frame: the frames are
 * the figures drawn afresh at their times, whatever order they are drawn in, at a fraction
 * of a pixel (1.5 pixels a unit) too. Within the rounding of a blend, and the edges of the
 * few strokes that three later ones cover (drawn by the clip, left out by a still). */
static void
test_legs_cache (void)
{
  g_autoptr(DmDocument) doc = load_secretary ("kissinger-henry-a.xml");
  g_autoptr(DmFigure) plain = dm_figure_new (doc);
  g_autoptr(DmFigure) cached = NULL;
  gint64 start, end, s, e;
  const double at[] = { 0.0, 0.5, 0.25, 1.0, 0.75, 0.0 };
  guint changed = 0;

  g_assert_true (dm_document_get_extent (doc, &start, &end));
  /* a year in the middle: legs done before it, in it and to come after it */
  s = start + (end - start) / 3;
  e = s + 365 * 86400;
  dm_figure_set_size (plain, 640, 360);
  dm_figure_set_clip_range (plain, s, e);
  cached = dm_figure_dup (plain);
  dm_figure_set_cache_legs (cached, TRUE);
  dm_figure_set_cache_basemap (cached, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      g_autofree char *what = g_strdup_printf ("time %g of the clip", at[i]);
      cairo_surface_t *a, *b;

      dm_figure_set_time (plain, s + (gint64) ((e - s) * at[i]));
      dm_figure_set_time (cached, s + (gint64) ((e - s) * at[i]));
      a = render_scaled (plain);
      b = render_scaled (cached);
      changed += compare_frame (a, b, 32, 960, what);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
  g_test_message ("%u pixels differ at all over %zu frames", changed, G_N_ELEMENTS (at));
}

/* The frames a clip writes (a PNG sequence: the frames as drawn, before any encoder) are the
 * figure drawn afresh at each frame's time */
static void
test_clip_frames (void)
{
  g_autoptr(DmDocument) doc = load_secretary ("kissinger-henry-a.xml");
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *dir = g_dir_make_tmp ("video-frames-XXXXXX", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  DmVideoOptions options;
  gint64 start, end, s, e;
  guint n;

  g_assert_true (dm_document_get_extent (doc, &start, &end));
  s = start + (end - start) / 2;
  e = s + 180 * 86400;
  dm_figure_set_size (figure, 480, 270);
  dm_figure_set_clip_range (figure, s, e);
  dm_video_options_init (&options, 1.0, 5);
  n = dm_video_options_count_frames (&options);
  g_assert_true (dm_video_write_with (figure, out, DM_VIDEO_FORMAT_PNG_SEQUENCE, &options, NULL,
                                      NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("frame-%05u.png", i + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      cairo_surface_t *frame = cairo_image_surface_create_from_png (path);
      cairo_surface_t *drawn;

      g_assert_cmpint (cairo_surface_status (frame), ==, CAIRO_STATUS_SUCCESS);
      dm_figure_set_time (figure, dm_video_options_frame_time (&options, s, e, i));
      drawn = render_figure (figure);
      compare_frame (drawn, frame, 32, 260, name);
      cairo_surface_destroy (frame);
      cairo_surface_destroy (drawn);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/video/options/frame-times", test_frame_times);
  g_test_add_func ("/video/options/hold-pixels", test_hold_pixels);
  g_test_add_func ("/video/options/follow", test_follow);
  g_test_add_func ("/video/options/follow-legend", test_follow_legend);
  g_test_add_func ("/video/options/basemap-cache", test_basemap_cache);
  g_test_add_func ("/video/options/basemap-cache-hits", test_basemap_cache_hits);
  g_test_add_func ("/video/options/legs-cache", test_legs_cache);
  g_test_add_func ("/video/options/clip-frames", test_clip_frames);
  return g_test_run ();
}
