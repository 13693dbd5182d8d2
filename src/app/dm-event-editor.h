/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dm-document.h"

G_BEGIN_DECLS

#define DM_TYPE_EVENT_EDITOR (dm_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (DmEventEditor, dm_event_editor, DM, EVENT_EDITOR, AdwWindow)

/* Edits @event of @document, or a new event of @kind when @event is NULL. Save emits
 * DmEventEditor::save with the edited copy (docs/EDITING.md); the editor changes nothing. */
DmEventEditor *dm_event_editor_new          (GtkWindow     *parent,
                                             DmDocument    *document,
                                             DmEvent       *event,
                                             DmEventKind    kind);
DmEvent       *dm_event_editor_get_event    (DmEventEditor *self);
/* For a new event: the files it can be saved in (element type GFile), the one chosen
 * first; more than one: a row to choose (docs/EDITING.md) */
void           dm_event_editor_set_files    (DmEventEditor *self,
                                             GPtrArray     *files,
                                             guint          selected);
/* TRUE while a place entry's Pick on Map is on: the window gives it the place of the next
 * click on the map (a known place's name, or "lat, lon"); ::picking-changed tells */
gboolean       dm_event_editor_get_picking  (DmEventEditor *self);
void           dm_event_editor_set_picked_place (DmEventEditor *self,
                                                 const char    *text);
/* The problems shown now, in --check's words (element type utf8) */
GPtrArray     *dm_event_editor_get_problems (DmEventEditor *self);

G_END_DECLS
