/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-basemap-private.h"

/* Pixels outside the drawing that still count as inside (wider than any stroke). */
#define MARGIN 4.0

enum { OUT_LEFT = 1, OUT_RIGHT = 2, OUT_TOP = 4, OUT_BOTTOM = 8 };

typedef struct
{
  cairo_t           *cr;
  const DmView      *view;
  const DmLevelData *d;
  gboolean           merc;        /* use the cached Web Mercator coordinates */
  gboolean           clamp_lon;   /* the projection does not repeat (Equal Earth) */
  double             west, east;  /* then its edges: the central meridian ± 180 */
  double             world;       /* Mercator: world width in pixels */
  double             ox, oy;      /* Mercator: pixel of (0, 0) in [0, 1] coordinates */
  double             min_step2;   /* squared user-space distance below which points merge */
  double             lon0, lon1, lat0, lat1; /* visible, with a margin */
  double             x0, y0, x1, y1;         /* the drawing plus MARGIN */
  double             grid;        /* vector output: coordinates rounded to 1/grid px */
} Ctx;

/* SVG writes every coordinate as text: on a quarter-pixel grid they are shorter
 * ("512.25" instead of "512.263184"), and nobody sees an eighth of a pixel */
static inline double
snap (const Ctx *c,
      double     v)
{
  return c->grid > 0 ? round (v * c->grid) / c->grid : v;
}

static inline guint
outcode (const Ctx *c,
         double     x,
         double     y)
{
  return (x < c->x0 ? OUT_LEFT : 0) | (x > c->x1 ? OUT_RIGHT : 0) |
         (y < c->y0 ? OUT_TOP : 0) | (y > c->y1 ? OUT_BOTTOM : 0);
}

static inline void
point_at (const Ctx *c,
          guint32    i,
          int        k,
          double    *px,
          double    *py)
{
  if (c->merc)
    {
      *px = c->ox + (c->d->merc[2 * i] + k) * c->world;
      *py = c->oy + c->d->merc[2 * i + 1] * c->world;
    }
  else
    {
      double lon = c->d->lonlat[2 * i] + 360.0 * k;
      /* Equal Earth ends at its edges: what lies beyond is drawn by the copy at k ± 1 */
      if (c->clamp_lon)
        lon = CLAMP (lon, c->west, c->east);
      dm_view_project (c->view, lon, c->d->lonlat[2 * i + 1], px, py);
    }
}

static inline gboolean
beyond_edge (const Ctx *c,
            guint32    i,
            int        k)
{
  double lon = c->d->lonlat[2 * i] + 360.0 * k;
  return lon < c->west || lon > c->east;
}

/* Adds ring or line r, shifted by k * 360 degrees, to the current path. Points closer than
 * half a device pixel to the last one are dropped; so is a point that lies, with the one
 * before and the one after, beyond the same edge of the drawing (that changes nothing inside
 * it, neither for fills nor for strokes). */
static void
add_ring (Ctx          *c,
          const DmRing *r,
          int           k,
          gboolean      close)
{
  guint32 first = r->first, last = r->first + r->n_points - 1;
  double lx, ly, px, py, nx, ny;
  guint lcode, code, ncode;

  if (r->n_points < 2)
    return;
  point_at (c, first, k, &lx, &ly);
  cairo_move_to (c->cr, snap (c, lx), snap (c, ly));
  lcode = outcode (c, lx, ly);
  point_at (c, first + 1, k, &px, &py);
  code = outcode (c, px, py);
  for (guint32 i = first + 1; i < last; i++)
    {
      point_at (c, i + 1, k, &nx, &ny);
      ncode = outcode (c, nx, ny);
      double dx = px - lx, dy = py - ly;
      if (c->clamp_lon && !close && beyond_edge (c, i, k) && beyond_edge (c, i - 1, k))
        {
          /* a line beyond the edge, squashed onto it: leave it out */
          cairo_move_to (c->cr, snap (c, px), snap (c, py));
          lx = px, ly = py, lcode = code;
        }
      else if ((lcode & code & ncode) == 0 && dx * dx + dy * dy >= c->min_step2)
        {
          cairo_line_to (c->cr, snap (c, px), snap (c, py));
          lx = px, ly = py, lcode = code;
        }
      px = nx, py = ny, code = ncode;
    }
  if (c->clamp_lon && !close && beyond_edge (c, last, k) && beyond_edge (c, last - 1, k))
    cairo_move_to (c->cr, snap (c, px), snap (c, py));
  else
    cairo_line_to (c->cr, snap (c, px), snap (c, py));
  if (close)
    cairo_close_path (c->cr);
}

