/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-antimeridian.h"
#include "dm-route-private.h"
#include "dm-text.h"

/* Legs that do not move: those done (full style) and those to come (faint). Each leg is one
 * stroke (one giant path costs far more, see PLATFORM.md), culled by its projected box against
 * the view, for each copy of the world the view shows; vertices closer than half a device
 * pixel to the last one drawn are dropped. In a vector file (SVG, PDF), where a stroke costs
 * no rasterizing but each writes its style again, opaque legs of one style that come one
 * after the other are one path, and a vertex is kept only where the line would stray more than a quarter of a pixel
 * without it, rounded to a quarter of a pixel (the U.S. record's SVG: 10.8 MB before). A
 * figure leaves out the strokes that later ones cover (find_hidden()). */

typedef struct
{
  const DmView *view;
  double        world;      /* projected width of 360 degrees, 0 when the world does not repeat */
  double        x0, y0, x1, y1; /* the view (plus a margin) in projected units */
  double        min_step2;  /* squared pixels */
  gboolean      vector;     /* drawing into an SVG, PDF or PostScript file */
  GHashTable   *seen;       /* GBytes: lines in the path already, if a line given twice is
                             * to be left out */
} Cull;

static void
cull_init (Cull         *c,
           const DmView *view,
           cairo_t      *cr)
{
  double margin = 8.0;
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  c->view = view;
  c->world = dm_projection_wraps (view->projection) ? 2.0 * G_PI : 0.0;
  c->x0 = view->center_x - (view->width / 2 + margin) / view->scale;
  c->x1 = view->center_x + (view->width / 2 + margin) / view->scale;
  c->y0 = view->center_y - (view->height / 2 + margin) / view->scale;
  c->y1 = view->center_y + (view->height / 2 + margin) / view->scale;
  c->min_step2 = 0.25 / MAX (view->device_scale, 1.0) / MAX (view->device_scale, 1.0);
  c->seen = NULL;
  c->vector = type == CAIRO_SURFACE_TYPE_SVG || type == CAIRO_SURFACE_TYPE_PDF ||
              type == CAIRO_SURFACE_TYPE_PS;
}

/* Squared distance from (@x, @y) to the segment from (@ax, @ay) to (@bx, @by) */
static double
distance2_to_segment (double x,
                      double y,
                      double ax,
                      double ay,
                      double bx,
                      double by)
{
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  double u = len2 > 0 ? CLAMP (((x - ax) * dx + (y - ay) * dy) / len2, 0.0, 1.0) : 0.0;

  return (ax + u * dx - x) * (ax + u * dx - x) + (ay + u * dy - y) * (ay + u * dy - y);
}

/* A line of @n points @xy in pixels, for a vector file: a vertex is kept only where the
 * line would otherwise stray more than a quarter of a pixel, and rounded to a quarter.
 * Left out if @seen has it already. */
static void
add_simplified (cairo_t      *cr,
                const double *xy,
                guint         n,
                GHashTable   *seen)
{
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GBytes) key = NULL;
  guint last = 0;

  if (n == 0)
    return;
  kept = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
  g_array_append_vals (kept, xy, 2);
  for (guint i = 1; i < n; i++)
    {
      gboolean keep = i == n - 1;

      /* can the segment from the last vertex kept to the next point stand for the points
       * in between? */
      for (guint j = last + 1; j <= i && !keep; j++)
        keep = distance2_to_segment (xy[2 * j], xy[2 * j + 1], xy[2 * last], xy[2 * last + 1],
                                     xy[2 * i + 2], xy[2 * i + 3]) > 0.0625;
      if (keep)
        {
          g_array_append_vals (kept, xy + 2 * i, 2);
          last = i;
        }
    }
  /* SVG writes coordinates as text: on a quarter-pixel grid they are shorter, as the base
   * map's (dm-basemap-draw.c) */
  for (guint i = 0; i < kept->len; i++)
    g_array_index (kept, double, i) = round (g_array_index (kept, double, i) * 4) / 4;
  key = g_bytes_new (kept->data, kept->len * sizeof (double));
  if (seen != NULL && g_hash_table_contains (seen, key))
    return;
  if (seen != NULL)
    g_hash_table_add (seen, g_bytes_ref (key));
  for (guint i = 0; i < kept->len; i += 2)
    {
      double x = g_array_index (kept, double, i), y = g_array_index (kept, double, i + 1);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
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
  g_autofree double *run = c->vector ? g_new (double, 2 * n) : NULL;

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
      guint n_run = 0;

      for (guint i = 0; i < n; i++)
        {
          double px, py;
          if (isnan (xy[2 * i]))
            {
              open = FALSE;
              if (run != NULL)
                add_simplified (cr, run, n_run, c->seen), n_run = 0;
              continue;
            }
          px = ox + xy[2 * i] * v->scale;
          py = oy - xy[2 * i + 1] * v->scale;
          if (run != NULL)
            {
              run[2 * n_run] = px, run[2 * n_run + 1] = py, n_run++;
              continue;
            }
          if (!open)
            cairo_move_to (cr, px, py), open = TRUE, lx = px, ly = py;
          else if ((px - lx) * (px - lx) + (py - ly) * (py - ly) >= c->min_step2 || i == n - 1 ||
                   isnan (xy[2 * i + 2]))
            cairo_line_to (cr, px, py), lx = px, ly = py;
        }
      if (run != NULL)
        add_simplified (cr, run, n_run, c->seen);
      any = TRUE;
    }
  return any;
}

