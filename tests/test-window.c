/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <math.h>

#include "dm-error.h"
#include "dm-event-list-private.h"
#include "dm-format.h"
#include "dm-loader.h"
#include "dm-map-style.h"
#include "app-test-util.h"
#include "interop-common.h"
#include "dm-application.h"
#include "dm-great-circle.h"
#include "dm-screen-painter.h"
#include "dm-timeline-private.h"
#include "dm-save-chooser.h"
#include "dm-figure-private.h"
#include "dm-window-private.h"

/* The window as a user meets it: open the sample, select, play, open a broken file.
 * Pixels of the rendered window are checked where the maths says a route must be. */

static DmEvent *
find_event (DmWindow   *win,
            const char *id)
{
  GListModel *events = dm_document_get_events (dm_window_get_document (win));

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      if (g_str_equal (dm_event_get_id (e), id))
        return e;  /* the document keeps it */
    }
  g_assert_not_reached ();
}

/* The pixel position of @lat/@lon in the window, by the same Mercator maths as the map */
static void
window_point (DmWindow *win,
              double    lat,
              double    lon,
              int      *x,
              int      *y)
{
  DmView view;
  double px, py;
  graphene_point_t in, out;

  dm_route_map_layer_get_view (win->routes_layer, &view);
  dm_view_project (&view, lon, lat, &px, &py);
  in = GRAPHENE_POINT_INIT (px, py);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (win->routes_layer), GTK_WIDGET (win), &in, &out));
  *x = (int) round (out.x);
  *y = (int) round (out.y);
}

static void
test_opens_sample (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autoptr(GdkTexture) shot = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "empty");
  app_test_open_and_wait (win, file);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "main");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, 10);
  /* The list shows every event, in time order */
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_model (win->event_list)), ==, 10);
  g_assert_cmpstr (adw_window_title_get_title (win->window_title), ==,
                   "Late October 2025: Choe Son Hui to Moscow and Minsk, Trump in Asia for APEC");
  /* The clock covers the document and starts at its beginning */
  g_assert_cmpfloat (dm_playback_get_end (win->playback), >, dm_playback_get_start (win->playback));
  g_assert_cmpfloat (dm_playback_get_time (win->playback), ==, dm_playback_get_start (win->playback));
  g_assert_cmpuint (dm_screen_painter_get_n_legs (dm_route_map_layer_get_painter (win->routes_layer)), >=, 8);

  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  shot = app_test_render (GTK_WIDGET (win));
  app_test_save (shot, "window-sample.png");
  /* Moscow's dot, from the places' cache, where the map puts Moscow */
  {
    DmLeg *leg = g_ptr_array_index (dm_event_get_legs (find_event (win, "choe-tour")), 0);
    const DmRgba *ink = &dm_route_style_get_default ()->label;
    int x, y;

    window_point (win, dm_place_get_latitude (leg->to), dm_place_get_longitude (leg->to), &x, &y);
    g_test_message ("%s's dot at %d,%d: %06x", dm_place_get_name (leg->to), x, y,
                    app_test_pixel (shot, x, y));
    g_assert_true (app_test_color_near (app_test_pixel (shot, x, y), dm_rgba_to_hex (ink), 40));
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
two_recent (gpointer data)
{
  return g_menu_model_get_n_items (G_MENU_MODEL (((DmWindow *) data)->recent_menu)) >= 2;
}

static void
test_several_files (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) sample = app_test_sample_file ();
  g_autoptr(GFile) other = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "issue-example.diplomap", NULL));
  GListModel *events;
  guint from_sample = 0, from_other = 0;

  /* Both at once, dropped on the window */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (win));
    GSList *files = g_slist_append (g_slist_append (NULL, sample), other);
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_set_boxed (&value, files);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
        if (GTK_IS_DROP_TARGET (c))
          g_signal_emit_by_name (c, "drop", &value, 10.0, 10.0, &accepted);
      }
    g_assert_true (accepted);
    g_value_unset (&value);
    g_slist_free (files);
  }
  g_assert_cmpuint (dm_window_get_n_loading (win), ==, 2);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  events = dm_document_get_events (win->document);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      if (g_file_equal (dm_event_get_file (e), sample))
        from_sample++;
      else if (g_file_equal (dm_event_get_file (e), other))
        from_other++;
    }
  g_assert_cmpuint (from_sample, ==, 10);
  g_assert_cmpuint (from_other, >, 0);
  g_assert_cmpuint (from_sample + from_other, ==, g_list_model_get_n_items (events));
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_model (win->event_list)), ==,
                    g_list_model_get_n_items (events));
  /* Both are recent files now, in the main menu */
  g_assert_true (app_test_wait_until (two_recent, win, 5000));
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_search_filters (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  GListModel *shown;

  app_test_open_and_wait (win, file);
  shown = dm_event_list_get_model (win->event_list);
  dm_event_list_set_search (win->event_list, "minsk");
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 10);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (shown, i);
      g_autofree char *title = dm_event_dup_display_title (e);
      g_test_message ("minsk: %s", title);
    }
  dm_event_list_set_search (win->event_list, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 10);

  /* Filters: Trump's events; then summits; then events in Japan */
  {
    DmActor *trump = dm_document_lookup_actor (win->document, "trump");
    guint n;

    dm_event_list_set_filters (win->event_list, trump, NULL, -1, -1);
    n = g_list_model_get_n_items (shown);
    g_assert_cmpuint (n, >, 0);
    g_assert_cmpuint (n, <, 10);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DmEvent) e = g_list_model_get_item (shown, i);
        g_assert_true (dm_event_involves (e, trump));
      }
    dm_event_list_set_filters (win->event_list, NULL, NULL, DM_EVENT_KIND_SUMMIT, -1);
    n = g_list_model_get_n_items (shown);
    g_assert_cmpuint (n, >, 0);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DmEvent) e = g_list_model_get_item (shown, i);
        g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_SUMMIT);
      }
    dm_event_list_set_filters (win->event_list, NULL, "JP", -1, -1);
    g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (shown), <, 10);
    dm_event_list_set_filters (win->event_list, NULL, NULL, -1, -1);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 10);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

typedef struct
{
  ShumateViewport *viewport;
  double           lat, lon;
} Target;

static gboolean
map_near (gpointer data)
{
  Target *t = data;

  return fabs (shumate_location_get_latitude (SHUMATE_LOCATION (t->viewport)) - t->lat) < 3 &&
         fabs (shumate_location_get_longitude (SHUMATE_LOCATION (t->viewport)) - t->lon) < 3;
}

static gboolean
map_moved (gpointer data)
{
  Target *t = data;

  return shumate_location_get_latitude (SHUMATE_LOCATION (t->viewport)) != t->lat ||
         shumate_location_get_longitude (SHUMATE_LOCATION (t->viewport)) != t->lon;
}

static void
test_select_in_timeline (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  DmEvent *event;
  double x, y;
  DmEvent *picked;
  g_autofree char *details = NULL;
  g_autofree char *title = NULL;
  Target target;
  DmPlace *moscow;
  GtkSingleSelection *selection;

  app_test_open_and_wait (win, file);
  /* laid out: the timeline has its size */
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  event = find_event (win, "choe-moscow");
  moscow = dm_event_get_place (event);

  /* Where the timeline draws the visit, picking finds it: a click there selects it */
  g_assert_true (dm_timeline_get_event_position (win->timeline, event, &x, &y));
  picked = dm_timeline_pick (win->timeline, x, y);
  g_assert_true (picked == event);
  g_assert_null (dm_timeline_pick (win->timeline, x, 2));  /* the axis */
  dm_timeline_set_selected_event (win->timeline, picked);

  /* The list and the details follow */
  g_assert_true (dm_window_get_selected_event (win) == event);
  g_assert_true (dm_event_list_get_selected_event (win->event_list) == event);
  selection = dm_event_list_get_selection (win->event_list);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) event);
  details = dm_event_details_dup_text (win->event_details);
  title = dm_event_dup_display_title (event);
  g_assert_nonnull (strstr (details, title));
  g_assert_nonnull (strstr (details, "Moscow"));
  g_assert_nonnull (strstr (details, "Russia (RU)"));  /* the host, by name */
  g_assert_nonnull (strstr (details, "october-2025.diplomap, line"));

  /* The map flies to Moscow */
  target.viewport = shumate_map_get_viewport (win->map);
  target.lat = dm_place_get_latitude (moscow);
  target.lon = dm_place_get_longitude (moscow);
  g_assert_false (map_near (&target));
  g_assert_true (app_test_wait_until (map_near, &target, 5000));
  g_assert_true (app_test_wait_map_still (win, 3));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-selected.png");
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Whether @place is drawn inside the map (on any copy of the world) */
static gboolean
shown_on_map (DmWindow *win,
              DmPlace  *place)
{
  double w = gtk_widget_get_width (GTK_WIDGET (win->routes_layer));
  double h = gtk_widget_get_height (GTK_WIDGET (win->routes_layer));
  DmView view;
  double px, py, world;

  dm_route_map_layer_get_view (win->routes_layer, &view);
  world = dm_view_get_world_width (&view);
  dm_view_project (&view, dm_place_get_longitude (place), dm_place_get_latitude (place), &px, &py);
  for (int k = -2; k <= 2; k++)
    if (px + k * world >= 0 && px + k * world <= w && py >= 0 && py <= h)
      return TRUE;
  return FALSE;
}

static void
test_fly_to_trip (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  const char *stops[] = { "Kuala Lumpur", "Tokyo", "Busan" };
  DmEvent *trip;
  GPtrArray *legs;
  guint found = 0;
  Target fitted;

  app_test_open_and_wait (win, file);
  /* Washington, Kuala Lumpur, Tokyo, Gyeongju, Busan, Washington: framed across the Pacific,
   * not across the Americas and Europe */
  trip = find_event (win, "trump-asia");
  g_assert_true (app_test_wait_map_still (win, 3));
  fitted.viewport = shumate_map_get_viewport (win->map);
  fitted.lat = shumate_location_get_latitude (SHUMATE_LOCATION (fitted.viewport));
  fitted.lon = shumate_location_get_longitude (SHUMATE_LOCATION (fitted.viewport));
  dm_window_set_selected_event (win, trip);
  /* the map flies, then comes to rest */
  g_assert_true (app_test_wait_until (map_moved, &fitted, 5000));
  g_assert_true (app_test_wait_map_still (win, 3));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-asia-trip.png");
  }
  legs = dm_event_get_legs (trip);
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);

      g_test_message ("%s -> %s", dm_place_get_name (leg->from), dm_place_get_name (leg->to));
      g_assert_true (shown_on_map (win, leg->from));
      g_assert_true (shown_on_map (win, leg->to));
      for (guint k = 0; k < G_N_ELEMENTS (stops); k++)
        if (g_str_equal (dm_place_get_name (leg->to), stops[k]))
          found |= 1u << k;
    }
  g_assert_cmpuint (found, ==, 7);
  /* The map flies as far out as it must, not further than its limit */
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (win->map)), >=, 2);
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
time_passed (gpointer data)
{
  DmWindow *win = data;

  return dm_playback_get_time (win->playback) > dm_playback_get_start (win->playback) + 3600;
}

