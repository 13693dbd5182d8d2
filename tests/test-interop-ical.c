/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "interop-common.h"

static gint64
utc (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_visits (void)
{
  g_autoptr(GFile) file = interop_file ("visits.ics");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;
  DmProblem *p;
  const DmTime *t;

  g_assert_cmpstr (dm_document_get_title (doc), ==, "Foreign minister's calendar");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 5);

  /* a TZID from the file's VTIMEZONE (+03:00), LOCATION's city, organizer and attendee */
  e = interop_find_event (doc, "talks-moscow@example.org");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_MEETING);
  g_assert_cmpstr (dm_event_get_title (e), ==, "Talks with Lavrov");
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (e)), ==, "Moscow");
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Choe Son Hui");
  g_assert_cmpuint (dm_event_get_participants (e)->len, ==, 1);
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_participants (e)->pdata[0]), ==, "Sergey Lavrov");
  t = dm_event_get_start (e);
  g_assert_cmpint (t->earliest, ==, utc ("2025-10-27T07:00:00Z"));
  g_assert_true (t->has_offset);
  g_assert_cmpint (t->utc_offset, ==, 3 * 3600);
  g_assert_cmpint (dm_event_get_end (e)->earliest, ==, utc ("2025-10-27T09:30:00Z"));
  g_assert_cmpint (dm_event_get_status (e), ==, DM_STATUS_CONFIRMED);
  g_assert_cmpstr (dm_event_get_notes (e), ==, "Bilateral talks, then a working lunch.");
  g_assert_cmpstr (dm_event_get_tags (e)[0], ==, "Russia");
  g_assert_cmpuint (dm_event_get_line (e), ==, interop_line_of (file, "UID:talks-moscow") - 1);

  /* all-day: local days at Minsk; DTEND is exclusive, so the last day is the 29th */
  e = interop_find_event (doc, "minsk-stay@example.org");
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_VISIT);
  g_assert_cmpint (dm_event_get_start (e)->precision, ==, DM_PRECISION_DAY);
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2025-10-27T21:00:00Z"));
  g_assert_cmpint (dm_event_get_end (e)->latest, ==, utc ("2025-10-29T21:00:00Z"));
  g_assert_cmpint (dm_event_get_status (e), ==, DM_STATUS_PLANNED);
  /* nobody named: the calendar's name is who */
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Foreign minister's calendar");

  /* a TZID the file does not define, from the zone database */
  e = interop_find_event (doc, "tokyo@example.org");
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2025-10-27T10:00:00Z"));
  g_assert_cmpint (dm_event_get_start (e)->utc_offset, ==, 9 * 3600);

  /* GEO gives the point, UTC time, URL a source */
  e = interop_find_event (doc, "geo@example.org");
  g_assert_cmpfloat (dm_place_get_latitude (dm_event_get_place (e)), ==, 42.2567);
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (e)), ==, "Rason Economic Zone");
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "KP");
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2025-11-01T02:00:00Z"));
  g_assert_cmpstr (((DmSource *) dm_event_get_sources (e)->pdata[0])->url, ==, "https://example.org/rason");

  /* CATEGORIES naming a kind */
  e = interop_find_event (doc, "summit@example.org");
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_SUMMIT);
  g_assert_cmpuint (dm_event_get_participants (e)->len, ==, 2);
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "KR");

  p = interop_find_problem (doc, "Reception to be scheduled");
  g_assert_nonnull (p);
  g_assert_cmpuint (dm_problem_get_line (p), ==, interop_line_of (file, "UID:undated") - 1);
  p = interop_find_problem (doc, "Qwxyzzy");
  g_assert_nonnull (p);
  g_assert_cmpuint (dm_problem_get_line (p), ==, interop_line_of (file, "LOCATION:Qwxyzzy"));
}

