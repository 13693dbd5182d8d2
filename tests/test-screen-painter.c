/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "render-test-util.h"
#include "dm-screen-painter.h"

/* The screen's routes painter: a moving view reuses the last picture, moved to where the
 * new view puts it (compared with a full redraw). Cairo only: no display needed. */

static cairo_surface_t *
draw (DmScreenPainter *painter,
      const DmView    *view,
      double           time,
      gboolean         moving,
      gboolean        *reused)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  cairo_t *cr = cairo_create (s);

  if (moving)
    *reused = dm_screen_painter_draw_moving_view (painter, cr, view, time);
  else
    dm_screen_painter_draw (painter, cr, view, time);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* ARGB, premultiplied, at the pixel containing (x, y) */
static guint32
pixel (cairo_surface_t *s,
       double           x,
       double           y)
{
  guchar *p = cairo_image_surface_get_data (s);

  return *(guint32 *) (p + (int) y * cairo_image_surface_get_stride (s) + 4 * (int) x);
}

static gboolean
near (guint32 a,
      guint32 b)
{
  for (int shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 40)
      return FALSE;
  return TRUE;
}

static void
test_moving_view (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmScreenPainter) painter = dm_screen_painter_new ();
  DmView a, b;
  gint64 start, end;
  double t;
  gboolean reused = FALSE;
  cairo_surface_t *sa, *moved, *full;

  dm_screen_painter_set_document (painter, doc);
  dm_screen_painter_set_synchronous (painter, TRUE);
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  t = start + (end - start) * 0.6;
  dm_view_init_screen (&a, 45, 90, 3, 256, 800, 600, 1);
  /* The same zoom, 40 pixels further east */
  dm_view_init_screen (&b, 45, 90 + 40 * 360.0 / (256 * 8), 3, 256, 800, 600, 1);

  /* Fast rebuilds: a moving view is drawn for real */
  dm_screen_painter_set_slow_rebuild (painter, G_MAXINT64);
  sa = draw (painter, &a, t, FALSE, NULL);
  g_assert_cmpuint (count_alpha_above (sa, 128), >, 500);
  moved = draw (painter, &b, t, TRUE, &reused);
  g_assert_false (reused);
  cairo_surface_destroy (moved);

  /* Slow ones: the last picture moves: it matches a full redraw but for the strip that
   * came into view and the labels placed anew */
  dm_screen_painter_set_slow_rebuild (painter, 0);
  cairo_surface_destroy (draw (painter, &a, t, FALSE, NULL));
  moved = draw (painter, &b, t, TRUE, &reused);
  g_assert_true (reused);
  full = draw (painter, &b, t, FALSE, NULL);
  /* Place dots are where a full redraw puts them (captions may be placed anew) */
  {
    GListModel *places = dm_document_get_places (doc);
    guint checked = 0, moved_ok = 0, unmoved_ok = 0;

    for (guint i = 0; i < g_list_model_get_n_items (places); i++)
      {
        g_autoptr(DmPlace) place = g_list_model_get_item (places, i);
        double px, py;
        guint32 pf, pm, pu;

        dm_view_project (&b, dm_place_get_longitude (place), dm_place_get_latitude (place), &px, &py);
        if (px < 10 || py < 10 || px > 750 || py > 590)
          continue;
        pf = pixel (full, px, py);
        if ((pf >> 24) < 200)
          continue;  /* covered by something moving, or no dot there */
        checked++;
        pm = pixel (moved, px, py);
        pu = pixel (sa, px, py);
        moved_ok += near (pm, pf);
        unmoved_ok += near (pu, pf);
      }
    g_test_message ("place dots: %u checked, %u where the full redraw has them, %u unmoved",
                    checked, moved_ok, unmoved_ok);
    g_assert_cmpuint (checked, >=, 4);
    g_assert_cmpuint (moved_ok, ==, checked);
    g_assert_cmpuint (unmoved_ok, <, checked);
  }

  /* The same view again: nothing to move, drawn for real */
  cairo_surface_destroy (draw (painter, &b, t, TRUE, &reused));
  g_assert_false (reused);

  cairo_surface_destroy (sa);
  cairo_surface_destroy (moved);
  cairo_surface_destroy (full);
}

static gboolean
ready_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_REMOVE;
}

/* Slow rebuilds go to worker threads: frames meanwhile show a stand-in; a view change
 * drops the build for the old view; what lands is what the synchronous painter draws */
