/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reader for the Office of the Historian's travels XML (docs/USTRAVEL.md). */

#define G_LOG_DOMAIN "dm-ustravel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "dm-error.h"
#include "dm-format.h"
#include "dm-limits-private.h"
#include "dm-ustravel-format.h"
#include "dm-ustravel-private.h"
#include "dm-xml-private.h"

#define PUBLISHER "Office of the Historian, U.S. Department of State"

typedef struct
{
  DmDocument   *doc;
  GFile        *file;
  const char   *data;
  gsize         length;
  DmGazetteer  *gazetteer;
  GArray       *line_starts;  /* byte offset of each line, built when a problem needs one */
  GHashTable   *places;       /* "CC\tname" -> DmPlace */
  GHashTable   *new_actors;   /* id -> DmActor created by this file */
  GHashTable   *sources;      /* actor id -> DmSource */
  GPtrArray    *stops;        /* DmUstravelStop */
  guint         n_trips;
} Reader;

static void
stop_free (gpointer data)
{
  DmUstravelStop *stop = data;

  g_clear_object (&stop->visit);
  g_free (stop);
}

gboolean
dm_ustravel_format_sniff (const char *basename,
                          const char *data,
                          gsize       length)
{
  gsize n = MIN (length, 4096);
  const char *trips = g_strstr_len (data, n, "<trips");
  const char *trip;
  const char *end;

  if (trips == NULL || (trip = g_strstr_len (trips + 6, n - (trips + 6 - data), "<trip ")) == NULL)
    return FALSE;
  end = memchr (trip, '>', n - (trip - data));
  if (end == NULL)
    return FALSE;
  return g_strstr_len (trip, end - trip, "who=") != NULL &&
         g_strstr_len (trip, end - trip, "role=") != NULL;
}

/* The text of an element with runs of white space made one space, or NULL if empty */
static char *
element_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = (const char *) content; p && *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  xmlFree (content);
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value && *value ? g_strstrip (g_strdup ((const char *) value)) : NULL;

  xmlFree (value);
  return copy;
}

/* Column (1-based) of @tag on @line, found in the bytes: libxml2 gives lines only */
static guint
column_of (Reader     *self,
           guint       line,
           const char *tag)
{
  const char *start, *end, *found;

  if (line == 0)
    return 0;
  if (self->line_starts == NULL)
    {
      self->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_array_append_val (self->line_starts, (gsize) { 0 });
      for (gsize i = 0; i < self->length; i++)
        if (self->data[i] == '\n')
          {
            gsize next = i + 1;
            g_array_append_val (self->line_starts, next);
          }
    }
  if (line > self->line_starts->len)
    return 1;
  start = self->data + g_array_index (self->line_starts, gsize, line - 1);
  end = line < self->line_starts->len ? self->data + g_array_index (self->line_starts, gsize, line)
                                      : self->data + self->length;
  found = tag ? g_strstr_len (start, end - start, tag) : NULL;
  if (found == NULL)
    for (found = start; found < end && (*found == ' ' || *found == '\t'); found++)
      ;
  return g_utf8_strlen (start, found - start) + 1;
}

static void
add_problem (Reader     *self,
             guint       line,
             const char *tag,
             const char *message)
{
  g_autoptr(DmProblem) problem = dm_problem_new (self->file, line, column_of (self, line, tag),
                                                 message);
  dm_document_add_problem (self->doc, problem);
}

static DmPlace *
country_place (Reader     *self,
               const char *code)
{
  g_autofree char *key = g_strconcat (code, "\t", NULL);
  const DmCountry *country;
  DmPlace *place = g_hash_table_lookup (self->places, key);

  if (place != NULL)
    return place;
  country = dm_gazetteer_lookup_country (self->gazetteer, code);
  place = dm_place_new (NULL, country->name, country->code, country->latitude,
                        country->longitude, country->timezone);
  dm_place_set_level (place, DM_PLACE_LEVEL_COUNTRY);
  dm_document_add_place (self->doc, place);
  g_hash_table_insert (self->places, g_steal_pointer (&key), place);
  return place;
}

