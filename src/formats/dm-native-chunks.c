/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-limits-private.h"
#include "dm-native-format-private.h"
#include "dm-worker-priority.h"

/* The events of a big .diplomap read by several threads at once (issue 15): the list's pieces
 * (dm_json_split_member_list()) cut into a chunk per processor, at most MAX_CHUNKS, each read
 * by dm_native_loader_read_spans() as one thread reads the whole list, into arrays of its own.
 * What a chunk would change in the document (the places it names, the events it keeps as
 * rejected) and what depends on the events before it (an id used twice) waits for the join,
 * which takes the chunks in order: events, problems, places and what is written back are
 * those of one thread reading in order, and the first chunk to fail (cancelled, a piece
 * json-glib does not parse) gives the error, with what came before it.
 *
 * While the chunks are read, they share only what nobody changes (the document's actors in
 * its hash table, the declared places, the gazetteer, the file's text) and what is made for
 * threads: the places the file names by a gazetteer name (the loader's "resolved", under a
 * lock; each chunk keeps its own table of those it named), a place's zone (dm_place_get_zone()
 * has its lock), the zones' tables (dm-zone-table.c), references counted atomically. No list
 * store is read or changed until the join. */

#define MAX_CHUNKS 4
#define MIN_EVENTS 2000

static guint forced_chunks;
static guint forced_min_events;

void
dm_native_loader_set_chunking (guint chunks,
                               guint min_events)
{
  forced_chunks = chunks;
  forced_min_events = min_events;
}

typedef struct
{
  DmNativeLoader    loader;      /* a copy of the load's, with its own arrays */
  DmNativeChunk     chunk;
  GHashTable       *ids;
  const char       *data;
  gsize             length;
  const DmJsonSpan *spans;
  guint             n;
  GCancellable     *cancellable;
  GError           *error;
  gboolean          done;
} Chunk;

DmPlace *
dm_native_chunk_resolve_name (DmNativeLoader *self,
                              const char     *text,
                              JsonNode       *node)
{
  DmNativeChunk *chunk = self->chunk;
  DmPlace *place;

  if ((place = g_hash_table_lookup (chunk->named, text)) != NULL)
    return g_object_ref (place);
  g_mutex_lock (chunk->lock);
  place = g_hash_table_lookup (self->resolved, text);
  g_mutex_unlock (chunk->lock);
  if (place == NULL)
    {
      /* made outside the lock (the gazetteer is read only); should another chunk have made
       * the same meanwhile, its place is the one */
      g_autoptr(DmPlace) made = dm_native_loader_make_place (text, node);

      if (made == NULL)
        return NULL;
      g_mutex_lock (chunk->lock);
      place = g_hash_table_lookup (self->resolved, text);
      if (place == NULL)
        {
          place = made;
          g_hash_table_insert (self->resolved, g_strdup (text), g_object_ref (made));
        }
      g_mutex_unlock (chunk->lock);
    }
  /* the loader's table holds the place as long as the chunk */
  g_hash_table_insert (chunk->named, g_strdup (text), place);
  g_ptr_array_add (chunk->places, g_object_ref (place));
  return g_object_ref (place);
}

static gpointer
read_chunk_cb (gpointer data)
{
  Chunk *c = data;

  dm_worker_priority_lower ();
  c->done = dm_native_loader_read_spans (&c->loader, c->ids, c->data, c->length, c->spans, c->n,
                                         c->cancellable, &c->error);
  if (!c->done)
    {
      gint failed;

      do
        failed = g_atomic_int_get (c->chunk.failed);
      while (c->chunk.index < failed &&
             !g_atomic_int_compare_and_exchange (c->chunk.failed, failed, c->chunk.index));
    }
  return NULL;
}

static void
clear_chunk (Chunk *c)
{
  for (guint i = 0; c->chunk.rejected != NULL && i < c->chunk.rejected->len; i++)
    json_node_unref (g_array_index (c->chunk.rejected, DmNativeRejected, i).node);
  g_clear_pointer (&c->chunk.rejected, g_array_unref);
  g_clear_pointer (&c->chunk.later_ids, g_array_unref);
  g_clear_pointer (&c->chunk.named, g_hash_table_unref);
  g_clear_pointer (&c->chunk.places, g_ptr_array_unref);
  g_clear_pointer (&c->loader.events, g_ptr_array_unref);
  g_clear_pointer (&c->loader.problems, g_ptr_array_unref);
  g_clear_error (&c->error);
}

/* Adds what chunk @c read to @self, as one thread reading in order would have: its events,
 * its problems with the ids checked against those of the chunks before (@ids), what did not
 * load, and the places first named in it (@added: the places added to the document) */
