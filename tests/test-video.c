/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "dm-figure-private.h"
#include "dm-video.h"
#include "render-test-util.h"

/* Animations of the sample: each format read back by ffprobe (codec, size, frames,
 * duration), frames that change where routes move, a legend that stays in place, and
 * nothing left behind by a cancelled export or a missing encoder. */

#define W 960
#define H 540

typedef struct
{
  char  *codec;
  int    width;
  int    height;
  int    frames;
  double duration;
} Probe;

static void
probe_clear (Probe *p)
{
  g_free (p->codec);
}

static void
probe (const char *path,
       Probe      *p)
{
  const char *argv[] = { "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                         "-show_entries", "stream=codec_name,width,height,nb_read_frames:format=duration",
                         "-of", "default=nw=1", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  memset (p, 0, sizeof *p);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ffprobe %s: %s", path, err);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "codec_name="))
        p->codec = g_strdup (lines[i] + 11);
      else if (g_str_has_prefix (lines[i], "width="))
        p->width = atoi (lines[i] + 6);
      else if (g_str_has_prefix (lines[i], "height="))
        p->height = atoi (lines[i] + 7);
      else if (g_str_has_prefix (lines[i], "nb_read_frames="))
        p->frames = atoi (lines[i] + 15);
      else if (g_str_has_prefix (lines[i], "duration="))
        p->duration = g_ascii_strtod (lines[i] + 9, NULL);
    }
}

