/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Airports by their codes, as flight logs write them: "SVO" (IATA), "ZKPY" (ICAO); from
 * data/airports.tsv (OurAirports), read on the first look-up only. */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dm-gazetteer-resources.h"
#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

#define AIRPORTS_PATH "/io/github/diplomap/Diplomap/data/airports.tsv"

static void
load_airports (DmGazetteer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resource_lookup_data (dm_gazetteer_data_get_resource (), AIRPORTS_PATH,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  guint n_lines = 1;
  char *cursor;
  char *line;

  self->airport_index = g_hash_table_new (g_str_hash, g_str_equal);
  if (bytes == NULL)
    {
      g_critical ("The bundled airports are missing (%s): %s", AIRPORTS_PATH, error->message);
      return;
    }
  self->airport_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  for (const char *p = self->airport_text; (p = strchr (p, '\n')) != NULL; p++)
    n_lines++;
  self->airports = g_new0 (DmAirport, n_lines);

  cursor = self->airport_text;
  while ((line = dm_gazetteer_next_line (&cursor)) != NULL)
    {
      char *f[7];
      DmAirport *airport = &self->airports[self->n_airports];

      if (dm_gazetteer_split_fields (line, f, G_N_ELEMENTS (f)) < 7)
        {
          g_critical ("airports.tsv: a line with too few fields: %s", line);
          continue;
        }
      airport->iata = f[0];
      airport->icao = f[1][0] ? f[1] : NULL;
      airport->name = f[2];
      airport->city = f[3][0] ? f[3] : NULL;
      airport->country = f[4];
      airport->latitude = g_ascii_strtod (f[5], NULL);
      airport->longitude = g_ascii_strtod (f[6], NULL);
      self->n_airports++;
      g_hash_table_insert (self->airport_index, (char *) airport->iata, GUINT_TO_POINTER (self->n_airports));
      if (airport->icao != NULL && !g_hash_table_contains (self->airport_index, airport->icao))
        g_hash_table_insert (self->airport_index, (char *) airport->icao, GUINT_TO_POINTER (self->n_airports));
    }
}

void
dm_gazetteer_free_airports (DmGazetteer *self)
{
  g_clear_pointer (&self->airport_index, g_hash_table_unref);
  g_clear_pointer (&self->airports, g_free);
  g_clear_pointer (&self->airport_text, g_free);
}

/* TRUE if @text is written as an airport code: three capital letters (IATA), or four
 * capital letters or digits that start with a letter (ICAO) */
gboolean
dm_gazetteer_is_airport_code (const char *text)
{
  gsize length;

  g_return_val_if_fail (text != NULL, FALSE);

  length = strlen (text);
  if (length != 3 && length != 4)
    return FALSE;
  if (!g_ascii_isupper (text[0]))
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if (!(g_ascii_isupper (text[i]) || (length == 4 && g_ascii_isdigit (text[i]))))
      return FALSE;
  return TRUE;
}

/* The airport of an IATA code ("SVO") or an ICAO code ("ZKPY"), in any case; NULL if the
 * gazetteer has none (it keeps the large and medium airports that have an IATA code) */
const DmAirport *
dm_gazetteer_lookup_airport (DmGazetteer *self,
                             const char  *code)
{
  char key[5];
  gsize length;
  guint position;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (g_once_init_enter (&self->airports_loaded))
    {
      load_airports (self);
      g_once_init_leave (&self->airports_loaded, 1);
    }
  length = strlen (code);
  if (length != 3 && length != 4)
    return NULL;
  for (gsize i = 0; i <= length; i++)
    key[i] = g_ascii_toupper (code[i]);
  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->airport_index, key));
  return position ? &self->airports[position - 1] : NULL;
}
