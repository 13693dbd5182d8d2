/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "dm-format.h"
#include "dm-gazetteer.h"
#include "dm-import-private.h"
#include "dm-kml-private.h"

/* KML (Google Earth) in, with libxml2: Placemarks with a time become events. A Point
 * is a visit, a LineString or MultiGeometry of lines a trip with a leg per segment,
 * a gx:Track a trip between the places it stops at. TimeSpan and TimeStamp give the
 * times; styles' line colours become actor colours; Folders group (docs/INTEROP.md). */

typedef struct
{
  double lon;
  double lat;
  DmTime arrive;   /* gx:Track: when it got here */
  DmTime depart;   /* and when it left */
} Vertex;

typedef struct
{
  DmImport     imp;
  const char  *data;
  gsize        length;
  GArray      *line_starts; /* for columns: libxml2 keeps only lines */
  GHashTable  *styles;     /* "#id" -> "#rrggbb" line colour */
  GHashTable  *style_maps; /* "#id" -> "#normal-style-id" */
  GHashTable  *trips;      /* trip id -> DmEvent */
  GPtrArray   *events;     /* in the order of their first placemark */
  GPtrArray   *folders;    /* names of the Document/Folders we are in */
} Loader;

static gboolean
is (xmlNode    *node,
    const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

static xmlNode *
child (xmlNode    *node,
       const char *name)
{
  for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
    if (is (c, name))
      return c;
  return NULL;
}

/* The trimmed text of an element, or NULL when empty */
static char *
text_of (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
child_text (xmlNode    *node,
            const char *name)
{
  return text_of (child (node, name));
}

static void
position (Loader  *self,
          xmlNode *node,
          guint   *line,
          guint   *column)
{
  g_autofree char *tag = NULL;

  *line = node ? (guint) xmlGetLineNo (node) : 0;
  if (node == NULL || *line == 0 || *line == G_MAXUSHORT)
    {
      *line = node ? (guint) xmlGetLineNo (node) : 1;
      *column = 1;
      return;
    }
  tag = node->ns && node->ns->prefix ? g_strdup_printf ("<%s:%s", node->ns->prefix, node->name)
                                     : g_strdup_printf ("<%s", node->name);
  if (self->line_starts == NULL)
    self->line_starts = dm_import_index_lines (self->data, self->length);
  *column = dm_import_find_column (self->data, self->length, self->line_starts, *line, tag);
}

static void
problem_at (Loader     *self,
            xmlNode    *node,
            const char *message)
{
  guint line, column;

  position (self, node, &line, &column);
  dm_import_problem (&self->imp, line, column, "%s", message);
}

/* KML colours are aabbggrr */
static char *
kml_color_to_rgb (const char *kml)
{
  if (kml == NULL || strlen (kml) != 8)
    return NULL;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isxdigit (kml[i]))
      return NULL;
  {
    g_autofree char *rgb = g_strdup_printf ("#%.2s%.2s%.2s", kml + 6, kml + 4, kml + 2);
    return g_ascii_strdown (rgb, -1);
  }
}

static char *
style_color (xmlNode *style)
{
  g_autofree char *line = child_text (child (style, "LineStyle"), "color");
  g_autofree char *icon = NULL;

  if (line != NULL)
    return kml_color_to_rgb (line);
  icon = child_text (child (style, "IconStyle"), "color");
  return kml_color_to_rgb (icon);
}

static void
collect_styles (Loader  *self,
                xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      xmlChar *id;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if ((is (c, "Style") || is (c, "StyleMap")) && (id = xmlGetProp (c, (const xmlChar *) "id")) != NULL)
        {
          char *key = g_strdup_printf ("#%s", (const char *) id);
          xmlFree (id);
          if (is (c, "Style"))
            {
              char *color = style_color (c);
              if (color != NULL)
                g_hash_table_replace (self->styles, key, color);
              else
                g_free (key);
            }
          else
            {
              char *normal = NULL;
              for (xmlNode *pair = c->children; pair; pair = pair->next)
                {
                  g_autofree char *k = child_text (pair, "key");
                  if (is (pair, "Pair") && g_strcmp0 (k, "normal") == 0)
                    normal = child_text (pair, "styleUrl");
                }
              if (normal != NULL)
                g_hash_table_replace (self->style_maps, key, normal);
              else
                g_free (key);
            }
          continue;
        }
      collect_styles (self, c);
    }
}

