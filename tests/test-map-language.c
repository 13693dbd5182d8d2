/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "render-test-util.h"

/* The map's country and place labels in the user's language (LANGUAGE=fr here), read back from a
 * figure's SVG, where every label is a <text> element. */

static char *
write_svg (DmFigure *figure)
{
  g_autofree char *dir = g_dir_make_tmp ("dm-language-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return contents;
}

static void
test_french_labels (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *svg = NULL;

  dm_figure_set_size (figure, 1920, 1080);
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
  dm_figure_set_time (figure, utc ("2025-10-30T06:00:00Z"));
  svg = write_svg (figure);
  g_assert_nonnull (strstr (svg, ">Russie</text>"));
  g_assert_nonnull (strstr (svg, ">Chine</text>"));
  g_assert_nonnull (strstr (svg, ">Brésil</text>"));
  g_assert_null (strstr (svg, ">Russia</text>"));
  g_assert_null (strstr (svg, ">Brazil</text>"));
  /* the routes' places, from the gazetteer */
  g_assert_nonnull (strstr (svg, ">Moscou</text>"));
  g_assert_null (strstr (svg, ">Moscow</text>"));
}

int
main (int   argc,
      char *argv[])
{
  /* before anything asks for the user's languages */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/render/map-language/french-labels", test_french_labels);
  return g_test_run ();
}
