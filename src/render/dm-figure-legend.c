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
#include "dm-route-private.h"
#include "dm-text.h"

/* The legend: the actors it lists (their countries tinted on the map, nothing else), then
 * only the line styles and marks in use, in the map corner that hides the fewest routes. */

typedef enum
{
  SWATCH_LINE,
  SWATCH_MARKER,
  SWATCH_STAY,
  SWATCH_COUNTRY,
  SWATCH_NONE,     /* "+N more": text only */
  SWATCH_PLACE,
  SWATCH_DISC,     /* a place of a flow map */
  SWATCH_HEADING,  /* a heading: text only, in bold, from the left */
} SwatchKind;

typedef struct
{
  SwatchKind   kind;
  DmRgba       color;
  DmStatus     status;
  gboolean     uncertain;
  gboolean     inferred;
  double       alpha;
  DmEventKind  stay;
  double       width;     /* of a line, 0: the style's */
  char        *label;
} Entry;

static void
entry_clear (gpointer data)
{
  g_free (((Entry *) data)->label);
}

/* Returns: the new entry, valid until the next one is added */
static Entry *
add_entry (GArray      *entries,
           SwatchKind   kind,
           DmRgba       color,
           DmStatus     status,
           const char  *label)
{
  Entry e = { kind, color, status, FALSE, FALSE, 1.0, DM_EVENT_KIND_VISIT, 0.0, g_strdup (label) };

  g_array_append_val (entries, e);
  return &g_array_index (entries, Entry, entries->len - 1);
}

/* Whether @s's mark is faded at some time from @t0 to @t1: its start, given roughly or as a
 * period, is still in its range, or a vague end has begun (see stay_alpha) */
static gboolean
stay_is_faded (const DmRouteStay *s,
               gint64             t0,
               gint64             t1)
{
  const DmTime *start = dm_event_get_start (s->event), *end = dm_event_get_end (s->event);
  gint64 a0, a1, b0, b1;

  return (dm_time_get_drawn_range (start, &a0, &a1) && t0 < a1) ||
         (dm_time_get_drawn_range (end, &b0, &b1) && t1 > b0);
}

/* Whether @s is drawn at some time from @t0 to @t1 */
static gboolean
stay_is_on_during (const DmRouteStay *s,
                   gint64             t0,
                   gint64             t1)
{
  return s->start <= t1 && t0 < s->end;
}

/* The actors the legend lists from @t0 to @t1 (one moment for a still, the range of a clip):
 * those with a leg, or in a stay shown then (a line or a mark of their colour means
 * something then). Per actor of the set. */
static gboolean *
legend_actors (DmRouteSet *set,
               gint64      t0,
               gint64      t1)
{
  gboolean *shown = g_new0 (gboolean, set->actors->len + 1);

  for (guint i = 0; i < set->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);
      if (leg->actor < set->actors->len)
        shown[leg->actor] = TRUE;
    }
  for (guint i = 0; i < set->stays->len; i++)
    {
      const DmRouteStay *s = &g_array_index (set->stays, DmRouteStay, i);
      GPtrArray *parts;

      /* the stay's times first: its event (one more cache miss a stay, 100,000 stays a
       * legend at 100,000 events) only for the stays shown */
      if (!stay_is_on_during (s, t0, t1))
        continue;
      parts = dm_event_get_participants (s->event);
      for (guint a = 0; a < set->actors->len; a++)
        if (a == s->actor || g_ptr_array_find (parts, g_ptr_array_index (set->actors, a), NULL))
          shown[a] = TRUE;
    }
  return shown;
}

static DmRgba
blend (const DmRgba *a,
       const DmRgba *b,
       float         f)
{
  DmRgba c = { a->red + (b->red - a->red) * f, a->green + (b->green - a->green) * f,
               a->blue + (b->blue - a->blue) * f, 1.0f };
  return c;
}

/**
 * dm_figure_add_tints:
 * Tints lightly, in @style, the countries of the actors the legend lists at @t, each in its
 * actor's colour (the first actor of a country wins): the map shows no colour the legend
 * does not explain.
 */