static char *
placemark_color (Loader  *self,
                 xmlNode *placemark)
{
  g_autofree char *url = child_text (placemark, "styleUrl");
  xmlNode *inline_style = child (placemark, "Style");
  const char *normal, *color;
  const char *hash;

  if (inline_style != NULL)
    {
      char *c = style_color (inline_style);
      if (c != NULL)
        return c;
    }
  if (url == NULL || (hash = strchr (url, '#')) == NULL)
    return NULL;
  if ((normal = g_hash_table_lookup (self->style_maps, hash)) != NULL && strchr (normal, '#'))
    hash = strchr (normal, '#');
  color = g_hash_table_lookup (self->styles, hash);
  return g_strdup (color);
}

/* ExtendedData: <Data name="x"><value>…</value></Data> and <SimpleData name="x">…</SimpleData> */
static GHashTable *
extended_data (xmlNode *placemark)
{
  GHashTable *data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNode *ext = child (placemark, "ExtendedData");

  for (xmlNode *c = ext ? ext->children : NULL; c; c = c->next)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      if (is (c, "Data"))
        g_ptr_array_add (items, c);
      else if (is (c, "SchemaData"))
        for (xmlNode *s = c->children; s; s = s->next)
          if (is (s, "SimpleData"))
            g_ptr_array_add (items, s);
      for (guint i = 0; i < items->len; i++)
        {
          xmlNode *item = items->pdata[i];
          xmlChar *name = xmlGetProp (item, (const xmlChar *) "name");
          char *value = is (item, "Data") ? child_text (item, "value") : text_of (item);

          if (name != NULL && value != NULL)
            g_hash_table_replace (data, g_ascii_strdown ((const char *) name, -1), value);
          else
            g_free (value);
          if (name != NULL)
            xmlFree (name);
        }
    }
  return data;
}

static const char *
lookup_any (GHashTable *data,
            const char *names)
{
  g_auto(GStrv) list = g_strsplit (names, "|", -1);

  for (guint i = 0; list[i]; i++)
    {
      const char *v = g_hash_table_lookup (data, list[i]);
      if (v != NULL)
        return v;
    }
  return NULL;
}

/* "lon,lat[,alt] lon,lat[,alt] …" */
static GArray *
parse_coordinates (const char *text)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (Vertex));
  g_auto(GStrv) tuples = NULL;

  if (text == NULL)
    return NULL;
  tuples = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; tuples[i]; i++)
    {
      Vertex v = { 0 };
      char *end;

      if (*tuples[i] == '\0')
        continue;
      v.lon = g_ascii_strtod (tuples[i], &end);
      if (end == tuples[i] || *end != ',')
        return NULL;
      {
        char *start = end + 1;
        v.lat = g_ascii_strtod (start, &end);
        if (end == start || (*end != ',' && *end != '\0'))
          return NULL;
      }
      if (!isfinite (v.lat) || !isfinite (v.lon) || v.lat < -90 || v.lat > 90 || v.lon < -180 || v.lon > 180)
        return NULL;
      g_array_append_val (out, v);
    }
  return out->len > 0 ? g_steal_pointer (&out) : NULL;
}


