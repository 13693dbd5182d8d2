/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "bench-generate.h"
#include "dm-screen-painter.h"
#include "dm-window-private.h"
#include "render-test-util.h"

/* A big document in the window: its route set is built by a worker thread from a snapshot
 * of the events (here from 500 events on, so that 2,000 generated events are big; the
 * default bar is 20,000). The routes appear, drawn as a synchronous build draws them, and
 * edits made while a set is being built show once it is done. */

static cairo_surface_t *
draw (DmScreenPainter *painter,
      const DmView    *view,
      double           time)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  cairo_t *cr = cairo_create (s);

  dm_screen_painter_draw (painter, cr, view, time);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* What the window's routes layer draws now is what a painter building its set on this
 * thread draws, in the same style, for the same view, time and selection */
static void
assert_same_as_synchronous (DmWindow *win)
{
  DmScreenPainter *painter = dm_route_map_layer_get_painter (win->routes_layer);
  g_autoptr(DmScreenPainter) here = dm_screen_painter_new ();
  g_autoptr(DmRouteStyle) style =
    dm_route_style_copy (dm_route_renderer_get_style (dm_screen_painter_get_layer (painter)));
  double t = dm_route_map_layer_get_time (win->routes_layer);
  cairo_surface_t *shown, *expected;
  DmView view;

  dm_route_map_layer_get_view (win->routes_layer, &view);
  dm_screen_painter_set_document (here, win->shown);
  dm_screen_painter_set_synchronous (here, TRUE);
  /* an event undone back is selected: drawn over the routes */
  dm_screen_painter_set_selected (here, dm_route_map_layer_get_selected_event (win->routes_layer));
  dm_route_renderer_set_style (dm_screen_painter_get_layer (here), style);
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, dm_screen_painter_get_n_legs (here));
  shown = draw (painter, &view, t);
  g_assert_true (dm_screen_painter_is_complete (painter, &view, t));
  expected = draw (here, &view, t);
  g_assert_cmpuint (count_alpha_above (expected, 128), >, 100);
  assert_same_pixels (shown, expected);
  cairo_surface_destroy (shown);
  cairo_surface_destroy (expected);
}

static guint
count_legs (DmEvent *event)
{
  GPtrArray *legs = dm_event_get_legs (event);
  guint n = 0;

  for (guint i = 0; legs != NULL && i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      n += leg->from != NULL && leg->to != NULL;
    }
  return n;
}

/* The id of the @nth trip of the shown events with a leg on the map */
static char *
dup_trip_id (DmWindow *win,
             guint     nth,
             guint    *n_legs)
{
  GListModel *events = dm_document_get_events (win->shown);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);

      if (count_legs (event) > 0 && nth-- == 0)
        {
          *n_legs = count_legs (event);
          return g_strdup (dm_event_get_id (event));
        }
    }
  g_assert_not_reached ();
}

static void
test_big_document (void)
{
  DmWindow *win = app_test_open_window ();
  DmScreenPainter *painter = dm_route_map_layer_get_painter (win->routes_layer);
  g_autofree char *dir = g_dir_make_tmp ("test-window-routes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.diplomap", NULL);
  g_autofree char *text = bench_generate (2000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GVariant) trail = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  guint n_legs, n_first, n_second;
  double span;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  dm_screen_painter_set_async_events (painter, 500);
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 60000));
  g_assert_false (dm_screen_painter_is_building_set (painter));
  n_legs = dm_screen_painter_get_n_legs (painter);
  g_assert_cmpuint (n_legs, >, 500);
  /* the trail waited for the legs to be counted: the one their density asks for */
  kept = g_settings_get_string (win->settings, "trail");
  g_assert_cmpstr (kept, ==, "");
  span = dm_playback_get_end (win->playback) - dm_playback_get_start (win->playback);
  trail = g_action_group_get_action_state (G_ACTION_GROUP (win), "trail");
  g_assert_cmpstr (g_variant_get_string (trail, NULL), ==, dm_window_pick_trail (n_legs, span));
  g_assert_cmpstr (g_variant_get_string (trail, NULL), !=, "all");
  assert_same_as_synchronous (win);
  shot = app_test_render (GTK_WIDGET (win));
  app_test_save (shot, "window-routes-big.png");

  /* Two trips deleted, the second while the routes of the first deletion are being built:
   * neither is lost */
  first = dup_trip_id (win, 0, &n_first);
  second = dup_trip_id (win, 1, &n_second);
  g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event", g_variant_new_string (first));
  g_assert_true (dm_screen_painter_is_building_set (painter));
  g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event", g_variant_new_string (second));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 60000));
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, n_legs - n_first - n_second);
  assert_same_as_synchronous (win);

  /* Undone while its set is built, then redone: the last state shows */
  g_action_group_activate_action (G_ACTION_GROUP (win), "undo", NULL);
  g_assert_true (dm_screen_painter_is_building_set (painter));
  g_action_group_activate_action (G_ACTION_GROUP (win), "undo", NULL);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 60000));
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, n_legs);
  assert_same_as_synchronous (win);

  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/app/window-routes/big-document", test_big_document);
  return g_test_run ();
}
