/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dm-loader.h"
#include "dm-error.h"
#include "dm-saver.h"
#include "interop-common.h"

static gint64
utc (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_mixed (void)
{
  g_autoptr(GFile) file = interop_file ("mixed.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;
  DmLeg *leg;
  DmProblem *p;
  GPtrArray *legs;

  g_assert_cmpstr (dm_document_get_title (doc), ==, "Shared routes, autumn 2025");

  /* Point + Linked Places "when": a visit, days local at Pyongyang (UTC+9) */
  e = interop_find_event (doc, "lavrov-pyongyang");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_VISIT);
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Sergey Lavrov");
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (e)), ==, "Pyongyang");
  g_assert_cmpstr (dm_place_get_timezone (dm_event_get_place (e)), ==, "Asia/Pyongyang");
  g_assert_cmpint (dm_event_get_status (e), ==, DM_STATUS_CONFIRMED);
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2025-07-10T15:00:00Z"));
  g_assert_cmpint (dm_event_get_end (e)->latest, ==, utc ("2025-07-13T15:00:00Z"));

  /* LineString + flat startTime/endTime: a trip, one leg per segment */
  e = interop_find_event (doc, "Kim's train to Beijing");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_TRIP);
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Kim Jong Un");
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 2);
  leg = g_ptr_array_index (legs, 0);
  g_assert_cmpint (leg->depart.earliest, ==, utc ("2025-08-31T21:00:00Z"));
  g_assert_false (dm_time_is_known (&leg->arrive));
  leg = g_ptr_array_index (legs, 1);
  g_assert_cmpint (leg->arrive.earliest, ==, utc ("2025-09-02T08:00:00Z"));
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (leg->to), 39.9087, 1e-6);

  /* MultiLineString with one timespan per leg, the second an uncertain period */
  e = interop_find_event (doc, "Choe's flights");
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 2);
  leg = g_ptr_array_index (legs, 0);
  g_assert_cmpint (leg->depart.earliest, ==, utc ("2025-10-26T01:00:00Z"));
  g_assert_cmpint (leg->arrive.earliest, ==, utc ("2025-10-26T12:30:00Z"));
  leg = g_ptr_array_index (legs, 1);
  g_assert_cmpint (leg->depart.precision, ==, DM_PRECISION_PERIOD);
  /* the coordinates of Moscow are the gazetteer's Moscow: its zone is known */
  g_assert_cmpstr (dm_place_get_timezone (leg->from), ==, "Europe/Moscow");

  /* several participants and no traveller: a summit */
  e = interop_find_event (doc, "Victory Day parade");
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_SUMMIT);
  g_assert_cmpuint (dm_event_get_participants (e)->len, ==, 3);
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "CN");
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2025-09-02T16:00:00Z"));

  /* kepler.gl: a fourth coordinate is a Unix time */
  e = interop_find_event (doc, "kepler trip");
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 2);
  g_assert_cmpint (((DmLeg *) g_ptr_array_index (legs, 0))->depart.earliest, ==, 1761800400);
  g_assert_cmpint (((DmLeg *) g_ptr_array_index (legs, 1))->arrive.earliest, ==, 1761930000);

  /* Leaflet "time"; a polygon stands for its middle; "begin" with a named place */
  e = interop_find_event (doc, "Leaflet stop");
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2025-10-31T09:00:00Z"));
  e = interop_find_event (doc, "Meeting zone");
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (dm_event_get_place (e)), 37.55, 1e-9);
  g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (dm_event_get_place (e)), 127.0, 1e-9);
  e = interop_find_event (doc, "Wang Yi in Beijing");
  g_assert_nonnull (e);
  g_assert_cmpstr (dm_place_get_timezone (dm_event_get_place (e)), ==, "Asia/Shanghai");
  e = interop_find_event (doc, "GeoJSON-T stay");
  g_assert_nonnull (e);
  g_assert_true (dm_time_is_known (dm_event_get_end (e)));

  /* the feature without time is reported at its line, and its place stays */
  g_assert_null (interop_find_event (doc, "Embassy without a date"));
  p = interop_find_problem (doc, "Embassy without a date");
  g_assert_nonnull (p);
  g_assert_cmpuint (dm_problem_get_line (p), ==, interop_line_of (file, "\"Embassy without a date\"") - 2);
  {
    GListModel *places = dm_document_get_places (doc);
    gboolean found = FALSE;
    for (guint i = 0; i < g_list_model_get_n_items (places); i++)
      {
        g_autoptr(DmPlace) pl = g_list_model_get_item (places, i);
        found |= dm_place_get_latitude (pl) == 55.75 && dm_place_get_longitude (pl) == 37.6;
      }
    g_assert_true (found);
  }
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 9);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 1);
}

