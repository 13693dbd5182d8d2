/* SPDX-License-Identifier: GPL-3.0-or-later */
/* First-level divisions (states, provinces) of the gazetteer: "Moscow, Idaho",
 * "Halifax (Nova Scotia)". */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <string.h>

#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

void
dm_gazetteer_parse_regions (DmGazetteer *self,
                            char        *text,
                            guint        n_lines)
{
  g_autofree guint *code_offsets = g_new0 (guint, n_lines);
  char *cursor = text;
  char *line;

  self->regions = g_new0 (DmGazetteerRegion, n_lines);
  self->region_codes = g_string_sized_new (n_lines * 8);
  self->region_postings = g_array_new (FALSE, FALSE, sizeof (DmGazetteerPosting));
  self->region_code_index = g_hash_table_new (g_str_hash, g_str_equal);

  while ((line = dm_gazetteer_next_line (&cursor)) != NULL)
    {
      char *f[4];
      guint n_fields = dm_gazetteer_split_fields (line, f, G_N_ELEMENTS (f));
      DmGazetteerRegion *region = &self->regions[self->n_regions];

      if (n_fields < 3 || self->n_regions == G_MAXUINT16 - 1)
        {
          g_critical ("regions.tsv: a line with too few fields, or too many lines: %s", line);
          continue;
        }
      region->country = f[0];
      region->code = f[1];
      region->name = f[2];
      code_offsets[self->n_regions] = self->region_codes->len;
      g_string_append_printf (self->region_codes, "%s.%s", f[0], f[1]);
      g_string_append_c (self->region_codes, '\0');
      dm_gazetteer_add_names (self, self->region_postings, self->n_regions, f[2],
                              n_fields > 3 ? f[3] : NULL);
      self->n_regions++;
    }

  /* the codes are final now */
  for (guint i = 0; i < self->n_regions; i++)
    g_hash_table_insert (self->region_code_index, self->region_codes->str + code_offsets[i],
                         GUINT_TO_POINTER (i + 1));
}

/* Chains the region postings by folded name; call once the keys are final. */
void
dm_gazetteer_index_regions (DmGazetteer *self)
{
  self->region_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->region_postings->len; i++)
    {
      DmGazetteerPosting *posting = &g_array_index (self->region_postings, DmGazetteerPosting, i);
      char *key = self->keys->str + posting->key;

      posting->next = GPOINTER_TO_UINT (g_hash_table_lookup (self->region_index, key));
      g_hash_table_insert (self->region_index, key, GUINT_TO_POINTER (i + 1));
    }
}

/* The region (plus one) of a country's code, 0 if unknown. */
guint
dm_gazetteer_find_region (DmGazetteer *self,
                          const char  *country,
                          const char  *code)
{
  char key[32];

  if (g_snprintf (key, sizeof key, "%s.%s", country, code) >= (int) sizeof key)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->region_code_index, key));
}

const char *
dm_gazetteer_entry_get_region (DmGazetteer            *self,
                               const DmGazetteerEntry *entry)
{
  guint region;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (entry >= self->entries && entry < self->entries + self->n_entries, NULL);

  region = self->entry_region[entry - self->entries];
  return region != 0 ? self->regions[region - 1].name : NULL;
}

void
dm_gazetteer_free_regions (DmGazetteer *self)
{
  g_clear_pointer (&self->region_index, g_hash_table_unref);
  g_clear_pointer (&self->region_code_index, g_hash_table_unref);
  g_clear_pointer (&self->region_postings, g_array_unref);
  if (self->region_codes != NULL)
    g_string_free (g_steal_pointer (&self->region_codes), TRUE);
  g_clear_pointer (&self->regions, g_free);
}
