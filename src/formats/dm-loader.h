/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-document.h"

G_BEGIN_DECLS

/* Loading a file into a document: any format of the table (dm-format.h), sniffed from the
 * contents and the name; a folder loads every file in it.
 * Fails (FALSE) only when the file cannot be read or parsed at all; problems with
 * single events are added to the document's problems model and the rest loads. */
gboolean    dm_loader_load_file        (DmDocument          *document,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GError             **error);
void        dm_loader_load_file_async  (DmDocument          *document,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* How far a load got, 0 to 1 */
typedef void (*DmLoadProgressFunc) (double    fraction,
                                    gpointer  user_data);
void        dm_loader_load_file_with_progress_async (DmDocument          *document,
                                                     GFile               *file,
                                                     DmLoadProgressFunc   progress,
                                                     gpointer             progress_data,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean    dm_loader_load_file_finish (DmDocument          *document,
                                        GAsyncResult        *result,
                                        GError             **error);
gboolean    dm_loader_load_file_finish_with_events (DmDocument    *document,
                                                    GAsyncResult  *result,
                                                    GPtrArray    **events,
                                                    GError       **error);

G_END_DECLS
