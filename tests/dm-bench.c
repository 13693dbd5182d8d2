/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dm-bench: every figure of issue 15 in one run (docs/PERFORMANCE.md). It drives the
 * benchmarks that measure each part, each in its own process, and gathers what they print
 * with --json:
 * - bench-load: loads of 10,000 and 100,000 generated events (bench-generate.c, fixed
 *   seed), peak memory, json-glib's plain parse and Python's json.load of the same bytes;
 * - bench-figures: 1920x1080 PNG and SVG figures of the sample, the U.S. record and 10,000
 *   generated events;
 * - bench-tiles: the base map's tiles;
 * - bench-routes-layer: the routes overlay's frames during playback, 10,000 legs;
 * - bench-window: the real window under the display (Xvfb): the 100,000 events opened,
 *   the U.S. record opened, seeked and played, and the application's startup, timed from
 *   the launch of its process.
 * It prints a table, or with --json one JSON object of every key. A key that could not be
 * measured is null, and "reasons" says why. `--parts load,figures,tiles,overlay,window,
 * startup` runs only those. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#define WINDOW_RUNS  3
#define STARTUP_RUNS 5

typedef struct
{
  const char *key;
  const char *unit;
  const char *target;   /* as text, or NULL */
} Key;

/* The keys first, then the ones that help read them */
static const Key keys[] = {
  { "load_100k_ms", "ms", "<= Python's json.load" },
  { "load_100k_peak_mb", "MB", "<= 300" },
  { "baseline_json_parse_100k_ms", "ms", NULL },
  { "baseline_python_json_load_100k_ms", "ms", NULL },
  { "load_100k_ratio_python", "x", "<= 1" },
  { "load_10k_ms", "ms", NULL },
  { "load_10k_peak_mb", "MB", NULL },
  { "export_sample_png_ms", "ms", NULL },
  { "export_us_png_ms", "ms", NULL },
  { "export_us_png_ratio_sample", "x", "<= 3" },
  { "export_10k_png_ms", "ms", NULL },
  { "export_10k_png_ratio_sample", "x", "<= 4" },
  { "export_us_svg_ms", "ms", NULL },
  { "export_us_svg_bytes", "bytes", "<= 2000000" },
  { "export_10k_svg_bytes", "bytes", NULL },
  { "window_100k_routes_ms", "ms", "<= 2000" },
  { "window_100k_stall_max_ms", "ms", "<= 50" },
  { "window_100k_peak_mb", "MB", "<= 400" },
  { "window_us_routes_ms", "ms", NULL },
  { "window_us_stall_max_ms", "ms", "<= 50" },
  { "window_us_seek_ms", "ms", "<= 50" },
  { "window_us_seek_back_ms", "ms", "<= 50" },
  { "window_us_frame_median_ms", "ms", "<= 16.7" },
  { "window_us_frame_work_median_ms", "ms", NULL },
  { "overlay_10k_frame_median_ms", "ms", "<= 8" },
  { "overlay_10k_frame_p95_ms", "ms", "<= 16" },
  { "tile_median_ms", "ms", "<= 5" },
  { "tile_max_ms", "ms", "<= 15" },
  { "startup_ms", "ms", "<= 500" },
};

static GHashTable *values;   /* key -> double * */
static GHashTable *reasons;  /* key -> why it is null */
static char *bench_dir;      /* where the other benchmarks are */
static char **parts;

static gboolean
wants (const char *part)
{
  return parts == NULL || g_strv_contains ((const char * const *) parts, part);
}

static void
set_value (const char *key,
           double      value)
{
  double *v = g_new (double, 1);

  *v = value;
  g_hash_table_replace (values, g_strdup (key), v);
}

static const double *
get_value (const char *key)
{
  return g_hash_table_lookup (values, key);
}

/* Every key of @prefix... without a value gets @reason */
static void
set_reason (const char *prefix,
            const char *reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_has_prefix (keys[i].key, prefix) && get_value (keys[i].key) == NULL &&
        !g_hash_table_contains (reasons, keys[i].key))
      g_hash_table_insert (reasons, g_strdup (keys[i].key), g_strdup (reason));
}

/* Runs @argv (argv[0] a benchmark's name) and parses its stdout as one JSON object; NULL
 * and @why when it failed */
