/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-actor-colors.h"
#include "dm-saver.h"
#include "dm-import-private.h"

/* KML out, for Google Earth's time slider: a Style per actor with its line colour, a
 * Folder per trip holding one Placemark per leg, a Placemark per visit, summit or
 * meeting; each Placemark has a TimeSpan (UTC, the time it is drawn) and
 * ExtendedData with what Diplomap knows (times as the source gave them), which the
 * KML reader takes back. */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

static void
element (GString    *out,
         const char *indent,
         const char *name,
         const char *text)
{
  if (text == NULL)
    return;
  g_string_append_printf (out, "%s<%s>", indent, name);
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
data (GString    *out,
      const char *name,
      const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (out, "        <Data name=\"%s\"><value>", name);
  append_escaped (out, value);
  g_string_append (out, "</value></Data>\n");
}

static void
data_time (GString      *out,
           const char   *name,
           const DmTime *time,
           DmPlace      *place)
{
  g_autofree char *text = dm_time_to_iso (time, place ? dm_place_get_zone (place) : NULL);
  data (out, name, text);
}

static char *
actor_style_id (DmActor *actor)
{
  return dm_import_slug (actor ? dm_actor_get_id (actor) : "nobody");
}

static void
append_styles (GString    *out,
               DmDocument *document)
{
  GListModel *actors = dm_document_get_actors (document);

  for (guint i = 0; i <= g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DmActor) actor = i < g_list_model_get_n_items (actors) ? g_list_model_get_item (actors, i) : NULL;
      g_autofree char *id = actor_style_id (actor);
      double r, g, b;
      guint32 rgb = DM_ACTOR_COLOR_NONE;

      /* the app's colour of the actor: its own, else its document's palette colour */
      if (actor != NULL && dm_actor_get_rgb (actor, &r, &g, &b))
        rgb = ((guint32) (r * 255 + 0.5) << 16) | ((guint32) (g * 255 + 0.5) << 8) | (guint32) (b * 255 + 0.5);
      else if (!dm_document_get_actor_rgb (document, actor, &rgb))
        rgb = DM_ACTOR_COLOR_NONE;
      /* KML colours are aabbggrr */
      g_string_append_printf (out,
                              "  <Style id=\"actor-%s\">\n"
                              "    <LineStyle><color>ff%02x%02x%02x</color><width>3</width></LineStyle>\n"
                              "    <IconStyle><color>ff%02x%02x%02x</color></IconStyle>\n"
                              "  </Style>\n",
                              id, rgb & 0xff, (rgb >> 8) & 0xff, rgb >> 16,
                              rgb & 0xff, (rgb >> 8) & 0xff, rgb >> 16);
    }
}

static void
append_span (GString *out,
             gint64   start,
             gint64   end)
{
  g_autofree char *s = dm_time_format_utc_iso (start);
  g_autofree char *e = dm_time_format_utc_iso (end);

  g_string_append_printf (out, "      <TimeSpan><begin>%s</begin><end>%s</end></TimeSpan>\n", s, e);
}

static void
append_coordinates (GString *out,
                    DmPlace *place)
{
  char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lon, sizeof lon, "%.6f", dm_place_get_longitude (place));
  g_ascii_formatd (lat, sizeof lat, "%.6f", dm_place_get_latitude (place));
  g_string_append_printf (out, "%s,%s,0", lon, lat);
}

static void
append_event_data (GString *out,
                   DmEvent *event)
{
  DmActor *actor = dm_event_get_actor (event);
  GPtrArray *parts = dm_event_get_participants (event);

  data (out, "event_type", dm_event_kind_to_string (dm_event_get_kind (event)));
  data (out, "id", dm_event_get_id (event));
  data (out, "title", dm_event_get_title (event));
  if (dm_event_get_status (event) != DM_STATUS_UNKNOWN)
    data (out, "status", dm_status_to_string (dm_event_get_status (event)));
  if (actor != NULL)
    {
      data (out, "actor", dm_actor_get_name (actor));
      data (out, "actor_id", dm_actor_get_id (actor));
      data (out, "actor_role", dm_actor_get_role (actor));
      data (out, "actor_country", dm_actor_get_country (actor));
      data (out, "actor_color", dm_actor_get_color (actor));
    }
  if (parts->len > 0)
    {
      GString *names = g_string_new (NULL), *ids = g_string_new (NULL);
      for (guint i = 0; i < parts->len; i++)
        {
          g_string_append_printf (names, "%s%s", i ? "; " : "", dm_actor_get_name (parts->pdata[i]));
          g_string_append_printf (ids, "%s%s", i ? "; " : "", dm_actor_get_id (parts->pdata[i]));
        }
      data (out, "participants", names->str);
      data (out, "participant_ids", ids->str);
      g_string_free (names, TRUE);
      g_string_free (ids, TRUE);
    }
  data (out, "host", dm_event_get_host (event));
  if (dm_event_get_invited_by (event) != NULL)
    {
      g_autofree char *invited = g_strjoinv ("; ", (GStrv) dm_event_get_invited_by (event));
      data (out, "invited_by", invited);
    }
  if (dm_event_get_tags (event) != NULL)
    {
      g_autofree char *tags = g_strjoinv ("; ", (GStrv) dm_event_get_tags (event));
      data (out, "tags", tags);
    }
  data (out, "notes", dm_event_get_notes (event));
}

