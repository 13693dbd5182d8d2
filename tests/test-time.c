/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dm-error.h"
#include "dm-time.h"

static gint64
utc (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  return g_date_time_to_unix (dt);
}

static void
test_day_is_local (void)
{
  g_autoptr(GTimeZone) pyongyang = g_time_zone_new_identifier ("Asia/Pyongyang");
  g_autoptr(GTimeZone) minsk = g_time_zone_new_identifier ("Europe/Minsk");
  g_autoptr(GError) error = NULL;
  DmTime t;

  g_assert_nonnull (pyongyang);
  g_assert_true (dm_time_parse ("2025-10-26", pyongyang, &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t.precision, ==, DM_PRECISION_DAY);
  /* a local day in Pyongyang (UTC+9) starts at 15:00 UTC the day before */
  g_assert_cmpint (t.earliest, ==, utc (2025, 10, 25, 15, 0, 0));
  g_assert_cmpint (t.latest, ==, utc (2025, 10, 26, 15, 0, 0));
  g_assert_cmpint (t.utc_offset, ==, 9 * 3600);
  g_assert_false (t.has_offset);
  g_assert_false (t.approximate);

  g_assert_true (dm_time_parse ("2025-10-28", minsk, &t, &error));
  g_assert_cmpint (t.earliest, ==, utc (2025, 10, 27, 21, 0, 0));
}

static void
test_offsets (void)
{
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  DmTime a, b, c, d;

  g_assert_true (dm_time_parse ("2025-10-29T12:00:00Z", seoul, &a, NULL));
  g_assert_true (dm_time_parse ("2025-10-29T21:00+09:00", NULL, &b, NULL));
  g_assert_true (dm_time_parse ("2025-10-29T21:00", seoul, &c, NULL));
  g_assert_true (dm_time_parse ("2025-10-29T07:00:00-0500", NULL, &d, NULL));
  g_assert_cmpint (a.earliest, ==, utc (2025, 10, 29, 12, 0, 0));
  g_assert_cmpint (a.earliest, ==, a.latest);
  g_assert_cmpint (b.earliest, ==, a.earliest);
  g_assert_cmpint (c.earliest, ==, a.earliest);
  g_assert_cmpint (d.earliest, ==, a.earliest);
  g_assert_true (a.has_offset);
  g_assert_true (b.has_offset);
  g_assert_false (c.has_offset);
  g_assert_cmpint (b.utc_offset, ==, 9 * 3600);
  g_assert_cmpint (d.utc_offset, ==, -5 * 3600);
  g_assert_cmpint (a.precision, ==, DM_PRECISION_SECOND);
  g_assert_cmpint (b.precision, ==, DM_PRECISION_MINUTE);
}

static void
test_precision (void)
{
  DmTime t;

  g_assert_true (dm_time_parse ("2025", NULL, &t, NULL));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_YEAR);
  g_assert_cmpint (t.latest - t.earliest, ==, 365 * 86400);
  g_assert_true (dm_time_parse ("2025-10", NULL, &t, NULL));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_MONTH);
  g_assert_cmpint (t.latest - t.earliest, ==, 31 * 86400);
  g_assert_true (dm_time_parse ("2024-02", NULL, &t, NULL));
  g_assert_cmpint (t.latest - t.earliest, ==, 29 * 86400);
  g_assert_true (dm_time_parse ("2025-10-28~", NULL, &t, NULL));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_DAY);
  g_assert_true (t.approximate);
  /* "late October 2025" */
  g_assert_true (dm_time_parse ("2025-10-21/2025-10-31", NULL, &t, NULL));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_PERIOD);
  g_assert_cmpint (t.earliest, ==, utc (2025, 10, 21, 0, 0, 0));
  g_assert_cmpint (t.latest, ==, utc (2025, 11, 1, 0, 0, 0));
}

static void
test_bad (void)
{
  const char *bad[] = { "", "yesterday", "2025-13-01", "2025-02-30", "2025-10-26T25:00",
                        "2025-10-26T10:00+99:00", "25-10-26", "2025-10-26 junk",
                        "2025-10-31/2025-10-01" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      DmTime t = DM_TIME_UNKNOWN;

      g_assert_false (dm_time_parse (bad[i], NULL, &t, &error));
      g_assert_true (error != NULL && error->domain == DM_ERROR);
      {
        g_autofree char *first = g_strndup (bad[i], strcspn (bad[i], "/"));
        g_assert_nonnull (strstr (error->message, first));
      }
    }
}

static void
test_round_trip (void)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  const char *texts[] = { "2025", "2025-10", "2025-10-26", "2025-10-28~", "2025-10-26T09:30",
                          "2025-10-26T09:30+09:00", "2025-10-26T00:30:15Z",
                          "2025-10-21/2025-10-31", "2025-10-26T09:30-03:30" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *back = NULL;
      DmTime a, b;

      g_assert_true (dm_time_parse (texts[i], tokyo, &a, NULL));
      back = dm_time_to_iso (&a, tokyo);
      g_assert_cmpstr (back, ==, texts[i]);
      g_assert_true (dm_time_parse (back, tokyo, &b, NULL));
      g_assert_cmpint (dm_time_compare (&a, &b), ==, 0);
    }
  g_assert_null (dm_time_to_iso (&DM_TIME_UNKNOWN, NULL));
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  g_autofree char *local = NULL;
  g_autofree char *in_utc = NULL;
  DmTime t;

  g_assert_true (dm_time_parse ("2025-10-29T21:00+09:00", NULL, &t, NULL));
  local = dm_time_format_local (&t, seoul);
  in_utc = dm_time_format_utc (&t);
  g_assert_nonnull (strstr (local, "21:00"));
  g_assert_nonnull (strstr (in_utc, "12:00 UTC"));
  g_assert_nonnull (strstr (in_utc, "2025-10-29"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/time/day-is-local", test_day_is_local);
  g_test_add_func ("/model/time/offsets", test_offsets);
  g_test_add_func ("/model/time/precision", test_precision);
  g_test_add_func ("/model/time/bad", test_bad);
  g_test_add_func ("/model/time/round-trip", test_round_trip);
  g_test_add_func ("/model/time/format", test_format);
  return g_test_run ();
}
