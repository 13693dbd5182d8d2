/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-event-list.h"

G_BEGIN_DECLS

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
