/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dm-error.h"
#include "dm-format.h"
#include "dm-gazetteer.h"
#include "dm-geojson-private.h"
#include "dm-import-private.h"
#include "dm-json-positions.h"

/* GeoJSON (RFC 7946) in: a Feature with a time is an event. Points are visits (or
 * summits with several participants), lines are trips with one leg per segment.
 * Times come from Linked Places "when", from flat properties, or from a fourth
 * coordinate (kepler.gl). The mapping is in docs/INTEROP.md. */

typedef struct
{
  double   lon;
  double   lat;
  double   t;
  gboolean has_t;
} Position;



typedef struct
{
  DmImport          imp;
  DmJsonPositions  *positions;
  char             *collection_name;
  DmActor          *fallback;
} Loader;

static void
position_of (Loader   *self,
             JsonNode *node,
             guint    *line,
             guint    *column)
{
  *line = *column = 0;
  dm_json_positions_lookup (self->positions, node, line, column);
}

static void
member_position (Loader     *self,
                 JsonObject *object,
                 const char *member,
                 guint      *line,
                 guint      *column)
{
  *line = *column = 0;
  if (object == NULL || !dm_json_positions_lookup_member (self->positions, object, member, line, column))
    {
      g_autoptr(JsonNode) node = object ? json_node_init_object (json_node_alloc (), object) : NULL;
      if (node != NULL)
        dm_json_positions_lookup (self->positions, node, line, column);
    }
}

const char *
dm_geojson_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      return s && *s ? s : NULL;
    }
  return NULL;
}

/* The first of @members that @object has as a non-empty string */
static const char *
first_string (JsonObject         *object,
              const char * const *members,
              const char        **which)
{
  for (guint i = 0; members[i]; i++)
    {
      const char *s = dm_geojson_get_string (object, members[i]);
      if (s != NULL)
        {
          if (which)
            *which = members[i];
          return s;
        }
    }
  return NULL;
}

static gboolean
read_position (JsonNode *node,
               Position *out)
{
  JsonArray *a;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  a = json_node_get_array (node);
  n = json_array_get_length (a);
  if (n < 2)
    return FALSE;
  for (guint i = 0; i < MIN (n, 4); i++)
    {
      JsonNode *el = json_array_get_element (a, i);
      if (!JSON_NODE_HOLDS_VALUE (el) ||
          (json_node_get_value_type (el) != G_TYPE_INT64 && json_node_get_value_type (el) != G_TYPE_DOUBLE))
        return FALSE;
    }
  out->lon = json_array_get_double_element (a, 0);
  out->lat = json_array_get_double_element (a, 1);
  out->has_t = n >= 4;
  out->t = out->has_t ? json_array_get_double_element (a, 3) : 0;
  return out->lat >= -90 && out->lat <= 90 && out->lon >= -180 && out->lon <= 180;
}

/* Positions of a LineString (or a ring, or MultiPoint) into a new GArray */
static GArray *
read_positions (JsonNode *node)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (Position));
  JsonArray *a;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  a = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      Position p;
      if (!read_position (json_array_get_element (a, i), &p))
        return NULL;
      g_array_append_val (out, p);
    }
  return g_steal_pointer (&out);
}

