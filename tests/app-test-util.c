/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-window-private.h"

/* GTK 4.8 positions a tooltip whose delay ran out by asking where the pointer is on its
 * widget's window (gtktooltip.c, gtk_tooltip_position), and finds the widget under it,
 * without checking that the window is still realized: when the window or dialog was closed
 * within the delay, that is a CRITICAL in GDK or in GTK and nothing else (the tooltip is not
 * shown). Fatal in a test, it made the dialog tests fail now and then; those two messages
 * are left as warnings, every other stays fatal. */
static gboolean
is_tooltip_position_critical (const char *log_domain,
                              const char *message)
{
  return (g_strcmp0 (log_domain, "Gdk") == 0 &&
          g_str_has_prefix (message, "gdk_surface_get_device_position: assertion 'GDK_IS_SURFACE (surface)'")) ||
         (g_strcmp0 (log_domain, "Gtk") == 0 &&
          g_str_has_prefix (message, "_gtk_widget_find_at_coords: assertion 'GDK_IS_SURFACE (surface)'"));
}

/* GLib's test handler bails out on a fatal message before the fatal handler is asked, so
 * GDK's and GTK's criticals pass here first: those two are told, the others go on as before */
static void
tooltip_log_cb (const char     *log_domain,
            GLogLevelFlags  log_level,
            const char     *message,
            gpointer        user_data)
{
  if (is_tooltip_position_critical (log_domain, message))
    g_test_message ("GTK 4.8's tooltip on a closed window (not fatal): %s", message);
  else
    g_log_default_handler (log_domain, log_level, message, user_data);
}

static gboolean
log_fatal_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !is_tooltip_position_critical (log_domain, message);
}

void
app_test_init (int    *argc,
               char ***argv)
{
  g_autofree char *top = g_dir_make_tmp ("dm-app-test-XXXXXX", NULL);
  const char *dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GtkRecentManager is a singleton that keeps the data dir
   * of its first use, which that option deletes after each test. One private set of dirs
   * for the whole program instead. */
  g_assert_nonnull (top);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (top, dirs[i], NULL);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (dirs[i], dir, TRUE);
    }
  /* The catalogues built in the tree, for the tests run in another language (LANGUAGE) */
  if (g_getenv ("DIPLOMAP_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIPLOMAP_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      /* Loud on purpose: CI must run these under xvfb-run */
      g_printerr ("No display: the app tests need one (run them with build-aux/dev test)\n");
      exit (1);
    }
  adw_init ();
  gtk_recent_manager_get_default ();
  g_log_set_handler ("Gdk", G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL, tooltip_log_cb, NULL);
  g_log_set_handler ("Gtk", G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL, tooltip_log_cb, NULL);
  app_test_begin_case ();
}

/* GLib's test runner clears the fatal handler as each test case starts (test_case_run in
 * gtestutils.c): set at app_test_init() alone, it spared only messages logged before the
 * first case, and GTK's tooltip critical still ended later cases now and then */
void
app_test_begin_case (void)
{
  g_test_log_set_fatal_handler (log_fatal_cb, NULL);
}

static void
run_case (gconstpointer data)
{
  const GTestFunc *func = data;

  app_test_begin_case ();
  (*func) ();
}

void
app_test_add_func (const char *path,
                   GTestFunc   func)
{
  g_test_add_data_func_full (path, g_memdup2 (&func, sizeof func), run_case, g_free);
}

typedef struct
{
  gboolean (*done) (gpointer data);
  gpointer data;
  gboolean timed_out;
} Wait;

