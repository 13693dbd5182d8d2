/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-sorted-events"

#include "config.h"

#include <gtk/gtk.h>

#include "dm-sorted-events.h"
#include "dm-worker-priority.h"

/* The event list's order: a GListModel of the events of another (the list's filter model),
 * by start, unknown starts last, and events of the same start in the other model's order
 * (as GtkSortListModel, which it replaces, kept them). An edit adds, removes or replaces one
 * event: it is found or placed by a binary search and only its row is signalled, where
 * GtkSortListModel merged the new item and signalled the rows after it (about 4 ms of an undo
 * on the U.S. record, docs/EDITING.md). A change of many events (a filter, another document)
 * sorts them all again and signals the rows between the first and last that differ.
 *
 * While dm_sorted_events_set_threaded() is on, such a sort is made by a GTask thread: the
 * main thread reads the model's items into an array (a reference each), the thread sorts
 * a copy of their starts, and the main thread puts the result in place of the old one in
 * one swap and one items-changed (into an empty list, its first rows a part at a time, a
 * frame apart: ROWS_PER_CALL). Meanwhile the model shows what it showed before, and
 * DmSortedEvents:sorting is TRUE; any change of the model meanwhile sorts everything again
 * (the thread's result is then dropped), so that a stale order is never shown. */

/* More changes than this in one items-changed: sorted again */
#define MAX_STEPS 64
/* A thread's sort shown in an empty list: its first rows this many a main-loop call, a frame
 * apart (GTK 4.8's list view makes and measures a row for each of its first 200 items, 50-60
 * ms for 200 rows at once), then the rest in one call */
#define ROWS_PER_CALL     25
#define ROWS_IN_CALLS     200
#define ROWS_INTERVAL_MS  20

struct _DmSortedEvents
{
  GObject     parent_instance;

  GListModel *model;
  GPtrArray  *mirror;  /* DmEvent, owned: the model's items in its order */
  GPtrArray  *sorted;  /* DmEvent, the same (not owned), in the list's order */
  gboolean    threaded;
  guint       serial;  /* of the last sort started: a thread's older result is dropped */
  gboolean    sorting; /* a thread sorts the model's items (serial's) */
  GPtrArray  *coming;  /* DmEvent (not owned): the thread's order, shown a part at a time */
  guint       coming_id;
};

enum {
  PROP_0,
  PROP_SORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void dm_sorted_events_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DmSortedEvents, dm_sorted_events, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dm_sorted_events_list_model_init))

static gint64
start_of (DmEvent *event)
{
  gint64 start = G_MAXINT64, end;

  dm_event_get_span (event, &start, &end);
  return start;
}

int
dm_sorted_events_compare (DmEvent *a,
                          DmEvent *b)
{
  gint64 sa = start_of (a), sb = start_of (b);

  return (sa > sb) - (sa < sb);
}

static GType
dm_sorted_events_get_item_type (GListModel *list)
{
  return DM_TYPE_EVENT;
}

static guint
dm_sorted_events_get_n_items (GListModel *list)
{
  return DM_SORTED_EVENTS (list)->sorted->len;
}

static gpointer
dm_sorted_events_get_item (GListModel *list,
                           guint       position)
{
  DmSortedEvents *self = DM_SORTED_EVENTS (list);

  if (position >= self->sorted->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sorted, position));
}

static void
dm_sorted_events_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dm_sorted_events_get_item_type;
  iface->get_n_items = dm_sorted_events_get_n_items;
  iface->get_item = dm_sorted_events_get_item;
}

