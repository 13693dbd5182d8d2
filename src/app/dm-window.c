/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dm-great-circle.h"
#include "dm-routes-painter.h"
#include "dm-ui-resources.h"
#include "dm-window-private.h"

/* The main window: header bar, empty state, map with the routes, timeline, sidebar.
 * It owns the document, the playback clock and the selection (docs/APP.md). Actions are
 * in dm-window-actions.c. */

G_DEFINE_FINAL_TYPE (DmWindow, dm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  LOAD_FINISHED,
  EXPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  DmWindow *self;
  GFile    *file;
  guint     n_problems_before;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->file);
  g_free (data);
}

static void
update_time_label (DmWindow *self)
{
  double t = dm_playback_get_time (self->playback);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) t);
  g_autofree char *text = dt ? g_date_time_format (dt, "%e %b %Y, %H:%M UTC") : NULL;

  gtk_label_set_text (self->time_label, text ? g_strstrip (text) : "");
}

static void
playing_changed_cb (DmWindow *self)
{
  gboolean playing = dm_playback_get_playing (self->playback);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  dm_window_set_playing (self, playing);
  dm_window_update_actions (self);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  DmWindow *self = DM_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_frame_time != 0)
    dm_playback_advance (self->playback, (now - self->last_frame_time) / (double) G_USEC_PER_SEC);
  self->last_frame_time = now;
  return G_SOURCE_CONTINUE;
}

void
dm_window_set_playing (DmWindow *self,
                       gboolean  playing)
{
  if (playing && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (!playing && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (dm_playback_get_playing (self->playback) != playing)
    dm_playback_set_playing (self->playback, playing);
}

/* The box around some places, in normalised Mercator, unwrapped next to the first one */
typedef struct
{
  double x_min, x_max, y_min, y_max;
  double x_first;
  guint  n;
} Box;

/* Web Mercator, 0..1 from 180°W and from the north edge */
static void
mercator_normalize (double  lon,
                    double  lat,
                    double *mx,
                    double *my)
{
  double r = CLAMP (lat, -85.0511, 85.0511) * G_PI / 180;

  *mx = (lon + 180) / 360;
  *my = (1 - log (tan (r) + 1 / cos (r)) / G_PI) / 2;
}

static void
box_add (Box     *box,
         DmPlace *place)
{
  double mx, my;

  if (place == NULL)
    return;
  mercator_normalize (dm_place_get_longitude (place), dm_place_get_latitude (place), &mx, &my);
  if (box->n == 0)
    {
      box->x_first = mx;
      box->x_min = box->x_max = mx;
      box->y_min = box->y_max = my;
    }
  mx -= round (mx - box->x_first);
  box->x_min = MIN (box->x_min, mx);
  box->x_max = MAX (box->x_max, mx);
  box->y_min = MIN (box->y_min, my);
  box->y_max = MAX (box->y_max, my);
  box->n++;
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

static void
go_to_box (DmWindow  *self,
           const Box *box,
           guint      duration_ms)
{
  double w = MAX (gtk_widget_get_width (GTK_WIDGET (self->map)), 400);
  double h = MAX (gtk_widget_get_height (GTK_WIDGET (self->map)), 300);
  double cx = (box->x_min + box->x_max) / 2, cy = (box->y_min + box->y_max) / 2;
  double dx = MAX (box->x_max - box->x_min, 1e-6), dy = MAX (box->y_max - box->y_min, 1e-6);
  double zoom = log2 (MIN (w * 0.75 / (dx * 256), h * 0.75 / (dy * 256)));
  double lat = atan (sinh (G_PI * (1 - 2 * cy))) * 180 / G_PI;
  double lon = cx * 360 - 180;

  if (box->n == 0)
    return;
  lon -= 360 * round (lon / 360);
  /* One place: its region, not its streets */
  zoom = box->n == 1 || (dx < 1e-4 && dy < 1e-4) ? 5 : CLAMP (zoom, 2, 7);
  if (duration_ms == 0)
    {
      ShumateViewport *viewport = shumate_map_get_viewport (self->map);
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_map_center_on (self->map, lat, lon);
    }
  else
    shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, duration_ms);
}

void
dm_window_fly_to_event (DmWindow *self,
                        DmEvent  *event,
                        guint     duration_ms)
{
  Box box = { 0 };

  box_add_event (&box, event);
  go_to_box (self, &box, duration_ms);
}

void
dm_window_fit_document (DmWindow *self)
{
  GListModel *events = dm_document_get_events (self->document);
  Box box = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      box_add_event (&box, event);
    }
  go_to_box (self, &box, 0);
}

DmEvent *
dm_window_get_selected_event (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);
  return self->selected;
}

