/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dm-loader.h"
#include "app-test-util.h"
#include "bench-generate.h"
#include "dm-timeline-private.h"
#include "dm-ui-resources.h"

/* DmTimeline on its own: stepping between events, keys, zoom, picking, accessibility. */

typedef struct
{
  GtkWindow  *window;
  DmTimeline *timeline;
  DmDocument *document;
} Fixture;

/* @data: the file to open, or NULL for the sample */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (data ? data : SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  g_autoptr(GError) error = NULL;

  app_test_begin_case ();
  f->document = dm_document_new ();
  g_assert_true (dm_loader_load_file (f->document, file, NULL, &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  f->timeline = DM_TIMELINE (dm_timeline_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->timeline));
  gtk_window_set_default_size (f->window, 1000, 200);
  dm_timeline_set_document (f->timeline, f->document);
  gtk_window_present (f->window);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (f->window), 2));
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
  g_assert_true (app_test_wait_frames (GTK_WIDGET (f->window), 1));
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


/* The start of the first event @actor takes part in, computed here */
static gint64
first_start (DmDocument *document,
             DmActor    *actor)
{
  GListModel *events = dm_document_get_events (document);
  gint64 first = G_MAXINT64;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      gint64 s, end;

      if (dm_event_involves (e, actor) && dm_event_get_span (e, &s, &end))
        first = MIN (first, s);
    }
  return first;
}

/* A texture's pixels, downloaded once (app_test_pixel downloads it for each pixel) */
static guchar *
download (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guchar *data = g_malloc (w * 4 * h);

  gdk_texture_download (texture, data, w * 4);
  return data;
}

/* 0xRRGGBB from Cairo's B, G, R, A bytes */
static guint32
pixel_at (const guchar *data,
          GdkTexture   *texture,
          int           x,
          int           y)
{
  const guchar *p = data + (y * gdk_texture_get_width (texture) + x) * 4;

  return (p[2] << 16) | (p[1] << 8) | p[0];
}

static gboolean
same_pixels (GdkTexture *a,
             GdkTexture *b,
             int         x0,
             int         y0,
             int         x1,
             int         y1)
{
  g_autofree guchar *da = download (a);
  g_autofree guchar *db = download (b);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (pixel_at (da, a, x, y) != pixel_at (db, b, x, y))
        return FALSE;
  return TRUE;
}

/* About 100 actors: lanes keep a readable height, in order of first appearance, and scroll
 * under the axis, which stays */
static void
test_many_lanes (Fixture       *f,
                 gconstpointer  data)
{
  DmTimeline *t = f->timeline;
  GtkAdjustment *adj = t->vadjustment;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  double a, b, c, d, x, y, right = dm_timeline_axis_end (t);
  int h = gtk_widget_get_height (GTK_WIDGET (t));
  gint64 previous = G_MININT64;

  g_test_message ("%u lanes of %.0f px in %d px", t->lanes->len, dm_timeline_lane_height (t), h);
  g_assert_cmpuint (t->lanes->len, >, 50);
  g_assert_cmpfloat (dm_timeline_lane_height (t), >=, DM_TIMELINE_LANE_MIN_HEIGHT);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj));
  g_assert_true (gtk_widget_get_visible (t->scrollbar));

  /* by first appearance, "others" last */
  for (guint i = 0; i < t->lanes->len; i++)
    {
      DmActor *actor = g_ptr_array_index (t->lanes, i);
      gint64 first;

      if (actor == NULL)
        {
          g_assert_cmpuint (i, ==, t->lanes->len - 1);
          continue;
        }
      first = first_start (f->document, actor);
      g_assert_cmpint (first, >=, previous);
      previous = first;
    }

  /* The wheel scrolls the lanes; the axis stays, time does not move */
  dm_timeline_get_range (t, &a, &b);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
  before = app_test_render (GTK_WIDGET (t));
  g_assert_true (dm_timeline_scroll (t, 0, 2, 0, GDK_SCROLL_UNIT_WHEEL));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  dm_timeline_get_range (t, &c, &d);
  g_assert_cmpfloat (c, ==, a);
  g_assert_cmpfloat (d, ==, b);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
  after = app_test_render (GTK_WIDGET (t));
  app_test_save (after, "timeline-many-lanes.png");
  g_assert_true (same_pixels (before, after, DM_TIMELINE_LABEL_WIDTH, 0, (int) right, DM_TIMELINE_AXIS_HEIGHT - 2));
  g_assert_false (same_pixels (before, after, 0, DM_TIMELINE_AXIS_HEIGHT + 2, (int) right, h));
  /* what is drawn is what is picked */
  for (guint i = 0; i < t->items->len; i++)
    {
      DmTimelineItem *item = &g_array_index (t->items, DmTimelineItem, i);
      if (dm_timeline_get_event_position (t, item->event, &x, &y) &&
          y > DM_TIMELINE_AXIS_HEIGHT + 2 && y < h - 2 && x > DM_TIMELINE_LABEL_WIDTH && x < right)
        g_assert_nonnull (dm_timeline_pick (t, x, y));
    }
  /* nothing under the axis */
  g_assert_null (dm_timeline_pick (t, right / 2, DM_TIMELINE_AXIS_HEIGHT - 3));
  /* scrolling back up, as far as it goes */
  g_assert_true (dm_timeline_scroll (t, 0, -100, 0, GDK_SCROLL_UNIT_WHEEL));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);

  /* Selecting an event of the last lane (from the list or the map) scrolls to it */
  for (guint i = 0; i < t->items->len; i++)
    {
      DmTimelineItem *item = &g_array_index (t->items, DmTimelineItem, i);

      if (item->lane != t->lanes->len - 1)
        continue;
      dm_timeline_set_selected_event (t, item->event);
      g_assert_true (dm_timeline_get_event_position (t, item->event, &x, &y));
      g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
      g_assert_cmpfloat (y, >, DM_TIMELINE_AXIS_HEIGHT);
      g_assert_cmpfloat (y, <, h);
      break;
    }
  g_assert_true (dm_timeline_scroll (t, 0, -100, 0, GDK_SCROLL_UNIT_WHEEL));

  /* Ctrl+wheel zooms time around the pointer, the lanes stay */
  t->pointer_x = right / 2;
  g_assert_true (dm_timeline_scroll (t, 0, -1, GDK_CONTROL_MASK, GDK_SCROLL_UNIT_WHEEL));
  dm_timeline_get_range (t, &c, &d);
  g_assert_cmpfloat_with_epsilon ((d - c) * 1.15, b - a, 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  /* Shift+wheel moves along time, as a sideways scroll does */
  g_assert_true (dm_timeline_scroll (t, 0, 1, GDK_SHIFT_MASK, GDK_SCROLL_UNIT_WHEEL));
  dm_timeline_get_range (t, &a, &b);
  g_assert_cmpfloat (a, >, c);
  g_assert_cmpfloat_with_epsilon (b - a, d - c, 1);
  g_assert_true (dm_timeline_scroll (t, -1, 0, 0, GDK_SCROLL_UNIT_WHEEL));
  dm_timeline_get_range (t, &c, &d);
  g_assert_cmpfloat (c, <, a);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);

  /* The scroll controller is wired to it: a plain scroll moves the lanes */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (t));
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) ctl = g_list_model_get_item (controllers, i);
        if (GTK_IS_EVENT_CONTROLLER_SCROLL (ctl))
          g_signal_emit_by_name (ctl, "scroll", 0.0, 1.0, &handled);
      }
    g_assert_true (handled);
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  }
}

