/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Country names in the languages Diplomap ships, from Unicode CLDR (data/country-names.tsv,
 * compiled in beside the gazetteer), read on first use. */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dm-gazetteer-resources.h"
#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

#define MAX_LANGUAGES 8

typedef struct
{
  char       *text;                     /* the file, cut into NUL-terminated fields */
  char       *languages[MAX_LANGUAGES]; /* the header's columns: "fr", "ru"... */
  guint       n_languages;
  GHashTable *by_code;                  /* "RU" -> const char *[n_languages] */
  int         ui_column;                /* the UI language's column, -1: English */
} CountryNames;

static int
find_column (const CountryNames *names,
             const char         *language)
{
  gsize n = strcspn (language, "_.@");

  for (guint i = 0; i < names->n_languages; i++)
    if (strlen (names->languages[i]) == n && strncmp (names->languages[i], language, n) == 0)
      return (int) i;
  return -1;
}

/* The first of the user's languages that is English or has a column: "fr" for
 * LANGUAGE=fr_CA:fr, English (-1) for C */
static int
find_ui_column (const CountryNames *names)
{
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      int column;

      if (strcmp (languages[i], "C") == 0 || strncmp (languages[i], "C.", 2) == 0 ||
          strcmp (languages[i], "POSIX") == 0 || strncmp (languages[i], "en", 2) == 0)
        return -1;
      if ((column = find_column (names, languages[i])) >= 0)
        return column;
    }
  return -1;
}

static CountryNames *
load_names (void)
{
  CountryNames *names = g_new0 (CountryNames, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resource_lookup_data (dm_gazetteer_data_get_resource (),
                                                    "/io/github/diplomap/Diplomap/data/country-names.tsv",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  char *cursor, *line;

  names->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  names->ui_column = -1;
  if (bytes == NULL)
    {
      g_critical ("The bundled country names are missing: %s", error->message);
      return names;
    }
  names->text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* the header "#code\tfr\tru..." names the columns */
  for (cursor = names->text; *cursor == '#';)
    {
      char *end = strchr (cursor, '\n');

      if (end == NULL)
        break;
      *end = '\0';
      if (g_str_has_prefix (cursor, "#code\t"))
        {
          char *f[MAX_LANGUAGES + 1];
          guint n = dm_gazetteer_split_fields (cursor, f, G_N_ELEMENTS (f));

          for (guint i = 1; i < n; i++)
            names->languages[names->n_languages++] = f[i];
        }
      cursor = end + 1;
    }
  while ((line = dm_gazetteer_next_line (&cursor)) != NULL)
    {
      char *f[MAX_LANGUAGES + 1];
      guint n = dm_gazetteer_split_fields (line, f, names->n_languages + 1);
      const char **row = g_new0 (const char *, MAX (names->n_languages, 1));

      for (guint i = 1; i < n; i++)
        row[i - 1] = f[i][0] != '\0' ? f[i] : NULL;
      g_hash_table_insert (names->by_code, f[0], row);
    }
  names->ui_column = find_ui_column (names);
  return names;
}

static const CountryNames *
get_names (void)
{
  static gsize names;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, (gsize) load_names ());
  return (const CountryNames *) names;
}

/**
 * dm_gazetteer_translate_country:
 * @code: an ISO 3166-1 alpha-2 code, "RU"
 * @language: (nullable): "fr", "ko_KR.UTF-8"...; %NULL for the user's language
 *
 * The short name that people read on a map in @language, from Unicode CLDR: "Russie",
 * "러시아", "Corée du Nord" (not the index forms of ISO lists, "Russie, Fédération de").
 * Thread-safe.
 *
 * Returns: (nullable): the name, or %NULL when @language is English or has no name for
 *   @code: the caller keeps its English name
 */
const char *
dm_gazetteer_translate_country (DmGazetteer *self,
                                const char  *code,
                                const char  *language)
{
  const CountryNames *names = get_names ();
  const char **row;
  int column;

  (void) self;
  g_return_val_if_fail (code != NULL, NULL);
  column = language != NULL ? find_column (names, language) : names->ui_column;
  if (column < 0)
    return NULL;
  row = g_hash_table_lookup (names->by_code, code);
  return row != NULL ? row[column] : NULL;
}

/**
 * dm_gazetteer_country_get_display_name:
 *
 * The name of @country for lists and details in the user's language ("Russie" in French),
 * else the gazetteer's English name.
 */
const char *
dm_gazetteer_country_get_display_name (DmGazetteer     *self,
                                       const DmCountry *country)
{
  const char *name;

  g_return_val_if_fail (country != NULL, NULL);
  name = dm_gazetteer_translate_country (self, country->code, NULL);
  return name != NULL ? name : country->name;
}
