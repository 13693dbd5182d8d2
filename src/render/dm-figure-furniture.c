/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "dm-figure-private.h"
#include "dm-great-circle.h"
#include "dm-route-private.h"
#include "dm-text.h"

/* What frames the map: title and time caption above, legend and scale bar on it,
 * attribution and sources below. */

#define INK        0x1a1a1a
#define INK_SOFT   0x555555
#define INK_FAINT  0x6b6b6b

/* "Moscow 15:00 MSK", with the date when it differs from the day in UTC */
static char *
format_local (DmPlace   *place,
              gint64     t,
              GDateTime *utc)
{
  GTimeZone *zone = dm_place_get_zone (place);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *clock = NULL;

  if (zone == NULL)
    return NULL;
  local = g_date_time_new_from_unix_utc (t);
  if (local == NULL)
    return NULL;
  {
    GDateTime *in_zone = g_date_time_to_timezone (local, zone);
    g_date_time_unref (local);
    local = in_zone;
  }
  /* Translators: a time of day in a place's time zone, see the strftime manual */
  clock = g_date_time_format (local, C_("caption time", "%H:%M %Z"));
  if (g_date_time_get_day_of_year (local) != g_date_time_get_day_of_year (utc))
    {
      /* Translators: a day, see the strftime manual */
      g_autofree char *day = g_date_time_format (local, C_("caption date", "%-d %B"));
      /* Translators: a place, its local time and, when it differs from the UTC day, its date:
       * "Tokyo 07:00 JST (30 October)" */
      return g_strdup_printf (_("%s %s (%s)"), dm_place_get_name (place), clock, g_strstrip (day));
    }
  /* Translators: a place and its local time: "Moscow 15:00 MSK" */
  return g_strdup_printf (_("%s %s"), dm_place_get_name (place), clock);
}

/**
 * dm_figure_dup_caption:
 * The time caption: the moment in UTC, then in the local time of the places that matter then.
 * Returns: (nullable): %NULL when the documents have no times
 */
char *
dm_figure_dup_caption (DmFigure *self,
                       gint64    t)
{
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *when = NULL;

  if (!dm_document_get_extent (self->document, NULL, NULL))
    return NULL;
  utc = g_date_time_new_from_unix_utc (t);
  if (utc == NULL)
    return NULL;
  /* Translators: the moment a figure shows, in UTC, see the strftime manual */
  when = g_date_time_format (utc, C_("caption date", "%A %-d %B %Y, %H:%M UTC"));
  text = g_string_new (g_strstrip (when));
  places = dm_route_set_dup_places_at (self->set, t, 3);
  for (guint i = 0; i < places->len; i++)
    {
      g_autofree char *local = format_local (g_ptr_array_index (places, i), t, utc);
      if (local != NULL)
        g_string_append_printf (text, "  ·  %s", local);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * dm_figure_dup_footer:
 * The paragraphs under the map: where the map and the places come from, then the events'
 * sources.
 */
GPtrArray *
dm_figure_dup_footer (DmFigure *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = dm_route_set_dup_sources (self->set);

  g_ptr_array_add (out, g_strdup (_("Map: Natural Earth (public domain). Places: GeoNames "
                                    "(CC BY 4.0), world-countries (ODbL 1.0), libgweather. "
                                    "Made with Diplomap.")));
  if (self->show_sources && sources->len > 0)
    {
      g_autoptr(GString) s = g_string_new (_("Sources:"));
      for (guint i = 0; i < sources->len; i++)
        {
          /* Translators: between two sources of a figure, "Reuters; Le Monde" (French puts a
           * narrow no-break space before it) */
          if (i > 0)
            g_string_append (s, C_("list separator", ";"));
          g_string_append_printf (s, " %s", (char *) g_ptr_array_index (sources, i));
        }
      g_string_append_c (s, '.');
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&s), FALSE));
    }
  return out;
}

