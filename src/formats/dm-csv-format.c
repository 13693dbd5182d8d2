/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dm-csv-private.h"
#include "dm-format.h"
#include "dm-gazetteer.h"
#include "dm-geojson-private.h"
#include "dm-import-private.h"

/* CSV and TSV from a spreadsheet: a header row names the columns (with common
 * synonyms, in any case); a row with from/to is a leg, a row with a place a visit.
 * Rows sharing a trip id, or else the same actor and legs that join, make one trip. */

typedef enum
{
  COL_TRIP, COL_TYPE, COL_ID, COL_TITLE, COL_ACTOR, COL_ACTOR_ID, COL_PARTICIPANTS, COL_STATUS,
  COL_FROM, COL_FROM_COUNTRY, COL_FROM_LAT, COL_FROM_LON,
  COL_TO, COL_TO_COUNTRY, COL_TO_LAT, COL_TO_LON,
  COL_PLACE, COL_COUNTRY, COL_LAT, COL_LON, COL_TIMEZONE,
  COL_START, COL_END, COL_HOST, COL_TAGS, COL_NOTES, COL_SOURCE, COL_GEOWKT,
  COL_COORDS, COL_YEAR, COL_MONTH, COL_DATE,
  N_COLUMNS
} Column;

/* Header names, folded: lower case, no accents, no spaces, '_' or '-' */
static const char * const synonyms[N_COLUMNS] = {
  [COL_TRIP] = "trip|journey|tripid|journeyid|tour|route",
  [COL_TYPE] = "type|kind|eventtype|category",
  [COL_ID] = "id|eventid",
  [COL_TITLE] = "title|name|event|summary|label",
  [COL_ACTOR] = "actor|person|leader|traveller|traveler|who|delegation|official",
  [COL_ACTOR_ID] = "actorid",
  [COL_PARTICIPANTS] = "participants|attendees|with|others",
  [COL_STATUS] = "status",
  [COL_FROM] = "from|origin|fromcity|fromplace|origincity|departurecity|departureplace|fromairport|originairport|departureairport",
  [COL_FROM_COUNTRY] = "fromcountry|origincountry",
  [COL_FROM_LAT] = "fromlat|fromlatitude|originlat",
  [COL_FROM_LON] = "fromlon|fromlng|fromlongitude|originlon|originlng",
  [COL_TO] = "to|destination|tocity|toplace|destinationcity|arrivalcity|arrivalplace|toairport|destinationairport|arrivalairport",
  [COL_TO_COUNTRY] = "tocountry|destinationcountry",
  [COL_TO_LAT] = "tolat|tolatitude|destinationlat",
  [COL_TO_LON] = "tolon|tolng|tolongitude|destinationlon|destinationlng",
  [COL_PLACE] = "place|city|location|venue|where|airport",
  [COL_COUNTRY] = "country|countrycode|ccodes",
  [COL_LAT] = "lat|latitude|y",
  [COL_LON] = "lon|lng|long|longitude|x",
  [COL_TIMEZONE] = "timezone|tz|zone",
  [COL_START] = "start|depart|departure|departuredate|startdate|begin|from date|fromdate|when|starttime|departs|departuretime|departtime",
  [COL_END] = "end|arrive|arrival|arrivaldate|enddate|todate|until|endtime|arrives|arrivaltime|arrivetime",
  [COL_HOST] = "host",
  [COL_TAGS] = "tags|tag|keywords",
  [COL_NOTES] = "notes|note|description|comment|comments|remarks",
  [COL_SOURCE] = "source|sources|url|link",
  [COL_GEOWKT] = "geowkt|wkt",   /* Linked Places' LP-TSV: "POINT(lon lat)" */
  [COL_COORDS] = "coordinates|coordinate|coords|latlon|latlng|latlong|gps|geocoordinates",   /* "55.75, 37.62" */
  [COL_YEAR] = "year",   /* a date of that precision, when the row has no other */
  [COL_MONTH] = "month",   /* with the year ("Year" or in it: "2025-10", "Oct 2025"): a month */
  [COL_DATE] = "date",   /* the start, or the day of start and end columns that give clock times */
};

typedef struct
{
  DmImport    imp;
  int         columns[N_COLUMNS];   /* field index, or -1 */
  GPtrArray  *events;               /* DmEvent in the order of their first row */
  GHashTable *trips;                /* trip id -> DmEvent */
  GHashTable *last_trip;            /* DmActor -> DmEvent, for joining legs */
  DmActor    *fallback;
  guint       n_rows;
  DmDateOrder start_order;          /* how the start and end columns write numeric dates */
  DmDateOrder end_order;
  gboolean    codes[N_COLUMNS];     /* the column holds airport codes ("SAN", "ZKPY") */
  DmDateOrder date_order;           /* of the date column, when start and end hold clock times */
  gboolean    end_is_clock;         /* the row's end was a clock time on the date column's day */
  DmTime      range_end;            /* the end of a range the row's start gave ("26-28 October") */
  GArray     *geo_columns;          /* field indexes of columns holding GeoJSON (kepler.gl) */
  DmGeojsonCells *cells;
} Loader;

