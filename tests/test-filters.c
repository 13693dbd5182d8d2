/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-event-list-private.h"
#include "dm-gazetteer.h"
#include "dm-great-circle.h"
#include "dm-screen-painter.h"
#include "dm-timeline-private.h"
#include "dm-window-private.h"

/* The list's filters drive the map and the export: "every secretary of state's trips in
 * 2018", on the U.S. record, and a trip filtered away that the figure no longer draws. */

/* The change of the filters has reached the map (after the window's pause) */
static gboolean
filters_applied (gpointer data)
{
  return ((DmWindow *) data)->filter_timeout_id == 0;
}

static DmRouteSet *
window_set (DmWindow *win)
{
  return dm_screen_painter_get_set (dm_route_map_layer_get_painter (win->routes_layer));
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

static GdkTexture *export_png (DmWindow     *win,
                               DmFigureArea  area,
                               DmLonLat      point,
                               const char   *name,
                               double       *x,
                               double       *y);

static DmLonLat
leg_middle (DmLeg *leg)
{
  return dm_great_circle_interpolate ((DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) },
                                      (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) },
                                      0.5);
}

/* Computed here: a stop of the event (its place, or a leg's end other than the last leg's
 * way home) is in a country of @continent, a UN M49 region */
static gboolean
goes_to (DmEvent    *event,
         const char *continent)
{
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  GPtrArray *legs = dm_event_get_legs (event);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();

  if (dm_event_get_place (event) != NULL)
    g_ptr_array_add (stops, dm_event_get_place (event));
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      DmLeg *first = g_ptr_array_index (legs, 0);
      if (i > 0 && i == legs->len - 1 && first->from != NULL && leg->to != NULL &&
          g_strcmp0 (dm_place_get_country (first->from), dm_place_get_country (leg->to)) == 0)
        continue;
      if (leg->to != NULL)
        g_ptr_array_add (stops, leg->to);
    }
  for (guint i = 0; i < stops->len; i++)
    {
      const char *code = dm_place_get_country (g_ptr_array_index (stops, i));
      /* the region filter follows UN M49 */
      if (code != NULL &&
          dm_gazetteer_country_in_m49_area (gazetteer, code, dm_gazetteer_lookup_m49_area (continent)))
        return TRUE;
    }
  return FALSE;
}

static double
leg_size (DmLeg *leg)
{
  return fabs (dm_place_get_latitude (leg->from) - dm_place_get_latitude (leg->to)) +
         fabs (dm_place_get_longitude (leg->from) - dm_place_get_longitude (leg->to));
}

/* A pixel of about @rgb within 3 pixels of (x, y): lines may be doubled or dashed */
static gboolean
drawn_near (GdkTexture *texture,
            double      x,
            double      y,
            guint32     rgb)
{
  for (int dy = -3; dy <= 3; dy++)
    for (int dx = -3; dx <= 3; dx++)
      if (app_test_color_near (app_test_pixel (texture, (int) round (x) + dx, (int) round (y) + dy), rgb, 40))
        return TRUE;
  return FALSE;
}

/* "A secretary of state's trips to Asia in 2018": a trip to South America drawn in the figure
 * before, not after */
