/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "bench-generate.h"
#include "dm-screen-painter.h"
#include "dm-timeline-private.h"
#include "dm-window-private.h"

/* A big file read into the window: its views catch up in steps (dm-window.c, load_step_cb),
 * the views' step taking one snapshot of the shown events for the timeline's worker and for
 * a worker that makes the playback's range, put in place by a step of its own
 * (dm-window-range.c). What the views show then is what they show when made at once from
 * the same document (dm_window_apply_filters, as after an edit): the timeline's lanes and
 * items, the routes, the subtitle, the playback's range. An edit between the views' step
 * and the range's is shown, not the range of the events before it. */

/* From the timeline's worker on: the window's events made in steps, by workers */
#define N_EVENTS DM_TIMELINE_ASYNC_MIN_EVENTS

static char *
write_generated (guint n)
{
  g_autofree char *text = bench_generate (n);
  g_autofree char *dir = g_dir_make_tmp ("test-window-views-XXXXXX", NULL);
  char *path = g_build_filename (dir, "big.diplomap", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
remove_generated (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* What the views show, copied */
typedef struct
{
  GPtrArray *lanes;
  GArray    *items;
  double     doc_start;
  double     doc_end;
  double     view_start;
  double     view_end;
  char      *subtitle;
  double     start;
  double     end;
  double     time;
  guint      n_legs;
} Views;

static void
views_clear (Views *v)
{
  g_clear_pointer (&v->lanes, g_ptr_array_unref);
  g_clear_pointer (&v->items, g_array_unref);
  g_clear_pointer (&v->subtitle, g_free);
}

static void
read_views (DmWindow *win,
            Views    *v)
{
  DmTimeline *timeline = win->timeline;

  g_assert_false (dm_timeline_is_building (timeline));
  v->lanes = g_ptr_array_copy (timeline->lanes, NULL, NULL);
  v->items = g_array_copy (timeline->items);
  v->doc_start = timeline->doc_start;
  v->doc_end = timeline->doc_end;
  dm_timeline_get_range (timeline, &v->view_start, &v->view_end);
  v->subtitle = g_strdup (adw_window_title_get_subtitle (win->window_title));
  v->start = dm_playback_get_start (win->playback);
  v->end = dm_playback_get_end (win->playback);
  v->time = dm_playback_get_time (win->playback);
  v->n_legs = dm_screen_painter_get_n_legs (dm_route_map_layer_get_painter (win->routes_layer));
}

static void
assert_same_views (const Views *a,
                   const Views *b)
{
  g_assert_cmpuint (a->lanes->len, ==, b->lanes->len);
  for (guint i = 0; i < a->lanes->len; i++)
    g_assert_true (g_ptr_array_index (a->lanes, i) == g_ptr_array_index (b->lanes, i));
  g_assert_cmpuint (a->items->len, ==, b->items->len);
  for (guint i = 0; i < a->items->len; i++)
    {
      DmTimelineItem *x = &g_array_index (a->items, DmTimelineItem, i);
      DmTimelineItem *y = &g_array_index (b->items, DmTimelineItem, i);

      g_assert_true (x->event == y->event);
      g_assert_cmpuint (x->lane, ==, y->lane);
      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->end, ==, y->end);
    }
  g_assert_cmpfloat (a->doc_start, ==, b->doc_start);
  g_assert_cmpfloat (a->doc_end, ==, b->doc_end);
  g_assert_cmpfloat (a->view_start, ==, b->view_start);
  g_assert_cmpfloat (a->view_end, ==, b->view_end);
  g_assert_cmpstr (a->subtitle, ==, b->subtitle);
  g_assert_cmpfloat (a->start, ==, b->start);
  g_assert_cmpfloat (a->end, ==, b->end);
  g_assert_cmpfloat (a->time, ==, b->time);
  g_assert_cmpuint (a->n_legs, ==, b->n_legs);
}

/* The playback's range is the shown events' extent */
static void
assert_range_of_shown (DmWindow *win)
{
  gint64 start, end;

  g_assert_true (dm_document_get_extent (win->shown, &start, &end));
  g_assert_cmpfloat (dm_playback_get_start (win->playback), ==, (double) start);
  g_assert_cmpfloat (dm_playback_get_end (win->playback), ==, (double) end);
}

/* A button under @widget (the problems' toast) that runs win.show-problems */
static gboolean
has_show_problems (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.show-problems") == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_show_problems (c))
      return TRUE;
  return FALSE;
}

static gboolean
not_fitting (gpointer data)
{
  return ((DmWindow *) data)->fit_build == NULL;
}

/* The map where a fit made at once (on the main thread) puts it */
static void
assert_framed_as_at_once (DmWindow *win)
{
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  ShumateLocation *at = SHUMATE_LOCATION (viewport);
  double lat, lon, zoom;
  guint min_events = win->fit_async_min_events;

  g_assert_true (app_test_wait_until (not_fitting, win, 20000));
  lat = shumate_location_get_latitude (at);
  lon = shumate_location_get_longitude (at);
  zoom = shumate_viewport_get_zoom_level (viewport);
  g_test_message ("framed at %.3f, %.3f, zoom %.3f", lat, lon, zoom);
  shumate_viewport_set_zoom_level (viewport, 9);
  shumate_map_center_on (win->map, -33.9, 18.4);
  win->fit_async_min_events = G_MAXUINT;
  dm_window_fit_document (win);
  win->fit_async_min_events = min_events;
  g_assert_null (win->fit_build);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (at), lat, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (at), lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 1e-9);
}

static void
test_same_as_at_once (void)
{
  DmWindow *win = app_test_open_window ();
  g_autofree char *path = write_generated (N_EVENTS);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = NULL;
  Views loaded = { 0 }, at_once = { 0 };
  guint n;

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 120000));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 120000));
  n = g_list_model_get_n_items (dm_document_get_events (win->shown));
  g_assert_cmpuint (n, >=, DM_WINDOW_RANGE_ASYNC_MIN_EVENTS);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (dm_document_get_events (win->document)));
  read_views (win, &loaded);

  /* what the steps made is there: not an empty timeline, range or subtitle */
  g_assert_cmpuint (loaded.lanes->len, >, 100);
  g_assert_cmpuint (loaded.items->len, >, n);
  g_assert_cmpuint (loaded.n_legs, >, 1000);
  expected = g_strdup_printf ("%u events", n);
  g_assert_cmpstr (loaded.subtitle, ==, expected);
  assert_range_of_shown (win);
  g_assert_cmpfloat (loaded.start, <, loaded.end);
  /* the end step put the playhead at the range's start */
  g_assert_cmpfloat (loaded.time, ==, loaded.start);
  g_assert_cmpfloat (loaded.doc_start, ==, loaded.start);
  g_assert_cmpfloat (loaded.doc_end, ==, loaded.end);
  /* the title is the file's, the main page shown, the keys act on the timeline, the toast
   * tells the file's problems */
  g_assert_cmpstr (adw_window_title_get_title (win->window_title), ==, "Generated");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "main");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (win)) == GTK_WIDGET (win->timeline));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (win->document)), >, 0);
  app_test_wait_frames (GTK_WIDGET (win), 3);
  g_assert_true (has_show_problems (GTK_WIDGET (win->toast_overlay)));
  /* the map framed by a worker from the document's shared array: where a fit made at once
   * puts it */
  g_assert_true (win->view_decided);
  assert_framed_as_at_once (win);

  /* the views made again at once from the same document (what an edit does) */
  dm_window_apply_filters (win);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 120000));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 120000));
  read_views (win, &at_once);
  assert_same_views (&loaded, &at_once);

  views_clear (&loaded);
  views_clear (&at_once);
  gtk_window_destroy (GTK_WINDOW (win));
  remove_generated (path);
}