static void
test_bad_types (void)
{
  g_autoptr(GFile) file = interop_file ("bad-types.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  GListModel *problems = dm_document_get_problems (doc);
  /* each problem, where its offending value starts (or, not exact, on which line); a
   * "|" in the text marks the start when the text begins before it */
  struct { const char *needle; const char *line_text; gboolean exact; } expected[] = {
    { "not valid GeoJSON", "\"30.5, 50.45\"", TRUE },
    { "not valid GeoJSON", "[200, 95]", TRUE },
    { "sometime in spring", "\"sometime in spring\"", TRUE },
    { "“properties”", "[\"not\", \"an\", \"object\"]", TRUE },
    { "ends before it starts", "\"end\": |\"2025-10-01\"", TRUE },
    { "not valid GeoJSON", "\"Hexagon\"", FALSE },
    { "should be an object", "\"a string\"", TRUE },
    /* the fourth coordinates (Unix times) go backwards: kept out, .diplomap could not hold it */
    /* numbers as Unix times out of the years 1 to 9999: not an event with no start */
    { "1e+20 is not a time", "\"date\": |1e20", TRUE },
    /* times that cannot be read past the first three: one count where the fourth is
     * (-1e15, the coordinates' 1e20 and the leg that arrives before it departs) */
    { "3 more times could not be read", "\"date\": |-1e15", TRUE },
    /* wrongly typed properties: said, and the event loads without them; the first three
     * on their own, the rest counted where the first of them is */
    { "“actor” should be a string or a list of strings", "\"actor\": |42", TRUE },
    { "“status” should be a string", "\"status\": |[\"a\"]", TRUE },
    { "“city” should be a string", "\"city\": |5", TRUE },
    { "2 more properties have a value of the wrong type", "\"participants\": |7", TRUE },
  };

  /* "Fine", and "Typed wrong" without what was typed wrong */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
  g_assert_cmpuint (dm_event_get_participants (interop_find_event (doc, "Typed wrong"))->len, ==, 0);
  g_assert_cmpuint (dm_event_get_sources (interop_find_event (doc, "Typed wrong"))->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) parts = g_strsplit (expected[i].line_text, "|", 2);
      g_autofree char *text = g_strjoinv ("", parts);
      guint want_line, want_column;
      gboolean found = FALSE;

      interop_position_of (file, text, &want_line, &want_column);
      if (parts[1] != NULL)
        want_column += g_utf8_strlen (parts[0], -1);
      for (guint k = 0; k < g_list_model_get_n_items (problems); k++)
        {
          g_autoptr(DmProblem) p = g_list_model_get_item (problems, k);
          if (strstr (dm_problem_get_message (p), expected[i].needle) && dm_problem_get_line (p) == want_line)
            {
              if (expected[i].exact)
                g_assert_cmpuint (dm_problem_get_column (p), ==, want_column);
              else
                g_assert_cmpuint (dm_problem_get_column (p), >, 0);
              found = TRUE;
            }
        }
      if (!found)
        g_error ("no problem “%s” at line %u", expected[i].needle, want_line);
    }
}

static void
test_truncated (void)
{
  g_autoptr(GFile) file = interop_file ("truncated.geojson");
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  guint line, column;

  /* where the text stops, as the error's data: just past its last character */
  interop_end_of (file, &line, &column);
  g_assert_cmpuint (line, ==, 17);
  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_true (g_file_equal (dm_error_get_file (error), file));
  g_assert_cmpuint (dm_error_get_line (error), ==, line);
  g_assert_cmpuint (dm_error_get_column (error), ==, column);
  g_assert_true (g_str_has_prefix (error->message, "not valid JSON: "));
  g_clear_error (&error);

  g_clear_object (&file);
  file = interop_file ("not-geojson.geojson");
  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "FeatureCollection"));
}

