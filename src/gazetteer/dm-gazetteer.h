/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One place of the bundled gazetteer (data/gazetteer.tsv); owned by the gazetteer. */
typedef struct {
  const char *name;        /* English/common name, UTF-8 */
  const char *country;     /* ISO 3166-1 alpha-2, upper case */
  const char *timezone;    /* IANA id, e.g. "Asia/Pyongyang" */
  double      latitude;
  double      longitude;
  guint32     population;  /* 0 when unknown */
  guint       is_capital : 1;
  guint       is_venue : 1;
} DmGazetteerEntry;

/* One country of data/countries.tsv; owned by the gazetteer. */
typedef struct {
  const char *code;        /* alpha-2 */
  const char *name;        /* English name */
  const char *capital;     /* capital's name, may be NULL */
  const char *timezone;    /* the main IANA zone */
  double      latitude;    /* representative point for a country-level stop */
  double      longitude;
  const char *continent;   /* "Africa", "Americas", "Antarctic", "Asia", "Europe", "Oceania"; may be NULL */
} DmCountry;

/* One airport of data/airports.tsv (OurAirports); owned by the gazetteer. */
typedef struct {
  const char *iata;        /* "SVO" */
  const char *icao;        /* "UUEE", may be NULL */
  const char *name;        /* "Sheremetyevo International Airport" */
  const char *city;        /* the city it serves, "Moscow"; may be NULL */
  const char *country;     /* ISO 3166-1 alpha-2 */
  double      latitude;
  double      longitude;
} DmAirport;

typedef struct _DmGazetteer DmGazetteer;   /* opaque, lives for the process */

/* An area of the UN M49 geographic regions (dm-gazetteer-m49.c); static */
typedef struct {
  const char *code;        /* "145" */
  const char *name;        /* "Western Asia": M49's English name, for gettext (_()) */
  const char *parent;      /* the code of the area holding it; NULL for a region */
} DmM49Area;

/* What dm_gazetteer_lookup_text() made of free text such as "Newport, KY, United States" */
typedef struct {
  const DmGazetteerEntry *entry;         /* the place, or NULL */
  const DmCountry        *country;       /* the country the text names (a region's), or NULL */
  const char             *region;        /* the region it names ("Kentucky"), or NULL */
  char                   *name;          /* the text without the country and region named */
  char                   *dropped;       /* a trailing part that names nothing known, left
                                          * out to find entry ("North Gyeongsang"), or NULL */
  gboolean                other_country; /* the text names another country than the one given */
} DmGazetteerTextMatch;

DmGazetteer            *dm_gazetteer_get_default     (void);
const DmGazetteerEntry *dm_gazetteer_lookup          (DmGazetteer *self,
                                                      const char  *query,
                                                      const char  *country);
const DmGazetteerEntry *dm_gazetteer_lookup_fuzzy    (DmGazetteer *self,
                                                      const char  *query,
                                                      const char  *country,
                                                      guint       *distance);
const DmCountry        *dm_gazetteer_lookup_country  (DmGazetteer *self,
                                                      const char  *code_or_name);
void                    dm_gazetteer_lookup_text     (DmGazetteer          *self,
                                                      const char           *text,
                                                      const char           *country,
                                                      DmGazetteerTextMatch *match);
void                    dm_gazetteer_text_match_clear (DmGazetteerTextMatch *match);
/* The places whose names start with @prefix, best first (dm-gazetteer-complete.c) */
GPtrArray              *dm_gazetteer_complete        (DmGazetteer *self,
                                                      const char  *prefix,
                                                      guint        max);
guint                   dm_gazetteer_get_n_entries   (DmGazetteer *self);
/* Airports by code (dm-gazetteer-airports.c) */
gboolean                dm_gazetteer_is_airport_code (const char  *text);
const DmAirport        *dm_gazetteer_lookup_airport  (DmGazetteer *self,
                                                      const char  *code);
char                   *dm_gazetteer_fold            (const char  *text);

/* Helpers beyond the lookups, for tests and tools. */
const DmGazetteerEntry *dm_gazetteer_get_entry       (DmGazetteer *self,
                                                      guint        position);
guint                   dm_gazetteer_get_n_countries (DmGazetteer *self);
const DmCountry        *dm_gazetteer_get_country     (DmGazetteer *self,
                                                      guint        position);
const char             *dm_gazetteer_country_get_code3 (DmGazetteer     *self,
                                                        const DmCountry *country);
/* Country and place names in other languages (dm-gazetteer-names.c) */
const char             *dm_gazetteer_translate_country (DmGazetteer   *self,
                                                        const char    *code,
                                                        const char    *language);
const char             *dm_gazetteer_country_get_display_name (DmGazetteer     *self,
                                                               const DmCountry *country);
const char             *dm_gazetteer_translate_place (DmGazetteer   *self,
                                                      const char    *name,
                                                      const char    *country,
                                                      const char    *language);
/* "Idaho" for Moscow, Idaho: the first-level division, to tell namesakes apart; may be NULL */
const char             *dm_gazetteer_entry_get_region (DmGazetteer            *self,
                                                       const DmGazetteerEntry *entry);

/* UN M49's regions, each followed by its sub-regions, each followed by its intermediate
 * regions (dm-gazetteer-m49.c) */
guint                   dm_gazetteer_get_n_m49_areas (void);
const DmM49Area        *dm_gazetteer_get_m49_area    (guint        position);
/* By code ("145") or English name ("Western Asia"); NULL if none */
const DmM49Area        *dm_gazetteer_lookup_m49_area (const char  *code_or_name);
const DmM49Area        *dm_gazetteer_m49_area_get_parent (const DmM49Area *area);
/* The smallest M49 area holding a country (alpha-2 or -3), or NULL */
const DmM49Area        *dm_gazetteer_country_get_m49_area (DmGazetteer *self,
                                                           const char  *country);
gboolean                dm_gazetteer_country_in_m49_area  (DmGazetteer     *self,
                                                           const char      *country,
                                                           const DmM49Area *area);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DmGazetteerTextMatch, dm_gazetteer_text_match_clear)

G_END_DECLS
