/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-basemap.h"
#include "dm-geo-enums.h"
#include "dm-render-enums.h"
#include "dm-figure-private.h"
#include "dm-i18n.h"
#include "dm-text.h"

/* A figure for a report: the map at one moment, framed, with a title, a time caption, a
 * legend, a scale bar, the data's attribution and the events' sources. Draws onto any
 * cairo_t (dm_figure_draw) and exports PNG, SVG and PDF (dm-figure-file.c). The app's map
 * and the figure share the drawing: DmBasemap under DmRouteRenderer. */

G_DEFINE_FINAL_TYPE (DmFigure, dm_figure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TIME,
  PROP_VIEW_MODE,
  PROP_PROJECTION,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_SCALE,
  PROP_TITLE,
  PROP_SHOW_LEGEND,
  PROP_SHOW_CAPTION,
  PROP_SHOW_GRATICULE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dm_figure_dispose (GObject *object)
{
  DmFigure *self = DM_FIGURE (object);

  g_clear_object (&self->layer);
  g_clear_object (&self->set);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (dm_figure_parent_class)->dispose (object);
}

static void
dm_figure_finalize (GObject *object)
{
  DmFigure *self = DM_FIGURE (object);

  g_free (self->title);
  g_free (self->language);
  g_free (self->highlight);
  g_clear_pointer (&self->placed, dm_label_placer_free);
  dm_figure_clear_basemap_cache (self);
  dm_figure_clear_legs_cache (self);
  G_OBJECT_CLASS (dm_figure_parent_class)->finalize (object);
}

static void
dm_figure_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DmFigure *self = DM_FIGURE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_TIME: g_value_set_int64 (value, dm_figure_get_time (self)); break;
    case PROP_VIEW_MODE: g_value_set_enum (value, self->view_mode); break;
    case PROP_PROJECTION: g_value_set_enum (value, dm_figure_get_projection (self)); break;
    case PROP_WIDTH: g_value_set_int (value, self->width); break;
    case PROP_HEIGHT: g_value_set_int (value, self->height); break;
    case PROP_SCALE: g_value_set_double (value, self->scale); break;
    case PROP_TITLE: g_value_set_string (value, dm_figure_get_title (self)); break;
    case PROP_SHOW_LEGEND: g_value_set_boolean (value, self->show_legend); break;
    case PROP_SHOW_CAPTION: g_value_set_boolean (value, self->show_caption); break;
    case PROP_SHOW_GRATICULE: g_value_set_boolean (value, self->show_graticule); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_figure_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DmFigure *self = DM_FIGURE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_TIME: dm_figure_set_time (self, g_value_get_int64 (value)); break;
    case PROP_VIEW_MODE: dm_figure_set_view_mode (self, g_value_get_enum (value)); break;
    case PROP_PROJECTION: dm_figure_set_projection (self, g_value_get_enum (value)); break;
    case PROP_WIDTH: dm_figure_set_size (self, g_value_get_int (value), self->height); break;
    case PROP_HEIGHT: dm_figure_set_size (self, self->width, g_value_get_int (value)); break;
    case PROP_SCALE: dm_figure_set_scale (self, g_value_get_double (value)); break;
    case PROP_TITLE: dm_figure_set_title (self, g_value_get_string (value)); break;
    case PROP_SHOW_LEGEND: dm_figure_set_show_legend (self, g_value_get_boolean (value)); break;
    case PROP_SHOW_CAPTION: dm_figure_set_show_caption (self, g_value_get_boolean (value)); break;
    case PROP_SHOW_GRATICULE:
      dm_figure_set_show_graticule (self, g_value_get_boolean (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_figure_constructed (GObject *object)
{
  DmFigure *self = DM_FIGURE (object);

  G_OBJECT_CLASS (dm_figure_parent_class)->constructed (object);
  if (self->document == NULL)
    self->document = dm_document_new ();
  self->set = dm_route_set_new (self->document);
  self->layer = dm_route_renderer_new (self->set);
}

static void
dm_figure_class_init (DmFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dm_figure_dispose;
  object_class->finalize = dm_figure_finalize;
  object_class->constructed = dm_figure_constructed;
  object_class->get_property = dm_figure_get_property;
  object_class->set_property = dm_figure_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, DM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* UTC seconds; unset, the end of the document's extent */
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_VIEW_MODE] =
    g_param_spec_enum ("view-mode", NULL, NULL, DM_TYPE_FIGURE_VIEW, DM_FIGURE_VIEW_FIT, rw);
  /* unset, Mercator (as on screen), or Equal Earth for the world */
  properties[PROP_PROJECTION] =
    g_param_spec_enum ("projection", NULL, NULL, DM_TYPE_PROJECTION, DM_PROJECTION_MERCATOR, rw);
  properties[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 16, 16384, 1920, rw);
  properties[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, 16, 16384, 1080, rw);
  properties[PROP_SCALE] = g_param_spec_double ("scale", NULL, NULL, 0.25, 8.0, 1.0, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_SHOW_LEGEND] = g_param_spec_boolean ("show-legend", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_CAPTION] = g_param_spec_boolean ("show-caption", NULL, NULL, TRUE, rw);
  /* meridians and parallels under the land, their step from the map's scale */
  properties[PROP_SHOW_GRATICULE] = g_param_spec_boolean ("show-graticule", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dm_figure_init (DmFigure *self)
{
  self->width = 1920;
  self->height = 1080;
  self->scale = 1.0;
  self->show_legend = TRUE;
  self->show_caption = TRUE;
  self->show_sources = TRUE;
  self->legend_corner = -1;
}

DmFigure *
dm_figure_new (DmDocument *document)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  return g_object_new (DM_TYPE_FIGURE, "document", document, NULL);
}

/**
 * dm_figure_dup:
 * A new figure over the same document with the same settings (time, clip range, view, size,
 * title, what it shows), for another thread to draw while this one draws: each figure has
 * its own route set. The document must not change while either draws.
 */
DmFigure *
dm_figure_dup (DmFigure *self)
{
  DmFigure *copy;

  g_return_val_if_fail (DM_IS_FIGURE (self), NULL);
  copy = dm_figure_new (self->document);
  copy->time = self->time;
  copy->time_set = self->time_set;
  copy->clip_set = self->clip_set;
  copy->clip_start = self->clip_start;
  copy->clip_end = self->clip_end;
  copy->window = self->window;
  copy->flows = self->flows;
  copy->view_mode = self->view_mode;
  memcpy (copy->bounds, self->bounds, sizeof self->bounds);
  copy->projection = self->projection;
  copy->projection_set = self->projection_set;
  copy->width = self->width;
  copy->height = self->height;
  copy->scale = self->scale;
  copy->title = g_strdup (self->title);
  copy->language = g_strdup (self->language);
  copy->show_legend = self->show_legend;
  copy->show_caption = self->show_caption;
  copy->show_graticule = self->show_graticule;
  copy->show_sources = self->show_sources;
  copy->source_notes = self->source_notes;
  copy->legend_corner = self->legend_corner;
  copy->show_timeline = self->show_timeline;
  copy->timeline_only = self->timeline_only;
  copy->small_multiples = self->small_multiples;
  copy->no_footer = self->no_footer;
  copy->panel_notes = self->panel_notes;
  copy->cache_basemap = self->cache_basemap;
  copy->cache_legs = self->cache_legs;
  copy->highlight = g_strdup (self->highlight);
  return copy;
}

DmDocument *
dm_figure_get_document (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), NULL);
  return self->document;
}

DmRouteRenderer *
dm_figure_get_layer (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), NULL);
  return self->layer;
}

