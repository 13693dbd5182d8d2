/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-stalls"
/* dladdr () */
#define _GNU_SOURCE

#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dm-stall-tracer.h"

/* A development aid (docs/PERFORMANCE.md, "Naming a stall"): with DIPLOMAP_TRACE_STALLS=MS in
 * the environment, every iteration of the main thread's main loop that takes MS or more,
 * from the moment its poll returns to the next poll, is told by a g_message naming the
 * sources it dispatched and their times, and the frame clock's phases if a frame was drawn
 * in it. Unset, nothing is installed and nothing costs.
 *
 * How it sees what runs: the default main context's poll function is wrapped (the time
 * between two polls), and so are the dispatch functions of GLib's idle and timeout sources
 * (g_idle_funcs, g_timeout_funcs: every g_idle_add, g_timeout_add, GTask's callbacks
 * coming back from a thread, GDK's frame clock). A dispatch is named by its source's name
 * (g_source_set_name), a GTask's callback by the task's (g_task_set_name, which GIO puts in
 * its idle's name), else by the callback's symbol or its place in its file (for addr2line).
 * Time outside those sources (input events from the X server, GDK's own event source) is
 * told as not traced. A nested main loop (a dialog's) cuts an iteration in two. */

#define MAX_ENTRIES   24
#define MIN_NAMED_US  1000  /* shorter dispatches are only counted */

typedef gboolean (*DispatchFunc) (GSource     *source,
                                  GSourceFunc  callback,
                                  gpointer     user_data);

typedef struct
{
  char   *label;
  gint64  us;
  gint64  cpu_us;
  guint   count;
} Entry;

enum {
  PHASE_BEFORE_PAINT,
  PHASE_UPDATE,
  PHASE_LAYOUT,
  PHASE_PAINT,
  PHASE_AFTER_PAINT,
  N_PHASES
};

static const char *phase_names[N_PHASES] = {
  "before-paint", "update", "layout", "paint", "after-paint"
};

static struct
{
  GThread     *thread;         /* the thread that iterates the default context */
  gint64       threshold_us;
  GPollFunc    poll;
  DispatchFunc idle_dispatch;
  DispatchFunc timeout_dispatch;
  gint64       woke;           /* the last poll returned */
  gint64       woke_cpu;       /* the thread's CPU time then */
  gint64       mark;           /* the frame clock's last phase ended, or a dispatch began */
  gint64       mark_cpu;       /* the thread's CPU time then */
  Entry        entries[MAX_ENTRIES];
  guint        n_entries;
  guint        n_short;
  gint64       short_us;
  gint64       traced_us;
  gint64       phases[N_PHASES];
  gint64       phases_cpu[N_PHASES];
  guint        depth;          /* dispatches within dispatches */
  DmStallTracerFunc func;
  gpointer     func_data;
} tracer;

/* The calling thread's CPU time: on a loaded machine, wall time is mostly waiting */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A callback's name: its symbol if it is exported, else its file and offset */
static char *
describe_function (gconstpointer func)
{
  Dl_info info;

  if (func == NULL || dladdr (func, &info) == 0)
    return g_strdup_printf ("%p", func);
  if (info.dli_sname != NULL)
    return g_strdup (info.dli_sname);
  return g_strdup_printf ("%s+0x%" G_GINTPTR_MODIFIER "x",
                          info.dli_fname != NULL ? info.dli_fname : "?",
                          (guintptr) func - (guintptr) info.dli_fbase);
}

static char *
describe_dispatch (const char  *name,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  /* GIO's idle for a GTask without a name: its source tag tells whose it is */
  if (g_strcmp0 (name, "[gio] (unnamed) complete_in_idle_cb") == 0 && G_IS_TASK (user_data) &&
      g_task_get_source_tag (user_data) != NULL)
    {
      g_autofree char *tag = describe_function (g_task_get_source_tag (user_data));
      return g_strdup_printf ("task of %s", tag);
    }
  if (name[0] != '\0' && !g_str_equal (name, "GIdleSource") && !g_str_equal (name, "GTimeoutSource"))
    return g_strdup (name);
  return describe_function (callback);
}

static void
add_entry (char   *label,
           gint64  us,
           gint64  cpu_us)
{
  for (guint i = 0; i < tracer.n_entries; i++)
    if (g_str_equal (tracer.entries[i].label, label))
      {
        tracer.entries[i].us += us;
        tracer.entries[i].cpu_us += cpu_us;
        tracer.entries[i].count++;
        g_free (label);
        return;
      }
  if (tracer.n_entries == MAX_ENTRIES)
    {
      tracer.n_short++;
      tracer.short_us += us;
      g_free (label);
      return;
    }
  tracer.entries[tracer.n_entries++] = (Entry) { label, us, cpu_us, 1 };
}

