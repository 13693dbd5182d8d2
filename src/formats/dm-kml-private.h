/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "dm-document.h"
#include "dm-import-private.h"

G_BEGIN_DECLS

/* Reads KML text into @document; @file is what problems name (the .kmz for a KMZ) */
gboolean dm_kml_load_text (DmDocument    *document,
                           GFile         *file,
                           const char    *data,
                           gsize          length,
                           GCancellable  *cancellable,
                           GError       **error);

/* Shared by dm-kml-format.c (the document, styles, folders) and dm-kml-placemark.c */
typedef struct
{
  DmImport     imp;
  const char  *data;
  gsize        length;
  GArray      *line_starts; /* for columns: libxml2 keeps only lines */
  GHashTable  *styles;     /* "#id" -> "#rrggbb" line colour */
  GHashTable  *style_maps; /* "#id" -> "#normal-style-id" */
  GHashTable  *trips;      /* trip id -> DmEvent */
  GPtrArray   *events;     /* in the order of their first placemark */
  GPtrArray   *folders;    /* names of the Document/Folders we are in */
} DmKmlLoader;

gboolean  dm_kml_is              (xmlNode     *node,
                                  const char  *name);
xmlNode  *dm_kml_child           (xmlNode     *node,
                                  const char  *name);
char     *dm_kml_text            (xmlNode     *node);
char     *dm_kml_child_text      (xmlNode     *node,
                                  const char  *name);
void      dm_kml_position        (DmKmlLoader *self,
                                  xmlNode     *node,
                                  guint       *line,
                                  guint       *column);
void      dm_kml_problem         (DmKmlLoader *self,
                                  xmlNode     *node,
                                  const char  *message);
char     *dm_kml_placemark_color (DmKmlLoader *self,
                                  xmlNode     *placemark);
void      dm_kml_read_placemark  (DmKmlLoader *self,
                                  xmlNode     *placemark);

G_END_DECLS
