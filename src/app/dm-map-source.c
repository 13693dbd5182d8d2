/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-map-source"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dm-map-source.h"

#include "dm-tile.h"
#include "dm-tile-paintable.h"
#include "dm-worker-priority.h"

/* The offline base map for ShumateMap: tiles drawn by src/render in a worker thread, at the
 * widget's scale factor, kept in our own z/x/y cache. libshumate asks for the same tile
 * many times at low zoom; equal requests in flight wait for one drawing. Each tile is drawn
 * with a margin of its neighbours that overlaps them on screen (dm-tile-paintable.c): no
 * seams between tiles placed at fractional pixels. */

#define TILE_SIZE   256
#define MARGIN      1
#define CACHE_LIMIT 512

typedef struct
{
  GdkPaintable *paintable;
  GList        *link;   /* in self->lru; data is the key */
} CacheEntry;

typedef struct
{
  guint    z, x, y;
  int      scale;
  gboolean dark;
} TileJob;

struct _DmMapSource
{
  ShumateMapSource  parent_instance;
  int               scale_factor;
  gboolean          dark;
  GHashTable       *cache;    /* key -> CacheEntry */
  GQueue            lru;      /* most recent first */
  GHashTable       *pending;  /* key -> GPtrArray of GTask waiting */
  guint             n_drawn;
};

G_DEFINE_FINAL_TYPE (DmMapSource, dm_map_source, SHUMATE_TYPE_MAP_SOURCE)

static guint64
make_key (guint z, guint x, guint y, int scale, gboolean dark)
{
  return ((guint64) (dark != FALSE) << 62) | ((guint64) scale << 58) | ((guint64) z << 50) |
         ((guint64) x << 25) | y;
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->paintable);
  g_free (entry);
}


static void
draw_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileJob *job = task_data;
  int px = (TILE_SIZE + 2 * MARGIN) * job->scale;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px, px);
  cairo_t *cr = cairo_create (surface);
  GdkTexture *texture;
  GBytes *bytes;

  dm_worker_priority_lower ();
  cairo_scale (cr, job->scale, job->scale);
  dm_tile_draw_with_margin (dm_basemap_get_default (), cr, job->z, job->x, job->y, TILE_SIZE,
                            MARGIN, job->dark ? dm_map_style_get_dark () : NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      cairo_image_surface_get_stride (surface) * px,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  /* Cairo's ARGB32 premultiplied is GDK_MEMORY_DEFAULT's layout on little-endian */
  texture = gdk_memory_texture_new (px, px, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  /* the same pixels, for GSK's Cairo renderer (dm_tile_paintable_set_draw_with_cairo) */
  g_object_set_data_full (G_OBJECT (texture), DM_TILE_SURFACE_KEY, cairo_surface_reference (surface),
                          (GDestroyNotify) cairo_surface_destroy);
  g_task_return_pointer (task, texture, g_object_unref);
  g_bytes_unref (bytes);
}

static void
complete_waiter (GTask        *waiter,
                 GdkPaintable *paintable)
{
  ShumateTile *tile = g_task_get_task_data (waiter);

  if (g_task_return_error_if_cancelled (waiter))
    return;
  shumate_tile_set_paintable (tile, paintable);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (waiter, TRUE);
}

static void
cache_insert (DmMapSource  *self,
              guint64       key,
              GdkPaintable *paintable)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);
  guint64 *kp = g_new (guint64, 1);

  *kp = key;
  entry->paintable = g_object_ref (paintable);
  g_queue_push_head (&self->lru, kp);
  entry->link = self->lru.head;
  g_hash_table_insert (self->cache, kp, entry);
  while (self->lru.length > CACHE_LIMIT)
    {
      guint64 *old = g_queue_pop_tail (&self->lru);
      g_hash_table_remove (self->cache, old);
    }
}

static void
tile_drawn_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DmMapSource *self = DM_MAP_SOURCE (object);
  TileJob *job = g_task_get_task_data (G_TASK (result));
  guint64 key = make_key (job->z, job->x, job->y, job->scale, job->dark);
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkPaintable) paintable = dm_tile_paintable_new (texture, MARGIN / (double) TILE_SIZE);
  g_autoptr(GPtrArray) waiters = NULL;
  g_autofree guint64 *pending_key = NULL;

  g_assert (DM_IS_MAP_SOURCE (self));

  g_hash_table_steal_extended (self->pending, &key, (gpointer *) &pending_key, (gpointer *) &waiters);
  self->n_drawn++;
  if (job->scale == self->scale_factor && job->dark == self->dark)
    cache_insert (self, key, paintable);
  if (waiters != NULL)
    for (guint i = 0; i < waiters->len; i++)
      complete_waiter (g_ptr_array_index (waiters, i), paintable);
}