void
dm_figure_add_tints (DmFigure   *self,
                     DmMapStyle *style,
                     gint64      t)
{
  DmRouteSet *set = self->set;
  g_autofree gboolean *shown = NULL;

  dm_route_set_ensure (set);
  shown = legend_actors (set, t, t);
  for (guint i = 0; i < set->actors->len; i++)
    {
      const char *country = dm_actor_get_country (g_ptr_array_index (set->actors, i));
      DmRgba tint;

      if (!shown[i] || country == NULL || dm_map_style_get_tint (style, country) != NULL)
        continue;
      tint = blend (&style->land, &g_array_index (set->colors, DmRgba, i), 0.14f);
      dm_map_style_set_tint (style, country, &tint);
    }
}

/* Past ten actors in two groups or more (or on a flow map) the legend lists the traveller
 * groups, each in its hue, under a heading that says so ("55 travellers in 2 groups"); else
 * nothing is added.
 * Returns: whether the groups were listed */
static gboolean
add_group_entries (DmRouteSet         *set,
                   const DmRouteStyle *style,
                   GArray             *entries,
                   const gboolean     *shown)
{
  DmDocument *document = dm_route_set_get_document (set);
  g_autofree guint *members = g_new0 (guint, set->n_groups + 1);
  g_autofree const char **names = g_new0 (const char *, set->n_groups + 1);
  guint n_shown = 0, n_groups = 0, n_ungrouped = 0;
  gboolean grouped = FALSE;
  g_autofree char *heading = NULL, *travellers = NULL;

  for (guint i = 0; i < set->actors->len; i++)
    {
      guint group = g_array_index (set->groups, guint, i);
      gboolean g = FALSE;

      if (dm_document_get_actor_group (document, g_ptr_array_index (set->actors, i), NULL,
                                       NULL, group < set->n_groups ? &names[group] : NULL, &g))
        grouped |= g;
      if (!shown[i])
        continue;
      n_shown++;
      if (group < set->n_groups)
        n_groups += members[group]++ == 0;
      else
        n_ungrouped++;
    }
  /* one group shown (all of one role, or none given): its members' names say more */
  if ((!grouped || n_groups + (n_ungrouped > 0 ? 1 : 0) < 2) && !style->flows)
    return FALSE;

  /* Translators: the head of a legend's traveller groups, e.g. "55 travellers in 2 groups" */
  travellers = g_strdup_printf (ngettext ("%u traveller", "%u travellers", n_shown), n_shown);
  /* Translators: %s is "55 travellers" (the string above), %u the number of groups */
  heading = g_strdup_printf (ngettext ("%s in %u group", "%s in %u groups", n_groups), travellers,
                             n_groups);
  add_entry (entries, SWATCH_HEADING, dm_rgba_from_hex (DM_FIGURE_INK, 1.0f), DM_STATUS_COMPLETED,
             heading);
  for (guint g = 0; g < set->n_groups; g++)
    if (members[g] > 0)
      {
        g_autofree char *label = NULL;
        const char *name = names[g] != NULL && *names[g] ? names[g] : _("Others");

        label = g_strdup_printf ("%s (%u)", name, members[g]);
        add_entry (entries, SWATCH_LINE, dm_route_flow_color (g), DM_STATUS_COMPLETED,
                   label)->width = style->line_width * 2;
      }
  if (n_ungrouped > 0)
    add_entry (entries, SWATCH_LINE, dm_route_flow_color (G_MAXUINT), DM_STATUS_COMPLETED,
               _("Others"))->width = style->line_width * 2;
  return TRUE;
}

/* A flow map's widths (1, 10, 100… trips, up to the heaviest) and its places */
static void
add_flow_entries (DmRouteSet         *set,
                  const DmRouteStyle *style,
                  GArray             *entries,
                  gint64              t)
{
  g_autoptr(DmRouteFlows) flows = dm_route_flows_new (set, style, t);
  DmRgba grey = dm_rgba_from_hex (0x555555, 1.0f);

  for (guint n = 1; n <= flows->max_count; n *= 10)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%u trip", "%u trips", n), n);
      add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED, label)->width =
        dm_route_flow_width (style, n, flows->max_count);
    }
  if (flows->max_count > 0)
    add_entry (entries, SWATCH_DISC, grey, DM_STATUS_COMPLETED, _("Place, sized by visits"));
}

