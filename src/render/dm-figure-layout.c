/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dm-antimeridian.h"
#include "dm-basemap.h"
#include "dm-figure-private.h"
/* the figure's texts are in the figure's language */
#define DM_I18N_THREAD_MESSAGES
#include "dm-i18n.h"
#include "dm-route-private.h"
#include "dm-text.h"

/* The figure's layout (a white header with the title and the time, the map, a white footer
 * with attribution and sources) and its drawing, in that order. */

#define MAX_TITLE_LINES 2
#define MAX_FOOTER_LINES 4
#define MAX_NOTE_ROWS 6   /* footnotes: rows of each of the two columns */
#define MAX_CAPTION_LINES 2

void
dm_figure_layout_clear (DmFigureLayout *layout)
{
  g_clear_pointer (&layout->title_lines, g_ptr_array_unref);
  g_clear_pointer (&layout->caption_lines, g_ptr_array_unref);
  g_clear_pointer (&layout->footer_lines, g_ptr_array_unref);
  g_clear_pointer (&layout->note_lines, g_ptr_array_unref);
  g_clear_pointer (&layout->note_urls, g_ptr_array_unref);
}

static void
limit_lines (GPtrArray *lines,
             guint      max)
{
  if (lines->len <= max)
    return;
  g_ptr_array_set_size (lines, max);
  {
    char **last = (char **) &g_ptr_array_index (lines, max - 1);
    char *cut = g_strconcat (*last, " …", NULL);
    g_free (*last);
    *last = cut;
  }
}

/**
 * dm_figure_lay_out_notes:
 * The footnotes in two columns of @text_w in all, into @l (its pad and footer size set): each
 * note cut to one line of a column (between graphemes), as many rows as they need up to
 * MAX_NOTE_ROWS; the notes past those are counted in the last line ("+3 more sources"), never
 * silently dropped. A figure under its map, the small multiples once under the grid.
 */
void
dm_figure_lay_out_notes (DmFigure       *self,
                         cairo_t        *cr,
                         DmFigureLayout *l,
                         double          text_w)
{
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(GPtrArray) notes = dm_figure_dup_footnotes (self, &urls, NULL);
  guint max = MAX_NOTE_ROWS * 2;

  l->note_lines = g_ptr_array_new_with_free_func (g_free);
  l->note_urls = g_ptr_array_new_with_free_func (g_free);
  l->note_col_w = (text_w - l->pad) / 2;
  for (guint i = 0; i < notes->len && i < max; i++)
    {
      const char *note = g_ptr_array_index (notes, i);
      g_autofree char *more = NULL;

      if (i == max - 1 && notes->len > max)
        {
          guint hidden = notes->len - max + 1;
          /* Translators: the last footnote of a figure, for the sources there was no room for */
          more = g_strdup_printf (ngettext ("+%u more source", "+%u more sources",
                                               hidden), hidden);
          note = more;
        }
      g_ptr_array_add (l->note_urls, more == NULL ? g_strdup (g_ptr_array_index (urls, i)) : NULL);
      if (more == NULL)
        l->note_numbered++;
      g_ptr_array_add (l->note_lines,
                       dm_text_ellipsize (cr, note, l->footer_size, DM_TEXT_REGULAR, l->note_col_w));
    }
  l->note_rows = (l->note_lines->len + 1) / 2;
}

