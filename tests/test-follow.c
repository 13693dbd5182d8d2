/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "app-test-util.h"
#include "dm-great-circle.h"
#include "dm-window-private.h"

/* Follow Events: while playing, the map glides towards the legs under way; off, it stays */

static double
distance_deg (ShumateViewport *viewport,
              DmLonLat         p)
{
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double dlon = fabs (remainder (lon - p.lon, 360));

  return hypot (dlon * cos (p.lat * G_PI / 180), lat - p.lat);
}

static DmLonLat
leg_middle (DmLeg *leg)
{
  return dm_great_circle_interpolate ((DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) },
                                      (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) },
                                      0.5);
}

/* The timed leg of the sample farthest from where the map is */
static DmLeg *
farthest_leg (DmWindow        *win,
              ShumateViewport *viewport)
{
  GListModel *events = dm_document_get_events (win->shown);
  DmLeg *best = NULL;
  double best_d = -1;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (event);

      if (dm_event_get_kind (event) != DM_EVENT_KIND_TRIP)
        continue;
      for (guint j = 0; j < legs->len; j++)
        {
          DmLeg *leg = g_ptr_array_index (legs, j);
          double d;

          if (leg->from == NULL || leg->to == NULL || leg->uncertain || leg->end <= leg->start)
            continue;
          d = distance_deg (viewport, leg_middle (leg));
          if (d > best_d)
            {
              best_d = d;
              best = leg;
            }
        }
    }
  return best;
}

static gboolean
in_view (DmWindow *win,
         DmPlace  *place)
{
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  double x, y;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (win->map),
                                              dm_place_get_latitude (place),
                                              dm_place_get_longitude (place), &x, &y);
  g_test_message ("%s at %.0f, %.0f of %d x %d", dm_place_get_name (place), x, y,
                  gtk_widget_get_width (GTK_WIDGET (win->map)), gtk_widget_get_height (GTK_WIDGET (win->map)));
  return x >= 0 && y >= 0 && x <= gtk_widget_get_width (GTK_WIDGET (win->map)) &&
         y <= gtk_widget_get_height (GTK_WIDGET (win->map));
}

static void
test_follow (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  ShumateViewport *viewport;
  DmLeg *leg;
  DmLonLat middle;
  double before, off, after;
  gint64 t;

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  dm_window_fit_document (win);
  g_assert_true (app_test_wait_map_still (win, 3));
  viewport = shumate_map_get_viewport (win->map);
  leg = farthest_leg (win, viewport);
  g_assert_nonnull (leg);
  middle = leg_middle (leg);
  t = (leg->start + leg->end) / 2;

  /* What is under way at the leg's middle holds both of its ends */
  places = dm_window_dup_under_way (win, t);
  g_assert_true (g_ptr_array_find (places, leg->from, NULL));
  g_assert_true (g_ptr_array_find (places, leg->to, NULL));

  /* Off (the default): playing through the leg leaves the map where it is */
  g_assert_false (g_settings_get_boolean (settings, "follow"));
  dm_playback_set_speed (win->playback, 60);
  before = distance_deg (viewport, middle);
  dm_playback_set_time (win->playback, t);
  dm_playback_set_playing (win->playback, TRUE);
  app_test_wait (1500);
  off = distance_deg (viewport, middle);
  g_assert_cmpfloat (fabs (off - before), <, 0.01);

  /* On: the map glides towards the leg, and the setting is kept */
  g_action_group_change_action_state (G_ACTION_GROUP (win), "follow", g_variant_new_boolean (TRUE));
  g_assert_true (g_settings_get_boolean (settings, "follow"));
  dm_playback_set_time (win->playback, t + 60);
  app_test_wait (1500);
  dm_playback_set_playing (win->playback, FALSE);
  g_assert_true (app_test_wait_map_still (win, 3));
  after = distance_deg (viewport, middle);
  g_test_message ("leg middle %.1f, %.1f: %.1f° away before, %.1f° after", middle.lon, middle.lat,
                  before, after);
  /* nearer, and both ends of the leg in view (with what else is under way: Choe Son Hui in
   * Minsk, so the map frames what lies between) */
  g_assert_cmpfloat (after, <, before * 0.75);
  g_assert_true (in_view (win, leg->from));
  g_assert_true (in_view (win, leg->to));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-follow.png");
  }

  g_action_group_change_action_state (G_ACTION_GROUP (win), "follow", g_variant_new_boolean (FALSE));
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  app_test_add_func ("/app/follow/glides", test_follow);
  return g_test_run ();
}