static char *
describe_match (const DmUstravelResolved *r,
                const char               *written,
                DmGazetteer              *gazetteer)
{
  const DmCountry *c = dm_gazetteer_lookup_country (gazetteer, r->entry->country);
  const char *country = c ? c->name : r->entry->country;

  switch (r->how)
    {
    case DM_USTRAVEL_MATCH_FUZZY:
      /* Translators: a misspelt place name and the place it was taken for */
      return g_strdup_printf (_("Matched “%s” to %s, %s"), written, r->entry->name, country);
    case DM_USTRAVEL_MATCH_NEIGHBOUR:
    case DM_USTRAVEL_MATCH_RENAMED:
      return g_strdup_printf (_("“%s” is %s, %s"), written, r->entry->name, country);
    case DM_USTRAVEL_MATCH_TERRITORY:
      /* Translators: a territory named by the record and its capital */
      return g_strdup_printf (_("“%s”: taken as its capital, %s"), written, r->entry->name);
    case DM_USTRAVEL_MATCH_EXACT:
    case DM_USTRAVEL_MATCH_NONE:
    default:
      return NULL;
    }
}

/* The place of one part of a locale; a name not found is the country, with a problem */
static DmPlace *
place_for (Reader     *self,
           const char *name,
           const char *code,
           guint       line)
{
  g_autofree char *key = g_strconcat (code, "\t", name, NULL);
  g_autofree char *note = NULL;
  DmUstravelResolved r;
  const DmCountry *named;
  DmPlace *place = g_hash_table_lookup (self->places, key);

  if (place != NULL)
    {
      if (dm_place_get_level (place) == DM_PLACE_LEVEL_COUNTRY)
        goto not_found;
      return place;
    }

  dm_ustravel_resolve_place (self->gazetteer, name, code, &r);
  if (r.entry == NULL)
    {
      place = country_place (self, code);
      g_hash_table_insert (self->places, g_steal_pointer (&key), g_object_ref (place));
      goto not_found;
    }
  place = dm_place_new (NULL, r.entry->name, r.entry->country, r.entry->latitude,
                        r.entry->longitude, r.entry->timezone);
  dm_place_set_level (place, DM_PLACE_LEVEL_CITY);
  if ((note = describe_match (&r, name, self->gazetteer)) != NULL)
    dm_place_set_note (place, note);
  dm_document_add_place (self->doc, place);
  g_hash_table_insert (self->places, g_steal_pointer (&key), place);
  return place;

not_found:
  /* A locale naming the trip's own country says no more than an empty one */
  named = dm_gazetteer_lookup_country (self->gazetteer, name);
  if (named == NULL || !g_str_equal (named->code, code))
    {
      g_autofree char *message =
        /* Translators: a place name of the record, then a country */
        g_strdup_printf (_("Unknown place “%s” in %s: shown at the country level"), name,
                         dm_place_get_name (place));
      add_problem (self, line, "<locale", message);
    }
  return place;
}

/* The Office of the Historian's page of @who, the source of each of its visits */
static void
add_source (Reader     *self,
            const char *who,
            const char *name,
            const char *role)
{
  DmSource *source = dm_source_new ();

  source->title = g_strdup_printf ("%s: %s", g_strcmp0 (role, "president") == 0
                                   ? "Travels of the President" : "Travels of the Secretary of State",
                                   name ? name : who);
  source->publisher = g_strdup (PUBLISHER);
  source->url = g_strdup_printf ("https://history.state.gov/departmenthistory/travels/%s/%s",
                                 role ? role : "secretary", who);
  g_hash_table_insert (self->sources, g_strdup (who), source);
}

static DmActor *
actor_for (Reader     *self,
           const char *who,
           const char *name,
           const char *role)
{
  DmActor *actor = dm_document_lookup_actor (self->doc, who);
  g_autoptr(DmActor) created = NULL;

  /* the same traveller in a second file of a folder: known to the document, not yet
   * to this file's sources */
  if (actor != NULL)
    {
      if (!g_hash_table_contains (self->sources, who))
        add_source (self, who, dm_actor_get_name (actor), role);
      return actor;
    }
  created = dm_actor_new (who, name);
  /* Role labels are data, kept in English so that filters stay stable */
  if (g_strcmp0 (role, "president") == 0)
    dm_actor_set_role (created, "President");
  else if (g_strcmp0 (role, "secretary") == 0)
    dm_actor_set_role (created, "Secretary of State");
  else
    dm_actor_set_role (created, role);
  dm_actor_set_country (created, "US");
  dm_document_add_actor (self->doc, created);
  g_hash_table_insert (self->new_actors, g_strdup (who), created);
  add_source (self, who, name, role);
  return created;
}

