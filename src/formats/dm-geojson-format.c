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

/* Features without a time said one by one; the rest are counted in one problem */
#define UNTIMED_SAID 3

/* GeoJSON (RFC 7946) in: a Feature with a time is an event. Points are visits (or
 * summits with several participants), lines are trips with one leg per segment.
 * Times come from Linked Places "when", from flat properties, or from a fourth
 * coordinate (kepler.gl). The mapping is in docs/INTEROP.md. */

static void
position_of (DmGeojsonLoader *self,
             JsonNode        *node,
             guint           *line,
             guint           *column)
{
  *line = *column = 0;
  dm_json_positions_lookup (self->positions, node, line, column);
}

void
dm_geojson_member_position (DmGeojsonLoader *self,
                            JsonObject      *object,
                            const char      *member,
                            guint           *line,
                            guint           *column)
{
  *line = *column = 0;
  if (object != NULL)
    dm_geojson_lookup (object, member, &member);
  if (object == NULL || !dm_json_positions_lookup_member (self->positions, object, member, line, column))
    {
      g_autoptr(JsonNode) node = object ? json_node_init_object (json_node_alloc (), object) : NULL;
      if (node != NULL)
        dm_json_positions_lookup (self->positions, node, line, column);
    }
}

/* @member of @object, else a member whose name differs only in case ("Date", "NAME", as
 * QGIS or shapefile exports write them); @key, if given, is set to the name as written */
JsonNode *
dm_geojson_lookup (JsonObject  *object,
                   const char  *member,
                   const char **key)
{
  g_autoptr(GList) names = NULL;
  JsonNode *node;

  if (object == NULL)
    return NULL;
  if ((node = json_object_get_member (object, member)) != NULL)
    return node;
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (g_ascii_strcasecmp (l->data, member) == 0)
      {
        if (key != NULL)
          *key = l->data;
        return json_object_get_member (object, l->data);
      }
  return NULL;
}

const char *
dm_geojson_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = dm_geojson_lookup (object, member, NULL);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      return s && *s ? s : NULL;
    }
  return NULL;
}

/* The first of @members that @object has as a non-empty string */
const char *
dm_geojson_first_string (JsonObject          *object,
                         const char * const  *members,
                         const char         **which)
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

/* A coordinate: a number, or a number written as a string ("37.6", as some scripts
 * write them), counted so that the file gets one problem for all of them */
static gboolean
read_coordinate (DmGeojsonLoader *self,
                 JsonArray       *position,
                 guint            index,
                 double          *out)
{
  JsonNode *el = json_array_get_element (position, index);
  const char *text;
  char *end;

  if (!JSON_NODE_HOLDS_VALUE (el))
    return FALSE;
  if (json_node_get_value_type (el) == G_TYPE_INT64 || json_node_get_value_type (el) == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (el);
      return TRUE;
    }
  if (json_node_get_value_type (el) != G_TYPE_STRING)
    return FALSE;
  text = json_node_get_string (el);
  *out = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*out))
    return FALSE;
  if (self->text_coords++ == 0)
    {
      self->first_text_coord = g_strdup (text);
      dm_json_positions_lookup_element (self->positions, position, index, &self->text_line, &self->text_column);
    }
  return TRUE;
}

static gboolean
read_position (DmGeojsonLoader   *self,
               JsonNode          *node,
               DmGeojsonPosition *out)
{
  JsonArray *a;
  double c[4] = { 0 };
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  a = json_node_get_array (node);
  n = json_array_get_length (a);
  if (n < 2)
    return FALSE;
  for (guint i = 0; i < MIN (n, 4); i++)
    if (!read_coordinate (self, a, i, &c[i]))
      return FALSE;
  out->lon = c[0];
  out->lat = c[1];
  out->has_t = n >= 4;
  out->t = out->has_t ? c[3] : 0;
  return out->lat >= -90 && out->lat <= 90 && out->lon >= -180 && out->lon <= 180;
}

