/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dm-error.h"
#include "dm-gazetteer.h"
#include "dm-import-private.h"

void
dm_import_init (DmImport   *self,
                DmDocument *doc,
                GFile      *file)
{
  self->doc = doc;
  self->file = file;
  self->places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->renamed = FALSE;
  self->n_events = 0;
  self->full = FALSE;
  self->n_bad_times = 0;
  self->bad_time_line = self->bad_time_column = 0;
}

void
dm_import_clear (DmImport *self)
{
  g_clear_pointer (&self->places, g_hash_table_unref);
  g_clear_pointer (&self->actors, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
}

/* As many as are said on their own before a count */
#define BAD_TIMES_SAID 3

void
dm_import_time_problem (DmImport   *self,
                        guint       line,
                        guint       column,
                        const char *message)
{
  if (self->at_line != 0)
    line = self->at_line, column = self->at_column;
  if (++self->n_bad_times <= BAD_TIMES_SAID)
    {
      dm_import_problem (self, line, column, "%s", message);
      return;
    }
  if (self->n_bad_times == BAD_TIMES_SAID + 1)
    {
      self->bad_time_line = line;
      self->bad_time_column = column;
    }
}

void
dm_import_report_bad_times (DmImport *self)
{
  guint n;

  if (self->n_bad_times <= BAD_TIMES_SAID)
    return;
  n = self->n_bad_times - BAD_TIMES_SAID;
  dm_import_problem (self, self->bad_time_line, self->bad_time_column,
                     /* Translators: after three problems for times that could not be read
                      * (a time written as true, {…} or "soon"); %u counts the rest */
                     ngettext ("%u more time could not be read: its event was left out",
                               "%u more times could not be read: their events were left out",
                               n), n);
}

void
dm_import_problem (DmImport   *self,
                   guint       line,
                   guint       column,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  g_autoptr(DmProblem) problem = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (self->at_line != 0)
    line = self->at_line, column = self->at_column;
  problem = dm_problem_new (self->file, line, column, message);
  dm_document_add_problem (self->doc, problem);
}

/* A file that cannot be read at all: the reason, and where as the error's data (at the
 * file's start when the reader knows no better), as the native reader says it */
gboolean
dm_import_fail (DmImport    *self,
                GError     **error,
                guint        line,
                guint        column,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  dm_error_set_at (error, self->file, MAX (line, 1), MAX (column, 1), DM_ERROR_PARSE, "%s", message);
  return FALSE;
}

static DmPlace *
remember_place (DmImport   *self,
                const char *key,
                DmPlace    *place)
{
  g_hash_table_insert (self->places, g_strdup (key), place);
  dm_document_add_place (self->doc, place);
  return g_object_ref (place);
}

DmPlace *
dm_import_place_by_name (DmImport   *self,
                         const char *name,
                         const char *country)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  g_autofree char *key = NULL;
  g_autofree char *stripped = NULL;
  const DmGazetteerEntry *entry;
  const DmCountry *c;
  DmPlace *place;

  if (name == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    return NULL;
  key = g_strdup_printf ("%s|%s", stripped, country ? country : "");
  if ((place = g_hash_table_lookup (self->places, key)) != NULL)
    return g_object_ref (place);

  entry = dm_gazetteer_lookup (gaz, stripped, country);
  if (entry == NULL && country != NULL)
    entry = dm_gazetteer_lookup (gaz, stripped, NULL);
  if (entry != NULL)
    {
      g_autoptr(JsonNode) ref = json_node_new (JSON_NODE_VALUE);

      place = dm_place_new (NULL, entry->name, entry->country, entry->latitude, entry->longitude,
                            entry->timezone);
      dm_place_set_level (place, DM_PLACE_LEVEL_CITY);
      /* written back to a .diplomap as the name with its country, which finds it again */
      {
        g_autofree char *text = country != NULL || strchr (stripped, ',') != NULL
                                ? g_strdup (stripped)
                                : g_strdup_printf ("%s, %s", entry->name, entry->country);
        json_node_set_string (ref, text);
      }
      dm_place_set_reference (place, ref);
      return remember_place (self, key, place);
    }
  if ((c = dm_gazetteer_lookup_country (gaz, stripped)) != NULL)
    {
      g_autoptr(JsonNode) ref = json_node_new (JSON_NODE_VALUE);

      place = dm_place_new (NULL, c->name, c->code, c->latitude, c->longitude, c->timezone);
      dm_place_set_level (place, DM_PLACE_LEVEL_COUNTRY);
      json_node_set_string (ref, c->code);
      dm_place_set_reference (place, ref);
      return remember_place (self, key, place);
    }
  return NULL;
}

/* A name that dm_gazetteer_lookup() finds @entry by again, for a .diplomap file:
 * @text itself, else "Name, CC", else "Name, Region" */
static char *
reference_for (const DmGazetteerEntry *entry,
               const char             *text)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  const char *region = dm_gazetteer_entry_get_region (gaz, entry);
  g_autofree char *with_code = g_strdup_printf ("%s, %s", entry->name, entry->country);
  g_autofree char *with_region = region ? g_strdup_printf ("%s, %s", entry->name, region) : NULL;

  if (dm_gazetteer_lookup (gaz, text, NULL) == entry)
    return g_strdup (text);
  if (dm_gazetteer_lookup (gaz, with_code, NULL) == entry || with_region == NULL ||
      dm_gazetteer_lookup (gaz, with_region, NULL) != entry)
    return g_steal_pointer (&with_code);
  return g_steal_pointer (&with_region);
}

