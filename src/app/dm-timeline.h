/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dm-document.h"
#include "dm-route-set.h"

G_BEGIN_DECLS

#define DM_TYPE_TIMELINE (dm_timeline_get_type ())

G_DECLARE_FINAL_TYPE (DmTimeline, dm_timeline, DM, TIMELINE, GtkWidget)

GtkWidget  *dm_timeline_new                (void);
DmDocument *dm_timeline_get_document       (DmTimeline *self);
void        dm_timeline_set_document       (DmTimeline *self,
                                            DmDocument *document);
/* Where the actors' colours come from (the map's routes), so that both agree */
void        dm_timeline_set_route_set      (DmTimeline *self,
                                            DmRouteSet *set);
/* Call when the document's events changed: recomputes lanes and the range (a big
 * document's in a worker thread, the previous ones shown meanwhile) */
void        dm_timeline_reload             (DmTimeline *self);
/* The same from a snapshot of the document's events already taken (DmEvent) */
void        dm_timeline_reload_events      (DmTimeline *self,
                                            GPtrArray  *events);
/* Whether a worker thread is building the lanes and items of the last reload */
gboolean    dm_timeline_is_building        (DmTimeline *self);
double      dm_timeline_get_time           (DmTimeline *self);
void        dm_timeline_set_time           (DmTimeline *self,
                                            double      time);
DmEvent    *dm_timeline_get_selected_event (DmTimeline *self);
void        dm_timeline_set_selected_event (DmTimeline *self,
                                            DmEvent    *event);
/* The visible span of time, UTC seconds */
void        dm_timeline_get_range          (DmTimeline *self,
                                            double     *start,
                                            double     *end);
void        dm_timeline_set_range          (DmTimeline *self,
                                            double      start,
                                            double      end);
/* Zooms time around the playhead: factor < 1 shows less time */
void        dm_timeline_zoom               (DmTimeline *self,
                                            double      factor);
/* Selects the previous (-1) or next (+1) event from the playhead and moves to it */
gboolean    dm_timeline_step               (DmTimeline *self,
                                            int         direction);
/* Where the event is drawn, in widget coordinates (for tests and accessibility) */
gboolean    dm_timeline_get_event_position (DmTimeline *self,
                                            DmEvent    *event,
                                            double     *x,
                                            double     *y);
/* The actor whose lane's name is at widget point (x, y), or NULL */
DmActor    *dm_timeline_pick_lane          (DmTimeline *self,
                                            double      x,
                                            double      y);
/* The event under widget point (x, y), or NULL */
DmEvent    *dm_timeline_pick               (DmTimeline *self,
                                            double      x,
                                            double      y);
/* A double click at (x, y): selects the event there and emits ::event-activated */
gboolean    dm_timeline_activate_at        (DmTimeline *self,
                                            double      x,
                                            double      y);

G_END_DECLS
