/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Places in free text as people write them: "O2 City Hall Newcastle, Newcastle, United
 * Kingdom", "Newport, KY, United States", "Del Mar, CA". The countries and regions named
 * at the end are kept as a constraint, never dropped. */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <string.h>

#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

#define MAX_PARTS 8
#define MAX_WHERE 16

/* A country, or a region (plus one) of it */
typedef struct {
  const DmCountry *country;
  guint            region;
} Where;

/* @part without its postal codes: "IL 62701" is "IL", "75008 Paris" is "Paris" */
static char *
drop_numbers (const char *part)
{
  g_auto(GStrv) words = g_strsplit (part, " ", -1);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strspn (words[i], "0123456789-") != strlen (words[i]))
      g_string_append_printf (kept, "%s%s", kept->len ? " " : "", words[i]);
  return kept->len > 0 ? g_string_free (g_steal_pointer (&kept), FALSE) : g_strdup (part);
}

/* The comma-separated parts of @text, "Name (Qualifier)" as "Name, Qualifier" */
static guint
split_parts (const char  *text,
             char       **parts)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize length = strlen (copy);
  g_auto(GStrv) pieces = NULL;
  char *inside = NULL;
  guint n = 0;

  if (length > 0 && copy[length - 1] == ')' && strrchr (copy, '(') != NULL)
    {
      char *open = strrchr (copy, '(');

      copy[length - 1] = '\0';
      *open = '\0';
      inside = open + 1;
    }
  pieces = g_strsplit (copy, ",", -1);
  for (guint i = 0; pieces[i] != NULL && n < MAX_PARTS - 1; i++)
    if (*g_strstrip (pieces[i]) != '\0')
      parts[n++] = drop_numbers (pieces[i]);
  if (inside != NULL && *g_strstrip (inside) != '\0' && n > 0)
    parts[n++] = g_strdup (inside);
  return n;
}

/* What @part names inside each of @where (anywhere if @n_where is 0): the countries and
 * regions, into @out; how many */
static guint
narrow (DmGazetteer *self,
        const char  *part,
        const Where *where,
        guint        n_where,
        Where       *out)
{
  g_autoptr(GString) key = g_string_new (NULL);
  const DmCountry *country = dm_gazetteer_find_country (self, part, -1);
  gsize length = strlen (part);
  guint n = 0;
  guint p;

  /* ISO 3166-2: "US-KY", "CA-NS", "AU-NSW" */
  if (length >= 4 && length <= 6 && part[2] == '-' && g_ascii_isalpha (part[0]) &&
      g_ascii_isalpha (part[1]) && (country = dm_gazetteer_find_country (self, part, 2)) != NULL)
    {
      Where in_country = { country, 0 };
      g_autofree char *code = g_ascii_strup (part + 3, -1);
      guint region = dm_gazetteer_find_region (self, country->code, code);
      gboolean fits = n_where == 0;

      for (guint i = 0; i < n_where; i++)
        fits |= where[i].region == 0 && where[i].country == country;
      if (!fits)
        return 0;
      if (region != 0)
        {
          out[0] = (Where) { country, region };
          return 1;
        }
      return narrow (self, part + 3, &in_country, 1, out);
    }

  if (country != NULL)
    {
      gboolean fits = n_where == 0;

      for (guint i = 0; i < n_where; i++)
        fits |= where[i].region == 0 && where[i].country == country;
      if (fits)
        out[n++] = (Where) { country, 0 };
    }

  dm_gazetteer_fold_into (part, -1, key);
  p = GPOINTER_TO_UINT (g_hash_table_lookup (self->region_index, key->str));
  for (; p != 0 && n < MAX_WHERE; )
    {
      const DmGazetteerPosting *posting = &g_array_index (self->region_postings,
                                                          DmGazetteerPosting, p - 1);
      const DmGazetteerRegion *region = &self->regions[posting->owner];
      const DmCountry *in = dm_gazetteer_find_country (self, region->country, -1);
      gboolean fits = n_where == 0;

      p = posting->next;
      for (guint i = 0; i < n_where; i++)
        fits |= where[i].region == 0 && where[i].country == in;
      for (guint i = 0; i < n && fits; i++)
        fits = out[i].region != posting->owner + 1;
      if (fits && in != NULL)
        out[n++] = (Where) { in, posting->owner + 1 };
    }
  return n;
}

/* The best place called @name inside one of @where (anywhere if @n_where is 0), the
 * first of @where that has one */
static const DmGazetteerEntry *
find_in (DmGazetteer *self,
         const char  *name,
         gssize       length,
         const Where *where,
         guint        n_where)
{
  g_autoptr(GString) key = g_string_new (NULL);
  const DmGazetteerEntry *entry;

  dm_gazetteer_fold_into (name, length, key);
  if (key->len == 0)
    return NULL;
  if (n_where == 0)
    return dm_gazetteer_find_key (self, key->str, NULL, 0, NULL);
  for (guint i = 0; i < n_where; i++)
    if ((entry = dm_gazetteer_find_key (self, key->str, where[i].country->code, where[i].region,
                                        NULL)) != NULL)
      return entry;
  return NULL;
}

