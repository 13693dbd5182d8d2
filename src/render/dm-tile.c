/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-basemap-private.h"
#include "dm-tile.h"

/**
 * dm_tile_draw:
 * @basemap: the base map (usually dm_basemap_get_default())
 * @cr: where to draw; may already be scaled for HiDPI (draw 512 device pixels with
 *   cairo_scale (cr, 2, 2) and @tile_size 256)
 * @z: zoom; @x, @y: the tile, from the north-west corner (OSM / libshumate numbering)
 * @tile_size: size of the tile in @cr's user space
 * @style: (nullable): how the map looks, or %NULL for the default
 *
 * Draws Web Mercator tile @z/@x/@y into @cr, covering (0, 0) to (@tile_size, @tile_size) in
 * @cr's user space. The level of detail follows @z (110m to z2, 50m to z4, 10m beyond).
 * Country labels are placed once per zoom for the whole world, so they continue across tile
 * edges. Thread-safe: call it from worker threads, each with its own @cr.
 */
void
dm_tile_draw (DmBasemap        *basemap,
              cairo_t          *cr,
              guint             z,
              guint             x,
              guint             y,
              guint             tile_size,
              const DmMapStyle *style)
{
  dm_tile_draw_with_margin (basemap, cr, z, x, y, tile_size, 0, style);
}

/**
 * dm_tile_draw_with_margin:
 * @margin: how much of the neighbouring tiles to draw around the tile, in @cr's user space
 *
 * As dm_tile_draw(), with @margin of the map around the tile: the tile covers (@margin,
 * @margin) to (@margin + @tile_size, @margin + @tile_size) of a picture @tile_size + 2
 * @margin wide. Tiles drawn overlapping by their margins show no seams between them.
 */
void
dm_tile_draw_with_margin (DmBasemap        *basemap,
                          cairo_t          *cr,
                          guint             z,
                          guint             x,
                          guint             y,
                          guint             tile_size,
                          guint             margin,
                          const DmMapStyle *style)
{
  DmLevelData *d;
  DmView view;

  g_return_if_fail (DM_IS_BASEMAP (basemap));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (z < 30 && x < (1u << z) && y < (1u << z));
  g_return_if_fail (tile_size > 0);

  if (style == NULL)
    style = dm_map_style_get_default ();
  dm_view_init_tile (&view, z, x, y, tile_size);
  /* the same centre and scale, a wider view */
  view.width += 2 * margin;
  view.height += 2 * margin;
  d = dm_basemap_get_level (basemap, dm_basemap_level_for_zoom (z + 0.0));
  if (d == NULL)
    {
      cairo_save (cr);
      cairo_set_source_rgba (cr, style->sea.red, style->sea.green, style->sea.blue, 1.0);
      cairo_rectangle (cr, 0, 0, tile_size + 2 * margin, tile_size + 2 * margin);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }
  dm_basemap_draw_level (d, cr, &view, style, TRUE, z);
}
