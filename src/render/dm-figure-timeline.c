/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "dm-figure-private.h"
#include "dm-route-private.h"
#include "dm-text.h"
#include "dm-time-format.h"

/* The timeline as a band under the map (dm_figure_set_show_timeline): one lane per actor
 * (with more than MAX_LANES, the first MAX_LANES - 1 and an "Others" lane for the rest) over the clip range (else the events' extent), their legs
 * as solid bars and the stays they take part in as pale ones in the actor's colour, what is
 * still to come faded, a date axis, and the playhead at the figure's time. The same band on a still and on
 * every frame of a clip: only the playhead and the fading move. With
 * dm_figure_set_timeline_only() the band is the figure, its lanes taller. docs/ANIMATION.md */

#define MAX_LANES 8
#define BAND_BG   0xf4f4f1
#define PLAYHEAD  0xc01c28
#define OTHERS    0x77767b

static guint
count_lanes (DmFigure *self)
{
  dm_route_set_ensure (self->set);
  return MIN (self->set->actors->len, MAX_LANES);
}

static double
lane_height (DmFigure             *self,
             const DmFigureLayout *l)
{
  /* the timeline alone shares its room among its lanes, up to three times as tall */
  if (self->timeline_only && l->timeline_h > 0 && count_lanes (self) > 0)
    return CLAMP ((l->timeline_h - l->pad * 0.8 - l->footer_size * 2.2) / count_lanes (self),
                  MAX (15 * l->u, 10.0), MAX (48 * l->u, 36.0));
  return MAX (15 * l->u, 10.0);
}

/**
 * dm_figure_timeline_height:
 * The band's height on a layout of @l's size: its lanes and axis, at most a third of the
 * figure; 0 when the figure shows no timeline or no actor.
 */
double
dm_figure_timeline_height (DmFigure             *self,
                           const DmFigureLayout *l)
{
  guint n;

  if (!self->show_timeline || (n = count_lanes (self)) == 0)
    return 0;
  return MIN (l->pad * 0.8 + n * lane_height (self, l) + l->footer_size * 2.2, l->height / 3);
}

static void
get_span (DmFigure *self,
          gint64   *start,
          gint64   *end)
{
  if (!dm_figure_get_clip_range (self, start, end) &&
      !dm_route_set_get_extent (self->set, start, end))
    *start = *end = dm_figure_get_time (self);
  if (*end <= *start)
    *start -= 43200, *end += 43200;
}

/* Whether @actor_index is in the lane of actor @a (@actor) or, @actor %NULL, in "Others":
 * the actors from index @a on, and what has no actor (as in the window's timeline) */
static gboolean
in_lane (guint    actor_index,
         guint    a,
         DmActor *actor)
{
  return actor != NULL ? actor_index == a : actor_index >= a;
}

/* Whether the lane of actor @a (@actor; %NULL: every actor from @a on) is at @s: the one
 * whose colour its mark takes, or a participant */
static gboolean
takes_part (DmRouteSet        *set,
            const DmRouteStay *s,
            guint              a,
            DmActor           *actor)
{
  GPtrArray *participants = dm_event_get_participants (s->event);

  if (in_lane (s->actor, a, actor))
    return TRUE;
  for (guint k = 0; participants != NULL && k < participants->len; k++)
    {
      DmActor *p = g_ptr_array_index (participants, k);
      guint index;

      if (p == actor ||
          (actor == NULL && g_ptr_array_find (set->actors, p, &index) && index >= a))
        return TRUE;
    }
  return FALSE;
}

/* The lane @a's actor, or %NULL for the "Others" lane (the last one when actors are more) */
static DmActor *
lane_actor (DmRouteSet *set,
            guint       a,
            guint       n)
{
  if (a == n - 1 && set->actors->len > n)
    return NULL;
  return g_ptr_array_index (set->actors, a);
}

static const char *
lane_name (DmRouteSet *set,
           guint       a,
           guint       n)
{
  DmActor *actor = lane_actor (set, a, n);

  return actor != NULL ? dm_actor_get_name (actor) : _("Others");
}

