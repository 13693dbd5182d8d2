/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include "dm-document-store.h"
#include "dm-window-private.h"

/* The playback's range: the time the shown events cover. Made at once after each change of
 * the shown events (a walk of every event: 13-18 ms of the main thread at 100,000); when a
 * big file is read, by a worker thread from the snapshot of the shown events that the
 * timeline's build reads too, put in place by a load step of its own (dm-window.c,
 * load_step_cb). */

struct _DmWindowRange
{
  DmWindow     *self;
  GListModel   *watched;    /* the shown events: a change makes the worker's extent stale */
  gulong        watch_id;
  gboolean      changed;
  gboolean      done;       /* the worker's extent is in */
  gboolean      known;      /* some event has a time */
  gint64        start;
  gint64        end;
  GCancellable *cancellable;
  GSourceFunc   ready_func;
  gpointer      ready_data;
};

/* Playing goes through the events shown: a filtered year plays that year */
void
dm_window_update_range (DmWindow *self)
{
  gint64 start, end;

  if (dm_document_get_extent (self->shown, &start, &end))
    dm_playback_set_range (self->playback, start, end);
}

/* The shown events as they are now, holding references: what a worker may read. The shown
 * document's own array, shared (never changed from now on: its next change makes an array of
 * its own), rather than 100,000 events read one by one (6-9 ms of the views' step) */
GPtrArray *
dm_window_dup_shown_events (DmWindow *self)
{
  GListModel *events = dm_document_get_events (self->shown);
  guint n;
  GPtrArray *snapshot;

  if (DM_IS_DOCUMENT_STORE (events))
    return dm_document_store_dup_array (DM_DOCUMENT_STORE (events));
  n = g_list_model_get_n_items (events);
  snapshot = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snapshot, g_list_model_get_item (events, i));
  return snapshot;
}

typedef struct
{
  GPtrArray *events;
  gboolean   known;
  gint64     start;
  gint64     end;
} Extent;

static void
extent_free (Extent *extent)
{
  g_ptr_array_unref (extent->events);
  g_free (extent);
}

static void
extent_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Extent *extent = task_data;

  extent->known = dm_events_get_extent (extent->events, &extent->start, &extent->end);
  g_task_return_boolean (task, TRUE);
}

static void
extent_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Extent *extent = g_task_get_task_data (G_TASK (result));
  DmWindowRange *range;

  /* dropped meanwhile (dm_window_range_free) */
  if (g_task_had_error (G_TASK (result)) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  range = user_data;
  range->done = TRUE;
  range->known = extent->known;
  range->start = extent->start;
  range->end = extent->end;
  range->ready_func (range->ready_data);
}

static void
shown_changed_cb (DmWindowRange *range)
{
  range->changed = TRUE;
}

/**
 * dm_window_range_new:
 * @events: (element-type DmEvent): the shown events as they are now
 *   (dm_window_dup_shown_events), shared: never changed
 * @ready_func: called once a worker thread has their extent
 *
 * Returns: (transfer full): the range of @events in the making, to apply
 * (dm_window_range_apply) once @ready_func is called
 */
DmWindowRange *
dm_window_range_new (DmWindow    *self,
                     GPtrArray   *events,
                     GSourceFunc  ready_func,
                     gpointer     ready_data)
{
  DmWindowRange *range = g_new0 (DmWindowRange, 1);
  g_autoptr(GTask) task = NULL;
  Extent *extent = g_new0 (Extent, 1);

  range->self = self;
  range->ready_func = ready_func;
  range->ready_data = ready_data;
  range->cancellable = g_cancellable_new ();
  range->watched = g_object_ref (dm_document_get_events (self->shown));
  range->watch_id = g_signal_connect_swapped (range->watched, "items-changed",
                                              G_CALLBACK (shown_changed_cb), range);
  extent->events = g_ptr_array_ref (events);
  task = g_task_new (NULL, range->cancellable, extent_ready_cb, range);
  g_task_set_source_tag (task, dm_window_range_new);
  /* its callback's idle is named so (DIPLOMAP_TRACE_STALLS) */
  g_task_set_name (task, "[diplomap] playback's range");
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, extent, (GDestroyNotify) extent_free);
  g_task_run_in_thread (task, extent_thread);
  return range;
}

/* The playback's range of the shown events: the worker's when they have not changed since
 * its snapshot, else made again at once from them as they are */
void
dm_window_range_apply (DmWindowRange *range)
{
  g_assert (range->done);

  if (range->changed)
    dm_window_update_range (range->self);
  else if (range->known)
    dm_playback_set_range (range->self->playback, range->start, range->end);
}

void
dm_window_range_free (DmWindowRange *range)
{
  if (range == NULL)
    return;
  g_cancellable_cancel (range->cancellable);
  g_clear_object (&range->cancellable);
  g_clear_signal_handler (&range->watch_id, range->watched);
  g_clear_object (&range->watched);
  g_free (range);
}