static void
test_playback_draws_leg (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  DmEvent *trip;
  DmLeg *leg;
  double t0;
  DmLonLat mid;
  DmRgba color;
  guint32 actor_rgb;
  int x, y;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) during = NULL;

  app_test_open_and_wait (win, file);

  /* Playing moves the playhead, the timeline's included */
  t0 = dm_playback_get_time (win->playback);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "play"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "play", NULL);
  g_assert_true (dm_playback_get_playing (win->playback));
  g_assert_true (app_test_wait_until (time_passed, win, 5000));
  g_action_group_activate_action (G_ACTION_GROUP (win), "play", NULL);
  g_assert_false (dm_playback_get_playing (win->playback));
  g_assert_cmpfloat (dm_playback_get_time (win->playback), >, t0);
  g_assert_cmpfloat (dm_timeline_get_time (win->timeline), ==, dm_playback_get_time (win->playback));

  /* Pyongyang to Moscow, Choe's first leg */
  trip = find_event (win, "choe-tour");
  leg = g_ptr_array_index (dm_event_get_legs (trip), 0);
  g_assert_cmpint (leg->end, >, leg->start);
  color = dm_route_set_get_actor_color (dm_screen_painter_get_set (dm_route_map_layer_get_painter (win->routes_layer)),
                                       dm_event_get_actor (trip));
  actor_rgb = dm_rgba_to_hex (&color);
  dm_window_fly_to_event (win, trip, 0);

  mid = dm_great_circle_interpolate ((DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) },
                                     (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) },
                                     0.5);

  /* Before the leg, nothing of Choe's colour is there */
  dm_playback_set_time (win->playback, leg->start - 3600);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  window_point (win, mid.lat, mid.lon, &x, &y);
  before = app_test_render (GTK_WIDGET (win));
  app_test_save (before, "window-before-leg.png");
  g_assert_false (app_test_color_near (app_test_pixel (before, x, y), actor_rgb, 24));

  /* Half way, the traveller's marker is half way along the great circle */
  dm_playback_set_time (win->playback, leg->start + (leg->end - leg->start) / 2.0);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  window_point (win, mid.lat, mid.lon, &x, &y);
  during = app_test_render (GTK_WIDGET (win));
  app_test_save (during, "window-leg-in-flight.png");
  g_test_message ("marker expected at %d,%d: %06x (actor %06x)", x, y, app_test_pixel (during, x, y), actor_rgb);
  g_assert_true (app_test_color_near (app_test_pixel (during, x, y), actor_rgb, 24));

  /* A click on the route selects its trip (the map shares the selection) */
  {
    DmView view;
    double px, py;

    dm_route_map_layer_get_view (win->routes_layer, &view);
    dm_view_project (&view, mid.lon, mid.lat, &px, &py);
    g_assert_true (dm_window_pick_on_map (win, px + 3, py) == trip);
    g_assert_null (dm_window_pick_on_map (win, px, py + 60));
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

static int
brightness (guint32 p)
{
  return ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
}

/* Selecting a summit highlights everyone taking part: the painter's set is its participants,
 * their routes drawn over a veil that dims the rest; a trip selected highlights nobody */
static void
test_summit_highlight (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  DmScreenPainter *painter;
  DmEvent *summit, *trip;
  DmLeg *leg;
  GPtrArray *people;
  DmRgba color;
  DmLonLat mid;
  int x, y;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;

  app_test_open_and_wait (win, file);
  painter = dm_route_map_layer_get_painter (win->routes_layer);
  summit = find_event (win, "minsk-conference");
  trip = find_event (win, "choe-tour");
  leg = g_ptr_array_index (dm_event_get_legs (trip), 0);
  color = dm_route_set_get_actor_color (dm_screen_painter_get_set (painter), dm_event_get_actor (trip));
  dm_window_fly_to_event (win, trip, 0);
  dm_playback_set_time (win->playback, 1761825600 /* 2025-10-30T12:00Z */);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  before = app_test_render (GTK_WIDGET (win));

  dm_window_select_event (win, summit, FALSE);
  g_assert_true (dm_route_map_layer_get_selected_event (win->routes_layer) == summit);
  people = dm_screen_painter_get_highlighted (painter);
  g_assert_cmpuint (people->len, ==, 3);
  for (guint i = 0; i < dm_event_get_participants (summit)->len; i++)
    g_assert_true (g_ptr_array_find (people, g_ptr_array_index (dm_event_get_participants (summit), i), NULL));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  after = app_test_render (GTK_WIDGET (win));
  app_test_save (after, "window-summit-highlight.png");

  /* Choe's way to Moscow in her colour, over the veil */
  mid = dm_great_circle_interpolate ((DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) },
                                     (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) },
                                     0.5);
  window_point (win, mid.lat, mid.lon, &x, &y);
  {
    gboolean found = FALSE;

    /* the line is 2.5 px wide: one of the pixels around the point is of its colour */
    for (int dy = -3; dy <= 3 && !found; dy++)
      for (int dx = -3; dx <= 3 && !found; dx++)
        found = app_test_color_near (app_test_pixel (after, x + dx, y + dy), dm_rgba_to_hex (&color), 24);
    g_test_message ("Choe's leg at %d,%d: %06x (actor %06x)", x, y, app_test_pixel (after, x, y),
                    dm_rgba_to_hex (&color));
    g_assert_true (found);
  }
  /* the rest is dimmed: Trump's way from Kuala Lumpur to Tokyo is lighter than before */
  {
    DmLeg *other = g_ptr_array_index (dm_event_get_legs (find_event (win, "trump-asia")), 1);
    int dark_before = G_MAXINT, dark_after = G_MAXINT;

    mid = dm_great_circle_interpolate ((DmLonLat) { dm_place_get_longitude (other->from), dm_place_get_latitude (other->from) },
                                       (DmLonLat) { dm_place_get_longitude (other->to), dm_place_get_latitude (other->to) },
                                       0.5);
    window_point (win, mid.lat, mid.lon, &x, &y);
    for (int dy = -3; dy <= 3; dy++)
      for (int dx = -3; dx <= 3; dx++)
        {
          dark_before = MIN (dark_before, brightness (app_test_pixel (before, x + dx, y + dy)));
          dark_after = MIN (dark_after, brightness (app_test_pixel (after, x + dx, y + dy)));
        }
    g_test_message ("Trump's leg at %d,%d: darkest %d before, %d after", x, y, dark_before, dark_after);
    g_assert_cmpint (dark_after, >, dark_before + 30);
  }

  /* a trip highlights nobody */
  dm_window_select_event (win, trip, FALSE);
  g_assert_cmpuint (dm_screen_painter_get_highlighted (painter)->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
}

typedef struct
{
  gboolean called;
  gboolean ok;
} LoadResult;

static void
load_finished_cb (DmWindow   *win,
                  GFile      *file,
                  gboolean    ok,
                  LoadResult *result)
{
  result->called = TRUE;
  result->ok = ok;
}

/* The texts of the labels under @widget: headings and the others */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *headings,
                GPtrArray *others)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      !GTK_IS_WINDOW_HANDLE (gtk_widget_get_parent (widget)))
    {
      /* the header bar's title is not among them: its labels have the "title" class */
      if (gtk_widget_has_css_class (widget, "heading"))
        g_ptr_array_add (headings, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
      else if (gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX) != NULL)
        g_ptr_array_add (others, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, headings, others);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_broken_file (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) broken = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "not-json.diplomap", NULL));
  g_autoptr(GFile) bad = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "bad-events.diplomap", NULL));
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/nothing.diplomap");
  LoadResult result = { FALSE };
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  guint line, column;

  g_signal_connect (win, "load-finished", G_CALLBACK (load_finished_cb), &result);

  /* Not JSON: an error dialog, the window stays, nothing loaded */
  app_test_open_and_wait (win, broken);
  g_assert_true (result.called);
  g_assert_false (result.ok);
  g_assert_nonnull (win->error_dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (win)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "empty");
  /* The heading names the file by its name, the body says where and why, for people */
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (win->error_dialog)), ==,
                   "Could Not Open “not-json.diplomap”");
  text = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (win->error_dialog)));
  g_test_message ("error shown: %s", text);
  /* where the stray comma before a "}" is */
  interop_position_of (broken, ",}", &line, &column);
  g_assert_cmpuint (line, ==, 4);
  expected = g_strdup_printf ("Line %u, column %u: not valid JSON: a comma after the last item of a list or object",
                              line, column);
  g_assert_cmpstr (text, ==, expected);
  g_assert_null (strstr (text, "/"));           /* no path */
  g_assert_null (strstr (text, "Parse error")); /* nor json-glib's words */
  g_assert_null (strstr (text, "`"));
  app_test_wait (200);
  {
    g_autoptr(GdkTexture) shot = app_test_render (win->error_dialog);
    app_test_save (shot, "error-dialog.png");
  }
  gtk_window_destroy (GTK_WINDOW (win->error_dialog));
  g_assert_null (win->error_dialog);

  /* A missing file: the same */
  result.called = FALSE;
  app_test_open_and_wait (win, missing);
  g_assert_true (result.called);
  g_assert_false (result.ok);
  g_assert_nonnull (win->error_dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (win->error_dialog)), ==,
                   "Could Not Open “nothing.diplomap”");
  g_test_message ("error shown: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (win->error_dialog)));
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (win->error_dialog)), "/nonexistent"));
  gtk_window_destroy (GTK_WINDOW (win->error_dialog));

  /* Some bad events: the good ones open, the problems are listed */
  result.called = FALSE;
  app_test_open_and_wait (win, bad);
  g_assert_true (result.ok);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "main");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (win->document)), >=, 4);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "show-problems"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "show-problems", NULL);
  g_assert_nonnull (win->problems_dialog);
  app_test_wait (300);
  {
    g_autoptr(GdkTexture) shot = app_test_render (win->problems_dialog);
    g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *path = g_file_get_path (bad);
    GdkClipboard *clipboard = gtk_widget_get_clipboard (win->problems_dialog);
    GValue copied = G_VALUE_INIT;
    g_autoptr(GError) error = NULL;
    g_autofree char *first = NULL;

    app_test_save (shot, "problems-dialog.png");
    /* Room for the list, and it can grow */
    g_assert_true (gtk_window_get_resizable (GTK_WINDOW (win->problems_dialog)));
    g_assert_cmpint (gdk_texture_get_height (shot), >=, 400);
    /* One heading for the file, by name; a row per problem, by line and column */
    collect_labels (win->problems_dialog, headings, rows);
    g_assert_cmpuint (headings->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (headings, 0), ==, "bad-events.diplomap");
    g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (dm_document_get_problems (win->document)));
    for (guint i = 0; i < rows->len; i++)
      {
        g_test_message ("%s", (char *) g_ptr_array_index (rows, i));
        g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, i), "Line "));
        g_assert_null (strstr (g_ptr_array_index (rows, i), path));
      }
    /* Copy All: the lines `diplomap --check` prints, path and all */
    g_assert_true (gtk_widget_activate_action (win->problems_dialog, "problems.copy", NULL));
    g_value_init (&copied, G_TYPE_STRING);
    g_assert_nonnull (gdk_clipboard_get_content (clipboard));
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &copied, &error));
    first = g_strdup_printf ("%s:%u:", path, interop_line_of (bad, "\"place\": \"Qwxyzzy Nowhere\""));
    g_test_message ("copied: %s", g_value_get_string (&copied));
    g_assert_true (g_str_has_prefix (g_value_get_string (&copied), first));
    g_assert_cmpuint (count_lines (g_value_get_string (&copied)), ==, rows->len);
    g_value_unset (&copied);
  }
  gtk_window_destroy (GTK_WINDOW (win->problems_dialog));

  /* And the window still works */
  {
    g_autoptr(GFile) file = app_test_sample_file ();
    app_test_open_and_wait (win, file);
    g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, 12);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The dialog says where from the error's data, never from its text: a message in another
 * language with no position in it is placed; a message that only looks placed is not */
