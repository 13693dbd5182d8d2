/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <math.h>

#include "dm-window-private.h"

/* Follow Events (win.follow, kept in the settings' follow): while playing, the map glides to
 * what is under way at the playhead (both ends of the legs being travelled, the places of the
 * visits, summits and meetings going on; dm_route_set_dup_where, as the video's camera that
 * follows), with one eased flight at most each second; while nothing is under way it stays
 * where it is. docs/APP.md */

#define MIN_INTERVAL_US G_USEC_PER_SEC
#define FLIGHT_MS 900
#define FOLLOW_MAX_ZOOM 5.0   /* a country and its neighbours, never one city */

static DmRouteSet *
window_set (DmWindow *self)
{
  return dm_screen_painter_get_set (dm_route_map_layer_get_painter (self->routes_layer));
}

/**
 * dm_window_dup_under_way:
 *
 * The places of what is under way at @t on the map (the shown events): a #GPtrArray of
 * #DmPlace, empty when nothing is.
 */
GPtrArray *
dm_window_dup_under_way (DmWindow *self,
                         gint64    t)
{
  g_autoptr(GArray) where = dm_route_set_dup_where (window_set (self), t);
  GPtrArray *places = g_ptr_array_new ();

  for (guint i = 0; i < where->len; i++)
    {
      const DmWhere *w = &g_array_index (where, DmWhere, i);

      /* at a visit, summit or meeting; not at home after a trip's last leg */
      if (w->state == DM_WHERE_AT && w->event != NULL && w->place != NULL &&
          dm_event_get_kind (w->event) != DM_EVENT_KIND_TRIP)
        g_ptr_array_add (places, w->place);
      else if (w->state == DM_WHERE_TRAVELLING && w->from != NULL && w->to != NULL)
        {
          g_ptr_array_add (places, w->from);
          g_ptr_array_add (places, w->to);
        }
    }
  return places;
}

static gboolean
same_places (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] != b->pdata[i])
      return FALSE;
  return TRUE;
}

static void
follow_time_cb (DmWindow *self)
{
  g_autoptr(GPtrArray) places = NULL;
  gint64 now = g_get_monotonic_time ();

  g_assert (DM_IS_WINDOW (self));

  if (!g_settings_get_boolean (self->settings, "follow") ||
      !dm_playback_get_playing (self->playback) ||
      now - self->follow_last_flight < MIN_INTERVAL_US)
    return;
  places = dm_window_dup_under_way (self, (gint64) dm_playback_get_time (self->playback));
  /* nothing under way, or the same as the last flight went to: the map stays */
  if (places->len == 0 || same_places (places, self->follow_places))
    return;
  self->follow_last_flight = now;
  g_clear_pointer (&self->follow_places, g_ptr_array_unref);
  self->follow_places = g_steal_pointer (&places);
  dm_window_fly_to_places (self, self->follow_places, FOLLOW_MAX_ZOOM, FLIGHT_MS);
}

static void
follow_action (GSimpleAction *action,
               GVariant      *state,
               gpointer       user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));

  g_simple_action_set_state (action, state);
  g_settings_set_boolean (self->settings, "follow", g_variant_get_boolean (state));
  /* turned on: the next frame flies at once */
  self->follow_last_flight = 0;
  g_clear_pointer (&self->follow_places, g_ptr_array_unref);
  follow_time_cb (self);
}

void
dm_window_init_follow (DmWindow *self)
{
  static const GActionEntry entries[] = {
    { "follow", NULL, NULL, "false", follow_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  if (g_settings_get_boolean (self->settings, "follow"))
    g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "follow")),
                               g_variant_new_boolean (TRUE));
  g_signal_connect_object (self->playback, "notify::time", G_CALLBACK (follow_time_cb), self,
                           G_CONNECT_SWAPPED);
}