/**
 * dm_figure_get_time:
 * The moment shown, UTC seconds: the one set, else the end of the documents' extent (all
 * legs drawn), else 0.
 */
gint64
dm_figure_get_time (DmFigure *self)
{
  gint64 start, end;

  g_return_val_if_fail (DM_IS_FIGURE (self), 0);
  if (self->time_set)
    return self->time;
  /* the end of the document's events, found once while they stay the same (the set's serial
   * changes with them): a drawing asks for it a few times, each a walk of every event */
  if (self->end_serial != dm_route_set_get_serial (self->set))
    {
      self->end = dm_document_get_extent (self->document, &start, &end) ? end : 0;
      self->end_serial = dm_route_set_get_serial (self->set);
    }
  return self->end;
}

void
dm_figure_set_time (DmFigure *self,
                    gint64    t)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  if (self->time_set && self->time == t)
    return;
  self->time = t;
  self->time_set = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

/**
 * dm_figure_set_clip_range:
 * Makes the figure a frame of a clip from @start to @end (UTC seconds): its legend lists what
 * appears at any time of the range and its header keeps room for the longest caption, so the
 * legend, the map and the scale bar stay in place whatever the time set. Frames of a clip are
 * figures with the same range and different times.
 */
void
dm_figure_set_clip_range (DmFigure *self,
                          gint64    start,
                          gint64    end)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  g_return_if_fail (start <= end);
  self->clip_set = TRUE;
  self->clip_start = start;
  self->clip_end = end;
}