static void
check_region (DmWindow *win)
{
  GListModel *all = dm_document_get_events (win->document);
  guint n_asia = 0;
  DmEvent *away = NULL;
  DmLeg *away_leg = NULL;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  DmRgba color;
  guint32 rgb, px_before, px_after;
  double x, y;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (all, i);
      GPtrArray *legs = dm_event_get_legs (event);

      if (!expected_match (event, "Secretary of State", 2018))
        continue;
      if (goes_to (event, "Asia"))
        n_asia++;
      else
        for (guint j = 0; j < legs->len; j++)
          {
            DmLeg *leg = g_ptr_array_index (legs, j);
            /* the longest dated leg within South America, far from the ways to Asia */
            if (leg->from && leg->to && !leg->uncertain &&
                dm_place_get_latitude (leg->from) < -5 && dm_place_get_latitude (leg->to) < -5 &&
                dm_place_get_longitude (leg->to) < -40 && dm_place_get_longitude (leg->from) < -40 &&
                (away_leg == NULL || leg_size (leg) > leg_size (away_leg)))
              {
                away = event;
                away_leg = leg;
              }
          }
    }
  g_test_message ("trips to Asia: %u; away: %s", n_asia, away ? dm_event_get_id (away) : "none");
  g_assert_cmpuint (n_asia, >, 0);
  g_assert_nonnull (away);

  color = dm_route_set_get_actor_color (window_set (win), dm_event_get_actor (away));
  rgb = dm_rgba_to_hex (&color);
  dm_playback_set_time (win->playback, dm_playback_get_end (win->playback));
  /* Export Map draws the window's trail (a year for the record): every leg of the year's
   * filters here, so the South American one is drawn at the end */
  g_action_group_activate_action (G_ACTION_GROUP (win), "trail", g_variant_new_string ("all"));
  before = export_png (win, DM_FIGURE_AREA_WORLD, leg_middle (away_leg), "export-2018.png", &x, &y);
  px_before = app_test_pixel (before, (int) round (x), (int) round (y));

  dm_event_list_set_region (win->event_list, "Asia");
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_model (win->event_list)), ==, n_asia);
  after = export_png (win, DM_FIGURE_AREA_WORLD, leg_middle (away_leg), "export-2018-asia.png", &x, &y);
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.diplomap.Diplomap");
    g_settings_reset (settings, "trail");
  }
  px_after = app_test_pixel (after, (int) round (x), (int) round (y));
  g_test_message ("leg of %s at %.0f,%.0f: %06x before, %06x after (actor %06x)",
                  dm_event_get_id (away), x, y, px_before, px_after, rgb);
  g_assert_true (drawn_near (before, x, y, rgb));
  g_assert_false (drawn_near (after, x, y, rgb));
  /* the figure drew the routes of the map: the same events (the export applied the filters
   * at once, without the map's pause) */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->shown)), ==, n_asia);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-us-travels-asia.png");
  }
  dm_event_list_set_region (win->event_list, NULL);
}

static void
test_role_year (void)
{
  DmWindow *win = app_test_open_window ();
  GListModel *all, *shown;
  g_autoptr(GDateTime) y2018 = g_date_time_new_utc (2018, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) y2019 = g_date_time_new_utc (2019, 1, 1, 0, 0, 0);
  guint n_all, n_events = 0, n_legs = 0, n_legs_all;

  g_action_group_activate_action (G_ACTION_GROUP (win), "open-us-travels", NULL);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 30000));
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
  g_assert_true (app_test_wait_until (filters_applied, win, 5000));
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
    DmFigureDialog *dialog = dm_window_new_export_dialog (win);
    g_autoptr(DmFigure) figure = dm_figure_dialog_build_figure (dialog);
    DmDocument *doc = dm_figure_get_document (figure);

    g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, n_events);
    g_assert_cmpuint (dm_document_get_n_legs (doc), >=, n_legs);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  dm_window_fit_document (win);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  g_assert_true (app_test_wait_until (app_test_window_tiles_done, win, 30000));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-us-travels-filtered.png");
  }

  check_region (win);

  /* Back to all: everything again */
  dm_event_list_set_role_year (win->event_list, NULL, 0);
  g_assert_true (app_test_wait_until (filters_applied, win, 5000));
  g_assert_cmpuint (dm_route_set_get_n_legs (window_set (win)), ==, n_legs_all);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Exports @area at the playhead as a 1280x720 PNG; where @point is in it */
