/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-antimeridian.h"
#include "dm-route-private.h"
#include "dm-text.h"

/* Legs that do not move: those done (full style) and those to come (faint). Each leg is one
 * stroke (one giant path costs far more, see PLATFORM.md), culled by its projected box against
 * the view, for each copy of the world the view shows; vertices closer than half a device
 * pixel to the last one drawn are dropped. */

typedef struct
{
  const DmView *view;
  double        world;      /* projected width of 360 degrees, 0 when the world does not repeat */
  double        x0, y0, x1, y1; /* the view (plus a margin) in projected units */
  double        min_step2;  /* squared pixels */
} Cull;

static void
cull_init (Cull         *c,
           const DmView *view)
{
  double margin = 8.0;

  c->view = view;
  c->world = dm_projection_wraps (view->projection) ? 2.0 * G_PI : 0.0;
  c->x0 = view->center_x - (view->width / 2 + margin) / view->scale;
  c->x1 = view->center_x + (view->width / 2 + margin) / view->scale;
  c->y0 = view->center_y - (view->height / 2 + margin) / view->scale;
  c->y1 = view->center_y + (view->height / 2 + margin) / view->scale;
  c->min_step2 = 0.25 / MAX (view->device_scale, 1.0) / MAX (view->device_scale, 1.0);
}

/* Adds the leg's path (all visible copies) to @cr. Returns FALSE when nothing is visible. */
static gboolean
add_leg_path (cairo_t                *cr,
              const Cull             *c,
              const DmRouteProjected *p,
              guint                   index)
{
  const double *box = &p->box[4 * index];
  const double *xy = &g_array_index (p->xy, double, 2 * p->first[index]);
  const DmView *v = c->view;
  guint n = p->n[index];
  int k0 = 0, k1 = 0;
  gboolean any = FALSE;

  if (box[3] < c->y0 || box[1] > c->y1)
    return FALSE;
  if (c->world > 0)
    {
      k0 = (int) ceil ((c->x0 - box[2]) / c->world);
      k1 = (int) floor ((c->x1 - box[0]) / c->world);
    }
  else if (box[2] < c->x0 || box[0] > c->x1)
    return FALSE;

  for (int k = k0; k <= k1; k++)
    {
      double ox = v->width / 2 + (k * c->world - v->center_x) * v->scale;
      double oy = v->height / 2 + v->center_y * v->scale;
      double lx = 0, ly = 0;
      gboolean open = FALSE;

      for (guint i = 0; i < n; i++)
        {
          double px, py;
          if (isnan (xy[2 * i]))
            {
              open = FALSE;
              continue;
            }
          px = ox + xy[2 * i] * v->scale;
          py = oy - xy[2 * i + 1] * v->scale;
          if (!open)
            cairo_move_to (cr, px, py), open = TRUE, lx = px, ly = py;
          else if ((px - lx) * (px - lx) + (py - ly) * (py - ly) >= c->min_step2 || i == n - 1 ||
                   isnan (xy[2 * i + 2]))
            cairo_line_to (cr, px, py), lx = px, ly = py;
        }
      any = TRUE;
    }
  return any;
}

/* Colour, width and dashes of a leg. Legs to come are the same lines, faint, so a leg that
 * lands is drawn over its faint self exactly. */
void
dm_route_set_leg_source (DmRouteSet         *set,
                         cairo_t            *cr,
                         const DmRouteStyle *style,
                         const DmRouteLeg   *leg,
                         DmRoutePass         pass)
{
  DmRgba color = dm_route_set_leg_color (set, style, leg->actor, leg->status);
  double width = style->line_width * (leg->status == DM_STATUS_CANCELLED ? 0.8 : 1.0);
  double alpha = pass == DM_ROUTE_PASS_FAINT ? style->future_alpha : 1.0;
  const double *dashes;
  double scaled[4];
  guint n_dashes;

  dashes = dm_route_status_dashes (leg->status, leg->uncertain, &n_dashes);
  for (guint i = 0; i < n_dashes && i < G_N_ELEMENTS (scaled); i++)
    scaled[i] = dashes[i] * width;
  cairo_set_dash (cr, n_dashes ? scaled : NULL, (int) n_dashes, 0);
  cairo_set_line_width (cr, width);
  dm_cairo_set_rgba (cr, &color, alpha);
}

/* A cancelled leg is struck out: a small cross on its middle */
static void
strike (cairo_t          *cr,
        const DmView     *view,
        const DmRouteStyle *style,
        DmRouteSet       *set,
        const DmRouteLeg *leg)
{
  const DmLonLat *pts = &g_array_index (set->points, DmLonLat, leg->first);
  DmLonLat mid = pts[leg->n / 2];
  double px, py, r = style->line_width * 2.2;
  int k0 = 0, k1 = 0;

  if (dm_projection_wraps (view->projection))
    dm_view_get_copies (view, mid.lon, mid.lon, &k0, &k1);
  for (int k = k0; k <= k1; k++)
    {
      dm_view_project (view, dm_antimeridian_wrap (mid.lon) + 360.0 * k, mid.lat, &px, &py);
      cairo_move_to (cr, px - r, py - r);
      cairo_line_to (cr, px + r, py + r);
      cairo_move_to (cr, px + r, py - r);
      cairo_line_to (cr, px - r, py + r);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, style->line_width);
  dm_cairo_set_rgba (cr, &style->cancelled, 1.0);
  cairo_stroke (cr);
}

