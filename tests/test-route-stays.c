/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "dm-figure.h"
#include "bench-generate.h"
#include "dm-antimeridian.h"
#include "dm-great-circle.h"
#include "dm-loader.h"
#include "dm-ustravel-format.h"
#include "dm-route-private.h"
#include "render-test-util.h"

/* An actor is in one place at a time. The sample's visits are known only to the day (they
 * would start at local midnight) and its legs too (drawn at midday, or estimated): the route
 * set draws each such stay from the moment its actor's leg lands there that day, until the
 * actor's next leg leaves that day. Also: legs along a route flown before get the same
 * great circle as one drawn afresh. */

static DmLeg *
find_leg (DmDocument *doc,
          const char *trip,
          guint       index)
{
  DmEvent *event = interop_find_event (doc, trip);
  GPtrArray *legs;

  g_assert_nonnull (event);
  legs = dm_event_get_legs (event);
  g_assert_cmpuint (index, <, legs->len);
  return g_ptr_array_index (legs, index);
}

static gboolean
shows (DmRouteSet *set,
       DmDocument *doc,
       const char *id,
       gint64      t)
{
  g_autoptr(GPtrArray) stays = dm_route_set_dup_stays_at (set, t);
  DmEvent *event = interop_find_event (doc, id);

  g_assert_nonnull (event);
  return g_ptr_array_find (stays, event, NULL);
}

/* Trump's Kuala Lumpur -> Tokyo leg is known only by its day, his stay in Tokyo too */
static void
test_arrival (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  DmLeg *to_tokyo = find_leg (doc, "trump-asia", 1);
  DmEvent *tokyo = interop_find_event (doc, "trump-tokyo");

  /* the auditor's moments: before he leaves Kuala Lumpur, and while he flies */
  g_assert_cmpint (to_tokyo->start, >, utc ("2025-10-27T03:00:00Z"));
  g_assert_false (shows (set, doc, "trump-tokyo", utc ("2025-10-27T03:00:00Z")));
  g_assert_cmpint (to_tokyo->start, <=, utc ("2025-10-27T08:00:00Z"));
  g_assert_cmpint (to_tokyo->end, >, utc ("2025-10-27T08:00:00Z"));
  g_assert_false (shows (set, doc, "trump-tokyo", utc ("2025-10-27T08:00:00Z")));
  /* from the landing on */
  g_assert_false (shows (set, doc, "trump-tokyo", to_tokyo->end - 1));
  g_assert_true (shows (set, doc, "trump-tokyo", to_tokyo->end));
  g_assert_true (shows (set, doc, "trump-tokyo", utc ("2025-10-28T12:00:00Z")));
  /* the event keeps the time its file gives: the day, from local midnight */
  g_assert_nonnull (tokyo);
  g_assert_cmpint (dm_event_get_start (tokyo)->precision, ==, DM_PRECISION_DAY);
  g_assert_cmpint (dm_event_get_start (tokyo)->earliest, ==, utc ("2025-10-27T00:00:00+09:00"));

  /* Choe Son Hui's visit and talks in Moscow wait until she has landed there */
  {
    DmLeg *to_moscow = find_leg (doc, "choe-tour", 0);

    g_assert_cmpint (to_moscow->start, <=, utc ("2025-10-26T06:00:00Z"));
    g_assert_cmpint (to_moscow->end, >, utc ("2025-10-26T06:00:00Z"));
    g_assert_false (shows (set, doc, "choe-moscow", utc ("2025-10-26T06:00:00Z")));
    g_assert_false (shows (set, doc, "choe-lavrov", utc ("2025-10-26T06:00:00Z")));
    g_assert_true (shows (set, doc, "choe-moscow", to_moscow->end));
    g_assert_true (shows (set, doc, "choe-lavrov", to_moscow->end));
  }
}

/* A stay whose end is known only to the day ends when its actor leaves; a summit starts
 * when its participant arrives */
