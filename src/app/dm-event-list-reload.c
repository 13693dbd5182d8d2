/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-list-private.h"
#include "dm-gazetteer.h"
#include "dm-worker-priority.h"

/* The filters' choices made again from the document: its actors, roles, years and
 * countries. A copy of what they need is taken on the main thread (Choices: the events as an
 * array, their spans read from it later), the choices and their drop-downs' models are made
 * from it (at once, or in a GTask's thread for a big document being opened), then installed
 * on the main thread in one go. */

typedef struct
{
  /* the copy, taken on the main thread (plain data and events, read-only: it may be read and
   * freed in the thread, as the route set's workers read their events) */
  GPtrArray     *actor_names; /* char *, the document's actors' in its order */
  GPtrArray     *actor_roles; /* char *, as actor_names (NULL: none) */
  GPtrArray     *events;      /* DmEvent: the document's (never edited in place: an edit puts
                               * a new event in the old one's place) */
  GPtrArray     *codes;       /* char *: each place's country, in the document's order */
  const char    *all[4];      /* "All actors"... */
  /* what is made from it */
  GArray        *years;       /* int, sorted */
  GPtrArray     *countries;   /* char *, sorted */
  GPtrArray     *roles;       /* char *, sorted */
  GtkStringList *lists[4];    /* actor, country, role and year drop-downs' models */
} Choices;

/* A reload in a thread */
typedef struct
{
  DmEventList         *self;
  DmDocument          *document;
  GPtrArray           *actors;    /* DmActor, as the copy's actor_names */
  DmEventListReloaded  done;
  gpointer             user_data;
  gulong               handlers[3];
  gboolean             changed;   /* the document changed meanwhile */
} Reload;

static void
choices_free (Choices *c)
{
  g_clear_pointer (&c->actor_names, g_ptr_array_unref);
  g_clear_pointer (&c->actor_roles, g_ptr_array_unref);
  g_clear_pointer (&c->events, g_ptr_array_unref);
  g_clear_pointer (&c->codes, g_ptr_array_unref);
  g_clear_pointer (&c->years, g_array_unref);
  g_clear_pointer (&c->countries, g_ptr_array_unref);
  g_clear_pointer (&c->roles, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (c->lists); i++)
    g_clear_object (&c->lists[i]);
  g_free (c);
}

/* The document's events as an array: @given (the route set's snapshot of them, taken as
 * it is), else each event of the document's store with a reference (for 100,000 events,
 * 20-30 ms of the main thread) */
static GPtrArray *
snapshot_events (DmEventList *self,
                 GPtrArray   *given)
{
  GListModel *events = dm_document_get_events (self->document);
  guint n = g_list_model_get_n_items (events);
  GPtrArray *snapshot;

  if (given != NULL && given->len == n)
    return g_ptr_array_ref (given);
  snapshot = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snapshot, g_list_model_get_item (events, i));
  return snapshot;
}

