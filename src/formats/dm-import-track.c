/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A recorded track (GPX <trk>, KML gx:Track) as the stops of a trip: its first and last
 * points, and the places where it dwells. */

#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <math.h>

#include "dm-import-private.h"

/* A dwell: the track stays within this many km of where it stopped for this long */
#define DWELL_KM      0.2
#define DWELL_SECONDS (10 * 60)

static double
km_between (const DmTrackPoint *a,
            const DmTrackPoint *b)
{
  double dlat = (b->lat - a->lat) * 111.2;
  double dlon = (b->lon - a->lon) * 111.2 * cos ((a->lat + b->lat) / 2 * G_PI / 180);

  return sqrt (dlat * dlat + dlon * dlon);
}

static void
add_stop (GArray             *stops,
          const DmTrackPoint *points,
          guint               first,
          guint               last)
{
  DmTrackPoint stop = points[first];

  stop.arrive = points[first].arrive;
  stop.depart = points[last].arrive;
  stop.first = first;
  stop.last = last;
  g_array_append_val (stops, stop);
}

GArray *
dm_import_track_path (const DmTrackPoint *points,
                      const DmTrackPoint *from,
                      const DmTrackPoint *to)
{
  GArray *path;

  if (to->first <= from->last + 1)
    return NULL;
  path = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * (to->first - from->last + 1));
  for (guint i = from->last; i <= to->first; i++)
    {
      g_array_append_val (path, points[i].lon);
      g_array_append_val (path, points[i].lat);
    }
  return path;
}

GArray *
dm_import_track_stops (const DmTrackPoint *points,
                       guint               n_points)
{
  GArray *stops = g_array_new (FALSE, TRUE, sizeof (DmTrackPoint));
  guint i = 0;

  if (n_points == 0)
    return stops;
  while (i < n_points)
    {
      const DmTrackPoint *start = &points[i];
      guint last = i;

      /* the run of points that stay near this one */
      while (last + 1 < n_points && km_between (start, &points[last + 1]) <= DWELL_KM)
        last++;
      if (i == 0 || last == n_points - 1 ||
          (dm_time_is_known (&start->arrive) && dm_time_is_known (&points[last].arrive) &&
           points[last].arrive.earliest - start->arrive.earliest >= DWELL_SECONDS))
        add_stop (stops, points, i, last);
      i = last + 1;
    }
  if (stops->len == 1 && n_points > 1)
    {
      /* it never left: one stop, from its first time to its last */
      g_array_index (stops, DmTrackPoint, 0).depart = points[n_points - 1].arrive;
      g_array_index (stops, DmTrackPoint, 0).last = n_points - 1;
    }
  return stops;
}

void
dm_import_add_track (DmImport           *self,
                     DmEvent            *trip,
                     const DmTrackPoint *points,
                     GArray             *stops,
                     guint               line,
                     guint               column)
{
  g_autoptr(DmPlace) prev = NULL;

  if (stops->len == 1)
    {
      /* it never left a 200 m circle: a stay there, from its first time to its last */
      DmTrackPoint *s = &g_array_index (stops, DmTrackPoint, 0);
      g_autoptr(DmPlace) place = dm_import_place_at (self, NULL, NULL, NULL, s->lat, s->lon);
      g_autoptr(DmEvent) visit = dm_event_new (DM_EVENT_KIND_VISIT, dm_event_get_id (trip));

      dm_event_set_title (visit, dm_event_get_title (trip));
      dm_event_set_actor (visit, dm_event_get_actor (trip));
      dm_event_set_place (visit, place);
      dm_event_set_start (visit, &s->arrive);
      if (s->depart.earliest > s->arrive.earliest)
        dm_event_set_end (visit, &s->depart);
      dm_import_add_event (self, visit, line, column);
      return;
    }
  for (guint i = 0; i < stops->len; i++)
    {
      DmTrackPoint *s = &g_array_index (stops, DmTrackPoint, i);
      g_autoptr(DmPlace) here = dm_import_place_at (self, NULL, NULL, NULL, s->lat, s->lon);

      if (prev != NULL)
        {
          g_autoptr(DmLeg) leg = dm_leg_new (prev, here);

          leg->depart = g_array_index (stops, DmTrackPoint, i - 1).depart;
          leg->arrive = s->arrive;
          /* the way it went, drawn instead of a great circle */
          leg->path = dm_import_track_path (points, &g_array_index (stops, DmTrackPoint, i - 1), s);
          leg->line = line;
          leg->column = column;
          dm_event_add_leg (trip, leg);
        }
      g_set_object (&prev, here);
    }
  dm_import_add_event (self, trip, line, column);
}
