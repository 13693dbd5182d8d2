/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "1 event", "3 events"…: counts in the summaries, each with its own plural */
char *dm_cli_count_events (guint n);
char *dm_cli_count_legs   (guint n);

/* diplomap --convert OUT FILE…; returns the exit status */
int dm_cli_convert (const char  *output,
                    char       **files);

G_END_DECLS
