/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File > Export Animation: the dialog's defaults and choices, the window's background export
 * read back by ffprobe, the progress toast, a window that keeps drawing meanwhile, and a
 * cancelled export that leaves nothing. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-window-private.h"

static GFile *
sample_file (void)
{
  return g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
}

static DmWindow *
open_sample (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = sample_file ();

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  return win;
}

/* "codec width height frames" of a video, as ffprobe reads it */
static char *
probe (const char *path)
{
  const char *argv[] = { "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                         "-show_entries", "stream=codec_name,width,height,nb_read_frames",
                         "-of", "csv=p=0", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strdup (g_strstrip (out));
}

/* Files in @dir whose name starts with @prefix (the export's hidden temporary one too) */
static guint
count_files (const char *dir,
             const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, prefix) != NULL)
      n++;
  return n;
}

/* The dialog's "Time range" row */
static GtkWidget *
find_range_row (GtkWidget *widget)
{
  if (ADW_IS_COMBO_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Time range") == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *row = find_range_row (c);
      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
test_defaults (void)
{
  DmWindow *win = open_sample ();
  DmVideoDialog *dialog;
  g_autoptr(DmFigure) figure = NULL;
  g_autofree char *name = NULL;
  double tl_start, tl_end;
  gint64 start, end, doc_start, doc_end;
  int w, h;

  /* the action opens the dialog */
  g_action_group_activate_action (G_ACTION_GROUP (win), "export-animation", NULL);
  {
    GListModel *tops = gtk_window_get_toplevels ();
    GtkWindow *found = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
      {
        g_autoptr(GtkWindow) top = g_list_model_get_item (tops, i);
        if (DM_IS_VIDEO_DIALOG (top))
          found = top;
      }
    g_assert_nonnull (found);
    g_assert_true (gtk_window_get_transient_for (found) == GTK_WINDOW (win));
    gtk_window_destroy (found);
  }

  /* WebM, Full HD, 30 fps, 10 s, the timeline's visible range; no hold, an even clock, a
   * fixed camera */
  dialog = dm_window_new_video_dialog (win);
  {
    DmVideoOptions o;
    dm_video_dialog_get_options (dialog, &o);
    g_assert_cmpfloat (o.hold, ==, 0);
    g_assert_false (o.ease);
    g_assert_false (o.follow);
  }
  g_assert_cmpint (dm_video_dialog_get_format (dialog), ==, DM_VIDEO_FORMAT_WEBM);
  g_assert_cmpfloat (dm_video_dialog_get_duration (dialog), ==, 10);
  g_assert_cmpuint (dm_video_dialog_get_fps (dialog), ==, 30);
  figure = dm_video_dialog_build_figure (dialog);
  dm_figure_get_size (figure, &w, &h);
  g_assert_cmpint (w, ==, 1920);
  g_assert_cmpint (h, ==, 1080);
  dm_timeline_get_range (win->timeline, &tl_start, &tl_end);
  g_assert_true (dm_figure_get_clip_range (figure, &start, &end));
  g_assert_cmpint (start, ==, (gint64) tl_start);
  g_assert_cmpint (end, ==, (gint64) tl_end);
  g_assert_cmpstr (dm_figure_get_title (figure), ==, dm_document_get_title (win->document));
  /* the timeline band is off unless asked for */
  g_assert_false (dm_figure_get_show_timeline (figure));
  g_clear_object (&figure);
  dm_video_dialog_set_timeline (dialog, TRUE);
  figure = dm_video_dialog_build_figure (dialog);
  g_assert_true (dm_figure_get_show_timeline (figure));
  name = dm_video_dialog_dup_file_name (dialog);
  g_assert_true (g_str_has_suffix (name, ".webm"));
  g_clear_object (&figure);
  g_clear_pointer (&name, g_free);

  /* a GIF is smaller and slower by default, as on the command line; a PNG sequence a folder */
  dm_video_dialog_set_format (dialog, DM_VIDEO_FORMAT_GIF);
  g_assert_cmpuint (dm_video_dialog_get_fps (dialog), ==, 15);
  figure = dm_video_dialog_build_figure (dialog);
  dm_figure_get_size (figure, &w, &h);
  g_assert_cmpint (w, ==, 800);
  g_assert_cmpint (h, ==, 450);
  g_clear_object (&figure);
  dm_video_dialog_set_format (dialog, DM_VIDEO_FORMAT_PNG_SEQUENCE);
  name = dm_video_dialog_dup_file_name (dialog);
  g_assert_null (strchr (name, '.'));

  /* All events: the document's extent */
  dm_video_dialog_set_range (dialog, DM_VIDEO_RANGE_ALL);
  g_assert_true (dm_document_get_extent (win->shown, &doc_start, &doc_end));
  dm_video_dialog_get_range (dialog, &start, &end);
  g_assert_cmpint (start, ==, doc_start);
  g_assert_cmpint (end, ==, doc_end);
  /* the range's dates in the row, with no padding before a day of one digit */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_range_row (GTK_WIDGET (dialog)))), ==,
                   "25 Oct 2025, 08:19 UTC to 1 Nov 2025, 15:00 UTC");

  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = NULL;
      dm_video_dialog_set_format (dialog, DM_VIDEO_FORMAT_MP4);
      gtk_window_present (GTK_WINDOW (dialog));
      app_test_wait_frames (GTK_WIDGET (dialog), 5);
      shot = app_test_render (GTK_WIDGET (dialog));
      app_test_save (shot, "video-dialog.png");
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
has_progress (gpointer data)
{
  DmWindow *win = data;
  return win->video_bar != NULL && gtk_progress_bar_get_fraction (win->video_bar) > 0;
}

