/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-timeline"

#include "config.h"

#include <math.h>

#include "dm-timeline-private.h"

/* Input of DmTimeline: click selects (on a lane's name: DmTimeline::lane-activated), drag scrubs,
 * Shift+drag picks a date range (DmTimeline::range-selected), Ctrl+scroll and pinch zoom time, scroll
 * moves the lanes (Shift+scroll or a sideways scroll moves in time), keys step between
 * events. */

static void
zoom_around (DmTimeline *self,
             double      factor,
             double      anchor)
{
  double span = self->view_end - self->view_start;
  double new_span = CLAMP (span * factor, DM_TIMELINE_MIN_SPAN, DM_TIMELINE_MAX_SPAN);
  double f = (anchor - self->view_start) / span;

  self->view_start = anchor - f * new_span;
  self->view_end = self->view_start + new_span;
  self->view_moved = TRUE;
  dm_timeline_queue_still (self);
}

void
dm_timeline_zoom (DmTimeline *self,
                  double      factor)
{
  g_return_if_fail (DM_IS_TIMELINE (self));
  zoom_around (self, factor, self->time);
}

gboolean
dm_timeline_step (DmTimeline *self,
                  int         direction)
{
  DmTimelineItem *target = NULL;

  g_return_val_if_fail (DM_IS_TIMELINE (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      guint j = direction > 0 ? i : self->items->len - 1 - i;
      DmTimelineItem *item = &g_array_index (self->items, DmTimelineItem, j);

      if (item->event == self->selected)
        continue;
      if ((direction > 0 && item->start > self->time) ||
          (direction < 0 && item->start < self->time))
        {
          target = item;
          break;
        }
    }
  if (target == NULL)
    return FALSE;
  dm_timeline_set_time (self, target->start);
  dm_timeline_set_selected_event (self, target->event);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               DmTimeline     *self)
{
  g_assert (DM_IS_TIMELINE (self));

  /* The lanes' scrollbar has its own */
  if (x > dm_timeline_axis_end (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = x;
  self->drag_y = y;
  self->dragged = FALSE;
  self->range_drag = x >= DM_TIMELINE_LABEL_WIDTH && self->items->len > 0 &&
                     (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) &
                      GDK_SHIFT_MASK) != 0;
  self->range_start = self->range_end = dm_timeline_time_for_x (self, x);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DmTimeline     *self)
{
  g_assert (DM_IS_TIMELINE (self));

  if (!self->dragged && fabs (dx) < 3 && fabs (dy) < 3)
    return;
  self->dragged = TRUE;
  if (self->range_drag)
    {
      self->range_end = dm_timeline_time_for_x (self, self->drag_x + dx);
      dm_timeline_queue_still (self);
      return;
    }
  dm_timeline_set_time (self, CLAMP (dm_timeline_time_for_x (self, self->drag_x + dx),
                                     self->doc_start, self->doc_end));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DmTimeline     *self)
{
  double x, y;
  DmEvent *event;

  g_assert (DM_IS_TIMELINE (self));

  if (self->range_drag)
    {
      self->range_drag = FALSE;
      dm_timeline_queue_still (self);
      if (self->dragged)
        {
          self->range_end = dm_timeline_time_for_x (self, self->drag_x + dx);
          dm_timeline_select_range (self, MIN (self->range_start, self->range_end),
                                    MAX (self->range_start, self->range_end));
        }
      return;
    }
  if (self->dragged)
    return;
  x = self->drag_x;
  y = self->drag_y;
  event = dm_timeline_pick (self, x, y);
  if (event != NULL)
    {
      gint64 s, e;
      dm_timeline_set_selected_event (self, event);
      if (dm_event_get_span (event, &s, &e))
        dm_timeline_set_time (self, s);
    }
  else if (x >= DM_TIMELINE_LABEL_WIDTH)
    dm_timeline_set_time (self, CLAMP (dm_timeline_time_for_x (self, x),
                                       self->doc_start, self->doc_end));
  else if (dm_timeline_pick_lane (self, x, y) != NULL)
    dm_timeline_activate_lane (self, dm_timeline_pick_lane (self, x, y));
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           DmTimeline               *self)
{
  g_assert (DM_IS_TIMELINE (self));

  self->pointer_x = x;
}

/* Moves the view by @seconds, keeping some of the document in it */
static void
pan (DmTimeline *self,
     double      seconds)
{
  double span = self->view_end - self->view_start;
  double start = CLAMP (self->view_start + seconds, self->doc_start - span * 0.9, self->doc_end - span * 0.1);

  self->view_start = start;
  self->view_end = start + span;
  self->view_moved = TRUE;
  dm_timeline_queue_still (self);
}

/* What users expect of a list of lanes: the wheel scrolls them, Ctrl+wheel zooms (as in
 * a map or a document), Shift+wheel or a sideways swipe moves along time */
gboolean
dm_timeline_scroll (DmTimeline     *self,
                    double          dx,
                    double          dy,
                    GdkModifierType state,
                    GdkScrollUnit   unit)
{
  gboolean wheel = unit == GDK_SCROLL_UNIT_WHEEL;
  gboolean used = FALSE;

  g_return_val_if_fail (DM_IS_TIMELINE (self), FALSE);

  if (state & GDK_CONTROL_MASK)
    {
      if (dy == 0)
        return FALSE;
      /* a wheel's notch is 1; a touchpad gives pixels */
      zoom_around (self, pow (1.15, wheel ? dy : dy / 10), dm_timeline_time_for_x (self, self->pointer_x));
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      dx += dy;
      dy = 0;
    }
  if (dx != 0)
    {
      double span = self->view_end - self->view_start;
      double w = MAX (dm_timeline_axis_end (self) - DM_TIMELINE_LABEL_WIDTH, 1);

      pan (self, wheel ? dx * span * 0.1 : dx * span / w);
      used = TRUE;
    }
  if (dy != 0 && gtk_adjustment_get_upper (self->vadjustment) > gtk_adjustment_get_page_size (self->vadjustment))
    {
      double step = wheel ? dy * 3 * dm_timeline_lane_height (self) : dy;

      gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + step);
      used = TRUE;
    }
  return used;
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           DmTimeline               *self)
{
  g_assert (DM_IS_TIMELINE (self));

  return dm_timeline_scroll (self, dx, dy,
                             gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll)),
                             gtk_event_controller_scroll_get_unit (scroll));
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               DmTimeline       *self)
{
  g_assert (DM_IS_TIMELINE (self));

  self->zoom_scale = 1;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       DmTimeline     *self)
{
  double cx, cy;

  g_assert (DM_IS_TIMELINE (self));

  if (scale <= 0)
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    cx = self->pointer_x;
  zoom_around (self, self->zoom_scale / scale, dm_timeline_time_for_x (self, cx));
  self->zoom_scale = scale;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DmTimeline            *self)
{
  g_assert (DM_IS_TIMELINE (self));

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dm_timeline_step (self, -1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dm_timeline_step (self, +1);
      return TRUE;
    case GDK_KEY_Home:
      dm_timeline_set_time (self, self->doc_start);
      return TRUE;
    case GDK_KEY_End:
      dm_timeline_set_time (self, self->doc_end);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      dm_timeline_zoom (self, 1 / 1.5);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      dm_timeline_zoom (self, 1.5);
      return TRUE;
    default:
      return FALSE;
    }
}

/* A double click on an event's mark: its editor */
static void
double_click_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 DmTimeline      *self)
{
  g_assert (DM_IS_TIMELINE (self));

  if (n_press == 2)
    dm_timeline_activate_at (self, x, y);
}

void
dm_timeline_init_input (DmTimeline *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, key);
  g_signal_connect (click, "pressed", G_CALLBACK (double_click_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}