static void
test_departure (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  DmLeg *to_minsk = find_leg (doc, "choe-tour", 1);

  g_assert_true (shows (set, doc, "choe-moscow", to_minsk->start - 1));
  g_assert_true (shows (set, doc, "choe-lavrov", to_minsk->start - 1));
  g_assert_false (shows (set, doc, "choe-moscow", to_minsk->start));
  g_assert_false (shows (set, doc, "choe-lavrov", to_minsk->start));
  /* the conference in Minsk (she takes part) once she is there */
  g_assert_false (shows (set, doc, "minsk-conference", to_minsk->end - 1));
  g_assert_true (shows (set, doc, "minsk-conference", to_minsk->end));
}

/* By pixels: no visit ring at Tokyo while Trump is still in Kuala Lumpur or in the air */
static guint
count_near (cairo_surface_t *s,
            double           x,
            double           y,
            int              radius,
            guint32          want)
{
  guint n = 0;

  /* the upper half only: the leg from Kuala Lumpur comes from the south-west */
  for (int dy = -radius; dy <= -2; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      n += color_near (pixel_at (s, (int) x + dx, (int) y + dy), want, 40);
  return n;
}

static void
test_ring_pixels (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  DmLeg *to_tokyo = find_leg (doc, "trump-asia", 1);
  const gint64 times[] = { utc ("2025-10-27T03:00:00Z"), utc ("2025-10-27T08:00:00Z"),
                           to_tokyo->end + 60 };
  guint counts[3];
  double x, y;

  dm_figure_set_size (figure, 960, 600);
  dm_figure_set_bounds (figure, 95, 0, 150, 50);
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_map_point (figure, 139.69, 35.69, &x, &y);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      cairo_surface_t *s;

      dm_figure_set_time (figure, times[i]);
      s = render_figure (figure);
      /* Trump's blue, lighter: the visit is confirmed */
      counts[i] = count_near (s, x, y, 12, 0x80b9d9);
      cairo_surface_destroy (s);
    }
  g_assert_cmpuint (counts[0], <, 3);
  g_assert_cmpuint (counts[1], <, 3);
  g_assert_cmpuint (counts[2], >, 12);
}

static const DmWhere *
where_of (GArray     *where,
          const char *name)
{
  for (guint i = 0; i < where->len; i++)
    {
      const DmWhere *w = &g_array_index (where, DmWhere, i);
      if (g_strcmp0 (dm_actor_get_name (w->actor), name) == 0)
        return w;
    }
  g_error ("no actor %s", name);
  return NULL;
}

/* Choe Son Hui's return from Minsk has no time. She attends the Minsk conference on 28-29
 * October: on the 29th at 12:00 UTC she is in Minsk, not flying home; after it, where she is
 * is not known (the leg may be under way), and no marker says otherwise */
static void
test_where_sample (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(GArray) at_noon = dm_route_set_dup_where (set, utc ("2025-10-29T12:00:00Z"));
  g_autoptr(GArray) after = dm_route_set_dup_where (set, utc ("2025-10-30T06:00:00Z"));
  g_autoptr(GArray) before = dm_route_set_dup_where (set, utc ("2025-10-26T06:00:00Z"));
  DmLeg *home = find_leg (doc, "choe-tour", 2);
  const DmWhere *w;

  w = where_of (at_noon, "Choe Son Hui");
  g_assert_cmpint (w->state, ==, DM_WHERE_AT);
  g_assert_cmpstr (dm_place_get_name (w->place), ==, "Minsk");
  g_assert_true (w->event == interop_find_event (doc, "minsk-conference"));
  g_assert_cmpint (w->since->precision, ==, DM_PRECISION_DAY);
  /* the leg home cannot start before the conference ends (29 October, midnight in Minsk) */
  g_assert_cmpint (home->start, >=, utc ("2025-10-29T21:00:00Z"));
  g_assert_true (home->uncertain);
  /* Lavrov is there too, as a participant */
  w = where_of (at_noon, "Sergey Lavrov");
  g_assert_cmpint (w->state, ==, DM_WHERE_AT);
  g_assert_cmpstr (dm_place_get_name (w->place), ==, "Minsk");
  /* Trump has landed in Gyeongju for his visit */
  w = where_of (at_noon, "Donald Trump");
  g_assert_cmpint (w->state, ==, DM_WHERE_AT);
  g_assert_cmpstr (dm_place_get_name (w->place), ==, "Gyeongju");

  w = where_of (after, "Choe Son Hui");
  g_assert_cmpint (w->state, ==, DM_WHERE_UNKNOWN);
  g_assert_cmpstr (dm_place_get_name (w->from), ==, "Minsk");
  g_assert_cmpstr (dm_place_get_name (w->to), ==, "Pyongyang");

  /* under way to Moscow on the 26th: only the day is known */
  w = where_of (before, "Choe Son Hui");
  g_assert_cmpint (w->state, ==, DM_WHERE_TRAVELLING);
  g_assert_cmpstr (dm_place_get_name (w->to), ==, "Moscow");
  g_assert_null (w->until);
}

