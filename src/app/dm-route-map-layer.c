/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-route-map-layer"

#include "config.h"

#include <math.h>

#include "dm-route-map-layer.h"

/* The routes over the map at the playhead's time. Drawing is DmScreenPainter's (shared
 * with the benchmark); this widget only turns the viewport into a DmScreenView, and draws
 * again when the painter's worker threads have the caches ready. */

struct _DmRouteMapLayer
{
  ShumateLayer     parent_instance;
  DmDocument      *document;
  DmEvent         *selected;
  DmScreenPainter *painter;
  double           time;
  guint            rest_id;     /* the view has not moved for a moment */
  gboolean         view_moving;

  /* The still picture as render nodes kept from frame to frame, one per tile: GSK sees the
   * same nodes and redraws only the tiles that changed and around what moves */
  GPtrArray       *still_tiles;  /* GskRenderNode, row by row */
  int              still_width;
  int              still_height;
  guint            still_stamp;
  guint            n_still_draws;
  /* Frames drawn whole before trying the still picture again: when most of it changes every
   * frame (thousands of legs in the air), keeping it costs more than it saves */
  guint            whole_frames;
};

/* Whole frames for that many frames, once most of the picture changed in one */
#define WHOLE_FRAMES 60

G_DEFINE_FINAL_TYPE (DmRouteMapLayer, dm_route_map_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TIME,
  PROP_SELECTED_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ROUTES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
dm_route_map_layer_get_view (DmRouteMapLayer *self,
                          DmView        *view)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile_size = source != NULL ? shumate_map_source_get_tile_size (source) : 256;

  dm_view_init_screen (view,
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_viewport_get_zoom_level (viewport),
                       tile_size,
                       gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)),
                       gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* libshumate 1.0.3 works out which tiles a view needs (shumate-map-layer.c, recompute_grid)
 * in an idle of G_PRIORITY_DEFAULT_IDLE, queued when the viewport changes and when the
 * tiles layer gets a new size, meaning it to run "before the next frame". It does not:
 * frames are painted at GDK_PRIORITY_REDRAW, ahead of it, and while the window is busy the
 * idle waits. On opening the U.S. record the map was framed while the window was laid out
 * anew; the grid was worked out for the map's old, narrower width, and the idle that would
 * correct it waited more than a second behind the loading, the list and the routes, every
 * frame in between leaving the column of tiles at the left edge undrawn: a strip of the
 * window's background (#fafafa), lighter than the sea. So the idle (the map layer's only
 * one) is moved ahead of the next frame's layout and paint whenever it may have been queued:
 * after a change of the viewport, an allocation (the tiles layer is allocated before this
 * one) and a frame. */
#define TILE_GRID_PRIORITY (G_PRIORITY_HIGH_IDLE + 10)

static void
hurry_tile_grids (DmRouteMapLayer *self)
{
  GtkWidget *map = gtk_widget_get_parent (GTK_WIDGET (self));

  if (map == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_MAP_LAYER (child))
      {
        GSource *grid = g_main_context_find_source_by_funcs_user_data (NULL, &g_idle_funcs, child);

        if (grid != NULL && g_source_get_priority (grid) > TILE_GRID_PRIORITY)
          g_source_set_priority (grid, TILE_GRID_PRIORITY);
      }
}

/* The world must at least fill the map's height: at lower zooms it would repeat vertically */
static void
dm_route_map_layer_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (widget));
  guint min_zoom = 2;

  GTK_WIDGET_CLASS (dm_route_map_layer_parent_class)->size_allocate (widget, width, height, baseline);
  while (min_zoom < 6 && 256.0 * (1u << min_zoom) < height)
    min_zoom++;
  if (shumate_viewport_get_min_zoom_level (viewport) != min_zoom)
    shumate_viewport_set_min_zoom_level (viewport, min_zoom);
  hurry_tile_grids (DM_ROUTE_MAP_LAYER (widget));
}

#define TILE_SIZE 256

