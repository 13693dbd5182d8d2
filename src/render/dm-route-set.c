/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-antimeridian.h"
#include "dm-great-circle.h"
#include "dm-gazetteer.h"
#include "dm-route-private.h"

/* A document's legs and stays prepared for drawing: great circles computed once, legs sorted
 * by start and by end so that a frame finds what moves by binary search, colours chosen.
 * The set follows its document: when events change it is rebuilt on next use. */

G_DEFINE_FINAL_TYPE (DmRouteSet, dm_route_set, G_TYPE_OBJECT)

#define MAX_STEP_DEG 2.0

/* Serials are unique among all sets: a cache keyed on one set's never matches another's
 * (DmScreenPainter puts a new set in place of the one it drew) */
static guint
new_serial (void)
{
  static gint last_serial = 0;

  return (guint) g_atomic_int_add (&last_serial, 1) + 1;
}

static void
projected_free (DmRouteProjected *p)
{
  if (p == NULL)
    return;
  g_array_unref (p->xy);
  g_free (p->first);
  g_free (p->n);
  g_free (p->box);
  g_free (p->length);
  g_array_unref (p->cuts);
  g_free (p->first_cut);
  g_free (p);
}

static void
clear_data (DmRouteSet *self)
{
  g_ptr_array_set_size (self->events, 0);
  g_array_set_size (self->legs, 0);
  g_array_set_size (self->points, 0);
  g_array_set_size (self->stays, 0);
  g_array_set_size (self->places, 0);
  g_ptr_array_set_size (self->actors, 0);
  g_array_set_size (self->colors, 0);
  g_array_set_size (self->groups, 0);
  self->n_groups = 0;
  g_clear_pointer (&self->by_start, g_free);
  g_clear_pointer (&self->by_end, g_free);
  g_clear_pointer (&self->starts_sorted, g_free);
  g_clear_pointer (&self->ends_sorted, g_free);
  g_clear_pointer (&self->projected, projected_free);
  self->max_leg = 0;
  self->uses = 0;
}

static void
events_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   DmRouteSet *self)
{
  self->dirty = TRUE;
  self->serial = new_serial ();
}

static void
dm_route_set_dispose (GObject *object)
{
  DmRouteSet *self = DM_ROUTE_SET (object);

  clear_data (self);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (dm_route_set_parent_class)->dispose (object);
}

static void
dm_route_set_finalize (GObject *object)
{
  DmRouteSet *self = DM_ROUTE_SET (object);

  g_ptr_array_unref (self->events);
  g_array_unref (self->legs);
  g_array_unref (self->points);
  g_array_unref (self->stays);
  g_array_unref (self->places);
  g_ptr_array_unref (self->actors);
  g_array_unref (self->colors);
  g_array_unref (self->groups);
  G_OBJECT_CLASS (dm_route_set_parent_class)->finalize (object);
}

static void
dm_route_set_class_init (DmRouteSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dm_route_set_dispose;
  object_class->finalize = dm_route_set_finalize;
}

static void
dm_route_set_init (DmRouteSet *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->legs = g_array_new (FALSE, FALSE, sizeof (DmRouteLeg));
  self->points = g_array_new (FALSE, FALSE, sizeof (DmLonLat));
  self->stays = g_array_new (FALSE, FALSE, sizeof (DmRouteStay));
  self->places = g_array_new (FALSE, FALSE, sizeof (DmRoutePlace));
  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->colors = g_array_new (FALSE, FALSE, sizeof (DmRgba));
  self->groups = g_array_new (FALSE, FALSE, sizeof (guint));
  self->dirty = TRUE;
  self->serial = new_serial ();
}

/**
 * dm_route_set_new:
 * The routes of @document. The set watches the document's events and is rebuilt lazily.
 */
