/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gettid () */
#define _GNU_SOURCE 1

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dm-worker-priority.h"

/* dm_worker_priority_lower(): a worker of ours runs DM_WORKER_NICE_STEP below the main
 * thread once a window's process asked for it, the main thread's priority unchanged; before
 * that, and in a process without a window, nothing changes. The nice value is read from the
 * kernel's own record of each thread (/proc/self/task/TID/stat), not through our code. */

/* The nice value of thread @tid, as the kernel tells it (field 19 of its stat) */
static int
read_nice (pid_t tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%d/stat", (int) tid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* the command's name, in parentheses, may hold spaces: the fields after it */
  after = strrchr (text, ')');
  g_assert_nonnull (after);
  fields = g_strsplit (after + 2, " ", -1);
  /* field 3 (the state) is fields[0]: field 19 is fields[16] */
  g_assert_cmpuint (g_strv_length (fields), >, 16);
  return atoi (fields[16]);
}

static gpointer
lower_thread (gpointer data)
{
  dm_worker_priority_lower ();
  return GINT_TO_POINTER (read_nice (gettid ()) + 100);
}

static int
nice_of_a_worker (void)
{
  GThread *thread = g_thread_new ("worker", lower_thread, NULL);

  return GPOINTER_TO_INT (g_thread_join (thread)) - 100;
}

static void
task_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  dm_worker_priority_lower ();
  g_task_return_int (task, read_nice (gettid ()) + 100);
}

static void
test_without_window (void)
{
  int main_nice = read_nice (gettid ());

  g_assert_false (dm_worker_priority_is_enabled ());
  g_assert_cmpint (nice_of_a_worker (), ==, main_nice);
  g_assert_cmpint (read_nice (gettid ()), ==, main_nice);
}

static void
test_with_window (void)
{
  int main_nice = read_nice (gettid ());
  int expected = MIN (main_nice + DM_WORKER_NICE_STEP, 19);
  g_autoptr(GTask) task = NULL;

  dm_worker_priority_enable ();
  g_assert_true (dm_worker_priority_is_enabled ());
  /* a thread of our own */
  g_assert_cmpint (nice_of_a_worker (), ==, expected);
  if (main_nice < 19)
    g_assert_cmpint (nice_of_a_worker (), >, main_nice);
  /* a GTask's thread, from GLib's shared pool */
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_run_in_thread_sync (task, task_thread);
  g_assert_cmpint (g_task_propagate_int (task, NULL), ==, expected + 100);
  /* the main thread is where it was, and lowering twice changes nothing */
  g_assert_cmpint (read_nice (gettid ()), ==, main_nice);
  g_assert_cmpint (nice_of_a_worker (), ==, expected);
  dm_worker_priority_enable ();
  g_assert_cmpint (nice_of_a_worker (), ==, expected);
  g_assert_cmpint (read_nice (gettid ()), ==, main_nice);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (access ("/proc/self/task", R_OK) != 0)
    {
      g_test_skip ("no /proc/self/task: a nice value per thread is Linux's");
      return g_test_run ();
    }
  /* in this order: enabling is for the process's life */
  g_test_add_func ("/worker-priority/without-window", test_without_window);
  g_test_add_func ("/worker-priority/with-window", test_with_window);
  return g_test_run ();
}
