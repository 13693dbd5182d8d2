/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dm-problem.h"
#include "dm-time-format.h"
#include "dm-whereabouts.h"
#include "dm-whereabouts-private.h"

/* Where an actor must be. Every visit, summit and meeting an actor is in (as its actor or a
 * participant) puts them at its place for its dates. A leg whose time no source gave was placed
 * by dm_event_resolve_times() from its own trip only; here it is kept out of the times its
 * actor is known to be at its start (Choe Son Hui does not fly home from Minsk while the Minsk
 * conference she attends goes on). A leg with no known leg after it may happen any time until
 * the last thing the document knows: its window runs to there, and it is drawn in the "date
 * unknown" style over all of it. Two events that put one actor in two places at once are a
 * problem of the file, naming both. */

#define DAY (24 * 3600)
#define SLACK (14 * 3600) /* the widest difference between two time zones */

/* Within half a degree: the same city, whatever the gazetteer called it */
static gboolean
same_place (DmPlace *a,
            DmPlace *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return fabs (dm_place_get_latitude (a) - dm_place_get_latitude (b)) < 0.5 &&
         fabs (dm_place_get_longitude (a) - dm_place_get_longitude (b)) < 0.5;
}

/* Two places that cannot both hold an actor on one day: a country holds its cities, and a day
 * trip (Tokyo and Kawagoe) is no contradiction: more than about 300 km apart */
static gboolean
far_apart (DmPlace *a,
           DmPlace *b)
{
  if (a == NULL || b == NULL ||
      dm_place_get_level (a) == DM_PLACE_LEVEL_COUNTRY || dm_place_get_level (b) == DM_PLACE_LEVEL_COUNTRY)
    return FALSE;
  return fabs (dm_place_get_latitude (a) - dm_place_get_latitude (b)) > 3.0 ||
         fabs (dm_place_get_longitude (a) - dm_place_get_longitude (b)) > 3.0;
}

static char *
dup_stay_text (DmEvent *event)
{
  g_autofree char *place = dm_place_dup_label (dm_event_get_place (event));
  g_autofree char *when = dm_time_format_event (event);

  return g_strdup_printf ("%s (%s)", place, when);
}

/* The stays after a stay that it is compared with: a file of thousands of visits on the
 * same days (made to hurt, or a mistake) would otherwise take time quadratic in them
 * (500,000 visits of one actor over 28 days took minutes); a person's real stays never
 * overlap a thousand others */
#define MAX_COMPARED_STAYS 1000

/* Two stays of one actor far apart overlapping by more than two days: a day's overlap is a
 * travel day (in Moscow until the 28th, in Minsk from the 28th), at either end */
static gboolean
same_file (DmEvent *a,
           DmEvent *b)
{
  GFile *fa = dm_event_get_file (a), *fb = dm_event_get_file (b);

  return fa == fb || (fa != NULL && fb != NULL && g_file_equal (fa, fb));
}

/* With @across_only, only pairs of events from two files (those within one file were checked
 * when it was read). @stays are in the order of their start. */
static void
check_two_places (DmDocument   *document,
                  DmActor      *actor,
                  const DmStay *stays,
                  guint         n_stays,
                  gboolean      across_only)
{
  for (guint i = 0; i < n_stays; i++)
    {
      const DmStay *a = &stays[i];

      for (guint j = i + 1; j < n_stays && j - i <= MAX_COMPARED_STAYS; j++)
        {
          const DmStay *b = &stays[j];
          g_autofree char *first = NULL;
          g_autofree char *second = NULL;

          if (b->start >= a->end)
            break;
          /* a travel day at each end (and the zones between) is no contradiction; nor are one
           * trip's cities given the trip's dates each (the U.S. record's "9-13 June: London,
           * Carbis Bay") */
          if ((across_only && same_file (a->event, b->event)) ||
              MIN (a->end, b->end) - b->start <= 2 * DAY + SLACK ||
              (ABS (a->start - b->start) <= SLACK && ABS (a->end - b->end) <= SLACK) ||
              !far_apart (dm_event_get_place (a->event), dm_event_get_place (b->event)))
            continue;
          first = dup_stay_text (a->event);
          second = dup_stay_text (b->event);
          dm_document_add_problem (document, dm_problem_new_printf (
            dm_event_get_file (b->event), dm_event_get_line (b->event), dm_event_get_column (b->event),
            /* Translators: an actor, then two places with their dates */
            _("%s is in two places at once: %s and %s"), dm_actor_get_name (actor), first, second));
        }
    }
}

