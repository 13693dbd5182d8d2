/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "app-test-util.h"
#include "dm-figure.h"
#include "dm-window-private.h"

/* The map's key: a scale bar that follows the zoom and the latitude, and a legend that
 * follows the routes (flows or legs) and folds into its button */

/* dm-window-key.c measures the legend again this long after the playhead moves, and a bit */
#define KEY_WAIT_MS 400

static guint32 *
download (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guint32 *data = g_new (guint32, (gsize) w * h);

  gdk_texture_download (texture, (guchar *) data, w * 4);
  return data;
}

/* Pixels of @a and @b (the same size) that differ */
static guint
count_differences (GdkTexture *a,
                   GdkTexture *b)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  g_autofree guint32 *pa = download (a);
  g_autofree guint32 *pb = NULL;
  guint n = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, w);
  g_assert_cmpint (gdk_texture_get_height (b), ==, h);
  pb = download (b);
  for (gsize i = 0; i < (gsize) w * h; i++)
    n += pa[i] != pb[i];
  return n;
}

/* Dark opaque pixels (the bar's black half and its text) in a box of @shot */
static guint
count_ink (GdkTexture *shot,
           int         x0,
           int         y0,
           int         x1,
           int         y1)
{
  int w = gdk_texture_get_width (shot), h = gdk_texture_get_height (shot);
  g_autofree guint32 *data = download (shot);
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, h); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, w); x++)
      {
        guint32 p = data[(gsize) y * w + x];
        if ((p >> 24) > 200 && ((p >> 16) & 0xff) < 60 && ((p >> 8) & 0xff) < 60 && (p & 0xff) < 60)
          n++;
      }
  return n;
}

static void
test_scale_bar (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autoptr(GdkTexture) fitted = NULL;
  g_autoptr(GdkTexture) closer = NULL;
  g_autoptr(GdkTexture) north = NULL;
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  int w, h;

  app_test_open_and_wait (win, file);
  g_assert_true (app_test_wait_map_still (win, 5));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  fitted = app_test_render (GTK_WIDGET (win->scale_area));
  w = gdk_texture_get_width (fitted), h = gdk_texture_get_height (fitted);
  g_assert_cmpint (w, ==, gtk_widget_get_width (GTK_WIDGET (win->map)));
  /* the bar in the bottom right corner, nothing elsewhere */
  g_assert_cmpuint (count_ink (fitted, w - 260, h - 50, w, h), >, 100);
  g_assert_cmpuint (count_ink (fitted, 0, 0, w - 260, h - 50), ==, 0);

  /* one zoom level closer: another length or another number */
  g_action_group_activate_action (G_ACTION_GROUP (win), "map-zoom-in", NULL);
  g_assert_true (app_test_wait_map_still (win, 5));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  closer = app_test_render (GTK_WIDGET (win->scale_area));
  g_assert_cmpuint (count_differences (fitted, closer), >, 50);

  /* the same zoom far north: true at the centre's latitude, so shorter in km */
  shumate_map_center_on (win->map, 65, shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  north = app_test_render (GTK_WIDGET (win->scale_area));
  g_assert_cmpuint (count_differences (closer, north), >, 50);
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-scale-bar.png");
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
legend_folded (gpointer data)
{
  DmWindow *win = data;

  return !gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (GTK_WIDGET (win->legend_area))));
}