static void
fit_view (DmFigure     *self,
          DmView       *view,
          DmProjection  projection,
          double        w,
          double        h,
          double        margin)
{
  double x0, y0, x1, y1;

  if (!dm_figure_get_route_bounds (self, &x0, &y0, &x1, &y1))
    {
      dm_view_init_world (view, projection, w, h, margin);
      return;
    }
  /* at least 8 degrees either way, so one city does not fill the page */
  if (x1 - x0 < 8.0)
    {
      double c = (x0 + x1) / 2;
      x0 = c - 4.0, x1 = c + 4.0;
    }
  if (y1 - y0 < 6.0)
    {
      double c = (y0 + y1) / 2;
      y0 = c - 3.0, y1 = c + 3.0;
    }
  if (projection == DM_PROJECTION_MERCATOR)
    y0 = MAX (y0, -78.0), y1 = MIN (y1, 82.0);
  dm_view_init_bounds (view, projection, x0, y0, x1, y1, w, h, margin);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The middle meridian of @lons (degrees): of the arc of longitudes left when the widest gap
 * between neighbours (round the world) is cut out */
static double
middle_meridian (GArray *lons)
{
  double gap, start;
  guint n = lons->len;

  if (n == 0)
    return 0;
  g_array_sort (lons, compare_doubles);
  gap = g_array_index (lons, double, 0) + 360.0 - g_array_index (lons, double, n - 1);
  start = g_array_index (lons, double, 0);
  for (guint i = 1; i < n; i++)
    if (g_array_index (lons, double, i) - g_array_index (lons, double, i - 1) > gap)
      {
        gap = g_array_index (lons, double, i) - g_array_index (lons, double, i - 1);
        start = g_array_index (lons, double, i);
      }
  return dm_antimeridian_wrap (start + (360.0 - gap) / 2);
}

/* The middle meridian of the places drawn */
static double
places_middle_meridian (DmRouteSet *set)
{
  g_autoptr(GArray) lons = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < set->places->len; i++)
    {
      double lon = dm_antimeridian_wrap (g_array_index (set->places, DmRoutePlace, i).pos.lon);
      g_array_append_val (lons, lon);
    }
  return middle_meridian (lons);
}

/**
 * dm_figure_get_data_meridian:
 * The meridian a world map of the figure's document turns to (in a projection that does not
 * repeat): the middle of the arc of longitudes its places span, the widest gap between them
 * cut out. It is taken from all the places of the document, which a filtered view shares
 * with its source, so a search or a filter never turns the world.
 */
double
dm_figure_get_data_meridian (DmFigure *self)
{
  GListModel *places;
  g_autoptr(GArray) lons = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_val_if_fail (DM_IS_FIGURE (self), 0);
  places = dm_document_get_places (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DmPlace) place = g_list_model_get_item (places, i);
      double lon = dm_antimeridian_wrap (dm_place_get_longitude (place));
      g_array_append_val (lons, lon);
    }
  return middle_meridian (lons);
}

/* Widens @box (x, y min, then max) to @p in Equal Earth turned to @central */
static void
frame_polar_point (DmLonLat  p,
                   double    central,
                   double   *box)
{
  double x, y, lon = dm_antimeridian_wrap (p.lon - central);

  /* a leg crossing the meridian opposite the centre (over a pole) is cut at the world's
   * edge, between two of its points: that edge, at their latitude, is framed too */
  if (fabs (lon) > 150.0)
    lon = lon > 0 ? 180.0 : -180.0;
  dm_projection_forward (DM_PROJECTION_EQUAL_EARTH, lon, p.lat, &x, &y);
  box[0] = MIN (box[0], x), box[2] = MAX (box[2], x);
  box[1] = MIN (box[1], y), box[3] = MAX (box[3], y);
}

/* Routes past 75° in Equal Earth (dm_figure_is_polar_fit): turned to the places' middle
 * meridian, framing every point of every leg and every place, over the pole too. Corners
 * beyond the world's edge may show: cutting the routes to fill the frame would lose what made
 * the projection needed (and once lost Europe). */
static void
fit_polar_view (DmFigure *self,
                DmView   *view,
                double    w,
                double    h,
                double    margin)
{
  DmRouteSet *set = self->set;
  double central, box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double bx0, by0, bx1, by1;

  dm_route_set_ensure (set);
  central = places_middle_meridian (set);
  /* a leg along the same points as an earlier one adds nothing */
  for (guint i = 0; i < set->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, i);

      if (leg->same_as == 0)
        for (guint j = leg->first; j < leg->first + leg->n; j++)
          frame_polar_point (g_array_index (set->points, DmLonLat, j), central, box);
    }
  for (guint i = 0; i < set->places->len; i++)
    frame_polar_point (g_array_index (set->places, DmRoutePlace, i).pos, central, box);
  bx0 = box[0], by0 = box[1], bx1 = box[2], by1 = box[3];
  dm_view_init_world (view, DM_PROJECTION_EQUAL_EARTH, w, h, margin);
  view->central_lon = central;
  if (bx0 > bx1)
    return;
  view->center_x = (bx0 + bx1) / 2;
  view->center_y = (by0 + by1) / 2;
  view->scale = MIN ((w - 2 * margin) / MAX (bx1 - bx0, 1e-9), (h - 2 * margin) / MAX (by1 - by0, 1e-9));
  /* room to spare in height shows more of the world, not the blank beyond a pole */
  {
    double wx0, wy0, wx1, wy1, hh = h / 2 / view->scale;

    dm_projection_world_bounds (DM_PROJECTION_EQUAL_EARTH, &wx0, &wy0, &wx1, &wy1);
    if (2 * hh < wy1 - wy0)
      view->center_y = CLAMP (view->center_y, wy0 + hh, wy1 - hh);
  }
}

