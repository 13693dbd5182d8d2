/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-editor-private.h"
#include "dm-gazetteer.h"

/**
 * DmEventEditor:
 *
 * A dialog that edits a copy of an event (or a new one): title, type, actor, status,
 * place (resolved through the gazetteer as the user types, the match shown under it) and
 * dates with their precision. The problems the model finds (dm_event_check) show as the
 * user types, in --check's words, and Save waits until there are none. Save emits
 * ::save with the copy; the window turns it into a command (docs/EDITING.md).
 */
G_DEFINE_FINAL_TYPE (DmEventEditor, dm_event_editor, ADW_TYPE_WINDOW)

enum {
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dm_event_editor_dispose (GObject *object)
{
  DmEventEditor *self = DM_EVENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DM_TYPE_EVENT_EDITOR);
  g_clear_object (&self->document);
  g_clear_object (&self->original);
  g_clear_object (&self->candidate);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dm_event_editor_parent_class)->dispose (object);
}

static DmPlace *
resolve_place (DmEventEditor *self,
               const char    *text)
{
  DmPlace *current = self->original ? dm_event_get_place (self->original) : NULL;
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  const DmGazetteerEntry *entry;

  if (current != NULL && g_strcmp0 (text, dm_place_get_name (current)) == 0)
    return g_object_ref (current);
  entry = dm_gazetteer_lookup (gazetteer, text, NULL);
  if (entry == NULL)
    return NULL;
  return dm_place_new (NULL, entry->name, entry->country, entry->latitude, entry->longitude,
                       entry->timezone);
}

static void
read_time (DmEventEditor *self,
           AdwEntryRow   *row,
           GTimeZone     *zone,
           DmTime        *time)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  *time = DM_TIME_UNKNOWN;
  if (*text == '\0')
    return;
  if (!dm_time_parse (text, zone, time, &error))
    {
      *time = DM_TIME_UNKNOWN;
      g_ptr_array_add (self->problems, g_strdup (error->message));
    }
}

static void
show_problems (DmEventEditor *self)
{
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->problems_group, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);
  for (guint i = 0; i < self->problems->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (self->problems, i));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
      gtk_widget_add_css_class (row, "warning");
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), self->problems->len > 0);
  gtk_widget_set_sensitive (self->save_button, self->problems->len == 0);
}

/* Makes the candidate from the fields and checks it, as the user types */
static void
changed_cb (DmEventEditor *self)
{
  DmEventKind kind = adw_combo_row_get_selected (self->kind_row);
  guint actor = adw_combo_row_get_selected (self->actor_row);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *place_text = gtk_editable_get_text (GTK_EDITABLE (self->place_row));
  g_autoptr(DmPlace) place = NULL;
  g_autoptr(GPtrArray) checked = NULL;
  DmTime start, end;

  g_assert (DM_IS_EVENT_EDITOR (self));
  if (self->filling)
    return;

  g_clear_object (&self->candidate);
  if (self->original != NULL)
    self->candidate = dm_event_copy (self->original, NULL);
  else
    {
      g_autofree char *id = dm_document_dup_unused_event_id (self->document,
                                                             dm_event_kind_to_string (kind));
      self->candidate = dm_event_new (kind, id);
    }
  g_ptr_array_set_size (self->problems, 0);
  dm_event_set_title (self->candidate, *title != '\0' ? title : NULL);
  dm_event_set_status (self->candidate, adw_combo_row_get_selected (self->status_row));
  if (actor > 0 && actor != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(DmActor) a = g_list_model_get_item (dm_document_get_actors (self->document), actor - 1);
      dm_event_set_actor (self->candidate, a);
    }
  else
    dm_event_set_actor (self->candidate, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->where_group), kind != DM_EVENT_KIND_TRIP);
  if (kind != DM_EVENT_KIND_TRIP)
    {
      if (*place_text != '\0' && (place = resolve_place (self, place_text)) == NULL)
        g_ptr_array_add (self->problems,
                         g_strdup_printf (_("Unknown place “%s”: declare it in “places” or give {\"lat\": …, \"lon\": …}"),
                                          place_text));
      dm_event_set_place (self->candidate, place);
      if (place != NULL)
        {
          g_autofree char *where = g_strdup_printf ("%s, %s · %.2f, %.2f", dm_place_get_name (place),
                                                    dm_place_get_country (place) ? dm_place_get_country (place) : "",
                                                    dm_place_get_latitude (place),
                                                    dm_place_get_longitude (place));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->match_row), where);
          adw_action_row_set_subtitle (self->match_row, dm_place_get_timezone (place));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->match_row), place != NULL);
      read_time (self, self->start_row, place ? dm_place_get_zone (place) : NULL, &start);
      read_time (self, self->end_row, place ? dm_place_get_zone (place) : NULL, &end);
      dm_event_set_start (self->candidate, &start);
      dm_event_set_end (self->candidate, &end);
    }
  checked = dm_event_check (self->candidate);
  for (guint i = 0; i < checked->len; i++)
    g_ptr_array_add (self->problems, g_strdup (g_ptr_array_index (checked, i)));
  show_problems (self);
}

