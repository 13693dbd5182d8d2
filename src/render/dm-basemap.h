/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "dm-label-placer.h"
#include "dm-map-style.h"
#include "dm-projection.h"
#include "dm-view.h"

G_BEGIN_DECLS

/**
 * DmBasemapLevel:
 * @DM_BASEMAP_LEVEL_110M: Natural Earth 1:110m (world views, zoom below 2.5)
 * @DM_BASEMAP_LEVEL_50M: 1:50m (zoom below 4.5)
 * @DM_BASEMAP_LEVEL_10M: 1:10m (closer)
 */
typedef enum
{
  DM_BASEMAP_LEVEL_110M,
  DM_BASEMAP_LEVEL_50M,
  DM_BASEMAP_LEVEL_10M,
} DmBasemapLevel;

#define DM_BASEMAP_N_LEVELS 3

/* What a map or figure showing the base map credits (Natural Earth is public domain; the
 * credit is a courtesy it asks for). */
#define DM_BASEMAP_ATTRIBUTION  "Natural Earth"
#define DM_BASEMAP_LICENSE_URI  "https://www.naturalearthdata.com/about/terms-of-use/"


/**
 * DmCountryInfo:
 * One country (or territory) of the base map. Strings belong to the base map and live as
 * long as it does.
 */
typedef struct
{
  guint16     iso_numeric;  /* ISO 3166-1 numeric, 0 if none (Kosovo, N. Cyprus, ...) */
  char        alpha2[3];    /* ISO 3166-1 alpha-2, "" if none; Kosovo is "XK" */
  const char *name;         /* Natural Earth's short English name ("Dem. Rep. Congo") */
  DmLonLat    label;        /* a point well inside the largest part */
  double      lon_min;      /* bounding box; lon_max may exceed 180 (Russia: 190) */
  double      lat_min;
  double      lon_max;
  double      lat_max;
} DmCountryInfo;

#define DM_TYPE_BASEMAP (dm_basemap_get_type ())

G_DECLARE_FINAL_TYPE (DmBasemap, dm_basemap, DM, BASEMAP, GObject)

DmBasemap     *dm_basemap_new               (void);
DmBasemap     *dm_basemap_get_default       (void);
gboolean       dm_basemap_load              (DmBasemap          *self,
                                             DmBasemapLevel      level,
                                             GError            **error);
DmBasemapLevel dm_basemap_level_for_zoom    (double              zoom);
guint          dm_basemap_get_n_countries   (DmBasemap          *self,
                                             DmBasemapLevel      level);
gboolean       dm_basemap_get_country       (DmBasemap          *self,
                                             DmBasemapLevel      level,
                                             guint               index,
                                             DmCountryInfo      *info);
gboolean       dm_basemap_lookup_country    (DmBasemap          *self,
                                             const char         *alpha2,
                                             DmCountryInfo      *info);
const char    *dm_basemap_country_at        (DmBasemap          *self,
                                             DmBasemapLevel      level,
                                             DmLonLat            point);
void           dm_basemap_draw              (DmBasemap          *self,
                                             cairo_t            *cr,
                                             const DmView       *view,
                                             const DmMapStyle   *style);
void           dm_basemap_draw_labels       (DmBasemap          *self,
                                             cairo_t            *cr,
                                             const DmView       *view,
                                             const DmMapStyle   *style,
                                             DmLabelPlacer      *taken);

G_END_DECLS
