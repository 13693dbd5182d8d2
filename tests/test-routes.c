/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "dm-great-circle.h"
#include "dm-route-renderer.h"
#include "dm-route-set.h"

/* Routes at a moment, checked by their pixels: where a leg is must carry its actor's colour,
 * where it is not must not. */

#define VERMILLION 0xd55e00 /* the first colour of the palette */

static guint32
pixel_at (cairo_surface_t *s,
          int              x,
          int              y)
{
  const guint32 *row;

  cairo_surface_flush (s);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (s));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (s));
  row = (const guint32 *) (void *) (cairo_image_surface_get_data (s) +
                                    y * cairo_image_surface_get_stride (s));
  return row[x] & 0xffffff;
}

static int
color_distance (guint32 a,
                guint32 b)
{
  int d = 0;

  for (int sh = 0; sh <= 16; sh += 8)
    d = MAX (d, ABS ((int) ((a >> sh) & 0xff) - (int) ((b >> sh) & 0xff)));
  return d;
}

/* The pixel nearest to @want within @radius of (x, y), as a distance in colour */
static int
best_near (cairo_surface_t *s,
           double           x,
           double           y,
           int              radius,
           guint32          want)
{
  int best = 255;

  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;
        if (px < 0 || py < 0 || px >= cairo_image_surface_get_width (s) ||
            py >= cairo_image_surface_get_height (s))
          continue;
        best = MIN (best, color_distance (pixel_at (s, px, py), want));
      }
  return best;
}

static DmPlace *
place (const char *name,
       double      lat,
       double      lon)
{
  return dm_place_new (name, name, NULL, lat, lon, "UTC");
}

static DmTime
at (const char *iso)
{
  g_autoptr(GError) error = NULL;
  DmTime t;

  g_assert_true (dm_time_parse (iso, NULL, &t, &error));
  g_assert_no_error (error);
  return t;
}

static gint64
utc (const char *iso)
{
  return at (iso).earliest;
}

/* A document with one trip of one leg, with times */
static DmDocument *
one_leg (DmPlace    *from,
         DmPlace    *to,
         const char *depart,
         const char *arrive,
         DmStatus    status)
{
  DmDocument *doc = dm_document_new ();
  g_autoptr(DmActor) actor = dm_actor_new ("choe", "Choe Son Hui");
  g_autoptr(DmEvent) trip = dm_event_new (DM_EVENT_KIND_TRIP, "trip");
  g_autoptr(DmLeg) leg = dm_leg_new (from, to);

  leg->depart = at (depart);
  leg->arrive = at (arrive);
  dm_event_set_actor (trip, actor);
  dm_event_set_status (trip, status);
  dm_event_add_leg (trip, leg);
  dm_document_add_actor (doc, actor);
  dm_document_add_event (doc, trip);
  return doc;
}

static cairo_surface_t *
white_surface (const DmView *view)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) view->width,
                                                   (int) view->height);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return s;
}

static cairo_surface_t *
draw (DmDocument   *doc,
      const DmView *view,
      gint64        t,
      DmRouteStyle *style)
{
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  cairo_surface_t *s = white_surface (view);
  cairo_t *cr = cairo_create (s);

  if (style != NULL)
    dm_route_renderer_set_style (layer, style);
  dm_route_renderer_draw_direct (layer, cr, view, t);
  cairo_destroy (cr);
  return s;
}

static DmRouteStyle *
plain_style (DmRouteFuture future)
{
  DmRouteStyle *style = dm_route_style_new ();

  style->line_width = 4.0;
  style->show_labels = FALSE;
  style->future = future;
  return style;
}

static void
project_fraction (const DmView *view,
                  DmPlace      *a,
                  DmPlace      *b,
                  double        f,
                  double       *x,
                  double       *y)
{
  DmLonLat pa = { dm_place_get_longitude (a), dm_place_get_latitude (a) };
  DmLonLat pb = { dm_place_get_longitude (b), dm_place_get_latitude (b) };
  DmLonLat m = dm_great_circle_interpolate (pa, pb, f);

  dm_view_project (view, m.lon, m.lat, x, y);
}

