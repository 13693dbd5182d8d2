/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where each object, array and member value of a parsed JSON text starts (json-glib keeps
 * no positions in its nodes): objects and arrays are found by one scan of the text on the
 * first lookup, members and elements by scanning their container again. Lines and
 * columns count from 1; a column is a character. */
typedef struct _DmJsonPositions DmJsonPositions;

/* A piece of a JSON text: its bytes, and where it starts in lines and characters */
typedef struct
{
  gsize offset;
  gsize length;
  guint line;
  guint column;
} DmJsonSpan;

/* How deep objects and lists may nest (serde_json's default; a Diplomap file needs 6) */
#define DM_JSON_MAX_DEPTH 128

DmJsonPositions *dm_json_positions_new            (JsonParser      *parser,
                                                   const char      *data,
                                                   gsize            length);
void             dm_json_positions_free           (DmJsonPositions *self);
void             dm_json_positions_reset          (DmJsonPositions *self,
                                                   const char      *data,
                                                   gsize            length,
                                                   guint            line,
                                                   guint            column);
/* The piece given to reset() read into nodes as json-glib would, or NULL (see the .c) */
JsonNode        *dm_json_positions_parse          (DmJsonPositions *self);
/* Where @node (an object or an array) starts; FALSE if unknown */
gboolean         dm_json_positions_lookup         (DmJsonPositions *self,
                                                   JsonNode        *node,
                                                   guint           *line,
                                                   guint           *column);
/* Where the value of @member of @object starts */
gboolean         dm_json_positions_lookup_member  (DmJsonPositions *self,
                                                   JsonObject      *object,
                                                   const char      *member,
                                                   guint           *line,
                                                   guint           *column);
/* Where element @index of @array starts */
gboolean         dm_json_positions_lookup_element (DmJsonPositions *self,
                                                   JsonArray       *array,
                                                   guint            index,
                                                   guint           *line,
                                                   guint           *column);
/* Before parsing: FALSE if @data nests deeper than DM_JSON_MAX_DEPTH, with where */
gboolean         dm_json_positions_check_depth    (const char      *data,
                                                   gsize            length,
                                                   guint           *line,
                                                   guint           *column);
/* After the parser failed: where the text stops being JSON, and why (translated) */
char            *dm_json_positions_explain_error  (DmJsonPositions *self,
                                                   const GError    *parse_error,
                                                   guint           *line,
                                                   guint           *column);

/* Where each element of the list @member of the root object is, or NULL (see the .c) */
GArray          *dm_json_split_member_list        (const char      *data,
                                                   gsize            length,
                                                   const char      *member,
                                                   DmJsonSpan      *list);
/* Parses @data with the list @member emptied, for its elements to be read one at a time;
 * the elements, or NULL (then nothing was parsed: read the text whole) */
GArray          *dm_json_parse_without_list       (JsonParser      *parser,
                                                   const char      *data,
                                                   gsize            length,
                                                   const char      *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmJsonPositions, dm_json_positions_free)

G_END_DECLS