/* What the legend lists from @t0 to @t1: everything that appears at some time of the range,
 * so that a clip's legend is the same on every frame */
static GArray *
legend_entries (DmRouteSet         *set,
                const DmRouteStyle *style,
                gint64              t0,
                gint64              t1,
                guint              *n_actors)
{
  g_autofree gboolean *shown = NULL;
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  const DmStatus status_order[] = { DM_STATUS_COMPLETED, DM_STATUS_CONFIRMED, DM_STATUS_PLANNED,
                                    DM_STATUS_ANNOUNCED, DM_STATUS_CANCELLED, DM_STATUS_UNKNOWN };
  /* the statuses of legs (every leg is drawn, faint when still to come); the stays' in
   * active, with their kinds, when shown */
  DmRouteUse status_bits = DM_ROUTE_USE_COMPLETED | DM_ROUTE_USE_CONFIRMED | DM_ROUTE_USE_PLANNED |
                           DM_ROUTE_USE_ANNOUNCED | DM_ROUTE_USE_CANCELLED | DM_ROUTE_USE_NO_STATUS;
  DmRouteUse uses = 0, active = 0;
  DmRgba grey = dm_rgba_from_hex (0x555555, 1.0f);
  gboolean future = FALSE, in_air = FALSE, faded = FALSE;

  g_array_set_clear_func (entries, entry_clear);
  shown = legend_actors (set, t0, t1);
  for (guint i = 0; i < set->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);
      uses |= dm_route_use_for_status (leg->status);
      future |= leg->end > t0;
      /* a leg of unknown time flies no marker, nor does a cancelled one */
      in_air |= leg->start <= t1 && t0 < leg->end && !leg->uncertain &&
                leg->status != DM_STATUS_CANCELLED;
    }
  for (guint i = 0; i < set->stays->len; i++)
    {
      const DmRouteStay *s = &g_array_index (set->stays, DmRouteStay, i);

      if (stay_is_on_during (s, t0, t1))
        active |= dm_route_use_for_status (s->status);
      if (stay_is_on_during (s, t0, t1))
        faded |= stay_is_faded (s, t0, t1);
      if (stay_is_on_during (s, t0, t1))
        active |= s->kind == DM_EVENT_KIND_SUMMIT ? DM_ROUTE_USE_SUMMIT
                : s->kind == DM_EVENT_KIND_MEETING ? DM_ROUTE_USE_MEETING : DM_ROUTE_USE_VISIT;
    }
  uses |= dm_route_set_get_uses (set) & ~status_bits;
  if (!add_group_entries (set, style, entries, shown))
    for (guint i = 0; i < set->actors->len; i++)
      if (shown[i])
        add_entry (entries, SWATCH_LINE, g_array_index (set->colors, DmRgba, i), DM_STATUS_COMPLETED,
                   dm_actor_get_name (g_ptr_array_index (set->actors, i)));
  *n_actors = entries->len;

  if (style->flows)
    {
      add_flow_entries (set, style, entries, t1);
      uses = active = 0;
      future = FALSE;
    }

  /* each status in use, drawn as its legs are (marks of stays follow the same language) */
  for (guint i = 0; i < G_N_ELEMENTS (status_order); i++)
    if ((uses | active) & dm_route_use_for_status (status_order[i]))
      add_entry (entries, SWATCH_LINE, status_order[i] == DM_STATUS_CANCELLED ? style->cancelled : grey,
                 status_order[i],
                 status_order[i] == DM_STATUS_UNKNOWN ? _("Status not given")
                                                      : dm_status_get_label (status_order[i]));
  if (uses & DM_ROUTE_USE_UNCERTAIN)
    add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED,
               _("Date of travel not known"))->uncertain = TRUE;
  if (uses & DM_ROUTE_USE_INFERRED)
    add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED,
               _("Inferred leg"))->inferred = TRUE;
  if (future && style->future == DM_ROUTE_FUTURE_FAINT)
    add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED,
               _("Still to come"))->alpha = style->future_alpha;
  if (in_air)
    add_entry (entries, SWATCH_MARKER, grey, DM_STATUS_COMPLETED, _("Under way"));
  if (active & DM_ROUTE_USE_VISIT)
    add_entry (entries, SWATCH_STAY, grey, DM_STATUS_COMPLETED, _("Visit"));
  if (active & DM_ROUTE_USE_MEETING)
    add_entry (entries, SWATCH_STAY, grey, DM_STATUS_COMPLETED,
               _("Meeting"))->stay = DM_EVENT_KIND_MEETING;
  if (active & DM_ROUTE_USE_SUMMIT)
    add_entry (entries, SWATCH_STAY, grey, DM_STATUS_COMPLETED,
               _("Summit"))->stay = DM_EVENT_KIND_SUMMIT;
  if (faded)
    add_entry (entries, SWATCH_STAY, grey, DM_STATUS_COMPLETED,
               _("Start or end known only roughly"))->alpha = 0.4;
  if (uses & DM_ROUTE_USE_COUNTRY)
    add_entry (entries, SWATCH_COUNTRY, style->label, DM_STATUS_COMPLETED,
               _("Country only, city not known"));
  if (uses & DM_ROUTE_USE_UNDATED)
    add_entry (entries, SWATCH_PLACE, style->label, DM_STATUS_COMPLETED, _("Place, date not given"));
  return entries;
}