DmPlace *
dm_import_place_from_code (DmImport   *self,
                           const char *code)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  g_autofree char *stripped = g_strstrip (g_strdup (code));
  g_autofree char *name = NULL;
  const DmAirport *airport;

  if (!dm_gazetteer_is_airport_code (stripped) ||
      (airport = dm_gazetteer_lookup_airport (gaz, stripped)) == NULL)
    return NULL;
  /* "Moscow (SVO)": the city people read, the code they wrote */
  name = g_strdup_printf ("%s (%s)", airport->city ? airport->city : airport->name, stripped);
  return dm_import_place_at (self, name, airport->country, NULL, airport->latitude, airport->longitude);
}

DmPlace *
dm_import_place_from_text (DmImport   *self,
                           const char *text,
                           const char *country,
                           guint       line,
                           guint       column)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  g_auto(DmGazetteerTextMatch) match = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(JsonNode) ref = NULL;
  const DmCountry *c;
  DmPlace *place;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;
  key = g_strdup_printf ("%s|%s", stripped, country ? country : "");
  if ((place = g_hash_table_lookup (self->places, key)) != NULL)
    return g_object_ref (place);

  /* "SVO", "ZKPY": an airport, never a town of that name ("ATH" is not Ath, Belgium); a
   * country's code ("PHL") stays the country unless a whole column holds airport codes */
  if (dm_gazetteer_is_airport_code (stripped) && dm_gazetteer_lookup_country (gaz, stripped) == NULL &&
      (place = dm_import_place_from_code (self, stripped)) != NULL)
    {
      g_hash_table_insert (self->places, g_strdup (key), g_object_ref (place));
      return place;
    }

  dm_gazetteer_lookup_text (gaz, stripped, country, &match);
  if (match.entry == NULL && match.country == NULL && country != NULL)
    {
      dm_gazetteer_text_match_clear (&match);
      dm_gazetteer_lookup_text (gaz, stripped, NULL, &match);
    }
  /* "Moscow / Москва", "Beijing / 北京": one name in two languages, matched on either part */
  if (match.entry == NULL && match.country == NULL && strchr (stripped, '/') != NULL)
    {
      g_auto(GStrv) names = g_strsplit (stripped, "/", 3);

      for (guint i = 0; names[1] != NULL && names[i] != NULL; i++)
        if (*g_strstrip (names[i]) != '\0' &&
            (place = dm_import_place_from_text (self, names[i], country, line, column)) != NULL)
          {
            g_hash_table_insert (self->places, g_strdup (key), g_object_ref (place));
            return place;
          }
    }
  if (match.other_country)
    dm_import_problem (self, line, column,
                       /* Translators: “Newcastle, United Kingdom” names United Kingdom, not the country given (US) */
                       _("“%s” names %s, not the country given (%s)"),
                       stripped, match.country->name, country);

  ref = json_node_new (JSON_NODE_VALUE);
  if (match.entry != NULL)
    {
      const DmGazetteerEntry *entry = match.entry;
      g_autofree char *reference = reference_for (entry, stripped);

      if (match.dropped != NULL)
        {
          c = dm_gazetteer_lookup_country (gaz, entry->country);
          dm_import_problem (self, line, column,
                             /* Translators: the second and third %s are a city and its country */
                             _("Matched “%s” to %s, %s: “%s” is not a country or region the gazetteer knows"),
                             stripped, entry->name, c ? c->name : entry->country, match.dropped);
        }
      place = dm_place_new (NULL, entry->name, entry->country, entry->latitude, entry->longitude,
                            entry->timezone);
      dm_place_set_level (place, DM_PLACE_LEVEL_CITY);
      json_node_set_string (ref, reference);
    }
  else if ((c = match.country) != NULL ||
           (c = dm_gazetteer_lookup_country (gaz, stripped)) != NULL)
    {
      if (match.country != NULL)
        dm_import_problem (self, line, column,
                           /* Translators: “Del Mar” is not a place the gazetteer knows in California: it is shown at the country, United States */
                           _("“%s” is not a place the gazetteer knows in %s: it is shown at the country, %s"),
                           match.name, match.region ? match.region : c->name, c->name);
      place = dm_place_new (NULL, c->name, c->code, c->latitude, c->longitude, c->timezone);
      dm_place_set_level (place, DM_PLACE_LEVEL_COUNTRY);
      json_node_set_string (ref, c->code);
    }
  else
    {
      return NULL;
    }
  dm_place_set_reference (place, ref);
  return remember_place (self, key, place);
}

