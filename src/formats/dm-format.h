/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/**
 * DmFormat:
 * A file format Diplomap reads. Each reader adds what it finds to a document:
 * events, actors, places, and problems (with file, line and column) for what it
 * could not take. It returns FALSE only when the file as a whole cannot be read.
 */
typedef struct
{
  const char  *name;          /* "diplomap", "geojson", ... */
  const char  *extensions;    /* ";"-separated, lower case, without dot */
  const char  *mime_type;
  /* Does @data look like this format? (@basename is a hint) */
  gboolean   (*sniff) (const char *basename,
                       const char *data,
                       gsize       length);
  gboolean   (*load)  (DmDocument   *document,
                       GFile        *file,
                       const char   *data,
                       gsize         length,
                       GCancellable *cancellable,
                       GError      **error);
} DmFormat;

const DmFormat *dm_format_find_for_data (const char *basename,
                                         const char *data,
                                         gsize       length);
/* Moves @data past a UTF-8 byte order mark, which some writers put first: sniffers and
 * readers are given the text after it, so that their lines and columns count from it */
void            dm_format_skip_byte_order_mark (const char **data,
                                                gsize       *length);
const DmFormat * const *dm_format_list  (void);

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
