/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of formats (dm-format.c): what it says is what the loader, dm_saver_write() and
 * its messages do. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dm-error.h"
#include "dm-format.h"
#include "dm-loader.h"
#include "dm-saver.h"
#include "interop-common.h"

static guint
count_formats (const DmFormat * const *list)
{
  guint n = 0;

  while (list[n] != NULL)
    n++;
  return n;
}

/* Every format has a name, a name for people, extensions, a MIME type and a reader; names
 * and extensions are unique, and the readable list is the whole table */
static void
test_table (void)
{
  const DmFormat * const *all = dm_format_list ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) extensions = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_lossless = 0;

  g_assert_cmpuint (count_formats (all), >=, 8);
  g_assert_cmpuint (count_formats (dm_format_list_readable ()), ==, count_formats (all));
  for (guint i = 0; all[i] != NULL; i++)
    {
      const DmFormat *f = all[i];

      g_assert_true (g_hash_table_add (names, (gpointer) f->name));
      g_assert_cmpstr (dm_format_get_display_name (f), !=, "");
      g_assert_nonnull (f->extensions[0]);
      g_assert_nonnull (f->mime_types[0]);
      g_assert_nonnull (f->sniff);
      g_assert_nonnull (f->load);
      g_assert_true (dm_format_list_readable ()[i] == f);
      for (guint j = 0; f->extensions[j] != NULL; j++)
        {
          g_autofree char *lower = g_ascii_strdown (f->extensions[j], -1);

          g_assert_cmpstr (f->extensions[j], ==, lower);
          g_assert_null (strchr (f->extensions[j], '.'));
          g_assert_true (g_hash_table_add (extensions, (gpointer) f->extensions[j]));
        }
      /* a writer says what it keeps; a format without one keeps nothing */
      if (f->write == NULL)
        g_assert_cmpint (f->keeps, ==, 0);
      else
        g_assert_true (f->keeps & DM_FORMAT_KEEPS_LEG_TIMES);
      if (f->keeps & DM_FORMAT_LOSSLESS)
        {
          n_lossless++;
          g_assert_cmpstr (f->name, ==, "diplomap");
        }
    }
  g_assert_cmpuint (n_lossless, ==, 1);
}

/* Every extension of the table finds its format, in any case, in a path or a URI; others
 * find none */
static void
test_find_for_file_name (void)
{
  const DmFormat * const *all = dm_format_list ();

  for (guint i = 0; all[i] != NULL; i++)
    for (guint j = 0; all[i]->extensions[j] != NULL; j++)
      {
        const char *ext = all[i]->extensions[j];
        g_autofree char *plain = g_strconcat ("trip.", ext, NULL);
        g_autofree char *upper = g_ascii_strup (plain, -1);
        g_autofree char *path = g_strconcat ("/tmp/a.kml/b.c/trip.", ext, NULL);
        g_autofree char *uri = g_strconcat ("file:///tmp/a.csv/trip.", ext, NULL);

        g_assert_true (dm_format_find_for_file_name (plain) == all[i]);
        g_assert_true (dm_format_find_for_file_name (upper) == all[i]);
        g_assert_true (dm_format_find_for_file_name (path) == all[i]);
        g_assert_true (dm_format_find_for_file_name (uri) == all[i]);
      }
  g_assert_cmpstr (dm_format_find_for_file_name ("trip.geojson")->name, ==, "geojson");
  g_assert_cmpstr (dm_format_find_for_file_name ("trip.json")->name, ==, "geojson");
  g_assert_cmpstr (dm_format_find_for_file_name ("Trip.ICS")->name, ==, "icalendar");
  g_assert_cmpstr (dm_format_find_for_file_name ("trip.tsv")->name, ==, "tsv");
  g_assert_null (dm_format_find_for_file_name ("trip.xyz"));
  g_assert_null (dm_format_find_for_file_name ("trip"));
  g_assert_null (dm_format_find_for_file_name ("trip."));
  g_assert_null (dm_format_find_for_file_name ("/tmp/a.kml/trip"));
  g_assert_null (dm_format_find_for_file_name ("file:///tmp/a.csv/README"));
}

