/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "dm-json-positions.h"

struct _DmJsonPositions
{
  JsonParser *parser;
  GArray     *stack;     /* guint64 positions of open objects and arrays */
  GHashTable *containers; /* JsonObject* or JsonArray* -> position */
  GHashTable *members;    /* "ptr/name" -> position */
  gulong      handlers[6];
};

#define PACK(line, col) (((guint64) (line) << 32) | (guint32) (col))

static guint64
current (DmJsonPositions *self)
{
  return PACK (json_parser_get_current_line (self->parser),
               json_parser_get_current_pos (self->parser));
}

static void
container_start_cb (JsonParser      *parser,
                    DmJsonPositions *self)
{
  guint64 pos = current (self);
  g_array_append_val (self->stack, pos);
}

static void
container_end_cb (JsonParser      *parser,
                  gpointer         container,
                  DmJsonPositions *self)
{
  guint64 pos;

  if (self->stack->len == 0)
    return;
  pos = g_array_index (self->stack, guint64, self->stack->len - 1);
  g_array_set_size (self->stack, self->stack->len - 1);
  g_hash_table_insert (self->containers, container, g_memdup2 (&pos, sizeof pos));
}

static void
object_member_cb (JsonParser      *parser,
                  JsonObject      *object,
                  const char      *member,
                  DmJsonPositions *self)
{
  guint64 pos = current (self);

  g_hash_table_insert (self->members, g_strdup_printf ("%p/%s", (void *) object, member),
                       g_memdup2 (&pos, sizeof pos));
}

static void
array_element_cb (JsonParser      *parser,
                  JsonArray       *array,
                  int              index,
                  DmJsonPositions *self)
{
  guint64 pos = current (self);

  g_hash_table_insert (self->members, g_strdup_printf ("%p[%d]", (void *) array, index),
                       g_memdup2 (&pos, sizeof pos));
}

DmJsonPositions *
dm_json_positions_new (JsonParser *parser)
{
  DmJsonPositions *self = g_new0 (DmJsonPositions, 1);

  self->parser = g_object_ref (parser);
  self->stack = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->containers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->handlers[0] = g_signal_connect (parser, "object-start", G_CALLBACK (container_start_cb), self);
  self->handlers[1] = g_signal_connect (parser, "object-end", G_CALLBACK (container_end_cb), self);
  self->handlers[2] = g_signal_connect (parser, "array-start", G_CALLBACK (container_start_cb), self);
  self->handlers[3] = g_signal_connect (parser, "array-end", G_CALLBACK (container_end_cb), self);
  self->handlers[4] = g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), self);
  self->handlers[5] = g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), self);
  return self;
}

void
dm_json_positions_free (DmJsonPositions *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_signal_handler_disconnect (self->parser, self->handlers[i]);
  g_object_unref (self->parser);
  g_array_unref (self->stack);
  g_hash_table_unref (self->containers);
  g_hash_table_unref (self->members);
  g_free (self);
}

static gboolean
unpack (guint64 *pos,
        guint   *line,
        guint   *column)
{
  if (pos == NULL)
    return FALSE;
  *line = *pos >> 32;
  *column = (guint32) *pos;
  return TRUE;
}

gboolean
dm_json_positions_lookup (DmJsonPositions *self,
                          JsonNode        *node,
                          guint           *line,
                          guint           *column)
{
  gpointer key = NULL;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    key = json_node_get_object (node);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    key = json_node_get_array (node);
  return key != NULL && unpack (g_hash_table_lookup (self->containers, key), line, column);
}

gboolean
dm_json_positions_lookup_member (DmJsonPositions *self,
                                 JsonObject      *object,
                                 const char      *member,
                                 guint           *line,
                                 guint           *column)
{
  g_autofree char *key = g_strdup_printf ("%p/%s", (void *) object, member);
  JsonNode *node = json_object_get_member (object, member);

  /* objects and arrays are known by where they start, which reads better */
  if (node != NULL && dm_json_positions_lookup (self, node, line, column))
    return TRUE;
  return unpack (g_hash_table_lookup (self->members, key), line, column);
}

