/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Small helpers shared by the JSON writers (.diplomap, GeoJSON) */

/* "name": value, or nothing when @value is NULL */
void dm_json_builder_add_string (JsonBuilder        *builder,
                                 const char         *name,
                                 const char         *value);
/* "name": [values…], or nothing when @values is NULL (or empty, unless @keep_empty) */
void dm_json_builder_add_strv   (JsonBuilder        *builder,
                                 const char         *name,
                                 const char * const *values,
                                 gboolean            keep_empty);

/* @value as the shortest text that reads back as the same double ("51.5085") */
void dm_json_format_double      (char                buffer[G_ASCII_DTOSTR_BUF_SIZE],
                                 double              value);

/* The built document as pretty-printed UTF-8 JSON (2-space indent), ending in a newline */
GBytes *dm_json_builder_to_bytes (JsonBuilder *builder);

/* The same layout written piece by piece (the .diplomap writer, one event at a time) */
void    dm_json_append_node        (GString     *out,
                                    JsonNode    *node,
                                    guint        depth);
void    dm_json_append_member_name (GString     *out,
                                    const char  *name,
                                    guint        depth);

G_END_DECLS