/* Our sample -> GeoJSON -> back: every event with its people, places and times */
static void
test_round_trip (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(DmDocument) doc = interop_load (sample);
  g_autoptr(GBytes) bytes = dm_geojson_write (doc);
  g_autoptr(GFile) out = interop_write_temp (bytes, "round.geojson");
  g_autoptr(DmDocument) back = interop_load (out);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), >=, 10);
  interop_assert_same_events (doc, back, NULL);
  g_assert_cmpstr (dm_document_get_title (back), ==, dm_document_get_title (doc));
}

/* What tools read: flat UTC start/end and Linked Places "when" */
static void
test_written_for_tools (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(DmDocument) doc = interop_load (sample);
  g_autoptr(GBytes) bytes = dm_geojson_write (doc);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *feature, *props;
  JsonArray *features;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  features = json_object_get_array_member (root, "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      feature = json_array_get_object_element (features, i);
      props = json_object_get_object_member (feature, "properties");
      if (g_strcmp0 (json_object_get_string_member_with_default (props, "title", NULL), "Donald Trump in Tokyo") != 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (feature, "geometry"), "type"), ==, "Point");
      /* 27 to 28 October, local days in Tokyo (UTC+9) */
      g_assert_cmpstr (json_object_get_string_member (props, "start"), ==, "2025-10-26T15:00:00Z");
      g_assert_cmpstr (json_object_get_string_member (props, "end"), ==, "2025-10-28T15:00:00Z");
      {
        JsonObject *when = json_object_get_object_member (feature, "when");
        JsonObject *span = json_array_get_object_element (json_object_get_array_member (when, "timespans"), 0);
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (span, "start"), "in"), ==, "2025-10-27");
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (span, "end"), "in"), ==, "2025-10-28");
      }
      return;
    }
  g_assert_not_reached ();
}

/* Coordinates rounded to a millionth of a degree are written as such: never more than
 * nine significant digits (json-glib alone writes 39.0339 as 39.033900000000003) */
static void
test_clean_numbers (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(DmDocument) doc = interop_load (sample);
  g_autoptr(GBytes) bytes = dm_geojson_write (doc);
  g_autoptr(GRegex) number = g_regex_new ("(?<![\\w\"])-?[0-9]+\\.[0-9]+(e[-+]?[0-9]+)?", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  guint n = 0;

  g_regex_match (number, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), n++)
    {
      g_autofree char *token = g_match_info_fetch (match, 0);
      guint digits = 0;
      const char *p = token + (token[0] == '-');

      while (*p == '0' || *p == '.')
        p++;
      for (; *p != '\0' && *p != 'e'; p++)
        digits += g_ascii_isdigit (*p);
      if (digits > 9)
        g_error ("%s has %u significant digits", token, digits);
    }
  /* every event has at least one position of two numbers */
  g_assert_cmpuint (n, >=, 2 * g_list_model_get_n_items (dm_document_get_events (doc)));
}

/* A MultiLineString whose lines do not join is one trip per line: a .diplomap file
 * cannot hold a trip with a gap, and what we write must read back */
static void
test_disjoint_lines (void)
{
  g_autoptr(GFile) file = interop_file ("disjoint.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  g_autoptr(GBytes) bytes = dm_native_write (doc, NULL);
  g_autoptr(GFile) out = interop_write_temp (bytes, "disjoint.diplomap");
  g_autoptr(DmDocument) back = interop_load (out);
  DmEvent *first, *second, *joined;
  DmLeg *leg;
  g_autofree char *depart = NULL;
  g_autofree char *arrive = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 3);
  first = interop_find_event (doc, "tour-1");
  second = interop_find_event (doc, "tour-2");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpuint (dm_event_get_legs (first)->len, ==, 1);
  g_assert_cmpuint (dm_event_get_legs (second)->len, ==, 1);
  leg = g_ptr_array_index (dm_event_get_legs (first), 0);
  g_assert_cmpstr (dm_place_get_name (leg->from), ==, "Rome");
  g_assert_cmpstr (dm_place_get_name (leg->to), ==, "Vienna");
  depart = dm_time_to_iso (&leg->depart, dm_place_get_zone (leg->from));
  g_assert_cmpstr (depart, ==, "2025-10-01");
  leg = g_ptr_array_index (dm_event_get_legs (second), 0);
  g_assert_cmpstr (dm_place_get_name (leg->from), ==, "Budapest");
  g_assert_cmpstr (dm_place_get_name (leg->to), ==, "Prague");
  arrive = dm_time_to_iso (&leg->arrive, dm_place_get_zone (leg->to));
  g_assert_cmpstr (arrive, ==, "2025-10-06");
  /* both keep the feature's traveller and title */
  g_assert_true (dm_event_get_actor (first) == dm_event_get_actor (second));
  g_assert_cmpstr (dm_event_get_title (second), ==, "Two tours in one feature");
  /* lines that join stay one trip */
  joined = interop_find_event (doc, "Joined");
  g_assert_cmpuint (dm_event_get_legs (joined)->len, ==, 2);

  /* written as .diplomap, read back: the same events, no problem */
  interop_assert_same_events (doc, back, NULL);
}

