/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dm-event.h"

struct _DmEvent
{
  GObject      parent_instance;
  char        *id;
  char        *title;
  DmEventKind  kind;
  DmStatus     status;
  DmActor     *actor;
  GPtrArray   *participants;
  DmPlace     *place;
  DmTime       start;
  DmTime       end;
  GPtrArray   *legs;
  char        *host;
  GStrv        invited_by;
  GPtrArray   *sources;
  GStrv        tags;
  char        *notes;
  GFile       *file;
  guint        line;
  guint        column;
  JsonObject  *extra;
};

G_DEFINE_FINAL_TYPE (DmEvent, dm_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The empty list every event starts with for its participants, legs and sources (most
 * events have one or two of them, and a document 100,000 events: issue 15), shared and
 * never written to; own_array() gives an event its own list when it adds the first */
static GPtrArray *
shared_empty (void)
{
  static GPtrArray *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
}

/* @reserved: room for as many items as an event usually has (a summit's participants), so
 * that the list is not grown a few items at a time */
static GPtrArray *
own_array (GPtrArray      **array,
           guint            reserved,
           GDestroyNotify   free_func)
{
  if (*array == shared_empty ())
    {
      g_ptr_array_unref (*array);
      *array = g_ptr_array_new_full (reserved, free_func);
    }
  return *array;
}

static void
dm_event_finalize (GObject *object)
{
  DmEvent *self = DM_EVENT (object);

  g_free (self->id);
  g_free (self->title);
  g_clear_object (&self->actor);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_object (&self->place);
  g_clear_pointer (&self->legs, g_ptr_array_unref);
  g_free (self->host);
  g_strfreev (self->invited_by);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_strfreev (self->tags);
  g_free (self->notes);
  g_clear_object (&self->file);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (dm_event_parent_class)->finalize (object);
}

static void
dm_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DmEvent *self = DM_EVENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_event_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DmEvent *self = DM_EVENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dm_event_set_title (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      dm_event_set_status (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_event_class_init (DmEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dm_event_finalize;
  object_class->get_property = dm_event_get_property;
  object_class->set_property = dm_event_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, DM_STATUS_UNKNOWN, DM_STATUS_CANCELLED,
                      DM_STATUS_UNKNOWN,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dm_event_init (DmEvent *self)
{
  self->participants = g_ptr_array_ref (shared_empty ());
  self->legs = g_ptr_array_ref (shared_empty ());
  self->sources = g_ptr_array_ref (shared_empty ());
  self->start = DM_TIME_UNKNOWN;
  self->end = DM_TIME_UNKNOWN;
}

DmEvent *
dm_event_new (DmEventKind  kind,
              const char  *id)
{
  DmEvent *self = g_object_new (DM_TYPE_EVENT, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  return self;
}

/**
 * dm_event_copy:
 * @id: (nullable): the copy's id; %NULL keeps @self's
 *
 * Everything @self says, in a new event: the editor changes a copy and the undo stack
 * swaps it for the original (docs/EDITING.md). Actors, places and sources are shared
 * (they are not changed in place); legs are copied, since resolving times writes in them.
 */
DmEvent *
dm_event_copy (DmEvent    *self,
               const char *id)
{
  DmEvent *copy;

  g_return_val_if_fail (DM_IS_EVENT (self), NULL);

  copy = dm_event_new (self->kind, id ? id : self->id);
  copy->title = g_strdup (self->title);
  copy->status = self->status;
  g_set_object (&copy->actor, self->actor);
  for (guint i = 0; i < self->participants->len; i++)
    g_ptr_array_add (own_array (&copy->participants, self->participants->len, g_object_unref),
                     g_object_ref (g_ptr_array_index (self->participants, i)));
  g_set_object (&copy->place, self->place);
  copy->start = self->start;
  copy->end = self->end;
  for (guint i = 0; i < self->legs->len; i++)
    g_ptr_array_add (own_array (&copy->legs, self->legs->len, (GDestroyNotify) dm_leg_unref),
                     dm_leg_copy (g_ptr_array_index (self->legs, i)));
  copy->host = g_strdup (self->host);
  copy->invited_by = g_strdupv (self->invited_by);
  for (guint i = 0; i < self->sources->len; i++)
    g_ptr_array_add (own_array (&copy->sources, self->sources->len, (GDestroyNotify) dm_source_unref),
                     dm_source_ref (g_ptr_array_index (self->sources, i)));
  copy->tags = g_strdupv (self->tags);
  copy->notes = g_strdup (self->notes);
  g_set_object (&copy->file, self->file);
  copy->line = self->line;
  copy->column = self->column;
  copy->extra = self->extra ? json_object_ref (self->extra) : NULL;
  return copy;
}

const char *dm_event_get_id (DmEvent *self) { return self->id; }
DmEventKind dm_event_get_kind (DmEvent *self) { return self->kind; }
const char *dm_event_get_title (DmEvent *self) { return self->title; }
DmStatus dm_event_get_status (DmEvent *self) { return self->status; }
DmActor *dm_event_get_actor (DmEvent *self) { return self->actor; }
GPtrArray *dm_event_get_participants (DmEvent *self) { return self->participants; }
DmPlace *dm_event_get_place (DmEvent *self) { return self->place; }
const DmTime *dm_event_get_start (DmEvent *self) { return &self->start; }
const DmTime *dm_event_get_end (DmEvent *self) { return &self->end; }
GPtrArray *dm_event_get_legs (DmEvent *self) { return self->legs; }
const char *dm_event_get_host (DmEvent *self) { return self->host; }
const char * const *dm_event_get_invited_by (DmEvent *self) { return (const char * const *) self->invited_by; }
GPtrArray *dm_event_get_sources (DmEvent *self) { return self->sources; }
const char * const *dm_event_get_tags (DmEvent *self) { return (const char * const *) self->tags; }
const char *dm_event_get_notes (DmEvent *self) { return self->notes; }
GFile *dm_event_get_file (DmEvent *self) { return self->file; }
guint dm_event_get_line (DmEvent *self) { return self->line; }
guint dm_event_get_column (DmEvent *self) { return self->column; }
JsonObject *dm_event_get_extra (DmEvent *self) { return self->extra; }

void
dm_event_set_title (DmEvent    *self,
                    const char *title)
{
  g_return_if_fail (DM_IS_EVENT (self));
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* The title, or one made from what the event is: "Choe Son Hui: Pyongyang – Minsk" */
char *
dm_event_dup_display_title (DmEvent *self)
{
  const char *who = self->actor ? dm_actor_get_name (self->actor) : NULL;

  if (self->title != NULL)
    return g_strdup (self->title);
  if (self->kind == DM_EVENT_KIND_TRIP && self->legs->len > 0)
    {
      DmLeg *first = g_ptr_array_index (self->legs, 0);
      DmLeg *last = g_ptr_array_index (self->legs, self->legs->len - 1);
      const char *a = first->from ? dm_place_get_name (first->from) : "?";
      const char *b = last->to ? dm_place_get_name (last->to) : "?";

      if (who)
        /* Translators: a trip: who, from, to */
        return g_strdup_printf (_("%s: %s – %s"), who, a, b);
      return g_strdup_printf (_("%s – %s"), a, b);
    }
  if (self->place != NULL)
    {
      if (who)
        /* Translators: an event: who, kind, place ("Trump: Visit to Tokyo") */
        return g_strdup_printf (_("%s: %s in %s"), who, dm_event_kind_get_label (self->kind),
                                dm_place_get_name (self->place));
      return g_strdup_printf (_("%s in %s"), dm_event_kind_get_label (self->kind),
                              dm_place_get_name (self->place));
    }
  return g_strdup (self->id ? self->id : dm_event_kind_get_label (self->kind));
}

void
dm_event_set_status (DmEvent  *self,
                     DmStatus  status)
{
  g_return_if_fail (DM_IS_EVENT (self));
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
dm_event_set_actor (DmEvent *self,
                    DmActor *actor)
{
  g_return_if_fail (DM_IS_EVENT (self));
  g_set_object (&self->actor, actor);
}

void
dm_event_add_participant (DmEvent *self,
                          DmActor *actor)
{
  g_return_if_fail (DM_IS_EVENT (self));
  g_return_if_fail (DM_IS_ACTOR (actor));
  g_ptr_array_add (own_array (&self->participants, 8, g_object_unref), g_object_ref (actor));
}

gboolean
dm_event_involves (DmEvent *self,
                   DmActor *actor)
{
  if (self->actor == actor)
    return TRUE;
  for (guint i = 0; i < self->participants->len; i++)
    if (g_ptr_array_index (self->participants, i) == actor)
      return TRUE;
  return FALSE;
}

void
dm_event_set_place (DmEvent *self,
                    DmPlace *place)
{
  g_return_if_fail (DM_IS_EVENT (self));
  g_set_object (&self->place, place);
}

void
dm_event_set_start (DmEvent      *self,
                    const DmTime *start)
{
  self->start = start ? *start : DM_TIME_UNKNOWN;
}

void
dm_event_set_end (DmEvent      *self,
                  const DmTime *end)
{
  self->end = end ? *end : DM_TIME_UNKNOWN;
}

void
dm_event_add_leg (DmEvent *self,
                  DmLeg   *leg)
{
  g_return_if_fail (DM_IS_EVENT (self));
  g_ptr_array_add (own_array (&self->legs, 4, (GDestroyNotify) dm_leg_unref), dm_leg_ref (leg));
}

void
dm_event_clear_legs (DmEvent *self)
{
  g_return_if_fail (DM_IS_EVENT (self));
  g_ptr_array_set_size (self->legs, 0);
}

void
dm_event_clear_participants (DmEvent *self)
{
  g_return_if_fail (DM_IS_EVENT (self));
  g_ptr_array_set_size (self->participants, 0);
}

void
dm_event_set_host (DmEvent    *self,
                   const char *host)
{
  g_free (self->host);
  self->host = g_strdup (host);
}

void
dm_event_set_invited_by (DmEvent            *self,
                         const char * const *invited_by)
{
  g_strfreev (self->invited_by);
  self->invited_by = g_strdupv ((char **) invited_by);
}

void
dm_event_add_source (DmEvent  *self,
                     DmSource *source)
{
  g_ptr_array_add (own_array (&self->sources, 0, (GDestroyNotify) dm_source_unref),
                   dm_source_ref (source));
}

void
dm_event_clear_sources (DmEvent *self)
{
  g_return_if_fail (DM_IS_EVENT (self));
  g_ptr_array_set_size (self->sources, 0);
}

void
dm_event_set_tags (DmEvent            *self,
                   const char * const *tags)
{
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
}

void
dm_event_set_notes (DmEvent    *self,
                    const char *notes)
{
  g_free (self->notes);
  self->notes = g_strdup (notes);
}

void
dm_event_set_origin (DmEvent *self,
                     GFile   *file,
                     guint    line,
                     guint    column)
{
  g_set_object (&self->file, file);
  self->line = line;
  self->column = column;
}

void
dm_event_set_extra (DmEvent    *self,
                    JsonObject *extra)
{
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra ? json_object_ref (extra) : NULL;
}

/* A thread's last flight times, by the coordinates of their ends: a large file's legs go
 * between a few hundred pairs of cities, and each estimate takes five sines, cosines and
 * arc tangents */
#define N_FLIGHTS 2048

typedef struct
{
  double coordinates[4]; /* from's latitude and longitude, to's */
  gint64 seconds;        /* 0: none yet */
} Flight;

static GPrivate recent_flights = G_PRIVATE_INIT (g_free);

/* Rough flight time: great-circle distance at 800 km/h, plus half an hour */
static gint64
estimate_flight (DmLeg *leg)
{
  double c[4], la1, la2, dlat, dlon, a, km;
  Flight *flights = g_private_get (&recent_flights), *flight;
  guint64 bits, hash = 0;

  if (leg->from == NULL || leg->to == NULL)
    return 3600;
  c[0] = dm_place_get_latitude (leg->from);
  c[1] = dm_place_get_longitude (leg->from);
  c[2] = dm_place_get_latitude (leg->to);
  c[3] = dm_place_get_longitude (leg->to);
  for (int i = 0; i < 4; i++)
    {
      memcpy (&bits, &c[i], sizeof bits);
      hash = (hash ^ bits) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
    }
  if (flights == NULL)
    {
      flights = g_new0 (Flight, N_FLIGHTS);
      g_private_set (&recent_flights, flights);
    }
  flight = &flights[(hash >> 32) % N_FLIGHTS];
  /* the same bits, so the same result */
  if (flight->seconds != 0 && memcmp (flight->coordinates, c, sizeof c) == 0)
    return flight->seconds;
  la1 = c[0] * G_PI / 180;
  la2 = c[2] * G_PI / 180;
  dlat = la2 - la1;
  dlon = (c[3] - c[1]) * G_PI / 180;
  a = sin (dlat / 2) * sin (dlat / 2) + cos (la1) * cos (la2) * sin (dlon / 2) * sin (dlon / 2);
  km = 2 * 6371.0 * atan2 (sqrt (a), sqrt (1 - a));
  memcpy (flight->coordinates, c, sizeof c);
  flight->seconds = (gint64) (km / 800.0 * 3600) + 1800;
  return flight->seconds;
}

/* A moment to draw a time at: exact times as they are, a day at its middle */
static gint64
anchor_of (const DmTime *t)
{
  return t->precision >= DM_PRECISION_MINUTE ? t->earliest : dm_time_get_middle (t);
}

/**
 * dm_event_resolve_times:
 *
 * Gives every leg of a trip an effective start and end, for drawing it in time.
 * Legs with their own times use them; a leg with one end known gets a flight time
 * estimated from its length; a leg with neither sits between its neighbours in the
 * trip's order and is marked uncertain.
 */
void
dm_event_resolve_times (DmEvent *self)
{
  const gint64 stay = 24 * 3600;
  guint n = self->legs->len;
  gboolean few[8] = { FALSE };
  g_autofree gboolean *many = n > G_N_ELEMENTS (few) ? g_new0 (gboolean, n) : NULL;
  gboolean *known = many ? many : few;

  g_return_if_fail (DM_IS_EVENT (self));

  for (guint i = 0; i < n; i++)
    {
      DmLeg *leg = g_ptr_array_index (self->legs, i);
      gboolean d = dm_time_is_known (&leg->depart), a = dm_time_is_known (&leg->arrive);

      leg->timed = d && a;
      leg->uncertain = !d && !a;
      if (d)
        leg->start = anchor_of (&leg->depart);
      if (a)
        leg->end = anchor_of (&leg->arrive);
      if (d && !a)
        leg->end = leg->start + estimate_flight (leg);
      else if (a && !d)
        leg->start = leg->end - estimate_flight (leg);
      if ((d || a) && leg->end < leg->start)
        leg->end = leg->start;
      known[i] = d || a;
    }

  /* Legs without times: between the previous leg's end and the next known start */
  for (guint i = 0; i < n; i++)
    {
      guint j;
      gboolean has_prev = i > 0 || dm_time_is_known (&self->start);
      gboolean has_next;
      gint64 lower, upper = 0;

      if (known[i])
        continue;
      for (j = i; j < n && !known[j]; j++)
        ;
      has_next = j < n;
      lower = i > 0 ? ((DmLeg *) g_ptr_array_index (self->legs, i - 1))->end : self->start.earliest;
      if (has_next)
        upper = ((DmLeg *) g_ptr_array_index (self->legs, j))->start;

      for (guint k = i; k < j; k++)
        {
          DmLeg *leg = g_ptr_array_index (self->legs, k);
          gint64 flight = estimate_flight (leg);

          if (has_prev && has_next)
            {
              gint64 slot = (upper - lower) / (j - i);
              leg->start = lower + slot * (k - i) + MAX (slot - flight, 0) / 2;
              leg->end = MIN (leg->start + flight, lower + slot * (k - i + 1));
            }
          else if (has_prev)
            {
              gint64 prev_end = k > 0 ? ((DmLeg *) g_ptr_array_index (self->legs, k - 1))->end : lower;
              leg->start = prev_end + stay;
              leg->end = leg->start + flight;
            }
          else if (has_next)
            {
              leg->end = upper - stay * (j - k - 1) - stay;
              leg->start = leg->end - flight;
            }
          else
            {
              leg->start = leg->end = 0;
            }
          leg->uncertain = TRUE;
        }
      i = j - 1 < i ? i : j - 1;
    }
}

/**
 * dm_event_get_drawn_span:
 *
 * dm_event_get_span() widened, for drawing, over the drawn range of a vague start or end
 * (dm_time_get_drawn_range(): "~28 October" may be the 27th), so that a visit's ring or bar
 * can fade in from the range's beginning; a trip's start is its first departure, its end its
 * last arrival. Returns: %FALSE when it has no time at all
 */
gboolean
dm_event_get_drawn_span (DmEvent *self,
                         gint64  *start,
                         gint64  *end)
{
  const DmTime *first = &self->start, *last = dm_time_is_known (&self->end) ? &self->end : &self->start;
  gint64 s, e, a, b;

  if (!dm_event_get_span (self, &s, &e))
    return FALSE;
  if (self->kind == DM_EVENT_KIND_TRIP && self->legs->len > 0)
    {
      first = &((DmLeg *) g_ptr_array_index (self->legs, 0))->depart;
      last = &((DmLeg *) g_ptr_array_index (self->legs, self->legs->len - 1))->arrive;
    }
  if (dm_time_get_drawn_range (first, &a, &b))
    s = MIN (s, a);
  if (dm_time_get_drawn_range (last, &a, &b))
    e = MAX (e, b);
  if (start)
    *start = s;
  if (end)
    *end = e;
  return TRUE;
}

/**
 * dm_event_get_span:
 *
 * The time the event covers, UTC seconds (end exclusive).
 * Returns: %FALSE when it has no time at all
 */
gboolean
dm_event_get_span (DmEvent *self,
                   gint64  *start,
                   gint64  *end)
{
  gint64 s = G_MAXINT64, e = G_MININT64;

  if (self->kind == DM_EVENT_KIND_TRIP)
    {
      for (guint i = 0; i < self->legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (self->legs, i);

          if (leg->start == 0 && leg->end == 0 && leg->uncertain)
            continue;
          s = MIN (s, leg->start);
          e = MAX (e, leg->end);
        }
    }
  if (dm_time_is_known (&self->start))
    {
      s = MIN (s, self->start.earliest);
      e = MAX (e, self->start.latest);
    }
  if (dm_time_is_known (&self->end))
    e = MAX (e, self->end.latest);

  if (s > e)
    return FALSE;
  if (start)
    *start = s;
  if (end)
    *end = e;
  return TRUE;
}

/**
 * dm_events_get_extent:
 * @events: (element-type DmEvent): events, such as a snapshot of a document's
 *
 * The time @events cover, UTC seconds (end exclusive): their spans' (dm_event_get_span()),
 * as dm_document_get_extent() gives a document's. Reads nothing but the events, so that a
 * worker thread may be given a snapshot.
 * Returns: %FALSE when no event has a time
 */
gboolean
dm_events_get_extent (GPtrArray *events,
                      gint64    *start,
                      gint64    *end)
{
  gint64 s = G_MAXINT64, e = G_MININT64;

  g_return_val_if_fail (events != NULL, FALSE);

  for (guint i = 0; i < events->len; i++)
    {
      gint64 es, ee;

      if (dm_event_get_span (g_ptr_array_index (events, i), &es, &ee))
        {
          s = MIN (s, es);
          e = MAX (e, ee);
        }
    }
  if (s > e)
    return FALSE;
  if (start)
    *start = s;
  if (end)
    *end = e;
  return TRUE;
}