DmRouteSet *
dm_route_set_new (DmDocument *document)
{
  DmRouteSet *self;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  self = g_object_new (DM_TYPE_ROUTE_SET, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (dm_document_get_events (document), "items-changed",
                           G_CALLBACK (events_changed_cb), self, 0);
  return self;
}

DmDocument *
dm_route_set_get_document (DmRouteSet *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_SET (self), NULL);
  return self->document;
}

/**
 * dm_route_set_get_serial:
 * Changes whenever the set's contents change: caches keyed on it know when to redraw.
 */
guint
dm_route_set_get_serial (DmRouteSet *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_SET (self), 0);
  return self->serial;
}

static guint
add_actor (DmRouteSet *self,
           GHashTable *index,
           DmActor    *actor)
{
  gpointer v;

  if (actor == NULL)
    return DM_ROUTE_NO_ACTOR;
  if (g_hash_table_lookup_extended (index, actor, NULL, &v))
    return GPOINTER_TO_UINT (v);
  g_ptr_array_add (self->actors, g_object_ref (actor));
  g_hash_table_insert (index, actor, GUINT_TO_POINTER (self->actors->len - 1));
  return self->actors->len - 1;
}

/* Whether @place is its country's capital, as the gazetteer names it ("Washington" is the
 * capital of "Washington, D.C.") */
static gboolean
is_capital (DmPlace *place)
{
  const char *code = dm_place_get_country (place), *name = dm_place_get_name (place);
  const DmCountry *country;

  if (code == NULL || name == NULL || dm_place_get_level (place) == DM_PLACE_LEVEL_COUNTRY)
    return FALSE;
  country = dm_gazetteer_lookup_country (dm_gazetteer_get_default (), code);
  return country != NULL && country->capital != NULL && *country->capital &&
         g_str_has_prefix (name, country->capital);
}

/* The set's places by name and position, and by the DmPlace met before: legs of one trip
 * share their places, so most look-ups need no printed key */
typedef struct
{
  GHashTable *by_key;     /* "name|lat|lon" -> index */
  GHashTable *by_object;  /* DmPlace -> index + 1 */
} PlaceIndex;

static guint
add_place (DmRouteSet *self,
           PlaceIndex *index,
           DmPlace    *place)
{
  g_autofree char *key = NULL;
  DmRoutePlace p = { 0 };
  gpointer v;

  v = g_hash_table_lookup (index->by_object, place);
  if (v != NULL)
    {
      g_array_index (self->places, DmRoutePlace, GPOINTER_TO_UINT (v) - 1).weight++;
      return GPOINTER_TO_UINT (v) - 1;
    }
  key = g_strdup_printf ("%s|%.4f|%.4f", dm_place_get_name (place),
                         dm_place_get_latitude (place), dm_place_get_longitude (place));
  if (g_hash_table_lookup_extended (index->by_key, key, NULL, &v))
    {
      g_hash_table_insert (index->by_object, place, GUINT_TO_POINTER (GPOINTER_TO_UINT (v) + 1));
      g_array_index (self->places, DmRoutePlace, GPOINTER_TO_UINT (v)).weight++;
      return GPOINTER_TO_UINT (v);
    }
  p.place = place;
  if (dm_place_get_level (place) == DM_PLACE_LEVEL_COUNTRY)
    self->uses |= DM_ROUTE_USE_COUNTRY;
  p.pos.lon = dm_place_get_longitude (place);
  p.pos.lat = dm_place_get_latitude (place);
  p.weight = 1;
  p.capital = is_capital (place);
  g_array_append_val (self->places, p);
  g_hash_table_insert (index->by_key, g_steal_pointer (&key), GUINT_TO_POINTER (self->places->len - 1));
  g_hash_table_insert (index->by_object, place, GUINT_TO_POINTER (self->places->len));
  return self->places->len - 1;
}

