/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

void dm_whereabouts_apply        (DmDocument *document);
void dm_whereabouts_apply_across (DmDocument *document);

G_END_DECLS
