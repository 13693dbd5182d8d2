/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dm-csv-private.h"
#include "dm-import-private.h"
#include "dm-error.h"
#include "dm-loader.h"
#include "dm-saver.h"
#include "interop-common.h"

static gint64
utc (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static DmEvent *
find_trip_of (DmDocument *doc,
              const char *actor_name,
              guint       nth)
{
  GListModel *events = dm_document_get_events (doc);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      if (dm_event_get_kind (e) == DM_EVENT_KIND_TRIP && dm_event_get_actor (e) &&
          g_strcmp0 (dm_actor_get_name (dm_event_get_actor (e)), actor_name) == 0 && nth-- == 0)
        return e;
    }
  return NULL;
}

/* The reader alone: quotes, doubled quotes, line breaks in a field, positions (a byte
 * order mark is gone before the reader: /model/document/byte-order-mark) */
static void
test_parser (void)
{
  const char *text = "a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\nthere\"\r\nété;;z";
  DmCsvReader reader;
  g_autoptr(GPtrArray) r1 = NULL;
  g_autoptr(GPtrArray) r2 = NULL;
  g_autoptr(GPtrArray) r3 = NULL;
  g_autoptr(GError) error = NULL;
  guint line, column;
  DmCsvField *f;

  dm_csv_reader_init (&reader, text, strlen (text), 0);
  g_assert_cmpint (reader.delimiter, ==, ';');
  r1 = dm_csv_reader_next (&reader, &line, &column, &error);
  g_assert_cmpuint (r1->len, ==, 3);
  g_assert_cmpstr (((DmCsvField *) r1->pdata[0])->text, ==, "a");
  r2 = dm_csv_reader_next (&reader, &line, &column, &error);
  g_assert_cmpuint (r2->len, ==, 3);
  g_assert_cmpstr (((DmCsvField *) r2->pdata[1])->text, ==, "x;y");
  f = r2->pdata[2];
  g_assert_cmpstr (f->text, ==, "say \"hi\"\nthere");
  g_assert_cmpuint (f->line, ==, 2);
  g_assert_cmpuint (f->column, ==, 9);
  r3 = dm_csv_reader_next (&reader, &line, &column, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r3->len, ==, 3);
  f = r3->pdata[2];
  g_assert_cmpstr (f->text, ==, "z");
  g_assert_cmpuint (f->line, ==, 4);
  g_assert_cmpuint (f->column, ==, 6);   /* "été" is three characters */
  g_assert_null (dm_csv_reader_next (&reader, &line, &column, &error));
  g_assert_no_error (error);

  /* a quote that never closes: an error where the field starts */
  dm_csv_reader_init (&reader, "a,b\n1,\"open\n2,3\n", 16, 0);
  g_ptr_array_unref (dm_csv_reader_next (&reader, &line, &column, &error));
  g_assert_null (dm_csv_reader_next (&reader, &line, &column, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 3);
}

static void
test_spreadsheet (void)
{
  g_autoptr(GFile) file = interop_file ("spreadsheet.csv");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;
  DmLeg *leg;
  GPtrArray *legs;

  if (g_list_model_get_n_items (dm_document_get_problems (doc)) > 0)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (dm_document_get_problems (doc), 0);
      g_autofree char *s = dm_problem_to_string (p);
      g_error ("unexpected problem: %s", s);
    }
  /* J1 (trip column): two legs; Putin's joined legs: one trip of three; two visits */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 4);

  e = interop_find_event (doc, "J1");
  g_assert_nonnull (e);
  g_assert_cmpstr (dm_actor_get_name (dm_event_get_actor (e)), ==, "Kim Jong Un");
  g_assert_cmpint (dm_event_get_status (e), ==, DM_STATUS_COMPLETED);
  g_assert_cmpstr (dm_event_get_notes (e), ==, "Armoured train; via Khasan");
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 2);
  leg = legs->pdata[0];
  g_assert_cmpstr (dm_place_get_name (leg->from), ==, "Pyongyang");
  g_assert_cmpstr (dm_place_get_name (leg->to), ==, "Vladivostok");
  /* DD/MM/YYYY, the local day at each end */
  g_assert_cmpint (leg->depart.earliest, ==, utc ("2019-04-23T15:00:00Z"));
  g_assert_cmpint (leg->arrive.earliest, ==, utc ("2019-04-23T14:00:00Z"));
  leg = legs->pdata[1];
  g_assert_cmpint (leg->arrive.precision, ==, DM_PRECISION_DAY);
  g_assert_cmpint (leg->arrive.earliest, ==, utc ("2019-04-26T15:00:00Z"));

  e = find_trip_of (doc, "Vladimir Putin", 0);
  g_assert_nonnull (e);
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 3);
  /* "YYYY-MM-DD HH:MM" local at Moscow (UTC+3), "DD/MM/YYYY HH:MM" at Vladivostok (UTC+10) */
  g_assert_cmpint (((DmLeg *) legs->pdata[0])->depart.earliest, ==, utc ("2019-04-24T05:00:00Z"));
  g_assert_cmpint (((DmLeg *) legs->pdata[1])->depart.earliest, ==, utc ("2019-04-25T08:30:00Z"));
  g_assert_cmpstr (dm_place_get_name (((DmLeg *) legs->pdata[2])->to), ==, "Moscow");

  /* a visit by coordinates with decimal commas and DD.MM.YYYY */
  e = interop_find_event (doc, "Wang Yi: Visit in Russky Island");
  if (e == NULL)
    {
      GListModel *events = dm_document_get_events (doc);
      for (guint i = 0; i < g_list_model_get_n_items (events) && e == NULL; i++)
        {
          g_autoptr(DmEvent) x = g_list_model_get_item (events, i);
          if (dm_event_get_place (x) && g_str_equal (dm_place_get_name (dm_event_get_place (x)), "Russky Island"))
            e = x;
        }
    }
  g_assert_nonnull (e);
  g_assert_cmpfloat (dm_place_get_latitude (dm_event_get_place (e)), ==, 43.03);
  g_assert_cmpfloat (dm_place_get_longitude (dm_event_get_place (e)), ==, 131.89);
  g_assert_cmpstr (dm_place_get_timezone (dm_event_get_place (e)), ==, "Asia/Vladivostok");
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2019-04-24T14:00:00Z"));
  g_assert_cmpint (dm_event_get_status (e), ==, DM_STATUS_PLANNED);
  /* the line of the event is its row's */
  g_assert_cmpuint (dm_event_get_line (e), ==, interop_line_of (file, "Russky Island"));
}

