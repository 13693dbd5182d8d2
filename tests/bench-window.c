/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's part of dm-bench (issue 15), one measurement per process, printed as one
 * JSON object on stdout (dm-bench runs it several times and takes medians):
 * - `bench-window --startup FILE`: the application started as `diplomap FILE` (its own
 *   DmApplication and startup), quitting at the first frame that shows FILE's routes;
 *   prints "routes_at_us", that frame's g_get_monotonic_time (), a clock the whole system
 *   shares: dm-bench subtracts the time it launched the process.
 * - `bench-window --open FILE`: FILE opened in an empty window (as Open does): ms to the
 *   first frame with every route drawn, the longest gap between two frame clock ticks until
 *   half a second later (frames being asked for all along: the main thread's longest
 *   stall) and when it began ("stall_max_at_ms", since the open), and the process's peak
 *   RSS. With DIPLOMAP_TRACE_STALLS set, also the stall tracer's iterations that overlap
 *   that gap ("stall_max_told", and on stderr): which steps or frames made it.
 * - `bench-window --us`: the U.S. travel record opened the same way from the main menu's
 *   action, then five seeks across its time (ms from dm_playback_set_time to the first frame
 *   that shows every route at that time), five seeks back to just after those times (latest
 *   first: "seek_back_ms"), then 3 s of playback: the median time between two
 *   frames of the whole window, the median work of a frame (from the frame clock's update to
 *   its after-paint) and the main thread's CPU time in it (less swayed by other processes on
 *   a loaded machine than wall time; the X server's share is not in it).
 *   DM_BENCH_PLAY_SECONDS plays longer (for a profile of playback).
 * A value that was never reached within the time allowed (2 minutes for an open, 10 s for a
 * seek) is printed as null.
 * Needs a display (build-aux/dev bench runs dm-bench under Xvfb). */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "dm-application.h"
#include "dm-screen-painter.h"
#include "dm-stall-tracer.h"
#include "dm-window-private.h"

#define N_SEEKS     5
#define PLAY_US     (3 * G_USEC_PER_SEC)
#define OPEN_LIMIT  (120 * G_USEC_PER_SEC)

typedef struct
{
  DmWindow *win;
  gint64    t0;          /* the open began */
  gint64    last_tick;
  gint64    until;       /* stalls are watched until then */
  double    routes_ms;   /* to the first frame with every route, 0: never */
  double    max_gap_ms;
  gint64    max_gap_start; /* the tick that began it */
  gint64    max_gap_end;
  GArray   *told;        /* Told: the stall tracer's iterations */
  /* a seek */
  double    seek_to;
  gint64    seek_t0;
  double    seek_ms;
  /* playback */
  gboolean  playing;
  gint64    update_at;
  double    update_cpu_ms;
  gint64    last_paint;
  GArray   *intervals;
  GArray   *works;
  GArray   *cpu_works;
} Bench;

/* An iteration the stall tracer told (DIPLOMAP_TRACE_STALLS) */
typedef struct
{
  gint64  start;
  gint64  end;
  char   *text;
} Told;

/* The main thread's CPU time */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
shows_routes (DmWindow *win)
{
  return dm_window_get_n_loading (win) == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (win->stack), "main") == 0 &&
         dm_screen_painter_get_n_legs (dm_route_map_layer_get_painter (win->routes_layer)) > 0 &&
         dm_route_map_layer_get_routes_ready (win->routes_layer);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *b = user_data;
  gint64 now = g_get_monotonic_time ();

  if (b->t0 != 0 && b->last_tick != 0 && (b->until == 0 || now <= b->until) &&
      (now - b->last_tick) / 1000.0 > b->max_gap_ms)
    {
      b->max_gap_ms = (now - b->last_tick) / 1000.0;
      b->max_gap_start = b->last_tick;
      b->max_gap_end = now;
    }
  b->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
