/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-time-format.h"

/* Times as a person reads them, at the precision the source gave and never more: "2025",
 * "October 2025", "late October 2025", "between 26 and 28 October 2025", "26 October 2025",
 * "26 October 2025, 09:30 KST", "about 28 October 2025". What Diplomap estimated says so
 * ("about 29 October 2025 (estimated)"), and what no source gave says that ("not reported").
 * Month names are ours, not the C library's (dm-time-names.c), so that a translation needs no
 * installed locale. */

typedef enum
{
  SHOW_DAY   = 1 << 0,
  SHOW_MONTH = 1 << 1,
  SHOW_YEAR  = 1 << 2,
} Show;

/**
 * dm_time_mark_era:
 * @text: (transfer full): a date whose year, @year, is counted as years are before the common
 *   era (dm_time_era_year())
 *
 * Returns: (transfer full): @text, or @text marked as before the common era when @year is
 *   before the year 1: "15 March 44 BC"
 */
char *
dm_time_mark_era (char *text,
                  int   year)
{
  char *marked;

  if (year >= 1)
    return text;
  /* Translators: a date before the common era, its year counted back from 1 BC (ISO 8601's
   * year 0): %s is the date, "15 March 44" or "March 44", shown as "15 March 44 BC" */
  marked = g_strdup_printf (C_("era", "%s BC"), text);
  g_free (text);
  return marked;
}

/* The year as written in a date: 44 for ISO 8601's -0043 (44 BC, marked by dm_time_mark_era()) */
int
dm_time_era_year (int year)
{
  return year >= 1 ? year : 1 - year;
}

/**
 * dm_time_format_era_year:
 * @year: a year before the year 1, as ISO 8601 counts them (-499)
 *
 * Returns: (transfer full): the year as a person reads it: "500 BC"
 */
char *
dm_time_format_era_year (int year)
{
  /* Translators: a year before the common era, counted back from 1 BC (ISO 8601's year 0),
   * by itself or in a date: "500 BC", "Friday 15 March 44 BC, 12:00 UTC" */
  return g_strdup_printf (C_("era", "%d BC"), dm_time_era_year (year));
}

/* The parts @show of the local day @c: "26 October 2025", "October 2025" (the month's
 * standalone form: "октябрь 2025 г."), "2025"; "15 March 44 BC", "500 BC" */
static char *
format_parts (const DmCivil *c,
              Show           show)
{
  int year = dm_time_era_year (c->year);

  switch ((int) show)
    {
    case SHOW_YEAR:
      if (c->year < 1)
        return dm_time_format_era_year (c->year);
      return g_strdup_printf ("%d", year);
    case SHOW_MONTH | SHOW_YEAR:
      /* Translators: a month and its year: 1$ the month's name (its "standalone month"
       * form), 2$ the year */
      return dm_time_mark_era (g_strdup_printf (C_("date", "%1$s %2$d"),
                                                dm_time_month_name (c->month, TRUE), year), c->year);
    default:
      /* Translators: a day: 1$ the day, 2$ the month's name, 3$ the year */
      return dm_time_mark_era (g_strdup_printf (C_("date", "%1$d %2$s %3$d"), c->day,
                                                dm_time_month_name (c->month, FALSE), year), c->year);
    }
}

static GTimeZone *
zone_for (const DmTime *time,
          GTimeZone    *zone)
{
  /* A time without an offset is local at its place; without the place's zone, the offset
   * it had there when read still gives the right day */
  GTimeZone *standard;

  if (time->has_offset || zone == NULL)
    return g_time_zone_new_offset (time->utc_offset);
  /* an old date is in the zone's first standard offset, not its local mean time */
  if ((standard = dm_time_standard_zone (zone, (int) (1970 + time->earliest / 31556952))) != NULL)
    return standard;
  return g_time_zone_ref (zone);
}

/* The day and time of @utc in @zone, for any year */
static void
to_civil (gint64     utc,
          GTimeZone *zone,
          DmCivil   *out)
{
  dm_civil_from_unix (utc + dm_time_zone_offset_at (zone, utc), out);
}

/**
 * dm_time_dup_zone_name:
 *
 * Returns: (transfer full): "KST" for a named zone at @utc; "UTC" or "UTC+09:00" for a bare
 *   offset (a zone's "+04", a fixed offset's "+09:00:00", an old date's first standard offset)
 */
