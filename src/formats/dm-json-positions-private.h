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
