/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-figure-dialog.h"
#include "dm-format.h"
#include "dm-problems-window.h"
#include "dm-window-private.h"

/* The window's actions (win.*) and keyboard shortcuts. */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  DmWindow        *self)
{
  g_assert (DM_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          dm_window_open_file (self, file);
        }
    }
  g_object_unref (dialog);
}

/**
 * dm_window_new_open_chooser:
 *
 * The Open dialog, not shown yet, from the table of formats (dm-format.c): a filter of every
 * readable format (the one shown first), one per readable format, then every file (a file
 * is read by its contents, whatever its name).
 */
GtkFileChooserNative *
dm_window_new_open_chooser (DmWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) supported = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const DmFormat * const *readable = dm_format_list_readable ();

  chooser = gtk_file_chooser_native_new (_("Open Events"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (supported, _("All supported files"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), supported);
  for (guint i = 0; readable[i] != NULL; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *label = dm_format_dup_label (readable[i], FALSE);

      gtk_file_filter_set_name (filter, label);
      for (guint j = 0; readable[i]->extensions[j] != NULL; j++)
        {
          gtk_file_filter_add_suffix (filter, readable[i]->extensions[j]);
          gtk_file_filter_add_suffix (supported, readable[i]->extensions[j]);
        }
      for (guint j = 0; readable[i]->mime_types[j] != NULL; j++)
        {
          gtk_file_filter_add_mime_type (filter, readable[i]->mime_types[j]);
          gtk_file_filter_add_mime_type (supported, readable[i]->mime_types[j]);
        }
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), supported);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, 0);
  return chooser;
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dm_window_new_open_chooser (user_data)));
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DmWindow *self = user_data;
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", "october-2025.diplomap", NULL);
  g_autofree char *source = g_build_filename (SOURCE_SAMPLES_DIR, "october-2025.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (g_file_test (installed, G_FILE_TEST_EXISTS) ? installed
                                                                                           : source);

  g_assert (DM_IS_WINDOW (self));

  dm_window_open_file (self, file);
}

/* The foreign travels of U.S. presidents and secretaries of state, shipped with the app */
static void
open_us_travels_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DmWindow *self = user_data;
  g_autofree char *installed = g_build_filename (PKGDATADIR, "us-travels", NULL);
  g_autofree char *data_dir = g_path_get_dirname (SOURCE_SAMPLES_DIR);
  g_autofree char *source = g_build_filename (data_dir, "us-travels", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (g_file_test (installed, G_FILE_TEST_IS_DIR) ? installed
                                                                                             : source);

  g_assert (DM_IS_WINDOW (self));

  dm_window_open_file (self, folder);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DmWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  g_assert (DM_IS_WINDOW (self));

  dm_window_open_file (self, file);
}

static void
play_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));

  dm_playback_set_playing (self->playback, !dm_playback_get_playing (self->playback));
}

static const struct { const char *name; double seconds; const char *label; } speeds[] = {
  { "hour", 3600, N_("An Hour per Second") },
  { "day", 86400, N_("A Day per Second") },
  { "week", 7 * 86400, N_("A Week per Second") },
  { "month", 30 * 86400, N_("A Month per Second") },
  { "year", 365 * 86400, N_("A Year per Second") },
};

static void
speed_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  DmWindow *self = user_data;
  const char *name = g_variant_get_string (param, NULL);

  g_assert (DM_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (g_str_equal (speeds[i].name, name))
      {
        dm_playback_set_speed (self->playback, speeds[i].seconds);
        g_simple_action_set_state (action, param);
        gtk_menu_button_set_label (self->speed_button, _(speeds[i].label));
      }
}

void
dm_window_get_view_bounds (DmWindow *self,
                           double    bounds[4])
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  GtkWidget *map = GTK_WIDGET (self->map);
  double w = gtk_widget_get_width (map), h = gtk_widget_get_height (map);
  double lat0, lon0, lat1, lon1;

  shumate_viewport_widget_coords_to_location (viewport, map, 0, 0, &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, map, w, h, &lat1, &lon1);
  if (lon1 <= lon0)
    lon1 += 360;
  if (lon1 - lon0 >= 359)
    lon0 = -180, lon1 = 180;
  bounds[0] = lon0;
  bounds[1] = MIN (lat0, lat1);
  bounds[2] = lon1;
  bounds[3] = MAX (lat0, lat1);
}

typedef struct
{
  DmWindow *self;
  GFile    *file;
} ExportData;

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(DmWindow) self = data->self;
  g_autoptr(GFile) file = data->file;
  g_autoptr(GError) error = NULL;

  g_assert (DM_IS_WINDOW (self));

  g_free (data);
  self->n_exporting--;
  /* The window was closed meanwhile: the file is written (or not), nobody to tell */
  if (self->document == NULL)
    return;

  if (dm_figure_dialog_export_finish (NULL, result, &error))
    {
      g_autofree char *name = dm_window_dup_display_name (file);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

      dm_window_report_export (self, file, NULL, text);
    }
  else
    dm_window_report_export (self, file, error, NULL);
}