static void
join_chunk (DmNativeLoader *self,
            GHashTable     *ids,
            Chunk          *c,
            GHashTable     *added)
{
  GPtrArray *problems = c->loader.problems;
  guint offset = self->events->len, next = 0;

  for (guint i = 0; i <= problems->len; i++)
    {
      for (; c->chunk.later_ids != NULL && next < c->chunk.later_ids->len &&
             g_array_index (c->chunk.later_ids, DmNativeLaterId, next).problem == i; next++)
        {
          const DmNativeLaterId *later = &g_array_index (c->chunk.later_ids, DmNativeLaterId, next);

          dm_native_loader_check_id (self, ids, later->event, later->line, later->column);
        }
      if (i < problems->len)
        g_ptr_array_add (self->problems, g_ptr_array_index (problems, i));
    }
  /* the chunk's problems and events handed over, not referenced again */
  g_ptr_array_set_free_func (problems, NULL);
  g_ptr_array_extend_and_steal (self->events, g_steal_pointer (&c->loader.events));
  for (guint i = 0; i < c->chunk.rejected->len; i++)
    {
      const DmNativeRejected *r = &g_array_index (c->chunk.rejected, DmNativeRejected, i);

      dm_document_keep_rejected_at (self->doc, self->file, "events", r->node, offset + r->index);
    }
  for (guint i = 0; i < c->chunk.places->len; i++)
    {
      DmPlace *place = g_ptr_array_index (c->chunk.places, i);

      if (g_hash_table_add (added, place))
        dm_document_add_place (self->doc, place);
    }
}

/* How many chunks for @n events */
static guint
count_chunks (guint n)
{
  guint min_events = forced_min_events ? forced_min_events : MIN_EVENTS;
  guint chunks = forced_chunks ? forced_chunks : MIN (g_get_num_processors (), MAX_CHUNKS);

  /* a file past the limit says so where the limit falls: read in one */
  if (n < min_events || n > DM_MAX_EVENTS)
    return 1;
  return MAX (1, MIN (chunks, n));
}

gboolean
dm_native_loader_read_events (DmNativeLoader  *self,
                              const char      *data,
                              gsize            length,
                              GArray          *spans,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) added = NULL;
  const DmJsonSpan *all = (const DmJsonSpan *) spans->data;
  guint n_chunks = count_chunks (spans->len), first = 0;
  gint failed = G_MAXINT;
  GMutex lock;
  Chunk *chunks;
  GThread **threads;
  gsize from, bytes;

  if (n_chunks <= 1)
    return dm_native_loader_read_spans (self, ids, data, length, all, spans->len, cancellable, error);

  /* chunks of about as many bytes each, cut between two events */
  from = all[0].offset;
  bytes = all[spans->len - 1].offset + all[spans->len - 1].length - from;
  chunks = g_new0 (Chunk, n_chunks);
  threads = g_new0 (GThread *, n_chunks);
  g_mutex_init (&lock);
  for (guint k = 0; k < n_chunks; k++)
    {
      Chunk *c = &chunks[k];
      guint last = spans->len;

      if (k + 1 < n_chunks)
        {
          gsize end = from + bytes / n_chunks * (k + 1);

          /* each chunk at least one event, and as many left as chunks after it */
          last = first + 1;
          while (last < spans->len - (n_chunks - k - 1) && all[last].offset < end)
            last++;
        }
      c->loader = *self;
      c->loader.positions = NULL;
      c->loader.events = g_ptr_array_new_with_free_func (g_object_unref);
      c->loader.problems = g_ptr_array_new_with_free_func (g_object_unref);
      c->loader.chunk = &c->chunk;
      c->chunk.index = k;
      c->chunk.failed = &failed;
      c->chunk.lock = &lock;
      c->chunk.named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      c->chunk.places = g_ptr_array_new_with_free_func (g_object_unref);
      c->chunk.rejected = g_array_new (FALSE, FALSE, sizeof (DmNativeRejected));
      /* the first chunk checks its ids at once, the others at the join */
      c->chunk.later_ids = k == 0 ? NULL : g_array_new (FALSE, FALSE, sizeof (DmNativeLaterId));
      c->ids = k == 0 ? ids : NULL;
      c->data = data;
      c->length = length;
      c->spans = all + first;
      c->n = last - first;
      c->cancellable = cancellable;
      first = last;
    }

  for (guint k = 1; k < n_chunks; k++)
    threads[k] = g_thread_try_new ("dm-load-events", read_chunk_cb, &chunks[k], NULL);
  read_chunk_cb (&chunks[0]);
  for (guint k = 1; k < n_chunks; k++)
    {
      /* a thread that could not start: its chunk is read here */
      if (threads[k] != NULL)
        g_thread_join (threads[k]);
      else
        read_chunk_cb (&chunks[k]);
    }
  g_mutex_clear (&lock);

  added = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < n_chunks; k++)
    {
      join_chunk (self, ids, &chunks[k], added);
      if (!chunks[k].done)
        {
          g_propagate_error (error, g_steal_pointer (&chunks[k].error));
          break;
        }
    }
  for (guint k = 0; k < n_chunks; k++)
    clear_chunk (&chunks[k]);
  g_free (chunks);
  g_free (threads);
  return failed == G_MAXINT;
}
