/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lookups in the gazetteer: exact (folded) names, "Name, Country", close matches. */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <string.h>

#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

/* Ambiguous names go to the capital, else to the most populous place. */
static gboolean
is_better (const DmGazetteerEntry *candidate,
           const DmGazetteerEntry *best)
{
  if (best == NULL)
    return TRUE;
  if (candidate->is_capital != best->is_capital)
    return candidate->is_capital;
  return candidate->population > best->population;
}

/* The best entry for a folded key, in country (alpha-2) unless NULL, in region (plus
 * one) unless 0; *n_places counts the distinct places of that name. */
static const DmGazetteerEntry *
find_key (DmGazetteer *self,
          const char  *key,
          const char  *country,
          guint        region,
          guint       *n_places)
{
  const DmGazetteerEntry *best = NULL;
  const DmGazetteerEntry *last = NULL;
  guint n = 0;
  guint p = self->slots[dm_gazetteer_find_slot (self, key, dm_gazetteer_key_hash (key))];

  while (p != 0)
    {
      const DmGazetteerPosting *posting = &g_array_index (self->postings, DmGazetteerPosting,
                                                          p - 1);
      const DmGazetteerEntry *entry = &self->entries[posting->owner];

      p = posting->next;
      if (country != NULL && strcmp (entry->country, country) != 0)
        continue;
      if (region != 0 && self->entry_region[posting->owner] != region)
        continue;
      if (entry != last)   /* an entry's names are adjacent in the chain */
        n++;
      last = entry;
      if (is_better (entry, best))
        best = entry;
    }
  if (n_places != NULL)
    *n_places = n;
  return best;
}

static const DmCountry *
find_country (DmGazetteer *self,
              const char  *code_or_name,
              gssize       length)
{
  g_autoptr(GString) key = g_string_new (NULL);
  guint position;

  if (length < 0)
    length = strlen (code_or_name);
  while (length > 0 && g_ascii_isspace (*code_or_name))
    code_or_name++, length--;
  while (length > 0 && g_ascii_isspace (code_or_name[length - 1]))
    length--;

  if (length == 2 || length == 3)
    {
      char code[4] = { 0 };

      for (gssize i = 0; i < length; i++)
        code[i] = g_ascii_toupper (code_or_name[i]);
      position = GPOINTER_TO_UINT (g_hash_table_lookup (self->code_index, code));
      if (position != 0)
        return &self->countries[position - 1];
    }

  dm_gazetteer_fold_into (code_or_name, length, key);
  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->country_index, key->str));
  return position ? &self->countries[position - 1] : NULL;
}

const DmCountry *
dm_gazetteer_lookup_country (DmGazetteer *self,
                             const char  *code_or_name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code_or_name != NULL, NULL);

  return find_country (self, code_or_name, -1);
}

/* country may be an alpha-2 code in any case, or a name: returns the upper-case code,
 * or NULL in *code if country is NULL. FALSE if the country is unknown. */
static gboolean
resolve_country (DmGazetteer  *self,
                 const char   *country,
                 const char  **code)
{
  const DmCountry *found;

  *code = NULL;
  if (country == NULL)
    return TRUE;
  found = find_country (self, country, -1);
  *code = found ? found->code : NULL;
  return found != NULL;
}

/* The best place called key in a region called qualifier (in country unless NULL). */
static const DmGazetteerEntry *
find_in_regions (DmGazetteer *self,
                 const char  *key,
                 const char  *qualifier,
                 gsize        qualifier_length,
                 const char  *country)
{
  g_autoptr(GString) region_key = g_string_new (NULL);
  const DmGazetteerEntry *best = NULL;
  guint p;

  dm_gazetteer_fold_into (qualifier, qualifier_length, region_key);
  p = GPOINTER_TO_UINT (g_hash_table_lookup (self->region_index, region_key->str));
  while (p != 0)
    {
      const DmGazetteerPosting *posting = &g_array_index (self->region_postings,
                                                          DmGazetteerPosting, p - 1);
      const DmGazetteerRegion *region = &self->regions[posting->owner];
      const DmGazetteerEntry *entry;

      p = posting->next;
      if (country != NULL && strcmp (region->country, country) != 0)
        continue;
      entry = find_key (self, key, region->country, posting->owner + 1, NULL);
      if (entry != NULL && is_better (entry, best))
        best = entry;
    }
  return best;
}

