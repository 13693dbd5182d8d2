/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of routes and figures (issue 3), each next to a plain clear of a frame of the
 * same size measured in the same run:
 *  - a 1920x1080 PNG of the sample (target <= 150 ms) and a 3840x2160 one (<= 600 ms),
 *    written to a file, encoding included;
 *  - an SVG of the whole world (<= 4 MB);
 *  - an overlay frame of 10,000 legs with the caching API, time moving forward as in
 *    playback (median <= 8 ms, p95 <= 16 ms), and the cost of drawing the caches anew.
 * Prints medians; exits 0 (the numbers are for people: this machine is shared and noisy). */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "dm-loader.h"
#include "dm-figure.h"
#include "dm-route-renderer.h"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *a,
            double  p)
{
  g_array_sort (a, compare_double);
  if (a->len == 0)
    return 0;
  return g_array_index (a, double, MIN (a->len - 1, (guint) floor (p * (a->len - 1) + 0.5)));
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
time_clear (int w,
            int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);
  g_autoptr(GArray) t = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < 51; r++)
    {
      double t0 = now_ms (), dt;
      /* what a frame starts with: every pixel set (a CLEAR of a clear surface is skipped) */
      cairo_set_source_rgb (cr, r % 2, 1, 1);
      cairo_paint (cr);
      cairo_surface_flush (s);
      dt = now_ms () - t0;
      g_array_append_val (t, dt);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  return percentile (t, 0.5);
}

static DmDocument *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "october-2025.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DmDocument *doc = dm_document_new ();

  if (!dm_loader_load_file (doc, file, NULL, NULL))
    g_error ("cannot load %s", path);
  return doc;
}

static double
time_export (DmDocument     *doc,
             int             w,
             int             h,
             DmFigureView    mode,
             DmFigureFormat  format,
             int             runs,
             goffset        *size)
{
  g_autofree char *dir = g_dir_make_tmp ("dm-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, format == DM_FIGURE_FORMAT_SVG ? "f.svg" : "f.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GArray) t = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      g_autoptr(GError) error = NULL;
      double t0, dt;

      dm_figure_set_size (figure, w, h);
      dm_figure_set_view_mode (figure, mode);
      t0 = now_ms ();
      if (!dm_figure_write_file (figure, file, format, &error))
        g_error ("%s", error->message);
      dt = now_ms () - t0;
      g_array_append_val (t, dt);
    }
  if (size != NULL)
    {
      GStatBuf st;
      *size = g_stat (path, &st) == 0 ? st.st_size : -1;
    }
  g_unlink (path);
  g_rmdir (dir);
  return percentile (t, 0.5);
}

/* 10,000 legs between 400 cities over 60 days, flights of 2 to 14 hours, 40 actors */
static DmDocument *
synthetic (guint n_legs)
{
  DmDocument *doc = dm_document_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251029);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_object_unref);
  const gint64 t0 = 1761436800; /* 2025-10-26 */
  const DmStatus statuses[] = { DM_STATUS_COMPLETED, DM_STATUS_CONFIRMED, DM_STATUS_PLANNED,
                                DM_STATUS_ANNOUNCED, DM_STATUS_CANCELLED };

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("City %u", i);
      g_ptr_array_add (places, dm_place_new (name, name, NULL, g_rand_double_range (rand, -45, 65),
                                             g_rand_double_range (rand, -180, 180), "UTC"));
    }
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      DmActor *actor = dm_actor_new (id, id);
      dm_document_add_actor (doc, actor);
      g_ptr_array_add (actors, actor);
    }
  for (guint i = 0; i < n_legs / 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("trip%u", i);
      g_autoptr(DmEvent) trip = dm_event_new (DM_EVENT_KIND_TRIP, id);
      guint at = g_rand_int_range (rand, 0, places->len);
      gint64 t = t0 + g_rand_int_range (rand, 0, 50 * 86400);

      dm_event_set_actor (trip, g_ptr_array_index (actors, i % actors->len));
      dm_event_set_status (trip, statuses[i % G_N_ELEMENTS (statuses)]);
      for (guint j = 0; j < 10; j++)
        {
          guint to = g_rand_int_range (rand, 0, places->len);
          g_autoptr(DmLeg) leg = dm_leg_new (g_ptr_array_index (places, at), g_ptr_array_index (places, to));
          gint64 flight = g_rand_int_range (rand, 2 * 3600, 14 * 3600);

          leg->depart = (DmTime) { t, t, 0, DM_PRECISION_MINUTE, 0, 1 };
          leg->arrive = (DmTime) { t + flight, t + flight, 0, DM_PRECISION_MINUTE, 0, 1 };
          leg->inferred = (j % 7) == 3;
          dm_event_add_leg (trip, leg);
          t += flight + g_rand_int_range (rand, 3600, 36 * 3600);
          at = to;
        }
      dm_document_add_event (doc, trip);
    }
  return doc;
}