static void
test_tsv (void)
{
  g_autoptr(GFile) file = interop_file ("routes.tsv");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e = interop_find_event (doc, "t1");
  GPtrArray *legs;

  g_assert_nonnull (e);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 2);
  g_assert_cmpstr (dm_place_get_country (((DmLeg *) legs->pdata[0])->from), ==, "US");
  g_assert_cmpint (((DmLeg *) legs->pdata[0])->arrive.earliest, ==, utc ("2025-12-02T19:00:00Z"));
  /* an empty "from" continues from the previous leg */
  g_assert_cmpstr (dm_place_get_name (((DmLeg *) legs->pdata[1])->from), ==, "Brussels");
  g_assert_cmpstr (dm_place_get_name (((DmLeg *) legs->pdata[1])->to), ==, "Ankara");
}

static void
test_bad (void)
{
  g_autoptr(GFile) file = interop_file ("bad.csv");
  g_autoptr(DmDocument) doc = interop_load (file);
  struct { const char *needle; const char *line_text; guint column; } expected[] = {
    { "Qwxyzzy Nowhere", "Qwxyzzy", 11 },
    { "sometime in spring", "sometime", 19 },
    { "31/13/2025", "31/13/2025", 15 },
    { "no “to”", "Singapore,,", 1 },
    { "99999999999999999999 is not a time", "99999999999999999999", 19 },
    { "never ends", "\"A", 35 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      DmProblem *p = interop_find_problem (doc, expected[i].needle);
      if (p == NULL)
        g_error ("no problem about “%s”", expected[i].needle);
      g_assert_cmpuint (dm_problem_get_line (p), ==, interop_line_of (file, expected[i].line_text));
      g_assert_cmpuint (dm_problem_get_column (p), ==, expected[i].column);
    }
  /* the one good row */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
}

/* A CSV that cannot be read at all fails with where as the error's data: its header's
 * quoted field that never ends, where that field starts */
static void
test_unreadable (void)
{
  const char *csv = "date,from,to,\"traveller\n2025-10-01,Paris,Berlin,Macron\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(GFile) file = interop_write_temp (bytes, "unreadable.csv");
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  guint line, column;

  interop_position_of (file, "\"traveller", &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 14);
  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_true (g_file_equal (dm_error_get_file (error), file));
  g_assert_cmpuint (dm_error_get_line (error), ==, line);
  g_assert_cmpuint (dm_error_get_column (error), ==, column);
  g_assert_nonnull (strstr (error->message, "never ends"));
  g_assert_null (strstr (error->message, "unreadable.csv"));
}

/* Our sample -> CSV -> back: the same trips, legs, places and times */
static void
test_round_trip (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(DmDocument) doc = interop_load (sample);
  g_autoptr(GBytes) bytes = dm_csv_write (doc);
  g_autoptr(GFile) out = interop_write_temp (bytes, "round.csv");
  g_autoptr(DmDocument) back = interop_load (out);
  GListModel *a = dm_document_get_events (doc), *b = dm_document_get_events (back);

  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "\xEF\xBB\xBF" "trip,type,"));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (back)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (b), ==, g_list_model_get_n_items (a));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(DmEvent) ea = g_list_model_get_item (a, i);
      g_autoptr(DmEvent) eb = g_list_model_get_item (b, i);
      GPtrArray *la = dm_event_get_legs (ea), *lb = dm_event_get_legs (eb);

      g_assert_cmpstr (dm_event_get_id (eb), ==, dm_event_get_id (ea));
      g_assert_cmpint (dm_event_get_kind (eb), ==, dm_event_get_kind (ea));
      g_assert_cmpstr (dm_event_get_title (eb), ==, dm_event_get_title (ea));
      g_assert_cmpint (dm_event_get_start (eb)->earliest, ==, dm_event_get_start (ea)->earliest);
      g_assert_cmpint (dm_event_get_end (eb)->latest, ==, dm_event_get_end (ea)->latest);
      g_assert_cmpuint (lb->len, ==, la->len);
      for (guint k = 0; k < la->len; k++)
        {
          DmLeg *x = la->pdata[k], *y = lb->pdata[k];
          g_assert_cmpstr (dm_place_get_name (y->to), ==, dm_place_get_name (x->to));
          g_assert_cmpint (y->depart.earliest, ==, x->depart.earliest);
          g_assert_cmpint (y->depart.approximate, ==, x->depart.approximate);
          g_assert_cmpint (y->arrive.latest, ==, x->arrive.latest);
        }
      if (dm_event_get_place (ea))
        g_assert_true (dm_place_equal (dm_event_get_place (eb), dm_event_get_place (ea)));
    }
}

