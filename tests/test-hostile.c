/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files from strangers: each crash, hang and blow-up once found, as a file made here, with
 * the message and the position it must give now (docs/SECURITY.md). */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dm-atomic-file.h"
#include "dm-error.h"
#include "dm-figure.h"
#include "dm-import-private.h"
#include "dm-loader.h"
#include "dm-saver.h"
#include "dm-time.h"
#include "interop-common.h"

static char *tmpdir;

static GFile *
write_file (const char *basename,
            const char *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (tmpdir, basename, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return g_file_new_for_path (path);
}

/* @file fails to load with a DM_ERROR @code whose text holds @needle, at @line:@column
 * (not checked when 0) */
static void
assert_load_fails (GFile      *file,
                   int         code,
                   const char *needle,
                   guint       line,
                   guint       column)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, code);
  text = dm_error_to_string (error);
  if (strstr (text, needle) == NULL)
    g_error ("expected “%s” in: %s", needle, text);
  if (line != 0)
    {
      g_assert_cmpuint (dm_error_get_line (error), ==, line);
      g_assert_cmpuint (dm_error_get_column (error), ==, column);
    }
}

/* Converts @doc into every writable format; each written file loads back */
static void
assert_converts (DmDocument *doc)
{
  static const char * const names[] = { "out.geojson", "out.kml", "out.csv", "out.diplomap" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);
      g_autoptr(GFile) out = g_file_new_for_path (path);
      g_autoptr(DmDocument) back = dm_document_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;

      g_assert_true (dm_saver_write (doc, out, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_null (strstr (contents, "(null)"));
      g_assert_true (dm_loader_load_file (back, out, NULL, &error));
      g_assert_no_error (error);
    }
}

/* --- nesting ----------------------------------------------------------------------- */

/* 100,000 brackets deep: refused at the first bracket past the limit, before json-glib
 * recurses (it overflowed the stack) */
static void
test_deep (const char *basename,
           const char *head,
           const char *open,
           const char *close,
           const char *tail,
           guint       open_before)
{
  g_autoptr(GString) text = g_string_new (head);
  g_autoptr(GFile) file = NULL;
  guint column;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, open);
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, close);
  g_string_append (text, tail);
  file = write_file (basename, text->str, text->len);
  /* the limit's first bracket too many: @open_before are open before the head ends */
  column = strlen (head) + (128 - open_before) * strlen (open) + 1;
  assert_load_fails (file, DM_ERROR_PARSE, "nest more than 128 deep", 1, column);
}

static void
test_deep_native (void)
{
  test_deep ("deep.diplomap", "{\"diplomap\": 1, \"events\": ", "[", "]", "}", 1);
}

static void
test_deep_native_notes (void)
{
  test_deep ("notes.diplomap",
             "{\"diplomap\": 1, \"events\": [{\"id\": \"a\", \"type\": \"visit\", \"notes\": ",
             "[", "]", "}]}", 3);
}

static void
test_deep_geojson (void)
{
  test_deep ("deep.geojson", "{\"type\": \"FeatureCollection\", \"features\": [", "{\"a\":", "}",
             "]}", 2);
}

static void
test_deep_geojson_coordinates (void)
{
  test_deep ("coords.geojson",
             "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": ",
             "[", "]", "}}", 2);
}

/* Brackets inside strings do not count, and a file nested as deep as allowed loads */
static void
test_deep_limit (void)
{
  g_autoptr(GString) text = g_string_new ("{\"diplomap\": 1, \"title\": \"[[[[{{{{\", \"x\": ");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;

  for (guint i = 0; i < 127; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 127; i++)
    g_string_append_c (text, ']');
  g_string_append (text, ", \"events\": []}");
  file = write_file ("limit.diplomap", text->str, text->len);
  doc = interop_load (file);
  g_assert_cmpstr (dm_document_get_title (doc), ==, "[[[[{{{{");
}

/* --- times that no writer could write ------------------------------------------------ */

static void
assert_time_refused (GFile      *file,
                     const char *time)
{
  g_autoptr(DmDocument) doc = interop_load (file);
  g_autofree char *message = g_strdup_printf ("“%s” falls outside the years -9999 to 9999 (10000 BC to AD 9999) in UTC", time);
  guint line, column;
  DmProblem *problem = interop_find_problem (doc, message);

  if (problem == NULL)
    g_error ("no problem “%s”", message);
  interop_position_of (file, time, &line, &column);
  g_assert_cmpuint (dm_problem_get_line (problem), ==, line);
  g_assert_cmpuint (dm_problem_get_column (problem), >=, column - 1);
  g_assert_cmpuint (dm_problem_get_column (problem), <=, column);
  assert_converts (doc);
}

static const char * const edge_times[] = {
  "9999-12-31T23:59:59-12:00", "9999-12-31T12:00:00-13:00", "-9999-01-01T00:00+14:00",
};

static void
test_time_native (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (edge_times); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"diplomap\": 1, \"actors\": [{\"id\": \"x\", \"name\": \"X\"}],\n"
                                               "\"events\": [{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\",\n"
                                               "  \"place\": \"Moscow\", \"start\": \"%s\"}]}\n", edge_times[i]);
      g_autoptr(GFile) file = write_file ("time.diplomap", text, -1);

      assert_time_refused (file, edge_times[i]);
    }
}

static void
test_time_csv (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (edge_times); i++)
    {
      g_autofree char *text = g_strdup_printf ("id,actor,place,start\na,X,Moscow,%s\n", edge_times[i]);
      g_autoptr(GFile) file = write_file ("time.csv", text, -1);

      assert_time_refused (file, edge_times[i]);
    }
}

static void
test_time_kml (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (edge_times); i++)
    {
      g_autofree char *text =
        g_strdup_printf ("<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n"
                         "<Placemark><name>A</name>\n<TimeStamp><when>%s</when></TimeStamp>\n"
                         "<Point><coordinates>37.6,55.7</coordinates></Point></Placemark>\n"
                         "</Document></kml>\n", edge_times[i]);
      g_autoptr(GFile) file = write_file ("time.kml", text, -1);
      g_autoptr(DmDocument) doc = interop_load (file);

      g_assert_nonnull (interop_find_problem (doc, "falls outside the years -9999 to 9999 (10000 BC to AD 9999) in UTC"));
      assert_converts (doc);
    }
}

