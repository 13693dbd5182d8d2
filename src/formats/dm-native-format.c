/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dm-file-info.h"
#include "dm-error.h"
#include "dm-format.h"
#include "dm-gazetteer.h"
#include "dm-json-positions.h"
#include "dm-limits-private.h"
#include "dm-native-format-private.h"

typedef DmNativeLoader Loader;

/* Why an event could not be loaded, and where */
typedef struct
{
  guint  line;
  guint  column;
  char  *message;
} Failure;

static gboolean parse_failed (GFile           *file,
                              DmJsonPositions *positions,
                              GError          *parse_error,
                              GError         **error);

static const char * const root_members[] = { "diplomap", "title", "actors", "places", "events", NULL };
static const char * const actor_members[] = { "id", "name", "role", "country", "color", NULL };
static const char * const place_members[] = { "id", "name", "country", "lat", "lon", "timezone", NULL };
static const char * const event_members[] = {
  "id", "type", "title", "status", "actor", "participants", "place", "start", "end", "legs",
  "host", "invited_by", "sources", "tags", "notes", NULL
};
static const char * const leg_members[] = { "from", "to", "depart", "arrive", "path", NULL };
static const char * const leg_members_no_path[] = { "from", "to", "depart", "arrive", NULL };
static const char * const source_members[] = { "title", "publisher", "date", "url", NULL };

/* The members of @object not in @known, in their order, or NULL if none */
static JsonObject *
collect_extra (JsonObject         *object,
               const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);
  JsonObject *extra = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_strv_contains (known, l->data))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (object, l->data)));
    }
  return extra;
}

static void
fail_at (Loader     *self,
         Failure    *failure,
         JsonObject *object,
         const char *member,
         const char *format,
         ...) G_GNUC_PRINTF (5, 6);

static void
fail_at (Loader     *self,
         Failure    *failure,
         JsonObject *object,
         const char *member,
         const char *format,
         ...)
{
  va_list args;
  g_autoptr(JsonNode) node = NULL;

  if (failure->message != NULL)
    return;
  va_start (args, format);
  failure->message = g_strdup_vprintf (format, args);
  va_end (args);

  if (member == NULL || !dm_json_positions_lookup_member (self->positions, object, member,
                                                          &failure->line, &failure->column))
    {
      node = json_node_init_object (json_node_alloc (), object);
      dm_json_positions_lookup (self->positions, node, &failure->line, &failure->column);
    }
}

void
dm_native_loader_add_problem (DmNativeLoader *self,
                              guint           line,
                              guint           column,
                              const char     *message)
{
  g_ptr_array_add (self->problems, dm_problem_new (self->file, line, column, message));
}

#define add_problem dm_native_loader_add_problem

static void
warn_at (Loader     *self,
         JsonObject *object,
         const char *member,
         const char *message)
{
  Failure f = { 0 };

  fail_at (self, &f, object, member, "%s", message);
  add_problem (self, f.line, f.column, f.message);
  g_free (f.message);
}

/* A string member, or NULL; a member of another type is a failure */
static const char *
get_string (Loader     *self,
            Failure    *failure,
            JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  fail_at (self, failure, object, member,
           /* Translators: %s is the name of a member in the file, like "title" */
           _("“%s” should be a string"), member);
  return NULL;
}

static gboolean
get_number (JsonObject *object,
            const char *member,
            double     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    default:
      return FALSE;
    }
}

/* A string or an array of strings, as a NULL-terminated vector */
static GStrv
get_strv (Loader     *self,
          Failure    *failure,
          JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  builder = g_strv_builder_new ();
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_strv_builder_add (builder, json_node_get_string (node));
      return g_strv_builder_end (builder);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *el = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
            break;
          g_strv_builder_add (builder, json_node_get_string (el));
          if (i + 1 == json_array_get_length (array))
            return g_strv_builder_end (builder);
        }
      if (json_array_get_length (array) == 0)
        return g_strv_builder_end (builder);
    }
  fail_at (self, failure, object, member,
           _("“%s” should be a string or a list of strings"), member);
  return NULL;
}

