/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dm-import-private.h"

G_BEGIN_DECLS

/* How every reader parses XML: no network (XML_PARSE_NONET), entities kept as references
 * (no XML_PARSE_NOENT: no external entity is ever loaded), libxml2's own limits on depth
 * and text sizes kept (no XML_PARSE_HUGE) */
#define DM_XML_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
                              XML_PARSE_BIG_LINES)

/* The most text a file's entity references may expand to, all together: one entity of
 * 50 kB used 50,000 times would be 2.5 GB of text */
#define DM_XML_MAX_EXPANSION (1000 * 1000)

gboolean dm_xml_check_expansion (xmlDoc *doc,
                                 guint  *line);

/* Parses @data with DM_XML_PARSE_OPTIONS and @extra_options, then checks what its entities
 * expand to: the one way an XML reader (KML, GPX) gets its tree. Returns: (transfer full) the
 * document, or %NULL with @error set at the place libxml2 or the check stopped */
xmlDoc  *dm_xml_read            (DmImport   *imp,
                                 const char *data,
                                 gsize       length,
                                 int         extra_options,
                                 GError    **error);

G_END_DECLS