static void
test_worker_threads (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmScreenPainter) painter = dm_screen_painter_new ();
  g_autoptr(DmScreenPainter) here = dm_screen_painter_new ();
  DmRouteRenderer *layer;
  guint n_ready = 0;
  DmView a, b;
  gint64 start, end;
  double t;
  cairo_surface_t *s, *full, *expected;

  dm_screen_painter_set_document (painter, doc);
  dm_screen_painter_set_ready_func (painter, ready_cb, &n_ready);
  /* Every rebuild counts as slow, even the sample's */
  dm_screen_painter_set_slow_rebuild (painter, 0);
  dm_screen_painter_set_document (here, doc);
  dm_screen_painter_set_synchronous (here, TRUE);
  layer = dm_screen_painter_get_layer (painter);
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  t = start + (end - start) * 0.6;
  dm_view_init_screen (&a, 45, 90, 3, 256, 800, 600, 1);
  dm_view_init_screen (&b, 40, 60, 4, 256, 800, 600, 1);

  /* A first frame: no picture yet, so only what moves; the caches are being drawn */
  s = draw (painter, &a, t, FALSE, NULL);
  g_assert_false (dm_screen_painter_is_complete (painter, &a, t));
  cairo_surface_destroy (s);
  /* The view changes before they are done: that build is dropped, one for b starts */
  s = draw (painter, &b, t, FALSE, NULL);
  g_assert_false (dm_screen_painter_is_complete (painter, &b, t));
  cairo_surface_destroy (s);
  wait_for (&n_ready, 1);
  /* Only b's caches ever landed */
  g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, 1);
  g_assert_true (dm_route_renderer_has_caches (layer, &b, (gint64) t));
  g_assert_false (dm_route_renderer_has_caches (layer, &a, (gint64) t));

  full = draw (painter, &b, t, FALSE, NULL);
  g_assert_true (dm_screen_painter_is_complete (painter, &b, t));
  expected = draw (here, &b, t, FALSE, NULL);
  g_assert_cmpuint (count_alpha_above (expected, 128), >, 200);
  /* the same picture as the synchronous painter's */
  assert_same_pixels (full, expected);
  cairo_surface_destroy (full);
  cairo_surface_destroy (expected);

  /* Back to a: the picture of b, moved, stands in until a's caches come */
  s = draw (painter, &a, t, FALSE, NULL);
  g_assert_false (dm_screen_painter_is_complete (painter, &a, t));
  g_assert_cmpuint (count_alpha_above (s, 128), >, 200);
  cairo_surface_destroy (s);
  /* Dropped with a build under way: the build's end touches nothing. The build holds the
   * layer until its callback has run on this thread: once the layer is gone, any late
   * callback would have been seen. */
  g_object_add_weak_pointer (G_OBJECT (layer), (gpointer *) &layer);
  g_clear_pointer (&painter, dm_screen_painter_free);
  g_test_message ("the layer outlived the painter for %u main loop iterations",
                  wait_for_finalize ((gpointer *) &layer));
  g_assert_cmpuint (n_ready, ==, 1);
}

/* A set never drawn is built by worker threads; once the cost per leg is known, a new set
 * (a filter changed) that will be quick to draw is drawn in place, with no stand-in */
static void
test_cost_estimate (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmScreenPainter) painter = dm_screen_painter_new ();
  g_autoptr(DmEvent) visit = dm_event_new (DM_EVENT_KIND_VISIT, "one-more");
  g_autoptr(DmPlace) place = dm_place_new (NULL, "Oslo", "NO", 59.9, 10.75, "Europe/Oslo");
  guint n_ready = 0;
  gint64 start, end;
  DmView view;
  double t;

  dm_screen_painter_set_document (painter, doc);
  dm_screen_painter_set_ready_func (painter, ready_cb, &n_ready);
  /* Any rebuild counts as quick, but the first one's cost is not known */
  dm_screen_painter_set_slow_rebuild (painter, G_MAXINT64);
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  t = start + (end - start) * 0.5;
  dm_view_init_screen (&view, 45, 90, 3, 256, 800, 600, 1);
  cairo_surface_destroy (draw (painter, &view, t, FALSE, NULL));
  g_assert_false (dm_screen_painter_is_complete (painter, &view, t));
  wait_for (&n_ready, 1);
  cairo_surface_destroy (draw (painter, &view, t, FALSE, NULL));
  g_assert_true (dm_screen_painter_is_complete (painter, &view, t));

  /* The events change: a set with another serial, drawn at once */
  dm_event_set_place (visit, place);
  dm_event_set_start (visit, &(DmTime) { start, start, 0, DM_PRECISION_DAY, FALSE, TRUE });
  dm_document_add_event (doc, visit);
  cairo_surface_destroy (draw (painter, &view, t, FALSE, NULL));
  g_assert_true (dm_screen_painter_is_complete (painter, &view, t));
  g_assert_cmpuint (n_ready, ==, 1);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @painter's route set is built (30 s at most) */
