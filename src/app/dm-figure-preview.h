/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dm-figure.h"

G_BEGIN_DECLS

#define DM_TYPE_FIGURE_PREVIEW (dm_figure_preview_get_type ())

G_DECLARE_FINAL_TYPE (DmFigurePreview, dm_figure_preview, DM, FIGURE_PREVIEW, GtkWidget)

/* Makes the figure to preview, on the main thread (a new reference) */
typedef DmFigure *(*DmFigurePreviewBuildFunc) (gpointer user_data);

DmFigurePreview *dm_figure_preview_new          (DmFigurePreviewBuildFunc  build,
                                                 gpointer                  user_data);
void             dm_figure_preview_queue_update (DmFigurePreview          *self);
void             dm_figure_preview_watch        (DmFigurePreview          *self,
                                                 GtkWidget                *root);
void             dm_figure_preview_attach       (DmFigurePreview          *self,
                                                 GtkWidget                *dialog_box);
gboolean         dm_figure_preview_is_busy      (DmFigurePreview          *self);
GdkTexture      *dm_figure_preview_get_texture  (DmFigurePreview          *self);

G_END_DECLS
