/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast a big .diplomap loads (issue 15: 100,000 events no slower than Python's
 * json.load of the same bytes, peak memory at most 300 MB). Generates documents of
 * 10,000 and 100,000 events with a fixed seed (trips of 1-6 legs between capitals,
 * visits, summits of 5-20, meetings, 200 actors, 1950-2025, some approximate times),
 * then prints, in the same run:
 * - the median load time (dm_loader_load_file, each run in a fresh process with the
 *   gazetteer loaded first, so the peak memory of one load can be read) and events/s;
 * - the median peak RSS of those processes (getrusage);
 * - the median of Python's json.load and of json-glib's plain parse of the same bytes,
 *   and the ratios.
 * `bench-load --generate N PATH` writes the document of N events, for a profiler.
 * With --json, one JSON object of those medians instead (for CI to track):
 * load_10k_ms, load_100k_ms, load_100k_peak_mb, baseline_json_parse_100k_ms,
 * baseline_python_json_load_100k_ms (-1 without python3), and the same for 10k. */

#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "dm-document.h"
#include "dm-gazetteer.h"
#include "dm-loader.h"

#include "bench-generate.h"

#define RUNS 5

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* In a fresh process: load @path once, print "ms peak_kb n_events" */
static int
load_once (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 t0;

  dm_gazetteer_get_default ();
  t0 = g_get_monotonic_time ();
  if (!dm_loader_load_file (doc, file, NULL, &error))
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time () - t0;
  getrusage (RUSAGE_SELF, &usage);
  printf ("%.3f %ld %u\n", t0 / 1000.0, usage.ru_maxrss,
          g_list_model_get_n_items (dm_document_get_events (doc)));
  return 0;
}

static char *
spawn (const char **argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return out;
}

/* Median of Python's json.load of @path over RUNS runs in one interpreter, or -1 */
static double
python_ms (const char *path)
{
  const char *argv[] = { "python3", "-c",
    "import json, sys, time\n"
    "t = []\n"
    "for i in range(int(sys.argv[2])):\n"
    "    s = time.monotonic()\n"
    "    with open(sys.argv[1], 'rb') as f: json.load(f)\n"
    "    t.append((time.monotonic() - s) * 1000)\n"
    "print(sorted(t)[len(t) // 2])\n",
    path, G_STRINGIFY (RUNS), NULL };
  g_autofree char *found = g_find_program_in_path ("python3");
  g_autofree char *out = NULL;

  if (found == NULL)
    return -1;
  out = spawn (argv);
  return g_ascii_strtod (out, NULL);
}

static double
json_glib_ms (const char *data,
              gsize       length)
{
  double t[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gint64 t0 = g_get_monotonic_time ();

      if (!json_parser_load_from_data (parser, data, length, NULL))
        g_error ("generated JSON does not parse");
      t[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (t, RUNS, sizeof (double), compare_doubles);
  return t[RUNS / 2];
}

typedef struct
{
  double load_ms, peak_mb, json_glib_ms, python_ms;
} Result;

static gboolean json_output;

static void
bench (const char *self_path,
       const char *dir,
       guint       n_events,
       Result     *result)
{
  g_autofree char *name = g_strdup_printf ("generated-%u.diplomap", n_events);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = bench_generate (n_events);
  gsize length = strlen (data);
  double ms[RUNS], kb[RUNS], py, jg;
  guint loaded = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, data, length, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < RUNS; i++)
    {
      const char *argv[] = { self_path, "--once", path, NULL };
      g_autofree char *out = spawn (argv);

      if (sscanf (out, "%lf %lf %u", &ms[i], &kb[i], &loaded) != 3)
        g_error ("unexpected output: %s", out);
    }
  qsort (ms, RUNS, sizeof (double), compare_doubles);
  qsort (kb, RUNS, sizeof (double), compare_doubles);
  py = python_ms (path);
  jg = json_glib_ms (data, length);

  *result = (Result) { ms[RUNS / 2], kb[RUNS / 2] / 1024.0, jg, py };
  g_unlink (path);
  if (json_output)
    return;
  printf ("load %u events (%.1f MB, %u loaded), median of %d: %.1f ms (min %.1f, max %.1f), "
          "%.0f events/s\n", n_events, length / 1e6, loaded, RUNS, ms[RUNS / 2], ms[0],
          ms[RUNS - 1], n_events / (ms[RUNS / 2] / 1000.0));
  printf ("  peak RSS (process, gazetteer included), median: %.1f MB = %.1fx the file\n",
          kb[RUNS / 2] / 1024.0, kb[RUNS / 2] * 1024.0 / length);
  printf ("  json-glib plain parse: %.1f ms (load = %.2fx)\n", jg, ms[RUNS / 2] / jg);
  if (py > 0)
    printf ("  python3 json.load: %.1f ms (load = %.2fx, target <= 1)\n", py, ms[RUNS / 2] / py);
}

static void
print_json (const char   *size,
            const Result *r,
            gboolean      last)
{
  printf ("  \"load_%s_ms\": %.1f,\n  \"load_%s_peak_mb\": %.1f,\n"
          "  \"baseline_json_parse_%s_ms\": %.1f,\n  \"baseline_python_json_load_%s_ms\": %.1f%s\n",
          size, r->load_ms, size, r->peak_mb, size, r->json_glib_ms, size, r->python_ms,
          last ? "" : ",");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  Result r10k, r100k;

  if (argc > 2 && g_str_equal (argv[1], "--once"))
    return load_once (argv[2]);
  if (argc > 3 && g_str_equal (argv[1], "--generate"))
    {
      /* the same document, kept for a profiler: --generate N_EVENTS PATH */
      g_autofree char *data = bench_generate ((guint) g_ascii_strtoull (argv[2], NULL, 10));

      if (!g_file_set_contents (argv[3], data, -1, &error))
        g_error ("%s", error->message);
      return 0;
    }
  json_output = argc > 1 && g_str_equal (argv[1], "--json");
  dir = g_dir_make_tmp ("bench-load-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  bench (argv[0], dir, 10000, &r10k);
  bench (argv[0], dir, 100000, &r100k);
  g_rmdir (dir);
  if (json_output)
    {
      printf ("{\n");
      print_json ("10k", &r10k, FALSE);
      print_json ("100k", &r100k, TRUE);
      printf ("}\n");
    }
  return 0;
}
