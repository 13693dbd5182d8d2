/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dm-stall-tracer.h"

/* The stall tracer (DIPLOMAP_TRACE_STALLS, docs/PERFORMANCE.md): a slow idle, a slow
 * timeout and a slow GTask callback are told by their names, a quick one is not, and a
 * main loop iteration under the threshold is not told at all. GLib only: no display. */

/* far apart, so that a busy machine's pauses do not tell a quick iteration */
#define THRESHOLD_MS 150
#define SLOW_MS      250

static GPtrArray *messages;

static void
log_cb (const char     *domain,
        GLogLevelFlags  level,
        const char     *message,
        gpointer        user_data)
{
  g_ptr_array_add (messages, g_strdup (message));
}

static gboolean
slow_cb (gpointer user_data)
{
  g_usleep (SLOW_MS * 1000);
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
quick_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the loop until @done, then once more: an iteration is told at the next poll */
static void
iterate_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_main_context_iteration (NULL, FALSE);
}

/* The message that names @name, if only one does */
static const char *
find_message (const char *name)
{
  const char *found = NULL;

  for (guint i = 0; i < messages->len; i++)
    if (strstr (g_ptr_array_index (messages, i), name) != NULL)
      {
        g_assert_null (found);
        found = g_ptr_array_index (messages, i);
      }
  return found;
}

static void
test_slow_idle (void)
{
  gboolean slow_done = FALSE, quick_done = FALSE;
  const char *message;
  guint id;

  g_ptr_array_set_size (messages, 0);
  id = g_idle_add (quick_cb, &quick_done);
  g_source_set_name_by_id (id, "a quick idle for the test");
  iterate_until (&quick_done);
  id = g_idle_add (slow_cb, &slow_done);
  g_source_set_name_by_id (id, "a slow idle for the test");
  iterate_until (&slow_done);

  message = find_message ("a slow idle for the test");
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_true (g_str_has_prefix (message, "main loop iteration of "));
  /* its time: at least what it slept */
  g_assert_cmpfloat (g_ascii_strtod (message + strlen ("main loop iteration of "), NULL), >=, SLOW_MS);
  g_assert_null (find_message ("a quick idle for the test"));
}

static gboolean
timeout_cb (gpointer user_data)
{
  return slow_cb (user_data);
}

static void
test_slow_timeout (void)
{
  gboolean done = FALSE;
  guint id;

  g_ptr_array_set_size (messages, 0);
  id = g_timeout_add (1, timeout_cb, &done);
  g_source_set_name_by_id (id, "a slow timeout for the test");
  iterate_until (&done);
  g_assert_nonnull (find_message ("a slow timeout for the test"));
}

static void
task_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_boolean (task, TRUE);
}

static void
task_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  slow_cb (user_data);
}

static void
test_slow_task (void)
{
  gboolean done = FALSE;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, task_done_cb, &done);

  g_ptr_array_set_size (messages, 0);
  g_task_set_name (task, "a slow task for the test");
  g_task_run_in_thread (task, task_thread);
  iterate_until (&done);
  g_assert_nonnull (find_message ("a slow task for the test"));
}

static void
test_quick_iterations (void)
{
  gboolean done = FALSE;
  guint id;

  g_ptr_array_set_size (messages, 0);
  for (guint i = 0; i < 5; i++)
    {
      done = FALSE;
      id = g_idle_add (quick_cb, &done);
      g_source_set_name_by_id (id, "a quick idle for the test");
      iterate_until (&done);
    }
  g_assert_cmpuint (messages->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  messages = g_ptr_array_new_with_free_func (g_free);
  g_log_set_handler ("dm-stalls", G_LOG_LEVEL_MESSAGE, log_cb, NULL);
  g_assert_false (dm_stall_tracer_is_running ());
  g_assert_true (dm_stall_tracer_start (THRESHOLD_MS));
  g_assert_true (dm_stall_tracer_is_running ());
  g_test_add_func ("/app/stall-tracer/slow-idle", test_slow_idle);
  g_test_add_func ("/app/stall-tracer/slow-timeout", test_slow_timeout);
  g_test_add_func ("/app/stall-tracer/slow-task", test_slow_task);
  g_test_add_func ("/app/stall-tracer/quick-iterations", test_quick_iterations);
  return g_test_run ();
}
