/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-video"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include "dm-video-private.h"

/* Encoding through GStreamer: appsrc ! videoconvert ! encoder ! muxer ! filesink. Frames are
 * Cairo RGB24 images (BGRx in memory on little-endian machines), wrapped without a copy; the
 * appsrc blocks when it holds a few frames, so the drawing never runs far ahead of the
 * encoder. WebM is VP9 (vp9enc, gstreamer1.0-plugins-good) in libvpx's real-time mode at
 * its fastest speed (deadline=1 cpu-used=8), rows and tile columns on every core: a map's
 * frames are mostly unchanged from one to the next, which that mode skips cheaply, so it
 * costs about a tenth of the CPU VP8's fastest settings did at 1080p, for a file of the same
 * size and no visible loss (docs/ANIMATION.md, Speed). MP4 is H.264 (x264enc from
 * gstreamer1.0-plugins-ugly, else openh264enc from gstreamer1.0-plugins-bad): what slide
 * software and phones play. */

typedef struct
{
  const char *element;
  const char *package;
} Need;

static const Need webm_needs[] = {
  { "appsrc", "gstreamer1.0-plugins-base" }, { "videoconvert", "gstreamer1.0-plugins-base" },
  { "vp9enc", "gstreamer1.0-plugins-good" }, { "webmmux", "gstreamer1.0-plugins-good" },
  { "filesink", "gstreamer1.0-plugins-base" }, { NULL, NULL },
};

static const Need mp4_needs[] = {
  { "appsrc", "gstreamer1.0-plugins-base" }, { "videoconvert", "gstreamer1.0-plugins-base" },
  { "x264enc", "gstreamer1.0-plugins-ugly" }, { "h264parse", "gstreamer1.0-plugins-bad" },
  { "mp4mux", "gstreamer1.0-plugins-good" }, { "filesink", "gstreamer1.0-plugins-base" },
  { NULL, NULL },
};

static gboolean
has_element (const char *name)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);
  return factory != NULL;
}

/* The H.264 encoder installed: x264enc, else openh264enc */
static const char *
h264_encoder (void)
{
  return has_element ("x264enc") || !has_element ("openh264enc") ? "x264enc" : "openh264enc";
}

/**
 * dm_video_gst_check:
 * Whether every GStreamer element @format needs is installed; if not, an error that names
 * the missing element and the Debian package that has it.
 */
gboolean
dm_video_gst_check (DmVideoFormat   format,
                    GError        **error)
{
  const Need *needs = format == DM_VIDEO_FORMAT_MP4 ? mp4_needs : webm_needs;
  g_autoptr(GError) init_error = NULL;

  if (!gst_init_check (NULL, NULL, &init_error))
    {
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_MISSING_ENCODER,
                   _("Cannot start GStreamer to encode video: %s"), init_error->message);
      return FALSE;
    }
  for (guint i = 0; needs[i].element != NULL; i++)
    {
      const char *element = needs[i].element;

      if (g_str_equal (element, "x264enc"))
        element = h264_encoder ();
      if (!has_element (element))
        {
          g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_MISSING_ENCODER,
                       /* Translators: the first %s is a format (WebM, MP4), the second a
                        * GStreamer element, the third a Debian package */
                       _("Cannot write %s: the GStreamer element “%s” is not installed "
                         "(package %s)"),
                       format == DM_VIDEO_FORMAT_MP4 ? "MP4" : "WebM", element,
                       needs[i].package);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  DmVideoSink  sink;
  GstElement  *pipeline;
  GstElement  *src;
  guint        fps;
} GstSink;

/* The first error on the bus, if any, as ours */
static gboolean
check_bus (GstSink       *self,
           GstClockTime   timeout,
           gboolean       until_eos,
           GError       **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (self->pipeline);

  for (;;)
    {
      g_autoptr(GstMessage) msg =
        gst_bus_timed_pop_filtered (bus, timeout, GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
      if (msg == NULL)
        return !until_eos;
      if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS)
        return TRUE;
      {
        g_autoptr(GError) gst_error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (msg, &gst_error, &debug);
        g_debug ("%s", debug ? debug : "");
        g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED,
                     _("Encoding the video failed: %s"), gst_error->message);
        return FALSE;
      }
    }
}

