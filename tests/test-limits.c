/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What one file may hold (docs/SECURITY.md, src/formats/dm-limits-private.h): files past
 * each limit, made here, load with a problem at the right place and the rest of the file.
 * The files of a million events are made and read only with -m slow (the `limits-slow`
 * test): each takes seconds. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dm-limits-private.h"
#include "dm-loader.h"
#include "interop-common.h"

static char *tmpdir;

static GFile *
write_file (const char *basename,
            GString    *text)
{
  g_autofree char *path = g_build_filename (tmpdir, basename, NULL);

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return g_file_new_for_path (path);
}

/* @doc has a problem holding @needle at @line:@column */
static void
assert_problem_at (DmDocument *doc,
                   const char *needle,
                   guint       line,
                   guint       column)
{
  DmProblem *problem = interop_find_problem (doc, needle);

  if (problem == NULL)
    g_error ("no problem “%s”", needle);
  g_assert_cmpuint (dm_problem_get_line (problem), ==, line);
  g_assert_cmpuint (dm_problem_get_column (problem), ==, column);
}

static char *
more_events (void)
{
  return g_strdup_printf ("This file holds more than %u events: the rest are not read", (guint) DM_MAX_EVENTS);
}

static char *
more_people (guint n)
{
  return g_strdup_printf ("This event lists %u people: only the first %u are read", n, (guint) DM_MAX_PARTICIPANTS);
}

/* --- people ------------------------------------------------------------------------- */

static void
test_people_csv (void)
{
  g_autoptr(GString) text = g_string_new ("actor,place,date,participants\nA,Paris,2020-01-01,\"");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autofree char *needle = more_people (DM_MAX_PARTICIPANTS + 5);

  for (guint i = 0; i < DM_MAX_PARTICIPANTS + 5; i++)
    g_string_append_printf (text, "%sP%u", i ? ";" : "", i);
  g_string_append (text, "\"\nB,Berlin,2020-01-02,\n");
  file = write_file ("people.csv", text);
  doc = interop_load (file);
  assert_problem_at (doc, needle, 2, 20);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
  {
    g_autoptr(DmEvent) first = g_list_model_get_item (dm_document_get_events (doc), 0);

    g_assert_cmpuint (dm_event_get_participants (first)->len, ==, DM_MAX_PARTICIPANTS);
  }
}

static void
test_people_ical (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:big@x\r\n"
                                          "DTSTART;VALUE=DATE:20200101\r\nSUMMARY:Summit\r\nLOCATION:Paris\r\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autofree char *needle = more_people (DM_MAX_PARTICIPANTS + 1);
  DmEvent *event;

  for (guint i = 0; i < DM_MAX_PARTICIPANTS + 1; i++)
    g_string_append_printf (text, "ATTENDEE;CN=Person %u:mailto:p%u@example.org\r\n", i, i);
  g_string_append (text, "END:VEVENT\r\nEND:VCALENDAR\r\n");
  file = write_file ("people.ics", text);
  doc = interop_load (file);
  assert_problem_at (doc, needle, 3, 1);
  event = interop_find_event (doc, "big@x");
  g_assert_nonnull (event);
  g_assert_cmpuint (dm_event_get_participants (event)->len, ==, DM_MAX_PARTICIPANTS);
}

static void
test_people_geojson (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"Feature\", \"id\": \"s\",\n"
                                          " \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]},\n"
                                          " \"properties\": {\"date\": \"2020-01-01\",\n  \"participants\": [");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autofree char *needle = more_people (DM_MAX_PARTICIPANTS + 1);
  DmEvent *event;

  for (guint i = 0; i < DM_MAX_PARTICIPANTS + 1; i++)
    g_string_append_printf (text, "%s\"P%u\"", i ? ", " : "", i);
  g_string_append (text, "]}}\n");
  file = write_file ("people.geojson", text);
  doc = interop_load (file);
  assert_problem_at (doc, needle, 4, 19);
  event = interop_find_event (doc, "s");
  g_assert_nonnull (event);
  g_assert_cmpuint (dm_event_get_participants (event)->len, ==, DM_MAX_PARTICIPANTS);
}

static void
test_people_native (void)
{
  g_autoptr(GString) text = g_string_new ("{\"diplomap\": 1, \"actors\": [");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autofree char *needle = more_people (DM_MAX_PARTICIPANTS + 1);
  DmEvent *event;

  for (guint i = 0; i < DM_MAX_PARTICIPANTS + 1; i++)
    g_string_append_printf (text, "%s{\"id\": \"p%u\", \"name\": \"P%u\"}", i ? ", " : "", i, i);
  g_string_append (text, "],\n\"events\": [{\"id\": \"s\", \"type\": \"summit\", \"place\": \"Paris\",\n"
                         "  \"start\": \"2020-01-01\", \"participants\": [");
  for (guint i = 0; i < DM_MAX_PARTICIPANTS + 1; i++)
    g_string_append_printf (text, "%s\"p%u\"", i ? ", " : "", i);
  g_string_append (text, "]}]}\n");
  file = write_file ("people.diplomap", text);
  doc = interop_load (file);
  assert_problem_at (doc, needle, 3, 42);
  event = interop_find_event (doc, "s");
  g_assert_nonnull (event);
  g_assert_cmpuint (dm_event_get_participants (event)->len, ==, DM_MAX_PARTICIPANTS);
}