static void
test_midpoint_colour (void)
{
  g_autoptr(DmPlace) pyongyang = place ("Pyongyang", 39.0392, 125.7625);
  g_autoptr(DmPlace) moscow = place ("Moscow", 55.7558, 37.6173);
  g_autoptr(DmDocument) doc = one_leg (pyongyang, moscow, "2025-10-26T01:00:00Z",
                                       "2025-10-26T10:00:00Z", DM_STATUS_COMPLETED);
  g_autoptr(DmRouteStyle) style = plain_style (DM_ROUTE_FUTURE_FAINT);
  cairo_surface_t *s;
  DmView view;
  double x, y, sx, sy;

  dm_view_init_bounds (&view, DM_PROJECTION_MERCATOR, 30, 30, 140, 70, 800, 500, 20);
  s = draw (doc, &view, utc ("2025-10-27T00:00:00Z"), style);
  project_fraction (&view, pyongyang, moscow, 0.5, &x, &y);
  g_assert_cmpint (best_near (s, x, y, 1, VERMILLION), <=, 12);
  /* the great circle bows north: the straight line's middle (on screen) stays white */
  dm_view_project (&view, (125.7625 + 37.6173) / 2, (39.0392 + 55.7558) / 2, &sx, &sy);
  g_assert_cmpfloat (y, <, sy - 10);
  g_assert_cmpint (color_distance (pixel_at (s, (int) sx, (int) sy), 0xffffff), <=, 2);
  cairo_surface_destroy (s);
}

static void
test_before_start (void)
{
  g_autoptr(DmPlace) pyongyang = place ("Pyongyang", 39.0392, 125.7625);
  g_autoptr(DmPlace) moscow = place ("Moscow", 55.7558, 37.6173);
  g_autoptr(DmDocument) doc = one_leg (pyongyang, moscow, "2025-10-26T01:00:00Z",
                                       "2025-10-26T10:00:00Z", DM_STATUS_COMPLETED);
  g_autoptr(DmRouteStyle) hidden = plain_style (DM_ROUTE_FUTURE_HIDDEN);
  g_autoptr(DmRouteStyle) faint = plain_style (DM_ROUTE_FUTURE_FAINT);
  cairo_surface_t *s;
  DmView view;
  double x, y;

  dm_view_init_bounds (&view, DM_PROJECTION_MERCATOR, 30, 30, 140, 70, 800, 500, 20);
  project_fraction (&view, pyongyang, moscow, 0.5, &x, &y);

  /* hidden: nothing at all on the leg's way */
  s = draw (doc, &view, utc ("2025-10-25T12:00:00Z"), hidden);
  for (double f = 0.05; f < 0.96; f += 0.05)
    {
      project_fraction (&view, pyongyang, moscow, f, &x, &y);
      g_assert_cmpint (best_near (s, x, y, 3, 0xffffff), ==, 0);
      g_assert_cmpint (best_near (s, x, y, 3, VERMILLION), >, 100);
    }
  cairo_surface_destroy (s);

  /* faint: a light tint of the colour, never the colour itself */
  s = draw (doc, &view, utc ("2025-10-25T12:00:00Z"), faint);
  project_fraction (&view, pyongyang, moscow, 0.5, &x, &y);
  g_assert_cmpint (best_near (s, x, y, 1, VERMILLION), >, 60);
  g_assert_cmpint (best_near (s, x, y, 1, 0xffffff), >, 20);
  cairo_surface_destroy (s);
}

static void
test_in_air (void)
{
  g_autoptr(DmPlace) pyongyang = place ("Pyongyang", 39.0392, 125.7625);
  g_autoptr(DmPlace) moscow = place ("Moscow", 55.7558, 37.6173);
  g_autoptr(DmDocument) doc = one_leg (pyongyang, moscow, "2025-10-26T01:00:00Z",
                                       "2025-10-26T11:00:00Z", DM_STATUS_COMPLETED);
  g_autoptr(DmRouteStyle) style = plain_style (DM_ROUTE_FUTURE_HIDDEN);
  cairo_surface_t *s;
  DmView view;
  double x, y;

  dm_view_init_bounds (&view, DM_PROJECTION_MERCATOR, 30, 30, 140, 70, 800, 500, 20);
  /* 40% of the way: drawn up to the delegation, not beyond */
  s = draw (doc, &view, utc ("2025-10-26T05:00:00Z"), style);
  project_fraction (&view, pyongyang, moscow, 0.1, &x, &y);
  g_assert_cmpint (best_near (s, x, y, 1, VERMILLION), <=, 12);
  project_fraction (&view, pyongyang, moscow, 0.4, &x, &y);
  g_assert_cmpint (best_near (s, x, y, 1, VERMILLION), <=, 12); /* the marker */
  for (double f = 0.55; f < 0.96; f += 0.05)
    {
      project_fraction (&view, pyongyang, moscow, f, &x, &y);
      g_assert_cmpint (best_near (s, x, y, 2, 0xffffff), ==, 0);
    }
  cairo_surface_destroy (s);
}

