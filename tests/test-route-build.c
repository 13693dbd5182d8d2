/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "render-test-util.h"
#include "dm-route-renderer-private.h"

/* The routes' caches drawn by worker threads (dm_route_renderer_build_async): the same pixels as
 * drawn on the calling thread, a cancelled or stale build never reaches the caches (nor lays
 * out names), and a layer dropped while its workers draw goes away cleanly. Also the places'
 * work the builds share with straight drawing. Cairo and GIO only. */

/* A trip of @n_legs between random cities: more legs than a worker draws between two looks
 * at its cancellable */
static DmEvent *
make_trip (GRand *rand,
           guint  n_legs)
{
  static guint serial;
  g_autofree char *id = g_strdup_printf ("trip-%u", serial++);
  DmEvent *trip = dm_event_new (DM_EVENT_KIND_TRIP, id);
  gint64 when = 1735689600 + g_rand_int_range (rand, 0, 60 * 86400);
  g_autoptr(DmPlace) at = dm_place_new (NULL, "Start", "XX", 10, 20, "UTC");

  for (guint l = 0; l < n_legs; l++)
    {
      g_autofree char *name = g_strdup_printf ("City %u", l);
      g_autoptr(DmPlace) to = dm_place_new (NULL, name, "XX", g_rand_double_range (rand, -50, 65),
                                            g_rand_double_range (rand, -180, 180), "UTC");
      g_autoptr(DmLeg) leg = dm_leg_new (at, to);
      gint64 arrive = when + g_rand_int_range (rand, 2 * 3600, 14 * 3600);

      leg->depart = (DmTime) { when, when, 0, DM_PRECISION_MINUTE, FALSE, TRUE };
      leg->arrive = (DmTime) { arrive, arrive, 0, DM_PRECISION_MINUTE, FALSE, TRUE };
      leg->uncertain = l % 7 == 0;
      leg->inferred = l % 3 == 0;
      dm_event_add_leg (trip, leg);
      when = arrive + 3600;
      g_set_object (&at, to);
    }
  dm_event_set_status (trip, DM_STATUS_COMPLETED);
  return trip;
}

static DmDocument *
make_many_legs (void)
{
  DmDocument *doc = dm_document_new ();
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(DmEvent) trip = make_trip (rand, 20);
      dm_document_add_event (doc, trip);
    }
  g_rand_free (rand);
  return doc;
}

typedef struct
{
  guint    n_done;
  gboolean ok;
  GError  *error;
} Done;

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Done *done = user_data;

  done->ok = dm_route_renderer_build_finish (DM_ROUTE_RENDERER (source), result, &done->error);
  done->n_done++;
}

/* The legs and places surfaces of @layer drawn on this thread for @view at @t: copies */
static void
draw_here (DmRouteSet       *set,
           const DmView     *view,
           gint64            t,
           cairo_surface_t **legs,
           cairo_surface_t **places)
{
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  cairo_surface_t *s;

  s = dm_route_renderer_get_legs_surface (layer, view, t, NULL);
  *legs = cairo_surface_reference (s);
  s = dm_route_renderer_get_places_surface (layer, view, NULL);
  *places = cairo_surface_reference (s);
}

static void
check_same_pixels (DmDocument *doc,
                   guint       n_workers)
{
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  cairo_surface_t *legs, *places, *here_legs, *here_places;
  Done done = { 0 };
  gint64 start, end, t;
  DmView view;

  g_assert_true (dm_document_get_extent (doc, &start, &end));
  t = start + (end - start) * 6 / 10;
  dm_view_init (&view, DM_PROJECTION_MERCATOR, (DmLonLat) { 60, 30 }, 180, 900, 600);
  draw_here (set, &view, t, &here_legs, &here_places);
  g_assert_cmpuint (count_alpha_above (here_legs, 64), >, 500);
  g_assert_cmpuint (count_alpha_above (here_places, 64), >, 50);

  dm_route_renderer_set_n_workers (layer, n_workers);
  g_assert_false (dm_route_renderer_has_caches (layer, &view, t));
  dm_route_renderer_build_async (layer, &view, t, NULL, build_done_cb, &done);
  wait_for (&done.n_done, 1);
  g_assert_no_error (done.error);
  g_assert_true (done.ok);
  g_assert_true (dm_route_renderer_has_caches (layer, &view, t));
  g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, 1);

  /* What the caches hold, not drawn again */
  legs = dm_route_renderer_get_legs_surface (layer, &view, t, NULL);
  places = dm_route_renderer_get_places_surface (layer, &view, NULL);
  g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, 1);
  assert_same_pixels (legs, here_legs);
  assert_same_pixels (places, here_places);
  cairo_surface_destroy (here_legs);
  cairo_surface_destroy (here_places);
}