static void
dm_map_source_fill_tile_async (ShumateMapSource    *source,
                               ShumateTile         *tile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  DmMapSource *self = DM_MAP_SOURCE (source);
  g_autoptr(GTask) waiter = g_task_new (self, cancellable, callback, user_data);
  guint z = shumate_tile_get_zoom_level (tile);
  guint x = shumate_tile_get_x (tile), y = shumate_tile_get_y (tile);
  guint64 key = make_key (z, x, y, self->scale_factor, self->dark);
  CacheEntry *entry;
  GPtrArray *waiters;

  g_task_set_source_tag (waiter, dm_map_source_fill_tile_async);
  g_task_set_task_data (waiter, g_object_ref (tile), g_object_unref);
  shumate_tile_set_fade_in (tile, FALSE);

  if ((entry = g_hash_table_lookup (self->cache, &key)) != NULL)
    {
      g_queue_unlink (&self->lru, entry->link);
      g_queue_push_head_link (&self->lru, entry->link);
      complete_waiter (waiter, entry->paintable);
      return;
    }

  if ((waiters = g_hash_table_lookup (self->pending, &key)) == NULL)
    {
      g_autoptr(GTask) job_task = g_task_new (self, NULL, tile_drawn_cb, NULL);
      TileJob *job = g_new (TileJob, 1);
      guint64 *kp = g_new (guint64, 1);

      g_task_set_name (job_task, "[diplomap] tile drawn");
      *job = (TileJob) { z, x, y, self->scale_factor, self->dark };
      *kp = key;
      waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->pending, kp, waiters);
      g_task_set_task_data (job_task, job, g_free);
      g_task_run_in_thread (job_task, draw_tile_thread);
    }
  g_ptr_array_add (waiters, g_steal_pointer (&waiter));
}

static gboolean
dm_map_source_fill_tile_finish (ShumateMapSource  *source,
                                GAsyncResult      *result,
                                GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
dm_map_source_finalize (GObject *object)
{
  DmMapSource *self = DM_MAP_SOURCE (object);

  g_hash_table_destroy (self->cache);
  g_hash_table_destroy (self->pending);
  g_queue_clear (&self->lru);
  G_OBJECT_CLASS (dm_map_source_parent_class)->finalize (object);
}

static void
dm_map_source_class_init (DmMapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = dm_map_source_finalize;
  source_class->fill_tile_async = dm_map_source_fill_tile_async;
  source_class->fill_tile_finish = dm_map_source_fill_tile_finish;
}

static void
dm_map_source_init (DmMapSource *self)
{
  self->scale_factor = 1;
  /* Keys are owned by the LRU queue (cache) or freed with the entry (pending) */
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, cache_entry_free);
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

DmMapSource *
dm_map_source_new (void)
{
  return g_object_new (DM_TYPE_MAP_SOURCE,
                       "id", "diplomap-offline",
                       "name", _("Offline world map"),
                       "license", _("Natural Earth (public domain)"),
                       "license-uri", "https://www.naturalearthdata.com/about/terms-of-use/",
                       "min-zoom-level", 1,
                       "max-zoom-level", 12,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
}

void
dm_map_source_set_scale_factor (DmMapSource *self,
                                int          scale_factor)
{
  g_return_if_fail (DM_IS_MAP_SOURCE (self));
  g_return_if_fail (scale_factor >= 1 && scale_factor <= 8);

  if (scale_factor == self->scale_factor)
    return;
  self->scale_factor = scale_factor;
  g_hash_table_remove_all (self->cache);
  g_queue_clear (&self->lru);
}

void
dm_map_source_set_dark (DmMapSource *self,
                        gboolean     dark)
{
  g_return_if_fail (DM_IS_MAP_SOURCE (self));

  dark = !!dark;
  if (dark == self->dark)
    return;
  self->dark = dark;
  g_hash_table_remove_all (self->cache);
  g_queue_clear (&self->lru);
}

gboolean
dm_map_source_get_dark (DmMapSource *self)
{
  g_return_val_if_fail (DM_IS_MAP_SOURCE (self), FALSE);
  return self->dark;
}

int
dm_map_source_get_scale_factor (DmMapSource *self)
{
  g_return_val_if_fail (DM_IS_MAP_SOURCE (self), 1);
  return self->scale_factor;
}

guint
dm_map_source_get_n_drawn (DmMapSource *self)
{
  g_return_val_if_fail (DM_IS_MAP_SOURCE (self), 0);
  return self->n_drawn;
}

guint
dm_map_source_get_n_pending (DmMapSource *self)
{
  g_return_val_if_fail (DM_IS_MAP_SOURCE (self), 0);
  return g_hash_table_size (self->pending);
}
