/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dm-document.h"
#include "dm-figure.h"
#include "dm-video.h"

G_BEGIN_DECLS

#define DM_TYPE_FIGURE_DIALOG (dm_figure_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DmFigureDialog, dm_figure_dialog, DM, FIGURE_DIALOG, AdwWindow)

typedef enum
{
  DM_FIGURE_AREA_VIEW,
  DM_FIGURE_AREA_ALL,
  DM_FIGURE_AREA_WORLD,
} DmFigureArea;

typedef enum
{
  DM_FIGURE_SIZE_HD,
  DM_FIGURE_SIZE_A4,
  DM_FIGURE_SIZE_CUSTOM,
} DmFigureSize;

/* @lon_min..@lat_max: what the map shows now (the "current view" area) */
DmFigureDialog *dm_figure_dialog_new          (GtkWindow          *parent,
                                               DmDocument         *document,
                                               double              time,
                                               const double        view_bounds[4]);
void            dm_figure_dialog_set_decorations (DmFigureDialog  *self,
                                                  gboolean         legend,
                                                  gboolean         caption,
                                                  gboolean         sources);
void            dm_figure_dialog_set_graticule (DmFigureDialog    *self,
                                                gboolean           graticule);
void            dm_figure_dialog_set_source_footnotes (DmFigureDialog *self,
                                                       gboolean        footnotes);
/* The window's selected summit or meeting, highlighted as on the map (a switch, on) */
void            dm_figure_dialog_set_highlight (DmFigureDialog    *self,
                                                DmEvent           *event);
/* A band under the map: a lane per actor and the playhead */
void            dm_figure_dialog_set_timeline (DmFigureDialog     *self,
                                               gboolean            timeline);
/* A grid of @n maps at moments spread over the events' dates (0: one map) */
void            dm_figure_dialog_set_small_multiples (DmFigureDialog *self,
                                                      guint           n);
void            dm_figure_dialog_set_format   (DmFigureDialog     *self,
                                               DmFigureFormat      format);
/* Chooses an animation format in the Format row: Export… then emits "animation-requested" */
void            dm_figure_dialog_set_animation_format (DmFigureDialog *self,
                                                       DmVideoFormat   format);
void            dm_figure_dialog_set_area     (DmFigureDialog     *self,
                                               DmFigureArea        area);
/* A #DmProjection, or -1: automatic (Equal Earth for the whole world, else Mercator) */
void            dm_figure_dialog_set_projection (DmFigureDialog   *self,
                                                 int               projection);
int             dm_figure_dialog_get_projection (DmFigureDialog   *self);
DmFigureSize    dm_figure_dialog_get_size     (DmFigureDialog     *self);
/* The figure's language: "en", "fr", "ru", "ko"; NULL: the application's */
const char     *dm_figure_dialog_get_language (DmFigureDialog     *self);
void            dm_figure_dialog_set_language (DmFigureDialog     *self,
                                               const char         *language);
void            dm_figure_dialog_set_size     (DmFigureDialog     *self,
                                               DmFigureSize        size,
                                               int                 width,
                                               int                 height);
/* The name the save dialog proposes (in the Pictures folder, else home): the title's, with
 * the format's extension (dm-save-chooser.h) */
char           *dm_figure_dialog_dup_file_name (DmFigureDialog    *self);
/* The window's trail (seconds of legs shown before the time, 0: all) and flows, for the figure */
void            dm_figure_dialog_set_trail    (DmFigureDialog     *self,
                                               gint64              trail,
                                               gboolean            flows);
/* The figure the dialog's choices describe, drawn from a snapshot of the document */
DmFigure       *dm_figure_dialog_build_figure (DmFigureDialog     *self);
/* Writes the figure to @file in a worker thread; @callback gets no source object (the
 * dialog may be gone), and @self of the finish may be NULL */
void            dm_figure_dialog_export_async (DmFigureDialog     *self,
                                               GFile              *file,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean        dm_figure_dialog_export_finish (DmFigureDialog    *self,
                                                GAsyncResult      *result,
                                                GError           **error);

G_END_DECLS