static GdkTexture *
export_png (DmWindow     *win,
            DmFigureArea  area,
            DmLonLat      point,
            const char   *name,
            double       *x,
            double       *y)
{
  DmFigureDialog *dialog = dm_window_new_export_dialog (win);
  g_autoptr(DmFigure) figure = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  dm_figure_dialog_set_format (dialog, DM_FIGURE_FORMAT_PNG);
  dm_figure_dialog_set_area (dialog, area);
  dm_figure_dialog_set_size (dialog, DM_FIGURE_SIZE_CUSTOM, 1280, 720);
  figure = dm_figure_dialog_build_figure (dialog);
  dm_figure_map_point (figure, point.lon, point.lat, x, y);
  dm_window_export (win, dialog, file);
  g_assert_true (app_test_wait_until (app_test_window_exported, win, 20000));
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
  DmWindow *win = app_test_open_window ();
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
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
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
  kept = export_png (win, DM_FIGURE_AREA_VIEW, mid, "export-unfiltered.png", &x, &y);
  g_assert_true (app_test_color_near (app_test_pixel (kept, (int) round (x), (int) round (y)), rgb, 24));

  /* ...with only visits shown, not: the export is made at once, without the map's pause */
  dm_event_list_set_filters (win->event_list, NULL, NULL, DM_EVENT_KIND_VISIT, -1);
  dropped = export_png (win, DM_FIGURE_AREA_VIEW, mid, "export-filtered.png", &x, &y);
  g_test_message ("filtered figure at %.0f,%.0f: %06x", x, y,
                  app_test_pixel (dropped, (int) round (x), (int) round (y)));
  g_assert_false (app_test_color_near (app_test_pixel (dropped, (int) round (x), (int) round (y)), rgb, 24));
  g_assert_cmpuint (dm_route_set_get_n_legs (window_set (win)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The pixel nearest to @rgb in the timeline's mark of event @id in @actor's lane, as drawn:
 * a trip's first leg, or the diamond of a meeting or summit (marks show their event's status,
 * planned ones hollow: the colour is in their border, not always at their centre) */
static guint32
timeline_mark (DmWindow   *win,
               const char *id,
               DmActor    *actor,
               guint32     rgb)
{
  DmTimeline *t = win->timeline;
  g_autoptr(GdkTexture) shot = NULL;
  double lane_h = dm_timeline_lane_height (t);

  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  shot = app_test_render (GTK_WIDGET (t));
  for (guint i = 0; i < t->items->len; i++)
    {
      DmTimelineItem *item = &g_array_index (t->items, DmTimelineItem, i);
      double x0, x1, y;

      if (!g_str_equal (dm_event_get_id (item->event), id) ||
          g_ptr_array_index (t->lanes, item->lane) != actor)
        continue;
      y = dm_timeline_lane_y (t, item->lane) + lane_h / 2;
      if (dm_event_get_kind (item->event) == DM_EVENT_KIND_TRIP)
        {
          DmLeg *leg = g_ptr_array_index (dm_event_get_legs (item->event), 0);
          x0 = dm_timeline_x_for_time (t, leg->start);
          x1 = MAX (dm_timeline_x_for_time (t, leg->end), x0 + 3);
        }
      else
        {
          x0 = dm_timeline_x_for_time (t, item->start);
          x1 = MAX (dm_timeline_x_for_time (t, item->end), x0 + 2);
        }
      g_assert_cmpfloat ((x0 + x1) / 2, >, DM_TIMELINE_LABEL_WIDTH);
      g_assert_cmpfloat ((x0 + x1) / 2, <, dm_timeline_axis_end (t));
      {
        int w = gdk_texture_get_width (shot), h = gdk_texture_get_height (shot);
        g_autofree guchar *data = g_malloc (w * 4 * h);
        guint32 best = 0;
        int best_d = G_MAXINT;

        gdk_texture_download (shot, data, w * 4);
        for (int py = (int) (y - lane_h * 0.45); py <= (int) (y + lane_h * 0.45); py++)
          for (int px = (int) x0; px <= (int) ceil (x1); px++)
            {
              const guchar *p = data + (CLAMP (py, 0, h - 1) * w + CLAMP (px, 0, w - 1)) * 4;
              guint32 c = (p[2] << 16) | (p[1] << 8) | p[0];
              int d = 0;

              for (int shift = 0; shift <= 16; shift += 8)
                d = MAX (d, ABS ((int) ((c >> shift) & 0xff) - (int) ((rgb >> shift) & 0xff)));
              if (d < best_d)
                best_d = d, best = c;
            }
        return best;
      }
    }
  g_assert_not_reached ();
  return 0;
}

/* An actor keeps its colour in the timeline and the list whatever the filters show: with
 * only Choe Son Hui's events Lavrov used to turn from bluish green to blue, and with only
 * Trump's Trump from blue to vermillion */
static void
test_colours_stay (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  struct { const char *filter, *actor, *event; guint32 rgb; } cases[] = {
    { "choe", "lavrov", "choe-lavrov", 0x009e73 },
    { "trump", "trump", "trump-asia", 0x0072b2 },
  };
  GListModel *events;
  g_autoptr(GHashTable) dots = g_hash_table_new (NULL, NULL);

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  events = dm_document_get_events (win->document);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      g_hash_table_insert (dots, e, GUINT_TO_POINTER (dm_event_list_dot_color (win->event_list, e)));
    }

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      DmActor *actor = dm_document_lookup_actor (win->document, cases[c].actor);
      guint32 before, after;
      GListModel *shown;

      dm_event_list_set_filters (win->event_list, NULL, NULL, -1, -1);
      dm_window_apply_filters (win);
      before = timeline_mark (win, cases[c].event, actor, cases[c].rgb);
      dm_event_list_set_filters (win->event_list,
                                 dm_document_lookup_actor (win->document, cases[c].filter),
                                 NULL, -1, -1);
      dm_window_apply_filters (win);
      shown = dm_document_get_events (win->shown);
      g_assert_cmpuint (g_list_model_get_n_items (shown), <, g_list_model_get_n_items (events));
      after = timeline_mark (win, cases[c].event, actor, cases[c].rgb);
      g_test_message ("%s in the timeline: %06x, with only %s's events %06x", cases[c].actor,
                      before, cases[c].filter, after);
      g_assert_true (app_test_color_near (before, cases[c].rgb, 24));
      g_assert_true (app_test_color_near (after, cases[c].rgb, 24));
      /* the list's dots: each event's as without a filter */
      for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
        {
          g_autoptr(DmEvent) e = g_list_model_get_item (shown, i);
          g_assert_cmphex (dm_event_list_dot_color (win->event_list, e), ==,
                           GPOINTER_TO_UINT (g_hash_table_lookup (dots, e)));
        }
    }

  /* the figure exported from the window (a snapshot of what it shows) too: Trump's leg from
   * Kuala Lumpur to Tokyo in his blue, with only his events shown (lighter: it is confirmed,
   * #0072b2 half way to white) */
  {
    DmEvent *trip = NULL;
    DmLeg *leg;
    DmLonLat mid;
    g_autoptr(GdkTexture) figure = NULL;
    gboolean found = FALSE;
    gint64 start, end;
    double x, y;

    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
        if (g_str_equal (dm_event_get_id (e), "trump-asia"))
          trip = e;  /* the document keeps it */
      }
    g_assert_nonnull (trip);
    leg = g_ptr_array_index (dm_event_get_legs (trip), 1);
    mid = dm_great_circle_interpolate ((DmLonLat) { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) },
                                       (DmLonLat) { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) },
                                       0.5);
    g_assert_true (dm_document_get_extent (win->shown, &start, &end));
    dm_playback_set_time (win->playback, end);
    figure = export_png (win, DM_FIGURE_AREA_ALL, mid, "export-trump-alone.png", &x, &y);
    for (int dy = -2; dy <= 2; dy++)
      for (int dx = -2; dx <= 2; dx++)
        found |= app_test_color_near (app_test_pixel (figure, (int) round (x) + dx, (int) round (y) + dy),
                                      0x80b9d9, 24);
    g_test_message ("Trump alone, figure at %.0f,%.0f: %06x", x, y,
                    app_test_pixel (figure, (int) round (x), (int) round (y)));
    g_assert_true (found);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The search entry's own pause has passed, then the window's: two events are shown */
