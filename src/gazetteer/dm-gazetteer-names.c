/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names in the languages Diplomap ships besides English: countries from Unicode CLDR
 * (data/country-names.tsv), places from libgweather's translations (data/place-names.tsv),
 * compiled in beside the gazetteer, each read on first use. */

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
  GHashTable *by_key;                   /* "RU" or "RU\tMoscow" -> const char *[n_languages] */
  int         ui_column;                /* the UI language's column, -1: English */
} Names;

static int
find_column (const Names *names,
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
find_ui_column (const Names *names)
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

/* A table whose first @n_keys fields name a row (a code; a name and a code), the others
 * one language each */
static Names *
load_names (const char *file,
            guint       n_keys)
{
  Names *names = g_new0 (Names, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat ("/io/github/diplomap/Diplomap/data/", file, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (dm_gazetteer_data_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  char *cursor, *line;

  names->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  names->ui_column = -1;
  if (bytes == NULL)
    {
      g_critical ("The bundled %s is missing: %s", file, error->message);
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
      if (cursor[1] != ' ')
        {
          char *f[MAX_LANGUAGES + 2];
          guint n = dm_gazetteer_split_fields (cursor, f, G_N_ELEMENTS (f));

          for (guint i = n_keys; i < n; i++)
            names->languages[names->n_languages++] = f[i];
        }
      cursor = end + 1;
    }
  while ((line = dm_gazetteer_next_line (&cursor)) != NULL)
    {
      char *f[MAX_LANGUAGES + 2];
      guint n = dm_gazetteer_split_fields (line, f, names->n_languages + n_keys);
      const char **row = g_new0 (const char *, MAX (names->n_languages, 1));

      if (n < n_keys)
        continue;
      for (guint i = n_keys; i < n; i++)
        row[i - n_keys] = f[i][0] != '\0' ? f[i] : NULL;
      g_hash_table_insert (names->by_key,
                           n_keys == 1 ? g_strdup (f[0]) : g_strconcat (f[1], "\t", f[0], NULL),
                           row);
    }
  names->ui_column = find_ui_column (names);
  return names;
}

static const Names *
get_country_names (void)
{
  static gsize names;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, (gsize) load_names ("country-names.tsv", 1));
  return (const Names *) names;
}

static const Names *
get_place_names (void)
{
  static gsize names;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, (gsize) load_names ("place-names.tsv", 2));
  return (const Names *) names;
}

static const char *
translate (const Names *names,
           const char  *key,
           const char  *language)
{
  int column = language != NULL ? find_column (names, language) : names->ui_column;
  const char **row;

  if (column < 0)
    return NULL;
  row = g_hash_table_lookup (names->by_key, key);
  return row != NULL ? row[column] : NULL;
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
  (void) self;
  g_return_val_if_fail (code != NULL, NULL);
  return translate (get_country_names (), code, language);
}

/**
 * dm_gazetteer_translate_place:
 * @name: a place's English name as the gazetteer has it, "Moscow"
 * @country: its ISO 3166-1 alpha-2 code, "RU"
 * @language: (nullable): "fr", "ko_KR.UTF-8"...; %NULL for the user's language
 *
 * The name of a place of the gazetteer in @language, from libgweather's translations:
 * "Moscou", "모스크바". A document's own place names go through this too: a name that is
 * not the gazetteer's English one has no translation. Thread-safe.
 *
 * Returns: (nullable): the name, or %NULL when there is none (English among them)
 */
const char *
dm_gazetteer_translate_place (DmGazetteer *self,
                              const char  *name,
                              const char  *country,
                              const char  *language)
{
  char key[256];

  (void) self;
  if (name == NULL || country == NULL ||
      g_snprintf (key, sizeof key, "%s\t%s", country, name) >= (int) sizeof key)
    return NULL;
  return translate (get_place_names (), key, language);
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
