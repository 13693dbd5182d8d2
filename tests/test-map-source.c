/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "app-test-util.h"
#include "dm-map-source.h"
#include "dm-map-style.h"
#include "dm-tile-paintable.h"

/* The offline tile source: HiDPI textures, one drawing for equal requests, the cache. */

typedef struct
{
  guint done;
} Wait;

static void
filled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error));
  g_assert_no_error (error);
  w->done++;
}

static gboolean
all_done (gpointer data)
{
  return ((Wait *) data)->done == 3;
}

static gboolean
one_done (gpointer data)
{
  return ((Wait *) data)->done == 1;
}

/* The picture drawn for @tile, margin included */
static GdkTexture *
tile_texture (ShumateTile *tile)
{
  return dm_tile_paintable_get_texture (DM_TILE_PAINTABLE (shumate_tile_get_paintable (tile)));
}

static void
test_tiles (void)
{
  g_autoptr(DmMapSource) source = dm_map_source_new ();
  ShumateTile *tiles[3];
  Wait w = { 0 };
  GdkPaintable *paintable;
  Wait again = { 0 };
  g_autoptr(ShumateTile) fourth = shumate_tile_new_full (1, 1, 256, 2);

  dm_map_source_set_scale_factor (source, 2);
  /* z2/x1/y1: the North Atlantic and Europe; the same tile asked three times at once */
  for (guint i = 0; i < 3; i++)
    {
      tiles[i] = shumate_tile_new_full (1, 1, 256, 2);
      shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tiles[i], NULL, filled_cb, &w);
    }
  g_assert_true (app_test_wait_until (all_done, &w, 20000));
  g_assert_cmpuint (dm_map_source_get_n_drawn (source), ==, 1);
  g_assert_cmpuint (dm_map_source_get_n_pending (source), ==, 0);

  /* Drawn at twice the size, for a sharp HiDPI map */
  for (guint i = 0; i < 3; i++)
    {
      paintable = shumate_tile_get_paintable (tiles[i]);
      g_assert_true (DM_IS_TILE_PAINTABLE (paintable));
      /* 256 px and a margin of 1 px of the neighbours around it, twice */
      g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 512);
      g_assert_cmpint (gdk_texture_get_width (tile_texture (tiles[i])), ==, 516);
      g_assert_cmpint (gdk_texture_get_height (tile_texture (tiles[i])), ==, 516);
      g_assert_cmpint (shumate_tile_get_state (tiles[i]), ==, SHUMATE_STATE_DONE);
    }
  /* The mid-Atlantic is sea (tile pixel 100,120 of 256 is about 40°N 40°W) */
  g_assert_true (app_test_color_near (app_test_pixel (tile_texture (tiles[0]), 2 + 200, 2 + 240),
                                      DM_MAP_COLOR_SEA, 6));
  app_test_save (tile_texture (tiles[0]), "tile-z2-1-1@2.png");

  /* Later requests come from the cache, drawn no more */
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), fourth, NULL, filled_cb, &again);
  g_assert_true (app_test_wait_until (one_done, &again, 5000));
  g_assert_cmpuint (dm_map_source_get_n_drawn (source), ==, 1);
  g_assert_true (shumate_tile_get_paintable (fourth) == shumate_tile_get_paintable (tiles[0]));

  for (guint i = 0; i < 3; i++)
    g_object_unref (tiles[i]);
}

/* Run after another case: GLib cleared the fatal-log handler as this case started, and
 * app_test_add_func() set it again, so GTK 4.8's tooltip criticals are told, not fatal;
 * without it this program stops here (SIGTRAP) */
static void
test_tooltip_critical (void)
{
  g_log ("Gdk", G_LOG_LEVEL_CRITICAL,
         "gdk_surface_get_device_position: assertion 'GDK_IS_SURFACE (surface)' failed");
  g_log ("Gtk", G_LOG_LEVEL_CRITICAL,
         "_gtk_widget_find_at_coords: assertion 'GDK_IS_SURFACE (surface)' failed");
  g_assert_true (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/map-source/tiles", test_tiles);
  app_test_add_func ("/app/map-source/tooltip-critical-not-fatal", test_tooltip_critical);
  return g_test_run ();
}
