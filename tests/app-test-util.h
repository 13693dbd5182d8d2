/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dm-figure-preview.h"
#include "dm-window.h"

G_BEGIN_DECLS

/* Helpers for the tests that open windows (under Xvfb; see docs/APP.md). */

/* Initialises GTK and libadwaita; aborts the test program when there is no display:
 * a widget test never skips silently. */
void        app_test_init              (int          *argc,
                                        char       ***argv);
/* g_test_add_func() for a window test: GLib takes the fatal-log handler away as each test
 * case starts, so each case is run through one that sets app_test_init()'s again */
void        app_test_add_func          (const char   *path,
                                        GTestFunc     func);
/* What app_test_add_func() does before its case, for a fixture's set-up (g_test_add()) */
void        app_test_begin_case        (void);
/* Runs the main loop until @done returns TRUE or @timeout_ms passes; FALSE on timeout */
gboolean    app_test_wait_until        (gboolean   (*done) (gpointer data),
                                        gpointer     data,
                                        guint        timeout_ms);
void        app_test_wait              (guint        ms);
/* Runs the main loop until @widget's frame clock has painted @n frames (or 30 s pass) */
gboolean    app_test_wait_frames       (GtkWidget   *widget,
                                        guint        n);
/* Runs the main loop until the map of @window (a DmWindow) shows the same view for @n frames
 * in a row (a go-to animation has ended), or 30 s pass */
gboolean    app_test_wait_map_still    (DmWindow    *window,
                                        guint        n);
/* The widget as drawn, in its own coordinates (1 user pixel = 1 texel at scale 1) */
GdkTexture *app_test_render            (GtkWidget   *widget);
/* Downloads @texture; the pixel at (x, y) as 0xRRGGBB */
guint32     app_test_pixel             (GdkTexture  *texture,
                                        int          x,
                                        int          y);
gboolean    app_test_color_near        (guint32      a,
                                        guint32      b,
                                        int          tolerance);
/* A new window at the default size (1200x800), shown */
DmWindow   *app_test_open_window       (void);
/* The bundled sample, data/samples/october-2025.diplomap */
GFile      *app_test_sample_file       (void);
/* Opens @file in @window and waits (10 s at most) until it is loaded */
void        app_test_open_and_wait     (DmWindow    *window,
                                        GFile       *file);
/* For app_test_wait_until, on a DmWindow: no file loading; no export running; no tile
 * waiting to be drawn; the last frame showed every route for the current view and time (the
 * routes' caches are drawn by worker threads: until then frames show a stand-in) */
gboolean    app_test_window_loaded     (gpointer     window);
gboolean    app_test_window_exported   (gpointer     window);
gboolean    app_test_window_tiles_done (gpointer     window);
gboolean    app_test_window_routes_ready (gpointer   window);
/* Pixels of @a and @b (the same size) that differ by more than a little */
guint       app_test_count_changed     (GdkTexture  *a,
                                        GdkTexture  *b);
/* The first widget of @type among @widget and its descendants (depth first), or NULL */
GtkWidget  *app_test_find_descendant   (GtkWidget   *widget,
                                        GType        type);
/* The first DmFigurePreview under @widget (an Export dialog's preview), or NULL */
DmFigurePreview *app_test_find_preview (GtkWidget   *widget);
/* Runs the main loop until @preview has drawn a picture other than @before (nullable) and
 * is not drawing, or 60 s pass; FALSE on timeout */
gboolean    app_test_wait_preview      (DmFigurePreview *preview,
                                        GdkTexture  *before);
/* Runs `xdotool ARGS` (the real pointer and keyboard, on the test's display), asserts it
 * worked, then lets the window answer for 200 ms */
void        app_test_xdotool           (const char  *args);
/* Replaces the first event of @window's document that is not a trip by a copy on 1 May
 * 1900 (as many events, a year no other has), as an edit does; returns the copy
 * (transfer none), or NULL when every event is a trip */
DmEvent    *app_test_replace_with_1900 (DmWindow    *window);
/* Saves @texture as PNG under $DM_SCREENSHOT_DIR (if set) as @name */
void        app_test_save              (GdkTexture  *texture,
                                        const char  *name);

G_END_DECLS