/* Years before 1000 are written in four digits, so that they read back (GLib's %Y wrote
 * "1"; found by fuzz-time) */
static void
test_time_early_years (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *iso = NULL, *utc_iso = NULL;
  DmTime time;
  g_autoptr(GFile) file = write_file ("early.diplomap",
                                      "{\"diplomap\": 1, \"actors\": [{\"id\": \"x\", \"name\": \"X\"}],\n"
                                      "\"events\": [{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\",\n"
                                      "  \"place\": \"Moscow\", \"start\": \"0002\", \"end\": \"0800-12-25T10:00Z\"}]}\n",
                                      -1);
  g_autoptr(DmDocument) doc = interop_load (file);

  g_assert_true (dm_time_parse ("0001-01-01T00:00Z", utc, &time, NULL));
  iso = dm_time_to_iso (&time, utc);
  g_assert_cmpstr (iso, ==, "0001-01-01T00:00Z");
  utc_iso = dm_time_format_utc_iso (time.earliest);
  g_assert_cmpstr (utc_iso, ==, "0001-01-01T00:00:00Z");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  assert_converts (doc);
}

/* fuzz-time, with its check that what is written reads back to the same start and end: in
 * São Paulo, which kept local mean time (-3:06:28) until 1914, "1913-10" is read in its first
 * standard offset (-03:00) but was written in local mean time, its year guessed as 1914 from
 * the seconds: "1913-09" */
static void
test_time_standard_year (void)
{
  const char * const cases[] = {
    "1913-10", "1913-12", "1913-12-31", "1913", "1914-01-01", "1913-12-31/1914-01-01",
    "1913-06-01T12:00/1914-01", "1913-06-01T00:00-03:00/1913-12",
  };
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Sao_Paulo");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;
      DmTime time, back;

      g_assert_true (dm_time_parse (cases[i], zone, &time, NULL));
      iso = dm_time_to_iso (&time, zone);
      g_test_message ("%s written %s", cases[i], iso);
      g_assert_true (dm_time_parse (iso, zone, &back, NULL));
      g_assert_cmpint (back.earliest, ==, time.earliest);
      g_assert_cmpint (back.latest, ==, time.latest);
      g_assert_cmpint (back.precision, ==, time.precision);
    }
}

/* fuzz-time: a period ending on the last day of 9999 was written with the end
 * "9999-12-31", which did not read back (its day ends in the year 10000); nor did
 * "9999-12-31", "9999-12" or "9999" on their own */
static void
test_time_last_day (void)
{
  const char * const cases[] = {
    "1822/9999-12-31T23:59-00", "9999-12-31", "9999-12", "9999", "9999-12-31~",
    "2020-01-01/9999-12-31", "0001-01-01", "0001",
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) west = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) east = g_time_zone_new_identifier ("Pacific/Kiritimati");
  GTimeZone *zones[] = { utc, west, east };
  g_autoptr(GFile) file = write_file ("last-day.diplomap",
                                      "{\"diplomap\": 1, \"actors\": [{\"id\": \"x\", \"name\": \"X\"}],\n"
                                      "\"events\": [{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\",\n"
                                      "  \"place\": \"Moscow\", \"start\": \"1822/9999-12-31T23:59-00\"},\n"
                                      " {\"id\": \"b\", \"type\": \"visit\", \"actor\": \"x\",\n"
                                      "  \"place\": \"Moscow\", \"start\": \"9999-12-31\"}]}\n",
                                      -1);
  g_autoptr(DmDocument) doc = interop_load (file);
  DmTime time, back;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
      {
        g_autofree char *iso = NULL, *first = NULL, *last = NULL;
        g_autoptr(GError) error = NULL;

        g_test_message ("%s", cases[i]);
        g_assert_true (dm_time_parse (cases[i], zones[z], &time, &error));
        g_assert_no_error (error);
        iso = dm_time_to_iso (&time, zones[z]);
        first = dm_time_format_utc_iso (time.earliest);
        last = dm_time_format_utc_iso (time.latest);
        g_assert_nonnull (iso);
        g_assert_nonnull (first);
        g_assert_nonnull (last);
        g_assert_true (dm_time_parse (iso, zones[z], &back, &error));
        g_assert_no_error (error);
        g_assert_cmpint (back.earliest, ==, time.earliest);
      }
  /* the day is held to the last second of 9999 in UTC */
  g_assert_true (dm_time_parse ("9999-12-31", utc, &time, NULL));
  g_assert_cmpint (time.latest - time.earliest, ==, 86399);
  /* an exact time past it is still a problem */
  g_assert_false (dm_time_parse ("9999-12-31T23:59:59-12:00", utc, &time, NULL));
  g_assert_false (dm_time_parse ("10000", utc, &time, NULL));

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  assert_converts (doc);
}

/* UBSan: a number of ten digits in a prose date ("9999999999 October 2025") overflowed an
 * int while it was read; it is no day nor year */
static void
test_time_prose_long_number (void)
{
  const char * const cases[] = {
    "9999999999 October 2025", "26 October 99999999999999999999", "2147483648-28 October 2025",
  };
  DmTime start, end;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_false (dm_import_parse_prose_dates (cases[i], NULL, &start, &end));
  g_assert_true (dm_import_parse_prose_dates ("26 October 2025", NULL, &start, &end));
}

/* UBSan: the piecewise .diplomap reader overflowed a 64-bit integer while reading a number
 * of 19 digits or more (integer or not), before handing it to json-glib */
static void
test_native_long_numbers (void)
{
  g_autoptr(GFile) file = write_file ("long-numbers.diplomap",
                                      "{\"diplomap\": 1, \"actors\": [{\"id\": \"x\", \"name\": \"X\"}],\n"
                                      "\"events\": [{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\",\n"
                                      "  \"place\": \"Moscow\", \"start\": \"2020-01-01\",\n"
                                      "  \"n\": 99999999999999999999999, \"m\": -12345678901234567890.5,\n"
                                      "  \"k\": 123456789012345678}]}\n",
                                      -1);
  g_autoptr(DmDocument) doc = interop_load (file);
  g_autoptr(DmEvent) event = NULL;
  JsonObject *extra;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  event = g_list_model_get_item (dm_document_get_events (doc), 0);
  extra = dm_event_get_extra (event);
  g_assert_nonnull (extra);
  g_assert_cmpint (json_object_get_int_member (extra, "k"), ==, G_GINT64_CONSTANT (123456789012345678));
  g_assert_cmpfloat (json_object_get_double_member (extra, "m"), ==, -12345678901234567890.5);
  g_assert_true (json_object_has_member (extra, "n"));
}