static double
distance_km (double lat1,
             double lon1,
             double lat2,
             double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * 6371.0 * atan2 (sqrt (a), sqrt (1 - a));
}

/* The gazetteer's places in cells of one degree, for finding the nearest one to an
 * unnamed point (a GPS track has thousands): built once, shared by all threads. */
typedef struct
{
  guint32 *first;   /* 180 * 360 + 1 offsets into entries */
  guint32 *entries; /* gazetteer positions, cell by cell */
} Grid;

static int
cell_of (double latitude,
         double longitude)
{
  int lat = CLAMP ((int) floor (latitude), -90, 89) + 90;
  int lon = ((int) floor (longitude) + 180) % 360;

  return lat * 360 + (lon < 0 ? lon + 360 : lon);
}

static gpointer
build_grid (gpointer data)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  guint n = dm_gazetteer_get_n_entries (gaz), cells = 180 * 360;
  Grid *grid = g_new0 (Grid, 1);
  g_autofree guint32 *fill = g_new0 (guint32, cells);

  grid->first = g_new0 (guint32, cells + 1);
  grid->entries = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const DmGazetteerEntry *e = dm_gazetteer_get_entry (gaz, i);
      grid->first[cell_of (e->latitude, e->longitude) + 1]++;
    }
  for (guint c = 0; c < cells; c++)
    grid->first[c + 1] += grid->first[c];
  for (guint i = 0; i < n; i++)
    {
      const DmGazetteerEntry *e = dm_gazetteer_get_entry (gaz, i);
      int c = cell_of (e->latitude, e->longitude);
      grid->entries[grid->first[c] + fill[c]++] = i;
    }
  return grid;
}