/* kepler.gl's trip layer often has milliseconds as the fourth coordinate */
static void
test_kepler_milliseconds (void)
{
  g_autoptr(GFile) file = interop_file ("kepler-ms.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e = interop_find_event (doc, "kepler.gl trip in milliseconds");
  GPtrArray *legs;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_nonnull (e);
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 2);
  /* 1761800400000 ms is 2025-10-30T05:00:00Z; a leftover half second is dropped */
  g_assert_cmpint (((DmLeg *) g_ptr_array_index (legs, 0))->depart.earliest, ==, utc ("2025-10-30T05:00:00Z"));
  g_assert_cmpint (((DmLeg *) g_ptr_array_index (legs, 0))->arrive.earliest, ==, 1761850800);
  g_assert_cmpint (((DmLeg *) g_ptr_array_index (legs, 1))->depart.earliest, ==, 1761850800);
  g_assert_cmpint (((DmLeg *) g_ptr_array_index (legs, 1))->arrive.earliest, ==, 1761930000);
  g_assert_cmpint (((DmLeg *) g_ptr_array_index (legs, 1))->arrive.precision, ==, DM_PRECISION_SECOND);
}

/* A dense kepler.gl trace in a file is a recorded track (issue 10): 200 points 30 s apart going
 * east, with 40 of them (20 minutes) within metres of one another in the middle, is one trip of
 * two legs that keep the way the track went and its real times, not 199 legs */
static void
test_dense_track (void)
{
  const gint64 t0 = 1761800400;
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [{"
                                          "\"type\": \"Feature\", \"properties\": {\"name\": \"dense trace\"},"
                                          " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  GPtrArray *legs;
  DmLeg *leg;
  int fd;

  for (guint i = 0; i < 200; i++)
    {
      double lon = i < 90 ? 10 + i * 0.01 : i < 130 ? 10.9 + (i % 2) * 0.0001 : 10.9 + (i - 129) * 0.01;
      char lon_text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (lon_text, sizeof lon_text, lon);
      g_string_append_printf (text, "%s[%s, 0.5, 0, %" G_GINT64_FORMAT "]", i ? ", " : "",
                              lon_text, t0 + 30 * (gint64) i);
    }
  g_string_append (text, "]}}]}\n");
  fd = g_file_open_tmp ("dense-XXXXXX.geojson", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  doc = interop_load (file);
  g_unlink (path);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_nonnull (interop_find_event (doc, "dense trace"));
  legs = dm_event_get_legs (interop_find_event (doc, "dense trace"));
  g_assert_cmpuint (legs->len, ==, 2);
  leg = g_ptr_array_index (legs, 0);
  g_assert_cmpint (leg->depart.earliest, ==, t0);
  g_assert_cmpint (leg->arrive.earliest, ==, t0 + 90 * 30);
  g_assert_nonnull (leg->path);
  g_assert_cmpuint (leg->path->len, ==, 2 * 91);
  g_assert_cmpfloat_with_epsilon (g_array_index (leg->path, double, 2 * 45), 10.45, 1e-9);
  g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (leg->to), 10.9, 1e-9);
  leg = g_ptr_array_index (legs, 1);
  g_assert_cmpint (leg->depart.earliest, ==, t0 + 129 * 30);
  g_assert_cmpint (leg->arrive.earliest, ==, t0 + 199 * 30);
  g_assert_cmpint (leg->arrive.precision, ==, DM_PRECISION_SECOND);
  g_assert_nonnull (leg->path);
  g_assert_cmpuint (leg->path->len, ==, 2 * 71);
  g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (leg->to), 10.9 + 70 * 0.01, 1e-9);
}

/* Linked Places / GeoJSON-T: "when" on each geometry of a GeometryCollection makes dated
 * segments, in the timespans, periods and timespan forms (issue 10) */
static void
test_dated_segments (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "journey-lp.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;
  DmLeg *leg;
  g_autoptr(GDateTime) day = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  e = interop_find_event (doc, "journey-1-1");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_TRIP);
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Ibn Jubayr");
  leg = g_ptr_array_index (dm_event_get_legs (e), 0);
  g_assert_cmpint (leg->depart.precision, ==, DM_PRECISION_DAY);
  day = g_date_time_new_from_unix_utc (leg->arrive.latest);
  g_assert_cmpint (g_date_time_get_month (day), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (day), >=, 24);

  e = interop_find_event (doc, "journey-1-2");
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_VISIT);
  g_assert_cmpint (dm_event_get_start (e)->latest - dm_event_get_start (e)->earliest, >=, 86400);

  e = interop_find_event (doc, "journey-1-3");
  leg = g_ptr_array_index (dm_event_get_legs (e), 0);
  g_assert_cmpstr (dm_place_get_name (leg->to), ==, "Alexandria");
  g_clear_pointer (&day, g_date_time_unref);
  day = g_date_time_new_from_unix_utc (leg->arrive.earliest);
  g_assert_cmpint (g_date_time_get_month (day), ==, 3);
}

