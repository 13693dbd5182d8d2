/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dm-projection.h"

G_BEGIN_DECLS

double     dm_antimeridian_wrap    (double          lon);
void       dm_antimeridian_unwrap  (DmLonLat       *points,
                                    gsize           n_points);
GPtrArray *dm_antimeridian_split   (const DmLonLat *points,
                                    gsize           n_points);
GPtrArray *dm_antimeridian_split_around (const DmLonLat *points,
                                         gsize           n_points,
                                         double          center_lon);
gboolean   dm_antimeridian_crosses (const DmLonLat *points,
                                    gsize           n_points);
gboolean   dm_antimeridian_within_copy (const DmLonLat *points,
                                        gsize           n_points,
                                        double          center_lon,
                                        int            *k);
void       dm_antimeridian_bounds  (const DmLonLat *points,
                                    gsize           n_points,
                                    double         *lon_min,
                                    double         *lat_min,
                                    double         *lon_max,
                                    double         *lat_max);

G_END_DECLS
