/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The export dialog on its own: the moment it exports is shown, the save dialog's proposal
 * (folder and name), and the graticule switch reaching the figure's pixels. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include <glib/gi18n.h>
#include <string.h>

#include "app-test-util.h"
#include "interop-common.h"
#include "dm-figure-dialog.h"
#include "dm-figure-preview.h"
#include "dm-map-style.h"
#include "dm-save-chooser.h"
#include "render-test-util.h"

static const double everywhere[4] = { -180, -80, 180, 80 };

static DmDocument *
document_titled (const char *title)
{
  DmDocument *doc = dm_document_new ();

  dm_document_set_title (doc, title);
  return doc;
}

/* The first descendant of @widget that is an AdwActionRow titled @title */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwActionRow *row = find_row (c, title);
      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
test_time_row (void)
{
  g_autoptr(DmDocument) doc = document_titled ("Talks");
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2025, 10, 29, 12, 0, 0);
  DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, g_date_time_to_unix (dt), everywhere);
  AdwActionRow *row = find_row (GTK_WIDGET (dialog), "Playhead time");
  g_autoptr(DmFigure) figure = dm_figure_dialog_build_figure (dialog);

  /* a row anyone sees, not a tooltip, says the moment the figure is drawn at */
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Wednesday 29 October 2025, 12:00 UTC");
  g_assert_cmpint (dm_figure_get_time (figure), ==, g_date_time_to_unix (dt));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_file_name (void)
{
  const struct { const char *title; DmFigureFormat format; const char *want; } cases[] = {
    { "Late October 2025: Choe Son Hui to Moscow", DM_FIGURE_FORMAT_PNG,
      "Late-October-2025-Choe-Son-Hui-to-Moscow.png" },
    { "Trump / Xi — Busan, 30.10.", DM_FIGURE_FORMAT_SVG, "Trump-Xi-Busan-30-10.svg" },
    { "Visite d’État à Séoul", DM_FIGURE_FORMAT_PDF, "Visite-d-État-à-Séoul.pdf" },
    { "../../etc/passwd", DM_FIGURE_FORMAT_PNG, "etc-passwd.png" },
    { "::", DM_FIGURE_FORMAT_PNG, "diplomap.png" },
    { NULL, DM_FIGURE_FORMAT_PDF, "diplomap.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DmDocument) doc = document_titled (cases[i].title);
      DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, 0, everywhere);
      g_autofree char *name = NULL;

      dm_figure_dialog_set_format (dialog, cases[i].format);
      name = dm_figure_dialog_dup_file_name (dialog);
      g_assert_cmpstr (name, ==, cases[i].want);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  /* a long title is cut after a word, never inside one (nor inside a letter) */
  {
    g_autoptr(DmDocument) doc = document_titled ("Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé "
                                                 "Ünïcödé Ünïcödé Ünïcödé Ünïcödé");
    DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, 0, everywhere);
    g_autofree char *name = dm_figure_dialog_dup_file_name (dialog);

    g_assert_cmpstr (name, ==, "Ünïcödé-Ünïcödé-Ünïcödé-Ünïcödé-Ünïcödé-Ünïcödé-Ünïcödé.png");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

/* Where the save dialogs open: Export Map in Pictures, Export Data in Documents, else home */
static void
test_folder (void)
{
  const struct { GUserDirectory directory; const char *key, *name; } cases[] = {
    { G_USER_DIRECTORY_PICTURES, "XDG_PICTURES_DIR", "Bilder" },
    { G_USER_DIRECTORY_DOCUMENTS, "XDG_DOCUMENTS_DIR", "Dokumente" },
  };
  g_autofree char *dirs = g_build_filename (g_get_user_config_dir (), "user-dirs.dirs", NULL);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *here = g_get_current_dir ();
  g_autoptr(GFile) cwd = g_file_new_for_path (here);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* in the test's private dirs: the test writes nothing into the real home */
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (), cases[i].name, NULL);
      g_autofree char *line = g_strdup_printf ("%s=\"%s\"\n", cases[i].key, path);
      g_autoptr(GFile) want = g_file_new_for_path (path);

      /* no such folder: home, not the folder the program was started in */
      g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
      g_assert_true (g_file_set_contents (dirs, line, -1, NULL));
      g_reload_user_special_dirs_cache ();
      {
        g_autoptr(GFile) folder = dm_save_chooser_dup_folder (cases[i].directory);
        g_assert_true (g_file_equal (folder, home));
      }
      /* the folder once it exists */
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      {
        g_autoptr(GFile) folder = dm_save_chooser_dup_folder (cases[i].directory);
        g_assert_true (g_file_equal (folder, want));
        g_assert_false (g_file_equal (folder, cwd));
      }
    }
}

