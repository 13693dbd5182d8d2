/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The offline gazetteer: places and countries from data/{gazetteer,countries}.tsv,
 * compiled in as a GResource, parsed on first use into one text arena. */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "dm-gazetteer-resources.h"
#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

#define RESOURCE_DIR "/io/github/diplomap/Diplomap/data/"

/* Splits line (NUL-terminated) at tabs in place; returns the number of fields. */
guint
dm_gazetteer_split_fields (char  *line,
                           char **fields,
                           guint  max_fields)
{
  guint n = 0;
  char *p = line;

  while (n < max_fields)
    {
      char *tab = strchr (p, '\t');

      fields[n++] = p;
      if (tab == NULL)
        break;
      *tab = '\0';
      p = tab + 1;
    }
  return n;
}

/* "-12.3456" as written by the generator; g_ascii_strtod for anything else */
static double
parse_coordinate (const char *text)
{
  const char *p = text;
  gboolean negative = FALSE;
  double value = 0;
  double scale = 1;

  if (*p == '-')
    negative = TRUE, p++;
  if (!g_ascii_isdigit (*p))
    return g_ascii_strtod (text, NULL);
  for (; g_ascii_isdigit (*p); p++)
    value = value * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        value = value * 10 + (*p - '0');
        scale *= 10;
      }
  if (*p != '\0')
    return g_ascii_strtod (text, NULL);
  return (negative ? -value : value) / scale;
}

/* Returns the next data line (comments and blank lines skipped), NUL-terminated. */
char *
dm_gazetteer_next_line (char **cursor)
{
  while (**cursor != '\0')
    {
      char *line = *cursor;
      char *newline = strchr (line, '\n');

      if (newline != NULL)
        {
          *newline = '\0';
          *cursor = newline + 1;
        }
      else
        {
          *cursor = line + strlen (line);
        }
      if (line[0] != '#' && line[0] != '\0')
        return line;
    }
  return NULL;
}

static guint32
add_key (DmGazetteer *self,
         const char  *name,
         gssize       length,
         guint32     *n_chars,
         guint32     *mask,
         guint32     *hash)
{
  guint32 offset = self->keys->len;

  *n_chars = dm_gazetteer_fold_into (name, length, self->keys);
  if (self->keys->len == offset)
    return G_MAXUINT32;   /* nothing left after folding */
  g_string_append_c (self->keys, '\0');
  dm_gazetteer_key_mask_hash (self->keys->str + offset, mask, hash);
  return offset;
}

/* Adds the folded name and each of the |-separated other names as postings of owner. */
void
dm_gazetteer_add_names (DmGazetteer *self,
                        GArray      *postings,
                        guint32      owner,
                        const char  *name,
                        const char  *others)
{
  DmGazetteerPosting posting = { 0, owner, 0, 0, 0, 0 };

  if ((posting.key = add_key (self, name, -1, &posting.n_chars, &posting.mask, &posting.hash)) != G_MAXUINT32)
    g_array_append_val (postings, posting);

  while (others != NULL && *others != '\0')
    {
      const char *bar = strchr (others, '|');
      gssize length = bar ? bar - others : (gssize) strlen (others);

      if ((posting.key = add_key (self, others, length, &posting.n_chars, &posting.mask, &posting.hash)) != G_MAXUINT32)
        g_array_append_val (postings, posting);
      others = bar ? bar + 1 : NULL;
    }
}

static const DmCountry *
find_country_by_code (DmGazetteer *self,
                      const char  *code)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->code_index, code));

  return position ? &self->countries[position - 1] : NULL;
}