static char *
fold_header (const char *text)
{
  g_autofree char *folded = dm_gazetteer_fold (text);
  GString *s = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

static int
column_for (const char *header)
{
  /* "Date (MM/DD/YYYY)", "Coordinates [lat, lon]": the name before a bracketed hint */
  g_autofree char *name = g_strndup (header, strcspn (header, "(["));
  g_autofree char *key = fold_header (*g_strstrip (name) ? name : header);

  for (int c = 0; c < N_COLUMNS; c++)
    {
      g_auto(GStrv) names = g_strsplit (synonyms[c], "|", -1);
      for (guint i = 0; names[i]; i++)
        {
          g_autofree char *n = fold_header (names[i]);
          if (g_str_equal (key, n))
            return c;
        }
    }
  return -1;
}

/* How many columns of the header we know, and whether it says where */
static guint
read_header (GPtrArray *row,
             int       *columns,
             gboolean  *has_where)
{
  guint known = 0;

  for (int c = 0; c < N_COLUMNS; c++)
    columns[c] = -1;
  for (guint i = 0; i < row->len; i++)
    {
      DmCsvField *f = g_ptr_array_index (row, i);
      int c = column_for (f->text);

      if (c >= 0 && columns[c] < 0)
        {
          columns[c] = i;
          known++;
        }
    }
  /* a "date" column is the start, unless start and end columns give the clock times of its day */
  if (columns[COL_START] < 0)
    {
      columns[COL_START] = columns[COL_DATE];
      columns[COL_DATE] = -1;
    }
  /* "destination country, destination city, date" with no origin: the rows are visits */
  if (columns[COL_FROM] < 0 && columns[COL_FROM_LAT] < 0 && columns[COL_FROM_COUNTRY] < 0 &&
      columns[COL_PLACE] < 0 && columns[COL_LAT] < 0 &&
      (columns[COL_TO] >= 0 || (columns[COL_TO_LAT] >= 0 && columns[COL_TO_LON] >= 0)))
    {
      static const Column pairs[][2] = {
        { COL_TO, COL_PLACE }, { COL_TO_COUNTRY, COL_COUNTRY }, { COL_TO_LAT, COL_LAT }, { COL_TO_LON, COL_LON }
      };
      for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
        if (columns[pairs[i][1]] < 0)
          {
            columns[pairs[i][1]] = columns[pairs[i][0]];
            columns[pairs[i][0]] = -1;
          }
    }
  *has_where = columns[COL_FROM] >= 0 || columns[COL_TO] >= 0 || columns[COL_PLACE] >= 0 ||
               (columns[COL_LAT] >= 0 && columns[COL_LON] >= 0) || columns[COL_GEOWKT] >= 0 ||
               columns[COL_COORDS] >= 0;
  return known;
}

static DmCsvField *
cell (Loader    *self,
      GPtrArray *row,
      Column     column)
{
  int i = self->columns[column];
  DmCsvField *f;

  if (i < 0 || (guint) i >= row->len)
    return NULL;
  f = g_ptr_array_index (row, i);
  g_strstrip (f->text);
  return *f->text ? f : NULL;
}

static const char *
text (Loader    *self,
      GPtrArray *row,
      Column     column)
{
  DmCsvField *f = cell (self, row, column);
  return f ? f->text : NULL;
}

static gboolean
read_number (Loader    *self,
             GPtrArray *row,
             Column     column,
             double    *value)
{
  DmCsvField *f = cell (self, row, column);
  g_autofree char *copy = NULL;
  char *end;

  if (f == NULL)
    return FALSE;
  /* "53,9" from a spreadsheet in a comma-decimal locale */
  copy = g_strdelimit (g_strdup (f->text), ",", '.');
  /* a decimal number only: g_ascii_strtod() also reads "0x10", "nan" and "inf" */
  if (strspn (copy, "0123456789+-.eE \t") != strlen (copy))
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*value);
}

