/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"
#include "dm-loader.h"

G_BEGIN_DECLS

/* Loads every readable file under @folder (sorted by path, three levels deep) into
 * @document; files of no known format are skipped, a file that fails is a problem.
 * @progress (nullable) is told the fraction of the files read after each file, in the
 * loading thread. */
gboolean dm_folder_load (DmDocument          *document,
                         GFile               *folder,
                         DmLoadProgressFunc   progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GError             **error);

/* The largest file Diplomap reads: 256 MB, over a million events in any format */
#define DM_LOADER_MAX_FILE_SIZE (G_GOFFSET_CONSTANT (256) * 1000 * 1000)

gboolean dm_loader_read_contents (GFile         *file,
                                  char         **contents,
                                  gsize         *length,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
