/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long the whole U.S. travel record takes to open (issue 6: a second or less).
 * Prints medians: the first open (with the gazetteer's first load) is measured in
 * a fresh process by the CLI; here the gazetteer is loaded once, then the folder is
 * opened again and again into fresh documents, as the app does. */

#include "config.h"

#include <stdio.h>

#include "dm-document.h"
#include "dm-gazetteer.h"
#include "dm-ustravel-format.h"

#define RUNS 9

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
open_record (GFile *folder,
             guint *n_events)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (!dm_document_load_file (doc, folder, NULL, &error))
    g_error ("%s", error->message);
  *n_events = g_list_model_get_n_items (dm_document_get_events (doc));
  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = dm_ustravel_dup_record_dir ();
  g_autoptr(GFile) folder = NULL;
  double gazetteer_ms, times[RUNS];
  guint n_events = 0;
  gint64 t0;

  if (dir == NULL)
    g_error ("the U.S. travel record is not there (set DIPLOMAP_DATA_DIR)");
  folder = g_file_new_for_path (dir);

  t0 = g_get_monotonic_time ();
  dm_gazetteer_get_default ();
  gazetteer_ms = (g_get_monotonic_time () - t0) / 1000.0;

  for (guint i = 0; i < RUNS; i++)
    times[i] = open_record (folder, &n_events);
  qsort (times, RUNS, sizeof (double), compare_doubles);

  printf ("gazetteer first load: %.1f ms\n", gazetteer_ms);
  printf ("open the U.S. travel record (%u events), median of %d: %.1f ms "
          "(min %.1f, max %.1f); with the gazetteer's first load: %.1f ms = %.2f of the 1 s budget\n",
          n_events, RUNS, times[RUNS / 2], times[0], times[RUNS - 1],
          times[RUNS / 2] + gazetteer_ms, (times[RUNS / 2] + gazetteer_ms) / 1000.0);
  return 0;
}