/* The switch turns the figure's graticule on: a meridian drawn over the open Pacific */
static void
test_graticule (void)
{
  g_autoptr(DmDocument) doc = document_titled ("Nothing yet");
  DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, 0, everywhere);
  guint off[2] = { 0, 0 };

  dm_figure_dialog_set_area (dialog, DM_FIGURE_AREA_WORLD);
  dm_figure_dialog_set_size (dialog, DM_FIGURE_SIZE_CUSTOM, 800, 450);
  for (int with = 0; with < 2; with++)
    {
      g_autoptr(DmFigure) figure = NULL;
      cairo_surface_t *s;
      double x0, y0, x1, y1;

      dm_figure_dialog_set_graticule (dialog, with);
      figure = dm_figure_dialog_build_figure (dialog);
      g_assert_cmpint (dm_figure_get_show_graticule (figure), ==, with);
      s = render_figure (figure);
      g_assert_cmpint (cairo_image_surface_get_width (s), ==, 800);
      g_assert_cmpint (cairo_image_surface_get_height (s), ==, 450);
      /* along 10 N from 175 W to 125 W: sea, crossed by the meridians of 150 W (and 165 W,
       * 135 W when the step is 15 degrees) */
      dm_figure_map_point (figure, -175, 10, &x0, &y0);
      dm_figure_map_point (figure, -125, 10, &x1, &y1);
      off[with] = count_row_off (s, y0, x0, x1, DM_MAP_COLOR_SEA, 2);
      cairo_surface_destroy (s);
    }
  g_assert_cmpuint (off[0], ==, 0);
  g_assert_cmpuint (off[1], >=, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct
{
  gboolean done;
  gboolean ok;
} Export;

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *e = user_data;
  g_autoptr(GError) error = NULL;

  e->ok = dm_figure_dialog_export_finish (DM_FIGURE_DIALOG (source), result, &error);
  g_assert_no_error (error);
  e->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((Export *) data)->done;
}

/* The Language row: "Same as the application" by default; a language chosen reaches the
 * figure, and the export (in a worker thread) draws its legend, date and labels in it while
 * the application keeps its own */