/* @actors: the document's actors are added to it; @events: as dm_event_list_reload_async's */
static Choices *
choices_copy (DmEventList *self,
              GPtrArray   *events,
              GPtrArray   *actors_out)
{
  DmDocument *document = self->document;
  Choices *c = g_new0 (Choices, 1);

  c->actor_names = g_ptr_array_new_with_free_func (g_free);
  c->actor_roles = g_ptr_array_new_with_free_func (g_free);
  c->codes = g_ptr_array_new_with_free_func (g_free);
  c->all[0] = _("All actors");
  c->all[1] = _("All countries");
  c->all[2] = _("All roles");
  c->all[3] = _("All years");
  if (document != NULL)
    {
      GListModel *actors = dm_document_get_actors (document);
      GListModel *places = dm_document_get_places (document);

      for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
        {
          DmActor *actor = g_list_model_get_item (actors, i);

          g_ptr_array_add (actors_out, actor);
          g_ptr_array_add (c->actor_names, g_strdup (dm_actor_get_name (actor)));
          g_ptr_array_add (c->actor_roles, g_strdup (dm_actor_get_role (actor)));
        }
      c->events = snapshot_events (self, events);
      for (guint i = 0; i < g_list_model_get_n_items (places); i++)
        {
          g_autoptr(DmPlace) place = g_list_model_get_item (places, i);

          if (dm_place_get_country (place) != NULL)
            g_ptr_array_add (c->codes, g_strdup (dm_place_get_country (place)));
        }
    }
  return c;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

static GtkStringList *
make_list (const char *all,
           GPtrArray  *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  return list;
}

/* Any thread: reads only @c */
static void
choices_make (Choices *c)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_roles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) year_set = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) year_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) country_names = g_ptr_array_new_with_free_func (g_free);
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  GHashTableIter iter;
  gpointer key;

  c->years = g_array_new (FALSE, FALSE, sizeof (int));
  c->countries = g_ptr_array_new_with_free_func (g_free);
  c->roles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < c->actor_roles->len; i++)
    {
      char *role = g_ptr_array_index (c->actor_roles, i);

      if (role != NULL && *role != '\0' && g_hash_table_add (seen_roles, role))
        g_ptr_array_add (c->roles, g_strdup (role));
    }
  for (guint i = 0; c->events != NULL && i < c->events->len; i++)
    {
      gint64 start, end;

      if (dm_event_get_span (g_ptr_array_index (c->events, i), &start, &end))
        dm_event_list_add_span_years (start, end, year_set);
    }
  for (guint i = 0; i < c->codes->len; i++)
    {
      char *code = g_ptr_array_index (c->codes, i);

      if (g_hash_table_add (seen, code))
        g_ptr_array_add (c->countries, g_strdup (code));
    }
  g_ptr_array_sort (c->countries, compare_strings);
  g_ptr_array_sort (c->roles, compare_strings);
  g_hash_table_iter_init (&iter, year_set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int y = GPOINTER_TO_INT (key);
      g_array_append_val (c->years, y);
    }
  g_array_sort (c->years, compare_ints);
  for (guint i = 0; i < c->years->len; i++)
    g_ptr_array_add (year_names, g_strdup_printf ("%d", g_array_index (c->years, int, i)));
  for (guint i = 0; i < c->countries->len; i++)
    {
      const char *code = g_ptr_array_index (c->countries, i);
      const DmCountry *country = dm_gazetteer_lookup_country (gazetteer, code);

      g_ptr_array_add (country_names,
                       country != NULL ? g_strdup_printf ("%s (%s)",
                                                          dm_gazetteer_country_get_display_name (gazetteer, country),
                                                          code)
                                       : g_strdup (code));
    }
  c->lists[0] = make_list (c->all[0], c->actor_names);
  c->lists[1] = make_list (c->all[1], country_names);
  c->lists[2] = make_list (c->all[2], c->roles);
  c->lists[3] = make_list (c->all[3], year_names);
}

static void
set_choices (GtkDropDown *drop,
             const char  *all,
             GPtrArray   *labels)
{
  g_autoptr(GtkStringList) list = make_list (all, labels);

  dm_event_list_set_drop_choices (drop, list, 0);
}

static void
set_list (GtkDropDown   *drop,
          GtkStringList *list)
{
  dm_event_list_set_drop_choices (drop, list, 0);
}