static void
test_error_position_from_data (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "not-json.diplomap", NULL));
  g_autofree char *path = g_file_get_parse_name (file);
  g_autoptr(GError) placed = NULL;
  g_autoptr(GError) unplaced = NULL;
  g_autoptr(GError) whole_file = NULL;
  g_autofree char *body = NULL;

  dm_error_set_at (&placed, file, 7, 3, DM_ERROR_PARSE, "JSON non valide\u00a0: une virgule en trop");
  body = dm_window_describe_error (file, placed);
  g_assert_cmpstr (body, ==, "Line 7, column 3: JSON non valide\u00a0: une virgule en trop");
  g_clear_pointer (&body, g_free);

  unplaced = g_error_new (DM_ERROR, DM_ERROR_PARSE, "%s:4:32: not valid JSON", path);
  body = dm_window_describe_error (file, unplaced);
  g_assert_cmpstr (body, ==, "not-json.diplomap:4:32: not valid JSON");
  g_clear_pointer (&body, g_free);

  dm_error_set_at (&whole_file, file, 0, 0, DM_ERROR_UNSUPPORTED, "trop grand");
  body = dm_window_describe_error (file, whole_file);
  g_assert_cmpstr (body, ==, "trop grand");
}

/* A file of a folder that cannot be read is a row of the problems window, at the line and
 * column where it stops being JSON */
static void
test_folder_failure_row (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) broken = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "not-json.diplomap", NULL));
  g_autoptr(GFile) good = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "issue-example.diplomap", NULL));
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) a = g_file_get_child (folder, "a.diplomap");
  g_autoptr(GFile) b = g_file_get_child (folder, "b.diplomap");
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected = NULL;
  guint line, column;

  g_assert_true (g_file_copy (broken, a, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_true (g_file_copy (good, b, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  app_test_open_and_wait (win, folder);
  g_assert_null (win->error_dialog);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (win->document)), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (win), "show-problems", NULL);
  g_assert_nonnull (win->problems_dialog);
  app_test_wait (100);
  collect_labels (win->problems_dialog, headings, rows);
  g_assert_cmpuint (headings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headings, 0), ==, "a.diplomap");
  g_assert_cmpuint (rows->len, ==, 1);
  interop_position_of (broken, ",}", &line, &column);
  g_assert_cmpuint (line, ==, 4);
  expected = g_strdup_printf ("Line %u, column %u: not valid JSON: a comma after the last item of a list or object",
                              line, column);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, expected);
  gtk_window_destroy (GTK_WINDOW (win->problems_dialog));
  gtk_window_destroy (GTK_WINDOW (win));
  g_file_delete (a, NULL, NULL);
  g_file_delete (b, NULL, NULL);
  g_rmdir (dir);
}

/* Copy All copies the problems the window shows: not those of a file read while it is open */
static void
test_problems_copy_shown (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) bad = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "bad-events.diplomap", NULL));
  g_autoptr(GFile) doubtful = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "doubtful-events.diplomap", NULL));
  g_autofree char *doubtful_path = g_file_get_path (doubtful);
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  GdkClipboard *clipboard;
  GValue copied = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  guint n_shown;

  app_test_open_and_wait (win, bad);
  g_action_group_activate_action (G_ACTION_GROUP (win), "show-problems", NULL);
  g_assert_nonnull (win->problems_dialog);
  collect_labels (win->problems_dialog, headings, rows);
  n_shown = g_list_model_get_n_items (dm_document_get_problems (win->document));
  g_assert_cmpuint (rows->len, ==, n_shown);

  app_test_open_and_wait (win, doubtful);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (win->document)), >, n_shown);
  clipboard = gtk_widget_get_clipboard (win->problems_dialog);
  g_assert_true (gtk_widget_activate_action (win->problems_dialog, "problems.copy", NULL));
  g_value_init (&copied, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &copied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_lines (g_value_get_string (&copied)), ==, n_shown);
  g_assert_null (strstr (g_value_get_string (&copied), doubtful_path));
  g_value_unset (&copied);
  gtk_window_destroy (GTK_WINDOW (win->problems_dialog));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Exports the view at the playhead as PNG; returns the picture and where the leg's midpoint
 * is in it */
static GdkTexture *
export_png (DmWindow   *win,
            DmLonLat    point,
            const char *name,
            double     *x,
            double     *y)
{
  DmFigureDialog *dialog = dm_window_new_export_dialog (win);
  g_autoptr(DmFigure) figure = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  dm_figure_dialog_set_format (dialog, DM_FIGURE_FORMAT_PNG);
  dm_figure_dialog_set_area (dialog, DM_FIGURE_AREA_VIEW);
  dm_figure_dialog_set_size (dialog, DM_FIGURE_SIZE_CUSTOM, 1280, 720);
  figure = dm_figure_dialog_build_figure (dialog);
  dm_figure_map_point (figure, point.lon, point.lat, x, y);
  g_assert_cmpint (dm_figure_get_time (figure), ==, (gint64) dm_playback_get_time (win->playback));

  dm_window_export (win, dialog, file);
  g_assert_true (app_test_wait_until (app_test_window_exported, win, 20000));
  gtk_window_destroy (GTK_WINDOW (dialog));
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1280);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 720);
  app_test_save (texture, name);
  g_unlink (path);
  return texture;
}

static void
test_dialogs_look (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  GtkWidget *about;
  DmFigureDialog *dialog;
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(GdkTexture) shot2 = NULL;
  g_autoptr(DmFigure) figure = NULL;
  int w, h;

  app_test_open_and_wait (win, file);
  /* The export dialog starts from the playhead's time, Full HD, PNG, the current view */
  dialog = dm_window_new_export_dialog (win);
  figure = dm_figure_dialog_build_figure (dialog);
  dm_figure_get_size (figure, &w, &h);
  g_assert_cmpint (w, ==, 1920);
  g_assert_cmpint (h, ==, 1080);
  g_assert_cmpint (dm_figure_get_view_mode (figure), ==, DM_FIGURE_VIEW_BOUNDS);
  g_assert_cmpstr (dm_figure_get_title (figure), ==, dm_document_get_title (win->document));
  /* "Current view" is what the screen shows: the figure's map covers the map's visible
   * bounds, and fits them tightly along one axis (the figure's shape differs from the
   * map's, so the other axis shows more) */
  {
    double b[4], v[4], tol_lon, tol_lat;
    gboolean tight_lon, tight_lat;
    DmView view;

    dm_window_get_view_bounds (win, b);
    dm_figure_get_map_view (figure, &view);
    dm_view_get_visible (&view, &v[0], &v[1], &v[2], &v[3]);
    tol_lon = (b[2] - b[0]) * 0.02;
    tol_lat = (b[3] - b[1]) * 0.02;
    g_assert_cmpfloat (v[0], <=, b[0] + tol_lon);
    g_assert_cmpfloat (v[2], >=, b[2] - tol_lon);
    g_assert_cmpfloat (v[1], <=, b[1] + tol_lat);
    g_assert_cmpfloat (v[3], >=, b[3] - tol_lat);
    tight_lon = fabs (v[0] - b[0]) < tol_lon && fabs (v[2] - b[2]) < tol_lon;
    tight_lat = fabs (v[1] - b[1]) < tol_lat && fabs (v[3] - b[3]) < tol_lat;
    if (!tight_lon && !tight_lat)
      g_error ("figure shows %g,%g..%g,%g for the screen's %g,%g..%g,%g",
               v[0], v[1], v[2], v[3], b[0], b[1], b[2], b[3]);
  }
  /* Sources on or off: the events' sources leave the footer, the data's attribution stays */
  {
    g_autoptr(GPtrArray) with = dm_figure_dup_footer (figure);
    g_autoptr(DmFigure) bare = NULL;
    g_autoptr(GPtrArray) without = NULL;

    dm_figure_dialog_set_decorations (dialog, FALSE, FALSE, FALSE);
    bare = dm_figure_dialog_build_figure (dialog);
    without = dm_figure_dup_footer (bare);
    g_assert_cmpuint (with->len, ==, 2);
    g_assert_true (g_str_has_prefix (g_ptr_array_index (with, 1), "Sources:"));
    g_assert_cmpuint (without->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (without, 0), "Natural Earth"));
    g_assert_false (dm_figure_get_show_legend (bare));
    g_assert_false (dm_figure_get_show_caption (bare));
    dm_figure_dialog_set_decorations (dialog, TRUE, TRUE, TRUE);
  }
  gtk_window_present (GTK_WINDOW (dialog));
  app_test_wait (400);
  shot = app_test_render (GTK_WIDGET (dialog));
  app_test_save (shot, "export-dialog.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  about = dm_application_new_about_window (GTK_WINDOW (win));
  gtk_window_present (GTK_WINDOW (about));
  app_test_wait (400);
  shot2 = app_test_render (about);
  app_test_save (shot2, "about.png");
  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Export Map draws what the map shows: the window's trail and flows go into its figure */
static void
test_export_follows_trail (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  DmFigureDialog *dialog;
  g_autoptr(DmFigure) figure = NULL;

  app_test_open_and_wait (win, file);
  dialog = dm_window_new_export_dialog (win);
  figure = dm_figure_dialog_build_figure (dialog);
  g_assert_cmpint (dm_figure_get_window (figure), ==, 0);
  g_assert_false (dm_figure_get_flows (figure));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&figure);

  g_action_group_activate_action (G_ACTION_GROUP (win), "trail", g_variant_new_string ("week"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "flows", NULL);
  dialog = dm_window_new_export_dialog (win);
  figure = dm_figure_dialog_build_figure (dialog);
  g_assert_cmpint (dm_figure_get_window (figure), ==, 7 * 86400);
  g_assert_true (dm_figure_get_flows (figure));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_action_group_activate_action (G_ACTION_GROUP (win), "flows", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (win), "trail", g_variant_new_string ("all"));
  gtk_window_destroy (GTK_WINDOW (win));
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.diplomap.Diplomap");
    g_settings_reset (settings, "trail");
    g_settings_reset (settings, "flows");
  }
}

