/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-leg.h"

G_DEFINE_BOXED_TYPE (DmLeg, dm_leg, dm_leg_ref, dm_leg_unref)

DmLeg *
dm_leg_new (DmPlace *from,
            DmPlace *to)
{
  DmLeg *self = g_atomic_rc_box_new0 (DmLeg);

  self->from = from ? g_object_ref (from) : NULL;
  self->to = to ? g_object_ref (to) : NULL;
  self->depart = DM_TIME_UNKNOWN;
  self->arrive = DM_TIME_UNKNOWN;
  return self;
}

DmLeg *
dm_leg_ref (DmLeg *self)
{
  return g_atomic_rc_box_acquire (self);
}

DmLeg *
dm_leg_copy (DmLeg *self)
{
  DmLeg *copy = dm_leg_new (self->from, self->to);

  copy->depart = self->depart;
  copy->arrive = self->arrive;
  copy->start = self->start;
  copy->end = self->end;
  copy->timed = self->timed;
  copy->uncertain = self->uncertain;
  copy->inferred = self->inferred;
  copy->line = self->line;
  copy->column = self->column;
  copy->extra = self->extra ? json_object_ref (self->extra) : NULL;
  copy->path = self->path ? g_array_ref (self->path) : NULL;
  return copy;
}

static void
clear_leg (gpointer data)
{
  DmLeg *self = data;

  g_clear_object (&self->from);
  g_clear_object (&self->to);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->path, g_array_unref);
}

void
dm_leg_unref (DmLeg *self)
{
  g_atomic_rc_box_release_full (self, clear_leg);
}