/* Returns: %FALSE when the figure is a still (then @start and @end are its time) */
gboolean
dm_figure_get_clip_range (DmFigure *self,
                          gint64   *start,
                          gint64   *end)
{
  gint64 t;

  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  t = dm_figure_get_time (self);
  if (start)
    *start = self->clip_set ? self->clip_start : t;
  if (end)
    *end = self->clip_set ? self->clip_end : t;
  return self->clip_set;
}

/**
 * dm_figure_set_window:
 * @seconds: how long before the figure's time legs are still drawn (fading with age), with
 *   the legs to come hidden; 0 draws every leg done and the legs to come faint
 */
void
dm_figure_set_window (DmFigure *self,
                      gint64    seconds)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  g_return_if_fail (seconds >= 0);
  self->window = seconds;
}

gint64
dm_figure_get_window (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), 0);
  return self->window;
}

/**
 * dm_figure_set_flows:
 * @flows: %TRUE to draw the legs done (within the window) as flows: once per pair of
 *   places, widths by the number of trips, places sized by visits (docs/RENDERING.md)
 */
void
dm_figure_set_flows (DmFigure *self,
                     gboolean  flows)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->flows = !!flows;
}

gboolean
dm_figure_get_flows (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  return self->flows;
}

DmFigureView
dm_figure_get_view_mode (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), DM_FIGURE_VIEW_FIT);
  return self->view_mode;
}

void
dm_figure_set_view_mode (DmFigure     *self,
                         DmFigureView  mode)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  if (self->view_mode == mode)
    return;
  self->view_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_MODE]);
}

/**
 * dm_figure_set_bounds:
 * Shows the box from (@lon_min, @lat_min) to (@lon_max, @lat_max) (@lon_max < @lon_min
 * crosses the antimeridian) and sets the view mode to %DM_FIGURE_VIEW_BOUNDS.
 */
void
dm_figure_set_bounds (DmFigure *self,
                      double    lon_min,
                      double    lat_min,
                      double    lon_max,
                      double    lat_max)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->bounds[0] = lon_min, self->bounds[1] = lat_min;
  self->bounds[2] = lon_max, self->bounds[3] = lat_max;
  dm_figure_set_view_mode (self, DM_FIGURE_VIEW_BOUNDS);
}

/**
 * dm_figure_set_legend_corner:
 * @corner: the map corner the legend takes (0 top left, 1 top right, 2 bottom left, 3 bottom
 *   right), or -1 (the default): the corner where it hides the fewest routes
 *
 * A clip whose camera moves keeps its legend in one corner this way.
 */
void
dm_figure_set_legend_corner (DmFigure *self,
                             int       corner)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  g_return_if_fail (corner >= -1 && corner <= 3);
  self->legend_corner = corner;
}