/* Positions of a LineString (or a ring, or MultiPoint) into a new GArray */
static GArray *
read_positions (DmGeojsonLoader *self,
                JsonNode        *node)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (DmGeojsonPosition));
  JsonArray *a;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  a = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      DmGeojsonPosition p;
      if (!read_position (self, json_array_get_element (a, i), &p))
        return NULL;
      g_array_append_val (out, p);
    }
  return g_steal_pointer (&out);
}

/* A ring's first vertex: the origin of its centroid's sums, so that they stay small */
static inline double
line_x0 (GArray *line)
{
  return g_array_index (line, DmGeojsonPosition, 0).lon;
}

static inline double
line_y0 (GArray *line)
{
  return g_array_index (line, DmGeojsonPosition, 0).lat;
}

/* The geometry as lines (each a GArray of DmGeojsonPosition) and points; FALSE if malformed */
static gboolean
read_geometry (DmGeojsonLoader *self,
               JsonObject      *geometry,
               GPtrArray       *lines,
               GArray          *points,
               guint            depth)
{
  const char *type = dm_geojson_get_string (geometry, "type");
  JsonNode *coords = json_object_get_member (geometry, "coordinates");
  GArray *line;

  if (type == NULL || depth > 8)
    return FALSE;
  if (g_str_equal (type, "Point"))
    {
      DmGeojsonPosition p;
      if (!read_position (self, coords, &p))
        return FALSE;
      g_array_append_val (points, p);
      return TRUE;
    }
  if (g_str_equal (type, "MultiPoint"))
    {
      if ((line = read_positions (self, coords)) == NULL)
        return FALSE;
      g_array_append_vals (points, line->data, line->len);
      g_array_unref (line);
      return TRUE;
    }
  if (g_str_equal (type, "LineString"))
    {
      if ((line = read_positions (self, coords)) == NULL || line->len < 2)
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
              if ((line = read_positions (self, json_array_get_element (a, i))) == NULL || line->len < 2)
                return line ? (g_array_unref (line), FALSE) : FALSE;
              g_ptr_array_add (lines, line);
            }
          return json_array_get_length (a) > 0;
        }
      /* an area stands for the centroid of its outer ring (the middle of its bounding box
       * when the ring has no area) */
      {
        JsonNode *ring = json_array_get_length (a) > 0 ? json_array_get_element (a, 0) : NULL;
        DmGeojsonPosition p = { 0 };
        double w = 180, e = -180, s = 90, n = -90, area = 0, cx = 0, cy = 0;

        if (ring != NULL && g_str_equal (type, "MultiPolygon") && JSON_NODE_HOLDS_ARRAY (ring) &&
            json_array_get_length (json_node_get_array (ring)) > 0)
          ring = json_array_get_element (json_node_get_array (ring), 0);
        if ((line = read_positions (self, ring)) == NULL || line->len == 0)
          return line ? (g_array_unref (line), FALSE) : FALSE;
        for (guint i = 0; i < line->len; i++)
          {
            DmGeojsonPosition *q = &g_array_index (line, DmGeojsonPosition, i);
            DmGeojsonPosition *r = &g_array_index (line, DmGeojsonPosition, (i + 1) % line->len);
            double cross = (q->lon - line_x0 (line)) * (r->lat - line_y0 (line)) -
                           (r->lon - line_x0 (line)) * (q->lat - line_y0 (line));

            w = MIN (w, q->lon); e = MAX (e, q->lon);
            s = MIN (s, q->lat); n = MAX (n, q->lat);
            area += cross;
            cx += (q->lon + r->lon - 2 * line_x0 (line)) * cross;
            cy += (q->lat + r->lat - 2 * line_y0 (line)) * cross;
          }
        if (fabs (area) > 1e-12 * MAX (1.0, (e - w) * (n - s)))
          {
            p.lon = line_x0 (line) + cx / (3 * area);
            p.lat = line_y0 (line) + cy / (3 * area);
          }
        else
          {
            p.lon = (w + e) / 2;
            p.lat = (s + n) / 2;
          }
        g_array_unref (line);
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
          if (!JSON_NODE_HOLDS_OBJECT (g) || !read_geometry (self, json_node_get_object (g), lines, points, depth + 1))
            return FALSE;
        }
      return TRUE;
    }
  return FALSE;
}

