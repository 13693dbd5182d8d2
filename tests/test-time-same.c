/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dm-time.h"

/* dm_time_parse() finds a local time's UTC second with g_time_zone_adjust_time() and plain
 * arithmetic, not with a GDateTime per bound (a large file reads hundreds of thousands of
 * times). These tests check it gives, second for second, what g_date_time_new() gives, as it
 * did before: every day, month and year of 1900-2040, and every half hour of years with
 * wartime and summer-time changes, in zones with odd rules. */

static const char *const zones[] = {
  "UTC", "Europe/Rome", "Europe/London", "Europe/Dublin", "Europe/Moscow", "Europe/Minsk",
  "America/New_York", "America/St_Johns", "America/Sao_Paulo", "America/Havana",
  "America/Santiago", "Africa/Casablanca", "Asia/Tehran", "Asia/Kathmandu", "Asia/Pyongyang",
  "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Apia", "Pacific/Kiritimati",
};

/* what dm_time_parse() computed before: g_date_time_new() in the zone dates of @read_year
 * are read in */
static gint64
reference (GTimeZone *zone,
           int        read_year,
           int        year,
           int        month,
           int        day,
           int        hour,
           int        minute,
           double     seconds)
{
  g_autoptr(GTimeZone) standard = dm_time_standard_zone (zone, read_year);
  g_autoptr(GDateTime) dt = g_date_time_new (standard != NULL ? standard : zone,
                                             year, month, day, hour, minute, seconds);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
check (const char *text,
       GTimeZone  *zone,
       gint64      earliest,
       gint64      latest)
{
  DmTime t;
  g_autoptr(GError) error = NULL;

  if (!dm_time_parse (text, zone, &t, &error))
    g_error ("%s: %s", text, error->message);
  if (t.earliest != earliest || t.latest != latest)
    g_error ("%s in %s: %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ", GDateTime gives %"
             G_GINT64_FORMAT "-%" G_GINT64_FORMAT, text,
             zone != NULL ? g_time_zone_get_identifier (zone) : "UTC",
             t.earliest, t.latest, earliest, latest);
}

static void
test_days (void)
{
  for (gsize z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zones[z]);

      g_assert_nonnull (zone);
      for (int year = 1900; year <= 2040; year++)
        {
          g_autofree char *y = g_strdup_printf ("%04d", year);

          check (y, zone, reference (zone, year, year, 1, 1, 0, 0, 0), reference (zone, year, year + 1, 1, 1, 0, 0, 0));
          for (int month = 1; month <= 12; month++)
            {
              g_autofree char *m = g_strdup_printf ("%04d-%02d", year, month);
              int days = dm_civil_days_in_month (year, month);

              check (m, zone, reference (zone, year, year, month, 1, 0, 0, 0),
                     month < 12 ? reference (zone, year, year, month + 1, 1, 0, 0, 0)
                                : reference (zone, year, year + 1, 1, 1, 0, 0, 0));
              for (int day = 1; day <= days; day++)
                {
                  char d[16];

                  g_snprintf (d, sizeof d, "%04d-%02d-%02d", year, month, day);
                  check (d, zone, reference (zone, year, year, month, day, 0, 0, 0),
                         day < days ? reference (zone, year, year, month, day + 1, 0, 0, 0)
                         : month < 12 ? reference (zone, year, year, month + 1, 1, 0, 0, 0)
                         : reference (zone, year, year + 1, 1, 1, 0, 0, 0));
                }
            }
        }
    }
}

static void
test_times (void)
{
  static const int years[] = { 1916, 1940, 1942, 1945, 1968, 1971, 1996, 2011, 2022 };

  for (gsize z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zones[z]);

      for (gsize i = 0; i < G_N_ELEMENTS (years); i++)
        for (int month = 1; month <= 12; month++)
          for (int day = 1; day <= dm_civil_days_in_month (years[i], month); day++)
            for (int minutes = 0; minutes < 24 * 60; minutes += 30)
              {
                char text[32];
                gint64 expected;

                g_snprintf (text, sizeof text, "%04d-%02d-%02dT%02d:%02d:07.75",
                            years[i], month, day, minutes / 60, minutes % 60);
                expected = reference (zone, years[i], years[i], month, day, minutes / 60, minutes % 60, 7.75);
                check (text, zone, expected, expected);
              }
    }
}

static void
test_fixed_offsets (void)
{
  static const char *const offsets[] = { "Z", "+00:00", "+05:45", "-03:30", "+14:00", "-12:00", "+0530", "-09" };

  for (gsize o = 0; o < G_N_ELEMENTS (offsets); o++)
    {
      g_autoptr(GTimeZone) fixed = g_time_zone_new_identifier (offsets[o][0] == 'Z' ? "UTC" : offsets[o]);
      g_autoptr(GTimeZone) rome = g_time_zone_new_identifier ("Europe/Rome");

      g_assert_nonnull (fixed);
      for (int year = 1; year <= 9999; year += 37)
        for (int month = 1; month <= 12; month += 5)
          {
            char text[48];
            g_autoptr(GDateTime) dt = g_date_time_new (fixed, year, month, 28, 23, 59, 59.5);
            gint64 expected = g_date_time_to_unix (dt);
            DmTime t;

            g_snprintf (text, sizeof text, "%04d-%02d-28T23:59:59.5%s", year, month, offsets[o]);
            /* the place's zone does not count when the text gives an offset */
            check (text, rome, expected, expected);
            g_assert_true (dm_time_parse (text, rome, &t, NULL));
            g_assert_true (t.has_offset);
            g_assert_cmpint (t.utc_offset, ==, g_time_zone_get_offset (fixed, 0));
            /* GDateTime has no leap seconds; neither do times from the year 1 on */
            g_snprintf (text, sizeof text, "%04d-%02d-28T23:59:60%s", year, month, offsets[o]);
            g_assert_false (dm_time_parse (text, rome, &t, NULL));
          }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/time-same/days", test_days);
  g_test_add_func ("/model/time-same/times", test_times);
  g_test_add_func ("/model/time-same/fixed-offsets", test_fixed_offsets);

  return g_test_run ();
}