DmProjection
dm_figure_get_projection (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), DM_PROJECTION_MERCATOR);
  if (self->projection_set)
    return self->projection;
  if (self->view_mode == DM_FIGURE_VIEW_WORLD)
    return DM_PROJECTION_EQUAL_EARTH;
  if (dm_figure_is_polar_fit (self))
    return DM_PROJECTION_EQUAL_EARTH;
  return DM_PROJECTION_MERCATOR;
}

/* Whether the figure frames its routes (no projection given) and they go past 75° of
 * latitude: Mercator would stretch them out of all proportion and cut them at 85°, so Equal
 * Earth shows them whole, centred on the data's meridian (dm-figure-layout.c) */
gboolean
dm_figure_is_polar_fit (DmFigure *self)
{
  double x0, y0, x1, y1;

  return !self->projection_set && self->view_mode == DM_FIGURE_VIEW_FIT &&
         dm_figure_get_route_bounds (self, &x0, &y0, &x1, &y1) &&
         (y1 > DM_FIGURE_POLAR_LATITUDE || y0 < -DM_FIGURE_POLAR_LATITUDE);
}

/* dm_route_set_get_bounds() of the figure's routes, found once as long as the routes stay
 * the same (the set's serial): one drawing asks for them three times (the projection, the
 * fit and the polar fit), and each walk of every point of every leg is about a tenth of a big
 * figure's time */
gboolean
dm_figure_get_route_bounds (DmFigure *self,
                            double   *lon_min,
                            double   *lat_min,
                            double   *lon_max,
                            double   *lat_max)
{
  guint serial = dm_route_set_get_serial (self->set);

  if (self->bounds_serial != serial)
    {
      double *b = self->route_bounds;

      self->has_bounds = dm_route_set_get_bounds (self->set, &b[0], &b[1], &b[2], &b[3]);
      self->bounds_serial = serial;
    }
  *lon_min = self->route_bounds[0], *lat_min = self->route_bounds[1];
  *lon_max = self->route_bounds[2], *lat_max = self->route_bounds[3];
  return self->has_bounds;
}

void
dm_figure_set_projection (DmFigure     *self,
                          DmProjection  projection)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  if (self->projection_set && self->projection == projection)
    return;
  self->projection = projection;
  self->projection_set = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTION]);
}

void
dm_figure_get_size (DmFigure *self,
                    int      *width,
                    int      *height)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  if (width)
    *width = self->width;
  if (height)
    *height = self->height;
}

/**
 * dm_figure_set_size:
 * The figure's size in logical pixels (CSS pixels in SVG, points in PDF); a PNG has
 * size times scale pixels.
 */
void
dm_figure_set_size (DmFigure *self,
                    int       width,
                    int       height)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  g_return_if_fail (width >= 16 && height >= 16);
  if (width != self->width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }
  if (height != self->height)
    {
      self->height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
    }
}

double
dm_figure_get_scale (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), 1.0);
  return self->scale;
}

void
dm_figure_set_scale (DmFigure *self,
                     double    scale)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  g_return_if_fail (scale >= 0.25 && scale <= 8.0);
  if (self->scale == scale)
    return;
  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

/* The title set, else the document's */
const char *
dm_figure_get_title (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), NULL);
  return self->title ? self->title : dm_document_get_title (self->document);
}

void
dm_figure_set_title (DmFigure   *self,
                     const char *title)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * dm_figure_get_language:
 * Returns: (nullable): the language set with dm_figure_set_language()
 */
const char *
dm_figure_get_language (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), NULL);
  return self->language;
}

/**
 * dm_figure_set_language:
 * @language: (nullable): "en", "fr", "ko"...; %NULL: the process's language
 *
 * The language of the figure's texts (legend, caption, scale bar, notes), of its dates and
 * of its map labels (country and place names), whatever the process's: the export dialog's
 * choice. The drawing thread takes it for as long as it draws (dm-i18n.c).
 */
void
dm_figure_set_language (DmFigure   *self,
                        const char *language)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  g_free (self->language);
  self->language = language != NULL && *language != '\0' ? g_strdup (language) : NULL;
}

