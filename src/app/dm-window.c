/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dm-error.h"
#include "dm-loader.h"
#include "dm-screen-painter.h"
#include "dm-stall-tracer.h"
#include "dm-time-format.h"
#include "dm-ui-resources.h"
#include "dm-window-private.h"
#include "dm-worker-priority.h"

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

typedef DmWindowLoad LoadData;

/* The snapshot of the events is dropped: they changed, or the choices took it */
static void
drop_snapshot (LoadData *data)
{
  if (data->watched != NULL)
    g_signal_handler_disconnect (data->watched, data->watch_id);
  g_clear_object (&data->watched);
  g_clear_pointer (&data->events, g_ptr_array_unref);
}

static void
load_data_free (LoadData *data)
{
  drop_snapshot (data);
  dm_window_range_free (data->range);
  g_object_unref (data->self);
  g_object_unref (data->file);
  g_free (data);
}

static void
update_time_label (DmWindow *self)
{
  double t = dm_playback_get_time (self->playback);
  /* Translators: the playhead's time over the map, see the strftime manual */
  g_autofree char *text = dm_time_format_unix ((gint64) t, NULL, C_("playhead time", "%e %b %Y, %H:%M UTC"));

  /* a file of places without times has no moment to show: not 1 January 1970 */
  if (self->document != NULL && dm_document_get_files (self->document)->len > 0 &&
      g_list_model_get_n_items (dm_document_get_events (self->document)) == 0)
    {
      /* Translators: over the map instead of a time, for a file of places without dates */
      dm_time_label_set_text (self->time_label, _("No date given"));
      return;
    }
  dm_time_label_set_text (self->time_label, text ? g_strstrip (text) : "");
}

static void
playing_changed_cb (DmWindow *self)
{
  gboolean playing;

  g_assert (DM_IS_WINDOW (self));

  playing = dm_playback_get_playing (self->playback);
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

  g_assert (DM_IS_WINDOW (self));

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

DmEvent *
dm_window_get_selected_event (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);
  return self->selected;
}

void
dm_window_select_event (DmWindow *self,
                        DmEvent  *event,
                        gboolean  fly)
{
  if (!g_set_object (&self->selected, event))
    return;
  dm_event_list_set_selected_event (self->event_list, event);
  dm_timeline_set_selected_event (self->timeline, event);
  dm_event_details_set_event (self->event_details, event);
  dm_route_map_layer_set_selected_event (self->routes_layer, event);
  dm_window_update_edit_actions (self);
  if (event != NULL && fly)
    dm_window_fly_to_event (self, event, 800);
}

void
dm_window_set_selected_event (DmWindow *self,
                              DmEvent  *event)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  dm_window_select_event (self, event, TRUE);
}


/* A double click on an event's mark in the timeline: its editor */
static void
timeline_event_activated_cb (DmWindow *self,
                             DmEvent  *event)
{
  g_assert (DM_IS_WINDOW (self));

  if (dm_event_get_id (event) != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self), "edit-event",
                                    g_variant_new_string (dm_event_get_id (event)));
}

static void
selection_changed_cb (GObject    *object,
                      GParamSpec *pspec,
                      DmWindow   *self)
{
  DmEvent *event = NULL;

  g_assert (DM_IS_WINDOW (self));

  g_object_get (object, "selected-event", &event, NULL);
  dm_window_set_selected_event (self, event);
  g_clear_object (&event);
}

/* A place without a time selected in the list: its details, and the map framed on it */
static void
place_selected_cb (DmWindow *self)
{
  DmPlace *place = dm_event_list_get_selected_place (self->event_list);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_assert (DM_IS_WINDOW (self));

  dm_event_details_set_place (self->event_details, place);
  if (place == NULL)
    return;
  g_ptr_array_add (one, place);
  dm_window_fly_to_places (self, one, 8, 800);
}

/* The name of @file for people: "bad.diplomap", not its path */
char *
dm_window_dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL || g_str_equal (basename, "/"))
    return g_file_get_parse_name (file);
  return g_filename_display_name (basename);
}

