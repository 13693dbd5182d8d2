/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include "dm-whereabouts-private.h"

/* The stays of every actor (src/model/dm-whereabouts.c), collected for a whole file at once:
 * 100,000 events put 360,000 stays on 200 actors. A hash look-up and an append to a growing
 * array per stay, then a merge sort per actor, were most of dm_whereabouts_apply(); now the
 * events are walked twice, first to count each actor's stays (an actor's number found in a
 * small table of our own, kept as it was found), then to put each stay in its place in one
 * array where each actor's stays are together, in the order of the events; each actor's are
 * then sorted by their start, a stable radix sort of the structs (insertion for a few,
 * nothing for stays already in order). */

typedef struct
{
  DmActor *actor;
  guint    first; /* its stays: stays[first .. first + n) */
  guint    n;
  guint    filled;
} ActorStays;

struct _DmStays
{
  DmStay     *stays;
  GArray     *actors; /* ActorStays, in the order they were first found */
  guint      *table;  /* index + 1 in actors of the actor hashed there, 0 for none */
  guint       mask;
  gint64      known_end;
};

#define FEW_STAYS 32

static inline guint
hash_actor (DmActor *actor)
{
  guint64 h = (guint64) GPOINTER_TO_SIZE (actor) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  return (guint) (h >> 32);
}

/* The index in self->actors of @actor, G_MAXUINT if it has no stay */
static guint
find_actor (DmStays *self,
            DmActor *actor)
{
  for (guint i = hash_actor (actor) & self->mask;; i = (i + 1) & self->mask)
    {
      guint k = self->table[i];

      if (k == 0)
        return G_MAXUINT;
      if (g_array_index (self->actors, ActorStays, k - 1).actor == actor)
        return k - 1;
    }
}

static void
place_actor (DmStays *self,
             guint    k)
{
  DmActor *actor = g_array_index (self->actors, ActorStays, k).actor;
  guint i = hash_actor (actor) & self->mask;

  while (self->table[i] != 0)
    i = (i + 1) & self->mask;
  self->table[i] = k + 1;
}

/* The index of @actor, added if it is new (the table kept at most half full) */
static guint
add_actor (DmStays *self,
           DmActor *actor)
{
  guint k = find_actor (self, actor);
  ActorStays added = { actor, 0, 0, 0 };

  if (k != G_MAXUINT)
    return k;
  k = self->actors->len;
  g_array_append_val (self->actors, added);
  if (2 * (k + 1) > self->mask + 1)
    {
      self->mask = 2 * self->mask + 1;
      g_free (self->table);
      self->table = g_new0 (guint, self->mask + 1);
      for (guint j = 0; j <= k; j++)
        place_actor (self, j);
    }
  else
    place_actor (self, k);
  return k;
}

static inline guint *
add_number (guint *numbers,
            guint *n,
            guint *size,
            guint  number)
{
  if (*n == *size)
    {
      *size = MAX (2 * *size, 1024);
      numbers = g_renew (guint, numbers, *size);
    }
  numbers[(*n)++] = number;
  return numbers;
}

/* Whether @event puts its people somewhere, and when */
static gboolean
get_stay (DmEvent *event,
          gint64  *s,
          gint64  *e)
{
  const DmTime *start = dm_event_get_start (event), *end = dm_event_get_end (event);

  if (dm_event_get_place (event) == NULL || !dm_time_is_known (start))
    return FALSE;
  *s = start->earliest;
  *e = dm_time_is_known (end) ? MAX (end->latest, start->latest) : start->latest;
  return TRUE;
}

/* @stays by their start, those that start together in the order they came: a stable sort of
 * the structs themselves, without a call to compare two, and nothing to do for stays already
 * in order (a file in the order of time). A least significant digit first radix sort of the
 * starts (their distance from the first, eight bits a pass: four passes for a century of
 * seconds), or an insertion sort for a few. */
static void
sort_stays (DmStay *stays,
            guint   n,
            DmStay *scratch)
{
  DmStay *from = stays, *to = scratch;
  gint64 min, max;
  guint64 range;
  guint i;

  for (i = 1; i < n && stays[i - 1].start <= stays[i].start; i++)
    ;
  if (i >= n)
    return;
  if (n <= FEW_STAYS)
    {
      for (; i < n; i++)
        {
          DmStay moved = stays[i];
          guint j = i;

          for (; j > 0 && stays[j - 1].start > moved.start; j--)
            stays[j] = stays[j - 1];
          stays[j] = moved;
        }
      return;
    }
  min = max = stays[0].start;
  for (i = 1; i < n; i++)
    {
      min = MIN (min, stays[i].start);
      max = MAX (max, stays[i].start);
    }
  range = (guint64) max - (guint64) min;
  for (guint shift = 0; shift < 64 && (range >> shift) != 0; shift += 8)
    {
      guint count[256] = { 0 }, position = 0;
      DmStay *swap;

      for (i = 0; i < n; i++)
        count[(((guint64) from[i].start - (guint64) min) >> shift) & 0xff]++;
      if (count[(((guint64) from[0].start - (guint64) min) >> shift) & 0xff] == n)
        continue; /* one digit for all: nothing moves */
      for (guint d = 0; d < 256; d++)
        {
          guint c = count[d];

          count[d] = position;
          position += c;
        }
      for (i = 0; i < n; i++)
        to[count[(((guint64) from[i].start - (guint64) min) >> shift) & 0xff]++] = from[i];
      swap = from;
      from = to;
      to = swap;
    }
  if (from != stays)
    memcpy (stays, from, n * sizeof (DmStay));
}