static void
test_export_figure (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autoptr(GdkTexture) during = NULL;
  g_autoptr(GdkTexture) before = NULL;
  DmEvent *trip;
  DmLeg *leg;
  DmLonLat mid;
  DmRgba color;
  guint32 actor_rgb;
  double x, y;

  app_test_open_and_wait (win, file);
  trip = find_event (win, "choe-tour");
  leg = g_ptr_array_index (dm_event_get_legs (trip), 0);
  color = dm_route_set_get_actor_color (dm_screen_painter_get_set (dm_route_map_layer_get_painter (win->routes_layer)),
                                       dm_event_get_actor (trip));
  actor_rgb = dm_rgba_to_hex (&color);
  mid = dm_great_circle_interpolate ((DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) },
                                     (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) },
                                     0.5);
  dm_window_fly_to_event (win, trip, 0);
  app_test_wait (300);

  /* Half way through the leg, the figure has the marker where the map has it */
  dm_playback_set_time (win->playback, leg->start + (leg->end - leg->start) / 2.0);
  during = export_png (win, mid, "export-in-flight.png", &x, &y);
  g_test_message ("figure marker at %.0f,%.0f: %06x", x, y, app_test_pixel (during, (int) round (x), (int) round (y)));
  g_assert_true (app_test_color_near (app_test_pixel (during, (int) round (x), (int) round (y)), actor_rgb, 24));

  /* Before it, not */
  dm_playback_set_time (win->playback, leg->start - 3600);
  before = export_png (win, mid, "export-before.png", &x, &y);
  g_assert_false (app_test_color_near (app_test_pixel (before, (int) round (x), (int) round (y)), actor_rgb, 24));

  /* SVG and PDF: vector files of the same figure */
  for (DmFigureFormat format = DM_FIGURE_FORMAT_SVG; format <= DM_FIGURE_FORMAT_PDF; format++)
    {
      DmFigureDialog *dialog = dm_window_new_export_dialog (win);
      g_autofree char *path = g_build_filename (g_get_tmp_dir (), format == DM_FIGURE_FORMAT_SVG ? "export.svg" : "export.pdf", NULL);
      g_autoptr(GFile) out = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      gsize length;

      dm_playback_set_time (win->playback, leg->start + (leg->end - leg->start) / 2.0);
      dm_figure_dialog_set_format (dialog, format);
      dm_figure_dialog_set_area (dialog, DM_FIGURE_AREA_ALL);
      dm_window_export (win, dialog, out);
      g_assert_true (app_test_wait_until (app_test_window_exported, win, 20000));
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (format == DM_FIGURE_FORMAT_SVG)
        {
          g_assert_nonnull (g_strstr_len (contents, length, "<svg"));
          g_assert_nonnull (g_strstr_len (contents, length, "<path"));
          g_test_message ("SVG: %" G_GSIZE_FORMAT " bytes", length);
        }
      else
        {
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
          g_test_message ("PDF: %" G_GSIZE_FORMAT " bytes", length);
        }
      g_assert_cmpuint (length, >, 10000);
      g_unlink (path);
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

typedef struct
{
  guint    n;
  gboolean ok;
} ExportResult;

static void
export_finished_cb (DmWindow     *win,
                    GFile        *file,
                    gboolean      ok,
                    ExportResult *result)
{
  result->n++;
  result->ok = ok;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* @ids sorted, joined by spaces */
static char *
join_sorted (GPtrArray *ids)
{
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

/* The ids of the events of @model, sorted, joined by spaces */
static char *
dup_ids (GListModel *model)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (model, i);
      g_ptr_array_add (ids, (gpointer) dm_event_get_id (e));
    }
  return join_sorted (ids);
}

static void
test_export_data (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autofree char *dir = g_dir_make_tmp ("diplomap-data-XXXXXX", NULL);
  ExportResult result = { 0 };
  DmActor *trump;
  guint n_trump;

  g_signal_connect (win, "export-finished", G_CALLBACK (export_finished_cb), &result);
  app_test_open_and_wait (win, file);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "export-data"));

  /* The dialog: a type per format, a name from the title, says how many events go */
  {
    g_autoptr(GtkFileChooserNative) chooser = dm_window_new_export_data_chooser (win);
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    const DmFormat * const *writable = dm_format_list_writable ();
    guint n_writable = 0;

    g_test_message ("%s: %s", gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (chooser)), name);
    /* the types are the table's formats with a writer, in its order, each with its extension */
    while (writable[n_writable] != NULL)
      n_writable++;
    g_assert_cmpuint (n_writable, ==, 4);
    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, n_writable);
    for (guint i = 0; i < n_writable; i++)
      {
        g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);
        g_autofree char *label = dm_format_dup_label (writable[i], TRUE);

        g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, label);
        g_assert_cmpstr (g_object_get_data (G_OBJECT (filter), "dm-extension"), ==, writable[i]->extensions[0]);
      }
    g_autoptr(GFile) documents = dm_save_chooser_dup_folder (G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr(GFile) folder = NULL;

    /* the folder is known once the dialog shows */
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    app_test_wait (100);
    folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
    gtk_native_dialog_hide (GTK_NATIVE_DIALOG (chooser));

    /* the name and the folder follow the rules of Export Map's (test-figure-dialog) */
    g_assert_cmpstr (name, ==, "Late-October-2025-Choe-Son-Hui-to-Moscow-and-Minsk-Trump-in.geojson");
    g_assert_nonnull (folder);
    g_assert_true (g_file_equal (folder, documents));
    g_assert_nonnull (strstr (gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (chooser)), "10"));
  }
  /* A name without a known extension takes the chosen type's */
  {
    g_autoptr(GFile) plain = g_file_new_build_filename (dir, "trip", NULL);
    g_autoptr(GFile) kml = g_file_new_build_filename (dir, "trip.kml", NULL);
    g_autoptr(GFile) a = dm_window_export_data_target (plain, "csv");
    g_autoptr(GFile) b = dm_window_export_data_target (kml, "geojson");
    g_autofree char *a_name = g_file_get_basename (a);

    g_assert_cmpstr (a_name, ==, "trip.csv");
    g_assert_true (g_file_equal (b, kml));
  }

  /* GeoJSON of every event: one feature each, with the events' ids */
  {
    g_autofree char *path = g_build_filename (dir, "all.geojson", NULL);
    g_autoptr(GFile) out = g_file_new_for_path (path);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();
    g_autofree char *written = NULL;
    g_autofree char *expected = dup_ids (dm_document_get_events (win->document));
    JsonArray *features;

    dm_window_export_data (win, out);
    g_assert_true (app_test_wait_until (app_test_window_exported, win, 10000));
    g_assert_cmpuint (result.n, ==, 1);
    g_assert_true (result.ok);
    g_assert_true (json_parser_load_from_file (parser, path, &error));
    g_assert_no_error (error);
    features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
    g_assert_cmpuint (json_array_get_length (features), ==, 10);
    for (guint i = 0; i < json_array_get_length (features); i++)
      g_ptr_array_add (ids, (gpointer) json_object_get_string_member (json_array_get_object_element (features, i), "id"));
    written = join_sorted (ids);
    g_assert_cmpstr (written, ==, expected);
    g_unlink (path);
  }

  /* CSV of what the list shows: Trump's events only; read back, the same events */
  trump = dm_document_lookup_actor (win->document, "trump");
  dm_event_list_set_filters (win->event_list, trump, NULL, -1, -1);
  n_trump = g_list_model_get_n_items (dm_event_list_get_model (win->event_list));
  g_assert_cmpuint (n_trump, <, 10);
  {
    g_autoptr(GtkFileChooserNative) chooser = dm_window_new_export_data_chooser (win);
    g_autofree char *count = g_strdup_printf ("%u", n_trump);

    g_assert_nonnull (strstr (gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (chooser)), count));
  }
  {
    g_autofree char *path = g_build_filename (dir, "trump.csv", NULL);
    g_autoptr(GFile) out = g_file_new_for_path (path);
    g_autoptr(DmDocument) back = dm_document_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *expected = dup_ids (dm_event_list_get_model (win->event_list));
    g_autofree char *written = NULL;

    dm_window_export_data (win, out);
    g_assert_true (app_test_wait_until (app_test_window_exported, win, 10000));
    g_assert_true (result.ok);
    g_assert_true (dm_loader_load_file (back, out, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (back)), ==, n_trump);
    written = dup_ids (dm_document_get_events (back));
    g_assert_cmpstr (written, ==, expected);
    g_unlink (path);
  }

  /* A folder that does not exist: an error naming the file, the window lives on */
  {
    g_autofree char *path = g_build_filename (dir, "missing", "out.geojson", NULL);
    g_autoptr(GFile) out = g_file_new_for_path (path);
    const char *heading;

    dm_window_export_data (win, out);
    g_assert_true (app_test_wait_until (app_test_window_exported, win, 10000));
    g_assert_false (result.ok);
    g_assert_nonnull (win->error_dialog);
    heading = adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (win->error_dialog));
    g_test_message ("%s / %s", heading, adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (win->error_dialog)));
    g_assert_nonnull (strstr (heading, "“out.geojson”"));
    g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (win->error_dialog)), dir));
    gtk_window_destroy (GTK_WINDOW (win->error_dialog));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (win)));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A file as the Open dialog sees it: a name, and a type nobody claims */
static GFileInfo *
file_info_named (const char *name)
{
  GFileInfo *info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  g_file_info_set_content_type (info, "application/octet-stream");
  return info;
}

/* The Open dialog's filters come from the table of formats: every supported file (shown
 * first), one per readable format with its extensions in any case, then every file */
static void
test_open_filters (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GtkFileChooserNative) chooser = dm_window_new_open_chooser (win);
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  const DmFormat * const *readable = dm_format_list_readable ();
  g_autoptr(GtkFileFilter) supported = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  g_autoptr(GFileInfo) notes = file_info_named ("notes.txt");
  guint n = 0;

  while (readable[n] != NULL)
    n++;
  g_assert_cmpuint (n, >=, 8);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, n + 2);
  supported = g_list_model_get_item (filters, 0);
  all = g_list_model_get_item (filters, n + 1);
  g_assert_true (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)) == supported);
  g_assert_cmpstr (gtk_file_filter_get_name (supported), ==, "All supported files");
  g_assert_cmpstr (gtk_file_filter_get_name (all), ==, "All files");
  g_assert_false (gtk_filter_match (GTK_FILTER (supported), notes));
  g_assert_true (gtk_filter_match (GTK_FILTER (all), notes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i + 1);
      g_autofree char *label = dm_format_dup_label (readable[i], FALSE);

      g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, label);
      g_assert_false (gtk_filter_match (GTK_FILTER (filter), notes));
      for (guint j = 0; j < n; j++)
        for (guint k = 0; readable[j]->extensions[k] != NULL; k++)
          {
            g_autofree char *name = g_strconcat ("Trip.", readable[j]->extensions[k], NULL);
            g_autofree char *upper = g_ascii_strup (name, -1);
            g_autoptr(GFileInfo) info = file_info_named (name);
            g_autoptr(GFileInfo) upper_info = file_info_named (upper);

            g_assert_cmpint (gtk_filter_match (GTK_FILTER (filter), info), ==, i == j);
            g_assert_cmpint (gtk_filter_match (GTK_FILTER (filter), upper_info), ==, i == j);
            g_assert_true (gtk_filter_match (GTK_FILTER (supported), info));
            g_assert_true (gtk_filter_match (GTK_FILTER (supported), upper_info));
          }
      /* and the format's MIME type, for a file without a known name */
      {
        g_autoptr(GFileInfo) typed = g_file_info_new ();

        g_file_info_set_display_name (typed, "download");
        g_file_info_set_content_type (typed, readable[i]->mime_types[0]);
        g_assert_true (gtk_filter_match (GTK_FILTER (filter), typed));
        g_assert_true (gtk_filter_match (GTK_FILTER (supported), typed));
      }
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

static guint
route_set_serial (DmWindow *win)
{
  return dm_route_set_get_serial (dm_screen_painter_get_set (dm_route_map_layer_get_painter (win->routes_layer)));
}

/* Opening Export Data or Export Map with no change of the filters waiting does not show the
 * events again: the timeline keeps its zoom and the routes are not rebuilt */
