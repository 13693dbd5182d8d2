/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include "dm-route-private.h"

/* Where an actor is, drawn consistently. A visit "on 27 October" starts at local midnight,
 * while a leg known only to the day is drawn at midday (or at an estimated time): drawn as
 * they are, the delegation would be in Tokyo before it has left Kuala Lumpur. So when a stay's
 * start is known only to the day (or a coarser period), it is drawn from the moment its
 * actor's leg into that place lands within that day; when its end is known only to the day,
 * it is drawn until its actor's next leg out of that place leaves within that day. For a
 * summit or a meeting every participant with such a leg counts: it shows once the last of
 * them has landed and until the first leaves. Only the drawing follows: the events keep the
 * times their file gives. Done once, when the set is built. */

/* Leg indices grouped by place and, within a place, sorted by the time looked at (the
 * landing for legs into it, the take-off for legs out of it): legs of place p are
 * idx[first[p]] .. idx[first[p + 1] - 1], and times[k] is leg idx[k]'s time. A stay then
 * finds the legs of its day by a binary search instead of a walk over all its place's legs
 * (that walk, for every stay, made a document of 100,000 events block the window for a
 * minute). */
typedef struct
{
  guint  *first;
  guint  *idx;
  gint64 *times;
} ByPlace;

static gint64
leg_time (const DmRouteLeg *leg,
          gboolean          arriving)
{
  return arriving ? leg->end : leg->start;
}

/* The set's legs sorted by end (arriving) or by start, equal times in the order of the legs
 * (by_end, by_start), dealt out to their places: each place's legs come sorted */
static void
by_place_init (ByPlace          *b,
               const DmRouteSet *self,
               gboolean          arriving)
{
  guint n_places = self->places->len, n_legs = self->legs->len;
  const DmRouteLeg *legs = (const DmRouteLeg *) (const void *) self->legs->data;
  const guint *order = arriving ? self->by_end : self->by_start;
  g_autofree guint *fill = g_new0 (guint, n_places + 1);

  b->first = g_new0 (guint, n_places + 1);
  b->idx = g_new (guint, MAX (n_legs, 1));
  b->times = g_new (gint64, MAX (n_legs, 1));
  for (guint i = 0; i < n_legs; i++)
    b->first[(arriving ? legs[i].to_place : legs[i].from_place) + 1]++;
  for (guint p = 0; p < n_places; p++)
    b->first[p + 1] += b->first[p];
  for (guint k = 0; k < n_legs; k++)
    {
      guint i = order[k];
      guint p = arriving ? legs[i].to_place : legs[i].from_place;
      guint at = b->first[p] + fill[p]++;

      b->idx[at] = i;
      b->times[at] = leg_time (&legs[i], arriving);
    }
}

static void
by_place_clear (ByPlace *b)
{
  g_free (b->first);
  g_free (b->idx);
  g_free (b->times);
}