/* The writable list: the formats with a writer, GeoJSON first (Export Data's default), the
 * native one last; the labels and the message's list are made from it */
static void
test_writable (void)
{
  const DmFormat * const *writable = dm_format_list_writable ();
  const DmFormat * const *all = dm_format_list ();
  guint n = count_formats (writable), n_writers = 0;
  g_autofree char *extensions = dm_format_dup_writable_extensions ();
  g_autofree char *geojson = dm_format_dup_label (dm_format_find_for_file_name ("a.json"), FALSE);
  g_autofree char *geojson_written = dm_format_dup_label (dm_format_find_for_file_name ("a.json"), TRUE);

  for (guint i = 0; all[i] != NULL; i++)
    n_writers += all[i]->write != NULL;
  g_assert_cmpuint (n, ==, n_writers);
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (writable[i]->write);
  g_assert_cmpstr (writable[0]->name, ==, "geojson");
  g_assert_true (writable[n - 1]->keeps & DM_FORMAT_LOSSLESS);
  g_assert_cmpstr (extensions, ==, ".geojson, .kml, .csv or .diplomap");
  g_assert_cmpstr (geojson, ==, "GeoJSON (.geojson, .json)");
  g_assert_cmpstr (geojson_written, ==, "GeoJSON (.geojson)");
}

static guint
count_sources (DmDocument *doc)
{
  GListModel *events = dm_document_get_events (doc);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      n += dm_event_get_sources (e)->len;
    }
  return n;
}