static void
cancel_clicked_cb (DmEventEditor *self)
{
  g_assert (DM_IS_EVENT_EDITOR (self));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_clicked_cb (DmEventEditor *self)
{
  g_assert (DM_IS_EVENT_EDITOR (self));

  changed_cb (self);
  if (self->problems->len > 0)
    return;
  g_signal_emit (self, signals[SAVE], 0, self->candidate);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dm_event_editor_class_init (DmEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_event_editor_dispose;

  /**
   * DmEventEditor::save:
   * @event: the edited copy, or the new event
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, DM_TYPE_EVENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, actor_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, where_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, match_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, problems_group);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
dm_event_editor_init (DmEventEditor *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->problem_rows = g_ptr_array_new ();
}

static void
set_time_text (AdwEntryRow  *row,
               const DmTime *time,
               DmPlace      *place)
{
  g_autofree char *text = dm_time_is_known (time)
                          ? dm_time_to_iso (time, place ? dm_place_get_zone (place) : NULL) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* Fills the fields from @event (or the empty fields of a new event of @kind) */
static void
fill (DmEventEditor *self,
      DmEvent       *event,
      DmEventKind    kind)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) actors = gtk_string_list_new (NULL);
  GListModel *model = dm_document_get_actors (self->document);
  guint selected_actor = 0;

  for (DmEventKind k = DM_EVENT_KIND_TRIP; k <= DM_EVENT_KIND_MEETING; k++)
    gtk_string_list_append (kinds, dm_event_kind_get_label (k));
  for (DmStatus s = DM_STATUS_UNKNOWN; s <= DM_STATUS_CANCELLED; s++)
    gtk_string_list_append (statuses, dm_status_get_label (s));
  /* Translators: in the event editor's list of actors: nobody chosen */
  gtk_string_list_append (actors, _("None"));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (model, i);

      gtk_string_list_append (actors, dm_actor_get_name (actor));
      if (event != NULL && dm_event_get_actor (event) == actor)
        selected_actor = i + 1;
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_model (self->actor_row, G_LIST_MODEL (actors));
  adw_combo_row_set_selected (self->kind_row, event ? dm_event_get_kind (event) : kind);
  /* an event keeps its kind: a trip's legs are not a visit's place */
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), event == NULL);
  adw_combo_row_set_selected (self->actor_row, selected_actor);
  adw_combo_row_set_selected (self->status_row, event ? dm_event_get_status (event) : DM_STATUS_PLANNED);
  if (event != NULL)
    {
      DmPlace *place = dm_event_get_place (event);

      gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                             dm_event_get_title (event) ? dm_event_get_title (event) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->place_row), place ? dm_place_get_name (place) : "");
      set_time_text (self->start_row, dm_event_get_start (event), place);
      set_time_text (self->end_row, dm_event_get_end (event), place);
    }
  /* Translators: the event editor's title, for a new event and for an existing one */
  gtk_window_set_title (GTK_WINDOW (self), event ? _("Edit Event") : _("New Event"));
}

DmEventEditor *
dm_event_editor_new (GtkWindow   *parent,
                     DmDocument  *document,
                     DmEvent     *event,
                     DmEventKind  kind)
{
  DmEventEditor *self;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (event == NULL || DM_IS_EVENT (event), NULL);

  self = g_object_new (DM_TYPE_EVENT_EDITOR, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->original = event ? g_object_ref (event) : NULL;
  fill (self, event, kind);
  self->filling = FALSE;
  changed_cb (self);
  return self;
}

DmEvent *
dm_event_editor_get_event (DmEventEditor *self)
{
  g_return_val_if_fail (DM_IS_EVENT_EDITOR (self), NULL);
  return self->candidate;
}

GPtrArray *
dm_event_editor_get_problems (DmEventEditor *self)
{
  g_return_val_if_fail (DM_IS_EVENT_EDITOR (self), NULL);
  return self->problems;
}