/**
 * dm_window_report_export:
 * @error: (nullable): why @file could not be written
 * @done: what a toast says when it was
 *
 * Tells how an export went: a toast with a button that opens @file, or an error
 * dialog naming it (nothing for a cancelled export); then "export-finished".
 */
void
dm_window_report_export (DmWindow     *self,
                         GFile        *file,
                         const GError *error,
                         const char   *done)
{
  if (error == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      AdwToast *toast = adw_toast_new (done);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-export");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *name = dm_window_dup_display_name (file);
      g_autofree char *body = dm_window_describe_error (file, error);
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      dm_window_show_error (self, heading, body);
    }
  g_signal_emit_by_name (self, "export-finished", file, error == NULL);
}

void
dm_window_export (DmWindow       *self,
                  DmFigureDialog *dialog,
                  GFile          *file)
{
  ExportData *data = g_new0 (ExportData, 1);

  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  self->n_exporting++;
  dm_figure_dialog_export_async (dialog, file, self->cancellable, export_done_cb, data);
}

static void
export_requested_cb (DmFigureDialog *dialog,
                     GFile          *file,
                     DmWindow       *self)
{
  g_assert (DM_IS_WINDOW (self));

  dm_window_export (self, dialog, file);
}

/* The Export dialog's Format row chose an animation: Export Animation, with its choices */
static void
animation_requested_cb (DmFigureDialog *dialog,
                        guint           format,
                        DmWindow       *self)
{
  g_autoptr(DmFigure) figure = dm_figure_dialog_build_figure (dialog);
  DmVideoDialog *video;

  g_assert (DM_IS_WINDOW (self));

  video = dm_window_new_video_dialog (self);
  dm_video_dialog_set_format (video, format);
  dm_video_dialog_set_from_figure (video, figure, dm_figure_dialog_get_projection (dialog));
  if (dm_figure_dialog_get_size (dialog) == DM_FIGURE_SIZE_CUSTOM)
    {
      int width, height;

      dm_figure_get_size (figure, &width, &height);
      dm_video_dialog_set_size (video, width, height);
    }
  gtk_window_present (GTK_WINDOW (video));
}

DmFigureDialog *
dm_window_new_export_dialog (DmWindow *self)
{
  double bounds[4];
  DmFigureDialog *dialog;

  dm_window_get_view_bounds (self, bounds);
  /* The figure shows what the map shows: the events the filters let through */
  dm_window_flush_filters (self);
  dialog = dm_figure_dialog_new (GTK_WINDOW (self), self->shown,
                                 dm_playback_get_time (self->playback), bounds);
  {
    const DmRouteStyle *style =
      dm_route_renderer_get_style (dm_screen_painter_get_layer (dm_route_map_layer_get_painter (self->routes_layer)));

    /* with the trail and flows the map shows */
    dm_figure_dialog_set_trail (dialog, style->window, style->flows);
  }
  g_signal_connect_object (dialog, "export-requested", G_CALLBACK (export_requested_cb), self, 0);
  g_signal_connect_object (dialog, "animation-requested", G_CALLBACK (animation_requested_cb),
                           self, 0);
  /* a selected summit or meeting is highlighted in the figure as on the map */
  dm_figure_dialog_set_highlight (dialog, self->selected);
  return dialog;
}

static void
export_figure_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));

  gtk_window_present (GTK_WINDOW (dm_window_new_export_dialog (DM_WINDOW (user_data))));
}

static void
export_data_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dm_window_new_export_data_chooser (DM_WINDOW (user_data))));
}

static void
open_export_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));

  /* Only when the user clicks the toast's button */
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

/* What could not be read, by file (dm-problems-window.c); one such window at a time */
static void
show_problems_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  DmWindow *self = user_data;
  GtkWidget *window;

  g_assert (DM_IS_WINDOW (self));

  if (self->problems_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->problems_dialog));
  window = dm_problems_window_new (GTK_WINDOW (self), dm_document_get_problems (self->document));
  g_set_weak_pointer (&self->problems_dialog, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
cancel_load_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));

  dm_window_cancel_loading (DM_WINDOW (user_data));
}

static void
select_none_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));

  dm_window_set_selected_event (DM_WINDOW (user_data), NULL);
}

/* A file name one of our readers knows by its extension (the table of formats) */
static gboolean
is_readable_name (const char *uri)
{
  const DmFormat *format = dm_format_find_for_file_name (uri);

  return format != NULL && format->load != NULL;
}

