/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"
/* gettid () */
#define _GNU_SOURCE 1

#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dm-worker-priority.h"

/* On this 2-core machine a step of the main thread that takes 27 ms of CPU took 49 ms of
 * wall time while the route set's build, the timeline's and the loader's threads ran: the
 * scheduler shares a core evenly between threads of the same nice value. A worker at nice
 * +10 weighs about a tenth of the main thread, so the main thread has its core whenever it
 * wants it, and the workers still have every cycle it leaves.
 *
 * On Linux the nice value belongs to each thread (setpriority (PRIO_PROCESS, tid) changes
 * only that thread, a documented departure from POSIX); elsewhere it is the whole
 * process's, so nothing is changed there. A thread without CAP_SYS_NICE can make itself
 * nicer but never less nice again: a thread of GLib's shared pool (GTask's) stays at the
 * lower priority after our job, for the next job too, which is background work as well.
 * Without a window (the command line, the benchmarks of figures) nothing changes: there is
 * no interface thread to give way to. */

static int target_nice = G_MININT;

/**
 * dm_worker_priority_enable:
 *
 * Called on the main thread of a process that shows a window (before its first worker if it
 * can): from now on dm_worker_priority_lower() puts the calling thread DM_WORKER_NICE_STEP
 * below the main thread's priority as it is now. A second call does nothing.
 */
void
dm_worker_priority_enable (void)
{
  int nice;

  if (g_atomic_int_get (&target_nice) != G_MININT)
    return;
  errno = 0;
  nice = getpriority (PRIO_PROCESS, 0);
  if (nice == -1 && errno != 0)
    nice = 0;
  g_atomic_int_set (&target_nice, MIN (nice + DM_WORKER_NICE_STEP, 19));
}

gboolean
dm_worker_priority_is_enabled (void)
{
  return g_atomic_int_get (&target_nice) != G_MININT;
}

/**
 * dm_worker_priority_lower:
 *
 * Called first by a worker thread of ours (a GTask's thread function, a GThread's, a
 * GThreadPool's): if a window is shown (dm_worker_priority_enable()), the calling thread,
 * and it alone, runs at a lower priority than the main thread from now on. Cheap: two
 * system calls, one once the thread is lower already.
 */
void
dm_worker_priority_lower (void)
{
#ifdef __linux__
  int target = g_atomic_int_get (&target_nice);
  pid_t tid;
  int nice;

  if (target == G_MININT)
    return;
  tid = gettid ();
  errno = 0;
  nice = getpriority (PRIO_PROCESS, tid);
  if ((nice != -1 || errno == 0) && nice < target)
    setpriority (PRIO_PROCESS, tid, target);
#endif
}
