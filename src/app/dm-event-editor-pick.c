/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dm-event-editor-private.h"
#include "dm-gazetteer.h"

/*
 * Places by clicking the map (docs/EDITING.md): a place entry's “Pick on Map” toggle lets
 * the editor go (it is not modal while it waits) until the window's map is clicked; the
 * window then gives the place there: a known place's name, or coordinates “lat, lon”,
 * which the editor also reads when typed (a point, in the zone of the nearest known place).
 */

static void
pick_toggled_cb (GtkToggleButton *button,
                 DmEventEditor   *self)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (button), "dm-row");

  if (gtk_toggle_button_get_active (button))
    {
      if (self->pick_button != NULL && self->pick_button != GTK_WIDGET (button))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pick_button), FALSE);
      self->pick_button = GTK_WIDGET (button);
      self->pick_row = row;
    }
  else if (self->pick_button == GTK_WIDGET (button))
    {
      self->pick_button = NULL;
      self->pick_row = NULL;
    }
  /* the map takes clicks while the editor waits for one */
  gtk_window_set_modal (GTK_WINDOW (self), self->pick_row == NULL);
  g_signal_emit_by_name (self, "picking-changed");
}

void
dm_event_editor_add_pick_button (DmEventEditor *self,
                                 AdwEntryRow   *row)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), "find-location-symbolic");
  /* Translators: a toggle beside a place entry: the next click on the map gives the place */
  gtk_widget_set_tooltip_text (button, _("Pick on Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pick on Map"), -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "dm-row", row);
  g_object_set_data (G_OBJECT (row), "dm-pick-button", button);
  g_signal_connect (button, "toggled", G_CALLBACK (pick_toggled_cb), self);
  adw_entry_row_add_suffix (row, button);
}

gboolean
dm_event_editor_get_picking (DmEventEditor *self)
{
  g_return_val_if_fail (DM_IS_EVENT_EDITOR (self), FALSE);
  return self->pick_row != NULL;
}

/* The place the map gave, as text in the entry waiting for it; the editor is modal again */
void
dm_event_editor_set_picked_place (DmEventEditor *self,
                                  const char    *text)
{
  AdwEntryRow *row;

  g_return_if_fail (DM_IS_EVENT_EDITOR (self));
  if ((row = self->pick_row) == NULL)
    return;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pick_button), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* "43.1155, 131.8855": a point; FALSE for any other text */
gboolean
dm_event_editor_parse_point (const char *text,
                             double     *latitude,
                             double     *longitude)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;
  double lat, lon;

  if (g_strv_length (parts) != 2)
    return FALSE;
  lat = g_ascii_strtod (g_strstrip (parts[0]), &end);
  if (end == parts[0] || *end != '\0')
    return FALSE;
  lon = g_ascii_strtod (g_strstrip (parts[1]), &end);
  if (end == parts[1] || *end != '\0')
    return FALSE;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
    return FALSE;
  *latitude = lat;
  *longitude = lon;
  return TRUE;
}

/* The known place nearest to a point (for its time zone) */
static const DmGazetteerEntry *
nearest_entry (double latitude,
               double longitude)
{
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  const DmGazetteerEntry *best = NULL;
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; i < dm_gazetteer_get_n_entries (gazetteer); i++)
    {
      const DmGazetteerEntry *e = dm_gazetteer_get_entry (gazetteer, i);
      double dlon = fabs (e->longitude - longitude);
      double d;

      dlon = MIN (dlon, 360 - dlon) * cos (latitude * G_PI / 180);
      d = (e->latitude - latitude) * (e->latitude - latitude) + dlon * dlon;
      if (d < best_d)
        {
          best_d = d;
          best = e;
        }
    }
  return best;
}

/* A point given by coordinates: named by them, in the zone of the nearest known place */
DmPlace *
dm_event_editor_new_point (double latitude,
                           double longitude)
{
  const DmGazetteerEntry *near = nearest_entry (latitude, longitude);
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *name = NULL;
  DmPlace *place;

  /* digits of the C locale in any language: dm_event_editor_parse_point reads them back */
  g_ascii_formatd (lat, sizeof lat, "%.4f", latitude);
  g_ascii_formatd (lon, sizeof lon, "%.4f", longitude);
  name = g_strdup_printf ("%s, %s", lat, lon);
  place = dm_place_new (NULL, name, NULL, latitude, longitude, near ? near->timezone : NULL);
  dm_place_set_level (place, DM_PLACE_LEVEL_POINT);
  return place;
}