/* gx:Track: <when> and <gx:coord>s in step; points closer than 25 km are one stop */
static GArray *
parse_track (Loader  *self,
             xmlNode *track)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (Vertex));
  g_autoptr(GPtrArray) whens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) coords = g_ptr_array_new_with_free_func (g_free);

  for (xmlNode *c = track->children; c; c = c->next)
    if (is (c, "when"))
      g_ptr_array_add (whens, text_of (c));
    else if (is (c, "coord"))
      g_ptr_array_add (coords, text_of (c));
  if (coords->len == 0 || (whens->len > 0 && whens->len != coords->len))
    return NULL;
  for (guint i = 0; i < coords->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (coords->pdata[i] ? coords->pdata[i] : "", " \t", -1);
      Vertex v = { 0 };
      char *end1, *end2;
      DmTime t = DM_TIME_UNKNOWN;

      if (g_strv_length (parts) < 2)
        return NULL;
      v.lon = g_ascii_strtod (parts[0], &end1);
      v.lat = g_ascii_strtod (parts[1], &end2);
      if (*end1 != '\0' || *end2 != '\0' || v.lat < -90 || v.lat > 90 || v.lon < -180 || v.lon > 180)
        return NULL;
      if (whens->len > 0 && whens->pdata[i] != NULL && !dm_import_parse_time (whens->pdata[i], NULL, &t, NULL))
        return NULL;
      if (out->len > 0)
        {
          Vertex *last = &g_array_index (out, Vertex, out->len - 1);
          double dlat = (v.lat - last->lat) * 111.2;
          double dlon = (v.lon - last->lon) * 111.2 * cos (v.lat * G_PI / 180);
          if (sqrt (dlat * dlat + dlon * dlon) < 25)
            {
              last->depart = t;
              continue;
            }
        }
      v.arrive = v.depart = t;
      g_array_append_val (out, v);
    }
  return g_steal_pointer (&out);
}

/* The lines and points of a placemark or MultiGeometry; FALSE (with a problem) if malformed */
static gboolean
collect_geometry (Loader    *self,
                  xmlNode   *node,
                  GPtrArray *lines,
                  GArray    *points,
                  GPtrArray *tracks)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      GArray *coords = NULL;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is (c, "Point") || is (c, "LineString") || is (c, "LinearRing") || is (c, "Polygon"))
        {
          xmlNode *holder = c;
          g_autofree char *text = NULL;

          if (is (c, "Polygon"))
            holder = child (child (child (c, "outerBoundaryIs"), "LinearRing"), "coordinates") ? child (child (c, "outerBoundaryIs"), "LinearRing") : NULL;
          text = holder ? child_text (holder, "coordinates") : NULL;
          coords = parse_coordinates (text);
          if (coords == NULL)
            {
              problem_at (self, holder && child (holder, "coordinates") ? child (holder, "coordinates") : c,
                          _("These coordinates are not “longitude,latitude[,altitude]” within the world"));
              return FALSE;
            }
          if (is (c, "LineString") && coords->len >= 2)
            g_ptr_array_add (lines, coords);
          else
            {
              /* a point, or an area standing for the middle of its bounding box */
              Vertex mid = { 0 };
              double w = 180, e = -180, s = 90, n = -90;
              for (guint i = 0; i < coords->len; i++)
                {
                  Vertex *v = &g_array_index (coords, Vertex, i);
                  w = MIN (w, v->lon); e = MAX (e, v->lon); s = MIN (s, v->lat); n = MAX (n, v->lat);
                }
              mid.lon = (w + e) / 2;
              mid.lat = (s + n) / 2;
              g_array_append_val (points, mid);
              g_array_unref (coords);
            }
        }
      else if (is (c, "Track"))
        {
          coords = parse_track (self, c);
          if (coords == NULL)
            {
              problem_at (self, c, _("This gx:Track needs as many <when> as <gx:coord>, each a time and “longitude latitude altitude”"));
              return FALSE;
            }
          if (coords->len >= 2)
            {
              g_ptr_array_add (lines, coords);
              g_ptr_array_add (tracks, coords);
            }
          else
            {
              g_array_append_vals (points, coords->data, coords->len);
              g_array_unref (coords);
            }
        }
      else if (is (c, "MultiGeometry") || is (c, "MultiTrack"))
        {
          if (!collect_geometry (self, c, lines, points, tracks))
            return FALSE;
        }
    }
  return TRUE;
}

/* A time from the file; a problem at @node if it is not one */
static gboolean
read_time (Loader     *self,
           xmlNode    *node,
           const char *text,
           DmPlace    *place,
           DmTime     *out)
{
  g_autoptr(GError) error = NULL;

  *out = DM_TIME_UNKNOWN;
  if (text == NULL)
    return TRUE;
  if (dm_import_parse_time (text, place ? dm_place_get_zone (place) : NULL, out, &error))
    return TRUE;
  problem_at (self, node, error->message);
  return FALSE;
}

