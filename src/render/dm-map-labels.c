/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-basemap-private.h"

/* Country labels: each country's name at its label point, if the name fits inside the
 * country's box and does not touch a label placed before it (larger countries first).
 * Tiles place labels once per zoom for the whole world, so neighbouring tiles agree and a
 * label cut by a tile's edge is finished by the next tile. */

#define LABEL_FONT "Sans"
#define PAD 3.0

typedef struct
{
  guint  country;
  double x, y;    /* anchor in pixels */
  double bw, bh;  /* the country's box in pixels */
} Candidate;

static int
compare_rank_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const DmLevelData *d = user_data;
  double ra = d->countries[((const Candidate *) a)->country].rank;
  double rb = d->countries[((const Candidate *) b)->country].rank;

  return ra > rb ? -1 : ra < rb ? 1 : 0;
}

static double
label_size (const DmMapStyle *style,
            double            bw)
{
  return bw > 160 ? style->label_size * 1.2 : style->label_size;
}

static GArray *
place_labels (const DmLevelData *d,
              cairo_t           *cr,
              const DmMapStyle  *style,
              GArray            *candidates)
{
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (DmPlacedLabel));

  g_array_sort_with_data (candidates, compare_rank_cb, (gpointer) d);
  cairo_save (cr);
  cairo_select_font_face (cr, LABEL_FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      const char *name = d->countries[c->country].info.name;
      cairo_text_extents_t ext;
      DmPlacedLabel l;
      gboolean clash = FALSE;
      double w, h;

      l.size = label_size (style, c->bw);
      cairo_set_font_size (cr, l.size);
      cairo_text_extents (cr, name, &ext);
      w = ext.x_advance;
      h = l.size;
      if (w > c->bw * 0.95 || h > c->bh * 0.9)
        continue;
      l.country = c->country;
      l.x = c->x;
      l.y = c->y;
      l.x0 = c->x - w / 2 - PAD, l.x1 = c->x + w / 2 + PAD;
      l.y0 = c->y - h / 2 - PAD, l.y1 = c->y + h / 2 + PAD;
      for (guint j = 0; j < placed->len && !clash; j++)
        {
          const DmPlacedLabel *o = &g_array_index (placed, DmPlacedLabel, j);
          clash = l.x0 < o->x1 && o->x0 < l.x1 && l.y0 < o->y1 && o->y0 < l.y1;
        }
      if (!clash)
        g_array_append_val (placed, l);
    }
  cairo_restore (cr);
  return placed;
}

static void
draw_placed (const DmLevelData *d,
             cairo_t           *cr,
             const DmMapStyle  *style,
             GArray            *placed,
             double             dx,
             double             dy,
             double             x0,
             double             y0,
             double             x1,
             double             y1)
{
  cairo_save (cr);
  cairo_select_font_face (cr, LABEL_FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < placed->len; i++)
    {
      const DmPlacedLabel *l = &g_array_index (placed, DmPlacedLabel, i);
      const char *name = d->countries[l->country].info.name;
      cairo_text_extents_t ext;
      double x, y;

      if (l->x1 + dx < x0 || l->x0 + dx > x1 || l->y1 + dy < y0 || l->y0 + dy > y1)
        continue;
      cairo_set_font_size (cr, l->size);
      cairo_text_extents (cr, name, &ext);
      x = l->x + dx - ext.x_advance / 2;
      y = l->y + dy + l->size * 0.35;
      /* a halo of land colour, then the text itself as text (SVG and PDF keep it) */
      if (style->label_halo.alpha > 0)
        {
          cairo_move_to (cr, x, y);
          cairo_text_path (cr, name);
          cairo_set_source_rgba (cr, style->label_halo.red, style->label_halo.green,
                                 style->label_halo.blue, style->label_halo.alpha);
          cairo_set_line_width (cr, 2.5);
          cairo_stroke (cr);
        }
      cairo_move_to (cr, x, y);
      cairo_set_source_rgba (cr, style->label.red, style->label.green, style->label.blue,
                             style->label.alpha);
      cairo_show_text (cr, name);
    }
  cairo_restore (cr);
}

