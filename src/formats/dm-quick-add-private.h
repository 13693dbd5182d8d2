/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dm-time.h"

G_BEGIN_DECLS

/* The month (1-12) a word of quick add names, or 0 (dm-quick-add-months.c): English names
 * and abbreviations always, and the names the C library gives the current LC_TIME
 * (g_date_time_format "%B", "%b", "%OB", "%Ob"), any case, accents ignored */
int dm_quick_add_month_of (const char *word);

/* dm-quick-add-dates.c: whether @text is all date words ("29-30", "Oct", "2025년", "~");
 * the dates @text gives ("2025-10-26", "26 Oct 2025", "26 October", "Oct 26", "~28 Oct",
 * "29-30 Oct 2025", "31 Oct - 1 Nov 2025"), @year where it gives none; @end is unknown for
 * a single day */
gboolean dm_quick_add_is_date          (const char *text);
gboolean dm_quick_add_parse_dates      (const char *text,
                                        int         year,
                                        GTimeZone  *zone,
                                        DmTime     *start,
                                        DmTime     *end);

G_END_DECLS