/* The gazetteer's place nearest to a point within about 300 km, and how far it is */
static const DmGazetteerEntry *
nearest_entry (double  latitude,
               double  longitude,
               double *km)
{
  static GOnce once = G_ONCE_INIT;
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  Grid *grid = g_once (&once, build_grid, NULL);
  const DmGazetteerEntry *best = NULL;
  double best_km = G_MAXDOUBLE;
  int lat0, lon0;

  /* NaN or a huge number cast to int is undefined: such a point is near nothing */
  *km = G_MAXDOUBLE;
  if (!(fabs (latitude) <= 90 && fabs (longitude) <= 360))
    return NULL;
  lat0 = CLAMP ((int) floor (latitude), -90, 89);
  lon0 = (int) floor (longitude);

  for (int r = 0; r <= 60; r++)
    {
      /* the narrowest a cell of this ring can be, east to west */
      double narrowest = 111.2 * MAX (cos (MIN (89.0, fabs (latitude) + r + 1) * G_PI / 180), 0.02);

      if (r > 0 && MIN (narrowest, 111.2) * (r - 1) > MIN (best_km, 300.0))
        break;
      for (int dlat = -r; dlat <= r; dlat++)
        for (int dlon = -r; dlon <= r; dlon++)
          {
            int la = lat0 + dlat, c;

            if ((ABS (dlat) != r && ABS (dlon) != r) || la < -90 || la > 89 || r > 180)
              continue;
            c = cell_of (la + 0.5, lon0 + dlon + 0.5);
            for (guint32 k = grid->first[c]; k < grid->first[c + 1]; k++)
              {
                const DmGazetteerEntry *e = dm_gazetteer_get_entry (gaz, grid->entries[k]);
                double d = distance_km (e->latitude, e->longitude, latitude, longitude);
                if (d < best_km)
                  {
                    best_km = d;
                    best = e;
                  }
              }
          }
    }
  *km = best_km;
  return best;
}

DmPlace *
dm_import_place_at (DmImport   *self,
                    const char *name,
                    const char *country,
                    const char *timezone,
                    double      latitude,
                    double      longitude)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  g_autofree char *key = g_strdup_printf ("%s|%s|%s|%.6f|%.6f", name ? name : "", country ? country : "",
                                          timezone ? timezone : "", latitude, longitude);
  g_autofree char *label = NULL;
  DmPlace *place;

  if ((place = g_hash_table_lookup (self->places, key)) != NULL)
    return g_object_ref (place);

  /* a name the gazetteer knows near these coordinates gives the country and zone;
   * at the same spot it is that city */
  if (name != NULL)
    {
      const DmGazetteerEntry *e = dm_gazetteer_lookup (gaz, name, country);
      double km = e ? distance_km (e->latitude, e->longitude, latitude, longitude) : G_MAXDOUBLE;

      if (km < 0.05 && (timezone == NULL || g_strcmp0 (timezone, e->timezone) == 0) &&
          g_strcmp0 (name, e->name) == 0)
        {
          place = dm_import_place_by_name (self, name, country ? country : e->country);
          if (place != NULL)
            {
              g_hash_table_insert (self->places, g_strdup (key), g_object_ref (place));
              return place;
            }
        }
      if (km < 100)
        {
          country = country ? country : e->country;
          timezone = timezone ? timezone : e->timezone;
        }
    }
  /* the nearest known place names a point that has no name when close, and gives the
   * zone of any point that has none */
  if (name == NULL || *name == '\0' || timezone == NULL)
    {
      double km = G_MAXDOUBLE;
      const DmGazetteerEntry *e = nearest_entry (latitude, longitude, &km);
      gboolean unnamed = name == NULL || *name == '\0';

      if (unnamed && e != NULL && km < 0.05 && timezone == NULL)
        {
          /* by a name that finds this entry again: "Newport, Kentucky", not the Newport that
           * "Newport, US" finds (Rhode Island's), which would move the point to another state */
          g_autofree char *reference = reference_for (e, e->name);

          if (dm_gazetteer_lookup (gaz, reference, NULL) == e &&
              (place = dm_import_place_by_name (self, reference, NULL)) != NULL)
            {
              g_hash_table_insert (self->places, g_strdup (key), g_object_ref (place));
              return place;
            }
        }
      if (unnamed && e != NULL && km < 10)
        name = e->name;
      if (e != NULL && km < 300 && (country == NULL || g_ascii_strcasecmp (country, e->country) == 0))
        {
          country = country ? country : e->country;
          timezone = timezone ? timezone : e->timezone;
        }
    }
  if (timezone == NULL && country != NULL)
    {
      const DmCountry *c = dm_gazetteer_lookup_country (gaz, country);
      if (c != NULL)
        {
          country = c->code;
          timezone = c->timezone;
        }
    }
  if (timezone != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (timezone);
      if (zone == NULL)
        timezone = NULL;
    }
  if (name == NULL || *name == '\0')
    {
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      /* with dots in any locale: the name is written in files */
      name = label = g_strdup_printf ("%s, %s", g_ascii_formatd (lat, sizeof lat, "%.4f", latitude),
                                      g_ascii_formatd (lon, sizeof lon, "%.4f", longitude));
    }

  place = dm_place_new (NULL, name, country, latitude, longitude, timezone);
  dm_place_set_level (place, DM_PLACE_LEVEL_POINT);
  return remember_place (self, key, place);
}