/* A string or a list of strings as a vector; "a, b" in one string is split */
static void
skip_feature (DmGeojsonLoader *self,
              JsonNode        *feature,
              JsonObject      *object,
              const char      *member,
              const char      *message)
{
  guint line, column;

  if (member != NULL)
    dm_geojson_member_position (self, object, member, &line, &column);
  else
    position_of (self, feature, &line, &column);
  dm_import_problem (&self->imp, line, column, "%s", message);
}

static void read_feature (DmGeojsonLoader *self,
                          JsonArray       *array,
                          guint            index,
                          JsonNode        *node);

void
dm_geojson_read_feature (DmGeojsonLoader *self,
                         JsonNode        *node)
{
  read_feature (self, NULL, 0, node);
}

/* Linked Places / GeoJSON-T: a GeometryCollection whose geometries each have a "when" is
 * a journey of dated segments; each is read as a feature of its own (the feature's
 * properties, that geometry and its "when", id "ID-1", "ID-2"…). FALSE if it is not one. */
static gboolean
read_dated_segments (DmGeojsonLoader *self,
                     JsonObject      *feature,
                     JsonNode        *geometry)
{
  JsonObject *collection;
  JsonNode *geoms, *id_node = json_object_get_member (feature, "id");
  JsonArray *a;
  g_autofree char *id = NULL;
  gboolean dated = FALSE;

  if (geometry == NULL || !JSON_NODE_HOLDS_OBJECT (geometry))
    return FALSE;
  collection = json_node_get_object (geometry);
  geoms = json_object_get_member (collection, "geometries");
  if (g_strcmp0 (dm_geojson_get_string (collection, "type"), "GeometryCollection") != 0 ||
      geoms == NULL || !JSON_NODE_HOLDS_ARRAY (geoms))
    return FALSE;
  a = json_node_get_array (geoms);
  for (guint i = 0; i < json_array_get_length (a) && !dated; i++)
    {
      JsonNode *g = json_array_get_element (a, i);
      dated = JSON_NODE_HOLDS_OBJECT (g) && dm_geojson_lookup (json_node_get_object (g), "when", NULL) != NULL;
    }
  if (!dated)
    return FALSE;

  if (id_node == NULL)
    id_node = json_object_get_member (feature, "@id");
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node))
    id = json_node_get_value_type (id_node) == G_TYPE_STRING
         ? g_strdup (json_node_get_string (id_node))
         : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id_node));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *g = json_array_get_element (a, i);
      g_autoptr(JsonObject) segment = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonNode *props = json_object_get_member (feature, "properties");

      if (!JSON_NODE_HOLDS_OBJECT (g))
        continue;
      json_object_set_string_member (segment, "type", "Feature");
      if (id != NULL)
        {
          g_autofree char *segment_id = g_strdup_printf ("%s-%u", id, i + 1);
          json_object_set_string_member (segment, "id", segment_id);
        }
      if (props != NULL)
        json_object_set_member (segment, "properties", json_node_copy (props));
      json_object_set_member (segment, "geometry", json_node_copy (g));
      if (dm_geojson_lookup (json_node_get_object (g), "when", NULL) != NULL)
        json_object_set_member (segment, "when",
                                json_node_copy (dm_geojson_lookup (json_node_get_object (g), "when", NULL)));
      json_node_set_object (node, segment);
      self->segment_of = g;
      read_feature (self, NULL, 0, node);
      self->segment_of = NULL;
    }
  return TRUE;
}