void
dm_figure_draw_header (DmFigure             *self,
                       cairo_t              *cr,
                       const DmFigureLayout *l)
{
  DmRgba ink = dm_rgba_from_hex (INK, 1.0f), soft = dm_rgba_from_hex (INK_SOFT, 1.0f);
  double y = l->pad * 0.9, size;

  size = l->title_size;
  for (guint i = 0; i < l->title_lines->len; i++)
    {
      dm_text_draw (cr, g_ptr_array_index (l->title_lines, i), l->pad, y + size * 0.92, size,
                    DM_TEXT_BOLD, &ink, NULL);
      y += size * 1.18;
    }
  size = l->caption_size;
  for (guint i = 0; i < l->caption_lines->len; i++)
    {
      dm_text_draw (cr, g_ptr_array_index (l->caption_lines, i), l->pad, y + size * 1.05, size,
                    DM_TEXT_REGULAR, &soft, NULL);
      y += size * 1.35;
    }
}

void
dm_figure_draw_footer (DmFigure             *self,
                       cairo_t              *cr,
                       const DmFigureLayout *l)
{
  DmRgba faint = dm_rgba_from_hex (INK_FAINT, 1.0f);
  double size = l->footer_size, y = l->map_y + l->map_h + l->pad * 0.35;

  for (guint i = 0; i < l->footer_lines->len; i++)
    {
      dm_text_draw (cr, g_ptr_array_index (l->footer_lines, i), l->pad, y + size * 1.05, size,
                    DM_TEXT_REGULAR, &faint, NULL);
      y += size * 1.35;
    }
}

typedef enum
{
  SWATCH_LINE,
  SWATCH_MARKER,
  SWATCH_STAY,
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

static void
add_entry (GArray      *entries,
           SwatchKind   kind,
           DmRgba       color,
           DmStatus     status,
           const char  *label)
{
  Entry e = { kind, color, status, FALSE, FALSE, 1.0, DM_EVENT_KIND_VISIT, g_strdup (label) };

  g_array_append_val (entries, e);
}

static GArray *
legend_entries (DmFigure           *self,
                const DmRouteStyle *style,
                gint64              t,
                guint              *n_actors)
{
  g_autofree gboolean *shown = NULL;
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  DmRouteSet *set = self->set;
  DmRouteUse uses = dm_route_set_get_uses (set), active = 0;
  DmRgba grey = dm_rgba_from_hex (0x555555, 1.0f);
  gboolean future = FALSE, in_air = FALSE;

  g_array_set_clear_func (entries, entry_clear);
  /* actors with a leg, or in a stay shown now: a line of their colour means something */
  shown = g_new0 (gboolean, set->actors->len + 1);
  for (guint i = 0; i < set->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);
      future |= leg->end > t;
      in_air |= leg->start <= t && t < leg->end;
      if (leg->actor < set->actors->len)
        shown[leg->actor] = TRUE;
    }
  for (guint i = 0; i < set->stays->len; i++)
    {
      const DmRouteStay *s = &g_array_index (set->stays, DmRouteStay, i);
      GPtrArray *parts = dm_event_get_participants (s->event);

      if (!(s->start <= t && t < s->end))
        continue;
      active |= s->kind == DM_EVENT_KIND_SUMMIT ? DM_ROUTE_USE_SUMMIT
              : s->kind == DM_EVENT_KIND_MEETING ? DM_ROUTE_USE_MEETING : DM_ROUTE_USE_VISIT;
      for (guint a = 0; a < set->actors->len; a++)
        if (a == s->actor || g_ptr_array_find (parts, g_ptr_array_index (set->actors, a), NULL))
          shown[a] = TRUE;
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
    {
      add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED, _("Date of travel not known"));
      g_array_index (entries, Entry, entries->len - 1).uncertain = TRUE;
    }
  if (uses & DM_ROUTE_USE_INFERRED)
    {
      add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED, _("Inferred leg"));
      g_array_index (entries, Entry, entries->len - 1).inferred = TRUE;
    }
  if (uses & DM_ROUTE_USE_CANCELLED)
    add_entry (entries, SWATCH_LINE, style->cancelled, DM_STATUS_CANCELLED, _("Cancelled"));
  if (future && style->future == DM_ROUTE_FUTURE_FAINT)
    {
      add_entry (entries, SWATCH_LINE, grey, DM_STATUS_COMPLETED, _("Still to come"));
      g_array_index (entries, Entry, entries->len - 1).alpha = style->future_alpha;
    }
  if (in_air)
    add_entry (entries, SWATCH_MARKER, grey, DM_STATUS_COMPLETED, _("Under way"));
  if (active & DM_ROUTE_USE_VISIT)
    add_entry (entries, SWATCH_STAY, grey, DM_STATUS_COMPLETED, _("Visit"));
  if (active & DM_ROUTE_USE_MEETING)
    {
      add_entry (entries, SWATCH_STAY, grey, DM_STATUS_COMPLETED, _("Meeting"));
      g_array_index (entries, Entry, entries->len - 1).stay = DM_EVENT_KIND_MEETING;
    }
  if (active & DM_ROUTE_USE_SUMMIT)
    {
      add_entry (entries, SWATCH_STAY, grey, DM_STATUS_COMPLETED, _("Summit"));
      g_array_index (entries, Entry, entries->len - 1).stay = DM_EVENT_KIND_SUMMIT;
    }
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
  g_autoptr(GArray) entries = legend_entries (self, style, dm_figure_get_time (self), &n_actors);
  DmRgba ink = dm_rgba_from_hex (INK, 1.0f);
  double size = l->legend_size, row = size * 1.6, sw = size * 2.4, gap = size * 0.6;
  double pad = size * 0.8, text_w = 0, w, h, margin = 14 * l->u, x = margin, y = margin;
  guint best = G_MAXUINT;

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
      guint crowd = crowding (self, &l->view, cx, cy, cx + w, cy + h);
      if (crowd < best || (crowd == best && c == 2))
        best = crowd, *corner = c, x = cx, y = cy;
    }
  rect[0] = x, rect[1] = y, rect[2] = x + w, rect[3] = y + h;
  if (!draw)
    return TRUE;

  cairo_save (cr);
  dm_text_recorder_occlude (cr, x, y, w, h);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
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