update_cb (GdkFrameClock *clock,
           Bench         *b)
{
  b->update_at = g_get_monotonic_time ();
  b->update_cpu_ms = thread_cpu_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->t0 != 0 && b->routes_ms == 0 && shows_routes (b->win))
    {
      b->routes_ms = (now - b->t0) / 1000.0;
      /* a stall soon after the routes (the view coming to rest) counts too */
      b->until = now + 500 * 1000;
    }
  if (b->seek_t0 != 0 && b->seek_ms == 0 &&
      ABS (dm_route_map_layer_get_time (b->win->routes_layer) - b->seek_to) < 1 &&
      dm_route_map_layer_get_routes_ready (b->win->routes_layer))
    b->seek_ms = (now - b->seek_t0) / 1000.0;
  if (b->playing)
    {
      double work = (now - b->update_at) / 1000.0;

      if (b->last_paint != 0)
        {
          double interval = (now - b->last_paint) / 1000.0;
          g_array_append_val (b->intervals, interval);
        }
      if (b->update_at != 0)
        {
          double cpu = thread_cpu_ms () - b->update_cpu_ms;

          g_array_append_val (b->works, work);
          g_array_append_val (b->cpu_works, cpu);
        }
      b->last_paint = now;
    }
}

static void
told_cb (gint64      start,
         gint64      end,
         const char *text,
         gpointer    user_data)
{
  Bench *b = user_data;
  Told told = { start, end, g_strdup (text) };

  /* from the open until stalls are no longer watched */
  if (b->t0 != 0 && (b->until == 0 || start <= b->until))
    g_array_append_val (b->told, told);
  else
    g_free (told.text);
}

static void
clear_told (gpointer data)
{
  g_free (((Told *) data)->text);
}

/* @text as a JSON string */
static void
print_json_string (const char *text)
{
  putchar ('"');
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '"' || *p == '\\')
      printf ("\\%c", *p);
    else if ((guchar) *p < 0x20)
      printf ("\\u%04x", (guint) (guchar) *p);
    else
      putchar (*p);
  putchar ('"');
}

/* The longest gap: when it began, and with DIPLOMAP_TRACE_STALLS the iterations told that
 * overlap it (the frame before it, the load's steps between, the frame that ended it), also
 * on stderr for a reader */
static void
print_longest_gap (Bench *b)
{
  gboolean first = TRUE;

  if (b->max_gap_end == 0)
    {
      printf ("  \"stall_max_at_ms\": null,\n");
      return;
    }
  printf ("  \"stall_max_at_ms\": %.1f,\n", (b->max_gap_start - b->t0) / 1000.0);
  if (b->told == NULL)
    return;
  /* the open's time on the system's monotonic clock, for perf script --time (perf record
   * -k mono) */
  g_printerr ("the longest gap between two ticks: %.1f ms, from %.1f to %.1f ms after the open "
              "(which began at %.6f s of the monotonic clock); the iterations told in it:\n",
              b->max_gap_ms, (b->max_gap_start - b->t0) / 1000.0,
              (b->max_gap_end - b->t0) / 1000.0, b->t0 / (double) G_USEC_PER_SEC);
  printf ("  \"stall_max_told\": [");
  for (guint i = 0; i < b->told->len; i++)
    {
      Told *told = &g_array_index (b->told, Told, i);
      g_autofree char *line = NULL;

      if (told->end <= b->max_gap_start || told->start >= b->max_gap_end)
        continue;
      line = g_strdup_printf ("at %.1f ms: %s", (told->start - b->t0) / 1000.0, told->text);
      g_printerr ("  %s\n", line);
      printf ("%s\n    ", first ? "" : ",");
      print_json_string (line);
      first = FALSE;
    }
  printf ("%s],\n", first ? "" : "\n  ");
}