/* QGIS and shapefile exports write "NAME", "Date", "Actor": our names are found without
 * case, the exact name winning when both are there (issue 10) */
static void
test_any_case (void)
{
  static const char text[] =
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.3522, 48.8566]},\n"
    " \"properties\": {\"NAME\": \"Paris talks\", \"Actor\": \"Ana Ruiz\", \"DATE\": \"2024-03-05\", \"STATUS\": \"Planned\"}},\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [13.405, 52.52]},\n"
    " \"properties\": {\"NAME\": \"Wrong\", \"name\": \"Berlin talks\", \"Date\": \"2024-04-01\"}}\n"
    "]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "any-case.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  e = interop_find_event (doc, "Paris talks");
  g_assert_nonnull (e);
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Ana Ruiz");
  g_assert_cmpint (dm_event_get_status (e), ==, DM_STATUS_PLANNED);
  g_assert_true (dm_time_is_known (dm_event_get_start (e)));
  g_assert_nonnull (interop_find_event (doc, "Berlin talks"));
  g_assert_null (interop_find_event (doc, "Wrong"));
}

/* A time written as a small number is not a Unix time: "start": 1909 is the year 1909, as the
 * text "1909" would be, not 1 January 1970 (issue 10); a Unix time has 9 digits or more */
static void
test_number_years (void)
{
  static const char text[] =
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [-77.04, 38.9]},\n"
    " \"properties\": {\"name\": \"Inauguration\", \"start\": 1909, \"end\": 1909}},\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.86]},\n"
    " \"properties\": {\"name\": \"Unix\", \"start\": 1761800400}},\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [13.4, 52.5]},\n"
    " \"properties\": {\"name\": \"Half\", \"start\": 1909.5}}\n"
    "]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "number-years.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  GListModel *problems = dm_document_get_problems (doc);
  g_autoptr(DmProblem) problem = NULL;
  DmEvent *e = interop_find_event (doc, "Inauguration");

  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_start (e)->precision, ==, DM_PRECISION_YEAR);
  /* the year begins at midnight where it happened: Washington, UTC-5 */
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("1909-01-01T05:00:00Z"));
  e = interop_find_event (doc, "Unix");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, 1761800400);
  /* a fraction is no year: said, at its value */
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 1);
  problem = g_list_model_get_item (problems, 0);
  g_assert_cmpuint (dm_problem_get_line (problem), ==, 7);
  g_assert_nonnull (strstr (dm_problem_get_message (problem), "1909.5"));
}

/* Linked Places' "when" and "timespans", "start", "end" written in another case, and a
 * "Times" list (issue 10) */
static void
test_when_any_case (void)
{
  static const char text[] =
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [-1.28, 51.67]},\n"
    " \"properties\": {\"title\": \"Abingdon\"},\n"
    " \"When\": {\"Timespans\": [{\"Start\": {\"in\": \"1600\"}, \"End\": {\"in\": \"1699\"}}]}},\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [13.405, 52.52]},\n"
    " \"properties\": {\"title\": \"Berlin\", \"TIMES\": [\"2024-04-01\", \"2024-04-03\"]}}\n"
    "]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "when-any-case.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  e = interop_find_event (doc, "Abingdon");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_start (e)->precision, ==, DM_PRECISION_YEAR);
  g_assert_true (dm_time_is_known (dm_event_get_end (e)));
  e = interop_find_event (doc, "Berlin");
  g_assert_nonnull (e);
  g_assert_true (dm_time_is_known (dm_event_get_end (e)));
}

