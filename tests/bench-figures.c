/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long real-size figures take (issue 15): a 1920x1080 PNG of the sample, of the U.S.
 * travel record and of a generated document of 10,000 events (bench-generate.c), written to
 * a file, medians of RUNS in one run, and the ratios of the last two to the sample's
 * (targets: at most 3x and 4x); the size of the U.S. record's SVG (target: at most 2 MB).
 * With --json, one JSON object of those figures instead: export_sample_png_ms,
 * export_us_png_ms, export_10k_png_ms, export_us_svg_ms, export_us_svg_bytes,
 * export_10k_svg_bytes. With --once sample|us|10k [N], N PNGs (1 unless told) of that document
 * only, each figure's wall-clock and CPU time printed: for callgrind
 * (--toggle-collect=dm_figure_write_file) and perf, which want one figure, not the whole run. */

#include "config.h"

#include <stdio.h>
#include <time.h>
#include <glib/gstdio.h>

#include "dm-document.h"
#include "dm-figure.h"
#include "dm-gazetteer.h"
#include "dm-loader.h"
#include "dm-ustravel-format.h"

#include "bench-generate.h"

#define RUNS 5

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static DmDocument *
load (GFile *file)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;

  if (!dm_loader_load_file (doc, file, NULL, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&doc);
}

/* The median time of writing @doc's figure as @format, and the file's size */
static double
export_ms (DmDocument     *doc,
           DmFigureFormat  format,
           const char     *dir,
           goffset        *size)
{
  g_autofree char *path = g_build_filename (dir, format == DM_FIGURE_FORMAT_SVG ? "f.svg" : "f.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double t[RUNS];
  GStatBuf st;

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      g_autoptr(GError) error = NULL;
      gint64 t0;

      dm_figure_set_size (figure, 1920, 1080);
      t0 = g_get_monotonic_time ();
      if (!dm_figure_write_file (figure, file, format, &error))
        g_error ("%s", error->message);
      t[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (t, RUNS, sizeof (double), compare_doubles);
  if (size != NULL)
    *size = g_stat (path, &st) == 0 ? st.st_size : -1;
  g_unlink (path);
  return t[RUNS / 2];
}

/* --once: @runs PNGs of @doc, wall-clock and process CPU time of each */
static int
export_once (DmDocument *doc,
             guint       runs,
             const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "f.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      g_autoptr(GError) error = NULL;
      struct timespec c0, c1;
      gint64 t0, t1;

      dm_figure_set_size (figure, 1920, 1080);
      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c0);
      t0 = g_get_monotonic_time ();
      if (!dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_PNG, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c1);
      printf ("%.1f ms wall, %.1f ms CPU\n", (t1 - t0) / 1000.0,
              (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6);
    }
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  gboolean json = argc > 1 && g_str_equal (argv[1], "--json");
  g_autofree char *dir = g_dir_make_tmp ("bench-figures-XXXXXX", NULL);
  g_autofree char *sample_path = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "samples",
                                                   "october-2025.diplomap", NULL);
  g_autofree char *record_path = dm_ustravel_dup_record_dir ();
  g_autofree char *generated_path = g_build_filename (dir, "generated-10000.diplomap", NULL);
  g_autofree char *generated = bench_generate (10000);
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample_path);
  g_autoptr(GFile) record_file = NULL;
  g_autoptr(GFile) generated_file = g_file_new_for_path (generated_path);
  g_autoptr(DmDocument) sample = NULL;
  g_autoptr(DmDocument) record = NULL;
  g_autoptr(DmDocument) big = NULL;
  double sample_png, us_png, big_png, us_svg, big_svg;
  goffset us_svg_size, big_svg_size;

  if (record_path == NULL)
    g_error ("the U.S. travel record is not installed");
  record_file = g_file_new_for_path (record_path);
  if (!g_file_set_contents (generated_path, generated, -1, NULL))
    g_error ("cannot write %s", generated_path);
  dm_gazetteer_get_default ();
  if (argc > 2 && g_str_equal (argv[1], "--once"))
    {
      guint runs = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 1;
      g_autoptr(DmDocument) doc = NULL;

      if (g_str_equal (argv[2], "sample"))
        doc = load (sample_file);
      else if (g_str_equal (argv[2], "us"))
        doc = load (record_file);
      else
        doc = load (generated_file);
      g_unlink (generated_path);
      return export_once (doc, MAX (runs, 1), dir);
    }
  sample = load (sample_file);
  record = load (record_file);
  big = load (generated_file);
  g_unlink (generated_path);

  sample_png = export_ms (sample, DM_FIGURE_FORMAT_PNG, dir, NULL);
  us_png = export_ms (record, DM_FIGURE_FORMAT_PNG, dir, NULL);
  big_png = export_ms (big, DM_FIGURE_FORMAT_PNG, dir, NULL);
  us_svg = export_ms (record, DM_FIGURE_FORMAT_SVG, dir, &us_svg_size);
  big_svg = export_ms (big, DM_FIGURE_FORMAT_SVG, dir, &big_svg_size);
  g_rmdir (dir);

  if (json)
    {
      printf ("{\n  \"export_sample_png_ms\": %.1f,\n  \"export_us_png_ms\": %.1f,\n"
              "  \"export_10k_png_ms\": %.1f,\n  \"export_us_svg_ms\": %.1f,\n"
              "  \"export_us_svg_bytes\": %" G_GOFFSET_FORMAT ",\n  \"export_10k_svg_ms\": %.1f,\n"
              "  \"export_10k_svg_bytes\": %" G_GOFFSET_FORMAT "\n}\n",
              sample_png, us_png, big_png, us_svg, us_svg_size, big_svg, big_svg_size);
      return 0;
    }
  printf ("1920x1080 figures, medians of %d:\n", RUNS);
  printf ("  sample PNG: %.1f ms\n", sample_png);
  printf ("  U.S. record PNG: %.1f ms (%.1fx the sample's, target <= 3)\n", us_png, us_png / sample_png);
  printf ("  10,000 events PNG: %.1f ms (%.1fx the sample's, target <= 4)\n", big_png, big_png / sample_png);
  printf ("  U.S. record SVG: %.1f ms, %.2f MB (target <= 2 MB)\n", us_svg, us_svg_size / 1e6);
  printf ("  10,000 events SVG: %.1f ms, %.2f MB\n", big_svg, big_svg_size / 1e6);
  return 0;
}
