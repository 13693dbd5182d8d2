/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-command.h"
#include "dm-event-editor.h"
#include "dm-format.h"
#include "dm-saver.h"
#include "dm-window-private.h"

/*
 * The window's documents (docs/EDITING.md): the undo stack and the actions that make
 * commands, Save and Save As, the title's "•", and asking before a modified window closes.
 */

static void
enable (DmWindow   *self,
        const char *name,
        gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* "Undo Delete “APEC…”" in the menu, "Undo" when there is nothing to undo */
static void
update_edit_menu (DmWindow *self)
{
  const char *undo = dm_undo_stack_get_undo_label (self->undo_stack);
  const char *redo = dm_undo_stack_get_redo_label (self->undo_stack);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  /* Translators: in the main menu; %s is what undoing does, "Delete “APEC…”" */
  undo_label = undo ? g_strdup_printf (_("_Undo %s"), undo) : g_strdup (_("_Undo"));
  /* Translators: in the main menu; %s is what redoing does, "Delete “APEC…”" */
  redo_label = redo ? g_strdup_printf (_("_Redo %s"), redo) : g_strdup (_("_Redo"));
  g_menu_remove_all (self->undo_menu);
  g_menu_append (self->undo_menu, undo_label, "win.undo");
  g_menu_append (self->undo_menu, redo_label, "win.redo");
  enable (self, "undo", dm_undo_stack_can_undo (self->undo_stack));
  enable (self, "redo", dm_undo_stack_can_redo (self->undo_stack));
}

void
dm_window_update_edit_actions (DmWindow *self)
{
  enable (self, "delete-selected", self->selected != NULL);
  enable (self, "duplicate-selected", self->selected != NULL);
  enable (self, "edit-selected", self->selected != NULL);
}

/* Every view shows the change at once; the selection follows the event changed */
static void
stack_changed_cb (DmWindow    *self,
                  DmCommand   *command,
                  gboolean     reverted,
                  DmUndoStack *stack)
{
  DmEvent *event = dm_command_get_event (command);
  DmEvent *old = dm_command_get_old_event (command);
  DmEvent *select = NULL;
  DmEvent *left = NULL;

  g_assert (DM_IS_WINDOW (self));

  /* what the command leaves in the document, and what it took out */
  if (dm_document_find_event (self->document, reverted && old ? old : event, NULL))
    select = reverted && old ? old : event;
  if (event != NULL && event != select && !dm_document_find_event (self->document, event, NULL))
    left = event;
  else if (old != NULL && old != select && !dm_document_find_event (self->document, old, NULL))
    left = old;
  /* The list follows the document's items-changed by itself; its filters' choices (actors,
   * years) are made again only when the event coming in brings one they lack: a reload walks
   * every event, most of an undo on the U.S. record once (bench-edit) */
  dm_event_list_update_event (self->event_list, select, left);
  dm_window_apply_filters (self);
  dm_window_select_event (self, select, FALSE);
  if (g_list_model_get_n_items (dm_document_get_events (self->document)) > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    gtk_stack_set_visible_child_name (self->stack, "main");
  dm_window_update_actions (self);
  dm_window_update_edit_actions (self);
  update_edit_menu (self);
}

static void
modified_changed_cb (DmWindow *self)
{
  g_assert (DM_IS_WINDOW (self));
  dm_window_update_title (self);
}

gboolean
dm_window_get_modified (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), FALSE);
  return dm_undo_stack_get_modified (self->undo_stack);
}

DmUndoStack *
dm_window_get_undo_stack (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);
  return self->undo_stack;
}

static DmEvent *
lookup_event (DmWindow *self,
              GVariant *param)
{
  return dm_document_lookup_event (self->document, g_variant_get_string (param, NULL));
}

static void
push (DmWindow  *self,
      DmCommand *command)
{
  dm_undo_stack_push (self->undo_stack, command);
}

