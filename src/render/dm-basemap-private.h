/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-basemap.h"

G_BEGIN_DECLS

typedef enum
{
  DM_RING_KIND_RING,   /* part of a country's area (outer rings and holes, wound oppositely) */
  DM_RING_KIND_BORDER, /* a land border between two countries */
  DM_RING_KIND_COAST,  /* a coastline (or lake shore) */
} DmRingKind;

/* A ring or an open line in one level's point array. Bbox in degrees, unwrapped. */
typedef struct
{
  guint32 first;
  guint32 n_points;
  guint32 kind;
  guint32 country;     /* index of the owning country for rings, G_MAXUINT32 for lines */
  float   lon_min, lat_min, lon_max, lat_max;
} DmRing;

typedef struct
{
  DmCountryInfo info;
  guint32       first_ring;
  guint32       n_rings;
  double        rank;  /* larger countries first when labels compete */
  double        main_lon_min, main_lat_min, main_lon_max, main_lat_max; /* largest ring's box */
} DmBasemapCountry;

/* One level of detail, immutable once loaded (except the caches, behind the mutex). */
typedef struct
{
  DmBasemapLevel level;
  GBytes        *bytes;
  guint          n_countries;
  guint          n_rings;          /* country rings, then n_lines lines */
  guint          n_lines;
  guint          n_points;
  DmBasemapCountry     *countries;
  DmRing        *rings;
  float         *lonlat;           /* 2 * n_points, degrees */
  float         *merc;             /* 2 * n_points, Web Mercator in [0, 1] (y south) */
  GHashTable    *by_alpha2;        /* alpha-2 -> index + 1 */

  GMutex         cache_lock;
  GPtrArray     *tile_labels;      /* per zoom: GArray of DmPlacedLabel, or NULL */
} DmLevelData;

/* A label placed in pixels (for tiles: in the Web Mercator world of one zoom). */
typedef struct
{
  const char *text;
  double      tx, ty;          /* where the text's baseline starts */
  double      size;
  gboolean    dot;             /* a capital: a dot at (dx, dy) */
  double      dx, dy;
  double      x0, y0, x1, y1;  /* box, with padding */
} DmPlacedLabel;

DmLevelData *dm_level_data_new     (DmBasemapLevel   level,
                                    GBytes          *bytes,
                                    GError         **error);
void         dm_level_data_free    (DmLevelData     *data);

DmLevelData *dm_basemap_get_level  (DmBasemap       *self,
                                    DmBasemapLevel   level);

void         dm_basemap_draw_level (DmLevelData      *data,
                                    cairo_t          *cr,
                                    const DmView     *view,
                                    const DmMapStyle *style,
                                    gboolean          for_tile,
                                    guint             tile_z);

void         dm_map_labels_draw    (DmLevelData      *data,
                                    cairo_t          *cr,
                                    const DmView     *view,
                                    const DmMapStyle *style,
                                    DmLabelPlacer    *taken);
void         dm_map_labels_draw_tile (DmLevelData      *data,
                                      cairo_t          *cr,
                                      const DmView     *view,
                                      const DmMapStyle *style,
                                      guint             z);

G_END_DECLS
