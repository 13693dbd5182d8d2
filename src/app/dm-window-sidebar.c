/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <math.h>

#include "dm-window-private.h"

/* The sidebar's width: the line between the list and the map is a handle that drags it
 * wider or narrower (rows keep their places in view), kept in settings' sidebar-width. The
 * flap sees the press first (capture phase) and takes it within a few pixels of the line. */

#define MIN_WIDTH 260
#define MAX_WIDTH 720
#define GRAB_DISTANCE 4.0

static void
set_width (DmWindow *self,
           int       width)
{
  gtk_widget_set_size_request (GTK_WIDGET (self->event_list), CLAMP (width, MIN_WIDTH, MAX_WIDTH), -1);
}

static void
handle_drag_begin_cb (GtkGestureDrag *gesture,
                      double          x,
                      double          y,
                      DmWindow       *self)
{
  graphene_point_t on_handle;

  g_assert (DM_IS_WINDOW (self));

  /* A press within a few pixels of the line, which is 1 px wide */
  if (!gtk_widget_get_mapped (self->sidebar_handle) ||
      !gtk_widget_compute_point (GTK_WIDGET (self->flap), self->sidebar_handle,
                                 &GRAPHENE_POINT_INIT (x, y), &on_handle) ||
      fabs (on_handle.x - gtk_widget_get_width (self->sidebar_handle) / 2.0) > GRAB_DISTANCE ||
      on_handle.y < 0 || on_handle.y > gtk_widget_get_height (self->sidebar_handle))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_get_size_request (GTK_WIDGET (self->event_list), &self->sidebar_drag_width, NULL);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
handle_drag_update_cb (GtkGestureDrag *gesture,
                       double          dx,
                       double          dy,
                       DmWindow       *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  g_assert (DM_IS_WINDOW (self));

  set_width (self, self->sidebar_drag_width + (int) (rtl ? -dx : dx));
}

static void
handle_drag_end_cb (GtkGestureDrag *gesture,
                    double          dx,
                    double          dy,
                    DmWindow       *self)
{
  int width;

  g_assert (DM_IS_WINDOW (self));

  gtk_widget_get_size_request (GTK_WIDGET (self->event_list), &width, NULL);
  g_settings_set_int (self->settings, "sidebar-width", width);
}

void
dm_window_setup_sidebar (DmWindow *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  set_width (self, g_settings_get_int (self->settings, "sidebar-width"));
  gtk_widget_set_cursor_from_name (self->sidebar_handle, "col-resize");
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (handle_drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (handle_drag_update_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (handle_drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->flap), GTK_EVENT_CONTROLLER (drag));
}
