/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>

#include "dm-antimeridian.h"
#include "dm-route-private.h"

/* Questions asked of a route set: what it holds, where its events are, what goes on at a
 * moment (stays, and the places that matter for the time caption), which sources it cites. */

guint
dm_route_set_get_n_legs (DmRouteSet *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_SET (self), 0);
  dm_route_set_ensure (self);
  return self->legs->len;
}

/**
 * dm_route_set_get_extent:
 * The time the document's events cover (UTC seconds, end exclusive).
 */
gboolean
dm_route_set_get_extent (DmRouteSet *self,
                         gint64     *start,
                         gint64     *end)
{
  g_return_val_if_fail (DM_IS_ROUTE_SET (self), FALSE);
  return dm_document_get_extent (self->document, start, end);
}

/**
 * dm_route_set_get_actors:
 * The actors with a leg or a stay (as traveller or participant), in the document's order.
 * Returns: (transfer none) (element-type DmActor)
 */
GPtrArray *
dm_route_set_get_actors (DmRouteSet *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_SET (self), NULL);
  dm_route_set_ensure (self);
  return self->actors;
}

/**
 * dm_route_use_for_status:
 * The bit of #DmRouteUse that says a set has something of @status.
 */
DmRouteUse
dm_route_use_for_status (DmStatus status)
{
  switch (status)
    {
    case DM_STATUS_ANNOUNCED: return DM_ROUTE_USE_ANNOUNCED;
    case DM_STATUS_PLANNED:   return DM_ROUTE_USE_PLANNED;
    case DM_STATUS_CONFIRMED: return DM_ROUTE_USE_CONFIRMED;
    case DM_STATUS_COMPLETED: return DM_ROUTE_USE_COMPLETED;
    case DM_STATUS_CANCELLED: return DM_ROUTE_USE_CANCELLED;
    case DM_STATUS_UNKNOWN:
    default:                  return DM_ROUTE_USE_NO_STATUS;
    }
}

/**
 * dm_route_set_get_actor_color:
 * @actor's colour, as dm_route_actor_color() gives it for the set's document: the same for
 * the set of a filtered view as for the whole document.
 */
DmRgba
dm_route_set_get_actor_color (DmRouteSet *self,
                              DmActor    *actor)
{
  g_return_val_if_fail (DM_IS_ROUTE_SET (self), dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1));
  if (self->document != NULL)
    return dm_route_actor_color (self->document, actor);
  /* a frozen copy has no document: the colours it was made with */
  for (guint i = 0; actor != NULL && i < self->actors->len; i++)
    if (g_ptr_array_index (self->actors, i) == actor)
      return g_array_index (self->colors, DmRgba, i);
  return dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1.0f);
}

DmRouteUse
dm_route_set_get_uses (DmRouteSet *self)
{
  g_return_val_if_fail (DM_IS_ROUTE_SET (self), 0);
  dm_route_set_ensure (self);
  return self->uses;
}

static void
add_lon (gboolean *bins,
         double    lon)
{
  int b = (int) floor (dm_antimeridian_wrap (lon) + 180.0);

  bins[CLAMP (b, 0, 359)] = TRUE;
}

/* Widens @box (lon, lat min, then max) to @p, its longitude in [base, base + 360) */
static void
add_extent (DmLonLat  p,
            double    base,
            double   *box)
{
  double lon = base + fmod (fmod (p.lon - base, 360.0) + 360.0, 360.0);

  box[0] = MIN (box[0], lon), box[2] = MAX (box[2], lon);
  box[1] = MIN (box[1], p.lat), box[3] = MAX (box[3], p.lat);
}

/**
 * dm_route_set_get_bounds:
 * The smallest box holding every leg (its whole great circle), every stay and every place
 * without a date. Longitudes
 * are unwrapped: @lon_max may exceed 180 when the box crosses the antimeridian (Tokyo to
 * San Francisco gives 139.7 to 237.6).
 * Returns: %FALSE when nothing has a place
 */
gboolean
dm_route_set_get_bounds (DmRouteSet *self,
                         double     *lon_min,
                         double     *lat_min,
                         double     *lon_max,
                         double     *lat_max)
{
  gboolean bins[360] = { FALSE };
  g_autoptr(GArray) spots = g_array_new (FALSE, FALSE, sizeof (guint));
  double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double a0, a1, x0, x1, base;
  int best_start = 0, best_len = -1;
  guint n_points;

  g_return_val_if_fail (DM_IS_ROUTE_SET (self), FALSE);
  dm_route_set_ensure (self);
  n_points = self->points->len;
  /* the places of stays, and places without a date */
  for (guint i = 0; i < self->stays->len; i++)
    g_array_append_val (spots, g_array_index (self->stays, DmRouteStay, i).place);
  for (guint i = 0; i < self->places->len; i++)
    if (g_array_index (self->places, DmRoutePlace, i).undated)
      g_array_append_val (spots, i);
  if (n_points == 0 && spots->len == 0)
    return FALSE;

  /* a leg along the same points as an earlier one adds nothing */
  for (guint i = 0; i < self->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, i);

      if (leg->same_as == 0)
        for (guint j = leg->first; j < leg->first + leg->n; j++)
          add_lon (bins, g_array_index (self->points, DmLonLat, j).lon);
    }
  for (guint i = 0; i < spots->len; i++)
    {
      guint p = g_array_index (spots, guint, i);
      add_lon (bins, g_array_index (self->places, DmRoutePlace, p).pos.lon);
    }

  /* the widest run of empty degrees, going round the circle, is where the box is open */
  for (int s = 0; s < 360; s++)
    {
      int len = 0;
      if (bins[s] || !bins[(s + 359) % 360])
        continue;
      while (len < 360 && !bins[(s + len) % 360])
        len++;
      if (len > best_len)
        best_len = len, best_start = s;
    }
  /* the box opens in the middle of the gap; with no gap, the whole world from -180 */
  base = best_len > 0 ? best_start - 180.0 + best_len / 2.0 : -180.0;

  for (guint i = 0; i < self->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, i);

      if (leg->same_as == 0)
        for (guint j = leg->first; j < leg->first + leg->n; j++)
          add_extent (g_array_index (self->points, DmLonLat, j), base, box);
    }
  for (guint i = 0; i < spots->len; i++)
    add_extent (g_array_index (self->places, DmRoutePlace, g_array_index (spots, guint, i)).pos,
                base, box);
  x0 = box[0], a0 = box[1], x1 = box[2], a1 = box[3];
  if (x0 >= 180.0 || x0 < -180.0)
    {
      double shift = 360.0 * floor ((x0 + 180.0) / 360.0);
      x0 -= shift, x1 -= shift;
    }
  *lon_min = x0, *lon_max = x1, *lat_min = a0, *lat_max = a1;
  return TRUE;
}

