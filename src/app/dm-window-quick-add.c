/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dm-command.h"
#include "dm-event-list.h"
#include "dm-quick-add.h"
#include "dm-window-private.h"

/*
 * Quick add (docs/EDITING.md): one line of text made into an event by dm_quick_add_parse.
 * win.quick-add with a line adds it at once; Ctrl+L opens a dialog whose preview says what
 * the line makes, or what in it cannot be resolved, as it is typed; those pieces are
 * underlined in the entry itself.
 */

/* The year of dates that give none: the document's, else this year */
static int
default_year (DmWindow *self)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (dm_document_dup_dates (self->document, &first, &last) && strlen (first) >= 4)
    return atoi (first);
  now = g_date_time_new_now_local ();
  return g_date_time_get_year (now);
}

static DmEvent *
parse (DmWindow    *self,
       const char  *line,
       GArray     **spans,
       GError     **error)
{
  return dm_quick_add_parse_full (self->document, line, default_year (self), NULL, spans, error);
}

/* Adds the line's event; FALSE (with a toast) when the line cannot be resolved */
gboolean
dm_window_quick_add (DmWindow   *self,
                     const char *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DmEvent) event = parse (self, line, NULL, &error);
  g_autoptr(DmCommand) command = NULL;

  if (event == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }
  dm_event_set_origin (event, dm_window_get_new_event_origin (self), 0, 0);
  command = dm_command_new_add_event (self->document, event);
  dm_undo_stack_push (self->undo_stack, command);
  return TRUE;
}

static char *
describe (DmEvent *event)
{
  g_autofree char *title = dm_event_dup_display_title (event);
  g_autofree char *when = dm_event_list_dup_subtitle (event);

  return g_strdup_printf ("%s\n%s", title, when);
}

/* The pieces of the line that cannot be resolved, underlined in the error colour where they
 * are typed (the preview names them too, in words) */
static void
mark_unresolved (GtkEntry *entry,
                 GArray   *spans)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  GdkRGBA color = { 0.88, 0.11, 0.14, 1.0 };  /* libadwaita's @error_color */

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (entry)),
                                  "error_color", &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      DmQuickAddSpan *span = &g_array_index (spans, DmQuickAddSpan, i);
      PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      PangoAttribute *underline_color = pango_attr_underline_color_new (color.red * 65535,
                                                                        color.green * 65535,
                                                                        color.blue * 65535);

      underline->start_index = underline_color->start_index = span->start;
      underline->end_index = underline_color->end_index = span->end;
      pango_attr_list_insert (attrs, underline);
      pango_attr_list_insert (attrs, underline_color);
    }
  gtk_entry_set_attributes (entry, attrs);
}

static void
entry_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  DmWindow *self = DM_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  const char *line = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(DmEvent) event = *line ? parse (self, line, &spans, &error) : NULL;
  g_autofree char *preview = event ? describe (event) : NULL;

  mark_unresolved (GTK_ENTRY (entry), spans);
  adw_message_dialog_set_body (dialog, preview ? preview : error ? error->message : "");
  adw_message_dialog_set_response_enabled (dialog, "add", event != NULL);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkEditable      *entry)
{
  DmWindow *self = DM_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  if (g_strcmp0 (response, "add") == 0)
    dm_window_quick_add (self, gtk_editable_get_text (entry));
}

static void
entry_activate_cb (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

GtkWindow *
dm_window_show_quick_add (DmWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  /* Translators: a dialog's heading: one line of text becomes an event */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Quick Add"), "");
  /* Translators: an example in the quick add entry; keep it as it is: quick add reads English
   * words ("at", month names) only, for now */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Trump at Gyeongju 29-30 Oct 2025"));
  gtk_widget_set_size_request (entry, 420, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (entry_activate_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), entry, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return GTK_WINDOW (dialog);
}

static void
quick_add_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  DmWindow *self = user_data;

  g_assert (DM_IS_WINDOW (self));
  dm_window_quick_add (self, g_variant_get_string (param, NULL));
}

static void
show_quick_add_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  g_assert (DM_IS_WINDOW (user_data));
  dm_window_show_quick_add (user_data);
}

void
dm_window_init_quick_add (DmWindow *self)
{
  static const GActionEntry entries[] = {
    { "quick-add", quick_add_action, "s" },
    { "show-quick-add", show_quick_add_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}
