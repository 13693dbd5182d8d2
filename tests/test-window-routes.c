/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "bench-generate.h"
#include "dm-event-list-private.h"
#include "dm-screen-painter.h"
#include "dm-timeline-private.h"
#include "dm-window-private.h"
#include "render-test-util.h"

/* A big document in the window: its route set is built by a worker thread from a snapshot
 * of the events (here from 500 events on, so that 2,000 generated events are big; the
 * default bar is 20,000). The routes appear, drawn as a synchronous build draws them, and
 * edits made while a set is being built show once it is done. A file read is taken in by
 * the views in steps (dm-window.c, load_step_cb): the list and its choices end as the
 * list made at once from the same document, and an edit between two steps is kept. A big
 * document opened into an empty window (from 2,000 events) has its route set built from
 * the merged events, before those steps, and not again when the shown document takes the
 * same events. */

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

/* The strings of a drop-down's choices */
static char *
dup_choices (GtkDropDown *drop)
{
  GListModel *model = dm_event_list_get_drop_choices (drop);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (text, "%s\n", gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  return g_string_free (text, FALSE);
}

/* The window's list, taken in by steps, holds what a list given the document at once holds,
 * in the same order, with the same choices; the shown document holds every event */
static void
assert_list_as_at_once (DmWindow *win)
{
  DmEventList *list = DM_EVENT_LIST (win->event_list);
  g_autoptr(DmEventList) here = g_object_ref_sink (DM_EVENT_LIST (dm_event_list_new ()));
  GListModel *mine, *theirs;
  GtkDropDown *drops[4];
  GtkDropDown *their_drops[4];

  dm_event_list_set_document (here, win->document);
  mine = dm_event_list_get_model (list);
  theirs = dm_event_list_get_model (here);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==,
                    g_list_model_get_n_items (dm_document_get_events (win->document)));
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, g_list_model_get_n_items (theirs));
  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(DmEvent) a = g_list_model_get_item (mine, i);
      g_autoptr(DmEvent) b = g_list_model_get_item (theirs, i);

      g_assert_true (a == b);
    }
  drops[0] = list->actor_filter, their_drops[0] = here->actor_filter;
  drops[1] = list->year_filter, their_drops[1] = here->year_filter;
  drops[2] = list->country_filter, their_drops[2] = here->country_filter;
  drops[3] = list->role_filter, their_drops[3] = here->role_filter;
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    {
      g_autofree char *a = dup_choices (drops[i]);
      g_autofree char *b = dup_choices (their_drops[i]);

      if (i < 2)  /* the actors and the years */
        g_assert_cmpuint (strlen (a), >, 100);
      g_assert_cmpstr (a, ==, b);
    }
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->shown)), ==,
                    g_list_model_get_n_items (dm_document_get_events (win->document)));
}

/* The shown document is what it was when it took the events one by one (before issue 15's
 * sharing of the document's array): the events the list shows (all of them, in the
 * document's order, when nothing is filtered), the document's title, actors and places,
 * its extent and colours */
static void
assert_shown_as_before (DmWindow *win)
{
  GListModel *source = dm_event_list_is_filtered (DM_EVENT_LIST (win->event_list))
    ? dm_event_list_get_model (DM_EVENT_LIST (win->event_list))
    : dm_document_get_events (win->document);
  g_autoptr(GListStore) copy = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(DmDocument) expected = NULL;
  GListModel *shown = dm_document_get_events (win->shown);
  GListModel *actors = dm_document_get_actors (win->document);
  gint64 s[2] = { 0, 0 }, e[2] = { 0, 0 };

  for (guint i = 0; i < g_list_model_get_n_items (source); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (source, i);

      g_list_store_append (copy, event);
    }
  expected = dm_document_new_filtered (win->document, G_LIST_MODEL (copy));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (source));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DmEvent) a = g_list_model_get_item (shown, i);
      g_autoptr(DmEvent) b = g_list_model_get_item (G_LIST_MODEL (copy), i);

      g_assert_true (a == b);
    }
  g_assert_cmpstr (dm_document_get_title (win->shown), ==, dm_document_get_title (expected));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (win->shown)), ==,
                    g_list_model_get_n_items (actors));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_places (win->shown)), ==,
                    g_list_model_get_n_items (dm_document_get_places (win->document)));
  g_assert_true (dm_document_get_extent (win->shown, &s[0], &e[0]));
  g_assert_true (dm_document_get_extent (expected, &s[1], &e[1]));
  g_assert_cmpint (s[0], ==, s[1]);
  g_assert_cmpint (e[0], ==, e[1]);
  g_assert_cmpuint (dm_document_get_n_legs (win->shown), ==, dm_document_get_n_legs (expected));
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (actors, i);

      g_assert_true (dm_document_lookup_actor (win->shown, dm_actor_get_id (actor)) == actor);
      g_assert_cmpint (dm_document_get_actor_color_index (win->shown, actor), ==,
                       dm_document_get_actor_color_index (expected, actor));
    }
}

