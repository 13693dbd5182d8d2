/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dm-event.h"
#include "dm-place.h"

G_BEGIN_DECLS

#define DM_TYPE_EVENT_DETAILS (dm_event_details_get_type ())

G_DECLARE_FINAL_TYPE (DmEventDetails, dm_event_details, DM, EVENT_DETAILS, GtkWidget)

GtkWidget *dm_event_details_new       (void);
DmEvent   *dm_event_details_get_event (DmEventDetails *self);
void       dm_event_details_set_event (DmEventDetails *self,
                                       DmEvent        *event);
/* A place no event uses (a file's place without a time): shown when no event is */
DmPlace   *dm_event_details_get_place (DmEventDetails *self);
void       dm_event_details_set_place (DmEventDetails *self,
                                       DmPlace        *place);
/* The text shown, one line per label (for tests) */
char      *dm_event_details_dup_text  (DmEventDetails *self);

G_END_DECLS
