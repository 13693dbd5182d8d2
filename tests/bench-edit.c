/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What one edit costs in a window showing the U.S. record (issue 13: "the window must not
 * stall"): deleting an event through win.delete-event and undoing it, each from the action
 * to the return (list reloaded, shown events spliced, route set rebuilt once; the routes'
 * caches are then drawn by worker threads). Medians of RUNS, with the same for the sample.
 * Each run times the list sorted by GTK's GtkSortListModel (as before issue 13's last round)
 * and by its own DmSortedEvents, one after the other, so that both see the same load. */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "dm-ustravel-format.h"
#include "dm-event-list-private.h"
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

static int
compare_events_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return dm_sorted_events_compare ((DmEvent *) a, (DmEvent *) b);
}

#define MODEL_RUNS 51

static void
count_rows_cb (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  *(guint *) user_data += removed + added;
}

/* The list's sorting alone: an event taken out of the middle of a store of the document's
 * events and put back (a delete and its undo), the store sorted by GtkSortListModel or by
 * DmSortedEvents, each timed from the store's change to the sorted model's items-changed; and
 * how many rows the sorted model signals as removed or added (what a list view redoes) */
static void
bench_models (const char *what,
              GListModel *events)
{
  const char *names[] = { "GtkSortListModel", "DmSortedEvents" };
  double t[2][MODEL_RUNS];
  guint n = g_list_model_get_n_items (events);
  g_autoptr(GListStore) store = g_list_store_new (DM_TYPE_EVENT);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      g_list_store_append (store, e);
    }
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GListModel) sorted = NULL;
      guint rows = 0;

      if (k == 0)
        sorted = G_LIST_MODEL (gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                                        GTK_SORTER (gtk_custom_sorter_new (compare_events_cb,
                                                                                           NULL, NULL))));
      else
        sorted = G_LIST_MODEL (dm_sorted_events_new (G_LIST_MODEL (store)));
      g_signal_connect (sorted, "items-changed", G_CALLBACK (count_rows_cb), &rows);
      for (guint i = 0; i < MODEL_RUNS; i++)
        {
          g_autoptr(DmEvent) e = g_list_model_get_item (G_LIST_MODEL (store), n / 2);
          gint64 t0 = g_get_monotonic_time ();

          g_list_store_remove (store, n / 2);
          g_list_store_insert (store, n / 2, e);
          t[k][i] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      qsort (t[k], MODEL_RUNS, sizeof (double), compare_doubles);
      printf ("%s (%u events), the sorting alone, %s: remove and insert median %.3f ms "
              "(min %.3f, max %.3f), %.1f rows signalled\n", what, n, names[k],
              t[k][MODEL_RUNS / 2], t[k][0], t[k][MODEL_RUNS - 1], (double) rows / MODEL_RUNS);
    }
}

static void
bench (const char *what,
       GFile      *file)
{
  DmWindow *win = dm_window_new (NULL);
  const char *names[] = { "GtkSortListModel", "DmSortedEvents" };
  double t_delete[2][RUNS], t_undo[2][RUNS];
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
    for (guint k = 0; k < 2; k++)
      {
        dm_event_list_use_gtk_sort (win->event_list, k == 0);
        while (g_main_context_iteration (NULL, FALSE));
        t_delete[k][i] = timed (win, "delete-event", g_variant_new_string (id));
        while (g_main_context_iteration (NULL, FALSE));
        t_undo[k][i] = timed (win, "undo", NULL);
        while (g_main_context_iteration (NULL, FALSE));
      }
  for (guint k = 0; k < 2; k++)
    {
      qsort (t_delete[k], RUNS, sizeof (double), compare_doubles);
      qsort (t_undo[k], RUNS, sizeof (double), compare_doubles);
      printf ("%s (%u events), list sorted by %s: delete median %.1f ms (min %.1f, max %.1f), "
              "undo median %.1f ms (min %.1f, max %.1f)\n", what, n, names[k],
              t_delete[k][RUNS / 2], t_delete[k][0], t_delete[k][RUNS - 1],
              t_undo[k][RUNS / 2], t_undo[k][0], t_undo[k][RUNS - 1]);
    }
  bench_models (what, dm_document_get_events (win->document));
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