static DmPlace *
place_from_object (Loader     *self,
                   Failure    *failure,
                   JsonObject *object,
                   const char *member_for_errors,
                   JsonObject *parent)
{
  double lat, lon;
  const char *name = get_string (self, failure, object, "name");
  const char *country = get_string (self, failure, object, "country");
  const char *tz = get_string (self, failure, object, "timezone");
  const char *id = get_string (self, failure, object, "id");
  DmPlace *place;

  if (!get_number (object, "lat", &lat) || !get_number (object, "lon", &lon))
    {
      if (name != NULL && failure->message == NULL)
        {
          /* a place given by name only goes through the gazetteer */
          const DmGazetteerEntry *e = dm_gazetteer_lookup (dm_gazetteer_get_default (), name, country);
          if (e != NULL)
            {
              lat = e->latitude;
              lon = e->longitude;
              tz = tz ? tz : e->timezone;
              country = country ? country : e->country;
              goto found;
            }
        }
      fail_at (self, failure, object, NULL,
               _("A place needs a known name or both “lat” and “lon” as numbers"));
      return NULL;
    }
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
    {
      fail_at (self, failure, object, "lat",
               _("Coordinates %g, %g are outside the world (latitude -90 to 90, longitude -180 to 180)"),
               lat, lon);
      return NULL;
    }
  if (tz == NULL && country != NULL)
    {
      const DmCountry *c = dm_gazetteer_lookup_country (dm_gazetteer_get_default (), country);
      tz = c ? c->timezone : NULL;
    }
found:
  if (tz != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (tz);
      if (zone == NULL)
        {
          fail_at (self, failure, object, "timezone",
                   _("“%s” is not a known time zone (use an IANA name like Europe/Minsk)"), tz);
          return NULL;
        }
    }
  place = dm_place_new (id, name ? name : _("Unnamed place"), country, lat, lon, tz);
  dm_place_set_level (place, DM_PLACE_LEVEL_POINT);
  return place;
}

DmPlace *
dm_native_loader_make_place (const char *text,
                             JsonNode   *node)
{
  g_autoptr(JsonNode) made = NULL;
  const DmGazetteerEntry *entry;
  const DmCountry *country;
  DmPlace *place;

  entry = dm_gazetteer_lookup (dm_gazetteer_get_default (), text, NULL);
  if (entry != NULL)
    {
      place = dm_place_new (NULL, entry->name, entry->country, entry->latitude,
                            entry->longitude, entry->timezone);
      dm_place_set_level (place, DM_PLACE_LEVEL_CITY);
    }
  else if ((country = dm_gazetteer_lookup_country (dm_gazetteer_get_default (), text)) != NULL)
    {
      place = dm_place_new (NULL, country->name, country->code, country->latitude,
                            country->longitude, country->timezone);
      dm_place_set_level (place, DM_PLACE_LEVEL_COUNTRY);
    }
  else
    return NULL;
  if (node == NULL)
    node = made = json_node_init_string (json_node_alloc (), text);
  dm_place_set_reference (place, node);
  return place;
}

DmPlace *
dm_native_loader_resolve_name (DmNativeLoader *self,
                               const char     *text,
                               JsonNode       *node)
{
  DmPlace *place;

  /* most files declare no place: each name is then looked up once, not twice */
  if (g_hash_table_size (self->declared) > 0 &&
      (place = g_hash_table_lookup (self->declared, text)) != NULL)
    return g_object_ref (place);
  if (self->chunk != NULL)
    return dm_native_chunk_resolve_name (self, text, node);
  if ((place = g_hash_table_lookup (self->resolved, text)) != NULL)
    return g_object_ref (place);

  place = dm_native_loader_make_place (text, node);
  if (place == NULL)
    return NULL;
  g_hash_table_insert (self->resolved, g_strdup (text), g_object_ref (place));
  dm_document_add_place (self->doc, place);
  return place;
}

/* A place from a reference: a declared id, a gazetteer name, or an inline object */
static DmPlace *
resolve_place (Loader     *self,
               Failure    *failure,
               JsonObject *parent,
               const char *member)
{
  JsonNode *node = json_object_get_member (parent, member);
  DmPlace *place;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      place = place_from_object (self, failure, json_node_get_object (node), member, parent);
      if (place != NULL)
        dm_place_set_reference (place, node);
      return place;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      place = dm_native_loader_resolve_name (self, text, node);
      if (place == NULL)
        fail_at (self, failure, parent, member,
                 /* Translators: %s is a place name from the file */
                 _("Unknown place “%s”: declare it in “places” or give {\"lat\": …, \"lon\": …}"),
                 text);
      return place;
    }

  fail_at (self, failure, parent, member, _("“%s” should be a place name, an id or an object"), member);
  return NULL;
}

static gboolean
read_time (Loader     *self,
           Failure    *failure,
           JsonObject *object,
           const char *member,
           GTimeZone  *zone,
           DmTime     *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GError) error = NULL;

  *out = DM_TIME_UNKNOWN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (dm_time_parse (json_node_get_string (node), zone, out, &error))
        return TRUE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      const char *a = get_string (self, failure, o, "earliest");
      const char *b = get_string (self, failure, o, "latest");

      if (failure->message != NULL)
        return FALSE;
      if (a != NULL && b != NULL && dm_time_parse_period (a, b, zone, out, &error))
        return TRUE;
      if (error == NULL)
        g_set_error (&error, DM_ERROR, DM_ERROR_PARSE,
                     _("A period needs both “earliest” and “latest”"));
    }
  else
    {
      g_set_error (&error, DM_ERROR, DM_ERROR_PARSE,
                   _("A time should be an ISO 8601 string or {\"earliest\": …, \"latest\": …}"));
    }

  fail_at (self, failure, object, member, "%s", error->message);
  return FALSE;
}