/**
 * dm_route_set_status_source:
 * Sets @cr up to stroke a line of @status (dm_route_status_dashes(), _width(), _color()) in
 * @color at @alpha, @width wide before the status' share: the one look of each status on
 * legs, marks and the legend's swatches.
 */
void
dm_route_set_status_source (cairo_t      *cr,
                            DmStatus      status,
                            gboolean      uncertain,
                            const DmRgba *color,
                            double        width,
                            double        alpha)
{
  DmRgba c = dm_route_status_color (status, color);
  const double *dashes;
  double scaled[4];
  guint n_dashes;

  width *= dm_route_status_width (status);
  dashes = dm_route_status_dashes (status, uncertain, &n_dashes);
  for (guint i = 0; i < n_dashes && i < G_N_ELEMENTS (scaled); i++)
    scaled[i] = dashes[i] * width;
  cairo_set_dash (cr, n_dashes ? scaled : NULL, (int) n_dashes, 0);
  /* round caps: dashes stay dashes and dots stay dots at any size */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, width);
  dm_cairo_set_rgba (cr, &c, alpha);
}

/**
 * dm_route_add_leg_path:
 * Adds leg @index's line as @p projects it to @cr's path (every copy in @view), culled and
 * with sub-pixel vertices dropped.
 * Returns: %FALSE when nothing of it is in view
 */
gboolean
dm_route_add_leg_path (DmRouteSet             *set,
                       cairo_t                *cr,
                       const DmView           *view,
                       const DmRouteProjected *p,
                       guint                   index)
{
  Cull c;

  cull_init (&c, view, cr);
  return add_leg_path (cr, &c, p, index);
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

  dm_route_set_status_source (cr, leg->status, leg->uncertain, &color, style->line_width,
                              pass == DM_ROUTE_PASS_FAINT ? style->future_alpha : 1.0);
}

/* A cancelled leg is struck out: a small cross half way along it (each copy of it where the world
 * repeats; the middle's longitude is unwrapped, like the leg's, and may be past 180) */