/* "Line 4, column 32: reason" */
char *
dm_window_format_position (guint       line,
                           guint       column,
                           const char *message)
{
  /* Translators: where a file could not be read, then why */
  return g_strdup_printf (_("Line %u, column %u: %s"), line, column, message);
}

/* The model's error about @file for a dialog that names the file already: where it
 * happened (the error's data) as "Line L, column C: reason"; an error that names @file in
 * its text names it by its name */
char *
dm_window_describe_error (GFile        *file,
                          const GError *error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) parts = NULL;

  if (dm_error_get_line (error) > 0)
    return dm_window_format_position (dm_error_get_line (error), dm_error_get_column (error),
                                      error->message);
  if (dm_error_get_file (error) != NULL)
    return g_strdup (error->message);
  path = g_file_get_parse_name (file);
  name = dm_window_dup_display_name (file);
  parts = g_strsplit (error->message, path, -1);
  return g_strjoinv (name, parts);
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
  dm_window_update_title (self);
  dm_event_list_reload (self->event_list);
  dm_window_apply_filters (self);
  dm_window_update_actions (self);
}

/* The first half of dm_window_apply_filters(): the shown document takes the events the list
 * shows. A step of its own when a file is read (load_step_cb) */
static void
show_filtered_events (DmWindow *self)
{
  GListModel *events = dm_document_get_events (self->document);

  g_clear_handle_id (&self->filter_timeout_id, g_source_remove);
  if (dm_event_list_is_filtered (self->event_list))
    events = dm_event_list_get_model (self->event_list);
  /* One change of the shown events: the route set rebuilds once */
  dm_document_show_events (self->shown, self->document, events);
}

/* While a file is taken in on the main page (load_cb), what the views' step makes stays
 * blank until then: the timeline, the playhead's time, the routes and their legend (not "No
 * dates", nor 1 January 1970 and the routes then, meanwhile). Transparent rather than hidden,
 * so that showing them lays nothing out again. */
static void
show_time_views (DmWindow *self,
                 gboolean  shown)
{
  double opacity = shown ? 1.0 : 0.0;

  gtk_widget_set_opacity (GTK_WIDGET (self->timeline), opacity);
  gtk_widget_set_opacity (GTK_WIDGET (self->time_label), opacity);
  gtk_widget_set_opacity (GTK_WIDGET (self->routes_layer), opacity);
  if (self->legend_button != NULL)
    gtk_widget_set_opacity (gtk_widget_get_parent (GTK_WIDGET (self->legend_button)), opacity);
}

/* The second half: the views of the shown events but the playback's range
 * (dm_window_update_range); @snapshot: of them, already taken, or %NULL */
static void
update_views_but_range (DmWindow  *self,
                        GPtrArray *snapshot)
{
  g_autofree char *subtitle = NULL;
  guint n_all, n_shown, n_files;

  show_time_views (self, TRUE);
  if (snapshot != NULL)
    dm_timeline_reload_events (self->timeline, snapshot);
  else
    dm_timeline_reload (self->timeline);
  update_time_label (self);
  dm_route_map_layer_reload (self->routes_layer);
  n_all = g_list_model_get_n_items (dm_document_get_events (self->document));
  n_shown = g_list_model_get_n_items (dm_document_get_events (self->shown));
  n_files = dm_document_get_files (self->document)->len;
  if (n_shown < n_all)
    /* Translators: in the window's subtitle when filters hide events */
    subtitle = g_strdup_printf (ngettext ("%u of %u event", "%u of %u events", n_all), n_shown, n_all);
  else
    subtitle = g_strdup_printf (ngettext ("%u event", "%u events", n_all), n_all);
  if (n_files > 1)
    {
      g_autofree char *events = g_steal_pointer (&subtitle);
      g_autofree char *files = g_strdup_printf (ngettext ("%u file", "%u files", n_files), n_files);

      /* Translators: the window's subtitle: "12 events", then "2 files" */
      subtitle = g_strdup_printf (C_("window subtitle", "%s in %s"), events, files);
    }
  adw_window_title_set_subtitle (self->window_title, n_all > 0 ? subtitle : "");
}