char *
dm_import_slug (const char *name)
{
  g_autofree char *folded = dm_gazetteer_fold (name ? name : "");
  GString *s = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, g_unichar_tolower (c));
      else if (s->len > 0 && s->str[s->len - 1] != '-')
        g_string_append_c (s, '-');
    }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_append (s, "actor");
  return g_string_free (s, FALSE);
}

DmActor *
dm_import_actor (DmImport   *self,
                 const char *id,
                 const char *name)
{
  g_autofree char *made_id = NULL;
  g_autofree char *folded = NULL;
  DmActor *actor;

  if (id == NULL && (name == NULL || *name == '\0'))
    return NULL;
  if (id == NULL)
    {
      folded = dm_gazetteer_fold (name);
      if ((actor = g_hash_table_lookup (self->actors, folded)) != NULL)
        return actor;
      id = made_id = dm_import_slug (name);
    }
  if ((actor = dm_document_lookup_actor (self->doc, id)) != NULL)
    return actor;
  {
    g_autoptr(DmActor) created = dm_actor_new (id, name ? name : id);
    dm_document_add_actor (self->doc, created);
    actor = created;
  }
  g_hash_table_insert (self->actors, folded ? g_steal_pointer (&folded) : dm_gazetteer_fold (name ? name : id),
                       actor);
  return actor;
}

/* A trip of @event's kind, people and details with its legs @start to @end (excluded);
 * its id is @event's with "-@number" */
static DmEvent *
new_piece (DmEvent *event,
           guint    number,
           guint    start,
           guint    end)
{
  g_autofree char *id = dm_event_get_id (event) ? g_strdup_printf ("%s-%u", dm_event_get_id (event), number) : NULL;
  DmEvent *piece = dm_event_new (dm_event_get_kind (event), id);
  GPtrArray *parts = dm_event_get_participants (event);
  GPtrArray *sources = dm_event_get_sources (event);

  dm_event_set_title (piece, dm_event_get_title (event));
  dm_event_set_status (piece, dm_event_get_status (event));
  dm_event_set_actor (piece, dm_event_get_actor (event));
  for (guint i = 0; i < parts->len; i++)
    dm_event_add_participant (piece, g_ptr_array_index (parts, i));
  dm_event_set_host (piece, dm_event_get_host (event));
  dm_event_set_invited_by (piece, dm_event_get_invited_by (event));
  for (guint i = 0; i < sources->len; i++)
    dm_event_add_source (piece, g_ptr_array_index (sources, i));
  dm_event_set_tags (piece, dm_event_get_tags (event));
  dm_event_set_notes (piece, dm_event_get_notes (event));
  dm_event_set_extra (piece, dm_event_get_extra (event));
  for (guint i = start; i < end; i++)
    dm_event_add_leg (piece, g_ptr_array_index (dm_event_get_legs (event), i));
  return piece;
}

/* A trip whose legs do not join (a leg starts elsewhere than where the previous one
 * ended: two lines of a MultiLineString, rows of one trip id) cannot be one trip of a
 * .diplomap file. It becomes one trip per run of joining legs, in order, with ids
 * "ID-1", "ID-2"…. Any other event is returned as itself.
 * Returns: (transfer container) (element-type DmEvent): the events to add */
static GPtrArray *
split_at_gaps (DmEvent *event)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *legs = dm_event_get_legs (event);
  guint start = 0;

  for (guint i = 1; i < legs->len; i++)
    if (!dm_place_equal (((DmLeg *) g_ptr_array_index (legs, i - 1))->to,
                         ((DmLeg *) g_ptr_array_index (legs, i))->from))
      {
        g_ptr_array_add (pieces, new_piece (event, pieces->len + 1, start, i));
        start = i;
      }
  if (start == 0)
    g_ptr_array_add (pieces, g_object_ref (event));
  else
    g_ptr_array_add (pieces, new_piece (event, pieces->len + 1, start, legs->len));
  return pieces;
}