static void
set_source (cairo_t      *cr,
            const DmRgba *c,
            double        alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* The first second of the month @month, counted from January of the year 0 */
static gint64
month_start (gint64 month)
{
  gint64 year = month >= 0 ? month / 12 : -((-month + 11) / 12);

  return dm_civil_days ((int) year, (int) (month - year * 12) + 1, 1) * 86400;
}

/* The smallest of 1, 2, 5, 10, 20, 50… years at least @years */
static int
round_step (double years)
{
  static const int factors[] = { 1, 2, 5 };

  for (int power = 1; power < 100000; power *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
      if (power * factors[i] >= years)
        return power * factors[i];
  return 100000;
}

/* A tick every day, week, month or year, whichever gives at most about 8 */
static void
draw_axis (cairo_t              *cr,
           const DmFigureLayout *l,
           gint64                start,
           gint64                end,
           double                x0,
           double                x1,
           double                y)
{
  static const gint64 steps[] = { 3600 * 6, 86400, 86400 * 2, 86400 * 7, 86400 * 14 };
  DmRgba ink = dm_rgba_from_hex (0x6b6b6b, 1.0f);
  double size = l->footer_size, span = (double) (end - start);
  DmCivil first;
  gint64 step = 0, tick, month = 0;
  int months = 0, year = 0;

  /* our calendar, not GDateTime's, which starts at the year 1 */
  dm_civil_from_unix (start, &first);
  for (guint i = 0; i < G_N_ELEMENTS (steps) && step == 0; i++)
    if (span / steps[i] <= 8)
      step = steps[i];
  if (step == 0)
    months = span / (86400 * 30.4) <= 8 ? 1 : span / (86400 * 91) <= 8 ? 3 : 12 * round_step (span / (86400 * 365.25 * 8));

  /* the first tick: the next whole step after the start (midnight, the 1st of a month…) */
  if (months >= 12)
    {
      /* round years as people count them: 500 BC, 400 BC… AD 1, 100 */
      year = dm_civil_round_year (first.year, months / 12);
      tick = dm_civil_days (year, 1, 1) * 86400;
    }
  else if (months > 0)
    {
      month = (gint64) first.year * 12 + first.month - 1;
      tick = month_start (month);
    }
  else
    tick = start >= 0 ? (start + step - 1) / step * step : -(-start / step) * step;
  cairo_set_line_width (cr, 1.0);
  for (int n = 0; tick <= end && n < 1000; n++)
    {
      gint64 t = tick;

      if (t >= start)
        {
          double x = x0 + (x1 - x0) * (t - start) / span;
          g_autofree char *label = NULL;

          if (months >= 12)
            label = dm_time_format_unix (t, NULL, "%Y");
          else if (months > 0)
            label = dm_time_format_unix (t, NULL, C_("timeline tick", "%b %Y"));
          else if (step < 86400)
            label = dm_time_format_unix (t, NULL, C_("timeline tick", "%e %b, %H:%M"));
          else
            label = dm_time_format_unix (t, NULL, C_("timeline tick", "%e %b"));
          if (label == NULL)
            label = g_strdup ("");
          cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
          cairo_move_to (cr, round (x) + 0.5, y);
          cairo_line_to (cr, round (x) + 0.5, y + size * 0.5);
          cairo_stroke (cr);
          if (x + dm_text_width (cr, g_strstrip (label), size, DM_TEXT_REGULAR) < x1 + l->pad)
            dm_text_draw (cr, label, x + 2, y + size * 1.45, size, DM_TEXT_REGULAR, &ink, NULL);
        }
      if (months >= 12)
        {
          year = dm_civil_round_year (year + 1, months / 12);
          tick = dm_civil_days (year, 1, 1) * 86400;
        }
      else if (months > 0)
        tick = month_start (month += months);
      else
        tick += step;
    }
}

/**
 * dm_figure_draw_timeline:
 * Draws the band between the map and the footer of @l.
 */
void
dm_figure_draw_timeline (DmFigure             *self,
                         cairo_t              *cr,
                         const DmFigureLayout *l)
{
  DmRouteSet *set = self->set;
  DmRgba ink = dm_rgba_from_hex (DM_FIGURE_INK, 1.0f), bg = dm_rgba_from_hex (BAND_BG, 1.0f);
  DmRgba red = dm_rgba_from_hex (PLAYHEAD, 1.0f);
  double top = l->map_y + l->map_h, lane = lane_height (self, l), name_w = 0, x0, x1, size;
  gint64 start, end, now = dm_figure_get_time (self);
  guint n = count_lanes (self);

  if (l->timeline_h <= 0 || n == 0)
    return;
  get_span (self, &start, &end);
  size = MIN (lane * 0.72, l->legend_size);
  for (guint a = 0; a < n; a++)
    name_w = MAX (name_w, dm_text_width (cr, lane_name (set, a, n), size, DM_TEXT_REGULAR));
  name_w = MIN (name_w, l->width * 0.22);
  x0 = l->pad + name_w + l->pad * 0.6;
  x1 = l->width - l->pad;

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, l->width, l->timeline_h);
  cairo_clip (cr);
  set_source (cr, &bg, 1.0);
  cairo_paint (cr);
  /* the timeline alone: its lanes and axis in the middle of its room */
  if (self->timeline_only)
    top += MAX (0, (l->timeline_h - (l->pad * 0.8 + n * lane + l->footer_size * 2.2)) / 2);
  top += l->pad * 0.4;

  for (guint a = 0; a < n; a++)
    {
      DmActor *actor = lane_actor (set, a, n);
      g_autofree char *name = dm_text_ellipsize (cr, lane_name (set, a, n), size,
                                                 DM_TEXT_REGULAR, name_w);
      DmRgba color = actor != NULL ? dm_route_set_get_actor_color (set, actor)
                                   : dm_rgba_from_hex (OTHERS, 1.0f);
      double y = top + a * lane;

      dm_text_draw (cr, name, l->pad, y + lane * 0.5 + size * 0.36, size, DM_TEXT_REGULAR, &ink, NULL);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.08);
      cairo_rectangle (cr, x0, y + lane * 0.5 - 0.5, x1 - x0, 1);
      cairo_fill (cr);

      /* stays, pale, then legs, solid; what is still to come is fainter */
      for (guint i = 0; i < set->stays->len; i++)
        {
          const DmRouteStay *s = &g_array_index (set->stays, DmRouteStay, i);
          double sx0, sx1;

          if (s->status == DM_STATUS_CANCELLED || s->end < start || s->start > end ||
              !takes_part (set, s, a, actor))
            continue;
          sx0 = x0 + (x1 - x0) * (MAX (s->start, start) - start) / (double) (end - start);
          sx1 = x0 + (x1 - x0) * (MIN (s->end, end) - start) / (double) (end - start);
          set_source (cr, &color, s->start > now ? 0.18 : 0.4);
          cairo_rectangle (cr, sx0, y + lane * 0.25, MAX (sx1 - sx0, 2.0), lane * 0.5);
          cairo_fill (cr);
        }
      for (guint i = 0; i < set->legs->len; i++)
        {
          const DmRouteLeg *g = &g_array_index (set->legs, DmRouteLeg, i);
          double gx0, gx1;

          if (!in_lane (g->actor, a, actor) || g->status == DM_STATUS_CANCELLED || g->end < start || g->start > end)
            continue;
          gx0 = x0 + (x1 - x0) * (MAX (g->start, start) - start) / (double) (end - start);
          gx1 = x0 + (x1 - x0) * (MIN (g->end, end) - start) / (double) (end - start);
          set_source (cr, &color, g->start > now ? 0.35 : g->uncertain ? 0.6 : 1.0);
          cairo_rectangle (cr, gx0, y + lane * 0.15, MAX (gx1 - gx0, 2.5), lane * 0.7);
          cairo_fill (cr);
        }
    }

  draw_axis (cr, l, start, end, x0, x1, top + n * lane + 2);

  /* the playhead */
  if (now >= start && now <= end)
    {
      double x = round (x0 + (x1 - x0) * (now - start) / (double) (end - start));
      set_source (cr, &red, 1.0);
      cairo_rectangle (cr, x - 1, top - l->pad * 0.3, 2, n * lane + l->pad * 0.3);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}