/* A place from a name column (with its country) or from coordinates; a problem if unknown */
static gboolean
read_place (Loader     *self,
            GPtrArray  *row,
            Column      name_col,
            Column      country_col,
            Column      lat_col,
            Column      lon_col,
            DmPlace   **out)
{
  DmCsvField *name = cell (self, row, name_col);
  DmCsvField *wkt = name_col == COL_PLACE ? cell (self, row, COL_GEOWKT) : NULL;
  g_autofree char *country = g_strdup (text (self, row, country_col));
  double lat, lon;

  *out = NULL;
  /* LP-TSV: "ccodes" may list several ("GB;IE"): the first; the place is the row's title */
  if (country != NULL)
    country[strcspn (country, ";")] = '\0';
  if (wkt != NULL && name == NULL)
    name = cell (self, row, COL_TITLE);
  if (wkt != NULL && g_ascii_strncasecmp (wkt->text, "POINT", 5) == 0)
    {
      const char *open = strchr (wkt->text, '(');
      char *end1 = NULL, *end2 = NULL;

      if (open != NULL)
        {
          lon = g_ascii_strtod (open + 1, &end1);
          lat = g_ascii_strtod (end1, &end2);
        }
      if (open == NULL || end1 == open + 1 || end2 == end1 || lat < -90 || lat > 90 || lon < -180 || lon > 180)
        {
          dm_import_problem (&self->imp, wkt->line, wkt->column,
                             /* Translators: %s is a geowkt cell from the file */
                             _("“%s” is not a point as POINT(longitude latitude) within the world"), wkt->text);
          return FALSE;
        }
      *out = dm_import_place_at (&self->imp, name ? name->text : NULL, country, NULL, lat, lon);
      return TRUE;
    }
  /* one "Coordinates" cell: "55.75, 37.62", "55°45′N 37°37′E" */
  if (name_col == COL_PLACE && cell (self, row, COL_COORDS) != NULL)
    {
      DmCsvField *f = cell (self, row, COL_COORDS);

      if (!dm_import_parse_coordinates (f->text, &lat, &lon))
        {
          dm_import_problem (&self->imp, f->line, f->column,
                             /* Translators: %s is a cell of the file's coordinates column */
                             _("“%s” is not a latitude and longitude such as “55.75, 37.62” or “55°45′N 37°37′E”"),
                             f->text);
          return FALSE;
        }
      *out = dm_import_place_at (&self->imp, name ? name->text : NULL, country,
                                 text (self, row, COL_TIMEZONE), lat, lon);
      return TRUE;
    }
  if (read_number (self, row, lat_col, &lat) && read_number (self, row, lon_col, &lon))
    {
      if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
        {
          DmCsvField *f = cell (self, row, lat_col);
          dm_import_problem (&self->imp, f->line, f->column,
                             _("Coordinates %g, %g are outside the world (latitude -90 to 90, longitude -180 to 180)"),
                             lat, lon);
          return FALSE;
        }
      *out = dm_import_place_at (&self->imp, name ? name->text : NULL, country,
                                 name_col == COL_PLACE ? text (self, row, COL_TIMEZONE) : NULL, lat, lon);
      return TRUE;
    }
  if (name == NULL)
    return TRUE;
  if (self->codes[name_col])
    {
      if ((*out = dm_import_place_from_code (&self->imp, name->text)) != NULL)
        return TRUE;
      dm_import_problem (&self->imp, name->line, name->column,
                         /* Translators: %s is a code from a column of airport codes, e.g. “PYO” */
                         _("“%s” is not an airport code the gazetteer knows (it has the large and medium airports that have an IATA code)"),
                         name->text);
      return FALSE;
    }
  *out = dm_import_place_from_text (&self->imp, name->text, country, name->line, name->column);
  if (*out == NULL)
    {
      dm_import_problem (&self->imp, name->line, name->column,
                         /* Translators: %s is a place name from the file */
                         _("Unknown place “%s”: give its latitude and longitude, or a name the gazetteer knows"),
                         name->text);
      return FALSE;
    }
  return TRUE;
}

/* "10:25PM", "6:17 AM", "22:25", "9:05:30": a time of day alone; FALSE otherwise */
static gboolean
parse_clock (const char *text,
             int        *hour,
             int        *minute,
             int        *second)
{
  const char *p = text;
  char *end;

  *hour = (int) g_ascii_strtoll (p, &end, 10);
  if (end == p || end - p > 2 || *end != ':')
    return FALSE;
  p = end + 1;
  *minute = (int) g_ascii_strtoll (p, &end, 10);
  if (end - p != 2)
    return FALSE;
  *second = 0;
  if (*end == ':')
    {
      p = end + 1;
      *second = (int) g_ascii_strtoll (p, &end, 10);
      if (end - p != 2)
        return FALSE;
    }
  while (*end == ' ')
    end++;
  if (g_ascii_strcasecmp (end, "pm") == 0 || g_ascii_strcasecmp (end, "p.m.") == 0)
    {
      if (*hour < 1 || *hour > 12)
        return FALSE;
      *hour = *hour % 12 + 12;
    }
  else if (g_ascii_strcasecmp (end, "am") == 0 || g_ascii_strcasecmp (end, "a.m.") == 0)
    {
      if (*hour < 1 || *hour > 12)
        return FALSE;
      *hour = *hour % 12;
    }
  else if (*end != '\0')
    return FALSE;
  return *hour <= 23 && *minute <= 59 && *second <= 59;
}

/* A clock time in a start or end cell, on the day of the row's date column, local at @zone */
static gboolean
read_clock (Loader     *self,
            GPtrArray  *row,
            const char *clock,
            GTimeZone  *zone,
            DmTime     *out)
{
  DmCsvField *date = cell (self, row, COL_DATE);
  g_autofree char *iso = NULL;
  DmCivil day;
  gint64 middle;
  int hour, minute, second;
  DmTime t;

  if (date == NULL || !parse_clock (clock, &hour, &minute, &second) ||
      !dm_import_parse_time_ordered (date->text, zone, self->date_order, &t, NULL) ||
      t.precision != DM_PRECISION_DAY)
    return FALSE;
  /* the local day the date names (its middle, whatever the zone) */
  middle = (t.earliest + t.latest) / 2;
  dm_civil_from_unix (middle + dm_time_zone_offset_at (zone, middle), &day);
  iso = g_strdup_printf ("%s%04d-%02d-%02dT%02d:%02d", day.year < 0 ? "-" : "", ABS (day.year),
                         day.month, day.day, hour, minute);
  if (second != 0)
    {
      g_autofree char *minutes = g_steal_pointer (&iso);
      iso = g_strdup_printf ("%s:%02d", minutes, second);
    }
  return dm_import_parse_time (iso, zone, out, NULL);
}

