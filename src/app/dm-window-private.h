/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "dm-event-details.h"
#include "dm-event-list.h"
#include "dm-figure-dialog.h"
#include "dm-map-source.h"
#include "dm-playback.h"
#include "dm-route-map-layer.h"
#include "dm-time-label.h"
#include "dm-timeline.h"
#include "dm-undo-stack.h"
#include "dm-video-dialog.h"
#include "dm-window.h"

G_BEGIN_DECLS

/* From this many events on, the box of places the map is fitted to is made by a worker
 * thread (dm-window-map.c) */
#define DM_WINDOW_FIT_ASYNC_MIN_EVENTS 10000

/* From this many shown events on, a load's playback range is made by a worker thread
 * (dm-window-range.c) */
#define DM_WINDOW_RANGE_ASYNC_MIN_EVENTS 10000

typedef struct _DmWindowRange DmWindowRange;

/* A file being loaded */
typedef struct
{
  DmWindow *self;
  GFile    *file;
  guint     n_problems_before;
  double    fraction;   /* how far it got, or -1: not known */
  /* once read: the views catch up in steps (dm-window.c, load_step_cb) */
  guint     step;
  gboolean  was_empty;
  gboolean  holds_list; /* the event list waits for the merge (dm_event_list_hold_events) */
  gboolean  in_steps;   /* in idle calls (a big file): the choices are made in a thread */
  GPtrArray  *events;     /* the route set's snapshot of the document's events, while they
                           * have not changed since (the choices read it) */
  GListModel *watched;    /* the document's events, watched for that */
  gulong      watch_id;
  DmWindowRange *range;   /* the playback's range made by a worker (a big file) */
} DmWindowLoad;

struct _DmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwFlap              *flap;
  GtkWidget            *sidebar_handle;    /* drags the sidebar's width */
  GtkButton            *play_button;
  GtkWidget            *loading_box;       /* in the header: a file is added */
  GtkProgressBar       *loading_bar;
  AdwStatusPage        *loading_page;      /* the first files */
  GtkProgressBar       *loading_page_bar;
  GtkMenuButton        *speed_button;
  ShumateMap           *map;
  DmTimeLabel          *time_label;
  DmTimeline           *timeline;
  DmEventList          *event_list;
  DmEventDetails       *event_details;
  GMenu                *recent_menu;
  GMenu                *undo_menu;

  /* Owned */
  DmDocument           *document;
  DmDocument           *shown;    /* the events the list's filters let through: map, export */
  DmPlayback           *playback;
  DmMapSource          *map_source;
  ShumateMapLayer      *tiles_layer;      /* the map's (dark_changed_cb makes a new one) */
  DmRouteMapLayer        *routes_layer;
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *load_cancellable; /* the loads in flight: Stop Loading */
  GCancellable         *fit_build;        /* the box of a big document's places, in a worker */
  guint                 fit_async_min_events; /* DM_WINDOW_FIT_ASYNC_MIN_EVENTS, or a test's */
  GPtrArray            *loads;            /* DmWindowLoad in flight */
  GPtrArray            *opened;           /* GFile: what the user opened, in order */
  DmEvent              *selected;
  GtkWidget            *problems_dialog;  /* weak */
  GtkWidget            *error_dialog;     /* weak */
  GtkWidget            *close_dialog;     /* weak: Save, Discard or Cancel */
  GtkWidget            *editor;           /* weak: the event editor open */
  DmUndoStack          *undo_stack;
  GFile                *save_file;        /* where Save writes, after Save As */
  GFile                *save_origin;      /* the events it writes: from that file; NULL: all */
  gboolean              close_confirmed;  /* Discard: close without asking again */
  gboolean              close_after_save; /* Save As runs for the close dialog's Save */
  GFile                *autosave_file;    /* this window's, in the user's state folder */
  guint                 autosave_id;      /* writes it, seconds after the last change */
  GtkWidget            *restore_dialog;   /* weak: Restore Unsaved Changes? */

  guint                 n_exporting;
  GCancellable         *video_cancellable; /* the animation being written (one at a time) */
  GtkWidget            *video_button;      /* in the header while it runs: progress, Cancel */
  GtkWidget            *video_pie;         /* the button's progress, a pie */
  GtkLabel             *video_label;       /* in its popover: the file */
  GtkProgressBar       *video_bar;         /* in its popover */
  double                video_fraction;    /* what the pie shows */
  guint                 video_done;        /* frames written, of video_total (0: not known yet) */
  guint                 video_total;
  guint                 video_progress_id; /* updates the bar */
  guint                 tick_id;
  guint                 pulse_id;
  gboolean              view_decided;     /* fitted or restored once the first files loaded */
  gboolean              trail_pending;    /* chosen when the route set being built comes */
  guint                 filter_timeout_id;
  gint64                last_frame_time;
  gint64                follow_last_flight; /* monotonic µs of Follow Events' last flight */
  GPtrArray            *follow_places;      /* the places it went to frame */
  int                   sidebar_drag_width; /* the sidebar's width when its drag began */
  GtkDrawingArea       *scale_area;         /* the map's scale bar (dm-window-key.c) */
  GtkDrawingArea       *legend_area;        /* the map's legend */
  cairo_surface_t      *legend_picture;     /* it drawn, as its area paints it (dm-window-key.c) */
  GtkToggleButton      *legend_button;      /* shows or folds it */
  guint                 key_update_id;      /* measures the legend again */
};

