/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dm-event.h"
#include "dm-leg.h"
#include "dm-time.h"

G_BEGIN_DECLS

char       *dm_time_format_event     (DmEvent    *event);
char       *dm_time_format_leg_time  (DmLeg      *leg,
                                      gboolean    arrive);
char       *dm_time_mark_era         (char       *text,
                                      int         year);
int         dm_time_era_year         (int         year);
char       *dm_time_format_era_year  (int         year);
char       *dm_time_dup_zone_name    (GTimeZone  *zone,
                                      gint64      utc);

/* Names of months and weekdays in the messages' language (dm-time-names.c) */
const char *dm_time_month_name       (int         month,
                                      gboolean    standalone);
char       *dm_time_format_date_time (GDateTime  *dt,
                                      const char *format);
char       *dm_time_format_unix      (gint64      utc_seconds,
                                      GTimeZone  *zone,
                                      const char *format);

G_END_DECLS
