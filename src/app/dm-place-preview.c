/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-place-preview"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "dm-basemap.h"
#include "dm-place-preview.h"

/* A small map around a place, drawn from the bundled base map (no network), with a dot on
 * the place: beside the editor's place entries and under their completions, so that the
 * user sees which "Gyeongju" or "Paris" it is before taking it (docs/EDITING.md). */

#define WIDTH  168
#define HEIGHT 96
/* about 50 degrees of longitude across: the country and its neighbours */
#define ZOOM   2.4

struct _DmPlacePreview
{
  GtkWidget parent_instance;

  gboolean  has_point;
  double    latitude;
  double    longitude;
};

G_DEFINE_FINAL_TYPE (DmPlacePreview, dm_place_preview, GTK_TYPE_WIDGET)

static void
dm_place_preview_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? WIDTH : HEIGHT;
}

static void
dm_place_preview_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  DmPlacePreview *self = DM_PLACE_PREVIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const DmMapStyle *style = dark ? dm_map_style_get_dark () : dm_map_style_get_default ();
  GskRoundedRect clip;
  DmView view;
  double x, y;
  cairo_t *cr;

  if (!self->has_point || width <= 0 || height <= 0)
    return;
  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (0, 0, width, height), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dm_view_init (&view, DM_PROJECTION_MERCATOR,
                (DmLonLat) { self->longitude, CLAMP (self->latitude, -75, 75) },
                256 * pow (2, ZOOM) / (2 * G_PI), width, height);
  view.device_scale = gtk_widget_get_scale_factor (widget);
  dm_basemap_draw (dm_basemap_get_default (), cr, &view, style);
  dm_view_project (&view, self->longitude, self->latitude, &x, &y);
  /* the accent red of the map's routes, ringed so it reads on land and sea */
  cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
  cairo_stroke (cr);
  cairo_arc (cr, x, y, 2.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);
}

static void
dark_changed_cb (DmPlacePreview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dm_place_preview_class_init (DmPlacePreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = dm_place_preview_measure;
  widget_class->snapshot = dm_place_preview_snapshot;
  gtk_widget_class_set_css_name (widget_class, "placepreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dm_place_preview_init (DmPlacePreview *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: read by screen readers on the small map
                                   * beside a place being typed in the event editor */
                                  _("Map around the place"), -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
dm_place_preview_new (void)
{
  return g_object_new (DM_TYPE_PLACE_PREVIEW, NULL);
}

void
dm_place_preview_set_point (DmPlacePreview *self,
                            double          latitude,
                            double          longitude)
{
  g_return_if_fail (DM_IS_PLACE_PREVIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  if (self->has_point && self->latitude == latitude && self->longitude == longitude)
    return;
  self->has_point = TRUE;
  self->latitude = latitude;
  self->longitude = longitude;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dm_place_preview_get_point (DmPlacePreview *self,
                            double         *latitude,
                            double         *longitude)
{
  g_return_val_if_fail (DM_IS_PLACE_PREVIEW (self), FALSE);

  if (latitude != NULL)
    *latitude = self->latitude;
  if (longitude != NULL)
    *longitude = self->longitude;
  return self->has_point;
}