/* The first of @place's legs whose time is at least @t */
static guint
by_place_lower_bound (const ByPlace *b,
                      guint          place,
                      gint64         t)
{
  guint lo = b->first[place], hi = b->first[place + 1];

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (b->times[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The stay's actors: the traveller, then the participants, in @actors */
static void
stay_actors (GHashTable        *actor_index,
             const DmRouteStay *s,
             GArray            *actors)
{
  GPtrArray *parts = dm_event_get_participants (s->event);
  DmActor *actor = dm_event_get_actor (s->event);
  gpointer value;
  guint a;

  g_array_set_size (actors, 0);
  if (actor != NULL && g_hash_table_lookup_extended (actor_index, actor, NULL, &value))
    {
      a = GPOINTER_TO_UINT (value);
      g_array_append_val (actors, a);
    }
  for (guint i = 0; i < parts->len; i++)
    if (g_hash_table_lookup_extended (actor_index, g_ptr_array_index (parts, i), NULL, &value))
      {
        a = GPOINTER_TO_UINT (value);
        g_array_append_val (actors, a);
      }
}

static gboolean
is_coarse (const DmTime *time)
{
  return dm_time_is_known (time) && time->precision < DM_PRECISION_MINUTE && !time->approximate;
}

/* The position of @actor in @actors, or -1 */
static int
find_actor (GArray *actors,
            guint   actor)
{
  for (guint a = 0; a < actors->len; a++)
    if (g_array_index (actors, guint, a) == actor)
      return (int) a;
  return -1;
}

/* The latest, over the stay's actors, of each one's first landing at the place within
 * [day0, day1); G_MININT64 when none lands then. The legs are walked in the order they
 * land, so an actor's first leg met is its first landing. */
static gint64
last_arrival (const DmRouteSet *self,
              const ByPlace    *in,
              guint             place,
              GArray           *actors,
              GArray           *seen_array,
              gint64            day0,
              gint64            day1)
{
  gint64 latest = G_MININT64;
  gboolean *seen;

  g_array_set_size (seen_array, 0);
  g_array_set_size (seen_array, actors->len);
  seen = (gboolean *) (void *) seen_array->data;

  for (guint k = by_place_lower_bound (in, place, day0);
       k < in->first[place + 1] && in->times[k] < day1; k++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, in->idx[k]);
      int a = find_actor (actors, leg->actor);

      if (a >= 0 && !seen[a])
        {
          seen[a] = TRUE;
          latest = MAX (latest, leg->end);
        }
    }
  return latest;
}

/* The first departure of any of the stay's actors from the place within [day0, day1) and
 * after @after; G_MAXINT64 when none leaves then */
static gint64
first_departure (const DmRouteSet *self,
                 const ByPlace    *out,
                 guint             place,
                 GArray           *actors,
                 gint64            after,
                 gint64            day0,
                 gint64            day1)
{
  for (guint k = by_place_lower_bound (out, place, day0);
       k < out->first[place + 1] && out->times[k] < day1; k++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, out->idx[k]);

      if (leg->start > after && find_actor (actors, leg->actor) >= 0)
        return leg->start;
    }
  return G_MAXINT64;
}

/**
 * dm_route_set_fit_stays: (skip)
 * Moves the drawn start and end of stays known only to the day to their actors' arrival
 * and departure that day (see above). Called by the set's rebuild, after legs and stays
 * and their sorting by start and by end.
 */
void
dm_route_set_fit_stays (DmRouteSet *self)
{
  g_autoptr(GHashTable) actor_index = NULL;
  g_autoptr(GArray) actors = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) seen = g_array_new (FALSE, TRUE, sizeof (gboolean));
  ByPlace in, out;

  if (self->stays->len == 0 || self->legs->len == 0)
    return;
  actor_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->actors->len; i++)
    if (!g_hash_table_contains (actor_index, g_ptr_array_index (self->actors, i)))
      g_hash_table_insert (actor_index, g_ptr_array_index (self->actors, i), GUINT_TO_POINTER (i));
  by_place_init (&in, self, TRUE);
  by_place_init (&out, self, FALSE);
  for (guint i = 0; i < self->stays->len; i++)
    {
      DmRouteStay *s = &g_array_index (self->stays, DmRouteStay, i);
      const DmTime *start = dm_event_get_start (s->event), *end = dm_event_get_end (s->event);
      const DmTime *last = dm_time_is_known (end) ? end : start;
      gint64 from = s->start, until = s->end;

      stay_actors (actor_index, s, actors);

      if (is_coarse (start))
        {
          gint64 landed = last_arrival (self, &in, s->place, actors, seen, start->earliest,
                                        start->latest);
          if (landed != G_MININT64 && landed > from && landed < until)
            from = landed;
        }
      if (is_coarse (last))
        {
          gint64 left = first_departure (self, &out, s->place, actors, from, last->earliest,
                                         last->latest);
          if (left != G_MAXINT64 && left < until)
            until = left;
        }
      s->start = from;
      s->end = until;
    }
  by_place_clear (&in);
  by_place_clear (&out);
}