/* Main thread */
static void
choices_install (DmEventList *self,
                 Choices     *c,
                 GPtrArray   *actors)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();

  /* the folded texts are made again, from the events as the document holds them now */
  g_hash_table_remove_all (self->search_texts);
  g_ptr_array_set_size (self->all_actors, 0);
  for (guint i = 0; i < actors->len; i++)
    g_ptr_array_add (self->all_actors, g_object_ref (g_ptr_array_index (actors, i)));
  g_ptr_array_set_size (self->countries, 0);
  g_ptr_array_extend_and_steal (self->countries, g_steal_pointer (&c->countries));
  g_ptr_array_set_size (self->roles, 0);
  g_ptr_array_extend_and_steal (self->roles, g_steal_pointer (&c->roles));
  g_array_set_size (self->all_years, 0);
  g_array_append_vals (self->all_years, c->years->data, c->years->len);
  g_clear_object (&self->chosen_actor);
  self->chosen_year = 0;
  for (DmEventKind k = DM_EVENT_KIND_TRIP; k <= DM_EVENT_KIND_MEETING; k++)
    g_ptr_array_add (kinds, (char *) dm_event_kind_get_label (k));
  for (DmStatus s = DM_STATUS_UNKNOWN; s <= DM_STATUS_CANCELLED; s++)
    g_ptr_array_add (statuses, (char *) dm_status_get_label (s));
  dm_event_list_reload_places (self);

  /* every actor and year, until the search or a filter narrows them */
  g_ptr_array_set_size (self->actors, 0);
  for (guint i = 0; i < self->all_actors->len; i++)
    g_ptr_array_add (self->actors, g_object_ref (g_ptr_array_index (self->all_actors, i)));
  g_array_set_size (self->years, 0);
  g_array_append_vals (self->years, self->all_years->data, self->all_years->len);
  self->holding_changes = TRUE;
  set_list (self->actor_filter, c->lists[0]);
  set_list (self->country_filter, c->lists[1]);
  set_list (self->role_filter, c->lists[2]);
  set_list (self->year_filter, c->lists[3]);
  for (guint i = 0; i < G_N_ELEMENTS (c->lists); i++)
    g_clear_object (&c->lists[i]);
  /* UN M49's regions, each followed by its sub-regions (Western Asia apart from Southern,
   * Eastern and South-eastern Asia), in the UN's own names where translated */
  for (guint i = 0; i < dm_gazetteer_get_n_m49_areas (); i++)
    g_ptr_array_add (regions, (char *) _(dm_gazetteer_get_m49_area (i)->name));
  set_choices (self->region_filter, _("All regions"), regions);
  set_choices (self->kind_filter, _("All types"), kinds);
  set_choices (self->status_filter, _("Any status"), statuses);
  self->holding_changes = FALSE;
  dm_event_list_filters_changed (self);
}

void
dm_event_list_reload (DmEventList *self)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_object_unref);
  Choices *c;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  c = choices_copy (self, NULL, actors);
  choices_make (c);
  choices_install (self, c, actors);
  choices_free (c);
}

static void
make_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  dm_worker_priority_lower ();
  choices_make (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
document_changed_cb (Reload *reload)
{
  reload->changed = TRUE;
}

static void
made_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reload *reload = user_data;
  DmEventList *self = reload->self;
  GListModel *models[3];

  models[0] = dm_document_get_events (reload->document);
  models[1] = dm_document_get_actors (reload->document);
  models[2] = dm_document_get_places (reload->document);
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    g_signal_handler_disconnect (models[i], reload->handlers[i]);
  /* another document (its choices made when it was set), or the list was disposed: nothing
   * to install; an edit or an undo came meanwhile: the copy is old */
  if (self->document != reload->document)
    ;
  else if (reload->changed)
    dm_event_list_reload (self);
  else
    choices_install (self, g_task_get_task_data (G_TASK (result)), reload->actors);
  if (reload->done != NULL)
    reload->done (self, reload->user_data);
  g_ptr_array_unref (reload->actors);
  g_object_unref (reload->document);
  g_object_unref (reload->self);
  g_free (reload);
}

void
dm_event_list_reload_async (DmEventList         *self,
                            GPtrArray           *events,
                            DmEventListReloaded  done,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GListModel *models[3];
  Reload *reload;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (self->document == NULL)
    {
      dm_event_list_reload (self);
      if (done != NULL)
        done (self, user_data);
      return;
    }
  reload = g_new0 (Reload, 1);
  reload->self = g_object_ref (self);
  reload->document = g_object_ref (self->document);
  reload->actors = g_ptr_array_new_with_free_func (g_object_unref);
  reload->done = done;
  reload->user_data = user_data;
  models[0] = dm_document_get_events (self->document);
  models[1] = dm_document_get_actors (self->document);
  models[2] = dm_document_get_places (self->document);
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    reload->handlers[i] = g_signal_connect_swapped (models[i], "items-changed",
                                                    G_CALLBACK (document_changed_cb), reload);
  /* the task's source is no widget: its last reference may go in the thread */
  task = g_task_new (NULL, NULL, made_cb, reload);
  g_task_set_name (task, "[diplomap] event list's choices");
  g_task_set_source_tag (task, dm_event_list_reload_async);
  g_task_set_task_data (task, choices_copy (self, events, reload->actors),
                        (GDestroyNotify) choices_free);
  g_task_run_in_thread (task, make_in_thread);
}
