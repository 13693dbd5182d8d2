/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-window-private.h"

/* The trail (win.trail, kept in the settings' trail and flows): the map shows the legs that ended within a time window before the
 * playhead, fading with age, and none to come; "all" shows every leg. Opening files picks
 * one from their density (dm_window_pick_trail), so a century of travel opens readable. */

static const struct
{
  const char *name;
  gint64      seconds;
} trails[] = {
  { "day", 86400 },
  { "week", 7 * 86400 },
  { "month", 30 * 86400 },
  { "year", 365 * 86400 },
  { "all", 0 },
};

static void
apply_trail (DmWindow   *self,
             const char *name)
{
  DmRouteRenderer *renderer = dm_screen_painter_get_layer (dm_route_map_layer_get_painter (self->routes_layer));
  g_autoptr(DmRouteStyle) style = dm_route_style_copy (dm_route_renderer_get_style (renderer));

  for (guint i = 0; i < G_N_ELEMENTS (trails); i++)
    if (g_str_equal (name, trails[i].name))
      {
        style->window = trails[i].seconds;
        style->future = trails[i].seconds > 0 ? DM_ROUTE_FUTURE_HIDDEN : DM_ROUTE_FUTURE_FAINT;
      }
  dm_route_renderer_set_style (renderer, style);
  gtk_widget_queue_draw (GTK_WIDGET (self->routes_layer));
  dm_window_update_map_key (self);
}

/* win.flows: the legs of the trail drawn once per pair of places, widths by trips */
static void
flows_action (GSimpleAction *action,
              GVariant      *state,
              gpointer       user_data)
{
  DmWindow *self = user_data;
  DmRouteRenderer *renderer = dm_screen_painter_get_layer (dm_route_map_layer_get_painter (self->routes_layer));
  g_autoptr(DmRouteStyle) style = dm_route_style_copy (dm_route_renderer_get_style (renderer));

  g_assert (DM_IS_WINDOW (self));

  g_simple_action_set_state (action, state);
  g_settings_set_boolean (self->settings, "flows", g_variant_get_boolean (state));
  style->flows = g_variant_get_boolean (state);
  dm_route_renderer_set_style (renderer, style);
  gtk_widget_queue_draw (GTK_WIDGET (self->routes_layer));
  dm_window_update_map_key (self);
}

static void
trail_action (GSimpleAction *action,
              GVariant      *state,
              gpointer       user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));

  g_simple_action_set_state (action, state);
  apply_trail (self, g_variant_get_string (state, NULL));
  /* chosen in the menu: kept for the next files and windows */
  g_settings_set_string (self->settings, "trail", g_variant_get_string (state, NULL));
}

/* The shortest trail in which the files' average pace puts about 15 legs; "all" for a few
 * hundred legs, which read well at once */
const char *
dm_window_pick_trail (guint  n_legs,
                      double span_seconds)
{
  double per_second;

  if (n_legs <= 300 || span_seconds <= 0)
    return "all";
  per_second = n_legs / span_seconds;
  for (guint i = 0; i < G_N_ELEMENTS (trails); i++)
    if (trails[i].seconds > 0 && per_second * trails[i].seconds >= 15)
      return trails[i].name;
  return "all";
}

/* Once the first files are in: the trail last chosen in the menu, else the one their density
 * asks for (not kept: the next files get their own), once their route set is ready */
void
dm_window_choose_trail (DmWindow *self)
{
  DmScreenPainter *painter = dm_route_map_layer_get_painter (self->routes_layer);
  double span = dm_playback_get_end (self->playback) - dm_playback_get_start (self->playback);
  g_autofree char *kept = g_settings_get_string (self->settings, "trail");
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "trail");
  const char *name;

  /* a big document's legs are counted by the worker thread building its routes: the trail
   * is chosen when they come (dm-window-map.c) */
  self->trail_pending = !*kept && dm_screen_painter_is_building_set (painter);
  if (self->trail_pending)
    return;
  name = *kept ? kept : dm_window_pick_trail (dm_screen_painter_get_n_legs (painter), span);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (name));
  apply_trail (self, name);
}

void
dm_window_init_trail (DmWindow *self)
{
  static const GActionEntry entries[] = {
    { "trail", NULL, "s", "'all'", trail_action },
    { "flows", NULL, NULL, "false", flows_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  if (g_settings_get_boolean (self->settings, "flows"))
    g_action_group_change_action_state (G_ACTION_GROUP (self), "flows", g_variant_new_boolean (TRUE));
}