static void
bench_overlay (guint  n_legs,
               double hours_per_frame)
{
  g_autoptr(DmDocument) doc = synthetic (n_legs);
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebuilds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) part_landed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) part_paint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) part_moving = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (s);
  DmView view;
  DmLonLat centre = { 10, 20 };
  gint64 start, end, t;
  double clear = time_clear (1920, 1080), t0, dt, prep;
  guint n_frames = 0;

  /* Mercator at zoom 2.9, the whole band of cities in view, as the app at a world view */
  dm_view_init (&view, DM_PROJECTION_MERCATOR, centre, 256 * pow (2, 2.9) / (2 * G_PI), 1920, 1080);
  t0 = now_ms ();
  g_assert (dm_route_set_get_n_legs (set) == n_legs);
  dm_route_set_get_extent (set, &start, &end);
  prep = now_ms () - t0;

  /* the caches drawn anew (a pan or zoom, or time going back) */
  for (int r = 0; r < 5; r++)
    {
      view.center_x += 1e-6;
      t0 = now_ms ();
      dm_route_renderer_draw (layer, cr, &view, start + (end - start) / 2);
      cairo_surface_flush (s);
      dt = now_ms () - t0;
      g_array_append_val (rebuilds, dt);
    }

  /* playback: 600 frames (10 s at 60 fps) from the first quarter of the extent; the first
   * frame builds the caches (not counted) */
  for (int f = -1; f < 600; f++)
    {
      if (hours_per_frame > 0)
        t = start + (end - start) / 4 + (gint64) (MAX (f, 0) * hours_per_frame * 3600);
      else
        t = start + (end - start) * MAX (f, 0) / 600;
      cairo_save (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_restore (cr);
      t0 = now_ms ();
      /* dm_route_renderer_draw(), in its parts to time them */
      {
        cairo_surface_t *legs = dm_route_renderer_get_legs_surface (layer, &view, t, NULL);
        cairo_surface_t *names = dm_route_renderer_get_places_surface (layer, &view, NULL);
        double t1 = now_ms (), t2, t3;
        cairo_set_source_surface (cr, legs, 0, 0);
        cairo_paint (cr);
        cairo_set_source_surface (cr, names, 0, 0);
        cairo_paint (cr);
        cairo_surface_flush (s);
        t2 = now_ms ();
        dm_route_renderer_draw_moving (layer, cr, &view, t);
        cairo_surface_flush (s);
        t3 = now_ms ();
        if (f >= 0)
          {
            double a = t1 - t0, b = t2 - t1, c = t3 - t2;
            g_array_append_val (part_landed, a);
            g_array_append_val (part_paint, b);
            g_array_append_val (part_moving, c);
          }
      }
      dt = now_ms () - t0;
      if (f >= 0)
        g_array_append_val (frames, dt), n_frames++;
    }
  {
    guint in_air = 0;
    GListModel *events = dm_document_get_events (doc);
    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
        GPtrArray *legs = dm_event_get_legs (e);
        for (guint j = 0; j < legs->len; j++)
          {
            DmLeg *leg = g_ptr_array_index (legs, j);
            gint64 mid = start + (end - start) / 2;
            in_air += leg->start <= mid && mid < leg->end;
          }
      }
    g_print ("# overlay, %u legs (%u in the air at mid-extent), 1920x1080 Mercator z2.9, %u frames "
             "of playback, %.1f hours each\n", n_legs, in_air, n_frames,
             hours_per_frame > 0 ? hours_per_frame : (end - start) / 600 / 3600.0);
  }
  g_print ("#   preparing the set (great circles, sorting): %.1f ms\n", prep);
  g_print ("#   frame median %.2f ms (target <= 8), p95 %.2f ms (target <= 16), max %.2f ms;"
           " %.0fx a plain clear (%.3f ms)\n",
           percentile (frames, 0.5), percentile (frames, 0.95), percentile (frames, 1.0),
           percentile (frames, 0.5) / clear, clear);
  g_print ("#   parts (medians): legs landed since the last frame %.2f ms, painting the two caches"
           " %.2f ms, what moves %.2f ms\n", percentile (part_landed, 0.5),
           percentile (part_paint, 0.5), percentile (part_moving, 0.5));
  g_print ("#   caches drawn anew (pan, zoom, time back): median %.1f ms; %.0fx a plain clear\n",
           percentile (rebuilds, 0.5), percentile (rebuilds, 0.5) / clear);
  g_print ("#   cache rebuilds during playback: %u (the first frame only)\n",
           dm_route_renderer_get_n_rebuilds (layer) - 5);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DmDocument) doc = NULL;
  double clear_hd, clear_4k, png_hd, png_4k, svg;
  goffset svg_size = 0;

  g_test_init (&argc, &argv, NULL);
  doc = load_sample ();
  /* warm up: base map levels decoded, fonts loaded */
  time_export (doc, 1920, 1080, DM_FIGURE_VIEW_FIT, DM_FIGURE_FORMAT_PNG, 1, NULL);
  time_export (doc, 3840, 2160, DM_FIGURE_VIEW_FIT, DM_FIGURE_FORMAT_PNG, 1, NULL);

  clear_hd = time_clear (1920, 1080);
  clear_4k = time_clear (3840, 2160);
  png_hd = time_export (doc, 1920, 1080, DM_FIGURE_VIEW_FIT, DM_FIGURE_FORMAT_PNG, 9, NULL);
  png_4k = time_export (doc, 3840, 2160, DM_FIGURE_VIEW_FIT, DM_FIGURE_FORMAT_PNG, 5, NULL);
  svg = time_export (doc, 1920, 1080, DM_FIGURE_VIEW_WORLD, DM_FIGURE_FORMAT_SVG, 5, &svg_size);

  g_print ("# figure of the sample, written to a file (medians)\n");
  g_print ("#   PNG 1920x1080: %.1f ms (target <= 150); %.0fx a plain clear (%.3f ms)\n",
           png_hd, png_hd / clear_hd, clear_hd);
  g_print ("#   PNG 3840x2160: %.1f ms (target <= 600); %.0fx a plain clear (%.3f ms)\n",
           png_4k, png_4k / clear_4k, clear_4k);
  g_print ("#   SVG of the whole world 1920x1080: %.1f ms, %.2f MB (target <= 4 MB)\n",
           svg, svg_size / 1e6);
  /* a day per second at 60 fps, then the whole extent in 10 s */
  bench_overlay (10000, 0.4);
  bench_overlay (10000, 0);
  return 0;
}
