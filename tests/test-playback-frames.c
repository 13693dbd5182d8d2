/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-timeline-private.h"
#include "dm-window-private.h"

/* What a frame of playback redraws in the window (docs/PERFORMANCE.md, "The window during
 * playback"): only what changes. Widgets that do not change are not drawn again (GTK
 * invalidates a widget's paintables when the widget is queued for drawing, so their
 * invalidations count the widget's redraws); the timeline's lanes and the map's still routes
 * are kept as render nodes; and what a seek shows is what a fresh drawing shows. */

static void
count_cb (GdkPaintable *paintable,
          guint        *count)
{
  (*count)++;
}

/* Counts the redraws of @widget from now on */
static GdkPaintable *
watch (GtkWidget *widget,
       guint     *count)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);

  *count = 0;
  g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (count_cb), count);
  return paintable;
}

static DmWindow *
open_sample (void)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = app_test_sample_file ();

  app_test_open_and_wait (win, file);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  return win;
}

/* The counting itself: a widget queued for drawing is counted */
static void
test_counts_redraws (void)
{
  DmWindow *win = open_sample ();
  guint n_list;
  g_autoptr(GdkPaintable) list = watch (GTK_WIDGET (win->event_list), &n_list);

  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  n_list = 0;
  gtk_widget_queue_draw (GTK_WIDGET (win->event_list));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  g_assert_cmpuint (n_list, >, 0);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_still_kept (void)
{
  DmWindow *win = open_sample ();
  double start = dm_playback_get_start (win->playback), end = dm_playback_get_end (win->playback);
  guint n_list, n_details, n_timeline, n_frames;
  g_autoptr(GdkPaintable) list = watch (GTK_WIDGET (win->event_list), &n_list);
  g_autoptr(GdkPaintable) details = watch (GTK_WIDGET (win->event_details), &n_details);
  g_autoptr(GdkPaintable) timeline = watch (GTK_WIDGET (win->timeline), &n_timeline);
  guint lanes, routes, resizes, n_label;
  g_autoptr(GdkPaintable) label = watch (GTK_WIDGET (win->time_label), &n_label);
  g_autofree char *text0 = NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (win));
  gint64 frame0;

  /* Mid-way through the sample, where the timeline shows the playhead */
  dm_playback_set_time (win->playback, start + (end - start) * 0.4);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  /* At rest first: rows still being bound after the load redraw the list on a loaded
   * machine; two quiet rounds in a row */
  for (guint i = 0, quiet = 0; i < 80 && quiet < 2; i++)
    {
      n_list = n_details = 0;
      app_test_wait (100);
      g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
      quiet = n_list == 0 && n_details == 0 ? quiet + 1 : 0;
    }
  n_list = n_details = n_timeline = 0;
  lanes = dm_timeline_get_n_still_draws (win->timeline);
  routes = dm_route_map_layer_get_n_still_draws (win->routes_layer);
  resizes = dm_time_label_get_n_resizes (win->time_label);
  text0 = g_strdup (dm_time_label_get_text (win->time_label));
  n_label = 0;

  /* An hour of the sample per step: the time label, the playhead and what flies move */
  frame0 = gdk_frame_clock_get_frame_counter (clock);
  for (guint i = 1; i <= 12; i++)
    {
      dm_playback_set_time (win->playback, start + (end - start) * 0.4 + i * 3600.0);
      g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
    }
  n_frames = gdk_frame_clock_get_frame_counter (clock) - frame0;
  g_test_message ("%u frames: list %u, details %u, timeline %u, lanes %u, routes' still picture %u",
                  n_frames, n_list, n_details, n_timeline,
                  dm_timeline_get_n_still_draws (win->timeline) - lanes,
                  dm_route_map_layer_get_n_still_draws (win->routes_layer) - routes);
  g_assert_cmpuint (n_frames, >=, 12);
  /* The timeline is drawn again (its playhead moved), not its lanes */
  g_assert_cmpuint (n_timeline, >, 0);
  g_assert_cmpuint (dm_timeline_get_n_still_draws (win->timeline), ==, lanes);
  /* The time label shows each new time, redrawn, without laying the window out again (at
   * most once for a wider text: a day of two digits) */
  g_assert_cmpuint (n_label, >, 0);
  g_assert_cmpstr (dm_time_label_get_text (win->time_label), !=, text0);
  g_assert_nonnull (strstr (dm_time_label_get_text (win->time_label), "UTC"));
  g_assert_cmpuint (dm_time_label_get_n_resizes (win->time_label) - resizes, <=, 1);
  /* The list and the details do not change */
  g_assert_cmpuint (n_list, ==, 0);
  g_assert_cmpuint (n_details, ==, 0);
  /* The routes' still picture changes only when a leg lands (a few of the sample's in 12
   * hours at most), not every frame */
  g_assert_cmpuint (dm_route_map_layer_get_n_still_draws (win->routes_layer) - routes, <, 6);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));

  /* Selecting an event draws the lanes again (its frame) */
  {
    GListModel *events = dm_document_get_events (dm_window_get_document (win));
    g_autoptr(DmEvent) event = g_list_model_get_item (events, 0);

    dm_timeline_set_selected_event (win->timeline, event);
    g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
    g_assert_cmpuint (dm_timeline_get_n_still_draws (win->timeline), >, lanes);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Pixels of @texture as Cairo's ARGB32 */
static guchar *
download (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guchar *data = g_malloc (w * h * 4);

  gdk_texture_download (texture, data, w * 4);
  return data;
}

/* Pixels of @a and @b that differ by more than @tolerance in a channel */
static guint
count_differences (GdkTexture *a,
                   const guchar *b,
                   int         stride,
                   int         tolerance)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  g_autofree guchar *pa = download (a);
  guint n = 0;
  int worst = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 4; c++)
        {
          int d = ABS (pa[y * w * 4 + x * 4 + c] - b[y * stride + x * 4 + c]);

          worst = MAX (worst, d);
          if (d > tolerance)
            {
              n++;
              break;
            }
        }
  g_test_message ("largest difference in a channel: %d", worst);
  return n;
}

