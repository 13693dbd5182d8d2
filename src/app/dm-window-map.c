/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <math.h>

#include "dm-document-store.h"
#include "dm-event-editor.h"
#include "dm-gazetteer.h"
#include "dm-great-circle.h"
#include "dm-tile-paintable.h"
#include "dm-window-private.h"
#include "dm-worker-priority.h"

/* The window's map: the offline tiles and the routes layer, flying to events, fitting the
 * document or what the filters leave, and picking an event with a click. */

/* The places to frame, in normalised Web Mercator (x and y 0..1 from 180°W and the north),
 * each place once with the times it was added: 100,000 events add their 30 capitals 300,000
 * times, and sorting every copy of them was most of fitting the map */
typedef struct
{
  double x, y;
  guint  count;
} BoxPoint;

typedef struct
{
  GHashTable *index;   /* DmPlace to its point's index + 1 */
  GArray     *points;  /* BoxPoint */
  guint       n;       /* the sum of their counts */
} Box;

/* The part of the world that holds them: the smallest arc of longitudes (the world wraps)
 * and the latitudes between the extremes; of many places, the latitudes that hold all but
 * the farthest 2 % on each side, so a record of thousands of stops is not framed around
 * one research station in Antarctica */
typedef struct
{
  double cx, cy;   /* its centre, cx in 0..1 */
  double dx, dy;   /* its size */
  guint  n;
} Frame;

static void
box_init (Box *box)
{
  box->index = g_hash_table_new (NULL, NULL);
  box->points = g_array_new (FALSE, FALSE, sizeof (BoxPoint));
  box->n = 0;
}

static void
box_clear (Box *box)
{
  g_clear_pointer (&box->index, g_hash_table_unref);
  g_clear_pointer (&box->points, g_array_unref);
}

/* Web Mercator, 0..1 from 180°W and from the north edge */
static void
mercator_normalize (double  lon,
                    double  lat,
                    double *mx,
                    double *my)
{
  double r = CLAMP (lat, -85.0511, 85.0511) * G_PI / 180;

  *mx = (lon + 180) / 360;
  *mx -= floor (*mx);
  *my = (1 - log (tan (r) + 1 / cos (r)) / G_PI) / 2;
}

static void
box_add (Box     *box,
         DmPlace *place)
{
  guint found;
  BoxPoint point = { 0, 0, 1 };

  if (place == NULL)
    return;
  box->n++;
  if ((found = GPOINTER_TO_UINT (g_hash_table_lookup (box->index, place))) > 0)
    {
      g_array_index (box->points, BoxPoint, found - 1).count++;
      return;
    }
  mercator_normalize (dm_place_get_longitude (place), dm_place_get_latitude (place), &point.x, &point.y);
  g_array_append_val (box->points, point);
  g_hash_table_insert (box->index, place, GUINT_TO_POINTER (box->points->len));
}

static void
box_add_event (Box     *box,
               DmEvent *event)
{
  GPtrArray *legs = dm_event_get_legs (event);

  box_add (box, dm_event_get_place (event));
  for (guint i = 0; legs != NULL && i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      box_add (box, leg->from);
      box_add (box, leg->to);
    }
}

/* Fewer places than this are all framed, however far apart */
#define MIN_PLACES_TO_TRIM 50

static int
compare_x (gconstpointer a,
           gconstpointer b)
{
  double x = ((const BoxPoint *) a)->x, y = ((const BoxPoint *) b)->x;

  return (x > y) - (x < y);
}

static int
compare_y (gconstpointer a,
           gconstpointer b)
{
  double x = ((const BoxPoint *) a)->y, y = ((const BoxPoint *) b)->y;

  return (x > y) - (x < y);
}

/* The y of the place added @rank-th (from 0) from the north, @points sorted by y */
static double
y_at_rank (GArray *points,
           guint   rank)
{
  for (guint i = 0; i < points->len; i++)
    {
      const BoxPoint *p = &g_array_index (points, BoxPoint, i);

      if (rank < p->count)
        return p->y;
      rank -= p->count;
    }
  return g_array_index (points, BoxPoint, points->len - 1).y;
}

/* The arc of longitudes left when the widest gap between two neighbouring places (around
 * the world, the last to the first included) is cut out: Washington, Kuala Lumpur and
 * Tokyo are framed across the Pacific, not across the Atlantic and Europe. A place added
 * many times counts as many places for the latitudes' trim, as once for the gaps (its
 * copies' gaps are 0). */
