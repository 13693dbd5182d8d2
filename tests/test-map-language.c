/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "dm-i18n.h"
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

static char *
figure_svg_in (DmDocument *doc,
               const char *language)
{
  g_autoptr(DmFigure) figure = dm_figure_new (doc);

  dm_figure_set_size (figure, 1920, 1080);
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
  dm_figure_set_time (figure, utc ("2025-10-30T06:00:00Z"));
  dm_figure_set_language (figure, language);
  g_assert_cmpstr (dm_figure_get_language (figure), ==, language);
  return write_svg (figure);
}

/* The export dialog's choice: a figure in English from a French process, and in Korean; its
 * legend, caption's date, countries and places, while the process stays French */
static void
test_figure_language (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *en = NULL;
  g_autofree char *ko = NULL;
  g_autofree char *fr = NULL;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_assert_true (dm_i18n_has_language ("fr"));
  g_assert_true (dm_i18n_has_language ("en"));
  g_assert_false (dm_i18n_has_language ("xx"));

  en = figure_svg_in (doc, "en");
  g_assert_nonnull (strstr (en, ">Confirmed</text>"));
  g_assert_nonnull (strstr (en, ">Thursday 30 October 2025, 06:00 UTC"));
  /* numbers as each language writes them: the scale bar */
  g_assert_nonnull (strstr (en, ">2,000 km at "));
  g_assert_nonnull (strstr (en, ">Russia</text>"));
  g_assert_nonnull (strstr (en, ">Moscow</text>"));
  g_assert_null (strstr (en, ">Russie</text>"));
  g_assert_null (strstr (en, "octobre"));

  ko = figure_svg_in (doc, "ko");
  g_assert_nonnull (strstr (ko, ">2025년 10월 30일 목요일 06:00 UTC"));
  g_assert_nonnull (strstr (ko, ">확정됨</text>"));
  g_assert_nonnull (strstr (ko, ">러시아</text>"));
  g_assert_nonnull (strstr (ko, ">모스크바</text>"));
  g_assert_null (strstr (ko, ">Russie</text>"));

  /* drawing is over: the thread is back to the process's language, French */
  g_assert_null (dm_i18n_get_thread_language ());
  fr = figure_svg_in (doc, NULL);
  g_assert_nonnull (strstr (fr, ">Confirmé</text>"));
  g_assert_nonnull (strstr (fr, ">2\u202f000 km à "));
  g_assert_nonnull (strstr (fr, ">jeudi 30 octobre 2025 à 06:00 UTC"));
  g_assert_nonnull (strstr (fr, ">Russie</text>"));
  g_assert_nonnull (strstr (fr, ">Moscou</text>"));
  g_assert_cmpstr (_("Cancelled"), ==, "Annulé");
}

/* Counted texts of a figure (participants, "+N more") take the plural forms of the figure's
 * language, not the process's (French here) */
static void
test_plurals (void)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  const char *one = "%s · %u participant", *many = "%s · %u participants";

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  dm_i18n_set_thread_language ("ru");
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 21), ==, "%s · %u участник");
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 22), ==, "%s · %u участника");
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 25), ==, "%s · %u участников");
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 11), ==, "%s · %u участников");
  dm_i18n_set_thread_language ("en");
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 1), ==, one);
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 0), ==, many);
  dm_i18n_set_thread_language ("ko");
  g_assert_null (strstr (dm_i18n_ngettext (one, many, 21), "participant"));
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 21), ==, dm_i18n_ngettext (one, many, 1));
  /* no language of the thread's own: the process's, French, where 0 is singular too */
  dm_i18n_set_thread_language (NULL);
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 0), ==, g_dngettext (GETTEXT_PACKAGE, one, many, 1));
  g_assert_cmpstr (dm_i18n_ngettext (one, many, 2), !=, dm_i18n_ngettext (one, many, 1));
}

int
main (int   argc,
      char *argv[])
{
  /* before anything asks for the user's languages */
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/render/map-language/french-labels", test_french_labels);
  g_test_add_func ("/render/map-language/figure-language", test_figure_language);
  g_test_add_func ("/render/map-language/plurals", test_plurals);
  return g_test_run ();
}
