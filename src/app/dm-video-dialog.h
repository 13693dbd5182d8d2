/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dm-document.h"
#include "dm-figure.h"
#include "dm-video.h"

G_BEGIN_DECLS

#define DM_TYPE_VIDEO_DIALOG (dm_video_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DmVideoDialog, dm_video_dialog, DM, VIDEO_DIALOG, AdwWindow)

typedef enum
{
  DM_VIDEO_RANGE_VISIBLE,
  DM_VIDEO_RANGE_ALL,
} DmVideoRange;

/* @visible_start, @visible_end: the timeline's visible span (UTC seconds), the range the
 * clip plays by default; the document's extent is the other choice */
DmVideoDialog *dm_video_dialog_new           (GtkWindow      *parent,
                                              DmDocument     *document,
                                              gint64          visible_start,
                                              gint64          visible_end);
void           dm_video_dialog_set_format    (DmVideoDialog  *self,
                                              DmVideoFormat   format);
DmVideoFormat  dm_video_dialog_get_format    (DmVideoDialog  *self);
void           dm_video_dialog_set_range     (DmVideoDialog  *self,
                                              DmVideoRange    range);
void           dm_video_dialog_get_range     (DmVideoDialog  *self,
                                              gint64         *start,
                                              gint64         *end);
void           dm_video_dialog_set_size      (DmVideoDialog  *self,
                                              int             width,
                                              int             height);
void           dm_video_dialog_set_timing    (DmVideoDialog  *self,
                                              double          duration,
                                              guint           fps);
/* Hold the first and last frames a second; ease the clock; a camera that follows */
void           dm_video_dialog_set_motion    (DmVideoDialog  *self,
                                              gboolean        hold,
                                              gboolean        ease,
                                              gboolean        follow);
void           dm_video_dialog_get_options   (DmVideoDialog  *self,
                                              DmVideoOptions *options);
/* A band under the map: a lane per actor and the playhead */
void           dm_video_dialog_set_timeline  (DmVideoDialog  *self,
                                              gboolean        timeline);
double         dm_video_dialog_get_duration  (DmVideoDialog  *self);
guint          dm_video_dialog_get_fps       (DmVideoDialog  *self);
/* The name the save dialog proposes: the title's, with the format's extension (none for a
 * PNG sequence's folder) */
char          *dm_video_dialog_dup_file_name (DmVideoDialog  *self);
/* What the Export dialog's choices carry over when its Format row picks an animation */
void           dm_video_dialog_set_from_figure (DmVideoDialog *self,
                                                DmFigure      *figure,
                                                int            projection);
int            dm_video_dialog_get_projection (DmVideoDialog *self);
const char    *dm_video_dialog_get_language  (DmVideoDialog  *self);
/* The figure of the first frame, its clip range set, drawn from a snapshot of the document */
DmFigure      *dm_video_dialog_build_figure  (DmVideoDialog  *self);

G_END_DECLS
