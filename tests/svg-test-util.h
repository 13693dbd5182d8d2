/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A path an SVG draws: its style (inline, or its class's rule in the <style> block, or its
 * group's) and its path data (a <use> gives the data of the path it uses) */
typedef struct
{
  char *element;  /* "path" or "use" */
  char *style;
  char *d;
} SvgTestPath;

GPtrArray *svg_test_paths       (const char  *svg,
                                 GError     **error);
guint      svg_test_count_moves (const char  *d);

G_END_DECLS
