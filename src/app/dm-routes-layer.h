/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dm-document.h"
#include "dm-routes-painter.h"

G_BEGIN_DECLS

#define DM_TYPE_ROUTES_LAYER (dm_routes_layer_get_type ())

G_DECLARE_FINAL_TYPE (DmRoutesLayer, dm_routes_layer, DM, ROUTES_LAYER, ShumateLayer)

DmRoutesLayer   *dm_routes_layer_new                (ShumateViewport *viewport);
DmDocument      *dm_routes_layer_get_document       (DmRoutesLayer   *self);
void             dm_routes_layer_set_document       (DmRoutesLayer   *self,
                                                     DmDocument      *document);
/* Call when the document's events changed */
void             dm_routes_layer_reload             (DmRoutesLayer   *self);
double           dm_routes_layer_get_time           (DmRoutesLayer   *self);
void             dm_routes_layer_set_time           (DmRoutesLayer   *self,
                                                     double           time);
DmEvent         *dm_routes_layer_get_selected_event (DmRoutesLayer   *self);
void             dm_routes_layer_set_selected_event (DmRoutesLayer   *self,
                                                     DmEvent         *event);
/* The view the layer draws, from its viewport and size */
void             dm_routes_layer_get_view           (DmRoutesLayer   *self,
                                                     DmView          *view);
DmRoutesPainter *dm_routes_layer_get_painter        (DmRoutesLayer   *self);
gboolean         dm_routes_layer_get_routes_ready   (DmRoutesLayer   *self);

G_END_DECLS