/* dm-window-actions.c */
void dm_window_init_actions      (DmWindow   *self);
void dm_window_update_actions    (DmWindow   *self);
void dm_window_update_recent     (DmWindow   *self);
void dm_window_get_view_bounds   (DmWindow   *self,
                                  double      bounds[4]);
DmFigureDialog *dm_window_new_export_dialog (DmWindow *self);
/* Runs the dialog's export in the background; a toast tells when it is written */
void dm_window_export            (DmWindow       *self,
                                  DmFigureDialog *dialog,
                                  GFile          *file);
void dm_window_report_export     (DmWindow       *self,
                                  GFile          *file,
                                  const GError   *error,
                                  const char     *done);

/* dm-window-actions.c: the Open dialog, not shown yet */
GtkFileChooserNative *dm_window_new_open_chooser (DmWindow *self);

/* dm-window-video.c: File > Export Animation (win.export-animation) */
void           dm_window_init_video       (DmWindow      *self);
DmVideoDialog *dm_window_new_video_dialog (DmWindow      *self);
/* Writes the dialog's clip to @file in the background, a header button showing the progress
 * with Cancel (win.cancel-export-animation) in its popover; "export-finished" tells */
void           dm_window_export_video     (DmWindow      *self,
                                           DmVideoDialog *dialog,
                                           GFile         *file);

/* dm-window-data.c: File > Export Data */
GtkFileChooserNative *dm_window_new_export_data_chooser (DmWindow *self);
/* Writes the events the list shows to @file, in a thread ("export-finished" tells) */
void dm_window_export_data       (DmWindow   *self,
                                  GFile      *file);
GFile *dm_window_export_data_target (GFile      *chosen,
                                     const char *extension);

/* dm-window-opened.c: the files open, the title they make, the view kept for them */
void dm_window_add_opened        (DmWindow   *self,
                                  GFile      *file);
void dm_window_remove_opened     (DmWindow   *self,
                                  GFile      *file);
char *dm_window_dup_first_title  (DmWindow   *self);
void dm_window_update_title      (DmWindow   *self);
void dm_window_save_opened       (DmWindow   *self);
gboolean dm_window_restore_view  (DmWindow   *self);

/* dm-window-edit.c: commands, undo, saving (docs/EDITING.md) */
void     dm_window_init_editing        (DmWindow   *self);
void     dm_window_update_edit_actions (DmWindow   *self);
/* FALSE when a modified document asks first (the dialog closes the window if it may) */
gboolean dm_window_confirm_close       (DmWindow   *self);
GFile   *dm_window_get_new_event_origin (DmWindow  *self);
GPtrArray *dm_window_dup_writable_files (DmWindow  *self);

