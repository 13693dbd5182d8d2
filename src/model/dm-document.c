/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-actor-colors.h"
#include "dm-document.h"
#include "dm-document-store.h"
#include "dm-file-info.h"
#include "dm-error.h"
#include "dm-whereabouts.h"

struct _DmDocument
{
  GObject     parent_instance;
  DmDocumentStore *events;   /* arrays, not GListStores: dm-document-store.c */
  DmDocumentStore *actors;
  DmDocumentStore *places;
  DmDocumentStore *problems;
  GPtrArray  *files;        /* GFile */
  GHashTable *actor_by_id;  /* id -> DmActor (borrowed from actors) */
  GHashTable *file_info;    /* GFile -> DmFileInfo */
  GHashTable *actor_colors; /* DmActor -> colour slot, group, shade (dm-actor-colors.h); NULL: not yet */
  gboolean    is_view;      /* its actor colours are its source's (dm_document_show_events) */
  GPtrArray  *undated;      /* a view's: its source's places that no event uses */
  char       *title;
};

G_DEFINE_FINAL_TYPE (DmDocument, dm_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
file_info_free (gpointer data)
{
  DmFileInfo *info = data;

  g_clear_pointer (&info->extra, json_object_unref);
  g_clear_pointer (&info->rejected, g_ptr_array_unref);
  g_clear_pointer (&info->actors, g_ptr_array_unref);
  g_clear_pointer (&info->places, g_ptr_array_unref);
  g_free (info->title);
  g_free (info);
}

static void
rejected_free (gpointer data)
{
  DmRejected *r = data;

  g_free (r->member);
  json_node_unref (r->node);
  g_free (r);
}

static void
dm_document_finalize (GObject *object)
{
  DmDocument *self = DM_DOCUMENT (object);

  g_clear_object (&self->events);
  g_clear_object (&self->actors);
  g_clear_object (&self->places);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->actor_by_id, g_hash_table_unref);
  g_clear_pointer (&self->file_info, g_hash_table_unref);
  g_clear_pointer (&self->actor_colors, g_hash_table_unref);
  g_clear_pointer (&self->undated, g_ptr_array_unref);
  g_free (self->title);

  G_OBJECT_CLASS (dm_document_parent_class)->finalize (object);
}

static void
dm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DmDocument *self = DM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DmDocument *self = DM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dm_document_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_document_class_init (DmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dm_document_finalize;
  object_class->get_property = dm_document_get_property;
  object_class->set_property = dm_document_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* A source document's actor colours follow its events and actors; a view keeps its source's */
static void
contents_changed_cb (DmDocument *self)
{
  if (!self->is_view)
    g_clear_pointer (&self->actor_colors, g_hash_table_unref);
}

static void
dm_document_init (DmDocument *self)
{
  self->events = dm_document_store_new (DM_TYPE_EVENT);
  self->actors = dm_document_store_new (DM_TYPE_ACTOR);
  self->places = dm_document_store_new (DM_TYPE_PLACE);
  self->problems = dm_document_store_new (DM_TYPE_PROBLEM);
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->actor_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->file_info = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                           g_object_unref, file_info_free);
  g_signal_connect_swapped (self->events, "items-changed", G_CALLBACK (contents_changed_cb), self);
  g_signal_connect_swapped (self->actors, "items-changed", G_CALLBACK (contents_changed_cb), self);
}

DmDocument *
dm_document_new (void)
{
  return g_object_new (DM_TYPE_DOCUMENT, NULL);
}

GListModel *dm_document_get_events (DmDocument *self) { return G_LIST_MODEL (self->events); }
GListModel *dm_document_get_actors (DmDocument *self) { return G_LIST_MODEL (self->actors); }
GListModel *dm_document_get_places (DmDocument *self) { return G_LIST_MODEL (self->places); }
GListModel *dm_document_get_problems (DmDocument *self) { return G_LIST_MODEL (self->problems); }
GPtrArray *dm_document_get_files (DmDocument *self) { return self->files; }
const char *dm_document_get_title (DmDocument *self) { return self->title; }

void
dm_document_set_title (DmDocument *self,
                       const char *title)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * dm_document_get_extent:
 *
 * The time all events cover as drawn, UTC seconds (end exclusive): the legs' effective
 * times, estimated flight times included. For what the files say, see
 * dm_document_dup_dates().
 * Returns: %FALSE when no event has a time
 */
gboolean
dm_document_get_extent (DmDocument *self,
                        gint64     *start,
                        gint64     *end)
{
  return dm_events_get_extent (dm_document_store_peek_array (self->events), start, end);
}