/* LOCATION as tour calendars write it: the country and state named are used (issue 10) */
static void
test_locations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "locations.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  DmPlace *place;
  DmProblem *p;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 7);
  place = dm_event_get_place (interop_find_event (doc, "newcastle@example.org"));
  g_assert_cmpstr (dm_place_get_name (place), ==, "Newcastle upon Tyne");
  g_assert_cmpstr (dm_place_get_country (place), ==, "GB");
  place = dm_event_get_place (interop_find_event (doc, "newport@example.org"));
  g_assert_cmpstr (dm_place_get_country (place), ==, "US");
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (place), 39.09, 0.05);
  g_assert_null (interop_find_problem (doc, "Newport"));

  /* not in the gazetteer: in the state's country, said once, never Canada or Moldova */
  place = dm_event_get_place (interop_find_event (doc, "del-mar@example.org"));
  g_assert_cmpstr (dm_place_get_country (place), ==, "US");
  g_assert_cmpint (dm_place_get_level (place), ==, DM_PLACE_LEVEL_COUNTRY);
  p = interop_find_problem_at (doc, "“Del Mar” is not a place the gazetteer knows in California",
                               interop_line_of (file, "LOCATION:Del Mar"));
  g_assert_nonnull (p);
  place = dm_event_get_place (interop_find_event (doc, "andrews@example.org"));
  g_assert_cmpstr (dm_place_get_country (place), ==, "US");
  g_assert_nonnull (interop_find_problem (doc, "in Maryland"));
  /* the qualifier is not dropped: not Australia's Palm Beach, not Russia's Sochi */
  place = dm_event_get_place (interop_find_event (doc, "palm-beach@example.org"));
  g_assert_cmpstr (dm_place_get_country (place), ==, "US");
  g_assert_nonnull (interop_find_problem (doc, "“Palm Beach” is not a place the gazetteer knows in Florida"));
  place = dm_event_get_place (interop_find_event (doc, "sochi@example.org"));
  g_assert_cmpstr (dm_place_get_country (place), ==, "US");
  /* a qualifier that names nothing: matched without it, and said */
  place = dm_event_get_place (interop_find_event (doc, "gyeongju@example.org"));
  g_assert_cmpstr (dm_place_get_country (place), ==, "KR");
  g_assert_nonnull (interop_find_problem (doc, "“North Gyeongsang” is not a country or region"));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 5);
}

/* A LOCATION that is an airport code is the airport: "ATH" is Athens, not Ath in
 * Belgium; "ZKPY" is Pyongyang's airport; "PHL" alone stays the Philippines (issue 10) */
static void
test_airport_codes (void)
{
  static const char text[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Diplomap tests//EN\r\n"
    "BEGIN:VEVENT\r\nUID:ath@example.org\r\nDTSTART;VALUE=DATE:20170305\r\nSUMMARY:Arrival\r\n"
    "LOCATION:ATH\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:fnj@example.org\r\nDTSTART;VALUE=DATE:20170310\r\nSUMMARY:Arrival\r\n"
    "LOCATION:ZKPY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:phl@example.org\r\nDTSTART;VALUE=DATE:20170312\r\nSUMMARY:Visit\r\n"
    "LOCATION:PHL\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "airports.ics");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmPlace *place;

  place = dm_event_get_place (interop_find_event (doc, "ath@example.org"));
  g_assert_cmpstr (dm_place_get_name (place), ==, "Athens (ATH)");
  g_assert_cmpstr (dm_place_get_country (place), ==, "GR");
  place = dm_event_get_place (interop_find_event (doc, "fnj@example.org"));
  g_assert_cmpstr (dm_place_get_country (place), ==, "KP");
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (place), 39.22, 0.05);
  place = dm_event_get_place (interop_find_event (doc, "phl@example.org"));
  g_assert_cmpstr (dm_place_get_country (place), ==, "PH");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
}

static void
test_bad (void)
{
  g_autoptr(GFile) file = interop_file ("bad.ics");
  g_autoptr(DmDocument) doc = interop_load (file);
  struct { const char *needle; const char *line_text; } expected[] = {
    { "DTSTART is not", "DTSTART:tomorrow" },
    { "ends before it starts", "DTEND:20251109" },
    { "GEO is outside", "GEO:95" },
    { "Indochina Standard Time", "DTSTART;TZID=Indochina" },
    /* out of libical's range: an event with no start, before */
    { "DTSTART is not", "DTSTART:99991301" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint line = interop_line_of (file, expected[i].line_text);
      if (interop_find_problem_at (doc, expected[i].needle, line) == NULL)
        g_error ("no problem about “%s” at line %u", expected[i].needle, line);
    }
  /* the good one, and the one with an unknown zone (read as local in Hanoi) */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
  {
    DmEvent *e = interop_find_event (doc, "e");
    g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2025-11-11T03:00:00Z"));
  }
}

static void
test_truncated (void)
{
  g_autoptr(GFile) file = interop_file ("truncated.ics");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmProblem *p;

  /* the complete events load; the cut one is reported where it begins */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 5);
  p = interop_find_problem (doc, "END:VEVENT");
  g_assert_nonnull (p);
  g_assert_cmpuint (dm_problem_get_line (p), ==, interop_line_of (file, "UID:undated") - 1);
  g_assert_nonnull (interop_find_problem (doc, "END:VCALENDAR"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interop/ical/visits", test_visits);
  g_test_add_func ("/interop/ical/locations", test_locations);
  g_test_add_func ("/interop/ical/airport-codes", test_airport_codes);
  g_test_add_func ("/interop/ical/bad", test_bad);
  g_test_add_func ("/interop/ical/truncated", test_truncated);
  return g_test_run ();
}