char *
dm_time_dup_zone_name (GTimeZone *zone,
                       gint64     utc)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);
  const char *abbreviation = g_time_zone_get_abbreviation (zone, interval);
  gint64 offset = g_time_zone_get_offset (zone, interval);

  if (abbreviation != NULL && *abbreviation != '+' && *abbreviation != '-' &&
      !g_ascii_isdigit (*abbreviation))
    return g_strdup (abbreviation);
  if (offset == 0)
    return g_strdup ("UTC");
  return g_strdup_printf ("UTC%c%02d:%02d", offset < 0 ? '-' : '+', (int) (ABS (offset) / 3600),
                          (int) (ABS (offset) / 60 % 60));
}

static gboolean
same_month (const DmCivil *a,
            const DmCivil *b)
{
  return a->year == b->year && a->month == b->month;
}

/* Two days as compactly as they read, in each language's order: "26 – 28 October 2025",
 * "30 October – 2 November 2025", "2025년 10월 26~28일"; or, with @between, a day known only to
 * lie between them: "between 26 and 28 October 2025" */
static char *
format_two_days (const DmCivil *a,
                 const DmCivil *b,
                 gboolean       between)
{
  int da = a->day, db = b->day;
  const char *ma = dm_time_month_name (a->month, FALSE);
  const char *mb = dm_time_month_name (b->month, FALSE);
  int year = dm_time_era_year (b->year);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (same_month (a, b))
    {
      if (between)
        /* Translators: a day known only to lie in a range of one month: "between 26 and
         * 28 October 2025": 1$ and 2$ the days, 3$ the month's name, 4$ the year */
        return dm_time_mark_era (g_strdup_printf (C_("period", "between %1$d and %2$d %3$s %4$d"),
                                                  da, db, mb, year), b->year);
      /* Translators: from one day to another of one month: "26 – 28 October 2025": 1$ and 2$
       * the days, 3$ the month's name, 4$ the year */
      return dm_time_mark_era (g_strdup_printf (C_("day range", "%1$d – %2$d %3$s %4$d"),
                                                da, db, mb, year), b->year);
    }
  if (a->year == b->year)
    {
      if (between)
        /* Translators: a day known only to lie in a range of one year: "between 30 October and
         * 2 November 2025": 1$ the first day, 2$ its month, 3$ the last day, 4$ its month,
         * 5$ the year */
        return dm_time_mark_era (g_strdup_printf (C_("period", "between %1$d %2$s and %3$d %4$s %5$d"),
                                                  da, ma, db, mb, year), b->year);
      /* Translators: from one day to another of one year: "30 October – 2 November 2025":
       * 1$ the first day, 2$ its month, 3$ the last day, 4$ its month, 5$ the year */
      return dm_time_mark_era (g_strdup_printf (C_("day range", "%1$d %2$s – %3$d %4$s %5$d"),
                                                da, ma, db, mb, year), b->year);
    }
  first = format_parts (a, SHOW_DAY | SHOW_MONTH | SHOW_YEAR);
  last = format_parts (b, SHOW_DAY | SHOW_MONTH | SHOW_YEAR);
  if (between)
    /* Translators: a day known only to lie between two days of different years: "between
     * 30 December 2025 and 2 January 2026" */
    return g_strdup_printf (C_("period", "between %s and %s"), first, last);
  /* Translators: from one time to another: "30 December 2025 – 2 January 2026" */
  return g_strdup_printf (C_("span", "%s – %s"), first, last);
}

/* A period: "October 2025", "early/mid-/late October 2025", or "between 26 and 28 October" */
static char *
format_period (const DmCivil *a,
               const DmCivil *b)
{
  int da = a->day, db = b->day;

  if (same_month (a, b))
    {
      gboolean month_end = db == dm_civil_days_in_month (b->year, b->month);
      const char *month = dm_time_month_name (a->month, FALSE);
      int year = dm_time_era_year (a->year);

      if (da == 1 && month_end)
        return format_parts (a, SHOW_MONTH | SHOW_YEAR);
      /* Translators: the first ten days of a month: "early October 2025": 1$ the month's
       * name (the form after a day: Russian "начало октября"), 2$ the year */
      if (da == 1 && db == 10)
        return dm_time_mark_era (g_strdup_printf (C_("period", "early %1$s %2$d"), month, year), a->year);
      /* Translators: days 11 to 20 of a month: "mid-October 2025" */
      if (da == 11 && db == 20)
        return dm_time_mark_era (g_strdup_printf (C_("period", "mid-%1$s %2$d"), month, year), a->year);
      /* Translators: days 21 to the end of a month: "late October 2025" */
      if (da == 21 && month_end)
        return dm_time_mark_era (g_strdup_printf (C_("period", "late %1$s %2$d"), month, year), a->year);
    }
  return format_two_days (a, b, TRUE);
}