/* The geometry as lines (each a GArray of Position) and points; FALSE if malformed */
static gboolean
read_geometry (JsonObject *geometry,
               GPtrArray  *lines,
               GArray     *points,
               guint       depth)
{
  const char *type = dm_geojson_get_string (geometry, "type");
  JsonNode *coords = json_object_get_member (geometry, "coordinates");
  GArray *line;

  if (type == NULL || depth > 8)
    return FALSE;
  if (g_str_equal (type, "Point"))
    {
      Position p;
      if (!read_position (coords, &p))
        return FALSE;
      g_array_append_val (points, p);
      return TRUE;
    }
  if (g_str_equal (type, "MultiPoint"))
    {
      if ((line = read_positions (coords)) == NULL)
        return FALSE;
      g_array_append_vals (points, line->data, line->len);
      g_array_unref (line);
      return TRUE;
    }
  if (g_str_equal (type, "LineString"))
    {
      if ((line = read_positions (coords)) == NULL || line->len < 2)
        return line ? (g_array_unref (line), FALSE) : FALSE;
      g_ptr_array_add (lines, line);
      return TRUE;
    }
  if (g_str_equal (type, "MultiLineString") || g_str_equal (type, "Polygon") ||
      g_str_equal (type, "MultiPolygon"))
    {
      JsonArray *a;

      if (coords == NULL || !JSON_NODE_HOLDS_ARRAY (coords))
        return FALSE;
      a = json_node_get_array (coords);
      if (g_str_equal (type, "MultiLineString"))
        {
          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              if ((line = read_positions (json_array_get_element (a, i))) == NULL || line->len < 2)
                return line ? (g_array_unref (line), FALSE) : FALSE;
              g_ptr_array_add (lines, line);
            }
          return json_array_get_length (a) > 0;
        }
      /* an area stands for the middle of its outer ring's bounding box */
      {
        JsonNode *ring = json_array_get_length (a) > 0 ? json_array_get_element (a, 0) : NULL;
        Position p = { 0 };
        double w = 180, e = -180, s = 90, n = -90;

        if (ring != NULL && g_str_equal (type, "MultiPolygon") && JSON_NODE_HOLDS_ARRAY (ring) &&
            json_array_get_length (json_node_get_array (ring)) > 0)
          ring = json_array_get_element (json_node_get_array (ring), 0);
        if ((line = read_positions (ring)) == NULL || line->len == 0)
          return line ? (g_array_unref (line), FALSE) : FALSE;
        for (guint i = 0; i < line->len; i++)
          {
            Position *q = &g_array_index (line, Position, i);
            w = MIN (w, q->lon); e = MAX (e, q->lon);
            s = MIN (s, q->lat); n = MAX (n, q->lat);
          }
        g_array_unref (line);
        p.lon = (w + e) / 2;
        p.lat = (s + n) / 2;
        g_array_append_val (points, p);
        return TRUE;
      }
    }
  if (g_str_equal (type, "GeometryCollection"))
    {
      JsonNode *geoms = json_object_get_member (geometry, "geometries");
      JsonArray *a;

      if (geoms == NULL || !JSON_NODE_HOLDS_ARRAY (geoms))
        return FALSE;
      a = json_node_get_array (geoms);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *g = json_array_get_element (a, i);
          if (!JSON_NODE_HOLDS_OBJECT (g) || !read_geometry (json_node_get_object (g), lines, points, depth + 1))
            return FALSE;
        }
      return TRUE;
    }
  return FALSE;
}