static DmActor *
resolve_actor (Loader     *self,
               Failure    *failure,
               JsonObject *object,
               const char *member,
               const char *id)
{
  DmActor *actor = dm_document_lookup_actor (self->doc, id);

  if (actor == NULL)
    fail_at (self, failure, object, member,
             /* Translators: %s is an actor id from the file */
             _("Unknown actor “%s”: declare it in “actors”"), id);
  return actor;
}

static GPtrArray *
read_sources (Loader     *self,
              Failure    *failure,
              JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "sources");
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) dm_source_unref);
  JsonArray *array;

  if (node == NULL)
    return sources;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_at (self, failure, object, "sources", _("“sources” should be a list of citations"));
      return sources;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      DmSource *source = dm_source_new ();
      JsonObject *o;

      g_ptr_array_add (sources, source);
      if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (el);
          if (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://"))
            source->url = g_strdup (text);
          else
            source->title = g_strdup (text);
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          fail_at (self, failure, object, "sources", _("A source should be an object or a string"));
          break;
        }
      o = json_node_get_object (el);
      source->title = g_strdup (get_string (self, failure, o, "title"));
      source->publisher = g_strdup (get_string (self, failure, o, "publisher"));
      source->date = g_strdup (get_string (self, failure, o, "date"));
      source->url = g_strdup (get_string (self, failure, o, "url"));
      source->extra = collect_extra (o, source_members);
    }
  return sources;
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64);
}

/* A leg's "path": [[lon, lat], …], two points or more within the world; NULL (and the
 * member kept as unknown) otherwise */
static GArray *
read_path (JsonObject *o)
{
  JsonNode *node = json_object_get_member (o, "path");
  g_autoptr(GArray) path = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) < 2)
    return NULL;
  path = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *pair = json_array_get_element (array, i);
      JsonArray *xy = JSON_NODE_HOLDS_ARRAY (pair) ? json_node_get_array (pair) : NULL;
      double lon, lat;

      if (xy == NULL || json_array_get_length (xy) != 2 || !is_number (json_array_get_element (xy, 0)) ||
          !is_number (json_array_get_element (xy, 1)))
        return NULL;
      lon = json_array_get_double_element (xy, 0);
      lat = json_array_get_double_element (xy, 1);
      if (!(fabs (lat) <= 90 && fabs (lon) <= 180))
        return NULL;
      g_array_append_val (path, lon);
      g_array_append_val (path, lat);
    }
  return g_steal_pointer (&path);
}

static gboolean
read_legs (Loader     *self,
           Failure    *failure,
           DmEvent    *event,
           JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "legs");
  JsonArray *array;
  DmPlace *previous_to = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      fail_at (self, failure, object, node ? "legs" : NULL,
               _("A trip needs “legs”: a list of {\"from\": …, \"to\": …}"));
      return FALSE;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > DM_MAX_LEGS)
    {
      fail_at (self, failure, object, "legs",
               _("This trip has %u legs, more than the %u Diplomap reads: it is not read"),
               json_array_get_length (array), (guint) DM_MAX_LEGS);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      g_autoptr(DmPlace) from = NULL;
      g_autoptr(DmPlace) to = NULL;
      g_autoptr(DmLeg) leg = NULL;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          fail_at (self, failure, object, "legs", _("A leg should be an object with “from” and “to”"));
          return FALSE;
        }
      o = json_node_get_object (el);
      from = resolve_place (self, failure, o, "from");
      to = resolve_place (self, failure, o, "to");
      if (failure->message != NULL)
        return FALSE;

      if (from == NULL && previous_to != NULL)
        from = g_object_ref (previous_to);
      if (from == NULL || to == NULL)
        {
          fail_at (self, failure, o, NULL, from ? _("This leg has no “to”") : _("The first leg needs a “from”"));
          return FALSE;
        }
      if (previous_to != NULL && !dm_place_equal (previous_to, from))
        {
          fail_at (self, failure, o, "from",
                   /* Translators: a trip's legs must chain: the first %s is where this leg
                    * starts, the second where the previous one ended */
                   _("This leg starts in %s but the previous one ended in %s"),
                   dm_place_get_name (from), dm_place_get_name (previous_to));
          return FALSE;
        }

      leg = dm_leg_new (from, to);
      if (!read_time (self, failure, o, "depart", dm_place_get_zone (from), &leg->depart) ||
          !read_time (self, failure, o, "arrive", dm_place_get_zone (to), &leg->arrive))
        return FALSE;
      if (dm_time_is_known (&leg->depart) && dm_time_is_known (&leg->arrive) &&
          leg->arrive.latest < leg->depart.earliest)
        {
          fail_at (self, failure, o, "arrive", _("This leg arrives before it departs"));
          return FALSE;
        }
      dm_json_positions_lookup (self->positions, el, &leg->line, &leg->column);
      leg->path = read_path (o);
      /* a "path" that is not one stays as the file wrote it */
      leg->extra = collect_extra (o, leg->path ? leg_members : leg_members_no_path);
      /* keep "from" out of what we write back when the file left it implicit */
      if (!json_object_has_member (o, "from"))
        leg->extra = leg->extra ? leg->extra : NULL;
      dm_event_add_leg (event, leg);
      previous_to = to;
    }
  return TRUE;
}

