/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Places of the U.S. travel record: its country ids, its <locale> texts, and the
 * rules that find them in the gazetteer (docs/USTRAVEL.md, "Matching"). */

#define G_LOG_DOMAIN "dm-ustravel"

#include "config.h"

#include <string.h>

#include "dm-ustravel-private.h"

/* Country ids whose words are not a name the gazetteer knows, or name a state
 * that is gone: the state that holds most of its places today. */
static const struct { const char *id; const char *code; } country_ids[] = {
  { "congo-democratic-republic", "CD" },
  { "congo-kinshasa", "CD" },
  { "czechoslovakia", "CZ" },
  { "german-democratic-republic", "DE" },
  { "holy-see", "VA" },
  { "korea-north", "KP" },
  { "korea-south", "KR" },
  { "netherlands-antilles", "CW" },
  { "palestinian-authority", "PS" },
  { "west-bank", "PS" },
  { "turkey", "TR" },
  { "turkiye", "TR" },
  { "yugoslavia", "RS" },
  { "serbia-montenegro", "RS" },
  { "sudan", "SD" },
  { "south-sudan", "SS" },
  { "georgia", "GE" },
  { "niger", "NE" },
  { "guinea", "GN" },
  { "burma", "MM" },
  { "macedonia", "MK" },
  { "north-macedonia", "MK" },
  { "kosovo", "XK" },
  { "taiwan", "TW" },
  { "russia", "RU" },
};

/* Where else a place named under a country may be: the successor states of a union,
 * the territories and colonies a country held when the trip was made. Only exact
 * names are looked for there. */
static const struct { const char *code; const char *others; } neighbours[] = {
  { "RU", "UA BY GE KZ AM AZ UZ TM KG TJ MD LT LV EE" },
  { "GB", "BM BS JM TT BB LC AG HK MT CA IE GI KY VG VC GD DM KN BZ GY CY KE" },
  { "FR", "DZ SN MQ GP MF BL GF PF NC RE TN MA MC" },
  { "DK", "GL VI FO" },
  { "NL", "CW AW SX BQ SR" },
  { "CW", "AW SX BQ NL" },
  { "ES", "CU PR" },
  { "RS", "HR SI BA ME MK XK" },
  { "CZ", "SK" },
  { "PS", "IL" },
  { "IL", "PS EG SY JO" },
  { "JO", "IL PS LB SY" },
  { "BH", "SA" },
  { "CN", "HK MO TW" },
  { "MK", "XK" },
  { "XK", "RS MK" },
};

/* Spellings of the record that the gazetteer has under another name. @country limits a
 * rename to the record's country (alpha-2) when the name is common. */