/* By pixels: with Choe in Minsk and Trump in Gyeongju, nothing moves between 06:00 and 12:00
 * UTC on the 29th; a marker flying Choe home at noon would differ */
static void
test_where_pixels (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  cairo_surface_t *morning, *noon, *later;
  guint differ = 0;

  dm_figure_set_size (figure, 640, 360);
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_set_show_caption (figure, FALSE);
  dm_figure_set_time (figure, utc ("2025-10-29T06:00:00Z"));
  morning = render_figure (figure);
  dm_figure_set_time (figure, utc ("2025-10-29T12:00:00Z"));
  noon = render_figure (figure);
  assert_same_pixels (morning, noon);
  /* and the figure does change when something moves: Trump flies to Busan on the 30th */
  dm_figure_set_time (figure, find_leg (doc, "trump-asia", 3)->start + 600);
  later = render_figure (figure);
  for (int y = 0; y < 360; y++)
    for (int x = 0; x < 640; x++)
      differ += pixel_at (later, x, y) != pixel_at (noon, x, y);
  g_assert_cmpuint (differ, >, 20);
  cairo_surface_destroy (morning);
  cairo_surface_destroy (noon);
  cairo_surface_destroy (later);
}

/* Pixels of @want's colour within 3 px of where a leg of @event is at fraction @f */
static guint
marker_pixels (DmFigure        *figure,
               cairo_surface_t *s,
               DmDocument      *doc,
               const char      *event,
               double           f,
               guint32          want)
{
  DmLeg *leg = find_leg (doc, event, 0);
  DmLonLat a = { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) };
  DmLonLat b = { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) };
  DmLonLat p = dm_great_circle_interpolate (a, b, f);
  double x, y;
  guint n = 0;

  dm_figure_map_point (figure, p.lon, p.lat, &x, &y);
  for (int dy = -3; dy <= 3; dy++)
    for (int dx = -3; dx <= 3; dx++)
      if (dx * dx + dy * dy <= 9)
        n += color_near (pixel_at (s, (int) round (x) + dx, (int) round (y) + dy), want, 40);
  return n;
}

static guint32
hex_of (DmRgba c)
{
  return ((guint32) (c.red * 255 + 0.5) << 16) | ((guint32) (c.green * 255 + 0.5) << 8) |
         (guint32) (c.blue * 255 + 0.5);
}

/* A cancelled trip did not happen: no marker flies it (a confirmed one, at the same time, has
 * its marker) */
static void
test_cancelled_no_marker (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cancelled.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  DmActor *bo = dm_event_get_actor (interop_find_event (doc, "on"));
  cairo_surface_t *s;
  guint cancelled, confirmed;

  dm_figure_set_size (figure, 800, 450);
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_set_show_caption (figure, FALSE);
  dm_figure_set_time (figure, utc ("2025-11-01T09:00:00Z"));
  s = render_figure (figure);
  cancelled = marker_pixels (figure, s, doc, "off", 0.25, DM_ROUTE_COLOR_CANCELLED);
  confirmed = marker_pixels (figure, s, doc, "on", 0.25, hex_of (dm_route_set_get_actor_color (set, bo)));
  g_test_message ("cancelled %u, confirmed %u", cancelled, confirmed);
  g_assert_cmpuint (confirmed, >, 18);
  g_assert_cmpuint (cancelled, <, 12);
  cairo_surface_destroy (s);
}