/* Keeps @time (at @place) in @first if it starts earlier, in @last if it ends later */
static void
consider_time (const DmTime  *time,
               DmPlace       *place,
               const DmTime **first,
               DmPlace      **first_place,
               const DmTime **last,
               DmPlace      **last_place)
{
  if (!dm_time_is_known (time))
    return;
  if (*first == NULL || time->earliest < (*first)->earliest)
    {
      *first = time;
      *first_place = place;
    }
  if (*last == NULL || time->latest > (*last)->latest)
    {
      *last = time;
      *last_place = place;
    }
}

/**
 * dm_document_dup_dates:
 * @first: (out): the time that starts earliest, as the file would write it
 * @last: (out): the time that ends latest
 *
 * The first and last times the events give themselves, estimates left out, each with
 * the precision it has, local at its place: "2025-10-26" for a day, never the instant
 * an estimated flight time would make of it.
 * Returns: %FALSE when no event gives a time
 */
gboolean
dm_document_dup_dates (DmDocument  *self,
                       char       **first,
                       char       **last)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  const DmTime *a = NULL, *b = NULL;
  DmPlace *a_place = NULL, *b_place = NULL;
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (G_LIST_MODEL (self->events), i);
      GPtrArray *legs = dm_event_get_legs (event);
      DmPlace *place = dm_event_get_place (event);

      consider_time (dm_event_get_start (event), place, &a, &a_place, &b, &b_place);
      consider_time (dm_event_get_end (event), place, &a, &a_place, &b, &b_place);
      for (guint k = 0; k < legs->len; k++)
        {
          DmLeg *leg = g_ptr_array_index (legs, k);
          consider_time (&leg->depart, leg->from, &a, &a_place, &b, &b_place);
          consider_time (&leg->arrive, leg->to, &a, &a_place, &b, &b_place);
        }
    }
  if (a == NULL)
    return FALSE;
  a_text = dm_time_to_iso (a, a_place ? dm_place_get_zone (a_place) : NULL);
  b_text = dm_time_to_iso (b, b_place ? dm_place_get_zone (b_place) : NULL);
  if (a_text == NULL || b_text == NULL)
    return FALSE;
  *first = g_steal_pointer (&a_text);
  *last = g_steal_pointer (&b_text);
  return TRUE;
}

guint
dm_document_get_n_legs (DmDocument *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events)), legs = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (G_LIST_MODEL (self->events), i);
      legs += dm_event_get_legs (event)->len;
    }
  return legs;
}

void
dm_document_add_event (DmDocument *self,
                       DmEvent    *event)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  g_return_if_fail (DM_IS_EVENT (event));
  dm_event_resolve_times (event);
  dm_document_store_append (self->events, event);
}

void
dm_document_add_events (DmDocument  *self,
                        DmEvent    **events,
                        guint        n)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  for (guint i = 0; i < n; i++)
    {
      g_return_if_fail (DM_IS_EVENT (events[i]));
      dm_event_resolve_times (events[i]);
    }
  dm_document_store_splice (self->events, dm_document_store_get_length (self->events), 0,
                            (gpointer *) events, n);
}

void
dm_document_insert_event (DmDocument *self,
                          guint       position,
                          DmEvent    *event)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  g_return_if_fail (DM_IS_EVENT (event));
  dm_event_resolve_times (event);
  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->events)));
  dm_document_store_insert (self->events, position, event);
}

gboolean
dm_document_find_event (DmDocument *self,
                        DmEvent    *event,
                        guint      *position)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  return dm_document_store_find (self->events, event, position);
}

gboolean
dm_document_remove_event (DmDocument *self,
                          DmEvent    *event)
{
  guint position;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  if (!dm_document_store_find (self->events, event, &position))
    return FALSE;
  dm_document_store_remove (self->events, position);
  return TRUE;
}

/* One items-changed (1 removed, 1 added at the same place), so views update once */
gboolean
dm_document_replace_event (DmDocument *self,
                           DmEvent    *old_event,
                           DmEvent    *new_event)
{
  guint position;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (DM_IS_EVENT (new_event), FALSE);
  if (!dm_document_store_find (self->events, old_event, &position))
    return FALSE;
  dm_event_resolve_times (new_event);
  dm_document_store_splice (self->events, position, 1, (gpointer *) &new_event, 1);
  return TRUE;
}

