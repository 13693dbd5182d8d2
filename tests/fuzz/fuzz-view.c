/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: the arguments of `diplomap --export` that are neither times (fuzz-time.c) nor
 * files: --view, --size and --window. What --view takes must frame a map of finite numbers
 * in every projection and at any size --size takes (docs/SECURITY.md). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dm-cli-private.h"
#include "dm-document.h"
#include "dm-figure.h"
#include "dm-view.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* @figure, framed by a --view it took, puts the box's corners and middle at finite points */
static void
check_framing (DmFigure *figure)
{
  static const double points[][2] = { { -180, -90 }, { 180, 90 }, { 0, 0 }, { 359, 89 } };

  for (DmProjection p = DM_PROJECTION_MERCATOR; p <= DM_PROJECTION_EQUAL_EARTH; p++)
    {
      DmView view;

      dm_figure_set_projection (figure, p);
      dm_figure_get_map_view (figure, &view);
      g_assert (isfinite (view.center_x) && isfinite (view.center_y));
      g_assert (isfinite (view.scale) && view.scale > 0);
      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        {
          double x, y;

          dm_view_project (&view, points[i][0], points[i][1], &x, &y);
          g_assert (!isnan (x) && !isnan (y));
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static DmFigure *figure;
  g_autofree char *text = NULL;
  const char *nl;
  int w = 800, h = 600;
  gint64 seconds;

  if (figure == NULL)
    {
      g_autoptr(DmDocument) doc = dm_document_new ();

      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      figure = dm_figure_new (doc);
    }
  /* "VIEW" or "VIEW\nSIZE": a size changes the map's shape, which the framing follows */
  nl = memchr (data, '\n', size);
  text = g_strndup ((const char *) data, nl ? (gsize) (nl - (const char *) data) : size);
  if (nl != NULL)
    {
      g_autofree char *size_text = g_strndup (nl + 1, size - (nl + 1 - (const char *) data));

      if (dm_cli_parse_size (size_text, &w, &h))
        g_assert (w >= 16 && h >= 16 && w <= 16384 && h <= 16384);
    }
  if (dm_cli_parse_window (text, &seconds))
    g_assert (seconds >= 0);
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_FIT);
  dm_figure_set_size (figure, w, h);
  if (dm_cli_parse_view (text, figure))
    check_framing (figure);
  return 0;
}