/* A leg of unknown time (Choe's way home) is drawn as not done for its whole possible window:
 * an hour before its latest possible end it is still the faint "to come" line, an hour after it
 * the line is drawn whole */
static void
test_unknown_done_after_latest (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  DmLeg *home = find_leg (doc, "choe-tour", 2);
  DmLonLat a, b;
  int ink[2] = { 0, 0 };

  g_assert_true (home->uncertain);
  a = (DmLonLat) { dm_place_get_longitude (home->from), dm_place_get_latitude (home->from) };
  b = (DmLonLat) { dm_place_get_longitude (home->to), dm_place_get_latitude (home->to) };
  dm_figure_set_size (figure, 1280, 720);
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_set_show_caption (figure, FALSE);
  for (guint k = 0; k < 2; k++)
    {
      cairo_surface_t *s;

      dm_figure_set_time (figure, home->end + (k == 0 ? -3600 : 3600));
      s = render_figure (figure);
      /* Choe's orange along the middle of the leg: red over blue, summed */
      for (double f = 0.3; f <= 0.7; f += 0.005)
        {
          DmLonLat p = dm_great_circle_interpolate (a, b, f);
          double x, y;
          int best = 0;

          dm_figure_map_point (figure, p.lon, p.lat, &x, &y);
          for (int dy = -2; dy <= 2; dy++)
            for (int dx = -2; dx <= 2; dx++)
              {
                guint32 c = pixel_at (s, x + dx, y + dy);
                best = MAX (best, (int) ((c >> 16) & 0xff) - (int) (c & 0xff));
              }
          ink[k] += best;
        }
      cairo_surface_destroy (s);
    }
  g_test_message ("orange along the way home: %d before its latest end, %d after", ink[0], ink[1]);
  g_assert_cmpint (ink[1], >, ink[0] + ink[0] / 4);
}

/* The fitting done the plain way, one walk over every leg for every stay: what the route
 * set's binary searches (dm-route-stays.c) must agree with */
static void
naive_fit (DmRouteSet *set,
           DmEvent    *event,
           guint       place,
           gint64     *from,
           gint64     *until)
{
  const DmTime *start = dm_event_get_start (event), *end = dm_event_get_end (event);
  const DmTime *last = dm_time_is_known (end) ? end : start;
  g_autoptr(GArray) actors = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *parts = dm_event_get_participants (event);
  guint a;

  if (dm_event_get_actor (event) != NULL &&
      g_ptr_array_find (set->actors, dm_event_get_actor (event), &a))
    g_array_append_val (actors, a);
  for (guint i = 0; i < parts->len; i++)
    if (g_ptr_array_find (set->actors, g_ptr_array_index (parts, i), &a))
      g_array_append_val (actors, a);
  g_assert_true (dm_event_get_drawn_span (event, from, until));
  if (dm_time_is_known (start) && start->precision < DM_PRECISION_MINUTE && !start->approximate)
    {
      gint64 latest = G_MININT64;

      for (guint k = 0; k < actors->len; k++)
        {
          gint64 first = G_MAXINT64;

          for (guint i = 0; i < set->legs->len; i++)
            {
              const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);
              if (leg->to_place == place && leg->actor == g_array_index (actors, guint, k) &&
                  start->earliest <= leg->end && leg->end < start->latest)
                first = MIN (first, leg->end);
            }
          if (first != G_MAXINT64)
            latest = MAX (latest, first);
        }
      if (latest != G_MININT64 && latest > *from && latest < *until)
        *from = latest;
    }
  if (dm_time_is_known (last) && last->precision < DM_PRECISION_MINUTE && !last->approximate)
    {
      gint64 first = G_MAXINT64;

      for (guint i = 0; i < set->legs->len; i++)
        {
          const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);
          if (leg->from_place != place || leg->start <= *from ||
              leg->start < last->earliest || leg->start >= last->latest)
            continue;
          for (guint k = 0; k < actors->len; k++)
            if (leg->actor == g_array_index (actors, guint, k))
              first = MIN (first, leg->start);
        }
      if (first != G_MAXINT64 && first < *until)
        *until = first;
    }
}

