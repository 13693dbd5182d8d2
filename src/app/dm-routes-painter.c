/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-routes"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-palette.h"
#include "dm-routes-painter.h"

/* Draws routes over the screen map, cheaply per frame (docs/APP.md): legs that ended are
 * kept in a cached surface, added to it as time moves forward; only legs in flight and
 * stays under way are drawn every frame. Each leg's great circle is computed once, in
 * normalised Mercator coordinates, so a frame only multiplies and adds. */

#define MAX_LAT 85.0511287798066

typedef struct
{
  DmEvent *event;
  DmLeg   *leg;
  gint64   start;
  gint64   end;
  guint    first;     /* first point in self->points (pairs of doubles) */
  guint    n_points;
  double   x_min, x_max, y_min, y_max;
  double   rgb[3];
  gboolean dashed;
} LegRec;

typedef struct
{
  DmEvent *event;
  gint64   start;
  gint64   end;
  double   mx, my;
  double   rgb[3];
} StayRec;

struct _DmRoutesPainter
{
  DmDocument      *document;
  DmEvent         *selected;
  GArray          *legs;       /* LegRec */
  GArray          *points;     /* double mx, my, ... */
  guint           *by_start;   /* leg indices sorted by start */
  guint           *by_end;     /* leg indices sorted by end */
  gint64           max_duration;
  GArray          *stays;      /* StayRec */

  cairo_surface_t *settled;    /* legs ended by the cached time */
  DmScreenView     settled_view;
  guint            n_settled;

  guint            n_moving;
  guint            n_redrawn;
};

void
dm_mercator_normalize (double  lon,
                       double  lat,
                       double *mx,
                       double *my)
{
  double r = CLAMP (lat, -MAX_LAT, MAX_LAT) * G_PI / 180;

  *mx = (lon + 180) / 360;
  *my = (1 - log (tan (r) + 1 / cos (r)) / G_PI) / 2;
}

void
dm_screen_view_init (DmScreenView *view,
                     double        latitude,
                     double        longitude,
                     double        zoom,
                     double        tile_size,
                     double        width,
                     double        height,
                     int           scale)
{
  dm_mercator_normalize (longitude, latitude, &view->center_x, &view->center_y);
  view->world = tile_size * exp2 (zoom);
  view->width = width;
  view->height = height;
  view->scale = MAX (scale, 1);
}

void
dm_screen_view_project (const DmScreenView *view,
                        double              lon,
                        double              lat,
                        double             *px,
                        double             *py)
{
  double mx, my;

  dm_mercator_normalize (lon, lat, &mx, &my);
  mx -= round (mx - view->center_x);
  *px = (mx - view->center_x) * view->world + view->width / 2;
  *py = (my - view->center_y) * view->world + view->height / 2;
}

void
dm_great_circle_point (double  lat1,
                       double  lon1,
                       double  lat2,
                       double  lon2,
                       double  f,
                       double *lat,
                       double *lon)
{
  double p1 = lat1 * G_PI / 180, l1 = lon1 * G_PI / 180;
  double p2 = lat2 * G_PI / 180, l2 = lon2 * G_PI / 180;
  double a[3] = { cos (p1) * cos (l1), cos (p1) * sin (l1), sin (p1) };
  double b[3] = { cos (p2) * cos (l2), cos (p2) * sin (l2), sin (p2) };
  double d = acos (CLAMP (a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1, 1));
  double wa, wb, v[3];

  if (d < 1e-9)
    {
      *lat = lat1;
      *lon = lon1;
      return;
    }
  wa = sin ((1 - f) * d) / sin (d);
  wb = sin (f * d) / sin (d);
  for (int i = 0; i < 3; i++)
    v[i] = wa * a[i] + wb * b[i];
  *lat = atan2 (v[2], hypot (v[0], v[1])) * 180 / G_PI;
  *lon = atan2 (v[1], v[0]) * 180 / G_PI;
}

DmRoutesPainter *
dm_routes_painter_new (void)
{
  DmRoutesPainter *self = g_new0 (DmRoutesPainter, 1);

  self->legs = g_array_new (FALSE, FALSE, sizeof (LegRec));
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->stays = g_array_new (FALSE, FALSE, sizeof (StayRec));
  return self;
}

static void
clear_cache (DmRoutesPainter *self)
{
  g_clear_pointer (&self->settled, cairo_surface_destroy);
  self->n_settled = 0;
}

