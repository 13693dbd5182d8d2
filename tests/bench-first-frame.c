/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time to first frame: from the start of the program to the first frame that shows the
 * sample's routes over the map, and to the frame where every visible tile is drawn.
 * Needs a display (build-aux/dev bench runs it under Xvfb). Target: 500 ms. */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "dm-application.h"
#include "dm-window-private.h"

#define RUNS 5

typedef struct
{
  DmWindow *win;
  gint64    t0;
  double    first_frame;
  double    tiles_done;
} Run;

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  double ms = (g_get_monotonic_time () - run->t0) / 1000.0;

  if (run->first_frame == 0 && dm_window_get_n_loading (run->win) == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (run->win->stack), "main") == 0)
    run->first_frame = ms;
  if (run->first_frame != 0 && run->tiles_done == 0 &&
      dm_map_source_get_n_drawn (run->win->map_source) > 0 &&
      dm_map_source_get_n_pending (run->win->map_source) == 0)
    run->tiles_done = ms;
}

static void
realize_cb (GtkWidget *widget,
            Run       *run)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), run);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  gint64 start = g_get_monotonic_time ();
  double first[RUNS], tiles[RUNS];
  double init_ms;

  g_set_prgname ("bench-first-frame");
  /* As main.c does (DM_BENCH_NO_WARM_UP=1 measures without it) */
  if (g_getenv ("DM_BENCH_NO_WARM_UP") == NULL)
    dm_application_warm_up ();
  if (!gtk_init_check ())
    {
      g_printerr ("No display: run this benchmark with build-aux/dev bench\n");
      return 1;
    }
  adw_init ();
  init_ms = (g_get_monotonic_time () - start) / 1000.0;

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
      Run run = { NULL };
      gint64 deadline;
      guint wake;

      /* The first run also pays for GTK's and the base map's start-up (as the user does) */
      run.t0 = r == 0 ? start : g_get_monotonic_time ();
      run.win = dm_window_new (NULL);
      g_signal_connect (run.win, "realize", G_CALLBACK (realize_cb), &run);
      gtk_window_set_default_size (GTK_WINDOW (run.win), 1200, 800);
      dm_window_open_file (run.win, file);
      gtk_window_present (GTK_WINDOW (run.win));
      deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
      /* Wakes the loop up now and then, so that the deadline is seen */
      wake = g_timeout_add (50, wake_cb, NULL);
      while ((run.first_frame == 0 || run.tiles_done == 0) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (wake);
      first[r] = run.first_frame;
      tiles[r] = run.tiles_done;
      g_print ("run %u: first frame with the routes %.0f ms, all visible tiles %.0f ms\n",
               r, run.first_frame, run.tiles_done);
      gtk_window_destroy (GTK_WINDOW (run.win));
    }
  g_print ("gtk_init + adw_init: %.0f ms\n", init_ms);
  g_print ("cold start (run 0): first frame %.0f ms (target 500), tiles %.0f ms\n", first[0], tiles[0]);
  qsort (first + 1, RUNS - 1, sizeof (double), compare_doubles);
  qsort (tiles + 1, RUNS - 1, sizeof (double), compare_doubles);
  g_print ("warm (median of %u new windows): first frame %.0f ms, tiles %.0f ms\n",
           RUNS - 1, first[1 + (RUNS - 1) / 2], tiles[1 + (RUNS - 1) / 2]);
  return first[0] > 0 ? 0 : 1;
}