static DmEvent *
read_event (Loader     *self,
            Failure    *failure,
            JsonNode   *node)
{
  g_autoptr(DmEvent) event = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_auto(GStrv) participants = NULL;
  g_auto(GStrv) invited = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(DmPlace) place = NULL;
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *o;
  const char *type, *status_text, *actor_id;
  DmEventKind kind;
  DmStatus status = DM_STATUS_UNKNOWN;
  DmTime start, end;
  guint line = 0, column = 0, n_participants;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      failure->message = g_strdup (_("An event should be an object"));
      return NULL;
    }
  o = json_node_get_object (node);
  dm_json_positions_lookup (self->positions, node, &line, &column);

  type = get_string (self, failure, o, "type");
  if (type == NULL && failure->message == NULL)
    fail_at (self, failure, o, NULL, _("An event needs a “type”: trip, visit, summit or meeting"));
  else if (type != NULL && !dm_event_kind_from_string (type, &kind))
    fail_at (self, failure, o, "type",
             /* Translators: %s is the type the file gave */
             _("Unknown event type “%s”: use trip, visit, summit or meeting"), type);
  if (failure->message != NULL)
    return NULL;
  event = dm_event_new (kind, get_string (self, failure, o, "id"));
  dm_event_set_origin (event, self->file, line, column);
  dm_event_set_title (event, get_string (self, failure, o, "title"));
  dm_event_set_notes (event, get_string (self, failure, o, "notes"));
  dm_event_set_host (event, get_string (self, failure, o, "host"));

  status_text = get_string (self, failure, o, "status");
  if (status_text != NULL && !dm_status_from_string (status_text, &status))
    fail_at (self, failure, o, "status",
             _("Unknown status “%s”: use announced, planned, confirmed, completed or cancelled"),
             status_text);
  dm_event_set_status (event, status);

  actor_id = get_string (self, failure, o, "actor");
  if (actor_id != NULL)
    dm_event_set_actor (event, resolve_actor (self, failure, o, "actor", actor_id));
  participants = get_strv (self, failure, o, "participants");
  n_participants = participants ? g_strv_length (participants) : 0;
  if (n_participants > DM_MAX_PARTICIPANTS)
    {
      g_autofree char *message = g_strdup_printf (_("This event lists %u people: only the first %u are read"),
                                                  n_participants, (guint) DM_MAX_PARTICIPANTS);

      warn_at (self, o, "participants", message);
      n_participants = DM_MAX_PARTICIPANTS;
    }
  for (guint i = 0; i < n_participants; i++)
    {
      DmActor *a = resolve_actor (self, failure, o, "participants", participants[i]);
      if (a != NULL)
        dm_event_add_participant (event, a);
    }
  invited = get_strv (self, failure, o, "invited_by");
  dm_event_set_invited_by (event, (const char * const *) invited);
  tags = get_strv (self, failure, o, "tags");
  dm_event_set_tags (event, (const char * const *) tags);
  sources = read_sources (self, failure, o);
  for (guint i = 0; i < sources->len; i++)
    dm_event_add_source (event, g_ptr_array_index (sources, i));
  if (failure->message != NULL)
    return NULL;

  if (kind == DM_EVENT_KIND_TRIP)
    {
      if (actor_id == NULL)
        fail_at (self, failure, o, NULL, _("A trip needs an “actor”: who travels"));
      else
        read_legs (self, failure, event, o);
      if (failure->message != NULL)
        return NULL;
    }

  place = resolve_place (self, failure, o, "place");
  if (place == NULL && kind != DM_EVENT_KIND_TRIP && failure->message == NULL)
    fail_at (self, failure, o, NULL, _("A %s needs a “place”"), dm_event_kind_to_string (kind));
  if (kind == DM_EVENT_KIND_VISIT && actor_id == NULL && failure->message == NULL)
    fail_at (self, failure, o, NULL, _("A visit needs an “actor”: who visits"));
  if (failure->message != NULL)
    return NULL;
  dm_event_set_place (event, place);

  {
    GTimeZone *zone = place ? dm_place_get_zone (place) : NULL;
    if (!read_time (self, failure, o, "start", zone, &start) ||
        !read_time (self, failure, o, "end", zone, &end))
      return NULL;
  }
  if (dm_time_is_known (&start) && dm_time_is_known (&end) && end.latest < start.earliest)
    {
      fail_at (self, failure, o, "end", _("The event ends before it starts"));
      return NULL;
    }
  if (kind != DM_EVENT_KIND_TRIP && !dm_time_is_known (&start))
    {
      fail_at (self, failure, o, NULL, _("A %s needs a “start” time"), dm_event_kind_to_string (kind));
      return NULL;
    }
  dm_event_set_start (event, &start);
  dm_event_set_end (event, &end);

  extra = collect_extra (o, event_members);
  dm_event_set_extra (event, extra);
  return g_steal_pointer (&event);
}

