/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-editor-private.h"

/*
 * Sources, host, invitation, tags and notes in the editor (docs/EDITING.md). A source is
 * an expander row of publisher, title, date and URL with Remove; a source left as it was
 * is the same source (its unknown members are saved again), a changed one a new one.
 */

static void
source_free (gpointer data)
{
  DmEditorSource *source = data;

  g_clear_pointer (&source->original, dm_source_unref);
  g_free (source);
}

static void
remove_clicked_cb (GtkWidget     *button,
                   DmEventEditor *self)
{
  for (guint i = 0; i < self->sources->len; i++)
    if (((DmEditorSource *) g_ptr_array_index (self->sources, i))->remove_button == button)
      {
        dm_event_editor_remove_source (self, i);
        return;
      }
}

static AdwEntryRow *
add_entry (DmEventEditor  *self,
           AdwExpanderRow *expander,
           const char     *title,
           const char     *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (dm_event_editor_update), self);
  adw_expander_row_add_row (expander, row);
  return ADW_ENTRY_ROW (row);
}

static DmEditorSource *
add_source (DmEventEditor *self,
            DmSource      *original)
{
  DmEditorSource *source = g_new0 (DmEditorSource, 1);
  GtkWidget *actions = adw_action_row_new ();

  source->editor = self;
  source->original = original ? dm_source_ref (original) : NULL;
  source->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (source->expander), FALSE);
  /* Translators: who published a source: a newspaper, an agency, a ministry */
  source->publisher_row = add_entry (self, source->expander, _("Publisher"),
                                     original ? original->publisher : NULL);
  source->title_row = add_entry (self, source->expander, _("Title"), original ? original->title : NULL);
  /* Translators: the date a source was published */
  source->date_row = add_entry (self, source->expander, _("Date"), original ? original->date : NULL);
  source->url_row = add_entry (self, source->expander, _("URL"), original ? original->url : NULL);
  source->remove_button = gtk_button_new_with_mnemonic (_("_Remove Source"));
  gtk_widget_set_valign (source->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (source->remove_button, "destructive-action");
  g_signal_connect (source->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), source->remove_button);
  adw_expander_row_add_row (source->expander, actions);
  adw_expander_row_set_expanded (source->expander, original == NULL);
  adw_preferences_group_add (self->sources_group, GTK_WIDGET (source->expander));
  g_ptr_array_add (self->sources, source);
  return source;
}

DmEditorSource *
dm_event_editor_add_source (DmEventEditor *self)
{
  DmEditorSource *source = add_source (self, NULL);

  dm_event_editor_update (self);
  return source;
}

static void
add_clicked_cb (DmEventEditor *self)
{
  DmEditorSource *source = dm_event_editor_add_source (self);

  gtk_widget_grab_focus (GTK_WIDGET (source->publisher_row));
}

void
dm_event_editor_remove_source (DmEventEditor *self,
                               guint          position)
{
  DmEditorSource *source;

  g_return_if_fail (DM_IS_EVENT_EDITOR (self));
  if (position >= self->sources->len)
    return;
  source = g_ptr_array_index (self->sources, position);
  adw_preferences_group_remove (self->sources_group, GTK_WIDGET (source->expander));
  g_ptr_array_remove_index (self->sources, position);
  gtk_widget_grab_focus (self->add_source_button);
  dm_event_editor_update (self);
}

static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text ? g_steal_pointer (&text) : NULL;
}

/* "Reuters, “Title”, 2025-10-23": the source as the details show it */
static DmSource *
read_source (DmEditorSource *slot)
{
  g_autoptr(DmSource) source = dm_source_new ();
  DmSource *original = slot->original;
  g_autofree char *label = NULL;

  source->publisher = dup_text (slot->publisher_row);
  source->title = dup_text (slot->title_row);
  source->date = dup_text (slot->date_row);
  source->url = dup_text (slot->url_row);
  label = dm_source_format (source);
  /* Translators: a source in the editor before anything is typed in it */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->expander), *label ? label : _("New Source"));
  if (source->publisher == NULL && source->title == NULL && source->date == NULL && source->url == NULL)
    return NULL;
  if (original != NULL && g_strcmp0 (original->publisher, source->publisher) == 0 &&
      g_strcmp0 (original->title, source->title) == 0 && g_strcmp0 (original->date, source->date) == 0 &&
      g_strcmp0 (original->url, source->url) == 0)
    return dm_source_ref (original);
  if (original != NULL && original->extra != NULL)
    source->extra = json_object_ref (original->extra);
  return g_steal_pointer (&source);
}

static char *
join (const char * const *strv)
{
  return strv ? g_strjoinv (", ", (char **) strv) : g_strdup ("");
}

/* "RU, BY": a list as typed, or @original when it says the same */
static GStrv
read_list (AdwEntryRow        *row,
           const char * const *original)
{
  g_autofree char *before = join (original);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (g_strcmp0 (before, text) == 0)
    return g_strdupv ((char **) original);
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  {
    g_auto(GStrv) list = g_strv_builder_end (builder);

    return list[0] != NULL ? g_steal_pointer (&list) : NULL;
  }
}

void
dm_event_editor_read_sources (DmEventEditor *self,
                              DmEvent       *candidate)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *notes = NULL;
  g_autofree char *host = dup_text (self->host_row);
  g_auto(GStrv) invited = NULL;
  g_auto(GStrv) tags = NULL;

  dm_event_clear_sources (candidate);
  for (guint i = 0; i < self->sources->len; i++)
    {
      g_autoptr(DmSource) source = read_source (g_ptr_array_index (self->sources, i));

      if (source != NULL)
        dm_event_add_source (candidate, source);
    }
  dm_event_set_host (candidate, host);
  invited = read_list (self->invited_row, self->original ? dm_event_get_invited_by (self->original) : NULL);
  dm_event_set_invited_by (candidate, (const char * const *) invited);
  tags = read_list (self->tags_row, self->original ? dm_event_get_tags (self->original) : NULL);
  dm_event_set_tags (candidate, (const char * const *) tags);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  dm_event_set_notes (candidate, *notes ? notes : NULL);
}

void
dm_event_editor_fill_sources (DmEventEditor *self,
                              DmEvent       *event)
{
  GPtrArray *sources = dm_event_get_sources (event);
  g_autofree char *invited = join (dm_event_get_invited_by (event));
  g_autofree char *tags = join (dm_event_get_tags (event));
  const char *notes = dm_event_get_notes (event);

  for (guint i = 0; i < sources->len; i++)
    add_source (self, g_ptr_array_index (sources, i));
  gtk_editable_set_text (GTK_EDITABLE (self->host_row),
                         dm_event_get_host (event) ? dm_event_get_host (event) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->invited_row), invited);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
}

void
dm_event_editor_init_sources (DmEventEditor *self)
{
  self->sources = g_ptr_array_new_with_free_func (source_free);
  g_signal_connect_swapped (self->add_source_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (dm_event_editor_update), self);
}