DmEvent *
dm_document_lookup_event (DmDocument *self,
                          const char *id)
{
  guint n;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), NULL);
  if (id == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  for (guint i = 0; i < n; i++)
    {
      DmEvent *event = g_list_model_get_item (G_LIST_MODEL (self->events), i);

      g_object_unref (event); /* the store keeps it */
      if (g_strcmp0 (dm_event_get_id (event), id) == 0)
        return event;
    }
  return NULL;
}

char *
dm_document_dup_unused_event_id (DmDocument *self,
                                 const char *base)
{
  char *id = g_strdup (base);

  g_return_val_if_fail (DM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (base != NULL, NULL);
  for (guint k = 2; dm_document_lookup_event (self, id) != NULL; k++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, k);
    }
  return id;
}

/* Replaces the contents of @store with @n items */
static void
splice_all (DmDocumentStore *store,
            gpointer        *items,
            guint            n)
{
  dm_document_store_splice (store, 0, dm_document_store_get_length (store), items, n);
}

static void
copy_store (DmDocumentStore *to,
            GListModel      *from)
{
  guint n = g_list_model_get_n_items (from);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (from, i));
  splice_all (to, items->pdata, items->len);
}

static GHashTable *
ensure_actor_colors (DmDocument *self)
{
  if (self->actor_colors == NULL)
    self->actor_colors = dm_actor_colors_assign (G_LIST_MODEL (self->actors),
                                                 G_LIST_MODEL (self->events));
  return self->actor_colors;
}

/**
 * dm_document_show_events:
 *
 * Makes @self a view of @source holding only @events (DmEvent of @source): the same
 * title, actors and places, shared, not copied; the events are not resolved again.
 * The events change in one step: whoever watches them (a route set) rebuilds once. When
 * @events is a document's own list (nothing filtered), its array is shared, not copied:
 * no event is read, whatever their number (copy on write, dm-document-store.c).
 * The view's actor colours are @source's, as they are now (show the events again when
 * @source changes): an actor has the same colour in every view, whatever it shows.
 */
void
dm_document_show_events (DmDocument *self,
                         DmDocument *source,
                         GListModel *events)
{
  guint n;
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (DM_IS_DOCUMENT (self));
  g_return_if_fail (DM_IS_DOCUMENT (source));
  g_return_if_fail (G_IS_LIST_MODEL (events));

  /* first, so that the changes below keep them; shared, never changed: a table is replaced
   * when its document changes, so a snapshot's thread may read it */
  if (self != source)
    {
      self->is_view = TRUE;
      g_clear_pointer (&self->actor_colors, g_hash_table_unref);
      self->actor_colors = g_hash_table_ref (ensure_actor_colors (source));
      g_clear_pointer (&self->undated, g_ptr_array_unref);
      self->undated = dm_document_dup_undated_places (source);
    }
  dm_document_set_title (self, source->title);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->actors)) !=
      g_list_model_get_n_items (G_LIST_MODEL (source->actors)))
    {
      copy_store (self->actors, G_LIST_MODEL (source->actors));
      g_hash_table_remove_all (self->actor_by_id);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->actors)); i++)
        {
          g_autoptr(DmActor) actor = g_list_model_get_item (G_LIST_MODEL (self->actors), i);
          g_hash_table_insert (self->actor_by_id, (gpointer) dm_actor_get_id (actor), actor);
        }
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->places)) !=
      g_list_model_get_n_items (G_LIST_MODEL (source->places)))
    copy_store (self->places, G_LIST_MODEL (source->places));
  for (guint i = 0; i < source->files->len; i++)
    dm_document_add_file (self, g_ptr_array_index (source->files, i));

  /* a document's events (nothing filtered): its array, shared */
  if (DM_IS_DOCUMENT_STORE (events) && g_list_model_get_item_type (events) == DM_TYPE_EVENT)
    {
      items = dm_document_store_dup_array (DM_DOCUMENT_STORE (events));
      dm_document_store_set_array (self->events, items);
      return;
    }
  n = g_list_model_get_n_items (events);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (items, g_list_model_get_item (events, i));
      g_return_if_fail (DM_IS_EVENT (items->pdata[i]));
    }
  dm_document_store_set_array (self->events, items);
}

/**
 * dm_document_get_actor_color_index:
 *
 * The colour slot of @actor, the same in this document and in every view of its source:
 * slots go to the actors of all the source's events in the order of its actors, skipping
 * actors that have a colour of their own (docs/MODEL.md, "Actor colours"). The renderer
 * colours slot i with its palette's colour i.
 *
 * Returns: the slot, or -1 when @actor is %NULL, has its own colour or is in no event
 */