static DmPlace *
place_for (Loader     *self,
           const char *name,
           const char *country,
           Vertex     *v)
{
  if (name != NULL)
    {
      const DmGazetteerEntry *e = dm_gazetteer_lookup (dm_gazetteer_get_default (), name, country);
      /* a placemark's name is the place's only when the gazetteer puts it there */
      if (e == NULL || fabs (e->latitude - v->lat) > 1 || fabs (e->longitude - v->lon) > 1)
        name = NULL;
    }
  return dm_import_place_at (&self->imp, name, country, NULL, v->lat, v->lon);
}

static DmActor *
placemark_actor (Loader     *self,
                 GHashTable *ext,
                 gboolean    ours)
{
  const char *name = lookup_any (ext, "actor|person|leader|traveller|traveler|who");
  const char *id = lookup_any (ext, "actor_id");
  DmActor *actor;

  if (name == NULL && id == NULL)
    {
      g_autofree char *base = g_file_get_basename (self->imp.file);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      /* the innermost folder (or document) names who it is about */
      name = self->folders->len > 0 ? self->folders->pdata[self->folders->len - 1] : NULL;
      if (name == NULL)
        return dm_import_actor (&self->imp, NULL, base);
    }
  actor = dm_import_actor (&self->imp, id, name);
  if (actor != NULL && ours)
    {
      if (dm_actor_get_role (actor) == NULL)
        dm_actor_set_role (actor, lookup_any (ext, "actor_role"));
      if (dm_actor_get_country (actor) == NULL)
        dm_actor_set_country (actor, lookup_any (ext, "actor_country"));
      if (dm_actor_get_color (actor) == NULL)
        dm_actor_set_color (actor, lookup_any (ext, "actor_color"));
    }
  return actor;
}

static void
read_details (Loader     *self,
              xmlNode    *placemark,
              GHashTable *ext,
              gboolean    ours,
              DmEvent    *event)
{
  g_autofree char *name = child_text (placemark, "name");
  g_autofree char *description = child_text (placemark, "description");
  const char *status = lookup_any (ext, "status");
  const char *participants = lookup_any (ext, "participants");
  const char *tags = lookup_any (ext, "tags");

  if (dm_event_get_title (event) == NULL)
    dm_event_set_title (event, ours ? lookup_any (ext, "title") : lookup_any (ext, "title") ? lookup_any (ext, "title") : name);
  if (dm_event_get_notes (event) == NULL)
    dm_event_set_notes (event, lookup_any (ext, "notes") ? lookup_any (ext, "notes") : description);
  if (dm_event_get_host (event) == NULL)
    dm_event_set_host (event, lookup_any (ext, "host"));
  if (dm_event_get_invited_by (event) == NULL && lookup_any (ext, "invited_by") != NULL)
    {
      g_auto(GStrv) invited = g_strsplit (lookup_any (ext, "invited_by"), "; ", -1);
      dm_event_set_invited_by (event, (const char * const *) invited);
    }
  if (status != NULL && dm_event_get_status (event) == DM_STATUS_UNKNOWN)
    {
      g_autofree char *lower = g_ascii_strdown (status, -1);
      DmStatus st;
      if (dm_status_from_string (lower, &st))
        dm_event_set_status (event, st);
      else
        problem_at (self, child (placemark, "ExtendedData"),
                    _("Unknown status: use announced, planned, confirmed, completed or cancelled"));
    }
  if (participants != NULL && dm_event_get_participants (event)->len == 0)
    {
      g_auto(GStrv) names = g_strsplit_set (participants, ";,", -1);
      g_auto(GStrv) ids = g_strsplit_set (lookup_any (ext, "participant_ids") ? lookup_any (ext, "participant_ids") : "", ";,", -1);
      for (guint i = 0; names[i]; i++)
        {
          const char *id = i < g_strv_length (ids) && *g_strstrip (ids[i]) ? ids[i] : NULL;
          DmActor *a = *g_strstrip (names[i]) ? dm_import_actor (&self->imp, id, names[i]) : NULL;
          if (a != NULL && a != dm_event_get_actor (event))
            dm_event_add_participant (event, a);
        }
    }
  if (dm_event_get_tags (event) == NULL)
    {
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      if (tags != NULL)
        {
          g_auto(GStrv) parts = g_strsplit_set (tags, ";,", -1);
          for (guint i = 0; parts[i]; i++)
            if (*g_strstrip (parts[i]))
              g_strv_builder_add (b, parts[i]);
        }
      /* Folders group placemarks: their names become tags (not the document's) */
      if (!ours)
        for (guint i = 1; i < self->folders->len; i++)
          if (self->folders->pdata[i] != NULL)
            g_strv_builder_add (b, self->folders->pdata[i]);
      list = g_strv_builder_end (b);
      if (list[0] != NULL)
        dm_event_set_tags (event, (const char * const *) list);
    }
}

