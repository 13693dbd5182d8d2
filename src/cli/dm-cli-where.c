/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "dm-cli-private.h"
#include "dm-document.h"
#include "dm-error.h"
#include "dm-json-builder.h"
#include "dm-loader.h"
#include "dm-route-set.h"
#include "dm-time-format.h"

/* diplomap --where [--json] --at TIME FILE…: where each actor is at TIME, as the map draws it
 * (dm_route_set_dup_where, the route set the map and the figures use), with the times the
 * sources gave and never an estimate shown as a fact. */

static const char *
state_name (DmWhereState state)
{
  switch (state)
    {
    case DM_WHERE_AT:         return "at";
    case DM_WHERE_TRAVELLING: return "travelling";
    case DM_WHERE_UNKNOWN:
    default:                  return "unknown";
    }
}

static GTimeZone *
zone_of (DmPlace *place)
{
  return place != NULL ? dm_place_get_zone (place) : NULL;
}

/* The place where @w's times are local: a stay's place, a leg's ends */
static char *
dup_iso (const DmTime *time,
         DmPlace      *place)
{
  return time != NULL ? dm_time_to_iso (time, zone_of (place)) : NULL;
}

static void
add_place (JsonBuilder *b,
           const char  *name,
           DmPlace     *place)
{
  json_builder_set_member_name (b, name);
  if (place != NULL)
    json_builder_add_string_value (b, dm_place_get_name (place));
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder  *b,
          const char   *name,
          const DmTime *time,
          DmPlace      *place)
{
  g_autofree char *iso = dup_iso (time, place);

  json_builder_set_member_name (b, name);
  if (iso != NULL)
    json_builder_add_string_value (b, iso);
  else
    json_builder_add_null_value (b);
}

static void
print_json (gint64  t,
            GArray *where)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *at = dm_time_format_utc_iso (t);

  json_builder_begin_object (b);
  dm_json_builder_add_string (b, "at", at);
  json_builder_set_member_name (b, "actors");
  json_builder_begin_array (b);
  for (guint i = 0; i < where->len; i++)
    {
      const DmWhere *w = &g_array_index (where, DmWhere, i);

      json_builder_begin_object (b);
      dm_json_builder_add_string (b, "actor", dm_actor_get_name (w->actor));
      dm_json_builder_add_string (b, "id", dm_actor_get_id (w->actor));
      dm_json_builder_add_string (b, "state", state_name (w->state));
      add_place (b, "place", w->place);
      add_place (b, "from", w->from);
      add_place (b, "to", w->to);
      /* a leg's departure is local at its start, its arrival at its end */
      add_time (b, "since", w->since, w->state == DM_WHERE_TRAVELLING ? w->from : w->place);
      add_time (b, "until", w->until, w->state == DM_WHERE_TRAVELLING ? w->to : w->place);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  bytes = dm_json_builder_to_bytes (b);
  fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
}

static char *
dup_line (const DmWhere *w)
{
  const char *who = dm_actor_get_name (w->actor);

  switch (w->state)
    {
    case DM_WHERE_AT:
      {
        const char *place = dm_place_get_name (w->place);
        g_autofree char *when = NULL;

        if (w->since == NULL)
          /* Translators: --where: an actor at a place */
          return g_strdup_printf (_("%s: at %s"), who, place);
        when = dm_time_format_range (w->since, w->until, zone_of (w->place));
        if (w->until != NULL)
          /* Translators: --where: an actor at a place, and when: "Minsk (28 – 29 October 2025)" */
          return g_strdup_printf (_("%s: at %s (%s)"), who, place, when);
        /* Translators: --where: an actor at a place since a time */
        return g_strdup_printf (_("%s: at %s since %s"), who, place, when);
      }
    case DM_WHERE_TRAVELLING:
      {
        g_autofree char *depart = dm_time_format_leg_time (w->leg, FALSE);
        g_autofree char *arrive = dm_time_format_leg_time (w->leg, TRUE);

        /* Translators: --where: an actor on a leg: from, to, its departure and arrival */
        return g_strdup_printf (_("%s: travelling from %s to %s (departs %s, arrives %s)"), who,
                                dm_place_get_name (w->from), dm_place_get_name (w->to),
                                depart, arrive);
      }
    case DM_WHERE_UNKNOWN:
    default:
      if (w->from != NULL && w->to != NULL)
        /* Translators: --where: where an actor is is not known; the last and next places known */
        return g_strdup_printf (_("%s: not known (last known in %s, next in %s)"), who,
                                dm_place_get_name (w->from), dm_place_get_name (w->to));
      if (w->from != NULL)
        return g_strdup_printf (_("%s: not known (last known in %s)"), who,
                                dm_place_get_name (w->from));
      if (w->to != NULL)
        return g_strdup_printf (_("%s: not known (next in %s)"), who, dm_place_get_name (w->to));
      return g_strdup_printf (_("%s: not known"), who);
    }
}

int
dm_cli_where (const char  *at,
              gboolean     json,
              char       **files)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmRouteSet) set = NULL;
  g_autoptr(GArray) where = NULL;
  g_autoptr(GError) error = NULL;
  DmTime time;
  gint64 t;

  if (at == NULL || !dm_time_parse (at, NULL, &time, &error))
    {
      g_printerr ("%s\n", error ? error->message : _("Say when: diplomap --where --at TIME FILE…"));
      return 2;
    }
  /* a moment; a day or a month stands for its middle */
  t = time.precision >= DM_PRECISION_MINUTE ? time.earliest : dm_time_get_middle (&time);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = dm_cli_file_for_arg (files[i]);

      if (!dm_loader_load_file (doc, file, NULL, &error))
        {
          g_autofree char *text = dm_error_to_string (error);
          g_printerr ("%s\n", text);
          return 2;
        }
    }

  set = dm_route_set_new (doc);
  where = dm_route_set_dup_where (set, t);
  if (json)
    print_json (t, where);
  else
    {
      g_autofree char *when = dm_time_format_instant (t, NULL);

      /* Translators: --where: the first line, the moment asked about */
      g_print (_("At %s:\n"), when);
      for (guint i = 0; i < where->len; i++)
        {
          g_autofree char *line = dup_line (&g_array_index (where, DmWhere, i));
          g_print ("%s\n", line);
        }
    }
  return 0;
}
