/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/* Writing the document for other tools (docs/INTEROP.md) */
GBytes   *dm_geojson_write          (DmDocument  *document);
GBytes   *dm_kml_write              (DmDocument  *document);
GBytes   *dm_csv_write              (DmDocument  *document);

/* TRUE if dm_document_export_data() knows how to write @file (by its extension) */
gboolean  dm_export_supports        (GFile       *file);
/* Writes the whole document to @file atomically, in the format its extension names:
 * .geojson (or .json), .kml, .csv, .diplomap */
gboolean  dm_document_export_data   (DmDocument  *document,
                                     GFile       *file,
                                     GError     **error);

G_END_DECLS
