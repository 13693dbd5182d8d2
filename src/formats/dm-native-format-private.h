/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"
#include "dm-file-info.h"
#include "dm-json-positions.h"

G_BEGIN_DECLS

#define DM_NATIVE_FORMAT_VERSION 1

/* Shared by dm-native-format.c and dm-native-event.c: one load of a .diplomap */
typedef struct
{
  DmDocument      *doc;
  GFile           *file;
  DmJsonPositions *positions;
  DmFileInfo      *info;
  GHashTable      *declared;   /* place id -> DmPlace */
  GHashTable      *resolved;   /* reference text -> DmPlace */
  GPtrArray       *events;     /* DmEvent, read: added to the document at the end, at once */
  GPtrArray       *problems;   /* DmProblem, found: the same */
} DmNativeLoader;

void     dm_native_loader_add_problem  (DmNativeLoader *self,
                                        guint           line,
                                        guint           column,
                                        const char     *message);
/* The place @text names (a declared id, a gazetteer name), or NULL; @node (nullable: made
 * from @text) is how the file said it, kept for saving */
DmPlace *dm_native_loader_resolve_name (DmNativeLoader *self,
                                        const char     *text,
                                        JsonNode       *node);
/* Where the value of @member (NULL: the event itself) starts */
typedef void (*DmNativeLocate) (gpointer    data,
                                const char *member,
                                guint      *line,
                                guint      *column);

void     dm_native_loader_check_event  (DmNativeLoader *self,
                                        GHashTable     *ids,
                                        DmEvent        *event,
                                        gboolean        has_participants,
                                        DmNativeLocate  locate,
                                        gpointer        data);

typedef struct _DmNativeEventReader DmNativeEventReader;

DmNativeEventReader *dm_native_event_reader_new  (DmNativeLoader      *loader,
                                                  GHashTable          *ids);
void                 dm_native_event_reader_free (DmNativeEventReader *self);

/* Reads the event in @data (an element of "events" at @line and @column, in strict JSON)
 * straight from its text and adds it to the document, with what check_event() would say
 * (the reader's @ids: event id -> line). FALSE, with no event added and nothing said (places
 * it resolved stay, as the reader of nodes would resolve them), for anything it leaves to
 * the reader of nodes: members it does not know, other types, escapes, any problem. */
gboolean             dm_native_event_reader_read (DmNativeEventReader *self,
                                                  const char          *data,
                                                  gsize                length,
                                                  guint                line,
                                                  guint                column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmNativeEventReader, dm_native_event_reader_free)

G_END_DECLS