static const struct { const char *name; const char *country; const char *to; const char *to_country; } renames[] = {
  { "Saigon", NULL, "Ho Chi Minh City", "VN" },
  { "Leningrad", NULL, "Saint Petersburg", "RU" },
  { "Djakarta", NULL, "Jakarta", "ID" },
  { "Jidda", NULL, "Jeddah", "SA" },
  { "Alma Ata", NULL, "Almaty", "KZ" },
  { "Kishenev", NULL, "Chisinau", "MD" },
  { "Ashkhabad", NULL, "Ashgabat", "TM" },
  { "Tblisi", NULL, "Tbilisi", "GE" },
  { "Zagorsk", NULL, "Sergiyev Posad", "RU" },
  { "Hangchow", NULL, "Hangzhou", "CN" },
  { "Soochow", NULL, "Suzhou", "CN" },
  { "Guelin", NULL, "Guilin", "CN" },
  { "Beersheva", NULL, "Beersheba", "IL" },
  { "Karmeil", NULL, "Karmiel", "IL" },
  { "Panmunjon", NULL, "Panmunjom", "KR" },
  { "Cheju Island", NULL, "Jeju City", "KR" },
  { "Porto Cabello", NULL, "Puerto Cabello", "VE" },
  { "Castel Ventrano", NULL, "Castelvetrano", "IT" },
  { "Palma de Majorca", NULL, "Palma", "ES" },
  { "Hull", "CA", "Gatineau", "CA" },
  { "Urosevac", NULL, "Ferizaj", "XK" },
  { "Chelyabinsk-70", NULL, "Snezhinsk", "RU" },
  { "Bathurst", "GM", "Banjul", "GM" },
  { "Kingstown", "IE", "Dún Laoghaire", "IE" },
  { "St. Thomas", "DK", "Charlotte Amalie", "VI" },
  { "St. Maartin", NULL, "Philipsburg", "SX" },
  { "St. Martin Island", NULL, "Marigot", "MF" },
  { "Trinidad", "GB", "Port of Spain", "TT" },
  { "Raratonga", NULL, "Avarua", "CK" },
  { "Rarotonga", NULL, "Avarua", "CK" },
  { "Mexico", "MX", "Mexico City", "MX" },
  { "Mexico D.F.", NULL, "Mexico City", "MX" },
  { "Ciudad de Mexico", NULL, "Mexico City", "MX" },
  { "Chapultepec", "MX", "Mexico City", "MX" },
  { "Los Cabos", NULL, "Cabo San Lucas", "MX" },
  { "San Cristobal", "MX", "San Cristóbal de las Casas", "MX" },
  { "Potosi", "MX", "San Luis Potosí", "MX" },
  { "Louvain", NULL, "Leuven", "BE" },
  { "Malines", NULL, "Mechelen", "BE" },
  { "Salisbury", "ZW", "Harare", "ZW" },
  { "West Berlin", NULL, "Berlin", "DE" },
  { "East Berlin", NULL, "Berlin", "DE" },
  { "Bahia", "BR", "Salvador", "BR" },
  { "Salvador da Bahia", NULL, "Salvador", "BR" },
  { "Para", "BR", "Belém", "BR" },
  { "Pernambuco", NULL, "Recife", "BR" },
  { "Bahia", "EC", "Bahía de Caráquez", "EC" },
  { "Khorat", NULL, "Nakhon Ratchasima", "TH" },
  { "Ludwigshafen", NULL, "Ludwigshafen am Rhein", "DE" },
  { "Oggersheim", NULL, "Ludwigshafen am Rhein", "DE" },
  { "Ingelheim", NULL, "Ingelheim am Rhein", "DE" },
  { "Wiesbaden-Erbenheim", NULL, "Wiesbaden", "DE" },
  { "Antigua", "GT", "Antigua Guatemala", "GT" },
  { "Antigua", "GB", "Saint John's", "AG" },
  { "Camau", NULL, "Cà Mau", "VN" },
  { "Palmyra", "SY", "Tadmur", "SY" },
  { "Ephesus", NULL, "Selçuk", "TR" },
  { "Crete", "GR", "Chania", "GR" },
  { "Souda", "GR", "Chania", "GR" },
  { "Murray Town", "SL", "Freetown", "SL" },
  { "Cutuco", "SV", "La Unión", "SV" },
  { "Qasim", "SA", "Buraydah", "SA" },
  { "Farmleigh", "IE", "Dublin", "IE" },
  { "Demilitarized Zone", "KR", "Panmunjom", "KR" },
  { "Stenkovec", NULL, "Skopje", "MK" },
  { "Stenkovec I", NULL, "Skopje", "MK" },
  { "Angkor Wat", NULL, "Siem Reap", "KH" },
  { "Auschwitz", NULL, "Oświęcim", "PL" },
  { "Auschwitz-Birkenau", NULL, "Oświęcim", "PL" },
  { "Torrejon", "ES", "Torrejón de Ardoz", "ES" },
  { "Suez Canal", "EG", "Ismailia", "EG" },
  { "Terceira", "PT", "Lajes", "PT" },
  { "Santiago", "CU", "Santiago de Cuba", "CU" },
  { "Christianstadt", NULL, "Christiansted", "VI" },
  { "Bali", NULL, "Nusa Dua", "ID" },
  { "Apulia", NULL, "Borgo Egnazia", "IT" },
  { "Yongsan", NULL, "Seoul", "KR" },
  { "Nauheim", NULL, "Bad Nauheim", "DE" },
  { "Hainan", NULL, "Haikou", "CN" },
  { "Cornwall", "GB", "Carbis Bay", "GB" },
};

/* Words that qualify the place before them rather than name a stop ("Mexico, D.F.") */
static const char * const qualifiers[] = {
  "D.F.", "West Indies", "Sussex", "Quebec", "Nova Scotia", NULL
};

/* Endings that name what a place is rather than where: tried without them */
static const char * const suffixes[] = {
  " Air Force Base", " Air Base", " Airfield", " Field", " Island", " Islands",
  " Province", " City", " Castle", " Bay", NULL
};