static void
delete_event_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  DmWindow *self = user_data;
  DmEvent *event;

  g_assert (DM_IS_WINDOW (self));

  if ((event = lookup_event (self, param)) != NULL)
    {
      g_autoptr(DmCommand) command = dm_command_new_remove_event (self->document, event);
      push (self, command);
    }
}

static void
duplicate_event_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DmWindow *self = user_data;
  DmEvent *event;

  g_assert (DM_IS_WINDOW (self));

  if ((event = lookup_event (self, param)) != NULL)
    {
      g_autoptr(DmCommand) command = dm_command_new_duplicate_event (self->document, event);
      push (self, command);
    }
}

static void
activate_for_selected (DmWindow   *self,
                       const char *name)
{
  if (self->selected != NULL && dm_event_get_id (self->selected) != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self), name,
                                    g_variant_new_string (dm_event_get_id (self->selected)));
}

static void
delete_selected_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));
  activate_for_selected (user_data, "delete-event");
}

static void
duplicate_selected_action (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));
  activate_for_selected (user_data, "duplicate-event");
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));
  dm_undo_stack_undo (self->undo_stack);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));
  dm_undo_stack_redo (self->undo_stack);
}

static gboolean is_native (GFile *file);

/* Where a new event goes: the file Save As chose, else the first .diplomap file opened */
GFile *
dm_window_get_new_event_origin (DmWindow *self)
{
  GPtrArray *files = dm_document_get_files (self->document);

  if (self->save_file != NULL)
    return self->save_origin;
  for (guint i = 0; i < files->len; i++)
    if (is_native (g_ptr_array_index (files, i)))
      return g_ptr_array_index (files, i);
  return NULL;
}

/**
 * dm_window_dup_writable_files:
 *
 * The files a new event can be saved in, the default first: the file Save As chose, else
 * the .diplomap files opened, in order (other formats are never written).
 *
 * Returns: (transfer container) (element-type GFile)
 */
GPtrArray *
dm_window_dup_writable_files (DmWindow *self)
{
  GPtrArray *files = dm_document_get_files (self->document);
  GPtrArray *writable = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->save_file != NULL)
    {
      if (self->save_origin != NULL)
        g_ptr_array_add (writable, g_object_ref (self->save_origin));
      return writable;
    }
  for (guint i = 0; i < files->len; i++)
    if (is_native (g_ptr_array_index (files, i)))
      g_ptr_array_add (writable, g_object_ref (g_ptr_array_index (files, i)));
  return writable;
}

static void
editor_save_cb (DmWindow      *self,
                DmEvent       *event,
                DmEventEditor *editor)
{
  DmEvent *original = g_object_get_data (G_OBJECT (editor), "dm-original");
  g_autoptr(DmCommand) command = NULL;

  g_assert (DM_IS_WINDOW (self));

  if (original != NULL && dm_document_find_event (self->document, original, NULL))
    command = dm_command_new_change_event (self->document, original, event);
  else
    {
      /* the file chosen in the editor, when there was a choice */
      if (dm_event_get_file (event) == NULL)
        dm_event_set_origin (event, dm_window_get_new_event_origin (self), 0, 0);
      command = dm_command_new_add_event (self->document, event);
    }
  push (self, command);
}

/* The map shows that its next click gives the editor a place */
static void
editor_picking_changed_cb (DmWindow      *self,
                           DmEventEditor *editor)
{
  g_assert (DM_IS_WINDOW (self));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map),
                                   dm_event_editor_get_picking (editor) ? "crosshair" : NULL);
}

static void
editor_destroyed_cb (DmWindow *self)
{
  g_assert (DM_IS_WINDOW (self));
  gtk_widget_set_cursor (GTK_WIDGET (self->map), NULL);
}

