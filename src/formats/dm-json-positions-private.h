/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-json-positions.h"

G_BEGIN_DECLS

/* Shared by dm-json-positions.c and dm-json-piece.c */

typedef struct
{
  gsize offset;                 /* the byte where the value starts */
  guint line, column;
} DmJsonPosition;

struct _DmJsonPositions
{
  JsonParser *parser;
  const char *data;
  gsize       length;
  guint       line, column; /* where @data starts in its file */
  GHashTable *containers;   /* JsonObject* or JsonArray* -> index in positions + 1 */
  GArray     *positions;    /* DmJsonPosition; filled on the first lookup */
  GString    *name;         /* a member name, decoded */
  gboolean    scanned;      /* positions are filled */
};

/* The split's scan (dm_json_split_member_list()) */
typedef struct
{
  const char *p, *end;
  guint       line;
  const char *anchor;       /* a place whose column is known: a piece's start, a line's */
  guint       anchor_column;
} DmJsonSkim;

typedef enum
{
  DM_JSON_SKIM_CLOSED,
  DM_JSON_SKIM_LANDED,
  DM_JSON_SKIM_PASSED,
  DM_JSON_SKIM_FAILED,
} DmJsonSkimEnd;

DmJsonSkimEnd dm_json_skim_elements (DmJsonSkim *s,
                                     const char *data,
                                     const char *stop,
                                     GArray     *spans);
/* The elements of the list at @s (past its `[` and the space after it) into @spans, in
 * chunks skimmed by threads at once when it is long (dm-json-split-chunks.c); TRUE with @s
 * at the list's `]`, as one dm_json_skim_elements() would leave it */
gboolean      dm_json_skim_list     (DmJsonSkim *s,
                                     const char *data,
                                     GArray     *spans);
/* For tests: skim in @chunks chunks (0: one per processor, at most 4) a list of at least
 * @min_bytes (0: the default, 512 kB) */
void          dm_json_set_split_chunking (guint chunks,
                                          gsize min_bytes);

/* The tree's @container starts at @at */
static inline void
dm_json_positions_record (DmJsonPositions      *self,
                          gpointer              container,
                          const DmJsonPosition *at)
{
  g_array_append_val (self->positions, *at);
  /* a member given twice: json-glib keeps the last value, and so does this */
  g_hash_table_insert (self->containers, container, GUINT_TO_POINTER (self->positions->len));
}

G_END_DECLS
