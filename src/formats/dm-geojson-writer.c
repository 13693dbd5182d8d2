/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-json-builder.h"
#include "dm-saver.h"
#include "dm-import-private.h"

/* GeoJSON out (RFC 7946): one Feature per event. QGIS and kepler.gl read the flat
 * "start"/"end" (UTC); Linked Places tools read "when", which also keeps each time's
 * precision, so that reading the file back gives the same events. */

static void
add_position (JsonBuilder *b,
              DmPlace     *place)
{
  json_builder_begin_array (b);
  json_builder_add_double_value (b, round (dm_place_get_longitude (place) * 1e6) / 1e6);
  json_builder_add_double_value (b, round (dm_place_get_latitude (place) * 1e6) / 1e6);
  json_builder_end_array (b);
}

/* {"in": "2025-10-26"} or {"earliest": …, "latest": …}, with "approximate" when vague */
static void
add_moment (JsonBuilder  *b,
            const char   *name,
            const DmTime *time,
            DmPlace      *place)
{
  g_autofree char *text = NULL;
  char *slash;

  if (!dm_time_is_known (time))
    return;
  text = dm_import_time_to_plain_iso (time, place ? dm_place_get_zone (place) : NULL);
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  if ((slash = strchr (text, '/')) != NULL)
    {
      *slash = '\0';
      dm_json_builder_add_string (b, "earliest", text);
      dm_json_builder_add_string (b, "latest", slash + 1);
    }
  else
    dm_json_builder_add_string (b, "in", text);
  if (time->approximate)
    {
      json_builder_set_member_name (b, "approximate");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_end_object (b);
}

static void
add_when (JsonBuilder *b,
          DmEvent     *event)
{
  GPtrArray *legs = dm_event_get_legs (event);
  DmPlace *place = dm_event_get_place (event);

  json_builder_set_member_name (b, "when");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "timespans");
  json_builder_begin_array (b);
  if (dm_event_get_kind (event) == DM_EVENT_KIND_TRIP)
    for (guint i = 0; i < legs->len; i++)
      {
        DmLeg *leg = g_ptr_array_index (legs, i);
        json_builder_begin_object (b);
        add_moment (b, "start", &leg->depart, leg->from);
        add_moment (b, "end", &leg->arrive, leg->to);
        json_builder_end_object (b);
      }
  else
    {
      json_builder_begin_object (b);
      add_moment (b, "start", dm_event_get_start (event), place);
      add_moment (b, "end", dm_event_get_end (event), place);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_place_info (JsonBuilder *b,
                DmPlace     *place)
{
  json_builder_begin_object (b);
  dm_json_builder_add_string (b, "name", dm_place_get_name (place));
  dm_json_builder_add_string (b, "country", dm_place_get_country (place));
  dm_json_builder_add_string (b, "timezone", dm_place_get_timezone (place));
  json_builder_end_object (b);
}

static gboolean
legs_chain (GPtrArray *legs)
{
  for (guint i = 1; i < legs->len; i++)
    {
      DmLeg *a = g_ptr_array_index (legs, i - 1), *c = g_ptr_array_index (legs, i);
      if (a->to != c->from && !(dm_place_equal (a->to, c->from) &&
                                dm_place_get_latitude (a->to) == dm_place_get_latitude (c->from) &&
                                dm_place_get_longitude (a->to) == dm_place_get_longitude (c->from)))
        return FALSE;
    }
  return TRUE;
}

static void
add_path_position (JsonBuilder *b,
                   GArray      *path,
                   guint        k)
{
  json_builder_begin_array (b);
  json_builder_add_double_value (b, round (g_array_index (path, double, k) * 1e6) / 1e6);
  json_builder_add_double_value (b, round (g_array_index (path, double, k + 1) * 1e6) / 1e6);
  json_builder_end_array (b);
}

/* A trip's LineString with the way its recorded legs went (GPX, gx:Track): every point,
 * and in @stops the index of each stop's vertex, written as "stop_vertices" so that the
 * reader makes the same legs of it */
static void
add_track_line (JsonBuilder *b,
                GPtrArray   *legs,
                GPtrArray   *vertices,
                GArray      *stops)
{
  guint n = 0;

  dm_json_builder_add_string (b, "type", "LineString");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);

      if (i == 0)
        {
          add_position (b, leg->from);
          g_ptr_array_add (vertices, leg->from);
          g_array_append_val (stops, n);
          n++;
        }
      for (guint k = 0; leg->path != NULL && leg->path->len >= 4 && k + 1 < leg->path->len; k += 2, n++)
        add_path_position (b, leg->path, k);
      add_position (b, leg->to);
      g_ptr_array_add (vertices, leg->to);
      g_array_append_val (stops, n);
      n++;
    }
  json_builder_end_array (b);
}

static gboolean
has_paths (GPtrArray *legs)
{
  for (guint i = 0; i < legs->len; i++)
    if (((DmLeg *) g_ptr_array_index (legs, i))->path != NULL)
      return TRUE;
  return FALSE;
}

