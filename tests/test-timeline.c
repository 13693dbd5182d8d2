/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "app-test-util.h"
#include "dm-timeline-private.h"

/* DmTimeline on its own: stepping between events, keys, zoom, picking, accessibility. */

typedef struct
{
  GtkWindow  *window;
  DmTimeline *timeline;
  DmDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  g_autoptr(GError) error = NULL;

  f->document = dm_document_new ();
  g_assert_true (dm_document_load_file (f->document, file, NULL, &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  f->timeline = DM_TIMELINE (dm_timeline_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->timeline));
  gtk_window_set_default_size (f->window, 1000, 200);
  dm_timeline_set_document (f->timeline, f->document);
  gtk_window_present (f->window);
  app_test_wait (200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->document);
}

static gboolean
press (DmTimeline *timeline,
       guint       keyval)
{
  gboolean handled = FALSE;

  for (GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (timeline)); controllers;)
    {
      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
          if (GTK_IS_EVENT_CONTROLLER_KEY (c))
            g_signal_emit_by_name (c, "key-pressed", keyval, 0, 0, &handled);
        }
      g_object_unref (controllers);
      break;
    }
  return handled;
}

static void
test_step (Fixture       *f,
           gconstpointer  data)
{
  gint64 s, e, first_start = G_MAXINT64;
  DmEvent *first = NULL, *second;
  GListModel *events = dm_document_get_events (f->document);

  g_assert_true (dm_document_get_extent (f->document, &s, &e));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) ev = g_list_model_get_item (events, i);
      gint64 es, ee;
      if (dm_event_get_span (ev, &es, &ee) && es < first_start)
        first_start = es, first = ev;
    }
  dm_timeline_set_time (f->timeline, s - 1);
  /* Right: the first event by start, selected, the playhead on its start */
  g_assert_true (press (f->timeline, GDK_KEY_Right));
  g_assert_true (dm_timeline_get_selected_event (f->timeline) == first);
  g_assert_cmpfloat (dm_timeline_get_time (f->timeline), ==, first_start);
  g_assert_true (press (f->timeline, GDK_KEY_Right));
  second = dm_timeline_get_selected_event (f->timeline);
  g_assert_true (second != first);
  g_assert_cmpfloat (dm_timeline_get_time (f->timeline), >, first_start);
  /* Left goes back */
  g_assert_true (press (f->timeline, GDK_KEY_Left));
  g_assert_true (dm_timeline_get_selected_event (f->timeline) == first);
  /* End and Home */
  g_assert_true (press (f->timeline, GDK_KEY_End));
  g_assert_cmpfloat (dm_timeline_get_time (f->timeline), ==, e);
  g_assert_true (press (f->timeline, GDK_KEY_Home));
  g_assert_cmpfloat (dm_timeline_get_time (f->timeline), ==, s);
  /* Other keys go on to the window */
  g_assert_false (press (f->timeline, GDK_KEY_a));
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  double a, b, c, d;
  g_autoptr(GdkTexture) shot = NULL;

  dm_timeline_get_range (f->timeline, &a, &b);
  g_assert_true (press (f->timeline, GDK_KEY_plus));
  dm_timeline_get_range (f->timeline, &c, &d);
  g_assert_cmpfloat_with_epsilon ((d - c) * 1.5, b - a, 1);
  g_assert_true (press (f->timeline, GDK_KEY_minus));
  dm_timeline_get_range (f->timeline, &c, &d);
  g_assert_cmpfloat_with_epsilon (d - c, b - a, 1);
  /* Never closer than two hours */
  for (int i = 0; i < 40; i++)
    dm_timeline_zoom (f->timeline, 0.5);
  dm_timeline_get_range (f->timeline, &c, &d);
  g_assert_cmpfloat_with_epsilon (d - c, 7200, 1);
  app_test_wait (100);
  shot = app_test_render (GTK_WIDGET (f->window));
  app_test_save (shot, "timeline-hours.png");
}