/* 1, 2 or 5 times a power of ten, at most @max */
static double
round_length (double max)
{
  double p = pow (10.0, floor (log10 (max)));

  if (5 * p <= max)
    return 5 * p;
  if (2 * p <= max)
    return 2 * p;
  return p;
}

void
dm_figure_draw_scale_bar (DmFigure             *self,
                          cairo_t              *cr,
                          const DmFigureLayout *l,
                          int                   corner)
{
  DmRgba ink = dm_rgba_from_hex (INK, 1.0f), halo = dm_rgba_from_hex (0xffffff, 0.85f);
  const DmView *v = &l->view;
  double cx = v->width / 2, cy = v->height / 2, probe = 50.0, size = 12.0 * MAX (l->u, 0.7);
  double lon0, lat0, lon1, lat1, km_per_px, km, px, x, y, h = 5 * MAX (l->u, 0.7);
  double margin = 14 * l->u, vl0, va0, vl1, va1;
  g_autofree char *label = NULL;
  DmLonLat a, b;

  if (!dm_view_unproject (v, cx - probe, cy, &lon0, &lat0) ||
      !dm_view_unproject (v, cx + probe, cy, &lon1, &lat1))
    return;
  a.lon = lon0, a.lat = lat0, b.lon = lon1, b.lat = lat1;
  km_per_px = dm_great_circle_distance_km (a, b) / (2 * probe);
  if (!(km_per_px > 0))
    return;
  km = round_length (160.0 * MAX (l->u, 0.7) * km_per_px);
  px = km / km_per_px;

  dm_view_get_visible (v, &vl0, &va0, &vl1, &va1);
  if (va1 - va0 > 20.0)
    /* Translators: a scale bar's length, true at a latitude: "1000 km at 45°N" */
    label = g_strdup_printf (_("%g km at %.0f°%s"), km, fabs (lat0),
                             lat0 >= 0 ? C_("latitude", "N") : C_("latitude", "S"));
  else
    /* Translators: a scale bar's length */
    label = g_strdup_printf (_("%g km"), km);

  /* bottom right, or bottom left when the legend is there */
  x = corner == 3 ? margin : v->width - margin - px;
  y = v->height - margin - h;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, px / 2, h);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_fill (cr);
  cairo_rectangle (cr, x + 0.5, y + 0.5, px - 1, h - 1);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  cairo_rectangle (cr, x + px / 2, y + 1, px / 2 - 1, h - 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  dm_text_draw (cr, label, x, y - size * 0.45, size, DM_TEXT_REGULAR, &ink, &halo);
  cairo_restore (cr);
}