static gboolean
two_shown (gpointer data)
{
  DmWindow *win = data;

  return win->filter_timeout_id == 0 &&
         g_list_model_get_n_items (dm_document_get_events (win->shown)) == 2;
}

/* A search that leaves Lavrov's events (Moscow and Minsk) flies the map there once the
 * list's pause has passed, from the whole document's frame across Asia and America */
static void
test_search_frames (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  ShumateViewport *viewport;
  double zoom_before, lon, lat;

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  g_assert_true (app_test_wait_map_still (win, 3));
  viewport = shumate_map_get_viewport (win->map);
  zoom_before = shumate_viewport_get_zoom_level (viewport);
  before = app_test_render (GTK_WIDGET (win));
  app_test_save (before, "search-frames-before.png");

  gtk_editable_set_text (GTK_EDITABLE (win->event_list->search), "Lavrov");
  g_assert_true (app_test_wait_until (two_shown, win, 5000));
  g_assert_true (app_test_wait_map_still (win, 5));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  g_test_message ("zoom %.2f -> %.2f, centre %.2f, %.2f", zoom_before,
                  shumate_viewport_get_zoom_level (viewport), lat, lon);
  /* Between Minsk (27.6° E, 53.9° N) and Moscow (37.6° E, 55.8° N) */
  g_assert_cmpfloat (lon, >, 27);
  g_assert_cmpfloat (lon, <, 38);
  g_assert_cmpfloat (lat, >, 53);
  g_assert_cmpfloat (lat, <, 56.5);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom_before + 1);
  g_assert_true (app_test_wait_until (app_test_window_tiles_done, win, 10000));
  after = app_test_render (GTK_WIDGET (win));
  app_test_save (after, "search-frames-after.png");
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
shown_in (GListModel *model,
          const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (model, i);
      if (g_str_equal (dm_event_get_id (event), id))
        return TRUE;
    }
  return FALSE;
}

