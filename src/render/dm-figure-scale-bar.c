/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>

/* the figure's texts are in the figure's language */
#define DM_I18N_THREAD_MESSAGES
#include "dm-i18n.h"
#include <math.h>
#include <string.h>

#include "dm-figure-private.h"
#include "dm-great-circle.h"
#include "dm-text.h"

/* A scale bar's length as the figure's language writes numbers: "2,000" in English,
 * "2 000" in French, "0.5" or "0,5" */
static char *
format_number (double value)
{
  /* Translators: the thousands separator of numbers on figures: "," in English; French uses
   * a narrow no-break space (U+202F), Russian a no-break space (U+00A0) */
  const char *thousands = C_("number", ",");
  /* Translators: the decimal mark of numbers on figures: "." in English, "," in French */
  const char *decimal = C_("decimal mark", ".");
  g_autofree char *digits = NULL;
  GString *out;
  gsize n;

  if (value < 1.0 || value != floor (value) || value >= 1e15)
    {
      g_autofree char *text = g_strdup_printf ("%g", value);
      g_auto(GStrv) parts = g_strsplit (text, ".", 2);

      return g_strjoinv (decimal, parts);
    }
  digits = g_strdup_printf ("%.0f", value);
  n = strlen (digits);
  out = g_string_new (NULL);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* The scale bar: 1, 2 or 5 times a power of ten km, true at the centre's latitude (named when
 * the map spans more than 20 degrees of latitude), in the bottom right corner of the map, or
 * the bottom left when the legend is there. */

typedef struct
{
  double x, y;     /* the bar's top-left corner */
  double length;   /* px */
  double height;
  double size;     /* of the text, above the bar */
  double text_w;
  char  *label;
} ScaleBar;

/* 1, 2 or 5 times a power of ten, at most @max */
static double
round_length (double max)
{
  double p = pow (10.0, floor (log10 (max)));

  if (5 * p <= max)
    return 5 * p;
  if (2 * p <= max)
    return 2 * p;
  return p;
}

static gboolean
scale_bar_layout (cairo_t              *cr,
                  const DmFigureLayout *l,
                  int                   corner,
                  ScaleBar             *bar)
{
  const DmView *v = &l->view;
  double cx = v->width / 2, cy = v->height / 2, probe = 50.0;
  double lon0, lat0, lon1, lat1, km_per_px, km, margin = 14 * l->u, vl0, va0, vl1, va1;
  g_autofree char *number = NULL;
  DmLonLat a, b;

  if (!dm_view_unproject (v, cx - probe, cy, &lon0, &lat0) ||
      !dm_view_unproject (v, cx + probe, cy, &lon1, &lat1))
    return FALSE;
  a.lon = lon0, a.lat = lat0, b.lon = lon1, b.lat = lat1;
  km_per_px = dm_great_circle_distance_km (a, b) / (2 * probe);
  if (!(km_per_px > 0))
    return FALSE;
  km = round_length (160.0 * MAX (l->u, 0.7) * km_per_px);
  bar->length = km / km_per_px;
  bar->size = 12.0 * MAX (l->u, 0.7);
  bar->height = 5 * MAX (l->u, 0.7);

  dm_view_get_visible (v, &vl0, &va0, &vl1, &va1);
  number = format_number (km);
  if (va1 - va0 > 20.0)
    /* Translators: a scale bar's length, true at a latitude: "1,000 km at 45°N"; %s is the
     * number, already written with the separators of "number" below */
    bar->label = g_strdup_printf (_("%s km at %.0f°%s"), number, fabs (lat0),
                                  lat0 >= 0 ? C_("latitude", "N") : C_("latitude", "S"));
  else
    /* Translators: a scale bar's length; %s is the number */
    bar->label = g_strdup_printf (_("%s km"), number);
  bar->text_w = dm_text_width (cr, bar->label, bar->size, DM_TEXT_REGULAR);

  /* In the right corner, the longer of bar and label ends at the margin: a translated label
   * ("1000 км на 61° с. ш.") can be longer than the bar */
  bar->x = corner == 3 ? margin : v->width - margin - MAX (bar->length, bar->text_w);
  bar->y = v->height - margin - bar->height;
  return TRUE;
}

/**
 * dm_figure_get_scale_bar_box:
 * @rect: (out): the box the scale bar and its text take in the map area (x0, y0, x1, y1)
 * Returns: %FALSE when the map has no scale bar
 */
gboolean
dm_figure_get_scale_bar_box (DmFigure             *self,
                             cairo_t              *cr,
                             const DmFigureLayout *l,
                             int                   corner,
                             double               *rect)
{
  ScaleBar bar = { 0 };

  if (!scale_bar_layout (cr, l, corner, &bar))
    return FALSE;
  rect[0] = bar.x - 2;
  rect[1] = bar.y - bar.size * 1.45 - 2;
  rect[2] = bar.x + MAX (bar.length, bar.text_w) + 2;
  rect[3] = bar.y + bar.height + 2;
  g_free (bar.label);
  return TRUE;
}

void
dm_figure_draw_scale_bar (DmFigure             *self,
                          cairo_t              *cr,
                          const DmFigureLayout *l,
                          int                   corner)
{
  DmRgba ink = dm_rgba_from_hex (DM_FIGURE_INK, 1.0f), halo = dm_rgba_from_hex (0xffffff, 0.85f);
  ScaleBar bar = { 0 };
  double x, y, px, h;

  if (!scale_bar_layout (cr, l, corner, &bar))
    return;
  x = bar.x, y = bar.y, px = bar.length, h = bar.height;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, px / 2, h);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_fill (cr);
  cairo_rectangle (cr, x + 0.5, y + 0.5, px - 1, h - 1);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  cairo_rectangle (cr, x + px / 2, y + 1, px / 2 - 1, h - 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  dm_text_draw (cr, bar.label, x, y - bar.size * 0.45, bar.size, DM_TEXT_REGULAR, &ink, &halo);
  cairo_restore (cr);
  g_free (bar.label);
}

/**
 * dm_scale_bar_draw:
 * @view: the map drawn elsewhere (the window's), @cr covering it
 * @u: the size of the bar and its text, 1 as on a 1920x1080 figure
 * Draws a figure's scale bar in the bottom right corner of @view: true at the centre's
 * latitude, so it changes with the zoom and with the latitude.
 * Returns: %FALSE when the view has no scale (the centre is off the world)
 */
gboolean
dm_scale_bar_draw (cairo_t      *cr,
                   const DmView *view,
                   double        u)
{
  DmFigureLayout l = { 0 };
  double rect[4];

  g_return_val_if_fail (cr != NULL && view != NULL, FALSE);

  l.view = *view;
  l.u = u;
  l.map_w = view->width;
  l.map_h = view->height;
  if (!dm_figure_get_scale_bar_box (NULL, cr, &l, 2, rect))
    return FALSE;
  dm_figure_draw_scale_bar (NULL, cr, &l, 2);
  return TRUE;
}