/* Places written as people write them in a spreadsheet: the country and state named are
 * used, a place not in them is said (issue 10) */
static void
test_locations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "locations.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  GListModel *events = dm_document_get_events (doc);
  const char *countries[] = { "GB", "US", "US", "US", "US" };

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, G_N_ELEMENTS (countries));
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);

      g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, countries[i]);
    }
  g_assert_nonnull (interop_find_problem_at (doc, "“Del Mar” is not a place the gazetteer knows in California", 4));
  g_assert_nonnull (interop_find_problem_at (doc, "in Maryland", 5));
  g_assert_nonnull (interop_find_problem_at (doc, "in Florida", 6));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 3);
}

static gint64
day_of (DmDocument *doc,
        guint       position)
{
  g_autoptr(DmEvent) e = g_list_model_get_item (dm_document_get_events (doc), position);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (dm_event_get_start (e)->earliest);

  return g_date_time_get_month (dt) * 100 + g_date_time_get_day_of_month (dt) +
         g_date_time_get_year (dt) * 10000;
}

/* Day and month order decided per column, two-digit years (issue 10) */
static void
test_date_order (void)
{
  g_autofree char *us = g_test_build_filename (G_TEST_DIST, "data", "real", "us-dates.csv", NULL);
  g_autofree char *either = g_test_build_filename (G_TEST_DIST, "data", "real", "ambiguous-dates.csv", NULL);
  g_autoptr(GFile) us_file = g_file_new_for_path (us);
  g_autoptr(GFile) either_file = g_file_new_for_path (either);
  g_autoptr(DmDocument) doc = interop_load (us_file);
  g_autoptr(DmDocument) doc2 = NULL;

  /* "2/24/2017" settles the column: "7/6/2017" is 6 July, not 7 June */
  g_assert_cmpint (day_of (doc, 0), >=, 20170705);
  g_assert_cmpint (day_of (doc, 0), <=, 20170706);
  g_assert_cmpint (day_of (doc, 2), >=, 20170223);   /* 2/24/17 */
  g_assert_cmpint (day_of (doc, 2), <=, 20170224);
  g_assert_cmpint (day_of (doc, 3), >=, 20171130);   /* 12/1/17: 1 December */
  g_assert_cmpint (day_of (doc, 3), <=, 20171201);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);

  /* nothing settles it: day first, said once at the column's header */
  doc2 = interop_load (either_file);
  g_assert_cmpint (day_of (doc2, 0), >=, 20170606);
  g_assert_cmpint (day_of (doc2, 0), <=, 20170607);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc2)), ==, 1);
  g_assert_nonnull (interop_find_problem_at (doc2, "No date in column “date” tells whether", 1));
  {
    g_autoptr(DmProblem) p = g_list_model_get_item (dm_document_get_problems (doc2), 0);
    g_assert_cmpuint (dm_problem_get_column (p), ==, 11);
  }
}