static void
draw_swatch (cairo_t            *cr,
             const DmRouteStyle *style,
             const Entry        *e,
             double              x,
             double              y,
             double              w)
{
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (e->kind == SWATCH_LINE)
    {
      double width = e->width > 0 ? e->width : style->line_width;

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + w, y);
      dm_route_set_status_source (cr, e->status, e->uncertain, &e->color,
                                  e->inferred ? width * 1.5 : width, e->alpha);
      /* a flow's width is shown as it is drawn, square-ended */
      if (e->width > 0)
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (e->inferred)
        {
          cairo_stroke_preserve (cr);
          cairo_set_line_width (cr, width * 0.55);
          cairo_set_source_rgb (cr, 1, 1, 1);
        }
      cairo_stroke (cr);
      if (e->status == DM_STATUS_CANCELLED)
        {
          double r = width * 2.2, cx = x + w / 2;
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_line_width (cr, width);
          dm_cairo_set_rgba (cr, &e->color, 1.0);
          cairo_move_to (cr, cx - r, y - r), cairo_line_to (cr, cx + r, y + r);
          cairo_move_to (cr, cx + r, y - r), cairo_line_to (cr, cx - r, y + r);
          cairo_stroke (cr);
        }
    }
  else if (e->kind == SWATCH_NONE || e->kind == SWATCH_HEADING)
    ;
  else if (e->kind == SWATCH_DISC)
    dm_route_flow_disc (cr, style, x + w / 2, y, style->place_radius * 2.2);
  else if (e->kind == SWATCH_COUNTRY)
    {
      /* the ring on its soft halo, as on the map */
      double hr = w * 0.45;
      cairo_pattern_t *soft = cairo_pattern_create_radial (x + w / 2, y, 0, x + w / 2, y, hr);

      cairo_pattern_add_color_stop_rgba (soft, 0, e->color.red, e->color.green, e->color.blue, 0.22);
      cairo_pattern_add_color_stop_rgba (soft, 1, e->color.red, e->color.green, e->color.blue, 0.0);
      cairo_arc (cr, x + w / 2, y, hr, 0, 2 * G_PI);
      cairo_set_source (cr, soft);
      cairo_fill (cr);
      cairo_pattern_destroy (soft);
      dm_route_draw_country_ring (cr, style, x + w / 2, y);
    }
  else if (e->kind == SWATCH_PLACE)
    {
      /* as dm-route-places.c draws a city: a dot in a halo */
      cairo_arc (cr, x + w / 2, y, style->place_radius, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, style->halo.red, style->halo.green, style->halo.blue);
      cairo_set_line_width (cr, 2.4);
      cairo_stroke_preserve (cr);
      dm_cairo_set_rgba (cr, &e->color, 1.0);
      cairo_fill (cr);
    }
  else if (e->kind == SWATCH_MARKER)
    {
      cairo_arc (cr, x + w / 2, y, style->marker_radius, 0, 2 * G_PI);
      dm_cairo_set_rgba (cr, &e->color, 1.0);
      cairo_fill (cr);
    }
  else
    {
      /* a mark faded as on the map when its time is known only roughly */
      if (e->alpha < 1.0)
        cairo_push_group (cr);
      dm_route_paint_stay (cr, e->stay, DM_STATUS_COMPLETED, &e->color, x + w / 2, y,
                           style->stay_radius * 0.85);
      if (e->alpha < 1.0)
        {
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, e->alpha);
        }
    }
  cairo_restore (cr);
}