/* Adds every visible copy of r. */
static void
add_ring_copies (Ctx          *c,
                 const DmRing *r,
                 gboolean      close)
{
  int k0, k1;

  if (r->lat_max < c->lat0 || r->lat_min > c->lat1)
    return;
  k0 = (int) ceil ((c->lon0 - r->lon_max) / 360.0);
  k1 = (int) floor ((c->lon1 - r->lon_min) / 360.0);
  if (k0 > k1)
    return;
  /* too small to see: a ring less than half a pixel wide and high */
  if (close && c->merc)
    {
      double stretch = 1.0 / cos (MIN (85.0, MAX (fabs (r->lat_min), fabs (r->lat_max))) * G_PI / 180.0);
      double w = (r->lon_max - r->lon_min) / 360.0 * c->world;
      double h = (r->lat_max - r->lat_min) / 360.0 * c->world * stretch;
      if (w * w < c->min_step2 && h * h < c->min_step2)
        return;
    }
  for (int k = k0; k <= k1; k++)
    add_ring (c, r, k, close);
}

static void
set_color (cairo_t      *cr,
           const DmRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

static void
add_world_outline (Ctx *c)
{
  const DmView *v = c->view;
  double px, py;

  if (dm_projection_wraps (v->projection))
    {
      double x0, y0, x1, y1, top, bottom;
      dm_projection_world_bounds (v->projection, &x0, &y0, &x1, &y1);
      top = v->height / 2 - (y1 - v->center_y) * v->scale;
      bottom = v->height / 2 - (y0 - v->center_y) * v->scale;
      top = MAX (top, -MARGIN);
      bottom = MIN (bottom, v->height + MARGIN);
      if (bottom > top)
        cairo_rectangle (c->cr, -MARGIN, top, v->width + 2 * MARGIN, bottom - top);
      return;
    }
  for (int lat = -90; lat <= 90; lat++)
    {
      dm_view_project (v, c->west, lat, &px, &py);
      cairo_line_to (c->cr, px, py);
    }
  for (int lat = 90; lat >= -90; lat--)
    {
      dm_view_project (v, c->east, lat, &px, &py);
      cairo_line_to (c->cr, px, py);
    }
  cairo_close_path (c->cr);
}

static double
graticule_step (const DmView *view)
{
  double z = dm_view_get_zoom (view) - log2 (MAX (view->device_scale, 1.0));

  if (z < 1.5)
    return 30.0;
  if (z < 3.0)
    return 15.0;
  if (z < 4.5)
    return 10.0;
  if (z < 6.0)
    return 5.0;
  if (z < 8.0)
    return 1.0;
  return 0.5;
}

static void
draw_graticule (Ctx              *c,
                const DmMapStyle *style)
{
  double step = style->graticule_step > 0 ? style->graticule_step : graticule_step (c->view);
  double lat_lim = c->view->projection == DM_PROJECTION_MERCATOR ? DM_MERCATOR_MAX_LAT : 90.0;
  double lat0 = MAX (c->lat0, -lat_lim), lat1 = MIN (c->lat1, lat_lim);
  double lon0 = c->lon0, lon1 = c->lon1, px, py;
  gboolean bent = c->view->projection == DM_PROJECTION_EQUAL_EARTH;

  if (bent)
    lon0 = MAX (lon0, c->west), lon1 = MIN (lon1, c->east);
  cairo_new_path (c->cr);
  for (double lon = ceil (lon0 / step) * step; lon <= lon1; lon += step)
    {
      double dlat = bent ? MIN (step, 2.0) : lat1 - lat0;
      for (double lat = lat0; lat < lat1 + dlat / 2; lat += dlat)
        {
          dm_view_project (c->view, lon, MIN (lat, lat1), &px, &py);
          if (lat == lat0)
            cairo_move_to (c->cr, px, py);
          else
            cairo_line_to (c->cr, px, py);
        }
    }
  for (double lat = ceil (lat0 / step) * step; lat <= lat1; lat += step)
    {
      if (fabs (lat) >= 90.0)
        continue;
      dm_view_project (c->view, lon0, lat, &px, &py);
      cairo_move_to (c->cr, px, py);
      dm_view_project (c->view, lon1, lat, &px, &py);
      cairo_line_to (c->cr, px, py);
    }
  set_color (c->cr, &style->graticule);
  cairo_set_line_width (c->cr, style->graticule_width);
  cairo_stroke (c->cr);
}

static void
stroke_lines (Ctx          *c,
              DmRingKind    kind,
              const DmRgba *color,
              double        width)
{
  guint n = 0;
  double keep = c->min_step2;

  /* a line under a pixel wide does not need half-pixel detail: one device pixel is enough,
   * and strokes cost far more per segment than fills; on a world under 1024 pixels wide
   * (zoom 0 and 1) coasts are drawn with 1.5 pixel steps (the benchmark's slowest tiles) */
  c->min_step2 *= c->world * c->view->device_scale < 1024 ? 9.0 : 4.0;
  cairo_new_path (c->cr);
  set_color (c->cr, color);
  cairo_set_line_width (c->cr, width);
  for (guint i = c->d->n_rings; i < c->d->n_rings + c->d->n_lines; i++)
    {
      const DmRing *r = &c->d->rings[i];
      if (r->kind != kind)
        continue;
      add_ring_copies (c, r, FALSE);
      /* several moderate strokes cost less than one huge path */
      if (++n % 256 == 0)
        cairo_stroke (c->cr);
    }
  cairo_stroke (c->cr);
  c->min_step2 = keep;
}

static void
init_ctx (Ctx               *c,
          cairo_t           *cr,
          const DmView      *view,
          const DmLevelData *d)
{
  double dx = 1.0, dy = 0.0, ds, margin_deg;

  c->cr = cr;
  c->view = view;
  c->d = d;
  /* the cached Mercator coordinates are for a map centred on 0 */
  c->merc = view->projection == DM_PROJECTION_MERCATOR && view->central_lon == 0;
  c->clamp_lon = !dm_projection_wraps (view->projection);
  c->west = view->central_lon - 180.0;
  c->east = view->central_lon + 180.0;
  c->world = dm_view_get_world_width (view);
  c->ox = view->width / 2 - (view->center_x + G_PI) * view->scale;
  c->oy = view->height / 2 - (G_PI - view->center_y) * view->scale;
  cairo_user_to_device_distance (cr, &dx, &dy);
  ds = MAX (hypot (dx, dy), view->device_scale);
  c->min_step2 = (0.5 / ds) * (0.5 / ds);
  dm_view_get_visible (view, &c->lon0, &c->lat0, &c->lon1, &c->lat1);
  margin_deg = MARGIN / (view->scale * G_PI / 180.0);
  c->lon0 -= margin_deg, c->lon1 += margin_deg;
  c->lat0 = MAX (-90.0, c->lat0 - margin_deg), c->lat1 = MIN (90.0, c->lat1 + margin_deg);
  c->x0 = -MARGIN, c->y0 = -MARGIN;
  c->x1 = view->width + MARGIN, c->y1 = view->height + MARGIN;
  switch ((int) cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
      c->grid = 4.0 * ds;
      break;
    default:
      c->grid = 0;
      break;
    }
}

/* Draws one level: background, sea, graticule, land, tints, borders, coasts, labels. */
void
dm_basemap_draw_level (DmLevelData      *d,
                       cairo_t          *cr,
                       const DmView     *view,
                       const DmMapStyle *style,
                       gboolean          for_tile,
                       guint             tile_z)
{
  Ctx c;

  init_ctx (&c, cr, view, d);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  /* thin lines: round joins look the same and cost far more on many short segments */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  /* the image backend's 4x4-sample rasteriser: 40% fewer instructions per tile than the
   * default 15x17 (measured with callgrind), and the picture looks the same. Vector
   * surfaces ignore it. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  /* background and sea (no clip to the outline: a clip path makes every fill slow) */
  set_color (cr, &style->background);
  cairo_paint (cr);
  cairo_new_path (cr);
  add_world_outline (&c);
  set_color (cr, &style->sea);
  cairo_fill (cr);

  if (style->show_graticule)
    draw_graticule (&c, style);

  /* land: all countries as one path, so no seams show between neighbours */
  cairo_new_path (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  for (guint i = 0; i < d->n_rings; i++)
    add_ring_copies (&c, &d->rings[i], TRUE);
  set_color (cr, &style->land);
  cairo_fill (cr);

  if (dm_map_style_get_n_tints (style) > 0)
    for (guint i = 0; i < d->n_countries; i++)
      {
        const DmBasemapCountry *country = &d->countries[i];
        const DmRgba *tint = dm_map_style_get_tint (style, country->info.alpha2);
        if (tint == NULL)
          continue;
        cairo_new_path (cr);
        for (guint r = country->first_ring; r < country->first_ring + country->n_rings; r++)
          add_ring_copies (&c, &d->rings[r], TRUE);
        set_color (cr, tint);
        cairo_fill (cr);
      }

  if (style->show_borders)
    stroke_lines (&c, DM_RING_KIND_BORDER, &style->border, style->border_width);
  if (style->show_coasts)
    stroke_lines (&c, DM_RING_KIND_COAST, &style->coast, style->coast_width);

  if (style->show_labels)
    {
      if (for_tile)
        dm_map_labels_draw_tile (d, cr, view, style, tile_z);
      else
        dm_map_labels_draw (d, cr, view, style, NULL);
    }
  cairo_restore (cr);
}

/**
 * dm_basemap_draw:
 * @style: (nullable): how the map looks, or %NULL for the default
 *
 * Draws the base map of @view into @cr, covering (0, 0) to (@view->width, @view->height)
 * in @cr's user space, at the level of detail the view's zoom calls for. Thread-safe: several
 * threads may draw with the same base map and style at once (each with its own @cr).
 */
void
dm_basemap_draw (DmBasemap        *self,
                 cairo_t          *cr,
                 const DmView     *view,
                 const DmMapStyle *style)
{
  DmLevelData *d;

  g_return_if_fail (DM_IS_BASEMAP (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL && view->scale > 0);

  if (style == NULL)
    style = dm_map_style_get_default ();
  d = dm_basemap_get_level (self, dm_basemap_level_for_zoom (dm_view_get_zoom (view)));
  if (d == NULL)
    {
      /* no map data: at least the sea */
      cairo_save (cr);
      set_color (cr, &style->sea);
      cairo_paint (cr);
      cairo_restore (cr);
      return;
    }
  dm_basemap_draw_level (d, cr, view, style, FALSE, 0);
}