static void
parse_countries (DmGazetteer *self,
                 char        *text,
                 guint        n_lines,
                 GArray      *postings)
{
  g_autofree const char **others = g_new0 (const char *, n_lines);
  char *cursor = text;
  char *line;

  self->countries = g_new0 (DmCountry, n_lines);
  self->country_code3 = g_new0 (const char *, n_lines);

  while ((line = dm_gazetteer_next_line (&cursor)) != NULL)
    {
      char *f[9];
      guint n_fields = dm_gazetteer_split_fields (line, f, G_N_ELEMENTS (f));
      DmCountry *country = &self->countries[self->n_countries];

      if (n_fields < 7)
        {
          g_critical ("countries.tsv: a line with too few fields: %s", line);
          continue;
        }
      country->code = f[0];
      self->country_code3[self->n_countries] = f[1];
      country->name = f[2];
      country->capital = f[3][0] ? f[3] : NULL;
      country->latitude = parse_coordinate (f[4]);
      country->longitude = parse_coordinate (f[5]);
      country->timezone = f[6];
      others[self->n_countries] = n_fields > 7 ? f[7] : NULL;
      country->continent = n_fields > 8 && f[8][0] ? f[8] : NULL;
      dm_gazetteer_add_names (self, postings, self->n_countries, f[2], NULL);
      self->n_countries++;
      g_hash_table_insert (self->code_index, f[0], GUINT_TO_POINTER (self->n_countries));
      g_hash_table_insert (self->code_index, f[1], GUINT_TO_POINTER (self->n_countries));
    }

  /* Other names after every country's own name, so that an own name wins a clash */
  for (guint i = 0; i < self->n_countries; i++)
    dm_gazetteer_add_names (self, postings, i, self->countries[i].code, others[i]);
}

static void
parse_entries (DmGazetteer *self,
               char        *text,
               guint        n_lines)
{
  char *cursor = text;
  char *line;
  guint last_country = G_MAXUINT;

  self->entries = g_new0 (DmGazetteerEntry, n_lines);
  self->entry_postings = g_new0 (guint32, n_lines + 1);
  self->entry_region = g_new0 (guint16, n_lines);
  self->country_first = g_new0 (guint, self->n_countries);
  self->country_count = g_new0 (guint, self->n_countries);
  self->grouped = TRUE;

  while ((line = dm_gazetteer_next_line (&cursor)) != NULL)
    {
      char *f[9];
      guint n_fields = dm_gazetteer_split_fields (line, f, G_N_ELEMENTS (f));
      DmGazetteerEntry *entry = &self->entries[self->n_entries];
      const DmCountry *country;
      guint country_pos;

      if (n_fields < 7)
        {
          g_critical ("gazetteer.tsv: a line with too few fields: %s", line);
          continue;
        }
      country = find_country_by_code (self, f[1]);
      entry->name = f[0];
      entry->country = f[1];
      entry->latitude = parse_coordinate (f[2]);
      entry->longitude = parse_coordinate (f[3]);
      entry->timezone = f[4][0] ? f[4] : (country ? country->timezone : "UTC");
      entry->population = (guint32) strtoul (f[5], NULL, 10);
      entry->is_capital = strchr (f[6], 'c') != NULL;
      entry->is_venue = strchr (f[6], 'v') != NULL;
      if (n_fields > 8 && f[8][0] != '\0')
        self->entry_region[self->n_entries] = dm_gazetteer_find_region (self, f[1], f[8]);

      if (country != NULL)
        {
          country_pos = country - self->countries;
          if (self->country_count[country_pos] == 0)
            self->country_first[country_pos] = self->n_entries;
          else if (country_pos != last_country)
            self->grouped = FALSE;
          self->country_count[country_pos]++;
          last_country = country_pos;
        }

      self->entry_postings[self->n_entries] = self->postings->len;
      dm_gazetteer_add_names (self, self->postings, self->n_entries, f[0], n_fields > 7 ? f[7] : NULL);
      self->n_entries++;
    }
  self->entry_postings[self->n_entries] = self->postings->len;
}

/* The slot of key: the one holding its chain, or the empty one where it would go. */
guint
dm_gazetteer_find_slot (DmGazetteer *self,
                        const char  *key,
                        guint32      hash)
{
  for (guint slot = hash & self->slot_mask;; slot = (slot + 1) & self->slot_mask)
    {
      guint32 head = self->slots[slot];
      const DmGazetteerPosting *posting;

      if (head == 0)
        return slot;
      posting = &g_array_index (self->postings, DmGazetteerPosting, head - 1);
      if (posting->hash == hash && strcmp (self->keys->str + posting->key, key) == 0)
        return slot;
    }
}

/* Chains the postings of each folded name, in an open-addressing table at most half full
 * (GLib's hash table and g_str_hash were a quarter of the load time). */