static char *
format_known (const DmTime *time,
              GTimeZone    *zone)
{
  g_autoptr(GTimeZone) z = zone_for (time, zone);
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *zone_name = NULL;
  DmCivil dt, last;

  to_civil (time->earliest, z, &dt);
  switch (time->precision)
    {
    case DM_PRECISION_YEAR:
      return format_parts (&dt, SHOW_YEAR);
    case DM_PRECISION_MONTH:
      return format_parts (&dt, SHOW_MONTH | SHOW_YEAR);
    case DM_PRECISION_PERIOD:
      to_civil (MAX (time->latest - 1, time->earliest), z, &last);
      return format_period (&dt, &last);
    case DM_PRECISION_DAY:
      return format_parts (&dt, SHOW_DAY | SHOW_MONTH | SHOW_YEAR);
    default:
      day = format_parts (&dt, SHOW_DAY | SHOW_MONTH | SHOW_YEAR);
      clock = time->precision == DM_PRECISION_SECOND
              ? g_strdup_printf ("%02d:%02d:%02d", dt.hour, dt.minute, dt.second)
              : g_strdup_printf ("%02d:%02d", dt.hour, dt.minute);
      zone_name = dm_time_dup_zone_name (z, time->earliest);
      /* Translators: a day, a time of day and the zone's abbreviation: "26 October 2025, 09:30 KST" */
      return g_strdup_printf (C_("date", "%1$s, %2$s %3$s"), day, clock, zone_name);
    }
}

/**
 * dm_time_format_local:
 * @zone: (nullable): the place's zone, for times written without an offset
 *
 * @time as a person reads it, at the precision the source gave, in the place's local time:
 * "26 October 2025", "late October 2025", "between 26 and 28 October 2025", "about 28 October
 * 2025", "26 October 2025, 09:30 KST"; "not reported" for an unknown time. Every view that shows
 * a time from a file goes through here.
 */
char *
dm_time_format_local (const DmTime *time,
                      GTimeZone    *zone)
{
  g_autofree char *text = NULL;

  if (!dm_time_is_known (time))
    /* Translators: a time the sources did not give */
    return g_strdup (_("not reported"));
  text = format_known (time, zone);
  if (!time->approximate)
    return g_steal_pointer (&text);
  /* Translators: a day the source gave only roughly: "about 28 October 2025" */
  if (time->precision == DM_PRECISION_DAY)
    return g_strdup_printf (C_("approximate day", "about %s"), text);
  /* Translators: a time the source gave only roughly: "about October 2025" */
  return g_strdup_printf (C_("approximate", "about %s"), text);
}

/**
 * dm_time_format_utc:
 *
 * The same moment in UTC, for times known to the minute or better; for coarser times the
 * local text, as a day has no single UTC moment.
 */
char *
dm_time_format_utc (const DmTime *time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (dm_time_is_known (time) && time->precision >= DM_PRECISION_MINUTE)
    {
      DmCivil dt;

      to_civil (time->earliest, utc, &dt);
      return g_strdup_printf ("%s%04d-%02d-%02d %02d:%02d UTC", dt.year < 0 ? "-" : "", ABS (dt.year),
                              dt.month, dt.day, dt.hour, dt.minute);
    }
  return dm_time_format_local (time, NULL);
}

/* A moment chosen by a person (the playhead), to the minute, with the zone's abbreviation */
char *
dm_time_format_instant (gint64     utc_seconds,
                        GTimeZone *zone)
{
  g_autoptr(GTimeZone) utc = zone ? NULL : g_time_zone_new_utc ();
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *zone_name = NULL;
  DmCivil dt;

  to_civil (utc_seconds, zone ? zone : utc, &dt);
  day = format_parts (&dt, SHOW_DAY | SHOW_MONTH | SHOW_YEAR);
  clock = g_strdup_printf ("%02d:%02d", dt.hour, dt.minute);
  zone_name = dm_time_dup_zone_name (zone ? zone : utc, utc_seconds);
  return g_strdup_printf (C_("date", "%1$s, %2$s %3$s"), day, clock, zone_name);
}

/**
 * dm_time_format_estimate:
 *
 * A moment Diplomap estimated (to place a marker), never shown as a fact: only its day, and
 * saying so: "about 26 October 2025 (estimated)".
 */
char *
dm_time_format_estimate (gint64     utc_seconds,
                         GTimeZone *zone)
{
  g_autoptr(GTimeZone) utc = zone ? NULL : g_time_zone_new_utc ();
  g_autofree char *day = NULL;
  DmCivil dt;

  to_civil (utc_seconds, zone ? zone : utc, &dt);
  day = format_parts (&dt, SHOW_DAY | SHOW_MONTH | SHOW_YEAR);
  /* Translators: a day Diplomap estimated because the source gave none */
  return g_strdup_printf (_("about %s (estimated)"), day);
}