/* Great circles already drawn, by their two ends: many legs fly the same route (a document
 * of 100,000 events between 30 capitals has fewer than 900), so each is interpolated once
 * and every leg that flies it shares its one range of points (and of projected points,
 * dm_route_set_get_projected), and notes the first leg along it in same_as. Key: the ends'
 * four coordinates; value: the index of the first leg along it, plus one. */
typedef struct
{
  double lon1, lat1, lon2, lat2;
} CircleKey;

static guint
circle_hash (gconstpointer key)
{
  const CircleKey *k = key;

  return g_double_hash (&k->lon1) ^ (g_double_hash (&k->lat1) * 31) ^
         (g_double_hash (&k->lon2) * 961) ^ (g_double_hash (&k->lat2) * 29791);
}

static gboolean
circle_equal (gconstpointer a,
              gconstpointer b)
{
  const CircleKey *x = a, *y = b;

  return x->lon1 == y->lon1 && x->lat1 == y->lat1 && x->lon2 == y->lon2 && x->lat2 == y->lat2;
}

static void
add_leg (DmRouteSet *self,
         GHashTable *circles,
         DmEvent    *event,
         DmLeg      *leg,
         guint       actor,
         guint       from_place,
         guint       to_place)
{
  DmRouteLeg r = { 0 };
  DmLonLat a = { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) };
  DmLonLat b = { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) };
  guint n_path = leg->path != NULL ? leg->path->len / 2 : 0;
  DmLonLat *pts;

  r.event = event;
  r.leg = leg;
  r.actor = actor;
  r.status = dm_event_get_status (event);
  r.uncertain = leg->uncertain;
  r.inferred = leg->inferred;
  r.start = leg->start;
  r.end = MAX (leg->end, leg->start);
  r.from_place = from_place;
  r.to_place = to_place;
  /* a recorded track follows the way it went (DmLeg.path), else the great circle */
  if (n_path >= 2)
    {
      r.n = n_path;
      r.first = self->points->len;
      g_array_set_size (self->points, self->points->len + r.n);
      pts = &g_array_index (self->points, DmLonLat, r.first);
      for (guint i = 0; i < n_path; i++)
        pts[i] = (DmLonLat) { g_array_index (leg->path, double, 2 * i), g_array_index (leg->path, double, 2 * i + 1) };
      pts[0] = a;
      pts[r.n - 1] = b;
      dm_antimeridian_unwrap (pts, r.n);
    }
  else
    {
      CircleKey key = { a.lon, a.lat, b.lon, b.lat };
      guint drawn = GPOINTER_TO_UINT (g_hash_table_lookup (circles, &key));

      if (drawn != 0)
        {
          const DmRouteLeg *along = &g_array_index (self->legs, DmRouteLeg, drawn - 1);

          r.first = along->first;
          r.n = along->n;
          r.same_as = drawn;
        }
      else
        {
          double deg = dm_great_circle_distance (a, b) * 180.0 / G_PI;
          guint segs = CLAMP ((guint) ceil (deg / MAX_STEP_DEG), 1, 180);

          r.n = segs + 1;
          r.first = self->points->len;
          g_array_set_size (self->points, self->points->len + r.n);
          pts = &g_array_index (self->points, DmLonLat, r.first);
          dm_great_circle_interpolate_n (a, b, segs, pts);
          pts[0] = a;
          pts[r.n - 1] = b;
          dm_antimeridian_unwrap (pts, r.n);
          g_hash_table_insert (circles, g_memdup2 (&key, sizeof key),
                               GUINT_TO_POINTER (self->legs->len + 1));
        }
    }
  g_array_append_val (self->legs, r);
  /* a leg without a time spans its whole window but is never in the air: not a flight */
  if (!r.uncertain)
    self->max_leg = MAX (self->max_leg, r.end - r.start);

  self->uses |= dm_route_use_for_status (r.status);
  if (r.uncertain)
    self->uses |= DM_ROUTE_USE_UNCERTAIN;
  if (r.inferred)
    self->uses |= DM_ROUTE_USE_INFERRED;
}