static void
append_trip (GString *out,
             DmEvent *event,
             guint    number)
{
  GPtrArray *legs = dm_event_get_legs (event);
  g_autofree char *title = dm_event_dup_display_title (event);
  g_autofree char *style = actor_style_id (dm_event_get_actor (event));
  g_autofree char *trip = dm_event_get_id (event) ? g_strdup (dm_event_get_id (event))
                                                  : g_strdup_printf ("trip-%u", number);

  g_string_append (out, "  <Folder>\n");
  element (out, "    ", "name", title);
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = legs->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s – %s", dm_place_get_name (leg->from), dm_place_get_name (leg->to));

      g_string_append (out, "    <Placemark>\n");
      element (out, "      ", "name", name);
      g_string_append_printf (out, "      <styleUrl>#actor-%s</styleUrl>\n", style);
      if (leg->start != 0 || leg->end != 0)
        append_span (out, leg->start, MAX (leg->end, leg->start));
      g_string_append (out, "      <ExtendedData>\n");
      data (out, "trip", trip);
      append_event_data (out, event);
      data (out, "from", dm_place_get_name (leg->from));
      data (out, "to", dm_place_get_name (leg->to));
      data_time (out, "depart", &leg->depart, leg->from);
      data_time (out, "arrive", &leg->arrive, leg->to);
      g_string_append (out, "      </ExtendedData>\n");
      g_string_append (out, "      <LineString><tessellate>1</tessellate><coordinates>");
      append_coordinates (out, leg->from);
      g_string_append_c (out, ' ');
      /* a recorded track's way between them (GPX, gx:Track): read back as this one leg */
      for (guint k = 0; leg->path != NULL && leg->path->len >= 4 && k + 1 < leg->path->len; k += 2)
        {
          char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (lon, sizeof lon, "%.6f", g_array_index (leg->path, double, k));
          g_ascii_formatd (lat, sizeof lat, "%.6f", g_array_index (leg->path, double, k + 1));
          g_string_append_printf (out, "%s,%s,0 ", lon, lat);
        }
      append_coordinates (out, leg->to);
      g_string_append (out, "</coordinates></LineString>\n    </Placemark>\n");
    }
  g_string_append (out, "  </Folder>\n");
}

static void
append_stay (GString *out,
             DmEvent *event)
{
  g_autofree char *title = dm_event_dup_display_title (event);
  g_autofree char *style = actor_style_id (dm_event_get_actor (event));
  DmPlace *place = dm_event_get_place (event);
  gint64 start, end;

  g_string_append (out, "  <Placemark>\n");
  element (out, "    ", "name", title);
  element (out, "    ", "description", dm_event_get_notes (event));
  g_string_append_printf (out, "    <styleUrl>#actor-%s</styleUrl>\n", style);
  if (dm_event_get_span (event, &start, &end))
    append_span (out, start, end);
  g_string_append (out, "      <ExtendedData>\n");
  append_event_data (out, event);
  data (out, "place", dm_place_get_name (place));
  data (out, "country", dm_place_get_country (place));
  data (out, "timezone", dm_place_get_timezone (place));
  data_time (out, "start", dm_event_get_start (event), place);
  data_time (out, "end", dm_event_get_end (event), place);
  g_string_append (out, "      </ExtendedData>\n    <Point><coordinates>");
  append_coordinates (out, place);
  g_string_append (out, "</coordinates></Point>\n  </Placemark>\n");
}

GBytes *
dm_kml_write (DmDocument *document)
{
  GListModel *events = dm_document_get_events (document);
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<kml xmlns=\"http://www.opengis.net/kml/2.2\" "
                               "xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n"
                               "<Document>\n");
  guint trips = 0;

  element (out, "  ", "name", dm_document_get_title (document));
  append_styles (out, document);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);

      if (dm_event_get_kind (event) == DM_EVENT_KIND_TRIP)
        append_trip (out, event, ++trips);
      else if (dm_event_get_place (event) != NULL)
        append_stay (out, event);
    }
  g_string_append (out, "</Document>\n</kml>\n");
  return g_string_free_to_bytes (out);
}
