/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-window-private.h"
#include "dm-worker-priority.h"

/* File > Export Animation (win.export-animation): the dialog's clip is written by
 * dm_video_write_with() in a GTask thread while the window stays in use; a button in the
 * header bar shows the progress as a pie, its popover the file, a progress bar and Cancel;
 * when it is written a toast offers to open the file. A cancelled or failed export leaves
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

  dm_worker_priority_lower ();
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
  guint done = g_atomic_int_get (&job->done);

  if (self->video_button == NULL)
    return G_SOURCE_CONTINUE;
  self->video_done = done;
  self->video_total = job->total;
  self->video_fraction = (double) done / job->total;
  gtk_progress_bar_set_fraction (self->video_bar, self->video_fraction);
  gtk_widget_queue_draw (self->video_pie);
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
  if (self->video_button != NULL)
    {
      gtk_menu_button_popdown (GTK_MENU_BUTTON (self->video_button));
      gtk_widget_set_visible (self->video_button, FALSE);
    }
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

/* The header button's pie: the part of the clip written */
static void
draw_pie_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  DmWindow *self = user_data;
  double r = MIN (width, height) / 2.0 - 1;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.25);
  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha);
  cairo_move_to (cr, width / 2.0, height / 2.0);
  cairo_arc (cr, width / 2.0, height / 2.0, r, -G_PI / 2,
             -G_PI / 2 + 2 * G_PI * CLAMP (self->video_fraction, 0, 1));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A button in the header bar, shown while an animation is written: a pie of its progress;
 * its popover names the file, with a progress bar and Cancel */
static gboolean
query_progress_tooltip_cb (GtkWidget  *button,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip,
                           DmWindow   *self)
{
  g_autofree char *tip = NULL;

  if (self->video_total > 0)
    /* Translators: the progress of an animation being written, as a tooltip */
    tip = g_strdup_printf (_("Exporting: frame %u of %u"), self->video_done, self->video_total);
  gtk_tooltip_set_text (tooltip, tip != NULL ? tip : gtk_label_get_text (self->video_label));
  return TRUE;
}

static void
add_progress_button (DmWindow *self)
{
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (self->play_button),
                                               ADW_TYPE_HEADER_BAR);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->video_pie = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->video_pie, 16, 16);
  gtk_widget_set_valign (self->video_pie, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->video_pie), draw_pie_cb, self, NULL);
  self->video_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->video_button), self->video_pie);
  gtk_widget_set_visible (self->video_button, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->video_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export Progress"), -1);
  /* the tooltip is made when asked: setting its text on every update makes GTK 4.8 look
   * for the pointer again, which fails once a window under it has just closed */
  gtk_widget_set_has_tooltip (self->video_button, TRUE);
  g_signal_connect_object (self->video_button, "query-tooltip", G_CALLBACK (query_progress_tooltip_cb),
                           self, 0);

  self->video_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->video_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (self->video_label, 36);
  self->video_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->video_bar), 240, -1);
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "win.cancel-export-animation");
  gtk_widget_set_name (cancel, "cancel-export");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->video_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->video_bar));
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->video_button), popover);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->video_button);
}

static void
show_progress (DmWindow   *self,
               const char *name)
{
  /* Translators: %s is the file an animation is being written to */
  g_autofree char *text = g_strdup_printf (_("Exporting “%s”…"), name);

  self->video_fraction = 0;
  gtk_label_set_text (self->video_label, text);
  gtk_progress_bar_set_fraction (self->video_bar, 0);
  self->video_done = self->video_total = 0;
  gtk_widget_set_visible (self->video_button, TRUE);
  gtk_widget_queue_draw (self->video_pie);
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
  show_progress (self, name);
  self->video_progress_id = g_timeout_add (100, update_progress_cb, job);
  g_source_set_name_by_id (self->video_progress_id, "[diplomap] video update_progress_cb");
  dm_window_update_actions (self);

  task = g_task_new (NULL, self->video_cancellable, video_done_cb, NULL);
  g_task_set_name (task, "[diplomap] video_thread");
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
  add_progress_button (self);
}
