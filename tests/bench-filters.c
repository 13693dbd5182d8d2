/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What one change of the sidebar's filters costs on the U.S. record (issue 6): the window
 * splices the matching events into its shown document and the route set rebuilds once.
 * Prints medians for "every event" (no filter) and "secretaries of state in 2018", and the
 * copy of the events alone; the window waits 250 ms after the last change before paying it.
 * Then the search: one keystroke runs the list's filter over every event ("pompeo asia"). */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dm-document.h"
#include "dm-loader.h"
#include "dm-event-list-private.h"
#include "dm-route-set.h"
#include "dm-ustravel-format.h"

#define RUNS 15

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static gboolean
secretary_2018 (DmEvent *event)
{
  DmActor *actor = dm_event_get_actor (event);
  gint64 s, e;

  /* 2018-01-01 and 2019-01-01, UTC */
  return actor != NULL && g_strcmp0 (dm_actor_get_role (actor), "Secretary of State") == 0 &&
         dm_event_get_span (event, &s, &e) && s < 1546300800 && MAX (e, s + 1) > 1514764800;
}

/* Milliseconds to show @events in @view and rebuild @set; with @rebuild FALSE, the copy only */
static double
apply (DmDocument *view,
       DmDocument *doc,
       DmRouteSet *set,
       GListModel *events,
       gboolean    rebuild,
       guint      *n_legs)
{
  gint64 t0 = g_get_monotonic_time ();

  dm_document_show_events (view, doc, events);
  if (rebuild)
    *n_legs = dm_route_set_get_n_legs (set);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static void
report (const char *what,
        double     *times,
        guint       n_events,
        guint       n_legs)
{
  qsort (times, RUNS, sizeof (double), compare_doubles);
  printf ("%s (%u events, %u legs), median of %d: %.2f ms (min %.2f, max %.2f)\n",
          what, n_events, n_legs, RUNS, times[RUNS / 2], times[0], times[RUNS - 1]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = dm_ustravel_dup_record_dir ();
  g_autoptr(GFile) folder = NULL;
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmDocument) view = dm_document_new ();
  g_autoptr(DmRouteSet) set = NULL;
  g_autoptr(GListStore) some = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(GListStore) none = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(GError) error = NULL;
  GListModel *all;
  double t_all[RUNS], t_some[RUNS], t_copy[RUNS];
  guint n_all_legs = 0, n_some_legs = 0, unused;

  if (dir == NULL)
    g_error ("the U.S. travel record is not there (set DIPLOMAP_DATA_DIR)");
  folder = g_file_new_for_path (dir);
  if (!dm_loader_load_file (doc, folder, NULL, &error))
    g_error ("%s", error->message);
  all = dm_document_get_events (doc);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (all, i);
      if (secretary_2018 (event))
        g_list_store_append (some, event);
    }
  set = dm_route_set_new (view);

  for (guint i = 0; i < RUNS; i++)
    {
      apply (view, doc, set, G_LIST_MODEL (none), TRUE, &unused);
      t_all[i] = apply (view, doc, set, all, TRUE, &n_all_legs);
      apply (view, doc, set, G_LIST_MODEL (none), TRUE, &unused);
      t_some[i] = apply (view, doc, set, G_LIST_MODEL (some), TRUE, &n_some_legs);
      apply (view, doc, set, G_LIST_MODEL (none), TRUE, &unused);
      t_copy[i] = apply (view, doc, set, all, FALSE, &unused);
    }
  /* The search: every event matched against the words, as the list's filter does */
  {
    g_auto(GStrv) words = dm_event_list_split_search ("pompeo asia");
    double t_search[RUNS];
    guint n_found = 0;

    for (guint r = 0; r < RUNS; r++)
      {
        gint64 t0 = g_get_monotonic_time ();

        n_found = 0;
        for (guint i = 0; i < g_list_model_get_n_items (all); i++)
          {
            g_autoptr(DmEvent) event = g_list_model_get_item (all, i);
            n_found += dm_event_matches_search (event, (const char * const *) words);
          }
        t_search[r] = (g_get_monotonic_time () - t0) / 1000.0;
      }
    report ("search \"pompeo asia\", folding each event's text", t_search, n_found, 0);

    /* as the list does: each event's folded text made once (the first keystroke after a
     * load pays for it), then looked up */
    {
      g_autoptr(GHashTable) texts = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
      double t_cached[RUNS], t_fill;
      gint64 t0 = g_get_monotonic_time ();

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          DmEvent *event = g_list_model_get_item (all, i);
          g_hash_table_insert (texts, event, dm_event_dup_search_text (event));
        }
      t_fill = (g_get_monotonic_time () - t0) / 1000.0;
      for (guint r = 0; r < RUNS; r++)
        {
          t0 = g_get_monotonic_time ();
          n_found = 0;
          for (guint i = 0; i < g_list_model_get_n_items (all); i++)
            {
              g_autoptr(DmEvent) event = g_list_model_get_item (all, i);
              n_found += dm_event_search_text_matches (g_hash_table_lookup (texts, event),
                                                       (const char * const *) words);
            }
          t_cached[r] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      report ("the same, folded texts kept", t_cached, n_found, 0);
      printf ("folding every text once: %.2f ms; kept / folded each time: %.3f\n", t_fill,
              t_cached[RUNS / 2] / t_search[RUNS / 2]);
    }
  }
  report ("show every event and rebuild the routes", t_all, g_list_model_get_n_items (all), n_all_legs);
  report ("show secretaries of state in 2018 and rebuild", t_some,
          g_list_model_get_n_items (G_LIST_MODEL (some)), n_some_legs);
  report ("copy every event into the view, no rebuild", t_copy, g_list_model_get_n_items (all), 0);
  printf ("without the pause, typing 10 letters could cost up to %.0f ms of rebuilds; "
          "debounced, one: %.1f ms\n", 10 * t_all[RUNS / 2], t_all[RUNS / 2]);
  return 0;
}