static gboolean
filters_revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (((DmEventList *) data)->filter_revealer);
}

/* "From" 2025-10-28 "To" 2025-10-29 on the sample leaves the events overlapping those two
 * days (as written, at their places) in the list, on the map and on the timeline */
static void
test_date_range (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  const char *inside[] = { "choe-moscow", "choe-lavrov", "minsk-conference", "trump-tokyo", "trump-korea" };
  const char *outside[] = { "asean-summit", "trump-xi", "apec-2025" };
  DmEventList *list = win->event_list;
  GListModel *model;
  guint n_all;
  gint64 start, end;

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  n_all = g_list_model_get_n_items (dm_document_get_events (win->document));
  model = dm_event_list_get_model (list);
  g_assert_cmpuint (dm_event_list_count_filters (list), ==, 0);

  /* Keyboard: the entries take the focus once the filters are shown (and laid out: Tab
   * follows their places; a fixed 400 ms was too short on a loaded machine) */
  gtk_toggle_button_set_active (list->filter_button, TRUE);
  g_assert_true (app_test_wait_until (filters_revealed, list, 10000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (list->to_filter)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (win)), GTK_WIDGET (list->to_filter)));
  /* Shift+Tab from "To" goes to "From" */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_parent (GTK_WIDGET (list->to_filter))),
                                         GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (win)), GTK_WIDGET (list->from_filter)));

  /* Typed as a person would: the list follows each entry */
  gtk_editable_set_text (GTK_EDITABLE (list->from_filter), "2025-10-28");
  gtk_editable_set_text (GTK_EDITABLE (list->to_filter), "2025-10-29");
  g_assert_cmpuint (dm_event_list_count_filters (list), ==, 1);
  g_assert_true (dm_event_list_is_filtered (list));
  for (guint i = 0; i < G_N_ELEMENTS (inside); i++)
    g_assert_true (shown_in (model, inside[i]));
  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    g_assert_false (shown_in (model, outside[i]));
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);

  /* The map and the timeline have the same events once the window's pause has passed */
  g_assert_true (app_test_wait_until (filters_applied, win, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->shown)), ==,
                    g_list_model_get_n_items (model));
  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    g_assert_false (shown_in (dm_document_get_events (win->shown), outside[i]));
  g_assert_true (dm_document_get_extent (win->shown, &start, &end));
  g_assert_cmpfloat (dm_playback_get_start (win->playback), >=, start - 86400 * 3);
  g_assert_cmpfloat (dm_playback_get_end (win->playback), <=, end + 86400 * 3);

  g_assert_true (app_test_wait_map_still (win, 5));
  g_assert_true (app_test_wait_until (app_test_window_tiles_done, win, 10000));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-date-range.png");
  }

  /* A date that cannot be read is marked and hides nothing; a year alone is a bound */
  gtk_editable_set_text (GTK_EDITABLE (list->to_filter), "29 oct");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (list->to_filter), "error"));
  g_assert_true (shown_in (model, "apec-2025"));
  g_assert_false (shown_in (model, "asean-summit"));
  dm_event_list_set_date_range (list, "2024", "2024");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (list->to_filter), "error"));

  /* Clear Filters empties both */
  dm_event_list_clear_filters (list);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (list->from_filter)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_cmpuint (dm_event_list_count_filters (list), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  app_test_add_func ("/app/filters/export-follows", test_export_follows);
  app_test_add_func ("/app/filters/role-year", test_role_year);
  app_test_add_func ("/app/filters/colours-stay", test_colours_stay);
  app_test_add_func ("/app/filters/search-frames", test_search_frames);
  app_test_add_func ("/app/filters/date-range", test_date_range);
  return g_test_run ();
}