/* Every stay of @doc is drawn where the plain walk puts it; returns how many moved */
static guint
check_same_as_naive (DmDocument *doc)
{
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  guint moved = 0;

  g_assert_cmpuint (dm_route_set_get_n_legs (set), >, 0);
  for (guint i = 0; i < set->stays->len; i++)
    {
      const DmRouteStay *s = &g_array_index (set->stays, DmRouteStay, i);
      gint64 from, until, span_start, span_end;

      naive_fit (set, s->event, s->place, &from, &until);
      g_assert_cmpint (s->start, ==, from);
      g_assert_cmpint (s->end, ==, until);
      g_assert_true (dm_event_get_drawn_span (s->event, &span_start, &span_end));
      if (from != span_start || until != span_end)
        moved++;
    }
  g_test_message ("%u of %u stays moved to their actors' legs", moved, set->stays->len);
  return moved;
}

/* The sample, the U.S. record (6,370 events, most known to the day) and 3,000 generated
 * events: the binary searches agree with the plain walk, stay by stay */
static void
test_same_as_naive (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-route-stays-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "generated.diplomap", NULL);
  g_autofree char *text = bench_generate (3000);
  g_autofree char *record = dm_ustravel_dup_record_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) sample = interop_load_sample ();
  g_autoptr(DmDocument) generated = dm_document_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (check_same_as_naive (sample), >, 3);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (dm_loader_load_file (generated, file, NULL, &error));
  g_assert_no_error (error);
  check_same_as_naive (generated);
  g_unlink (path);
  g_rmdir (dir);
  if (record != NULL)
    {
      g_autoptr(GFile) record_file = g_file_new_for_path (record);
      g_autoptr(DmDocument) us = dm_document_new ();

      g_assert_true (dm_loader_load_file (us, record_file, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (check_same_as_naive (us), >, 100);
    }
}

/* Each leg's points are its own great circle, interpolated afresh here, even when the set
 * shares them with an earlier leg along the same route, and legs along one route share one
 * range of points, projected once; returns how many legs share a route with an earlier one */
static guint
check_circles (DmDocument *doc)
{
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(GHashTable) routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const DmRouteProjected *p;
  DmView view;
  guint repeated = 0;

  g_assert_cmpuint (dm_route_set_get_n_legs (set), >, 0);
  dm_view_init_world (&view, DM_PROJECTION_EQUAL_EARTH, 800, 400, 0);
  p = dm_route_set_get_projected (set, &view);
  for (guint i = 0; i < set->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);
      DmLonLat a = { dm_place_get_longitude (leg->leg->from), dm_place_get_latitude (leg->leg->from) };
      DmLonLat b = { dm_place_get_longitude (leg->leg->to), dm_place_get_latitude (leg->leg->to) };
      const DmLonLat *pts = &g_array_index (set->points, DmLonLat, leg->first);
      g_autofree DmLonLat *fresh = g_new (DmLonLat, leg->n);
      g_autofree char *key = NULL;
      gpointer first_leg;

      if (leg->leg->path != NULL && leg->leg->path->len >= 4)
        continue;
      for (guint k = 0; k < leg->n; k++)
        fresh[k] = dm_great_circle_interpolate (a, b, (double) k / (leg->n - 1));
      fresh[0] = a;
      fresh[leg->n - 1] = b;
      dm_antimeridian_unwrap (fresh, leg->n);
      g_assert_cmpmem (pts, leg->n * sizeof (DmLonLat), fresh, leg->n * sizeof (DmLonLat));
      key = g_strdup_printf ("%a %a %a %a", a.lon, a.lat, b.lon, b.lat);
      if (g_hash_table_lookup_extended (routes, key, NULL, &first_leg))
        {
          const DmRouteLeg *earlier = &g_array_index (set->legs, DmRouteLeg, GPOINTER_TO_UINT (first_leg));

          g_assert_cmpuint (leg->first, ==, earlier->first);
          g_assert_cmpuint (p->first[i], ==, p->first[GPOINTER_TO_UINT (first_leg)]);
          g_assert_cmpuint (p->n[i], ==, p->n[GPOINTER_TO_UINT (first_leg)]);
          /* the set knows which legs fly a route flown before, and along which leg */
          g_assert_cmpuint (leg->same_as, ==, GPOINTER_TO_UINT (first_leg) + 1);
          g_assert_cmpuint (earlier->same_as, ==, 0);
          repeated++;
        }
      else
        {
          g_assert_cmpuint (leg->same_as, ==, 0);
          g_hash_table_insert (routes, g_steal_pointer (&key), GUINT_TO_POINTER (i));
        }
    }
  {
    guint same = 0;

    for (guint i = 0; i < set->legs->len; i++)
      same += g_array_index (set->legs, DmRouteLeg, i).same_as != 0;
    g_assert_cmpuint (same, ==, repeated);
  }
  g_test_message ("%u of %u legs fly a route flown before", repeated, set->legs->len);
  return repeated;
}

