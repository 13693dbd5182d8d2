/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-document.h"
#include "dm-route-set.h"
#include "dm-view.h"

G_BEGIN_DECLS

/* Everyone at a selected summit or meeting (dm-route-highlight.c) */
GPtrArray *dm_route_dup_highlighted  (DmEvent      *event);
void       dm_route_draw_highlighted (cairo_t      *cr,
                                      const DmView *view,
                                      DmRouteSet   *set,
                                      DmDocument   *document,
                                      DmEvent      *event,
                                      GPtrArray    *people);

G_END_DECLS