static void
test_legend (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autoptr(GdkTexture) legs = NULL;
  g_autoptr(GdkTexture) flows = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.diplomap.Diplomap");
  int legs_h, flows_h;

  app_test_open_and_wait (win, file);
  g_assert_true (app_test_wait_map_still (win, 5));
  dm_window_update_map_key (win);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (win->legend_area)));
  legs_h = gtk_drawing_area_get_content_height (win->legend_area);
  /* the sample's actors and line styles: several rows of about 19 px */
  g_assert_cmpint (legs_h, >, 19 * 4);
  legs = app_test_render (GTK_WIDGET (win->legend_area));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-legend.png");
  }
  app_test_save (legs, "legend-area.png");
  /* a white box over the map, with entries drawn in it */
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    graphene_point_t corner;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (win->legend_area), GTK_WIDGET (win),
                                             &GRAPHENE_POINT_INIT (3, 3), &corner));
    g_assert_true (app_test_color_near (app_test_pixel (shot, (int) corner.x, (int) corner.y),
                                        0xffffffff, 2));
  }
  g_assert_cmpuint (count_ink (legs, 0, 0, gdk_texture_get_width (legs), gdk_texture_get_height (legs)), >, 100);

  /* as flows: widths by trips and places by visits, another legend */
  g_action_group_activate_action (G_ACTION_GROUP (win), "flows", NULL);
  app_test_wait (100);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  flows_h = gtk_drawing_area_get_content_height (win->legend_area);
  flows = app_test_render (GTK_WIDGET (win->legend_area));
  g_test_message ("legend %d px high with legs, %d px as flows", legs_h, flows_h);
  g_assert_true (flows_h != legs_h ||
                 gdk_texture_get_width (flows) != gdk_texture_get_width (legs) ||
                 count_differences (legs, flows) > 100);
  /* the box as wide as it is measured: its right edge drawn, not cut */
  g_assert_cmpint (gdk_texture_get_width (flows), ==,
                   gtk_drawing_area_get_content_width (win->legend_area));
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-legend-flows.png");
  }
  g_action_group_activate_action (G_ACTION_GROUP (win), "flows", NULL);

  /* folded into its button, and kept so */
  g_assert_true (gtk_toggle_button_get_active (win->legend_button));
  /* a button's activation clicks a moment later, as a key press would */
  gtk_widget_activate (GTK_WIDGET (win->legend_button));
  app_test_wait (500);
  g_assert_false (gtk_toggle_button_get_active (win->legend_button));
  g_assert_true (app_test_wait_until (legend_folded, win, 5000));
  g_assert_false (g_settings_get_boolean (settings, "map-legend"));
  gtk_widget_activate (GTK_WIDGET (win->legend_button));
  app_test_wait (500);
  g_assert_true (g_settings_get_boolean (settings, "map-legend"));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The legend as its area drew it at each frame before it was kept as a picture: drawn by
 * dm_route_legend_draw into a Cairo node of the area's size, rendered alone */
static GdkTexture *
render_uncached_legend (DmWindow *win)
{
  GtkWidget *area = GTK_WIDGET (win->legend_area);
  int w = gtk_widget_get_width (area), h = gtk_widget_get_height (area);
  DmScreenPainter *painter = dm_route_map_layer_get_painter (win->routes_layer);
  DmRgba white = dm_rgba_from_hex (0xffffff, 1.0f), ink = dm_rgba_from_hex (0x1a1a1a, 1.0f);
  double max_height = MAX (gtk_widget_get_height (GTK_WIDGET (win->map)) - 110, 40);
  g_autoptr(GskRenderNode) node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);
  double lw, lh;

  dm_route_legend_draw (dm_screen_painter_get_set (painter),
                        dm_route_renderer_get_style (dm_screen_painter_get_layer (painter)),
                        (gint64) dm_route_map_layer_get_time (win->routes_layer), cr, 12.0, 320,
                        max_height, &white, &ink, &lw, &lh);
  cairo_destroy (cr);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (area)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, w, h));
}

/* Pixels of @a and @b (the same size) with a channel more than @tolerance apart */
static guint
count_far (GdkTexture *a,
           GdkTexture *b,
           int         tolerance)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  g_autofree guint32 *pa = download (a);
  g_autofree guint32 *pb = NULL;
  guint n = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, w);
  g_assert_cmpint (gdk_texture_get_height (b), ==, h);
  pb = download (b);
  for (gsize i = 0; i < (gsize) w * h; i++)
    for (int c = 0; c < 32; c += 8)
      if (ABS ((int) ((pa[i] >> c) & 0xff) - (int) ((pb[i] >> c) & 0xff)) > tolerance)
        {
          n++;
          break;
        }
  return n;
}

/* The legend shown is its picture (dm-window-key.c): the same pixels as the legend drawn at
 * the frame, and drawn again when what it shows changes */
static GdkTexture *
assert_legend_as_uncached (DmWindow   *win,
                           const char *what)
{
  g_autoptr(GdkTexture) uncached = NULL;
  GdkTexture *shown;

  app_test_wait (KEY_WAIT_MS);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  shown = app_test_render (GTK_WIDGET (win->legend_area));
  uncached = render_uncached_legend (win);
  g_test_message ("%s: legend %d x %d px", what, gdk_texture_get_width (shown),
                  gdk_texture_get_height (shown));
  g_assert_cmpuint (count_ink (shown, 0, 0, gdk_texture_get_width (shown),
                               gdk_texture_get_height (shown)), >, 100);
  g_assert_cmpuint (count_far (shown, uncached, 2), ==, 0);
  return shown;
}

static gboolean
textures_differ (GdkTexture *a,
                 GdkTexture *b)
{
  return gdk_texture_get_width (a) != gdk_texture_get_width (b) ||
         gdk_texture_get_height (a) != gdk_texture_get_height (b) || count_differences (a, b) > 20;
}