/* The sample's six lanes fit: nothing to scroll, the wheel is left to others */
static void
test_few_lanes (Fixture       *f,
                gconstpointer  data)
{
  int min, nat;

  g_assert_false (gtk_widget_get_visible (f->timeline->scrollbar));
  g_assert_false (dm_timeline_scroll (f->timeline, 0, 1, 0, GDK_SCROLL_UNIT_WHEEL));
  /* as high as its lanes at their smallest, under the map */
  gtk_widget_measure (GTK_WIDGET (f->timeline), GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, >=, DM_TIMELINE_AXIS_HEIGHT + 6 * DM_TIMELINE_LANE_MIN_HEIGHT);
  g_assert_cmpint (nat, <=, DM_TIMELINE_AXIS_HEIGHT + 6 * DM_TIMELINE_LANE_HEIGHT);
}

/* The tooltip names the event under the pointer, or the lane's actor */
static void
test_tooltip (Fixture       *f,
              gconstpointer  data)
{
  GListModel *events = dm_document_get_events (f->document);
  DmTimeline *t = f->timeline;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) ev = g_list_model_get_item (events, i);
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;
      DmEvent *shown;
      double x, y;

      g_assert_true (dm_timeline_get_event_position (t, ev, &x, &y));
      shown = dm_timeline_pick (t, x, y);
      text = dm_timeline_dup_tooltip_text (t, x, y);
      title = dm_event_dup_display_title (shown);
      g_assert_nonnull (text);
      g_assert_true (g_str_has_prefix (text, title));
      n += shown == ev;
    }
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < t->lanes->len; i++)
    {
      DmActor *actor = g_ptr_array_index (t->lanes, i);
      g_autofree char *text = dm_timeline_dup_tooltip_text (t, 10, dm_timeline_lane_y (t, i) + 5);

      g_assert_nonnull (text);
      if (actor != NULL)
        g_assert_true (g_str_has_prefix (text, dm_actor_get_name (actor)));
    }
  g_assert_null (dm_timeline_dup_tooltip_text (t, 300, 5));
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (t)));
}

static gboolean
dark_in (GdkTexture *texture,
         int         x0,
         int         x1,
         int         y0,
         int         y1)
{
  g_autofree guchar *data = download (texture);

  for (int y = y0; y < y1; y++)
    for (int x = MAX (x0, 0); x < x1; x++)
      {
        guint32 p = pixel_at (data, texture, x, y);
        if (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff) < 3 * 150)
          return TRUE;
      }
  return FALSE;
}

/* A tick near the right end keeps its label whole, left of its line */
static void
test_tick_labels (Fixture       *f,
                  gconstpointer  data)
{
  DmTimeline *t = f->timeline;
  g_autoptr(GDateTime) day = g_date_time_new_utc (2025, 10, 31, 0, 0, 0);
  g_autoptr(GdkTexture) shot = NULL;
  double right = dm_timeline_axis_end (t), w = right - DM_TIMELINE_LABEL_WIDTH;
  double span = 7 * 86400, m = g_date_time_to_unix (day), tick_x;

  /* the playhead away; the midnight of 31 October 6 pixels from the end */
  dm_timeline_set_time (t, m - 30 * 86400);
  dm_timeline_set_range (t, m - (w - 6) / w * span, m - (w - 6) / w * span + span);
  tick_x = dm_timeline_x_for_time (t, m);
  g_assert_cmpfloat_with_epsilon (tick_x, right - 6, 0.5);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
  shot = app_test_render (GTK_WIDGET (t));
  app_test_save (shot, "timeline-tick-labels.png");
  /* no glyph cut at the end; the label left of its line */
  g_assert_false (dark_in (shot, (int) right - 5, (int) right, 2, DM_TIMELINE_AXIS_HEIGHT - 3));
  g_assert_true (dark_in (shot, (int) tick_x - 60, (int) tick_x - 2, 2, DM_TIMELINE_AXIS_HEIGHT - 3));
}

static gboolean
reddish_in (GdkTexture *texture)
{
  g_autofree guchar *data = download (texture);

  for (int y = 0; y < gdk_texture_get_height (texture); y++)
    for (int x = 0; x < gdk_texture_get_width (texture); x++)
      {
        guint32 p = pixel_at (data, texture, x, y);
        if ((int) ((p >> 16) & 0xff) - (int) ((p >> 8) & 0xff) > 100)
          return TRUE;
      }
  return FALSE;
}

/* A file of places without dates (issue 10): "No dates" in the middle, no axis at
 * 1 January 1970, no playhead; the sample has its axis and its playhead */
static void
test_no_dates (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->timeline);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double right = dm_timeline_axis_end (f->timeline);
  double mid = (DM_TIMELINE_LABEL_WIDTH + right) / 2;
  g_autoptr(GdkTexture) shot = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (f->document)), ==, 0);
  g_assert_true (app_test_wait_frames (widget, 1));
  shot = app_test_render (widget);
  app_test_save (shot, "timeline-no-dates.png");
  g_assert_cmpint (gdk_texture_get_width (shot), ==, w);
  /* the words in the middle, nothing on the axis, no red playhead */
  g_assert_true (dark_in (shot, (int) mid - 40, (int) mid + 40, h / 2 - 10, h / 2 + 10));
  g_assert_false (dark_in (shot, DM_TIMELINE_LABEL_WIDTH + 2, (int) right, 0, DM_TIMELINE_AXIS_HEIGHT - 1));
  g_assert_false (reddish_in (shot));
}

