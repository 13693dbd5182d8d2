/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-actor.h"

G_BEGIN_DECLS

/* The colour slots of a document's actors (docs/MODEL.md, "Actor colours"): a table from
 * DmActor to slot + 1, 0 for an actor with a colour of its own. DmDocument keeps one per
 * source document and shares it with its views; ask dm_document_get_actor_color_index(). */
GHashTable *dm_actor_colors_assign (GListModel *actors,
                                    GListModel *events);
int         dm_actor_colors_lookup (GHashTable *slots,
                                    DmActor    *actor);

G_END_DECLS
