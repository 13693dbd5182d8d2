/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dm-error.h"
#include "dm-time.h"
#include "dm-zone-table.h"

gboolean
dm_time_is_known (const DmTime *time)
{
  return time != NULL && time->precision != DM_PRECISION_NONE;
}

/**
 * dm_time_is_vague:
 *
 * Whether the moment is drawn as a range rather than an edge: the source was vague
 * ("~") or gave a period ("2025-10-21/2025-10-31"). Views fade such a start in (and
 * such an end out) over dm_time_get_drawn_range().
 */
gboolean
dm_time_is_vague (const DmTime *time)
{
  return dm_time_is_known (time) &&
         (time->approximate ||
          (time->precision == DM_PRECISION_PERIOD && time->latest > time->earliest));
}

/* How far an approximate ("~") time may lie outside what it says: one unit of its precision
 * (docs/FORMAT.md, "Approximate times") */
#define APPROX_TIME_SECONDS (2 * 3600)      /* "~2025-10-28T10:00": within two hours */
#define APPROX_DAY_SECONDS  (24 * 3600)     /* "~2025-10-28": the day before to the day after */
#define APPROX_MONTH_SECONDS (30 * 24 * 3600)
#define APPROX_YEAR_SECONDS  (365 * 24 * 3600)

/**
 * dm_time_get_drawn_range:
 * @earliest: (out): where the range begins, UTC seconds
 * @latest: (out): where it ends
 *
 * The range over which views fade a vague time in or out (dm_time_is_vague()): a period's own
 * range; an approximate time's interval widened by one unit of its precision on each side
 * ("~2025-10-28" from 27 to 29 October, "~2025-10-28T10:00" from 08:00 to 12:00, "~2025-10"
 * by 30 days, "~2025" by a year, an approximate period by half its length). What is shown as
 * text keeps the time as written ("about 28 October").
 * Returns: %FALSE for a sharp time (exact, or known to the day without "~"), @earliest and
 *   @latest then the time's own interval
 */
gboolean
dm_time_get_drawn_range (const DmTime *time,
                         gint64       *earliest,
                         gint64       *latest)
{
  gint64 unit = 0;

  *earliest = time->earliest;
  *latest = time->latest;
  if (!dm_time_is_vague (time))
    return FALSE;
  if (time->approximate)
    switch (time->precision)
      {
      case DM_PRECISION_YEAR:
        unit = APPROX_YEAR_SECONDS;
        break;
      case DM_PRECISION_MONTH:
        unit = APPROX_MONTH_SECONDS;
        break;
      case DM_PRECISION_PERIOD:
        unit = (time->latest - time->earliest) / 2;
        break;
      case DM_PRECISION_DAY:
        unit = APPROX_DAY_SECONDS;
        break;
      default:
        unit = APPROX_TIME_SECONDS;
        break;
      }
  *earliest = time->earliest - unit;
  *latest = time->latest + unit;
  return *latest > *earliest;
}

static gboolean
read_digits (const char **p,
             guint        count,
             int         *value)
{
  int v = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += count;
  *value = v;
  return TRUE;
}

/* Reads "Z", "+09:00", "+0900" or "+09"; returns FALSE on anything else */
static gboolean
read_offset (const char **p,
             gint32      *offset)
{
  int sign, hh = 0, mm = 0;

  if (**p == 'Z' || **p == 'z')
    {
      *p += 1;
      *offset = 0;
      return TRUE;
    }
  if (**p != '+' && **p != '-')
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  *p += 1;
  if (!read_digits (p, 2, &hh) || hh > 14)
    return FALSE;
  if (**p == ':')
    *p += 1;
  if (g_ascii_isdigit (**p) && (!read_digits (p, 2, &mm) || mm > 59))
    return FALSE;
  *offset = sign * (hh * 3600 + mm * 60);
  return TRUE;
}