static void
strike (cairo_t          *cr,
        const DmView     *view,
        const DmRouteStyle *style,
        DmRouteSet       *set,
        const DmRouteLeg *leg)
{
  DmLonLat mid;
  double px, py, r = style->line_width * 2.2;
  int k0 = 0, k1 = 0;

  dm_route_leg_points (set, leg, 0.5, 0.5, &mid, 1);
  if (!dm_projection_wraps (view->projection))
    mid.lon = dm_view_wrap_lon (view, mid.lon);
  else if (!dm_view_get_copies (view, mid.lon, mid.lon, &k0, &k1))
    return;
  for (int k = k0; k <= k1; k++)
    {
      dm_view_project (view, mid.lon + 360.0 * k, mid.lat, &px, &py);
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

/* The leg's colour, width and dashes for @pass, its alpha times @fade */
static void
set_leg_source (DmRouteSet         *set,
                cairo_t            *cr,
                const DmRouteStyle *style,
                const DmRouteLeg   *leg,
                DmRoutePass         pass,
                double              fade)
{
  dm_route_set_leg_source (set, cr, style, leg, pass);
  if (fade < 1.0)
    {
      double r, g, b, a;
      cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a);
      cairo_set_source_rgba (cr, r, g, b, a * fade);
    }
}

/* Where leg @index leaves Web Mercator's world over a pole, a small arrow points the way it
 * flies out, its tip on the edge; where it comes back, one points in, its base on the edge
 * (dm-route-set.c cuts the leg there): one route read across the gap, and nothing drawn
 * along the edge. Filled in the leg's colour, every copy the leg has. */
static void
fill_polar_arrows (DmRouteSet             *set,
                   cairo_t                *cr,
                   const Cull             *c,
                   const DmRouteStyle     *style,
                   const DmRouteProjected *p,
                   guint                   index,
                   DmRoutePass             pass,
                   double                  fade)
{
  const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, index);
  const double *box = &p->box[4 * index];
  const DmView *v = c->view;
  double len, half;
  int k0 = 0, k1 = 0;

  if (p->first_cut[index + 1] == p->first_cut[index])
    return;
  if (c->world > 0)
    {
      k0 = (int) ceil ((c->x0 - box[2]) / c->world);
      k1 = (int) floor ((c->x1 - box[0]) / c->world);
    }
  set_leg_source (set, cr, style, leg, pass, fade);
  len = MAX (cairo_get_line_width (cr) * 5.0, 9.0);
  half = len * 0.45;
  cairo_new_path (cr);
  for (int k = k0; k <= k1; k++)
    for (guint i = p->first_cut[index]; i < p->first_cut[index + 1]; i++)
      {
        const DmRoutePolarCut *cut = &g_array_index (p->cuts, DmRoutePolarCut, i);
        double px = v->width / 2 + (cut->x + k * c->world - v->center_x) * v->scale;
        double py = v->height / 2 - (cut->y - v->center_y) * v->scale;
        double dx = cut->dx, dy = -cut->dy, d = hypot (dx, dy);
        double tx, ty;

        dx /= d, dy /= d;
        tx = cut->entering ? px + dx * len : px;
        ty = cut->entering ? py + dy * len : py;
        cairo_move_to (cr, tx, ty);
        cairo_line_to (cr, tx - dx * len - dy * half, ty - dy * len + dx * half);
        cairo_line_to (cr, tx - dx * len + dy * half, ty - dy * len - dx * half);
        cairo_close_path (cr);
      }
  cairo_fill (cr);
}

static void
stroke_leg (DmRouteSet             *set,
            cairo_t                *cr,
            const Cull             *c,
            const DmRouteStyle     *style,
            const DmRouteProjected *p,
            guint                   index,
            DmRoutePass             pass,
            double                  fade)
{
  const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, index);

  cairo_new_path (cr);
  if (!add_leg_path (cr, c, p, index))
    return;
  set_leg_source (set, cr, style, leg, pass, fade);
  if (leg->inferred)
    {
      /* inferred: a hollow line, its middle left open */
      double w = cairo_get_line_width (cr);
      cairo_set_line_width (cr, w * 1.5);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, w * 0.55);
      cairo_set_source_rgba (cr, 1, 1, 1, (pass == DM_ROUTE_PASS_FAINT ? style->future_alpha : 1.0) * fade);
    }
  cairo_stroke (cr);
  fill_polar_arrows (set, cr, c, style, p, index, pass, fade);
  if (leg->status == DM_STATUS_CANCELLED && pass == DM_ROUTE_PASS_FULL)
    strike (cr, c->view, style, set, leg);
}

/* Opaque legs of one style drawn one after the other, as one path, for vector files (a line
 * given twice in it is left out: opaque, it covers the same pixels). Only legs that come
 * together: gathering all the legs of a style would change which lines lie on top where
 * they cross, and turn the hollow lines of a style into one cased network. */
typedef struct
{
  const DmRouteLeg *first;      /* NULL when empty */
  DmRgba            color;
  GArray           *legs;       /* guint: index of each leg */
} Batch;

