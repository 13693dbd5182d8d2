/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dm-document.h"

G_BEGIN_DECLS

/* The round-trip data of the files a document was loaded from: what each file had besides
 * its events (its title, version, unknown members, entries that did not load), kept by the
 * model so that a reader can hand it to the writer of the same format (src/formats). */

/* What a loaded file had besides its events, kept so that saving loses nothing */
typedef struct
{
  char       *member;   /* the array it came from: "events", "actors", ... */
  JsonNode   *node;
  guint       index;    /* written before the index-th loaded entry; G_MAXUINT: at the end */
} DmRejected;

typedef struct
{
  char       *title;
  gint64      version;
  JsonObject *extra;    /* root members Diplomap does not know */
  GPtrArray  *rejected; /* DmRejected */
  GPtrArray  *actors;   /* DmActor declared by the file */
  GPtrArray  *places;   /* DmPlace declared in its "places" */
} DmFileInfo;

void        dm_document_keep_rejected    (DmDocument *self,
                                          GFile      *file,
                                          const char *member,
                                          JsonNode   *node);
void        dm_document_set_file_extra   (DmDocument *self,
                                          GFile      *file,
                                          JsonObject *extra);
void        dm_document_keep_rejected_at (DmDocument *self,
                                          GFile      *file,
                                          const char *member,
                                          JsonNode   *node,
                                          guint       index);
DmFileInfo *dm_document_get_file_info (DmDocument *self,
                                       GFile      *file,
                                       gboolean    create);


G_END_DECLS