typedef struct
{
  DmWindow *win;
  gboolean  scheduled;
  gboolean  edited;
  guint     n_loading;   /* when the edit came */
  double    start;       /* the playback's range then */
  double    end;
  gint64    edited_start;
} Between;

/* Runs after the views' step, before the range's (an idle of a higher priority): an event
 * replaced by one of 1900, earlier than any other, as an edit is (the views made at once) */
static gboolean
edit_between_cb (gpointer user_data)
{
  Between *b = user_data;
  DmEvent *copy;

  b->n_loading = dm_window_get_n_loading (b->win);
  b->start = dm_playback_get_start (b->win->playback);
  b->end = dm_playback_get_end (b->win->playback);
  copy = app_test_replace_with_1900 (b->win);
  g_assert_nonnull (copy);
  g_assert_true (dm_event_get_span (copy, &b->edited_start, NULL));
  b->edited = TRUE;
  dm_window_apply_filters (b->win);
  return G_SOURCE_REMOVE;
}

/* The views' step is the one that sets the subtitle */
static void
subtitle_cb (AdwWindowTitle *title,
             GParamSpec     *pspec,
             Between        *b)
{
  if (b->scheduled || g_strcmp0 (adw_window_title_get_subtitle (title), "") == 0)
    return;
  b->scheduled = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, edit_between_cb, b, NULL);
}

static void
test_edit_between_steps (void)
{
  DmWindow *win = app_test_open_window ();
  g_autofree char *path = write_generated (N_EVENTS);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Between b = { win };
  Views loaded = { 0 }, at_once = { 0 };
  gulong id;

  id = g_signal_connect (win->window_title, "notify::subtitle", G_CALLBACK (subtitle_cb), &b);
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 120000));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 120000));
  g_signal_handler_disconnect (win->window_title, id);

  /* the edit came while the load went on, its range not yet set: a step of its own */
  g_assert_true (b.scheduled);
  g_assert_true (b.edited);
  g_assert_cmpuint (b.n_loading, ==, 1);
  g_assert_cmpfloat (b.start, ==, 0);
  g_assert_cmpfloat (b.end, ==, 0);
  /* the range is the edited events', not the worker's of the events before the edit */
  assert_range_of_shown (win);
  g_assert_cmpfloat (dm_playback_get_start (win->playback), ==, (double) b.edited_start);
  g_assert_cmpfloat (dm_playback_get_time (win->playback), ==, (double) b.edited_start);
  read_views (win, &loaded);
  dm_window_apply_filters (win);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 120000));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 120000));
  read_views (win, &at_once);
  assert_same_views (&loaded, &at_once);

  views_clear (&loaded);
  views_clear (&at_once);
  gtk_window_destroy (GTK_WINDOW (win));
  remove_generated (path);
}

/* The worker's extent is dm_document_get_extent()'s: none when no event has a time */
static void
test_extent_of_none (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start = 1, end = 2;

  g_assert_false (dm_events_get_extent (events, &start, &end));
  g_ptr_array_add (events, dm_event_new (DM_EVENT_KIND_VISIT, "untimed"));
  g_assert_false (dm_events_get_extent (events, &start, &end));
  g_assert_cmpint (start, ==, 1);
  g_assert_cmpint (end, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/window-views/same-as-at-once", test_same_as_at_once);
  app_test_add_func ("/app/window-views/edit-between-steps", test_edit_between_steps);
  app_test_add_func ("/app/window-views/extent-of-none", test_extent_of_none);
  return g_test_run ();
}
