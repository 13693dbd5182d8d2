/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-map-source"

#include "config.h"

#include <math.h>

#include "dm-tile-paintable.h"

/* A base map tile whose texture holds a margin of its neighbours around it, and is drawn so
 * that the margin overlaps them. ShumateMapLayer places tiles at fractional pixels when the
 * zoom is between levels or the map was dragged: each tile's edge then covers part of a
 * pixel and the two partial covers let the background through, a thin seam between tiles.
 * Overlapping by a margin drawn from the same map, the tile on top covers the seam with what
 * is there anyway. */

struct _DmTilePaintable
{
  GObject          parent_instance;
  GdkTexture      *texture;
  double           margin;   /* on each side, as a fraction of the tile's size */
  cairo_surface_t *surface;  /* the texture's pixels, shared, when known */
  GskRenderNode   *node;     /* the last drawing, for the Cairo renderer */
  double           node_width;
  double           node_height;
};

/* GSK's Cairo renderer converts a texture's every pixel each time it draws it (GTK 4.8), the
 * whole tile for a corner of it: with it, tiles are drawn as Cairo nodes of their surface,
 * kept while their size stays (a frame redraws only where something changed) */
static gboolean draw_with_cairo;

static void dm_tile_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DmTilePaintable, dm_tile_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, dm_tile_paintable_iface_init))

static void
dm_tile_paintable_snapshot (GdkPaintable *paintable,
                            GdkSnapshot  *snapshot,
                            double        width,
                            double        height)
{
  DmTilePaintable *self = DM_TILE_PAINTABLE (paintable);
  double mx = width * self->margin, my = height * self->margin;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (-mx, -my, width + 2 * mx, height + 2 * my);

  if (!draw_with_cairo || self->surface == NULL)
    {
      gtk_snapshot_append_texture (GTK_SNAPSHOT (snapshot), self->texture, &bounds);
      return;
    }
  if (self->node == NULL || self->node_width != width || self->node_height != height)
    {
      cairo_pattern_t *pattern = cairo_pattern_create_for_surface (self->surface);
      cairo_matrix_t matrix;
      cairo_t *cr;

      g_clear_pointer (&self->node, gsk_render_node_unref);
      self->node = gsk_cairo_node_new (&bounds);
      self->node_width = width;
      self->node_height = height;
      cr = gsk_cairo_node_get_draw_context (self->node);
      /* as GSK's Cairo renderer draws a texture node: the same pixels */
      cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
      cairo_matrix_init_scale (&matrix,
                               gdk_texture_get_width (self->texture) / bounds.size.width,
                               gdk_texture_get_height (self->texture) / bounds.size.height);
      cairo_matrix_translate (&matrix, -bounds.origin.x, -bounds.origin.y);
      cairo_pattern_set_matrix (pattern, &matrix);
      cairo_set_source (cr, pattern);
      cairo_pattern_destroy (pattern);
      cairo_rectangle (cr, bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
      cairo_fill (cr);
      cairo_destroy (cr);
    }
  gtk_snapshot_append_node (GTK_SNAPSHOT (snapshot), self->node);
}

/* The tile's own size, without the margin */
static int
dm_tile_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  DmTilePaintable *self = DM_TILE_PAINTABLE (paintable);

  return (int) round (gdk_texture_get_width (self->texture) / (1 + 2 * self->margin));
}

static int
dm_tile_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  DmTilePaintable *self = DM_TILE_PAINTABLE (paintable);

  return (int) round (gdk_texture_get_height (self->texture) / (1 + 2 * self->margin));
}

static GdkPaintableFlags
dm_tile_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
dm_tile_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = dm_tile_paintable_snapshot;
  iface->get_intrinsic_width = dm_tile_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = dm_tile_paintable_get_intrinsic_height;
  iface->get_flags = dm_tile_paintable_get_flags;
}

static void
dm_tile_paintable_finalize (GObject *object)
{
  DmTilePaintable *self = DM_TILE_PAINTABLE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  G_OBJECT_CLASS (dm_tile_paintable_parent_class)->finalize (object);
}

static void
dm_tile_paintable_class_init (DmTilePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dm_tile_paintable_finalize;
}

static void
dm_tile_paintable_init (DmTilePaintable *self)
{
}

/**
 * dm_tile_paintable_new:
 * @texture: the tile and, around it, @margin of its neighbours
 * @margin: the margin on each side, as a fraction of the tile's own size
 */
GdkPaintable *
dm_tile_paintable_new (GdkTexture *texture,
                       double      margin)
{
  DmTilePaintable *self;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);
  g_return_val_if_fail (margin >= 0 && margin < 0.5, NULL);

  self = g_object_new (DM_TYPE_TILE_PAINTABLE, NULL);
  self->texture = g_object_ref (texture);
  self->margin = margin;
  self->surface = g_object_get_data (G_OBJECT (texture), DM_TILE_SURFACE_KEY);
  if (self->surface != NULL)
    cairo_surface_reference (self->surface);
  return GDK_PAINTABLE (self);
}

/**
 * dm_tile_paintable_set_draw_with_cairo:
 * Whether tiles whose texture came with its Cairo surface (%DM_TILE_SURFACE_KEY) are drawn
 * as Cairo nodes: for GSK's Cairo renderer (the window sets it when it is realized).
 */
void
dm_tile_paintable_set_draw_with_cairo (gboolean with_cairo)
{
  draw_with_cairo = with_cairo;
}

GdkTexture *
dm_tile_paintable_get_texture (DmTilePaintable *self)
{
  g_return_val_if_fail (DM_IS_TILE_PAINTABLE (self), NULL);
  return self->texture;
}

double
dm_tile_paintable_get_margin (DmTilePaintable *self)
{
  g_return_val_if_fail (DM_IS_TILE_PAINTABLE (self), 0);
  return self->margin;
}