/* "YYYY-MM-DD" as a Julian day, 0 if it is no date */
static gint
julian_day (const char *text)
{
  guint y, m, d;
  GDate date;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return 0;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return 0;   /* "2021-6-3rd" is ten characters too */
  if (sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

static void
read_time (Reader     *self,
           const char *text,
           GTimeZone  *zone,
           guint       line,
           const char *tag,
           DmTime     *out)
{
  g_autoptr(GError) error = NULL;

  *out = DM_TIME_UNKNOWN;
  if (text == NULL)
    return;
  if (!dm_time_parse (text, zone, out, &error))
    {
      add_problem (self, line, tag, error->message);
      *out = DM_TIME_UNKNOWN;
    }
}

typedef struct
{
  char  *id, *name, *role, *start, *end, *country_id, *country_text, *locale, *remarks;
  guint  start_line, end_line, country_line, locale_line;
} Trip;

static void
trip_clear (Trip *t)
{
  g_free (t->id); g_free (t->name); g_free (t->role); g_free (t->start); g_free (t->end);
  g_free (t->country_id); g_free (t->country_text); g_free (t->locale); g_free (t->remarks);
}

/* A field given twice keeps the last (the first's text is freed) */
static void
take (char **field,
      char  *text)
{
  g_free (*field);
  *field = text;
}

static void
read_trip_fields (xmlNode *trip,
                  Trip    *t)
{
  for (xmlNode *c = trip->children; c != NULL; c = c->next)
    {
      const char *tag = (const char *) c->name;
      guint line = xmlGetLineNo (c);

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (g_str_equal (tag, "id"))
        take (&t->id, element_text (c));
      else if (g_str_equal (tag, "name"))
        take (&t->name, element_text (c));
      else if (g_str_equal (tag, "role") && t->role == NULL)
        t->role = element_text (c);
      else if (g_str_equal (tag, "start-date"))
        take (&t->start, element_text (c)), t->start_line = line;
      else if (g_str_equal (tag, "end-date"))
        take (&t->end, element_text (c)), t->end_line = line;
      else if (g_str_equal (tag, "country"))
        {
          take (&t->country_id, attribute (c, "id"));
          take (&t->country_text, element_text (c));
          t->country_line = line;
        }
      else if (g_str_equal (tag, "locale"))
        take (&t->locale, element_text (c)), t->locale_line = line;
      else if (g_str_equal (tag, "remarks"))
        take (&t->remarks, element_text (c));
    }
}

static void
read_trip (Reader  *self,
           xmlNode *node)
{
  guint line = xmlGetLineNo (node);
  g_autofree char *who = attribute (node, "who");
  g_autofree char *role = attribute (node, "role");
  g_autoptr(GPtrArray) parts = NULL;
  Trip t = { 0 };
  const char *code;
  DmActor *actor;
  gint first_day, last_day;
  guint trip_index = self->n_trips++;

  read_trip_fields (node, &t);
  if (role == NULL)
    role = g_strdup (t.role);
  if (who == NULL)
    {
      add_problem (self, line, "<trip", _("A trip without “who”: its traveller is unknown"));
      who = g_strdup (t.name ? t.name : "unknown");
    }
  actor = actor_for (self, who, t.name, role);

  code = dm_ustravel_country_code (self->gazetteer, t.country_id, t.country_text);
  if (code == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown country “%s”"), t.country_text ? t.country_text
                                                     : t.country_id ? t.country_id : "");
      add_problem (self, t.country_line ? t.country_line : line, "<country", message);
    }

  first_day = julian_day (t.start);
  last_day = julian_day (t.end);
  if (first_day == 0 && last_day != 0)
    {
      /* rather the one day the record is sure of than an invented one */
      add_problem (self, t.start_line ? t.start_line : line, "<start-date",
                   /* Translators: "start-date" and "end-date" are elements of the file */
                   _("A trip needs a “start-date” as YYYY-MM-DD: the “end-date” is taken for it"));
      g_free (t.start);
      t.start = g_strdup (t.end);
      first_day = last_day;
    }
  else if (first_day == 0)
    add_problem (self, t.start_line ? t.start_line : line, "<start-date",
                 /* Translators: "start-date" is the name of an element of the file */
                 _("A trip needs a “start-date” as YYYY-MM-DD"));
  if (last_day == 0 || last_day < first_day)
    {
      if (last_day != 0)
        add_problem (self, t.end_line, "<end-date",
                     _("The “end-date” is before the “start-date”: taken as the start date"));
      else if (t.end != NULL && first_day != 0)
        add_problem (self, t.end_line, "<end-date",
                     _("The “end-date” is not a date as YYYY-MM-DD: taken as the start date"));
      g_clear_pointer (&t.end, g_free);
      t.end = g_strdup (t.start);
      last_day = first_day;
    }

  if (t.locale != NULL && strlen (t.locale) > DM_MAX_NAME_LENGTH)
    {
      g_autofree char *message = g_strdup_printf (_("This locale is longer than the %u bytes Diplomap looks up: the trip is placed in its country"),
                                                  (guint) DM_MAX_NAME_LENGTH);

      add_problem (self, t.locale_line ? t.locale_line : line, "<locale", message);
      g_clear_pointer (&t.locale, g_free);
    }
  parts = t.locale ? dm_ustravel_split_locale (t.locale) : g_ptr_array_new_with_free_func (g_free);
  if (parts->len == 0)
    g_ptr_array_add (parts, NULL);   /* an empty locale: one stop at the country level */

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      DmUstravelStop *stop;
      g_autofree char *event_id = NULL;
      DmPlace *place = NULL;
      DmTime start, end;

      if (code != NULL)
        place = part ? place_for (self, part, code, t.locale_line) : country_place (self, code);
      if (first_day == 0)
        continue;   /* no date at all (reported above): its place is shown, not as an event */

      stop = g_new0 (DmUstravelStop, 1);
      event_id = i == 0 ? g_strdup_printf ("trip-%s", t.id ? t.id : who)
                        : g_strdup_printf ("trip-%s-%u", t.id ? t.id : who, i + 1);
      stop->visit = dm_event_new (DM_EVENT_KIND_VISIT, event_id);
      stop->actor = actor;
      stop->trip = trip_index;
      stop->part = i;
      stop->first_day = first_day;
      stop->last_day = last_day;
      dm_event_set_origin (stop->visit, self->file, line, column_of (self, line, "<trip"));
      dm_event_set_actor (stop->visit, actor);
      dm_event_set_status (stop->visit, DM_STATUS_COMPLETED);
      if (place != NULL)
        dm_event_set_place (stop->visit, place);
      if (code != NULL)
        dm_event_set_host (stop->visit, code);
      {
        GTimeZone *zone = dm_ustravel_zone (place ? dm_place_get_timezone (place) : NULL);

        read_time (self, t.start, zone, t.start_line, "<start-date", &start);
        read_time (self, t.end, zone, t.end_line, "<end-date", &end);
        dm_event_set_start (stop->visit, &start);
        dm_event_set_end (stop->visit, &end);
      }
      if (t.remarks)
        dm_event_set_notes (stop->visit, t.remarks);
      dm_event_add_source (stop->visit, g_hash_table_lookup (self->sources, who));
      dm_document_add_event (self->doc, stop->visit);
      g_ptr_array_add (self->stops, stop);
    }
  trip_clear (&t);
}

