/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <math.h>
#include <string.h>

#include "dm-format.h"
#include "dm-import-private.h"

/* iCalendar (.ics) in, with libical: each VEVENT with a DTSTART is a visit (or the
 * kind its CATEGORIES name, or a meeting when it has attendees and no organizer),
 * at its LOCATION (through the gazetteer) or GEO. Times keep their zone: a TZID
 * from the file's VTIMEZONE or the system's zone database, UTC, floating times as
 * local at the place, and dates as local days at the place. */

typedef struct
{
  DmImport    imp;
  GArray     *event_lines;   /* line of each BEGIN:VEVENT, in order */
  GArray     *event_ends;    /* line of its END:VEVENT, 0 if it has none */
  char      **lines;
  DmActor    *calendar_actor;
  const char *calendar_name;
} Loader;

/* Where the VEVENTs and their properties are: libical keeps no positions */
static void
index_lines (Loader     *self,
             const char *data)
{
  guint n;

  self->lines = g_strsplit (data, "\n", -1);
  n = g_strv_length (self->lines);
  self->event_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->event_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      char *l = self->lines[i], *kept = l;

      /* libical drops every carriage return ("BEGIN\r\r:VEVENT" begins an event): so
       * does this */
      for (const char *c = l; *c != '\0'; c++)
        if (*c != '\r')
          *kept++ = *c;
      *kept = '\0';
      if (g_ascii_strncasecmp (l, "BEGIN:VEVENT", 12) == 0)
        {
          guint line = i + 1, zero = 0;
          g_array_append_val (self->event_lines, line);
          g_array_append_val (self->event_ends, zero);
        }
      else if (g_ascii_strncasecmp (l, "END:VEVENT", 10) == 0 && self->event_ends->len > 0)
        g_array_index (self->event_ends, guint, self->event_ends->len - 1) = i + 1;
    }
}

/* The BEGIN line of VEVENT @index; 1 if the scan above found fewer than libical (a
 * hostile file found by fuzz-ical had one the scan did not see) */
static guint
event_line (Loader *self,
            guint   index)
{
  return index < self->event_lines->len ? g_array_index (self->event_lines, guint, index) : 1;
}

/* The line of property @name in VEVENT @index (its BEGIN line if not found) */
static guint
property_line (Loader     *self,
               guint       index,
               const char *name)
{
  guint start, end;
  gsize len = strlen (name);

  if (index >= self->event_lines->len)
    return 1;
  start = g_array_index (self->event_lines, guint, index);
  end = g_array_index (self->event_ends, guint, index);
  if (end == 0)
    end = g_strv_length (self->lines);
  for (guint l = start; l < end; l++)
    if (g_ascii_strncasecmp (self->lines[l - 1], name, len) == 0 &&
        (self->lines[l - 1][len] == ':' || self->lines[l - 1][len] == ';'))
      return l;
  return start;
}

static guint
last_line (Loader *self)
{
  guint n = g_strv_length (self->lines);

  while (n > 1 && *g_strstrip (self->lines[n - 1]) == '\0')
    n--;
  return n;
}

static void
problem (Loader     *self,
         guint       index,
         const char *property,
         const char *message)
{
  guint line = property ? property_line (self, index, property) : event_line (self, index);
  dm_import_problem (&self->imp, line, 1, "%s", message);
}