/* The first and last seconds of the years -9999 (10000 BC) to 9999 in UTC, as Unix times */
#define FIRST_UTC_SECOND G_GINT64_CONSTANT (-377705116800)
#define LAST_UTC_SECOND  G_GINT64_CONSTANT (253402300799)

/* What g_date_time_to_unix (g_date_time_new (zone, ...)) gives, without the GDateTime (two
 * or three of them are made for every time of a large file): a local time that does not exist
 * (skipped by a change to summer time) moves forward to the zone's next interval, an
 * ambiguous one is taken in standard time; the fraction of a second is dropped. @table (the
 * zone's) NULL is the fixed offset @offset, with no GTimeZone at all. */
static gint64
local_to_utc (DmZoneTable *table,
              gint32       offset,
              int          year,
              int          month,
              int          day,
              int          hour,
              int          minute,
              double       seconds,
              gint32      *zone_offset)
{
  gint64 local;

  local = dm_civil_days (year, month, day) * 86400 + hour * 3600 + minute * 60 + (gint64) seconds;
  /* Outside GDateTime's years 1 to 9999: the zone's offset of then, fixed, with our calendar */
  if (year < 1 || year > 9999)
    return local - (table != NULL ? dm_zone_table_offset_at (table, local) : offset);
  /* a leap second, which GDateTime refuses */
  if (!(seconds >= 0.0 && seconds < 60.0))
    return G_MININT64;
  if (table == NULL)
    return local - offset;
  /* g_time_zone_adjust_time()'s steps, with the zone's transitions from a table */
  return dm_zone_table_local_to_utc (table, local, zone_offset);
}

/* Before standard time, a zone keeps its local mean time (Rome +0:49:56, New York
 * -4:56:02), which no one wrote and which would leak into UTC output as odd seconds: an old
 * date is read in the zone's first standard offset instead (a whole number of minutes).
 * NULL when @zone already has one in @year. (transfer full) */
GTimeZone *
dm_time_standard_zone (GTimeZone *zone,
                       int        year)
{
  const gint64 seconds_per_year = 31556952;
  DmZoneTable *table;

  if (zone == NULL || year >= 1970)
    return NULL;
  table = dm_zone_table_get (zone);
  if (dm_zone_table_offset_at (table, (gint64) (year - 1970) * seconds_per_year) % 60 == 0)
    return NULL;
  for (int y = MAX (year, 1800); y < 1970; y++)
    {
      gint32 offset = dm_zone_table_offset_at (table, (gint64) (y - 1970) * seconds_per_year);

      if (offset % 60 == 0)
        return g_time_zone_new_offset (offset);
    }
  return NULL;
}

static gboolean
parse_error (const char  *text,
             GError     **error)
{
  g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
               /* Translators: %s is what the file had instead of a date */
               _("“%s” is not an ISO 8601 date or time (such as 2025-10-26 or 2025-10-26T09:30+09:00)"),
               text);
  return FALSE;
}

static gboolean
skipped_day_error (const char  *text,
                   GError     **error)
{
  g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
               /* Translators: %s is the date the file gave, a day that the place's time zone
                * left out (its clocks went from the day before to the day after) */
               _("“%s” is a day the place’s clocks skipped: it did not happen there"), text);
  return FALSE;
}

static gboolean
range_error (const char  *text,
             GError     **error)
{
  g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
               /* Translators: %s is the time the file gave; -9999 and 9999 are ISO 8601 years */
               _("“%s” falls outside the years -9999 to 9999 (10000 BC to AD 9999) in UTC"), text);
  return FALSE;
}

/* A year of four digits ("0676"; "0000" is 1 BC), or ISO 8601's expanded year: a sign, then
 * four to six digits ("-0500" is 501 BC, "+002025" is 2025) */