/* What a framed map should keep in view when it must zoom in to stay inside the world: in
 * a fit, the places where things happen (the legs' bulges towards the poles may go); for a
 * box, the box. */
static GArray *
dup_places_to_keep (DmFigure *self)
{
  GArray *keep = g_array_new (FALSE, FALSE, sizeof (DmLonLat));

  if (dm_figure_get_view_mode (self) == DM_FIGURE_VIEW_BOUNDS)
    {
      double x0 = self->bounds[0], y0 = self->bounds[1], x1 = self->bounds[2], y1 = self->bounds[3];
      if (x1 < x0)
        x1 += 360.0;
      for (int i = 0; i <= 8; i++)
        {
          DmLonLat edge[4] = { { x0 + (x1 - x0) * i / 8.0, y0 }, { x0 + (x1 - x0) * i / 8.0, y1 },
                               { x0, y0 + (y1 - y0) * i / 8.0 }, { x1, y0 + (y1 - y0) * i / 8.0 } };
          g_array_append_vals (keep, edge, 4);
        }
      return keep;
    }
  dm_route_set_ensure (self->set);
  for (guint i = 0; i < self->set->places->len; i++)
    g_array_append_val (keep, g_array_index (self->set->places, DmRoutePlace, i).pos);
  return keep;
}

static gboolean find_view_memo (DmFigure             *self,
                                DmFigureLayout       *l);
static void     keep_view_memo (DmFigure             *self,
                                const DmFigureLayout *l);
static void     compute_view   (DmFigure             *self,
                                DmFigureLayout       *l,
                                DmProjection          projection);