/* A string or a list of strings as a vector; "a, b" in one string is split */
static GStrv
get_names (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
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

static DmActor *
fallback_actor (Loader *self)
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
static DmPlace *
point_place (Loader     *self,
             JsonObject *props,
             JsonObject *place_info,
             Position   *p)
{
  static const char * const place_members[] = { "place", "location", "city", "placename", "place_name", NULL };
  const char *name = NULL, *country = NULL, *tz = NULL;

  if (place_info != NULL)
    {
      name = dm_geojson_get_string (place_info, "name");
      country = dm_geojson_get_string (place_info, "country");
      tz = dm_geojson_get_string (place_info, "timezone");
    }
  if (props != NULL)
    {
      name = name ? name : first_string (props, place_members, NULL);
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

static DmPlace *
vertex_place (Loader     *self,
              JsonObject *props,
              guint       index,
              Position   *p)
{
  JsonObject *info = vertex_place_info (props, index);
  const char *name = info ? dm_geojson_get_string (info, "name") : vertex_place_name (props, index);

  return dm_import_place_at (&self->imp, name, info ? dm_geojson_get_string (info, "country") : NULL,
                             info ? dm_geojson_get_string (info, "timezone") : NULL, p->lat, p->lon);
}

static void
read_people (Loader     *self,
             JsonObject *props,
             DmEvent    *event)
{
  static const char * const actor_members[] = { "actor", "person", "leader", "traveller", "traveler", "who", NULL };
  const char *which = NULL;
  const char *name = props ? first_string (props, actor_members, &which) : NULL;
  const char *id = props ? dm_geojson_get_string (props, "actor_id") : NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) ids = NULL;
  DmActor *actor = NULL;

  if (props == NULL)
    return;
  /* "actor": ["A", "B"] lists participants */
  if (name == NULL && json_object_has_member (props, "actor"))
    names = get_names (props, "actor");
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
    names = get_names (props, "participants");
  ids = get_names (props, "participant_ids");
  for (guint i = 0; names && names[i]; i++)
    {
      const char *pid = ids && i < g_strv_length (ids) ? ids[i] : NULL;
      DmActor *a = dm_import_actor (&self->imp, pid, names[i]);
      if (a != NULL && a != actor)
        dm_event_add_participant (event, a);
    }
}

static void
read_details (Loader     *self,
              JsonObject *props,
              DmEvent    *event)
{
  static const char * const title_members[] = { "title", "name", "label", "summary", NULL };
  static const char * const note_members[] = { "notes", "description", "note", "comment", NULL };
  const char *status = props ? dm_geojson_get_string (props, "status") : NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) invited = NULL;
  JsonNode *sources;

  if (props == NULL)
    return;
  /* our own files give the title apart from the display "name" */
  if (json_object_has_member (props, "event_type"))
    dm_event_set_title (event, dm_geojson_get_string (props, "title"));
  else
    dm_event_set_title (event, first_string (props, title_members, NULL));
  dm_event_set_notes (event, first_string (props, note_members, NULL));
  dm_event_set_host (event, dm_geojson_get_string (props, "host"));
  if (status != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (status, -1);
      DmStatus s;

      if (dm_status_from_string (lower, &s))
        dm_event_set_status (event, s);
      else
        {
          guint line, column;
          member_position (self, props, "status", &line, &column);
          dm_import_problem (&self->imp, line, column,
                             _("Unknown status “%s”: use announced, planned, confirmed, completed or cancelled"),
                             status);
        }
    }
  tags = get_names (props, "tags");
  if (tags != NULL && tags[0] != NULL)
    dm_event_set_tags (event, (const char * const *) tags);
  invited = get_names (props, "invited_by");
  if (invited != NULL && invited[0] != NULL)
    dm_event_set_invited_by (event, (const char * const *) invited);
  sources = json_object_get_member (props, "sources");
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
            continue;
          dm_event_add_source (event, src);
        }
    }
}

