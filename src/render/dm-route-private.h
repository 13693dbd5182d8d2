/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-label-placer.h"
#include "dm-route-set.h"
#include "dm-route-style.h"
#include "dm-view.h"

G_BEGIN_DECLS

#define DM_ROUTE_NO_ACTOR G_MAXUINT

/* One leg, ready to draw: its great circle as unwrapped, continuous longitudes */
typedef struct
{
  DmEvent  *event;   /* owned by the set's events array */
  DmLeg    *leg;     /* owned by its event */
  guint     actor;   /* index into the set's actors, or DM_ROUTE_NO_ACTOR */
  DmStatus  status;
  guint     uncertain : 1;
  guint     inferred : 1;
  gint64    start;
  gint64    end;
  guint     first;   /* into points: legs along the same great circle share one range */
  guint     n;
  guint     from_place; /* into the set's places */
  guint     to_place;
  guint     same_as;    /* an earlier leg with the same points (the same great circle), plus
                         * one; 0: none. What is found from a leg's points alone (bounds,
                         * projection) is found once per route */
} DmRouteLeg;

/* A visit, summit or meeting, drawn from start to end (dm-route-stays.c may move them to
 * the actors' arrival and departure when the event's times are known only to the day) */
typedef struct
{
  DmEvent    *event;
  DmEventKind kind;
  DmStatus    status;
  guint       actor;
  guint       place;  /* into places */
  gint64      start;
  gint64      end;
} DmRouteStay;

/* Whether @s is drawn at @t (its end is exclusive) */
static inline gboolean
dm_route_stay_is_on (const DmRouteStay *s,
                     gint64             t)
{
  return s->start <= t && t < s->end;
}

typedef struct
{
  DmPlace  *place;
  DmLonLat  pos;
  guint     weight;   /* how many legs and stays touch it: labels of busy places win */
  gboolean  has_stay; /* a visit, summit or meeting takes place there (at some time) */
  gboolean  undated;  /* no event takes place there: a place the file gave without a time */
  gboolean  capital;  /* its country's capital (the gazetteer's): named first at world zoom */
} DmRoutePlace;

/* Where a leg leaves Web Mercator's world over a pole (beyond ±85.05°), or comes back into it:
 * the cut, in projected units, and the way the leg flies there (not of unit length) */
typedef struct
{
  double   x, y;
  double   dx, dy;
  gboolean entering;
} DmRoutePolarCut;

/* The legs projected with one projection (cached by the set) */
typedef struct
{
  DmProjection projection;
  double       central_lon;
  GArray      *xy;     /* double pairs; NAN pairs separate pieces (Equal Earth splits,
                        * Mercator's cuts at the poles) */
  guint       *first;  /* per leg, into xy (in pairs): legs sharing points share these */
  guint       *n;
  double      *box;    /* per leg: x0, y0, x1, y1 */
  double      *length; /* per leg, in projected units */
  GArray      *cuts;   /* DmRoutePolarCut, in the order of the legs */
  guint       *first_cut; /* per leg and one more: leg i's cuts are first_cut[i] to [i + 1] */
} DmRouteProjected;

/* Whether @p (may be NULL) holds the legs as @view projects them: the cache's key */
static inline gboolean
dm_route_projected_fits (const DmRouteProjected *p,
                         const DmView           *view)
{
  return p != NULL && p->projection == view->projection && p->central_lon == view->central_lon;
}

struct _DmRouteSet
{
  GObject      parent_instance;

  DmDocument  *document;
  GPtrArray   *events;      /* DmEvent, kept alive while the set uses them */
  GArray      *legs;        /* DmRouteLeg */
  GArray      *points;      /* DmLonLat, each route's once (DmRouteLeg.first) */
  GArray      *stays;       /* DmRouteStay */
  GArray      *places;      /* DmRoutePlace */
  GPtrArray   *actors;      /* DmActor with a leg or a stay */
  GArray      *colors;      /* DmRgba, per actor */
  GArray      *groups;      /* guint, per actor: its traveller group (G_MAXUINT: none) */
  guint        n_groups;    /* groups of the source's actors */
  guint       *by_start;    /* leg indices sorted by start */
  guint       *by_end;      /* leg indices sorted by end */
  gint64      *starts_sorted; /* legs' starts in by_start order (binary search) */
  gint64      *ends_sorted; /* legs' ends in by_end order (binary search) */
  gint64       max_leg;     /* longest leg, seconds */
  DmRouteUse   uses;
  guint        serial;
  gboolean     dirty;
  gboolean     immutable;   /* built once from a snapshot (dm_route_set_new_frozen) */
  DmRouteProjected *projected;
};

void                    dm_route_set_ensure          (DmRouteSet   *self);
void                    dm_route_set_fit_stays       (DmRouteSet   *self);
const DmRouteProjected *dm_route_set_get_projected   (DmRouteSet   *self,
                                                      const DmView *view);