/* Tokyo to San Francisco crosses the antimeridian: over the Pacific, never across Asia */
static void
test_antimeridian (void)
{
  g_autoptr(DmPlace) tokyo = place ("Tokyo", 35.6895, 139.6917);
  g_autoptr(DmPlace) sf = place ("San Francisco", 37.7749, -122.4194);
  g_autoptr(DmDocument) doc = one_leg (tokyo, sf, "2025-10-26T01:00:00Z",
                                       "2025-10-26T11:00:00Z", DM_STATUS_COMPLETED);
  g_autoptr(DmRouteStyle) style = plain_style (DM_ROUTE_FUTURE_FAINT);
  DmProjection projections[] = { DM_PROJECTION_MERCATOR, DM_PROJECTION_EQUAL_EARTH };

  for (guint p = 0; p < G_N_ELEMENTS (projections); p++)
    {
      cairo_surface_t *s;
      DmView view;
      double x, y;
      guint pacific = 0, elsewhere = 0;

      dm_view_init_world (&view, projections[p], 1200, 800, 0);
      s = draw (doc, &view, utc ("2025-10-27T00:00:00Z"), style);
      project_fraction (&view, tokyo, sf, 0.5, &x, &y);
      g_assert_cmpint (best_near (s, x, y, 1, VERMILLION), <=, 12);
      /* every coloured pixel lies west of San Francisco's meridian or east of Tokyo's */
      for (int py = 0; py < (int) view.height; py++)
        for (int px = 0; px < (int) view.width; px++)
          {
            double lon, lat;
            if (color_distance (pixel_at (s, px, py), VERMILLION) > 40)
              continue;
            if (!dm_view_unproject (&view, px + 0.5, py + 0.5, &lon, &lat))
              continue;
            if (lon > 138.0 || lon < -121.0)
              pacific++;
            else
              elsewhere++;
          }
      g_assert_cmpuint (pacific, >, 200);
      g_assert_cmpuint (elsewhere, ==, 0);
      cairo_surface_destroy (s);
    }

  /* a view centred on the Pacific (longitudes past 180): one unbroken line through the middle */
  {
    cairo_surface_t *s;
    DmView view;
    double x, y;
    dm_view_init_bounds (&view, DM_PROJECTION_MERCATOR, 120, 10, 250, 65, 900, 500, 10);
    s = draw (doc, &view, utc ("2025-10-27T00:00:00Z"), style);
    for (double f = 0.02; f < 0.99; f += 0.04)
      {
        DmLonLat a = { 139.6917, 35.6895 }, b = { -122.4194, 37.7749 };
        DmLonLat m = dm_great_circle_interpolate (a, b, f);
        dm_view_project (&view, m.lon < 0 ? m.lon + 360 : m.lon, m.lat, &x, &y);
        g_assert_cmpint (best_near (s, x, y, 1, VERMILLION), <=, 12);
      }
    cairo_surface_destroy (s);
  }
}

/* Completed is solid, confirmed solid and lighter (half way to white), planned dashed, a leg
 * without times dotted, cancelled faint grey (at 55 %), no status dash and dot */