static gboolean
read_year (const char **p,
           int         *year,
           gboolean    *in_range)
{
  int sign = 1, digits = 0;
  gint64 v = 0;

  *in_range = TRUE;
  if (**p != '+' && **p != '-')
    return read_digits (p, 4, year);
  sign = **p == '-' ? -1 : 1;
  *p += 1;
  for (; g_ascii_isdigit (**p) && digits < 7; digits++, *p += 1)
    v = v * 10 + (**p - '0');
  if (digits < 4 || digits > 6)
    return FALSE;
  *in_range = v <= -DM_TIME_FIRST_YEAR && v <= DM_TIME_LAST_YEAR;
  *year = sign * (int) v;
  return TRUE;
}

static gboolean
parse_single (const char  *text,
              GTimeZone   *zone,
              DmTime      *out,
              GError     **error)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GTimeZone) standard = NULL;
  char stack_copy[64];
  g_autofree char *heap_copy = NULL;
  char *copy;
  const char *p;
  gsize len;
  DmTime t = DM_TIME_UNKNOWN;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  double frac = 0.0;
  gboolean in_range = TRUE;
  DmZoneTable *table;
  gint32 earliest_offset = G_MININT32;
  gint64 earliest_read;

  /* the text without the spaces around it (g_strstrip()), copied on the stack when short */
  for (p = text; g_ascii_isspace (*p); p++)
    ;
  len = strlen (p);
  while (len > 0 && g_ascii_isspace (p[len - 1]))
    len--;
  copy = len < sizeof stack_copy ? stack_copy : (heap_copy = g_malloc (len + 1));
  memcpy (copy, p, len);
  copy[len] = '\0';
  p = copy;

  while (len > 0 && (copy[len - 1] == '~' || copy[len - 1] == '?'))
    {
      t.approximate = TRUE;
      copy[--len] = '\0';
    }
  if (len == 0)
    return parse_error (text, error);

  if (zone == NULL)
    zone = utc = g_time_zone_new_utc ();

  if (!read_year (&p, &year, &in_range))
    return parse_error (text, error);
  t.precision = DM_PRECISION_YEAR;

  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 2, &month) || month < 1 || month > 12)
        return parse_error (text, error);
      t.precision = DM_PRECISION_MONTH;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &day) || day < 1 || day > dm_civil_days_in_month (year, month))
            return parse_error (text, error);
          t.precision = DM_PRECISION_DAY;
          if (*p == 'T' || *p == 't' || *p == ' ')
            {
              p++;
              if (!read_digits (&p, 2, &hour) || hour > 23 || *p != ':')
                return parse_error (text, error);
              p++;
              if (!read_digits (&p, 2, &minute) || minute > 59)
                return parse_error (text, error);
              t.precision = DM_PRECISION_MINUTE;
              if (*p == ':')
                {
                  p++;
                  if (!read_digits (&p, 2, &second) || second > 60)
                    return parse_error (text, error);
                  t.precision = DM_PRECISION_SECOND;
                  if (*p == '.' || *p == ',')
                    {
                      const char *start = ++p;
                      while (g_ascii_isdigit (*p))
                        p++;
                      if (p == start)
                        return parse_error (text, error);
                      {
                        g_autofree char *digits = g_strdup_printf ("0.%.*s", (int) (p - start), start);
                        frac = g_ascii_strtod (digits, NULL);
                      }
                    }
                }
              if (*p != '\0')
                {
                  if (!read_offset (&p, &t.utc_offset))
                    return parse_error (text, error);
                  t.has_offset = TRUE;
                  /* a fixed offset is plain arithmetic: no zone */
                  zone = NULL;
                }
            }
        }
    }
  if (*p != '\0')
    return parse_error (text, error);
  if (!in_range)
    return range_error (text, error);

  if (!t.has_offset && (standard = dm_time_standard_zone (zone, year)) != NULL)
    zone = standard;
  /* the zone's table once for the time's bounds and offset */
  table = zone != NULL ? dm_zone_table_get (zone) : NULL;
  switch (t.precision)
    {
    case DM_PRECISION_YEAR:
      t.earliest = local_to_utc (table, t.utc_offset, year, 1, 1, 0, 0, 0, &earliest_offset);
      t.latest = year == 9999 ? G_MAXINT64 : local_to_utc (table, t.utc_offset, year + 1, 1, 1, 0, 0, 0, NULL);
      break;
    case DM_PRECISION_MONTH:
      t.earliest = local_to_utc (table, t.utc_offset, year, month, 1, 0, 0, 0, &earliest_offset);
      t.latest = month < 12 ? local_to_utc (table, t.utc_offset, year, month + 1, 1, 0, 0, 0, NULL)
                 : year == 9999 ? G_MAXINT64 : local_to_utc (table, t.utc_offset, year + 1, 1, 1, 0, 0, 0, NULL);
      break;
    case DM_PRECISION_DAY:
      {
        DmCivil next = { .year = year, .month = month, .day = day + 1 };

        /* the day after */
        if (next.day > dm_civil_days_in_month (year, month))
          {
            next.day = 1;
            if (++next.month > 12)
              {
                next.month = 1;
                next.year++;
              }
          }
        t.earliest = local_to_utc (table, t.utc_offset, year, month, day, 0, 0, 0, &earliest_offset);
        /* the day after 9999-12-31 is in the year 10000, which no writer can write */
        t.latest = next.year > DM_TIME_LAST_YEAR
                   ? G_MAXINT64 : local_to_utc (table, t.utc_offset, next.year, next.month, next.day, 0, 0, 0, NULL);
        /* a day the place's clocks skipped (Kiritimati went from 30 December 1994 to 1
         * January 1995): no time of it can be written back (fuzz-time) */
        if (t.earliest != G_MININT64 && t.latest != G_MININT64 && t.latest <= t.earliest)
          return skipped_day_error (text, error);
      }
      break;
    default:
      t.earliest = t.latest = local_to_utc (table, t.utc_offset, year, month, day, hour, minute, second + frac,
                                             &earliest_offset);
      break;
    }
  if (t.earliest == G_MININT64 || t.latest == G_MININT64)
    return parse_error (text, error);
  earliest_read = t.earliest;
  /* A year, month or day partly within the years -9999 to 9999 in UTC (9999-12-31 in UTC or
   * west of it, whose end is in the year 10000; -9999-01-01 east of UTC) is held from the
   * first or to the last second of those years: every writer writes it, and it reads back
   * (the writers write a period's end as a day: fuzz-time found 9999-12-31 unreadable) */
  if (t.precision != DM_PRECISION_MINUTE && t.precision != DM_PRECISION_SECOND &&
      t.earliest <= LAST_UTC_SECOND && t.latest >= FIRST_UTC_SECOND)
    {
      t.earliest = MAX (t.earliest, FIRST_UTC_SECOND);
      t.latest = MIN (t.latest, LAST_UTC_SECOND);
    }
  /* 9999-12-31T23:59:59-23:59 is a day into the year 10000 in UTC, which no writer can
   * write */
  if (t.earliest < FIRST_UTC_SECOND || t.latest > LAST_UTC_SECOND)
    return range_error (text, error);

  if (!t.has_offset)
    {
      /* what g_date_time_to_timezone() gives, without its two GDateTimes (read for every
       * time of a large file): 0 where the local time falls outside the years -9999 to 9999 */
      gint32 offset;
      gint64 local;

      if (table == NULL)
        offset = 0;
      else if (earliest_offset != G_MININT32 && t.earliest == earliest_read)
        offset = earliest_offset; /* found with the first bound */
      else
        offset = dm_zone_table_offset_at (table, t.earliest);
      local = t.earliest + offset;

      t.utc_offset = local >= FIRST_UTC_SECOND && local <= LAST_UTC_SECOND ? offset : 0;
    }
  *out = t;
  return TRUE;
}

