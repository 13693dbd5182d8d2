/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/**
 * DmFormatKeeps:
 * @DM_FORMAT_KEEPS_LEG_TIMES: each leg's departure and arrival as the source gave them, with
 *   their precision (a day, "~", a period), not only the times the map draws
 * @DM_FORMAT_KEEPS_ACTORS: the ids of each event's actor and participants, and the
 *   actor's role, country and colour (without it, people come back by name only)
 * @DM_FORMAT_KEEPS_SOURCES: the events' sources
 * @DM_FORMAT_LOSSLESS: everything, also what this version does not know (unknown members,
 *   entries that did not load, the file's version): the native format only
 *
 * What a format's writer keeps of a document, read back (docs/INTEROP.md). Every writer
 * keeps the events, their kinds, titles, places and times.
 */
typedef enum
{
  DM_FORMAT_KEEPS_LEG_TIMES = 1 << 0,
  DM_FORMAT_KEEPS_ACTORS    = 1 << 1,
  DM_FORMAT_KEEPS_SOURCES   = 1 << 2,
  DM_FORMAT_LOSSLESS        = 1 << 3,
} DmFormatKeeps;

#define DM_FORMAT_MAX_EXTENSIONS 3
#define DM_FORMAT_MAX_MIME_TYPES 2

/**
 * DmFormat:
 * A file format Diplomap reads, and maybe writes: the one table of formats that the loader,
 * dm_saver_write(), `diplomap --convert`, the Open dialog and Export Data all read.
 * Each reader adds what it finds to a document: events, actors, places, and problems (with
 * file, line and column) for what it could not take. It returns FALSE only when the file as
 * a whole cannot be read.
 */
typedef struct
{
  const char    *name;          /* "diplomap", "geojson", ... */
  const char    *display_name;  /* for people, untranslated: dm_format_get_display_name() */
  /* lower case, without dot, NULL-terminated; the first is the one written */
  const char    *extensions[DM_FORMAT_MAX_EXTENSIONS + 1];
  const char    *mime_types[DM_FORMAT_MAX_MIME_TYPES + 1];
  /* Does @data look like this format? (@basename is a hint) */
  gboolean     (*sniff) (const char *basename,
                         const char *data,
                         gsize       length);
  gboolean     (*load)  (DmDocument   *document,
                         GFile        *file,
                         const char   *data,
                         gsize         length,
                         GCancellable *cancellable,
                         GError      **error);
  /* The whole document in this format; NULL when Diplomap does not write it */
  GBytes      *(*write) (DmDocument *document);
  DmFormatKeeps  keeps;         /* what @write keeps */
} DmFormat;

const DmFormat *dm_format_find_for_data (const char *basename,
                                         const char *data,
                                         gsize       length);
/* Moves @data past a UTF-8 byte order mark, which some writers put first: sniffers and
 * readers are given the text after it, so that their lines and columns count from it.
 * A second one right after it is an error (at 1:1 of the text after the first) */
gboolean        dm_format_skip_byte_order_mark (GFile       *file,
                                                const char **data,
                                                gsize       *length,
                                                GError     **error);
/* Every format, in the order the loader sniffs them (most specific first) */
const DmFormat * const *dm_format_list  (void);
/* The formats with a reader: every one, in the table's order */
const DmFormat * const *dm_format_list_readable (void);
/* The formats with a writer, for other tools first (GeoJSON) and the lossless native format
 * last: the order of Export Data's types and of the extensions in messages */
const DmFormat * const *dm_format_list_writable (void);
/* The format whose extensions hold @name's (a base name, a path or a URI; any case), or NULL */
const DmFormat *dm_format_find_for_file_name (const char *name);
/* The name for people, translated: "GeoJSON" */
const char     *dm_format_get_display_name   (const DmFormat *format);
/* "GeoJSON (.geojson, .json)", or with @written_only "GeoJSON (.geojson)", translated */
char           *dm_format_dup_label          (const DmFormat *format,
                                              gboolean        written_only);
/* The extensions written, for a message: ".geojson, .kml, .csv or .diplomap", translated */
char           *dm_format_dup_writable_extensions (void);

/* The native format */
gboolean dm_native_format_load  (DmDocument   *document,
                                 GFile        *file,
                                 const char   *data,
                                 gsize         length,
                                 GCancellable *cancellable,
                                 GError      **error);
gboolean dm_native_format_sniff (const char   *basename,
                                 const char   *data,
                                 gsize         length);

/* Other tools' formats (docs/INTEROP.md) */
gboolean dm_geojson_format_load  (DmDocument   *document,
                                  GFile        *file,
                                  const char   *data,
                                  gsize         length,
                                  GCancellable *cancellable,
                                  GError      **error);
gboolean dm_geojson_format_sniff (const char   *basename,
                                  const char   *data,
                                  gsize         length);
gboolean dm_kml_format_load  (DmDocument   *document,
                              GFile        *file,
                              const char   *data,
                              gsize         length,
                              GCancellable *cancellable,
                              GError      **error);
gboolean dm_kml_format_sniff (const char   *basename,
                              const char   *data,
                              gsize         length);
gboolean dm_kmz_format_load  (DmDocument   *document,
                              GFile        *file,
                              const char   *data,
                              gsize         length,
                              GCancellable *cancellable,
                              GError      **error);
gboolean dm_kmz_format_sniff (const char   *basename,
                              const char   *data,
                              gsize         length);
gboolean dm_gpx_format_load  (DmDocument   *document,
                              GFile        *file,
                              const char   *data,
                              gsize         length,
                              GCancellable *cancellable,
                              GError      **error);
gboolean dm_gpx_format_sniff (const char   *basename,
                              const char   *data,
                              gsize         length);
gboolean dm_csv_format_load  (DmDocument   *document,
                              GFile        *file,
                              const char   *data,
                              gsize         length,
                              GCancellable *cancellable,
                              GError      **error);
gboolean dm_csv_format_sniff (const char   *basename,
                              const char   *data,
                              gsize         length);
gboolean dm_ical_format_load  (DmDocument   *document,
                               GFile        *file,
                               const char   *data,
                               gsize         length,
                               GCancellable *cancellable,
                               GError      **error);
gboolean dm_ical_format_sniff (const char   *basename,
                               const char   *data,
                               gsize         length);

G_END_DECLS