/* The first position whose start is not before @start (@after: not at or before) */
static guint
bound (DmSortedEvents *self,
       gint64          start,
       gboolean        after)
{
  guint lo = 0, hi = self->sorted->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 s = start_of (g_ptr_array_index (self->sorted, mid));

      if (s < start || (after && s == start))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
dm_sorted_events_find (DmSortedEvents *self,
                       DmEvent        *event)
{
  gint64 start;
  guint i;

  g_return_val_if_fail (DM_IS_SORTED_EVENTS (self), G_MAXUINT);

  start = start_of (event);
  for (i = bound (self, start, FALSE); i < self->sorted->len; i++)
    {
      DmEvent *e = g_ptr_array_index (self->sorted, i);

      if (e == event)
        return i;
      if (start_of (e) != start)
        break;
    }
  /* an event changed in place since it came: not where its start says */
  return g_ptr_array_find (self->sorted, event, &i) ? i : G_MAXUINT;
}

/* Where the event at @index of the model goes among the sorted ones: after those of an
 * earlier start, and among those of its start after the ones before it in the model */
static guint
place_of (DmSortedEvents *self,
          guint           index)
{
  DmEvent *event = g_ptr_array_index (self->mirror, index);
  gint64 start = start_of (event);
  guint lo = bound (self, start, FALSE), hi = bound (self, start, TRUE), count = 0;
  g_autoptr(GHashTable) same = NULL;
  gboolean forward;
  guint from, to;

  if (lo == hi)
    return lo;
  same = g_hash_table_new (NULL, NULL);
  for (guint i = lo; i < hi; i++)
    g_hash_table_add (same, g_ptr_array_index (self->sorted, i));
  /* count them on the shorter side of @index */
  forward = index < self->mirror->len - index;
  from = forward ? 0 : index + 1;
  to = forward ? index : self->mirror->len;
  for (guint i = from; i < to && count < hi - lo; i++)
    if (g_hash_table_contains (same, g_ptr_array_index (self->mirror, i)))
      count++;
  return forward ? lo + count : hi - count;
}

typedef struct
{
  gint64   start;
  guint    index;
  DmEvent *event;
} Key;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const Key *x = a, *y = b;

  if (x->start != y->start)
    return (x->start > y->start) - (x->start < y->start);
  return (x->index > y->index) - (x->index < y->index);
}

/* Where sort_all() reads the model's @n items from: the model a GtkFilterListModel filters
 * when it lets all of them through (its items are always some of that model's, in its order,
 * so as many are the same ones). The filter model finds each of its items in a bitset
 * (gtk_bitset_get_nth(), a scan of up to a thousand words an item): two thirds of the
 * re-sort of 100,000 events opened into an empty window, in the loader's callback. */
static GListModel *
items_source (GListModel *model,
              guint       n)
{
  GListModel *all;

  if (!GTK_IS_FILTER_LIST_MODEL (model))
    return model;
  all = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (model));
  return all != NULL && g_list_model_get_n_items (all) == n ? all : model;
}

/* The model's items, a reference each, in its order */
static GPtrArray *
read_items (GListModel *model)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  GListModel *source = n > 0 ? items_source (model, n) : NULL;
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (source, i));
  return items;
}

/* @items (not owned) in the list's order: by start, then in their order in @items. Reads
 * only the events' spans: it runs in the sort's thread too */
static GPtrArray *
sort_items (GPtrArray *items)
{
  guint n = items->len;
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (Key), n);
  GPtrArray *sorted = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = g_ptr_array_index (items, i);
      Key key = { start_of (event), i, event };

      g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_keys);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_array_index (keys, Key, i).event);
  return sorted;
}

/* Puts @mirror and @sorted (both taken) in place; signals the rows between the first and
 * the last that differ */
static void
install (DmSortedEvents *self,
         GPtrArray      *mirror,
         GPtrArray      *sorted)
{
  g_autoptr(GPtrArray) old_mirror = g_steal_pointer (&self->mirror);
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->sorted);
  guint n = sorted->len, prefix = 0, suffix = 0;

  self->mirror = mirror;
  self->sorted = sorted;
  while (prefix < old->len && prefix < n &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (self->sorted, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < n - prefix &&
         g_ptr_array_index (old, old->len - 1 - suffix) ==
         g_ptr_array_index (self->sorted, n - 1 - suffix))
    suffix++;
  if (prefix < old->len || prefix < n)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                n - prefix - suffix);
}

static void
set_sorting (DmSortedEvents *self,
             gboolean        sorting)
{
  if (self->sorting == sorting)
    return;
  self->sorting = sorting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORTING]);
}

