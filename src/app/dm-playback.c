/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-playback"

#include "config.h"

#include <math.h>

#include "dm-playback.h"

/* The clock of the animation: a time in UTC seconds moving at @speed event seconds per
 * real second between @start and @end. It owns no timer: the window calls
 * dm_playback_advance() from its frame clock, so tests can drive it by hand. */

struct _DmPlayback
{
  GObject  parent_instance;
  double   time;
  double   start;
  double   end;
  double   speed;
  guint    playing : 1;
  guint    loop : 1;
};

G_DEFINE_FINAL_TYPE (DmPlayback, dm_playback, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_START,
  PROP_END,
  PROP_SPEED,
  PROP_PLAYING,
  PROP_LOOP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dm_playback_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DmPlayback *self = DM_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_TIME: g_value_set_double (value, self->time); break;
    case PROP_START: g_value_set_double (value, self->start); break;
    case PROP_END: g_value_set_double (value, self->end); break;
    case PROP_SPEED: g_value_set_double (value, self->speed); break;
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_LOOP: g_value_set_boolean (value, self->loop); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_playback_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DmPlayback *self = DM_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_TIME: dm_playback_set_time (self, g_value_get_double (value)); break;
    case PROP_SPEED: dm_playback_set_speed (self, g_value_get_double (value)); break;
    case PROP_PLAYING: dm_playback_set_playing (self, g_value_get_boolean (value)); break;
    case PROP_LOOP: dm_playback_set_loop (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_playback_class_init (DmPlaybackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dm_playback_get_property;
  object_class->set_property = dm_playback_set_property;

  properties[PROP_TIME] =
    g_param_spec_double ("time", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] =
    g_param_spec_double ("start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_double ("end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 1, 1e9, 86400,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dm_playback_init (DmPlayback *self)
{
  self->speed = 86400;
}

DmPlayback *
dm_playback_new (void)
{
  return g_object_new (DM_TYPE_PLAYBACK, NULL);
}

double
dm_playback_get_time (DmPlayback *self)
{
  g_return_val_if_fail (DM_IS_PLAYBACK (self), 0);
  return self->time;
}

void
dm_playback_set_time (DmPlayback *self,
                      double      time)
{
  g_return_if_fail (DM_IS_PLAYBACK (self));

  if (self->end > self->start)
    time = CLAMP (time, self->start, self->end);
  if (time == self->time)
    return;
  self->time = time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

void
dm_playback_set_range (DmPlayback *self,
                       double      start,
                       double      end)
{
  g_return_if_fail (DM_IS_PLAYBACK (self));
  g_return_if_fail (end >= start);

  g_object_freeze_notify (G_OBJECT (self));
  if (start != self->start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
  if (end != self->end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
  dm_playback_set_time (self, self->time);
  g_object_thaw_notify (G_OBJECT (self));
}

double
dm_playback_get_start (DmPlayback *self)
{
  g_return_val_if_fail (DM_IS_PLAYBACK (self), 0);
  return self->start;
}

double
dm_playback_get_end (DmPlayback *self)
{
  g_return_val_if_fail (DM_IS_PLAYBACK (self), 0);
  return self->end;
}

double
dm_playback_get_speed (DmPlayback *self)
{
  g_return_val_if_fail (DM_IS_PLAYBACK (self), 0);
  return self->speed;
}

void
dm_playback_set_speed (DmPlayback *self,
                       double      speed)
{
  g_return_if_fail (DM_IS_PLAYBACK (self));
  g_return_if_fail (speed > 0);

  if (speed == self->speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

gboolean
dm_playback_get_playing (DmPlayback *self)
{
  g_return_val_if_fail (DM_IS_PLAYBACK (self), FALSE);
  return self->playing;
}

void
dm_playback_set_playing (DmPlayback *self,
                         gboolean    playing)
{
  g_return_if_fail (DM_IS_PLAYBACK (self));

  playing = !!playing;
  if (playing == self->playing)
    return;
  /* Playing from the end starts again from the beginning */
  if (playing && self->end > self->start && self->time >= self->end)
    dm_playback_set_time (self, self->start);
  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
dm_playback_get_loop (DmPlayback *self)
{
  g_return_val_if_fail (DM_IS_PLAYBACK (self), FALSE);
  return self->loop;
}

void
dm_playback_set_loop (DmPlayback *self,
                      gboolean    loop)
{
  g_return_if_fail (DM_IS_PLAYBACK (self));

  loop = !!loop;
  if (loop == self->loop)
    return;
  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

/* Moves the clock by @real_seconds of wall time when playing; stops at the end, or wraps
 * to the start when looping. */
void
dm_playback_advance (DmPlayback *self,
                     double      real_seconds)
{
  double t;

  g_return_if_fail (DM_IS_PLAYBACK (self));

  if (!self->playing || real_seconds <= 0)
    return;
  t = self->time + real_seconds * self->speed;
  if (self->end > self->start && t >= self->end)
    {
      if (self->loop)
        t = self->start + fmod (t - self->start, self->end - self->start);
      else
        {
          dm_playback_set_time (self, self->end);
          dm_playback_set_playing (self, FALSE);
          return;
        }
    }
  dm_playback_set_time (self, t);
}
