/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "dm-error.h"
#include "dm-geojson-private.h"
#include "dm-import-private.h"

/* Times of a GeoJSON feature: Linked Places / GeoJSON-T "when", the flat properties
 * that QGIS, Leaflet.TimeDimension and others use, and per-vertex times. */

typedef struct
{
  DmJsonPositions *positions;
  guint           *line;
  guint           *column;
} Ctx;

static void
locate (Ctx        *ctx,
        JsonObject *object,
        const char *member)
{
  *ctx->line = *ctx->column = 0;
  if (object != NULL)
    dm_json_positions_lookup_member (ctx->positions, object, member, ctx->line, ctx->column);
}

/* One end of a time: "2025-10-26", 1761436800, {"in": …}, {"earliest": …, "latest": …} */
static gboolean
read_moment (JsonNode    *node,
             GTimeZone   *zone,
             DmTime      *out,
             GError     **error)
{
  *out = DM_TIME_UNKNOWN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return dm_import_parse_time (json_node_get_string (node), zone, out, error);
      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        {
          double value = json_node_get_double (node);
          char text[G_ASCII_DTOSTR_BUF_SIZE];

          /* as in text, a Unix time has 9 digits or more: 1909 is the year, not 31 minutes
           * past midnight on 1 January 1970 */
          if (fabs (value) >= 1e8)
            return dm_import_time_from_unix (value, out, error);
          g_ascii_formatd (text, sizeof text, "%.15g", value);
          return dm_import_parse_time (text, zone, out, error);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      const char *in = dm_geojson_get_string (o, "in");
      const char *earliest = dm_geojson_get_string (o, "earliest");
      const char *latest = dm_geojson_get_string (o, "latest");
      gboolean ok;

      if (in != NULL)
        ok = dm_import_parse_time (in, zone, out, error);
      else if (earliest != NULL && latest != NULL)
        ok = dm_time_parse_period (earliest, latest, zone, out, error);
      else if (earliest != NULL || latest != NULL)
        ok = dm_import_parse_time (earliest ? earliest : latest, zone, out, error);
      else if (json_object_get_size (o) == 0)
        return TRUE;
      else
        /* {"$date": …} (a database's export) is not one of ours: said, not taken as none */
        ok = FALSE;
      if (!ok && error != NULL && *error == NULL)
        {
          g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
                       _("A time should be an ISO 8601 string, a Unix time or {\"in\": …}"));
          return FALSE;
        }
      if (ok && json_object_get_boolean_member_with_default (o, "approximate", FALSE))
        out->approximate = TRUE;
      return ok;
    }
  g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
               _("A time should be an ISO 8601 string, a Unix time or {\"in\": …}"));
  return FALSE;
}

typedef struct
{
  JsonObject *owner;       /* for positions */
  const char *member;      /* where the start is, or the span when no member has the end */
  JsonNode   *start;
  JsonNode   *end;
  const char *end_member;  /* where the end is, if a member of @owner on its own */
} Span;