static void
stroke_leg (DmRouteSet             *set,
            cairo_t                *cr,
            const Cull             *c,
            const DmRouteStyle     *style,
            const DmRouteProjected *p,
            guint                   index,
            DmRoutePass             pass)
{
  const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, index);

  cairo_new_path (cr);
  if (!add_leg_path (cr, c, p, index))
    return;
  dm_route_set_leg_source (set, cr, style, leg, pass);
  if (leg->inferred)
    {
      /* inferred: a hollow line, its middle left open */
      double w = cairo_get_line_width (cr);
      cairo_set_line_width (cr, w * 1.5);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, w * 0.55);
      cairo_set_source_rgba (cr, 1, 1, 1, pass == DM_ROUTE_PASS_FAINT ? style->future_alpha : 1.0);
    }
  cairo_stroke (cr);
  if (leg->status == DM_STATUS_CANCELLED && pass == DM_ROUTE_PASS_FULL)
    strike (cr, c->view, style, set, leg);
}

static void
begin (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

/**
 * dm_route_draw_legs:
 * Draws every leg that is not moving at @t: legs done in full, legs to come faint (unless the
 * style hides them). With @faint_all, every leg is first drawn faint, also those done and
 * in the air: a cache drawn so stays right while time moves forward, as legs that land
 * are drawn over their faint selves (dm_route_draw_landed()).
 */
void
dm_route_draw_legs (DmRouteSet         *set,
                    cairo_t            *cr,
                    const DmView       *view,
                    const DmRouteStyle *style,
                    gint64              t,
                    gboolean            faint_all)
{
  const DmRouteProjected *p = dm_route_set_get_projected (set, view->projection);
  guint done = dm_route_set_first_ending_after (set, t);
  Cull c;

  cull_init (&c, view);
  begin (cr);
  if (style->future == DM_ROUTE_FUTURE_FAINT)
    for (guint i = faint_all ? 0 : done; i < set->legs->len; i++)
      stroke_leg (set, cr, &c, style, p, set->by_end[i], DM_ROUTE_PASS_FAINT);
  for (guint i = 0; i < done; i++)
    stroke_leg (set, cr, &c, style, p, set->by_end[i], DM_ROUTE_PASS_FULL);
  cairo_restore (cr);
}

/**
 * dm_route_draw_landed:
 * Draws in full the legs that end after @after and no later than @until.
 */
void
dm_route_draw_landed (DmRouteSet         *set,
                      cairo_t            *cr,
                      const DmView       *view,
                      const DmRouteStyle *style,
                      gint64              after,
                      gint64              until)
{
  const DmRouteProjected *p = dm_route_set_get_projected (set, view->projection);
  guint from = dm_route_set_first_ending_after (set, after);
  guint to = dm_route_set_first_ending_after (set, until);
  Cull c;

  if (from >= to)
    return;
  cull_init (&c, view);
  begin (cr);
  for (guint i = from; i < to; i++)
    stroke_leg (set, cr, &c, style, p, set->by_end[i], DM_ROUTE_PASS_FULL);
  cairo_restore (cr);
}

/**
 * dm_route_stroke_lonlat:
 * Adds a line given in unwrapped longitudes to @cr's path, for each copy of the world in
 * view; in Equal Earth it is cut at the antimeridian.
 */
void
dm_route_stroke_lonlat (cairo_t        *cr,
                        const DmView   *view,
                        const DmLonLat *points,
                        guint           n)
{
  double lon0 = G_MAXDOUBLE, lon1 = -G_MAXDOUBLE;
  int k0, k1;

  if (n < 2)
    return;
  if (!dm_projection_wraps (view->projection))
    {
      g_autoptr(GPtrArray) pieces = dm_antimeridian_split (points, n);
      for (guint j = 0; j < pieces->len; j++)
        {
          GArray *piece = g_ptr_array_index (pieces, j);
          for (guint i = 0; i < piece->len; i++)
            {
              DmLonLat q = g_array_index (piece, DmLonLat, i);
              double px, py;
              dm_view_project (view, q.lon, q.lat, &px, &py);
              if (i == 0)
                cairo_move_to (cr, px, py);
              else
                cairo_line_to (cr, px, py);
            }
        }
      return;
    }
  for (guint i = 0; i < n; i++)
    lon0 = MIN (lon0, points[i].lon), lon1 = MAX (lon1, points[i].lon);
  if (!dm_view_get_copies (view, lon0, lon1, &k0, &k1))
    return;
  for (int k = k0; k <= k1; k++)
    for (guint i = 0; i < n; i++)
      {
        double px, py;
        dm_view_project (view, points[i].lon + 360.0 * k, points[i].lat, &px, &py);
        if (i == 0)
          cairo_move_to (cr, px, py);
        else
          cairo_line_to (cr, px, py);
      }
}
