/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dm-route-style.h"
#include "dm-time-format.h"
#include "dm-timeline-private.h"

/* Drawing of DmTimeline: axis with ticks adapting from centuries to hours, lanes, events,
 * the playhead. */

typedef enum { STEP_SECONDS, STEP_MONTHS } StepKind;

typedef struct
{
  StepKind    kind;
  double      amount;   /* seconds, or months */
  const char *format;   /* strftime-like, for g_date_time_format */
} TickStep;

/* Translators: the formats of the timeline's tick labels, see the strftime manual */
static const TickStep steps[] = {
  { STEP_SECONDS, 3600, NC_("timeline tick", "%H:%M") },
  { STEP_SECONDS, 3 * 3600, NC_("timeline tick", "%H:%M") },
  { STEP_SECONDS, 6 * 3600, NC_("timeline tick", "%H:%M") },
  { STEP_SECONDS, 12 * 3600, NC_("timeline tick", "%H:%M") },
  { STEP_SECONDS, 86400, NC_("timeline tick", "%e %b") },
  { STEP_SECONDS, 2 * 86400, NC_("timeline tick", "%e %b") },
  { STEP_SECONDS, 7 * 86400, NC_("timeline tick", "%e %b") },
  { STEP_MONTHS, 1, NC_("timeline tick", "%b %Y") },
  { STEP_MONTHS, 3, NC_("timeline tick", "%b %Y") },
  { STEP_MONTHS, 6, NC_("timeline tick", "%b %Y") },
  { STEP_MONTHS, 12, "%Y" },
  { STEP_MONTHS, 24, "%Y" },
  { STEP_MONTHS, 60, "%Y" },
  { STEP_MONTHS, 120, "%Y" },
  { STEP_MONTHS, 240, "%Y" },
  { STEP_MONTHS, 600, "%Y" },
  { STEP_MONTHS, 1200, "%Y" },
};

static const TickStep *
pick_step (DmTimeline *self)
{
  double w = MAX (dm_timeline_axis_end (self) - DM_TIMELINE_LABEL_WIDTH, 1);
  double per_px = (self->view_end - self->view_start) / w;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double secs = steps[i].kind == STEP_SECONDS ? steps[i].amount : steps[i].amount * 30.44 * 86400;
      if (secs / per_px >= 90)
        return &steps[i];
    }
  return &steps[G_N_ELEMENTS (steps) - 1];
}

