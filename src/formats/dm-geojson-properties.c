/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "dm-gazetteer.h"
#include "dm-geojson-private.h"

/* A GeoJSON feature's properties: who, where, what (docs/INTEROP.md). */

/* The names other tools give a point's place, and a feature's traveller */
static const char * const place_members[] = { "place", "location", "city", "placename", "place_name", "display_name", NULL };
static const char * const actor_members[] = { "actor", "person", "leader", "traveller", "traveler", "who", NULL };

GStrv
dm_geojson_get_names (JsonObject *object,
                      const char *member)
{
  JsonNode *node = dm_geojson_lookup (object, member, NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto(GStrv) parts = g_strsplit_set (json_node_get_string (node), ",;", -1);
      for (guint i = 0; parts[i]; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_strv_builder_add (b, parts[i]);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *el = json_array_get_element (a, i);
          if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
            g_strv_builder_add (b, json_node_get_string (el));
        }
    }
  return g_strv_builder_end (b);
}

DmActor *
dm_geojson_fallback_actor (DmGeojsonLoader *self)
{
  if (self->fallback == NULL)
    {
      g_autofree char *base = g_file_get_basename (self->imp.file);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      self->fallback = dm_import_actor (&self->imp, NULL, self->collection_name ? self->collection_name : base);
    }
  return self->fallback;
}

/* The place of a point: its name from the properties, else the feature's name when the
 * gazetteer puts that name near the point */
DmPlace *
dm_geojson_point_place (DmGeojsonLoader   *self,
                        JsonObject        *props,
                        JsonObject        *place_info,
                        DmGeojsonPosition *p)
{
  const char *name = NULL, *country = NULL, *tz = NULL;

  if (place_info != NULL)
    {
      name = dm_geojson_get_string (place_info, "name");
      country = dm_geojson_get_string (place_info, "country");
      tz = dm_geojson_get_string (place_info, "timezone");
    }
  if (props != NULL)
    {
      name = name ? name : dm_geojson_first_string (props, place_members, NULL);
      country = country ? country : dm_geojson_get_string (props, "country");
      tz = tz ? tz : dm_geojson_get_string (props, "timezone");
      if (name == NULL && (name = dm_geojson_get_string (props, "name")) != NULL)
        {
          const DmGazetteerEntry *e = dm_gazetteer_lookup (dm_gazetteer_get_default (), name, country);
          if (e == NULL || ABS (e->latitude - p->lat) > 1 || ABS (e->longitude - p->lon) > 1)
            name = NULL;
        }
    }
  return dm_import_place_at (&self->imp, name, country, tz, p->lat, p->lon);
}

/* Our "places" property: one object (or name) per vertex of a trip */
static JsonObject *
vertex_place_info (JsonObject *props,
                   guint       index)
{
  JsonNode *node = props ? json_object_get_member (props, "places") : NULL;
  JsonArray *a;
  JsonNode *el;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  a = json_node_get_array (node);
  if (index >= json_array_get_length (a))
    return NULL;
  el = json_array_get_element (a, index);
  return JSON_NODE_HOLDS_OBJECT (el) ? json_node_get_object (el) : NULL;
}

static const char *
vertex_place_name (JsonObject *props,
                   guint       index)
{
  JsonNode *node = props ? json_object_get_member (props, "places") : NULL;
  JsonArray *a;
  JsonNode *el;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  a = json_node_get_array (node);
  if (index >= json_array_get_length (a))
    return NULL;
  el = json_array_get_element (a, index);
  if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
    return json_node_get_string (el);
  return NULL;
}

DmPlace *
dm_geojson_vertex_place (DmGeojsonLoader   *self,
                         JsonObject        *props,
                         guint              index,
                         DmGeojsonPosition *p)
{
  JsonObject *info = vertex_place_info (props, index);
  const char *name = info ? dm_geojson_get_string (info, "name") : vertex_place_name (props, index);

  return dm_import_place_at (&self->imp, name, info ? dm_geojson_get_string (info, "country") : NULL,
                             info ? dm_geojson_get_string (info, "timezone") : NULL, p->lat, p->lon);
}