/* The still picture's tiles, drawn again where it changed (all of them when @damage is NULL) */
static void
update_still_tiles (DmRouteMapLayer      *self,
                    const DmView         *view,
                    const cairo_region_t *damage)
{
  int cols = (self->still_width + TILE_SIZE - 1) / TILE_SIZE;
  int rows = (self->still_height + TILE_SIZE - 1) / TILE_SIZE;

  if (self->still_tiles == NULL)
    self->still_tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  g_ptr_array_set_size (self->still_tiles, cols * rows);
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      {
        cairo_rectangle_int_t tile = { c * TILE_SIZE, r * TILE_SIZE,
                                       MIN (TILE_SIZE, self->still_width - c * TILE_SIZE),
                                       MIN (TILE_SIZE, self->still_height - r * TILE_SIZE) };
        GskRenderNode **node = (GskRenderNode **) &self->still_tiles->pdata[r * cols + c];
        cairo_t *cr;

        if (*node != NULL && damage != NULL &&
            cairo_region_contains_rectangle (damage, &tile) == CAIRO_REGION_OVERLAP_OUT)
          continue;
        g_clear_pointer (node, gsk_render_node_unref);
        *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (tile.x, tile.y, tile.width, tile.height));
        cr = gsk_cairo_node_get_draw_context (*node);
        cairo_rectangle (cr, tile.x, tile.y, tile.width, tile.height);
        cairo_clip (cr);
        dm_screen_painter_draw_still (self->painter, cr, view);
        cairo_destroy (cr);
        self->n_still_draws++;
      }
}

typedef void (*DrawFunc) (DmScreenPainter *painter,
                          cairo_t         *cr,
                          const DmView    *view,
                          double           time);

/* What @draw draws, in a node only as big as its ink (none when it draws nothing); returns
 * its area. With @draw_again, the node holds @draw's drawing itself, drawn a second time,
 * rather than the recording of the first: GSK's Cairo renderer then replays it once (a
 * recording painted in a node is replayed into an image of its own first), which pays when
 * the node may be big (the last picture standing in) */
static double
snapshot_inked (DmRouteMapLayer *self,
                GtkSnapshot     *snapshot,
                const DmView    *view,
                DrawFunc         draw,
                gboolean         draw_again)
{
  cairo_surface_t *ink;
  double x, y, w, h, x0, y0;
  cairo_t *cr;

  /* bounded: a paint (a fading mark) reaches the view's edges, not infinity */
  ink = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                        &(cairo_rectangle_t) { 0, 0, view->width, view->height });
  cr = cairo_create (ink);
  draw (self->painter, cr, view, self->time);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (ink, &x, &y, &w, &h);
  x0 = MAX (floor (x) - 1, 0);
  y0 = MAX (floor (y) - 1, 0);
  w = MIN (ceil (x + w) + 1, view->width) - x0;
  h = MIN (ceil (y + h) + 1, view->height) - y0;
  if (w > 0 && h > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, y0, w, h));
      if (draw_again)
        draw (self->painter, cr, view, self->time);
      else
        {
          cairo_set_source_surface (cr, ink, 0, 0);
          cairo_paint (cr);
        }
      cairo_destroy (cr);
    }
  cairo_surface_destroy (ink);
  return MAX (w, 0) * MAX (h, 0);
}

