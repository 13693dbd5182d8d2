/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/* Reads KML text into @document; @file is what problems name (the .kmz for a KMZ) */
gboolean dm_kml_load_text (DmDocument    *document,
                           GFile         *file,
                           const char    *data,
                           gsize          length,
                           GCancellable  *cancellable,
                           GError       **error);

G_END_DECLS