DmRgba                  dm_route_set_leg_color       (DmRouteSet         *self,
                                                      const DmRouteStyle *style,
                                                      guint               actor,
                                                      DmStatus            status);
GPtrArray              *dm_route_set_dup_stays_at    (DmRouteSet   *self,
                                                      gint64        t);
guint                   dm_route_set_first_ending_after (DmRouteSet *self,
                                                         gint64      t);
guint                   dm_route_set_first_starting_after (DmRouteSet *self,
                                                           gint64      t);
/* An immutable copy of the set's drawing data, for worker threads (dm-route-set-copy.c) */
DmRouteSet             *dm_route_set_copy_frozen     (DmRouteSet   *self,
                                                      const DmView *view);

/* Drawing (dm-route-draw.c, dm-route-moving.c, dm-route-places.c). All take a cairo_t whose
 * user space is the view's pixels. */
typedef enum
{
  DM_ROUTE_PASS_FAINT,
  DM_ROUTE_PASS_FULL,
} DmRoutePass;

void dm_route_draw_legs        (DmRouteSet         *set,
                                cairo_t            *cr,
                                const DmView       *view,
                                const DmRouteStyle *style,
                                gint64              t,
                                gboolean            faint_all);
guint dm_route_draw_legs_slice (DmRouteSet         *set,
                                cairo_t            *cr,
                                const DmView       *view,
                                const DmRouteStyle *style,
                                gint64              t,
                                gboolean            faint_all,
                                guint               first,
                                guint               last);
guint8 *dm_route_dup_hidden_strokes (DmRouteSet         *set,
                                     const DmRouteStyle *style,
                                     gint64              t,
                                     gboolean            faint_all,
                                     guint              *n_strokes);
guint dm_route_get_stroke_leg  (DmRouteSet         *set,
                                const DmRouteStyle *style,
                                gint64              t,
                                gboolean            faint_all,
                                guint               i);
void dm_route_draw_legs_part   (DmRouteSet         *set,
                                cairo_t            *cr,
                                const DmView       *view,
                                const DmRouteStyle *style,
                                gint64              t,
                                gboolean            faint_all,
                                const guint8       *hidden,
                                guint               first,
                                guint               last);
/* dm-route-parallel.c */
guint dm_route_draw_legs_parallel (DmRouteSet              *set,
                                   cairo_t                 *cr,
                                   const DmView            *view,
                                   const DmRouteStyle      *style,
                                   gint64                   t,
                                   const cairo_rectangle_t *clip,
                                   guint                    n_parts);
typedef struct _DmRouteLegsJob DmRouteLegsJob;
typedef struct _DmRouteLabels DmRouteLabels;
DmRouteLegsJob *dm_route_legs_job_start  (DmRouteSet              *set,
                                          cairo_t                 *cr,
                                          const DmView            *view,
                                          const DmRouteStyle      *style,
                                          gint64                   t,
                                          const cairo_rectangle_t *clip,
                                          guint                    n_parts,
                                          double                   head);
DmRouteLegsJob *dm_route_legs_job_start_with_labels (DmRouteSet              *set,
                                                     cairo_t                 *cr,
                                                     const DmView            *view,
                                                     const DmRouteStyle      *style,
                                                     gint64                   t,
                                                     const cairo_rectangle_t *clip,
                                                     guint                    n_parts,
                                                     double                   head,
                                                     const DmRouteLabels     *labels);
gboolean        dm_route_legs_job_paints_labels (const DmRouteLegsJob *job);
guint           dm_route_legs_job_finish (DmRouteLegsJob          *job,
                                          cairo_t                 *cr);
void dm_route_draw_flown       (DmRouteSet         *set,
                                cairo_t            *cr,
                                const DmView       *view,
                                const DmRouteStyle *style,
                                gint64              after,
                                gint64              until);
void dm_route_draw_piece       (DmRouteSet         *set,
                                cairo_t            *cr,
                                const DmView       *view,
                                const DmRouteStyle *style,
                                const DmRouteLeg   *leg,
                                double              f0,
                                double              f1);
guint dm_route_leg_points      (DmRouteSet         *set,
                                const DmRouteLeg   *leg,
                                double              f0,
                                double              f1,
                                DmLonLat           *out,
                                guint               max_out);
void dm_route_stroke_lonlat    (cairo_t            *cr,
                                const DmView       *view,
                                const DmLonLat     *points,
                                guint               n);
void dm_route_add_lonlat       (cairo_t            *cr,
                                const DmView       *view,
                                const DmLonLat     *points,
                                guint               n,
                                int                 k);
gboolean dm_route_add_leg_path (DmRouteSet             *set,
                                cairo_t                *cr,
                                const DmView           *view,
                                const DmRouteProjected *p,
                                guint                   index);

