/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GPX 1.0 and 1.1 (GPS exchange format), read through libxml2 like KML: a track with
 * times is a trip whose stops are its first and last points and where it dwells
 * (dm_import_track_stops()); a waypoint with a time is a visit; routes, and waypoints and
 * tracks without times, are places. The mapping is in docs/INTEROP.md. */

#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "dm-format.h"
#include "dm-import-private.h"
#include "dm-kml-private.h"
#include "dm-xml-private.h"

typedef struct
{
  DmImport  imp;
  DmActor  *actor;   /* the file's name: GPX names nobody */
} Loader;

static guint
line_of (xmlNode *node)
{
  return node ? (guint) MAX (xmlGetLineNo (node), 1) : 1;
}

/* lat and lon attributes of a wpt, trkpt or rtept; FALSE (with a problem) if missing or
 * outside the world */
static gboolean
read_point (Loader       *self,
            xmlNode      *node,
            DmTrackPoint *out)
{
  xmlChar *lat = xmlGetProp (node, (const xmlChar *) "lat");
  xmlChar *lon = xmlGetProp (node, (const xmlChar *) "lon");
  char *end_lat = NULL, *end_lon = NULL;
  gboolean ok = lat != NULL && lon != NULL;
  g_autofree char *when = NULL;

  memset (out, 0, sizeof *out);
  out->arrive = out->depart = DM_TIME_UNKNOWN;
  if (ok)
    {
      out->lat = g_ascii_strtod ((const char *) lat, &end_lat);
      out->lon = g_ascii_strtod ((const char *) lon, &end_lon);
      ok = end_lat != (char *) lat && *end_lat == '\0' && end_lon != (char *) lon && *end_lon == '\0' &&
           out->lat >= -90 && out->lat <= 90 && out->lon >= -180 && out->lon <= 180;
    }
  xmlFree (lat);
  xmlFree (lon);
  if (!ok)
    {
      dm_import_problem (&self->imp, line_of (node), 1, "%s",
                         _("This GPX point needs “lat” and “lon” within the world (latitude -90 to 90, longitude -180 to 180)"));
      return FALSE;
    }
  when = dm_kml_child_text (node, "time");
  if (when != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!dm_import_parse_time (when, NULL, &out->arrive, &error))
        {
          dm_import_problem (&self->imp, line_of (dm_kml_child (node, "time")), 1, "%s", error->message);
          out->arrive = DM_TIME_UNKNOWN;
        }
    }
  out->depart = out->arrive;
  return TRUE;
}

/* A waypoint: a visit when it has a time, else a place */
static void
read_waypoint (Loader  *self,
               xmlNode *node)
{
  g_autofree char *name = dm_kml_child_text (node, "name");
  g_autoptr(DmPlace) place = NULL;
  g_autoptr(DmEvent) event = NULL;
  DmTrackPoint p;

  if (!read_point (self, node, &p))
    return;
  place = dm_import_place_at (&self->imp, name, NULL, NULL, p.lat, p.lon);
  if (!dm_time_is_known (&p.arrive))
    return;
  event = dm_event_new (DM_EVENT_KIND_VISIT, NULL);
  dm_event_set_title (event, name);
  dm_event_set_actor (event, self->actor);
  dm_event_set_place (event, place);
  dm_event_set_start (event, &p.arrive);
  dm_import_add_event (&self->imp, event, line_of (node), 1);
}

/* A route's points are places: a plan has no times */
static void
read_route (Loader  *self,
            xmlNode *route)
{
  for (xmlNode *c = route->children; c; c = c->next)
    if (dm_kml_is (c, "rtept"))
      {
        g_autofree char *name = dm_kml_child_text (c, "name");
        g_autoptr(DmPlace) place = NULL;
        DmTrackPoint p;

        if (read_point (self, c, &p))
          place = dm_import_place_at (&self->imp, name, NULL, NULL, p.lat, p.lon);
      }
}