static void
test_legend_picture (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) later = NULL;
  g_autoptr(GdkTexture) one_actor = NULL;
  g_autoptr(GdkTexture) shorter = NULL;
  g_autoptr(DmActor) actor = NULL;
  cairo_surface_t *picture;
  int w, h;

  app_test_open_and_wait (win, file);
  g_assert_true (app_test_wait_map_still (win, 5));
  dm_window_update_map_key (win);
  first = assert_legend_as_uncached (win, "opened");

  /* measured again with nothing changed: the same picture kept, nothing drawn again */
  picture = win->legend_picture;
  g_assert_nonnull (picture);
  dm_window_update_map_key (win);
  g_assert_true (win->legend_picture == picture);

  /* another time: other stays shown, legs under way */
  dm_playback_set_time (win->playback, dm_playback_get_end (win->playback));
  later = assert_legend_as_uncached (win, "at the end");
  /* one actor's events: one actor, one colour */
  actor = g_list_model_get_item (dm_document_get_actors (win->document), 0);
  dm_event_list_set_actor_filter (DM_EVENT_LIST (win->event_list), actor);
  app_test_wait (400);
  one_actor = assert_legend_as_uncached (win, "one actor");
  g_assert_true (textures_differ (later, one_actor));
  dm_event_list_set_actor_filter (DM_EVENT_LIST (win->event_list), NULL);
  app_test_wait (400);
  /* a shorter map: the legend folds its last entries */
  gtk_window_get_default_size (GTK_WINDOW (win), &w, &h);
  gtk_window_set_default_size (GTK_WINDOW (win), w, 420);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  shorter = assert_legend_as_uncached (win, "shorter");
  g_assert_true (textures_differ (first, shorter) || textures_differ (later, shorter));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Opaque pixels of the routes layer alone within 6 px of Windhoek (visited in 1990 only) */
static guint
windhoek_ink (DmWindow *win)
{
  g_autoptr(GdkTexture) layer = app_test_render (GTK_WIDGET (win->routes_layer));
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  g_autofree guint32 *px = download (layer);
  int w = gdk_texture_get_width (layer), h = gdk_texture_get_height (layer);
  double x, y;
  guint n = 0;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (win->routes_layer),
                                              -22.56, 17.08, &x, &y);
  g_assert_true (x > 6 && y > 6 && x < w - 6 && y < h - 6);
  for (int j = (int) y - 6; j <= (int) y + 6; j++)
    for (int i = (int) x - 6; i <= (int) x + 6; i++)
      n += (px[(gsize) j * w + i] >> 24) > 128;
  return n;
}

/* Pixels of the map drawn by no tile: the window's background shows there (#fafafa, the
 * lighter strip at the left edge of the U.S. record's first view) */
static guint
count_untiled (GdkTexture *map,
               int         x0,
               int         x1)
{
  int w = gdk_texture_get_width (map), h = gdk_texture_get_height (map);
  g_autofree guint32 *px = download (map);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = MAX (x0, 0); x < MIN (x1, w); x++)
      n += (px[(gsize) y * w + x] >> 24) < 0xff;
  return n;
}

/* The U.S. record at mid-2018 (Pompeo's first trips): the legend names the traveller groups
 * and the line styles of the year's trail, the scale bar is there */
static void
test_us_record_2018 (void)
{
  DmWindow *win = app_test_open_window ();
  int legend_h;

  g_action_group_activate_action (G_ACTION_GROUP (win), "open-us-travels", NULL);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), >, 4000);
  dm_playback_set_time (win->playback, 1530446400 /* 2018-07-01T12:00Z */);
  app_test_wait (KEY_WAIT_MS);
  g_assert_true (app_test_wait_until (app_test_window_tiles_done, win, 30000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));
  legend_h = gtk_drawing_area_get_content_height (win->legend_area);
  g_test_message ("legend %d x %d px", gtk_drawing_area_get_content_width (win->legend_area), legend_h);
  /* a heading, the groups, the line styles: and no taller than the map leaves it */
  g_assert_cmpint (legend_h, >, 19 * 4);
  g_assert_cmpint (legend_h, <=, gtk_widget_get_height (GTK_WIDGET (win->map)) - 100);
  /* every tile of the first view drawn, the left edge's too: a strip of the window's
   * background 48 px wide showed there, its tiles not asked for while the window was busy
   * (dm-route-map-layer.c, hurry_tile_grids) */
  g_assert_true (app_test_wait_until (app_test_window_tiles_done, win, 30000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  g_assert_true (app_test_wait_until (app_test_window_tiles_done, win, 30000));
  {
    g_autoptr(GdkTexture) map = app_test_render (GTK_WIDGET (win->map));
    guint untiled = count_untiled (map, 0, 80);

    g_test_message ("%u pixels of the map's left 80 columns drawn by no tile", untiled);
    g_assert_cmpuint (untiled, <, 20);
  }
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    g_autoptr(GdkTexture) bar = app_test_render (GTK_WIDGET (win->scale_area));
    int w = gdk_texture_get_width (bar), h = gdk_texture_get_height (bar);

    app_test_save (shot, "window-us-2018.png");
    g_assert_cmpuint (count_ink (bar, w - 260, h - 50, w, h), >, 100);
  }
  /* the year's trail (picked from the record's density) shows nothing of other years: not
   * Baker's 1990 leg to Windhoek nor its dot; with the whole record they are there */
  {
    g_autoptr(GVariant) trail = g_action_group_get_action_state (G_ACTION_GROUP (win), "trail");
    guint year_ink, all_ink;

    g_assert_cmpstr (g_variant_get_string (trail, NULL), ==, "year");
    year_ink = windhoek_ink (win);
    g_action_group_change_action_state (G_ACTION_GROUP (win), "trail", g_variant_new_string ("all"));
    app_test_wait (KEY_WAIT_MS);
    g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 30000));
    g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
    all_ink = windhoek_ink (win);
    g_test_message ("route pixels at Windhoek: %u with the year's trail, %u with all", year_ink, all_ink);
    g_assert_cmpuint (year_ink, ==, 0);
    g_assert_cmpuint (all_ink, >, 20);
    g_settings_reset (win->settings, "trail");
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Rows of @shot where column @x (a tile border) stands out from the land on both sides:
 * a seam of the background showing between two tiles */
