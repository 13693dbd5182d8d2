/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dm-time.h"

G_BEGIN_DECLS

#define DM_TYPE_ACTOR (dm_actor_get_type ())

G_DECLARE_FINAL_TYPE (DmActor, dm_actor, DM, ACTOR, GObject)

DmActor    *dm_actor_new          (const char *id,
                                   const char *name);
const char *dm_actor_get_id       (DmActor    *self);
const char *dm_actor_get_name     (DmActor    *self);
const char *dm_actor_get_role     (DmActor    *self);
void        dm_actor_set_role     (DmActor    *self,
                                   const char *role);
const char *dm_actor_get_country  (DmActor    *self);
void        dm_actor_set_country  (DmActor    *self,
                                   const char *country);
/* "#rrggbb" as given in the file, or NULL: the actor takes a colour slot of its document
 * (dm_document_get_actor_color_index()), which the renderer's palette colours */
const char *dm_actor_get_color    (DmActor    *self);
void        dm_actor_set_color    (DmActor    *self,
                                   const char *color);
gboolean    dm_actor_get_rgb      (DmActor    *self,
                                   double     *red,
                                   double     *green,
                                   double     *blue);
/* Terms in office (a president's from presidents.xml); an unknown end is still in office */
void        dm_actor_add_term     (DmActor      *self,
                                   const DmTime *start,
                                   const DmTime *end);
guint       dm_actor_get_n_terms  (DmActor      *self);
gboolean    dm_actor_get_term     (DmActor      *self,
                                   guint         position,
                                   DmTime       *start,
                                   DmTime       *end);
JsonObject *dm_actor_get_extra    (DmActor    *self);
void        dm_actor_set_extra    (DmActor    *self,
                                   JsonObject *extra);

G_END_DECLS
