/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-basemap-private.h"
#include "dm-gazetteer.h"
#include "dm-i18n.h"
#include "dm-text.h"

/* Country labels and capitals. A country's name goes at its label point if it fits inside
 * the box of the country's largest part and touches no label placed before it (larger
 * countries first). From zoom 4 on, capitals follow (larger first): a dot and the name to
 * its right, or left, if that touches nothing. Tiles place labels once per zoom for the
 * whole world, so neighbouring tiles agree and a label cut by a tile's edge is finished by
 * the next tile. Country names are in the user's language where CLDR has them (else Natural
 * Earth's English ones), capitals where the gazetteer has them. Boxes hold the ink of the laid-out text (and at least a line's height), so
 * scripts that reach above or below Latin letters keep clear of their neighbours too. */

#define PAD 3.0
#define CAPITAL_MIN_ZOOM 4.0
#define CAPITAL_DOT 2.0

typedef struct
{
  guint  country;
  double x, y;    /* anchor in pixels */
  double bw, bh;  /* the country's box in pixels */
} Candidate;

typedef struct
{
  const char *name;     /* English: translated where it is drawn, in the figure's language */
  const char *country;
  double      lon, lat;
  guint32     population;
} Capital;

/* the gazetteer's capitals, most populous first (built once) */
static GArray *
get_capitals (void)
{
  static gsize capitals;

  if (g_once_init_enter (&capitals))
    {
      DmGazetteer *gaz = dm_gazetteer_get_default ();
      GArray *list = g_array_new (FALSE, FALSE, sizeof (Capital));
      guint n = gaz != NULL ? dm_gazetteer_get_n_entries (gaz) : 0;

      for (guint i = 0; i < n; i++)
        {
          const DmGazetteerEntry *e = dm_gazetteer_get_entry (gaz, i);
          Capital c;
          if (e == NULL || !e->is_capital)
            continue;
          c = (Capital) { e->name, e->country, e->longitude, e->latitude, e->population };
          g_array_append_val (list, c);
        }
      for (guint i = 1; i < list->len; i++)  /* insertion sort: a few hundred */
        for (guint j = i; j > 0; j--)
          {
            Capital *a = &g_array_index (list, Capital, j - 1), *b = a + 1, t;
            if (a->population >= b->population)
              break;
            t = *a, *a = *b, *b = t;
          }
      g_once_init_leave (&capitals, (gsize) list);
    }
  return (GArray *) capitals;
}

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

static gboolean
clashes (GArray              *placed,
         const DmPlacedLabel *l)
{
  for (guint j = 0; j < placed->len; j++)
    {
      const DmPlacedLabel *o = &g_array_index (placed, DmPlacedLabel, j);
      if (l->x0 < o->x1 && o->x0 < l->x1 && l->y0 < o->y1 && o->y0 < l->y1)
        return TRUE;
    }
  return FALSE;
}

/* Free of the labels placed before and of what @taken holds (a figure's routes, legend...) */
static gboolean
is_free (GArray              *placed,
         const DmLabelPlacer *taken,
         const DmPlacedLabel *l)
{
  return !clashes (placed, l) &&
         (taken == NULL || dm_label_placer_is_free (taken, l->x0, l->y0, l->x1, l->y1));
}

/* project: lon/lat to pixels in the space labels are placed in */
typedef void (*ProjectFunc) (gconstpointer data, double lon, double lat, double *x, double *y);

/* capitals inside (x0, y0)-(x1, y1); with `strict` their labels must fit inside too */
static void
place_capitals (cairo_t             *cr,
                const DmMapStyle    *style,
                GArray              *placed,
                const DmLabelPlacer *taken,
                ProjectFunc       project,
                gconstpointer     data,
                double            x0,
                double            y0,
                double            x1,
                double            y1,
                gboolean          strict)
{
  GArray *capitals = get_capitals ();
  double size = style->label_size * 0.9;

  for (guint i = 0; i < capitals->len; i++)
    {
      const Capital *c = &g_array_index (capitals, Capital, i);
      DmPlacedLabel l = { c->name, 0, 0, size, TRUE, 0, 0, 0, 0, 0, 0 };
      const char *translated;
      DmTextBox ink;
      double w;

      project (data, c->lon, c->lat, &l.dx, &l.dy);
      if (l.dx < x0 || l.dx > x1 || l.dy < y0 || l.dy > y1)
        continue;
      translated = dm_gazetteer_translate_place (dm_gazetteer_get_default (), c->name, c->country,
                                                 dm_i18n_get_thread_language ());
      if (translated != NULL)
        l.text = translated;
      dm_text_measure (cr, l.text, size, DM_TEXT_REGULAR, &w, &ink);
      w = MAX (w, ink.x1);
      l.ty = l.dy + size * 0.35;
      l.y0 = MIN (l.dy - size / 2, l.ty + ink.y0) - PAD / 2;
      l.y1 = MAX (l.dy + size / 2, l.ty + ink.y1) + PAD / 2;
      /* right of the dot, else left of it */
      for (int side = 0; side < 2; side++)
        {
          if (side == 0)
            l.tx = l.dx + CAPITAL_DOT + 2, l.x0 = l.dx - CAPITAL_DOT - 1, l.x1 = l.tx + w + PAD;
          else
            l.tx = l.dx - CAPITAL_DOT - 2 - w, l.x0 = MIN (l.tx, l.tx + ink.x0) - PAD,
            l.x1 = l.dx + CAPITAL_DOT + 1;
          if (strict && (l.x0 < x0 || l.x1 > x1 || l.y0 < y0 || l.y1 > y1))
            continue;
          if (is_free (placed, taken, &l))
            {
              g_array_append_val (placed, l);
              break;
            }
        }
    }
}