static gboolean
traced_dispatch (DispatchFunc  dispatch,
                 GSource      *source,
                 GSourceFunc   callback,
                 gpointer      user_data)
{
  char name[128];
  gint64 start, start_cpu, us, cpu_us;
  char *label = NULL;
  gboolean again;

  if (g_thread_self () != tracer.thread)
    return dispatch (source, callback, user_data);

  /* its name before it runs: a callback may rename its source for its next run */
  g_strlcpy (name, g_source_get_name (source) != NULL ? g_source_get_name (source) : "",
             sizeof name);
  start = g_get_monotonic_time ();
  start_cpu = thread_cpu_us ();
  tracer.mark = start;
  tracer.mark_cpu = start_cpu;
  tracer.depth++;
  again = dispatch (source, callback, user_data);
  tracer.depth--;
  us = g_get_monotonic_time () - start;
  cpu_us = thread_cpu_us () - start_cpu;
  /* the callback's data is still alive (the context holds it until the dispatch is over) */
  if (us >= MIN_NAMED_US)
    label = describe_dispatch (name, callback, user_data);
  /* a dispatch within a dispatch is counted in its outer one's time */
  if (tracer.depth == 0)
    tracer.traced_us += us;
  if (label != NULL)
    add_entry (label, us, cpu_us);
  else
    {
      tracer.n_short++;
      tracer.short_us += us;
    }
  return again;
}

static gboolean
idle_dispatch_cb (GSource     *source,
                  GSourceFunc  callback,
                  gpointer     user_data)
{
  return traced_dispatch (tracer.idle_dispatch, source, callback, user_data);
}

static gboolean
timeout_dispatch_cb (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  return traced_dispatch (tracer.timeout_dispatch, source, callback, user_data);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return (x->us < y->us) - (x->us > y->us);
}

static void
report (gint64 end,
        gint64 us,
        gint64 cpu_us)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 frame_us = 0;

  qsort (tracer.entries, tracer.n_entries, sizeof (Entry), compare_entries);
  g_string_append_printf (text, "main loop iteration of %.1f ms (CPU %.1f):", us / 1000.0,
                          cpu_us / 1000.0);
  for (guint i = 0; i < tracer.n_entries; i++)
    {
      g_string_append_printf (text, "%s %s %.1f ms (CPU %.1f)", i > 0 ? "," : "",
                              tracer.entries[i].label, tracer.entries[i].us / 1000.0,
                              tracer.entries[i].cpu_us / 1000.0);
      if (tracer.entries[i].count > 1)
        g_string_append_printf (text, " (%u times)", tracer.entries[i].count);
    }
  if (tracer.n_short > 0)
    g_string_append_printf (text, "%s %u short dispatches %.1f ms", tracer.n_entries > 0 ? "," : "",
                            tracer.n_short, tracer.short_us / 1000.0);
  g_string_append_printf (text, "; not in a traced source %.1f ms",
                          MAX (us - tracer.traced_us, 0) / 1000.0);
  for (guint i = 0; i < N_PHASES; i++)
    frame_us += tracer.phases[i];
  if (frame_us > 0)
    {
      g_string_append (text, "; frame clock:");
      for (guint i = 0; i < N_PHASES; i++)
        g_string_append_printf (text, " %s %.1f", phase_names[i], tracer.phases[i] / 1000.0);
      /* on a loaded machine, the wall time of a phase is mostly waiting for a core */
      g_string_append (text, " ms (CPU");
      for (guint i = 0; i < N_PHASES; i++)
        g_string_append_printf (text, " %.1f", tracer.phases_cpu[i] / 1000.0);
      g_string_append (text, ")");
    }
  g_message ("%s", text->str);
  if (tracer.func != NULL)
    tracer.func (end - us, end, text->str, tracer.func_data);
}

static void
reset (void)
{
  for (guint i = 0; i < tracer.n_entries; i++)
    g_free (tracer.entries[i].label);
  tracer.n_entries = 0;
  tracer.n_short = 0;
  tracer.short_us = 0;
  tracer.traced_us = 0;
  memset (tracer.phases, 0, sizeof tracer.phases);
  memset (tracer.phases_cpu, 0, sizeof tracer.phases_cpu);
}

