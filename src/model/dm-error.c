/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-error.h"
#include "dm-types.h"

G_DEFINE_QUARK (dm-error-quark, dm_error)

static const char *kind_names[] = { "trip", "visit", "summit", "meeting" };
static const char *status_names[] = {
  "unknown", "announced", "planned", "confirmed", "completed", "cancelled",
};

const char *
dm_event_kind_to_string (DmEventKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
dm_event_kind_from_string (const char  *text,
                           DmEventKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
dm_status_to_string (DmStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
dm_status_from_string (const char *text,
                       DmStatus   *status)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_ascii_strcasecmp (text, status_names[i]) == 0)
        {
          *status = i;
          return TRUE;
        }
    }
  /* British spelling, common in hand-written files */
  if (text != NULL && g_ascii_strcasecmp (text, "canceled") == 0)
    {
      *status = DM_STATUS_CANCELLED;
      return TRUE;
    }
  return FALSE;
}

const char *
dm_status_get_label (DmStatus status)
{
  switch (status)
    {
    case DM_STATUS_ANNOUNCED: return _("Announced");
    case DM_STATUS_PLANNED:   return _("Planned");
    case DM_STATUS_CONFIRMED: return _("Confirmed");
    case DM_STATUS_COMPLETED: return _("Completed");
    case DM_STATUS_CANCELLED: return _("Cancelled");
    case DM_STATUS_UNKNOWN:
    default:                  return _("Status unknown");
    }
}

const char *
dm_event_kind_get_label (DmEventKind kind)
{
  switch (kind)
    {
    case DM_EVENT_KIND_TRIP:    return _("Trip");
    case DM_EVENT_KIND_VISIT:   return _("Visit");
    case DM_EVENT_KIND_SUMMIT:  return _("Summit");
    case DM_EVENT_KIND_MEETING: return _("Meeting");
    default:                    g_return_val_if_reached (NULL);
    }
}
