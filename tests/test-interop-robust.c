/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bad files give positions, never a crash: every fixture cut short at many points,
 * and with bytes overwritten. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "dm-saver.h"
#include "dm-loader.h"
#include "dm-error.h"
#include "interop-common.h"

static const char * const fixtures[] = {
  "mixed.geojson", "google-earth.kml", "google-earth.kmz", "spreadsheet.csv", "routes.tsv", "visits.ics",
};

/* Loads @data as a file called @basename; checks that it either loads with every
 * problem placed, or fails with a DM_ERROR naming the file */
static void
check_load (const char *dir,
            const char *basename,
            const char *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (dir, basename, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  GListModel *problems;

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  if (!dm_loader_load_file (doc, file, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text = NULL;

      g_assert_nonnull (error);
      g_assert_true (error->domain == DM_ERROR);
      text = dm_error_to_string (error);
      if (!g_str_has_prefix (text, name))
        g_error ("%s (%" G_GSIZE_FORMAT " bytes): the error does not name the file: %s", basename, length,
                 text);
      /* everything but a broken zip knows where, and says it as data */
      if (!g_str_has_suffix (basename, ".kmz") && error->code == DM_ERROR_PARSE &&
          (dm_error_get_file (error) == NULL || !g_file_equal (dm_error_get_file (error), file) ||
           dm_error_get_line (error) == 0 || dm_error_get_column (error) == 0))
        g_error ("%s (%" G_GSIZE_FORMAT " bytes): no position for: %s", basename, length, text);
      return;
    }
  problems = dm_document_get_problems (doc);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      if (dm_problem_get_line (p) == 0 || dm_problem_get_column (p) == 0)
        g_error ("%s (%" G_GSIZE_FORMAT " bytes): a problem without a position: %s", basename, length,
                 dm_problem_get_message (p));
    }
}

static void
test_truncations (void)
{
  g_autofree char *dir = g_dir_make_tmp ("diplomap-robust-XXXXXX", NULL);

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GFile) file = interop_file (fixtures[f]);
      g_autofree char *data = NULL;
      gsize length;
      guint step;

      g_assert_true (g_file_load_contents (file, NULL, &data, &length, NULL, NULL));
      step = MAX (1, length / 150);
      for (gsize cut = 0; cut < length; cut += step)
        check_load (dir, fixtures[f], data, cut);
    }
}

static void
test_corruptions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("diplomap-robust-XXXXXX", NULL);
  static const char junk[] = { '"', '<', ',', ';', '\n', '\0', '\xff', '{', ']', '9', '-', 'Z' };
  GRand *rand = g_rand_new_with_seed (20251026);

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GFile) file = interop_file (fixtures[f]);
      g_autofree char *data = NULL;
      gsize length;

      g_assert_true (g_file_load_contents (file, NULL, &data, &length, NULL, NULL));
      for (guint round = 0; round < 60; round++)
        {
          g_autofree char *copy = g_memdup2 (data, length);
          for (guint k = 0; k < 4; k++)
            copy[g_rand_int_range (rand, 0, length)] = junk[g_rand_int_range (rand, 0, G_N_ELEMENTS (junk))];
          check_load (dir, fixtures[f], copy, length);
        }
    }
  g_rand_free (rand);
}

/* Whatever a reader made, written as .diplomap, reads back whole: no problem, the same
 * events and legs (a trip whose legs do not join would fail) */
static void
test_diplomap_reads_back (void)
{
  static const char * const all[] = {
    "mixed.geojson", "bad-types.geojson", "disjoint.geojson", "google-earth.kml", "google-earth.kmz",
    "bad.kml", "spreadsheet.csv", "routes.tsv", "trip-ids.csv", "bad.csv", "visits.ics", "bad.ics",
  };

  for (guint f = 0; f < G_N_ELEMENTS (all); f++)
    {
      g_autoptr(GFile) file = interop_file (all[f]);
      g_autoptr(DmDocument) doc = interop_load (file);
      g_autoptr(GBytes) bytes = dm_native_write (doc, NULL);
      g_autoptr(GFile) out = interop_write_temp (bytes, "back.diplomap");
      g_autoptr(DmDocument) back = interop_load (out);
      GListModel *problems = dm_document_get_problems (back);

      for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
        {
          g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
          g_autofree char *text = dm_problem_to_string (p);
          g_error ("%s written as .diplomap does not read back: %s", all[f], text);
        }
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (back)), ==,
                        g_list_model_get_n_items (dm_document_get_events (doc)));
      g_assert_cmpuint (dm_document_get_n_legs (back), ==, dm_document_get_n_legs (doc));
    }
}

