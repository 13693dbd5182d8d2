/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dm-types.h"

G_BEGIN_DECLS

#define DM_TYPE_PLACE (dm_place_get_type ())

G_DECLARE_FINAL_TYPE (DmPlace, dm_place, DM, PLACE, GObject)

DmPlace      *dm_place_new             (const char   *id,
                                        const char   *name,
                                        const char   *country,
                                        double        latitude,
                                        double        longitude,
                                        const char   *timezone);
const char   *dm_place_get_id          (DmPlace      *self);
const char   *dm_place_get_name        (DmPlace      *self);
const char   *dm_place_get_country     (DmPlace      *self);
double        dm_place_get_latitude    (DmPlace      *self);
double        dm_place_get_longitude   (DmPlace      *self);
const char   *dm_place_get_timezone    (DmPlace      *self);
GTimeZone    *dm_place_get_zone        (DmPlace      *self);
DmPlaceLevel  dm_place_get_level       (DmPlace      *self);
void          dm_place_set_level       (DmPlace      *self,
                                        DmPlaceLevel  level);
const char   *dm_place_get_note        (DmPlace      *self);
void          dm_place_set_note        (DmPlace      *self,
                                        const char   *note);
JsonNode     *dm_place_get_reference   (DmPlace      *self);
void          dm_place_set_reference   (DmPlace      *self,
                                        JsonNode     *reference);
JsonObject   *dm_place_get_extra       (DmPlace      *self);
void          dm_place_set_extra       (DmPlace      *self,
                                        JsonObject   *extra);
gboolean      dm_place_equal           (DmPlace      *a,
                                        DmPlace      *b);
char         *dm_place_dup_label       (DmPlace      *self);

G_END_DECLS