/**
 * dm_time_format_range:
 * @last: (nullable): the end, or %NULL
 *
 * From @first to @last, each at its precision: "26 – 28 October 2025" for two days, else
 * "26 October 2025 – about 2 November 2025"; one time when @last is unknown or the same.
 */
char *
dm_time_format_range (const DmTime *first,
                      const DmTime *last,
                      GTimeZone    *zone)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (last == NULL || !dm_time_is_known (last) ||
      (last->earliest == first->earliest && last->latest == first->latest))
    return dm_time_format_local (first, zone);
  if (first->precision == DM_PRECISION_DAY && last->precision == DM_PRECISION_DAY &&
      !first->approximate && !last->approximate)
    {
      g_autoptr(GTimeZone) za = zone_for (first, zone);
      g_autoptr(GTimeZone) zb = zone_for (last, zone);
      DmCivil da, db;

      to_civil (first->earliest, za, &da);
      to_civil (last->earliest, zb, &db);
      return format_two_days (&da, &db, FALSE);
    }
  a = dm_time_format_local (first, zone);
  b = dm_time_format_local (last, zone);
  /* Translators: from one time to another: "26 October 2025 – about 2 November 2025" */
  return g_strdup_printf (C_("span", "%s – %s"), a, b);
}

static GTimeZone *
zone_of (DmPlace *place)
{
  return place != NULL ? dm_place_get_zone (place) : NULL;
}

/**
 * dm_time_format_leg_time:
 * @arrive: the arrival, else the departure
 *
 * One end of a leg as known: at the source's precision; estimated from the other end (a flight
 * time) and saying so; or "not reported" when the leg has no time at all.
 */
char *
dm_time_format_leg_time (DmLeg    *leg,
                         gboolean  arrive)
{
  const DmTime *time = arrive ? &leg->arrive : &leg->depart;
  DmPlace *place = arrive ? leg->to : leg->from;

  if (dm_time_is_known (time))
    return dm_time_format_local (time, zone_of (place));
  if (leg->uncertain || (leg->start == 0 && leg->end == 0))
    return g_strdup (_("not reported"));
  return dm_time_format_estimate (arrive ? leg->end : leg->start, zone_of (place));
}

/* The first and last times a trip's legs give themselves */
static gboolean
trip_bounds (GPtrArray     *legs,
             const DmTime **first,
             const DmTime **last)
{
  *first = *last = NULL;
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);

      if (dm_time_is_known (&leg->depart))
        {
          if (*first == NULL)
            *first = &leg->depart;
          *last = &leg->depart;
        }
      if (dm_time_is_known (&leg->arrive))
        {
          if (*first == NULL)
            *first = &leg->arrive;
          *last = &leg->arrive;
        }
    }
  return *first != NULL;
}

/**
 * dm_time_format_event:
 *
 * When an event happens, as the sources gave it: "26 – 28 October 2025", "between 26 and
 * 28 October 2025"; a trip from its first known time, and "return not reported" when its
 * last leg has none. The event list, the timeline's tooltips and `--where` say this.
 */
char *
dm_time_format_event (DmEvent *event)
{
  GPtrArray *legs = dm_event_get_legs (event);
  const DmTime *first = NULL, *last = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DM_IS_EVENT (event), NULL);

  if (dm_time_is_known (dm_event_get_start (event)))
    return dm_time_format_range (dm_event_get_start (event), dm_event_get_end (event),
                                 zone_of (dm_event_get_place (event)));
  if (legs == NULL || legs->len == 0 || !trip_bounds (legs, &first, &last))
    return g_strdup (_("not reported"));
  {
    DmLeg *end = g_ptr_array_index (legs, legs->len - 1);
    DmLeg *start = g_ptr_array_index (legs, 0);

    if (!dm_time_is_known (&end->depart) && !dm_time_is_known (&end->arrive))
      {
        gboolean home = end->to != NULL && start->from != NULL &&
                        g_strcmp0 (dm_place_get_name (end->to), dm_place_get_name (start->from)) == 0;

        text = dm_time_format_local (first, NULL);
        /* Translators: a trip's first known time, then that its last leg has none */
        return g_strdup_printf (home ? _("%s, return not reported") : _("%s, end not reported"),
                                text);
      }
  }
  /* Each time in the offset its place had: the trip's places have different zones */
  return dm_time_format_range (first, last, NULL);
}
