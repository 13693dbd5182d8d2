/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-route-private.h"
#include "dm-text.h"

/* Flows (DmRouteStyle:flows): the legs done at the time, within the style's window, counted
 * per unordered pair of places and drawn once per pair as the pair's great circle, its width
 * by the number of trips (square root scale), its colour the hue of the traveller group that
 * made most of them; each place a disc sized by its visits (legs landing there) under its dot.
 * Straight great circles, not bundled: a bundled edge bends away from the route flown and
 * merges pairs that share no place, so a reader could not tell where a line goes; with a few
 * hundred pairs (the U.S. record has about 700) great circles drawn heaviest first stay
 * readable, and each line still means one pair. */

/* The widths of the lightest and heaviest flows, in line widths */
#define FLOW_MIN 0.55
#define FLOW_MAX 7.0
/* trips that make the widest line, at least (else the heaviest pair's count) */
#define FLOW_FULL 50

static gint
compare_flows_cb (gconstpointer a,
                  gconstpointer b)
{
  const DmRouteFlow *fa = a, *fb = b;

  if (fa->count != fb->count)
    return fa->count > fb->count ? -1 : 1;
  if (fa->a != fb->a)
    return fa->a < fb->a ? -1 : 1;
  return fa->b < fb->b ? -1 : fa->b > fb->b;
}

/* The traveller group of the set's actor @actor: G_MAXUINT for none (no actor, or one with a
 * colour of its own) */
static guint
actor_group (DmRouteSet *set,
             guint       actor)
{
  return actor < set->groups->len ? g_array_index (set->groups, guint, actor) : G_MAXUINT;
}

/**
 * dm_route_flows_new:
 * Counts the legs done at @t (within @style's window, if any; cancelled legs are not trips)
 * per pair of places.
 */
DmRouteFlows *
dm_route_flows_new (DmRouteSet         *set,
                    const DmRouteStyle *style,
                    gint64              t)
{
  DmRouteFlows *flows = g_new0 (DmRouteFlows, 1);
  g_autoptr(GHashTable) pairs = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) votes = g_array_new (FALSE, TRUE, sizeof (guint));
  guint done, oldest, n_groups;

  dm_route_set_ensure (set);
  flows->flows = g_array_new (FALSE, FALSE, sizeof (DmRouteFlow));
  flows->visits = g_new0 (guint, set->places->len + 1);
  done = dm_route_set_first_ending_after (set, t);
  oldest = style->window > 0 ? MIN (dm_route_set_first_ending_after (set, t - style->window), done) : 0;

  /* group votes are kept per flow, groups + 1 wide (the last for no group) */
  n_groups = flows->n_groups = set->n_groups;
  /* pairs are numbered as met; keys hold the hash table's keys (never resized below) */
  g_array_set_size (keys, done - oldest);
  for (guint i = oldest; i < done; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, set->by_end[i]);
      guint a = MIN (leg->from_place, leg->to_place), b = MAX (leg->from_place, leg->to_place);
      gint64 *key = &g_array_index (keys, gint64, i - oldest);
      guint group = actor_group (set, leg->actor);
      gpointer found;
      guint index;

      if (leg->status == DM_STATUS_CANCELLED || a == b)
        continue;
      *key = ((gint64) a << 32) | b;
      if (g_hash_table_lookup_extended (pairs, key, NULL, &found))
        index = GPOINTER_TO_UINT (found);
      else
        {
          DmRouteFlow f = { a, b, set->by_end[i], 0, 0 };
          index = flows->flows->len;
          g_array_append_val (flows->flows, f);
          g_array_set_size (votes, votes->len + n_groups + 1);
          g_hash_table_insert (pairs, key, GUINT_TO_POINTER (index));
        }
      g_array_index (flows->flows, DmRouteFlow, index).count++;
      g_array_index (votes, guint, index * (n_groups + 1) + MIN (group, n_groups))++;
      flows->visits[leg->to_place]++;
    }
  for (guint i = 0; i < flows->flows->len; i++)
    {
      DmRouteFlow *f = &g_array_index (flows->flows, DmRouteFlow, i);
      const guint *v = &g_array_index (votes, guint, i * (n_groups + 1));
      guint best = 0;

      for (guint g = 1; g <= n_groups; g++)
        if (v[g] > v[best])
          best = g;
      f->group = best < n_groups ? best : G_MAXUINT;
      flows->max_count = MAX (flows->max_count, f->count);
      if (f->group != G_MAXUINT)
        flows->groups_used |= 1u << MIN (f->group, 31);
      else
        flows->ungrouped = TRUE;
    }
  for (guint i = 0; i < set->places->len; i++)
    flows->max_visits = MAX (flows->max_visits, flows->visits[i]);
  g_array_sort (flows->flows, compare_flows_cb);
  return flows;
}