static void
update_shown_views (DmWindow *self)
{
  update_views_but_range (self, NULL);
  dm_window_update_range (self);
}

void
dm_window_apply_filters (DmWindow *self)
{
  show_filtered_events (self);
  update_shown_views (self);
}

/* What the list shows now, when a change of its search or filters is still waiting for the
 * pause: applying when nothing changed would rebuild the routes and reset the timeline */
void
dm_window_flush_filters (DmWindow *self)
{
  if (self->filter_timeout_id != 0)
    dm_window_apply_filters (self);
}

static gboolean
filter_timeout_cb (gpointer user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));

  self->filter_timeout_id = 0;
  dm_window_apply_filters (self);
  dm_window_fit_shown (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilding the routes of thousands of events is costly: once typing or choosing pauses */
/* A click on a timeline lane's name filters the events to that actor */
static void
lane_activated_cb (DmWindow *self,
                   DmActor  *actor)
{
  g_assert (DM_IS_WINDOW (self));

  dm_event_list_set_actor_filter (self->event_list, actor);
}

/* A range dragged with Shift on the timeline: the From and To filters, the days it covers */
static void
range_selected_cb (DmWindow *self,
                   gint64    start,
                   gint64    end)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) to = g_date_time_new_from_unix_utc (end);
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  g_assert (DM_IS_WINDOW (self));

  if (from == NULL || to == NULL)
    return;
  from_text = g_date_time_format (from, "%Y-%m-%d");
  to_text = g_date_time_format (to, "%Y-%m-%d");
  dm_event_list_set_date_range (self->event_list, from_text, to_text);
}

static void
filters_changed_cb (DmWindow *self)
{
  g_assert (DM_IS_WINDOW (self));

  g_clear_handle_id (&self->filter_timeout_id, g_source_remove);
  self->filter_timeout_id = g_timeout_add (250, filter_timeout_cb, self);
  g_source_set_name_by_id (self->filter_timeout_id, "[diplomap] filter_timeout_cb");
}

static gboolean
pulse_cb (gpointer user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));

  gtk_progress_bar_pulse (self->loading_bar);
  gtk_progress_bar_pulse (self->loading_page_bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
stack_shows (DmWindow   *self,
             const char *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0;
}

/* A large file or a folder takes a moment: the first files' progress fills the window,
 * a file added to those shown has its progress in the header; both can be stopped */
static void
update_loading (DmWindow *self)
{
  gboolean loading = self->loads->len > 0;
  gboolean known = loading;
  double sum = 0;

  if (loading && stack_shows (self, "empty"))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (!loading && stack_shows (self, "loading"))
    gtk_stack_set_visible_child_name (self->stack,
                                      g_list_model_get_n_items (dm_document_get_events (self->document)) > 0
                                      ? "main" : "empty");
  gtk_widget_set_visible (self->loading_box, loading && !stack_shows (self, "loading"));

  for (guint i = 0; i < self->loads->len; i++)
    {
      LoadData *data = g_ptr_array_index (self->loads, i);

      known &= data->fraction >= 0;
      sum += MAX (data->fraction, 0);
    }
  if (known)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->loading_bar, sum / self->loads->len);
      /* the loading page's, while it shows (not once a file is taken in on the main page) */
      if (stack_shows (self, "loading"))
        gtk_progress_bar_set_fraction (self->loading_page_bar, sum / self->loads->len);
    }
  else if (loading && self->pulse_id == 0)
    {
      self->pulse_id = g_timeout_add (100, pulse_cb, self);
      g_source_set_name_by_id (self->pulse_id, "[diplomap] pulse_cb");
    }
  else if (!loading)
    g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (self->loads->len == 1)
    {
      LoadData *data = g_ptr_array_index (self->loads, 0);
      g_autofree char *name = dm_window_dup_display_name (data->file);
      /* Translators: %s is a file or folder name */
      g_autofree char *title = g_strdup_printf (_("Opening “%s”"), name);

      adw_status_page_set_title (self->loading_page, title);
    }
  else if (loading)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Opening %u File", "Opening %u Files",
                                                          self->loads->len), self->loads->len);
      adw_status_page_set_title (self->loading_page, title);
    }
}