/* fuzz-native: a title that is an object or a list was a critical warning in json-glib
 * (json_object_get_string_member_with_default() on a node that holds no value) */
static void
test_native_title_not_string (void)
{
  const char * const titles[] = { "{\"a\": 1}", "[1, 2]", "5" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"diplomap\": 1,\n \"title\": %s, \"actors\": [], \"events\": []}\n",
                                               titles[i]);
      g_autoptr(GFile) file = write_file ("title.diplomap", text, -1);
      g_autoptr(DmDocument) doc = interop_load (file);
      DmProblem *problem = interop_find_problem (doc, "“title” should be a string");

      g_assert_nonnull (problem);
      g_assert_cmpuint (dm_problem_get_line (problem), ==, 2);
      g_assert_cmpuint (dm_problem_get_column (problem), ==, 11);
      assert_converts (doc);
    }
}

/* --- the U.S. record ------------------------------------------------------------------ */

static const char trip_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<trips>\n"
  "  <trip role=\"secretary\" who=\"roe-jane\">\n"
  "    <id>%s1</id>\n    <name>Jane Roe</name>\n"
  "    <start-date>2021-06-10</start-date>\n    <end-date>2021-06-10</end-date>\n"
  "    <country id=\"korea-south\">Korea, South</country>\n    <locale>Seoul</locale>\n"
  "  </trip>\n</trips>\n";

static GFile *
make_folder (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return g_file_new_for_path (path);
}

static void
put (GFile      *folder,
     const char *basename,
     const char *id)
{
  g_autofree char *text = g_strdup_printf (trip_xml, id);
  g_autoptr(GFile) file = g_file_get_child (folder, basename);
  g_autofree char *path = g_file_get_path (file);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* The visits of @doc (a U.S. record also has the journeys that join them) */
static guint
count_visits (DmDocument *doc)
{
  GListModel *events = dm_document_get_events (doc);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);

      n += dm_event_get_kind (event) == DM_EVENT_KIND_VISIT;
    }
  return n;
}

/* The same traveller in two files: each visit has its source (it was NULL) */
static void
test_ustravel_two_files (void)
{
  g_autoptr(GFile) folder = make_folder ("two");
  g_autoptr(DmDocument) doc = NULL;
  GListModel *events;

  put (folder, "a.xml", "1");
  put (folder, "b.xml", "2");
  doc = interop_load (folder);
  g_assert_cmpuint (count_visits (doc), ==, 2);
  events = dm_document_get_events (doc);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *sources = dm_event_get_sources (event);

      if (dm_event_get_kind (event) != DM_EVENT_KIND_VISIT)
        continue;
      g_assert_cmpuint (sources->len, ==, 1);
      g_assert_nonnull (g_ptr_array_index (sources, 0));
    }
  assert_converts (doc);
}

/* A link to the folder itself: every file is read once */
static void
test_ustravel_symlink_loop (void)
{
  g_autoptr(GFile) folder = make_folder ("loop");
  g_autoptr(GFile) sub = make_folder ("loop/sub");
  g_autofree char *self_link = g_build_filename (tmpdir, "loop", "self", NULL);
  g_autofree char *up_link = g_build_filename (tmpdir, "loop", "sub", "up", NULL);
  g_autofree char *dead = g_build_filename (tmpdir, "loop", "dead", NULL);
  g_autoptr(DmDocument) doc = NULL;

  put (folder, "a.xml", "1");
  put (sub, "b.xml", "2");
  g_assert_cmpint (symlink (".", self_link), ==, 0);
  g_assert_cmpint (symlink ("..", up_link), ==, 0);
  g_assert_cmpint (symlink ("dead", dead), ==, 0);   /* a link to itself */
  doc = interop_load (folder);
  g_assert_cmpuint (count_visits (doc), ==, 2);
  assert_converts (doc);
}

/* A trip without <country> is a visit to no place: reported, and written without a
 * geometry (the GeoJSON writer read its NULL place) */
static void
test_ustravel_no_country (void)
{
  g_autofree char *text = g_strdup_printf (trip_xml, "1");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  char *country = strstr (text, "    <country");

  memmove (country, strstr (country, "\n") + 1, strlen (strstr (country, "\n") + 1) + 1);
  file = write_file ("no-country.xml", text, -1);
  doc = interop_load (file);
  g_assert_nonnull (interop_find_problem_at (doc, "Unknown country", interop_line_of (file, "<trip ")));
  g_assert_cmpuint (count_visits (doc), ==, 1);
  assert_converts (doc);
}

/* A child given twice: the last one counts (the first one's text leaked) */
static void
test_ustravel_repeated_child (void)
{
  g_autofree char *text = g_strdup_printf (trip_xml, "1");
  g_autofree char *twice = NULL;
  g_auto(GStrv) halves = g_strsplit (text, "    <name>", 2);
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;

  twice = g_strconcat (halves[0], "    <id>77</id>\n    <locale>Busan</locale>\n    <name>",
                       halves[1], NULL);
  file = write_file ("twice.xml", twice, -1);
  doc = interop_load (file);
  g_assert_nonnull (interop_find_event (doc, "trip-77"));
  g_assert_null (interop_find_event (doc, "trip-11"));
}

/* --- numbers ---------------------------------------------------------------------------- */

/* NaN coordinates (cast to int when looking for the nearest place: undefined) */
static void
test_nan_coordinates (void)
{
  g_autoptr(GFile) file = write_file ("nan.geojson",
                                      "{\"type\": \"Feature\", \"properties\": {\"name\": \"x\"},\n"
                                      " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1e400, -1e400]}}\n",
                                      -1);
  g_autoptr(DmDocument) doc = dm_document_new ();

  /* json-glib reads 1e400 as infinity: whatever the reader makes of it, nothing crashes */
  dm_loader_load_file (doc, file, NULL, NULL);
}