int
dm_document_get_actor_color_index (DmDocument *self,
                                   DmActor    *actor)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (self), -1);
  if (actor == NULL)
    return -1;
  return dm_actor_colors_lookup (ensure_actor_colors (self), actor);
}

/**
 * dm_document_get_actor_rgb:
 * @rgb: (out): @actor's palette colour as 0xRRGGBB: its slot's, or, past
 *   %DM_ACTOR_GROUP_ABOVE actors, a shade of its group's hue (dm-actor-colors.c); owned
 *   like the slots, so the same in every view of the source
 * Returns: %FALSE when @actor is %NULL, has its own colour or is in no event
 */
gboolean
dm_document_get_actor_rgb (DmDocument *self,
                           DmActor    *actor,
                           guint32    *rgb)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (rgb != NULL, FALSE);
  if (actor == NULL)
    return FALSE;
  return dm_actor_colors_lookup_rgb (ensure_actor_colors (self), actor, rgb);
}

/**
 * dm_document_assign_actor_colors:
 *
 * Works out the actors' colour slots, groups and shades now rather than at the first
 * question. A file's loading thread does it for the document it read: merged into an
 * empty document, the table comes with the events (dm_document_merge()), so the main
 * thread does not walk 100,000 events for it. Not for a document others use meanwhile.
 */
void
dm_document_assign_actor_colors (DmDocument *self)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  ensure_actor_colors (self);
}

/* Whether the colours are worked out (until the events or actors change) */
gboolean
dm_document_has_actor_colors (DmDocument *self)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  return self->actor_colors != NULL;
}

/**
 * dm_document_get_actor_group:
 * @group: (out) (optional): @actor's group: actors are grouped by role when they have more
 *   than one, else by country; groups are numbered in the source's order of actors
 * @n_groups: (out) (optional): how many groups the source's actors make
 * @name: (out) (optional) (transfer none): the group's role or country, "" for none
 * @grouped: (out) (optional): whether the actors are coloured by group (more than
 *   %DM_ACTOR_GROUP_ABOVE of them)
 * Returns: %FALSE when @actor is %NULL, has its own colour or is in no event
 */
gboolean
dm_document_get_actor_group (DmDocument  *self,
                             DmActor     *actor,
                             guint       *group,
                             guint       *n_groups,
                             const char **name,
                             gboolean    *grouped)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  if (actor == NULL)
    return FALSE;
  return dm_actor_colors_lookup_group (ensure_actor_colors (self), actor, group, n_groups,
                                       name, grouped);
}

/**
 * dm_document_new_filtered:
 * A new document with only @events of @source (see dm_document_show_events()).
 */
DmDocument *
dm_document_new_filtered (DmDocument *source,
                          GListModel *events)
{
  DmDocument *self = dm_document_new ();

  dm_document_show_events (self, source, events);
  return self;
}

static char *
place_key (DmPlace *place)
{
  return g_strdup_printf ("%s|%.4f|%.4f", dm_place_get_name (place) ? dm_place_get_name (place) : "",
                          dm_place_get_latitude (place), dm_place_get_longitude (place));
}

static void
add_used (GHashTable *used,
          GHashTable *unused,
          DmPlace    *place)
{
  if (place != NULL && g_hash_table_add (used, place))
    g_hash_table_remove (unused, place);
}

/**
 * dm_document_dup_undated_places:
 * The places of @self that no event uses (for a view, of its source when it was last
 * shown): places a file gave without a time (GPX waypoints, a KML of sites, rows without
 * a date), drawn as places with no date. Each name and position once.
 * Returns: (transfer container) (element-type DmPlace)
 */
