/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

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

static GFile *
real_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
  return g_file_new_for_path (path);
}

/* A track with times is one trip: its first point, where it dwells, its last point, with
 * the track's own times; a waypoint with a time is a visit (issue 10) */
static void
test_track (void)
{
  g_autoptr(GFile) file = real_file ("helicopter.gpx");
  g_autoptr(DmDocument) doc = interop_load (file);
  GListModel *events = dm_document_get_events (doc);
  DmEvent *trip = NULL, *visit = NULL;
  GPtrArray *legs;
  DmLeg *first, *second;

  g_assert_cmpstr (dm_document_get_title (doc), ==, "Helicopter to the DMZ");
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);

      if (dm_event_get_kind (e) == DM_EVENT_KIND_TRIP)
        trip = e;
      else
        visit = e;
    }
  g_assert_nonnull (trip);
  g_assert_nonnull (visit);
  g_assert_cmpstr (dm_event_get_title (trip), ==, "Flight");
  legs = dm_event_get_legs (trip);
  /* 24 points over two segments, a 12-minute dwell: two legs, not 23 */
  g_assert_cmpuint (legs->len, ==, 2);
  first = legs->pdata[0];
  second = legs->pdata[1];
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (first->from), 37.44, 1e-6);
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (first->to), 37.80, 1e-6);
  g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (second->to), 37.50, 1e-6);
  g_assert_cmpint (first->depart.earliest, ==, utc ("2019-06-30T13:00:00Z"));
  g_assert_cmpint (first->arrive.earliest, ==, utc ("2019-06-30T13:06:00Z"));
  g_assert_cmpint (second->depart.earliest, ==, utc ("2019-06-30T13:17:00Z"));
  g_assert_cmpint (second->arrive.earliest, ==, utc ("2019-06-30T13:23:00Z"));
  /* each leg keeps the way it went, drawn instead of a great circle: the 7 points from the
   * take-off to the dwell, the 7 from the dwell to the landing */
  g_assert_nonnull (first->path);
  g_assert_cmpuint (first->path->len, ==, 14);
  g_assert_cmpfloat_with_epsilon (g_array_index (first->path, double, 4), 127.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (first->path, double, 5), 37.56, 1e-9);
  g_assert_nonnull (second->path);
  g_assert_cmpuint (second->path->len, ==, 14);
  g_assert_cmpfloat_with_epsilon (g_array_index (second->path, double, 13), 37.50, 1e-9);

  /* a .diplomap keeps it: written, read again, the same way */
  {
    g_autoptr(GBytes) bytes = dm_native_write_document (doc);
    g_autoptr(GFile) copy = interop_write_temp (bytes, "helicopter.diplomap");
    g_autoptr(DmDocument) again = interop_load (copy);
    g_autoptr(DmEvent) e = NULL;
    DmLeg *leg = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (again)), ==, 0);
    for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_events (again)) && leg == NULL; i++)
      {
        g_clear_object (&e);
        e = g_list_model_get_item (dm_document_get_events (again), i);
        if (dm_event_get_kind (e) == DM_EVENT_KIND_TRIP)
          leg = dm_event_get_legs (e)->pdata[0];
      }
    g_assert_nonnull (leg);
    g_assert_nonnull (leg->path);
    g_assert_cmpuint (leg->path->len, ==, 14);
    for (guint k = 0; k < 14; k++)
      g_assert_cmpfloat_with_epsilon (g_array_index (leg->path, double, k),
                                      g_array_index (first->path, double, k), 1e-6);
    g_assert_null (leg->extra);
  }

  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (visit)), ==, "Panmunjom");
  g_assert_cmpint (dm_event_get_start (visit)->earliest, ==, utc ("2019-06-30T06:45:00Z"));
  /* the untimed waypoint and the route's points are places of the document */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_places (doc)), >=, 5);
}

/* The trip of @doc (its one trip) */
static DmEvent *
the_trip (DmDocument *doc)
{
  GListModel *events = dm_document_get_events (doc);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      if (dm_event_get_kind (e) == DM_EVENT_KIND_TRIP)
        return e;  /* the document keeps it */
    }
  return NULL;
}

/* A track's way, written to GeoJSON (a LineString with every point) and to KML (a
 * LineString per leg), reads back as the same legs with the same way and times */