/* Bytes that are not UTF-8 in a CSV file: a problem where they start, and the rest loads */
static void
test_csv_not_utf8 (void)
{
  g_autoptr(GFile) file = write_file ("latin1.csv", "actor,place,start\nX,Mos\xff\xfe,2025-01-01\n"
                                                   "Y,Moscow,2025-01-02\n", -1);
  g_autoptr(DmDocument) doc = interop_load (file);
  DmProblem *problem = interop_find_problem (doc, "The text is not UTF-8 here (a byte FF)");

  g_assert_nonnull (problem);
  g_assert_cmpuint (dm_problem_get_line (problem), ==, 2);
  g_assert_cmpuint (dm_problem_get_column (problem), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  /* no message quotes an invalid byte */
  for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_problems (doc)); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (dm_document_get_problems (doc), i);
      g_assert_true (g_utf8_validate (dm_problem_get_message (p), -1, NULL));
    }
}

/* ... and in an .ics file: its conversions are UTF-8 and read back */
static void
test_ical_not_utf8 (void)
{
  g_autoptr(GFile) file = write_file ("latin1.ics",
                                      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\n"
                                      "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:R\xe9union\r\n"
                                      "DTSTART:20250101\r\nGEO:55.75;37.62\r\nEND:VEVENT\r\n"
                                      "END:VCALENDAR\r\n", -1);
  g_autoptr(DmDocument) doc = interop_load (file);
  DmProblem *problem = interop_find_problem (doc, "The text is not UTF-8 here (a byte E9)");
  g_autofree char *path = g_build_filename (tmpdir, "out.geojson", NULL);
  g_autofree char *contents = NULL;

  g_assert_nonnull (problem);
  g_assert_cmpuint (dm_problem_get_line (problem), ==, 6);
  g_assert_cmpuint (dm_problem_get_column (problem), ==, 10);
  g_assert_nonnull (interop_find_event (doc, "R\uFFFDunion"));
  assert_converts (doc);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  g_assert_nonnull (strstr (contents, "R\uFFFDunion"));
}

/* ... and in a .diplomap file (json-glib gives no position) */
static void
test_native_not_utf8 (void)
{
  g_autoptr(GFile) file = write_file ("latin1.diplomap", "{\"diplomap\": 1,\n\"title\": \"a\xff" "b\", \"events\": []}", -1);

  assert_load_fails (file, DM_ERROR_PARSE, "the text is not UTF-8 here (a byte FF)", 2, 12);
}

/* One byte order mark is skipped; a second one (a file converted twice) is refused */
static void
test_double_bom (void)
{
  g_autoptr(GFile) once = write_file ("bom.csv", "\xEF\xBB\xBF" "actor,place,start\nX,Moscow,2025-01-01\n", -1);
  g_autoptr(GFile) twice = write_file ("bom2.csv", "\xEF\xBB\xBF\xEF\xBB\xBF" "actor,place,start\n"
                                                 "X,Moscow,2025-01-01\n", -1);
  g_autoptr(DmDocument) doc = interop_load (once);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  assert_load_fails (twice, DM_ERROR_PARSE, "bom2.csv:1:1: The text starts with two byte order marks", 1, 1);
}

/* Coordinates are decimal numbers: no hexadecimal, NaN or infinity, and nothing wraps */
static void
test_csv_numbers (void)
{
  g_autoptr(GFile) file = write_file ("numbers.csv", "actor,latitude,longitude,start\n"
                                                    "A,18446744073709551657,10,2025-01-01\n"
                                                    "B,0x10,10,2025-01-01\n"
                                                    "C,nan,nan,2025-01-01\n"
                                                    "D,inf,10,2025-01-01\n"
                                                    "E,1e308,10,2025-01-01\n"
                                                    "F,55.75,37.62,2025-01-01\n", -1);
  g_autoptr(DmDocument) doc = interop_load (file);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  g_assert_nonnull (interop_find_problem_at (doc, "Coordinates 1.84467e+19, 10 are outside the world", 2));
  for (guint line = 3; line <= 5; line++)
    g_assert_nonnull (interop_find_problem_at (doc, "neither", line));
  g_assert_nonnull (interop_find_problem_at (doc, "Coordinates 1e+308, 10 are outside the world", 6));
}

/* A 10 MB value is not quoted whole: the message keeps its start and its reason */
static void
test_long_value (void)
{
  g_autoptr(GString) text = g_string_new ("actor,place,start\nX,Moscow,");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  DmProblem *problem;

  for (guint i = 0; i < 10 * 1000 * 1000; i++)
    g_string_append_c (text, '9');
  g_string_append_c (text, '\n');
  file = write_file ("long.csv", text->str, text->len);
  doc = interop_load (file);
  problem = interop_find_problem_at (doc, "is not a time", 2);
  g_assert_nonnull (problem);
  g_assert_cmpuint (g_utf8_strlen (dm_problem_get_message (problem), -1), <=, 500);
  g_assert_nonnull (strstr (dm_problem_get_message (problem), "…"));
  g_assert_true (g_str_has_prefix (dm_problem_get_message (problem), "999"));
  g_assert_true (g_str_has_suffix (dm_problem_get_message (problem), "falls outside the years 1 to 9999"));
}

/* A version too large for 64 bits wrapped to a negative number, read silently */
static void
test_native_huge_version (void)
{
  g_autoptr(GFile) file = write_file ("version.diplomap",
                                      "{\"events\": [],\n \"diplomap\": 99999999999999999999999}\n", -1);
  g_autoptr(DmDocument) doc = interop_load (file);
  DmProblem *problem = interop_find_problem (doc, "“diplomap” should be the format version");

  g_assert_nonnull (problem);
  g_assert_cmpuint (dm_problem_get_line (problem), ==, 2);
  g_assert_cmpuint (dm_problem_get_column (problem), ==, 14);
}

/* GEO is read as written: libical read "10;1e308" as 1, 10; NaN and words are no number */
static void
test_ical_geo (void)
{
  g_autoptr(GFile) file = write_file ("geo.ics",
                                      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\n"
                                      "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:A\r\nDTSTART:20250101\r\n"
                                      "GEO:10;1e308\r\nEND:VEVENT\r\n"
                                      "BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:B\r\nDTSTART:20250101\r\n"
                                      "GEO:nan;10\r\nEND:VEVENT\r\n"
                                      "BEGIN:VEVENT\r\nUID:c\r\nSUMMARY:C\r\nDTSTART:20250101\r\n"
                                      "GEO:0x10;10\r\nEND:VEVENT\r\n"
                                      "BEGIN:VEVENT\r\nUID:d\r\nSUMMARY:D\r\nDTSTART:20250101\r\n"
                                      "GEO:55.75;37.62\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", -1);
  g_autoptr(DmDocument) doc = interop_load (file);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  g_assert_nonnull (interop_find_problem_at (doc, "GEO is outside the world", 8));
  g_assert_nonnull (interop_find_problem_at (doc, "GEO is not two decimal numbers", 14));
  g_assert_nonnull (interop_find_problem_at (doc, "GEO is not two decimal numbers", 20));
}

