/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Our worker threads yield the CPU to the window's main thread (docs/PERFORMANCE.md, "Our
 * workers below the main thread"): a process that shows a window calls
 * dm_worker_priority_enable() on its main thread, and every thread of ours that works in
 * the background calls dm_worker_priority_lower() first. */

/* How much nicer than the main thread a worker runs */
#define DM_WORKER_NICE_STEP 10

void     dm_worker_priority_enable     (void);
gboolean dm_worker_priority_is_enabled (void);
void     dm_worker_priority_lower      (void);

G_END_DECLS
