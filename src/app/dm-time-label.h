/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DM_TYPE_TIME_LABEL (dm_time_label_get_type ())
G_DECLARE_FINAL_TYPE (DmTimeLabel, dm_time_label, DM, TIME_LABEL, GtkWidget)

GtkWidget  *dm_time_label_new         (void);
const char *dm_time_label_get_text    (DmTimeLabel *self);
void        dm_time_label_set_text    (DmTimeLabel *self,
                                       const char  *text);
guint       dm_time_label_get_n_resizes (DmTimeLabel *self);

G_END_DECLS