static void
test_export_keeps_view (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autofree char *dir = g_dir_make_tmp ("diplomap-keep-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "all.geojson", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  double start, end, s, e;
  guint serial;

  app_test_open_and_wait (win, file);
  dm_timeline_zoom (win->timeline, 0.25);
  dm_timeline_get_range (win->timeline, &start, &end);
  serial = route_set_serial (win);
  {
    g_autoptr(GtkFileChooserNative) chooser = dm_window_new_export_data_chooser (win);
  }
  gtk_window_destroy (GTK_WINDOW (dm_window_new_export_dialog (win)));
  dm_window_export_data (win, out);
  g_assert_true (app_test_wait_until (app_test_window_exported, win, 10000));
  dm_timeline_get_range (win->timeline, &s, &e);
  g_assert_cmpfloat (s, ==, start);
  g_assert_cmpfloat (e, ==, end);
  g_assert_cmpuint (route_set_serial (win), ==, serial);

  /* a change still waiting for its pause is applied first: the dialog counts what goes */
  dm_event_list_set_search (win->event_list, "minsk");
  {
    g_autoptr(GtkFileChooserNative) chooser = dm_window_new_export_data_chooser (win);
    g_autofree char *count = g_strdup_printf ("%u", g_list_model_get_n_items (dm_event_list_get_model (win->event_list)));

    g_assert_cmpuint (route_set_serial (win), !=, serial);
    g_assert_nonnull (strstr (gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (chooser)), count));
  }
  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Runs the window's single-key shortcut for @accel, as a key press that no focused widget
 * took would */
static gboolean
press_window_key (DmWindow   *win,
                  const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (win));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), j);
          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (sc), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (sc), 0, GTK_WIDGET (win),
                                                 gtk_shortcut_get_arguments (sc));
        }
    }
  return FALSE;
}

static void
test_keyboard (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  DmEvent *first;

  /* Nothing to play in the empty state: the key goes on */
  g_assert_false (press_window_key (win, "space"));
  app_test_open_and_wait (win, file);
  /* the keys act at once: focus is on the timeline, not on a header button Space would press */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (win)) == GTK_WIDGET (win->timeline));
  g_assert_true (press_window_key (win, "space"));
  g_assert_true (dm_playback_get_playing (win->playback));
  g_assert_true (press_window_key (win, "space"));
  g_assert_false (dm_playback_get_playing (win->playback));

  /* Right selects the next event and moves the playhead to it, and the list follows */
  g_assert_true (press_window_key (win, "Right"));
  first = dm_window_get_selected_event (win);
  g_assert_nonnull (first);
  g_assert_true (dm_event_list_get_selected_event (win->event_list) == first);
  g_assert_true (press_window_key (win, "Right"));
  g_assert_true (dm_window_get_selected_event (win) != first);
  g_assert_true (press_window_key (win, "Left"));
  g_assert_true (dm_window_get_selected_event (win) == first);
  g_assert_true (press_window_key (win, "End"));
  g_assert_cmpfloat (dm_playback_get_time (win->playback), ==, dm_playback_get_end (win->playback));
  g_assert_true (press_window_key (win, "Home"));
  g_assert_cmpfloat (dm_playback_get_time (win->playback), ==, dm_playback_get_start (win->playback));
  g_assert_true (press_window_key (win, "Escape"));
  g_assert_null (dm_window_get_selected_event (win));
  g_assert_null (dm_event_details_get_event (win->event_details));
  gtk_window_destroy (GTK_WINDOW (win));
}

static GtkEventController *
find_key_controller (DmWindow *win)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (win));
  g_autoptr(GtkShortcutTrigger) space = gtk_shortcut_trigger_parse_string ("space");

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), j);
          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (sc), space))
            return c;
        }
    }
  return NULL;
}

/* After a click on a row of the list, Space, Left, Right and Home still drive playback: the
 * window sees them before the list (capture phase); a text entry keeps them */
static void
test_keys_after_list_click (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  GtkEventController *keys;
  DmEvent *first;
  double start;

  app_test_open_and_wait (win, file);
  keys = find_key_controller (win);
  g_assert_nonnull (keys);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (keys), ==, GTK_PHASE_CAPTURE);

  /* a row chosen in the list, the focus in the list */
  first = g_list_model_get_item (dm_document_get_events (dm_window_get_document (win)), 0);
  g_object_unref (first);  /* the document keeps it */
  dm_window_select_event (win, first, FALSE);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (win->event_list->list_view), GTK_DIR_TAB_FORWARD) ||
                 gtk_widget_grab_focus (GTK_WIDGET (win->event_list->list_view)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (win)),
                                         GTK_WIDGET (win->event_list->list_view)));
  g_assert_true (press_window_key (win, "space"));
  g_assert_true (dm_playback_get_playing (win->playback));
  g_assert_true (press_window_key (win, "space"));
  g_assert_false (dm_playback_get_playing (win->playback));
  g_assert_true (press_window_key (win, "End"));
  g_assert_true (press_window_key (win, "Home"));
  start = dm_playback_get_start (win->playback);
  g_assert_cmpfloat (dm_playback_get_time (win->playback), ==, start);
  dm_window_select_event (win, first, FALSE);
  g_assert_true (press_window_key (win, "Right"));
  g_assert_true (dm_window_get_selected_event (win) != first);
  first = dm_window_get_selected_event (win);
  g_assert_true (press_window_key (win, "Left"));
  g_assert_true (dm_window_get_selected_event (win) != first);

  /* the search entry keeps its keys: Space types a space */
  gtk_widget_grab_focus (GTK_WIDGET (win->event_list->search));
  g_assert_false (press_window_key (win, "space"));
  g_assert_false (press_window_key (win, "Home"));
  g_assert_false (dm_playback_get_playing (win->playback));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The playhead's handle, found by its pixels (the widest red row under the playhead), and
 * dragged with the real pointer: the playhead moves, the map/timeline split stays */
static void
test_handle_drag_scrubs (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autoptr(GdkTexture) shot = NULL;
  GtkWidget *paned;
  graphene_point_t in_window;
  double sx, sy, time_before;
  int px, handle_y = -1, widest = 0, position;
  gulong xid;

  g_assert_true (GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (win))));
  g_assert_nonnull (g_find_program_in_path ("xdotool"));
  app_test_open_and_wait (win, file);
  dm_playback_set_time (win->playback, (dm_playback_get_start (win->playback) +
                                        dm_playback_get_end (win->playback)) / 2);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  paned = gtk_widget_get_ancestor (GTK_WIDGET (win->timeline), GTK_TYPE_PANED);
  g_assert_nonnull (paned);
  position = gtk_paned_get_position (GTK_PANED (paned));
  time_before = dm_playback_get_time (win->playback);

  shot = app_test_render (GTK_WIDGET (win->timeline));
  px = (int) round (dm_timeline_x_for_time (win->timeline, time_before));
  for (int y = 0; y < 26; y++)
    {
      int w = 0;
      for (int x = px - 10; x <= px + 10; x++)
        if (app_test_color_near (app_test_pixel (shot, x, y), 0xe01b24, 40))
          w++;
      if (w > widest)
        {
          widest = w;
          handle_y = y;
        }
    }
  g_test_message ("handle at x %d, widest (%d px) at y %d", px, widest, handle_y);
  g_assert_cmpint (widest, >=, 9);

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (win->timeline), GTK_WIDGET (win),
                                           &GRAPHENE_POINT_INIT (px + 0.5, handle_y + 0.5), &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (win), &sx, &sy);
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (win)));
  {
    int x = (int) (in_window.x + sx), y = (int) (in_window.y + sy);
    g_autofree char *down = g_strdup_printf ("mousemove --window %lu %d %d mousedown 1", xid, x, y);
    g_autofree char *step = g_strdup_printf ("mousemove --window %lu %d %d", xid, x + 20, y + 2);
    g_autofree char *far = g_strdup_printf ("mousemove --window %lu %d %d", xid, x + 80, y + 4);

    app_test_xdotool (down);
    app_test_xdotool (step);
    app_test_xdotool (far);
    app_test_xdotool ("mouseup 1");
  }
  app_test_wait (200);
  g_test_message ("split %d -> %d, time %.0f -> %.0f", position,
                  gtk_paned_get_position (GTK_PANED (paned)), time_before,
                  dm_playback_get_time (win->playback));
  g_assert_cmpint (gtk_paned_get_position (GTK_PANED (paned)), ==, position);
  g_assert_cmpfloat (dm_playback_get_time (win->playback), >, time_before);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Of a grid of pixels of the map, how many are strongly coloured (routes, not the map) */
static guint
count_saturated_map_pixels (DmWindow *win)
{
  g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win->map));
  int w = gdk_texture_get_width (shot), h = gdk_texture_get_height (shot);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) w * h);
  guint n = 0;

  gdk_texture_download (shot, (guchar *) pixels, w * 4);
  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2)
      {
        guint32 p = pixels[y * w + x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        if (MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) > 90)
          n++;
      }
  return n;
}

/* Of a grid of pixels of the map, how many are near @color */
static guint
count_map_pixels (DmWindow *win,
                  guint32   color)
{
  g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win->map));
  int w = gdk_texture_get_width (shot), h = gdk_texture_get_height (shot);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) w * h);  /* downloaded once */
  guint n = 0;

  gdk_texture_download (shot, (guchar *) pixels, w * 4);
  for (int y = 5; y < h; y += 10)
    for (int x = 5; x < w; x += 10)
      if (app_test_color_near (pixels[y * w + x] & 0xffffff, color, 6))
        n++;
  return n;
}

/* Pixels near @color right of Washington, D.C. on the map: where its name is written */
static guint
count_washington_label_pixels (DmWindow *win,
                               guint32   color)
{
  g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win->map));
  int w = gdk_texture_get_width (shot), h = gdk_texture_get_height (shot);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) w * h);
  double px, py;
  guint n = 0;

  gdk_texture_download (shot, (guchar *) pixels, w * 4);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (win->map), GTK_WIDGET (win->map),
                                              38.9, -77.04, &px, &py);
  for (int y = MAX ((int) py - 10, 0); y < MIN ((int) py + 10, h); y++)
    for (int x = MAX ((int) px + 4, 0); x < MIN ((int) px + 110, w); x++)
      if (app_test_color_near (pixels[y * w + x] & 0xffffff, color, 40))
        n++;
  return n;
}

typedef struct
{
  DmWindow *win;
  guint     n_drawn;  /* tiles drawn before */
} TilesWait;

static gboolean
new_tiles_drawn (gpointer data)
{
  TilesWait *w = data;

  return dm_map_source_get_n_drawn (w->win->map_source) > w->n_drawn &&
         dm_map_source_get_n_pending (w->win->map_source) == 0;
}

/* Where the event list lies from the map's middle: < 0 on its left, > 0 on its right */
static double
list_side (DmWindow *win)
{
  double lx = 0, ly = 0, mx = 0, my = 0;

  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (win->event_list), GTK_WIDGET (win),
                                                   gtk_widget_get_width (GTK_WIDGET (win->event_list)) / 2.0,
                                                   0, &lx, &ly));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (win->map), GTK_WIDGET (win),
                                                   gtk_widget_get_width (GTK_WIDGET (win->map)) / 2.0,
                                                   0, &mx, &my));
  return lx - mx;
}

/* In Arabic the window mirrors as GTK mirrors it (the event list, an AdwFlap's "start", goes
 * to the right), although neither GTK's catalogue here nor Diplomap has an Arabic translation;
 * in the timeline time still runs left to right */
