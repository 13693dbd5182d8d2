/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-source.h"

G_DEFINE_BOXED_TYPE (DmSource, dm_source, dm_source_ref, dm_source_unref)

DmSource *
dm_source_new (void)
{
  return g_atomic_rc_box_new0 (DmSource);
}

DmSource *
dm_source_ref (DmSource *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
clear_source (gpointer data)
{
  DmSource *self = data;

  g_free (self->title);
  g_free (self->publisher);
  g_free (self->date);
  g_free (self->url);
  g_clear_pointer (&self->extra, json_object_unref);
}

void
dm_source_unref (DmSource *self)
{
  g_atomic_rc_box_release_full (self, clear_source);
}

/* "Reuters, “Title”, 2025-10-23" */
char *
dm_source_format (DmSource *self)
{
  GString *s = g_string_new (NULL);

  if (self->publisher)
    g_string_append (s, self->publisher);
  if (self->title)
    g_string_append_printf (s, "%s“%s”", s->len ? ", " : "", self->title);
  if (self->date)
    g_string_append_printf (s, "%s%s", s->len ? ", " : "", self->date);
  if (s->len == 0 && self->url)
    g_string_append (s, self->url);
  return g_string_free (s, FALSE);
}