/* kepler.gl's trip layer (in a CSV cell, or a dense line in a file): a LineString with a Unix
 * time on every vertex is a recorded track, read as GPX tracks are (dm_import_track_stops()):
 * one leg from its first point to its last, following its path, with stops where it dwells, or
 * a stay when it never left. FALSE when a vertex has no time or one that cannot be read: read
 * vertex by vertex. */
static gboolean
add_track (DmGeojsonLoader *self,
           DmEvent         *trip,
           GArray          *l,
           guint            line,
           guint            column)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (DmTrackPoint));
  g_autoptr(GArray) stops = NULL;

  for (guint k = 0; k < l->len; k++)
    {
      DmGeojsonPosition *q = &g_array_index (l, DmGeojsonPosition, k);
      DmTrackPoint p = { .lon = q->lon, .lat = q->lat };
      DmTrackPoint *last = points->len ? &g_array_index (points, DmTrackPoint, points->len - 1) : NULL;

      if (!q->has_t || !dm_import_time_from_unix (q->t, &p.arrive, NULL))
        return FALSE;
      p.depart = p.arrive;
      /* a point that goes back in time is left out, as in a GPX track */
      if (last != NULL && p.arrive.earliest < last->arrive.earliest)
        continue;
      g_array_append_val (points, p);
    }
  stops = dm_import_track_stops ((const DmTrackPoint *) (const void *) points->data, points->len);
  dm_import_add_track (&self->imp, trip, (const DmTrackPoint *) (const void *) points->data, stops,
                       line, column);
  return TRUE;
}