/**
 * dm_time_parse:
 * @text: ISO 8601: "2025", "2025-10", "2025-10-26", "2025-10-26T09:30",
 *   "2025-10-26T09:30:00+09:00", "2025-10-26T00:30Z"; an interval
 *   "2025-10-21/2025-10-31"; a trailing "~" marks it approximate; years from -9999 to 9999,
 *   "0676", "0000" (1 BC), "-0043-03-15" (15 March 44 BC), "+002025" (ISO 8601's expanded
 *   years)
 * @zone: (nullable): the place's zone, for times without an offset (UTC if %NULL)
 *
 * A date without a time is the local day at the place.
 */
gboolean
dm_time_parse (const char  *text,
               GTimeZone   *zone,
               DmTime      *out,
               GError     **error)
{
  const char *slash;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return parse_error ("", error);

  slash = strchr (text, '/');
  if (slash != NULL)
    {
      g_autofree char *first = g_strndup (text, slash - text);
      return dm_time_parse_period (first, slash + 1, zone, out, error);
    }
  return parse_single (text, zone, out, error);
}

/**
 * dm_time_parse_period:
 *
 * A time known only to lie between @earliest and @latest (both included),
 * like "late October 2025" = 2025-10-21 .. 2025-10-31.
 */
gboolean
dm_time_parse_period (const char  *earliest,
                      const char  *latest,
                      GTimeZone   *zone,
                      DmTime      *out,
                      GError     **error)
{
  DmTime a, b;

  if (!parse_single (earliest, zone, &a, error) || !parse_single (latest, zone, &b, error))
    return FALSE;
  if (b.latest < a.earliest)
    {
      g_set_error (error, DM_ERROR, DM_ERROR_INVALID,
                   _("The period ends (%s) before it starts (%s)"), latest, earliest);
      return FALSE;
    }
  a.latest = MAX (b.latest, a.latest);
  a.precision = DM_PRECISION_PERIOD;
  a.approximate = a.approximate || b.approximate;
  *out = a;
  return TRUE;
}