/* Adds @weight to the count of each of the @n_boxes boxes (x0, y0, x1, y1) in which @p is
 * drawn, in the copy of the world nearest the view's centre @clon: @p projected once */
static void
count_in_boxes (const DmView *view,
                DmLonLat      p,
                double        clon,
                const double  boxes[][4],
                guint         n_boxes,
                guint         weight,
                guint        *counts)
{
  double px, py, lon = p.lon + 360.0 * round ((clon - p.lon) / 360.0);

  lon = dm_view_wrap_lon (view, lon);
  dm_view_project (view, lon, p.lat, &px, &py);
  for (guint b = 0; b < n_boxes; b++)
    if (px >= boxes[b][0] && px <= boxes[b][2] && py >= boxes[b][1] && py <= boxes[b][3])
      counts[b] += weight;
}

/* How much of the routes each of the @n_boxes boxes on the map would hide: points of legs and
 * places inside it, into @counts. The legs' points are walked as if each leg had its own
 * (legs along one route share them, and a route flown often weighs as much as its legs), one
 * in @step of them all; each point is projected once for all boxes. */
static void
crowding (DmFigure     *self,
          const DmView *view,
          const double  boxes[][4],
          guint         n_boxes,
          guint        *counts)
{
  DmRouteSet *set = self->set;
  guint n = 0, step, next = 0, at = 0;
  double clon, clat;

  memset (counts, 0, n_boxes * sizeof (guint));
  for (guint l = 0; l < set->legs->len; l++)
    n += g_array_index (set->legs, DmRouteLeg, l).n;
  step = MAX (1, n / 20000);
  dm_view_unproject (view, view->width / 2, view->height / 2, &clon, &clat);
  /* point @next of all the legs' (at: the first of leg l's) */
  for (guint l = 0; l < set->legs->len; l++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, l);

      for (; next < at + leg->n; next += step)
        count_in_boxes (view, g_array_index (set->points, DmLonLat, leg->first + (next - at)),
                        clon, boxes, n_boxes, step, counts);
      at += leg->n;
    }
  /* then every place, from where the step landed past the legs' points */
  for (guint i = next - at; i < set->places->len; i++)
    count_in_boxes (view, g_array_index (set->places, DmRoutePlace, i).pos, clon, boxes,
                    n_boxes, 8, counts);
}

/* A row: a line of text, or a wide flow's line and room around it */
static double
row_height (const Entry *e,
            double       size)
{
  return MAX (size * 1.6, e->width + size * 0.5);
}

/* The legend's height with @n entries, @n_actors of them actors, at @size */
static double
legend_height (GArray *entries,
               guint   n_actors,
               double  size)
{
  double h = size * 0.8 * 2 + (n_actors > 0 && n_actors < entries->len ? size * 0.6 : 0);

  for (guint i = 0; i < entries->len; i++)
    h += row_height (&g_array_index (entries, Entry, i), size);
  return h;
}

/* Makes the legend fit in @max_h: entries down to three quarters of @size (not below 8 px),
 * then the entries past those that fit folded into "+N more" (the actors first: the marks and
 * line styles explain the others' drawing); it never vanishes, one row at least */
