/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-figure.h"

G_BEGIN_DECLS

/**
 * DmVideoFormat:
 * @DM_VIDEO_FORMAT_WEBM: VP9 in WebM (GStreamer's vp9enc, webmmux)
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

/**
 * DmVideoOptions:
 * @duration: seconds of playback, from the clip range's start to its end
 * @fps: frames per second
 * @hold: seconds the first and the last frame stay on screen, added before and after the
 *   playback (0: none)
 * @ease: the playback clock eases in and out (slow at both ends) instead of running evenly
 * @follow: the camera follows the events under way, smoothly, instead of staying on the fit
 *   of the whole range
 */
typedef struct
{
  double   duration;
  guint    fps;
  double   hold;
  gboolean ease;
  gboolean follow;
} DmVideoOptions;

GQuark    dm_video_error_quark     (void);
void      dm_video_options_init    (DmVideoOptions      *options,
                                    double               duration,
                                    guint                fps);
/* The frames a clip has, the holds included */
guint     dm_video_options_count_frames (const DmVideoOptions *options);
/* The time frame @index of the clip shows, from @start to @end */
gint64    dm_video_options_frame_time (const DmVideoOptions *options,
                                       gint64                start,
                                       gint64                end,
                                       guint                 index);
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
gboolean  dm_video_write_with      (DmFigure            *figure,
                                    GFile               *out,
                                    DmVideoFormat        format,
                                    const DmVideoOptions *options,
                                    DmVideoProgressFunc  progress,
                                    gpointer             user_data,
                                    GCancellable        *cancellable,
                                    GError             **error);

G_END_DECLS
