/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The UN M49 geographic regions (https://unstats.un.org/unsd/methodology/m49/): regions,
 * their sub-regions and intermediate regions, and the smallest of them holding each country
 * (data/m49.tsv, made by build-aux/gen-m49). The app's region filter lists them. */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"
#include "dm-gazetteer-resources.h"

/* Each region followed by its sub-regions, each sub-region by its intermediate regions, in
 * M49's order; the names are M49's English ones, and the translations use the UN's own
 * French and Russian names */
static const DmM49Area areas[] = {
  /* Translators: UN M49 region names: please use the UN's official name in your language
   * where there is one (https://unstats.un.org/unsd/methodology/m49/) */
  { "002", N_("Africa"), NULL },
  { "015", N_("Northern Africa"), "002" },
  { "202", N_("Sub-Saharan Africa"), "002" },
  { "014", N_("Eastern Africa"), "202" },
  { "017", N_("Middle Africa"), "202" },
  { "018", N_("Southern Africa"), "202" },
  { "011", N_("Western Africa"), "202" },
  { "019", N_("Americas"), NULL },
  { "419", N_("Latin America and the Caribbean"), "019" },
  { "029", N_("Caribbean"), "419" },
  { "013", N_("Central America"), "419" },
  { "005", N_("South America"), "419" },
  { "021", N_("Northern America"), "019" },
  { "142", N_("Asia"), NULL },
  { "143", N_("Central Asia"), "142" },
  { "030", N_("Eastern Asia"), "142" },
  { "035", N_("South-eastern Asia"), "142" },
  { "034", N_("Southern Asia"), "142" },
  { "145", N_("Western Asia"), "142" },
  { "150", N_("Europe"), NULL },
  { "151", N_("Eastern Europe"), "150" },
  { "154", N_("Northern Europe"), "150" },
  { "039", N_("Southern Europe"), "150" },
  { "155", N_("Western Europe"), "150" },
  { "009", N_("Oceania"), NULL },
  { "053", N_("Australia and New Zealand"), "009" },
  { "054", N_("Melanesia"), "009" },
  { "057", N_("Micronesia"), "009" },
  { "061", N_("Polynesia"), "009" },
  /* in M49, Antarctica is in no region */
  { "010", N_("Antarctica"), NULL },
};

/* alpha-2 -> const DmM49Area *; read once, kept for the process */
static GHashTable *
get_country_areas (void)
{
  static gsize loaded = 0;
  static GHashTable *table = NULL;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resource_lookup_data (dm_gazetteer_data_get_resource (),
                                                        "/io/github/diplomap/Diplomap/data/m49.tsv",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      /* the fields point into the text, kept with the table */
      char *text = bytes != NULL ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                                 : g_strdup ("");
      char *cursor = text;
      char *line;

      if (bytes == NULL)
        g_critical ("The bundled M49 table is missing: %s", error->message);
      table = g_hash_table_new (g_str_hash, g_str_equal);
      while ((line = dm_gazetteer_next_line (&cursor)) != NULL)
        {
          char *f[2];
          const DmM49Area *area = NULL;

          if (dm_gazetteer_split_fields (line, f, G_N_ELEMENTS (f)) == 2)
            area = dm_gazetteer_lookup_m49_area (f[1]);
          if (area == NULL)
            {
              g_critical ("m49.tsv: a line without a known area: %s", line);
              continue;
            }
          g_hash_table_insert (table, f[0], (gpointer) area);
        }
      g_once_init_leave (&loaded, 1);
    }
  return table;
}

guint
dm_gazetteer_get_n_m49_areas (void)
{
  return G_N_ELEMENTS (areas);
}

const DmM49Area *
dm_gazetteer_get_m49_area (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (areas), NULL);

  return &areas[position];
}

/* @code_or_name: "145", or the English name ("Western Asia", case aside) */
const DmM49Area *
dm_gazetteer_lookup_m49_area (const char *code_or_name)
{
  g_return_val_if_fail (code_or_name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (strcmp (areas[i].code, code_or_name) == 0 ||
        g_ascii_strcasecmp (areas[i].name, code_or_name) == 0)
      return &areas[i];
  return NULL;
}

const DmM49Area *
dm_gazetteer_m49_area_get_parent (const DmM49Area *area)
{
  g_return_val_if_fail (area != NULL, NULL);

  return area->parent != NULL ? dm_gazetteer_lookup_m49_area (area->parent) : NULL;
}

const DmM49Area *
dm_gazetteer_country_get_m49_area (DmGazetteer *self,
                                   const char  *country)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (country == NULL)
    return NULL;
  if (strlen (country) == 2)
    {
      char code[3] = { g_ascii_toupper (country[0]), g_ascii_toupper (country[1]), '\0' };

      return g_hash_table_lookup (get_country_areas (), code);
    }
  else
    {
      const DmCountry *c = dm_gazetteer_lookup_country (self, country);

      return c != NULL ? g_hash_table_lookup (get_country_areas (), c->code) : NULL;
    }
}

gboolean
dm_gazetteer_country_in_m49_area (DmGazetteer     *self,
                                  const char      *country,
                                  const DmM49Area *area)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  for (const DmM49Area *a = dm_gazetteer_country_get_m49_area (self, country); a != NULL;
       a = dm_gazetteer_m49_area_get_parent (a))
    if (a == area)
      return TRUE;
  return FALSE;
}
