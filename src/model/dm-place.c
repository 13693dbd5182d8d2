/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "dm-place.h"

struct _DmPlace
{
  GObject       parent_instance;
  char         *id;
  char         *name;
  char         *country;
  char         *timezone;
  double        latitude;
  double        longitude;
  DmPlaceLevel  level;
  char         *note;
  JsonNode     *reference;
  JsonObject   *extra;
  GTimeZone    *zone;
  GMutex        zone_lock;
};

G_DEFINE_FINAL_TYPE (DmPlace, dm_place, G_TYPE_OBJECT)

static void
dm_place_finalize (GObject *object)
{
  DmPlace *self = DM_PLACE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->country);
  g_free (self->timezone);
  g_free (self->note);
  g_clear_pointer (&self->reference, json_node_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_mutex_clear (&self->zone_lock);

  G_OBJECT_CLASS (dm_place_parent_class)->finalize (object);
}

static void
dm_place_class_init (DmPlaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dm_place_finalize;
}

static void
dm_place_init (DmPlace *self)
{
  g_mutex_init (&self->zone_lock);
}

/**
 * dm_place_new:
 * @id: (nullable): the id the file declared it under
 * @timezone: (nullable): an IANA zone id; UTC when %NULL
 */
DmPlace *
dm_place_new (const char *id,
              const char *name,
              const char *country,
              double      latitude,
              double      longitude,
              const char *timezone)
{
  DmPlace *self = g_object_new (DM_TYPE_PLACE, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->country = country ? g_ascii_strup (country, -1) : NULL;
  self->latitude = latitude;
  self->longitude = longitude;
  self->timezone = g_strdup (timezone);
  return self;
}

const char *dm_place_get_id (DmPlace *self) { return self->id; }
const char *dm_place_get_name (DmPlace *self) { return self->name; }
const char *dm_place_get_country (DmPlace *self) { return self->country; }
double dm_place_get_latitude (DmPlace *self) { return self->latitude; }
double dm_place_get_longitude (DmPlace *self) { return self->longitude; }
const char *dm_place_get_timezone (DmPlace *self) { return self->timezone; }
DmPlaceLevel dm_place_get_level (DmPlace *self) { return self->level; }
const char *dm_place_get_note (DmPlace *self) { return self->note; }
JsonNode *dm_place_get_reference (DmPlace *self) { return self->reference; }
JsonObject *dm_place_get_extra (DmPlace *self) { return self->extra; }

void
dm_place_set_level (DmPlace      *self,
                    DmPlaceLevel  level)
{
  g_return_if_fail (DM_IS_PLACE (self));
  self->level = level;
}

void
dm_place_set_note (DmPlace    *self,
                   const char *note)
{
  g_return_if_fail (DM_IS_PLACE (self));
  g_free (self->note);
  self->note = g_strdup (note);
}

/* How the file referred to the place ("Moscow", {"lat":..}), written back on save */
void
dm_place_set_reference (DmPlace  *self,
                        JsonNode *reference)
{
  g_return_if_fail (DM_IS_PLACE (self));
  g_clear_pointer (&self->reference, json_node_unref);
  self->reference = reference ? json_node_copy (reference) : NULL;
}

void
dm_place_set_extra (DmPlace    *self,
                    JsonObject *extra)
{
  g_return_if_fail (DM_IS_PLACE (self));
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra ? json_object_ref (extra) : NULL;
}

/**
 * dm_place_get_zone:
 *
 * Returns: (transfer none): the place's time zone (UTC when it has none). Thread-safe.
 */
GTimeZone *
dm_place_get_zone (DmPlace *self)
{
  GTimeZone *zone;

  g_return_val_if_fail (DM_IS_PLACE (self), NULL);

  g_mutex_lock (&self->zone_lock);
  if (self->zone == NULL)
    {
      if (self->timezone != NULL)
        self->zone = g_time_zone_new_identifier (self->timezone);
      if (self->zone == NULL)
        self->zone = g_time_zone_new_utc ();
    }
  zone = self->zone;
  g_mutex_unlock (&self->zone_lock);
  return zone;
}

/* The same place: same name and country, or within about a kilometre */
gboolean
dm_place_equal (DmPlace *a,
                DmPlace *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->country, b->country) == 0)
    return TRUE;
  return fabs (a->latitude - b->latitude) < 0.01 && fabs (a->longitude - b->longitude) < 0.01;
}

/* "Moscow (RU)" or "Russia (country)" */
char *
dm_place_dup_label (DmPlace *self)
{
  if (self->level == DM_PLACE_LEVEL_COUNTRY)
    /* Translators: a stop known only by its country, %s is the country */
    return g_strdup_printf (_("%s (country)"), self->name);
  if (self->country != NULL)
    return g_strdup_printf ("%s, %s", self->name, self->country);
  return g_strdup (self->name ? self->name : _("Unnamed place"));
}
