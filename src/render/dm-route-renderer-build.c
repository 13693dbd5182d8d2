/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-route-renderer-private.h"
#include "dm-worker-priority.h"

/* The layer's two caches drawn by worker threads (docs/RENDERING.md, "Building the caches off
 * the main thread").
 *
 * On the main thread, dm_route_renderer_build_async() takes what the workers read: a frozen copy
 * of the set (kept by the layer while the set does not change, shared by builds), a copy of
 * the style, the view and t. It starts n_workers GTask threads; worker i draws the i-th
 * slice of the legs' strokes onto its own transparent surface (worker 0 the places too, the
 * last one the flown part of the legs in the air), checking for cancellation between short
 * runs of strokes. On the main thread again, when every worker is done, the slices are laid
 * over each other in order (the same picture as drawing them all onto one surface) and
 * dm_route_renderer_build_finish() puts the result in the caches, unless the set or the style
 * changed meanwhile. A build that was cancelled or is stale never reaches the caches.
 *
 * Ownership: the workers only read the build and each writes its own slots; the build and
 * the frozen set are freed on the main thread (the task that owns them completes there). */

/* Strokes between two looks at the cancellable: a few milliseconds */
#define STROKES_PER_RUN 64

typedef struct
{
  DmRouteSet       *set;          /* frozen */
  DmRouteStyle     *style;        /* a copy */
  DmView            view;
  gint64            t;
  guint             set_serial;
  guint             style_serial;
  guint             style_generation;
  guint             n_workers;
  guint             n_pending;    /* main thread only */
  cairo_surface_t **legs;         /* per worker */
  gint64           *cost_us;      /* per worker */
  cairo_surface_t  *places;       /* worker 0 */
  DmLabelPlacer    *placer;
} Build;

typedef struct
{
  Build *build;
  guint  index;
} Part;

static void
build_free (Build *build)
{
  for (guint i = 0; i < build->n_workers; i++)
    g_clear_pointer (&build->legs[i], cairo_surface_destroy);
  g_free (build->legs);
  g_free (build->cost_us);
  g_clear_pointer (&build->places, cairo_surface_destroy);
  g_clear_pointer (&build->placer, dm_label_placer_free);
  g_clear_pointer (&build->style, dm_route_style_unref);
  g_clear_object (&build->set);
  g_free (build);
}

