/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dm-loader.h"
#include "dm-error.h"
#include "dm-format.h"
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
check_google_earth (const char *name)
{
  g_autoptr(GFile) file = interop_file (name);
  g_autoptr(GFile) text = interop_file ("google-earth.kml");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;
  DmLeg *leg;
  DmProblem *p;
  GPtrArray *legs;
  const char * const *tags;
  double r, g, b;

  g_assert_cmpstr (dm_document_get_title (doc), ==, "Summit season");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 5);

  /* a LineString in the folder named after the traveller, red from its style */
  e = interop_find_event (doc, "Train to Vladivostok");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_TRIP);
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Kim Jong Un");
  g_assert_cmpstr (dm_actor_get_color (dm_event_get_actor (e)), ==, "#ff0000");
  leg = dm_event_get_legs (e)->pdata[0];
  g_assert_cmpstr (dm_place_get_name (leg->from), ==, "Pyongyang");
  g_assert_cmpstr (dm_place_get_name (leg->to), ==, "Vladivostok");
  /* TimeSpan dates are local days at each end */
  g_assert_cmpint (leg->depart.earliest, ==, utc ("2019-04-23T15:00:00Z"));
  g_assert_cmpint (leg->arrive.earliest, ==, utc ("2019-04-23T14:00:00Z"));
  g_assert_cmpuint (dm_event_get_line (e), ==, interop_line_of (text, "Train to Vladivostok") - 1);
  g_assert_cmpuint (dm_event_get_column (e), ==, 5);

  /* a Point: a visit; the placemark's name is the place's when the gazetteer agrees */
  e = interop_find_event (doc, "Vladivostok");
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_VISIT);
  g_assert_cmpstr (dm_place_get_timezone (dm_event_get_place (e)), ==, "Asia/Vladivostok");
  g_assert_cmpstr (dm_event_get_notes (e), ==, "Talks on <b>Russky Island</b>");
  g_assert_true (dm_time_is_known (dm_event_get_end (e)));

  /* MultiGeometry: its lines make the legs; ExtendedData names the leader; a StyleMap's
   * normal style gives the colour; the folder is a tag */
  e = interop_find_event (doc, "Putin to Beijing and back");
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Vladimir Putin");
  g_assert_true (dm_actor_get_rgb (dm_event_get_actor (e), &r, &g, &b));
  g_assert_cmpstr (dm_actor_get_color (dm_event_get_actor (e)), ==, "#0066cc");
  g_assert_cmpint (dm_event_get_status (e), ==, DM_STATUS_CONFIRMED);
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 3);
  g_assert_cmpint (((DmLeg *) legs->pdata[0])->depart.earliest, ==, utc ("2019-04-25T03:00:00Z"));
  g_assert_cmpint (((DmLeg *) legs->pdata[2])->arrive.earliest, ==, utc ("2019-04-27T17:00:00Z"));
  g_assert_cmpstr (dm_place_get_name (((DmLeg *) legs->pdata[1])->to), ==, "Beijing");
  tags = dm_event_get_tags (e);
  g_assert_nonnull (tags);
  g_assert_cmpstr (tags[0], ==, "Trips by plane");

  /* gx:Track: one leg from its first point to its last, with their own times (it never
   * stays 10 minutes within 200 m), so Beijing to Tianjin is one leg */
  e = interop_find_event (doc, "Motorcade");
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 1);
  leg = legs->pdata[0];
  g_assert_cmpint (leg->depart.earliest, ==, utc ("2019-04-26T09:00:00Z"));
  g_assert_cmpint (leg->arrive.earliest, ==, utc ("2019-04-27T08:00:00Z"));
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Xi Jinping");

  /* participants and no traveller: a summit, at the middle of its polygon */
  e = interop_find_event (doc, "Belt and Road Forum");
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_SUMMIT);
  g_assert_cmpuint (dm_event_get_participants (e)->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (dm_event_get_place (e)), 39.9, 1e-9);

  p = interop_find_problem (doc, "Undated pin");
  g_assert_nonnull (p);
  g_assert_cmpuint (dm_problem_get_line (p), ==, interop_line_of (text, "Undated pin") - 1);
}

static void
test_google_earth (void)
{
  check_google_earth ("google-earth.kml");
}

static void
test_kmz (void)
{
  check_google_earth ("google-earth.kmz");
}