static void
batch_stroke (Batch                  *batch,
              DmRouteSet             *set,
              cairo_t                *cr,
              Cull                   *c,
              const DmRouteStyle     *style,
              const DmRouteProjected *p)
{
  g_autoptr(GHashTable) seen = NULL;
  gboolean any = FALSE;

  if (batch->first == NULL)
    return;
  seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  cairo_new_path (cr);
  c->seen = seen;
  for (guint j = 0; j < batch->legs->len; j++)
    any |= add_leg_path (cr, c, p, g_array_index (batch->legs, guint, j));
  c->seen = NULL;
  if (any)
    {
      dm_route_set_leg_source (set, cr, style, batch->first, DM_ROUTE_PASS_FULL);
      if (batch->first->inferred)
        {
          double w = cairo_get_line_width (cr);
          cairo_set_line_width (cr, w * 1.5);
          cairo_stroke_preserve (cr);
          cairo_set_line_width (cr, w * 0.55);
          cairo_set_source_rgb (cr, 1, 1, 1);
        }
      cairo_stroke (cr);
    }
  batch->first = NULL;
  g_array_set_size (batch->legs, 0);
}

/* Adds leg @index to the batch, stroking the batch first if the leg's style differs; FALSE
 * if the leg needs a stroke of its own */
static gboolean
batch_add (Batch                  *batch,
           DmRouteSet             *set,
           cairo_t                *cr,
           Cull                   *c,
           const DmRouteStyle     *style,
           const DmRouteProjected *p,
           guint                   index,
           double                  fade)
{
  const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, index);
  DmRgba color = dm_route_set_leg_color (set, style, leg->actor, leg->status);
  const DmRouteLeg *first = batch->first;

  guint n_dashes;

  /* translucent strokes darken where they cross, one path does not; a cancelled leg has
   * its cross; SVG readers do not start the dashes again at each line of a path, as Cairo
   * does */
  dm_route_status_dashes (leg->status, leg->uncertain, &n_dashes);
  if (fade < 1.0 || color.alpha < 1.0 || leg->status == DM_STATUS_CANCELLED || n_dashes > 0 ||
      p->first_cut[index + 1] > p->first_cut[index])
    return FALSE;
  if (first != NULL &&
      (first->status != leg->status || first->uncertain != leg->uncertain ||
       first->inferred != leg->inferred || memcmp (&batch->color, &color, sizeof color) != 0))
    batch_stroke (batch, set, cr, c, style, p);
  if (batch->first == NULL)
    {
      batch->first = leg;
      batch->color = color;
    }
  g_array_append_val (batch->legs, index);
  return TRUE;
}

static void
begin (cairo_t *cr)
{
  cairo_save (cr);
  /* smooth arcs in short steps: bevel joins look the same as round ones and cost less */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  /* the image backend's 4x4-sample rasteriser, as the base map's and the trail's: 35-40 %
   * fewer instructions for the legs of the big figures, and round caps (every dash has two)
   * within 0.3 px instead of 0.1: 11 % fewer again on dashed legs. Only the soft edges of
   * the lines differ (docs/PERFORMANCE.md); vector surfaces ignore both. A caller that asks
   * for CAIRO_ANTIALIAS_GOOD or BEST gets the full rasteriser. */
  if (cairo_get_antialias (cr) == CAIRO_ANTIALIAS_DEFAULT)
    {
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      cairo_set_tolerance (cr, 0.3);
    }
}

/**
 * dm_route_window_fade:
 * The opacity of a leg that ended at @end, seen at @t through the style's time window: 1 just
 * landed, down to 0.2 at the window's far end; 1 without a window.
 */
double
dm_route_window_fade (const DmRouteStyle *style,
                      gint64              t,
                      gint64              end)
{
  double age;

  if (style->window <= 0)
    return 1.0;
  age = CLAMP ((double) (t - end) / style->window, 0.0, 1.0);
  return 1.0 - 0.8 * age;
}

/* The strokes of dm_route_draw_legs() at @t: the faint legs by_end[faint_from …] (n_faint),
 * then those done by_end[oldest …] (n_done) */
typedef struct
{
  guint faint_from, n_faint;
  guint oldest, n_done;
} Strokes;