/* A track: all its segments' points, in order, as one trip */
static void
read_track (Loader  *self,
            xmlNode *track)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (DmTrackPoint));
  g_autoptr(GArray) stops = NULL;
  g_autofree char *name = dm_kml_child_text (track, "name");
  g_autoptr(DmEvent) trip = NULL;
  gboolean timed = FALSE;

  for (xmlNode *seg = track->children; seg; seg = seg->next)
    if (dm_kml_is (seg, "trkseg"))
      for (xmlNode *c = seg->children; c; c = c->next)
        if (dm_kml_is (c, "trkpt"))
          {
            DmTrackPoint p;

            if (!read_point (self, c, &p))
              continue;
            if (dm_time_is_known (&p.arrive))
              {
                DmTrackPoint *last = points->len ? &g_array_index (points, DmTrackPoint, points->len - 1) : NULL;

                /* a point that goes back in time is left out, not a leg that arrives first */
                if (last != NULL && dm_time_is_known (&last->arrive) && p.arrive.earliest < last->arrive.earliest)
                  continue;
                timed = TRUE;
              }
            g_array_append_val (points, p);
          }
  if (points->len == 0)
    return;

  stops = dm_import_track_stops ((const DmTrackPoint *) (const void *) points->data, points->len);
  if (!timed)
    {
      /* its places are shown: where it starts and ends */
      for (guint i = 0; i < stops->len; i++)
        {
          DmTrackPoint *s = &g_array_index (stops, DmTrackPoint, i);
          g_autoptr(DmPlace) place = dm_import_place_at (&self->imp, NULL, NULL, NULL, s->lat, s->lon);
        }
      dm_import_problem (&self->imp, line_of (track), 1,
                         /* Translators: %s is a track's name, or the file's */
                         _("“%s” has no time: its places are shown, but not as an event"),
                         name ? name : dm_actor_get_name (self->actor));
      return;
    }

  trip = dm_event_new (DM_EVENT_KIND_TRIP, NULL);
  dm_event_set_title (trip, name);
  dm_event_set_actor (trip, self->actor);
  dm_import_add_track (&self->imp, trip, (const DmTrackPoint *) (const void *) points->data, stops,
                       line_of (track), 1);
}

gboolean
dm_gpx_format_load (DmDocument    *doc,
                    GFile         *file,
                    const char    *data,
                    gsize          length,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  Loader self = { { 0 } };
  xmlDoc *xml;
  xmlNode *root;
  gboolean ok = TRUE;

  dm_import_init (&self.imp, doc, file);
  xml = dm_xml_read (&self.imp, data, length, XML_PARSE_NOCDATA, error);
  if (xml == NULL)
    {
      dm_import_clear (&self.imp);
      return FALSE;
    }

  root = xmlDocGetRootElement (xml);
  if (!dm_kml_is (root, "gpx"))
    {
      ok = dm_import_fail (&self.imp, error, root ? (guint) xmlGetLineNo (root) : 1, 1,
                           _("not GPX: the root element should be <gpx>"));
      goto out;
    }
  {
    /* GPX 1.1 names the file in <metadata>, 1.0 at the top */
    g_autofree char *title = dm_kml_child_text (dm_kml_child (root, "metadata"), "name");
    char *dot = strrchr (basename, '.');

    if (title == NULL)
      title = dm_kml_child_text (root, "name");
    if (title != NULL)
      dm_document_set_title (doc, title);
    if (dot != NULL && dot != basename)
      *dot = '\0';
    self.actor = dm_import_actor (&self.imp, NULL, basename);
  }
  for (xmlNode *c = root->children; c; c = c->next)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (dm_kml_is (c, "wpt"))
        read_waypoint (&self, c);
      else if (dm_kml_is (c, "rte"))
        read_route (&self, c);
      else if (dm_kml_is (c, "trk"))
        read_track (&self, c);
    }
out:
  xmlFreeDoc (xml);
  dm_import_clear (&self.imp);
  return ok;
}

gboolean
dm_gpx_format_sniff (const char *basename,
                     const char *data,
                     gsize       length)
{
  g_autofree char *ext = dm_import_extension (basename);
  gsize n = MIN (length, 4096);

  if (g_str_equal (ext, "gpx"))
    return TRUE;
  return n > 0 && (data[0] == '<' || (n > 3 && data[3] == '<')) &&
         g_strstr_len (data, n, "<gpx") != NULL;
}
