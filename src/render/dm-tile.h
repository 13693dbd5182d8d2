/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-basemap.h"

G_BEGIN_DECLS

void dm_tile_draw (DmBasemap        *basemap,
                   cairo_t          *cr,
                   guint             z,
                   guint             x,
                   guint             y,
                   guint             tile_size,
                   const DmMapStyle *style);
void dm_tile_draw_with_margin (DmBasemap        *basemap,
                               cairo_t          *cr,
                               guint             z,
                               guint             x,
                               guint             y,
                               guint             tile_size,
                               guint             margin,
                               const DmMapStyle *style);

G_END_DECLS
