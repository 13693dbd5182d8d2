/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-event.h"

G_BEGIN_DECLS

#define DM_TYPE_SORTED_EVENTS (dm_sorted_events_get_type ())

G_DECLARE_FINAL_TYPE (DmSortedEvents, dm_sorted_events, DM, SORTED_EVENTS, GObject)

DmSortedEvents *dm_sorted_events_new       (GListModel     *model);
GListModel     *dm_sorted_events_get_model (DmSortedEvents *self);
void            dm_sorted_events_set_model (DmSortedEvents *self,
                                            GListModel     *model);
/* While @threaded, a change that sorts every event again (another model, a change of more
 * than a few events) is sorted by a thread, the rows left as they were until the result is
 * put in place in one items-changed, or into an empty list its first 200 rows 50 a
 * main-loop call (DmSortedEvents:sorting is TRUE until all are in) */
void            dm_sorted_events_set_threaded (DmSortedEvents *self,
                                               gboolean        threaded);
gboolean        dm_sorted_events_get_sorting  (DmSortedEvents *self);
/* Where @event is, or GTK_INVALID_LIST_POSITION (G_MAXUINT) */
guint           dm_sorted_events_find      (DmSortedEvents *self,
                                            DmEvent        *event);
/* Orders two events as the list does: by start, unknown starts last */
int             dm_sorted_events_compare   (DmEvent        *a,
                                            DmEvent        *b);

G_END_DECLS