static void
strokes_at (DmRouteSet         *set,
            const DmRouteStyle *style,
            gint64              t,
            gboolean            faint_all,
            Strokes            *s)
{
  guint done = dm_route_set_first_ending_after (set, t);

  /* with a time window, the legs done that ended within it (by_end is sorted by end) */
  s->oldest = style->window > 0 ? MIN (dm_route_set_first_ending_after (set, t - style->window), done) : 0;
  s->faint_from = style->future != DM_ROUTE_FUTURE_FAINT ? set->legs->len
                : faint_all ? 0 : done;
  s->n_faint = set->legs->len - s->faint_from;
  s->n_done = done - s->oldest;
}

static guint draw_legs_range (DmRouteSet         *set,
                              cairo_t            *cr,
                              const DmView       *view,
                              const DmRouteStyle *style,
                              gint64              t,
                              gboolean            faint_all,
                              guint               first,
                              guint               last,
                              const guint8       *hidden);

/* A leg's line in a form that a later one may cover: the great circle between two places,
 * as wide as @width (hollow lines included) */
static gboolean
leg_shape (DmRouteSet       *set,
           const DmRouteLeg *leg,
           guint64          *key,
           double           *width)
{
  guint a = MIN (leg->from_place, leg->to_place), b = MAX (leg->from_place, leg->to_place);

  /* a recorded track has its own way; a cancelled leg has its cross, wider than the line */
  if ((leg->leg->path != NULL && leg->leg->path->len >= 4) || leg->status == DM_STATUS_CANCELLED)
    return FALSE;
  *key = (guint64) a << 32 | b;
  *width = dm_route_status_width (leg->status) * (leg->inferred ? 1.5 : 1.0);
  return TRUE;
}

/* Which of the strokes of dm_route_draw_legs() no pixel would show: a leg between the same
 * two places drawn later as an opaque solid line at least as wide covers every pixel of it
 * (the same great circle, round caps at both ends), and so does a later opaque dashed line of
 * the same look from the same place to the same place (its dashes fall on the same pixels).
 * Only the soft edges of the line differ: there each stroke darkens the edge a little, so a
 * stroke is left out only under COVERS of them. The U.S. record repeats many trips and the
 * generated documents fly thousands of legs between 30 capitals: most of their strokes are
 * covered (docs/PERFORMANCE.md). */
#define N_LOOKS (6 * 4)
/* covers needed: each softens the edge of what lies under it, and after three the edge
 * hardly differs (docs/PERFORMANCE.md) */
#define COVERS 3u

static guint8 *
find_hidden (DmRouteSet         *set,
             const DmRouteStyle *style,
             gint64              t,
             const Strokes      *s)
{
  guint faint_from = s->faint_from, n_faint = s->n_faint, oldest = s->oldest, n_done = s->n_done;
  /* solid covers by pair of places, with their width in thousandths; dashed ones by look,
   * then by places in their order */
  g_autoptr(GHashTable) solid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTable *dashed[N_LOOKS] = { NULL };
  guint8 *hidden = g_new0 (guint8, MAX (n_faint + n_done, 1));

  for (guint i = n_faint + n_done; i-- > 0;)
    {
      guint index = i < n_faint ? set->by_end[faint_from + i] : set->by_end[oldest + i - n_faint];
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, index);
      double width, fade = i < n_faint ? 0.0 : dm_route_window_fade (style, t, leg->end);
      guint look = MIN ((guint) leg->status, 5) * 4 + leg->uncertain * 2 + leg->inferred;
      guint64 key, directed = (guint64) leg->from_place << 32 | leg->to_place;
      guint thousandths, n_dashes;
      gpointer cover;
      DmRgba color;

      if (!leg_shape (set, leg, &key, &width))
        continue;
      thousandths = (guint) round (width * 1000);
      cover = g_hash_table_lookup (solid, &key);
      if ((cover != NULL && GPOINTER_TO_UINT (cover) >> 8 >= thousandths &&
           (GPOINTER_TO_UINT (cover) & 0xff) >= COVERS) ||
          (dashed[look] != NULL &&
           GPOINTER_TO_UINT (g_hash_table_lookup (dashed[look], &directed)) >= COVERS))
        {
          hidden[i] = 1;
          continue;
        }
      /* does this one cover those before it? opaque and in full */
      color = dm_route_set_leg_color (set, style, leg->actor, leg->status);
      if (fade < 1.0 || color.alpha < 1.0f)
        continue;
      dm_route_status_dashes (leg->status, leg->uncertain, &n_dashes);
      if (n_dashes == 0)
        {
          guint value = GPOINTER_TO_UINT (cover);

          /* the widest covers count */
          if (cover == NULL || value >> 8 < thousandths)
            value = thousandths << 8;
          if (value >> 8 == thousandths && (value & 0xff) < COVERS)
            value++;
          g_hash_table_insert (solid, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (value));
        }
      else
        {
          guint count;

          if (dashed[look] == NULL)
            dashed[look] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          count = GPOINTER_TO_UINT (g_hash_table_lookup (dashed[look], &directed));
          g_hash_table_insert (dashed[look], g_memdup2 (&directed, sizeof directed),
                               GUINT_TO_POINTER (MIN (count + 1, COVERS)));
        }
    }
  for (guint i = 0; i < N_LOOKS; i++)
    g_clear_pointer (&dashed[i], g_hash_table_unref);
  return hidden;
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
  g_autofree guint8 *hidden = NULL;

  if (!style->flows)
    hidden = dm_route_dup_hidden_strokes (set, style, t, faint_all, NULL);
  draw_legs_range (set, cr, view, style, t, faint_all, 0, G_MAXUINT, hidden);
}

