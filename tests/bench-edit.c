/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What one edit costs in a window showing the U.S. record (issue 13: "the window must not
 * stall"): deleting an event through win.delete-event and undoing it, each from the action
 * to the return (list reloaded, shown events spliced, route set rebuilt once; the routes'
 * caches are then drawn by worker threads). Medians of RUNS, with the same for the sample. */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "dm-ustravel-format.h"
#include "dm-window-private.h"

#define RUNS 9

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
timed (DmWindow   *win,
       const char *action,
       GVariant   *param)
{
  gint64 t0 = g_get_monotonic_time ();

  g_action_group_activate_action (G_ACTION_GROUP (win), action, param);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static void
bench (const char *what,
       GFile      *file)
{
  DmWindow *win = dm_window_new (NULL);
  double t_delete[RUNS], t_undo[RUNS];
  g_autofree char *id = NULL;
  guint n;

  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 800);
  gtk_window_present (GTK_WINDOW (win));
  dm_window_open_file (win, file);
  while (dm_window_get_n_loading (win) > 0)
    g_main_context_iteration (NULL, TRUE);
  n = g_list_model_get_n_items (dm_document_get_events (win->document));
  {
    g_autoptr(DmEvent) middle = g_list_model_get_item (dm_document_get_events (win->document), n / 2);
    id = g_strdup (dm_event_get_id (middle));
  }
  for (guint i = 0; i < RUNS; i++)
    {
      t_delete[i] = timed (win, "delete-event", g_variant_new_string (id));
      while (g_main_context_iteration (NULL, FALSE));
      t_undo[i] = timed (win, "undo", NULL);
      while (g_main_context_iteration (NULL, FALSE));
    }
  qsort (t_delete, RUNS, sizeof (double), compare_doubles);
  qsort (t_undo, RUNS, sizeof (double), compare_doubles);
  printf ("%s (%u events): delete median %.1f ms (min %.1f, max %.1f), undo median %.1f ms "
          "(min %.1f, max %.1f)\n", what, n, t_delete[RUNS / 2], t_delete[0], t_delete[RUNS - 1],
          t_undo[RUNS / 2], t_undo[0], t_undo[RUNS - 1]);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = dm_ustravel_dup_record_dir ();
  g_autoptr(GFile) sample = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  g_autoptr(GFile) record = NULL;

  if (!gtk_init_check ())
    g_error ("no display");
  adw_init ();
  if (dir == NULL)
    g_error ("the U.S. travel record is not there (set DIPLOMAP_DATA_DIR)");
  record = g_file_new_for_path (dir);
  bench ("sample", sample);
  bench ("U.S. record", record);
  return 0;
}
