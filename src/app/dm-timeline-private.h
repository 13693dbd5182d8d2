/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-timeline.h"

G_BEGIN_DECLS

#define DM_TIMELINE_AXIS_HEIGHT 26.0
#define DM_TIMELINE_LANE_HEIGHT 22.0
#define DM_TIMELINE_LABEL_WIDTH 110.0
/* The time the axis shows: two hours to two centuries */
#define DM_TIMELINE_MIN_SPAN (3600.0 * 2)
#define DM_TIMELINE_MAX_SPAN (3600.0 * 24 * 366 * 200)

typedef struct
{
  DmEvent *event;   /* owned */
  guint    lane;
  gint64   start;
  gint64   end;
} DmTimelineItem;

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

  GPtrArray  *lanes;        /* DmActor or NULL ("others"), in order */
  GArray     *items;        /* DmTimelineItem, sorted by start */

  double      drag_x;
  double      drag_y;
  double      pointer_x;
  double      zoom_scale;   /* the pinch gesture's last scale */
  gboolean    dragged;
};

double dm_timeline_x_for_time (DmTimeline  *self,
                               double       time);
double dm_timeline_time_for_x (DmTimeline  *self,
                               double       x);
double dm_timeline_lane_y     (DmTimeline  *self,
                               guint        lane);
double dm_timeline_lane_height (DmTimeline *self);
void   dm_timeline_draw       (DmTimeline  *self,
                               GtkSnapshot *snapshot);
/* dm-timeline-input.c */
void   dm_timeline_init_input (DmTimeline  *self);

G_END_DECLS
