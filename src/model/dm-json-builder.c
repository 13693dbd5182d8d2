/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

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

GBytes *
dm_json_builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *data;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  data = json_generator_to_data (gen, &length);
  data = g_realloc (data, length + 2);
  data[length] = '\n';
  data[length + 1] = '\0';
  return g_bytes_new_take (data, length + 1);
}