static void
test_path_round_trip (void)
{
  g_autoptr(GFile) file = real_file ("helicopter.gpx");
  g_autoptr(DmDocument) doc = interop_load (file);
  DmEvent *trip = the_trip (doc);
  GPtrArray *legs = dm_event_get_legs (trip);
  static const char * const names[] = { "helicopter.geojson", "helicopter.kml" };

  g_assert_cmpuint (legs->len, ==, 2);
  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autoptr(GBytes) bytes = f == 0 ? dm_geojson_write (doc) : dm_kml_write (doc);
      g_autoptr(GFile) copy = interop_write_temp (bytes, names[f]);
      g_autoptr(DmDocument) again = interop_load (copy);
      DmEvent *back = the_trip (again);
      GPtrArray *back_legs = NULL;
      gsize size;
      const char *text = g_bytes_get_data (bytes, &size);
      g_autofree char *point = NULL;

      /* other tools see every point: the first leg's third point is in the file */
      {
        DmLeg *leg = g_ptr_array_index (legs, 0);
        char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd (lon, sizeof lon, f == 0 ? "%.2f" : "%.6f", g_array_index (leg->path, double, 4));
        g_ascii_formatd (lat, sizeof lat, f == 0 ? "%.2f" : "%.6f", g_array_index (leg->path, double, 5));
        point = g_strdup_printf (f == 0 ? "%s,\n            %s\n" : "%s,%s,0", lon, lat);
        g_assert_nonnull (g_strstr_len (text, size, point));
      }
      g_assert_nonnull (back);
      back_legs = dm_event_get_legs (back);
      g_assert_cmpuint (back_legs->len, ==, legs->len);
      for (guint i = 0; i < legs->len; i++)
        {
          DmLeg *a = g_ptr_array_index (legs, i), *b = g_ptr_array_index (back_legs, i);

          g_assert_cmpstr (dm_place_get_name (b->from), ==, dm_place_get_name (a->from));
          g_assert_cmpstr (dm_place_get_name (b->to), ==, dm_place_get_name (a->to));
          g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (b->to), dm_place_get_latitude (a->to), 1e-6);
          g_assert_cmpint (dm_time_compare (&a->depart, &b->depart), ==, 0);
          g_assert_cmpint (dm_time_compare (&a->arrive, &b->arrive), ==, 0);
          g_assert_nonnull (b->path);
          g_assert_cmpuint (b->path->len, ==, a->path->len);
          for (guint k = 0; k < a->path->len; k++)
            g_assert_cmpfloat_with_epsilon (g_array_index (b->path, double, k),
                                            g_array_index (a->path, double, k), 1e-6);
        }
    }
}

/* GPX 1.0; a track without times is places and one problem, not an event */
static void
test_untimed (void)
{
  g_autoptr(GFile) file = real_file ("untimed-1.0.gpx");
  g_autoptr(DmDocument) doc = interop_load (file);

  g_assert_cmpstr (dm_document_get_title (doc), ==, "Walk");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  g_assert_nonnull (interop_find_problem_at (doc, "“Walk without times” has no time", 4));
}

/* Not GPX, and points outside the world */
static void
test_bad (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("bad.gpx");
  g_autoptr(GError) error = NULL;
  const char *not_gpx = "<?xml version=\"1.0\"?>\n<kml/>\n";
  const char *outside = "<gpx version=\"1.1\">\n<wpt lat=\"95\" lon=\"0\"><time>2020-01-01</time></wpt>\n"
                        "<wpt lat=\"1\" lon=\"2\"><time>2020-01-01</time></wpt>\n</gpx>\n";

  g_assert_true (dm_gpx_format_sniff ("x.xml", outside, strlen (outside)));
  g_assert_false (dm_gpx_format_sniff ("x.xml", not_gpx, strlen (not_gpx)));
  g_assert_false (dm_gpx_format_load (doc, file, not_gpx, strlen (not_gpx), NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_true (dm_gpx_format_load (doc, file, outside, strlen (outside), NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  g_assert_nonnull (interop_find_problem_at (doc, "needs “lat” and “lon” within the world", 2));
}

/* A track that never leaves 200 m (a runner's watch at rest) is a stay, not nothing */
static void
test_stay (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("stay.gpx");
  const char *gpx = "<gpx version=\"1.1\"><trk><name>Rest</name><trkseg>\n"
                    "<trkpt lat=\"52.33085\" lon=\"5.54137\"><time>2009-03-02T14:05:52Z</time></trkpt>\n"
                    "<trkpt lat=\"52.33095\" lon=\"5.54134\"><time>2009-03-02T14:05:58Z</time></trkpt>\n"
                    "<trkpt lat=\"52.33101\" lon=\"5.54133\"><time>2009-03-02T14:06:04Z</time></trkpt>\n"
                    "</trkseg></trk></gpx>\n";
  g_autoptr(DmEvent) e = NULL;

  g_assert_true (dm_gpx_format_load (doc, file, gpx, strlen (gpx), NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 1);
  e = g_list_model_get_item (dm_document_get_events (doc), 0);
  g_assert_cmpint (dm_event_get_kind (e), ==, DM_EVENT_KIND_VISIT);
  g_assert_cmpstr (dm_event_get_title (e), ==, "Rest");
  g_assert_cmpint (dm_event_get_start (e)->earliest, ==, utc ("2009-03-02T14:05:52Z"));
  g_assert_cmpint (dm_event_get_end (e)->earliest, ==, utc ("2009-03-02T14:06:04Z"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interop/gpx/track", test_track);
  g_test_add_func ("/interop/gpx/untimed", test_untimed);
  g_test_add_func ("/interop/gpx/path-round-trip", test_path_round_trip);
  g_test_add_func ("/interop/gpx/stay", test_stay);
  g_test_add_func ("/interop/gpx/bad", test_bad);
  return g_test_run ();
}
