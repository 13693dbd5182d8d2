/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-timeline.h"

G_BEGIN_DECLS

#define DM_TIMELINE_AXIS_HEIGHT 26.0
#define DM_TIMELINE_LANE_HEIGHT 22.0
#define DM_TIMELINE_LABEL_WIDTH 110.0

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

G_END_DECLS