static void
select_event (DmWindow *self,
              DmEvent  *event,
              gboolean  fly)
{
  if (!g_set_object (&self->selected, event))
    return;
  dm_event_list_set_selected_event (self->event_list, event);
  dm_timeline_set_selected_event (self->timeline, event);
  dm_event_details_set_event (self->event_details, event);
  dm_routes_layer_set_selected_event (self->routes_layer, event);
  if (event != NULL && fly)
    dm_window_fly_to_event (self, event, 800);
}

void
dm_window_set_selected_event (DmWindow *self,
                              DmEvent  *event)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  select_event (self, event, TRUE);
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
  GListModel *events = dm_document_get_events (self->document);
  DmEvent *best = NULL;
  double best_d = 12;
  DmView view;

  dm_routes_layer_get_view (self->routes_layer, &view);
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

  if (n_press != 1 ||
      !gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self->routes_layer), &in, &out))
    return;
  event = dm_window_pick_on_map (self, out.x, out.y);
  if (event != NULL)
    select_event (self, event, FALSE);
}

static void
selection_changed_cb (GObject    *object,
                      GParamSpec *pspec,
                      DmWindow   *self)
{
  DmEvent *event = NULL;

  g_object_get (object, "selected-event", &event, NULL);
  dm_window_set_selected_event (self, event);
  g_clear_object (&event);
}

void
dm_window_show_error (DmWindow   *self,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_set_weak_pointer (&self->error_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_views (DmWindow *self)
{
  GListModel *events = dm_document_get_events (self->document);
  guint n = g_list_model_get_n_items (events);
  GPtrArray *files = dm_document_get_files (self->document);
  gint64 start, end;
  g_autofree char *subtitle = NULL;
  const char *title = dm_document_get_title (self->document);
  g_autofree char *name = NULL;

  if (title == NULL && files != NULL && files->len > 0)
    title = name = g_file_get_basename (g_ptr_array_index (files, 0));
  adw_window_title_set_title (self->window_title, title ? title : _("Diplomap"));
  subtitle = g_strdup_printf (ngettext ("%u event", "%u events", n), n);
  adw_window_title_set_subtitle (self->window_title, n > 0 ? subtitle : "");

  dm_event_list_reload (self->event_list);
  dm_timeline_reload (self->timeline);
  dm_routes_layer_reload (self->routes_layer);
  if (dm_document_get_extent (self->document, &start, &end))
    dm_playback_set_range (self->playback, start, end);
  dm_window_update_actions (self);
}

/* A large file takes a moment: a spinner says so */
static void
update_loading (DmWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), self->n_loading > 0);
  gtk_spinner_set_spinning (self->loading_spinner, self->n_loading > 0);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadData *data = user_data;
  DmWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean was_empty = g_list_model_get_n_items (dm_document_get_events (self->document)) == 0;
  gboolean ok = dm_document_load_file_finish (DM_DOCUMENT (object), result, &error);
  guint n_problems;

  self->n_loading--;
  update_loading (self);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = g_file_get_parse_name (data->file);
          /* Translators: %s is a file name */
          g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
          dm_window_show_error (self, heading, error->message);
        }
      g_signal_emit (self, signals[LOAD_FINISHED], 0, data->file, FALSE);
      load_data_free (data);
      return;
    }

  {
    g_autofree char *uri = g_file_get_uri (data->file);
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }
  reload_views (self);
  gtk_stack_set_visible_child_name (self->stack, "main");
  if (was_empty)
    {
      dm_playback_set_time (self->playback, dm_playback_get_start (self->playback));
      dm_window_fit_document (self);
    }

  n_problems = g_list_model_get_n_items (dm_document_get_problems (self->document));
  if (n_problems > data->n_problems_before)
    {
      guint n = n_problems - data->n_problems_before;
      /* Translators: shown after opening a file in which some events could not be read */
      g_autofree char *text = g_strdup_printf (ngettext ("%u problem in the file: the rest is shown",
                                                         "%u problems in the file: the rest is shown",
                                                         n), n);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-problems");
      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  dm_window_update_recent (self);
  g_signal_emit (self, signals[LOAD_FINISHED], 0, data->file, TRUE);
  load_data_free (data);
}

void
dm_window_open_file (DmWindow *self,
                     GFile    *file)
{
  LoadData *data;

  g_return_if_fail (DM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->n_problems_before = g_list_model_get_n_items (dm_document_get_problems (self->document));
  self->n_loading++;
  update_loading (self);
  dm_document_load_file_async (self->document, file, self->cancellable, load_cb, data);
}

guint
dm_window_get_n_loading (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), 0);
  return self->n_loading;
}

DmDocument *
dm_window_get_document (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);
  return self->document;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DmWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    dm_window_open_file (self, l->data);
  return files != NULL;
}

static void
scale_factor_changed_cb (DmWindow *self)
{
  dm_map_source_set_scale_factor (self->map_source,
                                  gtk_widget_get_scale_factor (GTK_WIDGET (self->map)));
}