static void
index_postings (DmGazetteer *self)
{
  guint n_slots = 1024;

  while (n_slots < 2 * self->postings->len)
    n_slots *= 2;
  self->slots = g_new0 (guint32, n_slots);
  self->slot_mask = n_slots - 1;

  for (guint i = 0; i < self->postings->len; i++)
    {
      DmGazetteerPosting *posting = &g_array_index (self->postings, DmGazetteerPosting, i);
      guint slot = dm_gazetteer_find_slot (self, self->keys->str + posting->key, posting->hash);

      posting->next = self->slots[slot];
      self->slots[slot] = i + 1;
    }
}

static guint
count_lines (const char *text,
             gsize       size)
{
  guint n = 1;

  for (const char *p = memchr (text, '\n', size); p != NULL;
       p = memchr (p + 1, '\n', size - (p + 1 - text)))
    n++;
  return n;
}

static GBytes *
lookup_data (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  /* The generated resource registers itself too; asking it directly works either way. */
  GBytes *bytes = g_resource_lookup_data (dm_gazetteer_data_get_resource (), path,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (bytes == NULL)
    g_critical ("The bundled gazetteer is missing (%s): %s", path, error->message);
  return bytes;
}

DmGazetteer *
dm_gazetteer_new (void)
{
  const char *names[] = { "countries.tsv", "regions.tsv", "gazetteer.tsv" };
  GBytes *bytes[G_N_ELEMENTS (names)];
  char *texts[G_N_ELEMENTS (names)];
  gsize sizes[G_N_ELEMENTS (names)];
  g_autoptr(GArray) country_postings = g_array_new (FALSE, FALSE, sizeof (DmGazetteerPosting));
  DmGazetteer *self = g_new0 (DmGazetteer, 1);
  gsize total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      bytes[i] = lookup_data (names[i]);
      sizes[i] = bytes[i] ? g_bytes_get_size (bytes[i]) : 0;
      total += sizes[i] + 1;
    }

  /* one copy of the files; fields become NUL-terminated strings in place */
  self->text = g_malloc (total);
  total = 0;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      texts[i] = self->text + total;
      if (sizes[i] > 0)
        memcpy (texts[i], g_bytes_get_data (bytes[i], NULL), sizes[i]);
      texts[i][sizes[i]] = '\0';
      total += sizes[i] + 1;
      g_clear_pointer (&bytes[i], g_bytes_unref);
    }

  self->keys = g_string_sized_new (sizes[2]);
  self->postings = g_array_sized_new (FALSE, FALSE, sizeof (DmGazetteerPosting), sizes[2] / 12);
  self->code_index = g_hash_table_new (g_str_hash, g_str_equal);

  parse_countries (self, texts[0], count_lines (texts[0], sizes[0]), country_postings);
  dm_gazetteer_parse_regions (self, texts[1], count_lines (texts[1], sizes[1]));
  parse_entries (self, texts[2], count_lines (texts[2], sizes[2]));

  /* the keys are final now: their addresses no longer move */
  index_postings (self);
  dm_gazetteer_index_regions (self);
  self->country_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < country_postings->len; i++)
    {
      DmGazetteerPosting *posting = &g_array_index (country_postings, DmGazetteerPosting, i);
      char *key = self->keys->str + posting->key;

      if (!g_hash_table_contains (self->country_index, key))
        g_hash_table_insert (self->country_index, key, GUINT_TO_POINTER (posting->owner + 1));
    }

  g_debug ("Gazetteer: %u places, %u countries, %u regions, %u names",
           self->n_entries, self->n_countries, self->n_regions, self->postings->len);
  return self;
}

void
dm_gazetteer_free (DmGazetteer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->slots, g_free);
  g_clear_pointer (&self->country_index, g_hash_table_unref);
  g_clear_pointer (&self->code_index, g_hash_table_unref);
  dm_gazetteer_free_regions (self);
  dm_gazetteer_free_airports (self);
  g_free (self->entry_region);
  g_clear_pointer (&self->postings, g_array_unref);
  g_string_free (self->keys, TRUE);
  g_free (self->entry_postings);
  g_free (self->country_first);
  g_free (self->country_count);
  g_free (self->country_code3);
  g_free (self->countries);
  g_free (self->entries);
  g_free (self->text);
  g_free (self);
}

static gpointer
load_default_cb (gpointer data)
{
  return dm_gazetteer_new ();
}

DmGazetteer *
dm_gazetteer_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_default_cb, NULL);
}