static void
wait_for_set (DmScreenPainter *painter)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, wake_cb, NULL);

  while (dm_screen_painter_is_building_set (painter) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_false (dm_screen_painter_is_building_set (painter));
}

/* Draws until a frame shows every route (the caches may come from worker threads) */
static cairo_surface_t *
draw_complete (DmScreenPainter *painter,
               const DmView    *view,
               double           t)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, wake_cb, NULL);
  cairo_surface_t *s = draw (painter, view, t, FALSE, NULL);

  while (!dm_screen_painter_is_complete (painter, view, t) && g_get_monotonic_time () < deadline)
    {
      cairo_surface_destroy (s);
      g_main_context_iteration (NULL, TRUE);
      s = draw (painter, view, t, FALSE, NULL);
    }
  g_source_remove (wake);
  g_assert_true (dm_screen_painter_is_complete (painter, view, t));
  return s;
}

static guint
count_differing (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += !near (pixel (a, x, y), pixel (b, x, y));
  return n;
}

/* Big documents (here, any: the bar is lowered) have their route set built by a worker
 * thread from a snapshot of the events: frames meanwhile show no routes, or the old ones,
 * never a wrong picture; what comes is what the synchronous painter draws; events changed
 * while a set is built are not lost (the older build is dropped) */
static void
test_set_in_thread (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmDocument) shown = dm_document_new_filtered (doc, dm_document_get_events (doc));
  g_autoptr(DmScreenPainter) painter = dm_screen_painter_new ();
  g_autoptr(DmScreenPainter) here = dm_screen_painter_new ();
  g_autoptr(GListStore) half = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(GListStore) others = g_list_store_new (DM_TYPE_EVENT);
  GListModel *events = dm_document_get_events (doc);
  DmActor *gone = NULL;
  guint n_sets = 0, n_legs;
  gint64 start, end;
  DmView view;
  double t;
  cairo_surface_t *s, *full, *expected, *after;

  dm_screen_painter_set_async_events (painter, 1);
  dm_screen_painter_set_set_func (painter, ready_cb, &n_sets);
  dm_screen_painter_set_document (here, shown);
  dm_screen_painter_set_synchronous (here, TRUE);
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  t = start + (end - start) * 0.6;
  dm_view_init_screen (&view, 45, 90, 3, 256, 800, 600, 1);

  dm_screen_painter_set_document (painter, shown);
  g_assert_true (dm_screen_painter_is_building_set (painter));
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, 0);
  s = draw (painter, &view, t, FALSE, NULL);
  g_assert_false (dm_screen_painter_is_complete (painter, &view, t));
  g_assert_cmpuint (count_alpha_above (s, 1), ==, 0);
  cairo_surface_destroy (s);
  wait_for_set (painter);
  g_assert_cmpuint (n_sets, >=, 2);
  n_legs = dm_screen_painter_get_n_legs (here);
  g_assert_cmpuint (n_legs, >=, 8);
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, n_legs);
  full = draw_complete (painter, &view, t);
  expected = draw (here, &view, t, FALSE, NULL);
  g_assert_cmpuint (count_alpha_above (expected, 128), >, 200);
  assert_same_pixels (full, expected);
  cairo_surface_destroy (expected);

  /* Two changes, the second before the first one's set came: meanwhile the old routes */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);

      if (i % 2 == 0)
        g_list_store_append (half, event);
      if (gone == NULL && dm_event_get_kind (event) == DM_EVENT_KIND_TRIP)
        gone = dm_event_get_actor (event);
      if (dm_event_get_actor (event) != gone)
        g_list_store_append (others, event);
    }
  g_assert_nonnull (gone);
  dm_document_show_events (shown, doc, G_LIST_MODEL (half));
  g_assert_true (dm_screen_painter_is_building_set (painter));
  s = draw (painter, &view, t, FALSE, NULL);
  g_assert_false (dm_screen_painter_is_complete (painter, &view, t));
  assert_same_pixels (s, full);
  cairo_surface_destroy (s);
  dm_document_show_events (shown, doc, G_LIST_MODEL (others));
  wait_for_set (painter);
  after = draw_complete (painter, &view, t);
  expected = draw (here, &view, t, FALSE, NULL);
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, dm_screen_painter_get_n_legs (here));
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), <, n_legs);
  assert_same_pixels (after, expected);
  /* the traveller's legs are gone from the picture */
  g_assert_cmpuint (count_differing (after, full), >, 100);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (after);
  cairo_surface_destroy (full);

  /* Below the bar again: the set follows the document on this thread, as before */
  dm_screen_painter_set_async_events (painter, G_MAXUINT);
  g_assert_false (dm_screen_painter_is_building_set (painter));
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, dm_screen_painter_get_n_legs (here));
}

