/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <math.h>

#include "dm-atomic-file.h"
#include "dm-saver.h"
#include "dm-json-builder.h"
#include "dm-file-info.h"
#include "dm-native-format-private.h"

/* Writing the .diplomap format. Known members come first in a fixed order, then
 * the members this version did not know, in the order the file had them: saving
 * twice gives the same bytes, and a newer version's fields survive. */

static void
add_extra (JsonBuilder *b,
           JsonObject  *extra)
{
  g_autoptr(GList) members = NULL;

  if (extra == NULL)
    return;
  members = json_object_get_members (extra);
  for (GList *l = members; l; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (extra, l->data)));
    }
}

static void
add_time (JsonBuilder  *b,
          const char   *name,
          const DmTime *time,
          DmPlace      *place)
{
  g_autofree char *text = dm_time_to_iso (time, place ? dm_place_get_zone (place) : NULL);
  dm_json_builder_add_string (b, name, text);
}

static double
round6 (double v)
{
  return round (v * 1e6) / 1e6;
}

static void
add_place_fields (JsonBuilder *b,
                  DmPlace     *place)
{
  dm_json_builder_add_string (b, "id", dm_place_get_id (place));
  dm_json_builder_add_string (b, "name", dm_place_get_name (place));
  dm_json_builder_add_string (b, "country", dm_place_get_country (place));
  json_builder_set_member_name (b, "lat");
  json_builder_add_double_value (b, round6 (dm_place_get_latitude (place)));
  json_builder_set_member_name (b, "lon");
  json_builder_add_double_value (b, round6 (dm_place_get_longitude (place)));
  dm_json_builder_add_string (b, "timezone", dm_place_get_timezone (place));
}

static void
add_place_ref (JsonBuilder *b,
               const char  *name,
               DmPlace     *place)
{
  if (place == NULL)
    return;
  json_builder_set_member_name (b, name);
  if (dm_place_get_id (place) != NULL)
    json_builder_add_string_value (b, dm_place_get_id (place));
  else if (dm_place_get_reference (place) != NULL)
    json_builder_add_value (b, json_node_copy (dm_place_get_reference (place)));
  else
    {
      json_builder_begin_object (b);
      add_place_fields (b, place);
      json_builder_end_object (b);
    }
}

static void
add_actor (JsonBuilder *b,
           DmActor     *actor)
{
  json_builder_begin_object (b);
  dm_json_builder_add_string (b, "id", dm_actor_get_id (actor));
  dm_json_builder_add_string (b, "name", dm_actor_get_name (actor));
  dm_json_builder_add_string (b, "role", dm_actor_get_role (actor));
  dm_json_builder_add_string (b, "country", dm_actor_get_country (actor));
  dm_json_builder_add_string (b, "color", dm_actor_get_color (actor));
  add_extra (b, dm_actor_get_extra (actor));
  json_builder_end_object (b);
}

static void
add_source (JsonBuilder *b,
            DmSource    *source)
{
  json_builder_begin_object (b);
  dm_json_builder_add_string (b, "title", source->title);
  dm_json_builder_add_string (b, "publisher", source->publisher);
  dm_json_builder_add_string (b, "date", source->date);
  dm_json_builder_add_string (b, "url", source->url);
  add_extra (b, source->extra);
  json_builder_end_object (b);
}

