/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An extended error domain: besides its code and message, a DM_ERROR can say where it
 * happened (the file, a line and a column) as data, so nothing has to read a position
 * back out of a translated message */
#define DM_ERROR (dm_error_quark ())

typedef enum
{
  DM_ERROR_FAILED,
  DM_ERROR_NOT_FOUND,
  DM_ERROR_PARSE,
  DM_ERROR_INVALID,
  DM_ERROR_UNSUPPORTED,
  DM_ERROR_WRITE,
} DmError;

GQuark  dm_error_quark      (void);

/* A DM_ERROR about @file at @line and @column (1-based; 0 when not known); the message
 * says why only, not where */
void    dm_error_set_at     (GError       **error,
                             GFile         *file,
                             guint          line,
                             guint          column,
                             DmError        code,
                             const char    *format,
                             ...) G_GNUC_PRINTF (6, 7);
/* Where @error happened: NULL and 0 when it does not say (or is not a DM_ERROR) */
GFile  *dm_error_get_file   (const GError  *error);
guint   dm_error_get_line   (const GError  *error);
guint   dm_error_get_column (const GError  *error);
/* "FILE:LINE:COLUMN: message" (as compilers say it), "FILE: message" without a line,
 * the message alone without a file */
char   *dm_error_to_string  (const GError  *error);

G_END_DECLS
