/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GeoJSON in a CSV cell, as kepler.gl's demo data shares it (a `_geojson` or `*_geom`
 * column): each cell is read by the GeoJSON reader as a feature of its own, with the row's
 * name and times, and its problems and events are where the cell is. */

#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dm-geojson-private.h"

struct _DmGeojsonCells
{
  DmGeojsonLoader  geo;
  JsonParser      *nowhere;   /* the positions' parser: a cell's nodes are never found in it */
};

gboolean
dm_geojson_cell_sniff (const char *text)
{
  while (text != NULL && g_ascii_isspace (*text))
    text++;
  if (text == NULL || *text != '{' || strstr (text, "\"type\"") == NULL)
    return FALSE;
  return strstr (text, "\"coordinates\"") != NULL || strstr (text, "\"geometry\"") != NULL ||
         strstr (text, "\"geometries\"") != NULL;
}

DmGeojsonCells *
dm_geojson_cells_new (void)
{
  DmGeojsonCells *self = g_new0 (DmGeojsonCells, 1);

  self->nowhere = json_parser_new_immutable ();
  self->geo.positions = dm_json_positions_new (self->nowhere, "", 0);
  self->geo.tracks = TRUE;
  return self;
}

static gboolean
is_geometry_type (const char *type)
{
  static const char * const types[] = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
    "GeometryCollection", NULL
  };

  return type != NULL && g_strv_contains (types, type);
}

/* @text as a Feature node, or NULL with a problem */
static JsonNode *
parse_cell (DmGeojsonCells *self,
            const char     *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize length = strlen (text);
  guint line, column;
  JsonNode *root;
  const char *type;

  if (!dm_json_positions_check_depth (text, length, &line, &column))
    {
      dm_import_problem (&self->geo.imp, 0, 0, _("lists and objects nest more than %d deep here"),
                         DM_JSON_MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, length, &parse_error))
    {
      g_autoptr(DmJsonPositions) positions = dm_json_positions_new (parser, text, length);
      g_autofree char *detail = dm_json_positions_explain_error (positions, parse_error, &line, &column);

      /* Translators: why the cell's text is not JSON follows */
      dm_import_problem (&self->geo.imp, 0, 0, _("This cell is not GeoJSON: %s"), detail);
      return NULL;
    }
  root = json_parser_get_root (parser);
  type = root && JSON_NODE_HOLDS_OBJECT (root) ? dm_geojson_get_string (json_node_get_object (root), "type") : NULL;
  if (g_strcmp0 (type, "Feature") == 0)
    return json_node_copy (root);
  if (is_geometry_type (type))
    {
      g_autoptr(JsonObject) feature = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (feature, "type", "Feature");
      json_object_set_member (feature, "geometry", json_node_copy (root));
      json_node_set_object (node, feature);
      return node;
    }
  dm_import_problem (&self->geo.imp, 0, 0,
                     _("This cell is not GeoJSON: it should hold a geometry or a Feature"));
  return NULL;
}

void
dm_geojson_cells_read (DmGeojsonCells *self,
                       DmImport       *imp,
                       const char     *text,
                       JsonObject     *row,
                       guint           line,
                       guint           column)
{
  g_autoptr(JsonNode) node = NULL;

  self->geo.imp = *imp;
  self->geo.imp.at_line = line;
  self->geo.imp.at_column = column;
  if ((node = parse_cell (self, text)) != NULL)
    {
      JsonObject *feature = json_node_get_object (node);
      JsonNode *props_node = json_object_get_member (feature, "properties");
      g_autoptr(GList) names = row ? json_object_get_members (row) : NULL;

      if (props_node == NULL || JSON_NODE_HOLDS_NULL (props_node))
        {
          json_object_set_object_member (feature, "properties", json_object_new ());
          props_node = json_object_get_member (feature, "properties");
        }
      /* the row's name and times win over the feature's own */
      if (JSON_NODE_HOLDS_OBJECT (props_node))
        for (GList *l = names; l != NULL; l = l->next)
          json_object_set_member (json_node_get_object (props_node), l->data,
                                  json_node_copy (json_object_get_member (row, l->data)));
      dm_geojson_read_feature (&self->geo, node);
    }

  /* what the GeoJSON reader counts for the end, where it started counting */
  if (self->geo.n_mistyped > DM_GEOJSON_SAID && self->geo.mistyped_line == 0)
    self->geo.mistyped_line = line, self->geo.mistyped_column = column;
  if (self->geo.text_coords > 0 && self->geo.text_line == 0)
    self->geo.text_line = line, self->geo.text_column = column;
  if (self->geo.unknown_values != NULL)
    {
      GHashTableIter iter;
      DmGeojsonUnknown *u;

      g_hash_table_iter_init (&iter, self->geo.unknown_values);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &u))
        if (u->line == 0)
          u->line = line, u->column = column;
    }
  self->geo.imp.at_line = self->geo.imp.at_column = 0;
  *imp = self->geo.imp;
}

void
dm_geojson_cells_finish (DmGeojsonCells *self,
                         DmImport       *imp)
{
  self->geo.imp = *imp;
  dm_geojson_report (&self->geo);
  *imp = self->geo.imp;
}

void
dm_geojson_cells_free (DmGeojsonCells *self)
{
  g_clear_pointer (&self->geo.positions, dm_json_positions_free);
  g_clear_pointer (&self->geo.unknown_values, g_hash_table_unref);
  g_free (self->geo.first_text_coord);
  g_free (self->geo.collection_name);
  g_clear_object (&self->nowhere);
  g_free (self);
}