static void
test_language (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2025, 10, 28, 12, 0, 0);
  DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, g_date_time_to_unix (dt), everywhere);
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *dir = g_dir_make_tmp ("dm-dialog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *svg = NULL;
  Export e = { FALSE, FALSE };

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_assert_null (dm_figure_dialog_get_language (dialog));
  {
    g_autoptr(DmFigure) figure = dm_figure_dialog_build_figure (dialog);
    g_assert_null (dm_figure_get_language (figure));
  }
  dm_figure_dialog_set_language (dialog, "ko");
  g_assert_cmpstr (dm_figure_dialog_get_language (dialog), ==, "ko");
  {
    g_autoptr(DmFigure) figure = dm_figure_dialog_build_figure (dialog);
    g_assert_cmpstr (dm_figure_get_language (figure), ==, "ko");
  }

  dm_figure_dialog_set_format (dialog, DM_FIGURE_FORMAT_SVG);
  dm_figure_dialog_set_area (dialog, DM_FIGURE_AREA_ALL);
  dm_figure_dialog_export_async (dialog, file, NULL, exported_cb, &e);
  g_assert_true (app_test_wait_until (export_done, &e, 60000));
  g_assert_true (e.ok);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">2025년 10월 28일 화요일 12:00 UTC"));
  g_assert_nonnull (strstr (svg, ">모스크바</text>"));
  g_assert_null (strstr (svg, ">Moscow</text>"));
  /* the application's own messages are untouched: English here */
  g_assert_cmpstr (_("Same as the application"), ==, "Same as the application");

  dm_figure_dialog_set_language (dialog, "xx");
  g_assert_null (dm_figure_dialog_get_language (dialog));
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The footnotes switch reaches the figure, and turns numbered footnotes on */
static void
test_footnotes (void)
{
  g_autoptr(DmDocument) doc = document_titled ("Nothing yet");
  DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, 0, everywhere);

  for (int with = 0; with < 2; with++)
    {
      g_autoptr(DmFigure) figure = NULL;

      dm_figure_dialog_set_source_footnotes (dialog, with);
      figure = dm_figure_dialog_build_figure (dialog);
      g_assert_cmpint (dm_figure_get_source_footnotes (figure), ==, with);
      g_assert_true (dm_figure_get_show_sources (figure));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The first widget under @w (itself included) of @type, whose title is @title when given */
static GtkWidget *
find_widget (GtkWidget  *w,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) &&
      (title == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A selected summit shows the highlight switch, on: the figure highlights it; off, or a
 * selected trip (no switch shown), highlights nothing */
static void
test_highlight (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, 0, everywhere);
  GtkSwitch *on = NULL;

  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(DmFigure) figure = NULL;

      dm_figure_dialog_set_highlight (dialog, interop_find_event (doc, k < 2 ? "minsk-conference"
                                                                             : "choe-tour"));
      if (k == 1)
        {
          /* the user turns it off */
          GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Highlight Selected Summit");
          g_assert_nonnull (row);
          on = GTK_SWITCH (find_widget (row, GTK_TYPE_SWITCH, NULL));
          g_assert_nonnull (on);
          g_assert_true (gtk_widget_get_visible (row));
          gtk_switch_set_active (on, FALSE);
        }
      figure = dm_figure_dialog_build_figure (dialog);
      g_assert_cmpstr (dm_figure_get_highlight (figure), ==, k == 0 ? "minsk-conference" : NULL);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The projection row reaches the figure, as --projection does; automatic leaves the
 * figure's own choice (Equal Earth for the whole world, Mercator for the events) */
static void
test_projection (void)
{
  g_autoptr(DmDocument) doc = document_titled ("Nothing yet");
  DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, 0, everywhere);
  DmFigureArea areas[] = { DM_FIGURE_AREA_ALL, DM_FIGURE_AREA_WORLD };

  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    {
      dm_figure_dialog_set_area (dialog, areas[a]);
      for (int p = -1; p <= DM_PROJECTION_EQUAL_EARTH; p++)
        {
          g_autoptr(DmFigure) figure = NULL;
          DmProjection expected = p >= 0 ? (DmProjection) p
                                         : areas[a] == DM_FIGURE_AREA_WORLD ? DM_PROJECTION_EQUAL_EARTH
                                                                            : DM_PROJECTION_MERCATOR;

          dm_figure_dialog_set_projection (dialog, p);
          figure = dm_figure_dialog_build_figure (dialog);
          g_assert_cmpint (dm_figure_get_projection (figure), ==, expected);
        }
    }
  /* Mercator chosen for the whole world stays Mercator */
  dm_figure_dialog_set_projection (dialog, DM_PROJECTION_MERCATOR);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (dialog), 2));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (dialog));
    app_test_save (shot, "export-dialog-projection.png");
  }
  {
    g_autoptr(DmFigure) figure = dm_figure_dialog_build_figure (dialog);
    g_assert_cmpint (dm_figure_get_projection (figure), ==, DM_PROJECTION_MERCATOR);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Waits for the preview to draw again after a change; the pixels that changed */
static guint
redraw_and_compare (DmFigurePreview *preview)
{
  g_autoptr(GdkTexture) before = g_object_ref (dm_figure_preview_get_texture (preview));

  g_assert_true (app_test_wait_preview (preview, before));
  return app_test_count_changed (before, dm_figure_preview_get_texture (preview));
}

/* The preview: the figure the dialog would export, small, off the main thread; drawn again
 * when the projection, the area, the size or the language change */
static void
test_preview (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, 1761782400, everywhere);
  DmFigurePreview *preview = app_test_find_preview (GTK_WIDGET (dialog));
  GdkTexture *t;

  g_assert_nonnull (preview);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (app_test_wait_preview (preview, NULL));
  /* Full HD, 16:9 in the preview's 360 px */
  t = dm_figure_preview_get_texture (preview);
  g_assert_cmpint (gdk_texture_get_width (t), ==, 360);
  g_assert_cmpint (gdk_texture_get_height (t), ==, 203);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (preview)));

  dm_figure_dialog_set_projection (dialog, DM_PROJECTION_EQUAL_EARTH);
  g_assert_cmpuint (redraw_and_compare (preview), >, 2000);
  dm_figure_dialog_set_area (dialog, DM_FIGURE_AREA_WORLD);
  g_assert_cmpuint (redraw_and_compare (preview), >, 2000);
  /* the legend's and caption's words in French: a few pixels, not the map */
  dm_figure_dialog_set_language (dialog, "fr");
  g_assert_cmpuint (redraw_and_compare (preview), >, 20);
  {
    g_autoptr(GdkTexture) shot = NULL;
    gtk_widget_queue_draw (GTK_WIDGET (preview));
    g_assert_true (app_test_wait_frames (GTK_WIDGET (dialog), 1));
    shot = app_test_render (GTK_WIDGET (dialog));
    app_test_save (shot, "export-dialog-preview-fr.png");
  }
  /* small multiples: a grid of maps over the events' dates, in the figure and its preview */
  {
    g_autoptr(DmFigure) figure = NULL;

    dm_figure_dialog_set_small_multiples (dialog, 4);
    figure = dm_figure_dialog_build_figure (dialog);
    g_assert_cmpuint (dm_figure_get_small_multiples (figure), ==, 4);
    g_assert_cmpuint (redraw_and_compare (preview), >, 2000);
    if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
      {
        g_autoptr(GdkTexture) shot = NULL;
        gtk_widget_queue_draw (GTK_WIDGET (preview));
        g_assert_true (app_test_wait_frames (GTK_WIDGET (dialog), 1));
        shot = app_test_render (GTK_WIDGET (dialog));
        app_test_save (shot, "export-dialog-small-multiples.png");
      }
    g_clear_object (&figure);
    /* 1 is one map */
    dm_figure_dialog_set_small_multiples (dialog, 1);
    figure = dm_figure_dialog_build_figure (dialog);
    g_assert_cmpuint (dm_figure_get_small_multiples (figure), ==, 0);
    dm_figure_dialog_set_small_multiples (dialog, 0);
    g_assert_true (app_test_wait_preview (preview, NULL));
  }
  /* a square figure: a square preview */
  dm_figure_dialog_set_size (dialog, DM_FIGURE_SIZE_CUSTOM, 1000, 1000);
  g_assert_true (app_test_wait_preview (preview, dm_figure_preview_get_texture (preview)));
  t = dm_figure_preview_get_texture (preview);
  g_assert_cmpint (gdk_texture_get_width (t), ==, 203);
  g_assert_cmpint (gdk_texture_get_height (t), ==, 203);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/export-dialog/time-row", test_time_row);
  app_test_add_func ("/app/export-dialog/file-name", test_file_name);
  app_test_add_func ("/app/export-dialog/folder", test_folder);
  app_test_add_func ("/app/export-dialog/graticule", test_graticule);
  app_test_add_func ("/app/export-dialog/language", test_language);
  app_test_add_func ("/app/export-dialog/footnotes", test_footnotes);
  app_test_add_func ("/app/export-dialog/highlight", test_highlight);
  app_test_add_func ("/app/export-dialog/projection", test_projection);
  app_test_add_func ("/app/export-dialog/preview", test_preview);
  return g_test_run ();
}