static void
test_dates (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GdkTexture) shot = NULL;
  double a, b;

  dm_timeline_get_range (f->timeline, &a, &b);
  dm_timeline_set_time (f->timeline, (a + b) / 2);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (f->timeline), 1));
  shot = app_test_render (GTK_WIDGET (f->timeline));
  g_assert_true (dark_in (shot, DM_TIMELINE_LABEL_WIDTH + 2, (int) dm_timeline_axis_end (f->timeline),
                          0, DM_TIMELINE_AXIS_HEIGHT - 1));
  g_assert_true (reddish_in (shot));
}

static gboolean
blueish (guint32 p)
{
  return (int) (p & 0xff) - (int) ((p >> 16) & 0xff) > 60;
}

/* A focus ring only when the focus came from the keyboard */
static void
test_focus_visible (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->timeline);
  int h = gtk_widget_get_height (widget);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  /* the app's style sheet, as AdwApplication loads it (referring to the resource links it) */
  g_assert_nonnull (dm_ui_get_resource ());
  gtk_css_provider_load_from_resource (css, "/io/github/diplomap/Diplomap/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_grab_focus (widget);
  g_assert_true (gtk_widget_has_focus (widget));
  gtk_window_set_focus_visible (f->window, FALSE);
  g_assert_true (app_test_wait_frames (widget, 1));
  {
    g_autoptr(GdkTexture) shot = app_test_render (widget);
    g_test_message ("edge without focus-visible: %06x", app_test_pixel (shot, 1, h / 2));
    g_assert_false (blueish (app_test_pixel (shot, 1, h / 2)));
  }
  gtk_window_set_focus_visible (f->window, TRUE);
  g_assert_true (app_test_wait_frames (widget, 1));
  {
    g_autoptr(GdkTexture) shot = app_test_render (widget);
    g_test_message ("edge with focus-visible: %06x", app_test_pixel (shot, 1, h / 2));
    app_test_save (shot, "timeline-focus-visible.png");
    g_assert_true (blueish (app_test_pixel (shot, 1, h / 2)));
  }
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
}

static int
channel_distance (guint32 a,
                  guint32 b)
{
  int d = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    d = MAX (d, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return d;
}

/* The item of the event @id, its box on screen */
static const DmTimelineItem *
find_item (DmTimeline *t,
           const char *id)
{
  for (guint i = 0; i < t->items->len; i++)
    {
      const DmTimelineItem *item = &g_array_index (t->items, DmTimelineItem, i);
      if (g_strcmp0 (dm_event_get_id (item->event), id) == 0)
        return item;
    }
  g_assert_not_reached ();
}

/* Each of the five statuses drawn its own way, told apart without colour: completed solid in
 * the actor's colour, confirmed lighter, planned hollow (the lane's background at its centre)
 * with a solid border, announced hollow with a dashed border, cancelled hollow and crossed;
 * and no status given hollow with a dash-and-dot border, not solid as completed */
static void
test_statuses (Fixture       *f,
               gconstpointer  data)
{
  DmTimeline *t = f->timeline;
  const char *kinds[] = { "v", "t" };
  double lane_h = dm_timeline_lane_height (t);
  g_autoptr(GdkTexture) shot = NULL;
  g_autofree guchar *px = NULL;

  dm_timeline_set_time (t, 1761868800 + 40 * 86400.);
  dm_timeline_set_range (t, 1761868800 /* 31 Oct 2025 */, 1761868800 + 20 * 86400.);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
  shot = app_test_render (GTK_WIDGET (t));
  app_test_save (shot, "timeline-statuses.png");
  px = download (shot);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *id_completed = g_strdup_printf ("%s-completed", kinds[k]);
      const DmTimelineItem *completed = find_item (t, id_completed);
      double y = dm_timeline_lane_y (t, completed->lane), mid = y + lane_h / 2;
      /* the lane's background: between the first two events */
      guint32 bg = pixel_at (px, shot, (int) dm_timeline_x_for_time (t, 1761868800 + 3.5 * 86400), (int) mid);
      guint32 solid, light, planned, announced, cancelled;
      double top = k == 0 ? y + 3.5 : mid - lane_h * 0.22 + 0.5;
      int gaps_planned = 0, gaps_announced = 0, n = 0;

#define CENTRE(status) \
      pixel_at (px, shot, \
                (int) ((dm_timeline_x_for_time (t, find_item (t, status)->start) + \
                        dm_timeline_x_for_time (t, find_item (t, status)->end)) / 2), (int) mid)
      g_autofree char *a = g_strdup_printf ("%s-announced", kinds[k]);
      g_autofree char *p = g_strdup_printf ("%s-planned", kinds[k]);
      g_autofree char *c = g_strdup_printf ("%s-confirmed", kinds[k]);
      g_autofree char *x = g_strdup_printf ("%s-cancelled", kinds[k]);

      solid = CENTRE (id_completed);
      light = CENTRE (c);
      planned = CENTRE (p);
      announced = CENTRE (a);
      cancelled = CENTRE (x);
#undef CENTRE
      g_test_message ("%s: bg %06x completed %06x confirmed %06x planned %06x announced %06x cancelled %06x",
                      kinds[k], bg, solid, light, planned, announced, cancelled);
      /* solid ones in the actor's colour, confirmed half way to the background */
      g_assert_cmpint (channel_distance (solid, bg), >, 60);
      g_assert_cmpint (channel_distance (light, bg), >, 20);
      g_assert_cmpint (channel_distance (light, solid), >, 20);
      /* hollow ones: the background at their centre */
      g_assert_cmpint (channel_distance (planned, bg), <=, 3);
      g_assert_cmpint (channel_distance (announced, bg), <=, 3);
      /* cancelled: its cross goes through its centre */
      g_assert_cmpint (channel_distance (cancelled, bg), >, 40);

      /* the tooltip names the status */
      for (DmStatus st = DM_STATUS_ANNOUNCED; st <= DM_STATUS_CANCELLED; st++)
        {
          g_autofree char *id = g_strdup_printf ("%s-%s", kinds[k], dm_status_to_string (st));
          const DmTimelineItem *item = find_item (t, id);
          double cx = (dm_timeline_x_for_time (t, item->start) + dm_timeline_x_for_time (t, item->end)) / 2;
          g_autofree char *text = dm_timeline_dup_tooltip_text (t, cx, mid);

          g_assert_nonnull (text);
          g_assert_nonnull (strstr (text, dm_status_get_label (st)));
        }
      /* a solid border for planned, a dashed one for announced, along their top edges */
      for (double ex = dm_timeline_x_for_time (t, find_item (t, p)->start) + 3;
           ex < dm_timeline_x_for_time (t, find_item (t, p)->end) - 3; ex++, n++)
        {
          double shift = dm_timeline_x_for_time (t, find_item (t, a)->start) -
                         dm_timeline_x_for_time (t, find_item (t, p)->start);
          gaps_planned += channel_distance (pixel_at (px, shot, (int) ex, (int) top), bg) < 30;
          gaps_announced += channel_distance (pixel_at (px, shot, (int) (ex + shift), (int) top), bg) < 30;
        }
      g_test_message ("%s: %d of %d border pixels gaps (planned), %d (announced)", kinds[k],
                      gaps_planned, n, gaps_announced);
      g_assert_cmpint (n, >, 20);
      g_assert_cmpint (gaps_planned, ==, 0);
      g_assert_cmpint (gaps_announced, >, n / 5);
    }

  /* no status given (21-22 November): hollow, with a broken (dash and dot) border, never solid
   * as completed (13-14 November) */
  g_clear_object (&shot);
  g_clear_pointer (&px, g_free);
  dm_timeline_set_range (t, 1761868800 + 11 * 86400., 1761868800 + 25 * 86400.);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
  shot = app_test_render (GTK_WIDGET (t));
  app_test_save (shot, "timeline-no-status.png");
  px = download (shot);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *id_none = g_strdup_printf ("%s-none", kinds[k]);
      g_autofree char *id_completed = g_strdup_printf ("%s-completed", kinds[k]);
      const DmTimelineItem *none = find_item (t, id_none), *completed = find_item (t, id_completed);
      double y = dm_timeline_lane_y (t, none->lane), mid = y + lane_h / 2;
      double top = k == 0 ? y + 3.5 : mid - lane_h * 0.22 + 0.5;
      double x0 = dm_timeline_x_for_time (t, none->start), x1 = dm_timeline_x_for_time (t, none->end);
      guint32 bg = pixel_at (px, shot, (int) dm_timeline_x_for_time (t, 1761868800 + 19.5 * 86400), (int) mid);
      guint32 centre = pixel_at (px, shot, (int) ((x0 + x1) / 2), (int) mid);
      guint32 solid = pixel_at (px, shot, (int) ((dm_timeline_x_for_time (t, completed->start) +
                                                  dm_timeline_x_for_time (t, completed->end)) / 2),
                                (int) mid);
      int gaps = 0, n = 0;

      for (double ex = x0 + 3; ex < x1 - 3; ex++, n++)
        gaps += channel_distance (pixel_at (px, shot, (int) ex, (int) top), bg) < 30;
      g_test_message ("%s: no status: centre %06x (bg %06x, completed %06x), %d of %d border "
                      "pixels gaps", kinds[k], centre, bg, solid, gaps, n);
      g_assert_cmpint (channel_distance (solid, bg), >, 60);
      g_assert_cmpint (channel_distance (centre, bg), <=, 3);
      g_assert_cmpint (n, >, 20);
      g_assert_cmpint (gaps, >, n / 8);
    }
}