/* A decimal number, all of @text: no hexadecimal, NaN or infinity */
static gboolean
read_decimal (const char *text,
              double     *out)
{
  char *end = NULL;

  text += strspn (text, " \t");
  if (*text == '\0' || text[strspn (text, "0123456789+-.eE \t\r")] != '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  end += strspn (end, " \t\r");
  return *end == '\0' && isfinite (*out);
}

/* GEO read from the file's own line: libical reads "10;1e308" as 1, 10 */
static gboolean
read_geo (Loader              *self,
          guint                index,
          struct icalgeotype  *out)
{
  guint line = property_line (self, index, "GEO");
  const char *value = strchr (self->lines[line - 1], ':');
  g_auto(GStrv) parts = value ? g_strsplit (value + 1, ";", -1) : NULL;

  if (parts != NULL && g_strv_length (parts) == 2 &&
      read_decimal (parts[0], &out->lat) && read_decimal (parts[1], &out->lon))
    return TRUE;
  problem (self, index, "GEO", _("GEO is not two decimal numbers, a latitude and a longitude "
                                 "(such as GEO:55.75;37.62)"));
  return FALSE;
}

/* "Kremlin, Moscow, Russia": the place inside the country and region the text names
 * (dm_import_place_from_text()) */
static DmPlace *
place_from_location (Loader     *self,
                     guint       index,
                     const char *location)
{
  if (location == NULL || *location == '\0')
    return NULL;
  return dm_import_place_from_text (&self->imp, location, NULL, property_line (self, index, "LOCATION"), 1);
}

/* An icaltime as a DmTime, in the precision and zone it was written with */
static gboolean
convert_time (Loader                    *self,
              guint                      index,
              const char                *property,
              struct icaltimetype        tt,
              DmPlace                   *place,
              gboolean                   exclusive_end,
              DmTime                    *out)
{
  g_autofree char *iso = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *zone = place ? dm_place_get_zone (place) : NULL;

  *out = DM_TIME_UNKNOWN;
  if (icaltime_is_null_time (tt))
    return TRUE;
  /* libical takes years up to 3000 only */
  if (!icaltime_is_valid_time (tt))
    {
      /* Translators: %s is DTSTART or DTEND */
      g_autofree char *msg = g_strdup_printf (_("%s is not an iCalendar date or time (such as 20251026 or 20251026T093000)"),
                                              property);
      problem (self, index, property, msg);
      return FALSE;
    }
  if (tt.is_date)
    {
      if (exclusive_end)
        icaltime_adjust (&tt, -1, 0, 0, 0);
      iso = g_strdup_printf ("%04d-%02d-%02d", tt.year, tt.month, tt.day);
    }
  else
    {
      g_autofree char *local = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", tt.year, tt.month, tt.day,
                                                tt.hour, tt.minute, tt.second);
      const icaltimezone *tz = icaltime_get_timezone (tt);

      if (icaltime_is_utc (tt))
        iso = g_strconcat (local, "Z", NULL);
      else if (tz != NULL)
        {
          int is_daylight = 0;
          int offset = icaltimezone_get_utc_offset ((icaltimezone *) tz, &tt, &is_daylight);
          int off = ABS (offset) / 60;
          iso = g_strdup_printf ("%s%c%02d:%02d", local, offset < 0 ? '-' : '+', off / 60, off % 60);
        }
      else
        iso = g_steal_pointer (&local);   /* floating: local time at the place */
      if (tt.second == 0)
        {
          /* minute precision: "…T10:00:00+03:00" -> "…T10:00+03:00" */
          memmove (iso + 16, iso + 19, strlen (iso + 19) + 1);
        }
    }
  if (dm_time_parse (iso, zone, out, &error))
    return TRUE;
  problem (self, index, property, error->message);
  return FALSE;
}

/* A TZID that neither the file nor the zone database knows: say so, read as local */
static void
check_tzid (Loader        *self,
            guint          index,
            icalcomponent *vevent,
            icalproperty_kind kind,
            const char    *name)
{
  icalproperty *prop = icalcomponent_get_first_property (vevent, kind);
  icalparameter *param = prop ? icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER) : NULL;
  struct icaltimetype tt;

  if (param == NULL)
    return;
  tt = kind == ICAL_DTSTART_PROPERTY ? icalcomponent_get_dtstart (vevent) : icalcomponent_get_dtend (vevent);
  if (icaltime_get_timezone (tt) == NULL && !icaltime_is_utc (tt) && !tt.is_date)
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown time zone “%s”: the time is taken as local at the place"),
                                              icalparameter_get_tzid (param));
      problem (self, index, name, msg);
    }
}

static const char *
person_name (icalproperty *prop)
{
  icalparameter *cn = icalproperty_get_first_parameter (prop, ICAL_CN_PARAMETER);
  const char *value = cn ? icalparameter_get_cn (cn) : icalproperty_get_value_as_string (prop);

  if (value != NULL && g_ascii_strncasecmp (value, "mailto:", 7) == 0)
    value += 7;
  return value && *value ? value : NULL;
}

static DmActor *
default_actor (Loader *self)
{
  if (self->calendar_actor == NULL)
    {
      g_autofree char *base = g_file_get_basename (self->imp.file);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      self->calendar_actor = dm_import_actor (&self->imp, NULL, self->calendar_name ? self->calendar_name : base);
    }
  return self->calendar_actor;
}

