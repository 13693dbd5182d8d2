/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The costs of reading and writing other tools' files (medians of 7, milliseconds). */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "dm-document.h"
#include "dm-format.h"
#include "dm-loader.h"
#include "dm-saver.h"

#define RUNS 7

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

static GFile *
write_temp (const char *dir,
            const char *name,
            const char *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return g_file_new_for_path (path);
}

static double
time_load (GFile *file,
           guint *events)
{
  double runs[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(DmDocument) doc = dm_document_new ();
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();

      dm_loader_load_file (doc, file, NULL, &error);
      g_assert_no_error (error);
      runs[r] = (g_get_monotonic_time () - t0) / 1000.0;
      *events = g_list_model_get_n_items (dm_document_get_events (doc));
    }
  return median (runs);
}

static double
time_write (DmDocument *doc,
            GBytes     *(*writer) (DmDocument *))
{
  double runs[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = writer (doc);
      runs[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  return median (runs);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("diplomap-bench-XXXXXX", NULL);
  g_autofree char *sample_path = g_build_filename (SOURCE_SAMPLES_DIR, "october-2025.diplomap", NULL);
  g_autoptr(GFile) sample = g_file_new_for_path (sample_path);
  g_autoptr(DmDocument) big = dm_document_new ();
  g_autoptr(GString) track = g_string_new ("{\"type\": \"Feature\", \"properties\": {\"actor\": \"A\"}, "
                                           "\"geometry\": {\"type\": \"LineString\", \"coordinates\": [");
  guint events;

  /* the sample 100 times over: 1,000 events, 800 legs */
  for (guint i = 0; i < 100; i++)
    g_assert_true (dm_loader_load_file (big, sample, NULL, NULL));
  g_print ("document: %u events, %u legs\n", g_list_model_get_n_items (dm_document_get_events (big)),
           dm_document_get_n_legs (big));

  {
    /* every writer of the table of formats but the native one's (other tools' formats) */
    const DmFormat * const *formats = dm_format_list_writable ();

    for (guint i = 0; formats[i] != NULL; i++)
      {
        g_autoptr(GBytes) bytes = NULL;
        g_autofree char *name = g_strdup_printf ("big.%s", formats[i]->extensions[0]);
        g_autoptr(GFile) file = NULL;
        double write_ms, read_ms;

        if (formats[i]->keeps & DM_FORMAT_LOSSLESS)
          continue;
        bytes = formats[i]->write (big);
        file = write_temp (dir, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        write_ms = time_write (big, formats[i]->write);
        read_ms = time_load (file, &events);
        g_print ("%-8s write %7.1f ms, read %7.1f ms (%u events, %.0f KiB)\n", formats[i]->extensions[0],
                 write_ms, read_ms, events, g_bytes_get_size (bytes) / 1024.0);
        g_unlink (g_file_peek_path (file));
      }
  }

  /* a kepler.gl-style track: 5,000 vertices without names, each a leg */
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (track, "%s[%.5f, %.5f, 0, %u]", i ? ", " : "", 100.0 + i * 0.01,
                            30.0 + (i % 100) * 0.01, 1761800400 + i * 60);
  g_string_append (track, "]}}");
  {
    g_autoptr(GFile) file = write_temp (dir, "track.geojson", track->str, track->len);
    double ms = time_load (file, &events);
    g_print ("track    read %7.1f ms (5,000 unnamed vertices, %u event)\n", ms, events);
    g_unlink (g_file_peek_path (file));
  }
  g_rmdir (dir);
  return 0;
}