/* The distance from the lane's background of the row through @item's middle at times @t */
static int
lane_distance (DmTimeline           *t,
               const guchar         *px,
               GdkTexture           *shot,
               const DmTimelineItem *item,
               gint64                time)
{
  double mid = dm_timeline_lane_y (t, item->lane) + dm_timeline_lane_height (t) / 2;
  guint32 bg = pixel_at (px, shot, (int) dm_timeline_x_for_time (t, 1761868800 + 11 * 86400), (int) mid);

  return channel_distance (pixel_at (px, shot, (int) dm_timeline_x_for_time (t, time), (int) mid), bg);
}

/* A visit whose start was "about" a day or "about" a time, or given as a period, fades in
 * over the range its start may lie in (a day either side of "about" a day, two hours either
 * side of "about" a time: dm_time_get_drawn_range; and a ranged end fades out): the alpha
 * grows through the range, where an exact start is a sharp edge at full colour */
static void
test_vague_ends (Fixture       *f,
                 gconstpointer  data)
{
  DmTimeline *t = f->timeline;
  const DmTimelineItem *exact = find_item (t, "exact");
  const DmTimelineItem *approx = find_item (t, "approximate");
  const DmTimelineItem *ranged = find_item (t, "ranged");
  const DmTimelineItem *approx_time = find_item (t, "approximate-time");
  const DmTime *as = dm_event_get_start (approx->event);
  const DmTime *rs = dm_event_get_start (ranged->event), *re = dm_event_get_end (ranged->event);
  g_autoptr(GdkTexture) shot = NULL;
  g_autofree guchar *px = NULL;
  int prev = -1;

  g_assert_true (dm_time_is_vague (as));
  g_assert_true (dm_time_is_vague (rs));
  g_assert_true (dm_time_is_vague (dm_event_get_start (approx_time->event)));
  g_assert_false (dm_time_is_vague (dm_event_get_start (exact->event)));
  dm_timeline_set_time (t, 1761868800 + 40 * 86400.);
  dm_timeline_set_range (t, 1761868800 /* 31 Oct 2025 */, 1761868800 + 12 * 86400.);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
  shot = app_test_render (GTK_WIDGET (t));
  app_test_save (shot, "timeline-vague.png");
  px = download (shot);

  /* exact: whole from its first pixel */
  {
    int solid = lane_distance (t, px, shot, exact, exact->start + 2 * 86400);
    int edge = lane_distance (t, px, shot, exact, exact->start + 3600 * 2);

    g_test_message ("exact: edge %d, middle %d", edge, solid);
    g_assert_cmpint (solid, >, 60);
    g_assert_cmpint (ABS (edge - solid), <=, 3);
  }
  /* approximate and ranged: fainter early in the range, growing, whole after it */
  for (guint k = 0; k < 3; k++)
    {
      const DmTimelineItem *item = k == 0 ? approx : k == 1 ? ranged : approx_time;
      const DmTime *start = dm_event_get_start (item->event);
      gint64 s0, s1;
      int solid;

      g_assert_true (dm_time_get_drawn_range (start, &s0, &s1));
      /* the bar begins where the range does */
      g_assert_cmpint (item->start, ==, s0);
      solid = lane_distance (t, px, shot, item, s1 + 3600 * 6);
      for (double q = 0.1; q <= 0.9; q += 0.2)
        {
          int d = lane_distance (t, px, shot, item, s0 + (gint64) (q * (s1 - s0)));

          g_test_message ("%s at %.0f%% of its start range: %d (whole %d)",
                          dm_event_get_id (item->event), q * 100, d, solid);
          g_assert_cmpint (d, >=, prev);
          g_assert_cmpint (d, <, solid - 3);
          prev = d;
        }
      g_assert_cmpint (lane_distance (t, px, shot, item, s0 + (s1 - s0) / 40), <, solid / 3);
      prev = -1;
    }
  /* a ranged end fades out over its range */
  g_assert_cmpint (lane_distance (t, px, shot, ranged, re->earliest + (re->latest - re->earliest) / 10), >,
                   lane_distance (t, px, shot, ranged, re->earliest + (re->latest - re->earliest) * 9 / 10) + 10);
}