/* Linked Places' tabular form: title, start, end, geowkt, ccodes (issue 10) */
static void
test_lp_tsv (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "lp-places.tsv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *e;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
  e = interop_find_event (doc, "1");
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (e)), ==, "Abingdon");
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "GB");
  g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (dm_event_get_place (e)), -1.2879, 1e-6);
  g_assert_cmpint (dm_event_get_start (e)->precision, ==, DM_PRECISION_YEAR);
  e = interop_find_event (doc, "2");
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, "EG");
  g_assert_nonnull (interop_find_problem_at (doc, "“POINT(200 10)” is not a point", 4));
}

/* "destination country, destination city, date" with no origin: visits, not legs that
 * start nowhere (issue 10) */
static void
test_destination_only (void)
{
  static const char text[] =
    "Destination Country,Destination City,Date\n"
    "France,Paris,2019-05-03\n"
    "Japan,Osaka,2019-06-28\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "destinations.csv");
  g_autoptr(DmDocument) doc = interop_load (file);
  GListModel *events = dm_document_get_events (doc);
  g_autoptr(DmEvent) e = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  e = g_list_model_get_item (events, 1);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_VISIT);
  g_assert_nonnull (dm_event_get_place (e));
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (e)), ==, "Osaka");
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (dm_event_get_place (e)), 34.69, 0.2);
  g_assert_true (dm_time_is_known (dm_event_get_start (e)));
}

/* A flight log's airport codes are airports: "PHL" is Philadelphia, not the Philippines,
 * "ATH" Athens, not Ath in Belgium; a code the gazetteer lacks is a problem at its cell,
 * never a town of that name (issue 10) */
static void
test_airport_codes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "flights.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  static const struct { const char *name; const char *country; double lat, lon; } ends[] = {
    { "San Diego (SAN)", "US", 32.73, -117.19 },
    { "Philadelphia (PHL)", "US", 39.87, -75.24 },
    { "Syracuse (SYR)", "US", 43.11, -76.11 },
    { "Orlando (MCO)", "US", 28.43, -81.31 },
    { "Athens (ATH)", "GR", 37.94, 23.94 },
    { "Moscow (SVO)", "RU", 55.97, 37.41 },
    { "Pyongyang (ZKPY)", "KP", 39.22, 125.67 },
  };
  g_autoptr(DmEvent) trip = NULL;
  DmProblem *problem;
  GPtrArray *legs;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  trip = g_list_model_get_item (dm_document_get_events (doc), 0);
  legs = dm_event_get_legs (trip);
  g_assert_cmpuint (legs->len, ==, G_N_ELEMENTS (ends) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      DmLeg *leg = legs->pdata[MIN (i, legs->len - 1)];
      DmPlace *place = i < legs->len ? leg->from : leg->to;

      g_assert_cmpstr (dm_place_get_name (place), ==, ends[i].name);
      g_assert_cmpstr (dm_place_get_country (place), ==, ends[i].country);
      g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (place), ends[i].lat, 0.05);
      g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (place), ends[i].lon, 0.05);
    }
  /* the time is read in the airport's zone: 1 March 2017 in San Diego starts at 08:00 UTC */
  g_assert_cmpint (((DmLeg *) legs->pdata[0])->depart.earliest, ==, utc ("2017-03-01T08:00:00Z"));

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 1);
  problem = interop_find_problem_at (doc, "“PYO” is not an airport code the gazetteer knows", 8);
  g_assert_nonnull (problem);
  g_assert_cmpuint (dm_problem_get_column (problem), ==, 17);
}