/* The day and time of @utc in @zone, for any year */
static void
to_civil (gint64     utc,
          GTimeZone *zone,
          DmCivil   *out)
{
  dm_civil_from_unix (utc + dm_time_zone_offset_at (zone, utc), out);
}

/* The zone a local time at @utc, written without an offset, is read back in: @zone (UTC if
 * %NULL), or its first standard offset for the year written when it then kept local mean
 * time (parse_single()). The year is the one written in that offset, not a guess from
 * @utc: fuzz-time found 1913-10 in São Paulo (-3:06:28 until 1914) written 1913-09, its
 * year taken as 1914, which has standard time. (transfer full) */
static GTimeZone *
reading_zone (GTimeZone *zone,
              gint64     utc)
{
  GTimeZone *standard;
  DmCivil c;

  if (zone == NULL)
    return g_time_zone_new_utc ();
  to_civil (utc, zone, &c);
  standard = dm_time_standard_zone (zone, c.year);
  if (standard != NULL)
    {
      GTimeZone *again;

      /* the year in the standard offset, which may be the one before or after */
      to_civil (utc, standard, &c);
      again = dm_time_standard_zone (zone, c.year);
      g_time_zone_unref (standard);
      return again != NULL ? again : g_time_zone_ref (zone);
    }
  return g_time_zone_ref (zone);
}

static GTimeZone *
zone_for (const DmTime *time,
          GTimeZone    *zone)
{
  if (time->has_offset)
    return g_time_zone_new_offset (time->utc_offset);
  /* an old date was read in the zone's first standard offset: written back in it */
  return reading_zone (zone, time->earliest);
}

/* @c as ISO 8601 to @precision: the year in four digits (GLib's %Y writes the year 1 as "1",
 * which no reader takes for a year), with a sign before the year 0 ("-0500" is 501 BC) */