static void
open_editor (DmWindow    *self,
             DmEvent     *event,
             DmEventKind  kind)
{
  DmEventEditor *editor;

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  editor = dm_event_editor_new (GTK_WINDOW (self), self->document, event, kind);
  if (event != NULL)
    g_object_set_data_full (G_OBJECT (editor), "dm-original", g_object_ref (event), g_object_unref);
  else
    {
      g_autoptr(GPtrArray) files = dm_window_dup_writable_files (self);

      if (files->len > 0)
        dm_event_editor_set_files (editor, files, 0);
    }
  g_signal_connect_object (editor, "save", G_CALLBACK (editor_save_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "picking-changed", G_CALLBACK (editor_picking_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "destroy", G_CALLBACK (editor_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_event_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  DmWindow *self = user_data;
  DmEventKind kind;

  g_assert (DM_IS_WINDOW (self));

  if (dm_event_kind_from_string (g_variant_get_string (param, NULL), &kind))
    open_editor (self, NULL, kind);
}

static void
edit_event_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  DmWindow *self = user_data;
  DmEvent *event;

  g_assert (DM_IS_WINDOW (self));

  if ((event = lookup_event (self, param)) != NULL)
    open_editor (self, event, dm_event_get_kind (event));
}

static void
edit_selected_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));
  activate_for_selected (user_data, "edit-event");
}

static gboolean
is_native (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  const DmFormat *format = dm_format_find_for_file_name (name);

  return format != NULL && g_strcmp0 (format->name, "diplomap") == 0;
}

/* The .diplomap files Save writes, each with itself as origin; NULL when Save must ask
 * for a name (nothing opened, or a file of another format that is never overwritten) */
static GPtrArray *
dup_native_files (DmWindow *self)
{
  GPtrArray *files = dm_document_get_files (self->document);
  g_autoptr(GPtrArray) natives = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < files->len; i++)
    {
      if (!is_native (g_ptr_array_index (files, i)))
        return NULL;
      g_ptr_array_add (natives, g_object_ref (g_ptr_array_index (files, i)));
    }
  return natives->len > 0 ? g_steal_pointer (&natives) : NULL;
}

gboolean
dm_window_can_save (DmWindow *self)
{
  g_autoptr(GPtrArray) natives = NULL;

  g_return_val_if_fail (DM_IS_WINDOW (self), FALSE);
  natives = dup_native_files (self);
  return self->save_file != NULL || natives != NULL;
}

static void
saved (DmWindow *self)
{
  dm_undo_stack_set_saved (self->undo_stack);
  dm_window_update_title (self);
}

/**
 * dm_window_save:
 *
 * Saves the document where it came from (docs/EDITING.md); fails with
 * %G_IO_ERROR_NOT_SUPPORTED when it needs a name (dm_window_save_as()).
 */
gboolean
dm_window_save (DmWindow  *self,
                GError   **error)
{
  g_autoptr(GPtrArray) natives = NULL;

  g_return_val_if_fail (DM_IS_WINDOW (self), FALSE);

  if (self->save_file != NULL)
    {
      if (!dm_saver_save (self->document, self->save_file, self->save_origin, NULL, error))
        return FALSE;
      saved (self);
      return TRUE;
    }
  natives = dup_native_files (self);
  if (natives == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "needs a name");
      return FALSE;
    }
  for (guint i = 0; i < natives->len; i++)
    {
      GFile *file = g_ptr_array_index (natives, i);

      if (!dm_saver_save (self->document, file, file, NULL, error))
        return FALSE;
    }
  saved (self);
  return TRUE;
}