static void
setup_map (DmWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autoptr(ShumateMapLayer) tiles = NULL;
  GtkGesture *click;
  double lat, lon, zoom;

  self->map_source = dm_map_source_new ();
  dm_map_source_set_scale_factor (self->map_source,
                                  MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1));
  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (self->map_source));
  shumate_viewport_set_min_zoom_level (viewport, 2);
  shumate_viewport_set_max_zoom_level (viewport, 12);
  tiles = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->map_source), viewport));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (tiles));
  self->routes_layer = g_object_ref_sink (dm_routes_layer_new (viewport));
  dm_routes_layer_set_document (self->routes_layer, self->document);
  dm_timeline_set_route_set (self->timeline,
                             dm_routes_painter_get_set (dm_routes_layer_get_painter (self->routes_layer)));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->routes_layer));
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect_object (click, "released", G_CALLBACK (map_clicked_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (self->map, "notify::scale-factor",
                           G_CALLBACK (scale_factor_changed_cb), self, G_CONNECT_SWAPPED);

  g_settings_get (self->settings, "last-view", "(ddd)", &lat, &lon, &zoom);
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, 2, 12));
  shumate_map_center_on (self->map, CLAMP (lat, -80, 80), CLAMP (lon, -180, 180));
}

static gboolean
dm_window_close_request (GtkWindow *window)
{
  DmWindow *self = DM_WINDOW (window);
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set (self->settings, "last-view", "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_viewport_get_zoom_level (viewport));
  g_settings_apply (self->settings);
  g_cancellable_cancel (self->cancellable);
  dm_window_set_playing (self, FALSE);
  return GTK_WINDOW_CLASS (dm_window_parent_class)->close_request (window);
}

static void
dm_window_dispose (GObject *object)
{
  DmWindow *self = DM_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  /* The property actions keep the playback alive: it must stop following the settings */
  if (self->playback != NULL)
    {
      g_settings_unbind (self->playback, "speed");
      g_settings_unbind (self->playback, "loop");
    }
  if (self->flap != NULL)
    g_settings_unbind (self->flap, "reveal-flap");
  g_clear_weak_pointer (&self->problems_dialog);
  g_clear_weak_pointer (&self->error_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), DM_TYPE_WINDOW);
  g_clear_object (&self->routes_layer);
  g_clear_object (&self->map_source);
  g_clear_object (&self->selected);
  g_clear_object (&self->playback);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (dm_window_parent_class)->dispose (object);
}

static void
dm_window_class_init (DmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dm_window_dispose;
  window_class->close_request = dm_window_close_request;

  /**
   * DmWindow::load-finished:
   * @file: the file
   * @ok: whether it could be read
   *
   * A file given to dm_window_open_file() was loaded, or could not be.
   */
  /**
   * DmWindow::export-finished:
   * @file: the figure
   * @ok: whether it was written
   */
  signals[EXPORT_FINISHED] =
    g_signal_new ("export-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_BOOLEAN);
  signals[LOAD_FINISHED] =
    g_signal_new ("load-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_BOOLEAN);

  /* Referencing the resource links it from the static library; its constructor registers it */
  (void) dm_ui_get_resource ();
  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (DM_TYPE_TIMELINE);
  g_type_ensure (DM_TYPE_EVENT_LIST);
  g_type_ensure (DM_TYPE_EVENT_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, speed_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, map);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, event_list);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, event_details);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, recent_menu);
}

static void
dm_window_init (DmWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The app's icon, for the empty state, without an installed icon theme too */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                    "/io/github/diplomap/Diplomap/icons");

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->document = dm_document_new ();
  self->playback = dm_playback_new ();

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  setup_map (self);
  dm_timeline_set_document (self->timeline, self->document);
  dm_event_list_set_document (self->event_list, self->document);

  g_settings_bind (self->settings, "sidebar-visible", self->flap, "reveal-flap", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "playback-speed", self->playback, "speed", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "loop", self->playback, "loop", G_SETTINGS_BIND_DEFAULT);

  g_object_bind_property (self->playback, "time", self->timeline, "time",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->playback, "time", self->routes_layer, "time", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->playback, "notify::time", G_CALLBACK (update_time_label), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->playback, "notify::playing", G_CALLBACK (playing_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_list, "notify::selected-event",
                           G_CALLBACK (selection_changed_cb), self, 0);
  g_signal_connect_object (self->timeline, "notify::selected-event",
                           G_CALLBACK (selection_changed_cb), self, 0);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  dm_window_init_actions (self);
  dm_window_update_recent (self);
  update_time_label (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

DmWindow *
dm_window_new (GtkApplication *application)
{
  return g_object_new (DM_TYPE_WINDOW, "application", application, NULL);
}