static void
run_until (gboolean (*done) (Bench *), Bench *b, gint64 limit_us)
{
  gint64 deadline = g_get_monotonic_time () + limit_us;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!done (b) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static gboolean
has_ticked (Bench *b)
{
  return b->last_tick != 0 && gtk_widget_get_mapped (GTK_WIDGET (b->win));
}

static gboolean
has_settled (Bench *b)
{
  return b->until != 0 && g_get_monotonic_time () > b->until;
}

static gboolean
has_seeked (Bench *b)
{
  return b->seek_ms != 0;
}

static gboolean
never (Bench *b)
{
  return FALSE;
}

static double
peak_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
print_ms (const char *key,
          double      ms,
          gboolean    last)
{
  if (ms == 0)
    printf ("  \"%s\": null%s\n", key, last ? "" : ",");
  else
    printf ("  \"%s\": %.1f%s\n", key, ms, last ? "" : ",");
}

/* Seeks to @at and waits for a correct picture: FALSE if none came within 10 s, else
 * the ms it took is in b->seek_ms */
static gboolean
seek_once (Bench  *b,
           double  at)
{
  b->seek_to = at;
  b->seek_ms = 0;
  b->seek_t0 = g_get_monotonic_time ();
  dm_playback_set_time (b->win->playback, at);
  run_until (has_seeked, b, 10 * G_USEC_PER_SEC);
  b->seek_t0 = 0;
  return b->seek_ms != 0;
}

/* Seeks to five times across the record: the median ms to a correct picture, 0 if one never
 * came */
static double
bench_seeks (Bench *b)
{
  g_autoptr(GArray) seeks = g_array_new (FALSE, FALSE, sizeof (double));
  double start = dm_playback_get_start (b->win->playback);
  double end = dm_playback_get_end (b->win->playback);

  for (guint i = 0; i < N_SEEKS; i++)
    {
      /* not in order: each seek jumps far from the last */
      double at = start + (end - start) * ((i * 3 % N_SEEKS) + 0.5) / N_SEEKS;

      if (!seek_once (b, at))
        return 0;
      g_array_append_val (seeks, b->seek_ms);
    }
  return median (seeks);
}

/* After bench_seeks(), seeks back to just after each time it went to, latest first (each a
 * seek back in time, to where the user was a moment ago): the median ms to a correct
 * picture, 0 if one never came */
static double
bench_seeks_back (Bench *b)
{
  g_autoptr(GArray) seeks = g_array_new (FALSE, FALSE, sizeof (double));
  double start = dm_playback_get_start (b->win->playback);
  double end = dm_playback_get_end (b->win->playback);

  for (guint i = N_SEEKS; i-- > 0;)
    {
      double at = start + (end - start) * ((i + 0.5) / N_SEEKS + 0.004);

      if (!seek_once (b, at))
        return 0;
      g_array_append_val (seeks, b->seek_ms);
    }
  return median (seeks);
}

/* Opens @file (NULL: the U.S. record, from its action) in an empty window, and for the U.S.
 * record seeks and plays too */
static int
bench_open (GFile *file)
{
  Bench b = { NULL };
  GdkFrameClock *clock;
  double seek_ms = 0, seek_back_ms = 0;
  guint tick_id;

  b.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  b.works = g_array_new (FALSE, FALSE, sizeof (double));
  b.cpu_works = g_array_new (FALSE, FALSE, sizeof (double));
  b.win = dm_window_new (NULL);
  /* the window started the stall tracer if DIPLOMAP_TRACE_STALLS is set */
  if (dm_stall_tracer_is_running ())
    {
      b.told = g_array_new (FALSE, FALSE, sizeof (Told));
      g_array_set_clear_func (b.told, clear_told);
      dm_stall_tracer_set_func (told_cb, &b);
    }
  gtk_window_set_default_size (GTK_WINDOW (b.win), 1200, 800);
  gtk_window_present (GTK_WINDOW (b.win));
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (b.win), tick_cb, &b, NULL);
  run_until (has_ticked, &b, 10 * G_USEC_PER_SEC);
  /* the empty window settles */
  run_until (never, &b, 500 * 1000);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.win));
  g_signal_connect (clock, "update", G_CALLBACK (update_cb), &b);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &b);
  b.last_tick = 0;
  b.t0 = g_get_monotonic_time ();
  if (file != NULL)
    dm_window_open_file (b.win, file);
  else
    g_action_group_activate_action (G_ACTION_GROUP (b.win), "open-us-travels", NULL);
  run_until (has_settled, &b, OPEN_LIMIT);
  b.until = b.until == 0 ? 1 : b.until;  /* no more stalls counted */

  printf ("{\n");
  print_ms ("routes_ms", b.routes_ms, FALSE);
  printf ("  \"stall_max_ms\": %.1f,\n", b.max_gap_ms);
  print_longest_gap (&b);
  if (file == NULL && b.routes_ms != 0)
    {
      seek_ms = bench_seeks (&b);
      if (seek_ms != 0)
        seek_back_ms = bench_seeks_back (&b);
      dm_playback_set_time (b.win->playback, dm_playback_get_start (b.win->playback));
      b.update_at = 0;
      b.playing = TRUE;
      dm_window_set_playing (b.win, TRUE);
      run_until (never, &b, g_getenv ("DM_BENCH_PLAY_SECONDS") != NULL
                            ? g_ascii_strtod (g_getenv ("DM_BENCH_PLAY_SECONDS"), NULL) * G_USEC_PER_SEC
                            : PLAY_US);
      dm_window_set_playing (b.win, FALSE);
      b.playing = FALSE;
      print_ms ("seek_ms", seek_ms, FALSE);
      print_ms ("seek_back_ms", seek_back_ms, FALSE);
      print_ms ("frame_median_ms", median (b.intervals), FALSE);
      print_ms ("frame_work_median_ms", median (b.works), FALSE);
      print_ms ("frame_cpu_median_ms", median (b.cpu_works), FALSE);
      printf ("  \"frames\": %u,\n", b.intervals->len);
    }
  printf ("  \"peak_mb\": %.1f\n}\n", peak_mb ());
  fflush (stdout);

  g_signal_handlers_disconnect_by_data (clock, &b);
  gtk_widget_remove_tick_callback (GTK_WIDGET (b.win), tick_id);
  gtk_window_destroy (GTK_WINDOW (b.win));
  g_array_unref (b.intervals);
  g_array_unref (b.works);
  g_array_unref (b.cpu_works);
  if (b.told != NULL)
    {
      dm_stall_tracer_set_func (NULL, NULL);
      g_array_unref (b.told);
    }
  /* a value never reached is null in what was printed */
  return 0;
}

