/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DM_STALL_TRACER_ENV "DIPLOMAP_TRACE_STALLS"

/* An iteration told: from @start_us to @end_us (g_get_monotonic_time ()), @text as in the
 * message */
typedef void (*DmStallTracerFunc) (gint64      start_us,
                                   gint64      end_us,
                                   const char *text,
                                   gpointer    user_data);

gboolean dm_stall_tracer_start             (double         threshold_ms);
void     dm_stall_tracer_start_from_env    (void);
gboolean dm_stall_tracer_is_running        (void);
void     dm_stall_tracer_watch_frame_clock (GdkFrameClock *clock);
void     dm_stall_tracer_set_func          (DmStallTracerFunc func,
                                            gpointer          user_data);

G_END_DECLS
