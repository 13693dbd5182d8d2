/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of animations (issue 14): 10 s at 1920x1080, 30 fps, of the sample and of the
 * U.S. record's busiest year, as WebM, MP4 and GIF, time per frame next to the drawing of one
 * still figure of the same size measured in the same run (target: at most 1.5x, encoding
 * included), and where the time goes, for both: drawing a frame on one thread, the same on
 * every core at once with nothing kept, with the clip's base map kept, and with the legs that
 * stay over the clip kept too (as an export draws them), and encoding alone. Prints medians;
 * exits 0 (the machine is shared and noisy: trust the ratios).
 * DM_BENCH_VIDEO_SECONDS=2 measures 2 s clips instead (60 frames), for a quicker look. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "dm-loader.h"
#include "dm-video-private.h"

#define W 1920
#define H 1080
#define FPS 30
/* DM_BENCH_VIDEO_SECONDS: a shorter clip (the same ratios, sooner) */
static double seconds = 10.0;
#define SECONDS seconds

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *a)
{
  g_array_sort (a, compare_double);
  return a->len ? g_array_index (a, double, a->len / 2) : 0;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static DmDocument *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "october-2025.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DmDocument *doc = dm_document_new ();

  if (!dm_loader_load_file (doc, file, NULL, NULL))
    g_error ("cannot load %s", path);
  return doc;
}

/* The bundled U.S. record, its clip range set to its busiest year (most events starting) */
static DmDocument *
load_us_travels (gint64 *start,
                 gint64 *end)
{
  g_autofree char *path = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "us-travels", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GHashTable) years = g_hash_table_new (NULL, NULL);
  DmDocument *doc = dm_document_new ();
  GListModel *events;
  guint best = 0, best_year = 2000;

  if (!dm_loader_load_file (doc, file, NULL, NULL))
    g_error ("cannot load %s", path);
  events = dm_document_get_events (doc);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (dm_time_get_middle (dm_event_get_start (e)));
      guint year, n;

      if (dt == NULL)
        continue;
      year = (guint) g_date_time_get_year (dt);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (years, GUINT_TO_POINTER (year))) + 1;
      g_hash_table_insert (years, GUINT_TO_POINTER (year), GUINT_TO_POINTER (n));
      if (n > best)
        best = n, best_year = year;
    }
  {
    g_autoptr(GDateTime) a = g_date_time_new_utc ((int) best_year, 1, 1, 0, 0, 0);
    g_autoptr(GDateTime) b = g_date_time_new_utc ((int) best_year + 1, 1, 1, 0, 0, 0);
    *start = g_date_time_to_unix (a);
    *end = g_date_time_to_unix (b);
  }
  g_print ("# U.S. record: %u events, the busiest year %u with %u\n",
           g_list_model_get_n_items (events), best_year, best);
  return doc;
}

