/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-figure.h"

G_BEGIN_DECLS

/**
 * DmVideoFormat:
 * @DM_VIDEO_FORMAT_WEBM: VP8 in WebM (GStreamer's vp8enc, webmmux)
 * @DM_VIDEO_FORMAT_MP4: H.264 in MP4 (x264enc, else openh264enc; mp4mux)
 * @DM_VIDEO_FORMAT_GIF: an animated GIF with one palette made for the clip (our own writer)
 * @DM_VIDEO_FORMAT_PNG_SEQUENCE: numbered PNG files in a folder
 */
typedef enum
{
  DM_VIDEO_FORMAT_WEBM,
  DM_VIDEO_FORMAT_MP4,
  DM_VIDEO_FORMAT_GIF,
  DM_VIDEO_FORMAT_PNG_SEQUENCE,
} DmVideoFormat;

#define DM_VIDEO_ERROR (dm_video_error_quark ())

/**
 * DmVideoError:
 * @DM_VIDEO_ERROR_MISSING_ENCODER: a GStreamer element the format needs is not installed
 * @DM_VIDEO_ERROR_FAILED: encoding or writing failed
 */
typedef enum
{
  DM_VIDEO_ERROR_MISSING_ENCODER,
  DM_VIDEO_ERROR_FAILED,
} DmVideoError;

/* Called on the writing thread after each frame is written */
typedef void (*DmVideoProgressFunc) (guint    done,
                                     guint    total,
                                     gpointer user_data);

GQuark    dm_video_error_quark     (void);
gboolean  dm_video_format_from_path (const char          *path,
                                     DmVideoFormat       *format);
guint     dm_video_count_frames    (double               duration,
                                    guint                fps);
gboolean  dm_video_write           (DmFigure            *figure,
                                    GFile               *out,
                                    DmVideoFormat        format,
                                    double               duration,
                                    guint                fps,
                                    DmVideoProgressFunc  progress,
                                    gpointer             user_data,
                                    GCancellable        *cancellable,
                                    GError             **error);

G_END_DECLS