static gboolean
kind_from_properties (JsonObject  *props,
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
static void
skip_feature (Loader     *self,
              JsonNode   *feature,
              JsonObject *object,
              const char *member,
              const char *message)
{
  guint line, column;

  if (member != NULL)
    member_position (self, object, member, &line, &column);
  else
    position_of (self, feature, &line, &column);
  dm_import_problem (&self->imp, line, column, "%s", message);
}

static void
read_feature (Loader    *self,
              JsonArray *array,
              guint      index,
              JsonNode  *node)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Position));
  g_autoptr(GArray) vertex_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) leg_vertices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(DmEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *feature, *props = NULL;
  JsonNode *geometry, *props_node, *id_node;
  g_autofree char *id = NULL;
  DmEventKind kind;
  guint line, column, tline = 0, tcolumn = 0;

  position_of (self, node, &line, &column);
  if (array != NULL && line == 0)
    dm_json_positions_lookup_element (self->positions, array, index, &line, &column);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      dm_import_problem (&self->imp, line, column, _("A feature should be an object"));
      return;
    }
  feature = json_node_get_object (node);
  if (g_strcmp0 (dm_geojson_get_string (feature, "type"), "Feature") != 0)
    {
      skip_feature (self, node, feature, json_object_has_member (feature, "type") ? "type" : NULL,
                    _("Expected a GeoJSON object with \"type\": \"Feature\""));
      return;
    }
  props_node = json_object_get_member (feature, "properties");
  if (props_node != NULL && JSON_NODE_HOLDS_OBJECT (props_node))
    props = json_node_get_object (props_node);
  else if (props_node != NULL && !JSON_NODE_HOLDS_NULL (props_node))
    {
      skip_feature (self, node, feature, "properties", _("“properties” should be an object or null"));
      return;
    }

  geometry = json_object_get_member (feature, "geometry");
  if (geometry != NULL && JSON_NODE_HOLDS_OBJECT (geometry))
    {
      if (!read_geometry (json_node_get_object (geometry), lines, points, 0))
        {
          skip_feature (self, node, json_node_get_object (geometry), "coordinates",
                        _("This geometry is not valid GeoJSON: positions should be [longitude, latitude] numbers within the world"));
          return;
        }
    }
  else if (geometry != NULL && !JSON_NODE_HOLDS_NULL (geometry))
    {
      skip_feature (self, node, feature, "geometry", _("“geometry” should be an object or null"));
      return;
    }

  /* a feature without geometry may still name its place */
  if (lines->len == 0 && points->len == 0 && props != NULL)
    {
      static const char * const place_members[] = { "place", "location", "city", NULL };
      const char *name = first_string (props, place_members, NULL);
      g_autoptr(DmPlace) place = dm_import_place_by_name (&self->imp, name, dm_geojson_get_string (props, "country"));

      if (place != NULL)
        {
          Position p = { dm_place_get_longitude (place), dm_place_get_latitude (place), 0, FALSE };
          g_array_append_val (points, p);
        }
    }
  if (lines->len == 0 && points->len == 0)
    {
      skip_feature (self, node, feature, NULL, _("This feature has no geometry and no known place: it is not shown"));
      return;
    }

  if (!kind_from_properties (props, &kind) || (lines->len > 0) != (kind == DM_EVENT_KIND_TRIP))
    kind = lines->len > 0 ? DM_EVENT_KIND_TRIP : DM_EVENT_KIND_VISIT;

  id_node = json_object_get_member (feature, "id");
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node))
    id = json_node_get_value_type (id_node) == G_TYPE_STRING
         ? g_strdup (json_node_get_string (id_node))
         : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id_node));
  if (kind == DM_EVENT_KIND_VISIT && props != NULL && !json_object_has_member (props, "event_type"))
    {
      /* a point with several people and no single traveller is a summit */
      g_auto(GStrv) people = get_names (props, "participants");
      g_auto(GStrv) actors = get_names (props, "actor");
      if ((people && g_strv_length (people) >= 2) || (actors && g_strv_length (actors) >= 2))
        kind = DM_EVENT_KIND_SUMMIT;
    }
  event = dm_event_new (kind, id);
  read_details (self, props, event);
  read_people (self, props, event);
  if ((kind == DM_EVENT_KIND_TRIP || kind == DM_EVENT_KIND_VISIT) && dm_event_get_actor (event) == NULL)
    dm_event_set_actor (event, fallback_actor (self));

  if (kind == DM_EVENT_KIND_TRIP)
    {
      guint v = 0;

      for (guint i = 0; i < lines->len; i++)
        {
          GArray *l = g_ptr_array_index (lines, i);
          g_autoptr(DmPlace) prev = NULL;

          for (guint k = 0; k < l->len; k++, v++)
            {
              Position *p = &g_array_index (l, Position, k);
              g_autoptr(DmPlace) here = vertex_place (self, props, v, p);
              double t = p->has_t ? p->t : NAN;

              g_array_append_val (vertex_times, t);
              if (prev != NULL)
                {
                  g_autoptr(DmLeg) leg = dm_leg_new (prev, here);
                  guint from_v = v - 1;

                  leg->line = line;
                  leg->column = column;
                  dm_event_add_leg (event, leg);
                  g_array_append_val (leg_vertices, from_v);
                }
              g_set_object (&prev, here);
            }
        }
    }
  else
    {
      g_autoptr(DmPlace) place = point_place (self, props, NULL, &g_array_index (points, Position, 0));
      dm_event_set_place (event, place);
    }

  switch (dm_geojson_read_times (self->positions, feature, props, event, vertex_times, leg_vertices,
                                 &tline, &tcolumn, &error))
    {
    case DM_GEOJSON_TIMES_OK:
      dm_import_add_event (&self->imp, event, line, column);
      break;
    case DM_GEOJSON_TIMES_NONE:
      /* Translators: %s is the feature's name or "this feature" */
      dm_import_problem (&self->imp, line, column,
                         _("“%s” has no time: its places are shown, but not as an event"),
                         dm_event_get_title (event) ? dm_event_get_title (event) : _("This feature"));
      break;
    case DM_GEOJSON_TIMES_BAD:
    default:
      dm_import_problem (&self->imp, tline ? tline : line, tline ? tcolumn : column, "%s", error->message);
      break;
    }
}

