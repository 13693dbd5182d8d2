/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File > Export Animation: the dialog's defaults and choices, the window's background export
 * read back by ffprobe, the progress in the header bar, a window that keeps drawing
 * meanwhile, a toast that opens the finished file, and a cancel from the header's popover
 * that leaves nothing. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-figure-preview.h"
#include "dm-window-private.h"

static DmWindow *
open_sample (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();

  app_test_open_and_wait (win, file);
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

/* The widget named @name under @widget */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A button under @widget (a toast's) that runs win.open-export for @uri */
static GtkWidget *
find_open_button (GtkWidget  *widget,
                  const char *uri)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.open-export") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), uri) == 0)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_open_button (c, uri);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The pie in the header button, drawn: how many of its pixels are far from the header's
 * colour (the part written, in the text's colour; not the faint whole circle) */
static guint
count_pie_pixels (DmWindow *win)
{
  g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
  int sw = gdk_texture_get_width (shot), sh = gdk_texture_get_height (shot);
  g_autofree guchar *data = g_malloc (sw * 4 * sh);
  graphene_point_t p;
  guint32 bg;
  guint n = 0;
  int w = gtk_widget_get_width (win->video_pie), h = gtk_widget_get_height (win->video_pie);

  g_assert_true (gtk_widget_compute_point (win->video_pie, GTK_WIDGET (win),
                                           &GRAPHENE_POINT_INIT (0, 0), &p));
  gdk_texture_download (shot, data, sw * 4);
#define PIXEL(x, y) ((data[((int) (y) * sw + (int) (x)) * 4 + 2] << 16) | \
                     (data[((int) (y) * sw + (int) (x)) * 4 + 1] << 8) | \
                     data[((int) (y) * sw + (int) (x)) * 4])
  bg = PIXEL (p.x - 6, p.y + h / 2);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (!app_test_color_near (PIXEL (p.x + x, p.y + y), bg, 100))
        n++;
#undef PIXEL
  return n;
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

  /* a button in the header with a pie of the progress, its popover naming the file; one
   * export at a time; the window keeps painting */
  g_assert_true (gtk_widget_get_visible (win->video_button));
  g_assert_cmpstr (gtk_label_get_text (win->video_label), ==, "Exporting “clip.mp4”…");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "export-animation"));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  g_assert_true (gtk_widget_get_mapped (win->video_pie));
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = NULL;
      gtk_menu_button_popup (GTK_MENU_BUTTON (win->video_button));
      app_test_wait (300);
      shot = app_test_render (GTK_WIDGET (win));
      app_test_save (shot, "video-export-progress.png");
    }
  g_assert_true (app_test_wait_until (app_test_window_exported, win, 60000));
  g_assert_false (gtk_widget_get_visible (win->video_button));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "export-animation"));
  /* the toast that announces it opens the file */
  {
    g_autofree char *uri = g_file_get_uri (file);
    app_test_wait_frames (GTK_WIDGET (win), 3);
    g_assert_nonnull (find_open_button (GTK_WIDGET (win->toast_overlay), uri));
    if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
      {
        g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
        app_test_save (shot, "video-export-done.png");
      }
  }

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

  /* Cancel in the header button's popover, once frames are being written */
  g_assert_true (app_test_wait_until (has_progress, win, 60000));
  g_assert_cmpuint (count_files (dir, "clip"), ==, 1);
  /* the header button's pie is drawn, and fills as frames are written (the bar's updates
   * stopped, so that the test sets how far it is) */
  g_assert_cmpfloat (win->video_fraction, >, 0);
  g_clear_handle_id (&win->video_progress_id, g_source_remove);
  {
    guint little, most;

    win->video_fraction = 0.1;
    gtk_widget_queue_draw (win->video_pie);
    app_test_wait_frames (GTK_WIDGET (win), 2);
    little = count_pie_pixels (win);
    win->video_fraction = 0.9;
    gtk_widget_queue_draw (win->video_pie);
    app_test_wait_frames (GTK_WIDGET (win), 2);
    most = count_pie_pixels (win);
    g_assert_cmpuint (little, >, 3);
    g_assert_cmpuint (most, >, little * 4);
  }
  gtk_menu_button_popup (GTK_MENU_BUTTON (win->video_button));
  app_test_wait_frames (GTK_WIDGET (win), 2);
  {
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (win->video_button));
    GtkWidget *cancel = find_named (GTK_WIDGET (popover), "cancel-export");

    g_assert_nonnull (cancel);
    g_assert_true (gtk_widget_get_mapped (cancel));
    if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
      {
        /* the popover is a surface of its own: the screen's picture shows it */
        g_autofree char *shot = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"),
                                                  "video-export-popover.png", NULL);
        g_autofree char *cmd = g_strdup_printf ("import -window root %s", shot);
        app_test_wait (300);
        g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
      }
    g_assert_true (gtk_widget_activate (cancel));
  }
  g_assert_true (app_test_wait_until (app_test_window_exported, win, 60000));
  g_assert_false (gtk_widget_get_visible (win->video_button));
  /* no toast to open anything */
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_assert_null (find_open_button (GTK_WIDGET (win->toast_overlay), uri));
  }
  /* neither the file nor its hidden temporary one; no error dialog for a cancel */
  g_assert_cmpuint (count_files (dir, "clip"), ==, 0);
  g_assert_null (win->error_dialog);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The preview of the clip's first frame: drawn off the main thread, again when the range's
 * start, the timeline band or the size change */
