/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-event-list.h"

G_BEGIN_DECLS

/* Shared by dm-event-list.c (the widget, list and selection) and dm-event-list-filters.c */
struct _DmEventList
{
  GtkWidget           parent_instance;

  DmDocument         *document;
  DmEvent            *selected;
  DmRouteSet         *route_set;

  GtkWidget          *box;
  GtkSearchEntry     *search;
  GtkDropDown        *actor_filter;
  GtkDropDown        *country_filter;
  GtkDropDown        *kind_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *role_filter;
  GtkDropDown        *year_filter;
  GtkDropDown        *region_filter;
  GtkListView        *list_view;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;

  GPtrArray          *actors;     /* DmActor, index + 1 in the actor drop-down */
  GPtrArray          *countries;  /* char *, index + 1 in the country drop-down */
  GPtrArray          *roles;      /* char *, index + 1 in the role drop-down */
  GArray             *years;      /* int, index + 1 in the year drop-down */
  char               *needle;     /* folded search text */
  gboolean            syncing;
};

/* dm-event-list.c */
void       dm_event_list_filters_changed (DmEventList *self);

/* dm-event-list-filters.c */
GtkWidget *dm_event_list_build_filters   (DmEventList *self);
gboolean   dm_event_list_filter_event    (gpointer     item,
                                          gpointer     user_data);

/* dm-event-list-match.c: what the list's search and filters match */
char     *dm_event_list_fold      (const char *text);
gboolean  dm_event_in_country     (DmEvent    *event,
                                   const char *country);
gboolean  dm_event_matches_search (DmEvent    *event,
                                   const char *needle);
gboolean  dm_event_has_role       (DmEvent    *event,
                                   const char *role);
gboolean  dm_event_in_year        (DmEvent    *event,
                                   int         year);
/* @continent: as in countries.tsv ("Asia"); where the event goes, not where it starts */
gboolean  dm_event_in_continent   (DmEvent    *event,
                                   const char *continent);
/* Adds the years (UTC) @event covers to @years, a set of GINT_TO_POINTER */
void      dm_event_add_years      (DmEvent    *event,
                                   GHashTable *years);

G_END_DECLS