/* "Name, Qualifier" (at the last comma) or "Name (Qualifier)" */
static gboolean
split_qualifier (const char  *query,
                 gsize       *name_length,
                 const char **qualifier,
                 gsize       *qualifier_length)
{
  gsize length = strlen (query);
  const char *comma;

  while (length > 0 && g_ascii_isspace (query[length - 1]))
    length--;
  if (length > 0 && query[length - 1] == ')')
    {
      const char *open = g_strrstr_len (query, length, "(");

      if (open != NULL)
        {
          *name_length = open - query;
          *qualifier = open + 1;
          *qualifier_length = query + length - 1 - *qualifier;
          return TRUE;
        }
    }

  comma = g_strrstr_len (query, length, ",");
  if (comma == NULL)
    return FALSE;
  *name_length = comma - query;
  *qualifier = comma + 1;
  *qualifier_length = query + length - *qualifier;
  return TRUE;
}

const DmGazetteerEntry *
dm_gazetteer_lookup (DmGazetteer *self,
                     const char  *query,
                     const char  *country)
{
  g_autoptr(GString) key = g_string_new (NULL);
  const DmGazetteerEntry *entry;
  const DmCountry *qualifier_country;
  const char *qualifier;
  const char *code;
  gsize name_length;
  gsize qualifier_length;
  guint n_places;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!resolve_country (self, country, &code))
    return NULL;

  dm_gazetteer_fold_into (query, -1, key);
  if (key->len == 0)
    return NULL;
  if ((entry = find_key (self, key->str, code, 0, NULL)) != NULL)
    return entry;

  /* "Moscow, RU", "Moscow, Russia", "Dakar (Senegal)", "Halifax (Nova Scotia)" */
  if (!split_qualifier (query, &name_length, &qualifier, &qualifier_length))
    return NULL;
  g_string_truncate (key, 0);
  dm_gazetteer_fold_into (query, name_length, key);
  if (key->len == 0)
    return NULL;

  qualifier_country = find_country (self, qualifier, qualifier_length);
  if (qualifier_country != NULL && (code == NULL || strcmp (code, qualifier_country->code) == 0) &&
      (entry = find_key (self, key->str, qualifier_country->code, 0, NULL)) != NULL)
    return entry;

  /* "Moscow, Idaho", "Moscow, ID", "Windsor (Ontario)": a region */
  if ((entry = find_in_regions (self, key->str, qualifier, qualifier_length, code)) != NULL)
    return entry;
  if (qualifier_country != NULL)
    return NULL;  /* a country without that place, or not the country asked for */
  {
    /* "Palm Beach, FL": a region without that place; never dropped */
    g_autoptr(GString) region_key = g_string_new (NULL);

    dm_gazetteer_fold_into (qualifier, qualifier_length, region_key);
    if (g_hash_table_contains (self->region_index, region_key->str))
      return NULL;
  }

  /* "Gyeongju, North Gyeongsang": a qualifier we don't know. Inside a given country,
   * the name alone; without one, only if a single place has it ("Moscow, Idahoo" no). */
  entry = find_key (self, key->str, code, 0, &n_places);
  return code != NULL || n_places == 1 ? entry : NULL;
}

