/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-routes"

#include "config.h"

#include "dm-document-store.h"
#include "dm-screen-painter-private.h"
#include "dm-worker-priority.h"

/* The painter's route set. It follows the document's events by itself (rebuilt on the main
 * thread when next used), but for documents of ASYNC_MIN_EVENTS or more: then each change
 * of the events starts a worker thread that builds a frozen set from a snapshot of them
 * (dm_route_set_new_frozen), cancelling the build of older events, and the new set takes
 * the old one's place when it is ready; meanwhile frames draw the old one (docs/APP.md).
 * A build may start ahead of the events (dm_screen_painter_build_ahead), from
 * AHEAD_MIN_EVENTS on: it goes on when their next change makes them the events it was
 * started from, under the bar too (a loaded file's set, then frozen: the next edit makes it
 * follow the document again, on the main thread). */

void
dm_screen_painter_cancel_set_build (DmScreenPainter *self)
{
  if (self->set_build == NULL)
    return;
  g_cancellable_cancel (self->set_build);
  g_clear_object (&self->set_build);
  g_clear_pointer (&self->build_events, g_ptr_array_unref);
}

void
dm_screen_painter_unwatch_events (DmScreenPainter *self)
{
  if (self->events == NULL)
    return;
  g_clear_signal_handler (&self->events_id, self->events);
  g_clear_object (&self->events);
}

/* Draws @set (taken) from now on, in the same style */
static void
replace_set (DmScreenPainter *self,
             DmRouteSet      *set)
{
  dm_screen_painter_cancel_build (self);
  g_clear_object (&self->set);
  g_clear_pointer (&self->set_events, g_ptr_array_unref);
  self->set = set;
  self->complete = FALSE;
  self->still_dirty = TRUE;
  self->cost_serial = 0;
  if (self->layer == NULL)
    {
      self->layer = dm_route_renderer_new (set);
      dm_route_renderer_set_track_damage (self->layer, self->track_damage);
    }
  else
    dm_route_renderer_set_set (self->layer, set);
  if (self->set_func != NULL)
    self->set_func (self->set_data);
}

/* The screen's projection: what a frozen set projects its legs for */
static void
init_screen_projection (DmView *view)
{
  dm_view_init_screen (view, 0, 0, 0, 256, 1, 1, 1);
}

/* What a build reads: the events as they were, and a document of none of them holding the
 * rest (actors, places, colours), both made on the main thread and never changed */
typedef struct
{
  DmDocument *frame;
  GPtrArray  *events;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_object_unref (snapshot->frame);
  g_ptr_array_unref (snapshot->events);
  g_free (snapshot);
}

static void
build_set_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Snapshot *snapshot = task_data;
  g_autoptr(GListStore) events = NULL;
  g_autoptr(DmDocument) document = NULL;
  DmView view;

  dm_worker_priority_lower ();
  /* events changed again before this build left the pool's queue: another one follows */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  /* the snapshot's document, made here rather than on the main thread (a quarter of a
   * second at 100,000 events); the events' last references stay with the task's data, let
   * go on the main thread */
  events = g_list_store_new (DM_TYPE_EVENT);
  g_list_store_splice (events, 0, 0, snapshot->events->pdata, snapshot->events->len);
  document = dm_document_new_filtered (snapshot->frame, G_LIST_MODEL (events));
  init_screen_projection (&view);
  g_task_return_pointer (task, dm_route_set_new_frozen (document, &view), g_object_unref);
}

/* On the main thread */
static void
set_built_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  BuildData *data = user_data;
  DmScreenPainter *self = data->painter;
  g_autoptr(DmRouteSet) set = g_task_propagate_pointer (G_TASK (result), NULL);
  gboolean cancelled = g_cancellable_is_cancelled (data->cancellable);

  /* The snapshot's events are let go here, on the main thread (the set keeps its document) */
  g_task_set_task_data (G_TASK (result), NULL, NULL);
  g_object_unref (data->cancellable);
  g_free (data);
  /* Replaced by a build of newer events, or the painter is gone: nothing to touch */
  if (cancelled)
    return;
  g_clear_object (&self->set_build);
  replace_set (self, g_steal_pointer (&set));
  self->set_events = g_steal_pointer (&self->build_events);
  if (self->ready_func != NULL)
    self->ready_func (self->ready_data);
}

/* Builds the set of @source's @events as they are now, in a worker thread; @listed: the
 * same events in an array nobody changes, if the caller has one */
