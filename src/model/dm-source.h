/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DM_TYPE_SOURCE (dm_source_get_type ())

/**
 * DmSource:
 * A citation: where an event was reported. Reference counted; fields are read-only
 * once the source is shared.
 */
typedef struct
{
  char       *title;
  char       *publisher;
  char       *date;
  char       *url;
  JsonObject *extra;
} DmSource;

GType     dm_source_get_type (void) G_GNUC_CONST;
DmSource *dm_source_new      (void);
DmSource *dm_source_ref      (DmSource *self);
void      dm_source_unref    (DmSource *self);
char     *dm_source_format   (DmSource *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmSource, dm_source_unref)

G_END_DECLS
