/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dm-event.h"
#include "dm-leg.h"
#include "dm-time.h"

G_BEGIN_DECLS

char *dm_time_format_event    (DmEvent  *event);
char *dm_time_format_leg_time (DmLeg    *leg,
                               gboolean  arrive);

G_END_DECLS