/* The ticks fall on round years as people count them ("500 BC", "400 BC"… "1", "100"), not on
 * round ISO 8601 years ("501 BC" is -0500), in the view as loaded and zoomed in */
static void
check_round_years (DmTimeline *timeline)
{
  g_auto(GStrv) labels = dm_timeline_dup_tick_labels (timeline);
  g_autofree char *joined = g_strjoinv (", ", labels);
  guint bc = 0, ad = 0;

  g_test_message ("ticks: %s", joined);
  g_assert_cmpuint (g_strv_length (labels), >=, 3);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 year = g_ascii_strtoll (labels[i], &end, 10);

      g_assert_true (end != labels[i]);
      if (g_str_equal (end, " BC"))
        bc++;
      else
        {
          g_assert_cmpstr (end, ==, "");
          ad++;
        }
      /* 1 BC is followed by the year 1, not a year 0 */
      if (year != 1)
        g_assert_cmpint (year % 10, ==, 0);
    }
  g_assert_cmpuint (bc, >, 0);
  g_assert_cmpuint (ad, >, 0);
}

/* A document of dates before the common era (issue 10): the range is its own, not 1970's, and
 * the axis has its labels */
static void
test_before_common_era (Fixture       *f,
                        gconstpointer  data)
{
  double a, b;
  g_autoptr(GdkTexture) shot = NULL;
  double right = dm_timeline_axis_end (f->timeline);

  dm_timeline_get_range (f->timeline, &a, &b);
  g_test_message ("range %.0f to %.0f", a, b);
  g_assert_cmpfloat (a, <=, (double) dm_civil_days (-500, 1, 1) * 86400);
  g_assert_cmpfloat (b, >=, (double) dm_civil_days (677, 5, 1) * 86400);
  g_assert_cmpfloat (b, <, (double) dm_civil_days (1000, 1, 1) * 86400);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (f->timeline), 1));
  shot = app_test_render (GTK_WIDGET (f->timeline));
  app_test_save (shot, "timeline-before-common-era.png");
  /* tick labels along the axis ("500 BC", "300 BC"…) */
  g_assert_true (dark_in (shot, DM_TIMELINE_LABEL_WIDTH + 10, (int) right - 10, 2, DM_TIMELINE_AXIS_HEIGHT - 3));
  check_round_years (f->timeline);
  /* zoomed in around the year 1: 100 BC, the year 1 and 100 are ticks (no "1 BC", no "0") */
  dm_timeline_set_range (f->timeline, (double) dm_civil_days (-199, 1, 1) * 86400,
                         (double) dm_civil_days (200, 1, 1) * 86400);
  check_round_years (f->timeline);
  {
    g_auto(GStrv) labels = dm_timeline_dup_tick_labels (f->timeline);

    g_assert_true (g_strv_contains ((const char * const *) labels, "100 BC"));
    g_assert_true (g_strv_contains ((const char * const *) labels, "1"));
    g_assert_true (g_strv_contains ((const char * const *) labels, "100"));
    g_assert_false (g_strv_contains ((const char * const *) labels, "1 BC"));
  }
}

/* Playing moves the playhead alone: the lanes, names and events are not drawn again, and
 * the picture is the one a fresh timeline draws at that time */
static void
test_playhead_only (Fixture       *f,
                    gconstpointer  data)
{
  double start, end, t1, t2, x1, x2;
  guint n_still;
  g_autoptr(GdkTexture) moved = NULL;
  g_autoptr(GdkTexture) fresh_picture = NULL;
  DmTimeline *fresh;
  GtkWindow *window;
  guint n_differ = 0;
  int y = (int) DM_TIMELINE_AXIS_HEIGHT + 4;

  dm_timeline_get_range (f->timeline, &start, &end);
  t1 = start + (end - start) * 0.3;
  t2 = start + (end - start) * 0.6;
  dm_timeline_set_time (f->timeline, t1);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (f->window), 2));
  n_still = dm_timeline_get_n_still_draws (f->timeline);
  g_assert_cmpuint (n_still, >, 0);
  for (guint i = 1; i <= 10; i++)
    {
      dm_timeline_set_time (f->timeline, t1 + (t2 - t1) * i / 10);
      g_assert_true (app_test_wait_frames (GTK_WIDGET (f->window), 1));
    }
  g_assert_cmpuint (dm_timeline_get_n_still_draws (f->timeline), ==, n_still);
  moved = app_test_render (GTK_WIDGET (f->timeline));
  x1 = dm_timeline_x_for_time (f->timeline, t1);
  x2 = dm_timeline_x_for_time (f->timeline, t2);
  /* the playhead (red) is at its new place, not at the old one */
  g_assert_true (app_test_color_near (app_test_pixel (moved, (int) round (x2), y), 0xe01b24, 40));
  g_assert_false (app_test_color_near (app_test_pixel (moved, (int) round (x1), y), 0xe01b24, 40));

  /* A timeline drawn for the first time at t2, the same size */
  window = GTK_WINDOW (gtk_window_new ());
  fresh = DM_TIMELINE (dm_timeline_new ());
  gtk_window_set_child (window, GTK_WIDGET (fresh));
  gtk_window_set_default_size (window, gtk_widget_get_width (GTK_WIDGET (f->window)),
                               gtk_widget_get_height (GTK_WIDGET (f->window)));
  dm_timeline_set_document (fresh, f->document);
  dm_timeline_set_range (fresh, start, end);
  dm_timeline_set_time (fresh, t2);
  gtk_window_present (window);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (window), 2));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fresh)), ==, gtk_widget_get_width (GTK_WIDGET (f->timeline)));
  fresh_picture = app_test_render (GTK_WIDGET (fresh));
  {
    int w = gdk_texture_get_width (moved), h = gdk_texture_get_height (moved);
    g_autofree guchar *a = g_malloc (w * h * 4);
    g_autofree guchar *b = g_malloc (w * h * 4);

    g_assert_cmpint (gdk_texture_get_width (fresh_picture), ==, w);
    g_assert_cmpint (gdk_texture_get_height (fresh_picture), ==, h);
    gdk_texture_download (moved, a, w * 4);
    gdk_texture_download (fresh_picture, b, w * 4);
    for (int i = 0; i < w * h; i++)
      for (int c = 0; c < 4; c++)
        if (ABS (a[i * 4 + c] - b[i * 4 + c]) > 24)
          {
            n_differ++;
            break;
          }
  }
  g_test_message ("%u pixels differ from a fresh timeline", n_differ);
  /* the axis' line crosses the playhead: at most its two soft edge pixels differ */
  g_assert_cmpuint (n_differ, <=, 2);
  gtk_window_destroy (window);
}