static void
test_right_to_left (void)
{
  const char *rtl[] = { "ar", "he", "fa_IR", "ur:en", NULL };
  const char *ltr[] = { "en", "fr", "ru", "ko", "fr:ar", NULL };
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(GFile) file = app_test_sample_file ();
  DmWindow *ltr_win, *rtl_win;
  DmTimeline *timeline;
  double ltr_side, rtl_side, width;

  for (guint i = 0; rtl[i] != NULL; i++)
    {
      g_setenv ("LANGUAGE", rtl[i], TRUE);
      g_assert_cmpint (dm_application_get_locale_direction (), ==, GTK_TEXT_DIR_RTL);
    }
  for (guint i = 0; ltr[i] != NULL; i++)
    {
      g_setenv ("LANGUAGE", ltr[i], TRUE);
      g_assert_cmpint (dm_application_get_locale_direction (), ==, GTK_TEXT_DIR_LTR);
    }

  g_setenv ("LANGUAGE", "en", TRUE);
  dm_application_apply_locale_direction ();
  g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_LTR);
  ltr_win = app_test_open_window ();
  app_test_open_and_wait (ltr_win, file);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (ltr_win), 3));
  ltr_side = list_side (ltr_win);
  gtk_window_destroy (GTK_WINDOW (ltr_win));

  g_setenv ("LANGUAGE", "ar", TRUE);
  dm_application_apply_locale_direction ();
  g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_RTL);
  rtl_win = app_test_open_window ();
  app_test_open_and_wait (rtl_win, file);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (rtl_win), 3));
  rtl_side = list_side (rtl_win);
  g_test_message ("event list from the map's middle: %.0f px in English, %.0f in Arabic",
                  ltr_side, rtl_side);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (rtl_win)), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpfloat (ltr_side, <, 0);
  g_assert_cmpfloat (rtl_side, >, 0);

  /* the timeline does not mirror: earlier is on the left */
  timeline = rtl_win->timeline;
  width = gtk_widget_get_width (GTK_WIDGET (timeline));
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (timeline)), ==, GTK_TEXT_DIR_LTR);
  g_assert_cmpfloat (width, >, 100);
  g_assert_cmpfloat (dm_timeline_time_for_x (timeline, 10), <,
                     dm_timeline_time_for_x (timeline, width - 10));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (rtl_win));
    app_test_save (shot, "window-arabic.png");
  }
  gtk_window_destroy (GTK_WINDOW (rtl_win));
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* The map follows AdwStyleManager's dark mode: a night sea instead of the light one */
static void
test_dark_map (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  guint light_sea, dark_sea;

  TilesWait wait = { win, 0 };

  app_test_open_and_wait (win, file);
  g_assert_true (app_test_wait_until (new_tiles_drawn, &wait, 30000));
  app_test_wait (300);
  g_assert_false (adw_style_manager_get_dark (manager));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-light.png");
  }
  light_sea = count_map_pixels (win, DM_MAP_COLOR_SEA);
  g_assert_cmpuint (light_sea, >, 50);
  g_assert_cmpuint (count_map_pixels (win, DM_MAP_COLOR_DARK_SEA), ==, 0);

  wait.n_drawn = dm_map_source_get_n_drawn (win->map_source);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (app_test_wait_until (new_tiles_drawn, &wait, 30000));
  app_test_wait (300);
  dark_sea = count_map_pixels (win, DM_MAP_COLOR_DARK_SEA);
  g_test_message ("sea pixels: light %u, then dark %u", light_sea, dark_sea);
  g_assert_cmpuint (dark_sea, >, light_sea / 2);
  g_assert_cmpuint (count_map_pixels (win, DM_MAP_COLOR_SEA), ==, 0);
  /* the routes' place names light on a dark halo, as the base map's */
  {
    const DmRouteStyle *style =
      dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (win->routes_layer)));
    guint light_text;

    g_assert_cmphex (dm_rgba_to_hex (&style->label), ==, DM_ROUTE_COLOR_DARK_LABEL);
    g_assert_cmpfloat (style->halo.red + style->halo.green + style->halo.blue, <, 0.8);
    g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));
    app_test_wait (200);
    light_text = count_washington_label_pixels (win, DM_ROUTE_COLOR_DARK_LABEL);
    g_test_message ("light text pixels by Washington: %u", light_text);
    g_assert_cmpuint (light_text, >, 15);
  }
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-dark.png");
  }

  wait.n_drawn = dm_map_source_get_n_drawn (win->map_source);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (app_test_wait_until (new_tiles_drawn, &wait, 30000));
  app_test_wait (300);
  g_assert_cmpuint (count_map_pixels (win, DM_MAP_COLOR_SEA), >, 50);
  {
    const DmRouteStyle *style =
      dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (win->routes_layer)));

    g_assert_cmphex (dm_rgba_to_hex (&style->label), ==, dm_rgba_to_hex (&dm_route_style_get_default ()->label));
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The sidebar's handle (the line between the list and the map) drags its width, kept in
 * settings */
static void
test_sidebar_resizable (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  graphene_point_t in_window;
  double sx, sy;
  int before, after;
  gulong xid;
  g_autoptr(GFile) file = app_test_sample_file ();

  app_test_open_and_wait (win, file);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  before = gtk_widget_get_width (GTK_WIDGET (win->event_list));
  g_assert_cmpint (before, ==, g_settings_get_int (settings, "sidebar-width"));
  g_assert_true (gtk_widget_compute_point (win->sidebar_handle, GTK_WIDGET (win),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (win->sidebar_handle) / 2.0,
                                                                 300), &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (win), &sx, &sy);
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (win)));
  {
    /* 3 px right of the 1 px line: the handle takes a few pixels either side */
    int x = (int) (in_window.x + sx) + 3, y = (int) (in_window.y + sy);
    g_autofree char *down = g_strdup_printf ("mousemove --window %lu %d %d mousedown 1", xid, x, y);
    g_autofree char *step = g_strdup_printf ("mousemove --window %lu %d %d", xid, x + 40, y);
    g_autofree char *far = g_strdup_printf ("mousemove --window %lu %d %d", xid, x + 120, y);

    app_test_xdotool (down);
    app_test_xdotool (step);
    app_test_xdotool (far);
    app_test_xdotool ("mouseup 1");
  }
  app_test_wait (300);
  after = gtk_widget_get_width (GTK_WIDGET (win->event_list));
  g_test_message ("sidebar %d -> %d px", before, after);
  g_assert_cmpint (after, >=, before + 100);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, after);
  gtk_window_destroy (GTK_WINDOW (win));
  g_settings_reset (settings, "sidebar-width");
}

static GtkGesture *
timeline_drag (DmTimeline *timeline)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (timeline));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_DRAG (c))
        return GTK_GESTURE (c);
    }
  g_assert_not_reached ();
}

static gboolean
list_filtered (gpointer data)
{
  DmWindow *win = data;
  return dm_event_list_is_filtered (win->event_list);
}

/* A click on a timeline lane's name filters the list (and so the map) to that actor */
static void
test_lane_click_filters (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  GtkGesture *drag;
  GListModel *shown;
  DmActor *actor;
  double y;
  guint n;

  app_test_open_and_wait (win, file);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  drag = timeline_drag (win->timeline);
  y = dm_timeline_lane_y (win->timeline, 1) + dm_timeline_lane_height (win->timeline) / 2;
  actor = dm_timeline_pick_lane (win->timeline, 20, y);
  g_assert_nonnull (actor);
  g_assert_null (dm_timeline_pick_lane (win->timeline, DM_TIMELINE_LABEL_WIDTH + 20, y));
  g_assert_false (dm_event_list_is_filtered (win->event_list));
  n = g_list_model_get_n_items (dm_event_list_get_model (win->event_list));

  g_signal_emit_by_name (drag, "drag-begin", 20.0, y);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_true (app_test_wait_until (list_filtered, win, 5000));
  shown = dm_event_list_get_model (win->event_list);
  g_test_message ("%s: %u of %u events", dm_actor_get_name (actor), g_list_model_get_n_items (shown), n);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, n);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (shown, i);
      g_assert_true (dm_event_involves (event, actor));
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* win.trail: the sample opens with every leg; a month is chosen from the menu; the default
 * follows the density of the files */
static void
test_trail (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autoptr(GVariant) trail = NULL;
  const DmRouteStyle *style;

  app_test_open_and_wait (win, file);
  trail = g_action_group_get_action_state (G_ACTION_GROUP (win), "trail");
  g_assert_cmpstr (g_variant_get_string (trail, NULL), ==, "all");
  style = dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (win->routes_layer)));
  g_assert_cmpint (style->window, ==, 0);
  g_assert_cmpint (style->future, ==, DM_ROUTE_FUTURE_FAINT);

  g_action_group_activate_action (G_ACTION_GROUP (win), "trail", g_variant_new_string ("month"));
  style = dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (win->routes_layer)));
  g_assert_cmpint (style->window, ==, 30 * 86400);
  g_assert_cmpint (style->future, ==, DM_ROUTE_FUTURE_HIDDEN);
  g_assert_false (style->flows);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));

  /* win.flows toggles flows on, and a trail chosen after keeps them */
  g_action_group_activate_action (G_ACTION_GROUP (win), "flows", NULL);
  style = dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (win->routes_layer)));
  g_assert_true (style->flows);
  g_action_group_activate_action (G_ACTION_GROUP (win), "trail", g_variant_new_string ("all"));
  style = dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (win->routes_layer)));
  g_assert_true (style->flows);
  g_assert_cmpint (style->window, ==, 0);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));
  g_action_group_activate_action (G_ACTION_GROUP (win), "flows", NULL);
  style = dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (win->routes_layer)));
  g_assert_false (style->flows);

  /* the trail and flows chosen in the menu are kept for the next window and files */
  g_action_group_activate_action (G_ACTION_GROUP (win), "trail", g_variant_new_string ("week"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "flows", NULL);
  gtk_window_destroy (GTK_WINDOW (win));
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.diplomap.Diplomap");
    g_autofree char *kept = g_settings_get_string (settings, "trail");
    DmWindow *next;

    g_assert_cmpstr (kept, ==, "week");
    g_assert_true (g_settings_get_boolean (settings, "flows"));
    next = app_test_open_window ();
    app_test_open_and_wait (next, file);
    g_clear_pointer (&trail, g_variant_unref);
    trail = g_action_group_get_action_state (G_ACTION_GROUP (next), "trail");
    g_assert_cmpstr (g_variant_get_string (trail, NULL), ==, "week");
    style = dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (next->routes_layer)));
    g_assert_true (style->flows);
    g_assert_cmpint (style->window, ==, 7 * 86400);
    g_assert_true (app_test_wait_until (app_test_window_routes_ready, next, 30000));
    gtk_window_destroy (GTK_WINDOW (next));
    g_settings_reset (settings, "trail");
    g_settings_reset (settings, "flows");
  }

  /* a few hundred legs: all; 12,000 over 160 years: a year; 3,000 in a year: a week */
  g_assert_cmpstr (dm_window_pick_trail (300, 10 * 365 * 86400.0), ==, "all");
  g_assert_cmpstr (dm_window_pick_trail (12000, 160 * 365 * 86400.0), ==, "year");
  g_assert_cmpstr (dm_window_pick_trail (3000, 365 * 86400.0), ==, "week");
}