/**
 * dm_route_dup_hidden_strokes:
 * Which strokes of dm_route_draw_legs() at @t no pixel shows (find_hidden()): one byte a
 * stroke, in its order, non-zero for those it leaves out; their number in @n_strokes.
 * Free with g_free().
 */
guint8 *
dm_route_dup_hidden_strokes (DmRouteSet         *set,
                             const DmRouteStyle *style,
                             gint64              t,
                             gboolean            faint_all,
                             guint              *n_strokes)
{
  Strokes s;

  dm_route_set_ensure (set);
  strokes_at (set, style, t, faint_all, &s);
  if (n_strokes != NULL)
    *n_strokes = s.n_faint + s.n_done;
  return find_hidden (set, style, t, &s);
}

/**
 * dm_route_get_stroke_leg:
 * The leg of stroke @i of dm_route_draw_legs() at @t (less than the number of strokes).
 */
guint
dm_route_get_stroke_leg (DmRouteSet         *set,
                         const DmRouteStyle *style,
                         gint64              t,
                         gboolean            faint_all,
                         guint               i)
{
  Strokes s;

  strokes_at (set, style, t, faint_all, &s);
  g_assert (i < s.n_faint + s.n_done);
  return i < s.n_faint ? set->by_end[s.faint_from + i] : set->by_end[s.oldest + i - s.n_faint];
}

/**
 * dm_route_draw_legs_part:
 * The strokes of dm_route_draw_legs() from the @first to before the @last, but those @hidden
 * leaves out (from dm_route_dup_hidden_strokes()): parts drawn one after the other, or onto
 * transparent surfaces laid over each other in order, make the picture dm_route_draw_legs()
 * does. Several threads draw a figure's legs so (dm-route-parallel.c).
 */
void
dm_route_draw_legs_part (DmRouteSet         *set,
                         cairo_t            *cr,
                         const DmView       *view,
                         const DmRouteStyle *style,
                         gint64              t,
                         gboolean            faint_all,
                         const guint8       *hidden,
                         guint               first,
                         guint               last)
{
  draw_legs_range (set, cr, view, style, t, faint_all, first, last, hidden);
}

/**
 * dm_route_draw_legs_slice:
 * The strokes of dm_route_draw_legs() from the @first to before the @last, in its order (the
 * faint legs, then those done). Slices drawn one after the other, or onto transparent
 * surfaces laid over each other in order, make the same picture: a worker draws in slices to
 * see if it was cancelled, or several workers share the legs (dm-route-renderer-build.c).
 * Returns: how many strokes make the whole picture
 */
guint
dm_route_draw_legs_slice (DmRouteSet         *set,
                          cairo_t            *cr,
                          const DmView       *view,
                          const DmRouteStyle *style,
                          gint64              t,
                          gboolean            faint_all,
                          guint               first,
                          guint               last)
{
  return draw_legs_range (set, cr, view, style, t, faint_all, first, last, NULL);
}

