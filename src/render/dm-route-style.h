/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "dm-actor-colors.h"
#include "dm-document.h"
#include "dm-map-style.h"
#include "dm-types.h"

G_BEGIN_DECLS

/* The actor palette is the model's (dm-actor-colors.h), so exports style actors alike */
#define DM_ROUTE_N_PALETTE DM_ACTOR_N_PALETTE
#define DM_ROUTE_COLOR_NO_ACTOR  DM_ACTOR_COLOR_NONE /* a trip without an actor */
#define DM_ROUTE_COLOR_CANCELLED 0x9a9a9a /* cancelled events, whatever the actor */
#define DM_ROUTE_COLOR_DARK_LABEL 0xf0efeb /* place names over the dark base map */

/**
 * DmRouteFuture:
 * @DM_ROUTE_FUTURE_FAINT: legs still to come are drawn faintly
 * @DM_ROUTE_FUTURE_HIDDEN: legs still to come are not drawn
 */
typedef enum
{
  DM_ROUTE_FUTURE_FAINT,
  DM_ROUTE_FUTURE_HIDDEN,
} DmRouteFuture;

#define DM_TYPE_ROUTE_STYLE (dm_route_style_get_type ())

/**
 * DmRouteStyle:
 * How routes, stays and place labels look. Sizes are in user-space pixels. Change fields
 * only before the style is shared; a layer compares styles by pointer and by
 * dm_route_style_get_serial(), so call dm_route_style_changed() after editing a shared one.
 */
typedef struct
{
  double        line_width;      /* a leg */
  double        future_alpha;    /* opacity of legs to come (DM_ROUTE_FUTURE_FAINT) */
  DmRouteFuture future;
  gint64        window;          /* seconds: legs that ended longer before the time are not
                                  * drawn, the others fade with age; 0: every leg done */
  gboolean      flows;           /* the legs done (within the window) aggregated per pair of
                                  * places, widths by trips (dm-route-flows.c) */
  double        trail_fraction;  /* part of a leg behind the moving marker that glows */
  double        marker_radius;   /* the delegation in the air */
  double        stay_radius;     /* a visit, summit or meeting while it lasts */
  double        place_radius;    /* the dot of every place with an event */
  double        label_size;      /* place labels; captions of stays are 1.1x */
  gboolean      show_labels;
  gboolean      show_stays;
  DmRgba        label;           /* text */
  DmRgba        halo;            /* around text and markers */
  DmRgba        cancelled;

  /*< private >*/
  guint         serial;
  gint          ref_count;
} DmRouteStyle;

GType               dm_route_style_get_type        (void) G_GNUC_CONST;
DmRouteStyle       *dm_route_style_new             (void);
const DmRouteStyle *dm_route_style_get_default     (void);
DmRouteStyle       *dm_route_style_copy            (const DmRouteStyle *style);
DmRouteStyle       *dm_route_style_ref             (DmRouteStyle       *style);
void                dm_route_style_unref           (DmRouteStyle       *style);
void                dm_route_style_changed         (DmRouteStyle       *style);
guint               dm_route_style_get_serial      (const DmRouteStyle *style);

DmRgba              dm_route_palette_color         (guint               index);
DmRgba              dm_route_actor_color           (DmDocument         *document,
                                                    DmActor            *actor);
const double       *dm_route_status_dashes         (DmStatus            status,
                                                    gboolean            uncertain,
                                                    guint              *n_dashes);
double              dm_route_status_width          (DmStatus            status);
DmRgba              dm_route_status_color          (DmStatus            status,
                                                    const DmRgba       *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmRouteStyle, dm_route_style_unref)

G_END_DECLS
