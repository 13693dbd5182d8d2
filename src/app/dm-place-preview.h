/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DM_TYPE_PLACE_PREVIEW (dm_place_preview_get_type ())

G_DECLARE_FINAL_TYPE (DmPlacePreview, dm_place_preview, DM, PLACE_PREVIEW, GtkWidget)

GtkWidget *dm_place_preview_new       (void);
/* Centres the preview on a point, with a dot on it */
void       dm_place_preview_set_point (DmPlacePreview *self,
                                       double          latitude,
                                       double          longitude);
/* Whether it shows a point, and which */
gboolean   dm_place_preview_get_point (DmPlacePreview *self,
                                       double         *latitude,
                                       double         *longitude);

G_END_DECLS