static int
compare_start_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const DmRouteLeg *legs = data;
  gint64 sa = legs[*(const guint *) a].start, sb = legs[*(const guint *) b].start;

  /* equal starts keep the document's order (fitting the stays relies on it) */
  if (sa != sb)
    return sa < sb ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static int
compare_end_cb (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const DmRouteLeg *legs = data;
  gint64 ea = legs[*(const guint *) a].end, eb = legs[*(const guint *) b].end;

  /* equal ends keep the document's order, so drawing order is stable */
  if (ea != eb)
    return ea < eb ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static void
rebuild (DmRouteSet *self)
{
  GListModel *events = dm_document_get_events (self->document);
  GListModel *doc_actors = dm_document_get_actors (self->document);
  g_autoptr(GHashTable) actor_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) place_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) place_objects = g_hash_table_new (NULL, NULL);
  PlaceIndex place_index = { place_keys, place_objects };
  g_autoptr(GHashTable) circles = g_hash_table_new_full (circle_hash, circle_equal, g_free, NULL);
  g_autoptr(GPtrArray) undated = NULL;
  guint n = g_list_model_get_n_items (events);

  clear_data (self);
  /* actors with a leg or a stay, in the document's order, so that colours depend neither on
   * the order of events nor on actors that do nothing */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *participants = dm_event_get_participants (event);

      if (dm_event_get_actor (event) != NULL)
        g_hash_table_add (used, dm_event_get_actor (event));
      for (guint j = 0; j < participants->len; j++)
        g_hash_table_add (used, g_ptr_array_index (participants, j));
    }
  for (guint i = 0; i < g_list_model_get_n_items (doc_actors); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (doc_actors, i);
      if (g_hash_table_contains (used, actor))
        add_actor (self, actor_index, actor);
    }

  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = g_list_model_get_item (events, i);
      DmEventKind kind = dm_event_get_kind (event);
      guint actor;

      g_ptr_array_add (self->events, event);
      actor = add_actor (self, actor_index, dm_event_get_actor (event));
      if (kind == DM_EVENT_KIND_TRIP)
        {
          GPtrArray *legs = dm_event_get_legs (event);
          for (guint j = 0; j < legs->len; j++)
            {
              DmLeg *leg = g_ptr_array_index (legs, j);
              guint from, to;

              if (leg->from == NULL || leg->to == NULL)
                continue;
              from = add_place (self, &place_index, leg->from);
              to = add_place (self, &place_index, leg->to);
              add_leg (self, circles, event, leg, actor, from, to);
            }
        }
      else if (dm_event_get_place (event) != NULL)
        {
          DmRouteStay s = { event, kind, dm_event_get_status (event), actor, 0, 0, 0 };
          GPtrArray *participants = dm_event_get_participants (event);

          if (!dm_event_get_drawn_span (event, &s.start, &s.end))
            continue;
          s.place = add_place (self, &place_index, dm_event_get_place (event));
          g_array_index (self->places, DmRoutePlace, s.place).has_stay = TRUE;
          if (s.actor == DM_ROUTE_NO_ACTOR && participants->len > 0)
            s.actor = add_actor (self, actor_index, g_ptr_array_index (participants, 0));
          for (guint j = 0; j < participants->len; j++)
            add_actor (self, actor_index, g_ptr_array_index (participants, j));
          g_array_append_val (self->stays, s);
          self->uses |= dm_route_use_for_status (s.status);
          self->uses |= kind == DM_EVENT_KIND_SUMMIT ? DM_ROUTE_USE_SUMMIT
                      : kind == DM_EVENT_KIND_MEETING ? DM_ROUTE_USE_MEETING : DM_ROUTE_USE_VISIT;
        }
    }

  /* the places a file gave without a time: drawn as places, so that a file of sites or
   * waypoints shows something (dm_document_dup_undated_places) */
  undated = dm_document_dup_undated_places (self->document);
  for (guint i = 0; i < undated->len; i++)
    {
      guint before = self->places->len;
      guint k = add_place (self, &place_index, g_ptr_array_index (undated, i));

      if (self->places->len > before)
        {
          g_array_index (self->places, DmRoutePlace, k).undated = TRUE;
          self->uses |= DM_ROUTE_USE_UNDATED;
        }
    }

  /* the legs by start and by end (fitting the stays reads them too) */
  self->by_start = g_new (guint, MAX (self->legs->len, 1));
  self->by_end = g_new (guint, MAX (self->legs->len, 1));
  self->starts_sorted = g_new (gint64, MAX (self->legs->len, 1));
  self->ends_sorted = g_new (gint64, MAX (self->legs->len, 1));
  for (guint i = 0; i < self->legs->len; i++)
    self->by_start[i] = self->by_end[i] = i;
  g_qsort_with_data (self->by_start, self->legs->len, sizeof (guint), compare_start_cb,
                     self->legs->data);
  g_qsort_with_data (self->by_end, self->legs->len, sizeof (guint), compare_end_cb,
                     self->legs->data);
  for (guint i = 0; i < self->legs->len; i++)
    {
      self->starts_sorted[i] = g_array_index (self->legs, DmRouteLeg, self->by_start[i]).start;
      self->ends_sorted[i] = g_array_index (self->legs, DmRouteLeg, self->by_end[i]).end;
    }

  dm_route_set_fit_stays (self);

  /* colours: the document's, which are its source's, so a filter changes no one's colour */
  for (guint i = 0; i < self->actors->len; i++)
    {
      DmActor *actor = g_ptr_array_index (self->actors, i);
      DmRgba c = dm_route_actor_color (self->document, actor);
      guint group = G_MAXUINT, n_groups = 0;

      g_array_append_val (self->colors, c);
      /* groups too (flows are coloured by them), numbered by the source's actors */
      if (!dm_document_get_actor_group (self->document, actor, &group, &n_groups, NULL, NULL))
        group = G_MAXUINT;
      g_array_append_val (self->groups, group);
      self->n_groups = MAX (self->n_groups, n_groups);
    }

  self->dirty = FALSE;
}