GPtrArray *
dm_document_dup_undated_places (DmDocument *self)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) unused = g_hash_table_new (NULL, NULL);   /* places not met yet */
  g_autoptr(GHashTable) used_keys = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *events = G_LIST_MODEL (self->events);
  GListModel *places = G_LIST_MODEL (self->places);
  GPtrArray *undated = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_places;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), undated);

  if (self->is_view)
    {
      for (guint i = 0; self->undated != NULL && i < self->undated->len; i++)
        g_ptr_array_add (undated, g_object_ref (g_ptr_array_index (self->undated, i)));
      return undated;
    }
  /* The walk ends once every place is used: a big record uses its few places in its first
   * events (100,000 generated events: 30 capitals; the whole walk was 100 ms a call) */
  n_places = g_list_model_get_n_items (places);
  for (guint i = 0; i < n_places; i++)
    {
      g_autoptr(DmPlace) place = g_list_model_get_item (places, i);
      g_hash_table_add (unused, place);
    }
  for (guint i = 0; i < g_list_model_get_n_items (events) && g_hash_table_size (unused) > 0; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (event);

      add_used (used, unused, dm_event_get_place (event));
      for (guint j = 0; j < legs->len; j++)
        {
          DmLeg *leg = g_ptr_array_index (legs, j);
          add_used (used, unused, leg->from);
          add_used (used, unused, leg->to);
        }
    }
  if (g_hash_table_size (unused) == 0)
    return undated;
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DmPlace) place = g_list_model_get_item (places, i);
      char *key;

      if (g_hash_table_contains (used, place))
        continue;
      /* the same place as another object (a reader that made it twice) is used too */
      if (used_keys == NULL)
        {
          GHashTableIter iter;
          gpointer p;

          used_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_iter_init (&iter, used);
          while (g_hash_table_iter_next (&iter, &p, NULL))
            g_hash_table_add (used_keys, place_key (p));
        }
      key = place_key (place);
      if (g_hash_table_contains (used_keys, key))
        {
          g_free (key);
          continue;
        }
      if (g_hash_table_add (seen, key))   /* @seen owns @key either way */
        g_ptr_array_add (undated, g_object_ref (place));
    }
  return undated;
}

void
dm_document_add_actor (DmDocument *self,
                       DmActor    *actor)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  g_return_if_fail (DM_IS_ACTOR (actor));
  if (g_hash_table_contains (self->actor_by_id, dm_actor_get_id (actor)))
    return;
  dm_document_store_append (self->actors, actor);
  g_hash_table_insert (self->actor_by_id, (gpointer) dm_actor_get_id (actor), actor);
}

DmActor *
dm_document_lookup_actor (DmDocument *self,
                          const char *id)
{
  g_return_val_if_fail (DM_IS_DOCUMENT (self), NULL);
  return id ? g_hash_table_lookup (self->actor_by_id, id) : NULL;
}

void
dm_document_add_place (DmDocument *self,
                       DmPlace    *place)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  dm_document_store_append (self->places, place);
}

void
dm_document_add_problem (DmDocument *self,
                         DmProblem  *problem)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  dm_document_store_append (self->problems, problem);
}

void
dm_document_add_problems (DmDocument  *self,
                          DmProblem  **problems,
                          guint        n)
{
  g_return_if_fail (DM_IS_DOCUMENT (self));
  dm_document_store_splice (self->problems, dm_document_store_get_length (self->problems), 0,
                            (gpointer *) problems, n);
}

DmFileInfo *
dm_document_get_file_info (DmDocument *self,
                           GFile      *file,
                           gboolean    create)
{
  DmFileInfo *info;

  if (file == NULL)
    return NULL;
  info = g_hash_table_lookup (self->file_info, file);
  if (info == NULL && create)
    {
      info = g_new0 (DmFileInfo, 1);
      info->rejected = g_ptr_array_new_with_free_func (rejected_free);
      info->actors = g_ptr_array_new_with_free_func (g_object_unref);
      info->places = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->file_info, g_object_ref (file), info);
    }
  return info;
}

/* The title @file gave itself (a .diplomap file's "title"), or NULL */
const char *
dm_document_get_file_title (DmDocument *self,
                            GFile      *file)
{
  DmFileInfo *info;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), NULL);
  info = dm_document_get_file_info (self, file, FALSE);
  return info ? info->title : NULL;
}

void
dm_document_add_file (DmDocument *self,
                      GFile      *file)
{
  g_return_if_fail (G_IS_FILE (file));
  for (guint i = 0; i < self->files->len; i++)
    if (g_file_equal (g_ptr_array_index (self->files, i), file))
      return;
  g_ptr_array_add (self->files, g_object_ref (file));
  dm_document_get_file_info (self, file, TRUE);
}

void
dm_document_keep_rejected (DmDocument *self,
                           GFile      *file,
                           const char *member,
                           JsonNode   *node)
{
  dm_document_keep_rejected_at (self, file, member, node, G_MAXUINT);
}

/* Kept to be written back before the @index-th entry of @member that did load */
void
dm_document_keep_rejected_at (DmDocument *self,
                              GFile      *file,
                              const char *member,
                              JsonNode   *node,
                              guint       index)
{
  DmFileInfo *info = dm_document_get_file_info (self, file, TRUE);
  DmRejected *r = g_new0 (DmRejected, 1);

  r->index = index;
  r->member = g_strdup (member);
  r->node = json_node_copy (node);
  g_ptr_array_add (info->rejected, r);
}