static void
test_circles (void)
{
  g_autofree char *record = dm_ustravel_dup_record_dir ();
  g_autoptr(DmDocument) sample = interop_load_sample ();
  g_autoptr(GError) error = NULL;

  check_circles (sample);
  if (record != NULL)
    {
      g_autoptr(GFile) record_file = g_file_new_for_path (record);
      g_autoptr(DmDocument) us = dm_document_new ();

      g_assert_true (dm_loader_load_file (us, record_file, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (check_circles (us), >, 1000);
    }
}

/* The legs projected with each leg along a route flown before copied from the first (as the
 * set does) are, bit for bit, the legs each projected on its own */
static void
check_projected_copies (DmDocument *doc)
{
  const struct { DmProjection projection; double central; } views[] = {
    { DM_PROJECTION_EQUAL_EARTH, 0 }, { DM_PROJECTION_EQUAL_EARTH, 150 },
    { DM_PROJECTION_EQUAL_EARTH, -100 }, { DM_PROJECTION_MERCATOR, 0 } };
  g_autoptr(DmRouteSet) shared = dm_route_set_new (doc);
  g_autoptr(DmRouteSet) alone = dm_route_set_new (doc);
  guint n, copies = 0;

  dm_route_set_ensure (shared);
  dm_route_set_ensure (alone);
  n = shared->legs->len;
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    copies += g_array_index (shared->legs, DmRouteLeg, i).same_as != 0;
  /* in "alone", every leg gets its own copy of its points and is projected by itself */
  for (guint i = 0; i < n; i++)
    {
      DmRouteLeg *leg = &g_array_index (alone->legs, DmRouteLeg, i);
      guint first = alone->points->len;

      if (leg->same_as == 0)
        continue;
      g_array_set_size (alone->points, first + leg->n);
      memcpy (&g_array_index (alone->points, DmLonLat, first),
              &g_array_index (alone->points, DmLonLat, leg->first), leg->n * sizeof (DmLonLat));
      leg->first = first;
      leg->same_as = 0;
    }
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      DmView view;
      const DmRouteProjected *a, *b;

      dm_view_init_world (&view, views[v].projection, 1920, 1080, 0);
      view.central_lon = views[v].central;
      a = dm_route_set_get_projected (shared, &view);
      b = dm_route_set_get_projected (alone, &view);
      /* each leg's projection is the same, shared or its own (and shared ones take less) */
      if (copies > 0)
        g_assert_cmpuint (a->xy->len, <, b->xy->len);
      else
        g_assert_cmpuint (a->xy->len, ==, b->xy->len);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpuint (a->n[i], ==, b->n[i]);
          g_assert_cmpmem (&g_array_index (a->xy, double, 2 * a->first[i]), 2 * a->n[i] * sizeof (double),
                           &g_array_index (b->xy, double, 2 * b->first[i]), 2 * b->n[i] * sizeof (double));
        }
      g_assert_cmpmem (a->box, 4 * n * sizeof (double), b->box, 4 * n * sizeof (double));
      g_assert_cmpmem (a->length, n * sizeof (double), b->length, n * sizeof (double));
      g_assert_cmpmem (a->cuts->data, a->cuts->len * sizeof (DmRoutePolarCut),
                       b->cuts->data, b->cuts->len * sizeof (DmRoutePolarCut));
      g_assert_cmpmem (a->first_cut, (n + 1) * sizeof (guint), b->first_cut, (n + 1) * sizeof (guint));
    }
  /* and the bounds found from the first leg of each route are those of every leg */
  {
    double x[4], y[4];

    g_assert_true (dm_route_set_get_bounds (shared, &x[0], &x[1], &x[2], &x[3]));
    g_assert_true (dm_route_set_get_bounds (alone, &y[0], &y[1], &y[2], &y[3]));
    g_assert_cmpmem (x, sizeof x, y, sizeof y);
  }
}