static void
read_vevent (Loader        *self,
             icalcomponent *vevent,
             guint          index)
{
  g_autoptr(DmPlace) place = NULL;
  g_autoptr(DmEvent) event = NULL;
  g_autoptr(GPtrArray) attendees = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) tag_list = NULL;
  const char *summary = icalcomponent_get_summary (vevent);
  const char *location = icalcomponent_get_location (vevent);
  icalproperty *geo = icalcomponent_get_first_property (vevent, ICAL_GEO_PROPERTY);
  icalproperty *organizer = icalcomponent_get_first_property (vevent, ICAL_ORGANIZER_PROPERTY);
  icalproperty *url = icalcomponent_get_first_property (vevent, ICAL_URL_PROPERTY);
  struct icaltimetype dtstart = icalcomponent_get_dtstart (vevent);
  struct icaltimetype dtend = icalcomponent_get_dtend (vevent);
  DmEventKind kind = DM_EVENT_KIND_VISIT;
  gboolean kind_given = FALSE;
  DmTime start, end;
  guint line, n_attendees;

  for (icalproperty *p = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (p), "X-LIC-ERROR") == 0)
      {
        g_autofree char *msg = g_strdup_printf (_("Not valid iCalendar: %s"), icalproperty_get_value_as_string (p));
        problem (self, index, NULL, msg);
      }

  /* libical drops a GEO it cannot read ("nan;10"): the line says it is there */
  if (geo != NULL || property_line (self, index, "GEO") != event_line (self, index))
    {
      struct icalgeotype g;
      g_auto(GStrv) parts = location ? g_strsplit (location, ",", 2) : NULL;

      if (!read_geo (self, index, &g))
        return;
      if (g.lat < -90 || g.lat > 90 || g.lon < -180 || g.lon > 180)
        {
          problem (self, index, "GEO", _("GEO is outside the world (latitude -90 to 90, longitude -180 to 180)"));
          return;
        }
      place = dm_import_place_at (&self->imp, parts ? g_strstrip (parts[0]) : NULL, NULL, NULL, g.lat, g.lon);
    }
  else
    place = place_from_location (self, index, location);
  if (place == NULL)
    {
      g_autofree char *msg = location ? g_strdup_printf (_("Unknown place “%s”: add GEO:latitude;longitude, or a name the gazetteer knows"), location)
                                      : g_strdup (_("This event has no LOCATION and no GEO: it is not shown"));
      problem (self, index, location ? "LOCATION" : NULL, msg);
      return;
    }

  if (icaltime_is_null_time (dtstart) &&
      property_line (self, index, "DTSTART") != event_line (self, index))
    {
      g_autofree char *msg = g_strdup_printf (_("%s is not an iCalendar date or time (such as 20251026 or 20251026T093000)"),
                                              "DTSTART");
      problem (self, index, "DTSTART", msg);
      return;
    }
  if (icaltime_is_null_time (dtstart))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” has no DTSTART: its place is shown, but not as an event"),
                                              summary ? summary : _("This event"));
      problem (self, index, NULL, msg);
      return;
    }
  check_tzid (self, index, vevent, ICAL_DTSTART_PROPERTY, "DTSTART");
  check_tzid (self, index, vevent, ICAL_DTEND_PROPERTY, "DTEND");
  if (!convert_time (self, index, "DTSTART", dtstart, place, FALSE, &start) ||
      !convert_time (self, index, "DTEND", dtend, place, dtend.is_date, &end))
    return;
  if (dm_time_is_known (&end) && end.latest < start.earliest)
    {
      problem (self, index, "DTEND", _("The event ends before it starts"));
      return;
    }
  if (dm_time_compare (&start, &end) == 0)
    end = DM_TIME_UNKNOWN;

  for (icalproperty *p = icalcomponent_get_first_property (vevent, ICAL_CATEGORIES_PROPERTY); p;
       p = icalcomponent_get_next_property (vevent, ICAL_CATEGORIES_PROPERTY))
    {
      g_auto(GStrv) cats = g_strsplit (icalproperty_get_categories (p), ",", -1);
      for (guint i = 0; cats[i]; i++)
        {
          g_autofree char *lower = g_ascii_strdown (g_strstrip (cats[i]), -1);
          DmEventKind k;

          if (!kind_given && dm_event_kind_from_string (lower, &k) && k != DM_EVENT_KIND_TRIP)
            {
              kind = k;
              kind_given = TRUE;
            }
          else if (*cats[i])
            g_strv_builder_add (tags, cats[i]);
        }
    }
  n_attendees = (guint) MIN (icalcomponent_count_properties (vevent, ICAL_ATTENDEE_PROPERTY), G_MAXINT);
  n_attendees = dm_import_check_participants (&self->imp, n_attendees, event_line (self, index), 1);
  for (icalproperty *p = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY);
       p && attendees->len < n_attendees;
       p = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    if (person_name (p) != NULL)
      g_ptr_array_add (attendees, dm_import_actor (&self->imp, NULL, person_name (p)));
  if (!kind_given && organizer == NULL && attendees->len >= 2)
    kind = DM_EVENT_KIND_MEETING;

  event = dm_event_new (kind, icalcomponent_get_uid (vevent));
  dm_event_set_title (event, summary);
  dm_event_set_notes (event, icalcomponent_get_description (vevent));
  dm_event_set_place (event, place);
  dm_event_set_start (event, &start);
  dm_event_set_end (event, &end);
  if (organizer != NULL && person_name (organizer) != NULL)
    dm_event_set_actor (event, dm_import_actor (&self->imp, NULL, person_name (organizer)));
  else if (kind == DM_EVENT_KIND_VISIT)
    dm_event_set_actor (event, default_actor (self));
  for (guint i = 0; i < attendees->len; i++)
    if (attendees->pdata[i] != dm_event_get_actor (event))
      dm_event_add_participant (event, attendees->pdata[i]);
  switch (icalcomponent_get_status (vevent))
    {
    case ICAL_STATUS_TENTATIVE: dm_event_set_status (event, DM_STATUS_PLANNED); break;
    case ICAL_STATUS_CONFIRMED: dm_event_set_status (event, DM_STATUS_CONFIRMED); break;
    case ICAL_STATUS_CANCELLED: dm_event_set_status (event, DM_STATUS_CANCELLED); break;
    default: break;
    }
  tag_list = g_strv_builder_end (tags);
  if (tag_list[0] != NULL)
    dm_event_set_tags (event, (const char * const *) tag_list);
  if (url != NULL)
    {
      g_autoptr(DmSource) src = dm_source_new ();
      src->url = g_strdup (icalproperty_get_value_as_string (url));
      dm_event_add_source (event, src);
    }
  line = event_line (self, index);
  dm_import_add_event (&self->imp, event, line, 1);
}

