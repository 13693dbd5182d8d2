/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-screen-painter.h"

G_BEGIN_DECLS

/* dm-screen-painter-highlight.c: everyone at a selected summit or meeting */
GPtrArray *dm_screen_painter_dup_people  (DmEvent      *event);
void       dm_screen_painter_draw_people (cairo_t      *cr,
                                          const DmView *view,
                                          DmRouteSet   *set,
                                          DmDocument   *document,
                                          DmEvent      *event,
                                          GPtrArray    *people);

G_END_DECLS