/* The strokes from @first to before @last but those @hidden leaves out (find_hidden()) */
static guint
draw_legs_range (DmRouteSet         *set,
                 cairo_t            *cr,
                 const DmView       *view,
                 const DmRouteStyle *style,
                 gint64              t,
                 gboolean            faint_all,
                 guint               first,
                 guint               last,
                 const guint8       *hidden)
{
  const DmRouteProjected *p = dm_route_set_get_projected (set, view);
  g_autoptr(GArray) batched = g_array_new (FALSE, FALSE, sizeof (guint));
  Batch batch = { NULL, { 0 }, batched };
  guint faint_from, n_faint, oldest, n_done;
  Strokes s;
  Cull c;

  strokes_at (set, style, t, faint_all, &s);
  faint_from = s.faint_from, n_faint = s.n_faint, oldest = s.oldest, n_done = s.n_done;

  /* flows: one picture, drawn by whoever draws the first stroke */
  if (style->flows)
    {
      if (first == 0 && last > 0)
        dm_route_draw_flows (set, cr, view, style, t);
      return 1;
    }
  cull_init (&c, view, cr);
  begin (cr);
  for (guint i = first; i < MIN (last, n_faint + n_done); i++)
    if (hidden != NULL && hidden[i])
      continue;
    else if (i < n_faint)
      stroke_leg (set, cr, &c, style, p, set->by_end[faint_from + i], DM_ROUTE_PASS_FAINT, 1.0);
    else
      {
        guint index = set->by_end[oldest + i - n_faint];
        const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, index);
        double fade = dm_route_window_fade (style, t, leg->end);

        if (c.vector && batch_add (&batch, set, cr, &c, style, p, index, fade))
          continue;
        batch_stroke (&batch, set, cr, &c, style, p);
        stroke_leg (set, cr, &c, style, p, index, DM_ROUTE_PASS_FULL, fade);
      }
  batch_stroke (&batch, set, cr, &c, style, p);
  cairo_restore (cr);
  return n_faint + n_done;
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
      dm_view_append_polyline (view, cr, points, n);
      return;
    }
  for (guint i = 0; i < n; i++)
    lon0 = MIN (lon0, points[i].lon), lon1 = MAX (lon1, points[i].lon);
  if (!dm_view_get_copies (view, lon0, lon1, &k0, &k1))
    return;
  for (int k = k0; k <= k1; k++)
    dm_route_add_lonlat (cr, view, points, n, k);
}

/**
 * dm_route_add_lonlat:
 * Adds the copy @k (shifted by k * 360 degrees) of a line to @cr's path, for projections
 * that wrap.
 */
