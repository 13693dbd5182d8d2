/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-gazetteer.h"

G_BEGIN_DECLS

/* How one place of a <locale> was resolved (docs/USTRAVEL.md, "Matching") */
typedef enum
{
  DM_USTRAVEL_MATCH_EXACT,      /* the name, in the trip's country */
  DM_USTRAVEL_MATCH_RENAMED,    /* an older or other spelling the record uses */
  DM_USTRAVEL_MATCH_NEIGHBOUR,  /* in a successor state or territory of the trip's country */
  DM_USTRAVEL_MATCH_TERRITORY,  /* the locale names a country or territory: its capital */
  DM_USTRAVEL_MATCH_FUZZY,      /* a close spelling in the country */
  DM_USTRAVEL_MATCH_NONE,       /* not found: the stop stays at country level */
} DmUstravelMatch;

typedef struct
{
  const DmGazetteerEntry *entry;    /* NULL when not found */
  DmUstravelMatch         how;
  guint                   distance; /* for fuzzy matches */
} DmUstravelResolved;

/* The ISO 3166 alpha-2 code for a country id of the record ("korea-south" -> "KR"),
 * with the country's display name from the element's text as a fallback */
const char *dm_ustravel_country_code   (DmGazetteer        *gazetteer,
                                        const char         *id,
                                        const char         *text);
/* Splits a <locale> into the places it names, in order ("Mexico, D.F." is one) */
GPtrArray  *dm_ustravel_split_locale   (const char         *locale);
/* Finds one place named by the record in @country (alpha-2) */
void        dm_ustravel_resolve_place  (DmGazetteer        *gazetteer,
                                        const char         *name,
                                        const char         *country,
                                        DmUstravelResolved *out);

G_END_DECLS

#include "dm-document.h"

G_BEGIN_DECLS

/* One stop of the record: a place of one <trip>, loaded as a visit */
typedef struct
{
  DmEvent *visit;      /* owned */
  DmActor *actor;      /* borrowed from the document */
  guint    trip;       /* index of its <trip> in the file */
  guint    part;       /* index of the place in the <trip>'s locale */
  gint     first_day;  /* Julian days of start-date and end-date; 0 when unknown */
  gint     last_day;
} DmUstravelStop;

/* A time zone by IANA id, kept for the process (GLib reads the zone file each time) */
GTimeZone *dm_ustravel_zone        (const char *identifier);

/* Turns the stops of each person into journeys (trip events with inferred legs from
 * @home through each stop and back) and adds them to @document. Returns how many. */
guint dm_ustravel_add_journeys (DmDocument *document,
                                GFile      *file,
                                GPtrArray  *stops,
                                DmPlace    *home);
/* Reads the terms of presidents from @file (presidents.xml) into @actors (id -> DmActor) */
void  dm_ustravel_read_terms   (GFile      *file,
                                GHashTable *actors);

G_END_DECLS