static void
test_preview (void)
{
  DmWindow *win = open_sample ();
  DmVideoDialog *dialog = dm_window_new_video_dialog (win);
  DmFigurePreview *preview = app_test_find_preview (GTK_WIDGET (dialog));
  g_autoptr(GdkTexture) first = NULL;
  GdkTexture *t;

  g_assert_nonnull (preview);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (app_test_wait_preview (preview, NULL));
  first = g_object_ref (dm_figure_preview_get_texture (preview));
  g_assert_cmpint (gdk_texture_get_width (first), ==, 360);
  g_assert_cmpint (gdk_texture_get_height (first), ==, 203);
  /* the timeline band under the map */
  dm_video_dialog_set_timeline (dialog, TRUE);
  g_assert_true (app_test_wait_preview (preview, first));
  g_assert_cmpuint (app_test_count_changed (first, dm_figure_preview_get_texture (preview)), >, 2000);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = NULL;
      gtk_widget_queue_draw (GTK_WIDGET (preview));
      g_assert_true (app_test_wait_frames (GTK_WIDGET (dialog), 1));
      shot = app_test_render (GTK_WIDGET (dialog));
      app_test_save (shot, "video-dialog-preview.png");
    }
  /* a GIF's 800x450 is 16:9 too; a square clip makes a square preview */
  dm_video_dialog_set_size (dialog, 600, 600);
  g_assert_true (app_test_wait_preview (preview, dm_figure_preview_get_texture (preview)));
  t = dm_figure_preview_get_texture (preview);
  g_assert_cmpint (gdk_texture_get_width (t), ==, 203);
  g_assert_cmpint (gdk_texture_get_height (t), ==, 203);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The button of @window whose label is @label */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static DmVideoDialog *
find_video_dialog (void)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (DM_IS_VIDEO_DIALOG (w))
        return DM_VIDEO_DIALOG (w);
    }
  return NULL;
}

/* The Export dialog's Format row offers the animation formats: Export… goes on to Export
 * Animation with the still's choices, and what it writes is that clip */
static void
test_from_export_dialog (void)
{
  DmWindow *win = open_sample ();
  DmFigureDialog *still = dm_window_new_export_dialog (win);
  g_autofree char *dir = g_dir_make_tmp ("dm-video-dialog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "carried.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmFigure) figure = NULL;
  g_autofree char *got = NULL;
  DmVideoDialog *dialog;
  GtkWidget *button;
  int width, height;

  g_assert_null (find_video_dialog ());
  dm_figure_dialog_set_projection (still, DM_PROJECTION_EQUIRECTANGULAR);
  dm_figure_dialog_set_language (still, "ko");
  dm_figure_dialog_set_decorations (still, FALSE, TRUE, TRUE);
  dm_figure_dialog_set_timeline (still, TRUE);
  dm_figure_dialog_set_size (still, DM_FIGURE_SIZE_CUSTOM, 320, 180);
  dm_figure_dialog_set_animation_format (still, DM_VIDEO_FORMAT_GIF);
  gtk_window_present (GTK_WINDOW (still));
  app_test_wait_frames (GTK_WIDGET (still), 3);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (still));
      app_test_save (shot, "export-dialog-animation-format.png");
    }
  button = find_button (GTK_WIDGET (still), "_Export…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  /* the still's dialog is gone, Export Animation is open with its choices */
  dialog = find_video_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (dm_video_dialog_get_format (dialog), ==, DM_VIDEO_FORMAT_GIF);
  g_assert_cmpint (dm_video_dialog_get_projection (dialog), ==, DM_PROJECTION_EQUIRECTANGULAR);
  g_assert_cmpstr (dm_video_dialog_get_language (dialog), ==, "ko");
  figure = dm_video_dialog_build_figure (dialog);
  dm_figure_get_size (figure, &width, &height);
  g_assert_cmpint (width, ==, 320);
  g_assert_cmpint (height, ==, 180);
  g_assert_cmpstr (dm_figure_get_title (figure), ==, dm_document_get_title (win->document));
  g_assert_false (dm_figure_get_show_legend (figure));
  g_assert_true (dm_figure_get_show_timeline (figure));
  g_assert_cmpint (dm_figure_get_projection (figure), ==, DM_PROJECTION_EQUIRECTANGULAR);
  g_assert_cmpstr (dm_figure_get_language (figure), ==, "ko");
  app_test_wait_frames (GTK_WIDGET (dialog), 3);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = NULL;
      app_test_wait (2000);
      shot = app_test_render (GTK_WIDGET (dialog));
      app_test_save (shot, "video-dialog-from-export.png");
    }

  /* and the clip it writes is that GIF */
  dm_video_dialog_set_timing (dialog, 1, 5);
  dm_window_export_video (win, dialog, file);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (app_test_wait_until (app_test_window_exported, win, 60000));
  got = probe (path);
  g_assert_cmpstr (got, ==, "gif,320,180,5");
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/video-dialog/defaults", test_defaults);
  app_test_add_func ("/app/video-dialog/preview", test_preview);
  app_test_add_func ("/app/video-dialog/export", test_export);
  app_test_add_func ("/app/video-dialog/cancel", test_cancel);
  app_test_add_func ("/app/video-dialog/from-export-dialog", test_from_export_dialog);
  return g_test_run ();
}
