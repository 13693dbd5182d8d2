/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small RFC 4180 reader that knows where each field was */
typedef struct
{
  char  *text;
  guint  line;
  guint  column;
} DmCsvField;

typedef struct
{
  const char *data;
  const char *end;
  const char *p;
  guint       line;
  guint       column;
  char        delimiter;
} DmCsvReader;

/* Skips a UTF-8 byte order mark; the delimiter is sniffed from the first line
 * (',', ';', tab or '|') unless @delimiter is not 0 */
void       dm_csv_reader_init   (DmCsvReader *self,
                                 const char  *data,
                                 gsize        length,
                                 char         delimiter);
/* The next row's fields (DmCsvField, freed by the array) or NULL at the end or on
 * error (@error set, with the position in its message as "LINE:COLUMN: …") */
GPtrArray *dm_csv_reader_next   (DmCsvReader *self,
                                 guint       *error_line,
                                 guint       *error_column,
                                 GError     **error);
char       dm_csv_sniff_delimiter (const char *data,
                                   gsize       length);

/* Writing: @text quoted when it needs to be */
void       dm_csv_append_field  (GString     *out,
                                 const char  *text,
                                 char         delimiter);

G_END_DECLS