/* --- legs and points ------------------------------------------------------------------ */

/* A line of @n points (lon, lat within the world), "lon,lat lon,lat …" or "[lon, lat], …" */
static void
append_points (GString  *text,
               guint     n,
               gboolean  json)
{
  for (guint i = 0; i < n; i++)
    {
      double lon = (i % 3600) / 10.0 - 180, lat = (i % 1700) / 10.0 - 85;

      if (json)
        g_string_append_printf (text, "%s[%.1f, %.1f]", i ? ", " : "", lon, lat);
      else
        g_string_append_printf (text, "%.1f,%.1f ", lon, lat);
    }
}

/* A KML LineString of a million points: refused before its places are looked up (it ran
 * past a minute); the placemark after it loads */
static void
test_points_kml (void)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n"
                                          "  <Placemark><name>Long</name><TimeStamp><when>2020-01-01</when></TimeStamp>"
                                          "<LineString><coordinates>");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autofree char *needle = g_strdup_printf ("This geometry has 1000000 points, more than the %u Diplomap reads: it is not read",
                                             (guint) DM_MAX_VERTICES);

  append_points (text, 1000000, FALSE);
  g_string_append (text, "</coordinates></LineString></Placemark>\n"
                         "  <Placemark><name>Short</name><TimeStamp><when>2020-01-02</when></TimeStamp>"
                         "<Point><coordinates>2.35,48.85</coordinates></Point></Placemark>\n"
                         "</Document></kml>\n");
  file = write_file ("long.kml", text);
  doc = interop_load (file);
  assert_problem_at (doc, needle, 3, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  g_assert_nonnull (interop_find_event (doc, "Short"));
}

/* A GeoJSON line of more legs than a trip may have */
static void
test_legs_geojson (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n"
                                          "{\"type\": \"Feature\", \"properties\": {\"name\": \"Long\", \"date\": \"2020-01-01\"},\n"
                                          " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autofree char *needle = g_strdup_printf ("This trip has %u legs, more than the %u Diplomap reads: it is not read",
                                             (guint) DM_MAX_LEGS + 1, (guint) DM_MAX_LEGS);

  append_points (text, DM_MAX_LEGS + 2, TRUE);
  g_string_append (text, "]}},\n{\"type\": \"Feature\", \"properties\": {\"name\": \"Short\", \"date\": \"2020-01-02\"},\n"
                         " \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]}}]}\n");
  file = write_file ("long.geojson", text);
  doc = interop_load (file);
  assert_problem_at (doc, needle, 2, 1);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  g_assert_nonnull (interop_find_event (doc, "Short"));
}

/* A .diplomap trip of more legs than a trip may have: refused, and kept as it was */
static void
test_legs_native (void)
{
  g_autoptr(GString) text = g_string_new ("{\"diplomap\": 1, \"actors\": [{\"id\": \"a\", \"name\": \"A\"}],\n"
                                          "\"events\": [{\"id\": \"t\", \"type\": \"trip\", \"actor\": \"a\",\n  \"legs\": [");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autofree char *needle = g_strdup_printf ("This trip has %u legs, more than the %u Diplomap reads: it is not read",
                                             (guint) DM_MAX_LEGS + 1, (guint) DM_MAX_LEGS);

  for (guint i = 0; i < DM_MAX_LEGS + 1; i++)
    g_string_append_printf (text, "%s{\"from\": \"%s\", \"to\": \"%s\"}", i ? ", " : "",
                            i % 2 ? "Berlin" : "Paris", i % 2 ? "Paris" : "Berlin");
  g_string_append (text, "]},\n{\"id\": \"v\", \"type\": \"visit\", \"actor\": \"a\", \"place\": \"Paris\", \"start\": \"2020-01-01\"}]}\n");
  file = write_file ("long.diplomap", text);
  doc = interop_load (file);
  assert_problem_at (doc, needle, 3, 11);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  g_assert_nonnull (interop_find_event (doc, "v"));
}

