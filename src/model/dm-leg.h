/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dm-place.h"
#include "dm-time.h"

G_BEGIN_DECLS

#define DM_TYPE_LEG (dm_leg_get_type ())

/**
 * DmLeg:
 * @from: where the leg starts
 * @to: where it ends
 * @depart: departure time as given (may be unknown)
 * @arrive: arrival time as given (may be unknown)
 * @start: effective departure, UTC seconds, after dm_event_resolve_times()
 * @end: effective arrival, UTC seconds
 * @timed: both @depart and @arrive were given
 * @uncertain: the effective times are estimates (the leg had no time of its own)
 * @inferred: the leg itself is inferred (the source gave stops, not flights)
 * @line: position of the leg in its file (1-based; 0 when not from a file)
 * @column: position of the leg in its file
 * @extra: members of the file that Diplomap does not know, kept for saving
 *
 * One hop of a trip. Reference counted.
 */
typedef struct
{
  DmPlace    *from;
  DmPlace    *to;
  DmTime      depart;
  DmTime      arrive;
  gint64      start;
  gint64      end;
  guint       timed : 1;
  guint       uncertain : 1;
  guint       inferred : 1;
  guint       line;
  guint       column;
  JsonObject *extra;
  GArray     *path;   /* double: longitude, latitude pairs of the way it went (a recorded
                       * track), from its start to its end; NULL: a great circle */
} DmLeg;

GType  dm_leg_get_type (void) G_GNUC_CONST;
DmLeg *dm_leg_new      (DmPlace *from,
                        DmPlace *to);
DmLeg *dm_leg_ref      (DmLeg   *self);
/* A new leg with the same places, times and unknown members (for an edited copy) */
DmLeg *dm_leg_copy     (DmLeg   *self);
void   dm_leg_unref    (DmLeg   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmLeg, dm_leg_unref)

G_END_DECLS