static void
keep_event (Loader  *self,
            DmEvent *event,
            xmlNode *node)
{
  guint line, column;

  position (self, node, &line, &column);
  dm_event_set_origin (event, self->imp.file, line, column);
  g_ptr_array_add (self->events, g_object_ref (event));
}

static void
read_placemark (Loader  *self,
                xmlNode *placemark)
{
  g_autoptr(GHashTable) ext = extended_data (placemark);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) tracks = g_ptr_array_new ();
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (Vertex));
  g_autoptr(DmEvent) event = NULL;
  g_autofree char *color = NULL;
  g_autofree char *name = child_text (placemark, "name");
  xmlNode *span = child (placemark, "TimeSpan");
  xmlNode *stamp = child (placemark, "TimeStamp");
  g_autofree char *begin = child_text (span, "begin");
  g_autofree char *end = child_text (span, "end");
  g_autofree char *when = child_text (stamp, "when");
  xmlNode *time_node = span ? span : stamp ? stamp : placemark;
  const char *type = lookup_any (ext, "event_type|type");
  gboolean ours = g_hash_table_contains (ext, "event_type");
  DmEventKind kind;
  DmActor *actor;

  if (!collect_geometry (self, placemark, lines, points, tracks))
    return;
  if (lines->len == 0 && points->len == 0)
    {
      const char *place_name = lookup_any (ext, "place|location|city");
      g_autoptr(DmPlace) place = dm_import_place_by_name (&self->imp, place_name ? place_name : name,
                                                          lookup_any (ext, "country"));
      Vertex v = { 0 };

      if (place == NULL)
        {
          problem_at (self, placemark, _("This placemark has no geometry and no known place: it is not shown"));
          return;
        }
      v.lat = dm_place_get_latitude (place);
      v.lon = dm_place_get_longitude (place);
      g_array_append_val (points, v);
    }
  {
    g_autofree char *lower = type ? g_ascii_strdown (type, -1) : NULL;
    if (lower == NULL || !dm_event_kind_from_string (lower, &kind) || (lines->len > 0) != (kind == DM_EVENT_KIND_TRIP))
      kind = lines->len > 0 ? DM_EVENT_KIND_TRIP : DM_EVENT_KIND_VISIT;
  }
  if (kind == DM_EVENT_KIND_VISIT && lookup_any (ext, "participants") && !lookup_any (ext, "actor|person|leader|actor_id"))
    {
      g_auto(GStrv) people = g_strsplit_set (lookup_any (ext, "participants"), ";,", -1);
      if (g_strv_length (people) >= 2)
        kind = DM_EVENT_KIND_SUMMIT;
    }
  color = placemark_color (self, placemark);

  if (kind == DM_EVENT_KIND_TRIP)
    {
      const char *trip_id = lookup_any (ext, "trip");
      DmEvent *trip = trip_id ? g_hash_table_lookup (self->trips, trip_id) : NULL;
      guint n_segments = 0;

      for (guint i = 0; i < lines->len; i++)
        n_segments += ((GArray *) lines->pdata[i])->len - 1;
      if (trip == NULL)
        {
          event = dm_event_new (DM_EVENT_KIND_TRIP, ours ? lookup_any (ext, "id") : trip_id);
          actor = placemark_actor (self, ext, ours);
          if (color != NULL && dm_actor_get_color (actor) == NULL && !ours)
            dm_actor_set_color (actor, color);
          dm_event_set_actor (event, actor);
          /* our own trips may have no time at all, as in a .diplomap */
          if (ours)
            g_object_set_data (G_OBJECT (event), "dm-kml-ours", GINT_TO_POINTER (TRUE));
          keep_event (self, event, placemark);
          if (trip_id != NULL)
            g_hash_table_insert (self->trips, g_strdup (trip_id), event);
          trip = event;
        }
      read_details (self, placemark, ext, ours, trip);
      for (guint i = 0; i < lines->len; i++)
        {
          GArray *l = lines->pdata[i];
          gboolean track = g_ptr_array_find (tracks, l, NULL);
          g_autoptr(DmPlace) prev = NULL;

          for (guint k = 0; k < l->len; k++)
            {
              Vertex *v = &g_array_index (l, Vertex, k);
              const char *given = n_segments == 1 ? lookup_any (ext, k == 0 ? "from" : "to") : NULL;
              g_autoptr(DmPlace) here = given ? dm_import_place_at (&self->imp, given, NULL, NULL, v->lat, v->lon)
                                              : place_for (self, NULL, NULL, v);
              if (prev != NULL)
                {
                  g_autoptr(DmLeg) leg = dm_leg_new (prev, here);
                  DmPlace *from = prev;

                  position (self, placemark, &leg->line, &leg->column);
                  if (track)
                    {
                      leg->depart = g_array_index (l, Vertex, k - 1).depart;
                      leg->arrive = v->arrive;
                    }
                  else if (ours)
                    {
                      if (!read_time (self, child (placemark, "ExtendedData"), lookup_any (ext, "depart"), from, &leg->depart) ||
                          !read_time (self, child (placemark, "ExtendedData"), lookup_any (ext, "arrive"), here, &leg->arrive))
                        return;
                    }
                  else
                    {
                      gboolean first = i == 0 && k == 1, last = i == lines->len - 1 && k == l->len - 1;
                      if ((first && !read_time (self, time_node, begin ? begin : when, from, &leg->depart)) ||
                          (last && !read_time (self, time_node, end, here, &leg->arrive)))
                        return;
                    }
                  dm_event_add_leg (trip, leg);
                }
              g_set_object (&prev, here);
            }
        }
      return;
    }

  {
    Vertex *v = &g_array_index (points, Vertex, 0);
    const char *place_name = lookup_any (ext, "place|location|city");
    g_autoptr(DmPlace) place = place_name ? dm_import_place_at (&self->imp, place_name, lookup_any (ext, "country"),
                                                                lookup_any (ext, "timezone"), v->lat, v->lon)
                                          : place_for (self, name, lookup_any (ext, "country"), v);
    DmTime start, finish;

    if (ours)
      {
        if (!read_time (self, child (placemark, "ExtendedData"), lookup_any (ext, "start"), place, &start) ||
            !read_time (self, child (placemark, "ExtendedData"), lookup_any (ext, "end"), place, &finish))
          return;
      }
    else if (!read_time (self, time_node, begin ? begin : when, place, &start) ||
             !read_time (self, time_node, end, place, &finish))
      return;
    if (!dm_time_is_known (&start))
      {
        start = finish;
        finish = DM_TIME_UNKNOWN;
      }
    if (!dm_time_is_known (&start))
      {
        g_autofree char *msg = g_strdup_printf (_("“%s” has no time: its place is shown, but not as an event"),
                                                name ? name : _("This placemark"));
        problem_at (self, placemark, msg);
        return;
      }
    if (dm_time_is_known (&finish) && finish.latest < start.earliest)
      {
        problem_at (self, time_node, _("The placemark ends before it begins"));
        return;
      }
    event = dm_event_new (kind, lookup_any (ext, "id"));
    if (kind == DM_EVENT_KIND_VISIT || lookup_any (ext, "actor|actor_id"))
      {
        actor = placemark_actor (self, ext, ours);
        if (color != NULL && dm_actor_get_color (actor) == NULL && !ours)
          dm_actor_set_color (actor, color);
        dm_event_set_actor (event, actor);
      }
    dm_event_set_place (event, place);
    dm_event_set_start (event, &start);
    dm_event_set_end (event, &finish);
    read_details (self, placemark, ext, ours, event);
    keep_event (self, event, placemark);
  }
}