/* Spreadsheets as people make them (issue 10): a "Year" column is a date of that
 * precision, bilingual names match on either part, one "Coordinates" cell holds both
 * numbers, in decimal or in degrees and minutes */
static void
test_diary (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "diary.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  GListModel *events = dm_document_get_events (doc);
  static const struct { const char *country; double lat, lon; int year; } rows[] = {
    { "RU", 55.75, 37.62, 2019 },
    { "CN", 39.91, 116.40, 2018 },
    { NULL, 55.75, 37.62, 2017 },
    { NULL, -33.8667, 151.2, 2016 },
  };
  DmProblem *problem;

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      DmPlace *place = dm_event_get_place (e);
      const DmTime *start = dm_event_get_start (e);
      g_autoptr(GDateTime) mid = g_date_time_new_from_unix_utc ((start->earliest + start->latest) / 2);

      g_assert_nonnull (place);
      if (rows[i].country != NULL)
        g_assert_cmpstr (dm_place_get_country (place), ==, rows[i].country);
      g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (place), rows[i].lat, 0.05);
      g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (place), rows[i].lon, 0.05);
      g_assert_cmpint (start->precision, ==, DM_PRECISION_YEAR);
      g_assert_cmpint (g_date_time_get_year (mid), ==, rows[i].year);
    }
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 1);
  problem = interop_find_problem_at (doc, "“north of here” is not a latitude and longitude", 6);
  g_assert_nonnull (problem);
  g_assert_cmpuint (dm_problem_get_column (problem), ==, 14);
}

/* A "Month" column, with a "Year" column or the year in it (a travel log kept to the
 * month, as issue 10 describes them): a date of month precision */
static void
test_months (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "months.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  GListModel *events = dm_document_get_events (doc);
  static const struct { const char *country; int year, month; } rows[] = {
    { "JP", 2024, 7 }, { "FR", 2023, 10 }, { "KR", 2019, 5 }, { "PE", 2018, 10 },
  };
  static const struct { const char *text, *year, *iso; } cells[] = {
    { "2025-10", NULL, "2025-10" }, { "10/2025", NULL, "2025-10" }, { "Oct 2025", NULL, "2025-10" },
    { "October, 2025", NULL, "2025-10" }, { "Sept", "2025", "2025-09" }, { "3", " 1999 ", "1999-03" },
    { "13", "2025", NULL }, { "October", NULL, NULL }, { "Smarch", "2020", NULL },
    { "2025-10-28", NULL, NULL }, { "Oct 25", NULL, NULL },
  };

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      const DmTime *start = dm_event_get_start (e);
      g_autoptr(GDateTime) mid = g_date_time_new_from_unix_utc ((start->earliest + start->latest) / 2);

      g_assert_cmpstr (dm_place_get_country (dm_event_get_place (e)), ==, rows[i].country);
      g_assert_cmpint (start->precision, ==, DM_PRECISION_MONTH);
      g_assert_cmpint (g_date_time_get_year (mid), ==, rows[i].year);
      g_assert_cmpint (g_date_time_get_month (mid), ==, rows[i].month);
      /* the whole month, not its first day */
      g_assert_cmpint (start->latest - start->earliest, >, 27 * 86400);
    }
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 1);
  g_assert_nonnull (interop_find_problem_at (doc, "“Smarch” is not a month", 6));

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *iso = dm_import_dup_month (cells[i].text, cells[i].year);
      if (g_strcmp0 (iso, cells[i].iso) != 0)
        g_error ("“%s” with year “%s”: %s, want %s", cells[i].text, cells[i].year, iso, cells[i].iso);
    }
}

static DmPlace *
find_place (DmDocument *doc,
            const char *name)
{
  GListModel *places = dm_document_get_places (doc);

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DmPlace) place = g_list_model_get_item (places, i);

      if (g_strcmp0 (dm_place_get_name (place), name) == 0)
        return place;
    }
  return NULL;
}

/* kepler.gl's demo data: GeoJSON in CSV cells. movement_pittsburgh's zones (polygons in a
 * Feature, no dates) are places at their centroids, named as the feature names them; a
 * trip layer's LineString with a Unix time as 4th coordinate is a track (one leg per
 * dwell, its times kept), one without times a route of places; a row's name and date
 * columns go with its cell; problems are at the cell */