static void
load_progress_cb (double   fraction,
                  gpointer user_data)
{
  LoadData *data = user_data;

  g_assert (DM_IS_WINDOW (data->self));

  data->fraction = fraction;
  if (data->self->document != NULL)
    update_loading (data->self);
}

/* Stops the loads in flight; what they read is dropped, no error is shown */
void
dm_window_cancel_loading (DmWindow *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_object_unref (self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
}

/* Once the first files are all in (whether the last one loaded, failed or was stopped):
 * the map where it was left if they are the files open when the app last closed, else
 * framing all their events. None read yet: the next files decide. */
static void
decide_view (DmWindow *self)
{
  g_autoptr(GPtrArray) undated = NULL;

  if (self->view_decided || self->loads->len > 0)
    return;
  /* a file of places without a time (31 airports) is framed on them */
  if (g_list_model_get_n_items (dm_document_get_events (self->document)) == 0)
    {
      undated = dm_document_dup_undated_places (self->document);
      if (undated->len == 0)
        return;
    }
  self->view_decided = TRUE;
  dm_window_choose_trail (self);
  if (!dm_window_restore_view (self))
    dm_window_fit_document (self);
}

/* A file read, merged into the document: the views catch up in steps, each its own idle
 * callback just below the redraw's priority, so that frames keep coming between them (a step
 * of 100,000 events takes 50-300 ms; all in one callback, over a second). The file stays in
 * self->loads (its progress shown, full) until the last step; each step reads the document
 * as it is when it runs, so an edit or an undo between two steps is shown as after one.
 * A file of fewer events than LOAD_STEPS_MIN_EVENTS runs them all at once. */
#define LOAD_STEPS_MIN_EVENTS 1000
#define LOAD_STEP_PRIORITY    (GDK_PRIORITY_REDRAW + 10)

enum {
  LOAD_STEP_LIST,     /* the event list follows the events again and sorts them */
  LOAD_STEP_CHOICES,  /* the list's filters' choices and places */
  LOAD_STEP_SHOWN,    /* the shown document */
  LOAD_STEP_VIEWS,    /* the timeline, the map's routes, the subtitle */
  LOAD_STEP_RANGE,    /* the playback's range */
  LOAD_STEP_DONE,     /* the title, the main page, the view decided, the problems' toast */
  N_LOAD_STEPS
};

static gboolean load_step_cb (gpointer user_data);

/* The steps' idles are named after the step they run next (DIPLOMAP_TRACE_STALLS) */
static const char *load_step_names[N_LOAD_STEPS] = {
  "[diplomap] load step: the list's sort",
  "[diplomap] load step: the filters' choices",
  "[diplomap] load step: the shown document",
  "[diplomap] load step: the views",
  "[diplomap] load step: the playback's range",
  "[diplomap] load step: the end",
};

static void
queue_load_step (LoadData *data)
{
  guint id = g_idle_add_full (LOAD_STEP_PRIORITY, load_step_cb, data, NULL);

  g_source_set_name_by_id (id, load_step_names[data->step]);
}

static void
finish_load (LoadData *data)
{
  DmWindow *self = data->self;
  guint n_problems;

  g_ptr_array_remove (self->loads, data);
  /* the title names the files loaded, no longer loading */
  dm_window_update_title (self);
  dm_window_update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "main");
  update_loading (self);
  if (data->was_empty)
    {
      dm_playback_set_time (self->playback, dm_playback_get_start (self->playback));
      /* the keys (Space plays, arrows step) then act at once, not on the Open button */
      gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
    }
  decide_view (self);

  n_problems = g_list_model_get_n_items (dm_document_get_problems (self->document));
  if (n_problems > data->n_problems_before)
    {
      guint n = n_problems - data->n_problems_before;
      g_autofree char *name = dm_window_dup_display_name (data->file);
      /* Translators: shown after opening a file (or a folder: “us-travels”) in which some
       * events could not be read; %s is its name */
      g_autofree char *text = g_strdup_printf (ngettext ("%u problem in “%s”: the rest is shown",
                                                         "%u problems in “%s”: the rest is shown",
                                                         n), n, name);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-problems");
      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  g_signal_emit (self, signals[LOAD_FINISHED], 0, data->file, TRUE);
}

/* The list's sort or the filters' choices are in */
static void
choices_ready_cb (DmEventList *list,
                  gpointer     user_data)
{
  queue_load_step (user_data);
}

/* The worker's playback range is in */
static gboolean
range_ready_cb (gpointer user_data)
{
  queue_load_step (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the load's next step; each can be called on its own */
static gboolean
load_step_cb (gpointer user_data)
{
  LoadData *data = user_data;
  DmWindow *self = data->self;

  /* The window was closed meanwhile: its widgets are gone */
  if (self->document == NULL)
    {
      load_data_free (data);
      return G_SOURCE_REMOVE;
    }
  switch (data->step++)
    {
    case LOAD_STEP_LIST:
      /* the list's sort is made in a thread; the next step starts when it is in */
      if (data->holds_list && data->in_steps)
        {
          data->holds_list = FALSE;
          dm_event_list_release_events_async (self->event_list, choices_ready_cb, data);
          return G_SOURCE_REMOVE;
        }
      if (data->holds_list)
        dm_event_list_release_events (self->event_list);
      data->holds_list = FALSE;
      break;
    case LOAD_STEP_CHOICES:
      /* the choices are made in a thread; the next step starts when they are in */
      if (data->in_steps)
        {
          g_autoptr(GPtrArray) events = data->events != NULL ? g_ptr_array_ref (data->events) : NULL;

          drop_snapshot (data);
          dm_event_list_reload_async (self->event_list, events, choices_ready_cb, data);
          return G_SOURCE_REMOVE;
        }
      dm_event_list_reload (self->event_list);
      break;
    case LOAD_STEP_SHOWN:
      show_filtered_events (self);
      break;
    case LOAD_STEP_VIEWS:
      /* a big document's range is made by a worker from the timeline's snapshot; the next
       * step starts when it is in */
      if (data->in_steps && g_list_model_get_n_items (dm_document_get_events (self->shown)) >=
                            DM_WINDOW_RANGE_ASYNC_MIN_EVENTS)
        {
          g_autoptr(GPtrArray) events = dm_window_dup_shown_events (self);

          update_views_but_range (self, events);
          dm_window_range_free (data->range);
          data->range = dm_window_range_new (self, events, range_ready_cb, data);
          return G_SOURCE_REMOVE;
        }
      update_views_but_range (self, NULL);
      break;
    case LOAD_STEP_RANGE:
      if (data->range != NULL)
        dm_window_range_apply (data->range);
      else
        dm_window_update_range (self);
      g_clear_pointer (&data->range, dm_window_range_free);
      break;
    case LOAD_STEP_DONE:
      finish_load (data);
      break;
    default:
      g_assert_not_reached ();
    }
  if (data->step < N_LOAD_STEPS)
    {
      if (data->in_steps)
        g_source_set_name (g_main_current_source (), load_step_names[data->step]);
      return G_SOURCE_CONTINUE;
    }
  load_data_free (data);
  return G_SOURCE_REMOVE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadData *data = user_data;
  DmWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  guint n_before;
  gboolean ok;

  g_assert (DM_IS_WINDOW (self));

  /* The window was closed meanwhile: its widgets are gone */
  if (self->document == NULL)
    {
      load_data_free (data);
      return;
    }
  n_before = g_list_model_get_n_items (dm_document_get_events (self->document));
  data->was_empty = n_before == 0;
  /* counted here, not when the load started: another file may have finished since */
  data->n_problems_before = g_list_model_get_n_items (dm_document_get_problems (self->document));
  /* Into an empty window, the list sorts the events in a step of its own (it shows none
   * meanwhile, behind the loading page) rather than within the merge */
  data->holds_list = data->was_empty;
  if (data->holds_list)
    dm_event_list_hold_events (self->event_list);
  /* into an empty window, the events come listed by the loading thread too: the route set's
   * snapshot, not walked here */
  ok = dm_loader_load_file_finish_with_events (DM_DOCUMENT (object), result,
                                               data->was_empty ? &listed : NULL, &error);
  if (!ok)
    {
      if (data->holds_list)
        dm_event_list_release_events (self->event_list);
      g_ptr_array_remove (self->loads, data);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = dm_window_dup_display_name (data->file);
          g_autofree char *body = dm_window_describe_error (data->file, error);
          /* Translators: %s is a file name */
          g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
          dm_window_show_error (self, heading, body);
        }
      dm_window_remove_opened (self, data->file);
      update_loading (self);
      decide_view (self);
      g_signal_emit (self, signals[LOAD_FINISHED], 0, data->file, FALSE);
      load_data_free (data);
      return;
    }

  {
    g_autofree char *uri = g_file_get_uri (data->file);
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }
  data->step = LOAD_STEP_LIST;
  /* a small file is taken in at once, as it always was: its steps cost milliseconds */
  if (g_list_model_get_n_items (dm_document_get_events (self->document)) - n_before < LOAD_STEPS_MIN_EVENTS)
    {
      while (load_step_cb (data) == G_SOURCE_CONTINUE)
        ;
      return;
    }
  data->fraction = 1;
  data->in_steps = TRUE;
  update_loading (self);
  /* The main page shows now, its chrome drawn in the next frame, the views filling it step by
   * step (the list's rows, the timeline, the routes), each first drawn in a frame of its own:
   * at the last step the whole page drawn at once for the first time took 50-90 ms of one
   * frame at 100,000 events. The file is in the document: Cancel could stop nothing more; the
   * header's bar says the file is still being taken in. */
  if (data->was_empty && stack_shows (self, "loading"))
    {
      show_time_views (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "main");
      update_loading (self);
    }
  /* Nothing filtered, the shown document will show the document's events: a big one's route
   * set starts building now, in a worker, rather than after the list's and the shown
   * document's steps; those steps' events, the same, let it go on (dm-screen-painter-set.c) */
  if (data->was_empty && !dm_event_list_is_filtered (self->event_list))
    data->events = dm_screen_painter_build_ahead (dm_route_map_layer_get_painter (self->routes_layer),
                                                  self->document, listed);
  /* its snapshot of the events, read by the choices' thread while they have not changed */
  if (data->events != NULL)
    {
      data->watched = g_object_ref (dm_document_get_events (self->document));
      data->watch_id = g_signal_connect_swapped (data->watched, "items-changed",
                                                 G_CALLBACK (drop_snapshot), data);
    }
  queue_load_step (data);
}

void
dm_window_show_merged (DmWindow *self)
{
  reload_views (self);
  gtk_stack_set_visible_child_name (self->stack, "main");
  decide_view (self);
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
  data->fraction = -1;
  g_ptr_array_add (self->loads, data);
  dm_window_add_opened (self, file);
  update_loading (self);
  dm_loader_load_file_with_progress_async (self->document, file, load_progress_cb, data,
                                             self->load_cancellable, load_cb, data);
}

guint
dm_window_get_n_loading (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), 0);
  return self->loads != NULL ? self->loads->len : 0;
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

  g_assert (DM_IS_WINDOW (self));

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    dm_window_open_file (self, l->data);
  return files != NULL;
}