/* "timespans": [{"start": …, "end": …}] or GeoJSON-T's [start, latest start, earliest end, end] */
static GArray *
when_spans (JsonObject *feature,
            JsonObject *props)
{
  JsonNode *when = dm_geojson_lookup (feature, "when", NULL);
  GArray *spans = g_array_new (FALSE, TRUE, sizeof (Span));
  JsonObject *wo;
  JsonNode *ts;
  JsonArray *a;

  if ((when == NULL || !JSON_NODE_HOLDS_OBJECT (when)) && props != NULL)
    when = dm_geojson_lookup (props, "when", NULL);
  if (when == NULL || !JSON_NODE_HOLDS_OBJECT (when))
    return spans;
  wo = json_node_get_object (when);
  ts = dm_geojson_lookup (wo, "timespans", NULL);
  /* Linked Places' older "periods", GeoJSON-T's single "timespan" array */
  if (ts == NULL || !JSON_NODE_HOLDS_ARRAY (ts))
    ts = dm_geojson_lookup (wo, "periods", NULL);
  if ((ts == NULL || !JSON_NODE_HOLDS_ARRAY (ts)) && dm_geojson_lookup (wo, "timespan", NULL) != NULL &&
      JSON_NODE_HOLDS_ARRAY (dm_geojson_lookup (wo, "timespan", NULL)))
    {
      JsonArray *t = json_node_get_array (dm_geojson_lookup (wo, "timespan", NULL));
      guint n = json_array_get_length (t);
      Span s = { wo, "timespan", n > 0 ? json_array_get_element (t, 0) : NULL,
                 n > 3 ? json_array_get_element (t, 3) : n > 1 ? json_array_get_element (t, n - 1) : NULL,
                 NULL };

      if (s.start != NULL && JSON_NODE_HOLDS_VALUE (s.start) && g_strcmp0 (json_node_get_string (s.start), "") == 0)
        s.start = NULL;
      if (s.end != NULL && JSON_NODE_HOLDS_VALUE (s.end) && g_strcmp0 (json_node_get_string (s.end), "") == 0)
        s.end = NULL;
      g_array_append_val (spans, s);
      return spans;
    }
  if (ts == NULL || !JSON_NODE_HOLDS_ARRAY (ts))
    {
      if (dm_geojson_lookup (wo, "start", NULL) != NULL)
        {
          Span s = { wo, "start", dm_geojson_lookup (wo, "start", NULL), dm_geojson_lookup (wo, "end", NULL), "end" };
          g_array_append_val (spans, s);
        }
      return spans;
    }
  a = json_node_get_array (ts);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *el = json_array_get_element (a, i);
      Span s = { wo, "timespans", NULL, NULL, NULL };

      if (JSON_NODE_HOLDS_OBJECT (el))
        {
          JsonObject *o = json_node_get_object (el);
          s.owner = o;
          s.member = "start";
          s.end_member = "end";
          s.start = dm_geojson_lookup (o, "start", NULL);
          s.end = dm_geojson_lookup (o, "end", NULL);
        }
      else if (JSON_NODE_HOLDS_ARRAY (el))
        {
          JsonArray *t = json_node_get_array (el);
          guint n = json_array_get_length (t);
          s.start = n > 0 ? json_array_get_element (t, 0) : NULL;
          s.end = n > 3 ? json_array_get_element (t, 3) : n > 1 ? json_array_get_element (t, n - 1) : NULL;
          if (s.start != NULL && JSON_NODE_HOLDS_VALUE (s.start) &&
              g_strcmp0 (json_node_get_string (s.start), "") == 0)
            s.start = NULL;
          if (s.end != NULL && JSON_NODE_HOLDS_VALUE (s.end) &&
              g_strcmp0 (json_node_get_string (s.end), "") == 0)
            s.end = NULL;
        }
      g_array_append_val (spans, s);
    }
  return spans;
}

/* The flat properties: the first member found of each list */
static Span
flat_span (JsonObject *props)
{
  static const char * const starts[] = { "start", "startTime", "start_time", "begin", "date", "time",
                                         "timestamp", "from_date", NULL };
  static const char * const ends[] = { "end", "endTime", "end_time", "to_date", NULL };
  Span s = { props, NULL, NULL, NULL, NULL };

  if (props == NULL)
    return s;
  for (guint i = 0; starts[i] && s.start == NULL; i++)
    if ((s.start = dm_geojson_lookup (props, starts[i], &s.member)) != NULL && s.member == NULL)
      s.member = starts[i];
  for (guint i = 0; ends[i] && s.end == NULL; i++)
    if ((s.end = dm_geojson_lookup (props, ends[i], &s.end_member)) != NULL && s.end_member == NULL)
      s.end_member = ends[i];
  if (s.start == NULL && s.end != NULL)
    s.member = s.end_member;
  /* "times": ["…", "…"] (Leaflet.TimeDimension) for a point: first and last */
  if (s.start == NULL && dm_geojson_lookup (props, "times", NULL) != NULL &&
      JSON_NODE_HOLDS_ARRAY (dm_geojson_lookup (props, "times", NULL)))
    {
      JsonArray *a = json_node_get_array (dm_geojson_lookup (props, "times", NULL));
      guint n = json_array_get_length (a);
      if (n > 0)
        {
          s.member = "times";
          s.start = json_array_get_element (a, 0);
          s.end = n > 1 ? json_array_get_element (a, n - 1) : NULL;
        }
    }
  return s;
}

static gboolean
read_span (Ctx       *ctx,
           Span      *span,
           GTimeZone *start_zone,
           GTimeZone *end_zone,
           DmTime    *start,
           DmTime    *end,
           GError   **error)
{
  const char *end_member = span->end_member ? span->end_member : span->member;

  if (!read_moment (span->start, start_zone, start, error))
    {
      locate (ctx, span->owner, span->member);
      return FALSE;
    }
  if (!read_moment (span->end, end_zone, end, error))
    {
      locate (ctx, span->owner, end_member);
      return FALSE;
    }
  if (dm_time_is_known (start) && dm_time_is_known (end) && end->latest < start->earliest)
    {
      locate (ctx, span->owner, end_member);
      g_set_error (error, DM_ERROR, DM_ERROR_INVALID, _("The feature ends before it starts"));
      return FALSE;
    }
  return TRUE;
}

