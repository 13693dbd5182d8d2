/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <string.h>

#include "dm-event-list-private.h"
#include "dm-gazetteer.h"
#include "dm-time.h"

/* What the sidebar's search and filters match: text, countries, roles and years */

/* Case and accents dropped: "Péter" and "PETER" fold to "peter" */
char *
dm_event_list_fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL);
  g_autoptr(GString) bare = g_string_sized_new (decomposed ? strlen (decomposed) : 0);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

char **
dm_event_list_split_search (const char *text)
{
  g_autofree char *folded = dm_event_list_fold (text);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  const char *start = NULL;
  guint n = 0;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gboolean end = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (end && start != NULL)
        {
          g_autofree char *word = g_strndup (start, p - start);
          g_strv_builder_add (words, word);
          start = NULL;
          n++;
        }
      else if (!end && start == NULL)
        start = p;
      if (*p == '\0')
        break;
    }
  return n > 0 ? g_strv_builder_end (words) : NULL;
}

gboolean
dm_event_in_country (DmEvent    *event,
                     const char *country)
{
  DmPlace *place = dm_event_get_place (event);
  GPtrArray *legs = dm_event_get_legs (event);

  if (place != NULL && g_strcmp0 (dm_place_get_country (place), country) == 0)
    return TRUE;
  if (g_strcmp0 (dm_event_get_host (event), country) == 0)
    return TRUE;
  for (guint i = 0; legs != NULL && i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      if ((leg->from && g_strcmp0 (dm_place_get_country (leg->from), country) == 0) ||
          (leg->to && g_strcmp0 (dm_place_get_country (leg->to), country) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
add_text (GString    *haystack,
          const char *text)
{
  if (text == NULL)
    return;
  g_string_append (haystack, text);
  g_string_append_c (haystack, '\n');
}

static void
add_place_name (GString *haystack,
                DmPlace *place)
{
  if (place != NULL)
    add_text (haystack, dm_place_get_name (place));
}

/* The folded text a search looks in: the title, notes, actors, places and tags, one field a
 * line (no word of a search holds a line break: words do not match across two fields) */
char *
dm_event_dup_search_text (DmEvent *event)
{
  g_autofree char *title = dm_event_dup_display_title (event);
  g_autoptr(GString) haystack = g_string_new (NULL);
  GPtrArray *parts = dm_event_get_participants (event);
  GPtrArray *legs = dm_event_get_legs (event);
  const char * const *tags = dm_event_get_tags (event);

  add_text (haystack, title);
  add_text (haystack, dm_event_get_notes (event));
  if (dm_event_get_actor (event) != NULL)
    add_text (haystack, dm_actor_get_name (dm_event_get_actor (event)));
  add_place_name (haystack, dm_event_get_place (event));
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    add_text (haystack, dm_actor_get_name (g_ptr_array_index (parts, i)));
  for (guint i = 0; legs != NULL && i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      add_place_name (haystack, leg->from);
      add_place_name (haystack, leg->to);
    }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    add_text (haystack, tags[i]);
  return dm_event_list_fold (haystack->str);
}

gboolean
dm_event_search_text_matches (const char         *text,
                              const char * const *words)
{
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (strstr (text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Each word may be found in another field: "pompeo tokyo" finds Pompeo's trip with a
 * stop in Tokyo */
gboolean
dm_event_matches_search (DmEvent            *event,
                         const char * const *words)
{
  g_autofree char *text = NULL;

  if (words == NULL)
    return TRUE;
  text = dm_event_dup_search_text (event);
  return dm_event_search_text_matches (text, words);
}

/* The same through the list's table of folded texts: folding every field of thousands of
 * events at each keystroke cost more than the rest of the filter */
gboolean
dm_event_list_matches_search (DmEventList *self,
                              DmEvent     *event)
{
  const char *text;

  if (self->words == NULL)
    return TRUE;
  text = g_hash_table_lookup (self->search_texts, event);
  if (text == NULL)
    {
      char *folded = dm_event_dup_search_text (event);

      g_hash_table_insert (self->search_texts, g_object_ref (event), folded);
      text = folded;
    }
  return dm_event_search_text_matches (text, (const char * const *) self->words);
}

static gboolean
actor_has_role (DmActor    *actor,
                const char *role)
{
  return actor != NULL && g_strcmp0 (dm_actor_get_role (actor), role) == 0;
}

gboolean
dm_event_has_role (DmEvent    *event,
                   const char *role)
{
  GPtrArray *parts = dm_event_get_participants (event);

  if (actor_has_role (dm_event_get_actor (event), role))
    return TRUE;
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    if (actor_has_role (g_ptr_array_index (parts, i), role))
      return TRUE;
  return FALSE;
}

static gint64
year_start (int year)
{
  return dm_civil_days (year, 1, 1) * 86400;
}

static int
year_of (gint64 t)
{
  DmCivil day;

  dm_civil_from_unix (t, &day);
  return day.year;
}

/* Events without a time belong to no year */
gboolean
dm_event_in_year (DmEvent *event,
                  int      year)
{
  gint64 s, e;

  if (!dm_event_get_span (event, &s, &e))
    return FALSE;
  e = MAX (e, s + 1);
  return s < year_start (year + 1) && e > year_start (year);
}

/* The years (UTC) @event covers, added to a set of GINT_TO_POINTER */
void
dm_event_add_years (DmEvent    *event,
                    GHashTable *years)
{
  gint64 s, e;

  if (dm_event_get_span (event, &s, &e))
    dm_event_list_add_span_years (s, e, years);
}

/* The same from an event's span (dm_event_get_span()); any thread */
void
dm_event_list_add_span_years (gint64      s,
                              gint64      e,
                              GHashTable *years)
{
  int first, last;

  first = year_of (s);
  last = year_of (MAX (e - 1, s));
  for (int y = first; y <= last && y - first < 200; y++)
    g_hash_table_add (years, GINT_TO_POINTER (y));
}

static gboolean
place_in_area (DmPlace         *place,
               const DmM49Area *area)
{
  return place != NULL &&
         dm_gazetteer_country_in_m49_area (dm_gazetteer_get_default (), dm_place_get_country (place), area);
}

/* Where an event goes: its place, its host, the stops of a trip, but not the home it starts
 * from nor the way back there, so that "trips to Asia" are not every trip from Washington */
gboolean
dm_event_in_m49_area (DmEvent         *event,
                      const DmM49Area *area)
{
  GPtrArray *legs = dm_event_get_legs (event);
  DmPlace *home = NULL;

  if (place_in_area (dm_event_get_place (event), area) ||
      (dm_event_get_host (event) != NULL &&
       dm_gazetteer_country_in_m49_area (dm_gazetteer_get_default (), dm_event_get_host (event), area)))
    return TRUE;
  if (legs == NULL || legs->len == 0)
    return FALSE;
  home = ((DmLeg *) g_ptr_array_index (legs, 0))->from;
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      gboolean back_home = i == legs->len - 1 && i > 0 && leg->to != NULL && home != NULL &&
                           g_strcmp0 (dm_place_get_country (leg->to), dm_place_get_country (home)) == 0;

      if (!back_home && place_in_area (leg->to, area))
        return TRUE;
    }
  return FALSE;
}
