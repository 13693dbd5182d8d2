/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/* Loads every readable file under @folder (sorted by path, three levels deep) into
 * @document; files of no known format are skipped, a file that fails is a problem. */
gboolean dm_folder_load (DmDocument    *document,
                         GFile         *folder,
                         GCancellable  *cancellable,
                         GError       **error);

G_END_DECLS