static Frame
box_get_frame (const Box *box)
{
  Frame frame = { 0 };
  g_autoptr(GArray) points = NULL;
  double gap, start, y_min, y_max;
  guint n = box->points->len, trim;

  frame.n = box->n;
  if (n == 0)
    return frame;
  points = g_array_copy (box->points);
  g_array_sort (points, compare_x);
  /* the gap from the last place round to the first */
  gap = g_array_index (points, BoxPoint, 0).x + 1 - g_array_index (points, BoxPoint, n - 1).x;
  start = g_array_index (points, BoxPoint, 0).x;
  for (guint i = 1; i < n; i++)
    {
      double d = g_array_index (points, BoxPoint, i).x - g_array_index (points, BoxPoint, i - 1).x;
      if (d > gap)
        {
          gap = d;
          start = g_array_index (points, BoxPoint, i).x;
        }
    }
  frame.dx = 1 - gap;
  frame.cx = start + frame.dx / 2;
  frame.cx -= floor (frame.cx);
  g_array_sort (points, compare_y);
  trim = box->n >= MIN_PLACES_TO_TRIM ? box->n / 50 : 0;
  y_min = y_at_rank (points, trim);
  y_max = y_at_rank (points, box->n - 1 - trim);
  frame.dy = y_max - y_min;
  frame.cy = (y_min + y_max) / 2;
  return frame;
}

static void
go_to_box_full (DmWindow  *self,
                const Box *box,
                double     zoom_limit,
                guint      duration_ms)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  Frame f = box_get_frame (box);
  double w = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 400);
  double h = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 300);
  double min_zoom = shumate_viewport_get_min_zoom_level (viewport);
  double max_zoom = shumate_viewport_get_max_zoom_level (viewport);
  double zoom, lat, lon;

  /* this view, not a fit still being made */
  dm_window_cancel_fit (self);
  if (f.n == 0)
    return;
  /* Width and height both fit, with a margin: the world is 256 px wide at zoom 0 */
  zoom = log2 (MIN (w * 0.75 / (MAX (f.dx, 1e-6) * 256), h * 0.75 / (MAX (f.dy, 1e-6) * 256)));
  lat = atan (sinh (G_PI * (1 - 2 * f.cy))) * 180 / G_PI;
  lon = f.cx * 360 - 180;
  /* One place: its region, not its streets; places a few streets apart: not much closer
   * (the offline map has no streets). As far out as the map goes for a wide trip. */
  if (f.n == 1 || (f.dx < 1e-4 && f.dy < 1e-4))
    zoom = 5;
  zoom = CLAMP (zoom, min_zoom, MAX (min_zoom, MIN (max_zoom, zoom_limit)));
  if (duration_ms == 0)
    {
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_map_center_on (self->map, lat, lon);
    }
  else
    shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, duration_ms);
}

static void
go_to_box (DmWindow  *self,
           const Box *box,
           guint      duration_ms)
{
  go_to_box_full (self, box, 8, duration_ms);
}

void
dm_window_fly_to_places (DmWindow  *self,
                         GPtrArray *places,
                         double     max_zoom,
                         guint      duration_ms)
{
  Box box;

  box_init (&box);
  for (guint i = 0; i < places->len; i++)
    box_add (&box, g_ptr_array_index (places, i));
  go_to_box_full (self, &box, max_zoom, duration_ms);
  box_clear (&box);
}

void
dm_window_fly_to_event (DmWindow *self,
                        DmEvent  *event,
                        guint     duration_ms)
{
  Box box;

  box_init (&box);
  box_add_event (&box, event);
  go_to_box (self, &box, duration_ms);
  box_clear (&box);
}

/* What the box is made of: the events and the places without a time, taken on the main
 * thread (a list model is never read from another thread: the events are the document's
 * array, shared and so never changed; events and places are never changed in place), and
 * the box made from them */
typedef struct
{
  GPtrArray *events;   /* DmEvent, owned */
  GPtrArray *undated;  /* DmPlace, owned */
  guint      duration_ms;
  Box        box;
} FitJob;

static void
fit_job_free (FitJob *job)
{
  g_ptr_array_unref (job->events);
  g_ptr_array_unref (job->undated);
  box_clear (&job->box);
  g_free (job);
}

static void
fit_job_run (FitJob *job)
{
  box_init (&job->box);
  for (guint i = 0; i < job->events->len; i++)
    box_add_event (&job->box, g_ptr_array_index (job->events, i));
  for (guint i = 0; i < job->undated->len; i++)
    box_add (&job->box, g_ptr_array_index (job->undated, i));
}

static void
fit_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  dm_worker_priority_lower ();
  if (!g_cancellable_is_cancelled (cancellable))
    fit_job_run (task_data);
  g_task_return_boolean (task, TRUE);
}