static void
add_event (JsonBuilder *b,
           DmEvent     *event)
{
  GPtrArray *parts = dm_event_get_participants (event);
  GPtrArray *legs = dm_event_get_legs (event);
  GPtrArray *sources = dm_event_get_sources (event);
  DmActor *actor = dm_event_get_actor (event);
  DmPlace *place = dm_event_get_place (event);

  json_builder_begin_object (b);
  dm_json_builder_add_string (b, "id", dm_event_get_id (event));
  dm_json_builder_add_string (b, "type", dm_event_kind_to_string (dm_event_get_kind (event)));
  dm_json_builder_add_string (b, "title", dm_event_get_title (event));
  if (actor != NULL)
    dm_json_builder_add_string (b, "actor", dm_actor_get_id (actor));
  if (dm_event_get_status (event) != DM_STATUS_UNKNOWN)
    dm_json_builder_add_string (b, "status", dm_status_to_string (dm_event_get_status (event)));
  dm_json_builder_add_string (b, "host", dm_event_get_host (event));
  dm_json_builder_add_strv (b, "invited_by", dm_event_get_invited_by (event), TRUE);
  add_place_ref (b, "place", place);
  add_time (b, "start", dm_event_get_start (event), place);
  add_time (b, "end", dm_event_get_end (event), place);
  if (parts->len > 0)
    {
      json_builder_set_member_name (b, "participants");
      json_builder_begin_array (b);
      for (guint i = 0; i < parts->len; i++)
        json_builder_add_string_value (b, dm_actor_get_id (g_ptr_array_index (parts, i)));
      json_builder_end_array (b);
    }
  if (legs->len > 0)
    {
      json_builder_set_member_name (b, "legs");
      json_builder_begin_array (b);
      for (guint i = 0; i < legs->len; i++)
        {
          DmLeg *leg = g_ptr_array_index (legs, i);

          json_builder_begin_object (b);
          add_place_ref (b, "from", leg->from);
          add_place_ref (b, "to", leg->to);
          add_time (b, "depart", &leg->depart, leg->from);
          add_time (b, "arrive", &leg->arrive, leg->to);
          if (leg->path != NULL && leg->path->len >= 4)
            {
              /* a recorded track's way: [[lon, lat], …] */
              json_builder_set_member_name (b, "path");
              json_builder_begin_array (b);
              for (guint k = 0; k + 1 < leg->path->len; k += 2)
                {
                  json_builder_begin_array (b);
                  json_builder_add_double_value (b, round6 (g_array_index (leg->path, double, k)));
                  json_builder_add_double_value (b, round6 (g_array_index (leg->path, double, k + 1)));
                  json_builder_end_array (b);
                }
              json_builder_end_array (b);
            }
          add_extra (b, leg->extra);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (sources->len > 0)
    {
      json_builder_set_member_name (b, "sources");
      json_builder_begin_array (b);
      for (guint i = 0; i < sources->len; i++)
        add_source (b, g_ptr_array_index (sources, i));
      json_builder_end_array (b);
    }
  dm_json_builder_add_strv (b, "tags", dm_event_get_tags (event), TRUE);
  dm_json_builder_add_string (b, "notes", dm_event_get_notes (event));
  add_extra (b, dm_event_get_extra (event));
  json_builder_end_object (b);
}

/* What the file had in @member that did not load, kept for positions @from to @to */
static void
add_rejected (JsonBuilder *b,
              DmFileInfo  *info,
              const char  *member,
              guint        from,
              guint        to)
{
  for (guint i = 0; info && i < info->rejected->len; i++)
    {
      DmRejected *r = g_ptr_array_index (info->rejected, i);
      if (g_str_equal (r->member, member) && r->index >= from && r->index <= to)
        json_builder_add_value (b, json_node_copy (r->node));
    }
}

static gboolean
event_is_from (DmEvent *event,
               GFile   *origin)
{
  GFile *file = dm_event_get_file (event);
  return origin == NULL || (file != NULL && g_file_equal (file, origin));
}

/* Appends what is written of @out to @file and empties it, when it holds more than
 * @keep bytes; without @file, @out keeps everything */
static gboolean
flush_out (GString       *out,
           DmAtomicFile  *file,
           gsize          keep,
           GError       **error)
{
  gboolean ok;

  if (file == NULL || out->len <= keep)
    return TRUE;
  ok = dm_atomic_file_write (file, out->str, out->len, error);
  g_string_truncate (out, 0);
  return ok;
}

/* Appends @node to the events array at its place: @count nodes are already there */
static void
append_event_node (GString  *out,
                   JsonNode *node,
                   guint    *count)
{
  if (*count > 0)
    g_string_append_c (out, ',');
  dm_json_append_member_name (out, NULL, 2);
  dm_json_append_node (out, node, 2);
  (*count)++;
}

static void
append_rejected_events (GString    *out,
                        DmFileInfo *info,
                        guint       from,
                        guint       to,
                        guint      *count)
{
  for (guint i = 0; info && i < info->rejected->len; i++)
    {
      DmRejected *r = g_ptr_array_index (info->rejected, i);
      if (g_str_equal (r->member, "events") && r->index >= from && r->index <= to)
        append_event_node (out, r->node, count);
    }
}

/* The .diplomap text of @self into @out, given to @file (when not %NULL) a piece at a
 * time. Everything but the events is one small tree; the events array, by far the largest
 * part, is written one event at a time, each event's tree freed once written: memory stays
 * that of the document, not of a tree of it (docs/PERFORMANCE.md). The bytes are those
 * dm_json_builder_to_bytes() writes for the whole tree. */
static gboolean
write_native (DmDocument    *self,
              GFile         *origin,
              GString       *out,
              DmAtomicFile  *file,
              GError       **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  g_autoptr(JsonNode) head = NULL;
  g_autoptr(GList) members = NULL;
  GListModel *events = dm_document_get_events (self);
  GListModel *actors = dm_document_get_actors (self);
  DmFileInfo *info = dm_document_get_file_info (self, origin, FALSE);
  const char *title = info && info->title ? info->title : dm_document_get_title (self);
  guint n = g_list_model_get_n_items (events);
  guint count = 0;
  guint written = 0;

  /* actors and declared places that the events written here use */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *parts = dm_event_get_participants (event);
      GPtrArray *legs = dm_event_get_legs (event);
      DmPlace *p;

      if (!event_is_from (event, origin))
        continue;
      if (dm_event_get_actor (event))
        g_hash_table_add (used, dm_event_get_actor (event));
      for (guint k = 0; k < parts->len; k++)
        g_hash_table_add (used, g_ptr_array_index (parts, k));
      for (guint k = 0; k <= legs->len; k++)
        {
          DmLeg *leg = k < legs->len ? g_ptr_array_index (legs, k) : NULL;
          DmPlace *cand[3] = { leg ? leg->from : NULL, leg ? leg->to : NULL,
                               k == legs->len ? dm_event_get_place (event) : NULL };
          for (guint c = 0; c < 3; c++)
            if ((p = cand[c]) != NULL && dm_place_get_id (p) != NULL && !g_hash_table_contains (used, p))
              {
                g_hash_table_add (used, p);
                g_ptr_array_add (places, p);
              }
        }
    }
  if (info != NULL)
    {
      for (guint i = 0; i < info->actors->len; i++)
        g_hash_table_add (used, g_ptr_array_index (info->actors, i));
      for (guint i = 0; i < info->places->len; i++)
        if (!g_hash_table_contains (used, g_ptr_array_index (info->places, i)))
          {
            g_hash_table_add (used, g_ptr_array_index (info->places, i));
            g_ptr_array_add (places, g_ptr_array_index (info->places, i));
          }
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "diplomap");
  json_builder_add_int_value (b, info && info->version > 0 ? info->version : DM_NATIVE_FORMAT_VERSION);
  dm_json_builder_add_string (b, "title", title);
  add_extra (b, info ? info->extra : NULL);

  json_builder_set_member_name (b, "actors");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (actors, i);
      if (origin == NULL || g_hash_table_contains (used, actor))
        add_actor (b, actor);
    }
  add_rejected (b, info, "actors", 0, G_MAXUINT);
  json_builder_end_array (b);

  if (places->len > 0 || (info && info->rejected->len > 0))
    {
      json_builder_set_member_name (b, "places");
      json_builder_begin_array (b);
      for (guint i = 0; i < places->len; i++)
        {
          DmPlace *place = g_ptr_array_index (places, i);
          json_builder_begin_object (b);
          add_place_fields (b, place);
          add_extra (b, dm_place_get_extra (place));
          json_builder_end_object (b);
        }
      add_rejected (b, info, "places", 0, G_MAXUINT);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  /* the head's members, then "events" : [ … ], the last member */
  head = json_builder_get_root (b);
  members = json_object_get_members (json_node_get_object (head));
  g_string_append_c (out, '{');
  for (GList *l = members; l != NULL; l = l->next)
    {
      dm_json_append_member_name (out, l->data, 1);
      dm_json_append_node (out, json_object_get_member (json_node_get_object (head), l->data), 1);
      g_string_append_c (out, ',');
    }
  dm_json_append_member_name (out, "events", 1);
  g_string_append_c (out, '[');

  /* an event that did not load goes back where it was among those that did */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      g_autoptr(JsonNode) node = NULL;

      if (!event_is_from (event, origin))
        continue;
      append_rejected_events (out, info, written, written, &count);
      json_builder_reset (b);
      add_event (b, event);
      node = json_builder_get_root (b);
      append_event_node (out, node, &count);
      written++;
      if (!flush_out (out, file, 64 * 1024, error))
        return FALSE;
    }
  append_rejected_events (out, info, written, G_MAXUINT, &count);
  if (count > 0)
    dm_json_append_member_name (out, NULL, 1);
  g_string_append (out, "]\n}\n");
  return flush_out (out, file, 0, error);
}