typedef struct
{
  DmWindow *win;
  gboolean  scheduled;
  guint     n_loading;  /* when the event was deleted */
  guint     n_listed;
  guint     n_events;
  GSourceFunc between;  /* what runs between: NULL, delete_between_cb */
} Between;

/* Runs before the load's next step (an idle of a lower priority): deletes the first event */
static gboolean
delete_between_cb (gpointer user_data)
{
  Between *b = user_data;
  g_autoptr(DmEvent) event = g_list_model_get_item (dm_document_get_events (b->win->document), 0);

  b->n_loading = dm_window_get_n_loading (b->win);
  b->n_listed = g_list_model_get_n_items (dm_event_list_get_model (DM_EVENT_LIST (b->win->event_list)));
  b->n_events = g_list_model_get_n_items (dm_document_get_events (b->win->document));
  g_action_group_activate_action (G_ACTION_GROUP (b->win), "delete-event",
                                  g_variant_new_string (dm_event_get_id (event)));
  return G_SOURCE_REMOVE;
}

/* Runs before the load's next step: an event replaced by one of 1900 (as many events, a year
 * no other has) */
static gboolean
replace_between_cb (gpointer user_data)
{
  Between *b = user_data;

  b->n_loading = dm_window_get_n_loading (b->win);
  g_assert_nonnull (app_test_replace_with_1900 (b->win));
  return G_SOURCE_REMOVE;
}

static void
merged_cb (GListModel *events,
           guint       position,
           guint       removed,
           guint       added,
           Between    *b)
{
  if (added > 100 && !b->scheduled)
    {
      b->scheduled = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, b->between != NULL ? b->between : delete_between_cb, b, NULL);
    }
}

static void
test_open_in_steps (void)
{
  DmWindow *win = app_test_open_window ();
  g_autofree char *dir = g_dir_make_tmp ("test-window-routes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "steps.diplomap", NULL);
  g_autofree char *path2 = g_build_filename (dir, "more.diplomap", NULL);
  g_autofree char *text = bench_generate (2000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  g_autoptr(GError) error = NULL;
  Between b = { win, FALSE, 0, 0, 0 };
  gulong id;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  /* the route set's build starts ahead, from the merged events: the edit makes it stale */
  dm_screen_painter_set_async_events (dm_route_map_layer_get_painter (win->routes_layer), 500);
  id = g_signal_connect (dm_document_get_events (win->document), "items-changed",
                         G_CALLBACK (merged_cb), &b);
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  g_signal_handler_disconnect (dm_document_get_events (win->document), id);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 60000));
  assert_same_as_synchronous (win);

  /* the edit came between the merge and the list's step: the load was still going on */
  g_assert_true (b.scheduled);
  g_assert_cmpuint (b.n_loading, ==, 1);
  g_assert_cmpuint (b.n_listed, ==, 0);
  g_assert_cmpuint (b.n_events, ==, 2000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "main");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, b.n_events - 1);
  assert_list_as_at_once (win);
  assert_shown_as_before (win);

  /* undone: back in the list where a list made at once puts it */
  g_action_group_activate_action (G_ACTION_GROUP (win), "undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, b.n_events);
  assert_list_as_at_once (win);
  assert_shown_as_before (win);

  /* a second file into the same window: the list follows its merge as before */
  g_free (text);
  text = bench_generate (300);
  g_assert_true (g_file_set_contents (path2, text, -1, &error));
  g_assert_no_error (error);
  dm_window_open_file (win, file2);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), >, b.n_events);
  assert_list_as_at_once (win);
  assert_shown_as_before (win);

  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
  g_unlink (path2);
  g_rmdir (dir);
}

/* What each frame showed while a big file was taken in */
typedef struct
{
  DmWindow *win;
  gboolean  merged;
  guint     n_frames;       /* drawn after the merge, while the file was being taken in */
  guint     n_main;         /* of those, showing the main page */
  guint     rows_frame;     /* the first frame (counted from 1) with the list's rows */
  guint     lanes_frame;    /* with the timeline's lanes */
  guint     n_blank_shown;  /* frames showing the timeline before its lanes were made */
} Frames;

