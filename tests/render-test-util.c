/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the pixel tests of the base map (test-basemap, test-tile, test-figure) and of
 * figures of the bundled sample (test-figure-file, test-figure-labels, test-route-stays,
 * test-figure-dialog) and of the overlay's caches (test-route-build, test-screen-painter).
 * Documents are loaded with interop-common.c's helpers, linked with these. */
#include "config.h"

#include <math.h>

#include "render-test-util.h"

guint32
pixel_at (cairo_surface_t *s,
          double           x,
          double           y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  const guint32 *row;

  cairo_surface_flush (s);
  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, w);
  g_assert_cmpint (iy, <, h);
  row = (const guint32 *) (void *) (cairo_image_surface_get_data (s) +
                                    iy * cairo_image_surface_get_stride (s));
  return row[ix] & 0xffffff; /* opaque ARGB32: no premultiplication to undo */
}

gboolean
color_near (guint32 a,
            guint32 b,
            int     tol)
{
  return color_distance (a, b) <= tol;
}

/* colours only: no strokes or labels that could cover a test point */
DmMapStyle *
plain_style (void)
{
  DmMapStyle *style = dm_map_style_new ();

  style->show_borders = FALSE;
  style->show_coasts = FALSE;
  style->show_labels = FALSE;
  return style;
}

cairo_surface_t *
draw_tile (guint             z,
           guint             x,
           guint             y,
           const DmMapStyle *style,
           DmView           *view)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (s);

  dm_tile_draw (dm_basemap_get_default (), cr, z, x, y, 256, style);
  cairo_destroy (cr);
  dm_view_init_tile (view, z, x, y, 256);
  return s;
}

void
tile_for (guint   z,
          double  lon,
          double  lat,
          guint  *x,
          guint  *y)
{
  double n = 1u << z, mx, my;

  dm_projection_forward (DM_PROJECTION_MERCATOR, lon, lat, &mx, &my);
  *x = (guint) CLAMP (floor ((mx + G_PI) / (2 * G_PI) * n), 0, n - 1);
  *y = (guint) CLAMP (floor ((G_PI - my) / (2 * G_PI) * n), 0, n - 1);
}

/* How many pixels of an ARGB32 surface have an alpha above @min_alpha (drawn on, not just
 * touched by antialiasing) */
guint
count_alpha_above (cairo_surface_t *s,
                   int              min_alpha)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guchar *p = cairo_image_surface_get_data (s);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += p[y * stride + 4 * x + 3] > min_alpha;
  return n;
}

/* dark text pixels in a box around (x, y) */
guint
count_dark (cairo_surface_t *s,
            double           x,
            double           y,
            int              half_w,
            int              half_h)
{
  guint n = 0;

  for (int iy = MAX (0, (int) y - half_h); iy < MIN (256, (int) y + half_h); iy++)
    for (int ix = MAX (0, (int) x - half_w); ix < MIN (256, (int) x + half_w); ix++)
      {
        guint32 c = pixel_at (s, ix, iy);
        n += ((c >> 16) & 0xff) < 0xb0 && ((c >> 8) & 0xff) < 0xb0;
      }
  return n;
}

/* pixels along a row that differ from `base` by more than a few levels */
guint
count_row_off (cairo_surface_t *s,
               double           y,
               double           x0,
               double           x1,
               guint32          base,
               int              tol)
{
  guint n = 0;

  for (int x = (int) x0; x < (int) x1; x++)
    n += !color_near (pixel_at (s, x, y), base, tol);
  return n;
}

cairo_surface_t *
draw_figure (DmProjection      projection,
             int               w,
             int               h,
             const DmMapStyle *style,
             DmView           *view)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);

  dm_view_init_world (view, projection, w, h, 10);
  dm_basemap_draw (dm_basemap_get_default (), cr, view, style);
  cairo_destroy (cr);
  return s;
}

/* The largest difference of one channel */
int
color_distance (guint32 a,
                guint32 b)
{
  int d = 0;

  for (int sh = 0; sh <= 16; sh += 8)
    d = MAX (d, ABS ((int) ((a >> sh) & 0xff) - (int) ((b >> sh) & 0xff)));
  return d;
}

gint64
utc (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

/* The whole figure in an RGB image of its size */
cairo_surface_t *
render_figure (DmFigure *figure)
{
  int w, h;
  cairo_surface_t *s;
  cairo_t *cr;

  dm_figure_get_size (figure, &w, &h);
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (s);
  dm_figure_draw (figure, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* Asserts two ARGB32 surfaces show the same picture: at most one byte in a thousand pixels off
 * by more than 2 levels, none by more than 8 (slices laid over each other, or caches drawn by
 * worker threads, round a little differently than strokes drawn onto one surface) */
void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa, *pb;
  guint n_off = 0, worst = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  g_assert_cmpint (cairo_image_surface_get_stride (b), ==, stride);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < 4 * w; x++)
      {
        guint d = ABS ((int) pa[y * stride + x] - (int) pb[y * stride + x]);
        worst = MAX (worst, d);
        n_off += d > 2;
      }
  g_test_message ("%u bytes differ by more than 2, at most by %u", n_off, worst);
  g_assert_cmpuint (n_off, <=, (guint) (w * h / 1000));
  g_assert_cmpuint (worst, <=, 8);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until *@n_done reaches @n (a callback counts), 30 s at most; asserts it
 * did */
void
wait_for (const guint *n_done,
          guint        n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, wake_cb, NULL);  /* so that the deadline is seen */

  while (*n_done < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_cmpuint (*n_done, ==, n);
}

/* Runs the main loop until the object whose weak pointer is @object is finalized, 30 s at
 * most; asserts it was. Returns how many iterations that took. */
guint
wait_for_finalize (gpointer *object)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, wake_cb, NULL);
  guint n = 0;

  for (; *object != NULL && g_get_monotonic_time () < deadline; n++)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_null (*object);
  return n;
}