/* libical reads "BEGIN\r\r:VEVENT" as the start of an event, the scan for positions did
 * not: the event had no line, read past the end of the lines found (fuzz-ical, after
 * 24 minutes). The scan drops carriage returns as libical does, and an event it still
 * does not see would be at line 1. */
static void
test_ical_hidden_begin (void)
{
  g_autoptr(GFile) file = write_file ("hidden-begin.ics",
                                      "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n"
                                      "BEGIN\r\r:VEVENT\nUID:a\nLOCATION:Hanoi\nDTSTART:20251105\nEND:VEVENT\n"
                                      "BEGIN\r:VEVENT\nUID:b\nLOCATION:Nowhere at all\nDTSTART:20251106\nEND:VEVENT\n"
                                      "END:VCALENDAR\n", -1);
  g_autoptr(DmDocument) doc = interop_load (file);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  g_assert_nonnull (interop_find_event (doc, "a"));
  g_assert_nonnull (interop_find_problem_at (doc, "Unknown place “Nowhere at all”", 11));
  assert_converts (doc);
}

/* --- XML entities ----------------------------------------------------------------------- */

static void
test_kml_entities (void)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE kml [<!ENTITY a \"");
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\">]>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n"
                         "<Placemark>\n<name>");
  for (guint i = 0; i < 50000; i++)
    g_string_append (text, "&a;");
  g_string_append (text, "</name><Point><coordinates>1,2</coordinates></Point></Placemark>\n"
                         "</Document></kml>\n");
  file = write_file ("entities.kml", text->str, text->len);
  /* 21 references of 50,000 bytes are past 1 MB: refused at the first reference */
  assert_load_fails (file, DM_ERROR_PARSE, "expand to more than 1.0\u00a0MB of text", 5, 7);
}

/* GPX goes through the same XML reader: the same bomb is refused where it starts */
static void
test_gpx_entities (void)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [<!ENTITY a \"");
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\">]>\n<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
                         "<wpt lat=\"55.75\" lon=\"37.6\">\n<name>");
  for (guint i = 0; i < 50000; i++)
    g_string_append (text, "&a;");
  g_string_append (text, "</name></wpt>\n</gpx>\n");
  file = write_file ("entities.gpx", text->str, text->len);
  assert_load_fails (file, DM_ERROR_PARSE, "expand to more than 1.0\u00a0MB of text", 5, 7);
}

/* A few small entities are fine (and external ones are never fetched) */
static void
test_kml_small_entity (void)
{
  g_autoptr(GFile) file = write_file ("entity.kml",
                                      "<?xml version=\"1.0\"?>\n<!DOCTYPE kml [<!ENTITY c \"Moscow\">\n"
                                      "<!ENTITY ext SYSTEM \"http://127.0.0.1:9/x\">]>\n"
                                      "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n"
                                      "<Placemark><name>&c;</name><description>&ext;</description>\n"
                                      "<TimeStamp><when>2025-10-01</when></TimeStamp>\n"
                                      "<Point><coordinates>37.6,55.75</coordinates></Point></Placemark>\n"
                                      "</Document></kml>\n", -1);
  g_autoptr(DmDocument) doc = interop_load (file);

  g_assert_nonnull (interop_find_event (doc, "Moscow"));
}

/* --- KMZ (zip) limits ----------------------------------------------------------------------- */

/* Writes @basename, a zip of @n_entries entries named @names (or, when there are more
 * entries than names, the first name followed by the entry's number), each holding @size
 * bytes of @fill */
static GFile *
write_zip (const char          *basename,
           const char * const  *names,
           guint                n_entries,
           gsize                size,
           char                 fill)
{
  struct archive *a = archive_write_new ();
  g_autofree char *path = g_build_filename (tmpdir, basename, NULL);
  g_autofree char *data = g_malloc (MAX (size, 1));
  guint n_names = g_strv_length ((char **) names);

  memset (data, fill, size);
  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      g_autofree char *name = n_entries <= n_names ? g_strdup (names[i])
                                                    : g_strdup_printf ("%s%u", names[0], i);

      archive_entry_set_pathname (entry, name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, size);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, data, size), ==, (la_ssize_t) size);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_free (a), ==, ARCHIVE_OK);
  return g_file_new_for_path (path);
}

static void
test_kmz_paths (void)
{
  static const char * const dotdot[] = { "doc.kml", "../../etc/x1.kml", NULL };
  static const char * const absolute[] = { "/tmp/x0.png", NULL };
  g_autoptr(GFile) up = write_zip ("dotdot.kmz", dotdot, 2, 10, ' ');
  g_autoptr(GFile) root = write_zip ("absolute.kmz", absolute, 1, 10, ' ');

  assert_load_fails (up, DM_ERROR_PARSE, "dotdot.kmz: this KMZ holds “../../etc/x1.kml”, a path "
                                         "outside the archive", 0, 0);
  assert_load_fails (root, DM_ERROR_PARSE, "absolute.kmz: this KMZ holds “/tmp/x0.png”", 0, 0);
}

static void
test_kmz_many_entries (void)
{
  static const char * const names[] = { "files/", NULL };
  g_autoptr(GFile) file = write_zip ("many.kmz", names, 10001, 0, ' ');

  assert_load_fails (file, DM_ERROR_UNSUPPORTED,
                     "many.kmz: this KMZ holds more than 10000 files", 0, 0);
}

/* 20 MB of spaces pack into some 20 kB: a zip bomb, refused before it is read whole */
static void
test_kmz_ratio (void)
{
  static const char * const names[] = { "doc.kml", NULL };
  g_autoptr(GFile) file = write_zip ("bomb.kmz", names, 1, 20 * 1000 * 1000, ' ');

  assert_load_fails (file, DM_ERROR_UNSUPPORTED, "bomb.kmz: “doc.kml” inside expands to at least", 0, 0);
  assert_load_fails (file, DM_ERROR_UNSUPPORTED, "more than a hundred times its size", 0, 0);
}

