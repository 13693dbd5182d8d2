/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-route-private.h"

/* Where each actor is at a moment, from the same legs and stays the map draws: on a leg in the
 * air (its marker), at a visit, summit or meeting going on (its mark), at the end of their last
 * leg, or not known: a leg whose time no source gave may be under way (it flies no marker), or
 * nothing is known yet. `diplomap --where` prints this, and tests ask it what a map shows. */

typedef struct
{
  const DmRouteLeg  *air;      /* a leg with known times in the air */
  const DmRouteLeg  *window;   /* a leg of unknown time that may be under way */
  const DmRouteLeg  *last;     /* the leg that ended last */
  const DmRouteLeg  *next;     /* the leg that starts next */
  const DmRouteStay *stay;     /* a stay going on */
  const DmRouteStay *last_stay;
  const DmRouteStay *next_stay;
} Seen;

static const DmTime *
known_or_null (const DmTime *time)
{
  return dm_time_is_known (time) ? time : NULL;
}

static void
see_leg (Seen             *seen,
         const DmRouteLeg *leg,
         gint64            t)
{
  if (leg->start <= t && t < leg->end)
    {
      if (leg->uncertain)
        seen->window = seen->window ? seen->window : leg;
      else if (seen->air == NULL || leg->start > seen->air->start)
        seen->air = leg;
    }
  else if (leg->end <= t)
    {
      if (seen->last == NULL || leg->end >= seen->last->end)
        seen->last = leg;
    }
  else if (seen->next == NULL || leg->start < seen->next->start)
    seen->next = leg;
}

static void
see_stay (Seen              *seen,
          const DmRouteStay *stay,
          gint64             t)
{
  if (dm_route_stay_is_on (stay, t))
    seen->stay = seen->stay ? seen->stay : stay;
  else if (stay->end <= t)
    {
      if (seen->last_stay == NULL || stay->end >= seen->last_stay->end)
        seen->last_stay = stay;
    }
  else if (seen->next_stay == NULL || stay->start < seen->next_stay->start)
    seen->next_stay = stay;
}

static DmWhere
decide (DmActor    *actor,
        const Seen *seen)
{
  DmWhere w = { actor, DM_WHERE_UNKNOWN, NULL, NULL, NULL, NULL, NULL, NULL, NULL };

  if (seen->air != NULL)
    {
      DmLeg *leg = seen->air->leg;

      w.state = DM_WHERE_TRAVELLING;
      w.event = seen->air->event, w.leg = leg;
      w.from = leg->from, w.to = leg->to;
      w.since = known_or_null (&leg->depart);
      w.until = known_or_null (&leg->arrive);
    }
  else if (seen->stay != NULL)
    {
      DmEvent *event = seen->stay->event;

      w.state = DM_WHERE_AT;
      w.event = event;
      w.place = dm_event_get_place (event);
      w.since = known_or_null (dm_event_get_start (event));
      w.until = known_or_null (dm_event_get_end (event));
      if (w.until == NULL)
        w.until = w.since;
    }
  else if (seen->window != NULL)
    {
      /* known to happen, not when: perhaps still at its start, perhaps under way */
      w.event = seen->window->event, w.leg = seen->window->leg;
      w.from = seen->window->leg->from, w.to = seen->window->leg->to;
    }
  else if (seen->last != NULL &&
           (seen->last_stay == NULL || seen->last->end >= seen->last_stay->end))
    {
      DmLeg *leg = seen->last->leg;

      w.state = DM_WHERE_AT;
      w.event = seen->last->event;
      w.place = leg->to;
      w.since = known_or_null (&leg->arrive);
      if (w.since == NULL)
        w.since = known_or_null (&leg->depart);
      w.until = seen->next ? known_or_null (&seen->next->leg->depart) : NULL;
    }
  else
    {
      /* nothing going on: the last place known, and the next */
      if (seen->last_stay != NULL)
        w.from = dm_event_get_place (seen->last_stay->event);
      else if (seen->last != NULL)
        w.from = seen->last->leg->to;
      if (seen->next != NULL && (seen->next_stay == NULL || seen->next->start <= seen->next_stay->start))
        w.to = seen->next->leg->from;
      else if (seen->next_stay != NULL)
        w.to = dm_event_get_place (seen->next_stay->event);
    }
  return w;
}

/**
 * dm_route_set_dup_where:
 * @t: UTC seconds
 *
 * Where each actor of the set is at @t, as the map draws it, in the order of
 * dm_route_set_get_actors().
 * Returns: (transfer full) (element-type DmWhere): the actors' whereabouts
 */
GArray *
dm_route_set_dup_where (DmRouteSet *self,
                        gint64      t)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autofree Seen *seen = NULL;
  GArray *out;
  guint n;

  g_return_val_if_fail (DM_IS_ROUTE_SET (self), NULL);
  dm_route_set_ensure (self);
  n = self->actors->len;
  seen = g_new0 (Seen, MAX (n, 1));
  for (guint a = 0; a < n; a++)
    g_hash_table_insert (index, g_ptr_array_index (self->actors, a), GUINT_TO_POINTER (a + 1));

  for (guint i = 0; i < self->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, i);

      if (leg->actor < n && leg->status != DM_STATUS_CANCELLED)
        see_leg (&seen[leg->actor], leg, t);
    }
  for (guint i = 0; i < self->stays->len; i++)
    {
      const DmRouteStay *stay = &g_array_index (self->stays, DmRouteStay, i);
      GPtrArray *participants = dm_event_get_participants (stay->event);
      DmActor *actor = dm_event_get_actor (stay->event);
      guint a;

      if (stay->status == DM_STATUS_CANCELLED)
        continue;
      /* every participant is there, not only the one whose colour the mark takes */
      if (actor != NULL && (a = GPOINTER_TO_UINT (g_hash_table_lookup (index, actor))) > 0)
        see_stay (&seen[a - 1], stay, t);
      for (guint k = 0; participants != NULL && k < participants->len; k++)
        {
          DmActor *p = g_ptr_array_index (participants, k);
          if (p != actor && (a = GPOINTER_TO_UINT (g_hash_table_lookup (index, p))) > 0)
            see_stay (&seen[a - 1], stay, t);
        }
    }

  out = g_array_sized_new (FALSE, TRUE, sizeof (DmWhere), n);
  for (guint a = 0; a < n; a++)
    {
      DmWhere w = decide (g_ptr_array_index (self->actors, a), &seen[a]);
      g_array_append_val (out, w);
    }
  return out;
}