static void
test_pick (Fixture       *f,
           gconstpointer  data)
{
  GListModel *events = dm_document_get_events (f->document);
  guint found = 0;

  /* Every event is drawn where picking finds it (or one drawn over it, shorter) */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) ev = g_list_model_get_item (events, i);
      double x, y;
      g_assert_true (dm_timeline_get_event_position (f->timeline, ev, &x, &y));
      g_assert_nonnull (dm_timeline_pick (f->timeline, x, y));
      if (dm_timeline_pick (f->timeline, x, y) == ev)
        found++;
    }
  g_assert_cmpuint (found, >=, g_list_model_get_n_items (events) / 2);
  /* The Minsk conference is in each participant's lane: Lavrov's is the third */
  {
    DmEvent *conference = NULL;
    double x, y;

    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(DmEvent) ev = g_list_model_get_item (events, i);
        if (g_str_equal (dm_event_get_id (ev), "minsk-conference"))
          conference = ev;
      }
    g_assert_nonnull (conference);
    g_assert_true (dm_timeline_get_event_position (f->timeline, conference, &x, &y));
    y = dm_timeline_lane_y (f->timeline, 2) + dm_timeline_lane_height (f->timeline) / 2;
    g_assert_true (dm_timeline_pick (f->timeline, x, y) == conference);
  }
  /* The lane labels are not events */
  g_assert_null (dm_timeline_pick (f->timeline, 10, DM_TIMELINE_AXIS_HEIGHT + 5));
}

static GtkGesture *
find_drag (DmTimeline *timeline)
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

static void
test_click_and_drag (Fixture       *f,
                     gconstpointer  data)
{
  GtkGesture *drag = find_drag (f->timeline);
  GListModel *events = dm_document_get_events (f->document);
  g_autoptr(DmEvent) event = g_list_model_get_item (events, 0);
  double x, y, t;
  gint64 s, e;

  /* A click (press and release without moving) on an event selects it, the playhead
   * goes to its start */
  g_assert_true (dm_timeline_get_event_position (f->timeline, event, &x, &y));
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  /* (what is drawn there: the event, or a shorter one over it) */
  g_assert_nonnull (dm_timeline_get_selected_event (f->timeline));
  g_assert_true (dm_timeline_get_selected_event (f->timeline) == dm_timeline_pick (f->timeline, x, y));
  g_assert_true (dm_event_get_span (dm_timeline_get_selected_event (f->timeline), &s, &e));
  g_assert_cmpfloat (dm_timeline_get_time (f->timeline), ==, s);

  /* Dragging scrubs: the playhead follows the pointer */
  x = DM_TIMELINE_LABEL_WIDTH + 200;
  g_signal_emit_by_name (drag, "drag-begin", x, 5.0);
  g_signal_emit_by_name (drag, "drag-update", 150.0, 0.0);
  t = dm_timeline_time_for_x (f->timeline, x + 150);
  g_assert_cmpfloat_with_epsilon (dm_timeline_get_time (f->timeline), t, 1);
  g_signal_emit_by_name (drag, "drag-update", 300.0, 0.0);
  g_assert_cmpfloat (dm_timeline_get_time (f->timeline), >, t);
  g_signal_emit_by_name (drag, "drag-end", 300.0, 0.0);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->timeline)), ==,
                   GTK_ACCESSIBLE_ROLE_SLIDER);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->timeline)));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add ("/app/timeline/step", Fixture, NULL, fixture_set_up, test_step, fixture_tear_down);
  g_test_add ("/app/timeline/zoom", Fixture, NULL, fixture_set_up, test_zoom, fixture_tear_down);
  g_test_add ("/app/timeline/pick", Fixture, NULL, fixture_set_up, test_pick, fixture_tear_down);
  g_test_add ("/app/timeline/click-and-drag", Fixture, NULL, fixture_set_up, test_click_and_drag, fixture_tear_down);
  g_test_add ("/app/timeline/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);
  return g_test_run ();
}
