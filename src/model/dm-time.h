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
