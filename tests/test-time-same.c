/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dm-error.h"
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

  /* a day the zone's clocks skipped (GDateTime gives it no length) did not happen there */
  if (latest <= earliest && strchr (text, 'T') == NULL)
    {
      if (dm_time_parse (text, zone, &t, &error) || !g_error_matches (error, DM_ERROR, DM_ERROR_PARSE))
        g_error ("%s in %s: a skipped day, read as a day", text,
                 zone != NULL ? g_time_zone_get_identifier (zone) : "UTC");
      return;
    }
  if (!dm_time_parse (text, zone, &t, &error))
    g_error ("%s: %s", text, error->message);
  if (t.earliest != earliest || t.latest != latest)
    g_error ("%s in %s: %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ", GDateTime gives %"
             G_GINT64_FORMAT "-%" G_GINT64_FORMAT, text,
             zone != NULL ? g_time_zone_get_identifier (zone) : "UTC",
             t.earliest, t.latest, earliest, latest);
  /* the offset the time keeps, that of its first second (as g_date_time_to_timezone() gave
   * it), in the zone its year is read in: what dm_time_zone_offset_at() says, which
   * /model/time-same/changes-any-order checks against GLib */
  if (!t.has_offset && zone != NULL)
    {
      g_autoptr(GTimeZone) standard = dm_time_standard_zone (zone, atoi (text));
      gint32 offset = dm_time_zone_offset_at (standard != NULL ? standard : zone, t.earliest);

      if (t.utc_offset != offset)
        g_error ("%s in %s: offset %d, GLib gives %d", text, g_time_zone_get_identifier (zone),
                 t.utc_offset, offset);
    }
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

/* The seconds at which @zone changes its offset between @from and @to (UTC), asked of GLib
 * (changes less than a week apart may be missed: these are samples) */
static GArray *
find_changes (GTimeZone *zone,
              gint64     from,
              gint64     to)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gint64 step = 6 * 86400;
  int before = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, from);

  for (gint64 t = from + step; t <= to; t += step)
    {
      int now = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t);
      gint64 lo = t - step, hi = t;

      if (now == before)
        continue;
      /* the first second of the next interval, by halves */
      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;

          if (g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, mid) == before)
            lo = mid;
          else
            hi = mid;
        }
      g_array_append_val (changes, hi);
      before = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, hi);
      t = hi;
    }
  return changes;
}

typedef enum
{
  SECOND,
  DAY,
  MONTH,
} Precision;

typedef struct
{
  int       zone;
  gint64    local;     /* wall-clock seconds, as dm_civil_from_unix() reads them */
  Precision precision; /* @local's second, day or month */
} Case;

static void
shuffle (GArray *cases,
         GRand  *rand)
{
  for (guint i = cases->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      Case c = g_array_index (cases, Case, i - 1);

      g_array_index (cases, Case, i - 1) = g_array_index (cases, Case, j);
      g_array_index (cases, Case, j) = c;
    }
}

static void
check_case (const Case *c,
            GTimeZone  *zone)
{
  DmCivil l;
  char text[48];

  dm_civil_from_unix (c->local, &l);
  if (c->precision == DAY)
    {
      DmCivil next;

      dm_civil_from_unix (c->local + 86400, &next);
      g_snprintf (text, sizeof text, "%04d-%02d-%02d", l.year, l.month, l.day);
      check (text, zone, reference (zone, l.year, l.year, l.month, l.day, 0, 0, 0),
             reference (zone, l.year, next.year, next.month, next.day, 0, 0, 0));
    }
  else if (c->precision == MONTH)
    {
      g_snprintf (text, sizeof text, "%04d-%02d", l.year, l.month);
      check (text, zone, reference (zone, l.year, l.year, l.month, 1, 0, 0, 0),
             l.month < 12 ? reference (zone, l.year, l.year, l.month + 1, 1, 0, 0, 0)
                          : reference (zone, l.year, l.year + 1, 1, 1, 0, 0, 0));
    }
  else
    {
      gint64 expected = reference (zone, l.year, l.year, l.month, l.day, l.hour, l.minute, l.second);

      g_snprintf (text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", l.year, l.month, l.day,
                  l.hour, l.minute, l.second);
      check (text, zone, expected, expected);
    }
}

/* dm_time_parse() takes a zone's intervals from a table that learns them from the times asked
 * (src/model/dm-zone-table.c): its answers must not depend on what it learnt before. Local
 * times around every change of offset (the hour skipped or repeated, second by second at its
 * edges), and the days of the changes, in a random order from a table that knows nothing yet
 * (a fresh process) and again once it knows them, the months around the changes, in zones
 * whose rules GLib spells out for centuries (2,000 changes in Europe/London), and the offsets
 * of UTC seconds in a random order. */