static char *
format_iso (const DmCivil *c,
            DmPrecision    precision)
{
  g_autofree char *year = c->year < 0 ? g_strdup_printf ("-%04d", -c->year)
                                      : g_strdup_printf ("%04d", c->year);

  switch (precision)
    {
    case DM_PRECISION_YEAR:
      return g_steal_pointer (&year);
    case DM_PRECISION_MONTH:
      return g_strdup_printf ("%s-%02d", year, c->month);
    case DM_PRECISION_MINUTE:
      return g_strdup_printf ("%s-%02d-%02dT%02d:%02d", year, c->month, c->day, c->hour, c->minute);
    case DM_PRECISION_SECOND:
      return g_strdup_printf ("%s-%02d-%02dT%02d:%02d:%02d", year, c->month, c->day, c->hour,
                              c->minute, c->second);
    default:
      return g_strdup_printf ("%s-%02d-%02d", year, c->month, c->day);
    }
}

/* How one side of a period is written, in the order tried */
typedef enum
{
  SIDE_DAY,    /* the day that starts (or, for the end, ends) at the moment, in the place's zone */
  SIDE_LOCAL,  /* a local time in the place's zone, without an offset */
  SIDE_OFFSET, /* a time with the offset of the zone given */
  SIDE_UTC,    /* a time in UTC, "Z" */
} SideForm;

/* One side of a period, @utc, written in @form; %NULL when @form cannot say it (not a
 * midnight, a year outside -9999 to 9999 there, an offset that is not whole minutes) */
static char *
format_side (gint64       utc,
             gboolean     is_end,
             SideForm     form,
             GTimeZone   *place,
             gint32       offset)
{
  g_autoptr(GTimeZone) z = NULL;
  g_autofree char *body = NULL;
  DmCivil c;
  int off;

  switch (form)
    {
    case SIDE_DAY:
    case SIDE_LOCAL:
      /* an end written as a day is read in the zone of that day, the one before @utc */
      z = reading_zone (place, form == SIDE_DAY && is_end ? utc - 1 : utc);
      offset = dm_time_zone_offset_at (z, utc);
      break;
    case SIDE_UTC:
      offset = 0;
      break;
    case SIDE_OFFSET:
    default:
      if (offset % 60 != 0)
        return NULL;
      break;
    }
  dm_civil_from_unix (utc + offset, &c);
  if (form == SIDE_DAY)
    {
      if (c.hour != 0 || c.minute != 0 || c.second != 0)
        return NULL;
      /* an end is exclusive: the day that ends at this midnight */
      if (is_end)
        to_civil (utc - 1, z, &c);
    }
  if (c.year < DM_TIME_FIRST_YEAR || c.year > DM_TIME_LAST_YEAR)
    return NULL;
  if (form == SIDE_DAY)
    return format_iso (&c, DM_PRECISION_DAY);
  body = format_iso (&c, c.second != 0 ? DM_PRECISION_SECOND : DM_PRECISION_MINUTE);
  if (form == SIDE_LOCAL)
    return g_steal_pointer (&body);
  if (offset == 0)
    return g_strconcat (body, "Z", NULL);
  off = ABS (offset) / 60;
  return g_strdup_printf ("%s%c%02d:%02d", body, offset < 0 ? '-' : '+', off / 60, off % 60);
}

static gboolean
reads_back (const char   *text,
            GTimeZone    *zone,
            const DmTime *time,
            gboolean      strict)
{
  DmTime back;

  if (!dm_time_parse (text, zone, &back, NULL))
    return FALSE;
  if (back.earliest != time->earliest || back.latest != time->latest ||
      back.precision != time->precision || back.approximate != time->approximate)
    return FALSE;
  return !strict || (back.has_offset == time->has_offset && back.utc_offset == time->utc_offset);
}

/* A period as the text that reads back to its start and end: each side as a day where one
 * starts or ends there in the place's zone, else as a time ("2020-01-01T00:00+14:00/2020-03"
 * was written "2020-01-01/2020-04-01", read in the place's zone: its start moved and its end
 * gained a day). The start keeps the offset it was written with; every form is read back
 * to check it, since a local midnight or time may not exist or may repeat in the zone. */
