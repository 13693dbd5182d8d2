/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-timeline.h"

G_BEGIN_DECLS

#define DM_TIMELINE_AXIS_HEIGHT 26.0
/* The top of the playhead's handle (10 px tall, at the foot of the axis): the window's
 * divider takes the pointer over the timeline's top 8 px, and 6 px more (GtkPaned) */
#define DM_TIMELINE_HANDLE_TOP 15.0
/* Lanes share the height down to the minimum, where a name is still readable; with more
 * actors the lanes scroll under the axis */
#define DM_TIMELINE_LANE_HEIGHT 22.0
#define DM_TIMELINE_LANE_MIN_HEIGHT 17.0
#define DM_TIMELINE_LABEL_WIDTH 110.0
/* The time the axis shows: two hours to two centuries */
#define DM_TIMELINE_MIN_SPAN (3600.0 * 2)
#define DM_TIMELINE_MAX_SPAN (3600.0 * 24 * 366 * 200)

/* From this many events on, the lanes and items are built by a worker thread */
#define DM_TIMELINE_ASYNC_MIN_EVENTS 10000

typedef struct
{
  DmEvent *event;   /* held by the timeline's @held_events */
  guint    lane;
  gint64   start;
  gint64   end;
} DmTimelineItem;

/* The lanes and items of a snapshot of the events (dm-timeline-build.c) */
typedef struct
{
  GPtrArray *events;       /* DmEvent, owned: the snapshot */
  GPtrArray *actors;       /* DmActor, owned: the document's, in its order */
  GPtrArray *lanes;        /* DmActor (of @actors or of the events) or NULL ("others") */
  GArray    *items;        /* DmTimelineItem, sorted by start */
  GArray    *lane_items;
  GArray    *lane_starts;
  gint64     start;        /* the events' extent; start > end: none has a time */
  gint64     end;
  gboolean   done;         /* built whole (not stopped by its cancellable) */
} DmTimelineBuild;

DmTimelineBuild *dm_timeline_build_new  (GListModel      *events,
                                         GListModel      *actors);
DmTimelineBuild *dm_timeline_build_new_for (GPtrArray    *events,
                                            GListModel   *actors);
void             dm_timeline_build_run  (DmTimelineBuild *build,
                                         GCancellable    *cancellable);
void             dm_timeline_build_free (DmTimelineBuild *build);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmTimelineBuild, dm_timeline_build_free)

struct _DmTimeline
{
  GtkWidget   parent_instance;

  DmDocument *document;
  DmRouteSet *route_set;
  DmEvent    *selected;
  double      time;
  double      view_start;
  double      view_end;
  double      doc_start;
  double      doc_end;

  GPtrArray  *lanes;        /* DmActor or NULL ("others"), by their first event */
  GArray     *items;        /* DmTimelineItem, sorted by start */
  GArray     *lane_items;   /* guint: the items' indices lane by lane, each lane's ascending */
  GArray     *lane_starts;  /* guint: where each lane's begin in @lane_items, and the end */
  GPtrArray  *held_events;  /* the items' events */
  GPtrArray  *held_actors;  /* the lanes' actors */
  GCancellable *build;      /* the worker building the lanes and items of a reload */
  guint       async_min_events;
  gboolean    view_moved;   /* zoomed or moved in time since the reload began */

  double      drag_x;
  double      drag_y;
  double      pointer_x;
  double      zoom_scale;   /* the pinch gesture's last scale */
  gboolean    dragged;
  gboolean    range_drag;   /* Shift+drag: a date range for the filters */
  double      range_start;  /* where it began and where it is, UTC seconds */
  double      range_end;

  GtkAdjustment *vadjustment; /* the lanes' scrolling, in pixels */
  GtkWidget     *scrollbar;

  /* Everything but the playhead, kept from frame to frame (dm-timeline-draw.c), and what it
   * was drawn for */
  GskRenderNode *still_node;
  gboolean       still_dirty;
  double         still_width;
  double         still_height;
  double         still_right;
  double         still_view_start;
  double         still_view_end;
  double         still_scroll;
  GdkRGBA        still_fg;
  guint          n_still_draws;
  /* The items of the lanes in view (indices, in their order), and when there are more than
   * @items_slice of them, the surface they are drawn into a slice a frame, and how many are
   * (dm-timeline-draw.c) */
  GArray          *items_shown;
  gboolean         items_dirty;
  guint            items_slice;
  cairo_surface_t *items_surface;
  cairo_surface_t *items_backdrop;  /* the last whole one, shown while a new one is drawn */
  guint            items_done;
  guint            items_idle_id;
};

double dm_timeline_x_for_time (DmTimeline  *self,
                               double       time);
double dm_timeline_time_for_x (DmTimeline  *self,
                               double       x);
double dm_timeline_lane_y     (DmTimeline  *self,
                               guint        lane);
double dm_timeline_lane_height (DmTimeline *self);
void   dm_timeline_activate_lane (DmTimeline *self,
                                  DmActor    *actor);
/* Emits DmTimeline::range-selected for the days from @start to @end (UTC seconds) */
void   dm_timeline_select_range  (DmTimeline *self,
                                  double      start,
                                  double      end);
/* The right end of the time axis (the lanes' scrollbar, when shown, is right of it) */
double dm_timeline_axis_end   (DmTimeline  *self);
/* What the tooltip says at widget point (x, y): the event there, or the lane's actor */
char  *dm_timeline_dup_tooltip_text (DmTimeline *self,
                                     double      x,
                                     double      y);
void   dm_timeline_draw       (DmTimeline  *self,
                               GtkSnapshot *snapshot);
/* Draws the still picture again at the next frame (anything but the time changed) */
void   dm_timeline_queue_still (DmTimeline *self);
/* Items marked, selected or coloured otherwise: draw them again */
void   dm_timeline_queue_items (DmTimeline *self);
/* Tests: the lanes and items of documents of @n events or more are built by a worker
 * thread (DM_TIMELINE_ASYNC_MIN_EVENTS; G_MAXUINT: never) */
void   dm_timeline_set_async_min_events (DmTimeline *self,
                                         guint       n);
/* Tests: how many times the still picture was drawn */
guint  dm_timeline_get_n_still_draws (DmTimeline *self);
/* The labels of the axis' ticks in view, left to right ("500 BC", "400 BC"…) */
char **dm_timeline_dup_tick_labels (DmTimeline *self);
/* dm-timeline-input.c */
void   dm_timeline_init_input (DmTimeline  *self);
/* A scroll of (dx, dy): Ctrl zooms time, Shift or a sideways scroll moves in time, an
 * upright scroll moves the lanes; TRUE if used */
gboolean dm_timeline_scroll   (DmTimeline     *self,
                               double          dx,
                               double          dy,
                               GdkModifierType state,
                               GdkScrollUnit   unit);

G_END_DECLS