void
dm_geojson_read_people (DmGeojsonLoader *self,
                        JsonObject      *props,
                        DmEvent         *event)
{
  const char *which = NULL;
  const char *name = props ? dm_geojson_first_string (props, actor_members, &which) : NULL;
  const char *id = props ? dm_geojson_get_string (props, "actor_id") : NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) ids = NULL;
  DmActor *actor = NULL;
  guint n_names = 0, n_ids;

  if (props == NULL)
    return;
  /* "actor": ["A", "B"] lists participants */
  if (name == NULL && dm_geojson_lookup (props, "actor", NULL) != NULL)
    names = dm_geojson_get_names (props, "actor");
  if (name != NULL || id != NULL)
    {
      actor = dm_import_actor (&self->imp, id, name);
      if (actor != NULL && dm_actor_get_role (actor) == NULL)
        dm_actor_set_role (actor, dm_geojson_get_string (props, "actor_role"));
      if (actor != NULL && dm_actor_get_country (actor) == NULL)
        dm_actor_set_country (actor, dm_geojson_get_string (props, "actor_country"));
      if (actor != NULL && dm_actor_get_color (actor) == NULL)
        dm_actor_set_color (actor, dm_geojson_get_string (props, "actor_color"));
      dm_event_set_actor (event, actor);
    }
  if (names == NULL)
    names = dm_geojson_get_names (props, "participants");
  ids = dm_geojson_get_names (props, "participant_ids");
  n_ids = ids ? g_strv_length (ids) : 0;
  if (names != NULL)
    {
      guint line, column;

      n_names = g_strv_length (names);
      if (n_names > DM_MAX_PARTICIPANTS)
        {
          dm_geojson_member_position (self, props, json_object_has_member (props, "participants") ? "participants" : "actor",
                                      &line, &column);
          n_names = dm_import_check_participants (&self->imp, n_names, line, column);
        }
    }
  for (guint i = 0; i < n_names; i++)
    {
      const char *pid = i < n_ids ? ids[i] : NULL;
      DmActor *a = dm_import_actor (&self->imp, pid, names[i]);
      if (a != NULL && a != actor)
        dm_event_add_participant (event, a);
    }
}

static void
unknown_free (gpointer data)
{
  DmGeojsonUnknown *u = data;

  g_free (u->first);
  g_free (u);
}

/* A property of ours whose value we cannot read ("status": "L" in a survey's file) is kept
 * on the event as "NAME_as_written", so that it reaches a .diplomap, and counted: the file
 * gets one problem per property name (dm_geojson_report_unknown), not one per feature */
void
dm_geojson_unknown_value (DmGeojsonLoader *self,
                          JsonObject      *props,
                          const char      *member,
                          const char      *value,
                          DmEvent         *event)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *key = g_strconcat (member, "_as_written", NULL);
  DmGeojsonUnknown *u;

  if (dm_event_get_extra (event) != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (dm_event_get_extra (event));
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (dm_event_get_extra (event), l->data)));
    }
  json_object_set_string_member (extra, key, value);
  dm_event_set_extra (event, extra);

  if (self->unknown_values == NULL)
    self->unknown_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unknown_free);
  if ((u = g_hash_table_lookup (self->unknown_values, member)) == NULL)
    {
      u = g_new0 (DmGeojsonUnknown, 1);
      u->first = g_strdup (value);
      dm_geojson_member_position (self, props, member, &u->line, &u->column);
      g_hash_table_insert (self->unknown_values, g_strdup (member), u);
    }
  u->count++;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