static void
test_geojson_cells (void)
{
  g_autofree char *movement_path = g_test_build_filename (G_TEST_DIST, "data", "real", "kepler-movement.csv", NULL);
  g_autofree char *trips_path = g_test_build_filename (G_TEST_DIST, "data", "real", "kepler-trips.csv", NULL);
  g_autoptr(GFile) movement = g_file_new_for_path (movement_path);
  g_autoptr(GFile) trips = g_file_new_for_path (trips_path);
  g_autoptr(DmDocument) doc = interop_load (movement);
  static const struct { const char *name; double lat, lon; } zones[] = {
    /* the centroid of the outer ring, not the middle of its bounding box (40.4280395, -80.1011495) */
    { "300 Pennsview Court, Pittsburgh", 40.428264189, -80.101147444 },
    { "1200 Singer Place, Pittsburgh", 40.446226588, -79.882423724 },
    { "100 Boyer Street, Northview Heights, Pittsburgh", 40.477513057, -80.002436206 },
  };
  DmProblem *p;
  DmEvent *e;
  GPtrArray *legs;
  DmLeg *leg;
  guint line, column;

  /* five rows, three zones: drawn as places, no event, the rows without time counted */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_places (doc)), ==, G_N_ELEMENTS (zones));
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      DmPlace *place = find_place (doc, zones[i].name);

      g_assert_nonnull (place);
      g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (place), zones[i].lat, 1e-6);
      g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (place), zones[i].lon, 1e-6);
    }
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 4);
  /* at the row and the column where the first GeoJSON cell (X_geojson) starts */
  interop_position_of (movement, ",\"{", &line, &column);
  p = interop_find_problem_at (doc, "This feature has no time", 2);
  g_assert_nonnull (p);
  g_assert_cmpuint (dm_problem_get_column (p), ==, column + 1);
  g_assert_nonnull (interop_find_problem_at (doc, "2 more features have no time", 5));
  g_clear_object (&doc);

  doc = interop_load (trips);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);

  /* 25 points a minute apart with a 12-minute wait: two legs, not 24 */
  e = interop_find_event (doc, "Ride to Harlem");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_TRIP);
  legs = dm_event_get_legs (e);
  g_assert_cmpuint (legs->len, ==, 2);
  leg = g_ptr_array_index (legs, 0);
  g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (leg->from), -73.9855, 1e-9);
  g_assert_cmpint (leg->depart.earliest, ==, 1565000000);
  g_assert_cmpint (leg->arrive.earliest, ==, 1565000360);
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (leg->to), 40.794, 1e-9);
  g_assert_nonnull (leg->path);
  /* the way it went: its first point, the five it passed, where it waited */
  g_assert_cmpuint (leg->path->len, ==, 2 * 7);
  g_assert_cmpfloat_with_epsilon (g_array_index (leg->path, double, 2 * 3), -73.9735, 1e-9);
  leg = g_ptr_array_index (legs, 1);
  g_assert_cmpint (leg->depart.earliest, ==, 1565001080);
  g_assert_cmpint (leg->arrive.earliest, ==, 1565001440);
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (leg->to), 40.83, 1e-9);

  /* the row's name and date go with its cell */
  e = interop_find_event (doc, "Statue of Liberty");
  g_assert_nonnull (e);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_VISIT);
  g_assert_cmpint (dm_event_get_start (e)->precision, ==, DM_PRECISION_DAY);
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (e)), ==, "Statue of Liberty");
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (dm_event_get_place (e)), 40.6892, 1e-9);

  /* a route without times: its places, no event, a problem at its cell */
  g_assert_null (interop_find_event (doc, "Walking route"));
  interop_position_of (trips, "Walking route,,", &line, &column);
  p = interop_find_problem_at (doc, "“Walking route” has no time", line);
  g_assert_nonnull (p);
  g_assert_cmpuint (dm_problem_get_column (p), ==, column + strlen ("Walking route,,"));
  {
    GListModel *places = dm_document_get_places (doc);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (places); i++)
      {
        g_autoptr(DmPlace) place = g_list_model_get_item (places, i);
        found |= dm_place_get_latitude (place) == 40.7527 && dm_place_get_longitude (place) == -73.9772;
      }
    g_assert_true (found);
  }

  /* cells that are not GeoJSON, said at the row and column */
  interop_position_of (trips, "Broken cell,,", &line, &column);
  p = interop_find_problem_at (doc, "This cell is not GeoJSON: the text ends too early", line);
  g_assert_nonnull (p);
  g_assert_cmpuint (dm_problem_get_column (p), ==, column + strlen ("Broken cell,,"));
  g_assert_nonnull (interop_find_problem_at (doc, "it should hold a geometry or a Feature",
                                             interop_line_of (trips, "Not a geometry")));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 3);
}