static void
compute_layout_now (DmFigure       *self,
                    cairo_t        *cr,
                    DmFigureLayout *l)
{
  int iw, ih;
  const char *title = dm_figure_get_title (self);
  DmProjection projection = dm_figure_get_projection (self);
  double text_w, y;

  memset (l, 0, sizeof *l);
  dm_figure_get_size (self, &iw, &ih);
  l->width = iw, l->height = ih;
  l->u = CLAMP (sqrt (l->width * l->height / (1920.0 * 1080.0)), 0.62, 3.0);
  l->pad = 22 * l->u;
  l->title_size = 30 * l->u;
  l->caption_size = MAX (17 * l->u, 11.0);
  l->footer_size = MAX (11.5 * l->u, 9.0);
  l->legend_size = MAX (13 * l->u, 10.0);
  text_w = l->width - 2 * l->pad;

  l->title_lines = g_ptr_array_new_with_free_func (g_free);
  l->caption_lines = g_ptr_array_new_with_free_func (g_free);
  if (dm_figure_get_show_caption (self))
    {
      if (title != NULL && title[0] != '\0')
        {
          g_ptr_array_unref (l->title_lines);
          l->title_lines = dm_text_wrap (cr, title, l->title_size, DM_TEXT_BOLD, text_w);
          limit_lines (l->title_lines, MAX_TITLE_LINES);
        }
      {
        g_autofree char *caption = dm_figure_dup_caption (self, dm_figure_get_time (self));
        if (caption != NULL)
          {
            g_ptr_array_unref (l->caption_lines);
            l->caption_lines = dm_text_wrap (cr, caption, l->caption_size, DM_TEXT_REGULAR,
                                             text_w);
            limit_lines (l->caption_lines, MAX_CAPTION_LINES);
          }
      }
    }
  y = 0;
  if (l->title_lines->len + l->caption_lines->len > 0)
    {
      /* a frame of a clip keeps room for the longest caption: the map does not move */
      guint caption_rows = l->caption_lines->len;
      if (dm_figure_get_clip_range (self, NULL, NULL) && caption_rows > 0)
        caption_rows = MAX_CAPTION_LINES;
      y = l->pad * 0.9 + l->title_lines->len * l->title_size * 1.18 +
          caption_rows * l->caption_size * 1.35 + l->pad * 0.55;
    }
  l->header_h = y;

  {
    g_autoptr(GPtrArray) paragraphs = self->no_footer ? g_ptr_array_new ()
                                                      : dm_figure_dup_footer (self);
    l->footer_lines = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < paragraphs->len; i++)
      {
        g_autoptr(GPtrArray) lines = dm_text_wrap (cr, g_ptr_array_index (paragraphs, i),
                                                   l->footer_size, DM_TEXT_REGULAR, text_w);
        for (guint j = 0; j < lines->len; j++)
          g_ptr_array_add (l->footer_lines, g_strdup (g_ptr_array_index (lines, j)));
      }
    limit_lines (l->footer_lines, MAX_FOOTER_LINES);
  }
  if (self->no_footer)
    {
      /* a panel: the grid lists the notes once; its names carry their numbers */
      l->note_lines = g_ptr_array_new_with_free_func (g_free);
      l->note_urls = g_ptr_array_new_with_free_func (g_free);
      l->note_numbered = self->panel_notes;
    }
  else
    dm_figure_lay_out_notes (self, cr, l, text_w);
  l->footer_h = (l->footer_lines->len + l->note_rows) * l->footer_size * 1.35 + l->pad * 0.8;
  /* a tiny figure keeps at least half its height for the map */
  if (l->header_h + l->footer_h > l->height / 2)
    {
      l->footer_h = 0;
      g_ptr_array_set_size (l->footer_lines, 0);
      g_ptr_array_set_size (l->note_lines, 0);
      g_ptr_array_set_size (l->note_urls, 0);
      l->note_rows = 0;
      if (!self->no_footer)
        l->note_numbered = 0;
      if (l->header_h > l->height / 2)
        {
          l->header_h = 0;
          g_ptr_array_set_size (l->title_lines, 0);
          g_ptr_array_set_size (l->caption_lines, 0);
        }
    }

  l->timeline_h = dm_figure_timeline_height (self, l);

  l->map_x = 0;
  l->map_y = l->header_h;
  l->map_w = l->width;
  l->map_h = l->height - l->header_h - l->footer_h - l->timeline_h;

  if (!find_view_memo (self, l))
    {
      compute_view (self, l, projection);
      keep_view_memo (self, l);
    }
  l->view.device_scale = dm_figure_get_scale (self);
}

/* The key of a view: the view mode, its box, the projection, the map's size and scale */
static void
get_view_key (DmFigure             *self,
              const DmFigureLayout *l,
              double               *key)
{
  key[0] = dm_figure_get_view_mode (self), key[1] = dm_figure_get_projection (self);
  memcpy (key + 2, self->bounds, sizeof self->bounds);
  key[6] = l->map_w, key[7] = l->map_h, key[8] = l->u, key[9] = dm_figure_get_scale (self);
}

/* A clip's frames (a figure keeping a cache) share their view: found once while the routes
 * stay the same */
static gboolean
find_view_memo (DmFigure       *self,
                DmFigureLayout *l)
{
  double key[10];

  if ((!self->cache_basemap && !self->cache_legs) ||
      self->view_serial != dm_route_set_get_serial (self->set))
    return FALSE;
  get_view_key (self, l, key);
  if (memcmp (key, self->view_key, sizeof key) != 0)
    return FALSE;
  l->view = self->memo_view;
  return TRUE;
}

static void
keep_view_memo (DmFigure             *self,
                const DmFigureLayout *l)
{
  if (!self->cache_basemap && !self->cache_legs)
    return;
  get_view_key (self, l, self->view_key);
  self->memo_view = l->view;
  self->view_serial = dm_route_set_get_serial (self->set);
}

