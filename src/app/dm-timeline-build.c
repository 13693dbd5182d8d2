/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-timeline"

#include "config.h"

#include <string.h>

#include "dm-timeline-private.h"

/* The timeline's lanes and items, built from a snapshot of the events and actors (taken on
 * the main thread: a GListStore is not read from another thread) by code that touches no
 * widget, so that a big document's are built by a worker thread (dm-timeline.c). Events
 * are never edited in place (an edit puts a new event in the old one's place), so the
 * snapshot's events can be read from any thread. */

DmTimelineBuild *
dm_timeline_build_new (GListModel *events,
                       GListModel *actors)
{
  guint n = events != NULL ? g_list_model_get_n_items (events) : 0;
  g_autoptr(GPtrArray) snapshot = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snapshot, g_list_model_get_item (events, i));
  return dm_timeline_build_new_for (snapshot, actors);
}

/* The same from @events, a snapshot already taken (DmEvent, holding references), shared:
 * neither the build nor whoever else holds it changes it */
DmTimelineBuild *
dm_timeline_build_new_for (GPtrArray  *events,
                           GListModel *actors)
{
  DmTimelineBuild *build = g_new0 (DmTimelineBuild, 1);
  guint n_actors = actors != NULL ? g_list_model_get_n_items (actors) : 0;

  build->events = g_ptr_array_ref (events);
  build->actors = g_ptr_array_new_full (n_actors, g_object_unref);
  for (guint i = 0; i < n_actors; i++)
    g_ptr_array_add (build->actors, g_list_model_get_item (actors, i));
  build->lanes = g_ptr_array_new ();
  build->items = g_array_new (FALSE, TRUE, sizeof (DmTimelineItem));
  build->lane_items = g_array_new (FALSE, FALSE, sizeof (guint));
  build->lane_starts = g_array_new (FALSE, TRUE, sizeof (guint));
  build->start = G_MAXINT64;
  build->end = G_MININT64;
  return build;
}

void
dm_timeline_build_free (DmTimelineBuild *build)
{
  g_clear_pointer (&build->events, g_ptr_array_unref);
  g_clear_pointer (&build->actors, g_ptr_array_unref);
  g_clear_pointer (&build->lanes, g_ptr_array_unref);
  g_clear_pointer (&build->items, g_array_unref);
  g_clear_pointer (&build->lane_items, g_array_unref);
  g_clear_pointer (&build->lane_starts, g_array_unref);
  g_free (build);
}

typedef struct
{
  gint64 first;   /* the start of the lane's first event */
  guint  index;   /* the lane's place before sorting */
} LaneOrder;

static int
compare_lanes (gconstpointer a,
               gconstpointer b)
{
  const LaneOrder *la = a, *lb = b;

  if (la->first != lb->first)
    return la->first < lb->first ? -1 : 1;
  return (la->index > lb->index) - (la->index < lb->index);
}

/* Lanes by their first event, so that a long record reads as a staircase from the top
 * left; the "others" lane last */
static void
order_lanes (DmTimelineBuild *build)
{
  guint n = build->lanes->len;
  g_autofree LaneOrder *order = g_new (LaneOrder, n);
  g_autofree guint *new_index = g_new (guint, n);
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    order[i] = (LaneOrder) { g_ptr_array_index (build->lanes, i) ? G_MAXINT64 - 1 : G_MAXINT64, i };
  for (guint i = 0; i < build->items->len; i++)
    {
      DmTimelineItem *item = &g_array_index (build->items, DmTimelineItem, i);
      if (g_ptr_array_index (build->lanes, item->lane) != NULL)
        order[item->lane].first = MIN (order[item->lane].first, item->start);
    }
  /* no lane: order is NULL, which qsort() may not be given even for nothing (UBSan) */
  if (n > 1)
    qsort (order, n, sizeof (LaneOrder), compare_lanes);
  for (guint i = 0; i < n; i++)
    {
      new_index[order[i].index] = i;
      g_ptr_array_add (sorted, g_ptr_array_index (build->lanes, order[i].index));
    }
  for (guint i = 0; i < build->items->len; i++)
    {
      DmTimelineItem *item = &g_array_index (build->items, DmTimelineItem, i);
      item->lane = new_index[item->lane];
    }
  g_ptr_array_set_size (build->lanes, 0);
  g_ptr_array_extend_and_steal (build->lanes, g_steal_pointer (&sorted));
}

/* @index: each lane's actor to its index + 1 (a walk of the lanes for each of the 385,000
 * items of 100,000 generated events was 30 % of the reload) */
static guint
lane_for_actor (DmTimelineBuild *build,
                GHashTable      *index,
                DmActor         *actor)
{
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (index, actor));

  if (found > 0)
    return found - 1;
  g_ptr_array_add (build->lanes, actor);
  g_hash_table_insert (index, actor, GUINT_TO_POINTER (build->lanes->len));
  return build->lanes->len - 1;
}

typedef struct
{
  gint64  start;   /* its drawn span */
  gint64  end;
  DmEvent *event;
  guint   index;   /* in the document */
} EventKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const EventKey *ka = a, *kb = b;

  if (ka->start != kb->start)
    return ka->start < kb->start ? -1 : 1;
  return (ka->index > kb->index) - (ka->index < kb->index);
}