void
dm_geojson_report_unknown (DmGeojsonLoader *self)
{
  g_autofree gpointer *names = NULL;
  guint n;

  if (self->unknown_values == NULL)
    return;
  names = g_hash_table_get_keys_as_array (self->unknown_values, &n);
  qsort (names, n, sizeof (gpointer), compare_names);
  for (guint i = 0; i < n; i++)
    {
      DmGeojsonUnknown *u = g_hash_table_lookup (self->unknown_values, names[i]);
      g_autofree char *key = g_strconcat (names[i], "_as_written", NULL);

      /* Translators: “status” held values … on 1000 features (“L” here, the first) */
      dm_import_problem (&self->imp, u->line, u->column,
                         ngettext ("“%s” held values Diplomap does not know on %u feature (“%s” here): it is kept as “%s”",
                                   "“%s” held values Diplomap does not know on %u features (“%s” here, the first): they are kept as “%s”",
                                   u->count),
                         (const char *) names[i], u->count, u->first, key);
    }
  g_clear_pointer (&self->unknown_values, g_hash_table_unref);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_strings (JsonNode *node)
{
  JsonArray *a;

  if (is_string (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  a = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (a); i++)
    if (!is_string (json_array_get_element (a, i)))
      return FALSE;
  return TRUE;
}

static void
type_problem (DmGeojsonLoader *self,
              JsonObject      *props,
              const char      *member,
              const char      *message)
{
  guint line, column;

  dm_geojson_member_position (self, props, member, &line, &column);
  /* a script that writes one property wrong writes it wrong on every feature: the first
   * few are said, the rest counted in one problem at the end */
  if (++self->n_mistyped > DM_GEOJSON_SAID)
    {
      if (self->n_mistyped == DM_GEOJSON_SAID + 1)
        self->mistyped_line = line, self->mistyped_column = column;
      return;
    }
  dm_import_problem (&self->imp, line, column, "%s", message);
}

/* A problem for each of @members that @props has with a value neither null nor a string
 * (nor a list of strings, if @or_list) */
static void
check_strings (DmGeojsonLoader    *self,
               JsonObject         *props,
               const char * const *members,
               gboolean            or_list)
{
  JsonNode *node;

  for (guint i = 0; members[i]; i++)
    if ((node = dm_geojson_lookup (props, members[i], NULL)) != NULL && !JSON_NODE_HOLDS_NULL (node) &&
        !(or_list ? is_strings (node) : is_string (node)))
      {
        /* Translators: %s is the name of a member in the file, like "title" */
        g_autofree char *message = or_list ? g_strdup_printf (_("“%s” should be a string or a list of strings"), members[i])
                                           : g_strdup_printf (_("“%s” should be a string"), members[i]);
        type_problem (self, props, members[i], message);
      }
}

/* The properties we read whose value has the wrong type ("actor": 42, "status": ["a"],
 * "participants": 7) are left out: say so rather than drop them silently */
static void
check_types (DmGeojsonLoader *self,
             JsonObject      *props)
{
  static const char * const strings[] = {
    "status", "event_type", "actor_id", "actor_role", "actor_country", "actor_color", "host",
    "country", "timezone", NULL
  };
  static const char * const lists[] = { "participants", "participant_ids", "tags", "invited_by", NULL };
  JsonNode *node;

  check_strings (self, props, strings, FALSE);
  check_strings (self, props, place_members, FALSE);
  check_strings (self, props, actor_members, TRUE);
  check_strings (self, props, lists, TRUE);
  if ((node = dm_geojson_lookup (props, "sources", NULL)) != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      !JSON_NODE_HOLDS_ARRAY (node))
    type_problem (self, props, "sources", _("“sources” should be a list of citations"));
}

void
dm_geojson_read_details (DmGeojsonLoader *self,
                         JsonObject      *props,
                         DmEvent         *event)
{
  static const char * const title_members[] = { "title", "name", "label", "summary", NULL };
  static const char * const note_members[] = { "notes", "description", "note", "comment", NULL };
  const char *status = props ? dm_geojson_get_string (props, "status") : NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) invited = NULL;
  JsonNode *sources;

  if (props == NULL)
    return;
  check_types (self, props);
  /* our own files give the title apart from the display "name" */
  if (dm_geojson_lookup (props, "event_type", NULL) != NULL)
    dm_event_set_title (event, dm_geojson_get_string (props, "title"));
  else
    dm_event_set_title (event, dm_geojson_first_string (props, title_members, NULL));
  dm_event_set_notes (event, dm_geojson_first_string (props, note_members, NULL));
  dm_event_set_host (event, dm_geojson_get_string (props, "host"));
  if (status != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (status, -1);
      DmStatus s;

      if (dm_status_from_string (lower, &s))
        dm_event_set_status (event, s);
      else
        dm_geojson_unknown_value (self, props, "status", status, event);
    }
  tags = dm_geojson_get_names (props, "tags");
  if (tags != NULL && tags[0] != NULL)
    dm_event_set_tags (event, (const char * const *) tags);
  invited = dm_geojson_get_names (props, "invited_by");
  if (invited != NULL && invited[0] != NULL)
    dm_event_set_invited_by (event, (const char * const *) invited);
  sources = dm_geojson_lookup (props, "sources", NULL);
  if (sources != NULL && JSON_NODE_HOLDS_ARRAY (sources))
    {
      JsonArray *a = json_node_get_array (sources);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *el = json_array_get_element (a, i);
          g_autoptr(DmSource) src = dm_source_new ();

          if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
            {
              const char *t = json_node_get_string (el);
              if (g_str_has_prefix (t, "http://") || g_str_has_prefix (t, "https://"))
                src->url = g_strdup (t);
              else
                src->title = g_strdup (t);
            }
          else if (JSON_NODE_HOLDS_OBJECT (el))
            {
              JsonObject *o = json_node_get_object (el);
              src->title = g_strdup (dm_geojson_get_string (o, "title"));
              src->publisher = g_strdup (dm_geojson_get_string (o, "publisher"));
              src->date = g_strdup (dm_geojson_get_string (o, "date"));
              src->url = g_strdup (dm_geojson_get_string (o, "url"));
            }
          else
            {
              guint line, column;

              dm_json_positions_lookup_element (self->positions, a, i, &line, &column);
              dm_import_problem (&self->imp, line, column, "%s", _("A source should be an object or a string"));
              continue;
            }
          dm_event_add_source (event, src);
        }
    }
}