/* A file of places without times (kepler.gl's 3,220 counties) gets three problems and a
 * count, not one problem per feature; its places are kept (issue 10) */
static void
test_untimed_summary (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(GPtrArray) undated = NULL;

  for (guint i = 0; i < 6; i++)
    g_string_append_printf (text, "%s{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                            "\"coordinates\": [%u.5, 10]}, \"properties\": {\"name\": \"County %u\"}}\n",
                            i ? "," : "", i, i);
  g_string_append (text, "]}\n");
  bytes = g_bytes_new (text->str, text->len);
  file = interop_write_temp (bytes, "counties.geojson");
  doc = interop_load (file);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 4);
  g_assert_nonnull (interop_find_problem_at (doc, "“County 2” has no time", 4));
  g_assert_nonnull (interop_find_problem_at (doc, "3 more features have no time", 5));
  undated = dm_document_dup_undated_places (doc);
  g_assert_cmpuint (undated->len, ==, 6);
}

/* A script that writes a property of ours with the wrong type on every feature ("actor":
 * {...}, "status": 1) gets three problems and one count, not one per feature (issue 10) */
static void
test_mistyped_summary (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  DmProblem *summary;
  const char *fourth;

  for (guint i = 0; i < 8; i++)
    g_string_append_printf (text, "%s{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                            "\"coordinates\": [%u.5, 10]}, \"properties\": {\"name\": \"Visit %u\", "
                            "\"start\": \"2019-05-0%u\", \"actor\": {\"id\": %u}}}\n",
                            i ? "," : "", i, i, i + 1, i);
  g_string_append (text, "]}\n");
  bytes = g_bytes_new (text->str, text->len);
  file = interop_write_temp (bytes, "mistyped.geojson");
  doc = interop_load (file);
  /* every feature loads, without its actor */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 8);
  g_assert_cmpuint (dm_event_get_participants (interop_find_event (doc, "Visit 7"))->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 4);
  /* features are on lines 2 to 9: the first three said, the count at the fourth's actor */
  g_assert_nonnull (interop_find_problem_at (doc, "“actor” should be a string or a list of strings", 2));
  g_assert_nonnull (interop_find_problem_at (doc, "“actor” should be a string or a list of strings", 4));
  g_assert_null (interop_find_problem_at (doc, "“actor” should be a string or a list of strings", 5));
  summary = interop_find_problem_at (doc, "5 more properties have a value of the wrong type: they were left out", 5);
  g_assert_nonnull (summary);
  fourth = strstr (text->str, ",{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [3.5");
  g_assert_nonnull (fourth);
  g_assert_cmpuint (dm_problem_get_column (summary), ==,
                    strstr (fourth, "\"actor\": ") + strlen ("\"actor\": ") - fourth + 1);
}

/* Scripts that write coordinates as strings: read as numbers, with one problem for the
 * whole file at the first one (issue 10) */
static void
test_text_coordinates (void)
{
  static const char text[] =
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [\"55.75\", \"37.6\"]},\n"
    " \"properties\": {\"title\": \"One\", \"date\": \"2024-03-05\"}},\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[\"2.35\", \"48.85\"], [13.4, \"52.52\"]]},\n"
    " \"properties\": {\"title\": \"Two\", \"date\": \"2024-03-06\"}},\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [\"east\", \"1\"]},\n"
    " \"properties\": {\"title\": \"Three\", \"date\": \"2024-03-07\"}}\n"
    "]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "text-coordinates.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;
  DmProblem *p;
  DmLeg *leg;

  e = interop_find_event (doc, "One");
  g_assert_nonnull (e);
  g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (dm_event_get_place (e)), 55.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (dm_event_get_place (e)), 37.6, 1e-9);
  e = interop_find_event (doc, "Two");
  g_assert_nonnull (e);
  leg = g_ptr_array_index (dm_event_get_legs (e), 0);
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (leg->to), 52.52, 1e-9);
  /* "east" is no number: that feature alone is left out */
  g_assert_null (interop_find_event (doc, "Three"));
  /* one problem for the five text coordinates (the bad one counted too), at the first */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 2);
  p = interop_find_problem (doc, "as text");
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (dm_problem_get_message (p), "“55.75”"));
  g_assert_cmpuint (dm_problem_get_line (p), ==, 2);
}

