/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coordinates written in one spreadsheet cell, as people write them: "55.75, 37.62",
 * "55°45′N 37°37′E". */

#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-import-private.h"

/* The numbers of one coordinate ("55°45′30″" is 55, 45, 30) as degrees */
static double
degrees_of (const double *numbers,
            guint         n)
{
  double value = fabs (numbers[0]) + (n > 1 ? numbers[1] / 60 : 0) + (n > 2 ? numbers[2] / 3600 : 0);

  return numbers[0] < 0 ? -value : value;
}

gboolean
dm_import_parse_coordinates (const char *text,
                             double     *latitude,
                             double     *longitude)
{
  double numbers[6];
  double values[2];
  char hemispheres[2] = { 0, 0 };
  guint n = 0, first = 0, n_values = 0;
  gboolean lat_set = FALSE, lon_set = FALSE;

  for (const char *p = text; *p != '\0';)
    {
      if (g_ascii_isdigit (*p) || ((*p == '-' || *p == '+' || *p == '.') && g_ascii_isdigit (p[1])))
        {
          char *end;

          if (n == G_N_ELEMENTS (numbers))
            return FALSE;
          numbers[n++] = g_ascii_strtod (p, &end);
          p = end;
        }
      else if (strchr ("NSEWnsew", *p) != NULL && !g_ascii_isalpha (p[1]) &&
               (p == text || !g_ascii_isalpha (p[-1])))
        {
          /* a hemisphere ends the coordinate before it */
          if (n == first || n - first > 3 || n_values == 2)
            return FALSE;
          hemispheres[n_values] = g_ascii_toupper (*p);
          values[n_values++] = degrees_of (numbers + first, n - first);
          first = n;
          p++;
        }
      else if (g_ascii_isalpha (*p))
        return FALSE;
      else
        p = g_utf8_next_char (p);
    }
  if (n_values == 0 && n == 2)
    {
      /* decimal degrees, latitude first */
      values[0] = numbers[0], values[1] = numbers[1];
      hemispheres[0] = 'N', hemispheres[1] = 'E';
      n_values = 2;
    }
  else if (n_values != 2 || first != n)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      double v = hemispheres[i] == 'S' || hemispheres[i] == 'W' ? -values[i] : values[i];

      if (hemispheres[i] == 'N' || hemispheres[i] == 'S')
        *latitude = v, lat_set = TRUE;
      else
        *longitude = v, lon_set = TRUE;
    }
  return lat_set && lon_set && fabs (*latitude) <= 90 && fabs (*longitude) <= 180;
}