/* A synchronous painter of @doc whose routes have a time window of @window seconds */
static DmScreenPainter *
new_window_painter (DmDocument *doc,
                    gint64      window)
{
  DmScreenPainter *painter = dm_screen_painter_new ();
  DmRouteRenderer *renderer;
  g_autoptr(DmRouteStyle) style = NULL;

  dm_screen_painter_set_synchronous (painter, TRUE);
  dm_screen_painter_set_track_damage (painter, TRUE);
  dm_screen_painter_set_document (painter, doc);
  renderer = dm_screen_painter_get_layer (painter);
  g_assert_nonnull (renderer);
  style = dm_route_style_copy (dm_route_renderer_get_style (renderer));
  style->window = window;
  style->future = DM_ROUTE_FUTURE_HIDDEN;
  dm_route_renderer_set_style (renderer, style);
  return painter;
}

/* The still picture of a fresh painter at @t */
static cairo_surface_t *
still_afresh (DmDocument   *doc,
              gint64        window,
              const DmView *view,
              double        t)
{
  g_autoptr(DmScreenPainter) painter = new_window_painter (doc, window);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  cairo_t *cr = cairo_create (s);

  g_assert_true (dm_screen_painter_prepare (painter, view, t, NULL));
  dm_screen_painter_draw_still (painter, cr, view);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* Whether @a and @b hold the same pixels, every bit */
static gboolean
same_bits (cairo_surface_t *a,
           cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a), stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) h * stride) == 0;
}

/* With a time window the legs fade as time runs, and their cache is drawn anew at each
 * frame: the still picture's stamp changes only when its pixels do, and then only where they
 * did (the region given); drawn again only there, frame after frame, it is the picture of a
 * fresh painter, pixel for pixel */
static void
test_window_still_region (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  gint64 start, end, window;
  g_autoptr(DmScreenPainter) painter = NULL;
  cairo_surface_t *screen;
  guint stamp, n_kept = 0, n_partial = 0;
  DmView view;
  double t;
  cairo_t *cr;

  g_assert_true (dm_document_get_extent (doc, &start, &end));
  window = (end - start) / 3;
  painter = new_window_painter (doc, window);
  dm_view_init_screen (&view, 30, 20, 2, 256, 900, 600, 1);
  screen = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
  t = start + (end - start) * 0.5;
  g_assert_true (dm_screen_painter_prepare (painter, &view, t, &stamp));
  cr = cairo_create (screen);
  dm_screen_painter_draw_still (painter, cr, &view);
  cairo_destroy (cr);

  for (guint frame = 0; frame < 24; frame++)
    {
      const cairo_region_t *region;
      cairo_surface_t *fresh;
      guint now;

      /* a small step, and now and then a big one */
      t += frame % 8 == 7 ? (end - start) / 50.0 : (end - start) / 20000.0;
      g_assert_true (dm_screen_painter_prepare (painter, &view, t, &now));
      if (now == stamp)
        n_kept++;
      else
        {
          g_assert_cmpuint (now, ==, stamp + 1);
          /* NULL: anywhere (other places in the window) */
          region = dm_screen_painter_get_still_region (painter);
          n_partial += region != NULL;
          cr = cairo_create (screen);
          for (int i = 0; region != NULL && i < cairo_region_num_rectangles (region); i++)
            {
              cairo_rectangle_int_t r;

              cairo_region_get_rectangle (region, i, &r);
              cairo_rectangle (cr, r.x, r.y, r.width, r.height);
            }
          if (region != NULL)
            cairo_clip (cr);
          cairo_save (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_paint (cr);
          cairo_restore (cr);
          dm_screen_painter_draw_still (painter, cr, &view);
          cairo_destroy (cr);
          stamp = now;
        }
      cairo_surface_flush (screen);
      fresh = still_afresh (doc, window, &view, t);
      g_assert_true (same_bits (screen, fresh));
      cairo_surface_destroy (fresh);
    }
  g_assert_cmpuint (count_alpha_above (screen, 64), >, 100);
  g_assert_cmpuint (n_kept, >, 0);
  g_assert_cmpuint (n_partial, >, 0);
  cairo_surface_destroy (screen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/routes-painter/moving-view", test_moving_view);
  g_test_add_func ("/app/routes-painter/worker-threads", test_worker_threads);
  g_test_add_func ("/app/routes-painter/cost-estimate", test_cost_estimate);
  g_test_add_func ("/app/routes-painter/set-in-thread", test_set_in_thread);
  g_test_add_func ("/app/routes-painter/window-still-region", test_window_still_region);
  return g_test_run ();
}
