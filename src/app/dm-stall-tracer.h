/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DM_STALL_TRACER_ENV "DIPLOMAP_TRACE_STALLS"

gboolean dm_stall_tracer_start             (double         threshold_ms);
void     dm_stall_tracer_start_from_env    (void);
gboolean dm_stall_tracer_is_running        (void);
void     dm_stall_tracer_watch_frame_clock (GdkFrameClock *clock);

G_END_DECLS