void
dm_routes_painter_free (DmRoutesPainter *self)
{
  if (self == NULL)
    return;
  clear_cache (self);
  g_array_unref (self->legs);
  g_array_unref (self->points);
  g_array_unref (self->stays);
  g_free (self->by_start);
  g_free (self->by_end);
  g_clear_object (&self->selected);
  g_clear_object (&self->document);
  g_free (self);
}

static void
add_leg (DmRoutesPainter *self,
         DmEvent         *event,
         DmLeg           *leg,
         const double     rgb[3])
{
  double lat1 = dm_place_get_latitude (leg->from), lon1 = dm_place_get_longitude (leg->from);
  double lat2 = dm_place_get_latitude (leg->to), lon2 = dm_place_get_longitude (leg->to);
  LegRec rec = { event, leg, leg->start, MAX (leg->end, leg->start) };
  double prev_lon = lon1;
  double arc = acos (CLAMP (sin (lat1 * G_PI / 180) * sin (lat2 * G_PI / 180) +
                            cos (lat1 * G_PI / 180) * cos (lat2 * G_PI / 180) *
                            cos ((lon2 - lon1) * G_PI / 180), -1, 1));
  /* About one segment per 2 degrees of arc */
  guint n_seg = (guint) CLAMP (ceil (arc * 90 / G_PI), 2, 64);
  DmStatus status = dm_event_get_status (event);

  memcpy (rec.rgb, rgb, sizeof rec.rgb);
  rec.dashed = leg->uncertain || status == DM_STATUS_ANNOUNCED || status == DM_STATUS_PLANNED;
  rec.first = self->points->len / 2;
  rec.n_points = n_seg + 1;
  rec.x_min = rec.y_min = G_MAXDOUBLE;
  rec.x_max = rec.y_max = -G_MAXDOUBLE;
  for (guint i = 0; i <= n_seg; i++)
    {
      double lat, lon, mx, my;

      dm_great_circle_point (lat1, lon1, lat2, lon2, (double) i / n_seg, &lat, &lon);
      /* Unwrapped: a route over the antimeridian stays one continuous line */
      lon += 360 * round ((prev_lon - lon) / 360);
      prev_lon = lon;
      dm_mercator_normalize (lon, lat, &mx, &my);
      g_array_append_val (self->points, mx);
      g_array_append_val (self->points, my);
      rec.x_min = MIN (rec.x_min, mx);
      rec.x_max = MAX (rec.x_max, mx);
      rec.y_min = MIN (rec.y_min, my);
      rec.y_max = MAX (rec.y_max, my);
    }
  self->max_duration = MAX (self->max_duration, rec.end - rec.start);
  g_array_append_val (self->legs, rec);
}

static GArray *sort_legs;  /* only during dm_routes_painter_set_document(), main thread */

static int
compare_start (gconstpointer a, gconstpointer b)
{
  const LegRec *la = &g_array_index (sort_legs, LegRec, *(const guint *) a);
  const LegRec *lb = &g_array_index (sort_legs, LegRec, *(const guint *) b);
  return (la->start > lb->start) - (la->start < lb->start);
}

static int
compare_end (gconstpointer a, gconstpointer b)
{
  const LegRec *la = &g_array_index (sort_legs, LegRec, *(const guint *) a);
  const LegRec *lb = &g_array_index (sort_legs, LegRec, *(const guint *) b);
  return (la->end > lb->end) - (la->end < lb->end);
}

void
dm_routes_painter_set_document (DmRoutesPainter *self,
                                DmDocument      *document)
{
  GListModel *events;
  guint n;

  g_set_object (&self->document, document);
  g_array_set_size (self->legs, 0);
  g_array_set_size (self->points, 0);
  g_array_set_size (self->stays, 0);
  g_clear_pointer (&self->by_start, g_free);
  g_clear_pointer (&self->by_end, g_free);
  self->max_duration = 0;
  clear_cache (self);
  if (document == NULL)
    return;

  events = dm_document_get_events (document);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (event);
      DmPlace *place = dm_event_get_place (event);
      double rgb[3];
      DmActor *actor = dm_event_get_actor (event);

      if (actor == NULL && dm_event_get_participants (event)->len > 0)
        actor = g_ptr_array_index (dm_event_get_participants (event), 0);
      dm_palette_actor_rgb (document, actor, &rgb[0], &rgb[1], &rgb[2]);
      for (guint j = 0; legs != NULL && j < legs->len; j++)
        {
          DmLeg *leg = g_ptr_array_index (legs, j);
          if (leg->from != NULL && leg->to != NULL)
            add_leg (self, event, leg, rgb);
        }
      if (place != NULL && dm_event_get_kind (event) != DM_EVENT_KIND_TRIP)
        {
          StayRec stay = { event };
          if (!dm_event_get_span (event, &stay.start, &stay.end))
            continue;
          dm_mercator_normalize (dm_place_get_longitude (place), dm_place_get_latitude (place),
                                 &stay.mx, &stay.my);
          memcpy (stay.rgb, rgb, sizeof rgb);
          g_array_append_val (self->stays, stay);
        }
    }

  n = self->legs->len;
  self->by_start = g_new (guint, MAX (n, 1));
  self->by_end = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->by_start[i] = self->by_end[i] = i;
  sort_legs = self->legs;
  qsort (self->by_start, n, sizeof (guint), compare_start);
  qsort (self->by_end, n, sizeof (guint), compare_end);
  sort_legs = NULL;
}