/* A property of ours holding values we cannot read ("status": "L" on every feature) is
 * kept as "status_as_written", reaches a .diplomap, and makes one problem (issue 10) */
static void
test_unknown_values (void)
{
  GString *text = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(GBytes) native = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(DmDocument) back = NULL;
  DmProblem *p;
  DmEvent *e;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "%s{\"type\": \"Feature\", \"id\": \"f%u\", "
                            "\"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]}, "
                            "\"properties\": {\"date\": \"2024-03-05\", \"status\": \"%s\"}}\n",
                            i ? "," : "", i, i == 0 ? "Planned" : "L");
  g_string_append (text, "]}\n");
  bytes = g_string_free_to_bytes (text);
  file = interop_write_temp (bytes, "unknown-values.geojson");
  doc = interop_load (file);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 1);
  p = interop_find_problem (doc, "“status”");
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (dm_problem_get_message (p), "999"));
  g_assert_nonnull (strstr (dm_problem_get_message (p), "“L”"));
  g_assert_cmpuint (dm_problem_get_line (p), ==, 3);
  e = interop_find_event (doc, "f0");
  g_assert_cmpint (dm_event_get_status (e), ==, DM_STATUS_PLANNED);
  e = interop_find_event (doc, "f7");
  g_assert_cmpstr (json_object_get_string_member (dm_event_get_extra (e), "status_as_written"), ==, "L");

  /* kept in a .diplomap and read back without a problem */
  native = dm_native_write (doc, NULL);
  out = interop_write_temp (native, "unknown-values.diplomap");
  back = interop_load (out);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (back)), ==, 0);
  e = interop_find_event (back, "f7");
  g_assert_nonnull (e);
  g_assert_cmpstr (json_object_get_string_member (dm_event_get_extra (e), "status_as_written"), ==, "L");
}

/* @doc's problems, one a line: "line:column message" */
static char *
describe_problems (DmDocument *doc)
{
  GListModel *problems = dm_document_get_problems (doc);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      g_string_append_printf (out, "%u:%u %s\n", dm_problem_get_line (p), dm_problem_get_column (p),
                              dm_problem_get_message (p));
    }
  return g_string_free (out, FALSE);
}

/* @doc's events, one a line */
static char *
describe_events (DmDocument *doc)
{
  GListModel *events = dm_document_get_events (doc);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      g_autofree char *d = interop_describe (e);

      g_string_append_printf (out, "%s\n", d);
    }
  return g_string_free (out, FALSE);
}

/* A collection in strict JSON is read one feature at a time, each from its piece of the
 * text; one with a comment (json-glib reads it, strict JSON does not) as a whole tree. Both
 * give the same events and the same problems at the same places. */
