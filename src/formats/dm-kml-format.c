/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "dm-format.h"
#include "dm-gazetteer.h"
#include "dm-import-private.h"
#include "dm-kml-private.h"
#include "dm-xml-private.h"

/* KML (Google Earth) in, with libxml2: Placemarks with a time become events. A Point
 * is a visit, a LineString or MultiGeometry of lines a trip with a leg per segment,
 * a gx:Track a trip between the places it stops at. TimeSpan and TimeStamp give the
 * times; styles' line colours become actor colours; Folders group (docs/INTEROP.md). */

gboolean
dm_kml_is (xmlNode    *node,
           const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

xmlNode *
dm_kml_child (xmlNode    *node,
              const char *name)
{
  for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
    if (dm_kml_is (c, name))
      return c;
  return NULL;
}

/* The trimmed text of an element, or NULL when empty */
char *
dm_kml_text (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

char *
dm_kml_child_text (xmlNode    *node,
                   const char *name)
{
  return dm_kml_text (dm_kml_child (node, name));
}

void
dm_kml_position (DmKmlLoader *self,
                 xmlNode     *node,
                 guint       *line,
                 guint       *column)
{
  g_autofree char *tag = NULL;

  *line = node ? (guint) MAX (xmlGetLineNo (node), 1) : 1;
  *column = 1;
  if (node == NULL)
    return;
  tag = node->ns && node->ns->prefix ? g_strdup_printf ("<%s:%s", node->ns->prefix, node->name)
                                     : g_strdup_printf ("<%s", node->name);
  if (self->line_starts == NULL)
    self->line_starts = dm_import_index_lines (self->data, self->length);
  *column = dm_import_find_column (self->data, self->length, self->line_starts, *line, tag);
}

void
dm_kml_problem (DmKmlLoader *self,
                xmlNode     *node,
                const char  *message)
{
  guint line, column;

  dm_kml_position (self, node, &line, &column);
  dm_import_problem (&self->imp, line, column, "%s", message);
}

/* KML colours are aabbggrr */
static char *
kml_color_to_rgb (const char *kml)
{
  if (kml == NULL || strlen (kml) != 8)
    return NULL;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isxdigit (kml[i]))
      return NULL;
  {
    g_autofree char *rgb = g_strdup_printf ("#%.2s%.2s%.2s", kml + 6, kml + 4, kml + 2);
    return g_ascii_strdown (rgb, -1);
  }
}

static char *
style_color (xmlNode *style)
{
  g_autofree char *line = dm_kml_child_text (dm_kml_child (style, "LineStyle"), "color");
  g_autofree char *icon = NULL;

  if (line != NULL)
    return kml_color_to_rgb (line);
  icon = dm_kml_child_text (dm_kml_child (style, "IconStyle"), "color");
  return kml_color_to_rgb (icon);
}

static void
collect_styles (DmKmlLoader *self,
                xmlNode     *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      xmlChar *id;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if ((dm_kml_is (c, "Style") || dm_kml_is (c, "StyleMap")) && (id = xmlGetProp (c, (const xmlChar *) "id")) != NULL)
        {
          char *key = g_strdup_printf ("#%s", (const char *) id);
          xmlFree (id);
          if (dm_kml_is (c, "Style"))
            {
              char *color = style_color (c);
              if (color != NULL)
                g_hash_table_replace (self->styles, key, color);
              else
                g_free (key);
            }
          else
            {
              char *normal = NULL;
              for (xmlNode *pair = c->children; pair; pair = pair->next)
                {
                  g_autofree char *k = dm_kml_child_text (pair, "key");
                  if (dm_kml_is (pair, "Pair") && g_strcmp0 (k, "normal") == 0)
                    normal = dm_kml_child_text (pair, "styleUrl");
                }
              if (normal != NULL)
                g_hash_table_replace (self->style_maps, key, normal);
              else
                g_free (key);
            }
          continue;
        }
      collect_styles (self, c);
    }
}

char *
dm_kml_placemark_color (DmKmlLoader *self,
                        xmlNode     *placemark)
{
  g_autofree char *url = dm_kml_child_text (placemark, "styleUrl");
  xmlNode *inline_style = dm_kml_child (placemark, "Style");
  const char *normal, *color;
  const char *hash;

  if (inline_style != NULL)
    {
      char *c = style_color (inline_style);
      if (c != NULL)
        return c;
    }
  if (url == NULL || (hash = strchr (url, '#')) == NULL)
    return NULL;
  if ((normal = g_hash_table_lookup (self->style_maps, hash)) != NULL && strchr (normal, '#'))
    hash = strchr (normal, '#');
  color = g_hash_table_lookup (self->styles, hash);
  return g_strdup (color);
}

