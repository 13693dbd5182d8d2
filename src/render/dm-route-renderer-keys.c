/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <string.h>

#include "dm-route-renderer-private.h"

/* Keyframes of the legs' cache (docs/RENDERING.md, "Routes"): copies of the legs as drawn at a
 * few times, for one view, set and style. A seek back, or far forward, starts from the
 * latest keyframe at or before its time and adds only the legs flown since, as playing
 * forward does, instead of drawing every leg again. Kept for legs drawn from scratch and,
 * while time runs forward, every KEY_EVERY legs landed; at most KEYS_MAX_BYTES of pixels,
 * dropped when the view, the set or the style changes. Not with a time window or flows,
 * whose legs change at every time. */

/* Legs landed since a keyframe before time running forward keeps another */
#define KEY_EVERY 256
/* At most this many legs landed since a keyframe to start from it (as many as playing
 * forward adds in a frame before a build is thought quicker) */
#define KEY_MAX_LANDED 256
/* The pixels of all keyframes: 64 MB, eight of 1920x1080 */
#define KEYS_MAX_BYTES (64 * 1024 * 1024)

typedef struct
{
  cairo_surface_t *legs;
  gint64           t;
} Key;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const Key *ka = a, *kb = b;

  return ka->t < kb->t ? -1 : ka->t > kb->t;
}

static void
key_clear (gpointer data)
{
  Key *key = data;

  g_clear_pointer (&key->legs, cairo_surface_destroy);
}

void
dm_route_renderer_drop_keys (DmRouteRenderer *self)
{
  if (self->keys != NULL)
    g_array_set_size (self->keys, 0);
}

static gboolean
keys_usable (DmRouteRenderer *self)
{
  /* DM_ROUTE_KEYFRAMES=0 keeps none, for benchmarks to compare (docs/PERFORMANCE.md) */
  static gsize off = 0;

  if (g_once_init_enter (&off))
    g_once_init_leave (&off, 1 + (g_strcmp0 (g_getenv ("DM_ROUTE_KEYFRAMES"), "0") == 0));
  return off == 1 && self->style->window == 0 && !self->style->flows;
}

/* Whether the keyframes kept are of @view and of the set and style as they are now; if not
 * they are dropped */
static gboolean
keys_match (DmRouteRenderer *self,
            const DmView    *view)
{
  if (self->keys == NULL || self->keys->len == 0)
    return FALSE;
  if (dm_view_equal (view, &self->keys_view) &&
      self->keys_set_serial == dm_route_set_get_serial (self->set) &&
      self->keys_style_serial == dm_route_style_get_serial (self->style))
    return TRUE;
  dm_route_renderer_drop_keys (self);
  return FALSE;
}

/* The latest keyframe at or before @t for @view, if few enough legs landed since */
static Key *
find_key (DmRouteRenderer *self,
          const DmView    *view,
          gint64           t)
{
  Key *best = NULL;

  if (!keys_usable (self) || !keys_match (self, view))
    return NULL;
  for (guint i = 0; i < self->keys->len; i++)
    {
      Key *key = &g_array_index (self->keys, Key, i);
      if (key->t <= t && (best == NULL || key->t > best->t))
        best = key;
    }
  if (best == NULL ||
      dm_route_set_first_ending_after (self->set, t) -
      dm_route_set_first_ending_after (self->set, best->t) > KEY_MAX_LANDED)
    return NULL;
  return best;
}

/**
 * dm_route_renderer_has_key:
 * Whether the legs at @t for @view can start from a keyframe, cheaply.
 */
gboolean
dm_route_renderer_has_key (DmRouteRenderer *self,
                           const DmView    *view,
                           gint64           t)
{
  return find_key (self, view, t) != NULL;
}

/**
 * dm_route_renderer_legs_from_key:
 * Makes the legs' cache that of @t for @view from a keyframe, if one serves.
 * Returns: whether one did
 */
