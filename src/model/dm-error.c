/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-error.h"
#include "dm-i18n.h"
#include "dm-types.h"

typedef struct
{
  GFile *file;
  guint  line;
  guint  column;
} DmErrorPrivate;

static void
dm_error_private_init (DmErrorPrivate *priv)
{
  priv->file = NULL;
  priv->line = priv->column = 0;
}

static void
dm_error_private_copy (const DmErrorPrivate *src,
                       DmErrorPrivate       *dest)
{
  dest->file = src->file ? g_object_ref (src->file) : NULL;
  dest->line = src->line;
  dest->column = src->column;
}

static void
dm_error_private_clear (DmErrorPrivate *priv)
{
  g_clear_object (&priv->file);
}

G_DEFINE_EXTENDED_ERROR (DmError, dm_error)

void
dm_error_set_at (GError     **error,
                 GFile       *file,
                 guint        line,
                 guint        column,
                 DmError      code,
                 const char  *format,
                 ...)
{
  DmErrorPrivate *priv;
  GError *new_error;
  va_list args;

  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (error == NULL)
    return;
  va_start (args, format);
  new_error = g_error_new_valist (DM_ERROR, code, format, args);
  va_end (args);
  priv = dm_error_get_private (new_error);
  priv->file = file ? g_object_ref (file) : NULL;
  priv->line = line;
  priv->column = line > 0 ? column : 0;
  g_propagate_error (error, new_error);
}

static const DmErrorPrivate *
get_position (const GError *error)
{
  if (error == NULL || error->domain != DM_ERROR)
    return NULL;
  return dm_error_get_private (error);
}

GFile *
dm_error_get_file (const GError *error)
{
  const DmErrorPrivate *priv = get_position (error);

  return priv ? priv->file : NULL;
}

guint
dm_error_get_line (const GError *error)
{
  const DmErrorPrivate *priv = get_position (error);

  return priv ? priv->line : 0;
}

guint
dm_error_get_column (const GError *error)
{
  const DmErrorPrivate *priv = get_position (error);

  return priv ? priv->column : 0;
}

char *
dm_error_to_string (const GError *error)
{
  const DmErrorPrivate *priv;
  g_autofree char *name = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  priv = get_position (error);
  if (priv == NULL || priv->file == NULL)
    return g_strdup (error->message);
  name = g_file_get_parse_name (priv->file);
  if (priv->line > 0)
    return g_strdup_printf ("%s:%u:%u: %s", name, priv->line, priv->column, error->message);
  return g_strdup_printf ("%s: %s", name, error->message);
}

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

/* The labels of statuses and kinds are in the thread's language (dm-i18n.c): a figure's
 * legend in English from a French window */
const char *
dm_status_get_label (DmStatus status)
{
  switch (status)
    {
    case DM_STATUS_ANNOUNCED: return dm_i18n_gettext (N_("Announced"));
    case DM_STATUS_PLANNED:   return dm_i18n_gettext (N_("Planned"));
    case DM_STATUS_CONFIRMED: return dm_i18n_gettext (N_("Confirmed"));
    case DM_STATUS_COMPLETED: return dm_i18n_gettext (N_("Completed"));
    case DM_STATUS_CANCELLED: return dm_i18n_gettext (N_("Cancelled"));
    case DM_STATUS_UNKNOWN:
    default:                  return dm_i18n_gettext (N_("Status unknown"));
    }
}

const char *
dm_event_kind_get_label (DmEventKind kind)
{
  switch (kind)
    {
    case DM_EVENT_KIND_TRIP:    return dm_i18n_gettext (N_("Trip"));
    case DM_EVENT_KIND_VISIT:   return dm_i18n_gettext (N_("Visit"));
    case DM_EVENT_KIND_SUMMIT:  return dm_i18n_gettext (N_("Summit"));
    case DM_EVENT_KIND_MEETING: return dm_i18n_gettext (N_("Meeting"));
    default:                    g_return_val_if_reached (NULL);
    }
}