/* Each lane's items, in the items' order: drawing and picking visit the lanes in view only
 * (100,000 generated events have 385,000 items in 200 lanes, 8 of them in view) */
static void
index_lanes (DmTimelineBuild *build)
{
  guint n_lanes = build->lanes->len;
  guint *at;

  g_array_set_size (build->lane_starts, n_lanes + 1);
  g_array_set_size (build->lane_items, build->items->len);
  at = (guint *) build->lane_starts->data;
  memset (at, 0, (n_lanes + 1) * sizeof (guint));
  for (guint i = 0; i < build->items->len; i++)
    at[g_array_index (build->items, DmTimelineItem, i).lane + 1]++;
  for (guint l = 0; l < n_lanes; l++)
    at[l + 1] += at[l];
  {
    g_autofree guint *next = g_memdup2 (at, n_lanes * sizeof (guint));

    for (guint i = 0; i < build->items->len; i++)
      g_array_index (build->lane_items, guint, next[g_array_index (build->items, DmTimelineItem, i).lane]++) = i;
  }
}

/* How many events between two looks at the cancellable */
#define CANCEL_CHECK 4096

/* Builds @build's lanes and items from its snapshot, on any thread; stops early (the build
 * then half made, to be dropped) when @cancellable is cancelled */
void
dm_timeline_build_run (DmTimelineBuild *build,
                       GCancellable    *cancellable)
{
  guint n = build->events->len;
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) lane_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (EventKey), n);
  gboolean has_others = FALSE, sorted = TRUE;
  gint64 s = G_MAXINT64, e = G_MININT64;

  /* One walk of the events: the actors they name, their drawn spans, the document's
   * extent (dm_document_get_extent()'s: their spans) */
  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = g_ptr_array_index (build->events, i);
      GPtrArray *parts = dm_event_get_participants (event);
      EventKey key = { 0, 0, event, i };
      gint64 es, ee;

      if (i % CANCEL_CHECK == 0 && g_cancellable_is_cancelled (cancellable))
        return;
      g_hash_table_add (used, dm_event_get_actor (event));
      for (guint j = 0; j < parts->len; j++)
        g_hash_table_add (used, g_ptr_array_index (parts, j));
      if (!dm_event_get_span (event, &es, &ee))
        continue;
      s = MIN (s, es);
      e = MAX (e, ee);
      dm_event_get_drawn_span (event, &key.start, &key.end);
      if (keys->len > 0 && key.start < g_array_index (keys, EventKey, keys->len - 1).start)
        sorted = FALSE;
      g_array_append_val (keys, key);
    }
  /* A lane for each actor of the events, in the document's order: a filtered view of a
   * large record shows only its own */
  for (guint i = 0; i < build->actors->len; i++)
    {
      DmActor *actor = g_ptr_array_index (build->actors, i);
      if (g_hash_table_contains (used, actor))
        g_ptr_array_add (build->lanes, actor);  /* build->actors keeps it alive */
    }
  for (guint i = 0; i < build->lanes->len; i++)
    g_hash_table_insert (lane_index, g_ptr_array_index (build->lanes, i), GUINT_TO_POINTER (i + 1));
  /* The items by start, an event's together in its order: the events sorted, stably,
   * not the items (they were sorted after, by a stable sort on the start alone; a record
   * in order of time is not sorted again) */
  if (!sorted)
    g_array_sort (keys, compare_keys);
  if (g_cancellable_is_cancelled (cancellable))
    return;
  for (guint i = 0; i < keys->len; i++)
    {
      const EventKey *key = &g_array_index (keys, EventKey, i);
      DmEvent *event = key->event;
      DmTimelineItem item = { event, 0, key->start, key->end };
      DmActor *actor = dm_event_get_actor (event);
      GPtrArray *parts = dm_event_get_participants (event);

      if (actor == NULL && parts->len > 0)
        actor = g_ptr_array_index (parts, 0);
      if (actor == NULL)
        has_others = TRUE;
      else
        item.lane = lane_for_actor (build, lane_index, actor);
      g_array_append_val (build->items, item);

      /* A summit or a meeting shows in the lane of everyone taking part */
      for (guint j = 0; j < parts->len; j++)
        {
          DmActor *p = g_ptr_array_index (parts, j);
          DmTimelineItem also = item;

          if (p == actor)
            continue;
          also.lane = lane_for_actor (build, lane_index, p);
          g_array_append_val (build->items, also);
        }
    }
  if (has_others)
    {
      guint others = lane_for_actor (build, lane_index, NULL);
      for (guint i = 0; i < build->items->len; i++)
        {
          DmTimelineItem *item = &g_array_index (build->items, DmTimelineItem, i);
          DmActor *actor = dm_event_get_actor (item->event);
          if (actor == NULL && dm_event_get_participants (item->event)->len == 0)
            item->lane = others;
        }
    }
  order_lanes (build);
  index_lanes (build);
  build->start = s;
  build->end = e;
  build->done = TRUE;
}