static gboolean
read_time (Loader    *self,
           GPtrArray *row,
           Column     column,
           DmPlace   *place,
           DmTime    *out)
{
  DmCsvField *f = cell (self, row, column);
  g_autoptr(GError) error = NULL;

  *out = DM_TIME_UNKNOWN;
  if (column == COL_START)
    self->range_end = DM_TIME_UNKNOWN;
  /* a "Month" column (with a "Year" one, or the year in it) dates a row that has no other
   * date, at that precision */
  if (f == NULL && column == COL_START && cell (self, row, COL_MONTH) != NULL)
    {
      DmCsvField *m = cell (self, row, COL_MONTH);
      DmCsvField *y = cell (self, row, COL_YEAR);
      g_autofree char *month = dm_import_dup_month (m->text, y ? y->text : NULL);

      if (month != NULL && dm_import_parse_time (month, place ? dm_place_get_zone (place) : NULL, out, NULL))
        return TRUE;
      dm_import_problem (&self->imp, m->line, m->column,
                         _("“%s” is not a month: write it as 2025-10, Oct 2025, or 10 with a Year column"),
                         m->text);
      return FALSE;
    }
  /* a "Year" column dates a row that has no other date, at that precision */
  if (f == NULL && column == COL_START)
    f = cell (self, row, COL_YEAR);
  /* the end of "26-28 October 2025" in the start column */
  if (f == NULL && column == COL_END && dm_time_is_known (&self->range_end))
    {
      *out = self->range_end;
      return TRUE;
    }
  if (f == NULL)
    return TRUE;
  /* "DEPART 10:25PM" with a "DATE" column */
  if (self->columns[COL_DATE] >= 0 && read_clock (self, row, f->text, place ? dm_place_get_zone (place) : NULL, out))
    {
      if (column == COL_END)
        self->end_is_clock = TRUE;
      return TRUE;
    }
  if (dm_import_parse_time_ordered (f->text, place ? dm_place_get_zone (place) : NULL,
                                    column == COL_END ? self->end_order : self->start_order,
                                    out, &error))
    return TRUE;
  /* "26 October 2025", "Oct 26 – Nov 2, 2025", as official records print them */
  {
    DmTime first, last;

    if (dm_import_parse_prose_dates (f->text, place ? dm_place_get_zone (place) : NULL, &first, &last))
      {
        if (column == COL_START)
          self->range_end = last;
        *out = column == COL_END && dm_time_is_known (&last) ? last : first;
        return TRUE;
      }
  }
  /* "Oct 2025", "October 2025", "10/2025": a month */
  {
    g_autofree char *month = dm_import_dup_month (f->text, NULL);

    if (month != NULL && dm_import_parse_time (month, place ? dm_place_get_zone (place) : NULL, out, NULL))
      return TRUE;
  }
  dm_import_time_problem (&self->imp, f->line, f->column, error->message);
  return FALSE;
}

/* How one column writes its numeric dates, from all its values: one over 12 in either
 * place settles it ("2/24/2017" makes "7/6/2017" 6 July); else the column's header
 * (@hint: "Date (MM/DD/YYYY)"); EITHER if nothing does */
static DmDateOrder
column_date_order (Loader     *self,
                   const char *data,
                   gsize       length,
                   char        separator,
                   int         index,
                   const char *hint)
{
  DmCsvReader reader;
  GPtrArray *row;
  guint line, column;
  gboolean day_first = FALSE, month_first = FALSE, either = FALSE;
  DmDateOrder header_order = DM_DATE_ORDER_NONE;

  if (index < 0)
    return DM_DATE_ORDER_NONE;
  if (hint != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (hint, -1);

      /* the header's "(MM/DD/YYYY)" settles what no value does */
      if (strstr (lower, "mm/dd") || strstr (lower, "m/d/") || strstr (lower, "mm-dd-") || strstr (lower, "mm.dd."))
        header_order = DM_DATE_ORDER_MONTH_FIRST;
      else if (strstr (lower, "dd/mm") || strstr (lower, "d/m/") || strstr (lower, "dd-mm-") || strstr (lower, "dd.mm."))
        header_order = DM_DATE_ORDER_DAY_FIRST;
    }
  dm_csv_reader_init (&reader, data, length, separator);
  for (guint n = 0; (row = dm_csv_reader_next (&reader, &line, &column, NULL)) != NULL; n++)
    {
      if (n > 0 && (guint) index < row->len)
        switch (dm_import_date_order_of (((DmCsvField *) g_ptr_array_index (row, index))->text))
          {
          case DM_DATE_ORDER_DAY_FIRST: day_first = TRUE; break;
          case DM_DATE_ORDER_MONTH_FIRST: month_first = TRUE; break;
          case DM_DATE_ORDER_EITHER: either = TRUE; break;
          case DM_DATE_ORDER_NONE: default: break;
          }
      g_ptr_array_unref (row);
    }
  if (day_first != month_first)
    return day_first ? DM_DATE_ORDER_DAY_FIRST : DM_DATE_ORDER_MONTH_FIRST;
  if (header_order != DM_DATE_ORDER_NONE && !day_first)
    return header_order;
  return either && !day_first ? DM_DATE_ORDER_EITHER : DM_DATE_ORDER_NONE;
}

