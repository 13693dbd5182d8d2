/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-event-editor-private.h"
#include "dm-gazetteer.h"

/*
 * Who takes part (docs/EDITING.md): the actor row's choices, the participants (each a row
 * with Remove; Add Participant completes from the actors as typed) and new actors: a name
 * that is no actor's is made a new actor, with the role and country typed under it, which
 * the document gains when the event is saved (the command adds the actors it brings).
 */

/* "Sergey Lavrov": "Minister of Foreign Affairs · RU" */
static char *
dup_actor_subtitle (DmActor *actor)
{
  const char *role = dm_actor_get_role (actor);
  const char *country = dm_actor_get_country (actor);

  if (role != NULL && country != NULL)
    return g_strdup_printf ("%s · %s", role, country);
  return g_strdup (role ? role : country ? country : "");
}

/* An actor by name, any case, accents ignored: the document's, or one made here */
DmActor *
dm_event_editor_find_actor (DmEventEditor *self,
                            const char    *name)
{
  g_autofree char *folded = dm_gazetteer_fold (name);

  for (guint i = 0; i < self->actors->len; i++)
    {
      DmActor *actor = g_ptr_array_index (self->actors, i);
      g_autofree char *other = dm_gazetteer_fold (dm_actor_get_name (actor));

      if (*folded != '\0' && g_str_equal (folded, other))
        return actor;
    }
  return NULL;
}

static gboolean
word_starts_with (const char *folded_name,
                  const char *folded_prefix)
{
  for (const char *p = folded_name; p != NULL; p = strchr (p, ' '))
    {
      while (*p == ' ')
        p++;
      if (g_str_has_prefix (p, folded_prefix))
        return TRUE;
    }
  return FALSE;
}

/* Actors one of whose words starts with @text */
static GPtrArray *
complete_actor (DmEventEditor *self,
                const char    *text)
{
  g_autofree char *folded = dm_gazetteer_fold (text);
  GPtrArray *completions = g_ptr_array_new_with_free_func (dm_completion_free);

  for (guint i = 0; i < self->actors->len && completions->len < 6; i++)
    {
      DmActor *actor = g_ptr_array_index (self->actors, i);
      g_autofree char *other = dm_gazetteer_fold (dm_actor_get_name (actor));
      DmCompletion *c;

      if (*folded == '\0' || !word_starts_with (other, folded))
        continue;
      c = g_new0 (DmCompletion, 1);
      c->text = g_strdup (dm_actor_get_name (actor));
      c->title = g_strdup (dm_actor_get_name (actor));
      c->subtitle = dup_actor_subtitle (actor);
      g_ptr_array_add (completions, c);
    }
  return completions;
}

static void
remove_clicked_cb (GtkWidget     *button,
                   DmEventEditor *self)
{
  for (guint i = 0; i < self->participant_rows->len; i++)
    if (gtk_widget_is_ancestor (button, g_ptr_array_index (self->participant_rows, i)))
      {
        dm_event_editor_remove_participant (self, i);
        return;
      }
}

static void
add_participant_row (DmEventEditor *self,
                     DmActor       *actor,
                     guint          position)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = dup_actor_subtitle (actor);
  g_autofree char *tip = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dm_actor_get_name (actor));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Translators: a button's tooltip in the editor's participants: %s is the actor */
  tip = g_strdup_printf (_("Remove %s"), dm_actor_get_name (actor));
  gtk_widget_set_tooltip_text (remove, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_ptr_array_insert (self->participant_rows, position, row);
  /* rows are added after the entry rows: keep the order by adding them all again */
  adw_preferences_group_remove (self->participants_group, GTK_WIDGET (self->participant_row));
  adw_preferences_group_remove (self->participants_group, GTK_WIDGET (self->new_actor_row));
  adw_preferences_group_remove (self->participants_group, GTK_WIDGET (self->new_role_row));
  adw_preferences_group_remove (self->participants_group, GTK_WIDGET (self->new_country_row));
  adw_preferences_group_add (self->participants_group, row);
  adw_preferences_group_add (self->participants_group, GTK_WIDGET (self->participant_row));
  adw_preferences_group_add (self->participants_group, GTK_WIDGET (self->new_actor_row));
  adw_preferences_group_add (self->participants_group, GTK_WIDGET (self->new_role_row));
  adw_preferences_group_add (self->participants_group, GTK_WIDGET (self->new_country_row));
}

void
dm_event_editor_add_participant (DmEventEditor *self,
                                 DmActor       *actor)
{
  g_return_if_fail (DM_IS_EVENT_EDITOR (self));
  g_return_if_fail (DM_IS_ACTOR (actor));

  for (guint i = 0; i < self->participants->len; i++)
    if (g_ptr_array_index (self->participants, i) == actor)
      return;
  g_ptr_array_add (self->participants, g_object_ref (actor));
  add_participant_row (self, actor, self->participants->len - 1);
  dm_event_editor_update (self);
}

void
dm_event_editor_remove_participant (DmEventEditor *self,
                                    guint          position)
{
  GtkWidget *row;

  g_return_if_fail (DM_IS_EVENT_EDITOR (self));
  if (position >= self->participants->len)
    return;
  row = g_ptr_array_index (self->participant_rows, position);
  g_ptr_array_remove_index (self->participant_rows, position);
  g_ptr_array_remove_index (self->participants, position);
  adw_preferences_group_remove (self->participants_group, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->participant_row));
  dm_event_editor_update (self);
}