static void
test_changes_any_order (void)
{
  static const char *const changing[] = {
    "Europe/London", "Europe/Dublin", "America/Havana", "America/Sao_Paulo", "America/New_York",
    "Australia/Lord_Howe", "Pacific/Apia", "Africa/Casablanca", "Europe/Moscow",
  };
  static const struct { int from, to; } spans[] = { { 1900, 2040 }, { 2400, 2405 }, { 9990, 9998 } };
  static const gint64 edges[] = {
    -7200, -3601, -3600, -1801, -1800, -61, -60, -1, 0, 1, 59, 60, 1799, 1800, 3599, 3600, 7199,
  };
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GArray) cases = NULL;
  GTimeZone *zones_[G_N_ELEMENTS (changing)];
  guint n_changes = 0;

  if (!g_test_subprocess ())
    {
      /* a fresh process: no table has learnt anything yet */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  rand = g_rand_new_with_seed (20261207);
  cases = g_array_new (FALSE, FALSE, sizeof (Case));
  for (gsize z = 0; z < G_N_ELEMENTS (changing); z++)
    {
      zones_[z] = g_time_zone_new_identifier (changing[z]);
      g_assert_nonnull (zones_[z]);
      for (gsize s = 0; s < G_N_ELEMENTS (spans); s++)
        {
          g_autoptr(GArray) changes = NULL;

          changes = find_changes (zones_[z], (dm_civil_days (spans[s].from, 1, 1) + 1) * 86400,
                                  (dm_civil_days (spans[s].to, 12, 31) - 1) * 86400);

          n_changes += changes->len;
          for (guint c = 0; c < changes->len; c++)
            {
              gint64 change = g_array_index (changes, gint64, c);
              gint32 before = g_time_zone_get_offset (zones_[z], g_time_zone_find_interval (
                                                        zones_[z], G_TIME_TYPE_UNIVERSAL, change - 1));
              gint32 after = g_time_zone_get_offset (zones_[z], g_time_zone_find_interval (
                                                       zones_[z], G_TIME_TYPE_UNIVERSAL, change));

              for (gsize e = 0; e < G_N_ELEMENTS (edges); e++)
                {
                  Case in_before = { (int) z, change + before + edges[e], SECOND };
                  Case in_after = { (int) z, change + after + edges[e], SECOND };
                  Case day = { (int) z, change + before + edges[e], DAY };

                  g_array_append_val (cases, in_before);
                  g_array_append_val (cases, in_after);
                  g_array_append_val (cases, day);
                }
              for (int minutes = -240; minutes <= 240; minutes += 15)
                {
                  Case quarter = { (int) z, change + before + minutes * 60, SECOND };

                  g_array_append_val (cases, quarter);
                }
              /* a month whose first or last day, or one in between, has the change */
              for (int days = -40; days <= 40; days += 20)
                {
                  Case month = { (int) z, change + before + days * 86400, MONTH };

                  g_array_append_val (cases, month);
                }
            }
        }
    }
  /* Europe/London alone changes about 250 times in 1900-2040 */
  g_assert_cmpuint (n_changes, >, 1000);
  /* from tables that know nothing yet, then again from tables that know every change's
   * edges, to the second (a local time's UTC second found in a span without GLib's steps
   * when it is deep enough in it: the margin's own edges) */
  for (int pass = 0; pass < 2; pass++)
    {
      shuffle (cases, rand);
      for (guint i = 0; i < cases->len; i++)
        check_case (&g_array_index (cases, Case, i), zones_[g_array_index (cases, Case, i).zone]);
    }
  /* the offset of UTC seconds, anywhere in the years 1 to 9999, half of them in 1900-2040 */
  for (int i = 0; i < 200000; i++)
    {
      GTimeZone *zone = zones_[g_rand_int_range (rand, 0, G_N_ELEMENTS (changing))];
      gint64 utc = (gint64) g_rand_double_range (rand, -62135596800.0, 253402300799.0);

      if (i % 2 == 0)
        utc = (gint64) g_rand_double_range (rand, -2208988800.0, 2240524800.0);
      g_assert_cmpint (dm_time_zone_offset_at (zone, utc), ==,
                       g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc)));
    }
  for (gsize z = 0; z < G_N_ELEMENTS (changing); z++)
    g_time_zone_unref (zones_[z]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/time-same/days", test_days);
  g_test_add_func ("/model/time-same/times", test_times);
  g_test_add_func ("/model/time-same/fixed-offsets", test_fixed_offsets);
  g_test_add_func ("/model/time-same/changes-any-order", test_changes_any_order);

  return g_test_run ();
}
