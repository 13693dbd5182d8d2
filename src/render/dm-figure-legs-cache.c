/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-figure-private.h"
#include "dm-route-private.h"

/* The legs of a clip's frames that do not change, drawn once (dm_figure_set_cache_legs): with
 * a fixed camera over a clip from s to e, the legs that ended by s are done on every frame and
 * those ending after e are to come (faint) on every frame; only the legs ending within the
 * clip change, from faint to done. A frame at t draws, in the order dm_route_draw_legs() does:
 *
 *   faint legs ending in (t, e]      each frame (slice of dm_route_draw_legs_slice at t)
 *   faint legs ending after e        \ the layer: drawn once at s onto a transparent surface
 *   legs done that ended by s        / and laid over the frame
 *   legs done that ended in (s, t]   each frame
 *
 * OVER is associative, so the layer laid over makes the picture drawing each stroke does,
 * within Cairo's rounding of a blend; the slices do not leave out strokes that later ones
 * cover three times (dm_route_draw_legs() does, dm-route-draw.c), which only the last level
 * of their anti-aliased edges shows. A U.S. record's year draws a tenth of its legs a frame
 * this way instead of all of them. Only for image surfaces, legs done without a time window
 * nor flows, and times within the clip. docs/ANIMATION.md */

void
dm_figure_clear_legs_cache (DmFigure *self)
{
  g_clear_pointer (&self->legs_cache, cairo_surface_destroy);
  g_clear_pointer (&self->legs_key, g_free);
}

/* What the layer's pixels depend on */
typedef struct
{
  double  geometry[4]; /* the fraction of a pixel, the scale */
  gint64  clip[2];
  guint   serial;      /* the route set's */
  double  line_width;
  double  future_alpha;
  DmRgba  cancelled;
} LegsKey;

static gboolean
can_cache (DmFigure           *self,
           cairo_t            *cr,
           const DmRouteStyle *style,
           gint64              t)
{
  cairo_matrix_t m;

  if (!self->cache_legs || !self->clip_set || t < self->clip_start || t > self->clip_end)
    return FALSE;
  if (style->window > 0 || style->flows || style->future != DM_ROUTE_FUTURE_FAINT)
    return FALSE;
  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_get_matrix (cr, &m);
  return m.xy == 0 && m.yx == 0 && m.xx > 0 && m.yy > 0;
}

/* The layer's pixels: faint legs ending after the clip, then the legs done by its start */
static cairo_surface_t *
draw_layer (DmFigure             *self,
            const DmFigureLayout *l,
            const DmRouteStyle   *style,
            const LegsKey        *key,
            int                   w,
            int                   h)
{
  cairo_surface_t *layer = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *c = cairo_create (layer);
  guint at_start = dm_route_set_first_ending_after (self->set, key->clip[0]);
  guint at_end = dm_route_set_first_ending_after (self->set, key->clip[1]);

  cairo_translate (c, key->geometry[0], key->geometry[1]);
  cairo_scale (c, key->geometry[2], key->geometry[3]);
  /* at the clip's start the strokes are: faint (start, end], faint after end, done by start */
  dm_route_draw_legs_slice (self->set, c, &l->view, style, key->clip[0], FALSE,
                            at_end - at_start, G_MAXUINT);
  cairo_destroy (c);
  cairo_surface_flush (layer);
  return layer;
}

/**
 * dm_figure_draw_legs:
 * The legs not moving at @t (dm_route_draw_legs()) onto the map area (@cr's origin at its
 * top-left corner, clipped to it), those that stay the same over the clip from the figure's
 * layer when it keeps one.
 */
/**
 * dm_figure_start_legs:
 * Begins the legs of a figure not drawn from a clip's layer (dm_route_legs_job_start():
 * other threads start on their parts at once) while the calling thread has about @head rows
 * of other work to do first, drawing what lies under the legs, and @labels (nullable) to be
 * painted over them by the job when it can (dm_route_legs_job_start_with_labels()). %NULL
 * when the legs come from the layer: dm_figure_draw_legs() draws them.
 */
