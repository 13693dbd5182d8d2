/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define DM_TYPE_MAP_SOURCE (dm_map_source_get_type ())

G_DECLARE_FINAL_TYPE (DmMapSource, dm_map_source, DM, MAP_SOURCE, ShumateMapSource)

DmMapSource *dm_map_source_new              (void);
/* Device pixels per tile pixel: 2 on HiDPI. Changing it empties the cache. */
void         dm_map_source_set_scale_factor (DmMapSource *self,
                                             int          scale_factor);
int          dm_map_source_get_scale_factor (DmMapSource *self);
/* The dark palette (dm_map_style_get_dark) or the light one. Changing it empties the cache:
 * the map's tile layer must be made anew to show it. */
void         dm_map_source_set_dark         (DmMapSource *self,
                                             gboolean     dark);
gboolean     dm_map_source_get_dark         (DmMapSource *self);
/* How many tiles were drawn (not served from the cache): for tests */
guint        dm_map_source_get_n_drawn      (DmMapSource *self);
/* Tiles being drawn now */
guint        dm_map_source_get_n_pending    (DmMapSource *self);

G_END_DECLS
