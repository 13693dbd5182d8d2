/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-event.h"
#include "dm-import-private.h"
#include "dm-json-positions.h"

G_BEGIN_DECLS

typedef enum
{
  DM_GEOJSON_TIMES_OK,
  DM_GEOJSON_TIMES_NONE,    /* the feature has no time */
  DM_GEOJSON_TIMES_BAD,     /* a time could not be read: see the error and position */
} DmGeojsonTimes;

typedef struct
{
  double   lon;
  double   lat;
  double   t;       /* a fourth coordinate (kepler.gl: Unix time) */
  gboolean has_t;
} DmGeojsonPosition;

/* A property of ours holding values we cannot read, on one or more features */
typedef struct
{
  guint  count;
  char  *first;
  guint  line;
  guint  column;
} DmGeojsonUnknown;

typedef struct
{
  DmImport          imp;
  DmJsonPositions  *positions;
  char             *collection_name;
  DmActor          *fallback;
  JsonNode         *segment_of;       /* the geometry a dated segment comes from, for positions */
  guint             piece_line;       /* where the feature read on its own starts, or 0 */
  guint             piece_column;
  guint             text_coords;      /* coordinates written as strings ("37.6") */
  char             *first_text_coord;
  guint             text_line;
  guint             text_column;
  GHashTable       *unknown_values;   /* property name -> DmGeojsonUnknown */
  guint             n_untimed;        /* features without a time: the first few are said */
  guint             untimed_line;     /* the first one not said on its own */
  guint             untimed_column;
  guint             n_mistyped;       /* properties of ours with a value of the wrong type */
  guint             mistyped_line;    /* the first one not said on its own */
  guint             mistyped_column;
  gboolean          tracks;           /* a line timed at every vertex is a recorded track */
} DmGeojsonLoader;

#define DM_GEOJSON_SAID 3             /* problems of one kind said on their own, then a count */
#define DM_GEOJSON_TRACK_VERTICES 20  /* a line timed at this many vertices is a recorded track */

JsonNode       *dm_geojson_lookup      (JsonObject       *object,
                                        const char       *member,
                                        const char      **key);
const char     *dm_geojson_get_string  (JsonObject       *object,
                                        const char       *member);
const char     *dm_geojson_first_string (JsonObject         *object,
                                         const char * const *members,
                                         const char        **which);
void            dm_geojson_member_position (DmGeojsonLoader *self,
                                            JsonObject      *object,
                                            const char      *member,
                                            guint           *line,
                                            guint           *column);

/* One feature, read as the file's are; then the problems counted over the features */
void            dm_geojson_read_feature (DmGeojsonLoader *self,
                                         JsonNode        *node);
void            dm_geojson_report       (DmGeojsonLoader *self);

/* GeoJSON in CSV cells (dm-geojson-cell.c): TRUE when @text looks like a geometry or a
 * Feature; each cell read as a feature of its own with the members of @row (the row's
 * name and times) added to its properties, its problems and events at @line:@column */
typedef struct _DmGeojsonCells DmGeojsonCells;

gboolean        dm_geojson_cell_sniff   (const char      *text);
DmGeojsonCells *dm_geojson_cells_new    (void);
void            dm_geojson_cells_read   (DmGeojsonCells  *self,
                                         DmImport        *imp,
                                         const char      *text,
                                         JsonObject      *row,
                                         guint            line,
                                         guint            column);
/* The problems counted over the cells */
void            dm_geojson_cells_finish (DmGeojsonCells  *self,
                                         DmImport        *imp);
void            dm_geojson_cells_free   (DmGeojsonCells  *self);

/* Our "stop_vertices" (dm_geojson_write): which vertices of a trip's one line are its stops,
 * the others the way its legs went; NULL unless a rising list from the first to the last */
GArray   *dm_geojson_read_stop_vertices (JsonObject *props,
                                         GPtrArray  *lines);
/* Properties (dm-geojson-properties.c) */
void            dm_geojson_unknown_value      (DmGeojsonLoader   *self,
                                               JsonObject        *props,
                                               const char        *member,
                                               const char        *value,
                                               DmEvent           *event);
void            dm_geojson_report_unknown     (DmGeojsonLoader   *self);
GStrv           dm_geojson_get_names          (JsonObject        *object,
                                               const char        *member);
DmActor        *dm_geojson_fallback_actor     (DmGeojsonLoader   *self);
DmPlace        *dm_geojson_point_place        (DmGeojsonLoader   *self,
                                               JsonObject        *props,
                                               JsonObject        *place_info,
                                               DmGeojsonPosition *p);
DmPlace        *dm_geojson_vertex_place       (DmGeojsonLoader   *self,
                                               JsonObject        *props,
                                               guint              index,
                                               DmGeojsonPosition *p);
void            dm_geojson_read_people        (DmGeojsonLoader   *self,
                                               JsonObject        *props,
                                               DmEvent           *event);
void            dm_geojson_read_details       (DmGeojsonLoader   *self,
                                               JsonObject        *props,
                                               DmEvent           *event);
gboolean        dm_geojson_kind_from_properties (JsonObject      *props,
                                                 DmEventKind     *kind);
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