/* Adds @event (or the trips it splits into, see split_at_gaps()) from
 * @line:@column; a leg that arrives before it departs (times of the vertices going
 * backwards) is a problem there instead: a .diplomap file could not hold it. */
void
dm_import_add_event (DmImport *self,
                     DmEvent  *event,
                     guint     line,
                     guint     column)
{
  g_autoptr(GPtrArray) pieces = NULL;
  GPtrArray *legs = dm_event_get_legs (event);

  if (self->at_line != 0)
    line = self->at_line, column = self->at_column;
  if (self->n_events >= DM_MAX_EVENTS)
    {
      if (!self->full)
        dm_import_problem (self, line, column,
                           _("This file holds more than %u events: the rest are not read"),
                           (guint) DM_MAX_EVENTS);
      self->full = TRUE;
      return;
    }
  if (legs->len > DM_MAX_LEGS)
    {
      dm_import_problem (self, line, column,
                         _("This trip has %u legs, more than the %u Diplomap reads: it is not read"),
                         legs->len, (guint) DM_MAX_LEGS);
      return;
    }
  if (dm_event_get_participants (event)->len > DM_MAX_PARTICIPANTS)
    {
      dm_import_check_participants (self, dm_event_get_participants (event)->len, line, column);
      return;
    }
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);

      if (dm_time_is_known (&leg->depart) && dm_time_is_known (&leg->arrive) &&
          leg->arrive.latest < leg->depart.earliest)
        {
          dm_import_problem (self, leg->line ? leg->line : line, leg->line ? leg->column : column,
                             "%s", _("This leg arrives before it departs"));
          return;
        }
    }
  pieces = split_at_gaps (event);
  for (guint i = 0; i < pieces->len; i++)
    {
      g_autoptr(DmEvent) piece = g_object_ref (g_ptr_array_index (pieces, i));
      const char *id = dm_event_get_id (piece);
      DmEvent *copy;

      if (id != NULL && g_hash_table_contains (self->ids, id))
        {
          g_autofree char *unique = NULL;

          for (guint n = 2; unique == NULL || g_hash_table_contains (self->ids, unique); n++)
            {
              g_free (unique);
              unique = g_strdup_printf ("%s-%u", id, n);
            }
          if (!self->renamed)
            dm_import_problem (self, line, column,
                               /* Translators: an event's id, then the new one it is given */
                               _("An earlier event has the id “%s”: this one is now “%s”, and any other id used twice in this file is made unique the same way"),
                               id, unique);
          self->renamed = TRUE;
          copy = dm_event_copy (piece, unique);
          g_object_unref (piece);
          piece = copy;
        }
      if (dm_event_get_id (piece) != NULL)
        g_hash_table_add (self->ids, g_strdup (dm_event_get_id (piece)));
      dm_event_set_origin (piece, self->file, line, column);
      dm_document_add_event (self->doc, piece);
    }
  self->n_events++;
}

gboolean
dm_import_is_full (DmImport *self)
{
  return self->full;
}

gboolean
dm_import_check_geometry (DmImport *self,
                          guint     n_vertices,
                          guint     n_legs,
                          guint     line,
                          guint     column)
{
  if (n_vertices > DM_MAX_VERTICES)
    {
      dm_import_problem (self, line, column,
                         _("This geometry has %u points, more than the %u Diplomap reads: it is not read"),
                         n_vertices, (guint) DM_MAX_VERTICES);
      return FALSE;
    }
  if (n_legs > DM_MAX_LEGS)
    {
      dm_import_problem (self, line, column,
                         _("This trip has %u legs, more than the %u Diplomap reads: it is not read"),
                         n_legs, (guint) DM_MAX_LEGS);
      return FALSE;
    }
  return TRUE;
}

guint
dm_import_check_participants (DmImport *self,
                              guint     n,
                              guint     line,
                              guint     column)
{
  if (n <= DM_MAX_PARTICIPANTS)
    return n;
  dm_import_problem (self, line, column,
                     _("This event lists %u people: only the first %u are read"),
                     n, (guint) DM_MAX_PARTICIPANTS);
  return DM_MAX_PARTICIPANTS;
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return n > 0;
}

