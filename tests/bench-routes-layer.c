/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The routes overlay during playback: 10,000 legs at 1920x1080, one frame per 1/60 s of
 * playback at a day per second. Drives the drawing code of DmRouteMapLayer offscreen (the
 * same DmScreenPainter its snapshot() calls) and prints the median and 95th percentile per
 * frame, and the first frame (a stand-in while worker threads build the caches) apart;
 * frames are interleaved with a painter drawing its caches in place (as before), for a
 * comparison in the same conditions. Targets: 8 ms and 16 ms.
 * With --json (dm-bench), one JSON object on stdout: overlay_10k_frame_median_ms,
 * overlay_10k_frame_p95_ms (the app's painter; the table goes to stderr). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dm-screen-painter.h"

#define N_TRIPS       500
#define LEGS_PER_TRIP 20
#define N_CITIES      300
#define N_FRAMES      1200
#define PAN_FRAMES    8

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
ready_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static DmDocument *
make_document (void)
{
  DmDocument *doc = dm_document_new ();
  g_autoptr(GPtrArray) cities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_object_unref);
  GRand *rand = g_rand_new_with_seed (42);
  const gint64 year_start = 1735689600;  /* 2025-01-01 */

  for (guint i = 0; i < N_CITIES; i++)
    {
      g_autofree char *name = g_strdup_printf ("City %u", i);
      g_ptr_array_add (cities, dm_place_new (NULL, name, "XX", g_rand_double_range (rand, -50, 65),
                                             g_rand_double_range (rand, -180, 180), "UTC"));
    }
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("actor-%u", i);
      DmActor *actor = dm_actor_new (id, id);
      dm_document_add_actor (doc, actor);
      g_ptr_array_add (actors, actor);
    }
  for (guint t = 0; t < N_TRIPS; t++)
    {
      g_autofree char *id = g_strdup_printf ("trip-%u", t);
      g_autoptr(DmEvent) trip = dm_event_new (DM_EVENT_KIND_TRIP, id);
      gint64 when = year_start + g_rand_int_range (rand, 0, 300 * 86400);
      DmPlace *at = g_ptr_array_index (cities, g_rand_int_range (rand, 0, N_CITIES));

      dm_event_set_actor (trip, g_ptr_array_index (actors, t % actors->len));
      dm_event_set_status (trip, t % 5 == 0 ? DM_STATUS_PLANNED : DM_STATUS_COMPLETED);
      for (guint l = 0; l < LEGS_PER_TRIP; l++)
        {
          DmPlace *to = g_ptr_array_index (cities, g_rand_int_range (rand, 0, N_CITIES));
          g_autoptr(DmLeg) leg = dm_leg_new (at, to);

          gint64 arrive = when + g_rand_int_range (rand, 2 * 3600, 14 * 3600);

          /* dm_document_add_event() resolves the effective times from these */
          leg->depart = (DmTime) { when, when, 0, DM_PRECISION_MINUTE, FALSE, TRUE };
          leg->arrive = (DmTime) { arrive, arrive, 0, DM_PRECISION_MINUTE, FALSE, TRUE };
          when = arrive + g_rand_int_range (rand, 12 * 3600, 3 * 86400);
          dm_event_add_leg (trip, leg);
          at = to;
        }
      dm_document_add_event (doc, trip);
    }
  g_rand_free (rand);
  return doc;
}

/* One frame of @painter onto @target, in milliseconds */
static double
time_frame (DmScreenPainter *painter,
            cairo_surface_t *target,
            const DmView    *view,
            double           t)
{
  cairo_t *cr = cairo_create (target);
  gint64 t0 = g_get_monotonic_time ();

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  dm_screen_painter_draw (painter, cr, view, t);
  cairo_destroy (cr);
  cairo_surface_flush (target);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* The map layer's frames (DmRouteMapLayer's snapshot): the still picture recorded again only
 * when its stamp changes, what moves recorded in a box of its own, and as GSK's Cairo
 * renderer then draws: only the box of what moved (this frame's and the last's), or the
 * whole when the still picture changed; when most of it changed in a frame, 60 frames drawn
 * whole, as the layer does */
typedef struct
{
  DmScreenPainter       *painter;
  cairo_surface_t       *still;
  guint                  stamp;
  cairo_rectangle_int_t  moved;
  guint                  n_still;
  guint                  whole_frames;
  guint                  n_whole;
} Layered;