static void
add_unique_place (GPtrArray *places,
                  DmPlace   *place,
                  guint      max_places)
{
  const char *zone = dm_place_get_timezone (place);

  if (place == NULL || places->len >= max_places)
    return;
  for (guint i = 0; i < places->len; i++)
    {
      DmPlace *other = g_ptr_array_index (places, i);
      if (g_strcmp0 (dm_place_get_timezone (other), zone) == 0)
        return;
    }
  g_ptr_array_add (places, g_object_ref (place));
}

/**
 * dm_route_set_dup_stays_at: (skip)
 * The visits, summits and meetings drawn at @t, in the document's order. A stay known only to
 * the day is drawn from its actors' arrival to their departure (dm-route-stays.c).
 * Returns: (transfer full) (element-type DmEvent)
 */
GPtrArray *
dm_route_set_dup_stays_at (DmRouteSet *self,
                           gint64      t)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (DM_IS_ROUTE_SET (self), events);
  dm_route_set_ensure (self);
  for (guint i = 0; i < self->stays->len; i++)
    {
      const DmRouteStay *s = &g_array_index (self->stays, DmRouteStay, i);
      if (dm_route_stay_is_on (s, t))
        g_ptr_array_add (events, g_object_ref (s->event));
    }
  return events;
}

/**
 * dm_route_set_dup_places_at:
 * Up to @max_places places that matter at @t, each in a different time zone: where stays
 * happen, where delegations in the air come from and go to; else where the latest legs landed.
 * Returns: (transfer full) (element-type DmPlace)
 */
GPtrArray *
dm_route_set_dup_places_at (DmRouteSet *self,
                            gint64      t,
                            guint       max_places)
{
  GPtrArray *places = g_ptr_array_new_with_free_func (g_object_unref);
  guint k;

  g_return_val_if_fail (DM_IS_ROUTE_SET (self), places);
  dm_route_set_ensure (self);

  for (guint i = 0; i < self->stays->len; i++)
    {
      const DmRouteStay *s = &g_array_index (self->stays, DmRouteStay, i);
      if (dm_route_stay_is_on (s, t))
        add_unique_place (places, dm_event_get_place (s->event), max_places);
    }
  for (guint i = 0; i < self->legs->len; i++)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, i);
      if (leg->start <= t && t < leg->end)
        {
          add_unique_place (places, leg->leg->from, max_places);
          add_unique_place (places, leg->leg->to, max_places);
        }
    }
  /* nothing happening: the last places reached */
  k = dm_route_set_first_ending_after (self, t);
  while (places->len == 0 && k > 0)
    {
      const DmRouteLeg *leg = &g_array_index (self->legs, DmRouteLeg, self->by_end[--k]);
      add_unique_place (places, leg->leg->to, max_places);
    }
  return places;
}

/**
 * dm_route_set_dup_sources:
 * The sources the events cite, once each: the publisher, else the title, else the address,
 * in order of first appearance.
 * Returns: (transfer full) (element-type utf8)
 */
GPtrArray *
dm_route_set_dup_sources (DmRouteSet *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (DM_IS_ROUTE_SET (self), out);
  /* the set's own list of the events, not the document's GListStore: a store's reads are
   * not safe from several threads at once (it keeps where the last read was), and a clip's
   * workers lay out their frames' footers together */
  dm_route_set_ensure (self);
  for (guint i = 0; i < self->events->len; i++)
    {
      DmEvent *event = g_ptr_array_index (self->events, i);
      GPtrArray *sources = dm_event_get_sources (event);

      for (guint j = 0; j < sources->len; j++)
        {
          DmSource *s = g_ptr_array_index (sources, j);
          const char *name = s->publisher ? s->publisher : s->title ? s->title : s->url;
          char *copy;

          if (name == NULL || g_hash_table_contains (seen, name))
            continue;
          copy = g_strdup (name);
          g_ptr_array_add (out, copy);
          g_hash_table_add (seen, copy);
        }
    }
  return out;
}