/* dm-window-quick-add.c */
void     dm_window_init_quick_add      (DmWindow   *self);
/* dm-window-autosave.c */
void     dm_window_init_autosave       (DmWindow   *self);
/* Removes the autosaved file (Discard, or closing) */
void     dm_window_discard_autosave    (DmWindow   *self);
GFile   *dm_window_get_autosave_file   (DmWindow   *self);
GtkWindow *dm_window_get_restore_dialog (DmWindow  *self);
/* dm-window.c: shows what was merged into the document */
void     dm_window_show_merged         (DmWindow   *self);
/* dm-window-sidebar.c: the sidebar's width, dragged by its handle and kept in settings */
void dm_window_setup_sidebar     (DmWindow   *self);

/* dm-window-trail.c: win.trail, the time window of legs shown before the playhead */
void dm_window_init_trail        (DmWindow   *self);
void dm_window_choose_trail      (DmWindow   *self);
/* "day", "week", "month", "year" or "all" for @n_legs over @span_seconds */
const char *dm_window_pick_trail (guint       n_legs,
                                  double      span_seconds);

/* dm-window-follow.c: win.follow, the map following what is under way while playing */
void       dm_window_init_follow   (DmWindow   *self);
GPtrArray *dm_window_dup_under_way (DmWindow   *self,
                                    gint64      t);

/* dm-window-key.c: the map's scale bar and legend, as figures have */
void dm_window_setup_map_key     (DmWindow   *self);
void dm_window_update_map_key    (DmWindow   *self);

/* dm-window-map.c */
void dm_window_setup_map         (DmWindow   *self);
/* Flies to frame @places (DmPlace), no closer than @max_zoom */
void dm_window_fly_to_places     (DmWindow   *self,
                                  GPtrArray  *places,
                                  double      max_zoom,
                                  guint       duration_ms);
/* The map where it was when a window last closed (settings' last-view, kept within limits) */
void dm_window_go_to_last_view   (DmWindow   *self);

/* dm-window-range.c */
void           dm_window_update_range     (DmWindow      *self);
GPtrArray     *dm_window_dup_shown_events (DmWindow      *self);
DmWindowRange *dm_window_range_new        (DmWindow      *self,
                                           GPtrArray     *events,
                                           GSourceFunc    ready_func,
                                           gpointer       ready_data);
void           dm_window_range_apply      (DmWindowRange *range);
void           dm_window_range_free       (DmWindowRange *range);

/* dm-window.c */
/* Shows the list's events on the map, the timeline and in exports, now */
void dm_window_apply_filters     (DmWindow   *self);
/* The same, only when a change of the search or filters waits for its pause */
void dm_window_flush_filters     (DmWindow   *self);
/* Selects @event everywhere; @fly: the map flies to it */
void dm_window_select_event      (DmWindow   *self,
                                  DmEvent    *event,
                                  gboolean    fly);
void dm_window_set_playing       (DmWindow   *self,
                                  gboolean    playing);
void dm_window_fly_to_event      (DmWindow   *self,
                                  DmEvent    *event,
                                  guint       duration_ms);
void dm_window_fit_document      (DmWindow   *self);
void dm_window_fit_shown         (DmWindow   *self);
/* Drops a fit still being made by a worker (the map stays where it is) */
void dm_window_cancel_fit        (DmWindow   *self);
void dm_window_cancel_loading    (DmWindow   *self);
/* The event drawn nearest to (x, y) of the routes layer, within a few pixels, or NULL */
DmEvent *dm_window_pick_on_map   (DmWindow   *self,
                                  double      x,
                                  double      y);
gboolean dm_window_pick_place_at  (DmWindow   *self,
                                    double      x,
                                    double      y);
gboolean dm_window_activate_on_map (DmWindow   *self,
                                    double      x,
                                    double      y);
void dm_window_show_error        (DmWindow   *self,
                                  const char *heading,
                                  const char *body);
char *dm_window_dup_display_name (GFile      *file);
char *dm_window_describe_error   (GFile        *file,
                                  const GError *error);
char *dm_window_format_position  (guint       line,
                                  guint       column,
                                  const char *message);

G_END_DECLS
