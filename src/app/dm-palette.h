/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/* The colour of an actor: the file's colour when it gives one, else one of a fixed
 * palette picked by the actor's position in the document (so list, timeline and map
 * agree). Components in [0, 1]. */
void dm_palette_actor_rgb (DmDocument *document,
                           DmActor    *actor,
                           double     *red,
                           double     *green,
                           double     *blue);

G_END_DECLS