DmRouteLegsJob *
dm_figure_start_legs (DmFigure             *self,
                      cairo_t              *cr,
                      const DmFigureLayout *l,
                      const DmRouteStyle   *style,
                      gint64                t,
                      double                head,
                      const DmRouteLabels  *labels)
{
  cairo_rectangle_t map = { 0, 0, l->map_w, l->map_h };

  if (can_cache (self, cr, style, t))
    return NULL;
  return dm_route_legs_job_start_with_labels (self->set, cr, &l->view, style, t, &map, 0, head,
                                              labels);
}

/**
 * dm_figure_draw_legs:
 * @job: (nullable) (transfer full): from dm_figure_start_legs() with the same arguments
 *
 * Draws the figure's legs onto the map area: @job's parts, or a clip's layer of legs.
 */
void
dm_figure_draw_legs (DmFigure             *self,
                     cairo_t              *cr,
                     const DmFigureLayout *l,
                     const DmRouteStyle   *style,
                     gint64                t,
                     DmRouteLegsJob       *job)
{
  LegsKey key;
  cairo_matrix_t m;
  double dx = 0, dy = 0, ix, iy;
  guint len, at_start, at_end, at_t, n_faint;
  int w, h;

  if (job != NULL || !can_cache (self, cr, style, t))
    {
      cairo_rectangle_t map = { 0, 0, l->map_w, l->map_h };

      if (job == NULL)
        job = dm_route_legs_job_start (self->set, cr, &l->view, style, t, &map, 0, 0);
      dm_route_legs_job_finish (job, cr);
      return;
    }
  cairo_get_matrix (cr, &m);
  cairo_user_to_device (cr, &dx, &dy);
  ix = floor (dx), iy = floor (dy);
  dm_route_set_ensure (self->set);
  memset (&key, 0, sizeof key);
  key.geometry[0] = dx - ix, key.geometry[1] = dy - iy;
  key.geometry[2] = m.xx, key.geometry[3] = m.yy;
  key.clip[0] = self->clip_start, key.clip[1] = self->clip_end;
  key.serial = dm_route_set_get_serial (self->set);
  key.line_width = style->line_width;
  key.future_alpha = style->future_alpha;
  key.cancelled = style->cancelled;
  w = (int) ceil (l->map_w * m.xx + key.geometry[0]) + 1;
  h = (int) ceil (l->map_h * m.yy + key.geometry[1]) + 1;
  if (self->legs_cache == NULL || memcmp (&key, self->legs_key, sizeof key) != 0 ||
      !dm_view_equal (&l->view, &self->legs_view) ||
      cairo_image_surface_get_width (self->legs_cache) != w ||
      cairo_image_surface_get_height (self->legs_cache) != h)
    {
      dm_figure_clear_legs_cache (self);
      self->legs_cache = draw_layer (self, l, style, &key, w, h);
      self->legs_key = g_memdup2 (&key, sizeof key);
      self->legs_view = l->view;
    }

  len = self->set->legs->len;
  at_start = dm_route_set_first_ending_after (self->set, self->clip_start);
  at_end = dm_route_set_first_ending_after (self->set, self->clip_end);
  at_t = dm_route_set_first_ending_after (self->set, t);
  n_faint = len - at_t;
  /* faint legs ending in (t, end], under the layer */
  if (at_end > at_t)
    dm_route_draw_legs_slice (self->set, cr, &l->view, style, t, FALSE, 0, at_end - at_t);
  /* the layer, pixel for pixel, within the map's clip */
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, self->legs_cache, ix, iy);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  /* legs done that ended in (start, t], over it */
  if (at_t > at_start)
    dm_route_draw_legs_slice (self->set, cr, &l->view, style, t, FALSE, n_faint + at_start,
                              n_faint + at_t);
}