static cairo_surface_t *
draw (DmFigure *figure)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);

  dm_figure_draw (figure, cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* The range of the document measured: its extent, or the busiest year of the U.S. record */
static gint64 range_start, range_end;

static DmFigure *
clip_figure (DmDocument *doc)
{
  DmFigure *figure = dm_figure_new (doc);

  dm_figure_set_size (figure, W, H);
  dm_figure_set_clip_range (figure, range_start, range_end);
  return figure;
}

/* One still figure, drawn on this thread: median of 9, ms */
static double
time_still (DmDocument *doc)
{
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(GArray) t = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start = range_start, end = range_end;

  dm_figure_set_size (figure, W, H);
  for (int r = 0; r < 9; r++)
    {
      double t0 = now_ms (), dt;
      dm_figure_set_time (figure, start + (end - start) * r / 8);
      cairo_surface_destroy (draw (figure));
      dt = now_ms () - t0;
      g_array_append_val (t, dt);
    }
  return median (t);
}

typedef struct
{
  DmFigure *figure;
  gint64    start;
  gint64    end;
  guint     n;
} Worker;

static gpointer
draw_frames_cb (gpointer data)
{
  Worker *w = data;

  for (guint i = 0; i < w->n; i++)
    {
      dm_figure_set_time (w->figure, w->start + (w->end - w->start) * i / MAX (1, w->n - 1));
      cairo_surface_destroy (draw (w->figure));
    }
  return NULL;
}

/* Frames drawn on every core at once, none encoded: ms per frame */
static double
time_parallel_drawing (DmDocument *doc,
                       guint       n_frames,
                       gboolean    cache,
                       gboolean    cache_legs)
{
  guint n_workers = CLAMP (g_get_num_processors (), 1, 8);
  g_autoptr(DmFigure) figure = clip_figure (doc);
  Worker *workers = g_new0 (Worker, n_workers);
  GThread **threads = g_new0 (GThread *, n_workers);
  double t0;

  for (guint i = 0; i < n_workers; i++)
    {
      DmView view;
      workers[i].figure = dm_figure_dup (figure);
      dm_figure_set_cache_basemap (workers[i].figure, cache);
      dm_figure_set_cache_legs (workers[i].figure, cache_legs);
      dm_figure_get_map_view (workers[i].figure, &view);
      dm_figure_get_clip_range (figure, &workers[i].start, &workers[i].end);
      workers[i].n = n_frames / n_workers;
    }
  t0 = now_ms ();
  for (guint i = 0; i < n_workers; i++)
    threads[i] = g_thread_new ("bench-draw", draw_frames_cb, &workers[i]);
  for (guint i = 0; i < n_workers; i++)
    g_thread_join (threads[i]);
  t0 = now_ms () - t0;
  for (guint i = 0; i < n_workers; i++)
    g_object_unref (workers[i].figure);
  g_free (workers);
  g_free (threads);
  return t0 / (n_frames / n_workers * n_workers);
}

/* Encoding alone: 10 different frames pushed in turn, ms per frame */
static double
time_encoding (DmDocument    *doc,
               DmVideoFormat  format,
               const char    *path,
               guint          n_frames)
{
  g_autoptr(DmFigure) figure = clip_figure (doc);
  cairo_surface_t *frames[10];
  DmVideoSink *sink;
  gint64 start, end;
  double t0;

  dm_figure_get_clip_range (figure, &start, &end);
  for (guint i = 0; i < 10; i++)
    {
      dm_figure_set_time (figure, start + (end - start) * i / 9);
      frames[i] = draw (figure);
    }
  if (!dm_video_gst_check (format, NULL))
    g_error ("no encoder");
  t0 = now_ms ();
  sink = dm_video_gst_sink_new (format, path, W, H, FPS, NULL);
  /* consecutive frames a tenth of the clip apart: more change than a real clip's */
  for (guint i = 0; i < n_frames; i++)
    if (!sink->push (sink, frames[(i / 3) % 10], i, NULL))
      g_error ("push failed");
  if (!sink->finish (sink, NULL))
    g_error ("finish failed");
  t0 = now_ms () - t0;
  sink->free (sink);
  for (guint i = 0; i < 10; i++)
    cairo_surface_destroy (frames[i]);
  g_unlink (path);
  return t0 / n_frames;
}

/* The whole export, ms per frame */
static double
time_export (DmDocument    *doc,
             DmVideoFormat  format,
             const char    *path,
             goffset       *size)
{
  g_autoptr(DmFigure) figure = clip_figure (doc);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  guint n = dm_video_count_frames (SECONDS, FPS);
  double t0 = now_ms ();

  if (!dm_video_write (figure, file, format, SECONDS, FPS, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  t0 = now_ms () - t0;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  *size = info ? g_file_info_get_size (info) : 0;
  g_unlink (path);
  return t0 / n;
}

/* Everything for one document over [range_start, range_end] */
static void
measure (DmDocument *doc,
         const char *name,
         const char *dir,
         gboolean    parts,
         guint       n_parts)
{
  g_autofree char *webm = g_build_filename (dir, "clip.webm", NULL);
  g_autofree char *mp4 = g_build_filename (dir, "clip.mp4", NULL);
  g_autofree char *gif = g_build_filename (dir, "clip.gif", NULL);
  double still, parallel = 0, cached = 0, legs = 0, enc_webm = 0, enc_mp4 = 0, webm_frame, mp4_frame;
  double gif_frame;
  goffset webm_size = 0, mp4_size = 0, gif_size = 0;
  guint n = dm_video_count_frames (SECONDS, FPS);

  /* warm up: base map levels decoded, fonts loaded */
  time_still (doc);
  still = time_still (doc);
  if (parts)
    {
      parallel = time_parallel_drawing (doc, n_parts, FALSE, FALSE);
      cached = time_parallel_drawing (doc, n_parts, TRUE, FALSE);
      legs = time_parallel_drawing (doc, n_parts, TRUE, TRUE);
      enc_webm = time_encoding (doc, DM_VIDEO_FORMAT_WEBM, webm, 90);
      enc_mp4 = time_encoding (doc, DM_VIDEO_FORMAT_MP4, mp4, 90);
    }
  webm_frame = time_export (doc, DM_VIDEO_FORMAT_WEBM, webm, &webm_size);
  mp4_frame = time_export (doc, DM_VIDEO_FORMAT_MP4, mp4, &mp4_size);
  /* at the same size as the others, not a GIF's default 800x450 */
  gif_frame = time_export (doc, DM_VIDEO_FORMAT_GIF, gif, &gif_size);
  still = MIN (still, time_still (doc)); /* the same before and after: the machine is shared */

  g_print ("# animation of %s, %gs at %dx%d, %d fps (%u frames), %u cores\n",
           name, SECONDS, W, H, FPS, n, g_get_num_processors ());
  g_print ("%-48s %9s %7s\n", "", "ms/frame", "x still");
  g_print ("%-48s %9.1f %7.2f\n", "one still figure, one thread (median of 9)", still, 1.0);
  if (parts)
    {
      g_print ("%-48s %9.1f %7.2f\n", "frames drawn on every core, not encoded", parallel,
               parallel / still);
      g_print ("%-48s %9.1f %7.2f\n", "the same, the base map drawn once (the clip's)", cached,
               cached / still);
      g_print ("%-48s %9.1f %7.2f\n", "the same, and the legs that stay (as exported)", legs,
               legs / still);
      g_print ("%-48s %9.1f %7.2f\n", "VP9 encoding alone (vp9enc)", enc_webm, enc_webm / still);
      g_print ("%-48s %9.1f %7.2f\n", "H.264 encoding alone (x264enc)", enc_mp4, enc_mp4 / still);
    }
  g_print ("%-48s %9.1f %7.2f   %.1f MB\n", "WebM export, all in", webm_frame, webm_frame / still,
           webm_size / 1e6);
  g_print ("%-48s %9.1f %7.2f   %.1f MB\n", "MP4 export, all in", mp4_frame, mp4_frame / still,
           mp4_size / 1e6);
  g_print ("%-48s %9.1f %7.2f   %.1f MB\n", "GIF export, all in", gif_frame, gif_frame / still,
           gif_size / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(DmDocument) us = NULL;
  g_autofree char *dir = NULL;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DM_BENCH_VIDEO_SECONDS") != NULL)
    seconds = CLAMP (g_ascii_strtod (g_getenv ("DM_BENCH_VIDEO_SECONDS"), NULL), 1, 60);
  dir = g_dir_make_tmp ("bench-video-XXXXXX", NULL);
  doc = load_sample ();
  dm_document_get_extent (doc, &range_start, &range_end);
  measure (doc, "the sample", dir, TRUE, 60);
  us = load_us_travels (&range_start, &range_end);
  /* its frames drawn in full cost about a second each: the parts draw 30 */
  measure (us, "the U.S. record's busiest year", dir, TRUE, 30);
  g_rmdir (dir);
  return 0;
}