typedef struct
{
  DmEvent *event;
  gint64   start;
  gint64   end;
  DmActor *actor;   /* its lane's, NULL for "others" */
} NaiveItem;

static int
compare_naive (gconstpointer a,
               gconstpointer b)
{
  const NaiveItem *ia = a, *ib = b;

  return (ia->start > ib->start) - (ia->start < ib->start);
}

/* The items of @doc as the timeline first built them: an item for each event with a time and
 * one more for each other participant, in the document's order, then sorted stably by start */
static GArray *
naive_items (DmDocument *doc)
{
  GListModel *events = dm_document_get_events (doc);
  GArray *items = g_array_new (FALSE, TRUE, sizeof (NaiveItem));

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *parts = dm_event_get_participants (event);
      DmActor *actor = dm_event_get_actor (event);
      NaiveItem item = { event };

      if (!dm_event_get_drawn_span (event, &item.start, &item.end))
        continue;
      if (actor == NULL && parts->len > 0)
        actor = g_ptr_array_index (parts, 0);
      item.actor = actor;
      g_array_append_val (items, item);
      for (guint j = 0; j < parts->len; j++)
        if (g_ptr_array_index (parts, j) != actor)
          {
            item.actor = g_ptr_array_index (parts, j);
            g_array_append_val (items, item);
          }
    }
  g_array_sort (items, compare_naive);
  return items;
}

/* The items, built by sorting the events (not the items), with each lane's index: the same
 * items in the same order as the plain build, whether the events come in time order or not
 * (the sample and the U.S. record, as they are and reversed) */
static void
test_same_as_naive (void)
{
  g_autofree char *record = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "us-travels", NULL);
  const char *paths[] = { SOURCE_SAMPLES_DIR "/october-2025.diplomap", record };

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint reversed = 0; reversed <= 1; reversed++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (paths[p]);
        g_autoptr(DmDocument) doc = dm_document_new ();
        g_autoptr(DmDocument) view = NULL;
        g_autoptr(GListStore) order = g_list_store_new (DM_TYPE_EVENT);
        g_autoptr(GArray) expected = NULL;
        DmTimeline *t = DM_TIMELINE (g_object_ref_sink (dm_timeline_new ()));
        GListModel *events;
        guint n;

        g_assert_true (dm_loader_load_file (doc, file, NULL, NULL));
        events = dm_document_get_events (doc);
        n = g_list_model_get_n_items (events);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(DmEvent) event = g_list_model_get_item (events, reversed ? n - 1 - i : i);
            g_list_store_append (order, event);
          }
        view = dm_document_new_filtered (doc, G_LIST_MODEL (order));
        dm_timeline_set_document (t, view);
        expected = naive_items (view);
        g_test_message ("%s%s: %u items", paths[p], reversed ? ", reversed" : "", expected->len);
        g_assert_cmpuint (expected->len, >, n / 2);
        g_assert_cmpuint (t->items->len, ==, expected->len);
        for (guint i = 0; i < expected->len; i++)
          {
            const NaiveItem *a = &g_array_index (expected, NaiveItem, i);
            const DmTimelineItem *b = &g_array_index (t->items, DmTimelineItem, i);

            g_assert_true (a->event == b->event);
            g_assert_cmpint (a->start, ==, b->start);
            g_assert_cmpint (a->end, ==, b->end);
            g_assert_true (a->actor == g_ptr_array_index (t->lanes, b->lane));
          }
        /* each lane's index holds its items, in their order */
        for (guint l = 0, count = 0; l < t->lanes->len; l++)
          {
            guint from = g_array_index (t->lane_starts, guint, l);
            guint to = g_array_index (t->lane_starts, guint, l + 1);

            g_assert_cmpuint (from, ==, count);
            for (guint k = from; k < to; k++)
              {
                guint i = g_array_index (t->lane_items, guint, k);

                g_assert_cmpuint (g_array_index (t->items, DmTimelineItem, i).lane, ==, l);
                if (k > from)
                  g_assert_cmpuint (i, >, g_array_index (t->lane_items, guint, k - 1));
              }
            count = to;
            if (l == t->lanes->len - 1)
              g_assert_cmpuint (count, ==, t->items->len);
          }
        g_object_unref (t);
      }
}

static gboolean
items_drawn (gpointer data)
{
  DmTimeline *t = data;

  return !t->items_dirty && t->items_idle_id == 0 &&
         (t->items_shown->len <= t->items_slice || t->items_done == t->items_shown->len);
}