/* inside: the labels must lie wholly inside this box (a figure), or NULL (tiles); taken:
 * boxes to keep clear of, or NULL. A label kept from its spot by @taken may move up or down
 * by a line or two within its country. */
static GArray *
place_labels (const DmLevelData   *d,
              cairo_t             *cr,
              const DmMapStyle    *style,
              GArray              *candidates,
              const double        *inside,
              const DmLabelPlacer *taken)
{
  const double shifts[] = { 0, -1.2, 1.2, -2.4, 2.4 };

  GArray *placed = g_array_new (FALSE, FALSE, sizeof (DmPlacedLabel));

  g_array_sort_with_data (candidates, compare_rank_cb, (gpointer) d);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      const DmCountryInfo *info = &d->countries[c->country].info;
      const char *translated = info->alpha2[0] != '\0' ?
        dm_gazetteer_translate_country (dm_gazetteer_get_default (), info->alpha2,
                                        dm_i18n_get_thread_language ()) : NULL;
      const char *name = translated != NULL ? translated : info->name;
      DmPlacedLabel l = { name, 0, 0, 0, FALSE, 0, 0, 0, 0, 0, 0 };
      DmTextBox ink;
      double w, h;

      l.size = c->bw > 160 ? style->label_size * 1.2 : style->label_size;
      dm_text_measure (cr, name, l.size, DM_TEXT_REGULAR, &w, &ink);
      /* the ink, centred as the advance is (a few scripts reach beyond it) */
      w = MAX (w, ink.x1) - MIN (0, ink.x0);
      h = l.size;
      if (w > c->bw * 0.95 || h > c->bh * 0.9)
        continue;
      for (guint k = 0; k < (taken != NULL ? G_N_ELEMENTS (shifts) : 1); k++)
        {
          double y = c->y + shifts[k] * h;

          /* the moved label stays well inside the country's box */
          if (fabs (shifts[k] * h) + h / 2 > c->bh * 0.3 && k > 0)
            break;
          l.tx = c->x - w / 2 - MIN (0, ink.x0);
          l.ty = y + l.size * 0.35;
          l.x0 = c->x - w / 2 - PAD, l.x1 = c->x + w / 2 + PAD;
          l.y0 = MIN (y - h / 2, l.ty + ink.y0) - PAD, l.y1 = MAX (y + h / 2, l.ty + ink.y1) + PAD;
          if (inside != NULL &&
              (l.x0 < inside[0] || l.y0 < inside[1] || l.x1 > inside[2] || l.y1 > inside[3]))
            continue;
          if (is_free (placed, taken, &l))
            {
              g_array_append_val (placed, l);
              break;
            }
        }
    }
  return placed;
}