static gboolean
dm_window_close_request (GtkWindow *window)
{
  DmWindow *self = DM_WINDOW (window);
  int width, height;

  if (!dm_window_confirm_close (self))
    return TRUE;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  dm_window_save_opened (self);
  dm_window_discard_autosave (self);
  g_settings_apply (self->settings);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  dm_window_set_playing (self, FALSE);
  return GTK_WINDOW_CLASS (dm_window_parent_class)->close_request (window);
}

static void
dm_window_dispose (GObject *object)
{
  DmWindow *self = DM_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  dm_window_cancel_fit (self);
  /* an animation being written is dropped, its file removed; its progress goes with the window */
  if (self->video_cancellable != NULL)
    g_cancellable_cancel (self->video_cancellable);
  g_clear_handle_id (&self->video_progress_id, g_source_remove);
  self->video_button = NULL;
  self->video_pie = NULL;
  self->video_label = NULL;
  self->video_bar = NULL;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
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
  /* Property actions hold their objects: the flap holds the window's widgets, and the
   * widgets' action muxers hold the actions back. Break the cycle. */
  g_action_map_remove_action (G_ACTION_MAP (self), "loop");
  g_action_map_remove_action (G_ACTION_MAP (self), "toggle-sidebar");
  g_clear_weak_pointer (&self->problems_dialog);
  g_clear_weak_pointer (&self->error_dialog);
  g_clear_weak_pointer (&self->close_dialog);
  g_clear_weak_pointer (&self->restore_dialog);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_object (&self->autosave_file);
  g_clear_weak_pointer (&self->editor);
  g_clear_handle_id (&self->key_update_id, g_source_remove);
  g_clear_pointer (&self->legend_picture, cairo_surface_destroy);
  self->legend_area = NULL;
  self->legend_button = NULL;
  self->scale_area = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DM_TYPE_WINDOW);
  g_clear_object (&self->routes_layer);
  g_clear_object (&self->map_source);
  g_clear_object (&self->selected);
  g_clear_object (&self->playback);
  g_clear_pointer (&self->follow_places, g_ptr_array_unref);
  g_clear_handle_id (&self->filter_timeout_id, g_source_remove);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->save_file);
  g_clear_object (&self->save_origin);
  g_clear_object (&self->document);
  g_clear_object (&self->shown);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->loads, g_ptr_array_unref);
  g_clear_pointer (&self->opened, g_ptr_array_unref);
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
  g_type_ensure (DM_TYPE_TIME_LABEL);
  g_type_ensure (DM_TYPE_EVENT_LIST);
  g_type_ensure (DM_TYPE_EVENT_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_box);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_bar);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, loading_page_bar);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, speed_button);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, map);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, event_list);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, event_details);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, DmWindow, undo_menu);
}