void
dm_route_set_ensure (DmRouteSet *self)
{
  if (self->dirty)
    rebuild (self);
}

/* The position in @sorted (@n times, in order) of the first after @t */
static guint
first_after (const gint64 *sorted,
             guint         n,
             gint64        t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (sorted[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The position in by_end of the first leg ending after @t */
guint
dm_route_set_first_ending_after (DmRouteSet *self,
                                 gint64      t)
{
  return first_after (self->ends_sorted, self->legs->len, t);
}

/* The position in by_start of the first leg starting after @t: the legs in the air at @t
 * are before it, none of them starting before @t - max_leg */
guint
dm_route_set_first_starting_after (DmRouteSet *self,
                                   gint64      t)
{
  return first_after (self->starts_sorted, self->legs->len, t);
}

/* @pts shifted by -360 @k */
static void
project_piece (DmRouteProjected *p,
               const DmLonLat   *pts,
               guint             n,
               int               k,
               double           *box)
{
  for (guint i = 0; i < n; i++)
    {
      double xy[2];
      dm_projection_forward (p->projection, pts[i].lon - p->central_lon - 360.0 * k, pts[i].lat,
                             &xy[0], &xy[1]);
      g_array_append_vals (p->xy, xy, 2);
      box[0] = MIN (box[0], xy[0]), box[1] = MIN (box[1], xy[1]);
      box[2] = MAX (box[2], xy[0]), box[3] = MAX (box[3], xy[1]);
    }
}

static gboolean
leg_leaves_mercator (const DmLonLat *pts,
                     guint           n)
{
  for (guint i = 0; i < n; i++)
    if (fabs (pts[i].lat) > DM_MERCATOR_MAX_LAT)
      return TRUE;
  return FALSE;
}

static void
append_projected (DmRouteProjected *p,
                  const double     *xy,
                  double           *box)
{
  g_array_append_vals (p->xy, xy, 2);
  box[0] = MIN (box[0], xy[0]), box[1] = MIN (box[1], xy[1]);
  box[2] = MAX (box[2], xy[0]), box[3] = MAX (box[3], xy[1]);
}

/* Web Mercator shows latitudes up to ±85.05°: a leg over a pole leaves its world there and
 * comes back (drawn as it is, its points clamped to the edge, it would run along the edge
 * across half the world). Its pieces inside are kept, ending on the edge, and each cut is
 * noted with the way the leg flies there, for an arrow (dm-route-draw.c). */
static void
project_mercator_cut (DmRouteProjected *p,
                      const DmLonLat   *pts,
                      guint             n,
                      double           *box)
{
  const double nan_pair[2] = { NAN, NAN };
  double last[2] = { 0, 0 };

  for (guint i = 0; i < n; i++)
    {
      gboolean inside = fabs (pts[i].lat) <= DM_MERCATOR_MAX_LAT;
      double xy[2];

      if (i > 0 && inside != (fabs (pts[i - 1].lat) <= DM_MERCATOR_MAX_LAT))
        {
          const DmLonLat *a = &pts[i - 1], *b = &pts[i];
          double edge = copysign (DM_MERCATOR_MAX_LAT, inside ? a->lat : b->lat);
          double f = (edge - a->lat) / (b->lat - a->lat);
          DmRoutePolarCut cut = { 0 };

          dm_projection_forward (p->projection, a->lon + f * (b->lon - a->lon) - p->central_lon,
                                 edge, &cut.x, &cut.y);
          cut.entering = inside;
          if (inside)
            {
              dm_projection_forward (p->projection, b->lon - p->central_lon, b->lat, &xy[0], &xy[1]);
              cut.dx = xy[0] - cut.x, cut.dy = xy[1] - cut.y;
              append_projected (p, &cut.x, box);
            }
          else
            {
              cut.dx = cut.x - last[0], cut.dy = cut.y - last[1];
              append_projected (p, &cut.x, box);
              g_array_append_vals (p->xy, nan_pair, 2);
            }
          /* a step that stops right on the edge: the way is the pole's */
          if (hypot (cut.dx, cut.dy) < 1e-9)
            cut.dx = 0, cut.dy = (edge > 0) == inside ? -1 : 1;
          g_array_append_val (p->cuts, cut);
        }
      if (!inside)
        continue;
      dm_projection_forward (p->projection, pts[i].lon - p->central_lon, pts[i].lat, &xy[0], &xy[1]);
      append_projected (p, xy, box);
      last[0] = xy[0], last[1] = xy[1];
    }
  /* no piece ends with a separator */
  if (p->xy->len >= 2 && isnan (g_array_index (p->xy, double, p->xy->len - 1)))
    g_array_set_size (p->xy, p->xy->len - 2);
}

/**
 * dm_route_set_get_projected: (skip)
 * The legs' great circles in projected units (as @view projects them, from its central
 * meridian), computed once per projection and meridian. Projections that wrap keep longitudes
 * continuous (copies are drawn by shifting); Equal Earth cuts each line at the map's edges.
 */
const DmRouteProjected *
dm_route_set_get_projected (DmRouteSet   *self,
                            const DmView *view)
{
  DmProjection projection = view->projection;
  DmRouteProjected *p;
  const double nan_pair[2] = { NAN, NAN };
  g_autofree guint *projected_by = NULL;
  guint n_legs;

  dm_route_set_ensure (self);
  if (dm_route_projected_fits (self->projected, view))
    return self->projected;
  g_clear_pointer (&self->projected, projected_free);

  n_legs = self->legs->len;
  p = g_new0 (DmRouteProjected, 1);
  p->projection = projection;
  p->central_lon = view->central_lon;
  p->xy = g_array_sized_new (FALSE, FALSE, sizeof (double), self->points->len * 2 + 16);
  p->first = g_new (guint, MAX (n_legs, 1));
  p->n = g_new (guint, MAX (n_legs, 1));
  p->box = g_new (double, 4 * MAX (n_legs, 1));
  p->length = g_new0 (double, MAX (n_legs, 1));
  p->cuts = g_array_new (FALSE, FALSE, sizeof (DmRoutePolarCut));
  p->first_cut = g_new0 (guint, n_legs + 1);
  /* per route (range of points), the leg that projected it, plus one */
  projected_by = g_new0 (guint, MAX (self->points->len, 1));
  for (guint i = 0; i < n_legs; i++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, i);
      const DmLonLat *pts = &g_array_index (self->points, DmLonLat, leg->first);
      double *box = &p->box[4 * i];
      guint same = leg->n > 0 ? projected_by[leg->first] : 0;
      int k;

      p->first_cut[i] = p->cuts->len;
      /* a leg along a route projected before shares its projected points; its cuts (a few
       * legs over a pole) are copied, so that the cuts stay in the order of the legs */
      if (same != 0)
        {
          guint j = same - 1;

          p->first[i] = p->first[j];
          p->n[i] = p->n[j];
          memcpy (box, &p->box[4 * j], 4 * sizeof (double));
          p->length[i] = p->length[j];
          for (guint c = p->first_cut[j]; c < p->first_cut[j + 1]; c++)
            {
              DmRoutePolarCut cut = g_array_index (p->cuts, DmRoutePolarCut, c);
              g_array_append_val (p->cuts, cut);
            }
          continue;
        }
      if (leg->n > 0)
        projected_by[leg->first] = i + 1;
      box[0] = box[1] = G_MAXDOUBLE;
      box[2] = box[3] = -G_MAXDOUBLE;
      p->first[i] = p->xy->len / 2;
      if (projection == DM_PROJECTION_MERCATOR && leg_leaves_mercator (pts, leg->n))
        project_mercator_cut (p, pts, leg->n, box);
      else if (dm_projection_wraps (projection))
        project_piece (p, pts, leg->n, 0, box);
      /* most legs never reach the edges of a map that does not repeat: no need to cut them */
      else if (dm_antimeridian_within_copy (pts, leg->n, p->central_lon, &k))
        project_piece (p, pts, leg->n, k, box);
      else
        {
          g_autoptr(GPtrArray) pieces = dm_antimeridian_split_around (pts, leg->n,
                                                                      p->central_lon);
          for (guint j = 0; j < pieces->len; j++)
            {
              GArray *piece = g_ptr_array_index (pieces, j);
              if (j > 0)
                g_array_append_vals (p->xy, nan_pair, 2);
              project_piece (p, (DmLonLat *) piece->data, piece->len, 0, box);
            }
        }
      p->n[i] = p->xy->len / 2 - p->first[i];
      for (guint j = p->first[i] + 1; j < p->first[i] + p->n[i]; j++)
        {
          const double *a = &g_array_index (p->xy, double, 2 * (j - 1));
          if (!isnan (a[0]) && !isnan (a[2]))
            p->length[i] += hypot (a[2] - a[0], a[3] - a[1]);
        }
    }
  p->first_cut[n_legs] = p->cuts->len;
  self->projected = p;
  return p;
}

DmRgba
dm_route_set_leg_color (DmRouteSet         *self,
                        const DmRouteStyle *style,
                        guint               actor,
                        DmStatus            status)
{
  if (status == DM_STATUS_CANCELLED)
    return style->cancelled;
  if (actor == DM_ROUTE_NO_ACTOR || actor >= self->colors->len)
    return dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1.0f);
  return g_array_index (self->colors, DmRgba, actor);
}
