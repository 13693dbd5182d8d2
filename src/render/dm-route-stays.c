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

/* Leg indices grouped by place: legs of place p are idx[first[p]] .. idx[first[p + 1] - 1] */
typedef struct
{
  guint *first;
  guint *idx;
} ByPlace;

static void
by_place_init (ByPlace          *b,
               const DmRouteSet *self,
               gboolean          arriving)
{
  guint n_places = self->places->len, n_legs = self->legs->len;
  g_autofree guint *fill = g_new0 (guint, n_places + 1);

  b->first = g_new0 (guint, n_places + 1);
  b->idx = g_new (guint, MAX (n_legs, 1));
  for (guint i = 0; i < n_legs; i++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, i);
      b->first[(arriving ? leg->to_place : leg->from_place) + 1]++;
    }
  for (guint p = 0; p < n_places; p++)
    b->first[p + 1] += b->first[p];
  for (guint i = 0; i < n_legs; i++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, i);
      guint p = arriving ? leg->to_place : leg->from_place;
      b->idx[b->first[p] + fill[p]++] = i;
    }
}

static void
by_place_clear (ByPlace *b)
{
  g_free (b->first);
  g_free (b->idx);
}

static guint
actor_index (const DmRouteSet *self,
             DmActor          *actor)
{
  guint i;

  if (actor != NULL && g_ptr_array_find (self->actors, actor, &i))
    return i;
  return DM_ROUTE_NO_ACTOR;
}

/* The stay's actors: the traveller, then the participants */
static GArray *
stay_actors (const DmRouteSet  *self,
             const DmRouteStay *s)
{
  GArray *actors = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *parts = dm_event_get_participants (s->event);
  guint a = actor_index (self, dm_event_get_actor (s->event));

  if (a != DM_ROUTE_NO_ACTOR)
    g_array_append_val (actors, a);
  for (guint i = 0; i < parts->len; i++)
    {
      a = actor_index (self, g_ptr_array_index (parts, i));
      if (a != DM_ROUTE_NO_ACTOR)
        g_array_append_val (actors, a);
    }
  return actors;
}

static gboolean
is_coarse (const DmTime *time)
{
  return dm_time_is_known (time) && time->precision < DM_PRECISION_MINUTE && !time->approximate;
}

/* The latest, over the stay's actors, of each one's first landing at the place within
 * [day0, day1); G_MININT64 when none lands then */
static gint64
last_arrival (const DmRouteSet *self,
              const ByPlace    *in,
              guint             place,
              GArray           *actors,
              gint64            day0,
              gint64            day1)
{
  gint64 latest = G_MININT64;

  for (guint a = 0; a < actors->len; a++)
    {
      gint64 first = G_MAXINT64;

      for (guint k = in->first[place]; k < in->first[place + 1]; k++)
        {
          const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, in->idx[k]);
          if (leg->actor == g_array_index (actors, guint, a) && day0 <= leg->end && leg->end < day1)
            first = MIN (first, leg->end);
        }
      if (first != G_MAXINT64)
        latest = MAX (latest, first);
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
  gint64 first = G_MAXINT64;

  for (guint k = out->first[place]; k < out->first[place + 1]; k++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, out->idx[k]);

      if (leg->start <= after || leg->start < day0 || leg->start >= day1)
        continue;
      for (guint a = 0; a < actors->len; a++)
        if (leg->actor == g_array_index (actors, guint, a))
          first = MIN (first, leg->start);
    }
  return first;
}

/**
 * dm_route_set_fit_stays: (skip)
 * Moves the drawn start and end of stays known only to the day to their actors' arrival
 * and departure that day (see above). Called by the set's rebuild, after legs and stays.
 */
void
dm_route_set_fit_stays (DmRouteSet *self)
{
  ByPlace in, out;

  if (self->stays->len == 0 || self->legs->len == 0)
    return;
  by_place_init (&in, self, TRUE);
  by_place_init (&out, self, FALSE);
  for (guint i = 0; i < self->stays->len; i++)
    {
      DmRouteStay *s = &g_array_index (self->stays, DmRouteStay, i);
      const DmTime *start = dm_event_get_start (s->event), *end = dm_event_get_end (s->event);
      const DmTime *last = dm_time_is_known (end) ? end : start;
      g_autoptr(GArray) actors = stay_actors (self, s);
      gint64 from = s->start, until = s->end;

      if (is_coarse (start))
        {
          gint64 landed = last_arrival (self, &in, s->place, actors, start->earliest,
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
