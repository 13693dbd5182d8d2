/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-command.h"

G_BEGIN_DECLS

#define DM_TYPE_UNDO_STACK (dm_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (DmUndoStack, dm_undo_stack, DM, UNDO_STACK, GObject)

DmUndoStack *dm_undo_stack_new            (void);
/* Applies @command and keeps it to be undone; what could be redone is forgotten */
void         dm_undo_stack_push           (DmUndoStack *self,
                                           DmCommand   *command);
gboolean     dm_undo_stack_undo           (DmUndoStack *self);
gboolean     dm_undo_stack_redo           (DmUndoStack *self);
gboolean     dm_undo_stack_can_undo       (DmUndoStack *self);
gboolean     dm_undo_stack_can_redo       (DmUndoStack *self);
/* The label of what undo or redo would do ("Delete “APEC…”"), or NULL */
const char  *dm_undo_stack_get_undo_label (DmUndoStack *self);
const char  *dm_undo_stack_get_redo_label (DmUndoStack *self);
/* Whether the document differs from when it was last marked saved */
gboolean     dm_undo_stack_get_modified   (DmUndoStack *self);
void         dm_undo_stack_set_saved      (DmUndoStack *self);
/* Counts the document modified until it is saved (restored unsaved changes) */
void         dm_undo_stack_set_unsaved    (DmUndoStack *self);
/* Forgets every command (a new document), and counts it saved */
void         dm_undo_stack_clear          (DmUndoStack *self);

G_END_DECLS
