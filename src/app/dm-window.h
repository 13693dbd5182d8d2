/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dm-document.h"
#include "dm-undo-stack.h"

G_BEGIN_DECLS

#define DM_TYPE_WINDOW (dm_window_get_type ())

G_DECLARE_FINAL_TYPE (DmWindow, dm_window, DM, WINDOW, AdwApplicationWindow)

DmWindow   *dm_window_new                (GtkApplication *application);
DmDocument *dm_window_get_document       (DmWindow       *self);
/* Loads @file in the background into the window's document */
void        dm_window_open_file          (DmWindow       *self,
                                          GFile          *file);
DmEvent    *dm_window_get_selected_event (DmWindow       *self);
void        dm_window_set_selected_event (DmWindow       *self,
                                          DmEvent        *event);
/* Editing and saving (dm-window-edit.c, docs/EDITING.md) */
DmUndoStack *dm_window_get_undo_stack    (DmWindow       *self);
gboolean    dm_window_get_modified       (DmWindow       *self);
/* Whether Save knows where to write (else it asks, as Save As) */
gboolean    dm_window_can_save           (DmWindow       *self);
gboolean    dm_window_save               (DmWindow       *self,
                                          GError        **error);
gboolean    dm_window_save_as            (DmWindow       *self,
                                          GFile          *file,
                                          GError        **error);
/* The Save, Discard or Cancel dialog shown when closing, or NULL */
GtkWindow  *dm_window_get_close_dialog   (DmWindow       *self);
/* The event editor open (win.new-event, win.edit-event), or NULL */
GtkWindow  *dm_window_get_editor         (DmWindow       *self);
/* Asks whether to restore autosaved unsaved changes (dm-window-autosave.c), if there are
 * any; TRUE when it asks */
gboolean    dm_window_offer_restore      (DmWindow       *self);
/* Quick add (docs/EDITING.md): adds the event one line of text makes; FALSE, with a
 * toast, when the line cannot be resolved */
gboolean    dm_window_quick_add          (DmWindow       *self,
                                          const char     *line);
/* The quick add dialog with its preview (Ctrl+L), shown */
GtkWindow  *dm_window_show_quick_add     (DmWindow       *self);
/* Loads still running */
guint       dm_window_get_n_loading      (DmWindow       *self);

G_END_DECLS
