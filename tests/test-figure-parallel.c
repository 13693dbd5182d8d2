/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "dm-figure-private.h"
#include "dm-i18n.h"
#include "dm-route-private.h"
#include "dm-ustravel-format.h"
#include "bench-generate.h"
#include "render-test-util.h"

/* A figure's legs drawn by several threads, each a part of the strokes
 * (dm-route-parallel.c), are the same picture as drawn by one, within Cairo's rounding of a
 * blend: over a painted background, with the figure's offset by a fraction of a pixel and
 * its clip, in 2 to 5 parts; started before the background is painted, as a figure starts
 * them before its base map; with the places' dots and names painted over them by the last
 * part's thread; and with a clip inside that one. */

typedef struct
{
  guint off;    /* bytes that differ */
  guint worst;  /* by at most */
} Diff;

static Diff
compare_bytes (cairo_surface_t *a,
               cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a), stride = cairo_image_surface_get_stride (a);
  const guchar *pa, *pb;
  Diff d = { 0, 0 };

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  for (gsize i = 0; i < (gsize) h * stride; i++)
    {
      guint delta = (guint) ABS ((int) pa[i] - (int) pb[i]);

      d.off += delta > 0;
      d.worst = MAX (d.worst, delta);
    }
  return d;
}

/* A figure-sized image, a background painted on it, and a context drawing the map area of
 * @figure as dm_figure_draw_map() does: offset by a fraction of a pixel, clipped to it */
static cairo_t *
create_map_context (const DmView *view,
                    const double *inner)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) view->width,
                                                   (int) view->height + 120);
  cairo_pattern_t *ramp = cairo_pattern_create_linear (0, 0, view->width, view->height);
  cairo_t *cr = cairo_create (s);

  cairo_surface_destroy (s);
  cairo_pattern_add_color_stop_rgb (ramp, 0, 0.9, 0.95, 1.0);
  cairo_pattern_add_color_stop_rgb (ramp, 1, 0.7, 0.8, 0.6);
  cairo_set_source (cr, ramp);
  cairo_paint (cr);
  cairo_pattern_destroy (ramp);
  cairo_translate (cr, 0, 90.25);
  cairo_rectangle (cr, 0, 0, view->width, view->height - 10.5);
  cairo_clip (cr);
  if (inner != NULL)
    {
      cairo_rectangle (cr, inner[0], inner[1], inner[2], inner[3]);
      cairo_clip (cr);
    }
  return cr;
}

/* Paints the ramp of create_map_context() onto the whole of @cr's target, through a context
 * of its own, as the base map is drawn while the legs' threads run */
static void
paint_background (cairo_t *cr)
{
  cairo_surface_t *s = cairo_get_target (cr);
  cairo_pattern_t *ramp = cairo_pattern_create_linear (0, 0, cairo_image_surface_get_width (s),
                                                       cairo_image_surface_get_height (s) - 120);
  cairo_t *under = cairo_create (s);

  cairo_pattern_add_color_stop_rgb (ramp, 0, 0.9, 0.95, 1.0);
  cairo_pattern_add_color_stop_rgb (ramp, 1, 0.7, 0.8, 0.6);
  cairo_set_source (under, ramp);
  cairo_paint (under);
  cairo_pattern_destroy (ramp);
  cairo_destroy (under);
}

/* @one has @figure's legs drawn by one thread: the places' dots and names painted over them
 * after, and by the legs' job */
static void
check_labels (DmFigure                *figure,
              cairo_t                 *one,
              const DmView            *view,
              const cairo_rectangle_t *clip,
              gint64                   t)
{
  const DmRouteStyle *style = dm_route_style_get_default ();
  g_autoptr(DmLabelPlacer) taken = dm_label_placer_new (view->width, view->height);
  g_autoptr(DmRouteLabels) labels = NULL;
  cairo_t *parts = create_map_context (view, NULL);
  DmRouteLegsJob *job;
  Diff d;

  dm_i18n_set_thread_language ("fr");
  labels = dm_route_place_labels (figure->set, one, view, style, t, taken, NULL);
  g_assert_cmpuint (dm_route_labels_get_n_names (labels), >, 5);
  job = dm_route_legs_job_start_with_labels (figure->set, parts, view, style, t, clip, 2, 0, labels);
  g_assert_true (dm_route_legs_job_paints_labels (job));
  paint_background (parts);
  g_assert_cmpuint (dm_route_legs_job_finish (job, parts), ==, 2);
  /* the names are there */
  d = compare_bytes (cairo_get_target (one), cairo_get_target (parts));
  g_assert_cmpuint (d.off, >, 2000);
  dm_route_paint_labels (figure->set, one, view, style, labels);
  dm_i18n_set_thread_language (NULL);
  d = compare_bytes (cairo_get_target (one), cairo_get_target (parts));
  g_test_message ("with names: %u bytes differ, by at most %u", d.off, d.worst);
  g_assert_cmpuint (d.worst, <=, 4);
  cairo_destroy (parts);

  /* drawn by one thread, the caller paints them */
  parts = create_map_context (view, (const double[]) { 300.5, 120.25, 800, 400.5 });
  job = dm_route_legs_job_start_with_labels (figure->set, parts, view, style, t, clip, 2, 0, labels);
  g_assert_false (dm_route_legs_job_paints_labels (job));
  g_assert_cmpuint (dm_route_legs_job_finish (job, parts), ==, 1);
  cairo_destroy (parts);
}