typedef struct
{
  GPtrArray *items;  /* DmEvent, owned: the model's items */
  guint      serial;
} Sort;

static void
sort_free (Sort *sort)
{
  g_clear_pointer (&sort->items, g_ptr_array_unref);
  g_free (sort);
}

static void
sort_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Sort *sort = task_data;

  dm_worker_priority_lower ();
  g_task_return_pointer (task, sort_items (sort->items), (GDestroyNotify) g_ptr_array_unref);
}

/* The next rows of a thread's order shown in an empty list */
static gboolean
add_rows_cb (gpointer user_data)
{
  DmSortedEvents *self = user_data;
  guint from = self->sorted->len, n = self->coming->len;
  guint to = from + ROWS_PER_CALL >= ROWS_IN_CALLS ? n : MIN (n, from + ROWS_PER_CALL);

  for (guint i = from; i < to; i++)
    g_ptr_array_add (self->sorted, g_ptr_array_index (self->coming, i));
  g_list_model_items_changed (G_LIST_MODEL (self), from, 0, to - from);
  /* a change of the model meanwhile sorted everything again */
  if (self->coming == NULL)
    return G_SOURCE_REMOVE;
  if (to < n)
    return G_SOURCE_CONTINUE;
  self->coming_id = 0;
  g_clear_pointer (&self->coming, g_ptr_array_unref);
  set_sorting (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
stop_adding_rows (DmSortedEvents *self)
{
  g_clear_handle_id (&self->coming_id, g_source_remove);
  g_clear_pointer (&self->coming, g_ptr_array_unref);
}

static void
sorted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DmSortedEvents *self = DM_SORTED_EVENTS (object);
  Sort *sort = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) sorted = g_task_propagate_pointer (G_TASK (result), NULL);

  /* the model changed since (it was sorted again), or the sorted model is gone */
  if (sort->serial != self->serial || self->model == NULL)
    return;
  if (self->sorted->len > 0 || sorted->len <= ROWS_PER_CALL)
    {
      install (self, g_steal_pointer (&sort->items), g_steal_pointer (&sorted));
      set_sorting (self, FALSE);
      return;
    }
  /* an empty list (a file opened into an empty window): its rows a part at a time, the
   * model's items all there (any change of the model meanwhile sorts all again) */
  g_ptr_array_unref (self->mirror);
  self->mirror = g_steal_pointer (&sort->items);
  self->coming = g_steal_pointer (&sorted);
  if (add_rows_cb (self) == G_SOURCE_CONTINUE)
    self->coming_id = g_timeout_add_full (GDK_PRIORITY_REDRAW + 10, ROWS_INTERVAL_MS,
                                          add_rows_cb, self, NULL);
}

/* Everything again from the model: at once, or by a thread while threaded */
static void
sort_all (DmSortedEvents *self)
{
  GPtrArray *items = read_items (self->model);
  g_autoptr(GTask) task = NULL;
  Sort *sort;

  self->serial++;
  stop_adding_rows (self);
  if (!self->threaded || items->len == 0)
    {
      install (self, items, sort_items (items));
      set_sorting (self, FALSE);
      return;
    }
  sort = g_new0 (Sort, 1);
  sort->items = items;
  sort->serial = self->serial;
  task = g_task_new (self, NULL, sorted_cb, NULL);
  g_task_set_source_tag (task, sort_all);
  g_task_set_task_data (task, sort, (GDestroyNotify) sort_free);
  g_task_run_in_thread (task, sort_in_thread);
  set_sorting (self, TRUE);
}

static void
remove_sorted (DmSortedEvents *self,
               DmEvent        *event,
               guint          *position)
{
  *position = dm_sorted_events_find (self, event);
  g_assert (*position != G_MAXUINT);
  g_ptr_array_remove_index (self->sorted, *position);
}