/* Labels for any view (figures): placed among the visible countries only. */
void
dm_map_labels_draw (DmLevelData      *d,
                    cairo_t          *cr,
                    const DmView     *view,
                    const DmMapStyle *style)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) placed = NULL;
  double lon0, lat0, lon1, lat1;

  dm_view_get_visible (view, &lon0, &lat0, &lon1, &lat1);
  for (guint i = 0; i < d->n_countries; i++)
    {
      const DmCountry *country = &d->countries[i];
      const DmCountryInfo *info = &country->info;
      Candidate c = { i, 0, 0, 0, 0 };
      double ax, ay, bx, by, k;

      if (info->label.lat < lat0 || info->label.lat > lat1)
        continue;
      /* the copy of the label point that is in view */
      k = ceil ((lon0 - info->label.lon) / 360.0);
      if (info->label.lon + 360.0 * k > lon1)
        continue;
      if (!dm_projection_wraps (view->projection))
        k = 0;
      dm_view_project (view, info->label.lon + 360.0 * k, info->label.lat, &c.x, &c.y);
      if (c.x < 0 || c.y < 0 || c.x > view->width || c.y > view->height)
        continue;
      dm_view_project (view, country->main_lon_min + 360.0 * k, info->label.lat, &ax, &ay);
      dm_view_project (view, country->main_lon_max + 360.0 * k, info->label.lat, &bx, &by);
      c.bw = fabs (bx - ax);
      dm_view_project (view, info->label.lon + 360.0 * k, country->main_lat_min, &ax, &ay);
      dm_view_project (view, info->label.lon + 360.0 * k, country->main_lat_max, &bx, &by);
      c.bh = fabs (by - ay);
      g_array_append_val (candidates, c);
    }
  placed = place_labels (d, cr, style, candidates);
  draw_placed (d, cr, style, placed, 0, 0, 0, 0, view->width, view->height);
}

/* The labels of the whole Mercator world at zoom z, in world pixels (cached). */
static GArray *
get_tile_layout (DmLevelData      *d,
                 const DmMapStyle *style,
                 double            world,
                 guint             key)
{
  GArray *placed = NULL;

  g_mutex_lock (&d->cache_lock);
  if (key < d->tile_labels->len)
    placed = g_ptr_array_index (d->tile_labels, key);
  if (placed == NULL)
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
      cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (scratch);

      for (guint i = 0; i < d->n_countries; i++)
        {
          const DmCountry *country = &d->countries[i];
          const DmCountryInfo *info = &country->info;
          Candidate c = { i, 0, 0, 0, 0 };
          double x, y0, y1;

          dm_projection_forward (DM_PROJECTION_MERCATOR, info->label.lon, info->label.lat, &x,
                                 &c.y);
          c.x = (x + G_PI) / (2 * G_PI) * world;
          c.y = (G_PI - c.y) / (2 * G_PI) * world;
          c.bw = (country->main_lon_max - country->main_lon_min) / 360.0 * world;
          dm_projection_forward (DM_PROJECTION_MERCATOR, 0, country->main_lat_min, &x, &y0);
          dm_projection_forward (DM_PROJECTION_MERCATOR, 0, country->main_lat_max, &x, &y1);
          c.bh = (y1 - y0) / (2 * G_PI) * world;
          g_array_append_val (candidates, c);
        }
      placed = place_labels (d, cr, style, candidates);
      cairo_destroy (cr);
      cairo_surface_destroy (scratch);
      if (key >= d->tile_labels->len)
        g_ptr_array_set_size (d->tile_labels, key + 1);
      g_ptr_array_index (d->tile_labels, key) = placed;
    }
  g_mutex_unlock (&d->cache_lock);
  return placed;
}

/* Labels for tile z (view from dm_view_init_tile()). The cache assumes the style's label
 * size does not change; a style with another label size recomputes (not cached). */
void
dm_map_labels_draw_tile (DmLevelData      *d,
                         cairo_t          *cr,
                         const DmView     *view,
                         const DmMapStyle *style,
                         guint             z)
{
  double world = dm_view_get_world_width (view);
  double left = (view->center_x + G_PI) * view->scale - view->width / 2;
  double top = (G_PI - view->center_y) * view->scale - view->height / 2;
  gboolean cacheable = z <= 16 && style->label_size == dm_map_style_get_default ()->label_size &&
                       view->width <= 1024;
  GArray *placed;

  if (!cacheable)
    {
      dm_map_labels_draw (d, cr, view, style);
      return;
    }
  placed = get_tile_layout (d, style, world, z * 1025 + (guint) view->width);
  for (int k = -1; k <= 1; k++)
    draw_placed (d, cr, style, placed, -left + k * world, -top, 0, 0, view->width, view->height);
}