static void
put16 (GByteArray *out,
       guint       v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     v)
{
  put16 (out, v & 0xffff);
  put16 (out, v >> 16);
}

/* The sizes, crc and name of a zip entry (deflated), as its local header and its central
 * directory entry both give them */
static void
put_entry_fields (GByteArray *out,
                  guint32     packed,
                  guint32     size,
                  const char *name)
{
  put16 (out, 8);             /* deflated */
  put16 (out, 0);             /* time */
  put16 (out, 0x21);          /* 1980-01-01 */
  put32 (out, 0);             /* crc: never reached */
  put32 (out, packed);
  put32 (out, size);
  put16 (out, strlen (name));
  put16 (out, 0);             /* extra */
}

/* A KMZ of 130 bytes whose doc.kml says it is 300 MB uncompressed: refused on the size
 * the zip declares, with both sizes, before a byte is inflated */
static void
test_kmz_declared_size (void)
{
  static const guint8 deflated[] = { 0x01, 0x06, 0x00, 0xf9, 0xff, '<', 'k', 'm', 'l', '/', '>' };
  const char *name = "doc.kml";
  g_autoptr(GByteArray) zip = g_byte_array_new ();
  g_autoptr(GFile) file = NULL;
  guint central;

  put32 (zip, 0x04034b50);
  put16 (zip, 20);
  put16 (zip, 0);
  put_entry_fields (zip, sizeof deflated, 300 * 1000 * 1000, name);
  g_byte_array_append (zip, (const guint8 *) name, strlen (name));
  g_byte_array_append (zip, deflated, sizeof deflated);
  central = zip->len;
  put32 (zip, 0x02014b50);
  put16 (zip, 20);
  put16 (zip, 20);
  put16 (zip, 0);
  put_entry_fields (zip, sizeof deflated, 300 * 1000 * 1000, name);
  put16 (zip, 0);             /* comment */
  put16 (zip, 0);             /* disk */
  put16 (zip, 0);             /* internal attributes */
  put32 (zip, 0);             /* external attributes */
  put32 (zip, 0);             /* where the local header is */
  g_byte_array_append (zip, (const guint8 *) name, strlen (name));
  put32 (zip, 0x06054b50);
  put16 (zip, 0);
  put16 (zip, 0);
  put16 (zip, 1);
  put16 (zip, 1);
  put32 (zip, zip->len - central - 12);
  put32 (zip, central);
  put16 (zip, 0);
  g_assert_cmpuint (zip->len, <, 200);
  file = write_file ("declared.kmz", (const char *) zip->data, zip->len);
  assert_load_fails (file, DM_ERROR_UNSUPPORTED,
                     "declared.kmz: “doc.kml” inside is 300.0\u00a0MB uncompressed, "
                     "and Diplomap reads files of up to 256.0\u00a0MB",
                     0, 0);
}

/* --- ids used twice ---------------------------------------------------------------------- */

/* @basename (@text) loads with one problem about the id "x" at @line, and its conversion to
 * every writable format reads back without a problem, with as many events */
static void
assert_ids_made_unique (const char *basename,
                        const char *text,
                        guint       line)
{
  static const char * const names[] = { "ids.geojson", "ids.kml", "ids.csv", "ids.diplomap" };
  g_autoptr(GFile) file = write_file (basename, text, -1);
  g_autoptr(DmDocument) doc = interop_load (file);
  GListModel *problems = dm_document_get_problems (doc);
  guint n = g_list_model_get_n_items (dm_document_get_events (doc));
  g_autoptr(DmProblem) problem = NULL;

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 1);
  problem = g_list_model_get_item (problems, 0);
  g_assert_cmpstr (dm_problem_get_message (problem), ==,
                   "An earlier event has the id “x”: this one is now “x-2”, and any other id used "
                   "twice in this file is made unique the same way");
  g_assert_cmpuint (dm_problem_get_line (problem), ==, line);
  g_assert_nonnull (interop_find_event (doc, "x-3"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);
      g_autoptr(GFile) out = g_file_new_for_path (path);
      g_autoptr(DmDocument) back = dm_document_new ();
      g_autoptr(GError) error = NULL;

      g_assert_true (dm_saver_write (doc, out, &error));
      g_assert_no_error (error);
      g_assert_true (dm_loader_load_file (back, out, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (back)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (back)), ==, n);
    }
}

static void
test_ids_geojson (void)
{
  assert_ids_made_unique ("ids.json",
                          "{\"type\": \"FeatureCollection\", \"features\": [\n"
                          "{\"type\": \"Feature\", \"id\": \"x\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]}, \"properties\": {\"actor\": \"A\", \"date\": \"2020-01-01\"}},\n"
                          "{\"type\": \"Feature\", \"id\": \"x\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [13.4, 52.5]}, \"properties\": {\"actor\": \"A\", \"date\": \"2020-01-05\"}},\n"
                          "{\"type\": \"Feature\", \"id\": \"x\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [13.4, 52.5]}, \"properties\": {\"actor\": \"A\", \"date\": \"2020-01-09\"}}\n"
                          "]}\n", 3);
}

static void
test_ids_csv (void)
{
  assert_ids_made_unique ("ids-in.csv",
                          "id,actor,place,date\nx,A,Paris,2020-01-01\nx,A,Berlin,2020-01-05\nx,A,Rome,2020-01-09\n", 3);
}

static void
test_ids_ical (void)
{
  assert_ids_made_unique ("ids.ics",
                          "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                          "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20200101\r\nSUMMARY:A\r\nLOCATION:Paris\r\nEND:VEVENT\r\n"
                          "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20200105\r\nSUMMARY:B\r\nLOCATION:Berlin\r\nEND:VEVENT\r\n"
                          "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20200109\r\nSUMMARY:C\r\nLOCATION:Rome\r\nEND:VEVENT\r\n"
                          "END:VCALENDAR\r\n", 9);
}

/* Files of a folder that declare the same actor the same way share it without a problem;
 * one declaring it otherwise is a problem */
