/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

#define DM_TYPE_COMMAND (dm_command_get_type ())

G_DECLARE_FINAL_TYPE (DmCommand, dm_command, DM, COMMAND, GObject)

/* One change of a document that can be undone (docs/EDITING.md). Made here, applied and
 * reverted by a DmUndoStack. */
DmCommand  *dm_command_new_add_event       (DmDocument *document,
                                            DmEvent    *event);
DmCommand  *dm_command_new_remove_event    (DmDocument *document,
                                            DmEvent    *event);
/* @new_event takes @old_event's place (an edited dm_event_copy() of it) */
DmCommand  *dm_command_new_change_event    (DmDocument *document,
                                            DmEvent    *old_event,
                                            DmEvent    *new_event);
/* A copy of @event with an id no event has, added just after it */
DmCommand  *dm_command_new_duplicate_event (DmDocument *document,
                                            DmEvent    *event);

/* What the command does, for menus: "Delete “APEC Economic Leaders' Meeting”" */
const char *dm_command_get_label           (DmCommand  *self);
/* The event the command leaves in the document (added, copied or changed), or the one
 * it removes */
DmEvent    *dm_command_get_event           (DmCommand  *self);
/* The event it takes away (removed or replaced), or NULL */
DmEvent    *dm_command_get_old_event       (DmCommand  *self);
void        dm_command_apply               (DmCommand  *self);
void        dm_command_revert              (DmCommand  *self);

G_END_DECLS
