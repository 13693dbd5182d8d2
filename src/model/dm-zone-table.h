/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a GTimeZone says of the seconds already asked about, kept per zone (dm-zone-table.c) */
typedef struct _DmZoneTable DmZoneTable;

DmZoneTable *dm_zone_table_get          (GTimeZone   *zone);
int          dm_zone_table_find         (DmZoneTable *table,
                                         gint64       utc_seconds);
gint32       dm_zone_table_offset_at    (DmZoneTable *table,
                                         gint64       utc_seconds);
gint64       dm_zone_table_local_to_utc (DmZoneTable *table,
                                         gint64       local_seconds,
                                         gint32      *offset);

G_END_DECLS