static void
add_geometry (JsonBuilder *b,
              DmEvent     *event,
              GPtrArray   *vertices,
              GArray      *stops)
{
  GPtrArray *legs = dm_event_get_legs (event);

  json_builder_set_member_name (b, "geometry");
  /* a visit to no known place (a U.S. record's trip without a country): no geometry */
  if (dm_event_get_kind (event) != DM_EVENT_KIND_TRIP && dm_event_get_place (event) == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  if (dm_event_get_kind (event) != DM_EVENT_KIND_TRIP)
    {
      dm_json_builder_add_string (b, "type", "Point");
      json_builder_set_member_name (b, "coordinates");
      add_position (b, dm_event_get_place (event));
    }
  else if (legs_chain (legs) && has_paths (legs))
    add_track_line (b, legs, vertices, stops);
  else if (legs_chain (legs))
    {
      dm_json_builder_add_string (b, "type", "LineString");
      json_builder_set_member_name (b, "coordinates");
      json_builder_begin_array (b);
      for (guint i = 0; i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          if (i == 0)
            {
              add_position (b, leg->from);
              g_ptr_array_add (vertices, leg->from);
            }
          add_position (b, leg->to);
          g_ptr_array_add (vertices, leg->to);
        }
      json_builder_end_array (b);
    }
  else
    {
      dm_json_builder_add_string (b, "type", "MultiLineString");
      json_builder_set_member_name (b, "coordinates");
      json_builder_begin_array (b);
      for (guint i = 0; i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          json_builder_begin_array (b);
          add_position (b, leg->from);
          add_position (b, leg->to);
          json_builder_end_array (b);
          g_ptr_array_add (vertices, leg->from);
          g_ptr_array_add (vertices, leg->to);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
add_properties (JsonBuilder *b,
                DmEvent     *event,
                GPtrArray   *vertices,
                GArray      *stops)
{
  g_autofree char *display = dm_event_dup_display_title (event);
  DmActor *actor = dm_event_get_actor (event);
  DmPlace *place = dm_event_get_place (event);
  GPtrArray *parts = dm_event_get_participants (event);
  GPtrArray *sources = dm_event_get_sources (event);
  gint64 start, end;

  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  dm_json_builder_add_string (b, "name", display);
  dm_json_builder_add_string (b, "title", dm_event_get_title (event));
  dm_json_builder_add_string (b, "event_type", dm_event_kind_to_string (dm_event_get_kind (event)));
  if (dm_event_get_status (event) != DM_STATUS_UNKNOWN)
    dm_json_builder_add_string (b, "status", dm_status_to_string (dm_event_get_status (event)));
  if (dm_event_get_span (event, &start, &end))
    {
      g_autofree char *s = dm_time_format_utc_iso (start);
      g_autofree char *e = dm_time_format_utc_iso (end);
      dm_json_builder_add_string (b, "start", s);
      dm_json_builder_add_string (b, "end", e);
    }
  if (actor != NULL)
    {
      dm_json_builder_add_string (b, "actor", dm_actor_get_name (actor));
      dm_json_builder_add_string (b, "actor_id", dm_actor_get_id (actor));
      dm_json_builder_add_string (b, "actor_role", dm_actor_get_role (actor));
      dm_json_builder_add_string (b, "actor_country", dm_actor_get_country (actor));
      dm_json_builder_add_string (b, "actor_color", dm_actor_get_color (actor));
    }
  if (parts->len > 0)
    {
      json_builder_set_member_name (b, "participants");
      json_builder_begin_array (b);
      for (guint i = 0; i < parts->len; i++)
        json_builder_add_string_value (b, dm_actor_get_name (g_ptr_array_index (parts, i)));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "participant_ids");
      json_builder_begin_array (b);
      for (guint i = 0; i < parts->len; i++)
        json_builder_add_string_value (b, dm_actor_get_id (g_ptr_array_index (parts, i)));
      json_builder_end_array (b);
    }
  if (place != NULL)
    {
      dm_json_builder_add_string (b, "place", dm_place_get_name (place));
      dm_json_builder_add_string (b, "country", dm_place_get_country (place));
      dm_json_builder_add_string (b, "timezone", dm_place_get_timezone (place));
    }
  if (vertices->len > 0)
    {
      json_builder_set_member_name (b, "places");
      json_builder_begin_array (b);
      for (guint i = 0; i < vertices->len; i++)
        add_place_info (b, g_ptr_array_index (vertices, i));
      json_builder_end_array (b);
    }
  if (stops->len > 0)
    {
      /* which vertices of the line are the stops (the "places"): the others are the way
       * the legs went */
      json_builder_set_member_name (b, "stop_vertices");
      json_builder_begin_array (b);
      for (guint i = 0; i < stops->len; i++)
        json_builder_add_int_value (b, g_array_index (stops, guint, i));
      json_builder_end_array (b);
    }
  dm_json_builder_add_string (b, "host", dm_event_get_host (event));
  dm_json_builder_add_strv (b, "invited_by", dm_event_get_invited_by (event), FALSE);
  dm_json_builder_add_strv (b, "tags", dm_event_get_tags (event), FALSE);
  dm_json_builder_add_string (b, "notes", dm_event_get_notes (event));
  if (sources->len > 0)
    {
      json_builder_set_member_name (b, "sources");
      json_builder_begin_array (b);
      for (guint i = 0; i < sources->len; i++)
        {
          DmSource *src = g_ptr_array_index (sources, i);
          json_builder_begin_object (b);
          dm_json_builder_add_string (b, "title", src->title);
          dm_json_builder_add_string (b, "publisher", src->publisher);
          dm_json_builder_add_string (b, "date", src->date);
          dm_json_builder_add_string (b, "url", src->url);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

GBytes *
dm_geojson_write (DmDocument *document)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  GListModel *events = dm_document_get_events (document);

  json_builder_begin_object (b);
  dm_json_builder_add_string (b, "type", "FeatureCollection");
  dm_json_builder_add_string (b, "name", dm_document_get_title (document));
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GPtrArray) vertices = g_ptr_array_new ();
      g_autoptr(GArray) stops = g_array_new (FALSE, FALSE, sizeof (guint));

      json_builder_begin_object (b);
      dm_json_builder_add_string (b, "type", "Feature");
      dm_json_builder_add_string (b, "id", dm_event_get_id (event));
      add_geometry (b, event, vertices, stops);
      add_properties (b, event, vertices, stops);
      add_when (b, event);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return dm_json_builder_to_bytes (b);
}
