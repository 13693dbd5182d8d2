/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-window-private.h"

/* File > Export Animation (win.export-animation): the dialog's clip is written by
 * dm_video_write_with() in a GTask thread while the window stays in use; a toast shows the
 * progress with Cancel, then offers to open the file. A cancelled or failed export leaves
 * no file (dm_video_write removes its hidden temporary one). docs/ANIMATION.md */

typedef struct
{
  DmWindow      *self;
  GFile         *file;
  DmFigure      *figure;
  DmVideoFormat  format;
  DmVideoOptions options;
  guint          done;    /* frames written, atomic: the worker writes, a timeout reads */
  guint          total;
} VideoJob;

static void
video_job_free (VideoJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->file);
  g_clear_object (&job->figure);
  g_free (job);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  VideoJob *job = user_data;

  g_atomic_int_set (&job->done, done);
}

static void
video_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  VideoJob *job = task_data;
  GError *error = NULL;

  if (dm_video_write_with (job->figure, job->file, job->format, &job->options, progress_cb, job,
                           cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
update_progress_cb (gpointer user_data)
{
  VideoJob *job = user_data;
  DmWindow *self = job->self;

  if (self->video_bar != NULL)
    gtk_progress_bar_set_fraction (self->video_bar,
                                   (double) g_atomic_int_get (&job->done) / job->total);
  return G_SOURCE_CONTINUE;
}

static void
video_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VideoJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(DmWindow) self = g_object_ref (job->self);
  g_autoptr(GFile) file = g_object_ref (job->file);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->n_exporting--;
  g_clear_handle_id (&self->video_progress_id, g_source_remove);
  g_clear_object (&self->video_cancellable);
  if (self->video_toast != NULL)
    adw_toast_dismiss (self->video_toast);
  self->video_bar = NULL;
  g_clear_object (&self->video_toast);
  dm_window_update_actions (self);
  /* The window was closed meanwhile: nothing was left (cancelled), nobody to tell */
  if (self->document == NULL)
    return;
  if (ok)
    {
      g_autofree char *name = dm_window_dup_display_name (file);
      /* Translators: %s is a file name (a video, or a folder of pictures) */
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

      dm_window_report_export (self, file, NULL, text);
    }
  else
    dm_window_report_export (self, file, error, NULL);
}

/* A toast that stays while the export runs: a progress bar, and Cancel */
static void
show_progress_toast (DmWindow   *self,
                     const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* Translators: %s is the file an animation is being written to */
  g_autofree char *text = g_strdup_printf (_("Exporting “%s”…"), name);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_size_request (bar, 240, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  self->video_toast = g_object_ref_sink (adw_toast_new (text));
  adw_toast_set_custom_title (self->video_toast, box);
  adw_toast_set_timeout (self->video_toast, 0);
  adw_toast_set_priority (self->video_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (self->video_toast, _("_Cancel"));
  adw_toast_set_action_name (self->video_toast, "win.cancel-export-animation");
  self->video_bar = GTK_PROGRESS_BAR (bar);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->video_toast));
}

/**
 * dm_window_export_video:
 * Writes the clip @dialog describes to @file in the background ("export-finished" tells).
 */
void
dm_window_export_video (DmWindow      *self,
                        DmVideoDialog *dialog,
                        GFile         *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = dm_window_dup_display_name (file);
  VideoJob *job = g_new0 (VideoJob, 1);

  g_return_if_fail (self->video_cancellable == NULL);

  job->self = g_object_ref (self);
  job->file = g_object_ref (file);
  job->figure = dm_video_dialog_build_figure (dialog);
  job->format = dm_video_dialog_get_format (dialog);
  dm_video_dialog_get_options (dialog, &job->options);
  job->total = dm_video_options_count_frames (&job->options);
  self->video_cancellable = g_cancellable_new ();
  self->n_exporting++;
  show_progress_toast (self, name);
  self->video_progress_id = g_timeout_add (100, update_progress_cb, job);
  dm_window_update_actions (self);

  task = g_task_new (NULL, self->video_cancellable, video_done_cb, NULL);
  g_task_set_source_tag (task, dm_window_export_video);
  g_task_set_task_data (task, job, (GDestroyNotify) video_job_free);
  g_task_run_in_thread (task, video_thread);
}

static void
export_requested_cb (DmVideoDialog *dialog,
                     GFile         *file,
                     DmWindow      *self)
{
  g_assert (DM_IS_WINDOW (self));

  dm_window_export_video (self, dialog, file);
}

DmVideoDialog *
dm_window_new_video_dialog (DmWindow *self)
{
  DmVideoDialog *dialog;
  double start, end;

  /* The clip shows what the map shows: the events the filters let through */
  dm_window_flush_filters (self);
  dm_timeline_get_range (self->timeline, &start, &end);
  dialog = dm_video_dialog_new (GTK_WINDOW (self), self->shown, (gint64) start, (gint64) end);
  g_signal_connect_object (dialog, "export-requested", G_CALLBACK (export_requested_cb), self, 0);
  return dialog;
}

static void
export_animation_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));

  gtk_window_present (GTK_WINDOW (dm_window_new_video_dialog (DM_WINDOW (user_data))));
}

static void
cancel_export_animation_action (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  DmWindow *self = DM_WINDOW (user_data);

  if (self->video_cancellable != NULL)
    g_cancellable_cancel (self->video_cancellable);
}

void
dm_window_init_video (DmWindow *self)
{
  static const GActionEntry entries[] = {
    { "export-animation", export_animation_action },
    { "cancel-export-animation", cancel_export_animation_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}
