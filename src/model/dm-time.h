/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dm-types.h"

G_BEGIN_DECLS

/**
 * DmTime:
 * @earliest: start of the interval the moment lies in, UTC, seconds since 1970
 * @latest: end of that interval (exclusive); equal to @earliest for an exact time
 * @utc_offset: seconds east of UTC of the time as written (or of the place's zone)
 * @precision: a #DmPrecision; %DM_PRECISION_NONE means "not known"
 * @approximate: the source was vague ("~" in the file)
 * @has_offset: the text gave an offset or Z; otherwise it is local time at the place
 *
 * A moment as precisely as it is known: a year, a month, a period ("late October
 * 2025" is 21-31 October), a local day at a place, or an exact time. A plain value
 * type: copy it with `=`.
 */
typedef struct
{
  gint64 earliest;
  gint64 latest;
  gint32 utc_offset;
  guint8 precision;
  guint  approximate : 1;
  guint  has_offset : 1;
} DmTime;

#define DM_TIME_UNKNOWN ((DmTime) { 0, 0, 0, DM_PRECISION_NONE, 0, 0 })

/* The years dm_time_parse() reads, in ISO 8601: -9999 (10000 BC) to 9999 */
#define DM_TIME_FIRST_YEAR (-9999)
#define DM_TIME_LAST_YEAR  9999

/**
 * DmCivil:
 * @year: the year as ISO 8601 counts it: 0 is 1 BC, -43 is 44 BC
 * @day_of_week: 1 for Monday to 7 for Sunday
 *
 * A day and time of day in the proleptic Gregorian calendar, for any year (dm-time-civil.c)
 */
typedef struct
{
  int year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
  int day_of_week;
} DmCivil;

gint64     dm_civil_days           (int           year,
                                    int           month,
                                    int           day);
int        dm_civil_days_in_month  (int           year,
                                    int           month);
void       dm_civil_from_unix      (gint64        local_seconds,
                                    DmCivil      *out);
int        dm_civil_round_year     (int           year,
                                    int           step);
gint32     dm_time_zone_offset_at  (GTimeZone    *zone,
                                    gint64        utc_seconds);
GDateTime *dm_time_date_time_new   (gint64        utc_seconds,
                                    GTimeZone    *zone,
                                    int          *year_shift);

/* @zone's first standard offset for a @year when it still kept local mean time (Rome
 * +0:49:56), which old dates are read and written in; NULL otherwise (transfer full) */
GTimeZone *dm_time_standard_zone  (GTimeZone    *zone,
                                   int           year);

gboolean  dm_time_is_known        (const DmTime *time);
gboolean  dm_time_is_vague        (const DmTime *time);
gboolean  dm_time_get_drawn_range (const DmTime *time,
                                   gint64       *earliest,
                                   gint64       *latest);
gboolean  dm_time_parse           (const char   *text,
                                   GTimeZone    *zone,
                                   DmTime       *out,
                                   GError      **error);
gboolean  dm_time_parse_period    (const char   *earliest,
                                   const char   *latest,
                                   GTimeZone    *zone,
                                   DmTime       *out,
                                   GError      **error);
char     *dm_time_to_iso          (const DmTime *time,
                                   GTimeZone    *zone);
gint64    dm_time_get_middle      (const DmTime *time);
int       dm_time_compare         (const DmTime *a,
                                   const DmTime *b);
char     *dm_time_format_local    (const DmTime *time,
                                   GTimeZone    *zone);
char     *dm_time_format_utc      (const DmTime *time);
char     *dm_time_format_instant  (gint64        utc_seconds,
                                   GTimeZone    *zone);
char     *dm_time_format_estimate (gint64        utc_seconds,
                                   GTimeZone    *zone);
char     *dm_time_format_range    (const DmTime *first,
                                   const DmTime *last,
                                   GTimeZone    *zone);
char     *dm_time_format_utc_iso  (gint64        utc_seconds);

G_END_DECLS