const char *
dm_ustravel_country_code (DmGazetteer *gazetteer,
                          const char  *id,
                          const char  *text)
{
  const DmCountry *country;

  if (id != NULL)
    {
      g_autofree char *words = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (country_ids); i++)
        if (g_str_equal (id, country_ids[i].id))
          return country_ids[i].code;
      words = g_strdelimit (g_strdup (id), "-", ' ');
      if ((country = dm_gazetteer_lookup_country (gazetteer, words)) != NULL)
        return country->code;
    }
  if (text != NULL && (country = dm_gazetteer_lookup_country (gazetteer, text)) != NULL)
    return country->code;
  return NULL;
}

static gboolean
is_qualifier (const char *part,
              const char *previous)
{
  if (previous == NULL)
    return FALSE;
  for (guint i = 0; qualifiers[i] != NULL; i++)
    if (g_ascii_strcasecmp (part, qualifiers[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Commas outside parentheses separate places; whitespace runs are one space */
GPtrArray *
dm_ustravel_split_locale (const char *locale)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) part = g_string_new (NULL);
  int depth = 0;

  for (const char *p = locale; ; p++)
    {
      if (*p == '\0' || (*p == ',' && depth == 0))
        {
          char *text = g_strstrip (g_strdup (part->str));
          const char *previous = parts->len ? g_ptr_array_index (parts, parts->len - 1) : NULL;

          if (text[0] != '\0' && !is_qualifier (text, previous))
            g_ptr_array_add (parts, text);
          else
            g_free (text);
          g_string_truncate (part, 0);
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      if (g_ascii_isspace (*p))
        {
          if (part->len > 0 && part->str[part->len - 1] != ' ')
            g_string_append_c (part, ' ');
        }
      else
        g_string_append_c (part, *p);
    }
  return parts;
}

/* The names of renames[], folded once */
static gpointer
fold_renames_cb (gpointer data)
{
  char **folded = g_new0 (char *, G_N_ELEMENTS (renames) + 1);

  for (guint r = 0; r < G_N_ELEMENTS (renames); r++)
    folded[r] = dm_gazetteer_fold (renames[r].name);
  return folded;
}

/* The rename of @candidate in @country, or NULL */
static const DmGazetteerEntry *
lookup_renamed (DmGazetteer *gazetteer,
                const char  *candidate,
                const char  *country)
{
  static GOnce once = G_ONCE_INIT;
  char **folded = g_once (&once, fold_renames_cb, NULL);
  g_autofree char *key = dm_gazetteer_fold (candidate);

  for (guint r = 0; r < G_N_ELEMENTS (renames); r++)
    if (g_str_equal (folded[r], key) &&
        (renames[r].country == NULL || g_str_equal (renames[r].country, country)))
      return dm_gazetteer_lookup (gazetteer, renames[r].to, renames[r].to_country);
  return NULL;
}

static const DmGazetteerEntry *
lookup_in_neighbours (DmGazetteer *gazetteer,
                      const char  *name,
                      const char  *country)
{
  for (guint i = 0; i < G_N_ELEMENTS (neighbours); i++)
    {
      g_auto(GStrv) codes = NULL;

      if (!g_str_equal (neighbours[i].code, country))
        continue;
      codes = g_strsplit (neighbours[i].others, " ", -1);
      for (guint k = 0; codes[k] != NULL; k++)
        {
          const DmGazetteerEntry *e = dm_gazetteer_lookup (gazetteer, name, codes[k]);
          if (e != NULL)
            return e;
        }
    }
  return NULL;
}

/* The names to try for one part of a locale, best first */
static GPtrArray *
candidate_names (const char *name,
                 char      **hint)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *open = strchr (name, '(');
  g_autofree char *bare = NULL;

  *hint = NULL;
  if (open != NULL)
    {
      const char *close = strchr (open, ')');

      bare = g_strstrip (g_strndup (name, open - name));
      *hint = g_strstrip (g_strndup (open + 1, close ? (gsize) (close - open - 1) : strlen (open + 1)));
    }
  else
    bare = g_strdup (name);

  g_ptr_array_add (names, g_strdup (bare));
  if (g_str_has_prefix (bare, "The ") && strlen (bare) > 4)
    g_ptr_array_add (names, g_strdup (bare + 4));
  if (g_str_has_prefix (bare, "St. ") || g_str_has_prefix (bare, "St "))
    g_ptr_array_add (names, g_strconcat ("Saint ", strchr (bare, ' ') + 1, NULL));
  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_str_has_suffix (bare, suffixes[i]) && strlen (bare) > strlen (suffixes[i]))
      g_ptr_array_add (names, g_strndup (bare, strlen (bare) - strlen (suffixes[i])));
  return names;
}

static void
resolve_place (DmGazetteer        *gazetteer,
               const char         *name,
               const char         *country,
               DmUstravelResolved *out)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *hint = NULL;
  const DmCountry *hinted = NULL;
  const DmCountry *named;
  const char *where[2] = { NULL, NULL };

  out->entry = NULL;
  out->how = DM_USTRAVEL_MATCH_NONE;
  out->distance = 0;

  names = candidate_names (name, &hint);
  /* "Algiers (Algeria)", "Bathurst (The Gambia)": the hint says where */
  if (hint != NULL)
    hinted = dm_gazetteer_lookup_country (gazetteer, g_str_has_prefix (hint, "The ") ? hint + 4 : hint);
  where[0] = hinted ? hinted->code : country;
  where[1] = hinted ? country : NULL;

  for (guint w = 0; w < G_N_ELEMENTS (where); w++)
    {
      if (where[w] == NULL)
        continue;
      for (guint i = 0; i < names->len; i++)
        {
          const char *candidate = g_ptr_array_index (names, i);

          if ((out->entry = lookup_renamed (gazetteer, candidate, where[w])) != NULL)
            {
              out->how = DM_USTRAVEL_MATCH_RENAMED;
              return;
            }
          if ((out->entry = dm_gazetteer_lookup (gazetteer, candidate, where[w])) != NULL)
            {
              out->how = (i == 0 && w == 0 && hint == NULL) ? DM_USTRAVEL_MATCH_EXACT
                                                            : DM_USTRAVEL_MATCH_RENAMED;
              return;
            }
        }
    }

  /* a country named in parentheses says where: no other country is searched */
  for (guint i = 0; hinted == NULL && i < names->len; i++)
    if ((out->entry = lookup_in_neighbours (gazetteer, g_ptr_array_index (names, i), country)) != NULL)
      {
        out->how = DM_USTRAVEL_MATCH_NEIGHBOUR;
        return;
      }

  /* "Bermuda", "The Bahamas": a territory, at its capital (none of them is large) */
  for (guint i = 0; i < names->len; i++)
    {
      named = dm_gazetteer_lookup_country (gazetteer, g_ptr_array_index (names, i));
      if (named != NULL && named->capital != NULL && g_strcmp0 (named->code, country) != 0 &&
          (out->entry = dm_gazetteer_lookup (gazetteer, named->capital, named->code)) != NULL)
        {
          out->how = DM_USTRAVEL_MATCH_TERRITORY;
          return;
        }
    }

  for (guint w = 0; w < G_N_ELEMENTS (where); w++)
    for (guint i = 0; where[w] != NULL && i < names->len; i++)
      if ((out->entry = dm_gazetteer_lookup_fuzzy (gazetteer, g_ptr_array_index (names, i),
                                                   where[w], &out->distance)) != NULL)
        {
          out->how = DM_USTRAVEL_MATCH_FUZZY;
          return;
        }
}

/**
 * dm_ustravel_resolve_place:
 *
 * Finds a place the record names in @country. Results are kept for the process: the
 * record names the same places in many files, and a miss costs fuzzy searches.
 * Thread-safe.
 */
void
dm_ustravel_resolve_place (DmGazetteer        *gazetteer,
                           const char         *name,
                           const char         *country,
                           DmUstravelResolved *out)
{
  static GMutex lock;
  static GHashTable *cache;
  g_autofree char *key = g_strconcat (country, "\t", name, NULL);
  DmUstravelResolved *found;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  found = g_hash_table_lookup (cache, key);
  if (found != NULL)
    *out = *found;
  g_mutex_unlock (&lock);
  if (found != NULL)
    return;

  resolve_place (gazetteer, name, country, out);

  g_mutex_lock (&lock);
  g_hash_table_replace (cache, g_steal_pointer (&key), g_memdup2 (out, sizeof *out));
  g_mutex_unlock (&lock);
}