/* In a worker thread */
static void
draw_part_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const Part *part = task_data;
  Build *b = part->build;
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *legs = dm_route_renderer_new_surface (&b->view);
  cairo_t *cr = cairo_create (legs);
  guint total, first, last;

  dm_worker_priority_lower ();
  /* a cancelled build lands nothing: the places are not drawn, nor all their names */
  if (part->index == 0 && !g_cancellable_is_cancelled (cancellable))
    {
      cairo_t *places_cr;

      b->places = dm_route_renderer_new_surface (&b->view);
      places_cr = cairo_create (b->places);
      dm_route_renderer_draw_places_into (b->set, places_cr, &b->view, b->style, b->t, cancellable,
                                       &b->placer);
      cairo_destroy (places_cr);
    }

  /* first == last: draws nothing, counts the strokes */
  total = dm_route_draw_legs_slice (b->set, cr, &b->view, b->style, b->t, FALSE, 0, 0);
  first = (guint) ((guint64) total * part->index / b->n_workers);
  last = (guint) ((guint64) total * (part->index + 1) / b->n_workers);
  for (guint i = first; i < last && !g_cancellable_is_cancelled (cancellable); i += STROKES_PER_RUN)
    dm_route_draw_legs_slice (b->set, cr, &b->view, b->style, b->t, FALSE, i,
                              MIN (i + STROKES_PER_RUN, last));
  if (part->index == b->n_workers - 1 && !g_cancellable_is_cancelled (cancellable))
    dm_route_draw_flown (b->set, cr, &b->view, b->style, G_MININT64, b->t);
  cairo_destroy (cr);
  cairo_surface_flush (legs);
  b->legs[part->index] = legs;
  b->cost_us[part->index] = g_get_monotonic_time () - start;
  /* the last thing: from here on the main thread may free the build */
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* On the main thread, once per worker */
static void
part_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Build *b = g_task_get_task_data (task);

  g_assert (b->n_pending > 0);
  if (--b->n_pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  /* the slices over each other, in order */
  for (guint i = 1; i < b->n_workers; i++)
    {
      cairo_t *cr = cairo_create (b->legs[0]);
      cairo_set_source_surface (cr, b->legs[i], 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * dm_route_renderer_build_async:
 * Draws the caches for @view at @t in worker threads; dm_route_renderer_build_finish() puts
 * them in place. Call on the main thread. Cancel @cancellable when the build is no longer
 * wanted (another view...): the workers stop within a few milliseconds.
 */
void
dm_route_renderer_build_async (DmRouteRenderer        *self,
                            const DmView        *view,
                            gint64               t,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Build *b;
  guint set_serial;

  g_return_if_fail (DM_IS_ROUTE_RENDERER (self));
  g_return_if_fail (view != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dm_route_renderer_build_async);
  g_task_set_name (task, "[diplomap] routes cache");

  dm_route_set_ensure (self->set);
  set_serial = dm_route_set_get_serial (self->set);
  /* The copy serves every build until the set changes */
  if (self->frozen == NULL || dm_route_set_get_serial (self->frozen) != set_serial ||
      !dm_route_projected_fits (self->frozen->projected, view))
    {
      g_clear_object (&self->frozen);
      self->frozen = dm_route_set_copy_frozen (self->set, view);
    }

  b = g_new0 (Build, 1);
  b->set = g_object_ref (self->frozen);
  b->style = dm_route_style_copy (self->style);
  b->view = *view;
  b->t = t;
  b->set_serial = set_serial;
  b->style_serial = dm_route_style_get_serial (self->style);
  b->style_generation = self->style_generation;
  b->n_workers = MAX (self->n_workers, 1);
  b->n_pending = b->n_workers;
  b->legs = g_new0 (cairo_surface_t *, b->n_workers);
  b->cost_us = g_new0 (gint64, b->n_workers);
  g_task_set_task_data (task, b, (GDestroyNotify) build_free);

  for (guint i = 0; i < b->n_workers; i++)
    {
      g_autoptr(GTask) worker = g_task_new (NULL, cancellable, part_done_cb, g_object_ref (task));
      Part *part = g_new0 (Part, 1);

      part->build = b;
      part->index = i;
      g_task_set_task_data (worker, part, g_free);
      g_task_set_name (worker, "[diplomap] routes cache part");
      g_task_run_in_thread (worker, draw_part_thread);
    }
}

/**
 * dm_route_renderer_build_finish:
 * Returns: TRUE if the caches now hold what was built; FALSE with %G_IO_ERROR_CANCELLED if
 * the build was cancelled or is stale (the set or the style changed meanwhile).
 */
gboolean
dm_route_renderer_build_finish (DmRouteRenderer  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  Build *b;

  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* A copy of a set that changed since serves no build: it would only keep the old events
   * and a few MB of arrays alive until the next build. A copy that is still right is kept,
   * as copying takes a frame's time (14 ms for the U.S. record). */
  if (self->frozen != NULL && (self->set == NULL || dm_route_set_get_serial (self->frozen) !=
                                                     dm_route_set_get_serial (self->set)))
    g_clear_object (&self->frozen);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  b = g_task_get_task_data (G_TASK (result));
  if (self->set == NULL || dm_route_set_get_serial (self->set) != b->set_serial ||
      self->style_generation != b->style_generation ||
      dm_route_style_get_serial (self->style) != b->style_serial)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The routes changed");
      return FALSE;
    }
  dm_route_renderer_set_legs (self, g_steal_pointer (&b->legs[0]), &b->view, b->set_serial,
                           b->style_serial, b->t);
  dm_route_renderer_set_places (self, g_steal_pointer (&b->places), g_steal_pointer (&b->placer),
                             &b->view, b->set_serial, b->style_serial, b->t);
  self->build_cost_us = 0;
  for (guint i = 0; i < b->n_workers; i++)
    self->build_cost_us = MAX (self->build_cost_us, b->cost_us[i]);
  return TRUE;
}

gint64
dm_route_renderer_get_build_cost (DmRouteRenderer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_RENDERER (self), 0);
  return self->build_cost_us;
}

void
dm_route_renderer_set_n_workers (DmRouteRenderer *self,
                              guint         n_workers)
{
  g_return_if_fail (DM_IS_ROUTE_RENDERER (self));
  self->n_workers = CLAMP (n_workers, 1, 16);
}