/* The sample over its last four days (Choe Son Hui flies, Trump goes on to APEC) */
static DmFigure *
sample_figure (DmDocument *doc)
{
  DmFigure *figure = dm_figure_new (doc);

  dm_figure_set_size (figure, W, H);
  dm_figure_set_clip_range (figure, utc ("2025-10-26T00:00:00Z"), utc ("2025-10-31T00:00:00Z"));
  return figure;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
check_format (const char *name,
              const char *codec)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DmVideoFormat format;
  Probe p;

  g_assert_true (dm_video_format_from_path (path, &format));
  g_assert_true (dm_video_write (figure, file, format, 1.5, 10, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* the file and nothing else: the temporary one is gone */
  g_assert_cmpuint (count_files (dir), ==, 1);
  probe (path, &p);
  g_assert_cmpstr (p.codec, ==, codec);
  g_assert_cmpint (p.width, ==, W);
  g_assert_cmpint (p.height, ==, H);
  g_assert_cmpint (p.frames, ==, 15);
  g_assert_cmpfloat_with_epsilon (p.duration, 1.5, 0.11);
  probe_clear (&p);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_webm (void)
{
  check_format ("clip.webm", "vp9");
}

static void
test_mp4 (void)
{
  check_format ("clip.mp4", "h264");
}

static void
test_gif (void)
{
  check_format ("clip.gif", "gif");
}

/* Counts the pixels that differ between two images of the same size, in a box */
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
      if (!color_near (pixel_at (a, x, y), pixel_at (b, x, y), 8))
        n++;
  return n;
}

/* The legend's box (the first box placed) on the figure at @t, in figure pixels */
static void
legend_box_at (DmFigure *figure,
               gint64    t,
               double   *box)
{
  double mx, my, mw, mh;
  cairo_surface_t *s;

  dm_figure_set_time (figure, t);
  s = render_figure (figure);
  cairo_surface_destroy (s);
  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  g_assert_cmpuint (dm_label_placer_get_n_boxes (dm_figure_get_placed (figure)), >, 0);
  /* FALSE: a mark's box, not a label's */
  g_assert_false (dm_label_placer_get_box (dm_figure_get_placed (figure), 0, &box[0], &box[1],
                                           &box[2], &box[3]));
  g_assert_cmpfloat (box[2] - box[0], >, 40);
  box[0] += mx, box[2] += mx, box[1] += my, box[3] += my;
}

static void
test_png_sequence (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  g_autoptr(DmFigure) still = dm_figure_new (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "frames", NULL);
  g_autofree char *first_path = g_build_filename (out, "frame-00001.png", NULL);
  g_autofree char *last_path = g_build_filename (out, "frame-00012.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *first, *last;
  double a[4], b[4], sa[4], sb[4];
  gboolean still_moved = FALSE;

  g_assert_true (dm_video_write (figure, file, DM_VIDEO_FORMAT_PNG_SEQUENCE, 1.2, 10, NULL,
                                 NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (out), ==, 12);
  first = cairo_image_surface_create_from_png (first_path);
  last = cairo_image_surface_create_from_png (last_path);
  g_assert_cmpint (cairo_surface_status (first), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (last), ==, W);
  g_assert_cmpint (cairo_image_surface_get_height (last), ==, H);

  /* the legend is in the same box on every frame, and draws the same on the first and the
   * last; stills at the frames' times have legends of different sizes: the test could fail */
  dm_figure_set_size (still, W, H);
  legend_box_at (figure, utc ("2025-10-26T00:00:00Z"), a);
  for (guint k = 0; k < 12; k++)
    {
      gint64 t = utc ("2025-10-26T00:00:00Z") + k * (5 * 86400 / 11);
      legend_box_at (figure, t, b);
      for (int i = 0; i < 4; i++)
        g_assert_cmpfloat_with_epsilon (a[i], b[i], 0.01);
      legend_box_at (still, t, k == 0 ? sa : sb);
      if (k > 0 && (sa[0] != sb[0] || sa[1] != sb[1] || sa[3] != sb[3]))
        still_moved = TRUE;
    }
  g_assert_true (still_moved);
  g_assert_cmpuint (count_differing (first, last, (int) a[0] + 1, (int) a[1] + 1, (int) a[2] - 1,
                                     (int) a[3] - 1), ==, 0);

  /* routes moved between the first and the last frame: the map differs */
  g_assert_cmpuint (count_differing (first, last, 0, 0, W, H), >, 200);

  cairo_surface_destroy (first);
  cairo_surface_destroy (last);
  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("frame-%05u.png", i);
      g_autofree char *path = g_build_filename (out, name, NULL);
      g_unlink (path);
    }
  g_rmdir (out);
  g_rmdir (dir);
}

static void
cancel_after_three_cb (guint    done,
                       guint    total,
                       gpointer user_data)
{
  if (done == 3)
    g_cancellable_cancel (user_data);
}

/* A cancelled export leaves nothing, in either kind of output */
static void
test_cancel (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-XXXXXX", NULL);
  const char *names[] = { "clip.webm", "clip.gif", "frames" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      DmVideoFormat format = DM_VIDEO_FORMAT_PNG_SEQUENCE;

      dm_video_format_from_path (path, &format);
      g_assert_false (dm_video_write (figure, file, format, 2.0, 10, cancel_after_three_cb,
                                      cancellable, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (count_files (dir), ==, 0);
    }
  g_rmdir (dir);
}

/* Without an H.264 encoder an MP4 fails with a message that names it, and writes nothing */
static void
test_missing_encoder (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clip.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GstRegistry *registry;

  gst_init (NULL, NULL);
  registry = gst_registry_get ();
  for (guint i = 0; i < 2; i++)
    {
      GstPluginFeature *f = gst_registry_lookup_feature (registry, i ? "openh264enc" : "x264enc");
      if (f != NULL)
        {
          gst_registry_remove_feature (registry, f);
          gst_object_unref (f);
        }
    }
  g_assert_false (dm_video_write (figure, file, DM_VIDEO_FORMAT_MP4, 1.0, 10, NULL, NULL, NULL,
                                  &error));
  g_assert_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_MISSING_ENCODER);
  g_assert_nonnull (strstr (error->message, "x264enc"));
  g_assert_nonnull (strstr (error->message, "gstreamer1.0-plugins-ugly"));
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_rmdir (dir);
}

/* Frame @n of a video, decoded by ffmpeg (not by us) */
static cairo_surface_t *
decode_frame (const char *video,
              guint       n,
              const char *png)
{
  g_autofree char *select = g_strdup_printf ("select=eq(n\\,%u)", n);
  const char *argv[] = { "ffmpeg", "-v", "error", "-y", "-i", video, "-vf", select,
                         "-vframes", "1", png, NULL };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  s = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  return s;
}

/* The encoded files themselves, decoded by ffmpeg: the first and the last frame differ where
 * the routes move, and the legend's box draws the same in both (lossy codecs: a few pixels) */
static void
test_encoded_frames (void)
{
  static const char *names[] = { "clip.webm", "clip.mp4", "clip.gif" };
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-XXXXXX", NULL);
  g_autofree char *png0 = g_build_filename (dir, "first.png", NULL);
  g_autofree char *png1 = g_build_filename (dir, "last.png", NULL);
  double box[4];

  legend_box_at (figure, utc ("2025-10-26T00:00:00Z"), box);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      DmVideoFormat format;
      cairo_surface_t *first, *last;
      guint legend_area = (guint) ((box[2] - box[0] - 2) * (box[3] - box[1] - 2));

      g_assert_true (dm_video_format_from_path (path, &format));
      g_assert_true (dm_video_write (figure, file, format, 1.5, 10, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      first = decode_frame (path, 0, png0);
      last = decode_frame (path, 14, png1);
      g_assert_cmpint (cairo_image_surface_get_width (first), ==, W);
      g_assert_cmpuint (count_differing (first, last, 0, 0, W, H), >, 2000);
      g_assert_cmpuint (count_differing (first, last, (int) box[0] + 1, (int) box[1] + 1,
                                         (int) box[2] - 1, (int) box[3] - 1), <, legend_area / 50);
      cairo_surface_destroy (first);
      cairo_surface_destroy (last);
      g_unlink (path);
    }
  g_unlink (png0);
  g_unlink (png1);
  g_rmdir (dir);
}

/* The clip in docs/: an animated GIF of the sample under 2 MB */
static void
test_docs_gif (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs",
                                                 "animation-sample.gif", NULL);
  GStatBuf st;
  Probe p;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 2 * 1000 * 1000);
  probe (path, &p);
  g_assert_cmpstr (p.codec, ==, "gif");
  g_assert_cmpint (p.width, >=, 400);
  g_assert_cmpint (p.frames, >=, 30);
  g_assert_cmpfloat (p.duration, >=, 2);
  probe_clear (&p);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/video/webm", test_webm);
  g_test_add_func ("/video/mp4", test_mp4);
  g_test_add_func ("/video/gif", test_gif);
  g_test_add_func ("/video/png-sequence", test_png_sequence);
  g_test_add_func ("/video/cancel", test_cancel);
  g_test_add_func ("/video/encoded-frames", test_encoded_frames);
  g_test_add_func ("/video/docs-gif", test_docs_gif);
  /* last: it takes the H.264 encoders out of this process's registry */
  g_test_add_func ("/video/missing-encoder", test_missing_encoder);
  return g_test_run ();
}
