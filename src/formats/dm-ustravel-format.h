/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/* The Office of the Historian's travels XML: <trips> of <trip who role> (docs/USTRAVEL.md) */
gboolean  dm_ustravel_format_sniff (const char   *basename,
                                    const char   *data,
                                    gsize         length);
gboolean  dm_ustravel_format_load  (DmDocument   *document,
                                    GFile        *file,
                                    const char   *data,
                                    gsize         length,
                                    GCancellable *cancellable,
                                    GError      **error);

/* The folder of the bundled record (president-travels/, secretary-travels/, presidents/):
 * $DIPLOMAP_DATA_DIR/us-travels, else the installed copy, else the source tree's. */
char     *dm_ustravel_dup_record_dir (void);

G_END_DECLS