/* On the main thread: the map goes to the box, unless a newer fit or the window's end
 * came first; the job (its events' references) is let go here */
static void
fit_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DmWindow) self = user_data;
  FitJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_object (&self->fit_build);
      go_to_box (self, &job->box, job->duration_ms);
    }
  g_task_set_task_data (G_TASK (result), NULL, NULL);
}

void
dm_window_cancel_fit (DmWindow *self)
{
  if (self->fit_build == NULL)
    return;
  g_cancellable_cancel (self->fit_build);
  g_clear_object (&self->fit_build);
}

/* The events of @document, and the places it has without a time (a file of 31 airports
 * is framed on them): a big document's box is made by a worker thread (28-100 ms of the
 * main thread at 100,000 events), the map going there when it is ready */
static void
fit_document (DmWindow   *self,
              DmDocument *document,
              guint       duration_ms)
{
  GListModel *events = dm_document_get_events (document);
  guint n = g_list_model_get_n_items (events);
  g_autoptr(GPtrArray) undated = dm_document_dup_undated_places (document);
  FitJob *job = g_new0 (FitJob, 1);
  g_autoptr(GTask) task = NULL;

  dm_window_cancel_fit (self);
  /* the document's own array, shared (never changed from now on), rather than 100,000
   * events read one by one (7-10 ms of the load's end) */
  if (DM_IS_DOCUMENT_STORE (events))
    job->events = dm_document_store_dup_array (DM_DOCUMENT_STORE (events));
  else
    {
      job->events = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (job->events, g_list_model_get_item (events, i));
    }
  job->undated = g_ptr_array_new_full (undated->len, g_object_unref);
  for (guint i = 0; i < undated->len; i++)
    g_ptr_array_add (job->undated, g_object_ref (g_ptr_array_index (undated, i)));
  job->duration_ms = duration_ms;
  if (n < self->fit_async_min_events)
    {
      fit_job_run (job);
      go_to_box (self, &job->box, duration_ms);
      fit_job_free (job);
      return;
    }
  self->fit_build = g_cancellable_new ();
  task = g_task_new (NULL, self->fit_build, fit_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, fit_document);
  g_task_set_name (task, "[diplomap] map's fit");
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) fit_job_free);
  g_task_run_in_thread (task, fit_thread);
}

void
dm_window_fit_document (DmWindow *self)
{
  fit_document (self, self->document, 0);
}

/* After a change of the search or filters has settled: a flight to what they leave */
void
dm_window_fit_shown (DmWindow *self)
{
  fit_document (self, self->shown, 800);
}

static double
distance_to (const DmView *view,
             DmLonLat      p,
             double        x,
             double        y)
{
  double px, py, best = G_MAXDOUBLE;
  double world = dm_view_get_world_width (view);

  dm_view_project (view, p.lon, p.lat, &px, &py);
  /* The nearest copy of the world */
  for (int k = -1; k <= 1; k++)
    best = MIN (best, hypot (px + k * world - x, py - y));
  return best;
}

static DmLonLat
place_point (DmPlace *place)
{
  return (DmLonLat) { dm_place_get_longitude (place), dm_place_get_latitude (place) };
}

DmEvent *
dm_window_pick_on_map (DmWindow *self,
                       double    x,
                       double    y)
{
  GListModel *events = dm_document_get_events (self->shown);
  DmEvent *best = NULL;
  double best_d = 12;
  DmView view;

  dm_route_map_layer_get_view (self->routes_layer, &view);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (event);
      double d = G_MAXDOUBLE;

      if (dm_event_get_place (event) != NULL)
        /* Markers win over lines that pass under them */
        d = distance_to (&view, place_point (dm_event_get_place (event)), x, y) - 4;
      for (guint j = 0; legs != NULL && j < legs->len; j++)
        {
          DmLeg *leg = g_ptr_array_index (legs, j);
          if (leg->from == NULL || leg->to == NULL)
            continue;
          for (guint k = 0; k <= 32; k++)
            d = MIN (d, distance_to (&view, dm_great_circle_interpolate (place_point (leg->from),
                                                                         place_point (leg->to),
                                                                         k / 32.0), x, y));
        }
      if (d < best_d)
        {
          best_d = d;
          best = event;
        }
    }
  return best;
}

static void
map_clicked_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                DmWindow        *self)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  DmEvent *event;

  g_assert (DM_IS_WINDOW (self));

  if (n_press != 1 ||
      !gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self->routes_layer), &in, &out))
    return;
  /* the editor's Pick on Map waits for this click */
  if (dm_window_pick_place_at (self, out.x, out.y))
    return;
  event = dm_window_pick_on_map (self, out.x, out.y);
  if (event != NULL)
    dm_window_select_event (self, event, FALSE);
}

