/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include "dm-json-positions-private.h"
#include "dm-worker-priority.h"

/* The split's scan of a long list by several threads at once (issue 15: 305 M instructions
 * for the 100,000 events of a generated file, before any event is read). Where an element
 * starts cannot be known without scanning from the list's start, so it is guessed and then
 * checked: when the list's first element starts its line after spaces only, as in every
 * file Diplomap writes, a cut is put at the first line further on that starts with the same
 * spaces then something else, after a comma. Strict JSON holds no newline in a string, so
 * such a line starts an element of the list most of the time (a list nested as deep as its
 * elements, on lines of its own, is the exception). Each chunk is skimmed from its cut as
 * the list would be, lines counted from 0, until the next element would start at or past
 * the next cut; a chunk whose scan stopped exactly at the next cut (the cut is then an
 * element's start: every element starts where the one before it ends) vouches for the
 * chunk after it. The first chunk starts where one scan would, so the chunks are taken in
 * order as long as each vouches for the next; from the first that does not (it failed, or
 * went past its cut), the rest of the list is skimmed again by one scan, from that chunk's
 * start. The pieces, their lines and columns, and whether the text is strict JSON, are
 * those of one scan. */

#define MAX_CHUNKS 4
#define MIN_BYTES (512 * 1024)
#define MAX_INDENT 64

static guint forced_chunks;
static gsize forced_min_bytes;

void
dm_json_set_split_chunking (guint chunks,
                            gsize min_bytes)
{
  forced_chunks = chunks;
  forced_min_bytes = min_bytes;
}

typedef struct
{
  DmJsonSkim     s;
  const char    *data;
  const char    *stop;     /* the next chunk's cut, NULL for the last */
  GArray        *spans;    /* lines counted from the chunk's start */
  DmJsonSkimEnd  end;
} Chunk;

static gpointer
skim_chunk_cb (gpointer data)
{
  Chunk *c = data;

  dm_worker_priority_lower ();
  c->end = dm_json_skim_elements (&c->s, c->data, c->stop, c->spans);
  return NULL;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first line at or after @from that starts with @indent (@n bytes of spaces) then
 * something else, after a comma; NULL if none */
static const char *
find_cut (const char *from,
          const char *end,
          const char *indent,
          gsize       n)
{
  const char *q = from;

  while (q < end && (q = memchr (q, '\n', end - q)) != NULL)
    {
      const char *start = q + 1, *before = q;

      q++;
      if ((gsize) (end - start) <= n || memcmp (start, indent, n) != 0 || is_space (start[n]))
        continue;
      while (before > from && is_space (before[-1]))
        before--;
      if (before > from && before[-1] == ',')
        return start + n;
    }
  return NULL;
}

gboolean
dm_json_skim_list (DmJsonSkim *s,
                   const char *data,
                   GArray     *spans)
{
  guint n = forced_chunks ? forced_chunks : MIN (g_get_num_processors (), MAX_CHUNKS);
  gsize min_bytes = forced_min_bytes ? forced_min_bytes : MIN_BYTES;
  const char *line_start = s->p, *cuts[MAX_CHUNKS + 1];
  Chunk chunks[MAX_CHUNKS];
  GThread *threads[MAX_CHUNKS] = { NULL };
  guint n_cuts = 1, k;
  gsize indent;
  guint line;
  gboolean closed = FALSE;

  n = MIN (n, MAX_CHUNKS);
  while (line_start > data && (line_start[-1] == ' ' || line_start[-1] == '\t'))
    line_start--;
  indent = s->p - line_start;
  if (n < 2 || (gsize) (s->end - s->p) < min_bytes || s->p >= s->end || *s->p == ']' ||
      (line_start > data && line_start[-1] != '\n') || indent > MAX_INDENT)
    return dm_json_skim_elements (s, data, NULL, spans) == DM_JSON_SKIM_CLOSED;

  /* cuts at about equal distances through what is left of the text */
  cuts[0] = s->p;
  for (k = 1; k < n; k++)
    {
      const char *cut = find_cut (s->p + (s->end - s->p) / n * k, s->end, line_start, indent);

      if (cut != NULL && cut > cuts[n_cuts - 1])
        cuts[n_cuts++] = cut;
    }
  for (k = 0; k < n_cuts; k++)
    {
      Chunk *c = &chunks[k];

      c->s.p = c->s.anchor = cuts[k];
      c->s.end = s->end;
      c->s.line = 0;
      /* a cut starts its line after @indent bytes of spaces, as the first element */
      c->s.anchor_column = k == 0 ? s->anchor_column : indent + 1;
      if (k == 0)
        c->s.anchor = s->anchor;
      c->data = data;
      c->stop = k + 1 < n_cuts ? cuts[k + 1] : NULL;
      c->spans = g_array_new (FALSE, FALSE, sizeof (DmJsonSpan));
    }
  for (k = 1; k < n_cuts; k++)
    threads[k] = g_thread_try_new ("dm-split", skim_chunk_cb, &chunks[k], NULL);
  skim_chunk_cb (&chunks[0]);
  for (k = 1; k < n_cuts; k++)
    {
      if (threads[k] != NULL)
        g_thread_join (threads[k]);
      else
        skim_chunk_cb (&chunks[k]);
    }

  /* the chunks in order, as long as each vouches for the next */
  line = s->line;
  for (k = 0; k < n_cuts; k++)
    {
      Chunk *c = &chunks[k];

      if (c->end != DM_JSON_SKIM_CLOSED && c->end != DM_JSON_SKIM_LANDED)
        break;
      for (guint i = 0; i < c->spans->len; i++)
        {
          DmJsonSpan span = g_array_index (c->spans, DmJsonSpan, i);

          span.line += line;
          g_array_append_val (spans, span);
        }
      line += c->s.line;
      if (c->end == DM_JSON_SKIM_CLOSED)
        {
          *s = c->s;
          s->line = line;
          closed = TRUE;
          break;
        }
    }
  if (!closed)
    {
      /* from the start of the chunk that did not vouch for the next, in one scan */
      s->p = cuts[k];
      s->line = line;
      if (k > 0)
        {
          s->anchor = cuts[k];
          s->anchor_column = indent + 1;
        }
      closed = dm_json_skim_elements (s, data, NULL, spans) == DM_JSON_SKIM_CLOSED;
    }
  for (k = 0; k < n_cuts; k++)
    g_array_unref (chunks[k].spans);
  return closed;
}
