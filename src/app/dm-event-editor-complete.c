/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-editor-private.h"
#include "dm-gazetteer.h"
#include "dm-place-preview.h"

/*
 * Completions under an entry row of the editor (docs/EDITING.md): a popover list that
 * follows what is typed, without taking the focus from the entry (as GtkEntryCompletion
 * did): Down and Up choose, Enter takes the chosen one, Escape hides the list, and a
 * click takes one too. Under a list of places, a small map shows the chosen one (the first
 * until Down or Up chooses another).
 */

typedef struct
{
  DmEventEditor  *editor;
  AdwEntryRow    *row;
  GtkWidget      *popover;
  GtkListBox     *list;
  GtkWidget      *preview;      /* DmPlacePreview */
  GPtrArray      *completions;  /* DmCompletion * */
  DmCompleteFunc  complete;
  void          (*picked) (DmEventEditor *self,
                           AdwEntryRow   *row);
  gboolean        setting;
} Completer;

#define COMPLETER_KEY "dm-completer"
#define MAX_COMPLETIONS 6

void
dm_completion_free (gpointer data)
{
  DmCompletion *c = data;

  g_free (c->text);
  g_free (c->title);
  g_free (c->subtitle);
  g_free (c);
}

static void
completer_free (gpointer data)
{
  Completer *c = data;

  g_clear_pointer (&c->completions, g_ptr_array_unref);
  g_free (c);
}

/* The popover is a child of the row: it goes before the row does */
static void
row_destroy_cb (AdwEntryRow *row,
                Completer   *c)
{
  g_clear_pointer (&c->popover, gtk_widget_unparent);
}

static void
pick (Completer *c,
      guint      position)
{
  DmCompletion *completion;

  if (position >= c->completions->len)
    return;
  completion = g_ptr_array_index (c->completions, position);
  c->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (c->row), completion->text);
  gtk_editable_set_position (GTK_EDITABLE (c->row), -1);
  c->setting = FALSE;
  gtk_popover_popdown (GTK_POPOVER (c->popover));
  g_ptr_array_set_size (c->completions, 0);
  if (c->picked != NULL)
    c->picked (c->editor, c->row);
}

/* The small map shows the completion at @index, if it is a place */
static void
show_preview (Completer *c,
              int        index)
{
  DmCompletion *completion = index >= 0 && (guint) index < c->completions->len
                             ? g_ptr_array_index (c->completions, index) : NULL;

  if (completion != NULL && completion->has_point)
    dm_place_preview_set_point (DM_PLACE_PREVIEW (c->preview), completion->latitude,
                                completion->longitude);
  else
    gtk_widget_set_visible (c->preview, FALSE);
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *item,
                  Completer     *c)
{
  pick (c, gtk_list_box_row_get_index (item));
}

/* Only what the user types is completed, not a text the editor sets */
static gboolean
is_typing_in (AdwEntryRow *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return gtk_widget_get_mapped (GTK_WIDGET (row)) && focus != NULL &&
         gtk_widget_is_ancestor (focus, GTK_WIDGET (row));
}

/* The list pops up under a row the window shows (one scrolled out of sight has no place on
 * the screen for it) */
static gboolean
is_in_view (AdwEntryRow *row)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (row)));
  graphene_rect_t bounds;

  if (root == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), root, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (root);
}

static void
text_changed_cb (AdwEntryRow *row,
                 Completer   *c)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  GtkWidget *child;

  if (c->setting)
    return;
  g_clear_pointer (&c->completions, g_ptr_array_unref);
  c->completions = *text != '\0' && is_typing_in (row)
                   ? c->complete (c->editor, text) : g_ptr_array_new_with_free_func (dm_completion_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (c->list))) != NULL)
    gtk_list_box_remove (c->list, child);
  /* a single completion that is what was typed: nothing to offer */
  if (c->completions->len == 1 &&
      g_strcmp0 (((DmCompletion *) g_ptr_array_index (c->completions, 0))->text, text) == 0)
    g_ptr_array_set_size (c->completions, 0);
  for (guint i = 0; i < c->completions->len; i++)
    {
      DmCompletion *completion = g_ptr_array_index (c->completions, i);
      GtkWidget *item = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), completion->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (item), completion->subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), TRUE);
      gtk_list_box_append (c->list, item);
    }
  show_preview (c, 0);
  if (c->completions->len > 0 && is_in_view (row))
    gtk_popover_popup (GTK_POPOVER (c->popover));
  else
    gtk_popover_popdown (GTK_POPOVER (c->popover));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                Completer             *c)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (c->list);
  int index = selected ? gtk_list_box_row_get_index (selected) : -1;
  int n = c->completions ? (int) c->completions->len : 0;

  if (n == 0 || !gtk_widget_get_visible (c->popover))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      index = (index + 1) % n;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      index = index <= 0 ? n - 1 : index - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (index < 0)
        return FALSE;
      pick (c, index);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_popover_popdown (GTK_POPOVER (c->popover));
      return TRUE;
    default:
      return FALSE;
    }
  gtk_list_box_select_row (c->list, gtk_list_box_get_row_at_index (c->list, index));
  show_preview (c, index);
  return TRUE;
}