static guint
count_seam_rows (GdkTexture *shot,
                 int         x,
                 int         y0,
                 int         y1)
{
  int w = gdk_texture_get_width (shot);
  g_autofree guint32 *px = download (shot);
  guint n = 0;

  for (int y = y0; y < y1; y++)
    {
      guint32 left = px[(gsize) y * w + x - 3], right = px[(gsize) y * w + x + 3];
      if (!app_test_color_near (left, right, 4))
        continue;  /* a coast or border crosses here */
      for (int dx = -1; dx <= 1; dx++)
        if (!app_test_color_near (px[(gsize) y * w + x + dx], left, 12))
          {
            n++;
            break;
          }
    }
  return n;
}

/* Tiles meet without a line between them, at whole and fractional zooms: the meridian of
 * Greenwich is a tile border at every zoom, through the Sahara (land on both sides) */
static void
test_tile_seams (void)
{
  DmWindow *win = app_test_open_window ();
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  const double zooms[] = { 2.0, 2.6, 3.0, 3.45, 4.0, 4.8, 5.0 };
  g_autoptr(GFile) file = app_test_sample_file ();

  /* the sample's routes keep east of the Sahara */
  app_test_open_and_wait (win, file);
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      g_autoptr(GdkTexture) shot = NULL;
      g_autofree char *name = g_strdup_printf ("tile-seams-z%.2f.png", zooms[i]);
      double x, top, bottom;
      guint seams;

      shumate_viewport_set_zoom_level (viewport, zooms[i]);
      /* a little off the meridian, so the border falls between pixels */
      shumate_location_set_location (SHUMATE_LOCATION (viewport), 22.0, 0.37);
      g_assert_true (app_test_wait_map_still (win, 5));
      g_assert_true (app_test_wait_until (app_test_window_tiles_done, win, 30000));
      app_test_wait (300);
      shot = app_test_render (GTK_WIDGET (win->map));
      app_test_save (shot, name);
      /* the Sahara and the Sahel, 14 to 33 degrees north */
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (win->map), 33.0, 0.0, &x, &top);
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (win->map), 14.0, 0.0, &x, &bottom);
      top = MAX (top, 0);
      bottom = MIN (bottom, gdk_texture_get_height (shot));
      g_assert_cmpfloat (bottom - top, >, 40);
      seams = count_seam_rows (shot, (int) floor (x), (int) top, (int) bottom);
      seams += count_seam_rows (shot, (int) ceil (x), (int) top, (int) bottom);
      g_test_message ("zoom %.2f: border at x = %.2f, %u rows of %d with a seam", zooms[i], x,
                      seams, (int) (bottom - top));
      /* a seam runs the whole border (before the tiles overlapped: 61 rows of 59, both
       * columns); names and borders crossing it account for a few */
      g_assert_cmpuint (seams * 4, <, (guint) (bottom - top));
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  app_test_add_func ("/app/map-key/scale-bar", test_scale_bar);
  app_test_add_func ("/app/map-key/legend", test_legend);
  app_test_add_func ("/app/map-key/legend-picture", test_legend_picture);
  app_test_add_func ("/app/map-key/us-record-2018", test_us_record_2018);
  app_test_add_func ("/app/map-key/tile-seams", test_tile_seams);
  return g_test_run ();
}