static JsonObject *
run_json (const char **argv,
          char       **why)
{
  g_autofree char *program = g_build_filename (bench_dir, argv[0], NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (args, program);
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  g_printerr ("dm-bench: running %s\n", argv[0]);
  if (!g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    {
      g_autofree char *tail = g_strdup (err != NULL && strlen (err) > 300 ? err + strlen (err) - 300 : err);

      *why = g_strdup_printf ("%s failed: %s%s%s", argv[0], error->message,
                              tail != NULL && *tail ? ": " : "", tail != NULL ? g_strstrip (tail) : "");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, out, -1, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *why = g_strdup_printf ("%s printed no JSON object", argv[0]);
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Copies every number of @object under its own name, or @prefix + its name */
static void
take_numbers (JsonObject *object,
              const char *prefix)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      g_autofree char *key = g_strconcat (prefix, l->data, NULL);

      if (JSON_NODE_HOLDS_VALUE (node))
        set_value (key, json_node_get_double (node));
    }
}

/* Runs a part once, taking its numbers; @part's keys get the reason if it failed */
static void
run_part (const char **argv,
          const char  *prefix)
{
  g_autofree char *why = NULL;
  g_autoptr(JsonObject) object = run_json (argv, &why);

  if (object == NULL)
    set_reason (prefix, why);
  else
    take_numbers (object, "");
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Runs bench-window @runs times with @argv; the median of each of @names, stored as
 * @prefix + name. A run where a value is null (never reached) makes that key null. */
static void
run_window (const char  **argv,
            guint         runs,
            const char   *prefix,
            const char  **names)
{
  GArray *got[8];
  guint n_names = g_strv_length ((char **) names);

  g_assert (n_names <= G_N_ELEMENTS (got));
  for (guint k = 0; k < n_names; k++)
    got[k] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *why = NULL;
      g_autoptr(JsonObject) object = run_json (argv, &why);

      if (object == NULL)
        {
          set_reason (prefix, why);
          break;
        }
      for (guint k = 0; k < n_names; k++)
        {
          JsonNode *node = json_object_get_member (object, names[k]);
          g_autofree char *key = g_strconcat (prefix, names[k], NULL);

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            {
              if (!g_hash_table_contains (reasons, key))
                g_hash_table_insert (reasons, g_strdup (key),
                                     g_strdup_printf ("not reached within the time allowed (run %u)", r));
            }
          else
            {
              double v = json_node_get_double (node);
              g_array_append_val (got[k], v);
            }
        }
    }
  for (guint k = 0; k < n_names; k++)
    {
      g_autofree char *key = g_strconcat (prefix, names[k], NULL);

      if (got[k]->len == runs && !g_hash_table_contains (reasons, key))
        {
          g_array_sort (got[k], compare_doubles);
          set_value (key, g_array_index (got[k], double, runs / 2));
        }
      g_array_unref (got[k]);
    }
}

/* The application's startup from the launch of its process to the first frame with the
 * sample's routes, median of STARTUP_RUNS */
static void
run_startup (void)
{
  g_autofree char *program = g_build_filename (bench_dir, "bench-window", NULL);
  g_autofree char *sample = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "samples",
                                              "october-2025.diplomap", NULL);
  double t[STARTUP_RUNS];

  g_printerr ("dm-bench: running bench-window --startup\n");
  for (guint r = 0; r < STARTUP_RUNS; r++)
    {
      const char *argv[] = { program, "--startup", sample, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *found;
      gint64 t0 = g_get_monotonic_time ();
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                         &status, &error) || !g_spawn_check_wait_status (status, &error) ||
          (found = strstr (out, "\"routes_at_us\": ")) == NULL)
        {
          g_hash_table_insert (reasons, g_strdup ("startup_ms"),
                               g_strdup_printf ("bench-window --startup failed: %s",
                                                error != NULL ? error->message : "no frame with routes"));
          return;
        }
      t[r] = (g_ascii_strtoll (found + strlen ("\"routes_at_us\": "), NULL, 10) - t0) / 1000.0;
    }
  qsort (t, STARTUP_RUNS, sizeof (double), compare_doubles);
  set_value ("startup_ms", t[STARTUP_RUNS / 2]);
}

static void
run_window_parts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dm-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "generated-100000.diplomap", NULL);
  const char *open_names[] = { "routes_ms", "stall_max_ms", "peak_mb", NULL };
  const char *us_names[] = { "routes_ms", "stall_max_ms", "seek_ms", "seek_back_ms",
                             "frame_median_ms", "frame_work_median_ms", NULL };
  const char *open_100k[] = { "bench-window", "--open", path, NULL };
  const char *us[] = { "bench-window", "--us", NULL };
  g_autofree char *program = g_build_filename (bench_dir, "bench-load", NULL);

  if (!wants ("window") && !wants ("startup"))
    return;
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      set_reason ("window_", "no display: run dm-bench with build-aux/dev bench (Xvfb)");
      set_reason ("startup_", "no display: run dm-bench with build-aux/dev bench (Xvfb)");
      return;
    }
  if (wants ("window"))
    {
      const char *argv[] = { program, "--generate", "100000", path, NULL };
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                         &status, &error) || !g_spawn_check_wait_status (status, &error))
        set_reason ("window_100k_", error->message);
      else
        run_window (open_100k, WINDOW_RUNS, "window_100k_", open_names);
      g_unlink (path);
      run_window (us, WINDOW_RUNS, "window_us_", us_names);
    }
  g_rmdir (dir);
  if (wants ("startup"))
    run_startup ();
}

