/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-route-private.h"

/* A set is rebuilt in place when its document's events change (on the main thread), so a
 * worker thread never draws from it: it draws from a frozen copy. The copy has no document,
 * is never dirty and has its projection computed: the drawing functions only read it, and
 * several workers may share it. Its events are kept alive by reference (DmPlace names, which
 * place labels read, never change); drop the last reference on the main thread.
 *
 * A set made by dm_route_set_new_frozen() is built once, from a snapshot that never changes
 * (by a worker thread, for big documents): it is immutable, and workers share it as it is,
 * with no copy. */

static gpointer
ref_object (gconstpointer src,
            gpointer      data)
{
  return g_object_ref ((gpointer) src);
}

static DmRouteProjected *
copy_projected (const DmRouteProjected *p,
                guint                   n_legs)
{
  DmRouteProjected *copy = g_new0 (DmRouteProjected, 1);
  gsize n = MAX (n_legs, 1);

  copy->projection = p->projection;
  copy->central_lon = p->central_lon;
  copy->xy = g_array_copy (p->xy);
  copy->first = g_memdup2 (p->first, n * sizeof (guint));
  copy->n = g_memdup2 (p->n, n * sizeof (guint));
  copy->box = g_memdup2 (p->box, 4 * n * sizeof (double));
  copy->length = g_memdup2 (p->length, n * sizeof (double));
  copy->cuts = g_array_copy (p->cuts);
  copy->first_cut = g_memdup2 (p->first_cut, (n_legs + 1) * sizeof (guint));
  return copy;
}

/**
 * dm_route_set_copy_frozen: (skip)
 * @view: the copy will be drawn in its projection, from its central meridian (the projected
 *   legs are computed here if need be)
 *
 * Call on the main thread. A few milliseconds for thousands of legs: a memory copy.
 */
DmRouteSet *
dm_route_set_copy_frozen (DmRouteSet   *self,
                          const DmView *view)
{
  DmRouteSet *copy;
  gsize n;

  g_return_val_if_fail (DM_IS_ROUTE_SET (self), NULL);

  /* never changed, so shared; projected otherwise in the copy, not in place, since workers
   * may be reading it */
  if (self->immutable && dm_route_projected_fits (self->projected, view))
    return g_object_ref (self);
  if (!self->immutable)
    dm_route_set_get_projected (self, view);
  n = MAX (self->legs->len, 1);
  copy = g_object_new (DM_TYPE_ROUTE_SET, NULL);
  g_ptr_array_extend (copy->events, self->events, ref_object, NULL);
  g_ptr_array_extend (copy->actors, self->actors, ref_object, NULL);
  g_array_append_vals (copy->legs, self->legs->data, self->legs->len);
  g_array_append_vals (copy->points, self->points->data, self->points->len);
  g_array_append_vals (copy->stays, self->stays->data, self->stays->len);
  g_array_append_vals (copy->places, self->places->data, self->places->len);
  g_array_append_vals (copy->colors, self->colors->data, self->colors->len);
  g_array_append_vals (copy->groups, self->groups->data, self->groups->len);
  copy->n_groups = self->n_groups;
  copy->by_start = g_memdup2 (self->by_start, n * sizeof (guint));
  copy->by_end = g_memdup2 (self->by_end, n * sizeof (guint));
  copy->starts_sorted = g_memdup2 (self->starts_sorted, n * sizeof (gint64));
  copy->ends_sorted = g_memdup2 (self->ends_sorted, n * sizeof (gint64));
  copy->max_leg = self->max_leg;
  copy->uses = self->uses;
  copy->serial = self->serial;
  copy->dirty = FALSE;
  if (dm_route_projected_fits (self->projected, view))
    copy->projected = copy_projected (self->projected, self->legs->len);
  else
    dm_route_set_get_projected (copy, view);
  return copy;
}

/**
 * dm_route_set_new_frozen:
 * @snapshot: a document that nobody changes any more (dm_document_new_filtered())
 * @view: the set's legs are projected as it projects them, for the drawing that follows
 *
 * The routes of @snapshot, built at once on the calling thread: a worker thread may call
 * this, so that a big document's routes (seconds of work at 100,000 events) never hold up
 * the main thread. The set is immutable: it does not follow @snapshot, and the route
 * renderer's worker threads share it instead of copying it. Drop the last reference on the
 * main thread.
 */
DmRouteSet *
dm_route_set_new_frozen (DmDocument   *snapshot,
                         const DmView *view)
{
  DmRouteSet *self;

  g_return_val_if_fail (DM_IS_DOCUMENT (snapshot), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  self = g_object_new (DM_TYPE_ROUTE_SET, NULL);
  self->document = g_object_ref (snapshot);
  dm_route_set_ensure (self);
  dm_route_set_get_projected (self, view);
  self->immutable = TRUE;
  return self;
}
