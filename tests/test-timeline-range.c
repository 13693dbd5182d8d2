/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <math.h>

#include "app-test-util.h"
#include "dm-event-list-private.h"
#include "dm-timeline-private.h"
#include "dm-window-private.h"

/* A date range dragged on the timeline with Shift, with the real pointer and key (xdotool):
 * the From and To filters take its days and the map and list keep the events within */

static char *
format_day (double t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) t);

  return g_date_time_format (dt, "%Y-%m-%d");
}

static void
test_shift_drag_range (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  g_autoptr(GdkTexture) during = NULL;
  graphene_point_t in_window;
  double sx, sy, t0, t1, x0, x1;
  guint before, after;
  gulong xid;
  g_autofree char *day0 = NULL;
  g_autofree char *day1 = NULL;

  g_assert_true (GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (win))));
  g_assert_nonnull (g_find_program_in_path ("xdotool"));
  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  before = g_list_model_get_n_items (dm_document_get_events (win->shown));
  g_assert_cmpuint (before, ==, 10);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win->event_list->from_filter)), ==, "");

  /* from 28 October, noon, to 29 October, noon, in the lanes */
  t0 = 1761652800, t1 = 1761739200;
  x0 = round (dm_timeline_x_for_time (win->timeline, t0));
  x1 = round (dm_timeline_x_for_time (win->timeline, t1));
  g_assert_cmpfloat (x0, >, DM_TIMELINE_LABEL_WIDTH);
  g_assert_cmpfloat (x1, <, dm_timeline_axis_end (win->timeline));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (win->timeline), GTK_WIDGET (win),
                                           &GRAPHENE_POINT_INIT (x0, 60), &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (win), &sx, &sy);
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (win)));
  {
    int x = (int) (in_window.x + sx), y = (int) (in_window.y + sy), dx = (int) (x1 - x0);
    g_autofree char *down = g_strdup_printf ("mousemove --window %lu %d %d keydown shift mousedown 1",
                                             xid, x, y);
    g_autofree char *step = g_strdup_printf ("mousemove --window %lu %d %d", xid, x + dx / 2, y);
    g_autofree char *far = g_strdup_printf ("mousemove --window %lu %d %d", xid, x + dx, y);

    app_test_xdotool (down);
    app_test_xdotool (step);
    app_test_xdotool (far);
    /* the range is shown while dragged, and the playhead has not moved */
    g_assert_true (win->timeline->range_drag);
    during = app_test_render (GTK_WIDGET (win->timeline));
    app_test_save (during, "timeline-range-drag.png");
    g_assert_true (app_test_color_near (app_test_pixel (during, (int) (x0 + x1) / 2, 40), 0x3584e4, 160));
    app_test_xdotool ("mouseup 1 keyup shift");
  }
  g_assert_false (win->timeline->range_drag);
  day0 = format_day (t0);
  day1 = format_day (t1);
  g_test_message ("range %s to %s: From %s, To %s", day0, day1,
                  gtk_editable_get_text (GTK_EDITABLE (win->event_list->from_filter)),
                  gtk_editable_get_text (GTK_EDITABLE (win->event_list->to_filter)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win->event_list->from_filter)), ==, day0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win->event_list->to_filter)), ==, day1);
  dm_window_flush_filters (win);
  after = g_list_model_get_n_items (dm_document_get_events (win->shown));
  g_test_message ("%u events, %u in the range", before, after);
  g_assert_cmpuint (after, <, before);
  g_assert_cmpuint (after, >, 0);
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-range-dragged.png");
  }

  /* a plain drag still scrubs, and leaves the range as it is */
  {
    double time_before = dm_playback_get_time (win->playback);
    int x = (int) (in_window.x + sx), y = (int) (in_window.y + sy);
    g_autofree char *down = g_strdup_printf ("mousemove --window %lu %d %d mousedown 1", xid, x, y);
    g_autofree char *far = g_strdup_printf ("mousemove --window %lu %d %d", xid, x + 60, y);

    app_test_xdotool (down);
    app_test_xdotool (far);
    app_test_xdotool ("mouseup 1");
    g_assert_cmpfloat (dm_playback_get_time (win->playback), !=, time_before);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win->event_list->from_filter)), ==, day0);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  app_test_add_func ("/app/timeline/shift-drag-range", test_shift_drag_range);
  return g_test_run ();
}
