/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reference images of the base map, compared with a tolerance. Labels are off (fonts differ
 * between machines). After a deliberate change of the look, rewrite them with
 *   DM_UPDATE_REFERENCES=1 meson test -C _build test-reference
 * look at the PNGs in tests/data/reference/ and commit them with the change. */
#include "config.h"

#include <math.h>

#include "render-test-util.h"

/* a pixel differs when a channel is off by more than this; a picture when more than
 * MAX_DIFFER_PERMILLE of its pixels differ */
#define CHANNEL_TOL 24
#define MAX_DIFFER_PERMILLE 1

typedef struct
{
  const char  *name;
  int          z, x, y;        /* a tile, or z < 0 for a world figure */
  DmProjection projection;
} Reference;

static const Reference references[] = {
  { "tile-1-0-0", 1, 0, 0, 0 },
  { "tile-1-1-1", 1, 1, 1, 0 },
  { "tile-3-7-2", 3, 7, 2, 0 },           /* the Pacific west of 180 */
  { "tile-3-0-2", 3, 0, 2, 0 },           /* ... and east of it */
  { "tile-5-16-9", 5, 16, 9, 0 },         /* Denmark, Norway: 10m coasts */
  { "world-equal-earth", -1, 0, 0, DM_PROJECTION_EQUAL_EARTH },
  { "world-equirectangular", -1, 0, 0, DM_PROJECTION_EQUIRECTANGULAR },
};

static cairo_surface_t *
render (const Reference *r)
{
  g_autoptr(DmMapStyle) style = plain_style ();
  DmView view;

  style->show_borders = TRUE;
  style->show_coasts = TRUE;
  style->show_graticule = r->z < 0;
  if (r->z >= 0)
    return draw_tile (r->z, r->x, r->y, style, &view);
  return draw_figure (r->projection, 600, 320, style, &view);
}

static void
test_reference (gconstpointer data)
{
  const Reference *r = data;
  g_autofree char *file = g_strconcat (r->name, ".png", NULL);
  g_autofree char *path = NULL;
  cairo_surface_t *got = render (r), *want;
  int w, h;
  guint differ = 0;

  if (g_getenv ("DM_UPDATE_REFERENCES") != NULL)
    {
      path = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".",
                               "data", "reference", file, NULL);
      g_assert_cmpint (cairo_surface_write_to_png (got, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      cairo_surface_destroy (got);
      return;
    }
  path = g_test_build_filename (G_TEST_DIST, "data", "reference", file, NULL);
  want = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (want), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (got);
  h = cairo_image_surface_get_height (got);
  g_assert_cmpint (cairo_image_surface_get_width (want), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (want), ==, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      differ += !color_near (pixel_at (got, x, y), pixel_at (want, x, y), CHANNEL_TOL);
  g_test_message ("%s: %u pixels differ", r->name, differ);
  if (differ * 1000 > (guint) (w * h) * MAX_DIFFER_PERMILLE)
    {
      g_autofree char *out = g_strdup_printf ("%s/%s-got.png", g_get_tmp_dir (), r->name);
      cairo_surface_write_to_png (got, out);
      g_error ("%s: %u of %d pixels differ from the reference (picture in %s)", r->name, differ,
               w * h, out);
    }
  cairo_surface_destroy (want);
  cairo_surface_destroy (got);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autofree char *path = g_strconcat ("/render/reference/", references[i].name, NULL);
      g_test_add_data_func (path, &references[i], test_reference);
    }
  return g_test_run ();
}
