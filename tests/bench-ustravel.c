/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long the whole U.S. travel record takes to open (issue 6: a second or less).
 * Prints medians of
 * - a cold open: a fresh process (run as `bench-ustravel --once`) loads the gazetteer and
 *   opens the folder, as when a user opens the record first;
 * - a warm open: the same process opens the folder again into a fresh document (the
 *   gazetteer, the place matches and the zones are loaded already). */

#include "config.h"

#include <stdio.h>

#include "dm-document.h"
#include "dm-loader.h"
#include "dm-gazetteer.h"
#include "dm-ustravel-format.h"

#define RUNS 9
#define COLD_RUNS 7

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

  if (!dm_loader_load_file (doc, folder, NULL, &error))
    g_error ("%s", error->message);
  *n_events = g_list_model_get_n_items (dm_document_get_events (doc));
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* One cold open in a fresh process: milliseconds, or a negative number */
static double
cold_open (const char *self_path)
{
  const char *argv[] = { self_path, "--once", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("%s", error->message);
  return g_ascii_strtod (out, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = dm_ustravel_dup_record_dir ();
  g_autoptr(GFile) folder = NULL;
  double gazetteer_ms, times[RUNS], cold[COLD_RUNS];
  guint n_events = 0;
  gint64 t0;

  if (dir == NULL)
    g_error ("the U.S. travel record is not there (set DIPLOMAP_DATA_DIR)");
  folder = g_file_new_for_path (dir);

  t0 = g_get_monotonic_time ();
  dm_gazetteer_get_default ();
  gazetteer_ms = (g_get_monotonic_time () - t0) / 1000.0;

  if (argc > 1 && g_str_equal (argv[1], "--once"))
    {
      double ms = open_record (folder, &n_events);
      printf ("%.3f\n", gazetteer_ms + ms);
      return 0;
    }

  for (guint i = 0; i < COLD_RUNS; i++)
    cold[i] = cold_open (argv[0]);
  qsort (cold, COLD_RUNS, sizeof (double), compare_doubles);
  for (guint i = 0; i < RUNS; i++)
    times[i] = open_record (folder, &n_events);
  qsort (times, RUNS, sizeof (double), compare_doubles);

  printf ("gazetteer first load: %.1f ms\n", gazetteer_ms);
  printf ("open the U.S. travel record (%u events), cold (fresh process, with the gazetteer), "
          "median of %d: %.1f ms (min %.1f, max %.1f) = %.2f of the 1 s budget\n",
          n_events, COLD_RUNS, cold[COLD_RUNS / 2], cold[0], cold[COLD_RUNS - 1],
          cold[COLD_RUNS / 2] / 1000.0);
  printf ("open it again (warm), median of %d: %.1f ms (min %.1f, max %.1f)\n",
          RUNS, times[RUNS / 2], times[0], times[RUNS - 1]);
  return 0;
}