/* Years before 1000 (issue 10: "0676", the Carolingian dates of a chronicle) are read, and
 * written back in every format we write so that they read again as the same events, with no
 * local mean time (Rome's +00:49:56) leaking into what is written */
static void
test_old_years (void)
{
  static const char text[] =
    "title,place,from,to,start,end\n"
    "Coronation,Rome,,,0800-12-25,\n"
    "Death,Aachen,,,0814-01-28,\n"
    "Fall,Rome,,,0476,\n"
    "Journey,,Rome,Aachen,0799-06-01,0799-07-15\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "old-years.csv");
  g_autoptr(DmDocument) doc = interop_load (file);
  GBytes *(*writers[]) (DmDocument *) = { dm_geojson_write, dm_kml_write, dm_csv_write, NULL };
  static const char * const names[] = { "back.geojson", "back.kml", "back.csv", "back.diplomap" };
  DmEvent *e;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  e = interop_find_event (doc, "Fall");
  g_assert_cmpint (dm_event_get_start (e)->precision, ==, DM_PRECISION_YEAR);

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autoptr(GBytes) out = writers[f] ? writers[f] (doc) : dm_native_write (doc, NULL);
      g_autofree char *written = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
      g_autoptr(GFile) back_file = interop_write_temp (out, names[f]);
      g_autoptr(DmDocument) back = interop_load (back_file);
      GListModel *a = dm_document_get_events (doc), *b = dm_document_get_events (back);

      if (strstr (written, "0800-12-2") == NULL || strstr (written, "+00:49") != NULL ||
          strstr (written, "+00:50") != NULL)
        g_error ("%s: the old dates are not written as they were read", names[f]);
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (back)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (b), ==, g_list_model_get_n_items (a));
      for (guint i = 0; i < g_list_model_get_n_items (a); i++)
        {
          g_autoptr(DmEvent) ea = g_list_model_get_item (a, i);
          DmEvent *eb = interop_find_event (back, dm_event_get_title (ea));
          GPtrArray *la = dm_event_get_legs (ea);

          g_assert_nonnull (eb);
          if (la->len == 0)
            {
              g_assert_cmpint (dm_event_get_start (eb)->earliest, ==, dm_event_get_start (ea)->earliest);
              g_assert_cmpint (dm_event_get_start (eb)->latest, ==, dm_event_get_start (ea)->latest);
              g_assert_cmpint (dm_event_get_start (eb)->precision, ==, dm_event_get_start (ea)->precision);
            }
          else
            {
              DmLeg *x = la->pdata[0], *y = dm_event_get_legs (eb)->pdata[0];

              g_assert_cmpint (y->depart.earliest, ==, x->depart.earliest);
              g_assert_cmpint (y->arrive.latest, ==, x->arrive.latest);
            }
        }
    }
}

/* The corpus of tests/data/real (issue 10): each fixture, what it loads to (events, legs,
 * problems), and each one named in its README with its origin and licence */
