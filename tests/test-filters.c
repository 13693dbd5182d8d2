/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-great-circle.h"
#include "dm-routes-painter.h"
#include "dm-timeline-private.h"
#include "dm-window-private.h"

/* The list's filters drive the map and the export: "every secretary of state's trips in
 * 2018", on the U.S. record, and a trip filtered away that the figure no longer draws. */

static DmWindow *
open_window (void)
{
  DmWindow *win = dm_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 800);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

static gboolean
loaded (gpointer data)
{
  return dm_window_get_n_loading (data) == 0;
}

static gboolean
exported (gpointer data)
{
  return ((DmWindow *) data)->n_exporting == 0;
}

static gboolean
tiles_done (gpointer data)
{
  return dm_map_source_get_n_pending (((DmWindow *) data)->map_source) == 0;
}

static DmRouteSet *
window_set (DmWindow *win)
{
  return dm_routes_painter_get_set (dm_routes_layer_get_painter (win->routes_layer));
}

/* Computed here, not by the list: an actor of the event has the role, and its time
 * overlaps the UTC year */
static gboolean
expected_match (DmEvent    *event,
                const char *role,
                int         year)
{
  g_autoptr(GDateTime) y0 = g_date_time_new_utc (year, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) y1 = g_date_time_new_utc (year + 1, 1, 1, 0, 0, 0);
  GPtrArray *parts = dm_event_get_participants (event);
  gboolean has_role = FALSE;
  gint64 s, e;

  if (dm_event_get_actor (event) != NULL &&
      g_strcmp0 (dm_actor_get_role (dm_event_get_actor (event)), role) == 0)
    has_role = TRUE;
  for (guint i = 0; i < parts->len; i++)
    if (g_strcmp0 (dm_actor_get_role (g_ptr_array_index (parts, i)), role) == 0)
      has_role = TRUE;
  if (!has_role || !dm_event_get_span (event, &s, &e))
    return FALSE;
  return s < g_date_time_to_unix (y1) && MAX (e, s + 1) > g_date_time_to_unix (y0);
}

static guint
drawn_legs (DmEvent *event)
{
  GPtrArray *legs = dm_event_get_legs (event);
  guint n = 0;

  if (dm_event_get_kind (event) != DM_EVENT_KIND_TRIP)
    return 0;
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      n += leg->from != NULL && leg->to != NULL;
    }
  return n;
}

static void
test_role_year (void)
{
  DmWindow *win = open_window ();
  GListModel *all, *shown;
  g_autoptr(GDateTime) y2018 = g_date_time_new_utc (2018, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) y2019 = g_date_time_new_utc (2019, 1, 1, 0, 0, 0);
  guint n_all, n_events = 0, n_legs = 0, n_legs_all;

  g_action_group_activate_action (G_ACTION_GROUP (win), "open-us-travels", NULL);
  g_assert_true (app_test_wait_until (loaded, win, 30000));
  all = dm_document_get_events (win->document);
  n_all = g_list_model_get_n_items (all);
  g_assert_cmpuint (n_all, >, 4000);
  /* No filter: the map shows everything, as before */
  n_legs_all = dm_route_set_get_n_legs (window_set (win));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->shown)), ==, n_all);
  g_assert_cmpuint (n_legs_all, >, 4000);

  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (all, i);
      if (expected_match (event, "Secretary of State", 2018))
        {
          n_events++;
          n_legs += drawn_legs (event);
        }
    }
  g_test_message ("secretaries of state in 2018: %u events, %u legs of %u", n_events, n_legs, n_legs_all);
  g_assert_cmpuint (n_events, >, 5);
  g_assert_cmpuint (n_legs, >, 5);

  dm_event_list_set_role_year (win->event_list, "Secretary of State", 2018);
  /* The list follows at once; the map once the choosing pauses */
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_model (win->event_list)), ==, n_events);
  g_assert_cmpuint (dm_route_set_get_n_legs (window_set (win)), ==, n_legs_all);
  app_test_wait (600);
  g_assert_cmpuint (dm_route_set_get_n_legs (window_set (win)), ==, n_legs);

  shown = dm_document_get_events (win->shown);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_events);
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (shown, i);
      g_assert_true (expected_match (event, "Secretary of State", 2018));
    }
  /* Playing goes through 2018; the timeline has a lane per secretary of state only */
  g_assert_cmpfloat (dm_playback_get_start (win->playback), >=, g_date_time_to_unix (y2018) - 86400 * 31);
  g_assert_cmpfloat (dm_playback_get_end (win->playback), <=, g_date_time_to_unix (y2019) + 86400 * 31);
  for (guint i = 0; i < win->timeline->lanes->len; i++)
    {
      DmActor *actor = g_ptr_array_index (win->timeline->lanes, i);
      g_assert_nonnull (actor);
      g_assert_cmpstr (dm_actor_get_role (actor), ==, "Secretary of State");
    }
  g_assert_cmpuint (win->timeline->lanes->len, >=, 1);
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (win->window_title), " of "));

  /* Actors and places are shared, not copied */
  g_assert_true (g_list_model_get_n_items (dm_document_get_actors (win->shown)) ==
                 g_list_model_get_n_items (dm_document_get_actors (win->document)));

  /* The figure exported from the window has the same events */
  {
    DmExportDialog *dialog = dm_window_new_export_dialog (win);
    g_autoptr(DmFigure) figure = dm_export_dialog_build_figure (dialog);
    DmDocument *doc = dm_figure_get_document (figure);

    g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, n_events);
    g_assert_cmpuint (dm_document_get_n_legs (doc), >=, n_legs);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  dm_window_fit_document (win);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  g_assert_true (app_test_wait_until (tiles_done, win, 30000));
  app_test_wait (1000);
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-us-travels-filtered.png");
  }

  /* Back to all: everything again */
  dm_event_list_set_role_year (win->event_list, NULL, 0);
  app_test_wait (600);
  g_assert_cmpuint (dm_route_set_get_n_legs (window_set (win)), ==, n_legs_all);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Exports the whole world at the playhead as PNG; where @point is in it */
