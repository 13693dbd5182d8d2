/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dm-basemap-private.h"
#include "dm-error.h"

/* The file format written by build-aux/gen-basemap (little-endian). */
#define HEADER_SIZE  60
#define COUNTRY_SIZE 40
#define RING_SIZE    24

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static gint32
read_i32 (const guint8 *p)
{
  return (gint32) read_u32 (p);
}

static double
read_f64 (const guint8 *p)
{
  guint64 v = (guint64) read_u32 (p) | ((guint64) read_u32 (p + 4) << 32);
  double d;

  memcpy (&d, &v, sizeof d);
  return d;
}

/* zigzag LEB128; returns FALSE at the end of the buffer or on an over-long number */
static inline gboolean
read_varint (const guint8 **p,
             const guint8  *end,
             gint64        *value)
{
  guint64 v = 0;
  guint shift = 0;

  while (*p < end && shift < 64)
    {
      guint8 b = *(*p)++;
      v |= (guint64) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        {
          *value = (gint64) (v >> 1) ^ -(gint64) (v & 1);
          return TRUE;
        }
      shift += 7;
    }
  return FALSE;
}

static gboolean
fail (GError     **error,
      const char  *what)
{
  g_set_error (error, DM_ERROR, DM_ERROR_PARSE, _("The bundled world map is damaged (%s)"), what);
  return FALSE;
}

