/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dm-document.h"
#include "dm-figure.h"

G_BEGIN_DECLS

#define DM_TYPE_EXPORT_DIALOG (dm_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DmExportDialog, dm_export_dialog, DM, EXPORT_DIALOG, AdwWindow)

typedef enum
{
  DM_EXPORT_AREA_VIEW,
  DM_EXPORT_AREA_ALL,
  DM_EXPORT_AREA_WORLD,
} DmExportArea;

typedef enum
{
  DM_EXPORT_SIZE_HD,
  DM_EXPORT_SIZE_A4,
  DM_EXPORT_SIZE_CUSTOM,
} DmExportSize;

/* @lon_min..@lat_max: what the map shows now (the "current view" area) */
DmExportDialog *dm_export_dialog_new          (GtkWindow          *parent,
                                               DmDocument         *document,
                                               double              time,
                                               const double        view_bounds[4]);
void            dm_export_dialog_set_decorations (DmExportDialog  *self,
                                                  gboolean         legend,
                                                  gboolean         caption,
                                                  gboolean         sources);
void            dm_export_dialog_set_graticule (DmExportDialog    *self,
                                                gboolean           graticule);
void            dm_export_dialog_set_format   (DmExportDialog     *self,
                                               DmFigureFormat      format);
void            dm_export_dialog_set_area     (DmExportDialog     *self,
                                               DmExportArea        area);
void            dm_export_dialog_set_size     (DmExportDialog     *self,
                                               DmExportSize        size,
                                               int                 width,
                                               int                 height);
/* The name the save dialog proposes (in the Pictures folder, else home): the title's, with
 * the format's extension (dm-save-chooser.h) */
char           *dm_export_dialog_dup_file_name (DmExportDialog    *self);
/* The figure the dialog's choices describe, drawn from a snapshot of the document */
DmFigure       *dm_export_dialog_build_figure (DmExportDialog     *self);
/* Writes the figure to @file in a worker thread */
void            dm_export_dialog_export_async (DmExportDialog     *self,
                                               GFile              *file,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean        dm_export_dialog_export_finish (DmExportDialog    *self,
                                                GAsyncResult      *result,
                                                GError           **error);

G_END_DECLS