void
dm_window_update_recent (DmWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint shown = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && shown < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *action = NULL;

      if (!is_readable_name (uri) || !gtk_recent_info_exists (info))
        continue;
      action = g_strdup_printf ("win.open-recent('%s')", uri);
      if (strchr (uri, '\'') != NULL)
        continue;
      g_menu_append (self->recent_menu, gtk_recent_info_get_display_name (info), action);
      shown++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
enable (DmWindow   *self,
        const char *name,
        gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
dm_window_update_actions (DmWindow *self)
{
  gboolean has_events = g_list_model_get_n_items (dm_document_get_events (self->document)) > 0;
  GAction *play = g_action_map_lookup_action (G_ACTION_MAP (self), "play");

  enable (self, "play", has_events);
  enable (self, "export-figure", has_events);
  enable (self, "export-animation", has_events && self->video_cancellable == NULL);
  enable (self, "export-data", has_events);
  enable (self, "show-problems",
          g_list_model_get_n_items (dm_document_get_problems (self->document)) > 0);
  if (play != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (play),
                               g_variant_new_boolean (dm_playback_get_playing (self->playback)));
}

/* Whether the focused widget keeps @what for itself: text entries keep every key, and a
 * button keeps Space, which presses it */
static gboolean
focus_keeps_key (DmWindow   *self,
                 const char *what)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w))
        return TRUE;
      if (w == focus && g_str_equal (what, "play") &&
          (GTK_IS_BUTTON (w) || GTK_IS_CHECK_BUTTON (w) || GTK_IS_SWITCH (w)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  DmWindow *self = DM_WINDOW (widget);
  const char *what = g_variant_get_string (args, NULL);
  GtkEventController *controller = user_data;
  GdkEvent *event = controller ? gtk_event_controller_get_current_event (controller) : NULL;

  g_assert (DM_IS_WINDOW (widget));

  /* A key pressed in a popover or menu (its own surface) is the popover's */
  if (event != NULL && gdk_event_get_surface (event) != gtk_native_get_surface (GTK_NATIVE (self)))
    return FALSE;
  if (focus_keeps_key (self, what))
    return FALSE;
  if (gtk_stack_get_visible_child_name (self->stack) == NULL ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "main"))
    return FALSE;
  if (g_str_equal (what, "play"))
    dm_playback_set_playing (self->playback, !dm_playback_get_playing (self->playback));
  else if (g_str_equal (what, "previous"))
    dm_timeline_step (self->timeline, -1);
  else if (g_str_equal (what, "next"))
    dm_timeline_step (self->timeline, +1);
  else if (g_str_equal (what, "home"))
    dm_playback_set_time (self->playback, dm_playback_get_start (self->playback));
  else if (g_str_equal (what, "end"))
    dm_playback_set_time (self->playback, dm_playback_get_end (self->playback));
  else if (g_str_equal (what, "zoom-in"))
    dm_timeline_zoom (self->timeline, 1 / 1.5);
  else if (g_str_equal (what, "zoom-out"))
    dm_timeline_zoom (self->timeline, 1.5);
  else if (g_str_equal (what, "select-none") && self->selected != NULL)
    dm_window_set_selected_event (self, NULL);
  else
    return FALSE;
  return TRUE;
}

/* Single keys act on the timeline and the clock from anywhere in the window: the controller
 * sees them first (capture phase), so that a list row or the details do not take Space,
 * Left, Right or Home; text entries keep them (focus_keeps_key). */
static void
add_key_shortcuts (DmWindow *self)
{
  static const struct { const char *keys; const char *what; } keys[] = {
    { "space", "play" },
    { "Left", "previous" },
    { "Right", "next" },
    { "Home", "home" },
    { "End", "end" },
    { "plus|equal|KP_Add", "zoom-in" },
    { "minus|KP_Subtract", "zoom-out" },
    { "Escape", "select-none" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_auto(GStrv) alts = g_strsplit (keys[i].keys, "|", -1);
      for (guint j = 0; alts[j] != NULL; j++)
        {
          GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (alts[j]);
          GtkShortcutAction *action = gtk_callback_action_new (shortcut_cb, controller, NULL);
          GtkShortcut *shortcut = gtk_shortcut_new (trigger, action);

          gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].what));
          gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
        }
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
dm_window_init_actions (DmWindow *self)
{
  static const GActionEntry entries[] = {
    { "open", open_action },
    { "open-sample", open_sample_action },
    { "open-us-travels", open_us_travels_action },
    { "open-recent", open_recent_action, "s" },
    { "play", play_action, NULL, "false" },
    { "speed", speed_action, "s", "'day'" },
    { "show-problems", show_problems_action },
    { "export-figure", export_figure_action },
    { "export-data", export_data_action },
    { "open-export", open_export_action, "s" },
    { "select-none", select_none_action },
    { "cancel-load", cancel_load_action },
  };
  g_autoptr(GPropertyAction) loop = g_property_action_new ("loop", self->playback, "loop");
  g_autoptr(GPropertyAction) sidebar = g_property_action_new ("toggle-sidebar", self->flap, "reveal-flap");
  GAction *speed;

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (loop));
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (sidebar));

  speed = g_action_map_lookup_action (G_ACTION_MAP (self), "speed");
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (dm_playback_get_speed (self->playback) == speeds[i].seconds)
      {
        g_simple_action_set_state (G_SIMPLE_ACTION (speed), g_variant_new_string (speeds[i].name));
        gtk_menu_button_set_label (self->speed_button, _(speeds[i].label));
      }

  add_key_shortcuts (self);
  dm_window_update_actions (self);
}