/* A U.S. record whose locale is 10 MB of text: read in time, its message cut short */
static void
test_ustravel_long_string (void)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<trips>\n<trip role=\"president\" who=\"x\"><id>1</id>"
                                          "<name>X</name><start-date>2021-06-09</start-date><end-date>2021-06-11</end-date>"
                                          "<country id=\"france\">France</country>\n<locale>");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *needle = NULL;

  for (guint i = 0; i < 10 * 1000 * 1000 / 8; i++)
    g_string_append (text, "Paris a ");
  g_string_append (text, "</locale></trip>\n</trips>\n");
  file = write_file ("president-travels.xml", text);
  doc = dm_document_new ();
  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), >=, 1);
  needle = g_strdup_printf ("This locale is longer than the %u bytes Diplomap looks up: the trip is placed in its country",
                            (guint) DM_MAX_NAME_LENGTH);
  assert_problem_at (doc, needle, 4, 1);
  for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_problems (doc)); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (dm_document_get_problems (doc), i);
      g_assert_cmpuint (g_utf8_strlen (dm_problem_get_message (p), -1), <=, 500);
    }
}

/* --- a million events -------------------------------------------------------------------- */

#define MILLION 1000000

/* @doc holds DM_MAX_EVENTS events and says so at @line:@column, the event past the limit */
static void
assert_capped (GFile *file,
               guint  line,
               guint  column)
{
  g_autoptr(DmDocument) doc = interop_load (file);
  g_autofree char *needle = more_events ();

  assert_problem_at (doc, needle, line, column);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, DM_MAX_EVENTS);
}

static void
test_million_csv (void)
{
  g_autoptr(GString) text = g_string_new ("actor,from,to,date\n");
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < MILLION; i++)
    g_string_append_printf (text, "A%u,Paris,Berlin,2020-01-%02u\n", i % 50, i % 28 + 1);
  file = write_file ("million.csv", text);
  assert_capped (file, DM_MAX_EVENTS + 2, 1);
}

static void
test_million_geojson (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < MILLION; i++)
    g_string_append_printf (text, "%s{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]},"
                            " \"properties\": {\"actor\": \"A\", \"date\": \"2020-01-%02u\"}}\n", i ? "," : "", i % 28 + 1);
  g_string_append (text, "]}\n");
  file = write_file ("million.geojson", text);
  assert_capped (file, DM_MAX_EVENTS + 2, 2);
}

static void
test_million_kml (void)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n");
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < MILLION; i++)
    g_string_append_printf (text, "<Placemark><name>P</name><TimeStamp><when>2020-01-%02u</when></TimeStamp>"
                            "<Point><coordinates>2.35,48.85</coordinates></Point></Placemark>\n", i % 28 + 1);
  g_string_append (text, "</Document></kml>\n");
  file = write_file ("million.kml", text);
  assert_capped (file, DM_MAX_EVENTS + 3, 1);
}

static void
test_million_native (void)
{
  g_autoptr(GString) text = g_string_new ("{\"diplomap\": 1, \"actors\": [{\"id\": \"a\", \"name\": \"A\"}], \"events\": [\n");
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < MILLION; i++)
    g_string_append_printf (text, "%s{\"id\": \"e%u\", \"type\": \"visit\", \"actor\": \"a\", \"place\": \"Paris\", \"start\": \"2020-01-%02u\"}\n",
                            i ? "," : "", i, i % 28 + 1);
  g_string_append (text, "]}\n");
  file = write_file ("million.diplomap", text);
  assert_capped (file, DM_MAX_EVENTS + 2, 2);
}

/* A million attendees of one event: the first ones are read */
static void
test_million_attendees (void)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:big@x\r\n"
                                          "DTSTART;VALUE=DATE:20200101\r\nSUMMARY:Summit\r\nLOCATION:Paris\r\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autofree char *needle = more_people (MILLION);

  for (guint i = 0; i < MILLION; i++)
    g_string_append_printf (text, "ATTENDEE;CN=Person %u:mailto:p%u@example.org\r\n", i, i);
  g_string_append (text, "END:VEVENT\r\nEND:VCALENDAR\r\n");
  file = write_file ("million.ics", text);
  doc = interop_load (file);
  assert_problem_at (doc, needle, 3, 1);
  g_assert_cmpuint (dm_event_get_participants (interop_find_event (doc, "big@x"))->len, ==, DM_MAX_PARTICIPANTS);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("diplomap-limits-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/limits/people/csv", test_people_csv);
  g_test_add_func ("/limits/people/ical", test_people_ical);
  g_test_add_func ("/limits/people/geojson", test_people_geojson);
  g_test_add_func ("/limits/people/native", test_people_native);
  g_test_add_func ("/limits/points/kml", test_points_kml);
  g_test_add_func ("/limits/legs/geojson", test_legs_geojson);
  g_test_add_func ("/limits/legs/native", test_legs_native);
  g_test_add_func ("/limits/ustravel/long-string", test_ustravel_long_string);
  if (g_test_slow ())
    {
      g_test_add_func ("/limits/million/csv", test_million_csv);
      g_test_add_func ("/limits/million/geojson", test_million_geojson);
      g_test_add_func ("/limits/million/kml", test_million_kml);
      g_test_add_func ("/limits/million/native", test_million_native);
      g_test_add_func ("/limits/million/attendees", test_million_attendees);
    }
  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return status;
}