/* At least two people at a meeting or a summit: its actor and participants, each once */
static gboolean
has_two_people (DmEvent *event)
{
  GPtrArray *parts = dm_event_get_participants (event);
  DmActor *first = dm_event_get_actor (event);

  for (guint i = 0; i < parts->len; i++)
    {
      if (first == NULL)
        first = g_ptr_array_index (parts, i);
      else if (g_ptr_array_index (parts, i) != first)
        return TRUE;
    }
  return FALSE;
}

/* What loads but is doubtful in @event: a meeting of fewer than two, an id given twice
 * (@ids: id -> the line of the first). Reported where @locate finds the member's value (NULL:
 * the event); the event stays. A summit with nobody listed is fine: it stands for itself on
 * the map (who attended may not be known). */
void
dm_native_loader_check_event (DmNativeLoader *self,
                              GHashTable     *ids,
                              DmEvent        *event,
                              gboolean        has_participants,
                              DmNativeLocate  locate,
                              gpointer        data)
{
  const char *id = dm_event_get_id (event);
  guint line = 0, column = 0;

  if (dm_event_get_kind (event) == DM_EVENT_KIND_MEETING && !has_two_people (event))
    {
      locate (data, has_participants ? "participants" : NULL, &line, &column);
      add_problem (self, line, column,
                   _("A meeting needs at least two people: list them in “participants”"));
    }

  if (id == NULL)
    return;
  if (self->chunk != NULL && self->chunk->later_ids != NULL)
    {
      /* a chunk after the first: the ids before it are known at the join */
      DmNativeLaterId later = { self->problems->len, event, 0, 0 };

      locate (data, "id", &later.line, &later.column);
      g_array_append_val (self->chunk->later_ids, later);
      return;
    }
  if (g_hash_table_contains (ids, id))
    {
      locate (data, "id", &line, &column);
      dm_native_loader_check_id (self, ids, event, line, column);
    }
  else
    g_hash_table_insert (ids, (gpointer) id, GUINT_TO_POINTER (dm_event_get_line (event)));
}

void
dm_native_loader_check_id (DmNativeLoader *self,
                           GHashTable     *ids,
                           DmEvent        *event,
                           guint           line,
                           guint           column)
{
  const char *id = dm_event_get_id (event);
  gpointer first;

  if (g_hash_table_lookup_extended (ids, id, NULL, &first))
    {
      g_autofree char *message = NULL;

      /* Translators: an event id, then the line where the file used it first */
      message = g_strdup_printf (_("The event id “%s” is used twice (first at line %u): ids must be unique"),
                                 id, GPOINTER_TO_UINT (first));
      add_problem (self, line, column, message);
    }
  else
    g_hash_table_insert (ids, (gpointer) id, GUINT_TO_POINTER (dm_event_get_line (event)));
}

typedef struct
{
  Loader     *self;
  JsonObject *object;
} InTree;

/* Where the value of @member of the object (NULL: the object itself) starts, as fail_at()
 * finds it */
static void
locate_in_tree_cb (gpointer    data,
                   const char *member,
                   guint      *line,
                   guint      *column)
{
  InTree *in = data;
  Failure f = { 0 };

  fail_at (in->self, &f, in->object, member, "%s", "");
  g_free (f.message);
  *line = f.line;
  *column = f.column;
}

static void
check_event (Loader     *self,
             GHashTable *ids,
             JsonNode   *node,
             DmEvent    *event)
{
  InTree in = { self, json_node_get_object (node) };

  dm_native_loader_check_event (self, ids, event, json_object_has_member (in.object, "participants"),
                                locate_in_tree_cb, &in);
}

/* Reads the event in @el, element @index of @array or the piece @span (an element that is
 * not an object has no position of its own), and adds it to the document, or reports why
 * it cannot */