/* The map's view: the world, a box, or the fit of the routes */
static void
compute_view (DmFigure       *self,
              DmFigureLayout *l,
              DmProjection    projection)
{
  switch (dm_figure_get_view_mode (self))
    {
    case DM_FIGURE_VIEW_WORLD:
      dm_view_init_world (&l->view, projection, l->map_w, l->map_h, 4 * l->u);
      /* Equal Earth turns to the data, as the polar fit does (Mercator repeats instead) */
      if (!dm_projection_wraps (projection))
        l->view.central_lon = dm_figure_get_data_meridian (self);
      break;
    case DM_FIGURE_VIEW_BOUNDS:
      dm_view_init_bounds (&l->view, projection, self->bounds[0], self->bounds[1],
                           self->bounds[2], self->bounds[3], l->map_w, l->map_h, 0);
      break;
    case DM_FIGURE_VIEW_FIT:
    default:
      if (dm_figure_is_polar_fit (self))
        fit_polar_view (self, &l->view, l->map_w, l->map_h, 56 * l->u);
      else
        fit_view (self, &l->view, projection, l->map_w, l->map_h, 56 * l->u);
      break;
    }
  /* a figure shows the world once: zoom in until it fills the width */
  if (dm_projection_wraps (projection) && dm_view_get_world_width (&l->view) < l->map_w)
    l->view.scale = l->map_w / (2 * G_PI);
  /* a framed map is all map: no band beyond the poles, no corner outside Equal Earth */
  if (dm_figure_get_view_mode (self) != DM_FIGURE_VIEW_WORLD && !dm_figure_is_polar_fit (self))
    {
      g_autoptr(GArray) keep = dup_places_to_keep (self);
      dm_view_keep_inside_world (&l->view, (const DmLonLat *) (void *) keep->data, keep->len,
                                 dm_figure_get_view_mode (self) == DM_FIGURE_VIEW_FIT ? 24 * l->u
                                                                                       : 0);
    }
}

/* The layout, its texts measured in the figure's language */
static void
compute_layout (DmFigure       *self,
                cairo_t        *cr,
                DmFigureLayout *l)
{
  g_autofree char *previous = dm_figure_use_language (self);

  compute_layout_now (self, cr, l);
  dm_i18n_set_thread_language (previous);
}

static DmRouteStyle *route_style_for (DmFigure             *self,
                                     const DmFigureLayout *l);

static cairo_t *
measuring_context (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (s);

  cairo_surface_destroy (s);
  return cr;
}

/**
 * dm_figure_get_map_area:
 * Where the map lies on the figure, in logical pixels.
 */
void
dm_figure_get_map_area (DmFigure *self,
                        double   *x,
                        double   *y,
                        double   *width,
                        double   *height)
{
  DmFigureLayout l;
  cairo_t *cr;

  g_return_if_fail (DM_IS_FIGURE (self));
  cr = measuring_context ();
  compute_layout (self, cr, &l);
  cairo_destroy (cr);
  *x = l.map_x, *y = l.map_y, *width = l.map_w, *height = l.map_h;
  dm_figure_layout_clear (&l);
}

/**
 * dm_figure_get_map_view:
 * The view of the map area (its origin at the area's top-left corner).
 */
void
dm_figure_get_map_view (DmFigure *self,
                        DmView   *view)
{
  DmFigureLayout l;
  cairo_t *cr;

  g_return_if_fail (DM_IS_FIGURE (self));
  cr = measuring_context ();
  compute_layout (self, cr, &l);
  cairo_destroy (cr);
  *view = l.view;
  dm_figure_layout_clear (&l);
}

/**
 * dm_figure_find_legend_corner:
 * The corner of the map the legend takes, laid out as the figure is now (its view, its
 * size), or -1 when it has none.
 */
int
dm_figure_find_legend_corner (DmFigure *self)
{
  g_autoptr(DmRouteStyle) route_style = NULL;
  DmFigureLayout l;
  double rect[4];
  int corner = -1;
  cairo_t *cr;

  g_return_val_if_fail (DM_IS_FIGURE (self), -1);
  if (!self->show_legend)
    return -1;
  cr = measuring_context ();
  compute_layout (self, cr, &l);
  route_style = route_style_for (self, &l);
  if (!dm_figure_draw_legend (self, cr, &l, route_style, FALSE, rect, &corner))
    corner = -1;
  cairo_destroy (cr);
  dm_figure_layout_clear (&l);
  return corner;
}

