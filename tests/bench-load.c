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
 *   and the ratios. */

#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "dm-document.h"
#include "dm-gazetteer.h"
#include "dm-loader.h"

#define RUNS 5

static const char *capitals[] = {
  "Moscow", "Minsk", "Pyongyang", "Paris", "Berlin", "London", "Tokyo", "Beijing",
  "Rome", "Madrid", "Warsaw", "Kyiv", "Ankara", "Cairo", "Nairobi", "Pretoria",
  "Brasília", "Buenos Aires", "Ottawa", "Canberra", "New Delhi", "Jakarta", "Hanoi",
  "Seoul", "Tehran", "Riyadh", "Vienna", "Stockholm", "Oslo", "Lisbon",
};

static const char *
capital (GRand *rand)
{
  return capitals[g_rand_int_range (rand, 0, G_N_ELEMENTS (capitals))];
}

static void
append_date (GString *out,
             GRand   *rand)
{
  g_string_append_printf (out, "\"%04d-%02d-%02d%s\"", g_rand_int_range (rand, 1950, 2026),
                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                          g_rand_int_range (rand, 0, 10) == 0 ? "~" : "");
}

static char *
generate (guint n_events)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  GString *out = g_string_new ("{\n  \"diplomap\": 1,\n  \"title\": \"Generated\",\n  \"actors\": [\n");

  for (guint a = 0; a < 200; a++)
    g_string_append_printf (out, "    {\"id\": \"a%u\", \"name\": \"Actor %u\", \"role\": \"Minister\"}%s\n",
                            a, a, a + 1 < 200 ? "," : "");
  g_string_append (out, "  ],\n  \"events\": [\n");
  for (guint i = 0; i < n_events; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 4);
      guint actor = g_rand_int_range (rand, 0, 200);

      g_string_append_printf (out, "    {\"id\": \"e%u\", ", i);
      if (kind == 0)
        {
          guint n_legs = g_rand_int_range (rand, 1, 7);
          const char *from = capital (rand);

          g_string_append_printf (out, "\"type\": \"trip\", \"actor\": \"a%u\", \"legs\": [", actor);
          for (guint l = 0; l < n_legs; l++)
            {
              const char *to = capital (rand);

              g_string_append_printf (out, "%s{\"from\": \"%s\", \"to\": \"%s\", \"depart\": ",
                                      l ? ", " : "", from, to);
              append_date (out, rand);
              g_string_append (out, "}");
              from = to;
            }
          g_string_append (out, "]");
        }
      else if (kind == 1 || kind == 3)
        {
          g_string_append_printf (out, "\"type\": \"%s\", \"actor\": \"a%u\", \"place\": \"%s\", \"start\": ",
                                  kind == 1 ? "visit" : "meeting", actor, capital (rand));
          append_date (out, rand);
        }
      else
        {
          guint n = g_rand_int_range (rand, 5, 21);

          g_string_append_printf (out, "\"type\": \"summit\", \"place\": \"%s\", \"start\": ", capital (rand));
          append_date (out, rand);
          g_string_append (out, ", \"participants\": [");
          for (guint p = 0; p < n; p++)
            g_string_append_printf (out, "%s\"a%u\"", p ? ", " : "", (actor + p * 7) % 200);
          g_string_append (out, "]");
        }
      g_string_append_printf (out, "}%s\n", i + 1 < n_events ? "," : "");
    }
  g_string_append (out, "  ]\n}\n");
  return g_string_free (out, FALSE);
}

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

static void
bench (const char *self_path,
       const char *dir,
       guint       n_events)
{
  g_autofree char *name = g_strdup_printf ("generated-%u.diplomap", n_events);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = generate (n_events);
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

  printf ("load %u events (%.1f MB, %u loaded), median of %d: %.1f ms (min %.1f, max %.1f), "
          "%.0f events/s\n", n_events, length / 1e6, loaded, RUNS, ms[RUNS / 2], ms[0],
          ms[RUNS - 1], n_events / (ms[RUNS / 2] / 1000.0));
  printf ("  peak RSS (process, gazetteer included), median: %.1f MB = %.1fx the file\n",
          kb[RUNS / 2] / 1024.0, kb[RUNS / 2] * 1024.0 / length);
  printf ("  json-glib plain parse: %.1f ms (load = %.2fx)\n", jg, ms[RUNS / 2] / jg);
  if (py > 0)
    printf ("  python3 json.load: %.1f ms (load = %.2fx, target <= 1)\n", py, ms[RUNS / 2] / py);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (argc > 2 && g_str_equal (argv[1], "--once"))
    return load_once (argv[2]);
  dir = g_dir_make_tmp ("bench-load-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  bench (argv[0], dir, 10000);
  bench (argv[0], dir, 100000);
  g_rmdir (dir);
  return 0;
}