static void
load_event (Loader           *self,
            GHashTable       *ids,
            JsonNode         *el,
            JsonArray        *array,
            guint             index,
            const DmJsonSpan *span,
            guint            *loaded)
{
  Failure f = { 0 };
  g_autoptr(DmEvent) event = read_event (self, &f, el);

  if (event == NULL)
    {
      if (f.line == 0)
        dm_json_positions_lookup (self->positions, el, &f.line, &f.column);
      if (f.line == 0 && span != NULL)
        f.line = span->line, f.column = span->column;
      else if (f.line == 0 && array != NULL)
        dm_json_positions_lookup_element (self->positions, array, index, &f.line, &f.column);
      add_problem (self, f.line, f.column, f.message);
      g_free (f.message);
      /* written back where it was, among the events that loaded */
      if (self->chunk != NULL)
        {
          DmNativeRejected rejected = { json_node_ref (el), *loaded };

          g_array_append_val (self->chunk->rejected, rejected);
        }
      else
        dm_document_keep_rejected_at (self->doc, self->file, "events", el, *loaded);
      return;
    }
  check_event (self, ids, el, event);
  g_ptr_array_add (self->events, g_object_ref (event));
  (*loaded)++;
}

/* The problem of a file with more events than DM_MAX_EVENTS, at the first one not read */
static void
too_many_events (Loader *self,
                 guint   line,
                 guint   column)
{
  g_autofree char *message = g_strdup_printf (_("This file holds more than %u events: the rest are not read"),
                                              (guint) DM_MAX_EVENTS);

  add_problem (self, line, column, message);
}

/* The events one at a time, each read from its piece of @data (@spans) straight into a
 * DmEvent by dm_native_event_reader_read(), or, for what that leaves, by dm_json_positions_parse()
 * (or json-glib's parser, for what that cannot read) into nodes freed once read: the whole
 * document's tree of nodes is never built. */
gboolean
dm_native_loader_read_spans (DmNativeLoader    *self,
                             GHashTable        *ids,
                             const char        *data,
                             gsize              length,
                             const DmJsonSpan  *spans,
                             guint              n,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(DmJsonPositions) positions = dm_json_positions_new (parser, data, 0);
  g_autoptr(DmNativeEventReader) reader = dm_native_event_reader_new (self, ids);
  DmJsonPositions *whole = self->positions;
  guint loaded = 0;

  for (guint i = 0; i < n; i++)
    {
      const DmJsonSpan *span = &spans[i];
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) event = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* a chunk after one that failed is not joined */
      if (self->chunk != NULL && g_atomic_int_get (self->chunk->failed) < self->chunk->index)
        return TRUE;
      if (loaded >= DM_MAX_EVENTS)
        {
          too_many_events (self, span->line, span->column);
          break;
        }
      /* most events, straight from the text; the rest as nodes */
      if (dm_native_event_reader_read (reader, data + span->offset, span->length,
                                       span->line, span->column))
        {
          loaded++;
          continue;
        }
      dm_json_positions_reset (positions, data + span->offset, span->length, span->line, span->column);
      self->positions = positions;
      event = dm_json_positions_parse (positions);
      if (event != NULL)
        {
          load_event (self, ids, event, NULL, 0, span, &loaded);
          self->positions = whole;
          continue;
        }
      self->positions = whole;
      if (!json_parser_load_from_data (parser, data + span->offset, span->length, &parse_error))
        {
          /* not for strict JSON, which is all dm_json_split_member_list() splits; should
           * json-glib disagree, the error is the one it finds in the whole text */
          g_autoptr(JsonParser) all = json_parser_new_immutable ();
          g_autoptr(DmJsonPositions) all_positions = dm_json_positions_new (all, data, length);
          g_autoptr(GError) all_error = NULL;

          if (json_parser_load_from_data (all, data, length, &all_error))
            {
              dm_error_set_at (error, self->file, span->line, span->column, DM_ERROR_PARSE,
                               _("not valid JSON: %s"), parse_error->message);
              return FALSE;
            }
          return parse_failed (self->file, all_positions, all_error, error);
        }
      dm_json_positions_reset (positions, data + span->offset, span->length, span->line, span->column);
      self->positions = positions;
      load_event (self, ids, json_parser_get_root (parser), NULL, 0, span, &loaded);
      self->positions = whole;
    }
  return TRUE;
}

/* @a (nullable) and @b say the same: id, name, role, country, colour and members we do not
 * know */