DmGeojsonTimes
dm_geojson_read_times (DmJsonPositions  *positions,
                       JsonObject       *feature,
                       JsonObject       *props,
                       DmEvent          *event,
                       GArray           *vertex_times,
                       GArray           *leg_vertices,
                       guint            *line,
                       guint            *column,
                       GError          **error)
{
  Ctx ctx = { positions, line, column };
  g_autoptr(GArray) spans = when_spans (feature, props);
  GPtrArray *legs = dm_event_get_legs (event);
  Span flat = flat_span (props);
  Span *overall = spans->len > 0 ? &g_array_index (spans, Span, 0) : flat.start || flat.end ? &flat : NULL;
  JsonArray *times = NULL;
  DmTime start, end;

  if (dm_event_get_kind (event) != DM_EVENT_KIND_TRIP)
    {
      GTimeZone *zone = dm_place_get_zone (dm_event_get_place (event));

      if (overall == NULL)
        return DM_GEOJSON_TIMES_NONE;
      if (!read_span (&ctx, overall, zone, zone, &start, &end, error))
        return DM_GEOJSON_TIMES_BAD;
      if (spans->len > 1)
        {
          Span *last = &g_array_index (spans, Span, spans->len - 1);
          DmTime s2, e2;
          if (!read_span (&ctx, last, zone, zone, &s2, &e2, error))
            return DM_GEOJSON_TIMES_BAD;
          end = dm_time_is_known (&e2) ? e2 : s2;
        }
      if (!dm_time_is_known (&start))
        {
          if (!dm_time_is_known (&end))
            return DM_GEOJSON_TIMES_NONE;
          start = end;
          end = DM_TIME_UNKNOWN;
        }
      /* an end equal to the start adds nothing */
      if (dm_time_compare (&start, &end) == 0)
        end = DM_TIME_UNKNOWN;
      dm_event_set_start (event, &start);
      dm_event_set_end (event, &end);
      return DM_GEOJSON_TIMES_OK;
    }

  /* a trip: one timespan per leg */
  if (spans->len == legs->len)
    {
      for (guint i = 0; i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          if (!read_span (&ctx, &g_array_index (spans, Span, i), dm_place_get_zone (leg->from),
                          dm_place_get_zone (leg->to), &leg->depart, &leg->arrive, error))
            return DM_GEOJSON_TIMES_BAD;
        }
      return DM_GEOJSON_TIMES_OK;
    }

  /* a time per vertex: the fourth coordinate, or "times" */
  if (props != NULL && dm_geojson_lookup (props, "times", NULL) != NULL &&
      JSON_NODE_HOLDS_ARRAY (dm_geojson_lookup (props, "times", NULL)))
    times = json_node_get_array (dm_geojson_lookup (props, "times", NULL));
  if (times != NULL && json_array_get_length (times) == vertex_times->len)
    {
      for (guint i = 0; i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          guint v = g_array_index (leg_vertices, guint, i);
          if (!read_moment (json_array_get_element (times, v), dm_place_get_zone (leg->from), &leg->depart, error) ||
              !read_moment (json_array_get_element (times, v + 1), dm_place_get_zone (leg->to), &leg->arrive, error))
            {
              locate (&ctx, props, "times");
              return DM_GEOJSON_TIMES_BAD;
            }
        }
      return DM_GEOJSON_TIMES_OK;
    }
  if (vertex_times->len > 0 && !isnan (g_array_index (vertex_times, double, 0)))
    {
      for (guint i = 0; i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          guint v = g_array_index (leg_vertices, guint, i);
          double a = g_array_index (vertex_times, double, v), b = g_array_index (vertex_times, double, v + 1);

          if ((!isnan (a) && !dm_import_time_from_unix (a, &leg->depart, error)) ||
              (!isnan (b) && !dm_import_time_from_unix (b, &leg->arrive, error)))
            {
              JsonNode *geometry = json_object_get_member (feature, "geometry");
              locate (&ctx, JSON_NODE_HOLDS_OBJECT (geometry) ? json_node_get_object (geometry) : NULL,
                      "coordinates");
              return DM_GEOJSON_TIMES_BAD;
            }
        }
      return DM_GEOJSON_TIMES_OK;
    }

  /* one span for the whole trip: its start is the first departure, its end the last arrival */
  if (overall == NULL || legs->len == 0)
    return DM_GEOJSON_TIMES_NONE;
  {
    DmLeg *first = g_ptr_array_index (legs, 0);
    DmLeg *last = g_ptr_array_index (legs, legs->len - 1);

    if (!read_span (&ctx, overall, dm_place_get_zone (first->from), dm_place_get_zone (last->to),
                    &start, &end, error))
      return DM_GEOJSON_TIMES_BAD;
    if (!dm_time_is_known (&start) && !dm_time_is_known (&end))
      return DM_GEOJSON_TIMES_NONE;
    first->depart = start;
    last->arrive = end;
  }
  return DM_GEOJSON_TIMES_OK;
}
