/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Journeys of the U.S. travel record, and presidents' terms (docs/USTRAVEL.md). */

#define G_LOG_DOMAIN "dm-ustravel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dm-folder-private.h"
#include "dm-gazetteer.h"
#include "dm-ustravel-private.h"
#include "dm-xml-private.h"

/* The record gives stops, not flights: two stops belong to one journey when there are
 * at most this many days between them (days on which the person was at neither): a
 * stop ending on the 11th and one starting on the 13th leave one day, the 12th. */
#define MAX_GAP_DAYS 1

static int
compare_stops (gconstpointer a,
               gconstpointer b)
{
  const DmUstravelStop *x = *(DmUstravelStop * const *) a;
  const DmUstravelStop *y = *(DmUstravelStop * const *) b;

  if (x->first_day != y->first_day)
    return x->first_day < y->first_day ? -1 : 1;
  if (x->trip != y->trip)
    return x->trip < y->trip ? -1 : 1;
  return x->part < y->part ? -1 : (x->part > y->part);
}

/* A day of the record as a time for a leg. Legs take days in UTC rather than at their
 * places: the record gives days, not hours, and a day at its middle in two zones would
 * put the legs of one day out of order. 0 is unknown. */
static DmTime
leg_day (gint julian)
{
  char text[16];
  DmTime time = DM_TIME_UNKNOWN;
  GDate date;

  if (julian <= 0)
    return time;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  if (!dm_time_parse (text, dm_ustravel_zone ("UTC"), &time, NULL))
    return DM_TIME_UNKNOWN;
  /* the day is the record's, in UTC: written and shown as that day at any place (without
   * the offset, a day at a place west of Greenwich would read as the day before) */
  time.has_offset = TRUE;
  time.utc_offset = 0;
  return time;
}

static void
add_leg (DmEvent *journey,
         DmPlace *from,
         DmPlace *to,
         gint     depart,
         gint     arrive,
         DmEvent *origin)
{
  g_autoptr(DmLeg) leg = NULL;

  if (from == NULL || to == NULL)
    return;
  leg = dm_leg_new (from, to);
  leg->depart = leg_day (depart);
  leg->arrive = leg_day (arrive);
  leg->inferred = TRUE;
  leg->line = dm_event_get_line (origin);
  leg->column = dm_event_get_column (origin);
  dm_event_add_leg (journey, leg);
}

/* "Joseph R. Biden: United Kingdom, Belgium, Switzerland" */
static char *
journey_title (DmActor   *actor,
               GPtrArray *stops,
               guint      first,
               guint      last)
{
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = first; i <= last; i++)
    {
      DmUstravelStop *stop = g_ptr_array_index (stops, i);
      DmPlace *place = dm_event_get_place (stop->visit);
      const char *host = dm_event_get_host (stop->visit);
      const DmCountry *country = NULL;
      const char *name;
      gboolean seen = FALSE;

      if (host != NULL)
        country = dm_gazetteer_lookup_country (gazetteer, host);
      name = country ? country->name : place ? dm_place_get_name (place) : NULL;
      if (name == NULL)
        continue;
      for (guint k = 0; k < names->len && !seen; k++)
        seen = g_str_equal (g_ptr_array_index (names, k), name);
      if (!seen)
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);
  /* Translators: a journey: who, then the countries visited */
  return g_strdup_printf (_("%s: %s"), dm_actor_get_name (actor), list);
}

/* One journey of stops[first..last] (sorted, one actor). The record's stops may overlap
 * (a side trip listed inside a longer stay): a time that would run backwards is left
 * unknown, and dm_event_resolve_times() places that leg between its neighbours. */
static DmEvent *
build_journey (GPtrArray *stops,
               guint      first,
               guint      last,
               DmPlace   *home,
               guint      number)
{
  DmUstravelStop *head = g_ptr_array_index (stops, first);
  g_autofree char *id = g_strdup_printf ("%s-journey-%u", dm_actor_get_id (head->actor), number);
  g_autofree char *title = journey_title (head->actor, stops, first, last);
  DmEvent *journey = dm_event_new (DM_EVENT_KIND_TRIP, id);
  DmPlace *previous = home;
  DmUstravelStop *previous_stop = NULL;
  DmUstravelStop *latest = head;   /* the stop that ends last */
  gint clock = head->first_day;    /* the latest day a leg has used so far */

  dm_event_set_title (journey, title);
  dm_event_set_actor (journey, head->actor);
  dm_event_set_status (journey, DM_STATUS_COMPLETED);
  dm_event_set_origin (journey, dm_event_get_file (head->visit), dm_event_get_line (head->visit),
                       dm_event_get_column (head->visit));
  for (guint k = 0; k < dm_event_get_sources (head->visit)->len; k++)
    dm_event_add_source (journey, g_ptr_array_index (dm_event_get_sources (head->visit), k));

  for (guint i = first; i <= last; i++)
    {
      DmUstravelStop *stop = g_ptr_array_index (stops, i);
      DmPlace *place = dm_event_get_place (stop->visit);
      gboolean same_trip = previous_stop != NULL && previous_stop->trip == stop->trip;
      gboolean depart = previous_stop != NULL && !same_trip;
      gboolean arrive = !same_trip;

      if (place == NULL)
        continue;
      if (stop->last_day > latest->last_day)
        latest = stop;
      /* Between two places of one <trip> the record says nothing of when: no times */
      if (depart && (previous_stop->last_day > stop->first_day || previous_stop->last_day < clock))
        depart = FALSE;
      /* arriving on the day a leg already used, without a departure, could start before it */
      if (arrive && (stop->first_day < clock || (stop->first_day == clock && !depart && i > first)))
        arrive = FALSE;
      if (depart)
        clock = previous_stop->last_day;
      if (arrive)
        clock = stop->first_day;
      if (previous != place)
        add_leg (journey, previous, place, depart ? previous_stop->last_day : 0,
                 arrive ? stop->first_day : 0, stop->visit);
      previous = place;
      previous_stop = stop;
    }
  if (previous_stop != NULL)
    add_leg (journey, previous, home, latest->last_day, 0, previous_stop->visit);
  return journey;
}

