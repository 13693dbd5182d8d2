/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-csv-private.h"
#include "dm-saver.h"

/* CSV out, for spreadsheets: RFC 4180 with a header row, UTF-8 with a byte order mark
 * (so that Excel takes it as UTF-8), CRLF. A trip is one row per leg sharing its
 * "trip" id; a visit, summit or meeting is one row. The columns are those the CSV
 * reader knows, so the file reads back. */

static const char * const header[] = {
  "trip", "type", "id", "title", "actor", "actor_id", "status",
  "from", "from_country", "from_lat", "from_lon", "to", "to_country", "to_lat", "to_lon",
  "place", "country", "lat", "lon", "timezone", "start", "end",
  "participants", "host", "tags", "notes", NULL
};

enum { TRIP, TYPE, ID, TITLE, ACTOR, ACTOR_ID, STATUS, FROM, FROM_COUNTRY, FROM_LAT, FROM_LON,
       TO, TO_COUNTRY, TO_LAT, TO_LON, PLACE, COUNTRY, LAT, LON, TIMEZONE, START, END,
       PARTICIPANTS, HOST, TAGS, NOTES, N_FIELDS };

static void
set_place (char    **row,
           int       name,
           int       country,
           int       lat,
           DmPlace  *place)
{
  char num[G_ASCII_DTOSTR_BUF_SIZE];

  row[name] = g_strdup (dm_place_get_name (place));
  row[country] = g_strdup (dm_place_get_country (place));
  /* a dot in any locale, as the CSV reader expects first */
  row[lat] = g_strdup (g_ascii_formatd (num, sizeof num, "%.6f", dm_place_get_latitude (place)));
  row[lat + 1] = g_strdup (g_ascii_formatd (num, sizeof num, "%.6f", dm_place_get_longitude (place)));
}

static void
common_fields (char    **row,
               DmEvent  *event)
{
  DmActor *actor = dm_event_get_actor (event);
  GPtrArray *parts = dm_event_get_participants (event);

  row[TYPE] = g_strdup (dm_event_kind_to_string (dm_event_get_kind (event)));
  row[TITLE] = g_strdup (dm_event_get_title (event));
  if (actor != NULL)
    {
      row[ACTOR] = g_strdup (dm_actor_get_name (actor));
      row[ACTOR_ID] = g_strdup (dm_actor_get_id (actor));
    }
  if (dm_event_get_status (event) != DM_STATUS_UNKNOWN)
    row[STATUS] = g_strdup (dm_status_to_string (dm_event_get_status (event)));
  if (parts->len > 0)
    {
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < parts->len; i++)
        g_string_append_printf (s, "%s%s", i ? "; " : "", dm_actor_get_name (g_ptr_array_index (parts, i)));
      row[PARTICIPANTS] = g_string_free (s, FALSE);
    }
  row[HOST] = g_strdup (dm_event_get_host (event));
  if (dm_event_get_tags (event) != NULL)
    row[TAGS] = g_strjoinv ("; ", (GStrv) dm_event_get_tags (event));
  row[NOTES] = g_strdup (dm_event_get_notes (event));
}

static void
append_row (GString *out,
            char   **row)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      dm_csv_append_field (out, row[i] ? row[i] : "", ',');
      g_clear_pointer (&row[i], g_free);
    }
  g_string_append (out, "\r\n");
}

GBytes *
dm_csv_write (DmDocument *document)
{
  GListModel *events = dm_document_get_events (document);
  GString *out = g_string_new ("\xEF\xBB\xBF");
  char *row[N_FIELDS] = { NULL };
  guint unnamed = 0;

  for (guint i = 0; header[i]; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", header[i]);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (event);
      DmPlace *place = dm_event_get_place (event);

      if (dm_event_get_kind (event) == DM_EVENT_KIND_TRIP)
        {
          g_autofree char *trip = dm_event_get_id (event) ? g_strdup (dm_event_get_id (event))
                                                          : g_strdup_printf ("trip-%u", ++unnamed);
          for (guint k = 0; k < legs->len; k++)
            {
              DmLeg *leg = g_ptr_array_index (legs, k);

              common_fields (row, event);
              row[TRIP] = g_strdup (trip);
              set_place (row, FROM, FROM_COUNTRY, FROM_LAT, leg->from);
              set_place (row, TO, TO_COUNTRY, TO_LAT, leg->to);
              row[START] = dm_time_to_iso (&leg->depart, dm_place_get_zone (leg->from));
              row[END] = dm_time_to_iso (&leg->arrive, dm_place_get_zone (leg->to));
              append_row (out, row);
            }
          continue;
        }
      common_fields (row, event);
      row[ID] = g_strdup (dm_event_get_id (event));
      if (place != NULL)
        {
          set_place (row, PLACE, COUNTRY, LAT, place);
          row[TIMEZONE] = g_strdup (dm_place_get_timezone (place));
        }
      row[START] = dm_time_to_iso (dm_event_get_start (event), place ? dm_place_get_zone (place) : NULL);
      row[END] = dm_time_to_iso (dm_event_get_end (event), place ? dm_place_get_zone (place) : NULL);
      append_row (out, row);
    }
  return g_string_free_to_bytes (out);
}