static void
draw_placed (cairo_t          *cr,
             const DmMapStyle *style,
             GArray           *placed,
             double            dx,
             double            dy,
             double            width,
             double            height)
{
  const DmRgba *halo = style->label_halo.alpha > 0 ? &style->label_halo : NULL;

  for (guint i = 0; i < placed->len; i++)
    {
      const DmPlacedLabel *l = &g_array_index (placed, DmPlacedLabel, i);

      if (l->x1 + dx < 0 || l->x0 + dx > width || l->y1 + dy < 0 || l->y0 + dy > height)
        continue;
      /* a halo of land colour, then the text itself as text (PDF keeps it, SVG records it) */
      dm_text_draw_with_halo (cr, l->text, l->tx + dx, l->ty + dy, l->size, DM_TEXT_REGULAR,
                              &style->label, halo, 2.5);
      if (l->dot)
        {
          dm_cairo_set_rgba (cr, &style->label, 1.0);
          cairo_new_sub_path (cr);
          cairo_arc (cr, l->dx + dx, l->dy + dy, CAPITAL_DOT, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
project_view (gconstpointer data,
              double        lon,
              double        lat,
              double       *x,
              double       *y)
{
  const DmView *view = data;
  double lon0, lat0;

  if (dm_projection_wraps (view->projection))
    {
      /* the copy nearest the view's centre */
      dm_view_unproject (view, view->width / 2, view->height / 2, &lon0, &lat0);
      lon += 360.0 * round ((lon0 - lon) / 360.0);
    }
  else
    lon = dm_view_wrap_lon (view, lon);
  dm_view_project (view, lon, lat, x, y);
}

/* Labels for any view (figures): placed among the visible countries only, clear of what
 * @taken holds (if not NULL), which then receives their boxes. */
void
dm_map_labels_draw (DmLevelData      *d,
                    cairo_t          *cr,
                    const DmView     *view,
                    const DmMapStyle *style,
                    DmLabelPlacer    *taken)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) placed = NULL;

  for (guint i = 0; i < d->n_countries; i++)
    {
      const DmBasemapCountry *country = &d->countries[i];
      const DmCountryInfo *info = &country->info;
      Candidate c = { i, 0, 0, 0, 0 };
      double ax, ay, bx, by;

      project_view (view, info->label.lon, info->label.lat, &c.x, &c.y);
      if (c.x < 0 || c.y < 0 || c.x > view->width || c.y > view->height)
        continue;
      /* box sizes do not depend on which copy of the world (linear in longitude) */
      dm_view_project (view, country->main_lon_min, info->label.lat, &ax, &ay);
      dm_view_project (view, country->main_lon_max, info->label.lat, &bx, &by);
      c.bw = fabs (bx - ax);
      dm_view_project (view, info->label.lon, country->main_lat_min, &ax, &ay);
      dm_view_project (view, info->label.lon, country->main_lat_max, &bx, &by);
      c.bh = fabs (by - ay);
      g_array_append_val (candidates, c);
    }
  {
    double inside[4] = { 0, 0, view->width, view->height };
    placed = place_labels (d, cr, style, candidates, inside, taken);
  }
  if (dm_view_get_zoom (view) - log2 (MAX (view->device_scale, 1.0)) >= CAPITAL_MIN_ZOOM)
    place_capitals (cr, style, placed, taken, project_view, view, 0, 0, view->width,
                    view->height, TRUE);
  for (guint i = 0; taken != NULL && i < placed->len; i++)
    {
      const DmPlacedLabel *l = &g_array_index (placed, DmPlacedLabel, i);
      dm_label_placer_add_label (taken, l->x0, l->y0, l->x1, l->y1);
    }
  draw_placed (cr, style, placed, 0, 0, view->width, view->height);
}

static void
project_world (gconstpointer data,
               double        lon,
               double        lat,
               double       *x,
               double       *y)
{
  double world = *(const double *) data, mx, my;

  dm_projection_forward (DM_PROJECTION_MERCATOR, lon, lat, &mx, &my);
  *x = (mx + G_PI) / (2 * G_PI) * world;
  *y = (G_PI - my) / (2 * G_PI) * world;
}

/* The labels of the whole Mercator world at zoom z, in world pixels (cached). */
static GArray *
get_tile_layout (DmLevelData      *d,
                 const DmMapStyle *style,
                 guint             z,
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
          const DmBasemapCountry *country = &d->countries[i];
          const DmCountryInfo *info = &country->info;
          Candidate c = { i, 0, 0, 0, 0 };
          double x, y0, y1;

          project_world (&world, info->label.lon, info->label.lat, &c.x, &c.y);
          c.bw = (country->main_lon_max - country->main_lon_min) / 360.0 * world;
          project_world (&world, 0, country->main_lat_min, &x, &y0);
          project_world (&world, 0, country->main_lat_max, &x, &y1);
          c.bh = y0 - y1;
          g_array_append_val (candidates, c);
        }
      placed = place_labels (d, cr, style, candidates, NULL, NULL);
      if (z >= CAPITAL_MIN_ZOOM)
        place_capitals (cr, style, placed, NULL, project_world, &world, 0, 0, world, world,
                        FALSE);
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
 * size is the default one; another size is placed per tile (labels may then be cut). */
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
      dm_map_labels_draw (d, cr, view, style, NULL);
      return;
    }
  placed = get_tile_layout (d, style, z, world, z * 1025 + (guint) view->width);
  for (int k = -1; k <= 1; k++)
    draw_placed (cr, style, placed, -left + k * world, -top, view->width, view->height);
}

/**
 * dm_basemap_draw_labels:
 * @taken: (nullable): boxes the labels must keep clear of (a figure's route labels, legend,
 *   scale bar); receives the boxes of the labels drawn
 *
 * Draws the country and capital labels of @view (what dm_basemap_draw() draws last when
 * @style shows labels): for a figure that draws the map with labels off, places its own
 * labels, then lets the map's labels take the room left.
 */
void
dm_basemap_draw_labels (DmBasemap        *self,
                        cairo_t          *cr,
                        const DmView     *view,
                        const DmMapStyle *style,
                        DmLabelPlacer    *taken)
{
  DmLevelData *d;

  g_return_if_fail (DM_IS_BASEMAP (self));
  g_return_if_fail (view != NULL && view->scale > 0);
  if (style == NULL)
    style = dm_map_style_get_default ();
  d = dm_basemap_get_level (self, dm_basemap_level_for_zoom (dm_view_get_zoom (view)));
  if (d != NULL)
    dm_map_labels_draw (d, cr, view, style, taken);
}