static char *
format_period (const DmTime *time,
               GTimeZone    *zone)
{
  static const SideForm start_forms[] = { SIDE_DAY, SIDE_LOCAL, SIDE_OFFSET, SIDE_UTC };
  static const SideForm end_forms[] = { SIDE_DAY, SIDE_LOCAL, SIDE_OFFSET, SIDE_UTC };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GTimeZone *place = zone != NULL ? zone : utc;
  gint32 offset = time->has_offset ? time->utc_offset : 0;
  g_autofree char *last = NULL;

  /* strict: the start's offset is kept too; else, as a last resort, only the start and end */
  for (int strict = 1; strict >= 0; strict--)
    for (guint i = 0; i < G_N_ELEMENTS (start_forms); i++)
      {
        g_autofree char *a = NULL;

        /* a start written with an offset is read with it, and one without in the zone */
        if (strict && time->has_offset != (start_forms[i] >= SIDE_OFFSET))
          continue;
        a = format_side (time->earliest, FALSE, start_forms[i], place, offset);
        if (a == NULL)
          continue;
        for (guint j = 0; j < G_N_ELEMENTS (end_forms); j++)
          {
            g_autofree char *b = format_side (time->latest, TRUE, end_forms[j], place, offset);
            g_autofree char *text = NULL;

            if (b == NULL)
              continue;
            text = g_strdup_printf ("%s/%s%s", a, b, time->approximate ? "~" : "");
            if (reads_back (text, zone, time, strict))
              return g_steal_pointer (&text);
            g_free (last);
            last = g_steal_pointer (&text);
          }
      }
  return g_steal_pointer (&last);
}

/**
 * dm_time_to_iso:
 *
 * The canonical text of @time, as dm_time_parse() reads it back to the same value.
 * Returns: (nullable): %NULL for an unknown time
 */
char *
dm_time_to_iso (const DmTime *time,
                GTimeZone    *zone)
{
  g_autoptr(GTimeZone) z = NULL;
  g_autofree char *body = NULL;
  DmCivil first;

  if (!dm_time_is_known (time))
    return NULL;

  z = zone_for (time, zone);
  to_civil (time->earliest, z, &first);

  switch (time->precision)
    {
    case DM_PRECISION_YEAR:
    case DM_PRECISION_MONTH:
    case DM_PRECISION_DAY:
      body = format_iso (&first, time->precision);
      break;
    case DM_PRECISION_PERIOD:
      return format_period (time, zone);
    case DM_PRECISION_MINUTE:
    case DM_PRECISION_SECOND:
    default:
      body = format_iso (&first, time->precision == DM_PRECISION_MINUTE ? DM_PRECISION_MINUTE
                                                                        : DM_PRECISION_SECOND);
      if (time->has_offset)
        {
          int off = ABS (time->utc_offset) / 60;
          char *with;

          if (time->utc_offset == 0)
            with = g_strconcat (body, "Z", NULL);
          else
            with = g_strdup_printf ("%s%c%02d:%02d", body, time->utc_offset < 0 ? '-' : '+',
                                    off / 60, off % 60);
          g_free (body);
          body = with;
        }
      break;
    }

  if (time->approximate)
    return g_strconcat (body, "~", NULL);
  return g_steal_pointer (&body);
}

gint64
dm_time_get_middle (const DmTime *time)
{
  return time->earliest + (time->latest - time->earliest) / 2;
}

int
dm_time_compare (const DmTime *a,
                 const DmTime *b)
{
  gboolean ka = dm_time_is_known (a), kb = dm_time_is_known (b);

  if (!ka || !kb)
    return ka - kb;
  if (a->earliest != b->earliest)
    return a->earliest < b->earliest ? -1 : 1;
  if (a->latest != b->latest)
    return a->latest < b->latest ? -1 : 1;
  return 0;
}

/* "2025-10-29T12:00:00Z" */
char *
dm_time_format_utc_iso (gint64 utc_seconds)
{
  g_autofree char *body = NULL;
  DmCivil c;

  dm_civil_from_unix (utc_seconds, &c);
  body = format_iso (&c, DM_PRECISION_SECOND);
  return g_strconcat (body, "Z", NULL);
}
