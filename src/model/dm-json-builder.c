/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-json-builder.h"

void
dm_json_builder_add_string (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
dm_json_builder_add_strv (JsonBuilder        *builder,
                          const char         *name,
                          const char * const *values,
                          gboolean            keep_empty)
{
  if (values == NULL || (values[0] == NULL && !keep_empty))
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/**
 * dm_json_format_double:
 *
 * @value in the fewest significant digits (15, 16 or 17) that read back as the same
 * double, in the C locale, always with a dot or an exponent so that it reads back as a
 * double: 51.5085 is "51.5085", not json-glib's "51.508499999999998". Not-a-number
 * and the infinities have no JSON form: "null".
 */
void
dm_json_format_double (char   buffer[G_ASCII_DTOSTR_BUF_SIZE],
                       double value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

  if (!isfinite (value))
    {
      g_strlcpy (buffer, "null", G_ASCII_DTOSTR_BUF_SIZE);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  if (strpbrk (buffer, ".e") == NULL)
    g_strlcat (buffer, ".0", G_ASCII_DTOSTR_BUF_SIZE);
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out,
               guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            append_indent (out, depth + 1);
            append_string (out, l->data);
            g_string_append (out, " : ");
            append_node (out, json_object_get_member (object, l->data), depth + 1);
            if (l->next != NULL)
              g_string_append_c (out, ',');
          }
        if (members != NULL)
          append_indent (out, depth);
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            append_indent (out, depth + 1);
            append_node (out, json_array_get_element (array, i), depth + 1);
            if (i + 1 < n)
              g_string_append_c (out, ',');
          }
        if (n > 0)
          append_indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];
            dm_json_format_double (buffer, json_node_get_double (node));
            g_string_append (out, buffer);
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        }
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

/**
 * dm_json_append_node:
 *
 * Appends @node to @out as dm_json_builder_to_bytes() writes it at nesting level @depth,
 * with no newline after it: a writer of a large document writes it piece by piece, each
 * piece's tree freed once written, and gets the same bytes as from one tree.
 */
void
dm_json_append_node (GString  *out,
                     JsonNode *node,
                     guint     depth)
{
  append_node (out, node, depth);
}

/**
 * dm_json_append_member_name:
 *
 * Appends the start of a line at nesting level @depth, then, unless @name is %NULL,
 * `"name" : ` as in an object of dm_json_builder_to_bytes().
 */
void
dm_json_append_member_name (GString    *out,
                            const char *name,
                            guint       depth)
{
  append_indent (out, depth);
  if (name == NULL)
    return;
  append_string (out, name);
  g_string_append (out, " : ");
}

/* Written by us rather than by JsonGenerator, which prints every double with 17
 * digits (39.02 as 39.020000000000003) and 1e20 as "1e+20.0", not JSON at all.
 * The layout is JsonGenerator's pretty one: "name" : value, two spaces a level. */
GBytes *
dm_json_builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  GString *out = g_string_new (NULL);

  append_node (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}