/* The map's zoom buttons (actions) and keys: one level in, one out, and all the events */
static void
test_map_zoom (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  double fitted;

  app_test_open_and_wait (win, file);
  g_assert_true (app_test_wait_map_still (win, 5));
  fitted = shumate_viewport_get_zoom_level (viewport);
  g_assert_cmpfloat (fitted, <, shumate_viewport_get_max_zoom_level (viewport) - 2);

  g_action_group_activate_action (G_ACTION_GROUP (win), "map-zoom-in", NULL);
  g_assert_true (app_test_wait_map_still (win, 5));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (fitted) + 1, 0.01);
  g_action_group_activate_action (G_ACTION_GROUP (win), "map-zoom-in", NULL);
  g_assert_true (app_test_wait_map_still (win, 5));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (fitted) + 2, 0.01);
  g_action_group_activate_action (G_ACTION_GROUP (win), "map-zoom-out", NULL);
  g_assert_true (app_test_wait_map_still (win, 5));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), round (fitted) + 1, 0.01);

  /* Ctrl+0: all the events again */
  g_assert_true (press_window_key (win, "<Control>0"));
  g_assert_true (app_test_wait_map_still (win, 5));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), fitted, 0.1);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_settings_kept (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  ShumateViewport *viewport;
  double lat, lon, zoom;

  /* Sidebar, speed and loop are settings as soon as they change */
  g_action_group_activate_action (G_ACTION_GROUP (win), "toggle-sidebar", NULL);
  g_assert_false (adw_flap_get_reveal_flap (win->flap));
  g_assert_false (g_settings_get_boolean (settings, "sidebar-visible"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "speed", g_variant_new_string ("week"));
  g_assert_cmpfloat (dm_playback_get_speed (win->playback), ==, 7 * 86400.0);
  g_assert_cmpfloat (g_settings_get_double (settings, "playback-speed"), ==, 7 * 86400.0);
  g_action_group_activate_action (G_ACTION_GROUP (win), "loop", NULL);
  g_assert_true (g_settings_get_boolean (settings, "loop"));

  /* The view is kept when the window closes */
  viewport = shumate_map_get_viewport (win->map);
  shumate_viewport_set_zoom_level (viewport, 4);
  shumate_map_center_on (win->map, 48.85, 2.35);
  gtk_window_close (GTK_WINDOW (win));
  g_settings_get (settings, "last-view", "(ddd)", &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, 48.85, 0.01);
  g_assert_cmpfloat_with_epsilon (lon, 2.35, 0.01);
  g_assert_cmpfloat_with_epsilon (zoom, 4, 0.01);

  /* and a new window starts from all that */
  win = app_test_open_window ();
  g_assert_false (adw_flap_get_reveal_flap (win->flap));
  g_assert_cmpfloat (dm_playback_get_speed (win->playback), ==, 7 * 86400.0);
  g_assert_true (dm_playback_get_loop (win->playback));
  viewport = shumate_map_get_viewport (win->map);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 48.85, 0.01);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 4, 0.01);
  gtk_window_destroy (GTK_WINDOW (win));
  g_settings_reset (settings, "sidebar-visible");
  g_settings_reset (settings, "playback-speed");
  g_settings_reset (settings, "loop");
  g_settings_reset (settings, "last-view");
}

static void
test_combined_title (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) sample = app_test_sample_file ();
  g_autoptr(GFile) other = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "issue-example.diplomap", NULL));
  g_autofree char *sample_path = g_file_get_path (sample);
  g_autofree char *other_path = g_file_get_path (other);
  const char *tooltip;

  /* Both asked at once: the first one asked names the window, whichever loads first */
  dm_window_open_file (win, sample);
  dm_window_open_file (win, other);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  /* a long first title is shortened, so that the count stays in sight */
  g_assert_cmpstr (adw_window_title_get_title (win->window_title), ==,
                   "Late October 2025: Choe Son Hui to Moscow and…" " + 1 more");
  g_test_message ("subtitle: %s", adw_window_title_get_subtitle (win->window_title));
  g_assert_true (g_str_has_suffix (adw_window_title_get_subtitle (win->window_title), " events in 2 files"));
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (win->window_title));
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, sample_path));
  g_assert_nonnull (strstr (tooltip, other_path));
  /* The map frames the events of both, not only of the one read first */
  app_test_wait (200);
  {
    GListModel *events = dm_document_get_events (win->document);

    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
        GPtrArray *legs = dm_event_get_legs (e);

        if (dm_event_get_place (e) != NULL)
          g_assert_true (shown_on_map (win, dm_event_get_place (e)));
        for (guint k = 0; k < legs->len; k++)
          g_assert_true (shown_on_map (win, ((DmLeg *) g_ptr_array_index (legs, k))->to));
      }
  }
  gtk_window_destroy (GTK_WINDOW (win));

  /* A file that could not be read is not counted */
  win = app_test_open_window ();
  {
    g_autoptr(GFile) broken = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "not-json.diplomap", NULL));

    dm_window_open_file (win, broken);
    dm_window_open_file (win, sample);
    g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
    g_assert_cmpstr (adw_window_title_get_title (win->window_title), ==,
                     "Late October 2025: Choe Son Hui to Moscow and Minsk, Trump in Asia for APEC");
    g_assert_cmpstr (adw_window_title_get_subtitle (win->window_title), ==, "10 events");
    if (win->error_dialog != NULL)
      gtk_window_destroy (GTK_WINDOW (win->error_dialog));
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
view_near (ShumateViewport *viewport,
           double           lat,
           double           lon,
           double           zoom)
{
  return fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - lat) < 0.01 &&
         fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - lon) < 0.01 &&
         fabs (shumate_viewport_get_zoom_level (viewport) - zoom) < 0.01;
}

static void
test_view_restored (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GFile) sample = app_test_sample_file ();
  g_autoptr(GFile) other = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "issue-example.diplomap", NULL));
  g_autofree char *sample_uri = g_file_get_uri (sample);
  g_auto(GStrv) last = NULL;
  DmWindow *win = app_test_open_window ();
  ShumateViewport *viewport;

  /* The sample, looked at over Paris, then the window closes */
  app_test_open_and_wait (win, sample);
  viewport = shumate_map_get_viewport (win->map);
  g_assert_false (view_near (viewport, 48.85, 2.35, 6));
  shumate_viewport_set_zoom_level (viewport, 6);
  shumate_map_center_on (win->map, 48.85, 2.35);
  gtk_window_close (GTK_WINDOW (win));
  last = g_settings_get_strv (settings, "last-files");
  g_assert_cmpuint (g_strv_length (last), ==, 1);
  g_assert_cmpstr (last[0], ==, sample_uri);

  /* Opened again: the map is where it was left, not fitted to the events */
  win = app_test_open_window ();
  app_test_open_and_wait (win, sample);
  app_test_wait (100);
  g_assert_true (view_near (shumate_map_get_viewport (win->map), 48.85, 2.35, 6));
  gtk_window_destroy (GTK_WINDOW (win));

  /* Another file, or the same with another: fitted to its events */
  win = app_test_open_window ();
  app_test_open_and_wait (win, other);
  g_assert_false (view_near (shumate_map_get_viewport (win->map), 48.85, 2.35, 6));
  gtk_window_destroy (GTK_WINDOW (win));
  win = app_test_open_window ();
  dm_window_open_file (win, sample);
  dm_window_open_file (win, other);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  g_assert_false (view_near (shumate_map_get_viewport (win->map), 48.85, 2.35, 6));
  gtk_window_destroy (GTK_WINDOW (win));

  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "last-files");
}

/* A last view beyond what the map shows (the settings may hold anything) is brought within
 * its limits the same way in an empty window and when the same file reopens */
static void
test_last_view_limits (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GFile) sample = app_test_sample_file ();
  g_autofree char *uri = g_file_get_uri (sample);
  const char *uris[] = { uri, NULL };
  double lat[2], zoom[2];
  DmWindow *win;

  for (guint i = 0; i < 2; i++)
    {
      ShumateViewport *viewport;

      g_settings_set (settings, "last-view", "(ddd)", 89.0, 10.0, 20.0);
      g_settings_set_strv (settings, "last-files", uris);
      win = app_test_open_window ();
      if (i == 1)
        app_test_open_and_wait (win, sample);
      app_test_wait (100);
      viewport = shumate_map_get_viewport (win->map);
      lat[i] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      zoom[i] = shumate_viewport_get_zoom_level (viewport);
      g_test_message ("%s: %.2f, zoom %.2f", i == 0 ? "empty" : "reopened", lat[i], zoom[i]);
      g_assert_cmpfloat (zoom[i], ==, shumate_viewport_get_max_zoom_level (viewport));
      g_assert_cmpfloat (fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - 10), <, 0.01);
      gtk_window_destroy (GTK_WINDOW (win));
    }
  g_assert_cmpfloat (fabs (lat[0] - lat[1]), <, 0.01);
  g_assert_cmpfloat (lat[0], >, 80);
  g_assert_cmpfloat (zoom[0], ==, zoom[1]);
  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "last-files");
}

static void
test_empty_state (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GdkTexture) shot = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "empty");
  /* Nothing to play or export yet */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "play"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "export-figure"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "open-sample"));
  app_test_wait (200);
  shot = app_test_render (GTK_WIDGET (win));
  app_test_save (shot, "window-empty.png");
  /* "Open the sample" opens it */
  g_action_group_activate_action (G_ACTION_GROUP (win), "open-sample", NULL);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "main");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "export-figure"));
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_freed_on_close (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  gpointer w_win = win, w_doc, w_layer, w_playback, w_timeline;

  app_test_open_and_wait (win, file);
  w_doc = win->document;
  w_layer = win->routes_layer;
  w_playback = win->playback;
  w_timeline = win->timeline;
  g_object_add_weak_pointer (G_OBJECT (win), &w_win);
  g_object_add_weak_pointer (G_OBJECT (w_doc), &w_doc);
  g_object_add_weak_pointer (G_OBJECT (w_layer), &w_layer);
  g_object_add_weak_pointer (G_OBJECT (w_playback), &w_playback);
  g_object_add_weak_pointer (G_OBJECT (w_timeline), &w_timeline);
  app_test_wait (200);
  gtk_window_destroy (GTK_WINDOW (win));
  app_test_wait (300);
  /* No cycle keeps the document (and what draws it) alive after the window */
  g_assert_null (w_win);
  g_assert_null (w_doc);
  g_assert_null (w_layer);
  g_assert_null (w_playback);
  g_assert_null (w_timeline);
}

typedef struct
{
  DmWindow *win;
  guint     n_between;  /* fractions seen strictly between 0 and 1 */
  gboolean  cancel;     /* Stop Loading at the first report */
} ProgressSeen;

static void
fraction_changed_cb (GtkProgressBar *bar,
                     GParamSpec     *pspec,
                     ProgressSeen   *seen)
{
  double f = gtk_progress_bar_get_fraction (bar);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (seen->win->stack), ==, "loading");
  if (f > 0 && f < 1)
    seen->n_between++;
  if (seen->cancel && f > 0)
    g_action_group_activate_action (G_ACTION_GROUP (seen->win), "cancel-load", NULL);
}