/**
 * dm_window_pick_place_at:
 * @x, @y: a point of the routes layer
 *
 * When the editor's Pick on Map waits (docs/EDITING.md), gives it the place at that point:
 * the capital or most populous known place within a few pixels, else the point's
 * coordinates.
 * Returns: %TRUE when the editor took it
 */
gboolean
dm_window_pick_place_at (DmWindow *self,
                         double    x,
                         double    y)
{
  DmEventEditor *editor = self->editor ? DM_EVENT_EDITOR (self->editor) : NULL;
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  const DmGazetteerEntry *best = NULL;
  const double reach = 6;
  double lon, lat;
  g_autofree char *text = NULL;
  DmView view;

  if (editor == NULL || !dm_event_editor_get_picking (editor))
    return FALSE;
  dm_route_map_layer_get_view (self->routes_layer, &view);
  for (guint i = 0; i < dm_gazetteer_get_n_entries (gazetteer); i++)
    {
      const DmGazetteerEntry *e = dm_gazetteer_get_entry (gazetteer, i);
      double d = distance_to (&view, (DmLonLat) { e->longitude, e->latitude }, x, y);

      /* within reach, the place a click there most likely means: a capital, else the
       * most populous (at a low zoom, a city's suburbs lie a pixel from it) */
      if (d <= reach && (best == NULL || e->is_capital > best->is_capital ||
                         (e->is_capital == best->is_capital && e->population > best->population)))
        best = e;
    }
  if (best != NULL)
    text = dm_gazetteer_lookup (gazetteer, best->name, NULL) == best
           ? g_strdup (best->name) : g_strdup_printf ("%s, %s", best->name, best->country);
  else if (dm_view_unproject (&view, x, y, &lon, &lat))
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (a, sizeof a, "%.4f", CLAMP (lat, -90, 90));
      lon = fmod (lon + 180, 360);
      g_ascii_formatd (b, sizeof b, "%.4f", (lon < 0 ? lon + 360 : lon) - 180);
      text = g_strdup_printf ("%s, %s", a, b);
    }
  else
    return FALSE;
  dm_event_editor_set_picked_place (editor, text);
  return TRUE;
}

/**
 * dm_window_activate_on_map:
 * @x, @y: a point of the routes layer
 *
 * A double click there: the editor of the event drawn there (its place's mark or its
 * line). Returns: %TRUE when there was one
 */
gboolean
dm_window_activate_on_map (DmWindow *self,
                           double    x,
                           double    y)
{
  DmEvent *event = dm_window_pick_on_map (self, x, y);

  if (event == NULL || dm_event_get_id (event) == NULL)
    return FALSE;
  dm_window_select_event (self, event, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (self), "edit-event",
                                  g_variant_new_string (dm_event_get_id (event)));
  return TRUE;
}

/* Before the map's own double click (zoom in): on an event, its editor instead */
static void
map_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                DmWindow        *self)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;

  g_assert (DM_IS_WINDOW (self));

  if (n_press == 2 &&
      gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self->routes_layer), &in, &out) &&
      dm_window_activate_on_map (self, out.x, out.y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
scale_factor_changed_cb (DmWindow *self)
{
  g_assert (DM_IS_WINDOW (self));

  dm_map_source_set_scale_factor (self->map_source,
                                  gtk_widget_get_scale_factor (GTK_WIDGET (self->map)));
}

/* The routes' place names in the style's colours: dark text on a light halo, or in the dark
 * style light text on a dark halo, as the base map's labels */
static void
apply_route_colors (DmWindow *self,
                    gboolean  dark)
{
  DmRouteRenderer *renderer = dm_screen_painter_get_layer (dm_route_map_layer_get_painter (self->routes_layer));
  const DmRouteStyle *light = dm_route_style_get_default ();
  g_autoptr(DmRouteStyle) style = dm_route_style_copy (dm_route_renderer_get_style (renderer));

  style->label = dark ? dm_rgba_from_hex (DM_ROUTE_COLOR_DARK_LABEL, 1.0f) : light->label;
  style->halo = dark ? dm_rgba_from_hex (DM_MAP_COLOR_DARK_LAND, 0.9f) : light->halo;
  dm_route_renderer_set_style (renderer, style);
  gtk_widget_queue_draw (GTK_WIDGET (self->routes_layer));
}

/* The desktop's dark style: the base map in the dark palette. A new tile layer, since the
 * map layer keeps the tiles it has */
static void
dark_changed_cb (DmWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  ShumateMapLayer *tiles;

  g_assert (DM_IS_WINDOW (self));

  if (dark == dm_map_source_get_dark (self->map_source))
    return;
  dm_map_source_set_dark (self->map_source, dark);
  apply_route_colors (self, dark);
  tiles = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->map_source), viewport);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (tiles), SHUMATE_LAYER (self->routes_layer));
  shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->tiles_layer));
  self->tiles_layer = tiles;
}