static void
test_folder_shared_actors (void)
{
#define SHARED_ACTOR_FILE "{\"diplomap\": 1, \"actors\": [{\"id\": \"a\", \"name\": \"%s\"}],\n" \
                          "\"events\": [{\"id\": \"%s\", \"type\": \"visit\", \"actor\": \"a\", " \
                          "\"place\": \"Paris\", \"start\": \"2020-01-0%u\"}]}\n"
  g_autoptr(GFile) folder = make_folder ("shared");
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(DmDocument) other = NULL;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%u.diplomap", i);
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *contents = g_strdup_printf (SHARED_ACTOR_FILE, "Anna", id, i);
      g_autoptr(GFile) file = g_file_get_child (folder, name);
      g_autofree char *path = g_file_get_path (file);

      g_assert_true (g_file_set_contents (path, contents, -1, NULL));
    }
  doc = interop_load (folder);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (doc)), ==, 1);

  {
    g_autofree char *contents = g_strdup_printf (SHARED_ACTOR_FILE, "Boris", "e4", 4);
    g_autoptr(GFile) file = g_file_get_child (folder, "f4.diplomap");
    g_autofree char *path = g_file_get_path (file);

    g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  }
  other = interop_load (folder);
  g_assert_nonnull (interop_find_problem (other, "Actor “a” is declared twice"));
}

/* --- what is not a file, or too big ----------------------------------------------------- */

static void
test_fifo (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "fifo.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  /* no writer: opening it blocked forever */
  assert_load_fails (file, DM_ERROR_UNSUPPORTED, "a pipe, a device or a socket", 0, 0);
}

static void
test_dev_zero (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) random = g_file_new_for_path ("/dev/urandom");

  assert_load_fails (file, DM_ERROR_UNSUPPORTED, "/dev/zero is not a file Diplomap can read", 0, 0);
  assert_load_fails (random, DM_ERROR_UNSUPPORTED, "/dev/urandom is not a file Diplomap can read", 0, 0);
}

static void
test_too_large (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "huge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FILE *f = fopen (path, "w");

  /* sparse: 300 MB that take no room */
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), 300 * 1000 * 1000), ==, 0);
  fclose (f);
  assert_load_fails (file, DM_ERROR_UNSUPPORTED,
                     "is too large to read: 300.0\u00a0MB (300000000 bytes), and Diplomap reads files of up to 256.0\u00a0MB",
                     0, 0);
}

static void
test_not_found (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "nothing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  assert_load_fails (file, DM_ERROR_NOT_FOUND, "nothing.csv does not exist", 0, 0);
}

static void
test_unreadable (void)
{
  g_autoptr(GFile) file = write_file ("secret.csv", "from,to\nA,B\n", -1);
  g_autofree char *path = g_file_get_path (file);

  if (geteuid () == 0)
    {
      g_test_skip ("root reads every file");
      return;
    }
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  assert_load_fails (file, DM_ERROR_FAILED, "secret.csv: Permission denied", 0, 0);
}

/* --- nothing lost ---------------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in @folder, sorted, joined by spaces */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A write past the file size limit (ulimit -f; a full disk fails the same way) fails
 * with the system's reason, leaves the old file byte-identical and no temporary file */
static void
test_write_size_limit (void)
{
  g_autoptr(GFile) folder = make_folder ("limit");
  g_autoptr(GFile) file = g_file_get_child (folder, "old.csv");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autofree char *big = g_malloc0 (100000);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(GFile) png = g_file_get_child (folder, "old.png");
  g_autofree char *png_path = g_file_get_path (png);
  struct rlimit old_limit, limit;
  gboolean ok, figure_ok;
  GError *figure_error = NULL;

  g_assert_true (g_file_set_contents (path, "OLD", -1, NULL));
  g_assert_true (g_file_set_contents (png_path, "OLD PNG", -1, NULL));
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 1000;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = dm_saver_write_atomically (file, big, 100000, NULL, &error);
  figure_ok = dm_figure_write_file (figure, png, DM_FIGURE_FORMAT_PNG, &figure_error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);

  g_assert_false (ok);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, g_strerror (EFBIG));
  g_assert_false (figure_ok);
  g_assert_nonnull (strstr (figure_error->message, g_strerror (EFBIG)));
  g_clear_error (&figure_error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "OLD");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (png_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "OLD PNG");
  names = list_folder (folder_path);
  g_assert_cmpstr (names, ==, "old.csv old.png");
}

/* An export killed with SIGKILL while it writes leaves the old file as it was and nothing
 * beside it: the file being written has no name yet (O_TMPFILE) */
static void
test_write_killed (void)
{
  g_autoptr(GFile) folder = make_folder ("killed");
  g_autoptr(GFile) file = g_file_get_child (folder, "old.csv");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  int ready[2], status;
  char c;
  pid_t pid;

  g_assert_true (g_file_set_contents (path, "OLD", -1, NULL));
  g_assert_cmpint (pipe (ready), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      DmAtomicFile *out = dm_atomic_file_open (file, NULL);
      static char half[65536];

      if (out == NULL || !dm_atomic_file_write (out, half, sizeof half, NULL) ||
          write (ready[1], "w", 1) != 1)
        _exit (1);
      for (;;)
        pause ();
    }
  close (ready[1]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  close (ready[0]);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "OLD");
  names = list_folder (folder_path);
  g_assert_cmpstr (names, ==, "old.csv");
}

/* Where a named temporary file is left (a system without O_TMPFILE, or a kill between its
 * naming and its renaming), the next write beside it removes it once it is an hour old;
 * a younger one (another process may be writing it) and other files stay */
static void
test_write_sweeps_stale (void)
{
  static const char * const left[] = { ".old.csv.0123abcd~", ".old.csv.89abcdef~", ".other.csv.0123abcd~", ".old.csv.note~" };
  g_autoptr(GFile) folder = make_folder ("stale");
  g_autoptr(GFile) file = g_file_get_child (folder, "old.csv");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (left); i++)
    {
      g_autofree char *p = g_build_filename (folder_path, left[i], NULL);
      struct timeval old[2] = { { time (NULL) - 2 * 3600, 0 }, { time (NULL) - 2 * 3600, 0 } };

      g_assert_true (g_file_set_contents (p, "LEFT", -1, NULL));
      /* all but the second are two hours old */
      if (i != 1)
        g_assert_cmpint (utimes (p, old), ==, 0);
    }
  g_assert_true (dm_saver_write_atomically (file, "NEW", 3, NULL, &error));
  g_assert_no_error (error);
  names = list_folder (folder_path);
  g_assert_cmpstr (names, ==, ".old.csv.89abcdef~ .old.csv.note~ .other.csv.0123abcd~ old.csv");
}

