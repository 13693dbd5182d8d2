/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-list-private.h"
#include "dm-gazetteer.h"
#include "dm-time.h"

/* The list's filters: the drop-downs' choices from the document, and the predicate (the
 * drop-downs are in ui/dm-event-list.ui) */

/* The drop-downs other than the actor's and the year's, the date range and the search */
static gboolean
others_show (DmEventList *self,
             DmEvent     *event)
{
  guint country = gtk_drop_down_get_selected (self->country_filter);
  guint kind = gtk_drop_down_get_selected (self->kind_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint role = gtk_drop_down_get_selected (self->role_filter);
  guint region = gtk_drop_down_get_selected (self->region_filter);

  if (country > 0 && country <= self->countries->len &&
      !dm_event_in_country (event, g_ptr_array_index (self->countries, country - 1)))
    return FALSE;
  if (role > 0 && role <= self->roles->len &&
      !dm_event_has_role (event, g_ptr_array_index (self->roles, role - 1)))
    return FALSE;
  /* the region drop-down lists UN M49's areas in their order */
  if (region > 0 && region <= dm_gazetteer_get_n_m49_areas () &&
      !dm_event_in_m49_area (event, dm_gazetteer_get_m49_area (region - 1)))
    return FALSE;
  if (self->range_from != G_MININT64 || self->range_to != G_MAXINT64)
    {
      const DmTime *start = dm_event_get_start (event);
      const DmTime *end = dm_event_get_end (event);
      gint64 s, e, offset = 0;

      /* The range's dates are days as the list shows them, at the event's place (Trump's
       * meeting in Busan on 30 October is not in a range that ends on the 29th, though it
       * began on the 29th in UTC); events without a time are in no range */
      if (dm_time_is_known (start))
        offset = start->utc_offset;
      else if (dm_time_is_known (end))
        offset = end->utc_offset;
      if (!dm_event_get_span (event, &s, &e) ||
          s + offset >= self->range_to || MAX (e, s + 1) + offset <= self->range_from)
        return FALSE;
    }
  if (kind > 0 && kind != GTK_INVALID_LIST_POSITION && dm_event_get_kind (event) != kind - 1)
    return FALSE;
  if (status > 0 && status != GTK_INVALID_LIST_POSITION && dm_event_get_status (event) != status - 1)
    return FALSE;
  if (!dm_event_list_matches_search (self, event))
    return FALSE;
  return TRUE;
}

guint
dm_event_list_hidden_by (DmEventList *self,
                         DmEvent     *event,
                         gboolean     all)
{
  guint hidden = 0;

  if (self->chosen_actor != NULL && !dm_event_involves (event, self->chosen_actor))
    {
      hidden |= DM_EVENT_LIST_HIDDEN_BY_ACTOR;
      if (!all)
        return hidden;
    }
  if (self->chosen_year != 0 && !dm_event_in_year (event, self->chosen_year))
    {
      hidden |= DM_EVENT_LIST_HIDDEN_BY_YEAR;
      /* hidden from both lists whatever the others say */
      if (!all || hidden & DM_EVENT_LIST_HIDDEN_BY_ACTOR)
        return hidden;
    }
  if (!others_show (self, event))
    hidden |= DM_EVENT_LIST_HIDDEN_BY_OTHER;
  return hidden;
}

gboolean
dm_event_list_filter_event (gpointer item,
                            gpointer user_data)
{
  return dm_event_list_hidden_by (user_data, item, FALSE) == 0;
}

static gboolean
has_actor (DmEventList *self,
           DmActor     *actor)
{
  return actor == NULL || g_ptr_array_find (self->all_actors, actor, NULL);
}

/**
 * dm_event_list_update_event:
 * @came: (nullable): an event that came into the document (added, changed, back by undo)
 * @left: (nullable): one that left it
 *
 * Keeps the filters' choices after one edit: made again (dm_event_list_reload(), which costs
 * a walk over every event) only when @came brings an actor or a year they lack; @left's
 * folded search text is forgotten.
 */
void
dm_event_list_update_event (DmEventList *self,
                            DmEvent     *came,
                            DmEvent     *left)
{
  g_autoptr(GHashTable) years = NULL;
  GHashTableIter iter;
  gpointer key;
  GPtrArray *parts;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (left != NULL)
    g_hash_table_remove (self->search_texts, left);
  /* an edit may use a place no event used, or leave one unused */
  dm_event_list_reload_places (self);
  if (came == NULL)
    return;
  parts = dm_event_get_participants (came);
  if (!has_actor (self, dm_event_get_actor (came)))
    goto reload;
  for (guint i = 0; i < parts->len; i++)
    if (!has_actor (self, g_ptr_array_index (parts, i)))
      goto reload;
  years = g_hash_table_new (NULL, NULL);
  dm_event_add_years (came, years);
  g_hash_table_iter_init (&iter, years);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int y = GPOINTER_TO_INT (key);
      gboolean found = FALSE;

      for (guint i = 0; i < self->all_years->len && !found; i++)
        found = g_array_index (self->all_years, int, i) == y;
      if (!found)
        goto reload;
    }
  /* the edit may bring an actor or a year back into what the search leaves */
  if (!self->holding_changes)
    dm_event_list_narrow_choices (self);
  return;

reload:
  dm_event_list_reload (self);
}