gboolean
dm_geojson_format_sniff (const char *basename,
                         const char *data,
                         gsize       length)
{
  g_autofree char *ext = dm_import_extension (basename);
  const char *p = data, *end = data + MIN (length, 4096);

  if (g_str_equal (ext, "geojson"))
    return TRUE;
  while (p < end && (g_ascii_isspace (*p) || (guchar) *p >= 0x80))
    p++;
  if (p >= end || *p != '{')
    return FALSE;
  return g_strstr_len (p, end - p, "\"FeatureCollection\"") != NULL ||
         g_strstr_len (p, end - p, "\"Feature\"") != NULL;
}

static gboolean
parse_failed (Loader     *self,
              JsonParser *parser,
              GError     *parse_error,
              GError    **error)
{
  const char *detail = parse_error->message;
  const char *colon;
  guint line = json_parser_get_current_line (parser);
  guint column = json_parser_get_current_pos (parser);

  /* json-glib prefixes "<data>:LINE:COL: ": keep only its reason */
  if (g_str_has_prefix (detail, "<data>:") && (colon = strstr (detail + 7, ": ")) != NULL)
    {
      if (sscanf (detail + 7, "%u:%u", &line, &column) < 2)
        column = json_parser_get_current_pos (parser);
      detail = colon + 2;
    }
  /* Translators: json-glib's reason follows */
  return dm_import_fail (&self->imp, error, line, column, _("not valid JSON: %s"), detail);
}

gboolean
dm_geojson_format_load (DmDocument    *doc,
                        GFile         *file,
                        const char    *data,
                        gsize          length,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(DmJsonPositions) positions = dm_json_positions_new (parser);
  g_autoptr(GError) parse_error = NULL;
  Loader self = { { 0 }, positions, NULL, NULL };
  JsonNode *root;
  JsonObject *root_object;
  const char *type;
  gboolean ok = TRUE;

  dm_import_init (&self.imp, doc, file);
  /* a UTF-8 byte order mark is allowed by some writers */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      ok = parse_failed (&self, parser, parse_error, error);
      goto out;
    }
  root = json_parser_get_root (parser);
  type = root && JSON_NODE_HOLDS_OBJECT (root) ? dm_geojson_get_string (json_node_get_object (root), "type") : NULL;
  if (g_strcmp0 (type, "Feature") == 0)
    read_feature (&self, NULL, 0, root);
  else if (g_strcmp0 (type, "FeatureCollection") == 0)
    {
      JsonNode *features;

      root_object = json_node_get_object (root);
      self.collection_name = g_strdup (dm_geojson_get_string (root_object, "name"));
      if (self.collection_name != NULL)
        dm_document_set_title (doc, self.collection_name);
      features = json_object_get_member (root_object, "features");
      if (features == NULL || !JSON_NODE_HOLDS_ARRAY (features))
        {
          guint line, column;
          member_position (&self, root_object, "features", &line, &column);
          ok = dm_import_fail (&self.imp, error, line, column,
                               _("A FeatureCollection needs “features”: a list of features"));
          goto out;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (features)); i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              goto out;
            }
          read_feature (&self, json_node_get_array (features), i,
                        json_array_get_element (json_node_get_array (features), i));
        }
    }
  else
    ok = dm_import_fail (&self.imp, error, 1, 1,
                         _("not GeoJSON: the top level should be a Feature or a FeatureCollection"));
out:
  g_free (self.collection_name);
  dm_import_clear (&self.imp);
  return ok;
}