static void
set_rgba (cairo_t       *cr,
          const GdkRGBA *c,
          double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static PangoLayout *
new_label_layout (DmTimeline *self,
                  const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
draw_label (DmTimeline    *self,
            cairo_t       *cr,
            const char    *text,
            double         x,
            double         y,
            double         max_width,
            const GdkRGBA *color,
            double         alpha)
{
  g_autoptr(PangoLayout) layout = new_label_layout (self, text);

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  set_rgba (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A tick's label right of its line, or left of it where the axis ends, or none where
 * there is no room: labels stay whole inside the axis and do not overlap */
static void
draw_tick_label (DmTimeline    *self,
                 cairo_t       *cr,
                 const char    *text,
                 double         x,
                 double        *last_end,
                 const GdkRGBA *fg)
{
  g_autoptr(PangoLayout) layout = new_label_layout (self, text);
  double right = dm_timeline_axis_end (self) - 2;
  int w, h;
  double lx = x + 4;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (lx + w > right)
    lx = x - 4 - w;
  if (lx < *last_end + 6 || lx < DM_TIMELINE_LABEL_WIDTH + 2 || lx + w > right)
    return;
  set_rgba (cr, fg, 0.7);
  cairo_move_to (cr, lx, 4);
  pango_cairo_show_layout (cr, layout);
  *last_end = lx + w;
}

static void
draw_tick_line (cairo_t       *cr,
                double         x,
                double         height,
                const GdkRGBA *fg)
{
  set_rgba (cr, fg, 0.15);
  cairo_rectangle (cr, round (x), 0, 1, height);
  cairo_fill (cr);
}

/* Called for each tick of the axis at widget x @x, with its label */
typedef void (*TickFunc) (DmTimeline *self,
                          double      x,
                          const char *text,
                          gpointer    data);

static void
foreach_tick (DmTimeline *self,
              double      width,
              TickFunc    func,
              gpointer    data)
{
  const TickStep *step = pick_step (self);

  if (step->kind == STEP_SECONDS)
    {
      /* Weeks start on Monday: 1970-01-05 */
      double origin = step->amount == 7 * 86400 ? 4 * 86400 : 0;
      double t0 = floor ((self->view_start - origin) / step->amount) * step->amount + origin;

      gboolean first = TRUE;

      for (double s = t0; s <= self->view_end; s += step->amount)
        {
          int year_shift;  /* the labels show no year */
          g_autoptr(GDateTime) dt = dm_time_date_time_new ((gint64) s, NULL, &year_shift);
          g_autofree char *text = NULL;
          double x = dm_timeline_x_for_time (self, s);

          if (x < DM_TIMELINE_LABEL_WIDTH || dt == NULL)
            continue;
          /* At midnight, an hourly axis shows the day instead; its first tick shows both */
          if (step->amount < 86400 && g_date_time_get_hour (dt) == 0)
            text = g_date_time_format (dt, C_("timeline tick", "%e %b"));
          else if (step->amount < 86400 && first)
            /* Translators: the first tick of an hourly timeline axis, see the strftime manual */
            text = g_date_time_format (dt, C_("timeline tick", "%e %b, %H:%M"));
          else
            text = g_date_time_format (dt, g_dpgettext2 (GETTEXT_PACKAGE, "timeline tick", step->format));
          func (self, x, text ? g_strstrip (text) : "", data);
          first = FALSE;
        }
      return;
    }

  {
    /* months counted from the year 0 in our calendar, which goes back before the year 1 */
    DmCivil start;
    gint64 months, m0, amount = (gint64) step->amount;
    int years = (int) (amount / 12), round_year;

    dm_civil_from_unix ((gint64) floor (self->view_start), &start);
    months = (gint64) start.year * 12 + start.month - 1;
    m0 = months - ((months % amount) + amount) % amount;
    /* steps of years tick round years as people count them: 500 BC, 400 BC… AD 1, 100 */
    round_year = dm_civil_round_year (start.year, years);
    for (int i = 0; i < 400; i++)
      {
        gint64 m = m0 + i * amount;
        gint64 year = m >= 0 ? m / 12 : -((-m + 11) / 12);
        gint64 t;
        g_autofree char *text = NULL;
        double x;

        if (years > 0)
          {
            m = (gint64) round_year * 12;
            year = round_year;
            round_year = dm_civil_round_year (round_year + 1, years);
          }
        t = dm_civil_days ((int) year, (int) (m - year * 12) + 1, 1) * 86400;
        x = dm_timeline_x_for_time (self, t);
        if (x > width)
          break;
        if (x < DM_TIMELINE_LABEL_WIDTH)
          continue;
        text = dm_time_format_unix (t, NULL, g_dpgettext2 (GETTEXT_PACKAGE, "timeline tick", step->format));
        func (self, x, text ? text : "", data);
      }
  }
}

typedef struct
{
  cairo_t       *cr;
  double         height;
  double         last_end;
  const GdkRGBA *fg;
} TickDrawing;

static void
draw_tick_cb (DmTimeline *self,
              double      x,
              const char *text,
              gpointer    data)
{
  TickDrawing *d = data;

  draw_tick_line (d->cr, x, d->height, d->fg);
  draw_tick_label (self, d->cr, text, x, &d->last_end, d->fg);
}

static void
draw_ticks (DmTimeline    *self,
            cairo_t       *cr,
            double         width,
            double         height,
            const GdkRGBA *fg)
{
  TickDrawing d = { cr, height, -G_MAXDOUBLE, fg };

  foreach_tick (self, width, draw_tick_cb, &d);
}

static void
add_tick_label_cb (DmTimeline *self,
                   double      x,
                   const char *text,
                   gpointer    data)
{
  g_ptr_array_add (data, g_strdup (text));
}

/**
 * dm_timeline_dup_tick_labels:
 *
 * The labels of the axis' ticks in view, left to right, as drawn when there is room
 * Returns: (transfer full): a %NULL-terminated array
 */
char **
dm_timeline_dup_tick_labels (DmTimeline *self)
{
  GPtrArray *labels = g_ptr_array_new ();

  foreach_tick (self, dm_timeline_axis_end (self), add_tick_label_cb, labels);
  g_ptr_array_add (labels, NULL);
  return (char **) g_ptr_array_free (labels, FALSE);
}

static void
draw_diamond (cairo_t *cr,
              double   x,
              double   y,
              double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

/* The status on the shape in the current path, in the actor's colour, told apart without
 * colour too: completed solid, confirmed lighter with a solid border, planned
 * hollow with a solid border, announced hollow with a dashed border, cancelled hollow and
 * crossed out over (@x, @y, @w, @h), no status given hollow with a dash-and-dot border (as on
 * the map: never drawn as completed). The path is consumed. */
static void
paint_status (cairo_t  *cr,
              DmStatus  status,
              double    r,
              double    g,
              double    b,
              double    x,
              double    y,
              double    w,
              double    h)
{
  const double dashes[] = { 3.0, 2.0 };
  const double dash_dot[] = { 5.0, 2.0, 1.0, 2.0 };

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  switch (status)
    {
    case DM_STATUS_COMPLETED:
      cairo_set_source_rgba (cr, r, g, b, 1);
      cairo_fill (cr);
      break;
    case DM_STATUS_UNKNOWN:
      cairo_set_source_rgba (cr, r, g, b, 1);
      cairo_set_dash (cr, dash_dot, G_N_ELEMENTS (dash_dot), 0);
      cairo_stroke (cr);
      break;
    case DM_STATUS_PLANNED:
      cairo_set_source_rgba (cr, r, g, b, 1);
      cairo_stroke (cr);
      break;
    case DM_STATUS_ANNOUNCED:
      cairo_set_source_rgba (cr, r, g, b, 1);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      break;
    case DM_STATUS_CANCELLED:
      cairo_set_source_rgba (cr, r, g, b, 0.8);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + w, y + h);
      cairo_move_to (cr, x, y + h);
      cairo_line_to (cr, x + w, y);
      cairo_stroke (cr);
      break;
    case DM_STATUS_CONFIRMED:
    default:
      cairo_set_source_rgba (cr, r, g, b, 0.5);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, r, g, b, 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

/* The times an item's start and end may lie in, when the source gave a range or said "~"
 * (dm_time_get_drawn_range(), UTC seconds; FALSE where that end is sharp): a trip's first departure, last arrival */
static void
get_vague_ends (DmEvent  *event,
                gboolean *start_vague,
                gint64   *start_earliest,
                gint64   *start_latest,
                gboolean *end_vague,
                gint64   *end_earliest,
                gint64   *end_latest)
{
  const DmTime *start = dm_event_get_start (event), *end = dm_event_get_end (event);
  GPtrArray *legs = dm_event_get_legs (event);

  if (dm_event_get_kind (event) == DM_EVENT_KIND_TRIP && legs != NULL && legs->len > 0)
    {
      DmLeg *first = g_ptr_array_index (legs, 0), *last = g_ptr_array_index (legs, legs->len - 1);

      start = &first->depart;
      end = &last->arrive;
    }
  *start_vague = dm_time_get_drawn_range (start, start_earliest, start_latest);
  *end_vague = dm_time_get_drawn_range (end, end_earliest, end_latest);
}

/* An item whose start or end is vague is drawn through a mask that grows from faint to
 * whole over the start's possible range (and fades out over the end's): no sharp edge
 * claims a moment the source did not give. FALSE when both ends are sharp. */
static gboolean
vague_mask (DmTimeline           *self,
            const DmTimelineItem *item,
            cairo_pattern_t     **out)
{
  const double faint = 0.12;
  gboolean sv, ev;
  gint64 s0, s1, e0, e1;
  double x0, x1, a0, a1, b0, b1, w;
  cairo_pattern_t *mask;

  get_vague_ends (item->event, &sv, &s0, &s1, &ev, &e0, &e1);
  if (!sv && !ev)
    return FALSE;
  x0 = dm_timeline_x_for_time (self, item->start);
  x1 = MAX (dm_timeline_x_for_time (self, item->end), x0 + 2);
  w = x1 - x0;
  a0 = sv ? CLAMP (dm_timeline_x_for_time (self, s0), x0, x1) : x0;
  a1 = sv ? CLAMP (dm_timeline_x_for_time (self, s1), a0, x1) : x0;
  b0 = ev ? CLAMP (dm_timeline_x_for_time (self, e0), x0, x1) : x1;
  b1 = ev ? CLAMP (dm_timeline_x_for_time (self, e1), b0, x1) : x1;
  if (a1 > b0)
    a1 = b0 = (a1 + b0) / 2;
  /* one pixel beyond each end: the outline's half pixel fades with the rest */
  mask = cairo_pattern_create_linear (x0 - 1, 0, x1 + 1, 0);
  w += 2;
  cairo_pattern_add_color_stop_rgba (mask, (a0 - x0 + 1) / w, 0, 0, 0, sv ? faint : 1);
  cairo_pattern_add_color_stop_rgba (mask, (a1 - x0 + 1) / w, 0, 0, 0, 1);
  cairo_pattern_add_color_stop_rgba (mask, (b0 - x0 + 1) / w, 0, 0, 0, 1);
  cairo_pattern_add_color_stop_rgba (mask, (b1 - x0 + 1) / w, 0, 0, 0, ev ? faint : 1);
  cairo_pattern_set_extend (mask, CAIRO_EXTEND_PAD);
  *out = mask;
  return TRUE;
}

static void
draw_item (DmTimeline           *self,
           cairo_t              *cr,
           const DmTimelineItem *item,
           double                lane_h)
{
  DmActor *actor = item->lane < self->lanes->len ? g_ptr_array_index (self->lanes, item->lane) : NULL;
  double y = dm_timeline_lane_y (self, item->lane), mid = y + lane_h / 2;
  double x0 = dm_timeline_x_for_time (self, item->start);
  double x1 = MAX (dm_timeline_x_for_time (self, item->end), x0 + 2);
  DmRgba color = self->route_set != NULL ? dm_route_set_get_actor_color (self->route_set, actor)
                                         : dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1);
  double r = color.red, g = color.green, b = color.blue;
  GPtrArray *legs = dm_event_get_legs (item->event);
  gboolean selected = item->event == self->selected;
  DmStatus status = dm_event_get_status (item->event);
  cairo_pattern_t *mask = NULL;

  if (vague_mask (self, item, &mask))
    {
      /* the group as big as the item and its legs (the selection's outline is drawn after): a group of the whole timeline for each vague item was most
       * of drawing 100,000 generated events */
      double bx0 = x0, bx1 = x1;

      for (guint i = 0; legs != NULL && i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          double lx0 = dm_timeline_x_for_time (self, leg->start);

          bx0 = MIN (bx0, lx0);
          bx1 = MAX (bx1, MAX (dm_timeline_x_for_time (self, leg->end), lx0 + 3));
        }
      cairo_save (cr);
      cairo_rectangle (cr, floor (bx0) - 4, floor (y) - 2, ceil (bx1) - floor (bx0) + 8, ceil (lane_h) + 4);
      cairo_clip (cr);
      cairo_push_group (cr);
    }
  switch (dm_event_get_kind (item->event))
    {
    case DM_EVENT_KIND_TRIP:
      /* the line joining the legs, not through them: hollow legs stay hollow */
      cairo_save (cr);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_rectangle (cr, x0 - 1, y, x1 - x0 + 2, lane_h);
      for (guint i = 0; legs != NULL && i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          double lx0 = dm_timeline_x_for_time (self, leg->start);
          double lx1 = MAX (dm_timeline_x_for_time (self, leg->end), lx0 + 3);
          if (!leg->uncertain)
            cairo_rectangle (cr, lx0, mid - lane_h * 0.22, lx1 - lx0, lane_h * 0.44);
        }
      cairo_clip (cr);
      cairo_set_source_rgba (cr, r, g, b, 0.45);
      cairo_rectangle (cr, x0, mid - 0.5, x1 - x0, 1);
      cairo_fill (cr);
      cairo_restore (cr);
      for (guint i = 0; legs != NULL && i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          double lx0 = dm_timeline_x_for_time (self, leg->start);
          double lx1 = MAX (dm_timeline_x_for_time (self, leg->end), lx0 + 3);
          double ly = mid - lane_h * 0.22 + 0.5, lh = lane_h * 0.44 - 1;

          if (leg->uncertain)
            continue;
          cairo_rectangle (cr, lx0 + 0.5, ly, lx1 - lx0 - 1, lh);
          paint_status (cr, status, r, g, b, lx0 + 0.5, ly, lx1 - lx0 - 1, lh);
        }
      /* a leg of unknown time: a dotted outline over the whole window it may happen in */
      for (guint i = 0; legs != NULL && i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);
          const double dots[] = { 1.0, 2.0 };
          double lx0 = dm_timeline_x_for_time (self, leg->start);
          double lx1 = MAX (dm_timeline_x_for_time (self, leg->end), lx0 + 3);

          if (!leg->uncertain)
            continue;
          cairo_save (cr);
          cairo_set_dash (cr, dots, 2, 0);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, lx0 + 0.5, mid - lane_h * 0.22 + 0.5, lx1 - lx0 - 1, lane_h * 0.44 - 1);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      break;
    case DM_EVENT_KIND_VISIT:
      cairo_rectangle (cr, x0 + 0.5, y + 3.5, x1 - x0 - 1, lane_h - 7);
      paint_status (cr, status, r, g, b, x0 + 0.5, y + 3.5, x1 - x0 - 1, lane_h - 7);
      break;
    case DM_EVENT_KIND_SUMMIT:
    case DM_EVENT_KIND_MEETING:
    default:
      cairo_set_source_rgba (cr, r, g, b, 0.18);
      cairo_rectangle (cr, x0, y + 4, x1 - x0, lane_h - 8);
      cairo_fill (cr);
      {
        double d = lane_h * (dm_event_get_kind (item->event) == DM_EVENT_KIND_SUMMIT ? 0.36 : 0.26);

        draw_diamond (cr, (x0 + x1) / 2, mid, d);
        paint_status (cr, status, r, g, b, (x0 + x1) / 2 - d / 2, mid - d / 2, d, d);
      }
      break;
    }
  if (mask != NULL)
    {
      cairo_pop_group_to_source (cr);
      cairo_mask (cr, mask);
      cairo_pattern_destroy (mask);
      cairo_restore (cr);
    }
  if (selected)
    {
      cairo_set_source_rgb (cr, 0x1c / 255., 0x71 / 255., 0xd8 / 255.);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, x0 - 3, y + 1, x1 - x0 + 6, lane_h - 2);
      cairo_stroke (cr);
    }
}

/* The axis' line and the names' edge, over everything: the axis' line between @x0 and @x1 */
static void
draw_separators (cairo_t       *cr,
                 double         width,
                 double         height,
                 const GdkRGBA *fg,
                 double         x0,
                 double         x1)
{
  set_rgba (cr, fg, 0.2);
  x0 = MAX (x0, 0);
  x1 = MIN (x1, width);
  if (x1 > x0)
    cairo_rectangle (cr, x0, DM_TIMELINE_AXIS_HEIGHT - 1, x1 - x0, 1);
  if (x0 == 0)
    cairo_rectangle (cr, DM_TIMELINE_LABEL_WIDTH - 1, 0, 1, height);
  cairo_fill (cr);
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* The indices of the items in the lanes in view, in the items' order (the order they are
 * drawn in, as when every item was visited): a few lanes of many */
static GArray *
in_view (DmTimeline *self,
         double      height,
         double      lane_h)
{
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_lanes = 0;

  for (guint l = 0; l < self->lanes->len; l++)
    {
      double y = dm_timeline_lane_y (self, l);
      guint from = g_array_index (self->lane_starts, guint, l);
      guint to = g_array_index (self->lane_starts, guint, l + 1);

      if (y + lane_h < DM_TIMELINE_AXIS_HEIGHT || y > height || to == from)
        continue;
      g_array_append_vals (shown, &g_array_index (self->lane_items, guint, from), to - from);
      n_lanes++;
    }
  if (n_lanes > 1)
    g_array_sort (shown, compare_uints);
  return shown;
}

/* The items in view from the @from-th to before the @to-th, in their order */
static void
draw_items (DmTimeline *self,
            cairo_t    *cr,
            guint       from,
            guint       to,
            double      right,
            double      lane_h)
{
  for (guint k = from; k < to; k++)
    {
      const DmTimelineItem *item = &g_array_index (self->items, DmTimelineItem,
                                                   g_array_index (self->items_shown, guint, k));

      if (dm_timeline_x_for_time (self, item->end) < DM_TIMELINE_LABEL_WIDTH - 10 ||
          dm_timeline_x_for_time (self, item->start) > right + 10)
        continue;
      draw_item (self, cr, item, lane_h);
    }
}

static gboolean
draw_more_cb (gpointer data)
{
  DmTimeline *self = data;

  self->items_idle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The time a frame draws items for at most, checked every SLICE_STEP items */
#define SLICE_US   (10 * 1000)
#define SLICE_STEP 50

/* More items than a slice in view (the 17,000 of 100,000 generated events' 8 lanes took
 * 100 ms and more): drawn into a surface of their own, a slice a frame (at most
 * @items_slice items and 10 ms), in their order; the
 * still picture shows the surface as far as it is. Fewer: drawn with the rest (@items_surface
 * stays NULL). The same drawing either way, composited once more: a channel may differ by
 * one step of 255 where items overlap. */
static void
draw_items_slice (DmTimeline *self,
                  double      width,
                  double      height,
                  double      right)
{
  double lane_h = dm_timeline_lane_height (self);
  guint to = MIN (self->items_done + self->items_slice, self->items_shown->len);
  gint64 until = g_get_monotonic_time () + SLICE_US;
  guint k;
  cairo_t *cr;

  if (self->items_surface == NULL)
    {
      /* as sharp as the screen */
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

      self->items_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width) * scale,
                                                        (int) ceil (height) * scale);
      cairo_surface_set_device_scale (self->items_surface, scale, scale);
    }
  cr = cairo_create (self->items_surface);
  /* the clips of the still picture's items */
  cairo_rectangle (cr, DM_TIMELINE_LABEL_WIDTH, 0, right - DM_TIMELINE_LABEL_WIDTH, height);
  cairo_clip (cr);
  cairo_rectangle (cr, 0, DM_TIMELINE_AXIS_HEIGHT, width, height - DM_TIMELINE_AXIS_HEIGHT);
  cairo_clip (cr);
  /* at most a slice of items, and of time: a busy machine draws fewer a frame */
  for (k = self->items_done; k < to; k += SLICE_STEP)
    {
      draw_items (self, cr, k, MIN (k + SLICE_STEP, to), right, lane_h);
      if (g_get_monotonic_time () > until)
        {
          to = MIN (k + SLICE_STEP, to);
          break;
        }
    }
  cairo_destroy (cr);
  cairo_surface_flush (self->items_surface);
  self->items_done = to;
  if (to < self->items_shown->len && self->items_idle_id == 0)
    {
      self->items_idle_id = g_idle_add (draw_more_cb, self);
      g_source_set_name_by_id (self->items_idle_id, "[diplomap] timeline draw_more_cb");
    }
}

/* Everything but the playhead: lanes, names, the axis, the events, a range being dragged */
static void
draw_still (DmTimeline *self,
            cairo_t    *cr,
            double      width,
            double      height,
            double      right,
            const GdkRGBA *fg)
{
  double lane_h = dm_timeline_lane_height (self);

  /* Lanes, scrolled under the axis */
  cairo_save (cr);
  cairo_rectangle (cr, 0, DM_TIMELINE_AXIS_HEIGHT, width, height - DM_TIMELINE_AXIS_HEIGHT);
  cairo_clip (cr);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      DmActor *actor = g_ptr_array_index (self->lanes, i);
      double y = dm_timeline_lane_y (self, i);

      if (y + lane_h < DM_TIMELINE_AXIS_HEIGHT || y > height)
        continue;
      if (i % 2 == 0)
        {
          set_rgba (cr, fg, 0.04);
          cairo_rectangle (cr, 0, y, width, lane_h);
          cairo_fill (cr);
        }
      draw_label (self, cr, actor != NULL ? dm_actor_get_name (actor) : _("Others"),
                  6, y + (lane_h - 15) / 2, DM_TIMELINE_LABEL_WIDTH - 10, fg, 0.85);
    }
  cairo_restore (cr);

  /* A file of places without dates: no axis at 1 January 1970, no playhead, but words */
  if (self->items->len == 0)
    {
      g_autoptr(PangoLayout) layout = new_label_layout (self, _("No dates"));
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      set_rgba (cr, fg, 0.55);
      cairo_move_to (cr, DM_TIMELINE_LABEL_WIDTH + MAX (0, (right - DM_TIMELINE_LABEL_WIDTH - tw) / 2),
                     MAX (0, (height - th) / 2));
      pango_cairo_show_layout (cr, layout);
      set_rgba (cr, fg, 0.2);
      cairo_rectangle (cr, DM_TIMELINE_LABEL_WIDTH - 1, 0, 1, height);
      cairo_fill (cr);
      return;
    }

  /* Time: the axis stays, the events scroll with their lanes */
  cairo_save (cr);
  cairo_rectangle (cr, DM_TIMELINE_LABEL_WIDTH, 0, right - DM_TIMELINE_LABEL_WIDTH, height);
  cairo_clip (cr);
  draw_ticks (self, cr, width, height, fg);
  cairo_save (cr);
  cairo_rectangle (cr, 0, DM_TIMELINE_AXIS_HEIGHT, width, height - DM_TIMELINE_AXIS_HEIGHT);
  cairo_clip (cr);
  if (self->items_surface != NULL)
    {
      /* drawn in slices (dm_timeline_draw()): as far as they are, or their last whole
       * picture until they are whole */
      cairo_set_source_surface (cr, self->items_backdrop ? self->items_backdrop : self->items_surface, 0, 0);
      cairo_paint (cr);
    }
  else
    draw_items (self, cr, 0, self->items_shown->len, right, lane_h);
  cairo_restore (cr);

  /* A date range being dragged (Shift+drag): a band of the accent colour */
  if (self->range_drag && self->dragged)
    {
      double x0 = dm_timeline_x_for_time (self, MIN (self->range_start, self->range_end));
      double x1 = dm_timeline_x_for_time (self, MAX (self->range_start, self->range_end));

      cairo_set_source_rgba (cr, 0x35 / 255., 0x84 / 255., 0xe4 / 255., 0.25);
      cairo_rectangle (cr, x0, 0, MAX (x1 - x0, 1), height);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0x35 / 255., 0x84 / 255., 0xe4 / 255., 0.9);
      cairo_rectangle (cr, x0, 0, 1, height);
      cairo_rectangle (cr, x1 - 1, 0, 1, height);
      cairo_fill (cr);
    }
  cairo_restore (cr);
  draw_separators (cr, width, height, fg, 0, width);
}