/* The timeline of @t drawn with @slice items a frame at most */
static GdkTexture *
render_sliced (DmTimeline *t,
               guint       slice)
{
  t->items_slice = slice;
  dm_timeline_queue_items (t);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
  g_assert_true (app_test_wait_until (items_drawn, t, 20000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
  return app_test_render (GTK_WIDGET (t));
}

/* A dense timeline (3,000 generated events, hundreds of items in the lanes in view) drawn in
 * slices of 100 items a frame, into a surface of their own, looks as when drawn at once
 * with the rest: each channel within 2 levels of 255 (the items' surface is composited once
 * more, rounding its premultiplied colours) */
static void
test_sliced_same (void)
{
  g_autofree char *text = bench_generate (3000);
  g_autofree char *dir = g_dir_make_tmp ("dm-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dense.diplomap", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GdkTexture) whole = NULL;
  g_autoptr(GdkTexture) sliced = NULL;
  g_autofree guchar *a = NULL;
  g_autofree guchar *b = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  DmTimeline *t = DM_TIMELINE (dm_timeline_new ());
  int w, h, max_diff = 0;
  guint n_diff = 0, n_inked = 0;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  file = g_file_new_for_path (path);
  g_assert_true (dm_loader_load_file (doc, file, NULL, NULL));
  gtk_window_set_child (window, GTK_WIDGET (t));
  gtk_window_set_default_size (window, 1000, 200);
  dm_timeline_set_document (t, doc);
  gtk_window_present (window);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (window), 2));

  whole = render_sliced (t, G_MAXUINT);
  g_assert_null (t->items_surface);
  sliced = render_sliced (t, 100);
  g_assert_nonnull (t->items_surface);
  g_test_message ("%u items in view", t->items_shown->len);
  g_assert_cmpuint (t->items_shown->len, >, 500);
  app_test_save (sliced, "timeline-dense-sliced.png");
  w = gdk_texture_get_width (whole);
  h = gdk_texture_get_height (whole);
  a = download (whole);
  b = download (sliced);
  for (int i = 0; i < w * h * 4; i++)
    {
      int d = ABS ((int) a[i] - (int) b[i]);

      max_diff = MAX (max_diff, d);
      n_diff += d > 0;
    }
  /* the items are there: pixels of the lanes far from the page's grey */
  for (int y = DM_TIMELINE_AXIS_HEIGHT + 2; y < h; y++)
    for (int x = DM_TIMELINE_LABEL_WIDTH + 2; x < w - 20; x++)
      {
        const guchar *p = a + (y * w + x) * 4;

        n_inked += MAX (MAX (p[0], p[1]), p[2]) - MIN (MIN (p[0], p[1]), p[2]) > 60;
      }
  g_test_message ("%u channels differ, by %d at most; %u coloured pixels", n_diff, max_diff, n_inked);
  g_assert_cmpuint (n_inked, >, 300);
  g_assert_cmpint (max_diff, <=, 2);

  /* An event selected: its outline shows once the items are drawn again, and meanwhile
   * their last whole picture stays (the lanes do not empty and fill again) */
  {
    const DmTimelineItem *item = &g_array_index (t->items, DmTimelineItem,
                                                 g_array_index (t->items_shown, guint, 0));
    g_autoptr(GdkTexture) meanwhile = NULL;
    g_autofree guchar *c = NULL;
    guint n_same = 0;

    dm_timeline_set_selected_event (t, item->event);
    g_assert_true (app_test_wait_frames (GTK_WIDGET (t), 1));
    g_assert_nonnull (t->items_backdrop);
    g_assert_cmpuint (t->items_done, <, t->items_shown->len);
    meanwhile = app_test_render (GTK_WIDGET (t));
    c = download (meanwhile);
    for (int i = 0; i < w * h * 4; i++)
      n_same += ABS ((int) b[i] - (int) c[i]) <= 2;
    g_assert_cmpuint (n_same, ==, (guint) (w * h * 4));
    g_assert_true (app_test_wait_until (items_drawn, t, 20000));
    g_assert_null (t->items_backdrop);
  }
  gtk_window_destroy (window);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
not_building (gpointer data)
{
  return !dm_timeline_is_building (data);
}

/* @a's lanes, items, lanes' index and extent are @b's */
static void
assert_same_build (DmTimeline *a,
                   DmTimeline *b)
{
  g_assert_cmpuint (a->lanes->len, ==, b->lanes->len);
  for (guint i = 0; i < a->lanes->len; i++)
    g_assert_true (g_ptr_array_index (a->lanes, i) == g_ptr_array_index (b->lanes, i));
  g_assert_cmpuint (a->items->len, ==, b->items->len);
  for (guint i = 0; i < a->items->len; i++)
    {
      const DmTimelineItem *x = &g_array_index (a->items, DmTimelineItem, i);
      const DmTimelineItem *y = &g_array_index (b->items, DmTimelineItem, i);

      g_assert_true (x->event == y->event);
      g_assert_cmpuint (x->lane, ==, y->lane);
      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->end, ==, y->end);
    }
  g_assert_cmpmem (a->lane_items->data, a->lane_items->len * sizeof (guint),
                   b->lane_items->data, b->lane_items->len * sizeof (guint));
  g_assert_cmpmem (a->lane_starts->data, a->lane_starts->len * sizeof (guint),
                   b->lane_starts->data, b->lane_starts->len * sizeof (guint));
  g_assert_cmpfloat (a->doc_start, ==, b->doc_start);
  g_assert_cmpfloat (a->doc_end, ==, b->doc_end);
}

/* A view of @doc's events: every @step-th from @offset, in their order or reversed */
static DmDocument *
view_of (DmDocument *doc,
         guint       step,
         guint       offset,
         gboolean    reversed)
{
  GListModel *events = dm_document_get_events (doc);
  g_autoptr(GListStore) some = g_list_store_new (DM_TYPE_EVENT);
  guint n = g_list_model_get_n_items (events);

  for (guint i = 0; i < n; i++)
    {
      guint k = reversed ? n - 1 - i : i;
      g_autoptr(DmEvent) event = g_list_model_get_item (events, k);

      if (k % step == offset)
        g_list_store_append (some, event);
    }
  return dm_document_new_filtered (doc, G_LIST_MODEL (some));
}

/* @worker's build of @view, compared with one made at once */
static void
assert_worker_builds (DmTimeline *worker,
                      DmTimeline *at_once,
                      DmDocument *view)
{
  dm_timeline_set_document (at_once, view);
  dm_timeline_set_document (worker, view);
  g_assert_true (app_test_wait_until (not_building, worker, 20000));
  g_test_message ("%u items in %u lanes", worker->items->len, worker->lanes->len);
  g_assert_cmpuint (worker->items->len, >, g_list_model_get_n_items (dm_document_get_events (view)));
  assert_same_build (worker, at_once);
  g_assert_cmpfloat (worker->view_start, ==, at_once->view_start);
  g_assert_cmpfloat (worker->view_end, ==, at_once->view_end);
}

