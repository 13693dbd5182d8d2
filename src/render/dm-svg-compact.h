/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Coordinates of a compacted SVG are rounded to 10^-DM_SVG_COMPACT_DECIMALS pixels */
#define DM_SVG_COMPACT_DECIMALS 2

cairo_status_t dm_svg_compact_write (const char         *svg,
                                     gsize               length,
                                     guint               decimals,
                                     cairo_write_func_t  write,
                                     void               *closure);

G_END_DECLS