static void
frames_merged_cb (GListModel *events,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Frames     *f)
{
  f->merged |= added > 100;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *f)
{
  if (!f->merged || dm_window_get_n_loading (f->win) == 0)
    return;
  f->n_frames++;
  f->n_main += g_strcmp0 (gtk_stack_get_visible_child_name (f->win->stack), "main") == 0;
  if (f->rows_frame == 0 &&
      g_list_model_get_n_items (dm_event_list_get_model (DM_EVENT_LIST (f->win->event_list))) > 0)
    f->rows_frame = f->n_frames;
  if (f->lanes_frame == 0 && f->win->timeline->lanes->len > 0)
    f->lanes_frame = f->n_frames;
  if (f->win->timeline->lanes->len == 0 &&
      (gtk_widget_get_opacity (GTK_WIDGET (f->win->timeline)) > 0 ||
       gtk_widget_get_opacity (GTK_WIDGET (f->win->time_label)) > 0 ||
       gtk_widget_get_opacity (GTK_WIDGET (f->win->routes_layer)) > 0))
    f->n_blank_shown++;
}

/* A big file opened into an empty window: the main page shows from the merge on, each view
 * filling it in a later frame (the list's rows, then the timeline's lanes), rather than the
 * whole page drawn for the first time in one frame at the load's end */
static void
test_main_page_early (void)
{
  DmWindow *win = app_test_open_window ();
  g_autofree char *dir = g_dir_make_tmp ("test-window-routes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "early.diplomap", NULL);
  g_autofree char *text = bench_generate (3000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (win));
  Frames f = { win, FALSE, 0, 0, 0, 0, 0 };
  gulong id, paint_id;

  g_assert_nonnull (clock);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  id = g_signal_connect (dm_document_get_events (win->document), "items-changed",
                         G_CALLBACK (frames_merged_cb), &f);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &f);
  dm_window_open_file (win, file);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "loading");
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (dm_document_get_events (win->document), id);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 60000));

  g_test_message ("%u frames while taken in, rows in frame %u, lanes in frame %u", f.n_frames,
                  f.rows_frame, f.lanes_frame);
  /* frames were drawn between the steps, every one of them on the main page */
  g_assert_cmpuint (f.n_frames, >=, 1);
  g_assert_cmpuint (f.n_main, ==, f.n_frames);
  /* the rows came no later than the lanes (when both came before the load's end) */
  if (f.rows_frame != 0 && f.lanes_frame != 0)
    g_assert_cmpuint (f.lanes_frame, >=, f.rows_frame);
  /* the timeline, the time and the routes stayed blank until made (not "No dates", not
   * 1970) */
  g_assert_cmpuint (f.n_blank_shown, ==, 0);
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (win->timeline)), ==, 1.0);
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (win->time_label)), ==, 1.0);
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (win->routes_layer)), ==, 1.0);
  /* and then everything is there: the page, the list in order, the lanes, the routes */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "main");
  g_assert_false (gtk_widget_get_visible (win->loading_box));
  g_assert_cmpuint (win->timeline->lanes->len, >, 1);
  assert_list_as_at_once (win);
  assert_same_as_synchronous (win);

  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
  g_rmdir (dir);
}