guint
dm_ustravel_add_journeys (DmDocument *document,
                          GFile      *file,
                          GPtrArray  *stops,
                          DmPlace    *home)
{
  g_autoptr(GHashTable) by_actor = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();
  guint n = 0;

  if (home == NULL)
    return 0;

  for (guint i = 0; i < stops->len; i++)
    {
      DmUstravelStop *stop = g_ptr_array_index (stops, i);
      GPtrArray *list;

      if (stop->first_day == 0 || dm_event_get_place (stop->visit) == NULL)
        continue;   /* a stop without a date or a place stays a visit only */
      list = g_hash_table_lookup (by_actor, stop->actor);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_actor, stop->actor, list);
          g_ptr_array_add (actors, stop->actor);
        }
      g_ptr_array_add (list, stop);
    }

  for (guint a = 0; a < actors->len; a++)
    {
      GPtrArray *list = g_hash_table_lookup (by_actor, g_ptr_array_index (actors, a));
      guint first = 0;
      gint last_day;

      g_ptr_array_sort (list, compare_stops);
      last_day = ((DmUstravelStop *) g_ptr_array_index (list, 0))->last_day;
      for (guint i = 1; i <= list->len; i++)
        {
          DmUstravelStop *stop = i < list->len ? g_ptr_array_index (list, i) : NULL;

          /* the days strictly between the journey's last day and this stop's first */
          if (stop != NULL && stop->first_day - last_day - 1 <= MAX_GAP_DAYS)
            {
              last_day = MAX (last_day, stop->last_day);
              continue;
            }
          {
            g_autoptr(DmEvent) journey = build_journey (list, first, i - 1, home, ++n);
            dm_document_add_event (document, journey);
          }
          if (stop != NULL)
            {
              first = i;
              last_day = stop->last_day;
            }
        }
    }
  return n;
}

static char *
child_text (xmlNode    *node,
            const char *name)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, name))
      {
        xmlChar *content = xmlNodeGetContent (c);
        char *text = g_strstrip (g_strdup ((const char *) content));

        xmlFree (content);
        if (*text != '\0')
          return text;
        g_free (text);
        return NULL;
      }
  return NULL;
}

typedef struct
{
  char   *id;
  DmTime  start;
  DmTime  end;
} Term;

static void
term_free (gpointer data)
{
  Term *t = data;

  g_free (t->id);
  g_free (t);
}

/* The terms of a presidents.xml, in its order */
static GPtrArray *
parse_terms (GFile *file)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func (term_free);
  GTimeZone *zone = dm_ustravel_zone ("America/New_York");
  g_autofree char *data = NULL;
  gsize length;
  xmlDocPtr xdoc;
  xmlNode *root;

  if (!dm_loader_read_contents (file, &data, &length, NULL, NULL) || length > G_MAXINT)
    return terms;
  xdoc = xmlReadMemory (data, (int) length, NULL, NULL, DM_XML_PARSE_OPTIONS);
  if (xdoc == NULL)
    return terms;
  if (!dm_xml_check_expansion (xdoc, &(guint) { 0 }))
    {
      xmlFreeDoc (xdoc);
      return terms;
    }
  root = xmlDocGetRootElement (xdoc);
  for (xmlNode *p = root ? root->children : NULL; p != NULL; p = p->next)
    {
      g_autofree char *took = NULL, *left = NULL;
      Term t = { NULL, DM_TIME_UNKNOWN, DM_TIME_UNKNOWN };

      if (p->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) p->name, "president"))
        continue;
      t.id = child_text (p, "id");
      took = child_text (p, "took-office-date");
      left = child_text (p, "left-office-date");
      if (t.id == NULL || took == NULL || !dm_time_parse (took, zone, &t.start, NULL))
        {
          g_free (t.id);
          continue;
        }
      if (left != NULL && !dm_time_parse (left, zone, &t.end, NULL))
        t.end = DM_TIME_UNKNOWN;
      g_ptr_array_add (terms, g_memdup2 (&t, sizeof t));
    }
  xmlFreeDoc (xdoc);
  return terms;
}

/**
 * dm_ustravel_read_terms:
 *
 * Gives the presidents among @actors (id -> DmActor) their terms from @file
 * (presidents.xml). The file is read once per process: every president's file of the
 * record points at the same one.
 */
void
dm_ustravel_read_terms (GFile      *file,
                        GHashTable *actors)
{
  static GMutex lock;
  static GHashTable *cache;   /* path -> GPtrArray of Term */
  g_autofree char *path = g_file_get_path (file);
  GPtrArray *terms;

  if (path == NULL)
    return;
  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_ptr_array_unref);
  terms = g_hash_table_lookup (cache, path);
  if (terms == NULL)
    {
      terms = parse_terms (file);
      g_hash_table_insert (cache, g_strdup (path), terms);
    }
  for (guint i = 0; i < terms->len; i++)
    {
      Term *t = g_ptr_array_index (terms, i);
      DmActor *actor = g_hash_table_lookup (actors, t->id);

      if (actor != NULL && g_strcmp0 (dm_actor_get_role (actor), "President") == 0)
        dm_actor_add_term (actor, &t->start, &t->end);
    }
  g_mutex_unlock (&lock);
}