/* The playhead, in a node of its own around it: a frame of playback redraws only that */
static void
snapshot_playhead (DmTimeline    *self,
                   GtkSnapshot   *snapshot,
                   double         width,
                   double         height,
                   double         right,
                   const GdkRGBA *fg)
{
  double px = round (dm_timeline_x_for_time (self, self->time)) + 0.5;
  double x0 = MAX (floor (px) - 8, DM_TIMELINE_LABEL_WIDTH), x1 = MIN (ceil (px) + 8, right);
  cairo_t *cr;

  if (x1 <= x0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, 0, x1 - x0, height));
  cairo_rectangle (cr, DM_TIMELINE_LABEL_WIDTH, 0, right - DM_TIMELINE_LABEL_WIDTH, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0xe0 / 255., 0x1b / 255., 0x24 / 255.);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, px, 0);
  cairo_line_to (cr, px, height);
  cairo_stroke (cr);
  /* Its handle sits in the axis, below the band where the window's divider takes the
   * pointer (GtkPaned widens its handle by a few pixels): dragging it scrubs */
  cairo_move_to (cr, px - 6, DM_TIMELINE_HANDLE_TOP);
  cairo_line_to (cr, px + 6, DM_TIMELINE_HANDLE_TOP);
  cairo_line_to (cr, px + 6, DM_TIMELINE_HANDLE_TOP + 5);
  cairo_line_to (cr, px, DM_TIMELINE_HANDLE_TOP + 10);
  cairo_line_to (cr, px - 6, DM_TIMELINE_HANDLE_TOP + 5);
  cairo_close_path (cr);
  cairo_fill (cr);
  /* The axis' line lies over the playhead, as over everything */
  draw_separators (cr, width, height, fg, floor (px) - 2, ceil (px) + 2);
  cairo_destroy (cr);
}