void
dm_document_set_file_extra (DmDocument *self,
                            GFile      *file,
                            JsonObject *extra)
{
  DmFileInfo *info = dm_document_get_file_info (self, file, TRUE);

  g_clear_pointer (&info->extra, json_object_unref);
  info->extra = extra ? json_object_ref (extra) : NULL;
}

static DmActor *
map_actor (GHashTable *map,
           DmActor    *actor)
{
  DmActor *mapped = actor ? g_hash_table_lookup (map, actor) : NULL;
  return mapped ? mapped : actor;
}

/**
 * dm_document_merge:
 *
 * Moves the events, actors, places, problems and files of @other into @self.
 * An actor whose id @self knows already is the same person: @other's events are
 * pointed at @self's actor. When both had events, where each actor must be is worked out
 * across them (dm_whereabouts_apply_across()).
 */
void
dm_document_merge (DmDocument *self,
                   DmDocument *other)
{
  g_autoptr(GHashTable) map = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) new_actors = NULL;
  g_autoptr(GHashTable) colors = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean had_events, merged_events;
  guint n;

  g_return_if_fail (DM_IS_DOCUMENT (self));
  g_return_if_fail (DM_IS_DOCUMENT (other));

  had_events = dm_document_store_get_length (self->events) > 0;
  merged_events = dm_document_store_get_length (other->events) > 0;
  /* into a document of no events nor actors, @other's colours (if worked out, by its
   * loading thread) are this document's after the merge: the same actors in the same
   * order, the same events. Taken first: the changes below let @other's go */
  if (!had_events && dm_document_store_get_length (self->actors) == 0 && !self->is_view &&
      other->actor_colors != NULL)
    colors = g_hash_table_ref (other->actor_colors);

  /* @other's actors this document does not know, added in one splice */
  n = dm_document_store_get_length (other->actors);
  new_actors = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      DmActor *actor = dm_document_store_peek (other->actors, i);
      DmActor *mine = dm_document_lookup_actor (self, dm_actor_get_id (actor));

      if (mine != NULL && mine != actor)
        g_hash_table_insert (map, actor, mine);
      else if (mine == NULL)
        {
          g_ptr_array_add (new_actors, actor);
          g_hash_table_insert (self->actor_by_id, (gpointer) dm_actor_get_id (actor), actor);
        }
    }
  if (new_actors->len > 0)
    dm_document_store_splice (self->actors, dm_document_store_get_length (self->actors), 0,
                              new_actors->pdata, new_actors->len);

  /* the events' actors mapped to this document's (if any are), then the events taken over,
   * one change of each list: into an empty document (a file opened in a new window) the
   * loaded document's array is taken as it is, whatever its size (issue 15) */
  n = dm_document_store_get_length (other->events);
  for (guint i = 0; g_hash_table_size (map) > 0 && i < n; i++)
    {
      DmEvent *event = dm_document_store_peek (other->events, i);
      GPtrArray *parts = dm_event_get_participants (event);

      dm_event_set_actor (event, map_actor (map, dm_event_get_actor (event)));
      for (guint k = 0; k < parts->len; k++)
        {
          DmActor *a = map_actor (map, g_ptr_array_index (parts, k));
          if (a != g_ptr_array_index (parts, k))
            {
              g_object_unref (g_ptr_array_index (parts, k));
              g_ptr_array_index (parts, k) = g_object_ref (a);
            }
        }
    }
  dm_document_store_take_all (self->events, other->events);
  dm_document_store_append_all (self->places, other->places);
  dm_document_store_take_all (self->problems, other->problems);
  for (guint i = 0; i < other->files->len; i++)
    dm_document_add_file (self, g_ptr_array_index (other->files, i));

  g_hash_table_iter_init (&iter, other->file_info);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_replace (self->file_info, g_object_ref (key), value);
      g_hash_table_iter_steal (&iter);
      g_object_unref (key);
    }

  if (self->title == NULL && other->title != NULL)
    dm_document_set_title (self, other->title);
  if (colors != NULL)
    {
      g_clear_pointer (&self->actor_colors, g_hash_table_unref);
      self->actor_colors = g_steal_pointer (&colors);
    }

  /* one actor's events in several files constrain each other */
  if (had_events && merged_events)
    dm_whereabouts_apply_across (self);
}