/* Each leg's times as written in .diplomap, one a line */
static char *
describe_legs (DmDocument *doc)
{
  GListModel *events = dm_document_get_events (doc);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (e);

      for (guint j = 0; legs != NULL && j < legs->len; j++)
        {
          DmLeg *leg = g_ptr_array_index (legs, j);
          g_autofree char *depart = dm_time_to_iso (&leg->depart, dm_place_get_zone (leg->from));
          g_autofree char *arrive = dm_time_to_iso (&leg->arrive, dm_place_get_zone (leg->to));

          g_string_append_printf (out, "%s leg %u: %s %s\n", dm_event_get_id (e), j,
                                  depart ? depart : "-", arrive ? arrive : "-");
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Each event's actor (id, role, country) and its participants' ids, one event a line */
static char *
describe_actors (DmDocument *doc)
{
  GListModel *events = dm_document_get_events (doc);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      DmActor *a = dm_event_get_actor (e);
      GPtrArray *parts = dm_event_get_participants (e);

      g_string_append_printf (out, "%s: %s %s %s |", dm_event_get_id (e), a ? dm_actor_get_id (a) : "-",
                              a && dm_actor_get_role (a) ? dm_actor_get_role (a) : "-",
                              a && dm_actor_get_country (a) ? dm_actor_get_country (a) : "-");
      for (guint j = 0; parts != NULL && j < parts->len; j++)
        g_string_append_printf (out, " %s", dm_actor_get_id (g_ptr_array_index (parts, j)));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every writable format writes the sample through dm_saver_write(), and the file loads back
 * with as many events; what the table says a writer keeps (leg times, actors, sources) comes
 * back, and what it says a writer does not keep does not */
static void
test_write_read_back (void)
{
  g_autoptr(DmDocument) sample = interop_load_sample ();
  const DmFormat * const *writable = dm_format_list_writable ();
  g_autofree char *dir = g_dir_make_tmp ("diplomap-formats-XXXXXX", NULL);
  g_autofree char *legs = describe_legs (sample);
  g_autofree char *actors = describe_actors (sample);
  guint n_events = g_list_model_get_n_items (dm_document_get_events (sample));

  g_assert_cmpuint (n_events, ==, 10);
  g_assert_cmpuint (count_sources (sample), >, 0);
  for (guint i = 0; writable[i] != NULL; i++)
    {
      const DmFormat *f = writable[i];
      g_autofree char *path = g_strdup_printf ("%s/sample.%s", dir, f->extensions[0]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(DmDocument) back = dm_document_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *back_legs = NULL;
      g_autofree char *back_actors = NULL;

      g_test_message ("%s", f->name);
      g_assert_true (dm_saver_write (sample, file, &error));
      g_assert_no_error (error);
      g_assert_true (dm_loader_load_file (back, file, NULL, &error));
      g_assert_no_error (error);
      /* it was read as the format it was written in */
      g_assert_true (dm_format_find_for_file_name (path) == f);
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (back)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (back)), ==, n_events);
      g_assert_cmpuint (dm_document_get_n_legs (back), ==, dm_document_get_n_legs (sample));

      back_legs = describe_legs (back);
      if (f->keeps & DM_FORMAT_KEEPS_LEG_TIMES)
        g_assert_cmpstr (back_legs, ==, legs);
      back_actors = describe_actors (back);
      if (f->keeps & DM_FORMAT_KEEPS_ACTORS)
        g_assert_cmpstr (back_actors, ==, actors);
      else
        g_assert_cmpstr (back_actors, !=, actors);
      if (f->keeps & DM_FORMAT_KEEPS_SOURCES)
        g_assert_cmpuint (count_sources (back), ==, count_sources (sample));
      else
        g_assert_cmpuint (count_sources (back), ==, 0);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The times of every event and leg, as instants and at their precision */
static char *
describe_times (DmDocument *doc,
                gboolean    with_legs)
{
  GListModel *events = dm_document_get_events (doc);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      const DmTime *times[] = { dm_event_get_start (event), dm_event_get_end (event) };
      GPtrArray *legs = dm_event_get_legs (event);

      for (guint t = 0; t < G_N_ELEMENTS (times); t++)
        g_string_append_printf (out, "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d; ", dm_event_get_title (event),
                                times[t]->earliest, times[t]->latest, times[t]->precision);
      for (guint l = 0; with_legs && legs != NULL && l < legs->len; l++)
        {
          DmLeg *leg = g_ptr_array_index (legs, l);
          g_string_append_printf (out, "leg %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d, %" G_GINT64_FORMAT
                                  " %" G_GINT64_FORMAT " %d; ", leg->depart.earliest, leg->depart.latest,
                                  leg->depart.precision, leg->arrive.earliest, leg->arrive.latest,
                                  leg->arrive.precision);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Years before 1000 and before the common era (issue 10): every writable format writes them,
 * and what it wrote reads back to the same times, twice over; none draws at 1970 */
static void
test_old_dates (void)
{
  g_autoptr(GFile) old = interop_file ("../old-dates.diplomap");
  g_autoptr(DmDocument) doc = interop_load (old);
  const DmFormat * const *writable = dm_format_list_writable ();
  g_autofree char *dir = g_dir_make_tmp ("diplomap-old-dates-XXXXXX", NULL);
  gint64 start, end;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 7);
  /* the document spans 500 BC to AD 677, not 1970 */
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  g_assert_cmpint (start, <=, dm_civil_days (-500, 1, 1) * 86400);
  g_assert_cmpint (end, >=, dm_civil_days (677, 5, 1) * 86400);
  g_assert_cmpint (end, <, dm_civil_days (678, 1, 1) * 86400);
  for (guint i = 0; writable[i] != NULL; i++)
    {
      const DmFormat *f = writable[i];
      gboolean legs = (f->keeps & DM_FORMAT_KEEPS_LEG_TIMES) != 0;
      g_autofree char *path = g_strdup_printf ("%s/old.%s", dir, f->extensions[0]);
      g_autofree char *again_path = g_strdup_printf ("%s/again.%s", dir, f->extensions[0]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) again_file = g_file_new_for_path (again_path);
      g_autoptr(DmDocument) back = dm_document_new ();
      g_autoptr(DmDocument) again = dm_document_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL, *first = NULL, *second = NULL, *text = NULL;

      g_test_message ("%s", f->name);
      g_assert_true (dm_saver_write (doc, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
      /* ISO 8601's expanded years, not GLib's "-43" nor 1970 */
      g_assert_nonnull (strstr (text, "-0043-03-15"));
      g_assert_null (strstr (text, "1970"));
      g_assert_true (dm_loader_load_file (back, file, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (back)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (back)), ==, 7);
      /* whatever was read, written out, reads again with the same events */
      g_assert_true (dm_saver_write (back, again_file, &error));
      g_assert_true (dm_loader_load_file (again, again_file, NULL, &error));
      g_assert_no_error (error);
      first = describe_times (back, legs);
      second = describe_times (again, legs);
      g_assert_cmpstr (second, ==, first);
      /* and the lossless format, or one that keeps leg times, the times of the original */
      expected = describe_times (doc, legs);
      if (f->keeps & DM_FORMAT_LOSSLESS)
        g_assert_cmpstr (first, ==, expected);
      g_unlink (path);
      g_unlink (again_path);
    }
  g_rmdir (dir);
}

/* Only the lossless writer keeps what this version does not know (a leg's "aircraft") */
static void
test_lossless (void)
{
  g_autoptr(GFile) unknown = interop_file ("../unknown-members.diplomap");
  g_autoptr(DmDocument) doc = interop_load (unknown);
  const DmFormat * const *writable = dm_format_list_writable ();

  for (guint i = 0; writable[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = writable[i]->write (doc);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);
      gboolean kept = g_strstr_len (data, length, "aircraft") != NULL;

      g_test_message ("%s", writable[i]->name);
      g_assert_cmpint (kept, ==, (writable[i]->keeps & DM_FORMAT_LOSSLESS) != 0);
    }
}

/* dm_saver_supports() and dm_saver_write() take exactly the extensions of the formats with
 * a writer; any other gets the error naming the extensions written */
static void
test_saver_agrees (void)
{
  const DmFormat * const *all = dm_format_list ();
  g_autoptr(DmDocument) sample = interop_load_sample ();
  g_autofree char *dir = g_dir_make_tmp ("diplomap-formats-XXXXXX", NULL);
  const char *others[] = { "xyz", "png", "txt", NULL };

  for (guint i = 0; all[i] != NULL; i++)
    for (guint j = 0; all[i]->extensions[j] != NULL; j++)
      {
        g_autofree char *path = g_strdup_printf ("%s/out.%s", dir, all[i]->extensions[j]);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;

        g_test_message ("%s", path);
        g_assert_cmpint (dm_saver_supports (file), ==, all[i]->write != NULL);
        g_assert_true (dm_saver_find_format (file, NULL) == (all[i]->write ? all[i] : NULL));
        if (all[i]->write != NULL)
          continue;
        g_assert_false (dm_saver_write (sample, file, &error));
        g_assert_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED);
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      }
  for (guint i = 0; others[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/out.%s", dir, others[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("Cannot write %s: name it .geojson, .kml, .csv or .diplomap",
                                                   path);

      g_assert_false (dm_saver_supports (file));
      g_assert_false (dm_saver_write (sample, file, &error));
      g_assert_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/formats/table/entries", test_table);
  g_test_add_func ("/formats/table/find-for-file-name", test_find_for_file_name);
  g_test_add_func ("/formats/table/writable", test_writable);
  g_test_add_func ("/formats/table/write-read-back", test_write_read_back);
  g_test_add_func ("/formats/table/lossless", test_lossless);
  g_test_add_func ("/formats/old-dates/round-trip", test_old_dates);
  g_test_add_func ("/formats/saver/agrees-with-table", test_saver_agrees);
  return g_test_run ();
}
