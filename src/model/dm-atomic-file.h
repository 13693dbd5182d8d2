/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writing a file so that it is either wholly replaced or left byte-identical: a temporary
 * file beside it, renamed over it. Used by every save and export (docs/SECURITY.md). */
typedef struct _DmAtomicFile DmAtomicFile;

DmAtomicFile *dm_atomic_file_open    (GFile         *file,
                                      GError       **error);
int           dm_atomic_file_get_fd  (DmAtomicFile  *self);
gboolean      dm_atomic_file_write   (DmAtomicFile  *self,
                                      const void    *data,
                                      gsize          length,
                                      GError       **error);
gboolean      dm_atomic_file_commit  (DmAtomicFile  *self,
                                      GError       **error);
void          dm_atomic_file_abort   (DmAtomicFile  *self);

G_END_DECLS