/* --startup: the application's own startup; quits at the first frame with the routes */
static void
startup_after_paint_cb (GdkFrameClock *clock,
                        DmWindow      *win)
{
  if (!shows_routes (win))
    return;
  printf ("{\n  \"routes_at_us\": %" G_GINT64_FORMAT "\n}\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, startup_after_paint_cb, win);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (win))));
}

static void
startup_realize_cb (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (startup_after_paint_cb), widget);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (DM_IS_WINDOW (window))
    g_signal_connect (window, "realize", G_CALLBACK (startup_realize_cb), NULL);
}

static gboolean
give_up_cb (gpointer app)
{
  g_printerr ("no frame with routes within 60 s\n");
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static int
bench_startup (const char *path)
{
  g_autoptr(DmApplication) app = dm_application_new ();
  char *argv[] = { (char *) "diplomap", (char *) path, NULL };

  /* its own instance, whether or not a session bus is there: never handed to another one */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN |
                                                G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_timeout_add_seconds (60, give_up_cb, app);
  return g_application_run (G_APPLICATION (app), 2, argv);
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 2 && g_str_equal (argv[1], "--startup"))
    return bench_startup (argv[2]);
  g_set_prgname ("bench-window");
  dm_application_warm_up ();
  if (!gtk_init_check ())
    {
      g_printerr ("No display: run this benchmark with build-aux/dev bench\n");
      return 2;
    }
  adw_init ();
  if (argc > 2 && g_str_equal (argv[1], "--open"))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);
      return bench_open (file);
    }
  if (argc > 1 && g_str_equal (argv[1], "--us"))
    return bench_open (NULL);
  g_printerr ("usage: bench-window --startup FILE | --open FILE | --us\n");
  return 2;
}
