/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-loader.h"
#include "dm-saver.h"
#include "dm-window-private.h"

/*
 * Autosave and restore (docs/EDITING.md): while a window's document has unsaved changes,
 * its content is written a few seconds after the last change to
 * $XDG_STATE_HOME/diplomap/autosave/window-N.diplomap; the file goes when the document is
 * saved or its changes are discarded. A file still there at the next start is what a crash
 * left: the first window offers to restore it.
 */

#define AUTOSAVE_DELAY_S 5

static GFile *
dup_autosave_dir (void)
{
  return g_file_new_build_filename (g_get_user_state_dir (), "diplomap", "autosave", NULL);
}

GFile *
dm_window_get_autosave_file (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);
  return self->autosave_file;
}

GtkWindow *
dm_window_get_restore_dialog (DmWindow *self)
{
  g_return_val_if_fail (DM_IS_WINDOW (self), NULL);
  return self->restore_dialog ? GTK_WINDOW (self->restore_dialog) : NULL;
}

void
dm_window_discard_autosave (DmWindow *self)
{
  g_return_if_fail (DM_IS_WINDOW (self));
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->autosave_file != NULL)
    g_file_delete (self->autosave_file, NULL, NULL);
}

static gboolean
autosave_cb (gpointer user_data)
{
  DmWindow *self = user_data;
  g_autoptr(GFile) dir = dup_autosave_dir ();
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!g_file_make_directory_with_parents (dir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_warning ("Could not autosave: %s", error->message);
  else if (!dm_saver_write (self->document, self->autosave_file, &error))
    g_warning ("Could not autosave: %s", error ? error->message : "");
  return G_SOURCE_REMOVE;
}

/* A change restarts the wait; once saved (or undone back to it) the file goes */
static void
stack_changed_cb (DmWindow *self)
{
  g_assert (DM_IS_WINDOW (self));

  if (!dm_undo_stack_get_modified (self->undo_stack))
    {
      dm_window_discard_autosave (self);
      return;
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_S, autosave_cb, self);
}

static void
modified_changed_cb (DmWindow *self)
{
  g_assert (DM_IS_WINDOW (self));

  if (!dm_undo_stack_get_modified (self->undo_stack))
    dm_window_discard_autosave (self);
  else if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_S, autosave_cb, self);
}

void
dm_window_init_autosave (DmWindow *self)
{
  static guint next = 1;
  g_autoptr(GFile) dir = dup_autosave_dir ();

  /* one file per window; one left by the last run keeps its name until restored */
  do
    {
      g_autofree char *name = g_strdup_printf ("window-%u.diplomap", next++);
      g_set_object (&self->autosave_file, g_file_get_child (dir, name));
    }
  while (g_file_query_exists (self->autosave_file, NULL));
  g_signal_connect_object (self->undo_stack, "changed", G_CALLBACK (stack_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::modified", G_CALLBACK (modified_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* The autosaved files in the folder, by name */
static GPtrArray *
list_autosaved (void)
{
  g_autoptr(GFile) dir = dup_autosave_dir ();
  g_autoptr(GFileEnumerator) children = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_str_has_prefix (name, "window-") && g_str_has_suffix (name, ".diplomap"))
        g_ptr_array_add (files, g_file_get_child (dir, name));
      g_object_unref (info);
    }
  return files;
}

/* Into @self if it shows nothing yet, else into a new window: a document with no file
 * name (Save asks for one), modified */
static void
restore_file (DmWindow *self,
              GFile    *file)
{
  g_autoptr(DmDocument) restored = dm_document_new ();
  g_autoptr(GError) error = NULL;
  GListModel *events;
  DmWindow *target = self;

  if (!dm_loader_load_file (restored, file, NULL, &error))
    {
      g_warning ("Could not restore %s: %s", g_file_peek_path (file), error->message);
      return;
    }
  g_ptr_array_set_size (dm_document_get_files (restored), 0);
  events = dm_document_get_events (restored);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      dm_event_set_origin (event, NULL, 0, 0);
    }
  if (g_list_model_get_n_items (dm_document_get_events (self->document)) > 0 ||
      dm_document_get_files (self->document)->len > 0 || self->loads->len > 0)
    {
      target = dm_window_new (gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_present (GTK_WINDOW (target));
    }
  dm_document_merge (target->document, restored);
  dm_window_show_merged (target);
  dm_undo_stack_set_unsaved (target->undo_stack);
  dm_window_update_title (target);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DmWindow         *self)
{
  g_autoptr(GPtrArray) files = list_autosaved ();

  g_assert (DM_IS_WINDOW (self));

  if (g_strcmp0 (response, "restore") != 0 && g_strcmp0 (response, "discard") != 0)
    return;
  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);

      /* this run's own windows' files are not the last run's */
      if (g_object_get_data (G_OBJECT (dialog), g_file_peek_path (file)) == NULL)
        continue;
      if (g_strcmp0 (response, "restore") == 0)
        restore_file (self, file);
      g_file_delete (file, NULL, NULL);
    }
}

gboolean
dm_window_offer_restore (DmWindow *self)
{
  g_autoptr(GPtrArray) files = list_autosaved ();
  GtkWidget *dialog;

  g_return_val_if_fail (DM_IS_WINDOW (self), FALSE);

  if (files->len == 0)
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Changes?"),
                                   _("Diplomap was closed with changes that were not saved."));
  for (guint i = 0; i < files->len; i++)
    g_object_set_data (G_OBJECT (dialog), g_file_peek_path (g_ptr_array_index (files, i)),
                       GINT_TO_POINTER (TRUE));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* closing it decides nothing: the files wait for the next start */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  g_set_weak_pointer (&self->restore_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