static void
derive_ratio (const char *key,
              const char *a,
              const char *b)
{
  const double *x = get_value (a), *y = get_value (b);

  if (x != NULL && y != NULL && *y > 0)
    set_value (key, *x / *y);
  else
    set_reason (key, "a value it needs was not measured");
}

static void
print_json (void)
{
  gboolean first = TRUE;

  printf ("{\n");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const double *v = get_value (keys[i].key);

      if (v == NULL)
        printf ("%s  \"%s\": null", first ? "" : ",\n", keys[i].key);
      else if (g_str_equal (keys[i].unit, "bytes"))
        printf ("%s  \"%s\": %.0f", first ? "" : ",\n", keys[i].key, *v);
      else
        printf ("%s  \"%s\": %.2f", first ? "" : ",\n", keys[i].key, *v);
      first = FALSE;
    }
  printf (",\n  \"reasons\": {");
  first = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *why = g_hash_table_lookup (reasons, keys[i].key);
      g_autofree char *escaped = NULL;

      if (why == NULL || get_value (keys[i].key) != NULL)
        continue;
      escaped = g_strescape (why, NULL);
      printf ("%s\n    \"%s\": \"%s\"", first ? "" : ",", keys[i].key, escaped);
      first = FALSE;
    }
  printf ("%s}\n}\n", first ? "" : "\n  ");
}

static void
print_table (void)
{
  printf ("%-34s %14s  %-22s %s\n", "dm-bench (issue 15)", "median", "target", "");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const double *v = get_value (keys[i].key);
      g_autofree char *value = NULL;

      if (v == NULL)
        value = g_strdup ("null");
      else if (g_str_equal (keys[i].unit, "bytes"))
        value = g_strdup_printf ("%.0f", *v);
      else
        value = g_strdup_printf ("%.2f %s", *v, keys[i].unit);
      printf ("%-34s %14s  %-22s %s\n", keys[i].key, value,
              keys[i].target != NULL ? keys[i].target : "",
              v == NULL ? (const char *) g_hash_table_lookup (reasons, keys[i].key) : "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--json"))
      json = TRUE;
    else if (g_str_has_prefix (argv[i], "--parts="))
      parts = g_strsplit (argv[i] + strlen ("--parts="), ",", -1);
    else
      {
        g_printerr ("usage: dm-bench [--json] [--parts=load,figures,tiles,overlay,window,startup]\n");
        return 2;
      }
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bench_dir = g_path_get_dirname (self != NULL ? self : argv[0]);

  if (wants ("load"))
    run_part ((const char *[]) { "bench-load", "--json", NULL }, "load_");
  if (wants ("figures"))
    run_part ((const char *[]) { "bench-figures", "--json", NULL }, "export_");
  if (wants ("tiles"))
    run_part ((const char *[]) { "bench-tiles", "--json", NULL }, "tile_");
  if (wants ("overlay"))
    run_part ((const char *[]) { "bench-routes-layer", "--json", NULL }, "overlay_");
  run_window_parts ();

  /* bench-load prints -1 when there is no python3 */
  if (get_value ("baseline_python_json_load_100k_ms") != NULL &&
      *get_value ("baseline_python_json_load_100k_ms") < 0)
    {
      g_hash_table_remove (values, "baseline_python_json_load_100k_ms");
      g_hash_table_insert (reasons, g_strdup ("baseline_python_json_load_100k_ms"),
                           g_strdup ("python3 not found"));
    }
  derive_ratio ("load_100k_ratio_python", "load_100k_ms", "baseline_python_json_load_100k_ms");
  derive_ratio ("export_us_png_ratio_sample", "export_us_png_ms", "export_sample_png_ms");
  derive_ratio ("export_10k_png_ratio_sample", "export_10k_png_ms", "export_sample_png_ms");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (get_value (keys[i].key) == NULL && !g_hash_table_contains (reasons, keys[i].key))
      g_hash_table_insert (reasons, g_strdup (keys[i].key), g_strdup ("not run (--parts)"));

  if (json)
    print_json ();
  else
    print_table ();
  g_strfreev (parts);
  return 0;
}