void
dm_event_editor_add_completion (DmEventEditor  *self,
                                AdwEntryRow    *row,
                                DmCompleteFunc  complete,
                                void          (*picked) (DmEventEditor *self,
                                                         AdwEntryRow   *row))
{
  Completer *c = g_new0 (Completer, 1);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  c->editor = self;
  c->row = row;
  c->complete = complete;
  c->picked = picked;
  c->completions = g_ptr_array_new_with_free_func (dm_completion_free);
  c->popover = gtk_popover_new ();
  c->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (c->list), "navigation-sidebar");
  gtk_list_box_set_selection_mode (c->list, GTK_SELECTION_SINGLE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (c->list));
  c->preview = dm_place_preview_new ();
  gtk_widget_set_margin_bottom (c->preview, 6);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), c->preview);
  gtk_popover_set_child (GTK_POPOVER (c->popover), box);
  /* the entry keeps the focus: typing goes on while the list follows */
  gtk_popover_set_autohide (GTK_POPOVER (c->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (c->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (c->popover), GTK_POS_BOTTOM);
  gtk_widget_set_size_request (c->popover, 320, -1);
  gtk_widget_set_parent (c->popover, GTK_WIDGET (row));
  g_signal_connect (c->list, "row-activated", G_CALLBACK (row_activated_cb), c);
  g_signal_connect_after (row, "changed", G_CALLBACK (text_changed_cb), c);
  g_signal_connect (row, "destroy", G_CALLBACK (row_destroy_cb), c);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), c);
  gtk_widget_add_controller (GTK_WIDGET (row), keys);
  g_object_set_data_full (G_OBJECT (row), COMPLETER_KEY, c, completer_free);
}

GPtrArray *
dm_event_editor_get_completions (AdwEntryRow *row)
{
  Completer *c = g_object_get_data (G_OBJECT (row), COMPLETER_KEY);

  g_return_val_if_fail (c != NULL, NULL);
  return c->completions;
}

GtkWidget *
dm_event_editor_get_completion_preview (AdwEntryRow *row)
{
  Completer *c = g_object_get_data (G_OBJECT (row), COMPLETER_KEY);

  g_return_val_if_fail (c != NULL, NULL);
  return c->preview;
}

void
dm_event_editor_highlight_completion (AdwEntryRow *row,
                                      guint        position)
{
  Completer *c = g_object_get_data (G_OBJECT (row), COMPLETER_KEY);

  g_return_if_fail (c != NULL);
  g_return_if_fail (position < c->completions->len);
  gtk_list_box_select_row (c->list, gtk_list_box_get_row_at_index (c->list, position));
  show_preview (c, position);
}

void
dm_event_editor_pick_completion (AdwEntryRow *row,
                                 guint        position)
{
  Completer *c = g_object_get_data (G_OBJECT (row), COMPLETER_KEY);

  g_return_if_fail (c != NULL);
  pick (c, position);
}

/* Places of the gazetteer: "Vladivostok", "Russia · 43.11, 131.87"; the text names the
 * country when the name alone would find another place */
GPtrArray *
dm_event_editor_complete_place (DmEventEditor *self,
                                const char    *text)
{
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  g_autoptr(GPtrArray) entries = dm_gazetteer_complete (gazetteer, text, MAX_COMPLETIONS);
  GPtrArray *completions = g_ptr_array_new_with_free_func (dm_completion_free);

  for (guint i = 0; i < entries->len; i++)
    {
      const DmGazetteerEntry *entry = g_ptr_array_index (entries, i);
      const DmCountry *country = dm_gazetteer_lookup_country (gazetteer, entry->country);
      const char *country_name = country ? dm_gazetteer_country_get_display_name (gazetteer, country)
                                         : entry->country;
      DmCompletion *c = g_new0 (DmCompletion, 1);

      c->title = g_strdup (entry->name);
      /* Translators: a place offered as the user types: its country and coordinates */
      c->subtitle = g_strdup_printf (_("%s · %.2f, %.2f"), country_name, entry->latitude,
                                     entry->longitude);
      c->has_point = TRUE;
      c->latitude = entry->latitude;
      c->longitude = entry->longitude;
      c->text = dm_gazetteer_lookup (gazetteer, entry->name, NULL) == entry
                ? g_strdup (entry->name) : g_strdup_printf ("%s, %s", entry->name, entry->country);
      g_ptr_array_add (completions, c);
    }
  return completions;
}
