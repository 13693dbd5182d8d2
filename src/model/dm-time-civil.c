/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-time.h"
#include "dm-zone-table.h"

/* The proleptic Gregorian calendar over any year, ours because GDateTime and GDate start at
 * the year 1: the year 0 is 1 BC and -0043 is 44 BC, as ISO 8601 counts (H. Hinnant's
 * days-from-civil and civil-from-days). Dates before the year 1 are read and written in a
 * fixed offset: no zone has rules for them. */

#define DAYS_PER_CYCLE    146097   /* 400 Gregorian years, a whole number of weeks too */
#define SECONDS_PER_CYCLE (G_GINT64_CONSTANT (146097) * 86400)
/* 0001-01-01T00:00:00Z, the first second GDateTime holds */
#define FIRST_CE_SECOND   G_GINT64_CONSTANT (-62135596800)

/**
 * dm_civil_days:
 *
 * Returns: the days from 1970-01-01 to @year-@month-@day (negative before it)
 */
gint64
dm_civil_days (int year,
               int month,
               int day)
{
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 year_of_era = y - era * 400;
  gint64 day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * DAYS_PER_CYCLE + day_of_era - 719468;
}

int
dm_civil_days_in_month (int year,
                        int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);
  return month == 2 && leap ? 29 : days[month - 1];
}

/**
 * dm_civil_from_unix:
 * @local_seconds: seconds since 1970-01-01T00:00 of the wall clock (UTC plus the offset)
 *
 * The calendar day and time of day of @local_seconds.
 */
void
dm_civil_from_unix (gint64   local_seconds,
                    DmCivil *out)
{
  gint64 days = local_seconds >= 0 ? local_seconds / 86400 : -((-local_seconds + 86399) / 86400);
  gint64 rest = local_seconds - days * 86400;
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - (DAYS_PER_CYCLE - 1)) / DAYS_PER_CYCLE;
  gint64 day_of_era = z - era * DAYS_PER_CYCLE;
  gint64 year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  gint64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  gint64 mp = (5 * day_of_year + 2) / 153;

  out->day = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
  out->month = (int) (mp < 10 ? mp + 3 : mp - 9);
  out->year = (int) (year_of_era + era * 400 + (out->month <= 2));
  out->hour = (int) (rest / 3600);
  out->minute = (int) (rest / 60 % 60);
  out->second = (int) (rest % 60);
  /* 1970-01-01 was a Thursday */
  out->day_of_week = (int) (((days % 7) + 7 + 3) % 7) + 1;
}

/**
 * dm_civil_round_year:
 * @year: a year as ISO 8601 counts it (0 is 1 BC)
 * @step: years between round years
 *
 * Axes tick round years as people count them, with no year 0: before the common era a
 * multiple of @step BC ("500 BC" is ISO 8601's -0499, not -0500, which is 501 BC), then the
 * year 1, then multiples of @step.
 *
 * Returns: the first round year from @year on
 */
int
dm_civil_round_year (int year,
                     int step)
{
  if (step <= 1 || year == 1)
    return year;
  if (year <= 0)
    {
      int before = 1 - year;  /* 1 for 1 BC */
      int round = before - before % step;

      return round > 0 ? 1 - round : 1;
    }
  return (int) (((gint64) year + step - 1) / step * step);
}

/* The offset of @zone at @utc_seconds, for any year */
gint32
dm_time_zone_offset_at (GTimeZone *zone,
                        gint64     utc_seconds)
{
  if (zone == NULL)
    return 0;
  /* from the zone's table: GLib walks every transition before @utc_seconds */
  return dm_zone_table_offset_at (dm_zone_table_get (zone), utc_seconds);
}

/**
 * dm_time_date_time_new:
 * @zone: (nullable): the zone to show @utc_seconds in (UTC if %NULL)
 * @year_shift: (out): years to add to the result's year to get the real one
 *
 * A #GDateTime for @utc_seconds, for views that format it (the timeline, captions), in @zone's
 * first standard offset when @zone then kept local mean time (dm_time_standard_zone()). Before the
 * year 1, which GDateTime cannot hold, it is moved forward by whole cycles of 400 years, in which
 * the Gregorian calendar and the weekdays repeat, into @zone's fixed offset of then; add
 * @year_shift to its year (dm_time_format_unix() does).
 *
 * Returns: (transfer full) (nullable): %NULL after the year 9999
 */
GDateTime *
dm_time_date_time_new (gint64     utc_seconds,
                       GTimeZone *zone,
                       int       *year_shift)
{
  g_autoptr(GTimeZone) fixed = NULL;
  g_autoptr(GTimeZone) standard = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gint64 cycles = 0;

  *year_shift = 0;
  /* an old date in the zone's first standard offset, as it was read: not local mean time */
  if (zone != NULL &&
      (standard = dm_time_standard_zone (zone, (int) (1970 + utc_seconds / 31556952))) != NULL)
    zone = standard;
  /* two days of margin, so that the local day east of UTC is in the year 1 or later too */
  if (utc_seconds < FIRST_CE_SECOND + 2 * 86400)
    {
      cycles = (FIRST_CE_SECOND + 2 * 86400 - utc_seconds + SECONDS_PER_CYCLE - 1) / SECONDS_PER_CYCLE;
      if (cycles > 100)
        return NULL;
      if (zone != NULL)
        zone = fixed = g_time_zone_new_offset (dm_time_zone_offset_at (zone, utc_seconds));
      *year_shift = (int) (-400 * cycles);
    }
  utc = g_date_time_new_from_unix_utc (utc_seconds + cycles * SECONDS_PER_CYCLE);
  if (utc == NULL)
    return NULL;
  return zone != NULL ? g_date_time_to_timezone (utc, zone) : g_date_time_ref (utc);
}
