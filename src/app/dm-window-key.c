/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dm-figure.h"
#include "dm-window-private.h"

/* The map's key, as figures have: a scale bar in the bottom right corner, true at the
 * centre's latitude, and in the bottom left a legend of the lines, marks and colours drawn
 * (the entries of a figure's legend, from src/render), which folds into its button. */

/* The legend is measured again at most this often while the playhead moves */
#define KEY_UPDATE_MS 250

static DmScreenPainter *
get_painter (DmWindow *self)
{
  return dm_route_map_layer_get_painter (self->routes_layer);
}

static void
draw_scale_bar_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  DmWindow *self = user_data;
  DmView view;

  if (self->routes_layer == NULL)
    return;
  dm_route_map_layer_get_view (self->routes_layer, &view);
  if (view.width <= 0 || view.height <= 0)
    return;
  dm_scale_bar_draw (cr, &view, 0.85);
}

static void
legend_measure (DmWindow *self,
                cairo_t  *cr,
                double   *width,
                double   *height)
{
  DmScreenPainter *painter = get_painter (self);
  DmRgba white = dm_rgba_from_hex (0xffffff, 1.0f), ink = dm_rgba_from_hex (0x1a1a1a, 1.0f);
  /* the room above the button, under the time */
  double max_height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)) - 110, 40);

  *width = *height = 0;
  if (dm_route_map_layer_get_document (self->routes_layer) == NULL)
    return;
  dm_route_legend_draw (dm_screen_painter_get_set (painter),
                        dm_route_renderer_get_style (dm_screen_painter_get_layer (painter)),
                        (gint64) dm_route_map_layer_get_time (self->routes_layer), cr, 12.0, 320,
                        max_height, &white, &ink, width, height);
}

/* The legend drawn as its area drew it in each frame (onto a recording surface, as GTK's
 * Cairo nodes are, then rasterised at @scale), @width x @height: the frame that shows it only
 * paints the picture. Drawn whole for the first time, at 100,000 events, it took about 7 ms of
 * the frame (its entries found by a walk of every leg and stay, its text laid out, its glyphs
 * rasterised), at each new frame that showed it again. NULL when there is nothing to show. */
static cairo_surface_t *
draw_legend_picture (DmWindow *self,
                     double    width,
                     double    height,
                     int       scale)
{
  int w = (int) ceil (width), h = (int) ceil (height);
  cairo_surface_t *recording, *picture;
  cairo_t *cr;
  double rw, rh;

  if (w <= 0 || h <= 0)
    return NULL;
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                              &(cairo_rectangle_t) { 0, 0, w, h });
  cr = cairo_create (recording);
  legend_measure (self, cr, &rw, &rh);
  cairo_destroy (cr);
  picture = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * scale, h * scale);
  cairo_surface_set_device_scale (picture, scale, scale);
  cr = cairo_create (picture);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (picture);
  cairo_surface_destroy (recording);
  return picture;
}

static gboolean
same_picture (cairo_surface_t *a,
              cairo_surface_t *b)
{
  int h;

  if (a == NULL || b == NULL)
    return a == b;
  h = cairo_image_surface_get_height (a);
  return cairo_image_surface_get_width (a) == cairo_image_surface_get_width (b) &&
         h == cairo_image_surface_get_height (b) &&
         cairo_image_surface_get_stride (a) == cairo_image_surface_get_stride (b) &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) cairo_image_surface_get_stride (a) * h) == 0;
}

/* Draws the legend's picture again; the area is drawn again only if it changed (while the
 * playhead moves, it seldom does) */
static void
update_legend_picture (DmWindow *self,
                       double    width,
                       double    height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->legend_area));
  cairo_surface_t *picture = draw_legend_picture (self, width, height, scale);

  if (same_picture (picture, self->legend_picture))
    {
      g_clear_pointer (&picture, cairo_surface_destroy);
      return;
    }
  g_clear_pointer (&self->legend_picture, cairo_surface_destroy);
  self->legend_picture = picture;
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