static void
dm_route_map_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  DmRouteMapLayer *self = DM_ROUTE_MAP_LAYER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  DmView view;
  guint stamp;
  cairo_t *cr;

  hurry_tile_grids (self);
  if (width <= 0 || height <= 0 || self->document == NULL)
    return;
  dm_route_map_layer_get_view (self, &view);
  /* Playing: the still picture's nodes as they were where it did not change, and what
   * moves over it */
  if (!self->view_moving && self->whole_frames == 0 &&
      dm_screen_painter_prepare (self->painter, &view, self->time, &stamp))
    {
      const cairo_region_t *damage;
      guint n_drawn = self->n_still_draws;
      gboolean partial = FALSE;
      double moved;

      if (self->still_tiles == NULL || width != self->still_width || height != self->still_height)
        {
          g_clear_pointer (&self->still_tiles, g_ptr_array_unref);
          self->still_width = width;
          self->still_height = height;
          update_still_tiles (self, &view, NULL);
        }
      else if (stamp == self->still_stamp + 1 &&
               (damage = dm_screen_painter_get_still_region (self->painter)) != NULL)
        {
          update_still_tiles (self, &view, damage);
          partial = TRUE;
        }
      else if (stamp != self->still_stamp)
        update_still_tiles (self, &view, NULL);
      self->still_stamp = stamp;
      for (guint i = 0; i < self->still_tiles->len; i++)
        gtk_snapshot_append_node (snapshot, g_ptr_array_index (self->still_tiles, i));
      moved = snapshot_inked (self, snapshot, &view, dm_screen_painter_draw_moving, FALSE);
      /* Most of it changed though the view did not: whole frames for a while */
      if ((partial && (self->n_still_draws - n_drawn) * 2 > self->still_tiles->len) ||
          moved * 2 > (double) width * height)
        {
          self->whole_frames = WHOLE_FRAMES;
          dm_screen_painter_set_track_damage (self->painter, FALSE);
        }
      return;
    }
  if (self->whole_frames > 0 && --self->whole_frames == 0)
    dm_screen_painter_set_track_damage (self->painter, TRUE);
  g_clear_pointer (&self->still_tiles, g_ptr_array_unref);
  /* Until worker threads have the caches: the stand-in (often only what moves, or nothing,
   * as the routes come) in a node as big as its ink, not the whole map's */
  if (!self->view_moving && !dm_screen_painter_prepare (self->painter, &view, self->time, NULL))
    {
      snapshot_inked (self, snapshot, &view, dm_screen_painter_draw_stand_in, TRUE);
      return;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->view_moving)
    dm_screen_painter_draw_moving_view (self->painter, cr, &view, self->time);
  else
    {
      dm_screen_painter_draw_still (self->painter, cr, &view);
      dm_screen_painter_draw_moving (self->painter, cr, &view, self->time);
    }
  cairo_destroy (cr);
}