void
dm_event_list_set_filters (DmEventList *self,
                           DmActor     *actor,
                           const char  *country,
                           int          kind,
                           int          status)
{
  guint c = 0;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (country != NULL && g_ptr_array_find_with_equal_func (self->countries, country, g_str_equal, &c))
    c++;
  self->holding_changes = TRUE;
  g_clear_object (&self->chosen_actor);
  if (actor != NULL && g_ptr_array_find (self->all_actors, actor, NULL))
    self->chosen_actor = g_object_ref (actor);
  dm_event_list_select_choice (self->country_filter, c);
  dm_event_list_select_choice (self->kind_filter, kind < 0 ? 0 : kind + 1);
  dm_event_list_select_choice (self->status_filter, status < 0 ? 0 : status + 1);
  self->holding_changes = FALSE;
  dm_event_list_filters_changed (self);
}

/* Only the actor filter: @actor (NULL: all); the other filters stay */
void
dm_event_list_set_actor_filter (DmEventList *self,
                                DmActor     *actor)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));

  g_clear_object (&self->chosen_actor);
  if (actor != NULL && g_ptr_array_find (self->all_actors, actor, NULL))
    self->chosen_actor = g_object_ref (actor);
  dm_event_list_filters_changed (self);
}

/* A role of the document's actors, or NULL for all; a year, or 0 for all */
void
dm_event_list_set_role_year (DmEventList *self,
                             const char  *role,
                             int          year)
{
  guint r = 0;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (role != NULL && g_ptr_array_find_with_equal_func (self->roles, role, g_str_equal, &r))
    r++;
  self->holding_changes = TRUE;
  dm_event_list_select_choice (self->role_filter, r);
  self->chosen_year = 0;
  for (guint i = 0; year != 0 && i < self->all_years->len; i++)
    if (g_array_index (self->all_years, int, i) == year)
      self->chosen_year = year;
  self->holding_changes = FALSE;
  dm_event_list_filters_changed (self);
}

static void
get_drop_downs (DmEventList *self,
                GtkDropDown *drops[7])
{
  drops[0] = self->actor_filter;
  drops[1] = self->country_filter;
  drops[2] = self->role_filter;
  drops[3] = self->year_filter;
  drops[4] = self->region_filter;
  drops[5] = self->kind_filter;
  drops[6] = self->status_filter;
}

guint
dm_event_list_count_filters (DmEventList *self)
{
  GtkDropDown *drops[7];
  guint n = 0;

  get_drop_downs (self, drops);
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    {
      guint selected = gtk_drop_down_get_selected (drops[i]);
      n += selected > 0 && selected != GTK_INVALID_LIST_POSITION;
    }
  n += self->range_from != G_MININT64 || self->range_to != G_MAXINT64;
  return n;
}

void
dm_event_list_clear_filters (DmEventList *self)
{
  GtkDropDown *drops[7];

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  get_drop_downs (self, drops);
  self->holding_changes = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    gtk_drop_down_set_selected (drops[i], 0);
  g_clear_object (&self->chosen_actor);
  self->chosen_year = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->from_filter), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_filter), "");
  self->holding_changes = FALSE;
  dm_event_list_filters_changed (self);
}

/* Whether the search or a filter hides events */
gboolean
dm_event_list_is_filtered (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), FALSE);

  return dm_event_list_count_filters (self) > 0 || self->words != NULL;
}

/* @region: a UN M49 area by code ("145") or English name ("Western Asia", "Asia"), or NULL
 * for all */
void
dm_event_list_set_region (DmEventList *self,
                          const char  *region)
{
  const DmM49Area *area = region != NULL ? dm_gazetteer_lookup_m49_area (region) : NULL;
  guint r = 0;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  for (guint i = 0; area != NULL && i < dm_gazetteer_get_n_m49_areas (); i++)
    if (dm_gazetteer_get_m49_area (i) == area)
      r = i + 1;
  dm_event_list_select_choice (self->region_filter, r);
}

/* One bound of the date range: @entry's text as a year, a month or a day (UTC); an entry
 * that cannot be read is marked and sets no bound */
static gboolean
read_bound (GtkEntry *entry,
            DmTime   *out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  gboolean ok;

  ok = *text != '\0' && dm_time_parse (text, NULL, out, NULL) && dm_time_is_known (out);
  if (*text != '\0' && !ok)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return ok;
}

void
dm_event_list_update_range (DmEventList *self)
{
  DmTime from, to;
  gint64 range_from = G_MININT64, range_to = G_MAXINT64;

  if (read_bound (self->from_filter, &from))
    range_from = from.earliest;
  if (read_bound (self->to_filter, &to))
    range_to = MAX (to.latest, to.earliest + 1);
  if (range_from == self->range_from && range_to == self->range_to)
    return;
  self->range_from = range_from;
  self->range_to = range_to;
  dm_event_list_filters_changed (self);
}

void
dm_event_list_set_date_range (DmEventList *self,
                              const char  *from,
                              const char  *to)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));

  self->holding_changes = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_filter), from != NULL ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_filter), to != NULL ? to : "");
  self->holding_changes = FALSE;
  dm_event_list_update_range (self);
  dm_event_list_filters_changed (self);
}