static void
test_export (void)
{
  DmWindow *win = open_sample ();
  DmVideoDialog *dialog = dm_window_new_video_dialog (win);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-dialog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clip.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *got = NULL;

  dm_video_dialog_set_format (dialog, DM_VIDEO_FORMAT_MP4);
  dm_video_dialog_set_range (dialog, DM_VIDEO_RANGE_ALL);
  dm_video_dialog_set_size (dialog, 320, 180);
  dm_video_dialog_set_timing (dialog, 2, 10);
  /* held a second at each end: 10 + 20 + 10 frames */
  dm_video_dialog_set_motion (dialog, TRUE, TRUE, TRUE);
  {
    DmVideoOptions o;
    dm_video_dialog_get_options (dialog, &o);
    g_assert_cmpfloat (o.hold, ==, 1.0);
    g_assert_true (o.ease);
    g_assert_true (o.follow);
  }
  dm_window_export_video (win, dialog, file);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* a toast with a progress bar, one export at a time; the window keeps painting */
  g_assert_nonnull (win->video_toast);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "export-animation"));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = NULL;
      app_test_wait (300);
      shot = app_test_render (GTK_WIDGET (win));
      app_test_save (shot, "video-export-toast.png");
    }
  g_assert_true (app_test_wait_until (app_test_window_exported, win, 60000));
  g_assert_null (win->video_toast);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "export-animation"));

  got = probe (path);
  g_assert_cmpstr (got, ==, "h264,320,180,40");
  g_assert_cmpuint (count_files (dir, "clip"), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_cancel (void)
{
  DmWindow *win = open_sample ();
  DmVideoDialog *dialog = dm_window_new_video_dialog (win);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-dialog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clip.webm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  dm_video_dialog_set_size (dialog, 320, 180);
  dm_video_dialog_set_timing (dialog, 60, 30);
  dm_window_export_video (win, dialog, file);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Cancel, as the toast's button does, once frames are being written */
  g_assert_true (app_test_wait_until (has_progress, win, 60000));
  g_assert_cmpuint (count_files (dir, "clip"), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (win), "cancel-export-animation", NULL);
  g_assert_true (app_test_wait_until (app_test_window_exported, win, 60000));
  g_assert_null (win->video_toast);
  /* neither the file nor its hidden temporary one; no error dialog for a cancel */
  g_assert_cmpuint (count_files (dir, "clip"), ==, 0);
  g_assert_null (win->error_dialog);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/app/video-dialog/defaults", test_defaults);
  g_test_add_func ("/app/video-dialog/export", test_export);
  g_test_add_func ("/app/video-dialog/cancel", test_cancel);
  return g_test_run ();
}