static gboolean
same_actor (DmActor *a,
            DmActor *b)
{
  JsonObject *ea, *eb;

  if (a == NULL)
    return FALSE;
  ea = dm_actor_get_extra (a);
  eb = dm_actor_get_extra (b);
  if ((ea == NULL) != (eb == NULL) || (ea != NULL && !json_object_equal (ea, eb)))
    return FALSE;
  return g_strcmp0 (dm_actor_get_id (a), dm_actor_get_id (b)) == 0 &&
         g_strcmp0 (dm_actor_get_name (a), dm_actor_get_name (b)) == 0 &&
         g_strcmp0 (dm_actor_get_role (a), dm_actor_get_role (b)) == 0 &&
         g_strcmp0 (dm_actor_get_country (a), dm_actor_get_country (b)) == 0 &&
         g_strcmp0 (dm_actor_get_color (a), dm_actor_get_color (b)) == 0;
}

static void
read_actors (Loader     *self,
             JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "actors");
  JsonArray *array;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      warn_at (self, root, "actors", _("“actors” should be a list"));
      dm_document_keep_rejected (self->doc, self->file, "actors", node);
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      Failure f = { 0 };
      g_autoptr(DmActor) actor = NULL;
      g_autoptr(JsonObject) extra = NULL;
      JsonObject *o;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          warn_at (self, root, "actors", _("An actor should be an object with an “id”"));
          dm_document_keep_rejected (self->doc, self->file, "actors", el);
          continue;
        }
      o = json_node_get_object (el);
      id = get_string (self, &f, o, "id");
      if (id == NULL && f.message == NULL)
        fail_at (self, &f, o, NULL, _("An actor needs an “id”"));
      if (f.message == NULL)
        {
          actor = dm_actor_new (id, get_string (self, &f, o, "name"));
          dm_actor_set_role (actor, get_string (self, &f, o, "role"));
          dm_actor_set_country (actor, get_string (self, &f, o, "country"));
          dm_actor_set_color (actor, get_string (self, &f, o, "color"));
        }
      if (f.message != NULL)
        {
          add_problem (self, f.line, f.column, f.message);
          g_free (f.message);
          dm_document_keep_rejected (self->doc, self->file, "actors", el);
          continue;
        }
      extra = collect_extra (o, actor_members);
      dm_actor_set_extra (actor, extra);
      if (same_actor (dm_document_lookup_actor (self->doc, id), actor))
        {
          /* another file of a folder declares the same person the same way: one actor,
           * written back with each file */
          if (!g_ptr_array_find (self->info->actors, dm_document_lookup_actor (self->doc, id), NULL))
            g_ptr_array_add (self->info->actors, g_object_ref (dm_document_lookup_actor (self->doc, id)));
          continue;
        }
      if (dm_document_lookup_actor (self->doc, id) != NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("Actor “%s” is declared twice"), id);
          warn_at (self, o, "id", msg);
          dm_document_keep_rejected (self->doc, self->file, "actors", el);
          continue;
        }
      dm_document_add_actor (self->doc, actor);
      g_ptr_array_add (self->info->actors, g_object_ref (actor));
    }
}

static void
read_places (Loader     *self,
             JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "places");
  JsonArray *array;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      warn_at (self, root, "places", _("“places” should be a list"));
      dm_document_keep_rejected (self->doc, self->file, "places", node);
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      Failure f = { 0 };
      g_autoptr(DmPlace) place = NULL;
      g_autoptr(JsonObject) extra = NULL;

      if (JSON_NODE_HOLDS_OBJECT (el))
        {
          JsonObject *o = json_node_get_object (el);

          if (get_string (self, &f, o, "id") == NULL && f.message == NULL)
            fail_at (self, &f, o, NULL, _("A place in “places” needs an “id”"));
          if (f.message == NULL)
            place = place_from_object (self, &f, o, "places", root);
          if (place != NULL)
            {
              extra = collect_extra (o, place_members);
              dm_place_set_extra (place, extra);
            }
        }
      else
        fail_at (self, &f, root, "places", _("A place should be an object"));

      if (f.message != NULL)
        {
          add_problem (self, f.line, f.column, f.message);
          g_free (f.message);
          dm_document_keep_rejected (self->doc, self->file, "places", el);
          continue;
        }
      g_hash_table_insert (self->declared, g_strdup (dm_place_get_id (place)), g_object_ref (place));
      g_ptr_array_add (self->info->places, g_object_ref (place));
      dm_document_add_place (self->doc, place);
    }
}

gboolean
dm_native_format_sniff (const char *basename,
                        const char *data,
                        gsize       length)
{
  const char *p = data, *end = data + MIN (length, 4096);

  if (basename != NULL && g_str_has_suffix (basename, ".diplomap"))
    return TRUE;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p < end && *p == '{' && g_strstr_len (data, end - data, "\"diplomap\"") != NULL;
}

static gboolean
parse_failed (GFile            *file,
              DmJsonPositions  *positions,
              GError           *parse_error,
              GError          **error)
{
  g_autofree char *detail = NULL;
  guint line, column;

  detail = dm_json_positions_explain_error (positions, parse_error, &line, &column);
  dm_error_set_at (error, file, line, column, DM_ERROR_PARSE,
                   /* Translators: why the text is not JSON follows */
                   _("not valid JSON: %s"), detail);
  return FALSE;
}