static void
test_projected_copies (void)
{
  g_autofree char *record = dm_ustravel_dup_record_dir ();
  g_autoptr(DmDocument) sample = interop_load_sample ();
  g_autoptr(GError) error = NULL;

  check_projected_copies (sample);
  if (record != NULL)
    {
      g_autoptr(GFile) record_file = g_file_new_for_path (record);
      g_autoptr(DmDocument) us = dm_document_new ();

      g_assert_true (dm_loader_load_file (us, record_file, NULL, &error));
      g_assert_no_error (error);
      check_projected_copies (us);
    }
}

typedef struct
{
  DmRouteSet *set;
  char       *expected;
  gint        failures;
} SourcesRace;

static char *
dup_sources_joined (DmRouteSet *set)
{
  g_autoptr(GPtrArray) sources = dm_route_set_dup_sources (set);

  g_ptr_array_add (sources, NULL);
  return g_strjoinv ("|", (char **) sources->pdata);
}

static gpointer
read_sources_thread (gpointer data)
{
  SourcesRace *race = data;

  for (guint k = 0; k < 40; k++)
    {
      g_autofree char *got = dup_sources_joined (race->set);
      if (g_strcmp0 (got, race->expected) != 0)
        g_atomic_int_inc (&race->failures);
    }
  return NULL;
}

/* A clip's workers lay out their frames together, each asking the shared set for the events'
 * sources: read from the document's GListStore, whose reads remember where the last one was,
 * they came out wrong or as a NULL event now and then */
static void
test_sources_from_threads (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmRouteSet) set = NULL;
  SourcesRace race = { 0 };
  GThread *threads[4];

  for (guint n = 0; n < 200; n++)
    {
      g_autoptr(DmDocument) more = interop_load_sample ();
      dm_document_merge (doc, more);
    }
  set = dm_route_set_new (doc);
  dm_route_set_ensure (set);
  race.set = set;
  race.expected = dup_sources_joined (set);
  g_assert_nonnull (strstr (race.expected, "Reuters"));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("sources", read_sources_thread, &race);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (race.failures, ==, 0);
  g_free (race.expected);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/route-stays/arrival", test_arrival);
  g_test_add_func ("/render/route-stays/departure", test_departure);
  g_test_add_func ("/render/route-stays/ring-pixels", test_ring_pixels);
  g_test_add_func ("/render/route-stays/where/sample", test_where_sample);
  g_test_add_func ("/render/route-stays/where/pixels", test_where_pixels);
  g_test_add_func ("/render/route-stays/cancelled-no-marker", test_cancelled_no_marker);
  g_test_add_func ("/render/route-stays/unknown-done-after-latest", test_unknown_done_after_latest);
  g_test_add_func ("/render/route-stays/same-as-naive", test_same_as_naive);
  g_test_add_func ("/render/route-set/circles", test_circles);
  g_test_add_func ("/render/route-set/projected-copies", test_projected_copies);
  g_test_add_func ("/render/route-set/sources-from-threads", test_sources_from_threads);
  return g_test_run ();
}
