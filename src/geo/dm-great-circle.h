/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dm-projection.h"

G_BEGIN_DECLS

/* Mean Earth radius (IUGG), kilometres. */
#define DM_EARTH_RADIUS_KM 6371.0088

double  dm_great_circle_distance    (DmLonLat  a,
                                     DmLonLat  b);
double  dm_great_circle_distance_km (DmLonLat  a,
                                     DmLonLat  b);
DmLonLat dm_great_circle_interpolate (DmLonLat  a,
                                      DmLonLat  b,
                                      double    f);
void    dm_great_circle_interpolate_n (DmLonLat  a,
                                       DmLonLat  b,
                                       guint     n_segments,
                                       DmLonLat *out);
double  dm_great_circle_bearing     (DmLonLat  a,
                                     DmLonLat  b);
GArray *dm_great_circle_densify     (DmLonLat  a,
                                     DmLonLat  b,
                                     guint     n_segments);
guint   dm_great_circle_segments_for (DmLonLat a,
                                      DmLonLat b,
                                      double   max_step_deg);

G_END_DECLS