/* "26/10/2025" as its two numbers before the year and the year, with *consumed the
 * length read; a two-digit year is 1930 to 2029, as spreadsheets read it ("2/24/17") */
static gboolean
scan_numeric_date (const char *text,
                   int        *a,
                   int        *b,
                   int        *y,
                   int        *consumed)
{
  int year_start = 0;
  char sep1, sep2;

  *consumed = 0;
  if (sscanf (text, "%2d%c%2d%c%n%4d%n", a, &sep1, b, &sep2, &year_start, y, consumed) != 5 ||
      *consumed == 0)
    return FALSE;
  if (sep1 != sep2 || (sep1 != '/' && sep1 != '.' && sep1 != '-') || !g_ascii_isdigit (text[0]))
    return FALSE;
  if (!all_digits (text + year_start, *consumed - year_start))
    return FALSE;
  if (*consumed - year_start == 2)
    *y += *y < 30 ? 2000 : 1900;
  else if (*consumed - year_start != 4 || *y < 1000)
    return FALSE;
  return g_ascii_isdigit (text[year_start]) && (text[*consumed] == '\0' || text[*consumed] == ' ' ||
                                                 text[*consumed] == 'T');
}

DmDateOrder
dm_import_date_order_of (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  int a, b, y, consumed;

  if (!scan_numeric_date (copy, &a, &b, &y, &consumed) || a == b)
    return DM_DATE_ORDER_NONE;
  if (a > 12 && b <= 12)
    return DM_DATE_ORDER_DAY_FIRST;
  if (b > 12 && a <= 12)
    return DM_DATE_ORDER_MONTH_FIRST;
  return a <= 12 && b <= 12 ? DM_DATE_ORDER_EITHER : DM_DATE_ORDER_NONE;
}

/* "26/10/2025", "26.10.2025", "10/26/2025" (when the second number is over 12, or
 * @order says so), "2/24/17", each maybe followed by " 09:30" -> ISO text; NULL if it
 * is not such a date */
static char *
day_first_to_iso (const char  *text,
                  DmDateOrder  order)
{
  int a, b, y, consumed;
  const char *rest;

  if (!scan_numeric_date (text, &a, &b, &y, &consumed))
    return NULL;
  if ((b > 12 && a <= 12) || (order == DM_DATE_ORDER_MONTH_FIRST && a <= 12))
    {
      int t = a;
      a = b;
      b = t;
    }
  rest = text + consumed;
  if (*rest == '\0')
    return g_strdup_printf ("%04d-%02d-%02d", y, b, a);
  return g_strdup_printf ("%04d-%02d-%02dT%s", y, b, a, rest + 1);
}

/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what GDateTime (and so every
 * reader and writer of times) can hold */
#define FIRST_UNIX_TIME (-62135596800.0)
#define LAST_UNIX_TIME  (253402300799.0)

/* @text: how the file wrote @value, for the message; NULL to write the number */
static gboolean
time_from_unix (double      value,
                const char *text,
                DmTime     *out,
                GError    **error)
{
  double seconds = fabs (value) >= 1e11 ? value / 1000.0 : value;

  *out = DM_TIME_UNKNOWN;
  if (!(seconds >= FIRST_UNIX_TIME && seconds <= LAST_UNIX_TIME))
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (number, sizeof number, "%.15g", value);
      g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
                   /* Translators: %s is a number the file gave as a time */
                   _("%s is not a time: as Unix seconds (or milliseconds) it falls outside the years 1 to 9999"),
                   text ? text : number);
      return FALSE;
    }
  out->earliest = out->latest = (gint64) seconds;
  out->precision = DM_PRECISION_SECOND;
  out->has_offset = TRUE;
  out->utc_offset = 0;
  return TRUE;
}

gboolean
dm_import_parse_time (const char  *text,
                      GTimeZone   *zone,
                      DmTime      *out,
                      GError     **error)
{
  return dm_import_parse_time_ordered (text, zone, DM_DATE_ORDER_NONE, out, error);
}