void
dm_routes_painter_set_selected (DmRoutesPainter *self,
                                DmEvent         *event)
{
  g_set_object (&self->selected, event);
}

guint
dm_routes_painter_get_n_legs (DmRoutesPainter *self)
{
  return self->legs->len;
}

guint
dm_routes_painter_get_n_moving (DmRoutesPainter *self)
{
  return self->n_moving;
}

guint
dm_routes_painter_get_n_redrawn (DmRoutesPainter *self)
{
  return self->n_redrawn;
}

/* Adds the leg's line up to @fraction (0..1) to the path, for every copy of the world
 * that shows it. Returns FALSE when no copy is visible. */
static gboolean
path_leg (DmRoutesPainter    *self,
          cairo_t            *cr,
          const DmScreenView *v,
          const LegRec       *rec,
          double              fraction,
          double             *head_x,
          double             *head_y)
{
  const double *pts = &g_array_index (self->points, double, rec->first * 2);
  double half_w = v->width / 2 / v->world, half_h = v->height / 2 / v->world;
  double margin = 8 / v->world;
  double pos = fraction * (rec->n_points - 1);
  guint last = MIN ((guint) floor (pos), rec->n_points - 1);
  double rest = pos - last;
  int k_min, k_max;
  gboolean any = FALSE;

  if (rec->y_max < v->center_y - half_h - margin || rec->y_min > v->center_y + half_h + margin)
    return FALSE;
  k_min = (int) ceil (v->center_x - half_w - margin - rec->x_max);
  k_max = (int) floor (v->center_x + half_w + margin - rec->x_min);
  for (int k = k_min; k <= k_max; k++)
    {
      double ox = (k - v->center_x) * v->world + v->width / 2;
      double oy = -v->center_y * v->world + v->height / 2;
      double hx, hy;

      cairo_move_to (cr, pts[0] * v->world + ox, pts[1] * v->world + oy);
      for (guint i = 1; i <= last; i++)
        cairo_line_to (cr, pts[2 * i] * v->world + ox, pts[2 * i + 1] * v->world + oy);
      hx = pts[2 * last] * v->world + ox;
      hy = pts[2 * last + 1] * v->world + oy;
      if (last + 1 < rec->n_points && rest > 0)
        {
          hx += (pts[2 * last + 2] - pts[2 * last]) * rest * v->world;
          hy += (pts[2 * last + 3] - pts[2 * last + 1]) * rest * v->world;
          cairo_line_to (cr, hx, hy);
        }
      if (head_x != NULL && (!any || fabs (hx - v->width / 2) < fabs (*head_x - v->width / 2)))
        {
          *head_x = hx;
          *head_y = hy;
        }
      any = TRUE;
    }
  return any;
}

static void
stroke_leg (DmRoutesPainter    *self,
            cairo_t            *cr,
            const DmScreenView *v,
            const LegRec       *rec,
            double              width,
            double              alpha)
{
  static const double dash[] = { 6, 4 };

  if (!path_leg (self, cr, v, rec, 1, NULL, NULL))
    return;
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dash, rec->dashed ? 2 : 0, 0);
  cairo_set_source_rgba (cr, rec->rgb[0], rec->rgb[1], rec->rgb[2], alpha);
  cairo_stroke (cr);
}

static gboolean
views_equal (const DmScreenView *a,
             const DmScreenView *b)
{
  return a->center_x == b->center_x && a->center_y == b->center_y && a->world == b->world &&
         a->width == b->width && a->height == b->height && a->scale == b->scale;
}