static void
model_items_changed_cb (DmSortedEvents *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *model)
{
  g_autoptr(DmEvent) old = NULL;
  guint where, at;

  g_assert (DM_IS_SORTED_EVENTS (self));

  /* while a thread sorts, the rows are not the model's: everything again */
  if (removed + added > MAX_STEPS || self->sorting)
    {
      sort_all (self);
      return;
    }
  /* an event replaced by another (an edit): one signal when it stays in its row */
  if (removed == 1 && added == 1)
    {
      /* the old one's reference goes after the rows no longer show it */
      old = g_ptr_array_index (self->mirror, position);
      remove_sorted (self, old, &where);
      g_ptr_array_index (self->mirror, position) = g_list_model_get_item (model, position);
      at = place_of (self, position);
      g_ptr_array_insert (self->sorted, at, g_ptr_array_index (self->mirror, position));
      if (at == where)
        g_list_model_items_changed (G_LIST_MODEL (self), where, 1, 1);
      else
        {
          g_ptr_array_remove_index (self->sorted, at);
          g_list_model_items_changed (G_LIST_MODEL (self), where, 1, 0);
          g_ptr_array_insert (self->sorted, at, g_ptr_array_index (self->mirror, position));
          g_list_model_items_changed (G_LIST_MODEL (self), at, 0, 1);
        }
      return;
    }
  for (guint i = 0; i < removed; i++)
    {
      remove_sorted (self, g_ptr_array_index (self->mirror, position + i), &where);
      g_list_model_items_changed (G_LIST_MODEL (self), where, 1, 0);
    }
  g_ptr_array_remove_range (self->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_ptr_array_insert (self->mirror, position + i, g_list_model_get_item (model, position + i));
      at = place_of (self, position + i);
      g_ptr_array_insert (self->sorted, at, g_ptr_array_index (self->mirror, position + i));
      g_list_model_items_changed (G_LIST_MODEL (self), at, 0, 1);
    }
}

static void
dm_sorted_events_dispose (GObject *object)
{
  DmSortedEvents *self = DM_SORTED_EVENTS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->serial++;  /* a thread's result is dropped */
  stop_adding_rows (self);
  G_OBJECT_CLASS (dm_sorted_events_parent_class)->dispose (object);
}

static void
dm_sorted_events_finalize (GObject *object)
{
  DmSortedEvents *self = DM_SORTED_EVENTS (object);

  g_ptr_array_unref (self->sorted);
  g_ptr_array_unref (self->mirror);
  G_OBJECT_CLASS (dm_sorted_events_parent_class)->finalize (object);
}

static void
dm_sorted_events_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DmSortedEvents *self = DM_SORTED_EVENTS (object);

  switch (prop_id)
    {
    case PROP_SORTING:
      g_value_set_boolean (value, self->sorting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_sorted_events_class_init (DmSortedEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dm_sorted_events_dispose;
  object_class->finalize = dm_sorted_events_finalize;
  object_class->get_property = dm_sorted_events_get_property;

  /* A thread sorts the model's items; the rows are the ones before until it is done */
  properties[PROP_SORTING] =
    g_param_spec_boolean ("sorting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dm_sorted_events_init (DmSortedEvents *self)
{
  self->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = g_ptr_array_new ();
}

DmSortedEvents *
dm_sorted_events_new (GListModel *model)
{
  DmSortedEvents *self = g_object_new (DM_TYPE_SORTED_EVENTS, NULL);

  dm_sorted_events_set_model (self, model);
  return self;
}

GListModel *
dm_sorted_events_get_model (DmSortedEvents *self)
{
  g_return_val_if_fail (DM_IS_SORTED_EVENTS (self), NULL);
  return self->model;
}

void
dm_sorted_events_set_model (DmSortedEvents *self,
                            GListModel     *model)
{
  g_return_if_fail (DM_IS_SORTED_EVENTS (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  sort_all (self);
}

void
dm_sorted_events_set_threaded (DmSortedEvents *self,
                               gboolean        threaded)
{
  g_return_if_fail (DM_IS_SORTED_EVENTS (self));
  self->threaded = threaded;
}

gboolean
dm_sorted_events_get_sorting (DmSortedEvents *self)
{
  g_return_val_if_fail (DM_IS_SORTED_EVENTS (self), FALSE);
  return self->sorting;
}