static void
test_status_styles (void)
{
  struct { DmStatus status; gboolean timed; guint want_gaps; guint32 color; } cases[] = {
    { DM_STATUS_CONFIRMED, TRUE, 0, 0xeaaf80 },
    { DM_STATUS_PLANNED, TRUE, 1, VERMILLION },
    { DM_STATUS_COMPLETED, FALSE, 1, VERMILLION },
    { DM_STATUS_CANCELLED, TRUE, 0, 0xc8c8c8 },
    { DM_STATUS_COMPLETED, TRUE, 0, VERMILLION },
    { DM_STATUS_UNKNOWN, TRUE, 1, VERMILLION },
  };
  guint gaps[G_N_ELEMENTS (cases)];

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(DmPlace) a = place ("A", 0.0, 10.0);
      g_autoptr(DmPlace) b = place ("B", 0.0, 50.0);
      g_autoptr(DmDocument) doc = dm_document_new ();
      g_autoptr(DmActor) actor = dm_actor_new ("x", "X");
      g_autoptr(DmEvent) trip = dm_event_new (DM_EVENT_KIND_TRIP, "t");
      g_autoptr(DmLeg) leg = dm_leg_new (a, b);
      g_autoptr(DmRouteStyle) style = plain_style (DM_ROUTE_FUTURE_FAINT);
      cairo_surface_t *s;
      DmView view;
      guint on = 0, off = 0;

      if (cases[c].timed)
        {
          leg->depart = at ("2025-10-26T01:00:00Z");
          leg->arrive = at ("2025-10-26T05:00:00Z");
        }
      else
        {
          DmTime start = at ("2025-10-26T01:00:00Z");
          dm_event_set_start (trip, &start);
        }
      dm_event_set_actor (trip, actor);
      dm_event_set_status (trip, cases[c].status);
      dm_event_add_leg (trip, leg);
      dm_document_add_actor (doc, actor);
      dm_document_add_event (doc, trip);
      g_assert_cmpint (leg->uncertain, ==, !cases[c].timed);

      dm_view_init_bounds (&view, DM_PROJECTION_EQUIRECTANGULAR, 0, -10, 60, 10, 600, 200, 0);
      s = draw (doc, &view, utc ("2030-01-01T00:00:00Z"), style);
      /* along the equator, between the ends (away from the cancelled leg's cross) */
      for (double lon = 14; lon <= 26; lon += 0.05)
        {
          double x, y;
          dm_view_project (&view, lon, 0, &x, &y);
          if (color_distance (pixel_at (s, (int) x, (int) y), cases[c].color) <= 24)
            on++;
          else if (color_distance (pixel_at (s, (int) x, (int) y), 0xffffff) <= 24)
            off++;
        }
      g_assert_cmpuint (on, >, 10);
      gaps[c] = off;
      if (cases[c].want_gaps)
        g_assert_cmpuint (off, >, 10);
      else
        g_assert_cmpuint (off, ==, 0);
      cairo_surface_destroy (s);
    }
  /* dashes and dots differ */
  g_assert_cmpuint (gaps[1], !=, gaps[2]);
}

/* The cached layer, moved forward in time, matches a drawing from scratch without redrawing */
static void
test_cache (void)
{
  g_autoptr(DmPlace) pyongyang = place ("Pyongyang", 39.0392, 125.7625);
  g_autoptr(DmPlace) moscow = place ("Moscow", 55.7558, 37.6173);
  g_autoptr(DmDocument) doc = one_leg (pyongyang, moscow, "2025-10-26T01:00:00Z",
                                       "2025-10-26T11:00:00Z", DM_STATUS_PLANNED);
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  g_autoptr(DmRouteStyle) style = plain_style (DM_ROUTE_FUTURE_FAINT);
  const char *times[] = { "2025-10-25T00:00:00Z", "2025-10-26T04:00:00Z", "2025-10-26T12:00:00Z" };
  DmView view;

  dm_route_renderer_set_style (layer, style);
  dm_view_init_bounds (&view, DM_PROJECTION_MERCATOR, 30, 30, 140, 70, 640, 400, 20);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      cairo_surface_t *cached = white_surface (&view), *direct;
      cairo_t *cr = cairo_create (cached);
      guint differ = 0;

      dm_route_renderer_draw (layer, cr, &view, utc (times[i]));
      cairo_destroy (cr);
      direct = draw (doc, &view, utc (times[i]), style);
      for (int y = 0; y < 400; y++)
        for (int x = 0; x < 640; x++)
          differ += color_distance (pixel_at (cached, x, y), pixel_at (direct, x, y)) > 40;
      g_assert_cmpuint (differ, <, 60);
      cairo_surface_destroy (cached);
      cairo_surface_destroy (direct);
    }
  g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, 1);

  /* back in time: from the keyframe kept when first drawn, not drawn again (test-route-keys);
   * another view: drawn again */
  {
    cairo_surface_t *s = white_surface (&view);
    cairo_t *cr = cairo_create (s);
    dm_route_renderer_draw (layer, cr, &view, utc (times[0]));
    g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, 1);
    g_assert_cmpuint (dm_route_renderer_get_n_from_keys (layer), ==, 1);
    view.center_x += 0.01;
    dm_route_renderer_draw (layer, cr, &view, utc (times[0]));
    g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, 2);
    cairo_destroy (cr);
    cairo_surface_destroy (s);
  }
}