static gboolean
gst_push (DmVideoSink     *sink,
          cairo_surface_t *frame,
          guint            index,
          GError         **error)
{
  GstSink *self = (GstSink *) sink;
  int stride = cairo_image_surface_get_stride (frame);
  int height = cairo_image_surface_get_height (frame);
  GstBuffer *buffer;

  buffer = gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY,
                                        cairo_image_surface_get_data (frame),
                                        (gsize) stride * height, 0, (gsize) stride * height,
                                        cairo_surface_reference (frame),
                                        (GDestroyNotify) cairo_surface_destroy);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (index, GST_SECOND, self->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (index + 1, GST_SECOND, self->fps) -
                                 GST_BUFFER_PTS (buffer);
  if (gst_app_src_push_buffer (GST_APP_SRC (self->src), buffer) != GST_FLOW_OK)
    {
      if (!check_bus (self, 0, FALSE, error))
        return FALSE;
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED,
                   _("Encoding the video failed"));
      return FALSE;
    }
  return check_bus (self, 0, FALSE, error);
}

static gboolean
gst_finish (DmVideoSink  *sink,
            GError      **error)
{
  GstSink *self = (GstSink *) sink;

  gst_app_src_end_of_stream (GST_APP_SRC (self->src));
  return check_bus (self, GST_CLOCK_TIME_NONE, TRUE, error);
}

static void
gst_sink_free (DmVideoSink *sink)
{
  GstSink *self = (GstSink *) sink;

  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  gst_clear_object (&self->pipeline);
  g_free (self);
}

/**
 * dm_video_gst_sink_new:
 * An encoder of @format writing @path. Call dm_video_gst_check() first.
 */
DmVideoSink *
dm_video_gst_sink_new (DmVideoFormat   format,
                       const char     *path,
                       int             width,
                       int             height,
                       guint           fps,
                       GError        **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *location = g_strescape (path, NULL);
  GstSink *self;
  GstCaps *caps;

  if (format == DM_VIDEO_FORMAT_MP4)
    {
      const char *encoder = h264_encoder ();
      description = g_strdup_printf (
        "appsrc name=src ! videoconvert ! video/x-raw,format=I420 ! %s ! h264parse ! "
        "mp4mux faststart=true ! filesink name=sink location=\"%s\"",
        g_str_equal (encoder, "x264enc") ? "x264enc speed-preset=veryfast bitrate=6000"
                                         : "openh264enc bitrate=6000000",
        location);
    }
  else
    description = g_strdup_printf (
      "appsrc name=src ! videoconvert ! vp9enc deadline=1 cpu-used=8 lag-in-frames=0 threads=%u "
      "row-mt=true tile-columns=2 end-usage=vbr target-bitrate=%d keyframe-max-dist=%u ! webmmux ! "
      "filesink name=sink location=\"%s\"",
      CLAMP (g_get_num_processors (), 1, 8), MAX (800000, width * height * 2), fps * 2,
      location);

  self = g_new0 (GstSink, 1);
  self->sink.push = gst_push;
  self->sink.finish = gst_finish;
  self->sink.free = gst_sink_free;
  self->fps = fps;
  self->pipeline = gst_parse_launch (description, &parse_error);
  if (self->pipeline == NULL || parse_error != NULL)
    {
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_MISSING_ENCODER,
                   _("Cannot make the video encoder: %s"),
                   parse_error ? parse_error->message : "");
      if (self->pipeline != NULL)
        gst_object_ref_sink (self->pipeline);
      gst_sink_free (&self->sink);
      return NULL;
    }
  self->src = gst_bin_get_by_name (GST_BIN (self->pipeline), "src");
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING,
                              G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                              "width", G_TYPE_INT, width,
                              "height", G_TYPE_INT, height,
                              "framerate", GST_TYPE_FRACTION, (int) fps, 1,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
  g_object_set (self->src,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "block", TRUE,
                "max-bytes", (guint64) width * height * 4 * 4,
                NULL);
  gst_caps_unref (caps);
  gst_object_unref (self->src); /* the pipeline holds it */
  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (check_bus (self, 0, FALSE, error))
        g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED,
                     _("Cannot start the video encoder"));
      gst_sink_free (&self->sink);
      return NULL;
    }
  return &self->sink;
}
