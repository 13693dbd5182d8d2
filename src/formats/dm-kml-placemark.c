/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dm-gazetteer.h"
#include "dm-import-private.h"
#include "dm-kml-private.h"

/* One KML Placemark into an event: its geometry, times, ExtendedData and people
 * (docs/INTEROP.md). */

typedef struct
{
  double lon;
  double lat;
  DmTime arrive;   /* gx:Track: when it got here */
  DmTime depart;   /* and when it left */
  GArray *path;    /* gx:Track: the way it went from the previous stop (DmLeg.path) */
} Vertex;

static void
vertex_clear (gpointer data)
{
  g_clear_pointer (&((Vertex *) data)->path, g_array_unref);
}

static GHashTable *
extended_data (xmlNode *placemark)
{
  GHashTable *data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNode *ext = dm_kml_child (placemark, "ExtendedData");

  for (xmlNode *c = ext ? ext->children : NULL; c; c = c->next)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      if (dm_kml_is (c, "Data"))
        g_ptr_array_add (items, c);
      else if (dm_kml_is (c, "SchemaData"))
        for (xmlNode *s = c->children; s; s = s->next)
          if (dm_kml_is (s, "SimpleData"))
            g_ptr_array_add (items, s);
      for (guint i = 0; i < items->len; i++)
        {
          xmlNode *item = items->pdata[i];
          xmlChar *name = xmlGetProp (item, (const xmlChar *) "name");
          char *value = dm_kml_is (item, "Data") ? dm_kml_child_text (item, "value") : dm_kml_text (item);

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


/* gx:Track: <when> and <gx:coord>s in step; its stops are dm_import_track_stops()' */
static GArray *
parse_track (DmKmlLoader *self,
             xmlNode     *track)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (Vertex));
  g_autoptr(GPtrArray) whens = g_ptr_array_new_with_free_func (g_free);

  g_array_set_clear_func (out, vertex_clear);
  g_autoptr(GPtrArray) coords = g_ptr_array_new_with_free_func (g_free);

  for (xmlNode *c = track->children; c; c = c->next)
    if (dm_kml_is (c, "when"))
      g_ptr_array_add (whens, dm_kml_text (c));
    else if (dm_kml_is (c, "coord"))
      g_ptr_array_add (coords, dm_kml_text (c));
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
      v.arrive = v.depart = t;
      g_array_append_val (out, v);
    }
  {
    g_autoptr(GArray) points = g_array_sized_new (FALSE, TRUE, sizeof (DmTrackPoint), out->len);
    g_autoptr(GArray) stops = NULL;

    for (guint i = 0; i < out->len; i++)
      {
        Vertex *v = &g_array_index (out, Vertex, i);
        DmTrackPoint p = { v->lon, v->lat, v->arrive, v->depart, 0, 0 };

        g_array_append_val (points, p);
      }
    stops = dm_import_track_stops ((const DmTrackPoint *) (const void *) points->data, points->len);
    g_array_set_size (out, 0);
    for (guint i = 0; i < stops->len; i++)
      {
        DmTrackPoint *p = &g_array_index (stops, DmTrackPoint, i);
        Vertex v = { p->lon, p->lat, p->arrive, p->depart,
                     i > 0 ? dm_import_track_path ((const DmTrackPoint *) (const void *) points->data,
                                                   &g_array_index (stops, DmTrackPoint, i - 1), p) : NULL };

        g_array_append_val (out, v);
      }
  }
  return g_steal_pointer (&out);
}

