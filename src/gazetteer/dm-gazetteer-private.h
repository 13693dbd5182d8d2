/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dm-gazetteer.h"

G_BEGIN_DECLS

/* Names longer than this (in characters, folded) are never fuzzy-matched. */
#define DM_GAZETTEER_MAX_KEY_CHARS 64

typedef struct {
  guint32 key;    /* offset of a folded name in keys */
  guint32 owner;  /* index of the entry (or country) it names */
  guint32 next;   /* next posting with the same key, plus one; 0 ends the chain */
  guint32 n_chars;  /* length of the key in characters */
  guint32 mask;     /* dm_gazetteer_key_mask() of the key */
  guint32 hash;     /* dm_gazetteer_key_hash() of the key */
} DmGazetteerPosting;

typedef struct {
  const char *country;  /* alpha-2 */
  const char *code;     /* GeoNames admin1 code within the country: "ID", "08" */
  const char *name;     /* "Idaho", "Ontario" */
} DmGazetteerRegion;

struct _DmGazetteer {
  char             *text;             /* both files, cut into NUL-terminated fields */
  DmGazetteerEntry *entries;
  guint             n_entries;
  DmCountry        *countries;
  const char      **country_code3;
  guint            *country_first;    /* entries are grouped by country: first, count */
  guint            *country_count;
  guint             n_countries;
  gboolean          grouped;          /* FALSE if an entry broke the grouping */
  GString          *keys;             /* folded names, each NUL-terminated */
  GArray           *postings;         /* DmGazetteerPosting, entry by entry */
  guint32          *entry_postings;   /* n_entries + 1 offsets into postings */
  guint32          *slots;            /* open addressing: first posting of a name + 1 */
  guint32           slot_mask;        /* number of slots - 1 (a power of two) */
  GHashTable       *country_index;    /* folded name -> country + 1 */
  GHashTable       *code_index;       /* "RU", "RUS" -> country + 1 */
  DmGazetteerRegion *regions;         /* first-level divisions (data/regions.tsv) */
  guint             n_regions;
  guint16          *entry_region;     /* per entry: region + 1, 0 if unknown */
  GString          *region_codes;     /* "US.ID", each NUL-terminated */
  GHashTable       *region_code_index; /* "US.ID" -> region + 1 */
  GArray           *region_postings;  /* DmGazetteerPosting of region names */
  GHashTable       *region_index;     /* folded name -> first region posting + 1 */
  gsize             airports_loaded;  /* g_once_init_enter(): airports read on first use */
  char             *airport_text;     /* airports.tsv, cut into fields */
  DmAirport        *airports;
  guint             n_airports;
  GHashTable       *airport_index;    /* "SVO", "UUEE" -> airport + 1 */
};

DmGazetteer *dm_gazetteer_new  (void);
void         dm_gazetteer_add_names       (DmGazetteer *self,
                                           GArray      *postings,
                                           guint32      owner,
                                           const char  *name,
                                           const char  *others);
guint        dm_gazetteer_split_fields    (char        *line,
                                           char       **fields,
                                           guint        max_fields);
char        *dm_gazetteer_next_line       (char       **cursor);
void         dm_gazetteer_parse_regions   (DmGazetteer *self,
                                           char        *text,
                                           guint        n_lines);
void         dm_gazetteer_index_regions   (DmGazetteer *self);
guint        dm_gazetteer_find_region     (DmGazetteer *self,
                                           const char  *country,
                                           const char  *code);
void         dm_gazetteer_free_regions    (DmGazetteer *self);
/* The best place of a folded key in country unless NULL, in region + 1 unless 0 */
const DmGazetteerEntry *dm_gazetteer_find_key (DmGazetteer *self,
                                               const char  *key,
                                               const char  *country,
                                               guint        region,
                                               guint       *n_places);
const DmCountry *dm_gazetteer_find_country    (DmGazetteer *self,
                                               const char  *code_or_name,
                                               gssize       length);
void         dm_gazetteer_free_airports   (DmGazetteer *self);
void         dm_gazetteer_free (DmGazetteer *self);

guint dm_gazetteer_fold_into     (const char     *text,
                                  gssize          length,
                                  GString        *out);
guint32 dm_gazetteer_key_mask    (const char     *key);
guint32 dm_gazetteer_key_hash    (const char     *key);
void    dm_gazetteer_key_mask_hash (const char   *key,
                                    guint32      *mask,
                                    guint32      *hash);
guint   dm_gazetteer_find_slot   (DmGazetteer    *self,
                                  const char     *key,
                                  guint32         hash);
int   dm_gazetteer_key_to_chars  (const char     *key,
                                  gunichar       *chars,
                                  int             max);
guint dm_gazetteer_edit_distance (const gunichar *a,
                                  int             n_a,
                                  const gunichar *b,
                                  int             n_b,
                                  guint           limit);

G_END_DECLS