static void
walk (Loader       *self,
      xmlNode      *node,
      GCancellable *cancellable)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return;
      if (is (c, "Document") || is (c, "Folder"))
        {
          g_ptr_array_add (self->folders, child_text (c, "name"));
          walk (self, c, cancellable);
          g_ptr_array_remove_index (self->folders, self->folders->len - 1);
        }
      else if (is (c, "Placemark"))
        read_placemark (self, c);
    }
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

gboolean
dm_kml_load_text (DmDocument    *doc,
                  GFile         *file,
                  const char    *data,
                  gsize          length,
                  GCancellable  *cancellable,
                  GError       **error)
{
  static GOnce once = G_ONCE_INIT;
  Loader self = { { 0 }, data, length, NULL };
  xmlParserCtxt *ctxt;
  xmlDoc *xml;
  xmlNode *root;
  gboolean ok = TRUE;

  g_once (&once, init_libxml, NULL);
  dm_import_init (&self.imp, doc, file);
  if (length > G_MAXINT)
    return dm_import_fail (&self.imp, error, 1, 1, _("the file is too large"));

  ctxt = xmlNewParserCtxt ();
  /* no network, no external entities, no DTD loading */
  xml = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (xml == NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);
      g_autofree char *reason = g_strstrip (g_strdup (e && e->message ? e->message : "?"));

      ok = dm_import_fail (&self.imp, error, e ? e->line : 1, e ? e->int2 : 1,
                           /* Translators: %s is libxml2's reason */
                           _("not valid XML: %s"), reason);
      xmlFreeParserCtxt (ctxt);
      dm_import_clear (&self.imp);
      return ok;
    }
  xmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (xml);
  if (!is (root, "kml"))
    {
      ok = dm_import_fail (&self.imp, error, root ? (guint) xmlGetLineNo (root) : 1, 1,
                           _("not KML: the root element should be <kml>"));
      goto out;
    }
  self.styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.style_maps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.trips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.events = g_ptr_array_new_with_free_func (g_object_unref);
  self.folders = g_ptr_array_new_with_free_func (g_free);

  collect_styles (&self, root);
  {
    g_autofree char *title = child_text (child (root, "Document"), "name");
    if (title != NULL)
      dm_document_set_title (doc, title);
  }
  walk (&self, root, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  for (guint i = 0; ok && i < self.events->len; i++)
    {
      DmEvent *event = self.events->pdata[i];
      GPtrArray *legs = dm_event_get_legs (event);
      gboolean timed = dm_event_get_kind (event) != DM_EVENT_KIND_TRIP ||
                       g_object_get_data (G_OBJECT (event), "dm-kml-ours") != NULL;

      for (guint k = 0; k < legs->len && !timed; k++)
        timed = dm_time_is_known (&((DmLeg *) legs->pdata[k])->depart) ||
                dm_time_is_known (&((DmLeg *) legs->pdata[k])->arrive);
      if (!timed)
        {
          g_autofree char *title = dm_event_dup_display_title (event);
          dm_import_problem (&self.imp, dm_event_get_line (event), dm_event_get_column (event),
                             _("“%s” has no time: its places are shown, but not as an event"), title);
          continue;
        }
      dm_document_add_event (doc, event);
    }
  g_hash_table_unref (self.styles);
  g_hash_table_unref (self.style_maps);
  g_hash_table_unref (self.trips);
  g_ptr_array_unref (self.events);
  g_ptr_array_unref (self.folders);
out:
  g_clear_pointer (&self.line_starts, g_array_unref);
  xmlFreeDoc (xml);
  dm_import_clear (&self.imp);
  return ok;
}

gboolean
dm_kml_format_sniff (const char *basename,
                     const char *data,
                     gsize       length)
{
  g_autofree char *ext = dm_import_extension (basename);
  gsize n = MIN (length, 4096);

  if (g_str_equal (ext, "kml"))
    return TRUE;
  return n > 0 && (data[0] == '<' || (n > 3 && data[3] == '<')) &&
         g_strstr_len (data, n, "<kml") != NULL;
}

gboolean
dm_kml_format_load (DmDocument    *doc,
                    GFile         *file,
                    const char    *data,
                    gsize          length,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return dm_kml_load_text (doc, file, data, length, cancellable, error);
}