gboolean
dm_ical_format_sniff (const char *basename,
                      const char *data,
                      gsize       length)
{
  g_autofree char *ext = dm_import_extension (basename);
  const char *p = data, *end = data + MIN (length, 1024);

  if (g_str_equal (ext, "ics") || g_str_equal (ext, "ical") || g_str_equal (ext, "icalendar"))
    return TRUE;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return end - p >= 15 && g_ascii_strncasecmp (p, "BEGIN:VCALENDAR", 15) == 0;
}

gboolean
dm_ical_format_load (DmDocument    *doc,
                     GFile         *file,
                     const char    *data,
                     gsize          length,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *text = NULL;
  g_autofree char *valid = NULL;
  Loader self = { { 0 } };
  icalcomponent *root, *cal = NULL;
  icalproperty *name;
  guint index = 0;
  gboolean ok = TRUE, has_end, starts;

  dm_import_init (&self.imp, doc, file);
  /* libical keeps bytes as they are: invalid UTF-8 would reach messages and written files */
  data = dm_import_ensure_utf8 (&self.imp, data, &length, &valid);
  /* the lines, for positions: one copy of the file, the text handed to libical (the
   * loader's, NUL-terminated) another; a third only for a file cut short */
  text = g_strndup (data, length);
  index_lines (&self, text);
  has_end = strstr (text, "END:VCALENDAR") != NULL;
  starts = g_ascii_strncasecmp (text, "BEGIN:VCALENDAR", 15) == 0;
  g_clear_pointer (&text, g_free);
  if (!has_end && starts)
    {
      GString *whole = g_string_new_len (data, length);
      gboolean cut = self.event_ends->len > 0 && g_array_index (self.event_ends, guint, self.event_ends->len - 1) == 0;

      /* a file cut short: close what is open so that the complete events still load
       * (the cut event is reported below) */
      g_string_append_printf (whole, "\r\n%sEND:VCALENDAR\r\n", cut ? "END:VEVENT\r\n" : "");
      root = icalparser_parse_string (whole->str);
      g_string_free (whole, TRUE);
    }
  else
    root = icalparser_parse_string (data);
  if (root != NULL && icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    cal = root;
  else if (root != NULL && icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
    cal = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
  if (cal == NULL)
    {
      ok = dm_import_fail (&self.imp, error, 1, 1, _("not iCalendar: the file should begin with BEGIN:VCALENDAR"));
      goto out;
    }
  if ((name = icalcomponent_get_first_property (cal, ICAL_X_PROPERTY)) != NULL)
    for (; name; name = icalcomponent_get_next_property (cal, ICAL_X_PROPERTY))
      if (g_strcmp0 (icalproperty_get_x_name (name), "X-WR-CALNAME") == 0)
        self.calendar_name = icalproperty_get_value_as_string (name);
  if (self.calendar_name != NULL)
    dm_document_set_title (doc, self.calendar_name);

  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT), index++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          goto out;
        }
      /* a VEVENT cut short (a truncated file) is reported, not guessed at */
      if (index < self.event_ends->len && g_array_index (self.event_ends, guint, index) == 0)
        {
          problem (&self, index, NULL, _("This VEVENT has no END:VEVENT: the file is cut short"));
          continue;
        }
      if (dm_import_is_full (&self.imp))
        break;
      read_vevent (&self, c, index);
    }
  if (!has_end)
    dm_import_problem (&self.imp, last_line (&self), 1,
                       _("The file ends without END:VCALENDAR: it may be cut short"));

out:
  if (root != NULL)
    icalcomponent_free (root);
  g_strfreev (self.lines);
  g_clear_pointer (&self.event_lines, g_array_unref);
  g_clear_pointer (&self.event_ends, g_array_unref);
  dm_import_clear (&self.imp);
  return ok;
}
