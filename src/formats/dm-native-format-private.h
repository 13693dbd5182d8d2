/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"
#include "dm-file-info.h"
#include "dm-json-positions.h"

G_BEGIN_DECLS

#define DM_NATIVE_FORMAT_VERSION 1

/* A chunk of a file's events read in a thread of its own (dm-native-chunks.c): what reading
 * it would change in the document is kept here, and done at the join, chunk after chunk, in
 * the order one thread would have done it */
typedef struct
{
  gint        index;       /* the chunk's place among the chunks */
  gint       *failed;      /* the first chunk that failed, G_MAXINT if none: later ones stop */
  GMutex     *lock;        /* held to read or change the loader's "resolved" */
  GHashTable *named;       /* reference text -> DmPlace this chunk resolved (unowned) */
  GPtrArray  *places;      /* DmPlace: the places this chunk named, in the order of their
                            * first mention here */
  GArray     *rejected;    /* DmNativeRejected: events that did not load */
  GArray     *later_ids;   /* DmNativeLaterId: event ids checked at the join; NULL: checked
                            * at once (the first chunk) */
} DmNativeChunk;

/* An event that did not load, kept to be written back before the @index-th that did */
typedef struct
{
  JsonNode *node;
  guint     index;
} DmNativeRejected;

/* An event's id, to be checked at the join before the chunk's @problem-th problem */
typedef struct
{
  guint    problem;
  DmEvent *event;          /* in the chunk's events */
  guint    line, column;   /* where its id's value starts */
} DmNativeLaterId;

/* Shared by dm-native-format.c, dm-native-event.c and dm-native-chunks.c: one load of a
 * .diplomap */
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
  DmNativeChunk   *chunk;      /* NULL: the events are read in one thread */
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
/* The place @text names in the gazetteer (a place or a country), not yet shared, or NULL */
DmPlace *dm_native_loader_make_place   (const char     *text,
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

/* Whether the event id @id (of an event at @event_line) was used before (@ids: id -> the line
 * of the first): then a problem at @line and @column */
void     dm_native_loader_check_id     (DmNativeLoader *self,
                                        GHashTable     *ids,
                                        DmEvent        *event,
                                        guint           line,
                                        guint           column);

/* Reads the events of @spans (@n pieces of @data), as many as DM_MAX_EVENTS; FALSE with
 * @error where the reading stops (cancelled, or a piece json-glib does not parse) */
gboolean dm_native_loader_read_spans   (DmNativeLoader    *self,
                                        GHashTable        *ids,
                                        const char        *data,
                                        gsize              length,
                                        const DmJsonSpan  *spans,
                                        guint              n,
                                        GCancellable      *cancellable,
                                        GError           **error);

/* Reads the events of @spans, in chunks read by threads at once when there are many
 * (dm-native-chunks.c), with the same result as one thread reading them in order */
gboolean dm_native_loader_read_events  (DmNativeLoader    *self,
                                        const char        *data,
                                        gsize              length,
                                        GArray            *spans,
                                        GCancellable      *cancellable,
                                        GError           **error);

/* For tests: read in @chunks chunks (0: one per processor, at most 4) when a file has at
 * least @min_events events (0: the default, 2,000) */
void     dm_native_loader_set_chunking (guint              chunks,
                                        guint              min_events);

/* In a chunk: the place @text names, from the chunk's own, the loader's or made */
DmPlace *dm_native_chunk_resolve_name  (DmNativeLoader    *self,
                                        const char        *text,
                                        JsonNode          *node);

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