GTimeZone *
dm_ustravel_zone (const char *identifier)
{
  static GMutex lock;
  static GHashTable *zones;
  GTimeZone *zone;

  g_mutex_lock (&lock);
  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_time_zone_unref);
  zone = g_hash_table_lookup (zones, identifier ? identifier : "UTC");
  if (zone == NULL)
    {
      zone = identifier ? g_time_zone_new_identifier (identifier) : NULL;
      if (zone == NULL)
        zone = g_time_zone_new_utc ();
      g_hash_table_insert (zones, g_strdup (identifier ? identifier : "UTC"), zone);
    }
  g_mutex_unlock (&lock);
  return zone;
}

static gpointer
init_libxml_cb (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

static DmPlace *
home_place (Reader *self)
{
  const DmGazetteerEntry *e = dm_gazetteer_lookup (self->gazetteer, "Washington, D.C.", "US");
  DmPlace *place;

  if (e == NULL)
    return NULL;
  place = dm_place_new (NULL, e->name, e->country, e->latitude, e->longitude, e->timezone);
  dm_place_set_level (place, DM_PLACE_LEVEL_CITY);
  dm_document_add_place (self->doc, place);
  return place;
}

/* presidents.xml beside the file's folder, as the Historian's repository lays it out */
static GFile *
find_presidents_file (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GFile) up = dir ? g_file_get_parent (dir) : NULL;
  GFile *candidates[3] = { NULL, NULL, NULL };
  GFile *found = NULL;

  if (dir == NULL)
    return NULL;
  candidates[0] = g_file_resolve_relative_path (dir, "presidents.xml");
  candidates[1] = g_file_resolve_relative_path (dir, "presidents/presidents.xml");
  if (up != NULL)
    candidates[2] = g_file_resolve_relative_path (up, "presidents/presidents.xml");
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (found == NULL && candidates[i] != NULL &&
          g_file_query_file_type (candidates[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
        found = g_object_ref (candidates[i]);
      g_clear_object (&candidates[i]);
    }
  return found;
}

gboolean
dm_ustravel_format_load (DmDocument    *document,
                         GFile         *file,
                         const char    *data,
                         gsize          length,
                         GCancellable  *cancellable,
                         GError       **error)
{
  static GOnce init_once = G_ONCE_INIT;
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(DmPlace) home = NULL;
  Reader self = { 0 };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr xdoc;
  xmlNode *root;
  gboolean ok = TRUE;

  g_once (&init_once, init_libxml_cb, NULL);
  if (length > G_MAXINT)
    {
      g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED, _("%s is too large"), name);
      return FALSE;
    }

  ctxt = xmlNewParserCtxt ();
  xdoc = xmlCtxtReadMemory (ctxt, data, (int) length, uri, NULL,
                            DM_XML_PARSE_OPTIONS | XML_PARSE_COMPACT);
  if (xdoc == NULL)
    {
      xmlErrorPtr e = xmlCtxtGetLastError (ctxt);
      g_autofree char *detail = g_strstrip (g_strdup (e && e->message ? e->message : "?"));

      dm_error_set_at (error, file, e ? (guint) e->line : 0, e ? (guint) e->int2 : 0, DM_ERROR_PARSE,
                       /* Translators: %s is libxml2's reason */
                       _("not valid XML: %s"), detail);
      xmlFreeParserCtxt (ctxt);
      return FALSE;
    }
  xmlFreeParserCtxt (ctxt);

  {
    guint line;

    if (!dm_xml_check_expansion (xdoc, &line))
      {
        g_autofree char *limit = g_format_size (DM_XML_MAX_EXPANSION);

        dm_error_set_at (error, file, line, 1, DM_ERROR_PARSE,
                         /* Translators: %s is a size, "1.0 MB" */
                         _("the file’s entities (&name;) expand to more than %s of text"), limit);
        xmlFreeDoc (xdoc);
        return FALSE;
      }
  }
  root = xmlDocGetRootElement (xdoc);
  if (root == NULL || !g_str_equal ((const char *) root->name, "trips"))
    {
      dm_error_set_at (error, file, 1, 1, DM_ERROR_PARSE,
                       _("a travels file has a root element “trips”"));
      xmlFreeDoc (xdoc);
      return FALSE;
    }

  self.doc = document;
  self.file = file;
  self.data = data;
  self.length = length;
  self.gazetteer = dm_gazetteer_get_default ();
  self.places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self.new_actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) dm_source_unref);
  self.stops = g_ptr_array_new_with_free_func (stop_free);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) node->name, "trip"))
        continue;
      if ((self.n_trips & 255) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      /* each <trip> is a visit, and the journeys add fewer */
      if (self.n_trips >= DM_MAX_EVENTS / 2)
        {
          g_autofree char *message = g_strdup_printf (_("This file holds more than %u events: the rest are not read"),
                                                      (guint) DM_MAX_EVENTS);

          add_problem (&self, xmlGetLineNo (node), "<trip", message);
          break;
        }
      read_trip (&self, node);
    }
  xmlFreeDoc (xdoc);

  if (ok)
    {
      g_autoptr(GFile) presidents = NULL;

      if (dm_document_get_title (document) == NULL)
        dm_document_set_title (document, _("Foreign travels of U.S. presidents and secretaries of state"));
      home = home_place (&self);
      dm_ustravel_add_journeys (document, file, self.stops, home);
      if (g_hash_table_size (self.new_actors) > 0 && (presidents = find_presidents_file (file)))
        dm_ustravel_read_terms (presidents, self.new_actors);
    }

  g_clear_pointer (&self.line_starts, g_array_unref);
  g_hash_table_unref (self.places);
  g_hash_table_unref (self.new_actors);
  g_hash_table_unref (self.sources);
  g_ptr_array_unref (self.stops);
  return ok;
}

/**
 * dm_ustravel_dup_record_dir:
 *
 * Where the bundled U.S. travel record is: `$DIPLOMAP_DATA_DIR/us-travels` when the
 * variable is set (tests, a build tree), else the installed copy, else the source
 * tree's `data/us-travels`. Returns %NULL when none exists.
 */
char *
dm_ustravel_dup_record_dir (void)
{
  const char *env = g_getenv ("DIPLOMAP_DATA_DIR");
  const char *candidates[3];

  candidates[0] = env;
  candidates[1] = PKGDATADIR;
  candidates[2] = SOURCE_DATA_DIR;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *dir = NULL;

      if (candidates[i] == NULL || candidates[i][0] == '\0')
        continue;
      dir = g_build_filename (candidates[i], "us-travels", NULL);
      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&dir);
      if (i == 0)
        return NULL;   /* an explicit folder without the record: none, not another copy */
    }
  return NULL;
}
