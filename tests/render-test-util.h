/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-basemap.h"
#include "dm-document.h"
#include "dm-figure.h"
#include "dm-tile.h"
#include "interop-common.h"

G_BEGIN_DECLS

guint32 pixel_at (cairo_surface_t *s, double x, double y);
gboolean color_near (guint32 a, guint32 b, int tol);
DmMapStyle *plain_style (void);
cairo_surface_t *draw_tile (guint z, guint x, guint y, const DmMapStyle *style, DmView *view);
void tile_for (guint z, double lon, double lat, guint *x, guint *y);
guint count_alpha_above (cairo_surface_t *s, int min_alpha);
guint count_dark (cairo_surface_t *s, double x, double y, int half_w, int half_h);
guint count_row_off (cairo_surface_t *s, double y, double x0, double x1, guint32 base, int tol);
cairo_surface_t *draw_figure (DmProjection projection, int w, int h, const DmMapStyle *style, DmView *view);
int color_distance (guint32 a, guint32 b);
gint64 utc (const char *iso);
cairo_surface_t *render_figure (DmFigure *figure);
void assert_same_pixels (cairo_surface_t *a, cairo_surface_t *b);
void wait_for (const guint *n_done, guint n);
guint wait_for_finalize (gpointer *object);
#define assert_color(s, x, y, want)                                                  \
  G_STMT_START {                                                                     \
    guint32 got_ = pixel_at ((s), (x), (y));                                         \
    if (!color_near (got_, (want), 2))                                               \
      g_error ("pixel (%.0f, %.0f): got #%06x, want #%06x", (double) (x), (double) (y), \
               got_, (guint32) (want));                                              \
  } G_STMT_END

G_END_DECLS
