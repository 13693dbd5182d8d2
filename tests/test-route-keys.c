/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-generate.h"
#include "dm-loader.h"
#include "dm-ustravel-format.h"
#include "dm-route-renderer-private.h"
#include "render-test-util.h"

/* Keyframes of the legs' cache (dm-route-renderer-keys.c): a seek back, or far forward,
 * starts from the latest keyframe before it and adds the legs flown since; its pixels are
 * those of a drawing from scratch, seeking forward, back, and back again. Cairo only. */

/* The U.S. record (or, without it, 3,000 generated events) */
static DmDocument *
load_many_legs (void)
{
  g_autofree char *record = dm_ustravel_dup_record_dir ();
  DmDocument *doc = dm_document_new ();
  g_autoptr(GError) error = NULL;

  if (record != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (record);
      g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
    }
  else
    {
      g_autofree char *dir = g_dir_make_tmp ("test-route-keys-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "generated.diplomap", NULL);
      g_autofree char *text = bench_generate (3000);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (g_file_set_contents (path, text, -1, &error));
      g_assert_no_error (error);
      g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
      g_unlink (path);
      g_rmdir (dir);
    }
  g_assert_no_error (error);
  return doc;
}

/* The whole layer at @t, drawn by @layer onto white */
static cairo_surface_t *
draw_at (DmRouteRenderer *layer,
         const DmView    *view,
         gint64           t)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view->width,
                                                   (int) view->height);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  dm_route_renderer_draw (layer, cr, view, t);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* How many pixels of @a and @b differ by more than @tol in a channel */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int              tol)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += color_distance (pixel_at (a, x, y), pixel_at (b, x, y)) > tol;
  return n;
}

static void
test_seeks (void)
{
  g_autoptr(DmDocument) doc = load_many_legs ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  /* by the legs landed: a keyframe at 3000 serves 3050 and 3200, not 2000 */
  const struct { guint landed; guint n_rebuilds; guint n_from_keys; } seeks[] = {
    { 3000, 1, 0 },  /* from scratch: a keyframe */
    { 3100, 1, 0 },  /* forward: the legs landed since added */
    { 3050, 1, 1 },  /* back: from the keyframe at 3000 */
    { 2000, 2, 1 },  /* back before any keyframe: from scratch, a keyframe */
    { 3200, 2, 2 },  /* far forward: from the keyframe at 3000, not from 2000 */
    { 3020, 2, 3 },  /* back again */
  };
  const DmRouteLeg *key;
  DmView view;

  dm_route_set_ensure (set);
  g_assert_cmpuint (set->legs->len, >, 3300);
  key = &g_array_index (set->legs, DmRouteLeg, set->by_end[3000]);
  dm_view_init_bounds (&view, DM_PROJECTION_MERCATOR, -170, -50, 190, 70, 960, 540, 0);
  for (guint i = 0; i < G_N_ELEMENTS (seeks); i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, set->by_end[seeks[i].landed]);
      gint64 t = leg->end;
      g_autoptr(DmRouteSet) fresh_set = dm_route_set_new (doc);
      g_autoptr(DmRouteRenderer) fresh = dm_route_renderer_new (fresh_set);
      cairo_surface_t *shown = draw_at (layer, &view, t);
      cairo_surface_t *scratch = draw_at (fresh, &view, t);
      guint n = count_differences (shown, scratch, 24);

      g_test_message ("seek %u to %u legs landed: %u pixels differ", i, seeks[i].landed, n);
      g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (layer), ==, seeks[i].n_rebuilds);
      g_assert_cmpuint (dm_route_renderer_get_n_from_keys (layer), ==, seeks[i].n_from_keys);
      g_assert_cmpuint (n, <=, 960 * 540 / 1000);
      /* Legs added over the faint line-to-come differ at their soft edges by a few levels from
       * a drawing from scratch (as when playing forward, test-playback-frames): the same
       * bound here */
      g_test_message ("...%u by more than 2 levels", count_differences (shown, scratch, 2));
      if (i == 2 || i == 4 || i == 5)
        {
          /* from the keyframe: exactly the pixels of playing forward from its time */
          g_autoptr(DmRouteRenderer) played = dm_route_renderer_new (fresh_set);
          cairo_surface_t *before = draw_at (played, &view, key->end);
          cairo_surface_t *forward = draw_at (played, &view, t);

          g_assert_cmpuint (dm_route_renderer_get_n_rebuilds (played), ==, 1);
          g_assert_cmpuint (count_differences (shown, forward, 0), ==, 0);
          cairo_surface_destroy (before);
          cairo_surface_destroy (forward);
        }
      cairo_surface_destroy (shown);
      cairo_surface_destroy (scratch);
    }
  g_assert_cmpuint (dm_route_renderer_get_n_keys (layer), ==, 2);
}

/* Keyframes go with the view, the set and the style; their pixels stay under 64 MB */
static void
test_dropped (void)
{
  g_autoptr(DmDocument) doc = load_many_legs ();
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteRenderer) layer = dm_route_renderer_new (set);
  g_autoptr(DmRouteStyle) style = dm_route_style_new ();
  DmView view, big;

  dm_route_set_ensure (set);
  dm_view_init_bounds (&view, DM_PROJECTION_MERCATOR, -170, -50, 190, 70, 320, 180, 0);
  for (guint i = 1; i <= 4; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg,
                                              set->by_end[i * set->legs->len / 5]);
      cairo_surface_destroy (draw_at (layer, &view, leg->end));
    }
  g_assert_cmpuint (dm_route_renderer_get_n_keys (layer), ==, 4);
  view.center_x += 0.01;
  cairo_surface_destroy (draw_at (layer, &view, G_MAXINT64 / 2));
  /* the keyframes of the old view went; one of the new view came */
  g_assert_cmpuint (dm_route_renderer_get_n_keys (layer), ==, 1);
  dm_route_renderer_set_style (layer, style);
  g_assert_cmpuint (dm_route_renderer_get_n_keys (layer), ==, 0);

  /* 1920x1080: eight keyframes of 8 MB at most */
  dm_view_init_bounds (&big, DM_PROJECTION_MERCATOR, -170, -50, 190, 70, 1920, 1080, 0);
  for (guint i = 1; i <= 10; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg,
                                              set->by_end[i * (set->legs->len - 1) / 10]);
      cairo_t *cr;
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);

      cr = cairo_create (s);
      dm_route_renderer_draw (layer, cr, &big, leg->end);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
  g_assert_cmpuint (dm_route_renderer_get_n_keys (layer), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/route-keys/seeks", test_seeks);
  g_test_add_func ("/render/route-keys/dropped", test_dropped);
  return g_test_run ();
}