static void
test_us_travels (void)
{
  DmWindow *win = app_test_open_window ();
  ProgressSeen seen = { win, 0, FALSE };
  g_autofree char *name = NULL;

  /* The record that ships with the app: a folder of thousands of events */
  g_signal_connect (win->loading_page_bar, "notify::fraction", G_CALLBACK (fraction_changed_cb), &seen);
  g_action_group_activate_action (G_ACTION_GROUP (win), "open-us-travels", NULL);
  g_assert_cmpuint (dm_window_get_n_loading (win), ==, 1);
  /* the window says what it opens and how far it got */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "loading");
  g_assert_cmpstr (adw_status_page_get_title (win->loading_page), ==, "Opening “us-travels”");
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 30000));
  g_test_message ("%u progress reports", seen.n_between);
  g_assert_cmpuint (seen.n_between, >=, 2);
  g_signal_handlers_disconnect_by_data (win->loading_page_bar, &seen);
  g_assert_false (gtk_widget_get_visible (win->loading_box));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "main");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), >, 4000);
  g_assert_cmpuint (dm_screen_painter_get_n_legs (dm_route_map_layer_get_painter (win->routes_layer)), >, 4000);
  /* Frames keep coming while worker threads draw the routes' caches; then all is shown */
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  g_assert_true (app_test_wait_until (app_test_window_tiles_done, win, 30000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-us-travels.png");
  }
  /* A century and a half of travel opens with a trail of a year, legs to come hidden */
  {
    g_autoptr(GVariant) trail = g_action_group_get_action_state (G_ACTION_GROUP (win), "trail");
    const DmRouteStyle *style =
      dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (win->routes_layer)));

    g_assert_cmpstr (g_variant_get_string (trail, NULL), ==, "year");
    g_assert_cmpint (style->window, ==, 365 * 86400);
    g_assert_cmpint (style->future, ==, DM_ROUTE_FUTURE_HIDDEN);
  }
  /* In June 2018 the year's trail leaves far fewer route pixels than every leg did */
  {
    g_autoptr(GDateTime) june = g_date_time_new_utc (2018, 6, 15, 0, 0, 0);
    guint with_trail, without;

    dm_playback_set_time (win->playback, (double) g_date_time_to_unix (june));
    app_test_wait (300);
    g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));
    app_test_wait (300);
    with_trail = count_saturated_map_pixels (win);
    {
      g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
      app_test_save (shot, "window-us-2018-year.png");
    }
    g_action_group_activate_action (G_ACTION_GROUP (win), "trail", g_variant_new_string ("all"));
    app_test_wait (300);
    g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));
    app_test_wait (300);
    without = count_saturated_map_pixels (win);
    {
      g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
      app_test_save (shot, "window-us-2018-all.png");
    }
    g_test_message ("June 2018: %u route pixels with a year's trail, %u with every leg", with_trail, without);
    g_assert_cmpuint (with_trail, >, 0);
    g_assert_cmpuint (with_trail * 4, <, without);
  }
  /* Framed on where the travels went, not on the one stop in Antarctica (McMurdo): the
   * capitals most visited are on the map */
  {
    const struct { const char *name; double lat, lon; } capitals[] = {
      { "London", 51.51, -0.13 }, { "Paris", 48.86, 2.35 }, { "Moscow", 55.76, 37.62 },
      { "Tokyo", 35.69, 139.69 }, { "Ottawa", 45.42, -75.70 },
    };
    graphene_rect_t map;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (win->map), GTK_WIDGET (win), &map));
    for (guint i = 0; i < G_N_ELEMENTS (capitals); i++)
      {
        int x, y;

        window_point (win, capitals[i].lat, capitals[i].lon, &x, &y);
        g_test_message ("%s at %d,%d", capitals[i].name, x, y);
        /* well inside, not on an edge */
        g_assert_cmpfloat (x, >, map.origin.x + map.size.width * 0.1);
        g_assert_cmpfloat (x, <, map.origin.x + map.size.width * 0.9);
        g_assert_cmpfloat (y, >, map.origin.y + map.size.height * 0.15);
        g_assert_cmpfloat (y, <, map.origin.y + map.size.height * 0.85);
      }
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_cancel_loading (void)
{
  DmWindow *win = app_test_open_window ();
  ProgressSeen seen = { win, 0, TRUE };
  LoadResult result = { FALSE };

  /* Stop Loading as soon as the first files are read: no error, nothing half loaded */
  g_signal_connect (win, "load-finished", G_CALLBACK (load_finished_cb), &result);
  g_signal_connect (win->loading_page_bar, "notify::fraction", G_CALLBACK (fraction_changed_cb), &seen);
  g_action_group_activate_action (G_ACTION_GROUP (win), "open-us-travels", NULL);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 30000));
  g_signal_handlers_disconnect_by_data (win->loading_page_bar, &seen);
  g_assert_true (result.called);
  g_assert_false (result.ok);
  g_assert_null (win->error_dialog);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->stack), ==, "empty");

  /* and the next file opens as usual */
  {
    g_autoptr(GFile) file = app_test_sample_file ();
    app_test_open_and_wait (win, file);
    g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, 10);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Stop Loading once the first of two files is in */
static void
stop_after_first_cb (DmWindow *win,
                     GFile    *file,
                     gboolean  ok,
                     gpointer  data)
{
  if (ok)
    g_action_group_activate_action (G_ACTION_GROUP (win), "cancel-load", NULL);
}

/* The sample and the U.S. record opened together, the record stopped once the sample is
 * in: the map frames the sample, as when the last file loads */
static void
test_framed_after_stop (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) sample = app_test_sample_file ();
  g_autofree char *record = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "us-travels", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (record);
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  double lat, lon, zoom;

  app_test_wait (200);
  g_signal_connect (win, "load-finished", G_CALLBACK (stop_after_first_cb), NULL);
  dm_window_open_file (win, sample);
  dm_window_open_file (win, folder);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 30000));
  g_assert_null (win->error_dialog);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), ==, 10);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  zoom = shumate_viewport_get_zoom_level (viewport);
  g_test_message ("after the stop: %.2f, %.2f, zoom %.2f", lat, lon, zoom);
  dm_window_fit_document (win);
  g_assert_true (view_near (viewport, lat, lon, zoom));
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_close_while_loading (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  gpointer w_win = win;

  /* Closed before the file is read: no warning, and it goes away once the load returns */
  g_object_add_weak_pointer (G_OBJECT (win), &w_win);
  dm_window_open_file (win, file);
  gtk_window_destroy (GTK_WINDOW (win));
  app_test_wait (1500);
  g_assert_null (w_win);
}

/* 59 visits to Paris and one to Cape Town: the frame trims the farthest 2 % of the places
 * the events visit, counted once a visit (the map's box keeps each place once, with a count) */
static void
test_fit_trims_far_place (void)
{
  DmWindow *win = app_test_open_window ();
  g_autofree char *dir = g_dir_make_tmp ("dm-fit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "paris.diplomap", NULL);
  g_autoptr(GString) text = g_string_new ("{\"diplomap\": 1, \"actors\": [{\"id\": \"a\", \"name\": \"A\"}], \"events\": [");
  g_autoptr(GFile) file = NULL;
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  double lat;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "%s{\"id\": \"e%u\", \"type\": \"visit\", \"actor\": \"a\", "
                            "\"place\": \"%s\", \"start\": \"2020-01-%02u\"}",
                            i > 0 ? ", " : "", i, i == 30 ? "Cape Town" : "Paris", i % 28 + 1);
  g_string_append (text, "]}");
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  file = g_file_new_for_path (path);
  app_test_open_and_wait (win, file);
  dm_window_fit_document (win);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  g_test_message ("framed at %.2f", lat);
  /* Paris is at 48.86° N; with Cape Town counted, the frame's middle would be near 8° N */
  g_assert_cmpfloat_with_epsilon (lat, 48.86, 0.5);
  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
not_fitting (gpointer data)
{
  return ((DmWindow *) data)->fit_build == NULL;
}

/* A big document's box of places is made by a worker thread: the map lands where a fit made
 * at once puts it, and a move of the map while it is made drops it (the U.S. record, with
 * every document fitted in a worker) */
static void
test_fit_async_same (void)
{
  DmWindow *win = app_test_open_window ();
  g_autofree char *path = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "us-travels", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_object_unref);
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  ShumateLocation *at = SHUMATE_LOCATION (viewport);
  double lat, lon, zoom;

  app_test_open_and_wait (win, file);
  dm_window_fit_document (win);
  g_assert_null (win->fit_build);
  lat = shumate_location_get_latitude (at);
  lon = shumate_location_get_longitude (at);
  zoom = shumate_viewport_get_zoom_level (viewport);
  g_test_message ("framed at %.3f, %.3f, zoom %.3f", lat, lon, zoom);

  win->fit_async_min_events = 0;
  shumate_viewport_set_zoom_level (viewport, 6);
  shumate_map_center_on (win->map, -33.9, 18.4);
  dm_window_fit_document (win);
  g_assert_nonnull (win->fit_build);
  /* nothing moved yet */
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 6);
  g_assert_true (app_test_wait_until (not_fitting, win, 20000));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (at), lat, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (at), lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 1e-9);

  /* a flight to a place while the box is made: the fit never lands */
  dm_window_fit_document (win);
  g_assert_nonnull (win->fit_build);
  g_ptr_array_add (places, dm_place_new ("cape-town", "Cape Town", "ZA", -33.92, 18.42, NULL));
  dm_window_fly_to_places (win, places, 5, 0);
  g_assert_null (win->fit_build);
  app_test_wait (300);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (at), -33.9, 1);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 5);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  app_test_add_func ("/app/window/empty-state", test_empty_state);
  app_test_add_func ("/app/window/opens-sample", test_opens_sample);
  app_test_add_func ("/app/window/settings-kept", test_settings_kept);
  app_test_add_func ("/app/window/view-restored", test_view_restored);
  app_test_add_func ("/app/window/last-view-limits", test_last_view_limits);
  app_test_add_func ("/app/window/combined-title", test_combined_title);
  app_test_add_func ("/app/window/keyboard", test_keyboard);
  app_test_add_func ("/app/window/keys-after-list-click", test_keys_after_list_click);
  app_test_add_func ("/app/window/handle-drag-scrubs", test_handle_drag_scrubs);
  app_test_add_func ("/app/window/lane-click-filters", test_lane_click_filters);
  app_test_add_func ("/app/window/sidebar-resizable", test_sidebar_resizable);
  app_test_add_func ("/app/window/dark-map", test_dark_map);
  app_test_add_func ("/app/window/right-to-left", test_right_to_left);
  app_test_add_func ("/app/window/trail", test_trail);
  app_test_add_func ("/app/window/map-zoom", test_map_zoom);
  app_test_add_func ("/app/window/search-filters", test_search_filters);
  app_test_add_func ("/app/window/several-files", test_several_files);
  app_test_add_func ("/app/window/select-in-timeline", test_select_in_timeline);
  app_test_add_func ("/app/window/fly-to-trip", test_fly_to_trip);
  app_test_add_func ("/app/window/playback-draws-leg", test_playback_draws_leg);
  app_test_add_func ("/app/window/broken-file", test_broken_file);
  app_test_add_func ("/app/window/error-position-from-data", test_error_position_from_data);
  app_test_add_func ("/app/window/folder-failure-row", test_folder_failure_row);
  app_test_add_func ("/app/window/problems-copy-shown", test_problems_copy_shown);
  app_test_add_func ("/app/window/export-figure", test_export_figure);
  app_test_add_func ("/app/window/export-follows-trail", test_export_follows_trail);
  app_test_add_func ("/app/window/export-data", test_export_data);
  app_test_add_func ("/app/window/open-filters", test_open_filters);
  app_test_add_func ("/app/window/export-keeps-view", test_export_keeps_view);
  app_test_add_func ("/app/window/dialogs", test_dialogs_look);
  app_test_add_func ("/app/window/freed-on-close", test_freed_on_close);
  app_test_add_func ("/app/window/close-while-loading", test_close_while_loading);
  app_test_add_func ("/app/window/us-travels", test_us_travels);
  app_test_add_func ("/app/window/cancel-loading", test_cancel_loading);
  app_test_add_func ("/app/window/framed-after-stop", test_framed_after_stop);
  app_test_add_func ("/app/window/fit-trims-far-place", test_fit_trims_far_place);
  app_test_add_func ("/app/window/fit-async-same", test_fit_async_same);
  app_test_add_func ("/app/window/summit-highlight", test_summit_highlight);
  return g_test_run ();
}
