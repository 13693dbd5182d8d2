/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DM_ERROR (dm_error_quark ())

typedef enum
{
  DM_ERROR_FAILED,
  DM_ERROR_NOT_FOUND,
  DM_ERROR_PARSE,
  DM_ERROR_INVALID,
  DM_ERROR_UNSUPPORTED,
  DM_ERROR_WRITE,
} DmError;

GQuark dm_error_quark (void);

G_END_DECLS