static double
time_layered_frame (Layered         *l,
                    cairo_surface_t *target,
                    const DmView    *view,
                    double           t)
{
  gint64 t0 = g_get_monotonic_time ();
  cairo_rectangle_int_t box, changed, all = { 0, 0, view->width, view->height };
  cairo_region_t *damage;
  cairo_surface_t *moving;
  double x, y, w, h;
  guint stamp;
  cairo_t *cr;

  gboolean partial = FALSE;

  if (l->whole_frames > 0)
    {
      if (--l->whole_frames == 0)
        dm_screen_painter_set_track_damage (l->painter, TRUE);
      g_clear_pointer (&l->still, cairo_surface_destroy);
      l->n_whole++;
      return time_frame (l->painter, target, view, t);
    }
  if (!dm_screen_painter_prepare (l->painter, view, t, &stamp))
    return time_frame (l->painter, target, view, t);
  damage = cairo_region_create_rectangle (&l->moved);
  if (l->still == NULL || stamp != l->stamp)
    {
      /* the app draws again only its tiles where the still picture changed */
      if (l->still != NULL && stamp == l->stamp + 1 &&
          dm_screen_painter_get_still_damage (l->painter, &changed))
        {
          cairo_region_union_rectangle (damage, &changed);
          partial = (double) changed.width * changed.height * 2 > (double) all.width * all.height;
        }
      else
        cairo_region_union_rectangle (damage, &all);
      g_clear_pointer (&l->still, cairo_surface_destroy);
      l->still = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (l->still);
      dm_screen_painter_draw_still (l->painter, cr, view);
      cairo_destroy (cr);
      l->stamp = stamp;
      l->n_still++;
    }
  moving = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                           &(cairo_rectangle_t) { 0, 0, view->width, view->height });
  cr = cairo_create (moving);
  dm_screen_painter_draw_moving (l->painter, cr, view, t);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (moving, &x, &y, &w, &h);
  box = (cairo_rectangle_int_t) { floor (x) - 1, floor (y) - 1, ceil (w) + 3, ceil (h) + 3 };
  if (w <= 0 || h <= 0)
    box = (cairo_rectangle_int_t) { 0, 0, 0, 0 };
  cairo_region_union_rectangle (damage, &box);
  l->moved = box;
  if (partial || (double) box.width * box.height * 2 > (double) all.width * all.height)
    {
      l->whole_frames = 60;
      dm_screen_painter_set_track_damage (l->painter, FALSE);
    }
  /* as GSK's Cairo renderer: the rectangles that changed, cleared and drawn again */
  cr = cairo_create (target);
  for (int i = 0; i < cairo_region_num_rectangles (damage); i++)
    {
      cairo_rectangle_int_t r;

      cairo_region_get_rectangle (damage, i, &r);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
    }
  cairo_clip (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_source_surface (cr, l->still, 0, 0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, moving, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (moving);
  cairo_region_destroy (damage);
  cairo_surface_flush (target);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static void
print_frames (const char *what,
              double     *frames)
{
  double total = 0;

  for (guint f = 0; f < N_FRAMES; f++)
    total += frames[f];
  qsort (frames, N_FRAMES, sizeof (double), compare_doubles);
  g_print ("per frame, %s: median %.2f ms, p95 %.2f ms, max %.2f ms, mean %.2f ms\n", what,
           frames[N_FRAMES / 2], frames[N_FRAMES * 95 / 100], frames[N_FRAMES - 1],
           total / N_FRAMES);
}

static void
print_to_stderr (const char *text)
{
  fputs (text, stderr);
}

int
main (int   argc,
      char *argv[])
{
  gboolean json = argc > 1 && g_str_equal (argv[1], "--json");
  g_autoptr(DmDocument) doc = make_document ();
  g_autoptr(DmScreenPainter) painter = dm_screen_painter_new ();
  g_autoptr(DmScreenPainter) in_place = dm_screen_painter_new ();
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  double *frames = g_new (double, N_FRAMES);
  double *frames_in_place = g_new (double, N_FRAMES);
  double *frames_layered = g_new (double, N_FRAMES);
  g_autoptr(DmScreenPainter) layered_painter = dm_screen_painter_new ();
  Layered layered = { layered_painter };
  gboolean layered_ready = FALSE;
  double first, first_in_place, build;
  gboolean ready = FALSE;
  gint64 start, end, t0;
  DmView view;

  if (json)
    g_set_print_handler (print_to_stderr);
  t0 = g_get_monotonic_time ();
  dm_screen_painter_set_document (painter, doc);
  g_print ("set_document and the great circles of %u legs: %.1f ms\n",
           dm_screen_painter_get_n_legs (painter), (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (dm_screen_painter_get_n_legs (painter), ==, N_TRIPS * LEGS_PER_TRIP);
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  dm_screen_painter_set_ready_func (painter, ready_cb, &ready);
  /* The same drawn as before worker threads did it, frames interleaved with the app's */
  dm_screen_painter_set_document (in_place, doc);
  dm_screen_painter_set_synchronous (in_place, TRUE);

  /* The whole world at 1920x1080, as the map shows it at zoom 3 */
  dm_view_init_screen (&view, 20, 10, 3, 256, 1920, 1080, 1);

  /* As the app does: the first frame is a stand-in while worker threads draw the caches */
  first = time_frame (painter, target, &view, start + 150 * 86400.0);
  t0 = g_get_monotonic_time ();
  while (!ready)
    g_main_context_iteration (NULL, TRUE);
  build = (g_get_monotonic_time () - t0) / 1000.0;
  first_in_place = time_frame (in_place, target, &view, start + 150 * 86400.0);
  /* The map layer's way, its caches from worker threads too */
  dm_screen_painter_set_track_damage (layered_painter, TRUE);
  dm_screen_painter_set_document (layered_painter, doc);
  dm_screen_painter_set_ready_func (layered_painter, ready_cb, &layered_ready);
  time_layered_frame (&layered, target, &view, start + 150 * 86400.0);
  while (!layered_ready)
    g_main_context_iteration (NULL, TRUE);
  for (guint f = 1; f <= N_FRAMES; f++)
    {
      /* Mid-year, when most legs have ended and must come from the cache */
      double t = start + 150 * 86400.0 + f * (86400.0 / 60);

      /* each goes first every other frame */
      if (f % 2)
        frames[f - 1] = time_frame (painter, target, &view, t);
      frames_in_place[f - 1] = time_frame (in_place, target, &view, t);
      if (f % 2 == 0)
        frames[f - 1] = time_frame (painter, target, &view, t);
      frames_layered[f - 1] = time_layered_frame (&layered, target, &view, t);
    }

  g_print ("first frame: a stand-in %.1f ms, the caches ready %.1f ms later from worker threads; "
           "drawn in place (before) %.1f ms\n", first, build, first_in_place);
  g_print ("frames: %u, caches rebuilt from scratch: %u\n", N_FRAMES,
           dm_route_renderer_get_n_rebuilds (dm_screen_painter_get_layer (painter)));
  g_print ("the map layer's still picture changed: %u times in %u frames; %u frames drawn whole\n",
           layered.n_still, N_FRAMES, layered.n_whole);
  print_frames ("the map layer (still picture kept, only what moved redrawn)", frames_layered);
  print_frames ("every frame whole (the painter alone, caches from worker threads)", frames);
  print_frames ("caches drawn in place (before worker threads)", frames_in_place);
  if (json)
    printf ("{\n  \"overlay_10k_frame_median_ms\": %.2f,\n  \"overlay_10k_frame_p95_ms\": %.2f\n}\n",
            frames_layered[N_FRAMES / 2], frames_layered[N_FRAMES * 95 / 100]);
  g_print ("targets: median <= 8 ms, p95 <= 16 ms: %s\n",
           frames_layered[N_FRAMES / 2] <= 8 && frames_layered[N_FRAMES * 95 / 100] <= 16 ? "met" : "NOT MET");

  /* Panning: the view moves 4 pixels a frame. Redrawing the caches for each view (on this
   * thread, as before worker threads did it), against moving the last picture (what
   * DmRouteMapLayer does while the view moves) */
  dm_screen_painter_set_synchronous (painter, TRUE);
  for (int mode = 0; mode < 2; mode++)
    {
      double pan[PAN_FRAMES];
      double t = start + 150 * 86400.0;
      DmView v;

      for (guint f = 0; f < PAN_FRAMES; f++)
        {
          cairo_t *cr = cairo_create (target);

          dm_view_init_screen (&v, 20, 10 + (f + 1) * 4 * 360.0 / (256 * 8), 3, 256, 1920, 1080, 1);
          t0 = g_get_monotonic_time ();
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_paint (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
          if (mode == 0)
            dm_screen_painter_draw (painter, cr, &v, t);
          else
            dm_screen_painter_draw_moving_view (painter, cr, &v, t);
          cairo_destroy (cr);
          cairo_surface_flush (target);
          pan[f] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      qsort (pan, PAN_FRAMES, sizeof (double), compare_doubles);
      g_print ("panning, %s: median %.1f ms per frame, p95 %.1f ms\n",
               mode == 0 ? "caches redrawn for each view" : "last picture moved (the app while the view moves)",
               pan[PAN_FRAMES / 2], pan[PAN_FRAMES * 95 / 100]);
    }

  cairo_surface_destroy (target);
  g_clear_pointer (&layered.still, cairo_surface_destroy);
  g_free (frames_layered);
  g_free (frames);
  g_free (frames_in_place);
  return 0;
}