/* The lines and points of a placemark or MultiGeometry; FALSE (with a problem) if malformed */
static gboolean
collect_geometry (DmKmlLoader *self,
                  xmlNode     *node,
                  GPtrArray   *lines,
                  GArray      *points,
                  GPtrArray   *tracks)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      GArray *coords = NULL;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (dm_kml_is (c, "Point") || dm_kml_is (c, "LineString") || dm_kml_is (c, "LinearRing") || dm_kml_is (c, "Polygon"))
        {
          xmlNode *holder = c;
          g_autofree char *text = NULL;

          if (dm_kml_is (c, "Polygon"))
            holder = dm_kml_child (dm_kml_child (dm_kml_child (c, "outerBoundaryIs"), "LinearRing"), "coordinates") ? dm_kml_child (dm_kml_child (c, "outerBoundaryIs"), "LinearRing") : NULL;
          text = holder ? dm_kml_child_text (holder, "coordinates") : NULL;
          coords = parse_coordinates (text);
          if (coords == NULL)
            {
              dm_kml_problem (self, holder && dm_kml_child (holder, "coordinates") ? dm_kml_child (holder, "coordinates") : c,
                          _("These coordinates are not “longitude,latitude[,altitude]” within the world"));
              return FALSE;
            }
          if (dm_kml_is (c, "LineString") && coords->len >= 2)
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
      else if (dm_kml_is (c, "Track"))
        {
          coords = parse_track (self, c);
          if (coords == NULL)
            {
              dm_kml_problem (self, c, _("This gx:Track needs as many <when> as <gx:coord>, each a time and “longitude latitude altitude”"));
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
      else if (dm_kml_is (c, "MultiGeometry") || dm_kml_is (c, "MultiTrack"))
        {
          if (!collect_geometry (self, c, lines, points, tracks))
            return FALSE;
        }
    }
  return TRUE;
}

/* A time from the file; a problem at @node if it is not one */
static gboolean
read_time (DmKmlLoader *self,
           xmlNode     *node,
           const char  *text,
           DmPlace     *place,
           DmTime      *out)
{
  g_autoptr(GError) error = NULL;

  *out = DM_TIME_UNKNOWN;
  if (text == NULL)
    return TRUE;
  if (dm_import_parse_time (text, place ? dm_place_get_zone (place) : NULL, out, &error))
    return TRUE;
  dm_kml_problem (self, node, error->message);
  return FALSE;
}

static DmPlace *
place_for (DmKmlLoader *self,
           const char  *name,
           const char  *country,
           Vertex      *v)
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
placemark_actor (DmKmlLoader *self,
                 GHashTable  *ext,
                 gboolean     ours)
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
read_details (DmKmlLoader *self,
              xmlNode     *placemark,
              GHashTable  *ext,
              gboolean     ours,
              DmEvent     *event)
{
  g_autofree char *name = dm_kml_child_text (placemark, "name");
  g_autofree char *description = dm_kml_child_text (placemark, "description");
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
        dm_kml_problem (self, dm_kml_child (placemark, "ExtendedData"),
                    _("Unknown status: use announced, planned, confirmed, completed or cancelled"));
    }
  if (participants != NULL && dm_event_get_participants (event)->len == 0)
    {
      g_auto(GStrv) names = g_strsplit_set (participants, ";,", -1);
      g_auto(GStrv) ids = g_strsplit_set (lookup_any (ext, "participant_ids") ? lookup_any (ext, "participant_ids") : "", ";,", -1);
      guint n_ids = g_strv_length (ids), n = g_strv_length (names), line, column;

      if (n > DM_MAX_PARTICIPANTS)
        {
          dm_kml_position (self, dm_kml_child (placemark, "ExtendedData") ? dm_kml_child (placemark, "ExtendedData") : placemark,
                           &line, &column);
          n = dm_import_check_participants (&self->imp, n, line, column);
        }
      for (guint i = 0; i < n; i++)
        {
          const char *id = i < n_ids && *g_strstrip (ids[i]) ? ids[i] : NULL;
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
keep_event (DmKmlLoader *self,
            DmEvent     *event,
            xmlNode     *node)
{
  guint line, column;

  dm_kml_position (self, node, &line, &column);
  dm_event_set_origin (event, self->imp.file, line, column);
  g_ptr_array_add (self->events, g_object_ref (event));
}

void
dm_kml_read_placemark (DmKmlLoader *self,
                       xmlNode     *placemark)
{
  g_autoptr(GHashTable) ext = extended_data (placemark);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) tracks = g_ptr_array_new ();
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (Vertex));
  g_autoptr(DmEvent) event = NULL;
  g_autofree char *color = NULL;
  g_autofree char *name = dm_kml_child_text (placemark, "name");
  xmlNode *span = dm_kml_child (placemark, "TimeSpan");
  xmlNode *stamp = dm_kml_child (placemark, "TimeStamp");
  g_autofree char *begin = dm_kml_child_text (span, "begin");
  g_autofree char *end = dm_kml_child_text (span, "end");
  g_autofree char *when = dm_kml_child_text (stamp, "when");
  xmlNode *time_node = span ? span : stamp ? stamp : placemark;
  const char *type = lookup_any (ext, "event_type|type");
  gboolean ours = g_hash_table_contains (ext, "event_type");
  DmEventKind kind;
  DmActor *actor;

  if (!collect_geometry (self, placemark, lines, points, tracks))
    return;
  {
    guint n_vertices = points->len, n_legs = 0, line, column;

    for (guint i = 0; i < lines->len; i++)
      {
        n_vertices += ((GArray *) lines->pdata[i])->len;
        n_legs += ((GArray *) lines->pdata[i])->len - 1;
      }
    dm_kml_position (self, placemark, &line, &column);
    if (!dm_import_check_geometry (&self->imp, n_vertices, n_legs, line, column))
      return;
  }
  if (lines->len == 0 && points->len == 0)
    {
      const char *place_name = lookup_any (ext, "place|location|city");
      guint line, column;
      g_autoptr(DmPlace) place = NULL;
      Vertex v = { 0 };

      dm_kml_position (self, placemark, &line, &column);
      place = dm_import_place_from_text (&self->imp, place_name ? place_name : name,
                                         lookup_any (ext, "country"), line, column);

      if (place == NULL)
        {
          dm_kml_problem (self, placemark, _("This placemark has no geometry and no known place: it is not shown"));
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
  color = dm_kml_placemark_color (self, placemark);

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
          /* our own leg with the way it went (dm_kml_write): one leg from its first to its
           * last vertex, the others its path */
          gboolean our_path = ours && !track && lines->len == 1 && n_segments > 1 &&
                              lookup_any (ext, "from") != NULL && lookup_any (ext, "to") != NULL;
          g_autoptr(GArray) path = NULL;
          g_autoptr(DmPlace) prev = NULL;

          for (guint k = 0; k < l->len; k++)
            {
              Vertex *v = &g_array_index (l, Vertex, k);
              const char *given = n_segments == 1 || our_path ? lookup_any (ext, k == 0 ? "from" : "to") : NULL;
              g_autoptr(DmPlace) here = NULL;

              if (our_path && k > 0 && k + 1 < l->len)
                {
                  if (path == NULL)
                    path = g_array_new (FALSE, FALSE, sizeof (double));
                  g_array_append_val (path, v->lon);
                  g_array_append_val (path, v->lat);
                  continue;
                }
              here = given ? dm_import_place_at (&self->imp, given, NULL, NULL, v->lat, v->lon)
                           : place_for (self, NULL, NULL, v);
              if (prev != NULL)
                {
                  g_autoptr(DmLeg) leg = dm_leg_new (prev, here);
                  DmPlace *from = prev;

                  dm_kml_position (self, placemark, &leg->line, &leg->column);
                  if (path != NULL && path->len >= 4)
                    leg->path = g_array_ref (path);
                  if (track)
                    {
                      leg->depart = g_array_index (l, Vertex, k - 1).depart;
                      leg->arrive = v->arrive;
                      leg->path = v->path ? g_array_ref (v->path) : NULL;
                    }
                  else if (ours)
                    {
                      if (!read_time (self, dm_kml_child (placemark, "ExtendedData"), lookup_any (ext, "depart"), from, &leg->depart) ||
                          !read_time (self, dm_kml_child (placemark, "ExtendedData"), lookup_any (ext, "arrive"), here, &leg->arrive))
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
    /* a placemark with no time is a site: its name is the place's (a KML of sites lists
     * them by name, not as three "Mountain View") */
    gboolean untimed = ours ? lookup_any (ext, "start") == NULL && lookup_any (ext, "end") == NULL
                            : begin == NULL && when == NULL && end == NULL;
    g_autoptr(DmPlace) place = place_name ? dm_import_place_at (&self->imp, place_name, lookup_any (ext, "country"),
                                                                lookup_any (ext, "timezone"), v->lat, v->lon)
                             : untimed && name != NULL ? dm_import_place_at (&self->imp, name, lookup_any (ext, "country"),
                                                                             NULL, v->lat, v->lon)
                                          : place_for (self, name, lookup_any (ext, "country"), v);
    DmTime start, finish;

    if (ours)
      {
        if (!read_time (self, dm_kml_child (placemark, "ExtendedData"), lookup_any (ext, "start"), place, &start) ||
            !read_time (self, dm_kml_child (placemark, "ExtendedData"), lookup_any (ext, "end"), place, &finish))
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
        dm_kml_problem (self, placemark, msg);
        return;
      }
    if (dm_time_is_known (&finish) && finish.latest < start.earliest)
      {
        dm_kml_problem (self, time_node, _("The placemark ends before it begins"));
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

