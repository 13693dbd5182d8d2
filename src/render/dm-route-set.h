/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "dm-document.h"
#include "dm-map-style.h"
#include "dm-projection.h"
#include "dm-view.h"

G_BEGIN_DECLS

/**
 * DmRouteUse:
 * What a set of routes holds, for a legend: statuses and kinds of line used.
 */
typedef enum
{
  DM_ROUTE_USE_COMPLETED  = 1 << 0, /* statuses of legs and stays */
  DM_ROUTE_USE_PLANNED    = 1 << 1,
  DM_ROUTE_USE_CANCELLED  = 1 << 2,
  DM_ROUTE_USE_UNCERTAIN  = 1 << 3, /* a leg without a time of its own */
  DM_ROUTE_USE_INFERRED   = 1 << 4, /* a leg the source did not give */
  DM_ROUTE_USE_VISIT      = 1 << 5,
  DM_ROUTE_USE_SUMMIT     = 1 << 6,
  DM_ROUTE_USE_MEETING    = 1 << 7,
  DM_ROUTE_USE_COUNTRY    = 1 << 8, /* a place known only by its country */
  DM_ROUTE_USE_CONFIRMED  = 1 << 9,
  DM_ROUTE_USE_ANNOUNCED  = 1 << 10,
  DM_ROUTE_USE_NO_STATUS  = 1 << 11, /* the file gave no status */
  DM_ROUTE_USE_UNDATED    = 1 << 12, /* a place no event takes place at */
} DmRouteUse;

/**
 * DmWhereState:
 * @DM_WHERE_UNKNOWN: not known (before the first thing known, or a leg of unknown time may
 *   have happened): @from is the last place known, @to the next
 * @DM_WHERE_AT: at @place
 * @DM_WHERE_TRAVELLING: on the leg @leg, from @from to @to
 */
typedef enum
{
  DM_WHERE_UNKNOWN,
  DM_WHERE_AT,
  DM_WHERE_TRAVELLING,
} DmWhereState;

/**
 * DmWhere:
 * Where an actor is at a moment, as the map draws it. @since and @until are the times the
 * sources gave (%NULL or unknown when they gave none), never estimates.
 */
typedef struct
{
  DmActor      *actor;
  DmWhereState  state;
  DmPlace      *place;
  DmPlace      *from;
  DmPlace      *to;
  DmEvent      *event;
  DmLeg        *leg;
  const DmTime *since;
  const DmTime *until;
} DmWhere;

#define DM_TYPE_ROUTE_SET (dm_route_set_get_type ())

G_DECLARE_FINAL_TYPE (DmRouteSet, dm_route_set, DM, ROUTE_SET, GObject)

DmRouteUse  dm_route_use_for_status        (DmStatus     status);
DmRouteSet *dm_route_set_new               (DmDocument  *document);
DmRouteSet *dm_route_set_new_frozen        (DmDocument  *snapshot,
                                            const DmView *view);
DmDocument *dm_route_set_get_document      (DmRouteSet  *self);
guint       dm_route_set_get_serial        (DmRouteSet  *self);
guint       dm_route_set_get_n_legs        (DmRouteSet  *self);
gboolean    dm_route_set_get_extent        (DmRouteSet  *self,
                                            gint64      *start,
                                            gint64      *end);
gboolean    dm_route_set_get_bounds        (DmRouteSet  *self,
                                            double      *lon_min,
                                            double      *lat_min,
                                            double      *lon_max,
                                            double      *lat_max);
GPtrArray  *dm_route_set_get_actors        (DmRouteSet  *self);
DmRgba      dm_route_set_get_actor_color   (DmRouteSet  *self,
                                            DmActor     *actor);
DmRouteUse  dm_route_set_get_uses          (DmRouteSet  *self);
GPtrArray  *dm_route_set_dup_places_at     (DmRouteSet  *self,
                                            gint64       t,
                                            guint        max_places);
GPtrArray  *dm_route_set_dup_sources       (DmRouteSet  *self);
GArray     *dm_route_set_dup_where         (DmRouteSet  *self,
                                            gint64       t);

G_END_DECLS
