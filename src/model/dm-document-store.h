/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DM_TYPE_DOCUMENT_STORE (dm_document_store_get_type ())

G_DECLARE_FINAL_TYPE (DmDocumentStore, dm_document_store, DM, DOCUMENT_STORE, GObject)

DmDocumentStore *dm_document_store_new        (GType            item_type);
void             dm_document_store_splice     (DmDocumentStore *self,
                                               guint            position,
                                               guint            n_removals,
                                               gpointer        *additions,
                                               guint            n_additions);
void             dm_document_store_append     (DmDocumentStore *self,
                                               gpointer         item);
void             dm_document_store_insert     (DmDocumentStore *self,
                                               guint            position,
                                               gpointer         item);
void             dm_document_store_remove     (DmDocumentStore *self,
                                               guint            position);
void             dm_document_store_remove_all (DmDocumentStore *self);
gboolean         dm_document_store_find       (DmDocumentStore *self,
                                               gpointer         item,
                                               guint           *position);
void             dm_document_store_take_all   (DmDocumentStore *self,
                                               DmDocumentStore *from);
void             dm_document_store_append_all (DmDocumentStore *self,
                                               DmDocumentStore *from);
guint            dm_document_store_get_length (DmDocumentStore *self);
gpointer         dm_document_store_peek       (DmDocumentStore *self,
                                               guint            position);
void             dm_document_store_set_array  (DmDocumentStore *self,
                                               GPtrArray       *items);
GPtrArray       *dm_document_store_dup_array  (DmDocumentStore *self);
GPtrArray       *dm_document_store_peek_array (DmDocumentStore *self);

G_END_DECLS
