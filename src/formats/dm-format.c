/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include "dm-format.h"
#include "dm-ustravel-format.h"

/* Every format Diplomap reads, most specific first. A format added here is opened
 * everywhere: the command line, the Open dialog, drag and drop. */
static const DmFormat native_format = {
  "diplomap", "diplomap", "application/x-diplomap",
  dm_native_format_sniff, dm_native_format_load,
};

static const DmFormat ustravel_format = {
  "us-travels", "xml", "application/xml",
  dm_ustravel_format_sniff, dm_ustravel_format_load,
};

static const DmFormat geojson_format = {
  "geojson", "geojson;json", "application/geo+json",
  dm_geojson_format_sniff, dm_geojson_format_load,
};

static const DmFormat kml_format = {
  "kml", "kml", "application/vnd.google-earth.kml+xml",
  dm_kml_format_sniff, dm_kml_format_load,
};

static const DmFormat kmz_format = {
  "kmz", "kmz", "application/vnd.google-earth.kmz",
  dm_kmz_format_sniff, dm_kmz_format_load,
};

static const DmFormat ical_format = {
  "icalendar", "ics;ical", "text/calendar",
  dm_ical_format_sniff, dm_ical_format_load,
};

/* Last: the content sniffer accepts any text whose first line is a header we know */
static const DmFormat csv_format = {
  "csv", "csv;tsv;tab", "text/csv",
  dm_csv_format_sniff, dm_csv_format_load,
};

static const DmFormat * const formats[] = {
  &native_format,
  &ustravel_format,
  &geojson_format,
  &kml_format,
  &kmz_format,
  &ical_format,
  &csv_format,
  NULL
};

const DmFormat * const *
dm_format_list (void)
{
  return formats;
}

void
dm_format_skip_byte_order_mark (const char **data,
                                gsize       *length)
{
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

const DmFormat *
dm_format_find_for_data (const char *basename,
                         const char *data,
                         gsize       length)
{
  for (guint i = 0; formats[i] != NULL; i++)
    if (formats[i]->sniff (basename, data, length))
      return formats[i];
  return NULL;
}
