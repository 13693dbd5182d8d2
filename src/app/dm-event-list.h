/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dm-document.h"
#include "dm-route-set.h"

G_BEGIN_DECLS

#define DM_TYPE_EVENT_LIST (dm_event_list_get_type ())

G_DECLARE_FINAL_TYPE (DmEventList, dm_event_list, DM, EVENT_LIST, GtkWidget)

GtkWidget  *dm_event_list_new                (void);
DmDocument *dm_event_list_get_document       (DmEventList *self);
void        dm_event_list_set_document       (DmEventList *self,
                                              DmDocument  *document);
/* Where the actors' colours come from (the map's routes) */
void        dm_event_list_set_route_set      (DmEventList *self,
                                              DmRouteSet  *set);
/* Call when the document's events changed: refreshes the filters' choices */
void        dm_event_list_reload             (DmEventList *self);
/* The same, the choices made in a thread from a copy of what they need; @done is called
 * once they are in (made again at once if the document changed meanwhile). @events, when
 * not NULL, are the document's events as they are now, an array nobody changes (the route
 * set's snapshot): taken as they are rather than copied from the document */
typedef void (*DmEventListReloaded) (DmEventList *self,
                                     gpointer     user_data);
void        dm_event_list_reload_async       (DmEventList        *self,
                                              GPtrArray          *events,
                                              DmEventListReloaded done,
                                              gpointer            user_data);
/* The list stops following the document's events (it shows none) until as many releases:
 * a merge of many events is then not sorted within the merge, but at the release */
void        dm_event_list_hold_events        (DmEventList *self);
void        dm_event_list_release_events     (DmEventList *self);
/* The same, the events sorted by a thread (the list shows none meanwhile); @done is called
 * once they are in */
void        dm_event_list_release_events_async (DmEventList        *self,
                                                DmEventListReloaded done,
                                                gpointer            user_data);
void        dm_event_list_update_event       (DmEventList *self,
                                              DmEvent     *came,
                                              DmEvent     *left);
DmEvent    *dm_event_list_get_selected_event (DmEventList *self);
void        dm_event_list_set_selected_event (DmEventList *self,
                                              DmEvent     *event);
/* A place no event uses, selected in the list after the events (NULL: none); selecting
 * one unselects the event (DmEventList:selected-place) */
DmPlace    *dm_event_list_get_selected_place (DmEventList *self);
void        dm_event_list_set_selected_place (DmEventList *self,
                                              DmPlace     *place);
/* The events shown (after search and filters), in time order */
GListModel *dm_event_list_get_model          (DmEventList *self);
GtkSingleSelection *dm_event_list_get_selection (DmEventList *self);
void        dm_event_list_set_search         (DmEventList *self,
                                              const char  *text);
/* The filters, as the drop-downs set them: NULL or -1 for all */
void        dm_event_list_set_filters        (DmEventList *self,
                                              DmActor     *actor,
                                              const char  *country,
                                              int          kind,
                                              int          status);
/* Only the actor filter (NULL: all), the others kept: a timeline lane's name was clicked */
void        dm_event_list_set_actor_filter   (DmEventList *self,
                                              DmActor     *actor);
/* A role of the document's actors (NULL: all) and a year (0: all) */
void        dm_event_list_set_role_year      (DmEventList *self,
                                              const char  *role,
                                              int          year);
/* Where events go: a UN M49 area by code ("145") or English name ("Western Asia", "Asia");
 * NULL for all */
void        dm_event_list_set_region         (DmEventList *self,
                                              const char  *region);
/* The date range: events overlapping it, from the start of @from to the end of @to, each
 * a year, a month or a day ("2025", "2025-10", "2025-10-28"); NULL or "" for no bound */
void        dm_event_list_set_date_range     (DmEventList *self,
                                              const char  *from,
                                              const char  *to);
/* Sets every filter back to all (the search stays) */
void        dm_event_list_clear_filters      (DmEventList *self);
/* Shows the sidebar if it was hidden and puts the focus in the search box (Ctrl+F) */
void        dm_event_list_focus_search       (DmEventList *self);
/* The widget shown under the list while an event is selected (DmEventList:details) */
GtkWidget  *dm_event_list_get_details        (DmEventList *self);
void        dm_event_list_set_details        (DmEventList *self,
                                              GtkWidget   *details);
/* Whether the search or a filter hides events */
gboolean    dm_event_list_is_filtered        (DmEventList *self);
/* Text for the list's subtitle line: when, what kind, status */
char       *dm_event_list_dup_subtitle       (DmEvent     *event);

G_END_DECLS