static gboolean
load_native (DmDocument    *doc,
             GFile         *file,
             const char    *data,
             gsize          length,
             GPtrArray     *events_read,
             GPtrArray     *problems,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(DmJsonPositions) positions = dm_json_positions_new (parser, data, length);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GHashTable) declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GArray) spans = NULL;
  Loader self = { doc, file, positions, NULL, declared, resolved, events_read, problems };
  JsonNode *root, *events, *version_node;
  JsonObject *root_object;
  gint64 version = 1;
  guint line, column;

  /* A file in strict JSON is parsed without its events, which are read one at a time
   * (dm_native_loader_read_events()): the parser gets a copy where the events' list is empty,
   * and the positions come from the text as it is */
  spans = dm_json_parse_without_list (parser, data, length, "events");
  if (spans == NULL)
    {
      if (!dm_json_positions_check_depth (data, length, &line, &column))
        {
          dm_error_set_at (error, file, line, column, DM_ERROR_PARSE,
                           _("lists and objects nest more than %d deep here"), DM_JSON_MAX_DEPTH);
          return FALSE;
        }
      if (!json_parser_load_from_data (parser, data, length, &parse_error))
        return parse_failed (file, positions, parse_error, error);
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      dm_error_set_at (error, file, 1, 1, DM_ERROR_PARSE,
                       _("a Diplomap file is a JSON object with a “diplomap” version"));
      return FALSE;
    }
  root_object = json_node_get_object (root);
  version_node = json_object_get_member (root_object, "diplomap");
  if (version_node != NULL && JSON_NODE_HOLDS_VALUE (version_node) &&
      json_node_get_value_type (version_node) == G_TYPE_INT64)
    version = json_node_get_int (version_node);
  else
    warn_at (&self, root_object, version_node ? "diplomap" : NULL,
             _("The file does not say its format version (\"diplomap\": 1); reading it as version 1"));
  /* json-glib wraps an integer too large for 64 bits (99999999999999999999999 reads as a
   * negative number): no version is below 1 */
  if (version < 1)
    {
      warn_at (&self, root_object, "diplomap",
               _("“diplomap” should be the format version, a whole number from 1: reading the file as version 1"));
      version = 1;
    }
  if (version > DM_NATIVE_FORMAT_VERSION)
    {
      g_autofree char *msg = g_strdup_printf (_("Written for a newer Diplomap (format %d): what this version does not know is kept but not shown"),
                                              (int) MIN (version, G_MAXINT));
      warn_at (&self, root_object, "diplomap", msg);
    }

  self.info = dm_document_get_file_info (doc, file, TRUE);
  self.info->version = version;
  g_free (self.info->title);
  {
    /* a title that is not a string (fuzz-native: an object) is a problem */
    Failure f = { 0 };

    self.info->title = g_strdup (get_string (&self, &f, root_object, "title"));
    if (f.message != NULL)
      add_problem (&self, f.line, f.column, f.message);
    g_free (f.message);
  }
  if (self.info->title != NULL)
    dm_document_set_title (doc, self.info->title);
  extra = collect_extra (root_object, root_members);
  dm_document_set_file_extra (doc, file, extra);

  read_actors (&self, root_object);
  read_places (&self, root_object);

  events = json_object_get_member (root_object, "events");
  if (events != NULL && !JSON_NODE_HOLDS_ARRAY (events))
    {
      warn_at (&self, root_object, "events", _("“events” should be a list"));
      dm_document_keep_rejected (doc, file, "events", events);
    }
  else if (spans != NULL)
    return dm_native_loader_read_events (&self, data, length, spans, cancellable, error);
  else if (events != NULL)
    {
      JsonArray *array = json_node_get_array (events);
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      guint loaded = 0;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (loaded >= DM_MAX_EVENTS)
            {
              guint line = 0, column = 0;

              dm_json_positions_lookup (positions, json_array_get_element (array, i), &line, &column);
              too_many_events (&self, line, column);
              break;
            }
          load_event (&self, ids, json_array_get_element (array, i), array, i, NULL, &loaded);
        }
    }
  return TRUE;
}

gboolean
dm_native_format_load (DmDocument    *doc,
                       GFile         *file,
                       const char    *data,
                       gsize          length,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean loaded = load_native (doc, file, data, length, events, problems, cancellable, error);

  /* the events read and the problems found, in one change of each list: an item added at
   * a time cost a signal emission each (5 % of a load; a problem, 2 %) */
  dm_document_add_events (doc, (DmEvent **) events->pdata, events->len);
  dm_document_add_problems (doc, (DmProblem **) problems->pdata, problems->len);
  return loaded;
}