/* Where the text puts a place it does not know: a U.S., Canadian or Australian state
 * before a country of the same code ("Joint Base Andrews, MD" is in Maryland) */
static const Where *
best_where (DmGazetteer *self,
            const Where *where,
            guint        n_where)
{
  for (guint i = 0; i < n_where; i++)
    if (where[i].region != 0 &&
        (g_str_equal (where[i].country->code, "US") || g_str_equal (where[i].country->code, "CA") ||
         g_str_equal (where[i].country->code, "AU")))
      return &where[i];
  return &where[0];
}

static void
set_where (DmGazetteer          *self,
           const Where          *where,
           DmGazetteerTextMatch *match)
{
  match->country = where->country;
  match->region = where->region != 0 ? self->regions[where->region - 1].name : NULL;
}

/* The place that @text names, inside the countries and regions it names at its end
 * (and @country, an alpha-2 code or a name, unless NULL): the whole text first, then
 * the text without them, then each remaining part from the first. With nothing found,
 * match->country (and ->region) still say where the text puts it. */
void
dm_gazetteer_lookup_text (DmGazetteer          *self,
                          const char           *text,
                          const char           *country,
                          DmGazetteerTextMatch *match)
{
  g_autoptr(GString) key = g_string_new (NULL);
  char *parts[MAX_PARTS] = { NULL };
  Where where[MAX_WHERE];
  Where narrowed[MAX_WHERE];
  const DmCountry *given = NULL;
  guint n_where = 0;
  guint n_parts;
  guint n_left;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (match != NULL);

  memset (match, 0, sizeof *match);
  if (country != NULL && (given = dm_gazetteer_find_country (self, country, -1)) != NULL)
    where[n_where++] = (Where) { given, 0 };

  dm_gazetteer_fold_into (text, -1, key);
  if (key->len == 0)
    return;
  match->name = g_strstrip (g_strdup (text));
  if ((match->entry = dm_gazetteer_find_key (self, key->str, given ? given->code : NULL, 0,
                                             NULL)) != NULL)
    return;

  /* the countries and regions at the end: "…, KY, United States" */
  n_parts = n_left = split_parts (text, parts);
  while (n_left > 1)
    {
      guint n = narrow (self, parts[n_left - 1], where, n_where, narrowed);

      if (n == 0 && given != NULL && n_left == n_parts &&
          dm_gazetteer_find_country (self, parts[n_left - 1], -1) != NULL)
        {
          /* "Newcastle, United Kingdom" given as in the United States: the text wins */
          match->other_country = TRUE;
          n = narrow (self, parts[n_left - 1], NULL, 0, narrowed);
        }
      if (n == 0)
        break;
      memcpy (where, narrowed, n * sizeof (Where));
      n_where = n;
      n_left--;
    }

  if (n_left < n_parts)
    {
      g_autoptr(GString) name = g_string_new (parts[0]);

      for (guint i = 1; i < n_left; i++)
        g_string_append_printf (name, ", %s", parts[i]);
      g_free (match->name);
      match->name = g_string_free (g_steal_pointer (&name), FALSE);
      if (n_left > 1)
        match->entry = find_in (self, match->name, -1, where, n_where);
    }
  if (match->other_country && n_where > 0)
    set_where (self, &where[0], match);

  /* each part: "O2 City Hall Newcastle, Newcastle" is in Newcastle; a part after the
   * one found names nothing known ("Gyeongju, North Gyeongsang") and is said */
  for (guint i = 0; match->entry == NULL && i < n_left; i++)
    if ((match->entry = find_in (self, parts[i], -1, where, n_where)) != NULL && i + 1 < n_left)
      match->dropped = g_strdup (parts[n_left - 1]);

  /* "Kremlin, Moscow, Russia": the region of that name is also its city (when the text
   * names one region only: "Sochi, Florida" is not the Uruguayan town) */
  for (guint i = n_left; match->entry == NULL && n_where == 1 && i < n_parts; i++)
    {
      Where one[MAX_WHERE];
      guint n = narrow (self, parts[i], NULL, 0, one);

      for (guint k = 0; k < n && match->entry == NULL; k++)
        for (guint w = 0; w < n_where && match->entry == NULL; w++)
          if (one[k].region != 0 && one[k].region == where[w].region)
            match->entry = find_in (self, parts[i], -1, &where[w], 1);
    }

  if (match->entry == NULL && n_left < n_parts)
    set_where (self, best_where (self, where, n_where), match);
  else if (match->entry != NULL && n_left < n_parts)
    {
      /* the region or country the place was found in */
      for (guint w = 0; w < n_where; w++)
        if (g_str_equal (where[w].country->code, match->entry->country) &&
            (where[w].region == 0 ||
             self->entry_region[match->entry - self->entries] == where[w].region))
          {
            set_where (self, &where[w], match);
            break;
          }
    }

  for (guint i = 0; i < n_parts; i++)
    g_free (parts[i]);
}

void
dm_gazetteer_text_match_clear (DmGazetteerTextMatch *match)
{
  g_clear_pointer (&match->name, g_free);
  g_clear_pointer (&match->dropped, g_free);
}