/* An id no actor of the document or of this editor has: "shigeru-ishiba", "…-2" */
static char *
dup_unused_actor_id (DmEventEditor *self,
                     const char    *name)
{
  g_autofree char *folded = dm_gazetteer_fold (name);
  g_autofree char *base = g_strdelimit (g_strstrip (g_strdup (folded)), " ", '-');
  char *id = g_strdup (*base ? base : "actor");

  for (guint k = 2;; k++)
    {
      gboolean used = dm_document_lookup_actor (self->document, id) != NULL;

      for (guint i = 0; i < self->actors->len && !used; i++)
        used = g_strcmp0 (dm_actor_get_id (g_ptr_array_index (self->actors, i)), id) == 0;
      if (!used)
        return id;
      g_free (id);
      id = g_strdup_printf ("%s-%u", *base ? base : "actor", k);
    }
}

/* Add Participant: the actor of that name, or a new one with the role and country typed */
static void
participant_applied_cb (DmEventEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->participant_row))));
  DmActor *actor;

  g_assert (DM_IS_EVENT_EDITOR (self));
  if (*name == '\0')
    return;
  if ((actor = dm_event_editor_find_actor (self, name)) == NULL)
    {
      g_autofree char *id = dup_unused_actor_id (self, name);
      const char *role = gtk_editable_get_text (GTK_EDITABLE (self->new_role_row));
      const char *country = gtk_editable_get_text (GTK_EDITABLE (self->new_country_row));
      const DmCountry *known = *country ? dm_gazetteer_lookup_country (dm_gazetteer_get_default (), country) : NULL;
      g_autoptr(DmActor) made = dm_actor_new (id, name);

      dm_actor_set_role (made, *role ? role : NULL);
      dm_actor_set_country (made, known ? known->code : *country ? country : NULL);
      g_ptr_array_add (self->actors, g_object_ref (made));
      gtk_string_list_append (self->actor_names, name);
      actor = made;
      gtk_editable_set_text (GTK_EDITABLE (self->new_role_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->new_country_row), "");
    }
  gtk_editable_set_text (GTK_EDITABLE (self->participant_row), "");
  dm_event_editor_add_participant (self, actor);
}

static void
participant_picked (DmEventEditor *self,
                    AdwEntryRow   *row)
{
  participant_applied_cb (self);
}

/* A name no actor has: say that a new actor is made, and ask its role and country */
static void
participant_changed_cb (DmEventEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->participant_row))));
  gboolean is_new = *name != '\0' && dm_event_editor_find_actor (self, name) == NULL;

  g_assert (DM_IS_EVENT_EDITOR (self));
  if (is_new)
    {
      /* Translators: in the event editor, when the name typed is no actor's */
      g_autofree char *title = g_strdup_printf (_("New actor “%s”"), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_actor_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->new_actor_row), is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->new_role_row), is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->new_country_row), is_new);
}

static void
country_applied_cb (DmEventEditor *self)
{
  participant_applied_cb (self);
}

void
dm_event_editor_fill_actors (DmEventEditor *self,
                             DmEvent       *event)
{
  GListModel *model = dm_document_get_actors (self->document);
  guint selected = 0;

  /* Translators: in the event editor's list of actors: nobody chosen */
  gtk_string_list_append (self->actor_names, _("None"));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (model, i);

      g_ptr_array_add (self->actors, g_object_ref (actor));
      gtk_string_list_append (self->actor_names, dm_actor_get_name (actor));
      if (event != NULL && dm_event_get_actor (event) == actor)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->actor_row, G_LIST_MODEL (self->actor_names));
  adw_combo_row_set_selected (self->actor_row, selected);
  if (event != NULL)
    {
      GPtrArray *parts = dm_event_get_participants (event);

      for (guint i = 0; i < parts->len; i++)
        dm_event_editor_add_participant (self, g_ptr_array_index (parts, i));
    }
}

void
dm_event_editor_read_actors (DmEventEditor *self,
                             DmEvent       *candidate)
{
  guint selected = adw_combo_row_get_selected (self->actor_row);

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION && selected <= self->actors->len)
    dm_event_set_actor (candidate, g_ptr_array_index (self->actors, selected - 1));
  else
    dm_event_set_actor (candidate, NULL);
  dm_event_clear_participants (candidate);
  for (guint i = 0; i < self->participants->len; i++)
    dm_event_add_participant (candidate, g_ptr_array_index (self->participants, i));
}

void
dm_event_editor_init_actors (DmEventEditor *self)
{
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->actor_names = gtk_string_list_new (NULL);
  self->participants = g_ptr_array_new_with_free_func (g_object_unref);
  self->participant_rows = g_ptr_array_new ();
  /* Translators: a button's tooltip: add the participant typed */
  gtk_widget_set_tooltip_text (add, _("Add Participant"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Participant"), -1);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (participant_applied_cb), self);
  adw_entry_row_add_suffix (self->participant_row, add);
  g_signal_connect_swapped (self->participant_row, "entry-activated", G_CALLBACK (participant_applied_cb), self);
  g_signal_connect_swapped (self->participant_row, "changed", G_CALLBACK (participant_changed_cb), self);
  g_signal_connect_swapped (self->new_country_row, "entry-activated", G_CALLBACK (country_applied_cb), self);
  g_signal_connect_swapped (self->new_role_row, "entry-activated", G_CALLBACK (country_applied_cb), self);
  dm_event_editor_add_completion (self, self->participant_row, complete_actor, participant_picked);
}