static gboolean
timeout_cb (gpointer user_data)
{
  Wait *w = user_data;

  w->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
app_test_wait_until (gboolean (*done) (gpointer data),
                     gpointer  data,
                     guint     timeout_ms)
{
  Wait w = { done, data, FALSE };
  guint id = g_timeout_add (timeout_ms, timeout_cb, &w);

  while (!w.timed_out && (done == NULL || !done (data)))
    g_main_context_iteration (NULL, TRUE);
  if (!w.timed_out)
    g_source_remove (id);
  return done != NULL && done (data);
}

void
app_test_wait (guint ms)
{
  app_test_wait_until (NULL, NULL, ms);
}

/* counts[0]: frames painted, counts[1]: frames wanted. Each frame asks for the next: a
 * window where nothing moves (the cursor stops blinking after 10 s) paints only when asked */
static void
after_paint_cb (GdkFrameClock *clock,
                guint         *counts)
{
  if (++counts[0] < counts[1])
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
enough_frames (gpointer data)
{
  guint *counts = data;

  return counts[0] >= counts[1];
}

gboolean
app_test_wait_frames (GtkWidget *widget,
                      guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint counts[2] = { 0, n };
  gulong id;
  gboolean ok;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &counts[0]);
  for (guint i = 0; i < n; i++)
    gtk_widget_queue_draw (widget);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  ok = app_test_wait_until (enough_frames, counts, 30000);
  g_signal_handler_disconnect (clock, id);
  return ok;
}

gboolean
app_test_wait_map_still (DmWindow *window,
                         guint     n)
{
  ShumateViewport *viewport = shumate_map_get_viewport (window->map);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  double last[3] = { NAN, NAN, NAN };
  guint still = 0;

  while (still < n && g_get_monotonic_time () < deadline)
    {
      double now[3] = { shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                        shumate_viewport_get_zoom_level (viewport) };

      still = memcmp (now, last, sizeof now) == 0 ? still + 1 : 0;
      memcpy (last, now, sizeof now);
      if (still < n && !app_test_wait_frames (GTK_WIDGET (window), 1))
        return FALSE;
    }
  return still >= n;
}

GdkTexture *
app_test_render (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = 0, h = 0;

  /* A widget waiting for its layout (a label's new text, on a loaded machine) gives no
   * picture until the next frame: wait for it, a few times at most */
  for (guint i = 0; node == NULL && i < 10; i++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (i > 0)
        app_test_wait_frames (widget, 1);
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

guint32
app_test_pixel (GdkTexture *texture,
                int         x,
                int         y)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guchar *data = NULL;
  guchar *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, w);
  g_assert_cmpint (y, <, h);
  data = g_malloc (w * 4 * h);
  gdk_texture_download (texture, data, w * 4);
  /* Cairo's ARGB32 on little-endian: B, G, R, A; opaque pixels here */
  p = data + y * w * 4 + x * 4;
  return (p[2] << 16) | (p[1] << 8) | p[0];
}

gboolean
app_test_color_near (guint32 a,
                     guint32 b,
                     int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

void
app_test_save (GdkTexture *texture,
               const char *name)
{
  const char *dir = g_getenv ("DM_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("screenshot: %s", path);
}

DmWindow *
app_test_open_window (void)
{
  DmWindow *win = dm_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 800);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

gboolean
app_test_window_loaded (gpointer window)
{
  DmWindow *win = window;

  /* the views a worker thread makes for a big document in place too: the timeline's items,
   * the map's fit */
  return dm_window_get_n_loading (win) == 0 && !dm_timeline_is_building (win->timeline) &&
         win->fit_build == NULL;
}

gboolean
app_test_window_exported (gpointer window)
{
  return ((DmWindow *) window)->n_exporting == 0;
}

gboolean
app_test_window_tiles_done (gpointer window)
{
  return dm_map_source_get_n_pending (((DmWindow *) window)->map_source) == 0;
}

gboolean
app_test_window_routes_ready (gpointer window)
{
  return dm_route_map_layer_get_routes_ready (((DmWindow *) window)->routes_layer);
}

guint
app_test_count_changed (GdkTexture *a,
                        GdkTexture *b)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  g_autofree guchar *pa = g_malloc (w * 4 * h);
  g_autofree guchar *pb = g_malloc (w * 4 * h);
  guint n = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, w);
  g_assert_cmpint (gdk_texture_get_height (b), ==, h);
  gdk_texture_download (a, pa, w * 4);
  gdk_texture_download (b, pb, w * 4);
  for (int i = 0; i < w * h * 4; i += 4)
    if (ABS (pa[i] - pb[i]) + ABS (pa[i + 1] - pb[i + 1]) + ABS (pa[i + 2] - pb[i + 2]) > 24)
      n++;
  return n;
}

GtkWidget *
app_test_find_descendant (GtkWidget *widget,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = app_test_find_descendant (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

DmFigurePreview *
app_test_find_preview (GtkWidget *widget)
{
  return (DmFigurePreview *) app_test_find_descendant (widget, DM_TYPE_FIGURE_PREVIEW);
}

typedef struct
{
  DmFigurePreview *preview;
  GdkTexture      *before;
} PreviewWait;

static gboolean
preview_redrawn (gpointer data)
{
  PreviewWait *w = data;
  GdkTexture *t = dm_figure_preview_get_texture (w->preview);

  return !dm_figure_preview_is_busy (w->preview) && t != NULL && t != w->before;
}

gboolean
app_test_wait_preview (DmFigurePreview *preview,
                       GdkTexture      *before)
{
  PreviewWait w = { preview, before };

  return app_test_wait_until (preview_redrawn, &w, 60000);
}

void
app_test_xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  app_test_wait (200);
}

GFile *
app_test_sample_file (void)
{
  return g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
}

void
app_test_open_and_wait (DmWindow *window,
                        GFile    *file)
{
  dm_window_open_file (window, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, window, 10000));
}

DmEvent *
app_test_replace_with_1900 (DmWindow *window)
{
  DmDocument *doc = dm_window_get_document (window);
  GListModel *events = dm_document_get_events (doc);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      g_autoptr(DmEvent) copy = NULL;
      DmTime day;

      if (dm_event_get_kind (event) == DM_EVENT_KIND_TRIP)
        continue;
      copy = dm_event_copy (event, NULL);
      g_assert_true (dm_time_parse ("1900-05-01", NULL, &day, NULL));
      dm_event_set_start (copy, &day);
      dm_event_set_end (copy, &day);
      g_assert_true (dm_document_replace_event (doc, event, copy));
      /* the document holds it now */
      return copy;
    }
  return NULL;
}
