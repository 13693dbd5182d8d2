/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DmEventKind:
 * What an event is: a journey in legs, a stay, a multi-party summit, or a meeting.
 */
typedef enum
{
  DM_EVENT_KIND_TRIP,
  DM_EVENT_KIND_VISIT,
  DM_EVENT_KIND_SUMMIT,
  DM_EVENT_KIND_MEETING,
} DmEventKind;

/**
 * DmStatus:
 * How certain an event is. Diplomacy is often announced before it happens.
 */
typedef enum
{
  DM_STATUS_UNKNOWN,
  DM_STATUS_ANNOUNCED,
  DM_STATUS_PLANNED,
  DM_STATUS_CONFIRMED,
  DM_STATUS_COMPLETED,
  DM_STATUS_CANCELLED,
} DmStatus;

/**
 * DmPrecision:
 * How precisely a time is known.
 */
typedef enum
{
  DM_PRECISION_NONE,
  DM_PRECISION_YEAR,
  DM_PRECISION_MONTH,
  DM_PRECISION_PERIOD,
  DM_PRECISION_DAY,
  DM_PRECISION_MINUTE,
  DM_PRECISION_SECOND,
} DmPrecision;

/**
 * DmPlaceLevel:
 * What a place stands for: a city or venue, a point given by coordinates,
 * or a whole country (when the source names no city).
 */
typedef enum
{
  DM_PLACE_LEVEL_CITY,
  DM_PLACE_LEVEL_POINT,
  DM_PLACE_LEVEL_COUNTRY,
} DmPlaceLevel;

const char  *dm_event_kind_to_string   (DmEventKind  kind);
gboolean     dm_event_kind_from_string (const char  *text,
                                        DmEventKind *kind);
const char  *dm_status_to_string       (DmStatus     status);
gboolean     dm_status_from_string     (const char  *text,
                                        DmStatus    *status);
const char  *dm_status_get_label       (DmStatus     status);
const char  *dm_event_kind_get_label   (DmEventKind  kind);

G_END_DECLS