static void
fit_legend (GArray *entries,
            guint  *n_actors,
            double  max_h,
            double *size)
{
  double min_size = MAX (*size * 0.75, MIN (*size, 8.0));
  guint fit, hidden, n_styles, keep_actors, keep_styles;
  Entry more = { SWATCH_NONE, { 0, 0, 0, 1 }, DM_STATUS_COMPLETED, FALSE, FALSE, 1.0,
                 DM_EVENT_KIND_VISIT, 0.0, NULL };

  while (*size > min_size && legend_height (entries, *n_actors, *size) > max_h)
    *size = MAX (min_size, *size * 0.95);
  if (legend_height (entries, *n_actors, *size) <= max_h)
    return;
  /* rows that fit, with the gap under the actors, one of them for "+N more" */
  fit = (guint) MAX (1.0, floor ((max_h - *size * 0.8 * 2 - *size * 0.6) / (*size * 1.6)));
  n_styles = entries->len - *n_actors;
  keep_styles = MIN (n_styles, fit - 1);
  keep_actors = MIN (*n_actors, fit - 1 - keep_styles);
  hidden = entries->len - keep_actors - keep_styles;
  g_array_remove_range (entries, *n_actors + keep_styles, n_styles - keep_styles);
  g_array_remove_range (entries, keep_actors, *n_actors - keep_actors);
  *n_actors = keep_actors;
  /* Translators: the last row of a figure's legend, for the entries there was no room for */
  more.label = g_strdup_printf (ngettext ("+%u more", "+%u more", hidden),
                                hidden);
  g_array_append_val (entries, more);
}

/* Cuts names too wide for @max_w (the legend's box) between graphemes; the box's size */
static void
measure_legend (cairo_t *cr,
                GArray  *entries,
                guint    n_actors,
                double   size,
                double   max_w,
                double  *w,
                double  *h)
{
  double sw = size * 2.4, gap = size * 0.6, pad = size * 0.8, text_w = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      DmTextFace weight = e->kind == SWATCH_HEADING ? DM_TEXT_BOLD : DM_TEXT_REGULAR;
      /* a heading starts where the swatches do */
      double indent = e->kind == SWATCH_HEADING ? sw + gap : 0;
      double max_text = max_w - pad * 2 - sw - gap + indent;

      if (dm_text_width (cr, e->label, size, weight) > max_text)
        {
          char *cut = dm_text_ellipsize (cr, e->label, size, weight, MAX (max_text, size));
          g_free (e->label);
          e->label = cut;
        }
      text_w = MAX (text_w, dm_text_width (cr, e->label, size, weight) - indent);
    }
  *w = pad * 2 + sw + gap + text_w;
  *h = legend_height (entries, n_actors, size);
}

/* The box at (@x, @y), @w x @h, on @background, and its entries in @ink */
static void
paint_legend (cairo_t            *cr,
              const DmRouteStyle *style,
              GArray             *entries,
              guint               n_actors,
              double              size,
              double              x,
              double              y,
              double              w,
              double              h,
              const DmRgba       *background,
              const DmRgba       *ink)
{
  double sw = size * 2.4, gap = size * 0.6, pad = size * 0.8, top = 0;

  cairo_save (cr);
  dm_text_recorder_occlude (cr, x, y, w, h);
  cairo_rectangle (cr, x, y, w, h);
  /* opaque: nothing of the map shows through */
  dm_cairo_set_rgba (cr, background, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      double rh = row_height (e, size);
      double ry = y + pad + top + rh / 2 + (i >= n_actors && n_actors > 0 ? gap : 0);
      gboolean heading = e->kind == SWATCH_HEADING;

      top += rh;
      draw_swatch (cr, style, e, x + pad, ry, sw);
      dm_text_draw (cr, e->label, heading ? x + pad : x + pad + sw + gap, ry + size * 0.36, size,
                    heading ? DM_TEXT_BOLD : DM_TEXT_REGULAR, ink, NULL);
    }
  cairo_restore (cr);
}

/**
 * dm_figure_draw_legend:
 * @draw: %FALSE to only say where the legend goes
 * @rect: (out): the legend's box in the map area (x0, y0, x1, y1)
 * @corner: (out): the corner of the map taken (0 top left, 1 top right, 2 bottom left,
 *   3 bottom right): the one where the legend hides the fewest routes
 * A legend too big for the map shrinks, folds its last entries into "+N more" and cuts long
 * names; it is never left out for want of room.
 * Returns: %FALSE when there is no legend (nothing to show)
 */