static void
test_same_pixels_sample (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();

  check_same_pixels (doc, 1);
  check_same_pixels (doc, 2);
}

static void
test_same_pixels_slices (void)
{
  g_autoptr(DmDocument) doc = make_many_legs ();

  /* 400 legs in three slices, each drawn in several runs */
  check_same_pixels (doc, 3);
}

static void
test_stale_build (void)
{
  g_autoptr(DmDocument) doc = make_many_legs ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  g_autoptr(GCancellable) first = g_cancellable_new ();
  cairo_surface_t *here_legs, *here_places;
  Done done_a = { 0 }, done_b = { 0 }, done_c = { 0 };
  gint64 start, end, t;
  DmView a, b;

  g_assert_true (dm_document_get_extent (doc, &start, &end));
  t = end;
  dm_view_init (&a, DM_PROJECTION_MERCATOR, (DmLonLat) { 0, 20 }, 150, 800, 500);
  dm_view_init (&b, DM_PROJECTION_MERCATOR, (DmLonLat) { 90, -10 }, 300, 800, 500);

  /* The view changes while the first build runs: it is cancelled, the second one lands */
  dm_route_renderer_build_async (layer, &a, t, first, build_done_cb, &done_a);
  g_cancellable_cancel (first);
  dm_route_renderer_build_async (layer, &b, t, NULL, build_done_cb, &done_b);
  wait_for (&done_a.n_done, 1);
  wait_for (&done_b.n_done, 1);
  g_assert_false (done_a.ok);
  g_assert_error (done_a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&done_a.error);
  g_assert_true (done_b.ok);
  /* the copy of the routes still serves the next build */
  g_assert_nonnull (layer->frozen);
  g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, 1);
  g_assert_false (dm_route_renderer_has_caches (layer, &a, t));
  g_assert_true (dm_route_renderer_has_caches (layer, &b, t));
  draw_here (set, &b, t, &here_legs, &here_places);
  assert_same_pixels (dm_route_renderer_get_legs_surface (layer, &b, t, NULL), here_legs);
  cairo_surface_destroy (here_legs);
  cairo_surface_destroy (here_places);

  /* The routes change while a build runs: what it drew is stale and never shown */
  dm_route_renderer_build_async (layer, &a, t, NULL, build_done_cb, &done_c);
  {
    GRand *rand = g_rand_new_with_seed (99);
    g_autoptr(DmEvent) trip = make_trip (rand, 5);
    dm_document_add_event (doc, trip);
    g_rand_free (rand);
  }
  wait_for (&done_c.n_done, 1);
  g_assert_false (done_c.ok);
  g_assert_error (done_c.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&done_c.error);
  /* nor does the layer keep its copy of the old routes */
  g_assert_null (layer->frozen);
  g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, 1);
  g_assert_false (dm_route_renderer_has_caches (layer, &a, t));
  g_assert_false (dm_route_renderer_has_caches (layer, &b, t));
}

/* A build cancelled before its workers start (a pan) does no work on the places: it lays out
 * no names; the same build not cancelled lays them out once */
static void
test_cancelled_no_places (void)
{
  g_autoptr(DmDocument) doc = make_many_legs ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Done done = { 0 };
  guint n_layouts;
  DmView view;

  dm_view_init (&view, DM_PROJECTION_MERCATOR, (DmLonLat) { 0, 20 }, 150, 800, 500);
  dm_route_renderer_set_n_workers (layer, 2);
  g_cancellable_cancel (cancellable);
  n_layouts = dm_route_get_n_name_layouts ();
  dm_route_renderer_build_async (layer, &view, G_MAXINT64 / 2, cancellable, build_done_cb, &done);
  wait_for (&done.n_done, 1);
  g_assert_false (done.ok);
  g_assert_error (done.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&done.error);
  g_assert_cmpuint (dm_route_get_n_name_layouts (), ==, n_layouts);
  g_assert_false (dm_route_renderer_has_caches (layer, &view, G_MAXINT64 / 2));

  dm_route_renderer_build_async (layer, &view, G_MAXINT64 / 2, NULL, build_done_cb, &done);
  wait_for (&done.n_done, 2);
  g_assert_no_error (done.error);
  g_assert_true (done.ok);
  g_assert_cmpuint (dm_route_get_n_name_layouts (), ==, n_layouts + 1);
}

static guint
count_label_boxes (const DmLabelPlacer *placer)
{
  guint n = 0;

  for (guint i = 0; i < dm_label_placer_get_n_boxes (placer); i++)
    {
      double x0, y0, x1, y1;
      n += dm_label_placer_get_box (placer, i, &x0, &y0, &x1, &y1);
    }
  return n;
}

