/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"
#include "dm-limits-private.h"

G_BEGIN_DECLS

/* What every reader of another tool's format shares: places by name through the
 * gazetteer or by coordinates, actors by name, lenient times, problems. */
typedef struct
{
  DmDocument *doc;
  GFile      *file;
  GHashTable *places;   /* "name|country|lat|lon" -> DmPlace */
  GHashTable *actors;   /* folded name -> DmActor */
  GHashTable *ids;      /* the ids of the events added */
  gboolean    renamed;  /* an id used twice was met (and said so) */
  guint       n_events; /* added so far, at most DM_MAX_EVENTS */
  gboolean    full;     /* an event past DM_MAX_EVENTS was met (and said so) */
  guint       n_bad_times;     /* times that could not be read: the first few are said */
  guint       bad_time_line;   /* the first one not said on its own */
  guint       bad_time_column;
  guint       at_line;  /* not 0 while a piece is read on its own (GeoJSON in a CSV cell): */
  guint       at_column;/* its problems and events are where the piece is */
} DmImport;

void      dm_import_init              (DmImport     *self,
                                       DmDocument   *doc,
                                       GFile        *file);
void      dm_import_clear             (DmImport     *self);
void      dm_import_problem           (DmImport     *self,
                                       guint         line,
                                       guint         column,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (4, 5);
/* A time that cannot be read (a boolean, an object, "soon"): the first three are problems
 * with their position, the rest are counted for dm_import_report_bad_times() */
void      dm_import_time_problem      (DmImport     *self,
                                       guint         line,
                                       guint         column,
                                       const char   *message);
/* One problem for the times past the first three, at the first of them */
void      dm_import_report_bad_times  (DmImport     *self);
gboolean  dm_import_fail              (DmImport     *self,
                                       GError      **error,
                                       guint         line,
                                       guint         column,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (5, 6);
/* A place named in the file, through the gazetteer (then country names); NULL if unknown */
DmPlace  *dm_import_place_by_name     (DmImport     *self,
                                       const char   *name,
                                       const char   *country);
/* A place named in free text ("Newport, KY, United States"), inside the country and
 * region it names (and @country unless NULL); a qualifier that matches nothing, a place
 * not in the country or region named, or a country other than @country is a problem at
 * @line:@column. NULL if unknown. */
DmPlace  *dm_import_place_from_text   (DmImport     *self,
                                       const char   *text,
                                       const char   *country,
                                       guint         line,
                                       guint         column);
/* The airport of an IATA ("SVO") or ICAO ("ZKPY") code, as a point named "Moscow (SVO)";
 * NULL if @code is not an airport code the gazetteer knows */
DmPlace  *dm_import_place_from_code   (DmImport     *self,
                                       const char   *code);
/* A place given by coordinates; @name, @country and @timezone may be NULL */
DmPlace  *dm_import_place_at          (DmImport     *self,
                                       const char   *name,
                                       const char   *country,
                                       const char   *timezone,
                                       double        latitude,
                                       double        longitude);
/* The actor with this id or name, made on first use (@id from @name when NULL) */
DmActor  *dm_import_actor             (DmImport     *self,
                                       const char   *id,
                                       const char   *name);
/* Adds @event to the document with its origin in the file; a trip whose legs do not join
 * becomes several trips that each do (ids "ID-1", "ID-2"…). An id that an earlier event of
 * the file has is made unique ("ID-2"), with one problem for the file, so that a file written
 * from it reads back. Past DM_MAX_EVENTS events, a
 * trip of more than DM_MAX_LEGS legs or an event of more than DM_MAX_PARTICIPANTS people,
 * the event is not added and a problem says why (once, for the events past the limit). */
void      dm_import_add_event         (DmImport     *self,
                                       DmEvent      *event,
                                       guint         line,
                                       guint         column);
char     *dm_import_slug              (const char   *name);
/* TRUE once an event past DM_MAX_EVENTS was met: the reader may stop */
gboolean  dm_import_is_full           (DmImport     *self);
/* FALSE, with a problem at @line:@column, when a geometry of @n_vertices points is more
 * than DM_MAX_VERTICES or its @n_legs legs more than DM_MAX_LEGS: checked before its
 * places are looked up */
gboolean  dm_import_check_geometry    (DmImport     *self,
                                       guint         n_vertices,
                                       guint         n_legs,
                                       guint         line,
                                       guint         column);
/* How many of @n people to read: at most DM_MAX_PARTICIPANTS, with a problem at
 * @line:@column when @n is more */
guint     dm_import_check_participants (DmImport    *self,
                                        guint        n,
                                        guint        line,
                                        guint        column);

/* How a numeric date orders its day and month: "26/10/2025" settles it (DAY_FIRST),
 * "2/24/17" too (MONTH_FIRST), "7/6/2017" does not (EITHER); NONE for "1/1/2017" and
 * anything else */
typedef enum
{
  DM_DATE_ORDER_NONE,
  DM_DATE_ORDER_DAY_FIRST,
  DM_DATE_ORDER_MONTH_FIRST,
  DM_DATE_ORDER_EITHER,
} DmDateOrder;

/* ISO 8601 as dm_time_parse(), plus DD/MM/YYYY (and MM/DD/YYYY when the day is
 * over 12), DD.MM.YYYY, two-digit years (1930-2029), "YYYY-MM-DD HH:MM", with an
 * optional time after a date */
gboolean  dm_import_parse_time        (const char   *text,
                                       GTimeZone    *zone,
                                       DmTime       *out,
                                       GError      **error);
/* The same, with numeric dates read month first when @order is DM_DATE_ORDER_MONTH_FIRST
 * (the order a whole column settled on) */
gboolean  dm_import_parse_time_ordered (const char  *text,
                                        GTimeZone   *zone,
                                        DmDateOrder  order,
                                        DmTime      *out,
                                        GError     **error);
DmDateOrder dm_import_date_order_of   (const char   *text);
/* An exact moment from Unix seconds (or milliseconds when it is too large for seconds);
 * FALSE with @error outside the years 1 to 9999 */
gboolean  dm_import_time_from_unix    (double        value,
                                       DmTime       *out,
                                       GError      **error);
/* The same time without a "~" (for tools that read ISO 8601 only) */
char     *dm_import_time_to_plain_iso (const DmTime *time,
                                       GTimeZone    *zone);
/* A point of a recorded track: where, and when (@arrive; @depart as a stop) */
typedef struct
{
  double lon;
  double lat;
  DmTime arrive;
  DmTime depart;
  guint  first;   /* as a stop: its first and last point in the track */
  guint  last;
} DmTrackPoint;

/* The stops of a track, in order: its first point, each place where it stays within
 * 200 m for 10 minutes or more, its last point; each with the time it got there and the
 * time it left. (transfer full) (element-type DmTrackPoint) */
GArray   *dm_import_track_stops       (const DmTrackPoint *points,
                                       guint               n_points);
/* The way the track went from stop @from to stop @to (of dm_import_track_stops() over
 * @points), for DmLeg.path: longitude, latitude pairs; NULL when it went straight */
GArray   *dm_import_track_path        (const DmTrackPoint *points,
                                       const DmTrackPoint *from,
                                       const DmTrackPoint *to);
/* Adds what a timed track's @stops (of dm_import_track_stops() over @points) make: a visit
 * to its one stop, titled and done by @trip's title and actor, when it never left; else
 * @trip, given one leg from each stop to the next along the way the track went */
void      dm_import_add_track         (DmImport           *self,
                                       DmEvent            *trip,
                                       const DmTrackPoint *points,
                                       GArray             *stops,
                                       guint               line,
                                       guint               column);
/* Where each line of @data starts (offsets, as guint) */
GArray   *dm_import_index_lines       (const char   *data,
                                       gsize         length);
/* The column (1-based, in characters) of @needle on line @line (1-based), or of the
 * line's first non-blank character */
guint     dm_import_find_column       (const char   *data,
                                       gsize         length,
                                       GArray       *line_starts,
                                       guint         line,
                                       const char   *needle);
/* A latitude and longitude written in one cell: "55.75, 37.62", "55.75 37.62",
 * "55°45′N 37°37′E", "33°52′S, 151°12′E" (hemispheres in either order); FALSE unless both
 * are within the world */
gboolean  dm_import_parse_coordinates (const char   *text,
                                       double       *latitude,
                                       double       *longitude);
/* A date or a range of days written in English prose: "26 October 2025", "October 26,
 * 2025", "26-28 October 2025", "Oct 26 – Nov 2, 2025", "January 29–February 7, 1909";
 * @end is DM_TIME_UNKNOWN for one date. FALSE for anything else (numeric dates included) */
gboolean  dm_import_parse_prose_dates (const char   *text,
                                       GTimeZone    *zone,
                                       DmTime       *start,
                                       DmTime       *end);
/* A month as a spreadsheet's "Month" column writes it: "2025-10", "10/2025", "Oct 2025",
 * "October 2025", or only the month ("10", "October") with @year (a "Year" column; may be
 * NULL): "2025-10", or NULL when it is not one */
char     *dm_import_dup_month         (const char   *text,
                                       const char   *year);
/* The extension of @basename, lower case, or "" */
char     *dm_import_extension         (const char   *basename);

const char *dm_import_ensure_utf8   (DmImport     *self,
                                     const char   *data,
                                     gsize        *length,
                                     char        **valid);

G_END_DECLS
