/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/* One event an actor is in (as its actor or a participant), from its own times */
typedef struct
{
  DmEvent *event;
  gint64   start;
  gint64   end;
} DmStay;

/* The stays of every actor of a list of events, each actor's together, by their start
 * (those that start together in the order of the events) */
typedef struct _DmStays DmStays;

DmStays      *dm_stays_collect  (GPtrArray *events);
void          dm_stays_free     (DmStays   *stays);
/* The latest time the events give themselves (legs of known time included), G_MININT64 if
 * none */
gint64        dm_stays_known_end (DmStays  *stays);
/* @actor's stays, @n_stays of them; NULL if none */
const DmStay *dm_stays_lookup   (DmStays   *stays,
                                 DmActor   *actor,
                                 guint     *n_stays);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmStays, dm_stays_free)

G_END_DECLS