gboolean
dm_figure_draw_legend (DmFigure             *self,
                       cairo_t              *cr,
                       const DmFigureLayout *l,
                       const DmRouteStyle   *style,
                       gboolean              draw,
                       double               *rect,
                       int                  *corner)
{
  guint n_actors = 0;
  gint64 t0, t1;
  g_autoptr(GArray) entries = NULL;
  DmRgba ink = dm_rgba_from_hex (DM_FIGURE_INK, 1.0f), white = dm_rgba_from_hex (0xffffff, 1.0f);
  double size = l->legend_size, w, h, margin = 14 * l->u, x = margin, y = margin;
  guint best = G_MAXUINT;

  dm_figure_get_clip_range (self, &t0, &t1);
  entries = legend_entries (self->set, style, t0, t1, &n_actors);
  if (entries->len == 0)
    return FALSE;
  /* too tall: smaller, then "+N more"; too wide: names cut between graphemes */
  fit_legend (entries, &n_actors, l->map_h - 2 * margin, &size);
  measure_legend (cr, entries, n_actors, size, l->map_w * 0.6, &w, &h);

  {
    double boxes[4][4];
    guint crowd[4];

    for (int c = 0; c < 4; c++)
      {
        boxes[c][0] = c % 2 ? l->map_w - margin - w : margin;
        boxes[c][1] = c >= 2 ? l->map_h - margin - h : margin;
        boxes[c][2] = boxes[c][0] + w, boxes[c][3] = boxes[c][1] + h;
      }
    if (self->legend_corner >= 0)
      crowding (self, &l->view, &boxes[self->legend_corner], 1, &crowd[self->legend_corner]);
    else
      crowding (self, &l->view, boxes, 4, crowd);
    for (int c = 3; c >= 0; c--)
      {
        if (self->legend_corner >= 0 && c != self->legend_corner)
          continue;
        if (crowd[c] < best || (crowd[c] == best && c == 2))
          best = crowd[c], *corner = c, x = boxes[c][0], y = boxes[c][1];
      }
  }
  rect[0] = x, rect[1] = y, rect[2] = x + w, rect[3] = y + h;
  if (draw)
    paint_legend (cr, style, entries, n_actors, size, x, y, w, h, &white, &ink);
  return TRUE;
}

/**
 * dm_route_legend_draw:
 * @set: the routes drawn, with @style, at @t
 * @cr: (nullable): where to draw the legend, its top-left corner at (0, 0); %NULL: measure
 * @size: of its text
 * @width: (out): the legend's width, at most @max_width
 * @height: (out): its height, at most @max_height (the last entries fold into "+N more")
 * The legend of a map drawn elsewhere (the window's): the entries of a figure's, as a figure
 * draws them, on @background in @ink.
 * Returns: %FALSE when there is nothing to explain
 */
gboolean
dm_route_legend_draw (DmRouteSet         *set,
                      const DmRouteStyle *style,
                      gint64              t,
                      cairo_t            *cr,
                      double              size,
                      double              max_width,
                      double              max_height,
                      const DmRgba       *background,
                      const DmRgba       *ink,
                      double             *width,
                      double             *height)
{
  g_autoptr(GArray) entries = NULL;
  cairo_surface_t *scratch = NULL;
  cairo_t *measure = cr;
  guint n_actors = 0;

  g_return_val_if_fail (DM_IS_ROUTE_SET (set), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  *width = *height = 0;
  dm_route_set_ensure (set);
  entries = legend_entries (set, style, t, t, &n_actors);
  if (entries->len == 0)
    return FALSE;
  if (measure == NULL)
    {
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      measure = cairo_create (scratch);
    }
  fit_legend (entries, &n_actors, max_height, &size);
  measure_legend (measure, entries, n_actors, size, max_width, width, height);
  if (cr != NULL)
    paint_legend (cr, style, entries, n_actors, size, 0, 0, *width, *height, background, ink);
  else
    {
      cairo_destroy (measure);
      cairo_surface_destroy (scratch);
    }
  return TRUE;
}
