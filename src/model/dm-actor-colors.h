/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-actor.h"

G_BEGIN_DECLS

/* The palette of actors without a colour of their own, by colour slot (it repeats), as
 * 0xRRGGBB: Okabe & Ito (2008), "Color Universal Design", ordered so the first colours stand
 * out best on the light base map (yellow, the faintest on land, comes last). The renderer
 * draws with it (dm_route_palette_color) and the KML writer styles with it. */
#define DM_ACTOR_N_PALETTE 10
/* More actors than this are coloured by group (role or country) and shade */
#define DM_ACTOR_GROUP_ABOVE 10
/* Whatever has no actor (a trip without one) */
#define DM_ACTOR_COLOR_NONE 0x4d4d4d

/* The colour slots of a document's actors (docs/MODEL.md, "Actor colours"): a table from
 * DmActor to its slot, group and shade. DmDocument keeps one per
 * source document and shares it with its views; ask dm_document_get_actor_color_index(). */
GHashTable *dm_actor_colors_assign (GListModel *actors,
                                    GListModel *events);
int         dm_actor_colors_lookup (GHashTable *slots,
                                    DmActor    *actor);
gboolean    dm_actor_colors_lookup_rgb (GHashTable *slots,
                                        DmActor    *actor,
                                        guint32    *rgb);
gboolean    dm_actor_colors_lookup_group (GHashTable  *slots,
                                          DmActor     *actor,
                                          guint       *group,
                                          guint       *n_groups,
                                          const char **name,
                                          gboolean    *grouped);
const char *dm_actor_colors_group_key (DmActor   *actor,
                                       gboolean   by_role);
guint32     dm_actor_colors_group_rgb (guint      group);
guint32     dm_actor_colors_palette (guint     slot);

G_END_DECLS
