/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-editor-private.h"
#include "dm-gazetteer.h"
#include "dm-place-preview.h"

/**
 * DmEventEditor:
 *
 * A dialog that edits a copy of an event (or a new one): title, type, actor, status,
 * place (resolved through the gazetteer as the user types, the match shown under it, a list
 * of completions) and dates with their precision; a trip's legs (dm-event-editor-legs.c);
 * participants and new actors (dm-event-editor-actors.c); sources, host, invitation, tags
 * and notes (dm-event-editor-sources.c). The problems the model finds (dm_event_check) show as the
 * user types, in --check's words, and Save waits until there are none. Save emits
 * ::save with the copy; the window turns it into a command (docs/EDITING.md).
 */
G_DEFINE_FINAL_TYPE (DmEventEditor, dm_event_editor, ADW_TYPE_WINDOW)

enum {
  SAVE,
  PICKING_CHANGED,
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
  g_clear_pointer (&self->legs, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_object (&self->actor_names);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->participant_rows, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);

  G_OBJECT_CLASS (dm_event_editor_parent_class)->dispose (object);
}

DmPlace *
dm_event_editor_resolve_place (DmEventEditor *self,
                               const char    *text,
                               DmPlace       *current)
{
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  const DmGazetteerEntry *entry;
  double lat, lon;

  if (current != NULL && g_strcmp0 (text, dm_place_get_name (current)) == 0)
    return g_object_ref (current);
  if (dm_event_editor_parse_point (text, &lat, &lon))
    return dm_event_editor_new_point (lat, lon);
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

void
dm_event_editor_add_problem (DmEventEditor *self,
                             char          *message)
{
  g_ptr_array_add (self->problems, message);
}

/* Makes the candidate from the fields and checks it, as the user types */
void
dm_event_editor_update (DmEventEditor *self)
{
  DmEventKind kind = adw_combo_row_get_selected (self->kind_row);
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
  dm_event_editor_read_actors (self, self->candidate);

  gtk_widget_set_visible (GTK_WIDGET (self->where_group), kind != DM_EVENT_KIND_TRIP);
  gtk_widget_set_visible (GTK_WIDGET (self->legs_group), kind == DM_EVENT_KIND_TRIP);
  if (kind == DM_EVENT_KIND_TRIP)
    dm_event_editor_read_legs (self, self->candidate);
  else
    {
      DmPlace *current = self->original ? dm_event_get_place (self->original) : NULL;

      if (*place_text != '\0' &&
          (place = dm_event_editor_resolve_place (self, place_text, current)) == NULL)
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
          dm_place_preview_set_point (DM_PLACE_PREVIEW (self->place_preview),
                                      dm_place_get_latitude (place), dm_place_get_longitude (place));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->match_row), place != NULL);
      read_time (self, self->start_row, place ? dm_place_get_zone (place) : NULL, &start);
      read_time (self, self->end_row, place ? dm_place_get_zone (place) : NULL, &end);
      dm_event_set_start (self->candidate, &start);
      dm_event_set_end (self->candidate, &end);
    }
  dm_event_editor_read_sources (self, self->candidate);
  if (self->original == NULL && self->files != NULL && self->files->len > 0)
    {
      guint file = adw_combo_row_get_selected (self->file_row);

      if (file >= self->files->len)
        file = 0;
      dm_event_set_origin (self->candidate, g_ptr_array_index (self->files, file), 0, 0);
    }
  checked = dm_event_check (self->candidate);
  for (guint i = 0; i < checked->len; i++)
    g_ptr_array_add (self->problems, g_strdup (g_ptr_array_index (checked, i)));
  show_problems (self);
}

static void
changed_cb (DmEventEditor *self)
{
  /* a new event made a trip: its first leg, to type in */
  if (!self->filling && self->legs->len == 0 &&
      adw_combo_row_get_selected (self->kind_row) == DM_EVENT_KIND_TRIP)
    {
      dm_event_editor_add_leg (self);
      return;
    }
  dm_event_editor_update (self);
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

  dm_event_editor_update (self);
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

  /**
   * DmEventEditor::picking-changed:
   *
   * A Pick on Map toggle went on or off (dm_event_editor_get_picking())
   */
  signals[PICKING_CHANGED] = g_signal_new ("picking-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, actor_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, file_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, where_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, match_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, problems_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, legs_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, add_leg_button);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, participants_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, participant_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, new_actor_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, new_role_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, new_country_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, sources_group);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, add_source_button);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, host_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, invited_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, DmEventEditor, notes_view);
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
  dm_event_editor_init_legs (self);
  dm_event_editor_init_actors (self);
  dm_event_editor_init_sources (self);
  dm_event_editor_add_completion (self, self->place_row, dm_event_editor_complete_place, NULL);
  dm_event_editor_add_pick_button (self, self->place_row);
  self->place_preview = dm_place_preview_new ();
  gtk_widget_set_margin_top (self->place_preview, 6);
  gtk_widget_set_margin_bottom (self->place_preview, 6);
  adw_action_row_add_suffix (self->match_row, self->place_preview);
  dm_event_editor_add_precision (self, self->start_row);
  dm_event_editor_add_precision (self, self->end_row);
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

  for (DmEventKind k = DM_EVENT_KIND_TRIP; k <= DM_EVENT_KIND_MEETING; k++)
    gtk_string_list_append (kinds, dm_event_kind_get_label (k));
  for (DmStatus s = DM_STATUS_UNKNOWN; s <= DM_STATUS_CANCELLED; s++)
    gtk_string_list_append (statuses, dm_status_get_label (s));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->kind_row, event ? dm_event_get_kind (event) : kind);
  /* an event keeps its kind: a trip's legs are not a visit's place */
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), event == NULL);
  dm_event_editor_fill_actors (self, event);
  adw_combo_row_set_selected (self->status_row, event ? dm_event_get_status (event) : DM_STATUS_PLANNED);
  if (event != NULL)
    {
      DmPlace *place = dm_event_get_place (event);

      gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                             dm_event_get_title (event) ? dm_event_get_title (event) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->place_row), place ? dm_place_get_name (place) : "");
      set_time_text (self->start_row, dm_event_get_start (event), place);
      set_time_text (self->end_row, dm_event_get_end (event), place);
      dm_event_editor_fill_legs (self, event);
      dm_event_editor_fill_sources (self, event);
    }
  else if (kind == DM_EVENT_KIND_TRIP)
    dm_event_editor_add_leg (self);
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
  dm_event_editor_update (self);
  return self;
}

DmEvent *
dm_event_editor_get_event (DmEventEditor *self)
{
  g_return_val_if_fail (DM_IS_EVENT_EDITOR (self), NULL);
  return self->candidate;
}

void
dm_event_editor_set_files (DmEventEditor *self,
                           GPtrArray     *files,
                           guint          selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (DM_IS_EVENT_EDITOR (self));
  g_return_if_fail (files != NULL);

  g_clear_pointer (&self->files, g_ptr_array_unref);
  self->files = g_ptr_array_ref (files);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (files, i));

      gtk_string_list_append (names, name);
    }
  self->filling = TRUE;
  adw_combo_row_set_model (self->file_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->file_row, selected < files->len ? selected : 0);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->file_row), self->original == NULL && files->len > 1);
  dm_event_editor_update (self);
}

GPtrArray *
dm_event_editor_get_problems (DmEventEditor *self)
{
  g_return_val_if_fail (DM_IS_EVENT_EDITOR (self), NULL);
  return self->problems;
}