static void
reloaded_cb (DmEventList *list,
             gpointer     user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The choices' thread reads the route set's snapshot of the events, taken after the merge:
 * the choices are those of a list given the document at once. An event replaced between the
 * merge and the choices' step (another year, as many events) drops the snapshot: its year is
 * among the choices */
static void
test_choices_from_snapshot (void)
{
  DmWindow *win = app_test_open_window ();
  g_autofree char *dir = g_dir_make_tmp ("test-window-routes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "snapshot.diplomap", NULL);
  g_autofree char *text = bench_generate (2000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Between b = { NULL, FALSE, 0, 0, 0, replace_between_cb };
  gboolean found = FALSE;
  gulong id;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  dm_screen_painter_set_async_events (dm_route_map_layer_get_painter (win->routes_layer), 500);
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  assert_list_as_at_once (win);
  for (guint i = 0; i < win->event_list->all_years->len; i++)
    g_assert_cmpint (g_array_index (win->event_list->all_years, int, i), !=, 1900);
  gtk_window_destroy (GTK_WINDOW (win));

  win = app_test_open_window ();
  b.win = win;
  dm_screen_painter_set_async_events (dm_route_map_layer_get_painter (win->routes_layer), 500);
  id = g_signal_connect (dm_document_get_events (win->document), "items-changed",
                         G_CALLBACK (merged_cb), &b);
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  g_signal_handler_disconnect (dm_document_get_events (win->document), id);
  g_assert_true (b.scheduled);
  g_assert_cmpuint (b.n_loading, ==, 1);
  assert_list_as_at_once (win);
  for (guint i = 0; i < win->event_list->all_years->len; i++)
    found |= g_array_index (win->event_list->all_years, int, i) == 1900;
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
  g_rmdir (dir);
}

/* A place of a new country added while the choices are made in a thread: they are made
 * again from the document as it is then, as a list given it at once makes them */
static void
test_choices_edit_in_thread (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmEventList) list = g_object_ref_sink (DM_EVENT_LIST (dm_event_list_new ()));
  g_autoptr(DmEventList) here = g_object_ref_sink (DM_EVENT_LIST (dm_event_list_new ()));
  g_autoptr(DmPlace) paris = dm_place_new ("paris", "Paris", "FR", 48.86, 2.35, NULL);
  g_autoptr(DmPlace) tokyo = dm_place_new ("tokyo", "Tokyo", "JP", 35.68, 139.69, NULL);
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  gboolean done = FALSE;

  dm_document_add_place (doc, paris);
  dm_event_list_set_document (list, doc);
  dm_event_list_reload_async (list, NULL, reloaded_cb, &done);
  dm_document_add_place (doc, tokyo);
  g_assert_false (done);
  g_assert_true (app_test_wait_until (is_true, &done, 10000));
  dm_event_list_set_document (here, doc);
  mine = dup_choices (list->country_filter);
  theirs = dup_choices (here->country_filter);
  g_assert_nonnull (strstr (mine, "(JP)"));
  g_assert_nonnull (strstr (mine, "(FR)"));
  g_assert_cmpstr (mine, ==, theirs);
  g_assert_cmpuint (list->countries->len, ==, 2);
}

/* Between the merge and the list's step: what the load had done, and the route set's build */
typedef struct
{
  DmWindow *win;
  gboolean  scheduled;
  gboolean  building;
  guint     n_listed;
  guint     n_shown;
  guint     n_sets;
} Ahead;

static gboolean
look_between_cb (gpointer user_data)
{
  Ahead *a = user_data;

  a->building = dm_screen_painter_is_building_set (dm_route_map_layer_get_painter (a->win->routes_layer));
  a->n_listed = g_list_model_get_n_items (dm_event_list_get_model (DM_EVENT_LIST (a->win->event_list)));
  a->n_shown = g_list_model_get_n_items (dm_document_get_events (a->win->shown));
  return G_SOURCE_REMOVE;
}

static void
merged_ahead_cb (GListModel *events,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Ahead      *a)
{
  if (added > 100 && !a->scheduled)
    {
      a->scheduled = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, look_between_cb, a, NULL);
    }
}

/* Sets with routes: the stand-in with none, drawn while the shown document's step lets the
 * build go on, is not counted */
static void
routes_changed_cb (DmRouteMapLayer *layer,
                   Ahead           *a)
{
  if (dm_screen_painter_get_n_legs (dm_route_map_layer_get_painter (layer)) > 0)
    a->n_sets++;
}

/* @n_events events, at the default bar (20,000) or under it: the route set's build starts
 * from the merged events, before the list's and the shown document's steps, and goes on
 * through them: one set comes, drawn as a synchronous build draws it. Under the bar, the
 * next edit makes the set follow the document again, built on the main thread. */
static void
check_build_ahead (guint n_events)
{
  DmWindow *win = app_test_open_window ();
  DmScreenPainter *painter = dm_route_map_layer_get_painter (win->routes_layer);
  g_autofree char *dir = g_dir_make_tmp ("test-window-routes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ahead.diplomap", NULL);
  g_autofree char *text = bench_generate (n_events);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Ahead a = { win, FALSE, FALSE, 0, 0, 0 };
  gulong id, sets_id;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  id = g_signal_connect (dm_document_get_events (win->document), "items-changed",
                         G_CALLBACK (merged_ahead_cb), &a);
  sets_id = g_signal_connect (win->routes_layer, "routes-changed", G_CALLBACK (routes_changed_cb), &a);
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 120000));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 120000));
  g_signal_handler_disconnect (dm_document_get_events (win->document), id);
  g_signal_handler_disconnect (win->routes_layer, sets_id);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->shown)), >=, n_events);
  /* after the merge, before the list's step: the set was being built, nothing shown yet */
  g_assert_true (a.scheduled);
  g_assert_true (a.building);
  g_assert_cmpuint (a.n_listed, ==, 0);
  g_assert_cmpuint (a.n_shown, ==, 0);
  /* the shown document's step did not restart it: one set came, the whole document's */
  g_assert_cmpuint (a.n_sets, ==, 1);
  g_assert_false (dm_screen_painter_is_building_set (painter));
  assert_same_as_synchronous (win);

  if (n_events < 20000)
    {
      guint n_legs = dm_screen_painter_get_n_legs (painter);
      guint n_first;
      g_autofree char *first = dup_trip_id (win, 0, &n_first);

      /* an edit: no worker, the routes at once */
      g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event", g_variant_new_string (first));
      g_assert_false (dm_screen_painter_is_building_set (painter));
      g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, n_legs - n_first);
      g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 60000));
      assert_same_as_synchronous (win);
    }

  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_build_ahead (void)
{
  check_build_ahead (20000);
}

