/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-route-private.h"
#include "dm-text.h"

/* Every place with an event gets a dot and, where there is room, its name. Dots are placed
 * first (as obstacles), then names, busiest places first, each in the first free spot of
 * eight around its dot (dm-label-placer.c); a name with no room is left out. */

typedef struct
{
  guint  place;
  double x, y;
} Spot;

static int
compare_weight_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const DmRoutePlace *places = data;
  guint wa = places[((const Spot *) a)->place].weight, wb = places[((const Spot *) b)->place].weight;

  if (wa != wb)
    return wa > wb ? -1 : 1;
  return ((const Spot *) a)->place < ((const Spot *) b)->place ? -1 : 1;
}

static GArray *
collect_spots (DmRouteSet   *set,
               const DmView *view,
               double        r)
{
  GArray *spots = g_array_new (FALSE, FALSE, sizeof (Spot));

  dm_route_set_ensure (set);
  for (guint i = 0; i < set->places->len; i++)
    {
      const DmRoutePlace *p = &g_array_index (set->places, DmRoutePlace, i);
      int k0 = 0, k1 = 0;
      double lon = p->pos.lon;

      if (!dm_projection_wraps (view->projection))
        lon = dm_view_wrap_lon (view, lon);
      else if (!dm_view_get_copies (view, lon, lon, &k0, &k1))
        continue;
      for (int k = k0; k <= k1; k++)
        {
          Spot s = { i, 0, 0 };
          dm_view_project (view, lon + 360.0 * k, p->pos.lat, &s.x, &s.y);
          if (s.x < -r || s.y < -r || s.x > view->width + r || s.y > view->height + r)
            continue;
          g_array_append_val (spots, s);
        }
    }
  return spots;
}

/**
 * dm_route_add_place_dots:
 * Takes, in @placer, the boxes of the places' dots (without drawing them).
 */
void
dm_route_add_place_dots (DmRouteSet         *set,
                         const DmView       *view,
                         const DmRouteStyle *style,
                         DmLabelPlacer      *placer)
{
  double r = style->place_radius;
  g_autoptr(GArray) spots = collect_spots (set, view, r);

  for (guint i = 0; i < spots->len; i++)
    {
      const Spot *s = &g_array_index (spots, Spot, i);
      dm_label_placer_add (placer, s->x - r, s->y - r, s->x + r, s->y + r);
    }
}

/**
 * dm_route_draw_places:
 * Draws the places' dots and, where @placer has room, their names (taking their boxes).
 */
void
dm_route_draw_places (DmRouteSet         *set,
                      cairo_t            *cr,
                      const DmView       *view,
                      const DmRouteStyle *style,
                      DmLabelPlacer      *placer)
{
  double r = style->place_radius, size = style->label_size;
  g_autoptr(GArray) spots = collect_spots (set, view, r);

  if (spots->len == 0)
    return;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < spots->len; i++)
    {
      const Spot *s = &g_array_index (spots, Spot, i);
      cairo_new_sub_path (cr);
      cairo_arc (cr, s->x, s->y, r, 0, 2 * G_PI);
      if (placer != NULL)
        dm_label_placer_add (placer, s->x - r, s->y - r, s->x + r, s->y + r);
    }
  cairo_set_source_rgb (cr, style->halo.red, style->halo.green, style->halo.blue);
  cairo_set_line_width (cr, 2.4);
  cairo_stroke_preserve (cr);
  dm_cairo_set_rgba (cr, &style->label, 1.0);
  cairo_fill (cr);

  if (style->show_labels)
    {
      g_array_sort_with_data (spots, compare_weight_cb, set->places->data);
      for (guint i = 0; i < spots->len; i++)
        {
          const Spot *s = &g_array_index (spots, Spot, i);
          const DmRoutePlace *p = &g_array_index (set->places, DmRoutePlace, s->place);
          const char *name = dm_place_get_name (p->place);
          double w = dm_text_width (cr, name, size, DM_TEXT_REGULAR), x, y;

          if (placer == NULL)
            x = s->x + r + 3, y = s->y - size * 0.6;
          else if (!dm_label_placer_place (placer, NULL, s->x, s->y, r + 3, w, size * 1.2, &x, &y))
            continue;
          dm_text_draw (cr, name, x, y + size * 0.9, size, DM_TEXT_REGULAR, &style->label,
                        &style->halo);
        }
    }
  cairo_restore (cr);
}
