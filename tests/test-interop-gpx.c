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
  g_test_add_func ("/interop/gpx/stay", test_stay);
  g_test_add_func ("/interop/gpx/bad", test_bad);
  return g_test_run ();
}