/* Number of legs ended by @time: the first index in by_end whose end is after it */
static guint
count_ended (DmRoutesPainter *self,
             double           time)
{
  guint lo = 0, hi = self->legs->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (self->legs, LegRec, self->by_end[mid]).end <= time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
update_settled (DmRoutesPainter    *self,
                const DmScreenView *v,
                double              time)
{
  guint n = count_ended (self, time);
  guint from = self->n_settled;
  cairo_t *cr;

  self->n_redrawn = 0;
  if (self->settled == NULL || !views_equal (v, &self->settled_view) || n < self->n_settled)
    {
      g_clear_pointer (&self->settled, cairo_surface_destroy);
      self->settled = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                  (int) ceil (v->width * v->scale),
                                                  (int) ceil (v->height * v->scale));
      cairo_surface_set_device_scale (self->settled, v->scale, v->scale);
      self->settled_view = *v;
      from = 0;
    }
  if (from == n)
    {
      self->n_settled = n;
      return;
    }
  cr = cairo_create (self->settled);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = from; i < n; i++)
    stroke_leg (self, cr, v, &g_array_index (self->legs, LegRec, self->by_end[i]), 1.6, 0.55);
  cairo_destroy (cr);
  self->n_redrawn = n - from;
  self->n_settled = n;
}

static void
draw_marker (cairo_t *cr,
             double   x,
             double   y,
             double   radius,
             const double rgb[3],
             gboolean diamond)
{
  for (int pass = 0; pass < 2; pass++)
    {
      double r = pass == 0 ? radius + 1.5 : radius;

      if (diamond)
        {
          cairo_move_to (cr, x, y - r * 1.3);
          cairo_line_to (cr, x + r * 1.3, y);
          cairo_line_to (cr, x, y + r * 1.3);
          cairo_line_to (cr, x - r * 1.3, y);
          cairo_close_path (cr);
        }
      else
        cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      if (pass == 0)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_fill (cr);
    }
}

static void
draw_stays (DmRoutesPainter    *self,
            cairo_t            *cr,
            const DmScreenView *v,
            double              time)
{
  for (guint i = 0; i < self->stays->len; i++)
    {
      const StayRec *s = &g_array_index (self->stays, StayRec, i);
      double mx, px, py;
      gboolean selected = s->event == self->selected;
      DmEventKind kind = dm_event_get_kind (s->event);

      if (!selected && (time < s->start || time >= s->end))
        continue;
      mx = s->mx - round (s->mx - v->center_x);
      px = (mx - v->center_x) * v->world + v->width / 2;
      py = (s->my - v->center_y) * v->world + v->height / 2;
      if (px < -20 || py < -20 || px > v->width + 20 || py > v->height + 20)
        continue;
      draw_marker (cr, px, py, selected ? 7 : 5, s->rgb, kind == DM_EVENT_KIND_SUMMIT);
    }
}

void
dm_routes_painter_draw (DmRoutesPainter    *self,
                        cairo_t            *cr,
                        const DmScreenView *v,
                        double              time)
{
  guint hi, lo = 0, end;

  self->n_moving = 0;
  if (self->legs->len == 0 && self->stays->len == 0)
    return;

  update_settled (self, v, time);
  cairo_save (cr);
  cairo_set_source_surface (cr, self->settled, 0, 0);
  cairo_paint (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* The selected event's legs, whole, over the rest */
  if (self->selected != NULL)
    for (guint i = 0; i < self->legs->len; i++)
      {
        const LegRec *rec = &g_array_index (self->legs, LegRec, i);
        if (rec->event == self->selected)
          stroke_leg (self, cr, v, rec, 3.5, 0.9);
      }

  /* Legs in flight: started at or before @time, not ended; the index bounds the search */
  end = self->legs->len;
  hi = end;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (self->legs, LegRec, self->by_start[mid]).start <= time)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i-- > 0;)
    {
      const LegRec *rec = &g_array_index (self->legs, LegRec, self->by_start[i]);
      double f, hx = 0, hy = 0;

      if (rec->start < time - self->max_duration)
        break;
      if (rec->end <= time)
        continue;
      f = rec->end > rec->start ? (time - rec->start) / (double) (rec->end - rec->start) : 1;
      /* What is left of the way, faint */
      stroke_leg (self, cr, v, rec, 1.2, 0.35);
      if (!path_leg (self, cr, v, rec, f, &hx, &hy))
        continue;
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_width (cr, 3);
      cairo_set_source_rgb (cr, rec->rgb[0], rec->rgb[1], rec->rgb[2]);
      cairo_stroke (cr);
      draw_marker (cr, hx, hy, 5, rec->rgb, FALSE);
      self->n_moving++;
    }

  draw_stays (self, cr, v, time);
  cairo_restore (cr);
}
