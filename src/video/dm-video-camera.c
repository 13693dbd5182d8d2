/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-video"

#include "config.h"

#include <math.h>

#include "dm-route-set.h"
#include "dm-video-private.h"

/* The camera that follows: at each frame's time, the box around the events under way (both
 * ends of the legs being travelled, the places of the visits, summits and meetings going on),
 * padded and never smaller than a region, kept while nothing is under way; then
 * smoothed over the frames by a low-pass run forward and backward (no lag, no jump), so it
 * glides from one part of the world to the next. Computed on the caller's thread before any
 * frame is drawn: the workers draw frames out of order. docs/ANIMATION.md */

#define MIN_LON_SPAN 24.0   /* degrees: a country and its neighbours, never one city */
#define MIN_LAT_SPAN 14.0
#define PAD 0.3             /* of the span, on each side */
#define SMOOTH_SECONDS 1.2  /* the low-pass's time constant, in seconds of video */

typedef struct
{
  double lon;   /* centre */
  double lat;
  double half_lon;
  double half_lat;
} Box;

static void
add_place (DmPlace  *place,
           double   *lon0,
           guint    *n,
           double    ext[4])
{
  double lon, lat;

  if (place == NULL)
    return;
  lon = dm_place_get_longitude (place);
  lat = dm_place_get_latitude (place);
  /* the side of the antimeridian the first place is on */
  if (*n == 0)
    *lon0 = lon;
  while (lon - *lon0 > 180)
    lon -= 360;
  while (lon - *lon0 < -180)
    lon += 360;
  ext[0] = *n ? MIN (ext[0], lon) : lon;
  ext[1] = *n ? MIN (ext[1], lat) : lat;
  ext[2] = *n ? MAX (ext[2], lon) : lon;
  ext[3] = *n ? MAX (ext[3], lat) : lat;
  (*n)++;
}

/* Around what is under way at @t, padded; @before when nothing is */
static Box
target_at (DmRouteSet *set,
           gint64      t,
           const Box  *fit,
           const Box  *before)
{
  g_autoptr(GArray) where = dm_route_set_dup_where (set, t);
  double ext[4] = { 0 }, lon0 = 0;
  guint n = 0;
  Box b;

  for (guint i = 0; i < where->len; i++)
    {
      const DmWhere *w = &g_array_index (where, DmWhere, i);

      /* at a visit, summit or meeting; not at home after the last leg */
      if (w->state == DM_WHERE_AT && w->event != NULL &&
          dm_event_get_kind (w->event) != DM_EVENT_KIND_TRIP)
        add_place (w->place, &lon0, &n, ext);
      else if (w->state == DM_WHERE_TRAVELLING)
        {
          add_place (w->from, &lon0, &n, ext);
          add_place (w->to, &lon0, &n, ext);
        }
    }
  if (n == 0)
    return *before;
  b.lon = (ext[0] + ext[2]) / 2;
  b.lat = (ext[1] + ext[3]) / 2;
  b.half_lon = MAX ((ext[2] - ext[0]) * (0.5 + PAD), MIN_LON_SPAN / 2);
  b.half_lat = MAX ((ext[3] - ext[1]) * (0.5 + PAD), MIN_LAT_SPAN / 2);
  /* never wider than the fit of the whole range */
  b.half_lon = MIN (b.half_lon, MAX (fit->half_lon, MIN_LON_SPAN / 2));
  b.half_lat = MIN (b.half_lat, MAX (fit->half_lat, MIN_LAT_SPAN / 2));
  return b;
}

/* One pass of the low-pass filter over the frames, from @from towards @to (±1 steps) */
static void
smooth_pass (Box   *boxes,
             int    from,
             int    to,
             double alpha)
{
  int step = to > from ? 1 : -1;

  for (int i = from + step; i != to + step; i += step)
    {
      Box *prev = &boxes[i - step], *b = &boxes[i];
      double dlon = b->lon - prev->lon;

      /* the shorter way round the world */
      if (dlon > 180)
        dlon -= 360;
      else if (dlon < -180)
        dlon += 360;
      b->lon = prev->lon + alpha * dlon;
      b->lat = prev->lat + alpha * (b->lat - prev->lat);
      /* zoom in and out evenly: the spans are smoothed on a log scale */
      b->half_lon = exp (log (prev->half_lon) + alpha * (log (b->half_lon) - log (prev->half_lon)));
      b->half_lat = exp (log (prev->half_lat) + alpha * (log (b->half_lat) - log (prev->half_lat)));
    }
}

double *
dm_video_camera_path (DmFigure     *figure,
                      const gint64 *times,
                      guint         n_frames,
                      guint         fps)
{
  DmRouteSet *set = dm_route_renderer_get_set (dm_figure_get_layer (figure));
  g_autofree Box *boxes = g_new (Box, MAX (n_frames, 1));
  double *out = g_new (double, 4 * MAX (n_frames, 1));
  double alpha = 1.0 - exp (-1.0 / (SMOOTH_SECONDS * MAX (fps, 1)));
  double x0, y0, x1, y1;
  Box fit = { 0, 20, 180, 70 };

  if (dm_route_set_get_bounds (set, &x0, &y0, &x1, &y1))
    fit = (Box) { (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 * (1 + PAD), (y1 - y0) / 2 * (1 + PAD) };
  for (guint i = 0; i < n_frames; i++)
    boxes[i] = target_at (set, times[i], &fit, i > 0 ? &boxes[i - 1] : &fit);
  if (n_frames > 1)
    {
      smooth_pass (boxes, 0, (int) n_frames - 1, alpha);
      smooth_pass (boxes, (int) n_frames - 1, 0, alpha);
    }
  for (guint i = 0; i < n_frames; i++)
    {
      Box *b = &boxes[i];
      double lon = remainder (b->lon, 360.0), half_lon = MIN (b->half_lon, 180.0);

      out[4 * i + 0] = remainder (lon - half_lon, 360.0);
      out[4 * i + 1] = CLAMP (b->lat - b->half_lat, -85.0, 85.0);
      out[4 * i + 2] = remainder (lon + half_lon, 360.0);
      out[4 * i + 3] = CLAMP (b->lat + b->half_lat, -85.0, 85.0);
      /* remainder() gives -180 for 180: keep a box that ends at the antimeridian unbroken */
      if (out[4 * i + 2] == -180.0)
        out[4 * i + 2] = 180.0;
    }
  return out;
}