/* Flows: legs counted per unordered pair of places (dm-route-flows.c) */
typedef struct
{
  guint a, b;   /* places, a < b */
  guint leg;    /* a leg between them: its great circle is the flow's line */
  guint count;  /* trips */
  guint group;  /* the traveller group that made most of them (G_MAXUINT: none) */
} DmRouteFlow;

typedef struct
{
  GArray  *flows;      /* DmRouteFlow, heaviest first */
  guint   *visits;     /* per place: legs landing there */
  guint    max_count;
  guint    max_visits;
  guint    n_groups;
  guint32  groups_used; /* bit per group (the first 32) with a flow of its colour */
  gboolean ungrouped;   /* a flow of no group */
} DmRouteFlows;

DmRouteFlows *dm_route_flows_new   (DmRouteSet         *set,
                                    const DmRouteStyle *style,
                                    gint64              t);
void          dm_route_flows_free  (DmRouteFlows       *flows);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmRouteFlows, dm_route_flows_free)
double        dm_route_flow_width  (const DmRouteStyle *style,
                                    guint               count,
                                    guint               max_count);
DmRgba        dm_route_flow_color  (guint               group);
void          dm_route_flow_disc   (cairo_t            *cr,
                                    const DmRouteStyle *style,
                                    double              x,
                                    double              y,
                                    double              r);
guint         dm_route_draw_flows  (DmRouteSet         *set,
                                    cairo_t            *cr,
                                    const DmView       *view,
                                    const DmRouteStyle *style,
                                    gint64              t);
double dm_route_window_fade     (const DmRouteStyle *style,
                                gint64              t,
                                gint64              end);
void dm_route_set_status_source (cairo_t           *cr,
                                 DmStatus           status,
                                 gboolean           uncertain,
                                 const DmRgba      *color,
                                 double             width,
                                 double             alpha);
void dm_route_set_leg_source   (DmRouteSet         *set,
                                cairo_t            *cr,
                                const DmRouteStyle *style,
                                const DmRouteLeg   *leg,
                                DmRoutePass         pass);
void dm_route_draw_moving      (DmRouteSet          *set,
                                cairo_t             *cr,
                                const DmView        *view,
                                const DmRouteStyle  *style,
                                gint64               t,
                                gboolean             flown_cached,
                                DmLabelPlacer       *frame,
                                const DmLabelPlacer *avoid);
void dm_route_draw_all         (DmRouteSet          *set,
                                cairo_t             *cr,
                                const DmView        *view,
                                const DmRouteStyle  *style,
                                gint64               t,
                                DmLabelPlacer       *taken);
/* What dm_route_place_labels() placed, for dm_route_paint_labels() (dm-route-places.c):
 * DmRouteLabels, declared above */

DmRouteLabels *dm_route_place_labels (DmRouteSet          *set,
                                      cairo_t             *cr,
                                      const DmView        *view,
                                      const DmRouteStyle  *style,
                                      gint64               t,
                                      DmLabelPlacer       *taken,
                                      GHashTable          *event_notes);
void dm_route_paint_labels     (DmRouteSet          *set,
                                cairo_t             *cr,
                                const DmView        *view,
                                const DmRouteStyle  *style,
                                const DmRouteLabels *labels);
void dm_route_labels_free      (DmRouteLabels       *labels);
guint dm_route_labels_get_n_names (const DmRouteLabels *labels);
double dm_route_labels_get_work   (const DmRouteLabels *labels);
guint dm_route_labels_get_place   (const DmRouteLabels *labels,
                                   guint                i);
const char *dm_route_labels_get_notes (const DmRouteLabels *labels,
                                       guint                place);
guint dm_route_max_names       (const DmView       *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmRouteLabels, dm_route_labels_free)
void dm_route_draw_labels      (DmRouteSet          *set,
                                cairo_t             *cr,
                                const DmView        *view,
                                const DmRouteStyle  *style,
                                gint64               t,
                                DmLabelPlacer       *taken);
cairo_t *dm_route_scratch_like (cairo_t             *cr);
void dm_route_stay_shape       (cairo_t            *cr,
                                DmEventKind         kind,
                                double              x,
                                double              y,
                                double              r);
void dm_route_paint_stay       (cairo_t            *cr,
                                DmEventKind         kind,
                                DmStatus            status,
                                const DmRgba       *color,
                                double              x,
                                double              y,
                                double              r);
void dm_route_draw_country_ring (cairo_t           *cr,
                                 const DmRouteStyle *style,
                                 double              x,
                                 double              y);
void dm_route_draw_places      (DmRouteSet         *set,
                                cairo_t            *cr,
                                const DmView       *view,
                                const DmRouteStyle *style,
                                gint64              t,
                                DmLabelPlacer      *placer,
                                GCancellable       *cancellable);
guint dm_route_get_n_name_layouts (void);
gboolean *dm_route_places_in_window (DmRouteSet         *set,
                                     const DmRouteStyle *style,
                                     gint64              t);

G_END_DECLS
