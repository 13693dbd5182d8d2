/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/* Told the fraction of the files read, in the loading thread */
typedef void (*DmFolderProgress) (double   fraction,
                                  gpointer data);

/* Loads every readable file under @folder (sorted by path, three levels deep) into
 * @document; files of no known format are skipped, a file that fails is a problem.
 * @progress (nullable) is called after each file. */
gboolean dm_folder_load (DmDocument        *document,
                         GFile             *folder,
                         DmFolderProgress   progress,
                         gpointer           progress_data,
                         GCancellable      *cancellable,
                         GError           **error);

G_END_DECLS