/**
 * dm_stays_collect:
 *
 * The stays of every actor of @events (DmEvent), from the events' own times (never
 * estimates), each actor's by their start.
 */
DmStays *
dm_stays_collect (GPtrArray *events)
{
  DmStays *self = g_new0 (DmStays, 1);
  g_autofree guint *numbers = NULL; /* each stay's actor, in the order of the events */
  guint n_numbers = 0, numbers_size = 0;
  g_autofree DmStay *scratch = NULL;
  guint first = 0, most = 0, j = 0;

  self->actors = g_array_new (FALSE, FALSE, sizeof (ActorStays));
  self->mask = 63;
  self->table = g_new0 (guint, self->mask + 1);
  self->known_end = G_MININT64;
  /* each stay's actor, counted */
  for (guint i = 0; i < events->len; i++)
    {
      DmEvent *event = g_ptr_array_index (events, i);
      GPtrArray *participants = dm_event_get_participants (event);
      GPtrArray *legs = dm_event_get_legs (event);
      DmActor *actor = dm_event_get_actor (event);
      gint64 s, e;
      guint k;

      for (guint l = 0; legs != NULL && l < legs->len; l++)
        {
          DmLeg *leg = g_ptr_array_index (legs, l);
          if (!leg->uncertain)
            self->known_end = MAX (self->known_end, leg->end);
        }
      if (!get_stay (event, &s, &e))
        continue;
      self->known_end = MAX (self->known_end, e);
      if (actor != NULL)
        {
          k = add_actor (self, actor);
          g_array_index (self->actors, ActorStays, k).n++;
          numbers = add_number (numbers, &n_numbers, &numbers_size, k);
        }
      for (guint p = 0; participants != NULL && p < participants->len; p++)
        if (g_ptr_array_index (participants, p) != actor)
          {
            k = add_actor (self, g_ptr_array_index (participants, p));
            g_array_index (self->actors, ActorStays, k).n++;
            numbers = add_number (numbers, &n_numbers, &numbers_size, k);
          }
    }
  for (guint k = 0; k < self->actors->len; k++)
    {
      ActorStays *a = &g_array_index (self->actors, ActorStays, k);

      a->first = first;
      first += a->n;
      most = MAX (most, a->n);
    }
  /* each stay in its place, in the order of the events */
  self->stays = g_new (DmStay, n_numbers);
  for (guint i = 0; i < events->len; i++)
    {
      DmEvent *event = g_ptr_array_index (events, i);
      GPtrArray *participants = dm_event_get_participants (event);
      DmActor *actor = dm_event_get_actor (event);
      DmStay stay = { event, 0, 0 };

      if (!get_stay (event, &stay.start, &stay.end))
        continue;
      if (actor != NULL)
        {
          ActorStays *a = &g_array_index (self->actors, ActorStays, numbers[j++]);
          self->stays[a->first + a->filled++] = stay;
        }
      for (guint p = 0; participants != NULL && p < participants->len; p++)
        if (g_ptr_array_index (participants, p) != actor)
          {
            ActorStays *a = &g_array_index (self->actors, ActorStays, numbers[j++]);
            self->stays[a->first + a->filled++] = stay;
          }
    }
  g_assert (j == n_numbers);
  scratch = g_new (DmStay, MAX (most, 1));
  for (guint k = 0; k < self->actors->len; k++)
    {
      ActorStays *a = &g_array_index (self->actors, ActorStays, k);
      sort_stays (self->stays + a->first, a->n, scratch);
    }
  return self;
}

void
dm_stays_free (DmStays *self)
{
  g_free (self->stays);
  g_array_unref (self->actors);
  g_free (self->table);
  g_free (self);
}

gint64
dm_stays_known_end (DmStays *self)
{
  return self->known_end;
}

const DmStay *
dm_stays_lookup (DmStays *self,
                 DmActor *actor,
                 guint   *n_stays)
{
  guint k = actor != NULL ? find_actor (self, actor) : G_MAXUINT;
  ActorStays *a;

  *n_stays = 0;
  if (k == G_MAXUINT)
    return NULL;
  a = &g_array_index (self->actors, ActorStays, k);
  *n_stays = a->n;
  return self->stays + a->first;
}