/* A header that says the order, "Date (MM/DD/YYYY)", settles a column that no value does
 * (issue 10: "a file's locale hint or the header may too"); a value still wins over it */
static void
test_date_order_header (void)
{
  static const char *const texts[] = {
    "place,Date (MM/DD/YYYY)\nParis,7/6/2017\nBerlin,8/5/2017\n",
    "place,Date [dd/mm/yy]\nParis,7/6/17\nBerlin,8/5/17\n",
    "place,Date (MM/DD/YYYY)\nParis,7/6/2017\nBerlin,24/5/2017\n",
  };
  static const int first_day[] = { 20170706, 20170607, 20170607 };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_autoptr(GFile) file = interop_write_temp (bytes, "hint.csv");
      g_autoptr(DmDocument) doc = interop_load (file);

      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
      /* the day starts in Paris before it does in UTC: the day before or the day itself */
      g_assert_cmpint (day_of (doc, 0), >=, first_day[i] - 1);
      g_assert_cmpint (day_of (doc, 0), <=, first_day[i]);
      g_assert_null (interop_find_problem (doc, "day/month or month/day"));
      g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
    }
}

/* A value quoted in a message is quoted whole, clock time and words included (issue 10) */
static void
test_quoted_whole (void)
{
  static const char text[] = "place,start\nParis,31/31/2017 10:00\nBerlin,2/30/17 afternoon\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "quoted.csv");
  g_autoptr(DmDocument) doc = interop_load (file);

  g_assert_nonnull (interop_find_problem_at (doc, "“31/31/2017 10:00” is not a date", 2));
  g_assert_nonnull (interop_find_problem_at (doc, "“2/30/17 afternoon” is not a date", 3));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 2);
}

/* The cell parser alone */
static void
test_coordinates (void)
{
  static const struct { const char *text; double lat, lon; } good[] = {
    { "55.75, 37.62", 55.75, 37.62 },
    { "-33.86 151.21", -33.86, 151.21 },
    { "55°45′N 37°37′E", 55.75, 37.6167 },
    { "37°37'E, 55°45'N", 55.75, 37.6167 },
    { "33°52′S, 151°12′30″E", -33.8667, 151.2083 },
    { "40.7128° N, 74.0060° W", 40.7128, -74.006 },
  };
  static const char * const bad[] = { "", "55.75", "95, 10", "10, 200", "north", "1, 2, 3", "55°N 56°N", "N" };
  double lat, lon;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!dm_import_parse_coordinates (good[i].text, &lat, &lon))
        g_error ("“%s” not read", good[i].text);
      g_assert_cmpfloat_with_epsilon (lat, good[i].lat, 1e-4);
      g_assert_cmpfloat_with_epsilon (lon, good[i].lon, 1e-4);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (dm_import_parse_coordinates (bad[i], &lat, &lon))
      g_error ("“%s” read as %g, %g", bad[i], lat, lon);
}

static int
ymd (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_get_year (dt) * 10000 + g_date_time_get_month (dt) * 100 +
         g_date_time_get_day_of_month (dt);
}