static void
read_feature (DmGeojsonLoader *self,
              JsonArray       *array,
              guint            index,
              JsonNode        *node)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (DmGeojsonPosition));
  g_autoptr(GArray) vertex_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) leg_vertices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) stops = NULL;
  g_autoptr(DmEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *feature, *props = NULL;
  JsonNode *geometry, *props_node, *id_node;
  g_autofree char *id = NULL;
  DmEventKind kind;
  guint line, column, tline = 0, tcolumn = 0;

  position_of (self, self->segment_of ? self->segment_of : node, &line, &column);
  if (array != NULL && line == 0)
    dm_json_positions_lookup_element (self->positions, array, index, &line, &column);
  else if (line == 0)
    line = self->piece_line, column = self->piece_column;
  if (self->imp.at_line != 0)
    line = self->imp.at_line, column = self->imp.at_column;
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
  if (self->segment_of == NULL && read_dated_segments (self, feature, geometry))
    return;
  if (geometry != NULL && JSON_NODE_HOLDS_OBJECT (geometry))
    {
      if (!read_geometry (self, json_node_get_object (geometry), lines, points, 0))
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

  {
    guint n_vertices = points->len, n_legs = 0;

    for (guint i = 0; i < lines->len; i++)
      {
        guint n = ((GArray *) g_ptr_array_index (lines, i))->len;

        n_vertices += n;
        n_legs += n - 1;
      }
    if (!dm_import_check_geometry (&self->imp, n_vertices, n_legs, line, column))
      return;
  }

  /* a feature without geometry may still name its place */
  if (lines->len == 0 && points->len == 0 && props != NULL)
    {
      static const char * const place_members[] = { "place", "location", "city", NULL };
      const char *name = dm_geojson_first_string (props, place_members, NULL);
      g_autoptr(DmPlace) place = NULL;
      guint line, column;

      position_of (self, node, &line, &column);
      place = dm_import_place_from_text (&self->imp, name, dm_geojson_get_string (props, "country"),
                                         line, column);

      if (place != NULL)
        {
          DmGeojsonPosition p = { dm_place_get_longitude (place), dm_place_get_latitude (place), 0, FALSE };
          g_array_append_val (points, p);
        }
    }
  if (lines->len == 0 && points->len == 0)
    {
      skip_feature (self, node, feature, NULL, _("This feature has no geometry and no known place: it is not shown"));
      return;
    }

  if (!dm_geojson_kind_from_properties (props, &kind) || (lines->len > 0) != (kind == DM_EVENT_KIND_TRIP))
    kind = lines->len > 0 ? DM_EVENT_KIND_TRIP : DM_EVENT_KIND_VISIT;

  id_node = json_object_get_member (feature, "id");
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node))
    id = json_node_get_value_type (id_node) == G_TYPE_STRING
         ? g_strdup (json_node_get_string (id_node))
         : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id_node));
  if (kind == DM_EVENT_KIND_VISIT && props != NULL && dm_geojson_lookup (props, "event_type", NULL) == NULL)
    {
      /* a point with several people and no single traveller is a summit */
      g_auto(GStrv) people = dm_geojson_get_names (props, "participants");
      g_auto(GStrv) actors = dm_geojson_get_names (props, "actor");
      if ((people && g_strv_length (people) >= 2) || (actors && g_strv_length (actors) >= 2))
        kind = DM_EVENT_KIND_SUMMIT;
    }
  event = dm_event_new (kind, id);
  dm_geojson_read_details (self, props, event);
  dm_geojson_read_people (self, props, event);
  if ((kind == DM_EVENT_KIND_TRIP || kind == DM_EVENT_KIND_VISIT) && dm_event_get_actor (event) == NULL)
    dm_event_set_actor (event, dm_geojson_fallback_actor (self));

  /* in a file, only a dense trace is a track: a few timed vertices are stops (and our own
   * trips name their stops in "stop_vertices") */
  if (kind == DM_EVENT_KIND_TRIP && lines->len == 1 &&
      (self->tracks ||
       (((GArray *) g_ptr_array_index (lines, 0))->len >= DM_GEOJSON_TRACK_VERTICES &&
        dm_geojson_lookup (props, "stop_vertices", NULL) == NULL)) &&
      add_track (self, event, g_ptr_array_index (lines, 0), line, column))
    return;
  if (kind == DM_EVENT_KIND_TRIP && (stops = dm_geojson_read_stop_vertices (props, lines)) != NULL)
    {
      /* our own trip with the way its legs went: the stops' vertices make the legs */
      GArray *l = g_ptr_array_index (lines, 0);
      g_autoptr(DmPlace) prev = NULL;

      for (guint j = 0; j < stops->len; j++)
        {
          guint at = g_array_index (stops, guint, j);
          DmGeojsonPosition *p = &g_array_index (l, DmGeojsonPosition, at);
          g_autoptr(DmPlace) here = dm_geojson_vertex_place (self, props, j, p);
          double t = p->has_t ? p->t : NAN;

          g_array_append_val (vertex_times, t);
          if (prev != NULL)
            {
              g_autoptr(DmLeg) leg = dm_leg_new (prev, here);
              guint from_j = j - 1, from_at = g_array_index (stops, guint, j - 1);

              leg->line = line;
              leg->column = column;
              if (at - from_at > 2)
                {
                  leg->path = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * (at - from_at - 1));
                  for (guint k = from_at + 1; k < at; k++)
                    {
                      g_array_append_val (leg->path, g_array_index (l, DmGeojsonPosition, k).lon);
                      g_array_append_val (leg->path, g_array_index (l, DmGeojsonPosition, k).lat);
                    }
                }
              dm_event_add_leg (event, leg);
              g_array_append_val (leg_vertices, from_j);
            }
          g_set_object (&prev, here);
        }
    }
  else if (kind == DM_EVENT_KIND_TRIP)
    {
      guint v = 0;

      for (guint i = 0; i < lines->len; i++)
        {
          GArray *l = g_ptr_array_index (lines, i);
          g_autoptr(DmPlace) prev = NULL;

          for (guint k = 0; k < l->len; k++, v++)
            {
              DmGeojsonPosition *p = &g_array_index (l, DmGeojsonPosition, k);
              g_autoptr(DmPlace) here = dm_geojson_vertex_place (self, props, v, p);
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
      g_autoptr(DmPlace) place = dm_geojson_point_place (self, props, NULL, &g_array_index (points, DmGeojsonPosition, 0));
      dm_event_set_place (event, place);
    }

  switch (dm_geojson_read_times (self->positions, feature, props, event, vertex_times, leg_vertices,
                                 &tline, &tcolumn, &error))
    {
    case DM_GEOJSON_TIMES_OK:
      dm_import_add_event (&self->imp, event, line, column);
      break;
    case DM_GEOJSON_TIMES_NONE:
      /* a file of places (3,220 counties) gets a few problems and a count, not one each */
      if (++self->n_untimed > UNTIMED_SAID)
        {
          if (self->n_untimed == UNTIMED_SAID + 1)
            self->untimed_line = line, self->untimed_column = column;
          break;
        }
      if (dm_event_get_title (event) != NULL)
        /* Translators: %s is the feature's name */
        dm_import_problem (&self->imp, line, column,
                           _("“%s” has no time: its places are shown, but not as an event"),
                           dm_event_get_title (event));
      else
        dm_import_problem (&self->imp, line, column,
                           _("This feature has no time: its places are shown, but not as an event"));
      break;
    case DM_GEOJSON_TIMES_BAD:
    default:
      dm_import_time_problem (&self->imp, tline ? tline : line, tline ? tcolumn : column, error->message);
      break;
    }
}

/* The problems counted over the features: the rest of those said one by one */
void
dm_geojson_report (DmGeojsonLoader *self)
{
  dm_geojson_report_unknown (self);
  dm_import_report_bad_times (&self->imp);
  if (self->n_untimed > UNTIMED_SAID)
    dm_import_problem (&self->imp, self->untimed_line, self->untimed_column,
                       /* Translators: after three problems for features without a time; %u counts the rest */
                       ngettext ("%u more feature has no time: its places are shown, but not as an event",
                                 "%u more features have no time: their places are shown, but not as events",
                                 self->n_untimed - UNTIMED_SAID),
                       self->n_untimed - UNTIMED_SAID);
  if (self->n_mistyped > DM_GEOJSON_SAID)
    dm_import_problem (&self->imp, self->mistyped_line, self->mistyped_column,
                       /* Translators: after three problems for properties like "actor": 42; %u counts the rest */
                       ngettext ("%u more property has a value of the wrong type: it was left out",
                                 "%u more properties have a value of the wrong type: they were left out",
                                 self->n_mistyped - DM_GEOJSON_SAID),
                       self->n_mistyped - DM_GEOJSON_SAID);
  if (self->text_coords > 0)
    /* Translators: the first %s is a coordinate as written, like "37.6"; %u counts them */
    dm_import_problem (&self->imp, self->text_line, self->text_column,
                       _("Coordinates are written as text (“%s” here): they were read as numbers, %u in this file"),
                       self->first_text_coord, self->text_coords);
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
parse_failed (DmGeojsonLoader  *self,
              GError           *parse_error,
              GError          **error)
{
  g_autofree char *detail = NULL;
  guint line, column;

  detail = dm_json_positions_explain_error (self->positions, parse_error, &line, &column);
  /* Translators: why the text is not JSON follows */
  return dm_import_fail (&self->imp, error, line, column, _("not valid JSON: %s"), detail);
}

/* The features one at a time, each read from its piece of @data (@spans, from
 * dm_json_split_member_list()) by dm_json_positions_parse() (or json-glib's parser, for
 * what that cannot read) and freed once read: the tree of the whole collection is never
 * built, so memory follows the events rather than the file */
static gboolean
read_features_in_pieces (DmGeojsonLoader  *self,
                         const char       *data,
                         gsize             length,
                         GArray           *spans,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(DmJsonPositions) piece = dm_json_positions_new (parser, data, 0);
  DmJsonPositions *whole = self->positions;

  for (guint i = 0; i < spans->len; i++)
    {
      const DmJsonSpan *span = &g_array_index (spans, DmJsonSpan, i);
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) feature = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (dm_import_is_full (&self->imp))
        break;
      dm_json_positions_reset (piece, data + span->offset, span->length, span->line, span->column);
      if ((feature = dm_json_positions_parse (piece)) == NULL)
        {
          if (!json_parser_load_from_data (parser, data + span->offset, span->length, &parse_error))
            {
              /* not for strict JSON, which is all dm_json_split_member_list() splits;
               * should json-glib disagree, the error is the one it finds in the whole text */
              g_autoptr(JsonParser) all = json_parser_new_immutable ();
              g_autoptr(GError) all_error = NULL;

              self->positions = whole;
              if (json_parser_load_from_data (all, data, length, &all_error))
                return dm_import_fail (&self->imp, error, span->line, span->column,
                                       _("not valid JSON: %s"), parse_error->message);
              return parse_failed (self, all_error, error);
            }
          feature = json_node_ref (json_parser_get_root (parser));
          dm_json_positions_reset (piece, data + span->offset, span->length, span->line, span->column);
        }
      self->positions = piece;
      self->piece_line = span->line;
      self->piece_column = span->column;
      read_feature (self, NULL, 0, feature);
      self->positions = whole;
      self->piece_line = self->piece_column = 0;
    }
  return TRUE;
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
  g_autoptr(DmJsonPositions) positions = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GArray) spans = NULL;
  DmGeojsonLoader self = { { 0 }, NULL, NULL, NULL };
  JsonNode *root;
  JsonObject *root_object;
  const char *type;
  gboolean ok = TRUE;

  dm_import_init (&self.imp, doc, file);
  positions = self.positions = dm_json_positions_new (parser, data, length);
  {
    guint line, column;

    if (!dm_json_positions_check_depth (data, length, &line, &column))
      {
        ok = dm_import_fail (&self.imp, error, line, column,
                             _("lists and objects nest more than %d deep here"), DM_JSON_MAX_DEPTH);
        goto out;
      }
  }
  /* A collection in strict JSON is parsed without its features, which are read one at a
   * time (read_features_in_pieces()): the parser gets a copy where the list of features is
   * empty, and the positions come from the text as it is */
  spans = dm_json_parse_without_list (parser, data, length, "features");
  root = spans != NULL ? json_parser_get_root (parser) : NULL;
  type = root && JSON_NODE_HOLDS_OBJECT (root) ? dm_geojson_get_string (json_node_get_object (root), "type") : NULL;
  /* not a collection after all: read as it is */
  if (spans != NULL && g_strcmp0 (type, "FeatureCollection") != 0)
    g_clear_pointer (&spans, g_array_unref);
  if (spans == NULL && !json_parser_load_from_data (parser, data, length, &parse_error))
    {
      ok = parse_failed (&self, parse_error, error);
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
      if (spans != NULL)
        ok = read_features_in_pieces (&self, data, length, spans, cancellable, error);
      else if (features == NULL || !JSON_NODE_HOLDS_ARRAY (features))
        {
          guint line, column;
          dm_geojson_member_position (&self, root_object, "features", &line, &column);
          ok = dm_import_fail (&self.imp, error, line, column,
                               _("A FeatureCollection needs “features”: a list of features"));
          goto out;
        }
      else
        for (guint i = 0; i < json_array_get_length (json_node_get_array (features)); i++)
          {
            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              {
                ok = FALSE;
                goto out;
              }
            if (dm_import_is_full (&self.imp))
              break;
            read_feature (&self, json_node_get_array (features), i,
                          json_array_get_element (json_node_get_array (features), i));
          }
    }
  else
    ok = dm_import_fail (&self.imp, error, 1, 1,
                         _("not GeoJSON: the top level should be a Feature or a FeatureCollection"));
  if (ok)
    dm_geojson_report (&self);
out:
  g_clear_pointer (&self.unknown_values, g_hash_table_unref);
  g_free (self.first_text_coord);
  g_free (self.collection_name);
  dm_import_clear (&self.imp);
  return ok;
}