static gboolean
parse (DmLevelData  *d,
       GError      **error)
{
  gsize size;
  const guint8 *base = g_bytes_get_data (d->bytes, &size);
  const guint8 *end = base + size, *p;
  guint32 n_countries, n_rings, n_lines, n_points, strings_size;
  double sx, sy, tx, ty;
  const char *strings;
  guint total;
  gint64 x = 0, y = 0;
  guint32 point = 0;

  if (size < HEADER_SIZE || memcmp (base, "DMBM", 4) != 0 || read_u32 (base + 4) != 1)
    return fail (error, "header");
  n_countries = read_u32 (base + 8);
  n_rings = read_u32 (base + 12);
  n_lines = read_u32 (base + 16);
  n_points = read_u32 (base + 20);
  strings_size = read_u32 (base + 24);
  sx = read_f64 (base + 28);
  sy = read_f64 (base + 36);
  tx = read_f64 (base + 44);
  ty = read_f64 (base + 52);
  if (n_countries > 10000 || n_rings > 10000000 || n_lines > 10000000 || n_points > 100000000 ||
      strings_size > size)
    return fail (error, "counts");
  total = n_rings + n_lines;
  if ((guint64) HEADER_SIZE + (guint64) n_countries * COUNTRY_SIZE + (guint64) total * RING_SIZE +
      strings_size > size)
    return fail (error, "size");

  strings = (const char *) base + HEADER_SIZE + n_countries * COUNTRY_SIZE + total * RING_SIZE;
  if (strings_size == 0 || strings[strings_size - 1] != '\0')
    return fail (error, "names");

  d->n_countries = n_countries;
  d->n_rings = n_rings;
  d->n_lines = n_lines;
  d->n_points = n_points;
  d->countries = g_new0 (DmBasemapCountry, n_countries);
  d->rings = g_new0 (DmRing, total);
  d->lonlat = g_new (float, 2 * (gsize) n_points);
  d->by_alpha2 = g_hash_table_new (g_str_hash, g_str_equal);

  p = base + HEADER_SIZE;
  for (guint i = 0; i < n_countries; i++, p += COUNTRY_SIZE)
    {
      DmBasemapCountry *c = &d->countries[i];
      guint32 name_off = read_u32 (p + 4);

      c->info.iso_numeric = (guint16) (p[0] | (p[1] << 8));
      c->info.alpha2[0] = (char) p[2];
      c->info.alpha2[1] = (char) p[3];
      c->info.alpha2[2] = '\0';
      if (name_off >= strings_size)
        return fail (error, "name");
      c->info.name = strings + name_off;
      c->first_ring = read_u32 (p + 8);
      c->n_rings = read_u32 (p + 12);
      if ((guint64) c->first_ring + c->n_rings > n_rings)
        return fail (error, "country rings");
      c->info.label.lon = tx + sx * read_i32 (p + 16);
      c->info.label.lat = ty + sy * read_i32 (p + 20);
      c->info.lon_min = tx + sx * read_i32 (p + 24);
      c->info.lat_min = ty + sy * read_i32 (p + 28);
      c->info.lon_max = tx + sx * read_i32 (p + 32);
      c->info.lat_max = ty + sy * read_i32 (p + 36);
      if (c->info.alpha2[0] != '\0' && !g_hash_table_contains (d->by_alpha2, c->info.alpha2))
        g_hash_table_insert (d->by_alpha2, c->info.alpha2, GUINT_TO_POINTER (i + 1));
      for (guint r = c->first_ring; r < c->first_ring + c->n_rings; r++)
        d->rings[r].country = i;
    }

  for (guint i = 0; i < total; i++, p += RING_SIZE)
    {
      DmRing *r = &d->rings[i];

      r->first = point;
      r->n_points = read_u32 (p);
      r->kind = read_u32 (p + 4);
      if (r->n_points > n_points - point || r->kind > DM_RING_KIND_COAST ||
          (i < n_rings) != (r->kind == DM_RING_KIND_RING))
        return fail (error, "rings");
      if (i >= n_rings)
        r->country = G_MAXUINT32;
      r->lon_min = tx + sx * read_i32 (p + 8);
      r->lat_min = ty + sy * read_i32 (p + 12);
      r->lon_max = tx + sx * read_i32 (p + 16);
      r->lat_max = ty + sy * read_i32 (p + 20);
      point += r->n_points;
    }
  if (point != n_points)
    return fail (error, "point count");

  /* the box of each country's largest ring: a label must fit there, not in the box of
   * scattered islands (Kiribati spans the Pacific) */
  for (guint i = 0; i < n_countries; i++)
    {
      DmBasemapCountry *c = &d->countries[i];
      double best = -1;
      for (guint r = c->first_ring; r < c->first_ring + c->n_rings; r++)
        {
          const DmRing *ring = &d->rings[r];
          double area = (ring->lon_max - ring->lon_min) * (ring->lat_max - ring->lat_min);
          if (area > best)
            {
              best = area;
              c->main_lon_min = ring->lon_min, c->main_lat_min = ring->lat_min;
              c->main_lon_max = ring->lon_max, c->main_lat_max = ring->lat_max;
            }
        }
      c->rank = best * cos (CLAMP (c->info.label.lat, -80.0, 80.0) * G_PI / 180.0);
    }

  p = (const guint8 *) strings + strings_size;
  for (guint i = 0; i < total; i++)
    {
      const DmRing *r = &d->rings[i];
      x = y = 0;
      for (guint32 k = r->first; k < r->first + r->n_points; k++)
        {
          gint64 dx, dy;
          if (!read_varint (&p, end, &dx) || !read_varint (&p, end, &dy))
            return fail (error, "points");
          x += dx;
          y += dy;
          d->lonlat[2 * k] = (float) (tx + sx * (double) x);
          d->lonlat[2 * k + 1] = (float) (ty + sy * (double) y);
        }
    }
  if (p != end)
    return fail (error, "trailing data");

  /* Web Mercator in [0, 1], computed once: tiles only scale and shift these */
  d->merc = g_new (float, 2 * (gsize) n_points);
  for (guint32 k = 0; k < n_points; k++)
    {
      double lon = d->lonlat[2 * k], lat = d->lonlat[2 * k + 1];
      double mx, my;

      dm_projection_forward (DM_PROJECTION_MERCATOR, lon, lat, &mx, &my);
      d->merc[2 * k] = (float) ((mx + G_PI) / (2.0 * G_PI));
      d->merc[2 * k + 1] = (float) ((G_PI - my) / (2.0 * G_PI));
    }
  return TRUE;
}

static void
free_labels (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

/**
 * dm_level_data_new:
 * Decodes one level from @bytes (a .dmbm file). Takes a reference on @bytes; the country
 * names point into it.
 */
DmLevelData *
dm_level_data_new (DmBasemapLevel   level,
                   GBytes          *bytes,
                   GError         **error)
{
  DmLevelData *d = g_new0 (DmLevelData, 1);

  d->level = level;
  d->bytes = g_bytes_ref (bytes);
  g_mutex_init (&d->cache_lock);
  d->tile_labels = g_ptr_array_new_with_free_func (free_labels);
  if (!parse (d, error))
    {
      dm_level_data_free (d);
      return NULL;
    }
  return d;
}

void
dm_level_data_free (DmLevelData *d)
{
  if (d == NULL)
    return;
  g_clear_pointer (&d->by_alpha2, g_hash_table_unref);
  g_clear_pointer (&d->tile_labels, g_ptr_array_unref);
  g_free (d->countries);
  g_free (d->rings);
  g_free (d->lonlat);
  g_free (d->merc);
  g_mutex_clear (&d->cache_lock);
  g_bytes_unref (d->bytes);
  g_free (d);
}
