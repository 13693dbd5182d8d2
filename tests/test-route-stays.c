/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dm-figure.h"
#include "dm-route-private.h"
#include "render-test-util.h"

/* An actor is in one place at a time. The sample's visits are known only to the day (they
 * would start at local midnight) and its legs too (drawn at midday, or estimated): the route
 * set draws each such stay from the moment its actor's leg lands there that day, until the
 * actor's next leg leaves that day. */

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
      counts[i] = count_near (s, x, y, 12, 0x0072b2);  /* Trump's blue */
      cairo_surface_destroy (s);
    }
  g_assert_cmpuint (counts[0], <, 3);
  g_assert_cmpuint (counts[1], <, 3);
  g_assert_cmpuint (counts[2], >, 12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/route-stays/arrival", test_arrival);
  g_test_add_func ("/render/route-stays/departure", test_departure);
  g_test_add_func ("/render/route-stays/ring-pixels", test_ring_pixels);
  return g_test_run ();
}