gboolean
dm_route_renderer_legs_from_key (DmRouteRenderer *self,
                                 const DmView    *view,
                                 gint64           t)
{
  Key *key = find_key (self, view, t);
  cairo_surface_t *legs;
  cairo_t *cr;

  if (key == NULL)
    return FALSE;
  legs = dm_route_renderer_new_surface (view);
  cr = cairo_create (legs);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, key->legs, 0, 0);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  dm_route_draw_flown (self->set, cr, view, self->style, key->t, t);
  cairo_destroy (cr);
  cairo_surface_flush (legs);
  cairo_surface_mark_dirty (legs);
  g_clear_pointer (&self->legs, cairo_surface_destroy);
  self->legs = legs;
  self->legs_view = *view;
  self->legs_set_serial = self->keys_set_serial;
  self->legs_style_serial = self->keys_style_serial;
  self->legs_t = t;
  self->legs_damage_known = FALSE;
  self->n_from_keys++;
  return TRUE;
}

/**
 * dm_route_renderer_keep_key:
 * @scratch: whether the legs were just drawn from scratch (else they moved forward: kept
 *   only every KEY_EVERY legs landed)
 *
 * Keeps a keyframe of the legs' cache as it is.
 */
void
dm_route_renderer_keep_key (DmRouteRenderer *self,
                            gboolean         scratch)
{
  gsize bytes;
  guint max, landed = G_MAXUINT;
  Key key;

  if (self->legs == NULL || !keys_usable (self))
    return;
  if (self->keys == NULL)
    {
      self->keys = g_array_new (FALSE, TRUE, sizeof (Key));
      g_array_set_clear_func (self->keys, key_clear);
    }
  if (!keys_match (self, &self->legs_view))
    {
      self->keys_view = self->legs_view;
      self->keys_set_serial = self->legs_set_serial;
      self->keys_style_serial = self->legs_style_serial;
    }
  if (self->keys_set_serial != dm_route_set_get_serial (self->set) ||
      self->keys_style_serial != dm_route_style_get_serial (self->style))
    return;
  for (guint i = 0; i < self->keys->len; i++)
    {
      Key *k = &g_array_index (self->keys, Key, i);
      guint n;

      if (k->t == self->legs_t)
        return;
      if (k->t > self->legs_t)
        continue;
      n = dm_route_set_first_ending_after (self->set, self->legs_t) -
          dm_route_set_first_ending_after (self->set, k->t);
      landed = MIN (landed, n);
    }
  if (!scratch && landed < KEY_EVERY)
    return;

  bytes = (gsize) cairo_image_surface_get_stride (self->legs) *
          cairo_image_surface_get_height (self->legs);
  max = MAX (KEYS_MAX_BYTES / MAX (bytes, 1), 2);
  /* full: the keyframe nearest in time to the one before it goes */
  while (self->keys->len >= max)
    {
      guint drop = 0;
      gint64 gap = G_MAXINT64;

      g_array_sort (self->keys, compare_keys);
      for (guint i = 1; i < self->keys->len; i++)
        {
          Key *a = &g_array_index (self->keys, Key, i - 1), *b = &g_array_index (self->keys, Key, i);
          if (b->t - a->t < gap)
            gap = b->t - a->t, drop = i;
        }
      g_array_remove_index (self->keys, drop);
    }

  key.t = self->legs_t;
  key.legs = dm_route_renderer_new_surface (&self->legs_view);
  {
    cairo_t *cr = cairo_create (key.legs);
    cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
    cairo_set_source_surface (cr, self->legs, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_flush (key.legs);
  }
  g_array_append_val (self->keys, key);
}

/**
 * dm_route_renderer_get_n_keys:
 * How many keyframes of the legs are kept (for tests)
 */
guint
dm_route_renderer_get_n_keys (DmRouteRenderer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), 0);
  return self->keys != NULL ? self->keys->len : 0;
}

/**
 * dm_route_renderer_get_n_from_keys:
 * How many times the legs started from a keyframe (for tests)
 */
guint
dm_route_renderer_get_n_from_keys (DmRouteRenderer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), 0);
  return self->n_from_keys;
}
