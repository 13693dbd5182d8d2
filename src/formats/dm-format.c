/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dm-error.h"
#include "dm-format.h"
#include "dm-saver.h"
#include "dm-ustravel-format.h"

/* The one table of formats: every format Diplomap reads, most specific first (the order
 * the loader sniffs them), with its writer when there is one. A format added here is opened
 * everywhere (the command line, the Open dialog and its filters, drag and drop, recent
 * files), and with a writer it is written by --convert and offered by Export Data. */
static const DmFormat native_format = {
  "diplomap",
  /* Translators: a file type, in the Open and Export Data dialogs */
  N_("Diplomap"),
  { "diplomap", NULL }, { "application/x-diplomap", NULL },
  dm_native_format_sniff, dm_native_format_load, dm_native_write_document,
  DM_FORMAT_KEEPS_LEG_TIMES | DM_FORMAT_KEEPS_ACTORS | DM_FORMAT_KEEPS_SOURCES | DM_FORMAT_LOSSLESS,
};

static const DmFormat ustravel_format = {
  "us-travels",
  /* Translators: a file type: the U.S. State Department's record of official travels */
  N_("U.S. travel record"),
  { "xml", NULL }, { "application/xml", NULL },
  dm_ustravel_format_sniff, dm_ustravel_format_load, NULL, 0,
};

static const DmFormat geojson_format = {
  "geojson",
  /* Translators: a file type */
  N_("GeoJSON"),
  { "geojson", "json", NULL }, { "application/geo+json", NULL },
  dm_geojson_format_sniff, dm_geojson_format_load, dm_geojson_write,
  DM_FORMAT_KEEPS_LEG_TIMES | DM_FORMAT_KEEPS_ACTORS | DM_FORMAT_KEEPS_SOURCES,
};

static const DmFormat kml_format = {
  "kml",
  /* Translators: a file type */
  N_("KML, for Google Earth"),
  { "kml", NULL }, { "application/vnd.google-earth.kml+xml", NULL },
  dm_kml_format_sniff, dm_kml_format_load, dm_kml_write,
  DM_FORMAT_KEEPS_LEG_TIMES | DM_FORMAT_KEEPS_ACTORS,
};

static const DmFormat kmz_format = {
  "kmz",
  /* Translators: a file type */
  N_("KMZ, zipped KML"),
  { "kmz", NULL }, { "application/vnd.google-earth.kmz", NULL },
  dm_kmz_format_sniff, dm_kmz_format_load, NULL, 0,
};

static const DmFormat gpx_format = {
  "gpx",
  /* Translators: a file type (GPS tracks) */
  N_("GPX, from GPS devices"),
  { "gpx", NULL }, { "application/gpx+xml", NULL },
  dm_gpx_format_sniff, dm_gpx_format_load, NULL, 0,
};

static const DmFormat ical_format = {
  "icalendar",
  /* Translators: a file type (calendars) */
  N_("iCalendar"),
  { "ics", "ical", "icalendar", NULL }, { "text/calendar", NULL },
  dm_ical_format_sniff, dm_ical_format_load, NULL, 0,
};

/* Near the end: the content sniffer accepts any text whose first line is a header we know */
static const DmFormat csv_format = {
  "csv",
  /* Translators: a file type */
  N_("CSV, for spreadsheets"),
  { "csv", NULL }, { "text/csv", NULL },
  dm_csv_format_sniff, dm_csv_format_load, dm_csv_write,
  DM_FORMAT_KEEPS_LEG_TIMES,
};

/* Read by the CSV reader (whose sniffer takes these names too), never written: the CSV
 * writer's commas under a .tsv name would read back as one column */
static const DmFormat tsv_format = {
  "tsv",
  /* Translators: a file type */
  N_("TSV, tab-separated"),
  { "tsv", "tab", NULL }, { "text/tab-separated-values", NULL },
  dm_csv_format_sniff, dm_csv_format_load, NULL, 0,
};

static const DmFormat * const formats[] = {
  &native_format,
  &ustravel_format,
  &geojson_format,
  &kml_format,
  &kmz_format,
  &gpx_format,
  &ical_format,
  &csv_format,
  &tsv_format,
  NULL
};

const DmFormat * const *
dm_format_list (void)
{
  return formats;
}

const DmFormat * const *
dm_format_list_readable (void)
{
  static const DmFormat *readable[G_N_ELEMENTS (formats)];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint n = 0;

      for (guint i = 0; formats[i] != NULL; i++)
        if (formats[i]->load != NULL)
          readable[n++] = formats[i];
      g_once_init_leave (&done, 1);
    }
  return readable;
}

const DmFormat * const *
dm_format_list_writable (void)
{
  static const DmFormat *writable[G_N_ELEMENTS (formats)];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint n = 0;

      /* Writing is mostly for other tools: they come first, in the table's order */
      for (guint i = 0; formats[i] != NULL; i++)
        if (formats[i]->write != NULL && !(formats[i]->keeps & DM_FORMAT_LOSSLESS))
          writable[n++] = formats[i];
      for (guint i = 0; formats[i] != NULL; i++)
        if (formats[i]->write != NULL && (formats[i]->keeps & DM_FORMAT_LOSSLESS))
          writable[n++] = formats[i];
      g_once_init_leave (&done, 1);
    }
  return writable;
}

const DmFormat *
dm_format_find_for_file_name (const char *name)
{
  const char *slash, *dot;
  g_autofree char *ext = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  slash = strrchr (name, '/');
  dot = strrchr (slash ? slash + 1 : name, '.');
  if (dot == NULL || dot[1] == '\0')
    return NULL;
  ext = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; formats[i] != NULL; i++)
    if (g_strv_contains (formats[i]->extensions, ext))
      return formats[i];
  return NULL;
}

const char *
dm_format_get_display_name (const DmFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);
  return _(format->display_name);
}

char *
dm_format_dup_label (const DmFormat *format,
                     gboolean        written_only)
{
  g_autoptr(GString) extensions = g_string_new (NULL);

  g_return_val_if_fail (format != NULL, NULL);

  for (guint i = 0; format->extensions[i] != NULL && (i == 0 || !written_only); i++)
    g_string_append_printf (extensions, "%s.%s", i > 0 ? ", " : "", format->extensions[i]);
  /* Translators: a file type and its extensions: "GeoJSON (.geojson, .json)" */
  return g_strdup_printf (C_("file type and extensions", "%s (%s)"), dm_format_get_display_name (format),
                          extensions->str);
}

char *
dm_format_dup_writable_extensions (void)
{
  const DmFormat * const *writable = dm_format_list_writable ();
  g_autofree char *list = NULL;
  guint n = 0;

  while (writable[n] != NULL)
    n++;
  g_return_val_if_fail (n > 0, NULL);

  list = g_strconcat (".", writable[0]->extensions[0], NULL);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *next = g_strconcat (".", writable[i]->extensions[0], NULL);
      char *longer;

      if (i + 1 < n)
        longer = g_strconcat (list, ", ", next, NULL);
      else
        /* Translators: the last two of a list: ".geojson, .kml, .csv or .diplomap" */
        longer = g_strdup_printf (_("%s or %s"), list, next);
      g_free (list);
      list = longer;
    }
  return g_steal_pointer (&list);
}

gboolean
dm_format_skip_byte_order_mark (GFile       *file,
                                const char **data,
                                gsize       *length,
                                GError     **error)
{
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      dm_error_set_at (error, file, 1, 1, DM_ERROR_PARSE,
                       _("The text starts with two byte order marks (U+FEFF): it was "
                         "probably converted to UTF-8 twice"));
      return FALSE;
    }
  return TRUE;
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
