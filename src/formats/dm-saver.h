/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-atomic-file.h"
#include "dm-document.h"
#include "dm-format.h"

G_BEGIN_DECLS

/* The .diplomap text of @document. With @origin, only the events that came from that file
 * (and what was kept of it) are written. */
GBytes   *dm_native_write            (DmDocument    *document,
                                      GFile         *origin);
/* The whole document as .diplomap; read from one .diplomap file, that file is its origin */
GBytes   *dm_native_write_document   (DmDocument    *document);
/* The same, written to @file a piece at a time: never a tree nor a copy of it all */
gboolean  dm_native_write_to         (DmDocument    *document,
                                      GFile         *origin,
                                      DmAtomicFile  *file,
                                      GError       **error);
gboolean  dm_native_write_document_to (DmDocument   *document,
                                      DmAtomicFile  *file,
                                      GError       **error);
/* Writing the document for other tools (docs/INTEROP.md) */
GBytes   *dm_geojson_write           (DmDocument    *document);
GBytes   *dm_kml_write               (DmDocument    *document);
GBytes   *dm_csv_write               (DmDocument    *document);

/* Saving in the .diplomap format, atomically. With @origin, only the events that
 * came from that file (and what was kept of it) are written. */
gboolean  dm_saver_save              (DmDocument    *document,
                                      GFile         *file,
                                      GFile         *origin,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* The format of the table (dm-format.h) that dm_saver_write() writes to @file, by its
 * extension; NULL with an error naming the extensions it writes */
const DmFormat *dm_saver_find_format (GFile         *file,
                                      GError       **error);
/* TRUE if dm_saver_write() knows how to write @file (by its extension) */
gboolean  dm_saver_supports          (GFile         *file);
/* Writes the whole document to @file atomically, in the format its extension names:
 * one with a writer in the table (.geojson or .json, .kml, .csv, .diplomap) */
gboolean  dm_saver_write             (DmDocument    *document,
                                      GFile         *file,
                                      GError       **error);

/* Every save and data export: a temporary file renamed over @file */
gboolean  dm_saver_write_atomically  (GFile         *file,
                                      const char    *data,
                                      gsize          length,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