gboolean
dm_import_parse_time_ordered (const char  *text,
                              GTimeZone   *zone,
                              DmDateOrder  order,
                              DmTime      *out,
                              GError     **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *iso = NULL;
  char *end;
  double number;

  *out = DM_TIME_UNKNOWN;
  if (text == NULL)
    return TRUE;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return TRUE;

  if ((iso = day_first_to_iso (copy, order)) != NULL)
    {
      if (dm_time_parse (iso, zone, out, NULL))
        return TRUE;
      g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
                   /* Translators: %s is what the file had instead of a date */
                   _("“%s” is not a date (write it as 2025-10-26, 26/10/2025 or 2025-10-26 09:30)"), text);
      return FALSE;
    }

  /* a bare number of 9 or more digits is a Unix time (kepler.gl, Leaflet) */
  number = g_ascii_strtod (copy, &end);
  if (*end == '\0' && strlen (copy) >= 9 && all_digits (copy, strcspn (copy, ".")))
    return time_from_unix (number, copy, out, error);
  /* "2025-10-26 09:30:00 +0900" and "...Z" with a space before the zone */
  {
    gsize n = strlen (copy);
    if (n > 6 && copy[n - 6] == ' ' && (copy[n - 5] == '+' || copy[n - 5] == '-'))
      memmove (copy + n - 6, copy + n - 5, 6);
  }
  return dm_time_parse (copy, zone, out, error);
}

gboolean
dm_import_time_from_unix (double   value,
                          DmTime  *out,
                          GError **error)
{
  return time_from_unix (value, NULL, out, error);
}

char *
dm_import_time_to_plain_iso (const DmTime *time,
                             GTimeZone    *zone)
{
  DmTime t = *time;

  t.approximate = FALSE;
  return dm_time_to_iso (&t, zone);
}

GArray *
dm_import_index_lines (const char *data,
                       gsize       length)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint zero = 0;
  const char *p = data, *end = data + length, *nl;

  g_array_append_val (starts, zero);
  while (p < end && (nl = memchr (p, '\n', end - p)) != NULL)
    {
      guint offset = nl + 1 - data;
      g_array_append_val (starts, offset);
      p = nl + 1;
    }
  return starts;
}

guint
dm_import_find_column (const char *data,
                       gsize       length,
                       GArray     *line_starts,
                       guint       line,
                       const char *needle)
{
  const char *p, *eol, *hit, *end = data + length;

  if (line == 0 || line > line_starts->len)
    return 1;
  p = data + g_array_index (line_starts, guint, line - 1);
  eol = memchr (p, '\n', end - p);
  if (eol == NULL)
    eol = end;
  hit = needle ? g_strstr_len (p, eol - p, needle) : NULL;
  if (hit == NULL)
    {
      /* the first character that is not a space */
      hit = p;
      while (hit < eol && g_ascii_isspace (*hit))
        hit++;
    }
  return g_utf8_strlen (p, hit - p) + 1;
}

/* Where @at is in @data: line and column from 1, a column is a character */
static void
position_of (const char *data,
             const char *at,
             guint      *line,
             guint      *column)
{
  const char *start = data;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        start = p + 1;
      }
  *column = g_utf8_strlen (start, at - start) + 1;
}

/**
 * dm_import_ensure_utf8:
 * @valid: (out): what to free once the returned text is no longer used
 *
 * @data if it is UTF-8; else a problem where its first invalid byte is, and a copy in
 * which each invalid sequence reads as U+FFFD, so that nothing invalid reaches a message
 * or a written file. A NUL byte ends the copy.
 */
const char *
dm_import_ensure_utf8 (DmImport    *self,
                       const char  *data,
                       gsize       *length,
                       char       **valid)
{
  const char *bad;
  guint line, column;

  *valid = NULL;
  if (g_utf8_validate_len (data, *length, &bad))
    return data;
  position_of (data, bad, &line, &column);
  dm_import_problem (self, line, column,
                     /* Translators: %02X is the first byte that is not UTF-8, in hexadecimal */
                     _("The text is not UTF-8 here (a byte %02X): what is not UTF-8 reads as “�”"),
                     (guchar) *bad);
  *valid = g_utf8_make_valid (data, *length);
  *length = strlen (*valid);
  return *valid;
}

char *
dm_import_extension (const char *basename)
{
  const char *dot = basename ? strrchr (basename, '.') : NULL;

  return g_ascii_strdown (dot ? dot + 1 : "", -1);
}