char *
dm_figure_use_language (DmFigure *self)
{
  char *previous = g_strdup (dm_i18n_get_thread_language ());

  if (self->language != NULL)
    dm_i18n_set_thread_language (self->language);
  return previous;
}

gboolean
dm_figure_get_show_legend (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  return self->show_legend;
}

void
dm_figure_set_show_legend (DmFigure *self,
                           gboolean  show)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  if (self->show_legend == !!show)
    return;
  self->show_legend = !!show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

gboolean
dm_figure_get_show_caption (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  return self->show_caption;
}

void
dm_figure_set_show_caption (DmFigure *self,
                            gboolean  show)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  if (self->show_caption == !!show)
    return;
  self->show_caption = !!show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CAPTION]);
}

gboolean
dm_figure_get_show_graticule (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  return self->show_graticule;
}

void
dm_figure_set_show_graticule (DmFigure *self,
                              gboolean  show)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  if (self->show_graticule == !!show)
    return;
  self->show_graticule = !!show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GRATICULE]);
}

gboolean
dm_figure_get_show_sources (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  return self->show_sources;
}

void
dm_figure_set_show_sources (DmFigure *self,
                            gboolean  show)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->show_sources = !!show;
}

gboolean
dm_figure_get_source_footnotes (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  return self->source_notes;
}

/**
 * dm_figure_set_source_footnotes:
 * With @footnotes, the sources (when shown, dm_figure_set_show_sources()) are numbered
 * footnotes under the map, each with its publisher, title, date and address, in two columns;
 * else one line of their names.
 */
void
dm_figure_set_source_footnotes (DmFigure *self,
                                gboolean  footnotes)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->source_notes = !!footnotes;
}

gboolean
dm_figure_get_timeline_only (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  return self->timeline_only;
}

/**
 * dm_figure_set_timeline_only:
 * The figure is the timeline alone: the band of lanes takes the map's room, under the title
 * and caption and above the footer.
 */
void
dm_figure_set_timeline_only (DmFigure *self,
                             gboolean  only)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->timeline_only = only;
}

gboolean
dm_figure_get_show_timeline (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  return self->show_timeline;
}

/**
 * dm_figure_set_show_timeline:
 * A band under the map with a lane per actor, the date axis and the playhead at the time.
 */
void
dm_figure_set_show_timeline (DmFigure *self,
                             gboolean  show)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->show_timeline = show;
}

guint
dm_figure_get_small_multiples (DmFigure *self)
{
  g_return_val_if_fail (DM_IS_FIGURE (self), 0);
  return self->small_multiples;
}

/**
 * dm_figure_set_small_multiples:
 * @n: panels, or 0 (the default): one map
 *
 * The figure becomes a grid of @n maps at moments spread evenly over the clip range (else
 * the events' extent), each captioned with its date, under one title, with one legend.
 */
void
dm_figure_set_small_multiples (DmFigure *self,
                               guint     n)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->small_multiples = n;
}

/**
 * dm_figure_set_cache_basemap:
 * Keep the base map's pixels between drawings on image surfaces, for the frames of a clip:
 * drawn again only when the view, the scale or the countries tinted change. Each figure
 * (dm_figure_dup()) keeps its own.
 */
void
dm_figure_set_cache_basemap (DmFigure *self,
                             gboolean  cache)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->cache_basemap = cache;
  if (!cache)
    dm_figure_clear_basemap_cache (self);
}

/**
 * dm_figure_set_cache_legs:
 * Keep the legs that stay the same over the clip range (dm_figure_set_clip_range()) between
 * drawings on image surfaces, for the frames of a clip: the legs done by the clip's start and
 * those to come after its end are drawn once, and each frame draws only the legs ending within
 * the clip. Drawn again when the view or the scale change. Each figure (dm_figure_dup()) keeps
 * its own.
 */
void
dm_figure_set_cache_legs (DmFigure *self,
                          gboolean  cache)
{
  g_return_if_fail (DM_IS_FIGURE (self));
  self->cache_legs = cache;
  if (!cache)
    dm_figure_clear_legs_cache (self);
}