/* ExtendedData: <Data name="x"><value>…</value></Data> and <SimpleData name="x">…</SimpleData> */
static void
walk (DmKmlLoader  *self,
      xmlNode      *node,
      GCancellable *cancellable)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      /* past the limit, the event after it says so (dm_import_add_event) */
      if (g_cancellable_is_cancelled (cancellable) || self->events->len > DM_MAX_EVENTS)
        return;
      if (dm_kml_is (c, "Document") || dm_kml_is (c, "Folder"))
        {
          g_ptr_array_add (self->folders, dm_kml_child_text (c, "name"));
          walk (self, c, cancellable);
          g_ptr_array_remove_index (self->folders, self->folders->len - 1);
        }
      else if (dm_kml_is (c, "Placemark"))
        dm_kml_read_placemark (self, c);
    }
}

gboolean
dm_kml_load_text (DmDocument    *doc,
                  GFile         *file,
                  const char    *data,
                  gsize          length,
                  GCancellable  *cancellable,
                  GError       **error)
{
  DmKmlLoader self = { { 0 }, data, length, NULL };
  xmlDoc *xml;
  xmlNode *root;
  gboolean ok = TRUE;

  dm_import_init (&self.imp, doc, file);
  xml = dm_xml_read (&self.imp, data, length, XML_PARSE_NOCDATA, error);
  if (xml == NULL)
    {
      dm_import_clear (&self.imp);
      return FALSE;
    }
  root = xmlDocGetRootElement (xml);
  if (!dm_kml_is (root, "kml"))
    {
      ok = dm_import_fail (&self.imp, error, root ? (guint) xmlGetLineNo (root) : 1, 1,
                           _("not KML: the root element should be <kml>"));
      goto out;
    }
  self.styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.style_maps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.trips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.events = g_ptr_array_new_with_free_func (g_object_unref);
  self.folders = g_ptr_array_new_with_free_func (g_free);

  collect_styles (&self, root);
  {
    g_autofree char *title = dm_kml_child_text (dm_kml_child (root, "Document"), "name");
    if (title != NULL)
      dm_document_set_title (doc, title);
  }
  walk (&self, root, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  for (guint i = 0; ok && i < self.events->len; i++)
    {
      DmEvent *event = self.events->pdata[i];
      GPtrArray *legs = dm_event_get_legs (event);
      gboolean timed = dm_event_get_kind (event) != DM_EVENT_KIND_TRIP ||
                       g_object_get_data (G_OBJECT (event), "dm-kml-ours") != NULL;

      for (guint k = 0; k < legs->len && !timed; k++)
        timed = dm_time_is_known (&((DmLeg *) legs->pdata[k])->depart) ||
                dm_time_is_known (&((DmLeg *) legs->pdata[k])->arrive);
      if (!timed)
        {
          g_autofree char *title = dm_event_dup_display_title (event);
          dm_import_problem (&self.imp, dm_event_get_line (event), dm_event_get_column (event),
                             _("“%s” has no time: its places are shown, but not as an event"), title);
          continue;
        }
      dm_import_add_event (&self.imp, event, dm_event_get_line (event), dm_event_get_column (event));
    }
  g_hash_table_unref (self.styles);
  g_hash_table_unref (self.style_maps);
  g_hash_table_unref (self.trips);
  g_ptr_array_unref (self.events);
  g_ptr_array_unref (self.folders);
out:
  g_clear_pointer (&self.line_starts, g_array_unref);
  xmlFreeDoc (xml);
  dm_import_clear (&self.imp);
  return ok;
}

gboolean
dm_kml_format_sniff (const char *basename,
                     const char *data,
                     gsize       length)
{
  g_autofree char *ext = dm_import_extension (basename);
  gsize n = MIN (length, 4096);

  if (g_str_equal (ext, "kml"))
    return TRUE;
  return n > 0 && (data[0] == '<' || (n > 3 && data[3] == '<')) &&
         g_strstr_len (data, n, "<kml") != NULL;
}

gboolean
dm_kml_format_load (DmDocument    *doc,
                    GFile         *file,
                    const char    *data,
                    gsize          length,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return dm_kml_load_text (doc, file, data, length, cancellable, error);
}