static void
test_in_pieces (void)
{
  const char *names[] = { "bad-types.geojson", "mixed.geojson", "kepler-ms.geojson", "disjoint.geojson" };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) file = interop_file (names[i]);
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
      g_autoptr(GByteArray) whole = g_byte_array_new ();
      g_autoptr(GBytes) whole_bytes = NULL;
      g_autoptr(GFile) whole_file = NULL;
      g_autoptr(DmDocument) pieces = interop_load (file);
      g_autoptr(DmDocument) tree = NULL;
      g_autofree char *said = NULL, *said_whole = NULL;

      g_assert_nonnull (bytes);
      g_byte_array_append (whole, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_byte_array_append (whole, (const guint8 *) "\n/* a tree */\n", 14);
      whole_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&whole));
      whole_file = interop_write_temp (whole_bytes, names[i]);
      tree = interop_load (whole_file);
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (pieces)), >, 0);
      said = describe_events (pieces);
      said_whole = describe_events (tree);
      g_assert_cmpstr (said, ==, said_whole);
      g_clear_pointer (&said, g_free);
      g_clear_pointer (&said_whole, g_free);
      said = describe_problems (pieces);
      said_whole = describe_problems (tree);
      g_assert_cmpstr (said, ==, said_whole);
    }

  /* a number json-glib reads its own way (past 64 bits) in a feature: that feature is left
   * to json-glib, with the same positions; a feature that is no object is where it starts */
  g_string_append (text, "{\"type\": \"FeatureCollection\", \"features\": [\n"
                   "  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 48.85]},\n"
                   "   \"properties\": {\"big\": 123456789012345678901234, \"actor\": 42, \"date\": \"2020-01-01\"}},\n"
                   "  \"a string\",\n"
                   "  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.35, 95]},\n"
                   "   \"properties\": {\"date\": \"2020-01-02\"}}\n"
                   "]}\n");
  {
    g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
    g_autoptr(GFile) file = interop_write_temp (bytes, "big-number.geojson");
    g_autoptr(DmDocument) doc = interop_load (file);
    DmProblem *p;

    g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
    g_assert_nonnull ((p = interop_find_problem (doc, "“actor” should be a string")));
    g_assert_cmpuint (dm_problem_get_line (p), ==, 3);
    g_assert_cmpuint (dm_problem_get_column (p), ==, 61);
    g_assert_nonnull ((p = interop_find_problem (doc, "should be an object")));
    g_assert_cmpuint (dm_problem_get_line (p), ==, 4);
    g_assert_cmpuint (dm_problem_get_column (p), ==, 3);
    g_assert_nonnull ((p = interop_find_problem (doc, "not valid GeoJSON")));
    g_assert_cmpuint (dm_problem_get_line (p), ==, 5);
    g_assert_cmpuint (dm_problem_get_column (p), ==, 68);
  }
}

/* Issue 10: a feature without geometry is placed by its "place", inside the country and the
 * state it names (as iCalendar's LOCATION is) */
static void
test_free_text_places (void)
{
  static const char text[] =
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"title\": \"Concert\", \"place\": \"O2 City Hall Newcastle, Newcastle, United Kingdom\", \"date\": \"2017-07-06\"}},\n"
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"title\": \"Race\", \"place\": \"Newport, KY, United States\", \"date\": \"2017-07-07\"}},\n"
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"title\": \"Derby\", \"place\": \"Del Mar, CA\", \"date\": \"2017-07-08\"}},\n"
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"title\": \"Beach\", \"place\": \"Sochi, Florida\", \"date\": \"2017-07-09\"}}\n"
    "]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "free-text.geojson");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 4);
  e = interop_find_event (doc, "Concert");
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "GB");
  e = interop_find_event (doc, "Race");
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "US");
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (dm_event_get_place (e)), 39.09, 0.05);
  e = interop_find_event (doc, "Derby");
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "US");
  g_assert_nonnull (interop_find_problem_at (doc, "“Del Mar” is not a place the gazetteer knows in California",
                                             interop_line_of (file, "Del Mar")));
  e = interop_find_event (doc, "Beach");
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "US");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interop/geojson/mixed", test_mixed);
  g_test_add_func ("/interop/geojson/dated-segments", test_dated_segments);
  g_test_add_func ("/interop/geojson/bad-types", test_bad_types);
  g_test_add_func ("/interop/geojson/truncated", test_truncated);
  g_test_add_func ("/interop/geojson/round-trip", test_round_trip);
  g_test_add_func ("/interop/geojson/written-for-tools", test_written_for_tools);
  g_test_add_func ("/interop/geojson/clean-numbers", test_clean_numbers);
  g_test_add_func ("/interop/geojson/disjoint-lines", test_disjoint_lines);
  g_test_add_func ("/interop/geojson/kepler-milliseconds", test_kepler_milliseconds);
  g_test_add_func ("/interop/geojson/dense-track", test_dense_track);
  g_test_add_func ("/interop/geojson/any-case", test_any_case);
  g_test_add_func ("/interop/geojson/text-coordinates", test_text_coordinates);
  g_test_add_func ("/interop/geojson/when-any-case", test_when_any_case);
  g_test_add_func ("/interop/geojson/number-years", test_number_years);
  g_test_add_func ("/interop/geojson/untimed-summary", test_untimed_summary);
  g_test_add_func ("/interop/geojson/mistyped-summary", test_mistyped_summary);
  g_test_add_func ("/interop/geojson/unknown-values", test_unknown_values);
  g_test_add_func ("/interop/geojson/in-pieces", test_in_pieces);
  g_test_add_func ("/interop/geojson/free-text-places", test_free_text_places);
  return g_test_run ();
}
