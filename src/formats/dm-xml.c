/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Limits on what an XML file may make its reader do */

#define G_LOG_DOMAIN "dm-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/entities.h>
#include <string.h>

#include "dm-xml-private.h"

/* The text @ent expands to, in bytes, its own references included; at most a little
 * over DM_XML_MAX_EXPANSION (the sum stops there). @sizes: xmlEntity -> size + 1 */
static gsize
entity_size (xmlEntity  *ent,
             GHashTable *sizes,
             guint       depth)
{
  gsize size = 0;
  gpointer known = g_hash_table_lookup (sizes, ent);

  if (known != NULL)
    return GPOINTER_TO_SIZE (known) - 1;
  /* entities nest 40 deep at most in libxml2; a loop is not valid XML */
  if (depth > 64)
    return DM_XML_MAX_EXPANSION + 1;
  if (ent->children == NULL)
    size = ent->length > 0 ? (gsize) ent->length : 0;
  for (xmlNode *n = ent->children; n != NULL && size <= DM_XML_MAX_EXPANSION; )
    {
      if (n->type == XML_ENTITY_REF_NODE)
        {
          if (n->children != NULL && n->children->type == XML_ENTITY_DECL)
            size += entity_size ((xmlEntity *) n->children, sizes, depth + 1);
        }
      else if (n->content != NULL)
        size += strlen ((const char *) n->content);
      /* the next node in document order within the entity's content */
      if (n->type != XML_ENTITY_REF_NODE && n->children != NULL)
        n = n->children;
      else
        {
          while (n != NULL && n->next == NULL)
            n = n->parent != NULL && n->parent != (xmlNode *) ent ? n->parent : NULL;
          n = n != NULL ? n->next : NULL;
        }
    }
  g_hash_table_insert (sizes, ent, GSIZE_TO_POINTER (size + 1));
  return size;
}

/* What @n, if it is an entity reference, expands to */
static gsize
reference_size (xmlNode    *n,
                GHashTable *sizes)
{
  if (n->type != XML_ENTITY_REF_NODE || n->children == NULL ||
      n->children->type != XML_ENTITY_DECL)
    return 0;
  return entity_size ((xmlEntity *) n->children, sizes, 0);
}

/**
 * dm_xml_check_expansion:
 *
 * Whether the entity references in @doc expand to at most DM_XML_MAX_EXPANSION bytes
 * of text in all. The readers take the text of elements with xmlNodeGetContent(), which
 * expands every reference: a small file could ask for gigabytes.
 * Returns: %FALSE with the line of the reference that goes past the limit
 */
gboolean
dm_xml_check_expansion (xmlDoc *doc,
                        guint  *line)
{
  g_autoptr(GHashTable) sizes = NULL;
  xmlNode *n = xmlDocGetRootElement (doc);
  gsize total = 0;

  if (doc->intSubset == NULL || doc->intSubset->entities == NULL)
    return TRUE;   /* no entity declared: nothing to expand */
  sizes = g_hash_table_new (NULL, NULL);
  while (n != NULL)
    {
      total += reference_size (n, sizes);
      /* an attribute's value is a flat list of texts and references */
      if (n->type == XML_ELEMENT_NODE)
        for (xmlAttr *a = n->properties; a != NULL; a = a->next)
          for (xmlNode *v = a->children; v != NULL; v = v->next)
            total += reference_size (v, sizes);
      if (total > DM_XML_MAX_EXPANSION)
        {
          *line = (guint) MAX (xmlGetLineNo (n), 1);
          return FALSE;
        }
      /* depth first, without recursion; a reference's children are its declaration */
      if (n->type != XML_ENTITY_REF_NODE && n->children != NULL)
        n = n->children;
      else
        {
          while (n != NULL && n->next == NULL)
            n = n->parent != NULL && n->parent->type != XML_DOCUMENT_NODE ? n->parent : NULL;
          n = n != NULL ? n->next : NULL;
        }
    }
  return TRUE;
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

xmlDoc *
dm_xml_read (DmImport   *imp,
             const char *data,
             gsize       length,
             int         extra_options,
             GError    **error)
{
  xmlParserCtxt *ctxt;
  xmlDoc *xml;
  static GOnce once = G_ONCE_INIT;
  guint line;

  g_once (&once, init_libxml, NULL);
  if (length > G_MAXINT)
    {
      dm_import_fail (imp, error, 1, 1, _("the file is too large"));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  /* no network, no external entities, no DTD loading */
  xml = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL,
                           DM_XML_PARSE_OPTIONS | extra_options);
  if (xml == NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);
      g_autofree char *reason = g_strstrip (g_strdup (e && e->message ? e->message : "?"));

      dm_import_fail (imp, error, e ? e->line : 1, e ? e->int2 : 1,
                      /* Translators: %s is libxml2's reason */
                      _("not valid XML: %s"), reason);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  if (!dm_xml_check_expansion (xml, &line))
    {
      g_autoptr(GArray) starts = dm_import_index_lines (data, length);
      g_autofree char *limit = g_format_size (DM_XML_MAX_EXPANSION);

      dm_import_fail (imp, error, line, dm_import_find_column (data, length, starts, line, "&"),
                      /* Translators: %s is a size, "1.0 MB" */
                      _("the file’s entities (&name;) expand to more than %s of text"), limit);
      xmlFreeDoc (xml);
      return NULL;
    }
  return xml;
}
