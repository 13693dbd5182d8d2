/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Completions: the places whose names (in any script) start with what is typed. */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <string.h>

#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

/* Whole names first, then capitals, then the most populous */
static int
compare_matches (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const DmGazetteerEntry *x = *(const DmGazetteerEntry * const *) a;
  const DmGazetteerEntry *y = *(const DmGazetteerEntry * const *) b;
  GHashTable *whole = user_data;
  gboolean wx = g_hash_table_contains (whole, x), wy = g_hash_table_contains (whole, y);

  if (wx != wy)
    return wx ? -1 : 1;
  if (x->is_capital != y->is_capital)
    return x->is_capital ? -1 : 1;
  if (x->population != y->population)
    return x->population > y->population ? -1 : 1;
  return strcmp (x->name, y->name);
}

/**
 * dm_gazetteer_complete:
 * @prefix: what the user typed, in any script and case, accents ignored
 * @max: the most places to return
 *
 * The places one of whose names starts with @prefix, for an entry's list of completions:
 * a place named exactly @prefix first, then capitals and the most populous.
 *
 * Returns: (transfer container) (element-type DmGazetteerEntry): owned by the gazetteer
 */
GPtrArray *
dm_gazetteer_complete (DmGazetteer *self,
                       const char  *prefix,
                       guint        max)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GHashTable) whole = g_hash_table_new (NULL, NULL);
  GPtrArray *matches = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, matches);
  g_return_val_if_fail (prefix != NULL, matches);

  dm_gazetteer_fold_into (prefix, -1, key);
  if (key->len == 0 || max == 0)
    return matches;
  for (guint e = 0; e < self->n_entries; e++)
    {
      for (guint32 p = self->entry_postings[e]; p < self->entry_postings[e + 1]; p++)
        {
          const DmGazetteerPosting *posting = &g_array_index (self->postings, DmGazetteerPosting, p);
          const char *name = self->keys->str + posting->key;

          if (strncmp (name, key->str, key->len) != 0)
            continue;
          g_ptr_array_add (matches, &self->entries[e]);
          if (name[key->len] == '\0')
            g_hash_table_add (whole, &self->entries[e]);
          break;
        }
    }
  g_ptr_array_sort_with_data (matches, compare_matches, whole);
  if (matches->len > max)
    g_ptr_array_set_size (matches, max);
  return matches;
}