static void
test_real_corpus (void)
{
  static const struct { const char *name; guint events, legs, problems; } corpus[] = {
    { "ambiguous-dates.csv", 2, 0, 1 },
    { "diary.csv", 4, 0, 1 },
    { "flights.csv", 1, 6, 1 },
    { "helicopter.gpx", 2, 2, 0 },
    { "journey-lp.geojson", 3, 2, 0 },
    { "kepler-movement.csv", 0, 0, 4 },
    { "kepler-trips.csv", 2, 2, 3 },
    { "locations.csv", 5, 0, 3 },
    { "locations.ics", 7, 0, 5 },
    { "lp-places.tsv", 2, 0, 1 },
    { "mistyped-times.csv", 1, 0, 4 },
    { "mistyped-times.geojson", 1, 0, 4 },
    { "months.csv", 4, 0, 1 },
    { "sites.kml", 0, 0, 3 },
    { "untimed-1.0.gpx", 1, 0, 1 },
    { "us-dates.csv", 4, 0, 0 },
  };
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "real", NULL);
  g_autofree char *readme_path = g_build_filename (dir, "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n_files = 0;

  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_build_filename (dir, corpus[i].name, NULL);
      g_autofree char *cell = g_strdup_printf ("| `%s` |", corpus[i].name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(DmDocument) doc = interop_load (file);
      GListModel *events = dm_document_get_events (doc);
      guint legs = 0;

      for (guint k = 0; k < g_list_model_get_n_items (events); k++)
        {
          g_autoptr(DmEvent) e = g_list_model_get_item (events, k);
          legs += dm_event_get_legs (e)->len;
        }
      if (g_list_model_get_n_items (events) != corpus[i].events || legs != corpus[i].legs ||
          g_list_model_get_n_items (dm_document_get_problems (doc)) != corpus[i].problems)
        g_error ("%s: %u events, %u legs, %u problems; want %u, %u, %u", corpus[i].name,
                 g_list_model_get_n_items (events), legs,
                 g_list_model_get_n_items (dm_document_get_problems (doc)),
                 corpus[i].events, corpus[i].legs, corpus[i].problems);
      if (strstr (readme, cell) == NULL)
        g_error ("%s is not in tests/data/real/README.md", corpus[i].name);
    }
  /* no fixture left out of the table */
  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (!g_str_equal (entry, "README.md"))
      {
        gboolean listed = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
          listed |= g_str_equal (entry, corpus[i].name);
        if (!listed)
          g_error ("tests/data/real/%s is not in the corpus test", entry);
        n_files++;
      }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (corpus));

  /* per format, how many files load fully (every count above as the README's table says,
   * "yes" in its last column): the README's summary says the same */
  {
    static const char * const formats[][2] = {
      { "csv", "CSV" }, { "tsv", "LP-TSV" }, { "ics", "iCalendar" }, { "gpx", "GPX" },
      { "geojson", "GeoJSON" }, { "kml", "KML" },
    };
    guint total = 0;

    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *suffix = g_strconcat (".", formats[f][0], NULL);
        g_autofree char *line = NULL;
        guint n = 0, full = 0;

        for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
          if (g_str_has_suffix (corpus[i].name, suffix))
            {
              g_autofree char *row_start = g_strdup_printf ("| `%s` | %u | %u | %u | yes", corpus[i].name,
                                                            corpus[i].events, corpus[i].legs,
                                                            corpus[i].problems);
              n++;
              full += strstr (readme, row_start) != NULL;
            }
        line = g_strdup_printf ("| %s | %u | %u |", formats[f][1], n, full);
        if (strstr (readme, line) == NULL)
          g_error ("tests/data/real/README.md does not say “%s”", line);
        total += n;
      }
    g_assert_cmpuint (total, ==, G_N_ELEMENTS (corpus));
  }
}

/* Times of the wrong type (true, {"$date": …}, "TBD", a list) in GeoJSON and CSV: the
 * first three are problems at their cells, then one count for the rest, not one each */
static void
test_mistyped_times (void)
{
  static const struct { const char *name; guint line, column; const char *first, *count; guint count_line; } files[] = {
    { "mistyped-times.geojson", 6, 45, "A time should be an ISO 8601 string", "3 more times could not be read", 12 },
    { "mistyped-times.csv", 3, 8, "“TRUE” is not an ISO 8601 date", "2 more times could not be read", 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", files[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(DmDocument) doc = interop_load (file);
      GListModel *problems = dm_document_get_problems (doc);
      g_autoptr(DmProblem) first = g_list_model_get_item (problems, 0);
      g_autoptr(DmProblem) last = NULL;

      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 4);
      g_assert_true (g_str_has_prefix (dm_problem_get_message (first), files[i].first));
      g_assert_cmpuint (dm_problem_get_line (first), ==, files[i].line);
      g_assert_cmpuint (dm_problem_get_column (first), ==, files[i].column);
      last = g_list_model_get_item (problems, 3);
      g_assert_true (g_str_has_prefix (dm_problem_get_message (last), files[i].count));
      g_assert_cmpuint (dm_problem_get_line (last), ==, files[i].count_line);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interop/robust/truncations", test_truncations);
  g_test_add_func ("/interop/robust/corruptions", test_corruptions);
  g_test_add_func ("/interop/robust/diplomap-reads-back", test_diplomap_reads_back);
  g_test_add_func ("/interop/robust/real-corpus", test_real_corpus);
  g_test_add_func ("/interop/robust/old-years", test_old_years);
  g_test_add_func ("/interop/robust/mistyped-times", test_mistyped_times);
  return g_test_run ();
}