const DmGazetteerEntry *
dm_gazetteer_lookup_fuzzy (DmGazetteer *self,
                           const char  *query,
                           const char  *country,
                           guint       *distance)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gunichar query_chars[DM_GAZETTEER_MAX_KEY_CHARS];
  gunichar name_chars[DM_GAZETTEER_MAX_KEY_CHARS];
  const DmGazetteerEntry *best = NULL;
  const DmCountry *found;
  const char *qualifier;
  gsize name_length;
  gsize qualifier_length;
  guint best_distance;
  guint32 query_mask;
  guint first = 0;
  guint last;
  guint limit;
  int n_query;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (country != NULL, NULL);

  if (distance != NULL)
    *distance = 0;
  if ((found = find_country (self, country, -1)) == NULL)
    return NULL;

  if ((best = dm_gazetteer_lookup (self, query, found->code)) != NULL)
    return best;

  /* "Castel Ventrano (Sicily)": the name without its qualifier */
  if (split_qualifier (query, &name_length, &qualifier, &qualifier_length))
    {
      const DmCountry *qualifier_country = find_country (self, qualifier, qualifier_length);

      if (qualifier_country != NULL && qualifier_country != found)
        return NULL;
    }
  else
    {
      name_length = strlen (query);
    }
  dm_gazetteer_fold_into (query, name_length, key);

  n_query = dm_gazetteer_key_to_chars (key->str, query_chars, G_N_ELEMENTS (query_chars));
  if (n_query <= 0)
    return NULL;
  limit = n_query <= 5 ? 1 : 2;
  query_mask = dm_gazetteer_key_mask (key->str);
  best_distance = limit + 1;

  last = self->n_entries;
  if (self->grouped)
    {
      guint position = found - self->countries;

      first = self->country_first[position];
      last = first + self->country_count[position];
    }

  for (guint i = first; i < last; i++)
    {
      const DmGazetteerEntry *entry = &self->entries[i];

      if (strcmp (entry->country, found->code) != 0)
        continue;
      for (guint p = self->entry_postings[i]; p < self->entry_postings[i + 1]; p++)
        {
          const DmGazetteerPosting *posting = &g_array_index (self->postings,
                                                              DmGazetteerPosting, p);
          int n_name;
          guint d;

          /* most names are too long, too short, or made of other letters */
          if ((guint) ABS ((int) posting->n_chars - n_query) > limit ||
              (guint) __builtin_popcount (posting->mask ^ query_mask) > 2 * limit)
            continue;
          n_name = dm_gazetteer_key_to_chars (self->keys->str + posting->key, name_chars,
                                              G_N_ELEMENTS (name_chars));
          if (n_name < 0)
            continue;
          d = dm_gazetteer_edit_distance (query_chars, n_query, name_chars, n_name, limit);
          if (d < best_distance || (d == best_distance && d <= limit && is_better (entry, best)))
            {
              best = entry;
              best_distance = d;
            }
        }
    }

  if (best == NULL || best_distance > limit)
    return NULL;
  if (distance != NULL)
    *distance = best_distance;
  return best;
}

const DmGazetteerEntry *
dm_gazetteer_find_key (DmGazetteer *self,
                       const char  *key,
                       const char  *country,
                       guint        region,
                       guint       *n_places)
{
  return find_key (self, key, country, region, n_places);
}

const DmCountry *
dm_gazetteer_find_country (DmGazetteer *self,
                           const char  *code_or_name,
                           gssize       length)
{
  return find_country (self, code_or_name, length);
}

guint
dm_gazetteer_get_n_entries (DmGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_entries;
}

const DmGazetteerEntry *
dm_gazetteer_get_entry (DmGazetteer *self,
                        guint        position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->n_entries, NULL);

  return &self->entries[position];
}

guint
dm_gazetteer_get_n_countries (DmGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_countries;
}

const DmCountry *
dm_gazetteer_get_country (DmGazetteer *self,
                          guint        position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->n_countries, NULL);

  return &self->countries[position];
}

const char *
dm_gazetteer_country_get_code3 (DmGazetteer     *self,
                                const DmCountry *country)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (country >= self->countries &&
                        country < self->countries + self->n_countries, NULL);

  return self->country_code3[country - self->countries];
}