static void
test_bad (void)
{
  g_autoptr(GFile) file = interop_file ("bad.kml");
  g_autoptr(DmDocument) doc = interop_load (file);
  struct { const char *needle; const char *line_text; } expected[] = {
    { "coordinates are not", "thirty,fifty" },
    { "the day after", "the day after" },
    { "ends before it begins", "<begin>2025-10-09" },
    { "no geometry", "<name>Nowhere" },
  };

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      DmProblem *p = interop_find_problem (doc, expected[i].needle);
      guint want = interop_line_of (file, expected[i].line_text);

      if (p == NULL)
        g_error ("no problem about “%s”", expected[i].needle);
      /* the element's own line, or the placemark's just above */
      g_assert_cmpuint (dm_problem_get_line (p), <=, want);
      g_assert_cmpuint (dm_problem_get_line (p), >=, want - 1);
      g_assert_cmpuint (dm_problem_get_column (p), >, 1);
    }
}

static void
test_truncated (void)
{
  g_autoptr(GFile) file = interop_file ("truncated.kml");
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) gpx = NULL;
  guint line, column;

  /* where the text stops, as the error's data: just past its last character */
  interop_end_of (file, &line, &column);
  g_assert_cmpuint (line, ==, 41);
  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_true (g_file_equal (dm_error_get_file (error), file));
  g_assert_cmpuint (dm_error_get_line (error), ==, line);
  g_assert_cmpuint (dm_error_get_column (error), ==, column);
  g_assert_true (g_str_has_prefix (error->message, "not valid XML: "));
  g_clear_error (&error);

  /* XML but not KML: at the root element */
  {
    const char *xml = "<?xml version=\"1.0\"?>\n\n<gpx version=\"1.1\">\n</gpx>\n";
    g_autoptr(GBytes) text = g_bytes_new_static (xml, strlen (xml));
    gpx = interop_write_temp (text, "track.kml");
  }
  interop_position_of (gpx, "<gpx", &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_false (dm_loader_load_file (doc, gpx, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_true (g_file_equal (dm_error_get_file (error), gpx));
  g_assert_cmpuint (dm_error_get_line (error), ==, line);
  g_assert_cmpuint (dm_error_get_column (error), ==, column);
  g_assert_cmpstr (error->message, ==, "not KML: the root element should be <kml>");
}

static char *
describe_without_sources (DmEvent *event)
{
  g_autofree char *all = interop_describe (event);
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    if (!g_str_has_prefix (lines[i], "source:"))
      g_string_append_printf (s, "%s\n", lines[i]);
  return g_string_free (s, FALSE);
}

/* Our sample -> KML -> back: every event, time and place (sources are not in KML) */
static void
test_round_trip (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(DmDocument) doc = interop_load (sample);
  g_autoptr(GBytes) bytes = dm_kml_write (doc);
  g_autoptr(GFile) out = interop_write_temp (bytes, "round.kml");
  g_autoptr(DmDocument) back = interop_load (out);

  interop_assert_same_events (doc, back, describe_without_sources);
}

/* What Google Earth reads: a TimeSpan on each placemark and a line colour per actor */
static void
test_for_google_earth (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(DmDocument) doc = interop_load (sample);
  g_autoptr(GBytes) bytes = dm_kml_write (doc);
  const char *text = g_bytes_get_data (bytes, NULL);
  guint placemarks = 0, spans = 0;

  for (const char *p = text; (p = strstr (p, "<Placemark>")) != NULL; p++)
    placemarks++;
  for (const char *p = text; (p = strstr (p, "<TimeSpan><begin>")) != NULL; p++)
    spans++;
  /* 8 legs and 10 - 2 trips = 8 stays; every one is drawn at some time */
  g_assert_cmpuint (placemarks, ==, 16);
  g_assert_cmpuint (spans, ==, placemarks);
  /* Choe's trip from the palette's first colour, #d55e00, as aabbggrr */
  g_assert_nonnull (strstr (text, "<Style id=\"actor-choe\">\n    <LineStyle><color>ff005ed5</color>"));
  g_assert_nonnull (strstr (text, "<styleUrl>#actor-choe</styleUrl>"));
  /* the app's colours: Trump blue, Xi orange (the fifth slot), as on the map */
  g_assert_nonnull (strstr (text, "<Style id=\"actor-trump\">\n    <LineStyle><color>ffb27200</color>"));
  g_assert_nonnull (strstr (text, "<Style id=\"actor-xi\">\n    <LineStyle><color>ff009fe6</color>"));
  /* and the same when only Trump's events are exported (a view of them, as the app makes) */
  {
    g_autoptr(GListStore) his = g_list_store_new (DM_TYPE_EVENT);
    g_autoptr(DmDocument) view = NULL;
    g_autoptr(GBytes) alone = NULL;
    GListModel *events = dm_document_get_events (doc);

    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
        if (dm_event_involves (e, dm_document_lookup_actor (doc, "trump")))
          g_list_store_append (his, e);
      }
    view = dm_document_new_filtered (doc, G_LIST_MODEL (his));
    alone = dm_kml_write (view);
    g_assert_nonnull (strstr (g_bytes_get_data (alone, NULL),
                              "<Style id=\"actor-trump\">\n    <LineStyle><color>ffb27200</color>"));
  }
  /* Tokyo, 27-28 October local: from 26 October 15:00 UTC to 28 October 15:00 UTC */
  g_assert_nonnull (strstr (text, "<TimeSpan><begin>2025-10-26T15:00:00Z</begin><end>2025-10-28T15:00:00Z</end></TimeSpan>"));
}

/* A nonstop flight recorded as a gx:Track, a point every 30 km: one leg, not 129 stops
 * (issue 10) */
static void
test_flight_track (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("flight.kml");
  g_autoptr(GString) kml = g_string_new ("<kml xmlns=\"http://www.opengis.net/kml/2.2\" "
                                         "xmlns:gx=\"http://www.google.com/kml/ext/2.2\">"
                                         "<Placemark><name>Flight</name><gx:Track>\n");
  g_autoptr(GError) error = NULL;
  GPtrArray *legs;
  DmEvent *e;

  for (guint i = 0; i < 130; i++)
    g_string_append_printf (kml, "<when>2019-04-26T%02u:%02u:00Z</when>\n", 8 + i / 60, i % 60);
  for (guint i = 0; i < 130; i++)
    g_string_append_printf (kml, "<gx:coord>%u.%u 50 10000</gx:coord>\n", i * 4 / 10, i * 4 % 10);
  g_string_append (kml, "</gx:Track></Placemark></kml>\n");

  g_assert_true (dm_kml_format_load (doc, file, kml->str, kml->len, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  e = g_list_model_get_item (dm_document_get_events (doc), 0);
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (((DmLeg *) legs->pdata[0])->to), 51.6, 1e-6);
  g_assert_cmpint (((DmLeg *) legs->pdata[0])->arrive.earliest - ((DmLeg *) legs->pdata[0])->depart.earliest,
                   ==, 129 * 60);
  /* the leg keeps the track's 130 points, drawn instead of the great circle */
  g_assert_nonnull (((DmLeg *) legs->pdata[0])->path);
  g_assert_cmpuint (((DmLeg *) legs->pdata[0])->path->len, ==, 2 * 130);
  g_assert_cmpfloat_with_epsilon (g_array_index (((DmLeg *) legs->pdata[0])->path, double, 2 * 65), 26.0, 1e-9);
  g_object_unref (e);
}

/* Issue 10: a placemark without geometry is placed by its name, inside the country and the
 * state it names (as iCalendar's LOCATION is): not South Africa's Newcastle, not Wales's
 * Newport, not Canada's Del Mar, not Russia's Sochi */
static void
test_free_text_places (void)
{
  static const char text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n"
    "<Placemark><name>O2 City Hall Newcastle, Newcastle, United Kingdom</name><TimeStamp><when>2017-07-06</when></TimeStamp></Placemark>\n"
    "<Placemark><name>Newport, KY, United States</name><TimeStamp><when>2017-07-07</when></TimeStamp></Placemark>\n"
    "<Placemark><name>Del Mar, CA</name><TimeStamp><when>2017-07-08</when></TimeStamp></Placemark>\n"
    "<Placemark><name>Sochi, Florida</name><TimeStamp><when>2017-07-09</when></TimeStamp></Placemark>\n"
    "</Document></kml>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "free-text.kml");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 4);
  e = interop_find_event (doc, "O2 City Hall Newcastle, Newcastle, United Kingdom");
  g_assert_nonnull (e);
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "GB");
  e = interop_find_event (doc, "Newport, KY, United States");
  g_assert_nonnull (e);
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "US");
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (dm_event_get_place (e)), 39.09, 0.05);
  e = interop_find_event (doc, "Del Mar, CA");
  g_assert_nonnull (e);
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "US");
  g_assert_nonnull (interop_find_problem_at (doc, "“Del Mar” is not a place the gazetteer knows in California",
                                             interop_line_of (file, "Del Mar")));
  e = interop_find_event (doc, "Sochi, Florida");
  g_assert_nonnull (e);
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "US");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interop/kml/google-earth", test_google_earth);
  g_test_add_func ("/interop/kml/flight-track", test_flight_track);
  g_test_add_func ("/interop/kml/kmz", test_kmz);
  g_test_add_func ("/interop/kml/bad", test_bad);
  g_test_add_func ("/interop/kml/truncated", test_truncated);
  g_test_add_func ("/interop/kml/round-trip", test_round_trip);
  g_test_add_func ("/interop/kml/for-google-earth", test_for_google_earth);
  g_test_add_func ("/interop/kml/free-text-places", test_free_text_places);
  return g_test_run ();
}
