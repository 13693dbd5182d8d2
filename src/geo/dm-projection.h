/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Latitude limit of Web Mercator: the world is a square. */
#define DM_MERCATOR_MAX_LAT 85.0511287798066

/**
 * DmLonLat:
 * A position in degrees. Longitudes may leave [-180, 180] when a line is unwrapped.
 */
typedef struct
{
  double lon;
  double lat;
} DmLonLat;

/**
 * DmProjection:
 * @DM_PROJECTION_MERCATOR: Web Mercator (the screen map and its tiles)
 * @DM_PROJECTION_EQUIRECTANGULAR: plate carrée
 * @DM_PROJECTION_EQUAL_EARTH: Equal Earth (Šavrič, Patterson, Jenny 2018), for world figures
 *
 * Projected coordinates are in units of the Earth's radius, x to the east and y to the
 * NORTH (screen code flips y). Mercator clamps latitude to ±%DM_MERCATOR_MAX_LAT.
 */
typedef enum
{
  DM_PROJECTION_MERCATOR,
  DM_PROJECTION_EQUIRECTANGULAR,
  DM_PROJECTION_EQUAL_EARTH,
} DmProjection;

void     dm_projection_forward       (DmProjection  projection,
                                      double        lon,
                                      double        lat,
                                      double       *x,
                                      double       *y);
gboolean dm_projection_inverse       (DmProjection  projection,
                                      double        x,
                                      double        y,
                                      double       *lon,
                                      double       *lat);
void     dm_projection_world_bounds  (DmProjection  projection,
                                      double       *x_min,
                                      double       *y_min,
                                      double       *x_max,
                                      double       *y_max);
gboolean dm_projection_wraps         (DmProjection  projection);
const char *dm_projection_to_string  (DmProjection  projection);
gboolean dm_projection_from_string   (const char   *text,
                                      DmProjection *projection);

G_END_DECLS
