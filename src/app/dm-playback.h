/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DM_TYPE_PLAYBACK (dm_playback_get_type ())

G_DECLARE_FINAL_TYPE (DmPlayback, dm_playback, DM, PLAYBACK, GObject)

DmPlayback *dm_playback_new         (void);
double      dm_playback_get_time    (DmPlayback *self);
void        dm_playback_set_time    (DmPlayback *self,
                                     double      time);
void        dm_playback_set_range   (DmPlayback *self,
                                     double      start,
                                     double      end);
double      dm_playback_get_start   (DmPlayback *self);
double      dm_playback_get_end     (DmPlayback *self);
double      dm_playback_get_speed   (DmPlayback *self);
void        dm_playback_set_speed   (DmPlayback *self,
                                     double      speed);
gboolean    dm_playback_get_playing (DmPlayback *self);
void        dm_playback_set_playing (DmPlayback *self,
                                     gboolean    playing);
gboolean    dm_playback_get_loop    (DmPlayback *self);
void        dm_playback_set_loop    (DmPlayback *self,
                                     gboolean    loop);
void        dm_playback_advance     (DmPlayback *self,
                                     double      real_seconds);

G_END_DECLS