static void
test_bounds (void)
{
  g_autoptr(DmPlace) tokyo = place ("Tokyo", 35.6895, 139.6917);
  g_autoptr(DmPlace) sf = place ("San Francisco", 37.7749, -122.4194);
  g_autoptr(DmDocument) doc = one_leg (tokyo, sf, "2025-10-26T01:00:00Z",
                                       "2025-10-26T11:00:00Z", DM_STATUS_COMPLETED);
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  double x0, y0, x1, y1;

  g_assert_true (dm_route_set_get_bounds (set, &x0, &y0, &x1, &y1));
  /* across the Pacific, not around the world the other way */
  g_assert_cmpfloat_with_epsilon (x0, 139.6917, 1e-6);
  g_assert_cmpfloat_with_epsilon (x1, 360 - 122.4194, 1e-6);
  g_assert_cmpfloat (y1, >, 45.0); /* the great circle bows north */
  g_assert_cmpfloat (y0, >, 35.0);
}

/* A file of places without times (a KML of sites, GPX waypoints: issue 10) is drawn as
 * places: bounds around them, a dot at each, a legend entry; a view's undated places are
 * its source's, so a filter that shows no event does not draw every place */
static void
test_undated_places (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmPlace) vienna = place ("Vienna", 48.2082, 16.3738);
  g_autoptr(DmPlace) cairo_ = place ("Cairo", 30.0444, 31.2357);
  g_autoptr(DmPlace) again = place ("Vienna", 48.2082, 16.3738);
  g_autoptr(DmRouteSet) set = NULL;
  g_autoptr(DmRouteStyle) style = plain_style (DM_ROUTE_FUTURE_HIDDEN);
  g_autoptr(GPtrArray) undated = NULL;
  cairo_surface_t *s;
  DmView view;
  double x0, y0, x1, y1, x, y;

  dm_document_add_place (doc, vienna);
  dm_document_add_place (doc, cairo_);
  dm_document_add_place (doc, again);   /* the same place twice is one */
  undated = dm_document_dup_undated_places (doc);
  g_assert_cmpuint (undated->len, ==, 2);

  set = dm_route_set_new (doc);
  g_assert_true (dm_route_set_get_uses (set) & DM_ROUTE_USE_UNDATED);
  g_assert_true (dm_route_set_get_bounds (set, &x0, &y0, &x1, &y1));
  g_assert_cmpfloat_with_epsilon (x0, 16.3738, 1e-6);
  g_assert_cmpfloat_with_epsilon (x1, 31.2357, 1e-6);
  g_assert_cmpfloat_with_epsilon (y0, 30.0444, 1e-6);
  g_assert_cmpfloat_with_epsilon (y1, 48.2082, 1e-6);

  dm_view_init_bounds (&view, DM_PROJECTION_MERCATOR, 0, 20, 50, 60, 800, 500, 20);
  s = draw (doc, &view, 0, style);
  dm_view_project (&view, 31.2357, 30.0444, &x, &y);
  g_assert_cmpint (color_distance (pixel_at (s, x, y), 0xffffff), >, 100);
  dm_view_project (&view, 45, 25, &x, &y);
  g_assert_cmpint (color_distance (pixel_at (s, x, y), 0xffffff), <, 10);
  cairo_surface_destroy (s);

  /* a place an event uses is not undated; a view keeps its source's undated places */
  {
    g_autoptr(DmDocument) trip = one_leg (vienna, cairo_, "2025-10-26T08:00:00Z",
                                          "2025-10-26T12:00:00Z", DM_STATUS_COMPLETED);
    g_autoptr(GListStore) none = g_list_store_new (DM_TYPE_EVENT);
    g_autoptr(DmDocument) view_doc = NULL;
    g_autoptr(GPtrArray) used = NULL;
    g_autoptr(GPtrArray) shown = NULL;

    dm_document_add_place (trip, vienna);
    dm_document_add_place (trip, cairo_);
    used = dm_document_dup_undated_places (trip);
    g_assert_cmpuint (used->len, ==, 0);
    view_doc = dm_document_new_filtered (trip, G_LIST_MODEL (none));
    shown = dm_document_dup_undated_places (view_doc);
    g_assert_cmpuint (shown->len, ==, 0);
  }
}

