/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

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
  Entry e = { kind, color, status, FALSE, FALSE, 1.0, DM_EVENT_KIND_VISIT, g_strdup (label) };

  g_array_append_val (entries, e);
  return &g_array_index (entries, Entry, entries->len - 1);
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
      GPtrArray *parts = dm_event_get_participants (s->event);

      if (!stay_is_on_during (s, t0, t1))
        continue;
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

/* What the legend lists from @t0 to @t1: everything that appears at some time of the range,
 * so that a clip's legend is the same on every frame */
static GArray *
legend_entries (DmFigure           *self,
                const DmRouteStyle *style,
                gint64              t0,
                gint64              t1,
                guint              *n_actors)
{
  g_autofree gboolean *shown = NULL;
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  DmRouteSet *set = self->set;
  DmRouteUse uses = dm_route_set_get_uses (set), active = 0;
  DmRgba grey = dm_rgba_from_hex (0x555555, 1.0f);
  gboolean future = FALSE, in_air = FALSE;

  g_array_set_clear_func (entries, entry_clear);
  shown = legend_actors (set, t0, t1);
  for (guint i = 0; i < set->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);
      future |= leg->end > t0;
      /* a leg of unknown time flies no marker, nor does a cancelled one */
      in_air |= leg->start <= t1 && t0 < leg->end && !leg->uncertain &&
                leg->status != DM_STATUS_CANCELLED;
    }
  for (guint i = 0; i < set->stays->len; i++)
    {
      const DmRouteStay *s = &g_array_index (set->stays, DmRouteStay, i);

      if (stay_is_on_during (s, t0, t1))
        active |= s->kind == DM_EVENT_KIND_SUMMIT ? DM_ROUTE_USE_SUMMIT
                : s->kind == DM_EVENT_KIND_MEETING ? DM_ROUTE_USE_MEETING : DM_ROUTE_USE_VISIT;
    }
  for (guint i = 0; i < set->actors->len; i++)
    if (shown[i])
      add_entry (entries, SWATCH_LINE, g_array_index (set->colors, DmRgba, i), DM_STATUS_COMPLETED,
                 dm_actor_get_name (g_ptr_array_index (set->actors, i)));
  *n_actors = entries->len;

  if ((uses & DM_ROUTE_USE_SOLID) && (uses & ~DM_ROUTE_USE_SOLID & 0x1f))
    add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED, _("Confirmed or completed"));
  if (uses & DM_ROUTE_USE_DASHED)
    add_entry (entries, SWATCH_LINE, grey, DM_STATUS_PLANNED, _("Announced or planned"));
  if (uses & DM_ROUTE_USE_UNCERTAIN)
    add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED,
               _("Date of travel not known"))->uncertain = TRUE;
  if (uses & DM_ROUTE_USE_INFERRED)
    add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED,
               _("Inferred leg"))->inferred = TRUE;
  if (uses & DM_ROUTE_USE_CANCELLED)
    add_entry (entries, SWATCH_LINE, style->cancelled, DM_STATUS_CANCELLED, _("Cancelled"));
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
  if (uses & DM_ROUTE_USE_COUNTRY)
    add_entry (entries, SWATCH_COUNTRY, style->label, DM_STATUS_COMPLETED,
               _("Country only, city not known"));
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
      const double *dashes;
      double scaled[4], width = style->line_width;
      guint n;

      dashes = dm_route_status_dashes (e->status, e->uncertain, &n);
      for (guint i = 0; i < n; i++)
        scaled[i] = dashes[i] * width;
      cairo_set_dash (cr, scaled, (int) n, 0);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + w, y);
      cairo_set_line_width (cr, e->inferred ? width * 1.5 : width);
      dm_cairo_set_rgba (cr, &e->color, e->alpha);
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
          cairo_move_to (cr, cx - r, y - r), cairo_line_to (cr, cx + r, y + r);
          cairo_move_to (cr, cx + r, y - r), cairo_line_to (cr, cx - r, y + r);
          cairo_stroke (cr);
        }
    }
  else if (e->kind == SWATCH_COUNTRY)
    dm_route_draw_country_ring (cr, style, x + w / 2, y);
  else if (e->kind == SWATCH_MARKER)
    {
      cairo_arc (cr, x + w / 2, y, style->marker_radius, 0, 2 * G_PI);
      dm_cairo_set_rgba (cr, &e->color, 1.0);
      cairo_fill (cr);
    }
  else
    {
      double r = style->stay_radius * 0.85;
      dm_route_stay_shape (cr, e->stay, x + w / 2, y, r);
      if (e->stay == DM_EVENT_KIND_VISIT)
        {
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, r * 0.55);
          dm_cairo_set_rgba (cr, &e->color, 1.0);
          cairo_stroke (cr);
        }
      else
        {
          dm_cairo_set_rgba (cr, &e->color, 0.9);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

/* How much of the routes a box on the map would hide: points of legs and places inside it */
static guint
crowding (DmFigure     *self,
          const DmView *view,
          double        x0,
          double        y0,
          double        x1,
          double        y1)
{
  DmRouteSet *set = self->set;
  guint n = set->points->len, step = MAX (1, n / 20000), count = 0;
  double clon, clat;

  dm_view_unproject (view, view->width / 2, view->height / 2, &clon, &clat);
  for (guint i = 0; i < n + set->places->len; i += i < n ? step : 1)
    {
      DmLonLat p = i < n ? g_array_index (set->points, DmLonLat, i)
                         : g_array_index (set->places, DmRoutePlace, i - n).pos;
      double px, py, lon = p.lon + 360.0 * round ((clon - p.lon) / 360.0);

      lon = dm_view_wrap_lon (view, lon);
      dm_view_project (view, lon, p.lat, &px, &py);
      if (px >= x0 && px <= x1 && py >= y0 && py <= y1)
        count += i < n ? step : 8;
    }
  return count;
}

/**
 * dm_figure_draw_legend:
 * @draw: %FALSE to only say where the legend goes
 * @rect: (out): the legend's box in the map area (x0, y0, x1, y1)
 * @corner: (out): the corner of the map taken (0 top left, 1 top right, 2 bottom left,
 *   3 bottom right): the one where the legend hides the fewest routes
 * Returns: %FALSE when there is no legend (nothing to show or no room)
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
  DmRgba ink = dm_rgba_from_hex (DM_FIGURE_INK, 1.0f);
  double size = l->legend_size, row = size * 1.6, sw = size * 2.4, gap = size * 0.6;
  double pad = size * 0.8, text_w = 0, w, h, margin = 14 * l->u, x = margin, y = margin;
  guint best = G_MAXUINT;

  dm_figure_get_clip_range (self, &t0, &t1);
  entries = legend_entries (self, style, t0, t1, &n_actors);
  if (entries->len == 0)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    text_w = MAX (text_w, dm_text_width (cr, g_array_index (entries, Entry, i).label, size,
                                         DM_TEXT_REGULAR));
  w = pad * 2 + sw + gap + text_w;
  h = pad * 2 + row * entries->len + (n_actors > 0 && n_actors < entries->len ? gap : 0);
  if (w > l->map_w * 0.6 || h > l->map_h - 2 * margin)
    return FALSE;

  for (int c = 3; c >= 0; c--)
    {
      double cx = c % 2 ? l->map_w - margin - w : margin;
      double cy = c >= 2 ? l->map_h - margin - h : margin;
      guint crowd;

      if (self->legend_corner >= 0 && c != self->legend_corner)
        continue;
      crowd = crowding (self, &l->view, cx, cy, cx + w, cy + h);
      if (crowd < best || (crowd == best && c == 2))
        best = crowd, *corner = c, x = cx, y = cy;
    }
  rect[0] = x, rect[1] = y, rect[2] = x + w, rect[3] = y + h;
  if (!draw)
    return TRUE;

  cairo_save (cr);
  dm_text_recorder_occlude (cr, x, y, w, h);
  cairo_rectangle (cr, x, y, w, h);
  /* opaque: nothing of the map shows through */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      double ry = y + pad + row * i + row / 2 + (i >= n_actors && n_actors > 0 ? gap : 0);
      draw_swatch (cr, style, e, x + pad, ry, sw);
      dm_text_draw (cr, e->label, x + pad + sw + gap, ry + size * 0.36, size, DM_TEXT_REGULAR,
                    &ink, NULL);
    }
  cairo_restore (cr);
  return TRUE;
}