/* Cancelled while it places names, the places' drawing stops placing them */
static void
test_cancelled_names (void)
{
  g_autoptr(DmDocument) doc = make_many_legs ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DmLabelPlacer) all = NULL, none = NULL;
  cairo_surface_t *s;
  cairo_t *cr;
  DmView view;

  dm_view_init (&view, DM_PROJECTION_MERCATOR, (DmLonLat) { 0, 20 }, 150, 800, 500);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  cr = cairo_create (s);
  all = dm_label_placer_new (800, 500);
  dm_route_draw_places (set, cr, &view, dm_route_style_get_default (), 0, all, cancellable);
  /* at this world zoom names are thinned to one per 150 x 150 px: 17 */
  g_assert_cmpuint (count_label_boxes (all), ==, dm_route_max_names (&view));
  g_assert_cmpuint (count_label_boxes (all), >, 12);
  g_cancellable_cancel (cancellable);
  none = dm_label_placer_new (800, 500);
  dm_route_draw_places (set, cr, &view, dm_route_style_get_default (), 0, none, cancellable);
  g_assert_cmpuint (count_label_boxes (none), ==, 0);
  /* the dots are drawn all the same */
  g_assert_cmpuint (dm_label_placer_get_n_boxes (none), ==,
                    dm_label_placer_get_n_boxes (all) - count_label_boxes (all));
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* Drawn straight (exports, figures), the routes' labels take each dot's box once */
static void
test_labels_dots_once (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmLabelPlacer) taken = dm_label_placer_new (900, 600);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 600);
  cairo_t *cr = cairo_create (s);
  guint n, n_marks = 0;
  DmView view;

  dm_view_init (&view, DM_PROJECTION_MERCATOR, (DmLonLat) { 60, 30 }, 180, 900, 600);
  dm_route_draw_labels (set, cr, &view, dm_route_style_get_default (), utc ("2025-10-28T12:00:00Z"),
                        taken);
  n = dm_label_placer_get_n_boxes (taken);
  for (guint i = 0; i < n; i++)
    {
      double a[4], b[4];

      if (dm_label_placer_get_box (taken, i, &a[0], &a[1], &a[2], &a[3]))
        continue;
      n_marks++;
      for (guint j = i + 1; j < n; j++)
        {
          dm_label_placer_get_box (taken, j, &b[0], &b[1], &b[2], &b[3]);
          g_assert_false (a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3]);
        }
    }
  /* the sample's places, and the marks of what goes on then */
  g_assert_cmpuint (n_marks, >=, 8);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* The places' surface of @set with @style at @t, drawn afresh: a copy */
static cairo_surface_t *
places_afresh (DmRouteSet   *set,
               DmRouteStyle *style,
               const DmView *view,
               gint64        t)
{
  g_autoptr(DmRouteRenderer) fresh = dm_route_renderer_new (set);

  dm_route_renderer_set_style (fresh, style);
  dm_route_renderer_get_legs_surface (fresh, view, t, NULL);
  return cairo_surface_reference (dm_route_renderer_get_places_surface (fresh, view, NULL));
}

/* With a time window, the places' cache is kept from frame to frame while the same places
 * are in the window (no name laid out again), and drawn again when they change: each time
 * the pixels of a fresh drawing at that time */
static void
test_places_window_kept (void)
{
  g_autoptr(DmDocument) doc = make_many_legs ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  g_autoptr(DmRouteStyle) style = dm_route_style_copy (dm_route_style_get_default ());
  g_autofree gboolean *in0 = NULL;
  cairo_surface_t *places, *fresh;
  gint64 start, end, t, later;
  gboolean changed = TRUE;
  guint layouts;
  DmView view;

  style->window = 3 * 86400;
  dm_route_renderer_set_style (layer, style);
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  t = start + (end - start) / 2;
  dm_view_init (&view, DM_PROJECTION_MERCATOR, (DmLonLat) { 60, 30 }, 180, 900, 600);
  dm_route_renderer_get_legs_surface (layer, &view, t, NULL);
  dm_route_renderer_get_places_surface (layer, &view, &changed);
  g_assert_true (changed);

  /* a minute later: the same places in the window */
  dm_route_set_ensure (set);
  in0 = dm_route_places_in_window (set, style, t);
  {
    g_autofree gboolean *in1 = dm_route_places_in_window (set, style, t + 60);
    g_assert_cmpmem (in0, set->places->len * sizeof (gboolean), in1, set->places->len * sizeof (gboolean));
  }
  layouts = dm_route_get_n_name_layouts ();
  dm_route_renderer_get_legs_surface (layer, &view, t + 60, NULL);
  places = dm_route_renderer_get_places_surface (layer, &view, &changed);
  g_assert_false (changed);
  g_assert_cmpuint (dm_route_get_n_name_layouts (), ==, layouts);
  fresh = places_afresh (set, style, &view, t + 60);
  g_assert_cmpuint (count_alpha_above (fresh, 64), >, 20);
  assert_same_pixels (places, fresh);
  cairo_surface_destroy (fresh);

  /* later, once other places are in the window: drawn again */
  for (later = t + 3600; later < end; later += 3600)
    {
      g_autofree gboolean *in = dm_route_places_in_window (set, style, later);
      if (memcmp (in, in0, set->places->len * sizeof (gboolean)) != 0)
        break;
    }
  g_assert_cmpint (later, <, end);
  dm_route_renderer_get_legs_surface (layer, &view, later, NULL);
  places = dm_route_renderer_get_places_surface (layer, &view, &changed);
  g_assert_true (changed);
  fresh = places_afresh (set, style, &view, later);
  assert_same_pixels (places, fresh);
  cairo_surface_destroy (fresh);
}