gboolean
dm_geojson_kind_from_properties (JsonObject  *props,
                                 DmEventKind *kind)
{
  const char *text = props ? dm_geojson_get_string (props, "event_type") : NULL;
  g_autofree char *lower = NULL;

  if (text == NULL && props != NULL)
    text = dm_geojson_get_string (props, "type");
  if (text == NULL)
    return FALSE;
  lower = g_ascii_strdown (text, -1);
  return dm_event_kind_from_string (lower, kind);
}

/* A problem for a feature that cannot become an event; its places stay as static places */

GArray *
dm_geojson_read_stop_vertices (JsonObject *props,
                               GPtrArray  *lines)
{
  JsonNode *node = props ? json_object_get_member (props, "stop_vertices") : NULL;
  g_autoptr(GArray) stops = NULL;
  JsonArray *array;
  guint n, n_vertices;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || lines->len != 1)
    return NULL;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  n_vertices = ((GArray *) g_ptr_array_index (lines, 0))->len;
  if (n < 2)
    return NULL;
  stops = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      gint64 v;
      guint at;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64)
        return NULL;
      v = json_node_get_int (e);
      if (v < 0 || v >= n_vertices || (i == 0 && v != 0) ||
          (i > 0 && v <= g_array_index (stops, guint, i - 1)))
        return NULL;
      at = v;
      g_array_append_val (stops, at);
    }
  if (g_array_index (stops, guint, n - 1) != n_vertices - 1)
    return NULL;
  return g_steal_pointer (&stops);
}