/* A leg with the way a recorded track went (DmLeg.path) is drawn along it, not along the
 * great circle (issue 10) */
static void
test_track_path (void)
{
  g_autoptr(DmPlace) a = place ("A", 0, 0);
  g_autoptr(DmPlace) b = place ("B", 0, 40);
  g_autoptr(DmDocument) doc = one_leg (a, b, "2025-10-26T08:00:00Z", "2025-10-26T12:00:00Z",
                                       DM_STATUS_COMPLETED);
  g_autoptr(DmEvent) trip = g_list_model_get_item (dm_document_get_events (doc), 0);
  g_autoptr(DmRouteStyle) style = plain_style (DM_ROUTE_FUTURE_HIDDEN);
  DmLeg *leg = dm_event_get_legs (trip)->pdata[0];
  static const double way[] = { 0, 0, 20, 30, 40, 0 };
  cairo_surface_t *s;
  DmView view;
  double x, y;

  leg->path = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (leg->path, way, G_N_ELEMENTS (way));
  dm_view_init_bounds (&view, DM_PROJECTION_EQUIRECTANGULAR, -5, -10, 45, 40, 800, 500, 20);
  s = draw (doc, &view, utc ("2025-10-27T00:00:00Z"), style);
  /* on the way it went (a quarter of the way up its first side) */
  dm_view_project (&view, 5, 7.5, &x, &y);
  g_assert_cmpint (color_distance (pixel_at (s, x, y), 0xffffff), >, 100);
  /* not on the great circle, the equator */
  dm_view_project (&view, 20, 0, &x, &y);
  g_assert_cmpint (color_distance (pixel_at (s, x, y), 0xffffff), <, 10);
  cairo_surface_destroy (s);
}

static void
test_palette (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmActor) a = dm_actor_new ("a", "A");
  g_autoptr(DmActor) b = dm_actor_new ("b", "B");
  g_autoptr(DmActor) idle = dm_actor_new ("idle", "Idle");
  g_autoptr(DmEvent) ea = dm_event_new (DM_EVENT_KIND_VISIT, "ea");
  g_autoptr(DmEvent) eb = dm_event_new (DM_EVENT_KIND_VISIT, "eb");
  g_autoptr(DmPlace) p = place ("P", 10, 10);
  g_autoptr(DmRouteSet) set = NULL;
  DmRgba ca, cb;

  dm_actor_set_color (b, "#123456");
  dm_document_add_actor (doc, idle);
  dm_document_add_actor (doc, a);
  dm_document_add_actor (doc, b);
  dm_event_set_actor (ea, a);
  dm_event_set_actor (eb, b);
  dm_event_set_place (ea, p);
  dm_event_set_place (eb, p);
  {
    DmTime day = at ("2025-10-26");
    dm_event_set_start (ea, &day);
    dm_event_set_start (eb, &day);
  }
  dm_document_add_event (doc, ea);
  dm_document_add_event (doc, eb);
  set = dm_route_set_new (doc);
  /* the idle actor takes no colour; the file's colour wins */
  ca = dm_route_set_get_actor_color (set, a);
  cb = dm_route_set_get_actor_color (set, b);
  g_assert_cmphex (dm_rgba_to_hex (&ca), ==, VERMILLION);
  g_assert_cmphex (dm_rgba_to_hex (&cb), ==, 0x123456);
  g_assert_cmpuint (dm_route_set_get_actors (set)->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/routes/midpoint-colour", test_midpoint_colour);
  g_test_add_func ("/render/routes/before-start", test_before_start);
  g_test_add_func ("/render/routes/in-air", test_in_air);
  g_test_add_func ("/render/routes/antimeridian", test_antimeridian);
  g_test_add_func ("/render/routes/status-styles", test_status_styles);
  g_test_add_func ("/render/routes/cache", test_cache);
  g_test_add_func ("/render/routes/bounds", test_bounds);
  g_test_add_func ("/render/routes/palette", test_palette);
  g_test_add_func ("/render/routes/undated-places", test_undated_places);
  g_test_add_func ("/render/routes/track-path", test_track_path);
  return g_test_run ();
}