static void
start_set_build (DmScreenPainter *self,
                 DmDocument      *source,
                 GListModel      *events,
                 GPtrArray       *listed)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GListStore) none = g_list_store_new (DM_TYPE_EVENT);
  Snapshot *snapshot;
  BuildData *data;
  guint n;

  dm_screen_painter_cancel_set_build (self);
  self->ahead = FALSE;
  self->set_build = g_cancellable_new ();
  data = g_new0 (BuildData, 1);
  data->painter = self;
  data->cancellable = g_object_ref (self->set_build);
  task = g_task_new (NULL, self->set_build, set_built_cb, data);
  g_task_set_source_tag (task, start_set_build);
  g_task_set_name (task, "[diplomap] route set");
  /* a cancelled build's set still comes back, to be dropped on the main thread */
  g_task_set_check_cancellable (task, FALSE);
  /* the events as they are now (events are never edited in place: an edit puts a new event
   * in the old one's place), for a document nobody changes, made by the thread */
  snapshot = g_new0 (Snapshot, 1);
  snapshot->frame = dm_document_new_filtered (source, G_LIST_MODEL (none));
  if (listed != NULL)
    snapshot->events = g_ptr_array_ref (listed);
  else
    {
      n = g_list_model_get_n_items (events);
      snapshot->events = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (snapshot->events, g_list_model_get_item (events, i));
    }
  self->build_events = g_ptr_array_ref (snapshot->events);
  g_task_set_task_data (task, snapshot, (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (task, build_set_thread);
}

static gboolean
wants_worker (DmScreenPainter *self)
{
  return !self->synchronous && g_list_model_get_n_items (self->events) >= self->async_min_events;
}

/* Whether the set follows the document by itself (built on the main thread when used) */
static gboolean
set_is_live (DmScreenPainter *self)
{
  return self->set != NULL && dm_route_set_get_document (self->set) == self->document;
}

/* Whether @events (DmEvent) are the painter's events now, in the same order: their
 * pointers compared, no event read (100,000 of them when a big file opens) */
static gboolean
are_the_events (DmScreenPainter *self,
                GPtrArray       *events)
{
  DmDocumentStore *store = DM_DOCUMENT_STORE (self->events);
  guint n = dm_document_store_get_length (store);

  if (events == NULL || events->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (dm_document_store_peek (store, i) != g_ptr_array_index (events, i))
      return FALSE;
  return TRUE;
}

/* No routes until the set being built comes */
static void
show_none (DmScreenPainter *self)
{
  g_autoptr(GListStore) none = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(DmDocument) empty = dm_document_new_filtered (self->document, G_LIST_MODEL (none));
  DmView view;

  init_screen_projection (&view);
  replace_set (self, dm_route_set_new_frozen (empty, &view));
}

/* The events changed (or the document, or the way sets are built): a small document's set
 * follows it by itself; a big one's is built anew by a worker thread, cancelling the build
 * of older events, so that no edit is lost */
static void
follow_events (DmScreenPainter *self)
{
  gboolean ahead = self->ahead;

  self->ahead = FALSE;
  /* the events a build started ahead of them, at their first change since: it goes on (or
   * its set stays), under the bar too. Only then: the same events shown again later may
   * come with other colours (a hidden event of the document edited), which a new build
   * picks up */
  if (ahead && (self->set_build != NULL ? are_the_events (self, self->build_events)
                                        : are_the_events (self, self->set_events)))
    {
      /* rather than the set that follows the document, built on the main thread when a
       * frame or the trail asks for it while the worker builds the same */
      if (self->set == NULL || set_is_live (self))
        show_none (self);
      return;
    }
  if (!wants_worker (self))
    {
      dm_screen_painter_cancel_set_build (self);
      if (!set_is_live (self))
        replace_set (self, dm_route_set_new (self->document));
      return;
    }
  /* the set that follows the document has already let its routes go: none until the new
   * set comes, rather than a picture that does not match the events */
  if (self->set == NULL || set_is_live (self))
    show_none (self);
  start_set_build (self, self->document, self->events, NULL);
}

GPtrArray *
dm_screen_painter_build_ahead (DmScreenPainter *self,
                               DmDocument      *source,
                               GPtrArray       *listed)
{
  GListModel *events = dm_document_get_events (source);

  g_return_val_if_fail (listed == NULL || listed->len == g_list_model_get_n_items (events), NULL);

  if (self->synchronous ||
      g_list_model_get_n_items (events) < MIN (self->async_min_events, AHEAD_MIN_EVENTS))
    return NULL;
  start_set_build (self, source, events, listed);
  self->ahead = TRUE;
  return g_ptr_array_ref (self->build_events);
}

static void
events_changed_cb (GListModel      *events,
                   guint            position,
                   guint            removed,
                   guint            added,
                   DmScreenPainter *self)
{
  follow_events (self);
}

void
dm_screen_painter_watch_events (DmScreenPainter *self)
{
  self->events = g_object_ref (dm_document_get_events (self->document));
  self->events_id = g_signal_connect (self->events, "items-changed",
                                      G_CALLBACK (events_changed_cb), self);
  follow_events (self);
}

/* After the way sets are built changed: follow the events the new way, if it differs */
void
dm_screen_painter_update_set (DmScreenPainter *self)
{
  if (self->document != NULL && wants_worker (self) == set_is_live (self))
    follow_events (self);
}

void
dm_screen_painter_set_set_func (DmScreenPainter *self,
                                GSourceFunc      func,
                                gpointer         data)
{
  self->set_func = func;
  self->set_data = data;
}

void
dm_screen_painter_set_async_events (DmScreenPainter *self,
                                    guint            n_events)
{
  self->async_min_events = n_events;
  dm_screen_painter_update_set (self);
}

gboolean
dm_screen_painter_is_building_set (DmScreenPainter *self)
{
  return self->set_build != NULL;
}
