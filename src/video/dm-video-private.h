/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-video.h"

G_BEGIN_DECLS

/* Where frames go, in order: an encoder (dm-video-gst.c), the GIF writer (dm-video-gif.c) or
 * a folder of PNG files (dm-video.c). Each writes to a path dm-video.c gives it and removes
 * nothing: dm-video.c removes what a failed or cancelled export wrote. */
typedef struct _DmVideoSink DmVideoSink;

struct _DmVideoSink
{
  /* @frame: an RGB24 image surface of the clip's size; the sink takes a reference */
  gboolean (*push)   (DmVideoSink     *sink,
                      cairo_surface_t *frame,
                      guint            index,
                      GError         **error);
  gboolean (*finish) (DmVideoSink     *sink,
                      GError         **error);
  /* stops what runs (without finishing) and frees */
  void     (*free)   (DmVideoSink     *sink);
};

/* dm-video-gst.c */
gboolean     dm_video_gst_check  (DmVideoFormat     format,
                                  GError          **error);
DmVideoSink *dm_video_gst_sink_new (DmVideoFormat   format,
                                    const char     *path,
                                    int             width,
                                    int             height,
                                    guint           fps,
                                    GError        **error);

/* dm-video-gif.c: @samples are frames the palette is made from */
DmVideoSink *dm_video_gif_sink_new (const char       *path,
                                    int               width,
                                    int               height,
                                    guint             fps,
                                    cairo_surface_t **samples,
                                    guint             n_samples,
                                    GError          **error);

/* dm-video-camera.c: the boxes (lon_min, lat_min, lon_max, lat_max; 4 per frame) a camera
 * following the events under way shows at @times, smoothed over frames; @figure gives the
 * document and the fit of the whole range */
double      *dm_video_camera_path  (DmFigure         *figure,
                                    const gint64     *times,
                                    guint             n_frames,
                                    guint             fps);

G_END_DECLS