/* DIPLOMAP_TRACE_STALLS: the frame clock's phases in the long iterations told */
static void
trace_realize_cb (GtkWidget *widget)
{
  dm_stall_tracer_watch_frame_clock (gtk_widget_get_frame_clock (widget));
}

static void
dm_window_init (DmWindow *self)
{
  GtkDropTarget *drop;

  /* the window's thread first: our workers give way to it */
  dm_worker_priority_enable ();
  dm_stall_tracer_start_from_env ();
  if (dm_stall_tracer_is_running ())
    g_signal_connect (self, "realize", G_CALLBACK (trace_realize_cb), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The app's icon, for the empty state, without an installed icon theme too */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                    "/io/github/diplomap/Diplomap/icons");

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->load_cancellable = g_cancellable_new ();
  self->fit_async_min_events = DM_WINDOW_FIT_ASYNC_MIN_EVENTS;
  self->loads = g_ptr_array_new ();
  self->opened = g_ptr_array_new_with_free_func (g_object_unref);
  self->document = dm_document_new ();
  self->shown = dm_document_new ();
  self->playback = dm_playback_new ();

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  dm_window_setup_map (self);
  dm_window_setup_sidebar (self);
  dm_timeline_set_document (self->timeline, self->shown);
  dm_event_list_set_document (self->event_list, self->document);
  g_signal_connect_object (self->event_list, "filters-changed", G_CALLBACK (filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "lane-activated", G_CALLBACK (lane_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "range-selected", G_CALLBACK (range_selected_cb), self,
                           G_CONNECT_SWAPPED);

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
  g_signal_connect_object (self->event_list, "notify::selected-place",
                           G_CALLBACK (place_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "event-activated",
                           G_CALLBACK (timeline_event_activated_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  dm_window_init_video (self);
  dm_window_init_actions (self);
  dm_window_init_editing (self);
  dm_window_init_trail (self);
  dm_window_init_follow (self);
  dm_window_setup_map_key (self);
  /* gtk_recent_manager_add_item() looks at the file first: the list changes a moment later */
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (dm_window_update_recent), self, G_CONNECT_SWAPPED);
  dm_window_update_recent (self);
  update_time_label (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

DmWindow *
dm_window_new (GtkApplication *application)
{
  return g_object_new (DM_TYPE_WINDOW, "application", application, NULL);
}