static void
draw_legend_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  DmWindow *self = user_data;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  double sx = 0, sy = 0;

  if (self->legend_picture != NULL)
    cairo_surface_get_device_scale (self->legend_picture, &sx, &sy);
  /* another screen's scale: drawn again for it */
  if (self->legend_picture != NULL && sx != scale)
    {
      cairo_surface_t *picture = draw_legend_picture (self, gtk_drawing_area_get_content_width (area),
                                                      gtk_drawing_area_get_content_height (area),
                                                      scale);

      g_clear_pointer (&self->legend_picture, cairo_surface_destroy);
      self->legend_picture = picture;
    }
  if (self->legend_picture == NULL)
    return;
  cairo_set_source_surface (cr, self->legend_picture, 0, 0);
  cairo_paint (cr);
}

/**
 * dm_window_update_map_key:
 * Measures the legend again (the routes, their style or the time changed) and draws it.
 */
void
dm_window_update_map_key (DmWindow *self)
{
  double w, h;

  g_clear_handle_id (&self->key_update_id, g_source_remove);
  if (self->legend_area == NULL)
    return;
  legend_measure (self, NULL, &w, &h);
  gtk_drawing_area_set_content_width (self->legend_area, (int) ceil (w));
  gtk_drawing_area_set_content_height (self->legend_area, (int) ceil (h));
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->legend_button)), w > 0);
  update_legend_picture (self, w, h);
}

static gboolean
update_later_cb (gpointer user_data)
{
  DmWindow *self = user_data;

  self->key_update_id = 0;
  dm_window_update_map_key (self);
  return G_SOURCE_REMOVE;
}

static void
time_changed_cb (DmWindow *self)
{
  if (self->key_update_id == 0)
    {
      self->key_update_id = g_timeout_add (KEY_UPDATE_MS, update_later_cb, self);
      g_source_set_name_by_id (self->key_update_id, "[diplomap] map key update_later_cb");
    }
}

/* the events shown change in batches while files load: measured once they rest */
static void
events_changed_cb (DmWindow *self)
{
  time_changed_cb (self);
}

static void
map_resized_cb (DmWindow *self)
{
  /* the legend's room follows the map's height */
  time_changed_cb (self);
}

void
dm_window_setup_map_key (DmWindow *self)
{
  GtkOverlay *overlay = GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (self->map)));
  GtkWidget *scale = gtk_drawing_area_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *legend = gtk_drawing_area_new ();
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (_("_Legend"));

  gtk_widget_set_can_target (scale, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (scale), draw_scale_bar_cb, self, NULL);
  gtk_overlay_add_overlay (overlay, scale);
  g_signal_connect_object (scale, "resize", G_CALLBACK (map_resized_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (shumate_map_get_viewport (self->map), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), scale, G_CONNECT_SWAPPED);
  self->scale_area = GTK_DRAWING_AREA (scale);

  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (legend), draw_legend_cb, self, NULL);
  gtk_widget_set_can_target (legend, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (legend), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Legend of the map"), -1);
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_revealer_set_child (GTK_REVEALER (revealer), legend);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "osd");
  gtk_widget_set_tooltip_text (button, _("Show or hide what the lines, marks and colours mean"));
  gtk_box_append (GTK_BOX (box), revealer);
  gtk_box_append (GTK_BOX (box), button);
  gtk_overlay_add_overlay (overlay, box);
  g_object_bind_property (button, "active", revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  g_settings_bind (self->settings, "map-legend", button, "active", G_SETTINGS_BIND_DEFAULT);
  self->legend_area = GTK_DRAWING_AREA (legend);
  self->legend_button = GTK_TOGGLE_BUTTON (button);

  g_signal_connect_object (self->routes_layer, "notify::time", G_CALLBACK (time_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dm_document_get_events (self->shown), "items-changed",
                           G_CALLBACK (events_changed_cb), self, G_CONNECT_SWAPPED);
  dm_window_update_map_key (self);
}
