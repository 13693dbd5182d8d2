/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-event.h"
#include "dm-json-positions.h"

G_BEGIN_DECLS

typedef enum
{
  DM_GEOJSON_TIMES_OK,
  DM_GEOJSON_TIMES_NONE,    /* the feature has no time */
  DM_GEOJSON_TIMES_BAD,     /* a time could not be read: see the error and position */
} DmGeojsonTimes;

const char     *dm_geojson_get_string  (JsonObject       *object,
                                        const char       *member);
/* Gives @event (with its place or legs set) its times from the feature.
 * @vertex_times: seconds of each vertex from a fourth coordinate, or NAN;
 * @leg_vertices: for each leg, the index of its first vertex (the next is its end) */
DmGeojsonTimes  dm_geojson_read_times  (DmJsonPositions  *positions,
                                        JsonObject       *feature,
                                        JsonObject       *props,
                                        DmEvent          *event,
                                        GArray           *vertex_times,
                                        GArray           *leg_vertices,
                                        guint            *line,
                                        guint            *column,
                                        GError          **error);

G_END_DECLS