/**
 * dm_figure_map_point:
 * Where (@lon, @lat) lies on the figure, in logical pixels.
 */
void
dm_figure_map_point (DmFigure *self,
                     double    lon,
                     double    lat,
                     double   *x,
                     double   *y)
{
  DmFigureLayout l;
  cairo_t *cr;

  g_return_if_fail (DM_IS_FIGURE (self));
  cr = measuring_context ();
  compute_layout (self, cr, &l);
  cairo_destroy (cr);
  dm_view_project (&l.view, dm_view_wrap_lon (&l.view, lon), lat, x, y);
  *x += l.map_x, *y += l.map_y;
  dm_figure_layout_clear (&l);
}

/* The base map's style for this figure: sizes follow the figure's (dm-figure-map.c tints
 * the countries of the actors the legend lists) */
static DmMapStyle *
map_style_for (DmFigure             *self,
               const DmFigureLayout *l)
{
  DmMapStyle *style = dm_map_style_copy (dm_map_style_get_default ());

  style->label_size *= MAX (l->u, 0.8);
  style->border_width *= MAX (l->u, 0.8);
  style->coast_width *= MAX (l->u, 0.8);
  style->show_graticule = self->show_graticule;
  return style;
}

static DmRouteStyle *
route_style_for (DmFigure             *self,
                 const DmFigureLayout *l)
{
  DmRouteStyle *style = dm_route_style_copy (dm_route_style_get_default ());
  double u = MAX (l->u, 0.7);

  /* a time window shows what happened lately: the legs to come are hidden */
  style->window = self->window;
  if (self->window > 0 || self->flows)
    style->future = DM_ROUTE_FUTURE_HIDDEN;
  style->flows = self->flows;

  style->line_width *= u * 1.15;
  style->marker_radius *= u * 1.15;
  style->stay_radius *= u * 1.15;
  style->place_radius *= u * 1.15;
  style->label_size = 14.0 * u;
  return style;
}

/* The whole figure, from (0, 0) to its size in user space */
static void
draw_figure (DmFigure *self,
             cairo_t  *cr)
{
  g_autoptr(DmMapStyle) map_style = NULL;
  g_autoptr(DmRouteStyle) route_style = NULL;
  DmFigureLayout l;

  g_return_if_fail (DM_IS_FIGURE (self));
  if (self->small_multiples > 0)
    {
      dm_figure_draw_grid (self, cr);
      return;
    }
  compute_layout (self, cr, &l);
  if (self->timeline_only)
    {
      /* the band alone: no map, no legend */
      l.timeline_h = l.height - l.header_h - l.footer_h;
      l.map_h = 0;
      cairo_save (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      dm_figure_draw_timeline (self, cr, &l);
      dm_figure_draw_header (self, cr, &l);
      dm_figure_draw_footer (self, cr, &l);
      cairo_restore (cr);
      dm_figure_layout_clear (&l);
      return;
    }
  map_style = map_style_for (self, &l);
  route_style = route_style_for (self, &l);
  dm_route_renderer_set_style (self->layer, route_style);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_translate (cr, l.map_x, l.map_y);
  cairo_rectangle (cr, 0, 0, l.map_w, l.map_h);
  cairo_clip (cr);
  dm_figure_draw_map (self, cr, &l, map_style, route_style);
  cairo_restore (cr);

  dm_figure_draw_timeline (self, cr, &l);
  dm_figure_draw_header (self, cr, &l);
  dm_figure_draw_footer (self, cr, &l);
  cairo_restore (cr);
  dm_figure_layout_clear (&l);
}

/**
 * dm_figure_draw:
 * Draws the whole figure onto @cr, from (0, 0) to the figure's size in user space, in the
 * figure's language (dm_figure_set_language()).
 */
void
dm_figure_draw (DmFigure *self,
                cairo_t  *cr)
{
  g_autofree char *previous = NULL;

  g_return_if_fail (DM_IS_FIGURE (self));
  previous = dm_figure_use_language (self);
  draw_figure (self, cr);
  dm_i18n_set_thread_language (previous);
}