static gboolean
view_rests_cb (gpointer user_data)
{
  DmRouteMapLayer *self = user_data;

  g_assert (DM_IS_ROUTE_MAP_LAYER (self));

  self->rest_id = 0;
  self->view_moving = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* While the map pans or zooms, big documents reuse the last picture (see
 * dm_screen_painter_draw_moving_view); 200 ms after the last move it is drawn for real */
static void
viewport_changed_cb (DmRouteMapLayer *self)
{
  g_assert (DM_IS_ROUTE_MAP_LAYER (self));

  hurry_tile_grids (self);
  self->view_moving = TRUE;
  g_clear_handle_id (&self->rest_id, g_source_remove);
  self->rest_id = g_timeout_add (200, view_rests_cb, self);
  g_source_set_name_by_id (self->rest_id, "[diplomap] view_rests_cb");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dm_route_map_layer_constructed (GObject *object)
{
  DmRouteMapLayer *self = DM_ROUTE_MAP_LAYER (object);

  G_OBJECT_CLASS (dm_route_map_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
dm_route_map_layer_dispose (GObject *object)
{
  DmRouteMapLayer *self = DM_ROUTE_MAP_LAYER (object);

  g_clear_handle_id (&self->rest_id, g_source_remove);
  g_clear_pointer (&self->still_tiles, g_ptr_array_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->painter, dm_screen_painter_free);
  G_OBJECT_CLASS (dm_route_map_layer_parent_class)->dispose (object);
}

static void
dm_route_map_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DmRouteMapLayer *self = DM_ROUTE_MAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_TIME: g_value_set_double (value, self->time); break;
    case PROP_SELECTED_EVENT: g_value_set_object (value, self->selected); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_route_map_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DmRouteMapLayer *self = DM_ROUTE_MAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: dm_route_map_layer_set_document (self, g_value_get_object (value)); break;
    case PROP_TIME: dm_route_map_layer_set_time (self, g_value_get_double (value)); break;
    case PROP_SELECTED_EVENT:
      dm_route_map_layer_set_selected_event (self, g_value_get_object (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_route_map_layer_class_init (DmRouteMapLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dm_route_map_layer_constructed;
  object_class->dispose = dm_route_map_layer_dispose;
  object_class->get_property = dm_route_map_layer_get_property;
  object_class->set_property = dm_route_map_layer_set_property;
  widget_class->snapshot = dm_route_map_layer_snapshot;
  widget_class->size_allocate = dm_route_map_layer_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, DM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_double ("time", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, DM_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DmRouteMapLayer::routes-changed:
   * The painter draws another route set (dm_screen_painter_get_set): a big document's,
   * built by a worker thread after its events changed, has come.
   */
  signals[ROUTES_CHANGED] =
    g_signal_new ("routes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static gboolean
caches_ready_cb (gpointer user_data)
{
  g_assert (DM_IS_ROUTE_MAP_LAYER (user_data));

  gtk_widget_queue_draw (GTK_WIDGET (user_data));
  return G_SOURCE_REMOVE;
}

static gboolean
set_changed_cb (gpointer user_data)
{
  DmRouteMapLayer *self = user_data;

  g_assert (DM_IS_ROUTE_MAP_LAYER (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[ROUTES_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
dm_route_map_layer_init (DmRouteMapLayer *self)
{
  self->painter = dm_screen_painter_new ();
  dm_screen_painter_set_track_damage (self->painter, TRUE);
  /* The painter goes with the widget: no reference needed */
  dm_screen_painter_set_ready_func (self->painter, caches_ready_cb, self);
  dm_screen_painter_set_set_func (self->painter, set_changed_cb, self);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

DmRouteMapLayer *
dm_route_map_layer_new (ShumateViewport *viewport)
{
  return g_object_new (DM_TYPE_ROUTE_MAP_LAYER, "viewport", viewport, NULL);
}

DmDocument *
dm_route_map_layer_get_document (DmRouteMapLayer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_MAP_LAYER (self), NULL);
  return self->document;
}

void
dm_route_map_layer_set_document (DmRouteMapLayer *self,
                              DmDocument    *document)
{
  g_return_if_fail (DM_IS_ROUTE_MAP_LAYER (self));

  if (!g_set_object (&self->document, document))
    return;
  dm_route_map_layer_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
dm_route_map_layer_reload (DmRouteMapLayer *self)
{
  g_return_if_fail (DM_IS_ROUTE_MAP_LAYER (self));

  dm_screen_painter_set_document (self->painter, self->document);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
dm_route_map_layer_get_time (DmRouteMapLayer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_MAP_LAYER (self), 0);
  return self->time;
}

void
dm_route_map_layer_set_time (DmRouteMapLayer *self,
                          double         time)
{
  g_return_if_fail (DM_IS_ROUTE_MAP_LAYER (self));

  if (time == self->time)
    return;
  self->time = time;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

DmEvent *
dm_route_map_layer_get_selected_event (DmRouteMapLayer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_MAP_LAYER (self), NULL);
  return self->selected;
}

void
dm_route_map_layer_set_selected_event (DmRouteMapLayer *self,
                                    DmEvent       *event)
{
  g_return_if_fail (DM_IS_ROUTE_MAP_LAYER (self));

  if (!g_set_object (&self->selected, event))
    return;
  dm_screen_painter_set_selected (self->painter, event);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

DmScreenPainter *
dm_route_map_layer_get_painter (DmRouteMapLayer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_MAP_LAYER (self), NULL);
  return self->painter;
}

/**
 * dm_route_map_layer_get_routes_ready:
 * Whether the last frame drawn showed every route of the document for the current view and
 * time, not a stand-in while worker threads draw them (tests, benchmarks).
 */
gboolean
dm_route_map_layer_get_routes_ready (DmRouteMapLayer *self)
{
  DmView view;

  g_return_val_if_fail (DM_IS_ROUTE_MAP_LAYER (self), FALSE);
  if (self->document == NULL)
    return FALSE;
  dm_route_map_layer_get_view (self, &view);
  return dm_screen_painter_is_complete (self->painter, &view, self->time);
}

/**
 * dm_route_map_layer_get_n_still_draws:
 * How many tiles of the still picture (the legs flown, the selected event, the places) were
 * drawn into new render nodes: during playback only those where it changed (tests).
 */
guint
dm_route_map_layer_get_n_still_draws (DmRouteMapLayer *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_MAP_LAYER (self), 0);
  return self->n_still_draws;
}