/* win.map-zoom-in, win.map-zoom-out (one level, animated) and win.map-fit (all the events
 * shown): the map's buttons and Ctrl+plus, Ctrl+minus, Ctrl+0 */
static void
map_zoom_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  DmWindow *self = user_data;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  gboolean in = g_str_equal (g_action_get_name (G_ACTION (action)), "map-zoom-in");

  g_assert (DM_IS_WINDOW (self));

  zoom = CLAMP (round (zoom) + (in ? 1 : -1), shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
  shumate_map_go_to_full (self->map, shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                          shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), zoom);
}

static void
map_fit_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));

  dm_window_fit_document (self);
}

static void
add_map_actions (DmWindow *self)
{
  static const GActionEntry entries[] = {
    { "map-zoom-in", map_zoom_action },
    { "map-zoom-out", map_zoom_action },
    { "map-fit", map_fit_action },
  };
  static const struct { const char *keys; const char *action; } keys[] = {
    { "<Control>plus", "win.map-zoom-in" },
    { "<Control>equal", "win.map-zoom-in" },
    { "<Control>KP_Add", "win.map-zoom-in" },
    { "<Control>minus", "win.map-zoom-out" },
    { "<Control>KP_Subtract", "win.map-zoom-out" },
    { "<Control>0", "win.map-fit" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].keys),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The routes layer draws another route set: for a big document, the one a worker thread
 * built after the events changed. The views coloured by it follow, and the trail that
 * waited for its legs to be counted is chosen. */
static void
routes_changed_cb (DmWindow *self)
{
  DmScreenPainter *painter = dm_route_map_layer_get_painter (self->routes_layer);
  DmRouteSet *set = dm_screen_painter_get_set (painter);

  g_assert (DM_IS_WINDOW (self));

  dm_timeline_set_route_set (self->timeline, set);
  dm_event_list_set_route_set (self->event_list, set);
  if (self->trail_pending && !dm_screen_painter_is_building_set (painter))
    {
      self->trail_pending = FALSE;
      dm_window_choose_trail (self);
    }
  dm_window_update_map_key (self);
}

/* Tiles as Cairo nodes for GSK's Cairo renderer (dm-tile-paintable.c) */
static void
window_realized_cb (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));

  dm_tile_paintable_set_draw_with_cairo (GSK_IS_CAIRO_RENDERER (renderer));
}

void
dm_window_setup_map (DmWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autoptr(ShumateMapLayer) tiles = NULL;
  GtkGesture *click;

  g_signal_connect (self, "realize", G_CALLBACK (window_realized_cb), NULL);
  self->map_source = dm_map_source_new ();
  dm_map_source_set_dark (self->map_source, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  dm_map_source_set_scale_factor (self->map_source,
                                  MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1));
  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (self->map_source));
  shumate_viewport_set_min_zoom_level (viewport, 2);
  shumate_viewport_set_max_zoom_level (viewport, 12);
  tiles = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->map_source), viewport));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (tiles));
  self->tiles_layer = tiles;
  self->routes_layer = g_object_ref_sink (dm_route_map_layer_new (viewport));
  dm_route_map_layer_set_document (self->routes_layer, self->shown);
  routes_changed_cb (self);
  g_signal_connect_object (self->routes_layer, "routes-changed", G_CALLBACK (routes_changed_cb),
                           self, G_CONNECT_SWAPPED);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->routes_layer));
  if (dm_map_source_get_dark (self->map_source))
    apply_route_colors (self, TRUE);
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect_object (click, "released", G_CALLBACK (map_clicked_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (map_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "notify::scale-factor",
                           G_CALLBACK (scale_factor_changed_cb), self, G_CONNECT_SWAPPED);

  add_map_actions (self);
  dm_window_go_to_last_view (self);
}

/* Where the map was when a window last closed, within what the map shows (the settings may
 * hold anything) */
void
dm_window_go_to_last_view (DmWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double lat, lon, zoom;

  g_settings_get (self->settings, "last-view", "(ddd)", &lat, &lon, &zoom);
  shumate_map_stop_go_to (self->map);
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                                                    shumate_viewport_get_max_zoom_level (viewport)));
  shumate_map_center_on (self->map, CLAMP (lat, -85, 85), CLAMP (lon, -180, 180));
}