static GdkTexture *
export_png (DmWindow   *win,
            DmLonLat    point,
            const char *name,
            double     *x,
            double     *y)
{
  DmExportDialog *dialog = dm_window_new_export_dialog (win);
  g_autoptr(DmFigure) figure = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  dm_export_dialog_set_format (dialog, DM_FIGURE_FORMAT_PNG);
  dm_export_dialog_set_area (dialog, DM_EXPORT_AREA_VIEW);
  dm_export_dialog_set_size (dialog, DM_EXPORT_SIZE_CUSTOM, 1280, 720);
  figure = dm_export_dialog_build_figure (dialog);
  dm_figure_map_point (figure, point.lon, point.lat, x, y);
  dm_window_export (win, dialog, file);
  g_assert_true (app_test_wait_until (exported, win, 20000));
  gtk_window_destroy (GTK_WINDOW (dialog));
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  app_test_save (texture, name);
  g_unlink (path);
  return texture;
}

static void
test_export_follows (void)
{
  DmWindow *win = open_window ();
  g_autoptr(GFile) file = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  g_autoptr(GdkTexture) kept = NULL;
  g_autoptr(GdkTexture) dropped = NULL;
  GListModel *events;
  DmEvent *trip = NULL;
  DmLeg *leg;
  DmLonLat mid;
  DmRgba color;
  guint32 rgb;
  double x, y;

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (loaded, win, 10000));
  events = dm_document_get_events (win->document);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      if (g_str_equal (dm_event_get_id (e), "choe-tour"))
        trip = e;  /* the document keeps it */
    }
  g_assert_nonnull (trip);
  leg = g_ptr_array_index (dm_event_get_legs (trip), 0);
  color = dm_route_set_get_actor_color (window_set (win), dm_event_get_actor (trip));
  rgb = dm_rgba_to_hex (&color);
  mid = dm_great_circle_interpolate ((DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) },
                                     (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) },
                                     0.5);
  dm_window_fly_to_event (win, trip, 0);
  app_test_wait (300);
  dm_playback_set_time (win->playback, leg->start + (leg->end - leg->start) / 2.0);

  /* Without a filter the figure draws the trip half way... */
  kept = export_png (win, mid, "export-unfiltered.png", &x, &y);
  g_assert_true (app_test_color_near (app_test_pixel (kept, (int) round (x), (int) round (y)), rgb, 24));

  /* ...with only visits shown, not: the export is made at once, without the map's pause */
  dm_event_list_set_filters (win->event_list, NULL, NULL, DM_EVENT_KIND_VISIT, -1);
  dropped = export_png (win, mid, "export-filtered.png", &x, &y);
  g_test_message ("filtered figure at %.0f,%.0f: %06x", x, y,
                  app_test_pixel (dropped, (int) round (x), (int) round (y)));
  g_assert_false (app_test_color_near (app_test_pixel (dropped, (int) round (x), (int) round (y)), rgb, 24));
  g_assert_cmpuint (dm_route_set_get_n_legs (window_set (win)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/filters/export-follows", test_export_follows);
  g_test_add_func ("/app/filters/role-year", test_role_year);
  return g_test_run ();
}
