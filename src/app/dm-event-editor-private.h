/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-event-editor.h"

G_BEGIN_DECLS

/* The editor's fields, for its tests */
struct _DmEventEditor
{
  AdwWindow       parent_instance;

  GtkWidget      *save_button;
  AdwEntryRow    *title_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *actor_row;
  AdwComboRow    *status_row;
  AdwPreferencesGroup *where_group;
  AdwEntryRow    *place_row;
  AdwActionRow   *match_row;
  AdwEntryRow    *start_row;
  AdwEntryRow    *end_row;
  AdwPreferencesGroup *problems_group;

  DmDocument     *document;
  DmEvent        *original;   /* NULL: a new event */
  DmEvent        *candidate;  /* what the fields say now */
  GPtrArray      *problems;   /* char * */
  GPtrArray      *problem_rows;
  gboolean        filling;
};

G_END_DECLS