static const char *
header_text (GPtrArray *header,
             int        index)
{
  return index >= 0 && (guint) index < header->len ? ((DmCsvField *) g_ptr_array_index (header, index))->text : NULL;
}

/* The order of the start and end columns; a column that stays ambiguous takes the other's,
 * else it is read day first and said once, at its header */
static void
decide_date_orders (Loader     *self,
                    GPtrArray  *header,
                    const char *data,
                    gsize       length,
                    char        separator)
{
  DmDateOrder *orders[] = { &self->start_order, &self->end_order };
  Column columns[] = { COL_START, COL_END };

  self->start_order = column_date_order (self, data, length, separator, self->columns[COL_START],
                                         header_text (header, self->columns[COL_START]));
  self->date_order = column_date_order (self, data, length, separator, self->columns[COL_DATE],
                                        header_text (header, self->columns[COL_DATE]));
  if (self->date_order == DM_DATE_ORDER_EITHER)
    self->date_order = DM_DATE_ORDER_NONE;
  self->end_order = column_date_order (self, data, length, separator, self->columns[COL_END],
                                       header_text (header, self->columns[COL_END]));
  if (self->start_order == DM_DATE_ORDER_EITHER &&
      (self->end_order == DM_DATE_ORDER_DAY_FIRST || self->end_order == DM_DATE_ORDER_MONTH_FIRST))
    self->start_order = self->end_order;
  if (self->end_order == DM_DATE_ORDER_EITHER &&
      (self->start_order == DM_DATE_ORDER_DAY_FIRST || self->start_order == DM_DATE_ORDER_MONTH_FIRST))
    self->end_order = self->start_order;
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if (*orders[i] == DM_DATE_ORDER_EITHER)
      {
        DmCsvField *f = g_ptr_array_index (header, self->columns[columns[i]]);

        dm_import_problem (&self->imp, f->line, f->column,
                           /* Translators: %s is a column's name from the file's header */
                           _("No date in column “%s” tells whether it is day/month or month/day: its dates are read day first (7/6/2017 is 7 June)"),
                           f->text);
      }
}

/* Whether the place column at @index holds airport codes: every value is written as one
 * ("SAN", "ZKPY"), and more of them are airports than countries' codes ("PHL" is both:
 * "SAN" settles it), or the header says airport, IATA or ICAO */
static gboolean
column_holds_codes (const char *data,
                    gsize       length,
                    char        separator,
                    int         index)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  DmCsvReader reader;
  GPtrArray *row;
  guint line, column;
  guint airports = 0, countries = 0, values = 0;
  gboolean all_codes = TRUE, header_says = FALSE;

  if (index < 0)
    return FALSE;
  dm_csv_reader_init (&reader, data, length, separator);
  for (guint n = 0; all_codes && (row = dm_csv_reader_next (&reader, &line, &column, NULL)) != NULL; n++)
    {
      g_autofree char *value = (guint) index < row->len
                               ? g_strstrip (g_strdup (((DmCsvField *) g_ptr_array_index (row, index))->text))
                               : g_strdup ("");

      if (n == 0)
        {
          g_autofree char *folded = fold_header (value);

          header_says = strstr (folded, "airport") != NULL || strstr (folded, "iata") != NULL ||
                        strstr (folded, "icao") != NULL;
        }
      else if (*value != '\0')
        {
          gboolean airport = dm_gazetteer_lookup_airport (gaz, value) != NULL;
          gboolean country = dm_gazetteer_lookup_country (gaz, value) != NULL;

          values++;
          all_codes = dm_gazetteer_is_airport_code (value);
          airports += airport && !country;
          countries += country && !airport;
        }
      g_ptr_array_unref (row);
    }
  return all_codes && values > 0 && (airports > countries || header_says);
}

static DmActor *
row_actor (Loader    *self,
           GPtrArray *row)
{
  const char *name = text (self, row, COL_ACTOR);
  const char *id = text (self, row, COL_ACTOR_ID);

  if (name != NULL || id != NULL)
    return dm_import_actor (&self->imp, id, name);
  if (self->fallback == NULL)
    {
      g_autofree char *base = g_file_get_basename (self->imp.file);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      self->fallback = dm_import_actor (&self->imp, NULL, base);
    }
  return self->fallback;
}