void
dm_route_flows_free (DmRouteFlows *flows)
{
  g_array_unref (flows->flows);
  g_free (flows->visits);
  g_free (flows);
}

/**
 * dm_route_flow_width:
 * The width of a flow of @count trips when the heaviest has @max_count: the square root of
 * the count, scaled from the lightest to the heaviest width (a flow's width, like a
 * proportional symbol's, is read as a magnitude; a linear scale makes one trip invisible next
 * to hundreds, a logarithm makes 10 and 100 trips look nearly alike).
 */
double
dm_route_flow_width (const DmRouteStyle *style,
                     guint               count,
                     guint               max_count)
{
  double lo = style->line_width * FLOW_MIN, hi = style->line_width * FLOW_MAX;

  /* a short window's few trips are not drawn as wide as a century's busiest pair */
  max_count = MAX (max_count, FLOW_FULL);
  return lo + (hi - lo) * sqrt ((double) (MIN (MAX (count, 1), max_count) - 1) / (max_count - 1));
}

/**
 * dm_route_flow_color:
 * The colour of traveller group @group (G_MAXUINT: no group): the group's hue
 */
DmRgba
dm_route_flow_color (guint group)
{
  if (group == G_MAXUINT)
    return dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1.0f);
  return dm_rgba_from_hex (dm_actor_colors_group_rgb (group), 1.0f);
}

/* The radius of a place's disc: its area by its visits */
static double
visit_radius (const DmRouteStyle *style,
              guint               visits,
              guint               max_visits)
{
  if (visits == 0 || max_visits == 0)
    return 0;
  return style->place_radius * (1.0 + 5.0 * sqrt ((double) visits / max_visits));
}

static void
draw_discs (DmRouteSet         *set,
            cairo_t            *cr,
            const DmView       *view,
            const DmRouteStyle *style,
            const DmRouteFlows *flows)
{
  for (guint i = 0; i < set->places->len; i++)
    {
      const DmRoutePlace *p = &g_array_index (set->places, DmRoutePlace, i);
      double r = visit_radius (style, flows->visits[i], flows->max_visits), lon = p->pos.lon;
      int k0 = 0, k1 = 0;

      if (r <= 0)
        continue;
      if (!dm_projection_wraps (view->projection))
        lon = dm_view_wrap_lon (view, lon);
      else if (!dm_view_get_copies (view, lon, lon, &k0, &k1))
        continue;
      for (int k = k0; k <= k1; k++)
        {
          double x, y;
          dm_view_project (view, lon + 360.0 * k, p->pos.lat, &x, &y);
          dm_route_flow_disc (cr, style, x, y, r);
        }
    }
}

/**
 * dm_route_flow_disc:
 * A place of a flow map: a pale disc with a dark rim, its area by its visits
 */
void
dm_route_flow_disc (cairo_t            *cr,
                    const DmRouteStyle *style,
                    double              x,
                    double              y,
                    double              r)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.85);
  cairo_set_line_width (cr, MAX (1.0, style->line_width * 0.5));
  cairo_stroke (cr);
}

/**
 * dm_route_draw_flows:
 * Draws the flows at @t: one stroke per pair of places (its great circle, every copy in view),
 * heaviest first so the light ones stay visible over them, then the places' discs.
 * Returns: how many flows were stroked
 */
guint
dm_route_draw_flows (DmRouteSet         *set,
                     cairo_t            *cr,
                     const DmView       *view,
                     const DmRouteStyle *style,
                     gint64              t)
{
  g_autoptr(DmRouteFlows) flows = dm_route_flows_new (set, style, t);
  const DmRouteProjected *p = dm_route_set_get_projected (set, view);
  guint n = 0;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < flows->flows->len; i++)
    {
      const DmRouteFlow *f = &g_array_index (flows->flows, DmRouteFlow, i);
      DmRgba color = dm_route_flow_color (f->group);

      cairo_new_path (cr);
      if (!dm_route_add_leg_path (set, cr, view, p, f->leg))
        continue;
      cairo_set_line_width (cr, dm_route_flow_width (style, f->count, flows->max_count));
      dm_cairo_set_rgba (cr, &color, 0.78);
      cairo_stroke (cr);
      n++;
    }
  draw_discs (set, cr, view, style, flows);
  cairo_restore (cr);
  return n;
}