static gint
traced_poll_cb (GPollFD *fds,
                guint    n_fds,
                gint     timeout)
{
  gint result;

  if (g_thread_self () == tracer.thread)
    {
      gint64 now = g_get_monotonic_time ();

      if (tracer.woke != 0 && now - tracer.woke >= tracer.threshold_us)
        report (now, now - tracer.woke, thread_cpu_us () - tracer.woke_cpu);
      reset ();
    }
  result = tracer.poll (fds, n_fds, timeout);
  if (g_thread_self () == tracer.thread)
    {
      tracer.woke = g_get_monotonic_time ();
      tracer.woke_cpu = thread_cpu_us ();
    }
  return result;
}

/**
 * dm_stall_tracer_start:
 * @threshold_ms: the shortest iteration told
 *
 * From now on, every iteration of the default main context, on the calling thread, that
 * takes @threshold_ms or more is told with g_message(), with the sources it dispatched.
 * Started once; a second call changes the threshold.
 *
 * Returns: whether it runs (it does not on another thread than the first call's)
 */
gboolean
dm_stall_tracer_start (double threshold_ms)
{
  g_return_val_if_fail (threshold_ms >= 0, FALSE);

  if (tracer.thread != NULL)
    {
      if (tracer.thread != g_thread_self ())
        return FALSE;
      tracer.threshold_us = threshold_ms * 1000;
      return TRUE;
    }
  tracer.threshold_us = threshold_ms * 1000;
  tracer.thread = g_thread_self ();
  tracer.poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, traced_poll_cb);
  tracer.idle_dispatch = g_idle_funcs.dispatch;
  tracer.timeout_dispatch = g_timeout_funcs.dispatch;
  g_idle_funcs.dispatch = idle_dispatch_cb;
  g_timeout_funcs.dispatch = timeout_dispatch_cb;
  g_message ("telling main loop iterations of %.0f ms or more (%s)", threshold_ms,
             DM_STALL_TRACER_ENV);
  return TRUE;
}

/**
 * dm_stall_tracer_start_from_env:
 *
 * Starts the tracer if DIPLOMAP_TRACE_STALLS is set, at its value in milliseconds (50 if it
 * is not a number). Does nothing otherwise, or if it runs already.
 */
void
dm_stall_tracer_start_from_env (void)
{
  const char *value = g_getenv (DM_STALL_TRACER_ENV);
  double ms;
  char *end;

  if (value == NULL || tracer.thread != NULL)
    return;
  ms = g_ascii_strtod (value, &end);
  if (end == value || ms < 0)
    ms = 50;
  dm_stall_tracer_start (ms);
}

gboolean
dm_stall_tracer_is_running (void)
{
  return tracer.thread != NULL;
}

static void
phase_cb (GdkFrameClock *clock,
          gpointer       user_data)
{
  guint phase = GPOINTER_TO_UINT (user_data);
  gint64 now, now_cpu;

  if (g_thread_self () != tracer.thread)
    return;
  now = g_get_monotonic_time ();
  now_cpu = thread_cpu_us ();
  if (tracer.mark != 0)
    {
      tracer.phases[phase] += now - tracer.mark;
      tracer.phases_cpu[phase] += now_cpu - tracer.mark_cpu;
    }
  tracer.mark = now;
  tracer.mark_cpu = now_cpu;
}

/**
 * dm_stall_tracer_watch_frame_clock:
 * @clock: a window's frame clock
 *
 * Tells the time of each phase of @clock's frames in the iterations told. Does nothing when
 * the tracer does not run.
 */
void
dm_stall_tracer_watch_frame_clock (GdkFrameClock *clock)
{
  g_return_if_fail (GDK_IS_FRAME_CLOCK (clock));

  if (tracer.thread == NULL || g_object_get_data (G_OBJECT (clock), "dm-stall-tracer") != NULL)
    return;
  g_object_set_data (G_OBJECT (clock), "dm-stall-tracer", GINT_TO_POINTER (TRUE));
  /* after GTK's own handlers: each phase is timed to its end */
  for (guint i = 0; i < N_PHASES; i++)
    g_signal_connect_after (clock, phase_names[i], G_CALLBACK (phase_cb), GUINT_TO_POINTER (i));
}

/**
 * dm_stall_tracer_set_func:
 * @func: (nullable): called with each iteration told, after its message
 * @user_data: for @func
 *
 * Lets a benchmark keep the iterations told, with their times, to say later which of them
 * made its longest stall (tests/bench-window.c). Called on the tracer's thread.
 */
void
dm_stall_tracer_set_func (DmStallTracerFunc func,
                          gpointer          user_data)
{
  tracer.func = func;
  tracer.func_data = user_data;
}
