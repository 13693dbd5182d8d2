/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-basemap-private.h"
#include "dm-basemap-resources.h"
#include "dm-error.h"

#define RESOURCE_DIR "/io/github/diplomap/Diplomap/data/basemap/"

/**
 * DmBasemap:
 * The bundled Natural Earth world map at three levels of detail, decoded lazily on first use
 * (any thread) and then read-only. See docs/RENDERING.md.
 */
struct _DmBasemap
{
  GObject      parent_instance;

  GMutex       lock;
  DmLevelData *levels[DM_BASEMAP_N_LEVELS];  /* set once under the lock, then read freely */
  gboolean     failed[DM_BASEMAP_N_LEVELS];
};

G_DEFINE_FINAL_TYPE (DmBasemap, dm_basemap, G_TYPE_OBJECT)

static const char *level_files[] = {
  "countries-110m.dmbm", "countries-50m.dmbm", "countries-10m.dmbm",
};

static void
dm_basemap_finalize (GObject *object)
{
  DmBasemap *self = DM_BASEMAP (object);

  for (guint i = 0; i < DM_BASEMAP_N_LEVELS; i++)
    g_clear_pointer (&self->levels[i], dm_level_data_free);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (dm_basemap_parent_class)->finalize (object);
}

static void
dm_basemap_class_init (DmBasemapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dm_basemap_finalize;
}

static void
dm_basemap_init (DmBasemap *self)
{
  g_mutex_init (&self->lock);
}

DmBasemap *
dm_basemap_new (void)
{
  return g_object_new (DM_TYPE_BASEMAP, NULL);
}

/**
 * dm_basemap_get_default:
 * A base map shared by the whole process (never freed), so each level is decoded once.
 *
 * Returns: (transfer none): the shared base map
 */
DmBasemap *
dm_basemap_get_default (void)
{
  static gsize basemap;

  if (g_once_init_enter (&basemap))
    g_once_init_leave (&basemap, (gsize) dm_basemap_new ());
  return (DmBasemap *) basemap;
}

/**
 * dm_basemap_load:
 * Decodes @level now if it is not yet (drawing does this by itself). Thread-safe.
 */
gboolean
dm_basemap_load (DmBasemap       *self,
                 DmBasemapLevel   level,
                 GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  DmLevelData *data;

  g_return_val_if_fail (DM_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (level < DM_BASEMAP_N_LEVELS, FALSE);

  if (g_atomic_pointer_get (&self->levels[level]) != NULL)
    return TRUE;

  g_mutex_lock (&self->lock);
  if (self->levels[level] != NULL)
    {
      g_mutex_unlock (&self->lock);
      return TRUE;
    }
  path = g_strconcat (RESOURCE_DIR, level_files[level], NULL);
  bytes = g_resource_lookup_data (dm_basemap_data_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  error);
  data = bytes != NULL ? dm_level_data_new (level, bytes, error) : NULL;
  if (data != NULL)
    g_atomic_pointer_set (&self->levels[level], data);
  g_mutex_unlock (&self->lock);
  return data != NULL;
}

/* The level, decoded if needed; on failure a coarser level, or NULL if none loads. */
DmLevelData *
dm_basemap_get_level (DmBasemap      *self,
                      DmBasemapLevel  level)
{
  for (int l = (int) level; l >= 0; l--)
    {
      g_autoptr(GError) error = NULL;

      if (dm_basemap_load (self, (DmBasemapLevel) l, &error))
        return g_atomic_pointer_get (&self->levels[l]);
      g_mutex_lock (&self->lock);
      if (!self->failed[l])
        g_critical ("%s", error->message);
      self->failed[l] = TRUE;
      g_mutex_unlock (&self->lock);
    }
  return NULL;
}

/**
 * dm_basemap_level_for_zoom:
 * The level of detail for a Web Mercator zoom (see dm_view_get_zoom()): 110m below 2.5,
 * 50m below 4.5, 10m from there on.
 */
DmBasemapLevel
dm_basemap_level_for_zoom (double zoom)
{
  if (zoom < 2.5)
    return DM_BASEMAP_LEVEL_110M;
  if (zoom < 4.5)
    return DM_BASEMAP_LEVEL_50M;
  return DM_BASEMAP_LEVEL_10M;
}

guint
dm_basemap_get_n_countries (DmBasemap      *self,
                            DmBasemapLevel  level)
{
  DmLevelData *d;

  g_return_val_if_fail (DM_IS_BASEMAP (self), 0);
  d = dm_basemap_get_level (self, level);
  return d != NULL ? d->n_countries : 0;
}

gboolean
dm_basemap_get_country (DmBasemap      *self,
                        DmBasemapLevel  level,
                        guint           index,
                        DmCountryInfo  *info)
{
  DmLevelData *d;

  g_return_val_if_fail (DM_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  d = dm_basemap_get_level (self, level);
  if (d == NULL || index >= d->n_countries)
    return FALSE;
  *info = d->countries[index].info;
  return TRUE;
}

/**
 * dm_basemap_lookup_country:
 * @alpha2: ISO 3166-1 alpha-2 code (upper case)
 *
 * Finds a country by its code in the 50m level (which has every country; its box and label
 * point are fine for any level).
 */
gboolean
dm_basemap_lookup_country (DmBasemap     *self,
                           const char    *alpha2,
                           DmCountryInfo *info)
{
  DmLevelData *d;
  guint index;

  g_return_val_if_fail (DM_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (alpha2 != NULL, FALSE);
  d = dm_basemap_get_level (self, DM_BASEMAP_LEVEL_50M);
  if (d == NULL)
    return FALSE;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (d->by_alpha2, alpha2));
  if (index == 0)
    return FALSE;
  if (info != NULL)
    *info = d->countries[index - 1].info;
  return TRUE;
}

static gboolean
ring_contains (const DmLevelData *d,
               const DmRing      *r,
               double             lon,
               double             lat)
{
  const float *pts = d->lonlat + 2 * (gsize) r->first;
  gboolean inside = FALSE;

  for (guint32 i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
    {
      double xi = pts[2 * i], yi = pts[2 * i + 1], xj = pts[2 * j], yj = pts[2 * j + 1];
      if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}

/**
 * dm_basemap_country_at:
 * The name of the country at @point in @level, or %NULL over the sea.
 *
 * Returns: (nullable) (transfer none): Natural Earth's name of the country
 */
const char *
dm_basemap_country_at (DmBasemap      *self,
                       DmBasemapLevel  level,
                       DmLonLat        point)
{
  DmLevelData *d;

  g_return_val_if_fail (DM_IS_BASEMAP (self), NULL);
  d = dm_basemap_get_level (self, level);
  if (d == NULL)
    return NULL;
  for (guint c = 0; c < d->n_countries; c++)
    {
      const DmBasemapCountry *country = &d->countries[c];
      int winding = 0;

      for (int k = -1; k <= 1; k++)
        {
          double lon = point.lon + 360.0 * k;
          if (lon < country->info.lon_min || lon > country->info.lon_max ||
              point.lat < country->info.lat_min || point.lat > country->info.lat_max)
            continue;
          for (guint r = country->first_ring; r < country->first_ring + country->n_rings; r++)
            {
              const DmRing *ring = &d->rings[r];
              if (lon >= ring->lon_min && lon <= ring->lon_max && point.lat >= ring->lat_min &&
                  point.lat <= ring->lat_max && ring_contains (d, ring, lon, point.lat))
                winding++;
            }
        }
      /* inside an odd number of rings: in an outer ring and not in one of its holes */
      if (winding % 2 == 1)
        return country->info.name;
    }
  return NULL;
}