void
dm_timeline_draw (DmTimeline  *self,
                  GtkSnapshot *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double right = dm_timeline_axis_end (self);
  gboolean moved;
  GdkRGBA fg;
  cairo_t *cr;

  if (right <= DM_TIMELINE_LABEL_WIDTH || height <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The still picture is drawn again only when something in it changed (not the time); the
   * items in it only when something they show changed (not a range being dragged) */
  moved = self->still_node == NULL || self->still_width != width ||
          self->still_height != height || self->still_right != right ||
          self->still_view_start != self->view_start || self->still_view_end != self->view_end ||
          self->still_scroll != gtk_adjustment_get_value (self->vadjustment);
  if (moved || self->items_dirty)
    {
      /* Items in place marked otherwise (a selection, colours): the whole picture of them
       * stays until the new one is whole, rather than the lanes filling again */
      if (moved)
        g_clear_pointer (&self->items_backdrop, cairo_surface_destroy);
      else if (self->items_surface != NULL && self->items_done == self->items_shown->len)
        {
          g_clear_pointer (&self->items_backdrop, cairo_surface_destroy);
          self->items_backdrop = g_steal_pointer (&self->items_surface);
        }
      g_clear_handle_id (&self->items_idle_id, g_source_remove);
      g_clear_pointer (&self->items_surface, cairo_surface_destroy);
      g_clear_pointer (&self->items_shown, g_array_unref);
      self->items_shown = in_view (self, height, dm_timeline_lane_height (self));
      self->items_done = 0;
      self->items_dirty = FALSE;
      self->still_dirty = TRUE;
    }
  if (self->items_done < self->items_shown->len && self->items_shown->len > self->items_slice)
    {
      draw_items_slice (self, width, height, right);
      self->still_dirty = TRUE;
    }
  if (self->items_shown->len <= self->items_slice || self->items_done == self->items_shown->len)
    g_clear_pointer (&self->items_backdrop, cairo_surface_destroy);
  if (self->still_node == NULL || self->still_dirty || self->still_width != width ||
      self->still_height != height || self->still_right != right ||
      self->still_view_start != self->view_start || self->still_view_end != self->view_end ||
      self->still_scroll != gtk_adjustment_get_value (self->vadjustment) ||
      !gdk_rgba_equal (&self->still_fg, &fg))
    {
      g_clear_pointer (&self->still_node, gsk_render_node_unref);
      self->still_node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
      cr = gsk_cairo_node_get_draw_context (self->still_node);
      draw_still (self, cr, width, height, right, &fg);
      cairo_destroy (cr);
      self->still_dirty = FALSE;
      self->still_width = width;
      self->still_height = height;
      self->still_right = right;
      self->still_view_start = self->view_start;
      self->still_view_end = self->view_end;
      self->still_scroll = gtk_adjustment_get_value (self->vadjustment);
      self->still_fg = fg;
      self->n_still_draws++;
    }
  gtk_snapshot_append_node (snapshot, self->still_node);
  /* A file of places without dates has no playhead */
  if (self->items->len > 0)
    snapshot_playhead (self, snapshot, width, height, right, &fg);
  /* The focus ring is CSS's (timeline:focus-visible in style.css): shown only when the
   * focus came from the keyboard */
}
