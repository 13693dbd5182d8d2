/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DM_TYPE_TILE_PAINTABLE (dm_tile_paintable_get_type ())
G_DECLARE_FINAL_TYPE (DmTilePaintable, dm_tile_paintable, DM, TILE_PAINTABLE, GObject)

GdkPaintable *dm_tile_paintable_new         (GdkTexture      *texture,
                                             double           margin);
GdkTexture   *dm_tile_paintable_get_texture (DmTilePaintable *self);
/* Data of a tile's texture: its Cairo image surface, whose bytes the texture holds */
#define DM_TILE_SURFACE_KEY "dm-tile-surface"
void          dm_tile_paintable_set_draw_with_cairo (gboolean with_cairo);
double        dm_tile_paintable_get_margin  (DmTilePaintable *self);

G_END_DECLS