/* Keeps leg @k of @trip, which has no time of its own, out of its actor's stays */
static void
constrain_leg (GPtrArray    *legs,
               guint         k,
               const DmStay *stays,
               guint         n_stays,
               gint64        known_end)
{
  DmLeg *leg = g_ptr_array_index (legs, k);
  gint64 lower = k > 0 ? ((DmLeg *) g_ptr_array_index (legs, k - 1))->end : G_MININT64;
  gint64 upper = G_MAXINT64, flight = MAX (leg->end - leg->start, 0);
  gint64 leave = G_MININT64, arrive = G_MAXINT64;
  /* the legs keep their order: this one starts no later than the next */
  gint64 next_start = k + 1 < legs->len ? ((DmLeg *) g_ptr_array_index (legs, k + 1))->start : G_MAXINT64;
  gboolean open = k + 1 == legs->len;

  for (guint j = k + 1; j < legs->len; j++)
    {
      DmLeg *next = g_ptr_array_index (legs, j);
      if (!next->uncertain)
        {
          upper = next->start;
          break;
        }
    }
  for (guint i = 0; i < n_stays; i++)
    {
      const DmStay *s = &stays[i];
      DmPlace *place = dm_event_get_place (s->event);

      if (s->end <= lower || s->start >= upper)
        continue;
      if (same_place (place, leg->from))
        leave = MAX (leave, s->end);
      else if (same_place (place, leg->to))
        arrive = MIN (arrive, s->start);
    }
  if (leave > leg->start && leg->start < next_start)
    {
      leg->start = MIN (leave, next_start);
      leg->end = MAX (leg->end, MIN (leg->start + flight, next_start));
    }
  if (arrive < leg->end && arrive > leg->start)
    leg->end = arrive;
  /* The trip's last leg, nothing known after it: any time until the last thing the document
   * knows */
  if (open && known_end > leg->end)
    leg->end = known_end;
}

static void
apply (DmDocument *document,
       gboolean    across_only)
{
  GListModel *model = dm_document_get_events (document);
  GListModel *actors = dm_document_get_actors (document);
  g_autoptr(DmStays) stays = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_full (0, g_object_unref);
  gint64 known_end;
  guint n = g_list_model_get_n_items (model);

  /* the events once, for both walks below */
  g_ptr_array_set_size (events, n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_index (events, i) = g_list_model_get_item (model, i);
  stays = dm_stays_collect (events);
  known_end = dm_stays_known_end (stays);
  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = g_ptr_array_index (events, i);
      GPtrArray *legs = dm_event_get_legs (event);
      const DmStay *actor_stays = NULL;
      guint n_stays = 0;
      gboolean found = FALSE;

      for (guint k = 0; legs != NULL && k < legs->len; k++)
        {
          DmLeg *leg = g_ptr_array_index (legs, k);
          /* a leg placed nowhere (its trip has no time at all) stays so */
          if (!leg->uncertain || (leg->start == 0 && leg->end == 0))
            continue;
          if (!found)
            actor_stays = dm_stays_lookup (stays, dm_event_get_actor (event), &n_stays);
          found = TRUE;
          constrain_leg (legs, k, actor_stays, n_stays, known_end);
        }
    }
  /* in the document's order of actors, so that problems come in the same order each time */
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (actors, i);
      guint n_stays;
      const DmStay *actor_stays = dm_stays_lookup (stays, actor, &n_stays);

      if (actor_stays != NULL)
        check_two_places (document, actor, actor_stays, n_stays, across_only);
    }
}

/**
 * dm_whereabouts_apply:
 *
 * Places the legs of @document that have no time of their own where their actors can be,
 * and reports actors in two places at once as problems of @document. Called once a file is
 * read (dm_loader_load_file).
 */
void
dm_whereabouts_apply (DmDocument *document)
{
  g_return_if_fail (DM_IS_DOCUMENT (document));
  apply (document, FALSE);
}

/**
 * dm_whereabouts_apply_across:
 *
 * The same once several files are in @document (dm_document_merge()): an actor's events in
 * one file constrain their legs of unknown time in another (an actor is the same person in
 * every file that gives the same id), and two places at once are reported for pairs of events
 * from two files (each file's own pairs were reported when it was read).
 */
void
dm_whereabouts_apply_across (DmDocument *document)
{
  g_return_if_fail (DM_IS_DOCUMENT (document));
  apply (document, TRUE);
}
