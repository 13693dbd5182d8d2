/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-video"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dm-png.h"
#include "dm-video-private.h"
#include "dm-worker-priority.h"

/* A clip of the playback: frames are figures (the one drawing path) at successive times of
 * the figure's clip range, drawn by worker threads, each with its own copy of the figure, and
 * handed to a sink in order. At most RING frames per worker exist at once, whatever the
 * length, so memory stays flat. The file is written under a hidden temporary name beside the
 * output and renamed when complete: a failed or cancelled export leaves nothing.
 * docs/ANIMATION.md */

#define RING_PER_WORKER 2

G_DEFINE_QUARK (dm-video-error-quark, dm_video_error)

/**
 * dm_video_format_from_path:
 * The format a path asks for: .webm, .mp4, .gif, or a folder (a name ending in "/" or an
 * existing folder) for a PNG sequence.
 */
gboolean
dm_video_format_from_path (const char    *path,
                           DmVideoFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".webm"))
    *format = DM_VIDEO_FORMAT_WEBM;
  else if (g_str_has_suffix (lower, ".mp4"))
    *format = DM_VIDEO_FORMAT_MP4;
  else if (g_str_has_suffix (lower, ".gif"))
    *format = DM_VIDEO_FORMAT_GIF;
  else if (g_str_has_suffix (path, "/") || g_file_test (path, G_FILE_TEST_IS_DIR))
    *format = DM_VIDEO_FORMAT_PNG_SEQUENCE;
  else
    return FALSE;
  return TRUE;
}

/* How many frames @duration seconds at @fps make (at least 2: the start and the end) */
guint
dm_video_count_frames (double duration,
                       guint  fps)
{
  return (guint) MAX (2.0, round (duration * fps));
}

/**
 * dm_video_options_init:
 * Options of a clip of @duration seconds at @fps: no hold, an even clock, a fixed camera.
 */
void
dm_video_options_init (DmVideoOptions *options,
                       double          duration,
                       guint           fps)
{
  g_return_if_fail (options != NULL);
  *options = (DmVideoOptions) { .duration = duration, .fps = fps };
}

static guint
count_hold_frames (const DmVideoOptions *o)
{
  return o->hold > 0 ? (guint) round (o->hold * o->fps) : 0;
}

guint
dm_video_options_count_frames (const DmVideoOptions *options)
{
  g_return_val_if_fail (options != NULL && options->fps > 0, 0);
  return dm_video_count_frames (options->duration, options->fps) + 2 * count_hold_frames (options);
}

/**
 * dm_video_options_frame_time:
 * The time frame @index shows: @start through the first hold, then the playback from @start
 * to @end (eased: (1 - cos πp) / 2 of the way at p, slow at both ends, never going back),
 * then @end through the last hold.
 */
gint64
dm_video_options_frame_time (const DmVideoOptions *options,
                             gint64                start,
                             gint64                end,
                             guint                 index)
{
  guint hold, n_play;
  double p;

  g_return_val_if_fail (options != NULL && options->fps > 0, start);
  hold = count_hold_frames (options);
  n_play = dm_video_count_frames (options->duration, options->fps);
  if (index <= hold)
    return start;
  if (index >= hold + n_play - 1)
    return end;
  p = (double) (index - hold) / (n_play - 1);
  if (options->ease)
    p = (1.0 - cos (G_PI * p)) / 2.0;
  return start + (gint64) llround ((double) (end - start) * p);
}

/* The folder of PNG files */

typedef struct
{
  DmVideoSink  sink;
  char        *dir;
} PngSink;

static cairo_status_t
png_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                     : CAIRO_STATUS_WRITE_ERROR;
}

static char *
png_frame_path (const char *dir,
                guint       index)
{
  g_autofree char *name = g_strdup_printf ("frame-%05u.png", index + 1);
  return g_build_filename (dir, name, NULL);
}