/* The lanes and items a worker thread builds from a snapshot of the events are those built
 * at once (3,000 generated events, in their order and reversed, and a filtered view); while
 * it builds, the previous ones stay; a newer reload replaces the build (its items are never
 * shown), and a zoom or a selection made meanwhile is kept */
static void
test_worker_same (void)
{
  g_autofree char *text = bench_generate (3000);
  g_autofree char *dir = g_dir_make_tmp ("dm-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "many.diplomap", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmDocument) reversed = NULL;
  g_autoptr(DmDocument) some = NULL;
  g_autoptr(DmDocument) others = NULL;
  g_autoptr(DmDocument) last = NULL;
  DmTimeline *at_once = DM_TIMELINE (g_object_ref_sink (dm_timeline_new ()));
  DmTimeline *worker = DM_TIMELINE (g_object_ref_sink (dm_timeline_new ()));
  DmTimelineItem shown;
  DmEvent *chosen;
  double start, end, x, y;
  guint n_before;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  file = g_file_new_for_path (path);
  g_assert_true (dm_loader_load_file (doc, file, NULL, NULL));
  dm_timeline_set_async_min_events (at_once, G_MAXUINT);
  dm_timeline_set_async_min_events (worker, 0);

  reversed = view_of (doc, 1, 0, TRUE);
  some = view_of (doc, 3, 1, FALSE);
  others = view_of (doc, 3, 2, FALSE);
  last = view_of (doc, 2, 0, TRUE);

  /* nothing shown until the first build is in */
  dm_timeline_set_document (worker, doc);
  g_assert_true (dm_timeline_is_building (worker));
  g_assert_cmpuint (worker->items->len, ==, 0);
  g_assert_true (app_test_wait_until (not_building, worker, 20000));
  dm_timeline_set_document (at_once, doc);
  assert_same_build (worker, at_once);
  assert_worker_builds (worker, at_once, reversed);
  assert_worker_builds (worker, at_once, some);

  /* a reload during a build: the first build's items are never shown, the previous ones
   * stay meanwhile */
  n_before = worker->items->len;
  shown = g_array_index (worker->items, DmTimelineItem, 0);
  dm_timeline_set_document (worker, others);
  g_assert_true (dm_timeline_is_building (worker));
  dm_timeline_set_document (worker, last);
  g_assert_cmpuint (worker->items->len, ==, n_before);
  g_assert_true (g_array_index (worker->items, DmTimelineItem, 0).event == shown.event);
  g_assert_true (app_test_wait_until (not_building, worker, 20000));
  dm_timeline_set_document (at_once, last);
  assert_same_build (worker, at_once);

  /* a zoom and a selection made while it builds stay */
  dm_timeline_set_document (worker, others);
  g_assert_true (dm_timeline_is_building (worker));
  chosen = g_array_index (worker->items, DmTimelineItem, 10).event;
  dm_timeline_set_selected_event (worker, chosen);
  dm_timeline_set_range (worker, 1e9, 1.1e9);
  dm_timeline_get_range (worker, &start, &end);
  g_assert_true (app_test_wait_until (not_building, worker, 20000));
  dm_timeline_set_document (at_once, others);
  assert_same_build (worker, at_once);
  dm_timeline_get_range (worker, &x, &y);
  g_assert_cmpfloat (x, ==, start);
  g_assert_cmpfloat (y, ==, end);
  g_assert_true (dm_timeline_get_selected_event (worker) == chosen);

  g_object_unref (worker);
  g_object_unref (at_once);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *statuses = NULL;
  g_autofree char *vague = NULL;

  app_test_init (&argc, &argv);
  statuses = g_test_build_filename (G_TEST_DIST, "data", "statuses.diplomap", NULL);
  vague = g_test_build_filename (G_TEST_DIST, "data", "vague-times.diplomap", NULL);

  g_test_add ("/app/timeline/step", Fixture, NULL, fixture_set_up, test_step, fixture_tear_down);
  g_test_add ("/app/timeline/playhead-only", Fixture, NULL, fixture_set_up, test_playhead_only,
              fixture_tear_down);
  g_test_add ("/app/timeline/zoom", Fixture, NULL, fixture_set_up, test_zoom, fixture_tear_down);
  g_test_add ("/app/timeline/pick", Fixture, NULL, fixture_set_up, test_pick, fixture_tear_down);
  g_test_add ("/app/timeline/click-and-drag", Fixture, NULL, fixture_set_up, test_click_and_drag, fixture_tear_down);
  g_test_add ("/app/timeline/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/app/timeline/many-lanes", Fixture, SOURCE_DATA_DIR "/us-travels", fixture_set_up,
              test_many_lanes, fixture_tear_down);
  g_test_add ("/app/timeline/few-lanes", Fixture, NULL, fixture_set_up, test_few_lanes, fixture_tear_down);
  g_test_add ("/app/timeline/tooltip", Fixture, NULL, fixture_set_up, test_tooltip, fixture_tear_down);
  g_test_add ("/app/timeline/tick-labels", Fixture, NULL, fixture_set_up, test_tick_labels, fixture_tear_down);
  g_test_add ("/app/timeline/no-dates", Fixture, SOURCE_TESTS_DIR "/data/places-only.geojson", fixture_set_up,
              test_no_dates, fixture_tear_down);
  app_test_add_func ("/app/timeline/same-as-naive", test_same_as_naive);
  app_test_add_func ("/app/timeline/sliced-same", test_sliced_same);
  app_test_add_func ("/app/timeline/worker-same", test_worker_same);
  g_test_add ("/app/timeline/dates", Fixture, NULL, fixture_set_up, test_dates, fixture_tear_down);
  g_test_add ("/app/timeline/focus-visible", Fixture, NULL, fixture_set_up, test_focus_visible, fixture_tear_down);
  g_test_add ("/app/timeline/statuses", Fixture, statuses, fixture_set_up,
              test_statuses, fixture_tear_down);
  g_test_add ("/app/timeline/vague-ends", Fixture, vague, fixture_set_up,
              test_vague_ends, fixture_tear_down);
  g_test_add ("/app/timeline/before-common-era", Fixture, SOURCE_TESTS_DIR "/data/old-dates.diplomap",
              fixture_set_up, test_before_common_era, fixture_tear_down);
  return g_test_run ();
}
