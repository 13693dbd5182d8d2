/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Memory stays flat whatever the clip's length: `diplomap --export` of a 2 s and a 20 s clip
 * (480x270, 10 frames a second: 20 and 200 frames), each in a child process whose peak
 * resident size (getrusage's ru_maxrss, from wait4) is compared. A frame of that size is
 * 506 KiB of pixels; the margin, 12 MiB, is what 24 of the 180 frames more would take, so a
 * writer that kept an eighth of its frames (or leaked 68 KiB a frame) fails. Measured on
 * Debian 12 under load: growth of 0 to 2.6 MiB, once 5.2 MiB for WebM (the allocator's and
 * the encoder threads' noise), against 90 MiB for a writer that kept every frame
 * (docs/ANIMATION.md). A first export, not measured, builds GStreamer's registry: that
 * process peaks some 30 MB higher. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#define MARGIN_KIB 12288

static const char *exe;

/* Peak resident KiB of `diplomap --export @out` of a clip @seconds long */
static long
peak_kib (const char *out,
          guint       seconds)
{
  g_autofree char *duration = g_strdup_printf ("%u", seconds);
  const char *argv[] = { exe, "--export", out, "--size", "480x270", "--duration", duration,
                         "--fps", "10", SOURCE_SAMPLES_DIR "/october-2025.diplomap", NULL };
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  return usage.ru_maxrss;
}

static void
test_flat (gconstpointer data)
{
  const char *ext = data;
  g_autofree char *dir = g_dir_make_tmp ("dm-video-memory-XXXXXX", NULL);
  g_autofree char *short_out = g_strdup_printf ("%s/short%s", dir, ext);
  g_autofree char *long_out = g_strdup_printf ("%s/long%s", dir, ext);
  g_autofree char *warm_out = g_strdup_printf ("%s/warm%s", dir, ext);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  long short_peak, long_peak;

  peak_kib (warm_out, 2);
  short_peak = peak_kib (short_out, 2);
  long_peak = peak_kib (long_out, 20);
  g_test_message ("%s: peak %ld KiB for 2 s, %ld KiB for 20 s", ext, short_peak, long_peak);
  g_assert_cmpint (long_peak, <=, short_peak + MARGIN_KIB);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* the program under test, after the test's own options (tests/meson.build) */
  g_assert_cmpint (argc, ==, 2);
  exe = argv[1];
  g_test_add_data_func ("/video/memory/webm", ".webm", test_flat);
  g_test_add_data_func ("/video/memory/mp4", ".mp4", test_flat);
  g_test_add_data_func ("/video/memory/gif", ".gif", test_flat);
  /* a PNG sequence: a folder */
  g_test_add_data_func ("/video/memory/png-sequence", "/", test_flat);
  return g_test_run ();
}
