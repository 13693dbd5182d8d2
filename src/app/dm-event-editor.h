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
/* The problems shown now, in --check's words (element type utf8) */
GPtrArray     *dm_event_editor_get_problems (DmEventEditor *self);

G_END_DECLS