/* The U.S. record's size (6,370 events): its set built by a worker on opening too */
static void
test_build_ahead_small (void)
{
  check_build_ahead (3000);
}

/* @n generated events, a third with a Korean title, a third with an Arabic one */
static char *
generate_titled (guint n)
{
  g_autofree char *text = bench_generate (n);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  guint k = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *id = "    {\"id\": \"e";

      if (g_str_has_prefix (lines[i], id) && k++ % 3 != 2)
        g_string_append_printf (out, "    {\"title\": \"%s %u\", %s\n",
                                k % 3 == 1 ? "서울 정상회담" : "زيارة الرياض", k,
                                lines[i] + 5);
      else
        g_string_append_printf (out, "%s\n", lines[i]);
    }
  return g_string_free (out, FALSE);
}

/* Every shown event's title has @word, and some events are hidden */
static void
assert_titles_have (DmWindow   *win,
                    const char *word)
{
  GListModel *shown = dm_document_get_events (win->shown);

  g_assert_cmpuint (g_list_model_get_n_items (shown), <,
                    g_list_model_get_n_items (dm_document_get_events (win->document)));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (shown, i);

      g_assert_nonnull (strstr (dm_event_get_title (event), word));
    }
}

/* The shown document (nothing filtered: the document's array of events, shared) is what it
 * was when it took the events one by one: after a load in steps, after searches that hide
 * some events (Korean and Arabic titles), and when a search is on before the file opens */
static void
test_shown_as_before (void)
{
  DmWindow *win = app_test_open_window ();
  g_autofree char *dir = g_dir_make_tmp ("test-window-routes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "titled.diplomap", NULL);
  g_autofree char *text = generate_titled (2000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *words[] = { "서울", "الرياض" };

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  dm_screen_painter_set_async_events (dm_route_map_layer_get_painter (win->routes_layer), 500);
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 60000));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, 2000);
  assert_shown_as_before (win);
  assert_same_as_synchronous (win);
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      dm_event_list_set_search (DM_EVENT_LIST (win->event_list), words[w]);
      dm_window_apply_filters (win);
      assert_titles_have (win, words[w]);
      assert_shown_as_before (win);
    }
  dm_event_list_set_search (DM_EVENT_LIST (win->event_list), "");
  dm_window_apply_filters (win);
  assert_shown_as_before (win);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 60000));
  assert_same_as_synchronous (win);
  gtk_window_destroy (GTK_WINDOW (win));

  /* searched before the file opens: its steps show the list's events */
  win = app_test_open_window ();
  dm_screen_painter_set_async_events (dm_route_map_layer_get_painter (win->routes_layer), 500);
  dm_event_list_set_search (DM_EVENT_LIST (win->event_list), words[1]);
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  assert_titles_have (win, words[1]);
  assert_shown_as_before (win);
  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/window-routes/big-document", test_big_document);
  app_test_add_func ("/app/window-routes/open-in-steps", test_open_in_steps);
  app_test_add_func ("/app/window-routes/main-page-early", test_main_page_early);
  app_test_add_func ("/app/window-routes/choices-edit-in-thread", test_choices_edit_in_thread);
  app_test_add_func ("/app/window-routes/build-ahead", test_build_ahead);
  app_test_add_func ("/app/window-routes/build-ahead-small", test_build_ahead_small);
  app_test_add_func ("/app/window-routes/choices-from-snapshot", test_choices_from_snapshot);
  app_test_add_func ("/app/window-routes/shown-as-before", test_shown_as_before);
  return g_test_run ();
}