/* Through a symbolic link: the link stays, the file it leads to is replaced with its mode */
static void
test_write_keeps_link_and_mode (void)
{
  g_autoptr(GFile) folder = make_folder ("link");
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  static const char * const targets[] = { "real.csv", "real.png" };
  static const char * const links[] = { "link.csv", "link.png" };
  g_autofree char *names = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *real = g_build_filename (folder_path, targets[i], NULL);
      g_autofree char *link = g_build_filename (folder_path, links[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (link);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;
      struct stat st;

      g_assert_true (g_file_set_contents (real, "OLD", -1, NULL));
      g_assert_cmpint (g_chmod (real, 0600), ==, 0);
      g_assert_cmpint (symlink (targets[i], link), ==, 0);
      if (i == 0)
        g_assert_true (dm_saver_write_atomically (file, "NEW", 3, NULL, &error));
      else
        g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_PNG, &error));
      g_assert_no_error (error);
      g_assert_cmpint (lstat (link, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      g_assert_cmpint (stat (real, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 07777, ==, 0600);
      g_assert_true (g_file_get_contents (real, &contents, &length, NULL));
      if (i == 0)
        g_assert_cmpstr (contents, ==, "NEW");
      else
        g_assert_true (length > 1000 && memcmp (contents, "\x89PNG", 4) == 0);
    }
  names = list_folder (folder_path);
  g_assert_cmpstr (names, ==, "link.csv link.png real.csv real.png");
}

/* A folder that cannot be written: a clear failure, the old file as it was (GIO wrote it
 * in place) */
static void
test_write_read_only_folder (void)
{
  g_autoptr(GFile) folder = make_folder ("read-only");
  g_autoptr(GFile) file = g_file_get_child (folder, "old.csv");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes in any folder");
      return;
    }
  g_assert_true (g_file_set_contents (path, "OLD", -1, NULL));
  g_assert_cmpint (g_chmod (folder_path, 0555), ==, 0);
  g_assert_false (dm_saver_write_atomically (file, "NEW", 3, NULL, &error));
  g_chmod (folder_path, 0755);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "OLD");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("diplomap-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/hostile/json/deep/native", test_deep_native);
  g_test_add_func ("/hostile/json/deep/native-notes", test_deep_native_notes);
  g_test_add_func ("/hostile/json/deep/geojson", test_deep_geojson);
  g_test_add_func ("/hostile/json/deep/geojson-coordinates", test_deep_geojson_coordinates);
  g_test_add_func ("/hostile/json/deep/limit", test_deep_limit);
  g_test_add_func ("/hostile/time/native", test_time_native);
  g_test_add_func ("/hostile/time/csv", test_time_csv);
  g_test_add_func ("/hostile/time/kml", test_time_kml);
  g_test_add_func ("/hostile/time/early-years", test_time_early_years);
  g_test_add_func ("/hostile/time/last-day", test_time_last_day);
  g_test_add_func ("/hostile/time/standard-year", test_time_standard_year);
  g_test_add_func ("/hostile/time/prose-long-number", test_time_prose_long_number);
  g_test_add_func ("/hostile/native/long-numbers", test_native_long_numbers);
  g_test_add_func ("/hostile/native/title-not-string", test_native_title_not_string);
  g_test_add_func ("/hostile/ustravel/two-files", test_ustravel_two_files);
  g_test_add_func ("/hostile/ustravel/symlink-loop", test_ustravel_symlink_loop);
  g_test_add_func ("/hostile/ustravel/no-country", test_ustravel_no_country);
  g_test_add_func ("/hostile/ustravel/repeated-child", test_ustravel_repeated_child);
  g_test_add_func ("/hostile/numbers/nan-coordinates", test_nan_coordinates);
  g_test_add_func ("/hostile/text/csv-not-utf8", test_csv_not_utf8);
  g_test_add_func ("/hostile/text/native-not-utf8", test_native_not_utf8);
  g_test_add_func ("/hostile/text/ical-not-utf8", test_ical_not_utf8);
  g_test_add_func ("/hostile/text/double-bom", test_double_bom);
  g_test_add_func ("/hostile/numbers/csv", test_csv_numbers);
  g_test_add_func ("/hostile/text/long-value", test_long_value);
  g_test_add_func ("/hostile/numbers/ical-geo", test_ical_geo);
  g_test_add_func ("/hostile/ical/hidden-begin", test_ical_hidden_begin);
  g_test_add_func ("/hostile/numbers/native-version", test_native_huge_version);
  g_test_add_func ("/hostile/xml/entities", test_kml_entities);
  g_test_add_func ("/hostile/xml/small-entity", test_kml_small_entity);
  g_test_add_func ("/hostile/xml/gpx-entities", test_gpx_entities);
  g_test_add_func ("/hostile/kmz/paths", test_kmz_paths);
  g_test_add_func ("/hostile/kmz/many-entries", test_kmz_many_entries);
  g_test_add_func ("/hostile/kmz/ratio", test_kmz_ratio);
  g_test_add_func ("/hostile/kmz/declared-size", test_kmz_declared_size);
  g_test_add_func ("/hostile/ids/geojson", test_ids_geojson);
  g_test_add_func ("/hostile/ids/csv", test_ids_csv);
  g_test_add_func ("/hostile/ids/ical", test_ids_ical);
  g_test_add_func ("/hostile/ids/folder-shared-actors", test_folder_shared_actors);
  g_test_add_func ("/hostile/file/fifo", test_fifo);
  g_test_add_func ("/hostile/file/dev-zero", test_dev_zero);
  g_test_add_func ("/hostile/file/too-large", test_too_large);
  g_test_add_func ("/hostile/file/not-found", test_not_found);
  g_test_add_func ("/hostile/file/unreadable", test_unreadable);
  g_test_add_func ("/hostile/write/size-limit", test_write_size_limit);
  g_test_add_func ("/hostile/write/killed", test_write_killed);
  g_test_add_func ("/hostile/write/sweeps-stale", test_write_sweeps_stale);
  g_test_add_func ("/hostile/write/link-and-mode", test_write_keeps_link_and_mode);
  g_test_add_func ("/hostile/write/read-only-folder", test_write_read_only_folder);
  status = g_test_run ();
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

    if (system (command) != 0)
      g_printerr ("could not remove %s\n", tmpdir);
  }
  return status;
}
