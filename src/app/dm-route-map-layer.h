/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dm-document.h"
#include "dm-screen-painter.h"

G_BEGIN_DECLS

#define DM_TYPE_ROUTE_MAP_LAYER (dm_route_map_layer_get_type ())

G_DECLARE_FINAL_TYPE (DmRouteMapLayer, dm_route_map_layer, DM, ROUTE_MAP_LAYER, ShumateLayer)

DmRouteMapLayer   *dm_route_map_layer_new                (ShumateViewport *viewport);
DmDocument      *dm_route_map_layer_get_document       (DmRouteMapLayer   *self);
void             dm_route_map_layer_set_document       (DmRouteMapLayer   *self,
                                                     DmDocument      *document);
/* Call when the document's events changed */
void             dm_route_map_layer_reload             (DmRouteMapLayer   *self);
double           dm_route_map_layer_get_time           (DmRouteMapLayer   *self);
void             dm_route_map_layer_set_time           (DmRouteMapLayer   *self,
                                                     double           time);
DmEvent         *dm_route_map_layer_get_selected_event (DmRouteMapLayer   *self);
void             dm_route_map_layer_set_selected_event (DmRouteMapLayer   *self,
                                                     DmEvent         *event);
/* The view the layer draws, from its viewport and size */
void             dm_route_map_layer_get_view           (DmRouteMapLayer   *self,
                                                     DmView          *view);
DmScreenPainter *dm_route_map_layer_get_painter        (DmRouteMapLayer   *self);
gboolean         dm_route_map_layer_get_routes_ready   (DmRouteMapLayer   *self);
guint            dm_route_map_layer_get_n_still_draws  (DmRouteMapLayer   *self);

G_END_DECLS