static void
read_details (Loader    *self,
              GPtrArray *row,
              DmEvent   *event)
{
  const char *status = text (self, row, COL_STATUS);
  const char *tags = text (self, row, COL_TAGS);
  const char *source = text (self, row, COL_SOURCE);
  const char *parts = text (self, row, COL_PARTICIPANTS);

  if (dm_event_get_title (event) == NULL)
    dm_event_set_title (event, text (self, row, COL_TITLE));
  if (dm_event_get_notes (event) == NULL)
    dm_event_set_notes (event, text (self, row, COL_NOTES));
  if (dm_event_get_host (event) == NULL)
    dm_event_set_host (event, text (self, row, COL_HOST));
  if (status != NULL && dm_event_get_status (event) == DM_STATUS_UNKNOWN)
    {
      g_autofree char *lower = g_ascii_strdown (status, -1);
      DmStatus s;

      if (dm_status_from_string (lower, &s))
        dm_event_set_status (event, s);
      else
        {
          DmCsvField *f = cell (self, row, COL_STATUS);
          dm_import_problem (&self->imp, f->line, f->column,
                             _("Unknown status “%s”: use announced, planned, confirmed, completed or cancelled"),
                             status);
        }
    }
  if (tags != NULL && dm_event_get_tags (event) == NULL)
    {
      g_auto(GStrv) list = g_strsplit_set (tags, ",;", -1);
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_auto(GStrv) clean = NULL;

      for (guint i = 0; list[i]; i++)
        if (*g_strstrip (list[i]))
          g_strv_builder_add (b, list[i]);
      clean = g_strv_builder_end (b);
      dm_event_set_tags (event, (const char * const *) clean);
    }
  if (source != NULL && dm_event_get_sources (event)->len == 0)
    {
      g_autoptr(DmSource) src = dm_source_new ();
      if (g_str_has_prefix (source, "http://") || g_str_has_prefix (source, "https://"))
        src->url = g_strdup (source);
      else
        src->title = g_strdup (source);
      dm_event_add_source (event, src);
    }
  if (parts != NULL && dm_event_get_participants (event)->len == 0)
    {
      g_auto(GStrv) names = g_strsplit_set (parts, ",;", -1);
      DmCsvField *f = cell (self, row, COL_PARTICIPANTS);
      guint n = dm_import_check_participants (&self->imp, g_strv_length (names), f->line, f->column);

      for (guint i = 0; i < n; i++)
        {
          DmActor *a = *g_strstrip (names[i]) ? dm_import_actor (&self->imp, NULL, names[i]) : NULL;
          if (a != NULL && a != dm_event_get_actor (event))
            dm_event_add_participant (event, a);
        }
    }
}

static void
start_event (Loader    *self,
             DmEvent   *event,
             GPtrArray *row)
{
  DmCsvField *first = g_ptr_array_index (row, 0);

  dm_event_set_origin (event, self->imp.file, first->line, first->column);
  g_ptr_array_add (self->events, g_object_ref (event));
}

static void
read_leg_row (Loader    *self,
              GPtrArray *row)
{
  g_autoptr(DmPlace) from = NULL;
  g_autoptr(DmPlace) to = NULL;
  g_autoptr(DmLeg) leg = NULL;
  DmCsvField *first = g_ptr_array_index (row, 0);
  const char *trip_id = text (self, row, COL_TRIP);
  DmActor *actor = row_actor (self, row);
  DmEvent *trip = NULL;
  DmLeg *previous = NULL;

  if (!read_place (self, row, COL_FROM, COL_FROM_COUNTRY, COL_FROM_LAT, COL_FROM_LON, &from) ||
      !read_place (self, row, COL_TO, COL_TO_COUNTRY, COL_TO_LAT, COL_TO_LON, &to))
    return;

  if (trip_id != NULL)
    trip = g_hash_table_lookup (self->trips, trip_id);
  else
    {
      /* no trip column: this actor's last trip, when this leg starts where it ended */
      trip = g_hash_table_lookup (self->last_trip, actor);
      if (trip != NULL)
        {
          GPtrArray *legs = dm_event_get_legs (trip);
          DmLeg *last = g_ptr_array_index (legs, legs->len - 1);
          if (from != NULL && !dm_place_equal (from, last->to))
            trip = NULL;
        }
    }
  if (trip != NULL)
    {
      GPtrArray *legs = dm_event_get_legs (trip);
      previous = legs->len > 0 ? g_ptr_array_index (legs, legs->len - 1) : NULL;
    }
  if (from == NULL && previous != NULL)
    from = g_object_ref (previous->to);
  if (from == NULL || to == NULL)
    {
      dm_import_problem (&self->imp, first->line, first->column,
                         from ? _("This row has a “from” but no “to”") : _("This row has a “to” but no “from”"));
      return;
    }

  leg = dm_leg_new (from, to);
  leg->line = first->line;
  leg->column = first->column;
  self->end_is_clock = FALSE;
  if (!read_time (self, row, COL_START, from, &leg->depart) ||
      !read_time (self, row, COL_END, to, &leg->arrive))
    return;
  /* "DEPART 10:25PM", "ARRIVE 6:17AM": an arrival clock earlier than the departure is the
   * next day's */
  if (self->end_is_clock && dm_time_is_known (&leg->depart) && dm_time_is_known (&leg->arrive) &&
      leg->arrive.latest < leg->depart.earliest)
    {
      leg->arrive.earliest += 24 * 3600;
      leg->arrive.latest += 24 * 3600;
    }
  if (dm_time_is_known (&leg->depart) && dm_time_is_known (&leg->arrive) &&
      leg->arrive.latest < leg->depart.earliest)
    {
      DmCsvField *f = cell (self, row, COL_END);
      dm_import_problem (&self->imp, f->line, f->column, _("This leg arrives before it departs"));
      return;
    }

  if (trip == NULL)
    {
      g_autoptr(DmEvent) created = dm_event_new (DM_EVENT_KIND_TRIP, trip_id);
      trip = created;
      dm_event_set_actor (trip, actor);
      start_event (self, trip, row);
      if (trip_id != NULL)
        g_hash_table_insert (self->trips, g_strdup (trip_id), trip);
    }
  read_details (self, row, trip);
  dm_event_add_leg (trip, leg);
  g_hash_table_insert (self->last_trip, actor, trip);
}

