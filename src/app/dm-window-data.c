/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-format.h"
#include "dm-saver.h"
#include "dm-save-chooser.h"
#include "dm-window-private.h"
#include "dm-worker-priority.h"

/* File > Export Data (win.export-data): the events the list shows, written for other tools
 * as `diplomap --convert` writes them (dm_saver_write), in a thread. Its file types are the
 * formats with a writer in the table of formats (dm-format.c). */

/**
 * dm_window_export_data_target:
 * @chosen: the file the user named
 * @extension: (nullable): the extension of the file type chosen in the dialog
 *
 * The file to write: @chosen when its name gives a format we write, else @chosen with
 * @extension added ("trip" and CSV: "trip.csv").
 */
GFile *
dm_window_export_data_target (GFile      *chosen,
                              const char *extension)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  if (dm_saver_supports (chosen) || extension == NULL)
    return g_object_ref (chosen);
  basename = g_file_get_basename (chosen);
  name = g_strconcat (basename, ".", extension, NULL);
  parent = g_file_get_parent (chosen);
  return parent ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

typedef struct
{
  DmDocument *snapshot;
  GFile      *file;
} ExportDataJob;

static void
export_data_job_free (gpointer data)
{
  ExportDataJob *job = data;

  g_clear_object (&job->snapshot);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_data_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ExportDataJob *job = task_data;
  GError *error = NULL;

  dm_worker_priority_lower ();
  /* Written to a temporary file and renamed: a failure leaves what was there */
  if (dm_saver_write (job->snapshot, job->file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_data_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DmWindow) self = user_data;
  ExportDataJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_assert (DM_IS_WINDOW (self));

  self->n_exporting--;
  if (self->document == NULL)
    return;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      guint n = g_list_model_get_n_items (dm_document_get_events (job->snapshot));
      g_autofree char *name = dm_window_dup_display_name (job->file);
      /* Translators: a number of events, then a file name */
      g_autofree char *text = g_strdup_printf (ngettext ("Exported %u event to “%s”",
                                                         "Exported %u events to “%s”", n), n, name);

      dm_window_report_export (self, job->file, NULL, text);
    }
  else
    dm_window_report_export (self, job->file, error, NULL);
}

/**
 * dm_window_export_data:
 *
 * Writes the events the list shows (the filters' result) to @file, in the format its
 * extension names, in a thread; a toast or an error dialog tells how it went.
 */
void
dm_window_export_data (DmWindow *self,
                       GFile    *file)
{
  /* The window is the callback's, not the task's: the thread may drop the task last, and a
   * window must not be finalized there (GDK's X11 calls are not thread-safe) */
  g_autoptr(GTask) task = g_task_new (NULL, NULL, export_data_done_cb, g_object_ref (self));
  ExportDataJob *job = g_new0 (ExportDataJob, 1);

  dm_window_flush_filters (self);
  /* The thread writes a copy of the list: the filters may change meanwhile */
  job->snapshot = dm_document_new_filtered (self->document, dm_document_get_events (self->shown));
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, export_data_job_free);
  self->n_exporting++;
  g_task_run_in_thread (task, export_data_thread);
}

static void
export_data_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         DmWindow        *self)
{
  g_assert (DM_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      const char *extension = filter ? g_object_get_data (G_OBJECT (filter), "dm-extension") : NULL;
      g_autoptr(GFile) file = chosen ? dm_window_export_data_target (chosen, extension) : NULL;

      if (file != NULL)
        dm_window_export_data (self, file);
    }
  g_object_unref (dialog);
}

/* Renames the proposed file when another type is chosen: "trip.geojson" becomes "trip.kml" */
static void
filter_changed_cb (GtkFileChooser *chooser)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  const char *extension = filter ? g_object_get_data (G_OBJECT (filter), "dm-extension") : NULL;
  g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
  char *dot;

  g_assert (GTK_IS_FILE_CHOOSER (chooser));

  if (extension == NULL || name == NULL || (dot = strrchr (name, '.')) == NULL)
    return;
  *dot = '\0';
  {
    g_autofree char *renamed = g_strconcat (name, ".", extension, NULL);
    gtk_file_chooser_set_current_name (chooser, renamed);
  }
}

/**
 * dm_window_new_export_data_chooser:
 *
 * The Export Data file chooser, not shown yet: one filter per format with a writer in the
 * table of formats (the first one proposed), a name from the
 * document's title (dm_save_chooser_dup_name, as Export Map's), in the Documents folder
 * (else home), a title that says which events are written.
 */
GtkFileChooserNative *
dm_window_new_export_data_chooser (DmWindow *self)
{
  const DmFormat * const *writable = dm_format_list_writable ();
  GtkFileChooserNative *chooser;
  g_autofree char *title = NULL;
  g_autofree char *first_title = dm_window_dup_first_title (self);
  /* Translators: the default file name of exported events, without its extension */
  g_autofree char *name = dm_save_chooser_dup_name (first_title, _("events"), writable[0]->extensions[0]);
  guint n_all, n_shown;

  dm_window_flush_filters (self);
  n_all = g_list_model_get_n_items (dm_document_get_events (self->document));
  n_shown = g_list_model_get_n_items (dm_document_get_events (self->shown));
  if (n_shown < n_all)
    /* Translators: the title of the Export Data dialog when filters hide events */
    title = g_strdup_printf (ngettext ("Export the %u Event the List Shows",
                                       "Export the %u Events the List Shows", n_shown), n_shown);
  else
    /* Translators: the title of the Export Data dialog */
    title = g_strdup_printf (ngettext ("Export %u Event", "Export All %u Events", n_all), n_all);

  chooser = dm_save_chooser_new (GTK_WINDOW (self), title, G_USER_DIRECTORY_DOCUMENTS, name);
  for (guint i = 0; writable[i] != NULL; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *label = dm_format_dup_label (writable[i], TRUE);
      const char *extension = writable[i]->extensions[0];

      gtk_file_filter_set_name (filter, label);
      gtk_file_filter_add_suffix (filter, extension);
      g_object_set_data (G_OBJECT (filter), "dm-extension", (gpointer) extension);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect (chooser, "notify::filter", G_CALLBACK (filter_changed_cb), NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_data_response_cb), self, 0);
  return chooser;
}
