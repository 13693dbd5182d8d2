/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The month (1-12) a word of quick add names, or 0 (dm-quick-add-months.c): English names
 * and abbreviations always, and the names the C library gives the current LC_TIME
 * (g_date_time_format "%B", "%b", "%OB", "%Ob"), any case, accents ignored */
int dm_quick_add_month_of (const char *word);

G_END_DECLS