/* Where element @index of @array is (its end for scalars) */
gboolean
dm_json_positions_lookup_element (DmJsonPositions *self,
                                  JsonArray       *array,
                                  guint            index,
                                  guint           *line,
                                  guint           *column)
{
  g_autofree char *key = g_strdup_printf ("%p[%u]", (void *) array, index);
  JsonNode *node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  if (node != NULL && dm_json_positions_lookup (self, node, line, column))
    return TRUE;
  return unpack (g_hash_table_lookup (self->members, key), line, column);
}

/* The character at @line:@column (1-based, bytes) of @data, "" where a line ends, NULL
 * past the end of @data */
static char *
dup_char_at (const char *data,
             gsize       length,
             guint       line,
             guint       column)
{
  const char *p = data, *end = data + length;
  gsize n;

  for (guint l = 1; l < line && p < end; p++)
    if (*p == '\n')
      l++;
  if (column == 0 || (gsize) (end - p) < column)
    return NULL;
  for (guint c = 1; c < column; c++, p++)
    if (*p == '\n')
      return g_strdup ("");
  n = g_utf8_skip[*(const guchar *) p];
  if ((gsize) (end - p) < n || !g_utf8_validate (p, n, NULL) || g_unichar_isspace (g_utf8_get_char (p)))
    return g_strdup ("");
  return g_strndup (p, n);
}

/**
 * dm_json_describe_parse_error:
 * @parse_error: what json_parser_load_from_data() said about @data
 * @line: (out): where, 1-based
 * @column: (out): where, 1-based
 *
 * Why @data is not JSON, translated, for people: json-glib's own text ("Parse error:
 * unexpected character `,', expected character `]'") is for programmers.
 */
char *
dm_json_describe_parse_error (const GError *parse_error,
                              const char   *data,
                              gsize         length,
                              guint        *line,
                              guint        *column)
{
  const char *message = parse_error->message;
  g_autofree char *found = NULL;

  *line = *column = 1;
  /* json-glib says "<data>:LINE:COLUMN: " first */
  if (g_str_has_prefix (message, "<data>:") && sscanf (message + 7, "%u:%u", line, column) == 2)
    {
      *line = MAX (*line, 1);
      *column = MAX (*column, 1);
    }
  found = dup_char_at (data, length, *line, *column);
  if (found == NULL)
    return g_strdup (_("the text ends before a quote or a bracket is closed"));
  if (parse_error->domain == JSON_PARSER_ERROR)
    switch ((JsonParserError) parse_error->code)
      {
      case JSON_PARSER_ERROR_TRAILING_COMMA:
        return g_strdup (_("a comma after the last item of a list or object"));
      case JSON_PARSER_ERROR_MISSING_COMMA:
        return g_strdup (_("a comma is missing, or a bracket does not match"));
      case JSON_PARSER_ERROR_MISSING_COLON:
        return g_strdup (_("a colon is missing after a name"));
      case JSON_PARSER_ERROR_INVALID_BAREWORD:
        return g_strdup (_("a word without quotes: text goes between double quotes, "
                           "only true, false and null go without"));
      case JSON_PARSER_ERROR_EMPTY_MEMBER_NAME:
        return g_strdup (_("a name is empty"));
      case JSON_PARSER_ERROR_INVALID_DATA:
        return g_strdup (_("the file is not UTF-8 text"));
      case JSON_PARSER_ERROR_PARSE:
      case JSON_PARSER_ERROR_UNKNOWN:
      default:
        break;
      }
  if (*found == '\0')
    return g_strdup (_("a bracket, a quote or a comma is out of place"));
  /* Translators: %s is the character found where it cannot be, like “]” */
  return g_strdup_printf (_("“%s” cannot be here"), found);
}