/* Writes every event to @file; later saves go there */
gboolean
dm_window_save_as (DmWindow  *self,
                   GFile     *file,
                   GError   **error)
{
  g_autoptr(GPtrArray) natives = NULL;
  GFile *origin = self->save_origin;

  g_return_val_if_fail (DM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* one .diplomap file opened: written as the origin, its unknown members survive */
  if (self->save_file == NULL && (natives = dup_native_files (self)) != NULL && natives->len == 1)
    origin = g_ptr_array_index (natives, 0);
  if (!dm_saver_save (self->document, file, origin, NULL, error))
    return FALSE;
  g_set_object (&self->save_origin, origin);
  g_set_object (&self->save_file, file);
  saved (self);
  return TRUE;
}

static void
report_save_error (DmWindow     *self,
                   const GError *error)
{
  /* Translators: a dialog's heading when saving failed */
  dm_window_show_error (self, _("Could Not Save"), error->message);
}

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DmWindow        *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean close_after = self->close_after_save;

  g_assert (DM_IS_WINDOW (self));

  self->close_after_save = FALSE;
  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (chosen == NULL)
    return;
  /* always .diplomap: Save As never writes another format */
  if (is_native (chosen))
    file = g_object_ref (chosen);
  else
    {
      g_autofree char *path = g_file_get_path (chosen);
      g_autofree char *named = g_strconcat (path, ".diplomap", NULL);
      file = g_file_new_for_path (named);
    }
  if (!dm_window_save_as (self, file, &error))
    report_save_error (self, error);
  else if (close_after)
    gtk_window_close (GTK_WINDOW (self));
}

static void
run_save_as (DmWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = dm_window_dup_first_title (self);
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, "Diplomap");
  gtk_file_filter_add_pattern (filter, "*.diplomap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the name a new document is saved under */
  name = g_strconcat (title ? title : _("Untitled"), ".diplomap", NULL);
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_as_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Saves, asking for a name when needed; TRUE when it saved now */
static gboolean
save_or_ask (DmWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!dm_window_can_save (self))
    {
      run_save_as (self);
      return FALSE;
    }
  if (!dm_window_save (self, &error))
    {
      report_save_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
save_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));
  save_or_ask (user_data);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));
  run_save_as (user_data);
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Once the dialog is gone: it is transient for the window */
static void
close_later (DmWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   DmWindow         *self)
{
  g_assert (DM_IS_WINDOW (self));

  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      dm_window_discard_autosave (self);
      close_later (self);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      if (save_or_ask (self))
        close_later (self);
    }
}

/**
 * dm_window_confirm_close:
 *
 * Called when the window is asked to close. Returns: %TRUE when it may close now; %FALSE
 * when the document is modified and a dialog asks Save, Discard or Cancel
 */
gboolean
dm_window_confirm_close (DmWindow *self)
{
  GtkWidget *dialog;

  if (self->close_confirmed || !dm_undo_stack_get_modified (self->undo_stack))
    return TRUE;
  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return FALSE;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                   _("The changes are lost if you close without saving."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  g_set_weak_pointer (&self->close_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

GtkWindow *
dm_window_get_editor (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);
  return self->editor ? GTK_WINDOW (self->editor) : NULL;
}

GtkWindow *
dm_window_get_close_dialog (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);
  return self->close_dialog ? GTK_WINDOW (self->close_dialog) : NULL;
}

void
dm_window_init_editing (DmWindow *self)
{
  static const GActionEntry entries[] = {
    { "undo", undo_action },
    { "redo", redo_action },
    { "delete-event", delete_event_action, "s" },
    { "duplicate-event", duplicate_event_action, "s" },
    { "delete-selected", delete_selected_action },
    { "duplicate-selected", duplicate_selected_action },
    { "save", save_action },
    { "save-as", save_as_action },
    { "new-event", new_event_action, "s" },
    { "edit-event", edit_event_action, "s" },
    { "edit-selected", edit_selected_action },
  };
  static const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  self->undo_stack = dm_undo_stack_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  g_signal_connect_object (self->undo_stack, "changed", G_CALLBACK (stack_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::modified", G_CALLBACK (modified_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* Delete only where nothing else takes it (the search box deletes a character) */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete-selected")));
  /* Enter edits the selected event, where nothing else takes it (entries, buttons, the list
   * itself, whose Enter edits the event it is on) */
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    {
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (enter_keys[i], 0),
                                                              gtk_named_action_new ("win.edit-selected")));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  update_edit_menu (self);
  dm_window_update_edit_actions (self);
  dm_window_init_quick_add (self);
  dm_window_init_autosave (self);
}