static void
read_place_row (Loader    *self,
                GPtrArray *row)
{
  g_autoptr(DmPlace) place = NULL;
  g_autoptr(DmEvent) event = NULL;
  DmCsvField *first = g_ptr_array_index (row, 0);
  const char *type = text (self, row, COL_TYPE);
  DmEventKind kind = DM_EVENT_KIND_VISIT;
  DmTime start, end;

  if (!read_place (self, row, COL_PLACE, COL_COUNTRY, COL_LAT, COL_LON, &place))
    return;
  if (place == NULL)
    {
      dm_import_problem (&self->imp, first->line, first->column,
                         _("This row has neither “from” and “to” nor a place"));
      return;
    }
  if (type != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (type, -1);
      if (!dm_event_kind_from_string (lower, &kind) || kind == DM_EVENT_KIND_TRIP)
        kind = DM_EVENT_KIND_VISIT;
    }
  if (!read_time (self, row, COL_START, place, &start) || !read_time (self, row, COL_END, place, &end))
    return;
  if (!dm_time_is_known (&start))
    {
      dm_import_problem (&self->imp, first->line, first->column,
                         _("This row has no date: its place is shown, but not as an event"));
      return;
    }
  if (dm_time_is_known (&end) && end.latest < start.earliest)
    {
      DmCsvField *f = cell (self, row, COL_END);
      dm_import_problem (&self->imp, f->line, f->column, _("The event ends before it starts"));
      return;
    }
  event = dm_event_new (kind, text (self, row, COL_ID));
  if (kind == DM_EVENT_KIND_VISIT || text (self, row, COL_ACTOR) || text (self, row, COL_ACTOR_ID))
    dm_event_set_actor (event, row_actor (self, row));
  dm_event_set_place (event, place);
  dm_event_set_start (event, &start);
  dm_event_set_end (event, &end);
  read_details (self, row, event);
  start_event (self, event, row);
}

/* The columns whose first non-empty cell is a GeoJSON geometry or Feature, as kepler.gl's
 * demo data writes them ("_geojson", "day1_geom"); a known column that holds them is not
 * read as that column */
static GArray *
find_geo_columns (Loader     *self,
                  GPtrArray  *header,
                  const char *data,
                  gsize       length,
                  char        delimiter)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *seen = g_new0 (gboolean, header->len);
  DmCsvReader reader;
  guint line, column, n_seen = 0;
  GPtrArray *row;

  dm_csv_reader_init (&reader, data, length, delimiter);
  row = dm_csv_reader_next (&reader, &line, &column, NULL);
  if (row != NULL)
    g_ptr_array_unref (row);
  for (guint r = 0; r < 50 && n_seen < header->len &&
       (row = dm_csv_reader_next (&reader, &line, &column, NULL)) != NULL; r++)
    {
      for (guint i = 0; i < MIN (row->len, header->len); i++)
        {
          const char *text = ((DmCsvField *) g_ptr_array_index (row, i))->text;

          while (g_ascii_isspace (*text))
            text++;
          if (seen[i] || *text == '\0')
            continue;
          seen[i] = TRUE;
          n_seen++;
          if (dm_geojson_cell_sniff (text))
            g_array_append_val (found, i);
        }
      g_ptr_array_unref (row);
    }
  for (guint j = 0; j < found->len; j++)
    for (int c = 0; c < N_COLUMNS; c++)
      if (self->columns[c] == (int) g_array_index (found, guint, j))
        self->columns[c] = -1;
  return found;
}

/* A row whose place is a GeoJSON cell: read by the GeoJSON reader, with the row's name,
 * person and times; FALSE when the row has another place or no such cell */