/* The map layer after a seek, against the routes drawn afresh, at once, for that view and
 * time */
static void
check_same_as_fresh (DmWindow *win,
                     double    time)
{
  GtkWidget *layer = GTK_WIDGET (win->routes_layer);
  g_autoptr(GdkTexture) shown = NULL;
  g_autoptr(DmScreenPainter) fresh = dm_screen_painter_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  DmView view;
  guint n;

  dm_playback_set_time (win->playback, time);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  shown = app_test_render (layer);
  dm_route_map_layer_get_view (win->routes_layer, &view);
  g_assert_cmpint (gdk_texture_get_width (shown), ==, (int) view.width);
  dm_screen_painter_set_document (fresh, dm_route_map_layer_get_document (win->routes_layer));
  dm_screen_painter_set_synchronous (fresh, TRUE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
  cr = cairo_create (surface);
  dm_screen_painter_draw (fresh, cr, &view, time);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* Legs that landed since the caches were drawn are added over them, over their faint
   * line-to-come: their soft edges differ by a few levels from a drawing from scratch */
  n = count_differences (shown, cairo_image_surface_get_data (surface),
                         cairo_image_surface_get_stride (surface), 24);
  g_test_message ("at %.0f: %u pixels differ", time, n);
  app_test_save (shown, "seek-shown.png");
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"), "seek-fresh.png", NULL);
      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_seek_same_as_fresh (void)
{
  DmWindow *win = open_sample ();
  double start = dm_playback_get_start (win->playback), end = dm_playback_get_end (win->playback);

  /* Forward (legs land into the caches), back (the caches drawn anew), forward by a step */
  check_same_as_fresh (win, start + (end - start) * 0.7);
  check_same_as_fresh (win, start + (end - start) * 0.2);
  check_same_as_fresh (win, start + (end - start) * 0.2 + 7200);
  check_same_as_fresh (win, start + (end - start) * 0.55);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The map layer as its snapshot draws it now, without waiting for a frame (NULL: it draws
 * nothing) */
static GdkTexture *
render_now (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

/* After a resize, and zoomed in where no route goes (nothing drawn), the layer still shows
 * what a fresh drawing shows */
static void
test_resize_same_as_fresh (void)
{
  DmWindow *win = open_sample ();
  double start = dm_playback_get_start (win->playback), end = dm_playback_get_end (win->playback);
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);
  GtkWidget *layer = GTK_WIDGET (win->routes_layer);
  int width = gtk_widget_get_width (layer);
  g_autoptr(GdkTexture) shown = NULL;

  check_same_as_fresh (win, start + (end - start) * 0.6);
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 700);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  g_assert_cmpint (gtk_widget_get_width (layer), !=, width);
  check_same_as_fresh (win, start + (end - start) * 0.65);

  /* The South Pacific: every tile clear, nothing drawn */
  shumate_map_center_on (win->map, -45, -130);
  shumate_viewport_set_zoom_level (viewport, 6);
  g_assert_true (app_test_wait_map_still (win, 3));
  app_test_wait (300);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  shown = render_now (layer);
  if (shown != NULL)
    {
      g_autoptr(GdkTexture) none = NULL;
      cairo_surface_t *clear = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                           gdk_texture_get_width (shown),
                                                           gdk_texture_get_height (shown));

      cairo_surface_flush (clear);
      g_assert_cmpuint (count_differences (shown, cairo_image_surface_get_data (clear),
                                           cairo_image_surface_get_stride (clear), 0), ==, 0);
      cairo_surface_destroy (clear);
    }
  /* ...and back over the routes, at another size again */
  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 800);
  shumate_map_center_on (win->map, 20, 10);
  shumate_viewport_set_zoom_level (viewport, 3);
  g_assert_true (app_test_wait_map_still (win, 3));
  app_test_wait (300);
  check_same_as_fresh (win, start + (end - start) * 0.7);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* While worker threads draw the caches, the stand-in (the last picture and what moves) in a
 * node as big as its ink shows what the painter draws over the whole map */
static void
test_stand_in_bounded (void)
{
  DmWindow *win = open_sample ();
  double start = dm_playback_get_start (win->playback), end = dm_playback_get_end (win->playback);
  DmScreenPainter *painter = dm_route_map_layer_get_painter (win->routes_layer);
  GtkWidget *layer = GTK_WIDGET (win->routes_layer);
  g_autoptr(GdkTexture) shown = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  DmView view;
  double time = start + (end - start) * 0.3;
  g_autoptr(DmRouteStyle) style = NULL;

  dm_playback_set_time (win->playback, start + (end - start) * 0.8);
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  /* Every rebuild in worker threads; the same style anew: the caches are drawn again */
  dm_screen_painter_set_slow_rebuild (painter, 0);
  dm_playback_set_time (win->playback, time);
  style = dm_route_style_copy (dm_route_renderer_get_style (dm_screen_painter_get_layer (painter)));
  dm_route_style_changed (style);
  dm_route_renderer_set_style (dm_screen_painter_get_layer (painter), style);
  shown = render_now (layer);
  g_assert_false (app_test_window_routes_ready (win));
  dm_route_map_layer_get_view (win->routes_layer, &view);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
  cr = cairo_create (surface);
  dm_screen_painter_draw_stand_in (painter, cr, &view, time);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_nonnull (shown);
  g_assert_cmpint (gdk_texture_get_width (shown), ==, (int) view.width);
  g_assert_cmpuint (count_differences (shown, cairo_image_surface_get_data (surface),
                                       cairo_image_surface_get_stride (surface), 0), ==, 0);
  cairo_surface_destroy (surface);
  /* ...and then the caches */
  g_assert_true (app_test_wait_until (app_test_window_routes_ready, win, 10000));
  check_same_as_fresh (win, time);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/playback-frames/counts-redraws", test_counts_redraws);
  app_test_add_func ("/app/playback-frames/still-kept", test_still_kept);
  app_test_add_func ("/app/playback-frames/seek-same-as-fresh", test_seek_same_as_fresh);
  app_test_add_func ("/app/playback-frames/resize-same-as-fresh", test_resize_same_as_fresh);
  app_test_add_func ("/app/playback-frames/stand-in-bounded", test_stand_in_bounded);
  return g_test_run ();
}