/* Draws @doc's legs with one thread and in parts, with the figure's clip or @inner inside it */
static void
check_parts (DmDocument  *doc,
             const double *inner)
{
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  const DmRouteStyle *style = dm_route_style_get_default ();
  cairo_rectangle_t clip;
  gint64 t;
  DmView view;
  cairo_t *one;
  Diff d;

  dm_figure_set_size (figure, 1920, 1080);
  dm_figure_get_map_view (figure, &view);
  t = dm_figure_get_time (figure);
  clip = (cairo_rectangle_t) { 0, 0, view.width, view.height - 10.5 };
  one = create_map_context (&view, inner);
  dm_route_draw_legs (figure->set, one, &view, style, t, FALSE);
  /* the legs are there */
  {
    cairo_t *empty = create_map_context (&view, inner);

    d = compare_bytes (cairo_get_target (one), cairo_get_target (empty));
    g_assert_cmpuint (d.off, >, 5000);
    cairo_destroy (empty);
  }

  for (guint n = 2; n <= 5; n++)
    {
      cairo_t *parts = create_map_context (&view, inner);

      g_assert_cmpuint (dm_route_draw_legs_parallel (figure->set, parts, &view, style, t, &clip, n),
                        ==, inner != NULL ? 1 : n);
      d = compare_bytes (cairo_get_target (one), cairo_get_target (parts));
      g_test_message ("%u parts: %u bytes differ, by at most %u", n, d.off, d.worst);
      /* where one line's soft edge lies over another's: a few levels of rounding (at most 4
       * of 255 when this test was written) */
      g_assert_cmpuint (d.worst, <=, 4);
      cairo_destroy (parts);
    }

  /* started before what lies under them is drawn, the calling thread's part smaller for the
   * work it does first, or none at all (dm_route_legs_job_start()) */
  for (guint i = 0; i < 3 && inner == NULL; i++)
    {
      const double head[] = { 0, 2e5, 1e9 };
      cairo_t *parts = create_map_context (&view, NULL);
      DmRouteLegsJob *job;

      cairo_save (parts);
      cairo_set_source_rgb (parts, 0, 0, 0);
      cairo_paint (parts);
      cairo_restore (parts);
      job = dm_route_legs_job_start (figure->set, parts, &view, style, t, &clip, 2, head[i]);
      paint_background (parts);
      g_assert_cmpuint (dm_route_legs_job_finish (job, parts), ==, 2);
      d = compare_bytes (cairo_get_target (one), cairo_get_target (parts));
      g_test_message ("head %g: %u bytes differ, by at most %u", head[i], d.off, d.worst);
      g_assert_cmpuint (d.worst, <=, 4);
      cairo_destroy (parts);
    }

  /* the dots and names over them: painted by the last part's thread, in the figure's
   * language, as the calling thread paints them once the legs are done */
  if (inner == NULL)
    check_labels (figure, one, &view, &clip, t);
  cairo_destroy (one);
}

/* The U.S. record: solid and hollow lines, thousands of them, most around Washington */
static void
test_us_record (void)
{
  g_autofree char *record = dm_ustravel_dup_record_dir ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(DmDocument) doc = NULL;

  if (record == NULL)
    {
      g_test_skip ("the U.S. travel record is not installed");
      return;
    }
  file = g_file_new_for_path (record);
  doc = interop_load (file);
  check_parts (doc, NULL);
  check_parts (doc, (const double[]) { 300.5, 120.25, 800, 400.5 });
}

/* Generated trips between capitals: dashed lines of every look */
static void
test_generated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("parallel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "generated.diplomap", NULL);
  g_autofree char *text = bench_generate (2000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  doc = interop_load (file);
  g_unlink (path);
  g_rmdir (dir);
  check_parts (doc, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure-parallel/us-record", test_us_record);
  g_test_add_func ("/render/figure-parallel/generated", test_generated);
  return g_test_run ();
}
