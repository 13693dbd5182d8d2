/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

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

void        dm_document_keep_rejected_at (DmDocument *self,
                                          GFile      *file,
                                          const char *member,
                                          JsonNode   *node,
                                          guint       index);
DmFileInfo *dm_document_get_file_info (DmDocument *self,
                                       GFile      *file,
                                       gboolean    create);

/* Every save and export: a temporary file renamed over @file (dm-document.c) */
gboolean    dm_write_file_atomically  (GFile         *file,
                                       const char    *data,
                                       gsize          length,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