static gboolean
read_geo_row (Loader    *self,
              GPtrArray *row)
{
  static const Column places[] = { COL_FROM, COL_TO, COL_FROM_LAT, COL_TO_LAT, COL_PLACE, COL_LAT,
                                   COL_GEOWKT, COL_COORDS };
  g_autoptr(JsonObject) props = NULL;
  const char *name = text (self, row, COL_TITLE);
  DmCsvField *f = NULL;

  if (self->geo_columns == NULL || self->geo_columns->len == 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (cell (self, row, places[i]) != NULL)
      return FALSE;
  for (guint j = 0; j < self->geo_columns->len && f == NULL; j++)
    {
      guint i = g_array_index (self->geo_columns, guint, j);

      if (i < row->len && *g_strstrip (((DmCsvField *) g_ptr_array_index (row, i))->text))
        f = g_ptr_array_index (row, i);
    }
  if (f == NULL)
    return FALSE;

  props = json_object_new ();
  if (name == NULL)
    name = text (self, row, COL_ID);
  else
    json_object_set_string_member (props, "title", name);
  if (name != NULL)
    json_object_set_string_member (props, "place", name);
  if (text (self, row, COL_ACTOR) != NULL)
    json_object_set_string_member (props, "actor", text (self, row, COL_ACTOR));
  if (text (self, row, COL_START) != NULL)
    json_object_set_string_member (props, "start", text (self, row, COL_START));
  if (text (self, row, COL_END) != NULL)
    json_object_set_string_member (props, "end", text (self, row, COL_END));
  if (self->cells == NULL)
    self->cells = dm_geojson_cells_new ();
  dm_geojson_cells_read (self->cells, &self->imp, f->text, props, f->line, f->column);
  return TRUE;
}

gboolean
dm_csv_format_sniff (const char *basename,
                     const char *data,
                     gsize       length)
{
  g_autofree char *ext = dm_import_extension (basename);
  DmCsvReader reader;
  g_autoptr(GPtrArray) row = NULL;
  int columns[N_COLUMNS];
  gboolean has_where;
  guint line, column;

  if (g_str_equal (ext, "csv") || g_str_equal (ext, "tsv") || g_str_equal (ext, "tab"))
    return TRUE;
  if (length == 0 || data[0] == '{' || data[0] == '<' || data[0] == '[')
    return FALSE;
  dm_csv_reader_init (&reader, data, MIN (length, 4096), 0);
  row = dm_csv_reader_next (&reader, &line, &column, NULL);
  return row != NULL && row->len >= 2 && read_header (row, columns, &has_where) >= 2 && has_where &&
         columns[COL_START] >= 0;
}

gboolean
dm_csv_format_load (DmDocument    *doc,
                    GFile         *file,
                    const char    *data,
                    gsize          length,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) header = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *ext = dm_import_extension (basename);
  Loader self = { { 0 } };
  DmCsvReader reader;
  GError *row_error = NULL;
  guint eline = 0, ecolumn = 0;
  gboolean has_where, ok = TRUE;

  dm_import_init (&self.imp, doc, file);
  self.events = g_ptr_array_new_with_free_func (g_object_unref);
  self.trips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.last_trip = g_hash_table_new (NULL, NULL);
  data = dm_import_ensure_utf8 (&self.imp, data, &length, &valid);

  dm_csv_reader_init (&reader, data, length, g_str_equal (ext, "tsv") || g_str_equal (ext, "tab") ? '\t' : 0);
  header = dm_csv_reader_next (&reader, &eline, &ecolumn, &row_error);
  if (header == NULL)
    {
      if (row_error != NULL)
        ok = dm_import_fail (&self.imp, error, eline, ecolumn, "%s", row_error->message);
      else
        ok = dm_import_fail (&self.imp, error, 1, 1, _("the file is empty: a header row is needed"));
      goto out;
    }
  read_header (header, self.columns, &has_where);
  self.geo_columns = find_geo_columns (&self, header, data, length, reader.delimiter);
  has_where = has_where || self.geo_columns->len > 0;
  if (!has_where)
    {
      ok = dm_import_fail (&self.imp, error, 1, 1,
                           _("the header row names no places: it needs “from” and “to”, or “place”, or “lat” and “lon”"));
      goto out;
    }
  decide_date_orders (&self, header, data, length, g_str_equal (ext, "tsv") || g_str_equal (ext, "tab") ? '\t' : 0);
  for (Column c = COL_FROM; c <= COL_PLACE; c++)
    if (c == COL_FROM || c == COL_TO || c == COL_PLACE)
      self.codes[c] = column_holds_codes (data, length, reader.delimiter, self.columns[c]);

  for (;;)
    {
      g_autoptr(GPtrArray) row = dm_csv_reader_next (&reader, &eline, &ecolumn, &row_error);
      gboolean empty = TRUE;

      if (row == NULL)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          goto out;
        }
      for (guint i = 0; i < row->len && empty; i++)
        empty = *g_strstrip (((DmCsvField *) g_ptr_array_index (row, i))->text) == '\0';
      if (empty)
        continue;
      /* past the limit, the event after it says so (dm_import_add_event) */
      if (self.events->len > DM_MAX_EVENTS)
        break;
      self.n_rows++;
      if (read_geo_row (&self, row))
        continue;
      if (cell (&self, row, COL_FROM) || cell (&self, row, COL_TO) || cell (&self, row, COL_FROM_LAT) ||
          cell (&self, row, COL_TO_LAT))
        read_leg_row (&self, row);
      else
        read_place_row (&self, row);
    }
  /* a quote that never closes is where reading stops; what came before is kept */
  if (row_error != NULL)
    {
      dm_import_problem (&self.imp, eline, ecolumn, "%s", row_error->message);
      g_clear_error (&row_error);
    }
  for (guint i = 0; i < self.events->len; i++)
    {
      DmEvent *event = g_ptr_array_index (self.events, i);
      dm_import_add_event (&self.imp, event, dm_event_get_line (event), dm_event_get_column (event));
    }
  if (self.cells != NULL)
    dm_geojson_cells_finish (self.cells, &self.imp);
  else
    dm_import_report_bad_times (&self.imp);

out:
  g_clear_pointer (&self.cells, dm_geojson_cells_free);
  g_clear_pointer (&self.geo_columns, g_array_unref);
  g_clear_error (&row_error);
  g_ptr_array_unref (self.events);
  g_hash_table_unref (self.trips);
  g_hash_table_unref (self.last_trip);
  dm_import_clear (&self.imp);
  return ok;
}