static gboolean
png_push (DmVideoSink     *sink,
          cairo_surface_t *frame,
          guint            index,
          GError         **error)
{
  PngSink *self = (PngSink *) sink;
  g_autofree char *path = png_frame_path (self->dir, index);
  FILE *f = g_fopen (path, "wb");
  cairo_status_t status;

  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  status = dm_png_write (frame, (cairo_write_func_t) png_write_cb, f);
  if (fclose (f) != 0 || status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED, _("Cannot write “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
png_finish (DmVideoSink  *sink,
            GError      **error)
{
  return TRUE;
}

static void
png_free (DmVideoSink *sink)
{
  PngSink *self = (PngSink *) sink;

  g_free (self->dir);
  g_free (self);
}

static DmVideoSink *
png_sink_new (const char *dir)
{
  PngSink *self = g_new0 (PngSink, 1);

  self->sink.push = png_push;
  self->sink.finish = png_finish;
  self->sink.free = png_free;
  self->dir = g_strdup (dir);
  return &self->sink;
}

/* Drawing frames in workers, in order */

typedef struct
{
  GMutex            lock;
  GCond             cond;
  GAsyncQueue      *figures;   /* DmFigure, free to draw */
  cairo_surface_t **ring;      /* frame i in ring[i % n_ring] once drawn */
  guint             n_ring;
  gint64            start;
  gint64            end;
  guint             n_frames;
  gint64           *times;     /* of each frame */
  double           *boxes;     /* 4 a frame when the camera follows, else NULL */
  int               width;     /* pixels */
  int               height;
  double            scale;
} Frames;

/* Sets @figure to frame @index: its time, and its box when the camera follows */
static void
set_frame (const Frames *f,
           DmFigure     *figure,
           guint         index)
{
  dm_figure_set_time (figure, f->times[index]);
  if (f->boxes != NULL)
    {
      const double *b = f->boxes + 4 * index;
      dm_figure_set_bounds (figure, b[0], b[1], b[2], b[3]);
    }
}

static cairo_surface_t *
draw_frame (DmFigure *figure,
            int       width,
            int       height,
            double    scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  dm_figure_draw (figure, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
draw_in_worker_cb (gpointer data,
                   gpointer user_data)
{
  Frames *f = user_data;
  guint index = GPOINTER_TO_UINT (data) - 1;
  DmFigure *figure = g_async_queue_pop (f->figures);
  cairo_surface_t *surface;

  dm_worker_priority_lower ();
  set_frame (f, figure, index);
  surface = draw_frame (figure, f->width, f->height, f->scale);
  g_async_queue_push (f->figures, figure);

  g_mutex_lock (&f->lock);
  f->ring[index % f->n_ring] = surface;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->lock);
}

static cairo_surface_t *
wait_for_frame (Frames *f,
                guint   index)
{
  cairo_surface_t *surface;

  g_mutex_lock (&f->lock);
  while (f->ring[index % f->n_ring] == NULL)
    g_cond_wait (&f->cond, &f->lock);
  surface = g_steal_pointer (&f->ring[index % f->n_ring]);
  g_mutex_unlock (&f->lock);
  return surface;
}

/* Draws every frame and pushes them to @sink in order */
static gboolean
run_frames (DmFigure            *figure,
            Frames              *f,
            DmVideoSink         *sink,
            DmVideoProgressFunc  progress,
            gpointer             user_data,
            GCancellable        *cancellable,
            GError             **error)
{
  guint n_workers = CLAMP (g_get_num_processors (), 1, 8), queued = 0;
  GThreadPool *pool;
  gboolean ok = TRUE;

  g_mutex_init (&f->lock);
  g_cond_init (&f->cond);
  f->figures = g_async_queue_new_full (g_object_unref);
  f->n_ring = n_workers * RING_PER_WORKER;
  f->ring = g_new0 (cairo_surface_t *, f->n_ring);
  /* copies made and laid out here, so the workers only read the document */
  for (guint i = 0; i < n_workers; i++)
    {
      DmFigure *copy = dm_figure_dup (figure);
      DmView view;
      dm_figure_get_map_view (copy, &view);
      g_async_queue_push (f->figures, copy);
    }
  pool = g_thread_pool_new (draw_in_worker_cb, f, (int) n_workers, FALSE, NULL);

  for (guint i = 0; i < f->n_frames; i++)
    {
      cairo_surface_t *frame;

      while (queued < f->n_frames && queued < i + f->n_ring)
        {
          g_thread_pool_push (pool, GUINT_TO_POINTER (queued + 1), NULL);
          queued++;
        }
      frame = wait_for_frame (f, i);
      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      if (ok)
        ok = sink->push (sink, frame, i, error);
      cairo_surface_destroy (frame);
      if (!ok)
        break;
      if (progress != NULL)
        progress (i + 1, f->n_frames, user_data);
    }
  /* the frames still under way are drawn, then dropped */
  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < f->n_ring; i++)
    g_clear_pointer (&f->ring[i], cairo_surface_destroy);
  g_free (f->ring);
  g_async_queue_unref (f->figures);
  g_cond_clear (&f->cond);
  g_mutex_clear (&f->lock);
  return ok;
}

/* The sink for @format, writing to @path; the GIF's palette from the first and last frames */
static DmVideoSink *
open_sink (DmFigure       *figure,
           DmVideoFormat   format,
           const char     *path,
           const Frames   *f,
           guint           fps,
           GError        **error)
{
  if (format == DM_VIDEO_FORMAT_PNG_SEQUENCE)
    return png_sink_new (path);
  if (format == DM_VIDEO_FORMAT_GIF)
    {
      g_autoptr(DmFigure) copy = dm_figure_dup (figure);
      cairo_surface_t *samples[2];
      DmVideoSink *sink;

      set_frame (f, copy, 0);
      samples[0] = draw_frame (copy, f->width, f->height, f->scale);
      set_frame (f, copy, f->n_frames - 1);
      samples[1] = draw_frame (copy, f->width, f->height, f->scale);
      sink = dm_video_gif_sink_new (path, f->width, f->height, fps, samples, 2, error);
      cairo_surface_destroy (samples[0]);
      cairo_surface_destroy (samples[1]);
      return sink;
    }
  return dm_video_gst_sink_new (format, path, f->width, f->height, fps, error);
}

/* Removes the frames a PNG sequence wrote, and the folder if this export made it */
static void
remove_png_frames (const char *dir,
                   guint       n_frames,
                   gboolean    made_dir)
{
  for (guint i = 0; i < n_frames; i++)
    {
      g_autofree char *path = png_frame_path (dir, i);
      g_unlink (path);
    }
  if (made_dir)
    g_rmdir (dir);
}

/**
 * dm_video_write:
 * @figure: the figure whose frames make the clip: its size, view and what it shows; its clip
 *   range (dm_figure_set_clip_range()) is the time the clip runs through, else the whole
 *   document's extent
 * @duration: seconds of video
 * @fps: frames per second
 * @progress: (nullable): told after each frame, on this thread
 *
 * Writes the clip to @out (a folder for %DM_VIDEO_FORMAT_PNG_SEQUENCE, made if missing).
 * Blocks; run it in a thread for a window. The document must not change meanwhile. On
 * failure or cancellation nothing is left at @out.
 */
gboolean
dm_video_write (DmFigure             *figure,
                GFile                *out,
                DmVideoFormat         format,
                double                duration,
                guint                 fps,
                DmVideoProgressFunc   progress,
                gpointer              user_data,
                GCancellable         *cancellable,
                GError              **error)
{
  DmVideoOptions options;

  dm_video_options_init (&options, duration, fps);
  return dm_video_write_with (figure, out, format, &options, progress, user_data, cancellable,
                              error);
}

/**
 * dm_video_write_with:
 * dm_video_write() with @options: holds, easing, a camera that follows.
 */
gboolean
dm_video_write_with (DmFigure             *figure,
                     GFile                *out,
                     DmVideoFormat         format,
                     const DmVideoOptions *options,
                     DmVideoProgressFunc   progress,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(DmFigure) clip = NULL;
  g_autofree char *path = g_file_get_path (out);
  g_autofree char *tmp = NULL;
  DmVideoSink *sink;
  Frames f = { 0 };
  gboolean ok, made_dir = FALSE;
  int w, h;

  g_return_val_if_fail (DM_IS_FIGURE (figure), FALSE);
  g_return_val_if_fail (G_IS_FILE (out), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->duration > 0 && options->fps > 0, FALSE);

  if (path == NULL)
    {
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED,
                   _("Cannot write “%s”: not a local file"), g_file_peek_path (out));
      return FALSE;
    }
  if ((format == DM_VIDEO_FORMAT_WEBM || format == DM_VIDEO_FORMAT_MP4) &&
      !dm_video_gst_check (format, error))
    return FALSE;

  clip = dm_figure_dup (figure);
  /* a fixed camera: the frames share their base map, drawn once per change of tints, and
   * the legs the clip does not change, drawn once (a camera that follows draws them all) */
  dm_figure_set_cache_basemap (clip, TRUE);
  dm_figure_set_cache_legs (clip, !options->follow);
  if (!dm_figure_get_clip_range (clip, &f.start, &f.end))
    {
      if (!dm_document_get_extent (dm_figure_get_document (clip), &f.start, &f.end))
        f.start = f.end = dm_figure_get_time (clip);
      dm_figure_set_clip_range (clip, f.start, f.end);
    }
  dm_figure_get_size (clip, &w, &h);
  f.scale = dm_figure_get_scale (clip);
  f.width = (int) ceil (w * f.scale);
  f.height = (int) ceil (h * f.scale);
  /* 4:2:0 video wants even sizes */
  if (format == DM_VIDEO_FORMAT_WEBM || format == DM_VIDEO_FORMAT_MP4)
    f.width &= ~1, f.height &= ~1;
  f.n_frames = dm_video_options_count_frames (options);
  f.times = g_new (gint64, f.n_frames);
  for (guint i = 0; i < f.n_frames; i++)
    f.times[i] = dm_video_options_frame_time (options, f.start, f.end, i);
  /* the legend stays in the corner the fit of the whole range gives it, found once: the
   * same for every frame of a fixed camera, kept by one that follows */
  dm_figure_set_legend_corner (clip, dm_figure_find_legend_corner (clip));
  if (options->follow)
    {
      guint hold = count_hold_frames (options);

      f.boxes = dm_video_camera_path (clip, f.times, f.n_frames, options->fps);
      /* held frames hold the camera too: the same picture */
      for (guint i = 0; i < hold; i++)
        {
          memcpy (f.boxes + 4 * i, f.boxes + 4 * hold, 4 * sizeof (double));
          memcpy (f.boxes + 4 * (f.n_frames - 1 - i), f.boxes + 4 * (f.n_frames - 1 - hold),
                  4 * sizeof (double));
        }
    }

  if (format == DM_VIDEO_FORMAT_PNG_SEQUENCE)
    {
      made_dir = !g_file_test (path, G_FILE_TEST_IS_DIR);
      if (made_dir && g_mkdir_with_parents (path, 0777) != 0)
        {
          int saved = errno;
          g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED,
                       _("Cannot make the folder “%s”: %s"), path, g_strerror (saved));
          g_free (f.times);
          g_free (f.boxes);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      int fd = -1;

      /* not g_mkstemp: its 0600 would stay on the renamed file; this one has the umask's */
      for (guint i = 0; fd < 0 && i < 100; i++)
        {
          g_autofree char *name = g_strdup_printf (".%s-%08x", base, g_random_int ());
          g_free (tmp);
          tmp = g_build_filename (dir, name, NULL);
          fd = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
          if (fd < 0 && errno != EEXIST)
            break;
        }
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                       path, g_strerror (saved));
          g_clear_pointer (&tmp, g_free);
          g_free (f.times);
          g_free (f.boxes);
          return FALSE;
        }
      close (fd);
    }

  sink = open_sink (clip, format, tmp ? tmp : path, &f, options->fps, error);
  ok = sink != NULL;
  if (ok)
    ok = run_frames (clip, &f, sink, progress, user_data, cancellable, error);
  if (ok)
    ok = sink->finish (sink, error);
  if (sink != NULL)
    sink->free (sink);
  if (ok && tmp != NULL && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      if (tmp != NULL)
        g_unlink (tmp);
      else
        remove_png_frames (path, f.n_frames, made_dir);
    }
  g_free (f.times);
  g_free (f.boxes);
  return ok;
}
