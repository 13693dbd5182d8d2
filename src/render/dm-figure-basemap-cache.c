/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-basemap.h"
#include "dm-figure-private.h"

/* The base map of a clip's frames, drawn once and copied (dm_figure_set_cache_basemap): the
 * frames of a fixed camera share the view, and the countries tinted change only when an
 * actor arrives or leaves, so most frames copy the last one's base map instead of filling
 * every country again. The copy is the same pixels as drawing: the cache is drawn on white,
 * as the figure is, at the same fraction of a pixel, and copied pixel for pixel. Only for
 * image surfaces: an SVG or a PDF keeps its vector map. docs/ANIMATION.md */

/* g_ptr_array_sort() hands pointers to the elements */
static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* What the cached pixels depend on beside the view: the tints and the graticule, in the
 * codes' order (the tints' table is made again for each frame, its order with it) */
static char *
dup_style_key (const DmMapStyle *style)
{
  GString *key = g_string_new (style->show_graticule ? "g" : "-");
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer code, color;

  if (style->tints != NULL)
    {
      g_hash_table_iter_init (&iter, style->tints);
      while (g_hash_table_iter_next (&iter, &code, &color))
        g_ptr_array_add (codes, code);
    }
  g_ptr_array_sort (codes, compare_codes);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *c = codes->pdata[i];
      const DmRgba *rgba = g_hash_table_lookup (style->tints, c);
      g_string_append_printf (key, ";%s=%08x/%g", c, dm_rgba_to_hex (rgba), rgba->alpha);
    }
  return g_string_free (key, FALSE);
}

void
dm_figure_clear_basemap_cache (DmFigure *self)
{
  g_clear_pointer (&self->base_cache, cairo_surface_destroy);
  g_clear_pointer (&self->base_key, g_free);
}

/**
 * dm_figure_draw_basemap:
 * The base map of the map area (@cr's origin at its top-left corner), from the cache when
 * the figure keeps one and nothing it depends on changed.
 */
void
dm_figure_draw_basemap (DmFigure             *self,
                        cairo_t              *cr,
                        const DmFigureLayout *l,
                        const DmMapStyle     *style)
{
  DmBasemap *basemap = dm_basemap_get_default ();
  g_autofree char *key = NULL;
  cairo_matrix_t m;
  double dx = 0, dy = 0, fx, fy, ix, iy;
  int w, h;

  cairo_get_matrix (cr, &m);
  if (!self->cache_basemap || cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE ||
      m.xy != 0 || m.yx != 0)
    {
      dm_basemap_draw (basemap, cr, &l->view, style);
      return;
    }
  cairo_user_to_device (cr, &dx, &dy);
  ix = floor (dx), iy = floor (dy);
  fx = dx - ix, fy = dy - iy;
  w = (int) ceil (l->map_w * m.xx + fx) + 1;
  h = (int) ceil (l->map_h * m.yy + fy) + 1;
  key = dup_style_key (style);
  if (self->base_cache == NULL || g_strcmp0 (key, self->base_key) != 0 ||
      memcmp (&l->view, &self->base_view, sizeof l->view) != 0 ||
      self->base_geometry[0] != fx || self->base_geometry[1] != fy ||
      self->base_geometry[2] != m.xx || self->base_geometry[3] != m.yy ||
      cairo_image_surface_get_width (self->base_cache) != w ||
      cairo_image_surface_get_height (self->base_cache) != h)
    {
      cairo_t *c;

      dm_figure_clear_basemap_cache (self);
      self->base_draws++;
      self->base_cache = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
      c = cairo_create (self->base_cache);
      cairo_set_source_rgb (c, 1, 1, 1);
      cairo_paint (c);
      cairo_translate (c, fx, fy);
      cairo_scale (c, m.xx, m.yy);
      /* the caller's clip, so that Cairo takes the same path and makes the same pixels */
      cairo_rectangle (c, 0, 0, l->map_w, l->map_h);
      cairo_clip (c);
      dm_basemap_draw (basemap, c, &l->view, style);
      cairo_destroy (c);
      cairo_surface_flush (self->base_cache);
      self->base_key = g_steal_pointer (&key);
      self->base_view = l->view;
      self->base_geometry[0] = fx, self->base_geometry[1] = fy;
      self->base_geometry[2] = m.xx, self->base_geometry[3] = m.yy;
    }
  /* copied whole, without the clip: the cache's edges are already the clip's blend over white,
   * and the figure is white around the map when its map is drawn (the header, the band and
   * the footer come after) */
  cairo_save (cr);
  cairo_reset_clip (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, self->base_cache, ix, iy);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}
