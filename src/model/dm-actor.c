/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dm-actor.h"

struct _DmActor
{
  GObject     parent_instance;
  char       *id;
  char       *name;
  char       *role;
  char       *country;
  char       *color;
  JsonObject *extra;
  GArray     *terms;    /* DmTime pairs: start, end */
};

G_DEFINE_FINAL_TYPE (DmActor, dm_actor, G_TYPE_OBJECT)

static void
dm_actor_finalize (GObject *object)
{
  DmActor *self = DM_ACTOR (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->role);
  g_free (self->country);
  g_free (self->color);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->terms, g_array_unref);

  G_OBJECT_CLASS (dm_actor_parent_class)->finalize (object);
}

static void
dm_actor_class_init (DmActorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dm_actor_finalize;
}

static void
dm_actor_init (DmActor *self)
{
}

DmActor *
dm_actor_new (const char *id,
              const char *name)
{
  DmActor *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (DM_TYPE_ACTOR, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : id);
  return self;
}

const char *dm_actor_get_id (DmActor *self) { return self->id; }
const char *dm_actor_get_name (DmActor *self) { return self->name; }
const char *dm_actor_get_role (DmActor *self) { return self->role; }
const char *dm_actor_get_country (DmActor *self) { return self->country; }
const char *dm_actor_get_color (DmActor *self) { return self->color; }
JsonObject *dm_actor_get_extra (DmActor *self) { return self->extra; }

void
dm_actor_set_role (DmActor    *self,
                   const char *role)
{
  g_return_if_fail (DM_IS_ACTOR (self));
  g_free (self->role);
  self->role = g_strdup (role);
}

void
dm_actor_set_country (DmActor    *self,
                      const char *country)
{
  g_return_if_fail (DM_IS_ACTOR (self));
  g_free (self->country);
  self->country = country ? g_ascii_strup (country, -1) : NULL;
}

void
dm_actor_set_color (DmActor    *self,
                    const char *color)
{
  g_return_if_fail (DM_IS_ACTOR (self));
  g_free (self->color);
  self->color = g_strdup (color);
}

void
dm_actor_set_extra (DmActor    *self,
                    JsonObject *extra)
{
  g_return_if_fail (DM_IS_ACTOR (self));
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra ? json_object_ref (extra) : NULL;
}

/* Parses "#rrggbb", "#rgb" or "#rrggbbaa" (the alpha is left to whoever draws); FALSE when
 * the actor has no colour of its own, and then it takes one from the palette (the colour
 * slot of dm_document_get_actor_color_index()) */
gboolean
dm_actor_get_rgb (DmActor *self,
                  double  *red,
                  double  *green,
                  double  *blue)
{
  guint r, g, b;
  const char *c = self->color;

  if (c == NULL || c[0] != '#')
    return FALSE;
  for (const char *p = c + 1; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  if ((strlen (c) == 7 || strlen (c) == 9) && sscanf (c + 1, "%2x%2x%2x", &r, &g, &b) == 3)
    ;
  else if (strlen (c) == 4 && sscanf (c + 1, "%1x%1x%1x", &r, &g, &b) == 3)
    r *= 17, g *= 17, b *= 17;
  else
    return FALSE;
  *red = r / 255.0;
  *green = g / 255.0;
  *blue = b / 255.0;
  return TRUE;
}

/**
 * dm_actor_add_term:
 * @end: %DM_TIME_UNKNOWN (or %NULL) while still in office
 *
 * Adds a term in office, such as a president's; terms are kept in the order added.
 */
void
dm_actor_add_term (DmActor      *self,
                   const DmTime *start,
                   const DmTime *end)
{
  DmTime pair[2];

  g_return_if_fail (DM_IS_ACTOR (self));
  g_return_if_fail (start != NULL);

  if (self->terms == NULL)
    self->terms = g_array_new (FALSE, FALSE, sizeof (DmTime));
  pair[0] = *start;
  pair[1] = end ? *end : DM_TIME_UNKNOWN;
  g_array_append_vals (self->terms, pair, 2);
}

guint
dm_actor_get_n_terms (DmActor *self)
{
  g_return_val_if_fail (DM_IS_ACTOR (self), 0);
  return self->terms ? self->terms->len / 2 : 0;
}

gboolean
dm_actor_get_term (DmActor *self,
                   guint    position,
                   DmTime  *start,
                   DmTime  *end)
{
  g_return_val_if_fail (DM_IS_ACTOR (self), FALSE);
  if (position >= dm_actor_get_n_terms (self))
    return FALSE;
  if (start)
    *start = g_array_index (self->terms, DmTime, 2 * position);
  if (end)
    *end = g_array_index (self->terms, DmTime, 2 * position + 1);
  return TRUE;
}