void
dm_route_add_lonlat (cairo_t        *cr,
                     const DmView   *view,
                     const DmLonLat *points,
                     guint           n,
                     int             k)
{
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

/* Points along the leg from fraction @f0 to @f1, longitudes continuous with the leg's */
guint
dm_route_leg_points (DmRouteSet       *set,
                     const DmRouteLeg *leg,
                     double            f0,
                     double            f1,
                     DmLonLat         *out,
                     guint             max_out)
{
  const DmLonLat *pts = &g_array_index (set->points, DmLonLat, leg->first);
  guint segs = leg->n - 1, n = 0;
  double u0 = f0 * segs, u1 = f1 * segs;

  for (double u = u0;; u = floor (u) + 1)
    {
      double t = MIN (u, u1);
      guint i = MIN ((guint) floor (t), segs - (segs > 0 ? 1 : 0));
      double a = t - i;
      DmLonLat p = pts[i];

      if (segs > 0)
        {
          p.lon = pts[i].lon + (pts[i + 1].lon - pts[i].lon) * a;
          p.lat = pts[i].lat + (pts[i + 1].lat - pts[i].lat) * a;
        }
      if (n < max_out)
        out[n++] = p;
      if (t >= u1)
        break;
    }
  return n;
}

/* Pixels along the leg from its start to fraction @f, in @view (for dash offsets) */
static double
pixel_length (DmRouteSet       *set,
              const DmView     *view,
              const DmRouteLeg *leg,
              double            f)
{
  g_autofree DmLonLat *buf = g_new (DmLonLat, leg->n + 2);
  guint n = dm_route_leg_points (set, leg, 0.0, f, buf, leg->n + 2);
  double len = 0, x0 = 0, y0 = 0;

  for (guint i = 0; i < n; i++)
    {
      double x, y;
      dm_view_project (view, buf[i].lon, buf[i].lat, &x, &y);
      if (i > 0)
        len += hypot (x - x0, y - y0);
      x0 = x, y0 = y;
    }
  return len;
}

/**
 * dm_route_draw_piece:
 * Draws the part of a leg from fraction @f0 to @f1 in its full style, its dashes in phase with
 * the whole leg's, so that pieces drawn one after the other make the whole leg.
 */
void
dm_route_draw_piece (DmRouteSet         *set,
                     cairo_t            *cr,
                     const DmView       *view,
                     const DmRouteStyle *style,
                     const DmRouteLeg   *leg,
                     double              f0,
                     double              f1)
{
  g_autofree DmLonLat *buf = g_new (DmLonLat, leg->n + 2);
  guint n;

  /* a hollow line cannot be drawn in pieces: its ends would close the core */
  if (leg->inferred)
    f0 = 0.0;
  n = dm_route_leg_points (set, leg, f0, f1, buf, leg->n + 2);
  if (n < 2)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  dm_route_stroke_lonlat (cr, view, buf, n);
  dm_route_set_leg_source (set, cr, style, leg, DM_ROUTE_PASS_FULL);
  if (f0 > 0.0)
    {
      const double *dashes;
      double scaled[4], width = cairo_get_line_width (cr);
      guint n_dashes;

      dashes = dm_route_status_dashes (leg->status, leg->uncertain, &n_dashes);
      for (guint i = 0; i < n_dashes && i < G_N_ELEMENTS (scaled); i++)
        scaled[i] = dashes[i] * width;
      if (n_dashes > 0)
        cairo_set_dash (cr, scaled, (int) n_dashes, pixel_length (set, view, leg, f0));
    }
  if (leg->inferred)
    {
      double w = cairo_get_line_width (cr);
      cairo_set_line_width (cr, w * 1.5);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, w * 0.55);
      cairo_set_source_rgb (cr, 1, 1, 1);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
fraction_at (const DmRouteLeg *leg,
             gint64            t)
{
  if (leg->end <= leg->start)
    return t >= leg->end ? 1.0 : 0.0;
  return CLAMP ((double) (t - leg->start) / (leg->end - leg->start), 0.0, 1.0);
}

/**
 * dm_route_draw_flown:
 * Adds to a cache of the legs as flown at @after what was flown until @until: the rest of the
 * legs that landed in between, and the part flown in between of the legs still in the air.
 * With @after = G_MININT64: the flown part of the legs in the air at @until only (the legs
 * done are drawn by dm_route_draw_legs()).
 */
void
dm_route_draw_flown (DmRouteSet         *set,
                     cairo_t            *cr,
                     const DmView       *view,
                     const DmRouteStyle *style,
                     gint64              after,
                     gint64              until)
{
  /* flows are drawn whole at each time: nothing flown to add */
  if (style->flows)
    return;
  begin (cr);
  if (after != G_MININT64)
    {
      const DmRouteProjected *p = dm_route_set_get_projected (set, view);
      guint from = dm_route_set_first_ending_after (set, after);
      guint to = dm_route_set_first_ending_after (set, until);
      Cull c;

      cull_init (&c, view, cr);
      for (guint i = from; i < to; i++)
        {
          const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, set->by_end[i]);
          if (leg->start >= after || leg->uncertain || leg->status == DM_STATUS_CANCELLED)
            stroke_leg (set, cr, &c, style, p, set->by_end[i], DM_ROUTE_PASS_FULL, 1.0);
          else
            {
              dm_route_draw_piece (set, cr, view, style, leg, fraction_at (leg, after), 1.0);
              if (leg->status == DM_STATUS_CANCELLED)
                strike (cr, view, style, set, leg);
            }
        }
    }

  /* legs in the air at @until: start <= until < end */
  for (guint i = dm_route_set_first_starting_after (set, until); i-- > 0;)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, set->by_start[i]);
      if (leg->start < until - set->max_leg)
        break;
      if (until < leg->end && !leg->uncertain && leg->status != DM_STATUS_CANCELLED &&
          (after == G_MININT64 || after < until))
        dm_route_draw_piece (set, cr, view, style, leg,
                             after == G_MININT64 ? 0.0 : fraction_at (leg, after),
                             fraction_at (leg, until));
    }
  cairo_restore (cr);
}
