/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-geo"

#include "config.h"

#include <math.h>

#include "dm-projection.h"

#define DEG (G_PI / 180.0)

/* Equal Earth constants (Šavrič, Patterson & Jenny, 2018). */
#define EE_A1 1.340264
#define EE_A2 -0.081106
#define EE_A3 0.000893
#define EE_A4 0.003796
#define EE_M (sqrt (3.0) / 2.0)

static const char *names[] = { "mercator", "equirectangular", "equal-earth" };

const char *
dm_projection_to_string (DmProjection projection)
{
  g_return_val_if_fail (projection <= DM_PROJECTION_EQUAL_EARTH, NULL);
  return names[projection];
}

gboolean
dm_projection_from_string (const char   *text,
                           DmProjection *projection)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *projection = (DmProjection) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
dm_projection_wraps (DmProjection projection)
{
  return projection != DM_PROJECTION_EQUAL_EARTH;
}

static void
equal_earth_forward (double  lambda,
                     double  phi,
                     double *x,
                     double *y)
{
  double t = asin (EE_M * sin (phi));
  double t2 = t * t, t6 = t2 * t2 * t2;
  double d = 3.0 * (9.0 * EE_A4 * t6 * t2 + 7.0 * EE_A3 * t6 + 3.0 * EE_A2 * t2 + EE_A1);

  *x = 2.0 * sqrt (3.0) * lambda * cos (t) / d;
  *y = t * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2));
}

/* Newton's method on the polynomial in theta, as in the paper. */
static gboolean
equal_earth_inverse (double  x,
                     double  y,
                     double *lambda,
                     double *phi)
{
  double t = y, dy, t2, t6;

  for (int i = 0; i < 12; i++)
    {
      t2 = t * t;
      t6 = t2 * t2 * t2;
      double fy = t * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2)) - y;
      double fpy = EE_A1 + 3.0 * EE_A2 * t2 + t6 * (7.0 * EE_A3 + 9.0 * EE_A4 * t2);
      dy = fy / fpy;
      t -= dy;
      if (fabs (dy) < 1e-12)
        break;
    }
  t2 = t * t;
  t6 = t2 * t2 * t2;
  double s = sin (t) / EE_M;
  if (fabs (s) > 1.0 + 1e-12)
    return FALSE;
  *lambda = EE_M * x * (EE_A1 + 3.0 * EE_A2 * t2 + t6 * (7.0 * EE_A3 + 9.0 * EE_A4 * t2)) / cos (t);
  *phi = asin (CLAMP (s, -1.0, 1.0));
  return fabs (*lambda) <= G_PI + 1e-9;
}

/**
 * dm_projection_forward:
 * Projects @lon, @lat (degrees) to @x, @y (Earth radii, y to the north). Longitudes outside
 * [-180, 180] are projected as they are (Mercator and equirectangular are linear in longitude),
 * so unwrapped lines stay continuous.
 */
void
dm_projection_forward (DmProjection  projection,
                       double        lon,
                       double        lat,
                       double       *x,
                       double       *y)
{
  switch (projection)
    {
    case DM_PROJECTION_MERCATOR:
      lat = CLAMP (lat, -DM_MERCATOR_MAX_LAT, DM_MERCATOR_MAX_LAT);
      *x = lon * DEG;
      *y = log (tan (G_PI / 4.0 + lat * DEG / 2.0));
      break;
    case DM_PROJECTION_EQUIRECTANGULAR:
      *x = lon * DEG;
      *y = CLAMP (lat, -90.0, 90.0) * DEG;
      break;
    case DM_PROJECTION_EQUAL_EARTH:
    default:
      equal_earth_forward (lon * DEG, CLAMP (lat, -90.0, 90.0) * DEG, x, y);
      break;
    }
}

/**
 * dm_projection_inverse:
 * The inverse of dm_projection_forward(). Returns %FALSE (and still sets a clamped answer
 * where one exists) when @x, @y lie outside the world.
 */
gboolean
dm_projection_inverse (DmProjection  projection,
                       double        x,
                       double        y,
                       double       *lon,
                       double       *lat)
{
  double lambda = 0, phi = 0;
  gboolean inside = TRUE;

  switch (projection)
    {
    case DM_PROJECTION_MERCATOR:
      lambda = x;
      phi = 2.0 * atan (exp (y)) - G_PI / 2.0;
      inside = fabs (y) <= G_PI + 1e-9;
      break;
    case DM_PROJECTION_EQUIRECTANGULAR:
      lambda = x;
      phi = y;
      inside = fabs (y) <= G_PI / 2.0 + 1e-12;
      phi = CLAMP (phi, -G_PI / 2.0, G_PI / 2.0);
      break;
    case DM_PROJECTION_EQUAL_EARTH:
    default:
      inside = equal_earth_inverse (x, y, &lambda, &phi);
      break;
    }
  *lon = lambda / DEG;
  *lat = phi / DEG;
  return inside;
}

/**
 * dm_projection_world_bounds:
 * The projected rectangle of the world from -180 to 180 (Mercator: ±85.05, a square).
 */
void
dm_projection_world_bounds (DmProjection  projection,
                            double       *x_min,
                            double       *y_min,
                            double       *x_max,
                            double       *y_max)
{
  double x, y;

  switch (projection)
    {
    case DM_PROJECTION_MERCATOR:
      *x_min = -G_PI, *x_max = G_PI, *y_min = -G_PI, *y_max = G_PI;
      break;
    case DM_PROJECTION_EQUIRECTANGULAR:
      *x_min = -G_PI, *x_max = G_PI, *y_min = -G_PI / 2.0, *y_max = G_PI / 2.0;
      break;
    case DM_PROJECTION_EQUAL_EARTH:
    default:
      dm_projection_forward (projection, 180.0, 0.0, &x, &y);
      *x_min = -x, *x_max = x;
      dm_projection_forward (projection, 0.0, 90.0, &x, &y);
      *y_min = -y, *y_max = y;
      break;
    }
}