/* Dates and ranges of days as official records print them (issue 10) */
static void
test_prose_dates (void)
{
  static const struct { const char *text; int first, last; } good[] = {
    { "26-28 October 2025", 20251026, 20251028 },
    { "Oct 26 – Nov 2, 2025", 20251026, 20251102 },
    { "January 29–February 7, 1909", 19090129, 19090207 },
    { "November 4-5, 2019", 20191104, 20191105 },
    { "26 October 2025", 20251026, 0 },
    { "October 26th, 2025", 20251026, 0 },
    { "30 December – 2 January 2020", 20191230, 20200102 },
    { "Sept. 3 to Sept. 5, 1945", 19450903, 19450905 },
  };
  static const char * const bad[] = { "2025-10-26", "7/6/2017", "26-28", "Octember 3, 2025",
                                      "31 February 2025", "26 October", "next week" };
  static const char text[] =
    "title,place,date\n"
    "Summit,Moscow,26-28 October 2025\n"
    "Tour,Paris,\"Oct 29 – Nov 2, 2025\"\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "prose.csv");
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(DmEvent) tour = NULL;
  DmTime start, end;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!dm_import_parse_prose_dates (good[i].text, NULL, &start, &end))
        g_error ("“%s” not read", good[i].text);
      g_assert_cmpint (ymd (start.earliest), ==, good[i].first);
      if (good[i].last != 0)
        g_assert_cmpint (ymd (end.earliest), ==, good[i].last);
      else
        g_assert_false (dm_time_is_known (&end));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (dm_import_parse_prose_dates (bad[i], NULL, &start, &end))
      g_error ("“%s” read as a date", bad[i]);

  /* in a spreadsheet: the range is the visit's start and end, local days at the place */
  doc = interop_load (file);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
  tour = g_list_model_get_item (dm_document_get_events (doc), 1);
  g_assert_cmpint (ymd (dm_event_get_start (tour)->earliest + 12 * 3600), ==, 20251029);
  g_assert_cmpint (ymd (dm_event_get_end (tour)->earliest + 12 * 3600), ==, 20251102);
  g_assert_cmpint (dm_event_get_end (tour)->precision, ==, DM_PRECISION_DAY);
}

/* A "DATE" column with the clock times of "DEPART" and "ARRIVE": an arrival earlier than
 * the departure is the next day's (issue 10) */
static void
test_clock_columns (void)
{
  static const char text[] =
    "DATE,FROM,TO,DEPART,ARRIVE\n"
    "10/26/2025,New York,London,10:25PM,10:40AM\n"
    "10/28/2025,London,Paris,9:05 AM,11:20 AM\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GFile) file = interop_write_temp (bytes, "flights-clock.csv");
  g_autoptr(DmDocument) doc = interop_load (file);
  g_autoptr(DmEvent) trip = NULL;
  DmLeg *leg;

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  trip = g_list_model_get_item (dm_document_get_events (doc), 0);
  g_assert_cmpuint (dm_event_get_legs (trip)->len, ==, 2);
  leg = dm_event_get_legs (trip)->pdata[0];
  /* 22:25 in New York (EDT) on 26 October; 10:40 in London (GMT) the next day */
  g_assert_cmpint (leg->depart.earliest, ==, utc ("2025-10-27T02:25:00Z"));
  g_assert_cmpint (leg->depart.precision, ==, DM_PRECISION_MINUTE);
  g_assert_cmpint (leg->arrive.earliest, ==, utc ("2025-10-27T10:40:00Z"));
  leg = dm_event_get_legs (trip)->pdata[1];
  g_assert_cmpint (leg->depart.earliest, ==, utc ("2025-10-28T09:05:00Z"));
  g_assert_cmpint (leg->arrive.earliest, ==, utc ("2025-10-28T10:20:00Z"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interop/csv/parser", test_parser);
  g_test_add_func ("/interop/csv/spreadsheet", test_spreadsheet);
  g_test_add_func ("/interop/csv/tsv", test_tsv);
  g_test_add_func ("/interop/csv/locations", test_locations);
  g_test_add_func ("/interop/csv/date-order", test_date_order);
  g_test_add_func ("/interop/csv/date-order-header", test_date_order_header);
  g_test_add_func ("/interop/csv/quoted-whole", test_quoted_whole);
  g_test_add_func ("/interop/csv/lp-tsv", test_lp_tsv);
  g_test_add_func ("/interop/csv/bad", test_bad);
  g_test_add_func ("/interop/csv/unreadable", test_unreadable);
  g_test_add_func ("/interop/csv/round-trip", test_round_trip);
  g_test_add_func ("/interop/csv/destination-only", test_destination_only);
  g_test_add_func ("/interop/csv/airport-codes", test_airport_codes);
  g_test_add_func ("/interop/csv/diary", test_diary);
  g_test_add_func ("/interop/csv/months", test_months);
  g_test_add_func ("/interop/csv/coordinates", test_coordinates);
  g_test_add_func ("/interop/csv/prose-dates", test_prose_dates);
  g_test_add_func ("/interop/csv/clock-columns", test_clock_columns);
  g_test_add_func ("/interop/csv/geojson-cells", test_geojson_cells);
  return g_test_run ();
}