/**
 * dm_native_write:
 * @origin: (nullable): only the events from this file; %NULL for all
 *
 * The document in the .diplomap format, UTF-8 JSON.
 */
GBytes *
dm_native_write (DmDocument *self,
                 GFile      *origin)
{
  GString *out = g_string_new (NULL);

  write_native (self, origin, out, NULL, NULL);
  return g_string_free_to_bytes (out);
}

/**
 * dm_native_write_to:
 * @origin: (nullable): only the events from this file; %NULL for all
 *
 * Writes what dm_native_write() returns to @file a piece at a time, never holding the
 * whole text nor a tree of all the events: how saves and `--convert` write a .diplomap.
 * Returns: %FALSE with @error (a GIO error) when @file could not take it
 */
gboolean
dm_native_write_to (DmDocument    *self,
                    GFile         *origin,
                    DmAtomicFile  *file,
                    GError       **error)
{
  g_autoptr(GString) out = g_string_sized_new (128 * 1024);

  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  return write_native (self, origin, out, file, error);
}

/* The one .diplomap file @document was read from, or NULL: written as its origin, what
 * that file had besides its events (unknown members, entries that did not load, its
 * version) survives a conversion. */
static GFile *
single_native_source (DmDocument *document)
{
  GPtrArray *files = dm_document_get_files (document);
  DmFileInfo *info;

  if (files->len != 1)
    return NULL;
  info = dm_document_get_file_info (document, g_ptr_array_index (files, 0), FALSE);
  return info != NULL && info->version > 0 ? g_ptr_array_index (files, 0) : NULL;
}

/**
 * dm_native_write_document:
 *
 * The .diplomap writer of the table of formats (dm-format.c): every event of @document; when
 * it was read from a single .diplomap file, with what that file had besides its events.
 */
GBytes *
dm_native_write_document (DmDocument *document)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  return dm_native_write (document, single_native_source (document));
}

/**
 * dm_native_write_document_to:
 *
 * What dm_native_write_document() returns, written to @file a piece at a time
 * (dm_native_write_to()): how dm_saver_write() writes a .diplomap.
 */
gboolean
dm_native_write_document_to (DmDocument    *document,
                             DmAtomicFile  *file,
                             GError       **error)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (document), FALSE);
  return dm_native_write_to (document, single_native_source (document), file, error);
}
