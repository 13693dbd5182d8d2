/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-route-highlight.h"
#include "dm-screen-painter.h"

G_BEGIN_DECLS

/* From this many events on, the route set itself is built by a worker thread from a
 * snapshot of the events (seconds of work at 100,000 events): until it is ready the map
 * shows the set drawn before, or none, never one that does not match the events */
#define ASYNC_MIN_EVENTS 20000
/* A loaded file's set is built by a worker from this many events on (the U.S. record's
 * 6,370: tens of milliseconds of the main thread), ahead of the views' steps: edits of a
 * document under ASYNC_MIN_EVENTS keep rebuilding theirs on the main thread */
#define AHEAD_MIN_EVENTS 2000

struct _DmScreenPainter
{
  DmDocument      *document;
  DmEvent         *selected;
  GPtrArray       *people;         /* DmActor at the selected summit or meeting */
  DmRouteSet      *set;            /* following the document, or frozen from a snapshot */
  DmRouteRenderer    *layer;

  /* The route set built by a worker thread (documents of async_min_events or more) */
  GListModel      *events;         /* the document's, watched */
  gulong           events_id;
  guint            async_min_events;
  GCancellable    *set_build;
  GPtrArray       *build_events;   /* DmEvent the build under way is made of */
  GPtrArray       *set_events;     /* ...and those of the set it made (NULL: other sets) */
  gboolean         ahead;          /* that build or set was started ahead of the events */
  GSourceFunc      set_func;
  gpointer         set_data;

  /* The caches as last drawn, for views on the move */
  cairo_surface_t *last_legs;
  cairo_surface_t *last_places;
  DmView           last_view;
  guint            last_serial;    /* the set's, when last drawn */
  gint64           last_cost_us;   /* drawing the caches anew, for the set... */
  guint            cost_serial;    /* ...with this serial (0: not known) */
  double           us_per_leg;     /* the last rebuild's cost per leg, of any set (0: none) */
  gint64           slow_rebuild_us;

  /* The build under way in worker threads */
  gboolean         synchronous;
  GCancellable    *build;
  DmView           build_view;
  gint64           build_t;
  guint            build_serial;
  GSourceFunc      ready_func;
  gpointer         ready_data;

  /* The still picture (legs, the selected event, places) as last prepared: its stamp
   * changes whenever its pixels may have */
  guint            still_stamp;
  gboolean         still_dirty;
  cairo_surface_t *still_legs;
  cairo_surface_t *still_places;
  guint            still_rebuilds;
  DmView           still_view;
  gboolean         still_partial;  /* the last change was only inside still_region */
  gboolean         track_damage;
  cairo_rectangle_int_t still_damage;  /* still_region's extents */
  cairo_region_t  *still_region;
  /* With track_damage, a copy of the legs' pixels as the still picture last showed them, to
   * find where a legs cache drawn anew (a time window fades its legs) changed; NULL: not
   * known */
  cairo_surface_t *still_prev;

  /* What the last drawing showed */
  gboolean         complete;
  DmView           drawn_view;
  double           drawn_time;
};

typedef struct
{
  DmScreenPainter *painter;   /* not to be touched once cancellable is cancelled */
  GCancellable    *cancellable;
} BuildData;

/* dm-screen-painter.c */
void dm_screen_painter_cancel_build     (DmScreenPainter *self);

/* dm-screen-painter-set.c: the route set, built by a worker thread for big documents */
void dm_screen_painter_watch_events     (DmScreenPainter *self);
void dm_screen_painter_unwatch_events   (DmScreenPainter *self);
void dm_screen_painter_cancel_set_build (DmScreenPainter *self);
void dm_screen_painter_update_set       (DmScreenPainter *self);

G_END_DECLS