/* A figure lays out the places' names once: placed before the map's labels, drawn after */
static void
test_figure_names_once (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  cairo_surface_t *s;
  guint n_layouts;

  dm_figure_set_size (figure, 960, 540);
  dm_figure_set_time (figure, utc ("2025-10-28T12:00:00Z"));
  n_layouts = dm_route_get_n_name_layouts ();
  s = render_figure (figure);
  g_assert_cmpuint (dm_route_get_n_name_layouts (), ==, n_layouts + 1);
  cairo_surface_destroy (s);
}

static void
test_dispose_while_building (void)
{
  DmDocument *doc = make_many_legs ();
  DmRouteSet *set = dm_route_set_new (doc);
  DmRouteRenderer *layer = dm_route_renderer_new (set);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gpointer w_layer = layer, w_set = set, w_doc = doc;
  Done done = { 0 };
  DmView view;

  g_object_add_weak_pointer (G_OBJECT (layer), &w_layer);
  g_object_add_weak_pointer (G_OBJECT (set), &w_set);
  g_object_add_weak_pointer (G_OBJECT (doc), &w_doc);
  dm_view_init (&view, DM_PROJECTION_MERCATOR, (DmLonLat) { 0, 20 }, 150, 800, 500);

  /* Dropped by its owner, then disposed, while the workers draw: they finish on their own
   * copy, nothing reaches the disposed layer, and everything is freed */
  dm_route_renderer_build_async (layer, &view, G_MAXINT64 / 2, cancellable, build_done_cb, &done);
  g_object_unref (layer);
  g_object_unref (set);
  g_object_unref (doc);
  g_object_run_dispose (G_OBJECT (w_layer));
  wait_for (&done.n_done, 1);
  g_assert_false (done.ok);
  g_assert_error (done.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&done.error);
  g_assert_null (w_layer);
  g_assert_null (w_set);
  g_assert_null (w_doc);

  /* Cancelled as it is dropped (what the app's painter does) */
  doc = make_many_legs ();
  set = dm_route_set_new (doc);
  layer = dm_route_renderer_new (set);
  w_layer = layer, w_set = set, w_doc = doc;
  g_object_add_weak_pointer (G_OBJECT (layer), &w_layer);
  g_object_add_weak_pointer (G_OBJECT (set), &w_set);
  g_object_add_weak_pointer (G_OBJECT (doc), &w_doc);
  g_cancellable_reset (cancellable);
  dm_route_renderer_build_async (layer, &view, G_MAXINT64 / 2, cancellable, build_done_cb, &done);
  g_cancellable_cancel (cancellable);
  g_object_unref (layer);
  g_object_unref (set);
  g_object_unref (doc);
  wait_for (&done.n_done, 2);
  g_assert_false (done.ok);
  g_clear_error (&done.error);
  g_assert_null (w_layer);
  g_assert_null (w_set);
  g_assert_null (w_doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/route-layer/build/same-pixels/sample", test_same_pixels_sample);
  g_test_add_func ("/render/route-layer/build/same-pixels/slices", test_same_pixels_slices);
  g_test_add_func ("/render/route-layer/build/stale", test_stale_build);
  g_test_add_func ("/render/route-layer/build/cancelled-no-places", test_cancelled_no_places);
  g_test_add_func ("/render/route-layer/build/cancelled-names", test_cancelled_names);
  g_test_add_func ("/render/route-layer/labels/dots-once", test_labels_dots_once);
  g_test_add_func ("/render/route-layer/places/window-kept", test_places_window_kept);
  g_test_add_func ("/render/route-layer/labels/figure-once", test_figure_names_once);
  g_test_add_func ("/render/route-layer/build/dispose", test_dispose_while_building);
  return g_test_run ();
}
