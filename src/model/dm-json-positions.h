/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where each object, array and member of a parsed JSON text was (json-glib keeps no
 * positions in its nodes): filled while a JsonParser parses. */
typedef struct _DmJsonPositions DmJsonPositions;

DmJsonPositions *dm_json_positions_new         (JsonParser      *parser);
void             dm_json_positions_free        (DmJsonPositions *self);
/* The line and column (1-based) where @node starts; FALSE if unknown */
gboolean         dm_json_positions_lookup      (DmJsonPositions *self,
                                                JsonNode        *node,
                                                guint           *line,
                                                guint           *column);
/* Where the value of @member of @object is (its end for scalars) */
gboolean         dm_json_positions_lookup_member (DmJsonPositions *self,
                                                  JsonObject      *object,
                                                  const char      *member,
                                                  guint           *line,
                                                  guint           *column);
/* Where element @index of @array is (its end for scalars) */
gboolean         dm_json_positions_lookup_element (DmJsonPositions *self,
                                                   JsonArray       *array,
                                                   guint            index,
                                                   guint           *line,
                                                   guint           *column);

/* Why @data could not be parsed (json_parser_load_from_data()'s @parse_error), translated,
 * and where (1-based) */
char            *dm_json_describe_parse_error  (const GError    *parse_error,
                                                const char      *data,
                                                gsize            length,
                                                guint           *line,
                                                guint           *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmJsonPositions, dm_json_positions_free)

G_END_DECLS
