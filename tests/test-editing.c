/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-application.h"
#include "dm-event-editor-private.h"
#include "dm-event-list-private.h"
#include "dm-loader.h"
#include "dm-place-preview.h"
#include "dm-timeline-private.h"
#include "dm-window-private.h"
#include "interop-common.h"

/* Editing in the window as a user does it, through the window's actions (docs/EDITING.md):
 * delete, duplicate, undo and redo, the title's "•" and the menu's label, save, reopen. */

/* A copy of @source in a new temporary folder: tests write to it */
static GFile *
copy_to_temp (GFile      *source,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("diplomap-editing-XXXXXX", &error);
  g_autofree char *path = NULL;
  GFile *copy;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  copy = g_file_new_for_path (path);
  g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return copy;
}

static DmWindow *
open_window_with (GFile *file)
{
  DmWindow *win = app_test_open_window ();

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  return win;
}

static guint
n_events (DmDocument *doc)
{
  return g_list_model_get_n_items (dm_document_get_events (doc));
}

static char *
dup_menu_label (GMenuModel *menu,
                guint       index)
{
  char *label = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  return label;
}

static gboolean
action_enabled (DmWindow   *win,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (win), name);
}

static GBytes *
read_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  return g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), needle) != NULL;
}

static void
test_delete_undo_save (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  guint n = n_events (doc), n_list, n_shown;
  g_autofree char *undo_label = NULL;
  g_autofree char *plain_title = g_strdup (adw_window_title_get_title (win->window_title));
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDocument) reopened = NULL;

  g_assert_false (dm_window_get_modified (win));
  g_assert_false (action_enabled (win, "undo"));
  n_list = g_list_model_get_n_items (dm_event_list_get_model (win->event_list));
  n_shown = n_events (win->shown);
  g_assert_cmpuint (n_list, ==, n);

  dm_window_set_selected_event (win, dm_document_lookup_event (doc, "apec-2025"));
  g_assert_true (action_enabled (win, "delete-selected"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event",
                                  g_variant_new_string ("apec-2025"));
  /* the document, the list, and what the map and timeline draw, at once */
  g_assert_null (dm_document_lookup_event (doc, "apec-2025"));
  g_assert_cmpuint (n_events (doc), ==, n - 1);
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_model (win->event_list)), ==, n_list - 1);
  g_assert_cmpuint (n_events (win->shown), ==, n_shown - 1);
  g_assert_null (dm_window_get_selected_event (win));
  g_assert_false (action_enabled (win, "delete-selected"));
  /* the title says there are unsaved changes; the menu names the change */
  g_assert_true (dm_window_get_modified (win));
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (win->window_title), "• "));
  g_assert_true (g_str_has_suffix (adw_window_title_get_title (win->window_title), plain_title));
  undo_label = dup_menu_label (G_MENU_MODEL (win->undo_menu), 0);
  g_assert_cmpstr (undo_label, ==, "_Undo Delete “APEC Economic Leaders' Meeting”");
  g_assert_true (action_enabled (win, "undo"));

  g_action_group_activate_action (G_ACTION_GROUP (win), "undo", NULL);
  g_assert_nonnull (dm_document_lookup_event (doc, "apec-2025"));
  g_assert_cmpuint (n_events (win->shown), ==, n_shown);
  g_assert_true (dm_window_get_selected_event (win) == dm_document_lookup_event (doc, "apec-2025"));
  g_assert_false (dm_window_get_modified (win));
  g_assert_cmpstr (adw_window_title_get_title (win->window_title), ==, plain_title);
  g_assert_true (action_enabled (win, "redo"));

  g_action_group_activate_action (G_ACTION_GROUP (win), "redo", NULL);
  g_assert_null (dm_document_lookup_event (doc, "apec-2025"));
  g_assert_true (dm_window_can_save (win));
  g_action_group_activate_action (G_ACTION_GROUP (win), "save", NULL);
  g_assert_false (dm_window_get_modified (win));
  saved = read_bytes (file);
  g_assert_false (bytes_contain (saved, "apec-2025"));
  g_assert_true (bytes_contain (saved, "trump-xi"));
  /* a file saved twice is byte-identical */
  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  saved_again = read_bytes (file);
  g_assert_true (g_bytes_equal (saved, saved_again));

  /* reopened, it says the same */
  reopened = interop_load (file);
  interop_assert_same_events (doc, reopened, NULL);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_duplicate (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  DmEvent *apec = dm_document_lookup_event (doc, "apec-2025");
  DmEvent *copy;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;

  dm_window_set_selected_event (win, apec);
  g_action_group_activate_action (G_ACTION_GROUP (win), "duplicate-selected", NULL);
  copy = dm_document_lookup_event (doc, "apec-2025-2");
  g_assert_nonnull (copy);
  g_assert_true (dm_window_get_selected_event (win) == copy);
  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  saved = read_bytes (file);
  g_assert_true (bytes_contain (saved, "\"apec-2025-2\""));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A file of another format is never overwritten: Save needs a name, Save As writes .diplomap */
static void
test_foreign_format (void)
{
  g_autoptr(GFile) csv = interop_file ("spreadsheet.csv");
  g_autoptr(GFile) file = copy_to_temp (csv, "spreadsheet.csv");
  g_autoptr(GBytes) before = read_bytes (file);
  g_autoptr(GBytes) after = NULL;
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  g_autoptr(DmEvent) first = g_list_model_get_item (dm_document_get_events (doc), 0);
  g_autofree char *id = g_strdup (dm_event_get_id (first));
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) target = g_file_get_child (parent, "spreadsheet.diplomap");
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDocument) reopened = NULL;

  g_assert_nonnull (id);
  g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event", g_variant_new_string (id));
  g_assert_true (dm_window_get_modified (win));
  g_assert_false (dm_window_can_save (win));
  g_assert_false (dm_window_save (win, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_true (dm_window_save_as (win, target, &error));
  g_assert_no_error (error);
  g_assert_false (dm_window_get_modified (win));
  g_assert_true (dm_window_can_save (win));
  after = read_bytes (file);
  g_assert_true (g_bytes_equal (before, after));
  reopened = interop_load (target);
  interop_assert_same_events (doc, reopened, NULL);
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Closing with unsaved changes asks; Cancel keeps the window, Discard closes it */
static void
test_close_asks (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  g_autoptr(GBytes) before = read_bytes (file);
  g_autoptr(GBytes) after = NULL;
  DmWindow *win = open_window_with (file);
  GtkWindow *dialog;

  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &win);
  g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event",
                                  g_variant_new_string ("trump-xi"));
  gtk_window_close (GTK_WINDOW (win));
  app_test_wait (50);
  g_assert_nonnull (win);
  dialog = dm_window_get_close_dialog (win);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_object_ref (dialog);
  /* Escape: the dialog's close response, Cancel */
  gtk_window_close (dialog);
  /* the dialog is hidden; the window stays (waited on, not for a fixed time: the machine
   * running the suite may be loaded) */
  g_assert_true (app_test_wait_until (is_hidden, dialog, 60000));
  g_object_unref (dialog);
  g_assert_nonnull (win);
  g_assert_true (dm_window_get_modified (win));

  gtk_window_close (GTK_WINDOW (win));
  dialog = dm_window_get_close_dialog (win);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_assert_true (app_test_wait_until (is_null, &win, 60000));
  /* discarded: the file is as it was */
  after = read_bytes (file);
  g_assert_true (g_bytes_equal (before, after));
}

/* Quitting (app.quit, Ctrl+Q) in a running application whose window has unsaved changes */
typedef struct
{
  GApplication *app;
  DmWindow     *win;
  guint         after_id;
  guint         timeout_id;
  gboolean      cancelled;  /* the dialog answered Cancel */
  gboolean      after;      /* the application was still running after that */
  gboolean      timed_out;
} QuitTest;

static GtkWindow *
quit_and_wait_for_dialog (QuitTest *t)
{
  GtkWindow *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (t->app), "quit", NULL);
  app_test_wait (50);
  /* it asks, as closing does, and the window stays */
  g_assert_nonnull (t->win);
  dialog = dm_window_get_close_dialog (t->win);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "discard"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "save"));
  return dialog;
}

/* The button of @widget (or inside it) labelled @label */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Run by the application's own loop after Cancel: it is still running; now Discard */
static gboolean
quit_after_cancel_cb (gpointer data)
{
  QuitTest *t = data;
  GtkWindow *dialog;

  t->after_id = 0;
  t->after = TRUE;
  g_assert_nonnull (t->win);
  g_assert_true (dm_window_get_modified (t->win));
  dialog = quit_and_wait_for_dialog (t);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  /* the last window closes: g_application_run() returns */
  return G_SOURCE_REMOVE;
}

static gboolean
quit_steps_cb (gpointer data)
{
  QuitTest *t = data;
  GtkWindow *dialog;

  g_assert_true (app_test_wait_until (app_test_window_loaded, t->win, 10000));
  g_action_group_activate_action (G_ACTION_GROUP (t->win), "quick-add",
                                  g_variant_new_string ("Trump at Gyeongju 29-30 Oct 2025"));
  g_assert_true (dm_window_get_modified (t->win));
  g_assert_cmpuint (n_events (dm_window_get_document (t->win)), ==, 1);

  dialog = quit_and_wait_for_dialog (t);
  g_object_ref (dialog);
  /* the Cancel button, clicked */
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "_Cancel"));
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Cancel"), "clicked");
  g_assert_true (app_test_wait_until (is_hidden, dialog, 60000));
  g_object_unref (dialog);
  /* Cancel keeps the window and its change */
  g_assert_nonnull (t->win);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (t->win)));
  g_assert_true (dm_window_get_modified (t->win));
  g_assert_cmpuint (n_events (dm_window_get_document (t->win)), ==, 1);
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (t->win->window_title), "• "));
  t->cancelled = TRUE;
  /* had quit been called anyway, g_application_run() would return before this runs */
  t->after_id = g_timeout_add (200, quit_after_cancel_cb, t);
  return G_SOURCE_REMOVE;
}

/* Instead of the application's own activate (which may offer to restore what another test
 * left autosaved): one empty window */
static void
quit_activate_cb (GApplication *app,
                  QuitTest     *t)
{
  t->win = dm_window_new (GTK_APPLICATION (app));
  g_object_add_weak_pointer (G_OBJECT (t->win), (gpointer *) &t->win);
  gtk_window_set_default_size (GTK_WINDOW (t->win), 1200, 800);
  gtk_window_present (GTK_WINDOW (t->win));
  g_idle_add (quit_steps_cb, t);
  g_signal_stop_emission_by_name (app, "activate");
}

static gboolean
quit_timeout_cb (gpointer data)
{
  QuitTest *t = data;

  t->timeout_id = 0;
  t->timed_out = TRUE;
  g_application_quit (t->app);
  return G_SOURCE_REMOVE;
}

static void
test_quit_asks (void)
{
  g_autoptr(DmApplication) app = dm_application_new ();
  QuitTest t = { G_APPLICATION (app) };
  g_auto(GStrv) accels = NULL;

  /* no bus name of its own: other instances may run */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (quit_activate_cb), &t);
  t.timeout_id = g_timeout_add_seconds (180, quit_timeout_cb, &t);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_clear_handle_id (&t.timeout_id, g_source_remove);
  g_clear_handle_id (&t.after_id, g_source_remove);
  g_assert_false (t.timed_out);
  g_assert_true (t.cancelled);
  g_assert_true (t.after);
  /* Discard closed the window */
  g_assert_null (t.win);
  /* Ctrl+Q is app.quit */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstrv (accels, ((const char *[]) { "<Control>q", NULL }));
}

/* Save in the close dialog saves, then closes */
static void
test_close_saves (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  g_autoptr(GBytes) after = NULL;
  DmWindow *win = open_window_with (file);

  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &win);
  g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event",
                                  g_variant_new_string ("trump-xi"));
  gtk_window_close (GTK_WINDOW (win));
  g_assert_nonnull (win);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dm_window_get_close_dialog (win)), "save");
  g_assert_true (app_test_wait_until (is_null, &win, 5000));
  after = read_bytes (file);
  g_assert_false (bytes_contain (after, "trump-xi"));
}

static gboolean
has_problem (DmEventEditor *editor,
             const char    *message)
{
  for (guint i = 0; i < editor->problems->len; i++)
    if (g_strcmp0 (g_ptr_array_index (editor->problems, i), message) == 0)
      return TRUE;
  return FALSE;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autoptr(GdkTexture) shot = NULL;

  g_assert_true (app_test_wait_frames (widget, 3));
  shot = app_test_render (widget);
  app_test_save (shot, name);
}

/* Edit a date in the editor: problems in --check's words as it is typed, then the change,
 * undone, saved, reopened */
static void
test_editor_edit_date (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  DmEvent *apec = dm_document_lookup_event (doc, "apec-2025");
  DmEventEditor *editor;
  DmEvent *edited;
  g_autofree char *start = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDocument) reopened = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (win), "edit-event",
                                  g_variant_new_string ("apec-2025"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->title_row)), ==,
                   "APEC Economic Leaders' Meeting");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->place_row)), ==, "Gyeongju");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->start_row)), ==, "2025-10-31");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  shoot (GTK_WIDGET (editor), "event-editor.png");

  /* typed past the end: the reader's words, and Save waits */
  set_text (editor->start_row, "2025-11-05");
  shoot (GTK_WIDGET (editor), "event-editor-problem.png");
  g_assert_true (has_problem (editor, "The event ends before it starts"));
  g_assert_false (gtk_widget_get_sensitive (editor->save_button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->problems_group)));
  set_text (editor->place_row, "Atlantis of the Deep");
  g_assert_true (has_problem (editor, "Unknown place “Atlantis of the Deep”: declare it in “places” or give {\"lat\": …, \"lon\": …}"));
  set_text (editor->place_row, "Gyeongju");
  set_text (editor->start_row, "2025-10-30~");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  g_assert_true (gtk_widget_get_sensitive (editor->save_button));
  g_signal_emit_by_name (editor->save_button, "clicked");
  g_assert_null (dm_window_get_editor (win));

  edited = dm_document_lookup_event (doc, "apec-2025");
  g_assert_true (edited != apec);
  g_assert_true (dm_event_get_start (edited)->approximate);
  start = dm_time_to_iso (dm_event_get_start (edited), dm_place_get_zone (dm_event_get_place (edited)));
  g_assert_cmpstr (start, ==, "2025-10-30~");
  g_assert_true (dm_window_get_selected_event (win) == edited);
  g_assert_true (dm_window_get_modified (win));

  g_action_group_activate_action (G_ACTION_GROUP (win), "undo", NULL);
  g_assert_true (dm_document_lookup_event (doc, "apec-2025") == apec);
  g_action_group_activate_action (G_ACTION_GROUP (win), "redo", NULL);
  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  saved = read_bytes (file);
  g_assert_true (bytes_contain (saved, "\"2025-10-30~\""));
  reopened = interop_load (file);
  interop_assert_same_events (doc, reopened, NULL);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A new visit through the editor: the place resolves through the gazetteer as typed */
static void
test_editor_new_visit (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  guint n = n_events (doc);
  DmEventEditor *editor;
  DmEvent *visit;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (win), "new-event", g_variant_new_string ("visit"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  g_assert_nonnull (editor);
  g_assert_cmpuint (adw_combo_row_get_selected (editor->kind_row), ==, DM_EVENT_KIND_VISIT);
  g_assert_true (has_problem (editor, "A visit needs a “place”"));
  g_assert_true (has_problem (editor, "A visit needs an “actor”: who visits"));
  g_assert_true (has_problem (editor, "A visit needs a “start” time"));
  set_text (editor->title_row, "Choe Son Hui in Vladivostok");
  adw_combo_row_set_selected (editor->actor_row, 1); /* Choe Son Hui, the first actor */
  set_text (editor->place_row, "Vladivostok");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->match_row)));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (editor->match_row)), "RU"));
  set_text (editor->start_row, "2025-11-06");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  shoot (GTK_WIDGET (editor), "event-editor-new.png");
  g_signal_emit_by_name (editor->save_button, "clicked");

  g_assert_cmpuint (n_events (doc), ==, n + 1);
  visit = dm_document_lookup_event (doc, "visit");
  g_assert_nonnull (visit);
  g_assert_cmpstr (dm_actor_get_id (dm_event_get_actor (visit)), ==, "choe");

  /* a new event made a trip gets its first leg to type in */
  g_action_group_activate_action (G_ACTION_GROUP (win), "new-event", g_variant_new_string ("meeting"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  g_assert_cmpuint (editor->legs->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->legs_group)));
  adw_combo_row_set_selected (editor->kind_row, DM_EVENT_KIND_TRIP);
  g_assert_cmpuint (editor->legs->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->legs_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->where_group)));
  g_assert_true (has_problem (editor, "The first leg needs a “from”"));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (visit)), ==, "RU");
  g_assert_true (g_file_equal (dm_event_get_file (visit), file));
  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  saved = read_bytes (file);
  g_assert_true (bytes_contain (saved, "Choe Son Hui in Vladivostok"));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A new actor made in the editor takes its colour from the document's owner of colours at
 * once: the list's dot and the timeline show it in that colour, not the grey of no actor */
static void
test_editor_new_actor_color (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  DmEventEditor *editor;
  DmEvent *visit;
  DmActor *ishiba;
  DmRgba expected, in_timeline;
  int index;

  g_action_group_activate_action (G_ACTION_GROUP (win), "new-event", g_variant_new_string ("visit"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  set_text (editor->participant_row, "Shigeru Ishiba");
  set_text (editor->new_country_row, "Japan");
  g_signal_emit_by_name (editor->new_country_row, "entry-activated");
  /* the new actor, last in the list of actors, is the visit's actor */
  adw_combo_row_set_selected (editor->actor_row, 6);
  set_text (editor->place_row, "Tokyo");
  set_text (editor->start_row, "2025-11-06");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  g_signal_emit_by_name (editor->save_button, "clicked");

  visit = dm_document_lookup_event (doc, "visit");
  g_assert_nonnull (visit);
  ishiba = dm_event_get_actor (visit);
  g_assert_cmpstr (dm_actor_get_id (ishiba), ==, "shigeru-ishiba");
  index = dm_document_get_actor_color_index (doc, ishiba);
  g_assert_cmpint (index, >=, 0);
  expected = dm_route_actor_color (doc, ishiba);
  g_assert_cmphex (dm_rgba_to_hex (&expected), ==, dm_rgba_to_hex ((DmRgba[]) { dm_route_palette_color (index) }));
  g_assert_cmphex (dm_rgba_to_hex (&expected), !=, DM_ROUTE_COLOR_NO_ACTOR);
  g_assert_cmphex (dm_event_list_dot_color (win->event_list, visit), ==, dm_rgba_to_hex (&expected));
  g_assert_nonnull (win->timeline->route_set);
  in_timeline = dm_route_set_get_actor_color (win->timeline->route_set, ishiba);
  g_assert_cmphex (dm_rgba_to_hex (&in_timeline), ==, dm_rgba_to_hex (&expected));
  gtk_window_destroy (GTK_WINDOW (win));
}

static guint
n_completions_named (AdwEntryRow *row,
                     const char  *title)
{
  GPtrArray *completions = dm_event_editor_get_completions (row);

  for (guint i = 0; i < completions->len; i++)
    if (g_strcmp0 (((DmCompletion *) g_ptr_array_index (completions, i))->title, title) == 0)
      return i + 1;
  return 0;
}

/* Typed into a mapped row: the completions follow; the one named @title is taken */
static GtkWidget *
find_popover (GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      return child;
  return NULL;
}

static void
type_and_pick (DmEventEditor *editor,
               AdwEntryRow   *row,
               const char    *typed,
               const char    *title,
               const char    *shot)
{
  guint position;

  /* typed: the row has the focus, and is scrolled into view */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (editor), 3));
  set_text (row, typed);
  position = n_completions_named (row, title);
  g_assert_cmpuint (position, >, 0);
  if (shot != NULL)
    {
      /* the list pops up under the row it completes (when the row is in view) */
      g_assert_true (gtk_widget_get_visible (find_popover (GTK_WIDGET (row))));
      shoot (GTK_WIDGET (editor), shot);
      {
        g_autoptr(GdkTexture) list = app_test_render (find_popover (GTK_WIDGET (row)));
        g_autofree char *name = g_strconcat ("list-", shot, NULL);

        app_test_save (list, name);
      }
    }
  dm_event_editor_pick_completion (row, position - 1);
  g_assert_cmpuint (dm_event_editor_get_completions (row)->len, ==, 0);
}

/* The preview's pixels: the dot (red) at its centre; how many pixels differ from @other */
static guint
count_differing (GdkTexture *a,
                 GdkTexture *b)
{
  guint n = 0;

  g_assert_cmpint (gdk_texture_get_width (a), ==, gdk_texture_get_width (b));
  g_assert_cmpint (gdk_texture_get_height (a), ==, gdk_texture_get_height (b));
  for (int y = 0; y < gdk_texture_get_height (a); y += 2)
    for (int x = 0; x < gdk_texture_get_width (a); x += 2)
      if (!app_test_color_near (app_test_pixel (a, x, y), app_test_pixel (b, x, y), 24))
        n++;
  return n;
}

static GdkTexture *
render_preview (GtkWidget *preview,
                double     latitude,
                double     longitude)
{
  double lat, lon;
  GdkTexture *texture;
  int w, h;

  g_assert_true (gtk_widget_get_visible (preview));
  g_assert_true (dm_place_preview_get_point (DM_PLACE_PREVIEW (preview), &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lat, latitude, 0.2);
  g_assert_cmpfloat_with_epsilon (lon, longitude, 0.2);
  g_assert_true (app_test_wait_frames (preview, 3));
  texture = app_test_render (preview);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  g_assert_cmpint (w, >=, 100);
  /* the dot on the place, at the centre */
  g_assert_true (app_test_color_near (app_test_pixel (texture, w / 2, h / 2), 0xbf1c29, 40));
  /* a map around it: not one colour */
  g_assert_false (app_test_color_near (app_test_pixel (texture, w / 2, h / 2),
                                       app_test_pixel (texture, 10, 10), 40));
  return texture;
}

/* A texture's pixels, downloaded once (app_test_pixel downloads the texture each time) */
typedef struct
{
  int     width, height;
  guchar *data;
} Pixels;

static Pixels
download_pixels (GdkTexture *texture)
{
  Pixels p = { gdk_texture_get_width (texture), gdk_texture_get_height (texture), NULL };

  p.data = g_malloc (p.width * 4 * p.height);
  gdk_texture_download (texture, p.data, p.width * 4);
  return p;
}

/* 0xRRGGBB, as app_test_pixel */
static guint32
pixel_at (const Pixels *p,
          int           x,
          int           y)
{
  const guchar *q = p->data + y * p->width * 4 + x * 4;

  return (q[2] << 16) | (q[1] << 8) | q[0];
}

static guint
count_differing_at (const Pixels *whole,
                    const Pixels *alone,
                    int           x0,
                    int           y0,
                    int           step)
{
  guint n = 0;

  g_assert_cmpint (x0, >=, 0);
  g_assert_cmpint (y0, >=, 0);
  g_assert_cmpint (x0 + alone->width, <=, whole->width);
  g_assert_cmpint (y0 + alone->height, <=, whole->height);
  for (int y = 0; y < alone->height; y += step)
    for (int x = 0; x < alone->width; x += step)
      if (!app_test_color_near (pixel_at (alone, x, y), pixel_at (whole, x0 + x, y0 + y), 24))
        n++;
  return n;
}

/* How many of @preview's own pixels (@alone_texture) differ in @editor's picture, where
 * they match best (a window's picture may be a few pixels off its widgets' bounds); its
 * centre (the dot) is near the dot's red there */
static guint
count_differing_in (GtkWidget  *editor,
                    GtkWidget  *preview,
                    GdkTexture *alone_texture,
                    gboolean   *dot)
{
  g_autoptr(GdkTexture) whole_texture = app_test_render (editor);
  Pixels whole = download_pixels (whole_texture);
  Pixels alone = download_pixels (alone_texture);
  graphene_rect_t bounds;
  int best_x = 0, best_y = 0;
  guint best = G_MAXUINT, n;

  g_assert_true (gtk_widget_compute_bounds (preview, editor, &bounds));
  for (int dy = -8; dy <= 8; dy++)
    for (int dx = -8; dx <= 8; dx++)
      {
        int x = (int) roundf (bounds.origin.x) + dx, y = (int) roundf (bounds.origin.y) + dy;

        if ((n = count_differing_at (&whole, &alone, x, y, 2)) < best)
          {
            best = n;
            best_x = x;
            best_y = y;
          }
      }
  *dot = app_test_color_near (pixel_at (&whole, best_x + alone.width / 2, best_y + alone.height / 2),
                              0xbf1c29, 40);
  g_test_message ("preview at %d,%d (bounds %g,%g): centre %06x, alone %06x; %u differ",
                  best_x, best_y, bounds.origin.x, bounds.origin.y,
                  pixel_at (&whole, best_x + alone.width / 2, best_y + alone.height / 2),
                  pixel_at (&alone, alone.width / 2, alone.height / 2), best);
  g_free (whole.data);
  g_free (alone.data);
  return best;
}

/* The place entry shows the completion chosen in the list on a small map drawn from the
 * bundled base map (a dot on the place), and the place taken beside the match */
static void
test_editor_place_preview (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmEventEditor *editor;
  GtkWidget *preview;
  GPtrArray *completions;
  g_autoptr(GdkTexture) moscow = NULL;
  g_autoptr(GdkTexture) minsk = NULL;
  g_autoptr(GdkTexture) chosen = NULL;
  DmCompletion *first, *second;
  guint position;

  g_action_group_activate_action (G_ACTION_GROUP (win), "new-event", g_variant_new_string ("visit"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  preview = dm_event_editor_get_completion_preview (editor->place_row);
  gtk_widget_grab_focus (GTK_WIDGET (editor->place_row));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (editor), 3));

  /* typed in another script: the first completion is shown */
  set_text (editor->place_row, "Москв");
  g_assert_cmpuint (n_completions_named (editor->place_row, "Moscow"), ==, 1);
  g_assert_true (gtk_widget_get_visible (find_popover (GTK_WIDGET (editor->place_row))));
  moscow = render_preview (preview, 55.75, 37.62);
  shoot (GTK_WIDGET (editor), "event-editor-place-preview.png");
  {
    g_autoptr(GdkTexture) list = app_test_render (find_popover (GTK_WIDGET (editor->place_row)));

    app_test_save (list, "list-event-editor-place-preview.png");
  }
  app_test_save (moscow, "place-preview-moscow.png");

  set_text (editor->place_row, "Minsk");
  position = n_completions_named (editor->place_row, "Minsk");
  g_assert_cmpuint (position, >, 0);
  minsk = render_preview (preview, 53.90, 27.57);
  app_test_save (minsk, "place-preview-minsk.png");
  /* another part of the world around the dot */
  g_assert_cmpuint (count_differing (moscow, minsk), >, 300);

  /* Down chooses another completion: the map follows it */
  set_text (editor->place_row, "San");
  completions = dm_event_editor_get_completions (editor->place_row);
  g_assert_cmpuint (completions->len, >=, 2);
  first = g_ptr_array_index (completions, 0);
  second = g_ptr_array_index (completions, 1);
  g_assert_true (first->has_point && second->has_point);
  g_assert_true (fabs (first->latitude - second->latitude) + fabs (first->longitude - second->longitude) > 1);
  g_clear_object (&minsk);
  minsk = render_preview (preview, first->latitude, first->longitude);
  dm_event_editor_highlight_completion (editor->place_row, 1);
  g_clear_object (&moscow);
  moscow = render_preview (preview, second->latitude, second->longitude);
  g_assert_cmpuint (count_differing (moscow, minsk), >, 300);

  /* taken: the match under the entry has its own map */
  set_text (editor->place_row, "Minsk");
  position = n_completions_named (editor->place_row, "Minsk");
  dm_event_editor_pick_completion (editor->place_row, position - 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->match_row)));
  chosen = render_preview (editor->place_preview, 53.90, 27.57);
  shoot (GTK_WIDGET (editor), "event-editor-place-chosen.png");
  /* drawn in the editor as it is alone, not faded with the row's dim words */
  {
    gboolean dot;
    guint n = count_differing_in (GTK_WIDGET (editor), editor->place_preview, chosen, &dot);

    /* (a few hundred of the 4,000 compared differ where the picture's offset is fractional) */
    g_assert_true (dot);
    g_assert_cmpuint (n, <, 1000);
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Runs the window's own shortcut for @accel, as a key press that no focused widget took */
static gboolean
press_key (DmWindow   *win,
           const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (win));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (sc), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (sc), 0, GTK_WIDGET (win),
                                                 gtk_shortcut_get_arguments (sc));
        }
    }
  return FALSE;
}

/* The Delete key deletes the selected event (one command, undone by Ctrl+Z's action) */
static void
test_delete_key (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  DmWindow *win = open_window_with (sample);
  DmDocument *doc = dm_window_get_document (win);
  guint n = n_events (doc);

  /* nothing selected: nothing deleted */
  g_assert_false (press_key (win, "Delete") && n_events (doc) != n);
  g_assert_cmpuint (n_events (doc), ==, n);
  dm_window_set_selected_event (win, dm_document_lookup_event (doc, "apec-2025"));
  g_assert_true (press_key (win, "Delete"));
  g_assert_cmpuint (n_events (doc), ==, n - 1);
  g_assert_null (dm_document_lookup_event (doc, "apec-2025"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "undo", NULL);
  g_assert_nonnull (dm_document_lookup_event (doc, "apec-2025"));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A new trip, visit, summit or meeting each has a shortcut (Shift+Ctrl+T, V, U, M) naming
 * win.new-event with its type, which opens the editor for that type */
static void
test_new_event_shortcuts (void)
{
  static const struct { const char *kind, *accel; DmEventKind expected; } cases[] = {
    { "trip", "<Shift><Control>t", DM_EVENT_KIND_TRIP },
    { "visit", "<Shift><Control>v", DM_EVENT_KIND_VISIT },
    { "summit", "<Shift><Control>u", DM_EVENT_KIND_SUMMIT },
    { "meeting", "<Shift><Control>m", DM_EVENT_KIND_MEETING },
  };
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.diplomap.ShortcutTest",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GFile) sample = interop_sample ();
  DmWindow *win = open_window_with (sample);

  dm_application_set_accels (app);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.new-event::%s", cases[i].kind);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, detailed);
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (app, cases[i].accel);
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;
      DmEventEditor *editor;

      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_cmpstr (accels[0], ==, cases[i].accel);
      /* the shortcut is this action's only */
      g_assert_cmpuint (g_strv_length (actions), ==, 1);
      g_assert_cmpstr (actions[0], ==, detailed);
      g_assert_true (g_action_parse_detailed_name (actions[0], &name, &target, NULL));
      g_assert_true (g_str_has_prefix (name, "win."));
      g_action_group_activate_action (G_ACTION_GROUP (win), name + 4, target);
      editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
      g_assert_nonnull (editor);
      g_assert_cmpuint (adw_combo_row_get_selected (editor->kind_row), ==, cases[i].expected);
      g_assert_cmpuint (editor->legs->len, ==, cases[i].expected == DM_EVENT_KIND_TRIP ? 1 : 0);
      gtk_window_destroy (GTK_WINDOW (editor));
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* An existing trip in the editor: its legs, sources, tags and notes are filled in, and
 * saving it unchanged changes nothing in the file */
static void
test_editor_trip_unchanged (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmEventEditor *editor;
  DmEditorLeg *leg;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  before = read_bytes (file);
  g_action_group_activate_action (G_ACTION_GROUP (win), "edit-event", g_variant_new_string ("choe-tour"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->legs_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->where_group)));
  g_assert_cmpuint (editor->legs->len, ==, 3);
  leg = g_ptr_array_index (editor->legs, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (leg->from_row)), ==, "Moscow");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (leg->to_row)), ==, "Minsk");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (leg->depart_row)), ==, "2025-10-28~");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (leg->expander)), ==, "2. Moscow → Minsk");
  g_assert_cmpuint (editor->sources->len, ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->tags_row)), ==, "North Korea, Russia, Belarus");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->invited_row)), ==, "RU, BY");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  g_signal_emit_by_name (editor->save_button, "clicked");
  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  after = read_bytes (file);
  g_assert_true (g_bytes_equal (before, after));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A new trip through the editor: legs typed with completions from the gazetteer, moved and
 * removed; a participant from the document and a new actor; a source, host and notes; one
 * command, undone and redone, saved and read back */
static void
test_editor_new_trip (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  guint n = n_events (doc), n_undo;
  DmEventEditor *editor;
  DmEditorLeg *first, *second, *third;
  DmEditorSource *source;
  DmEvent *trip;
  DmLeg *leg;
  DmActor *ishiba;
  GPtrArray *legs, *parts;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDocument) reopened = NULL;
  g_autofree char *undo_label = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (win), "new-event", g_variant_new_string ("trip"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  g_assert_cmpuint (editor->legs->len, ==, 1);
  g_assert_true (has_problem (editor, "A trip needs an “actor”: who travels"));
  g_assert_true (has_problem (editor, "The first leg needs a “from”"));
  adw_combo_row_set_selected (editor->actor_row, 1); /* Choe Son Hui */
  first = g_ptr_array_index (editor->legs, 0);
  type_and_pick (editor, first->from_row, "Pyong", "Pyongyang", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first->from_row)), ==, "Pyongyang");
  g_assert_true (has_problem (editor, "This leg has no “to”"));
  /* in another script too */
  type_and_pick (editor, first->to_row, "Владиво", "Vladivostok", "event-editor-trip-completion.png");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first->to_row)), ==, "Vladivostok");
  /* a time's precision: shown as typed, and chosen */
  {
    GtkDropDown *precision = g_object_get_data (G_OBJECT (first->depart_row), "dm-precision-list");

    g_assert_nonnull (precision);
    set_text (first->depart_row, "2025-11");
    g_assert_cmpuint (gtk_drop_down_get_selected (precision), ==, 2);  /* Month */
    gtk_drop_down_set_selected (precision, 0);  /* Day */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first->depart_row)), ==, "2025-11-01");
    gtk_drop_down_set_selected (precision, 1);  /* About a day */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first->depart_row)), ==, "2025-11-01~");
    g_assert_true (((DmLeg *) g_ptr_array_index (dm_event_get_legs (dm_event_editor_get_event (editor)), 0))->depart.approximate);
    set_text (first->depart_row, "2025-11-05~");
    gtk_drop_down_set_selected (precision, 3);  /* Exact time */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first->depart_row)), ==, "2025-11-05T12:00");
    gtk_drop_down_set_selected (precision, 4);  /* Unknown */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first->depart_row)), ==, "");
    set_text (first->depart_row, "2025-11-05T09:00");
    g_assert_cmpuint (gtk_drop_down_get_selected (precision), ==, 3);
  }
  set_text (first->depart_row, "2025-11-05T09:00");
  set_text (first->arrive_row, "2025-11-05T08:00");
  g_assert_true (has_problem (editor, "This leg arrives before it departs"));
  set_text (first->arrive_row, "2025-11-05T12:30");
  g_assert_cmpuint (editor->problems->len, ==, 0);

  /* the next leg starts where the last one ended */
  g_signal_emit_by_name (editor->add_leg_button, "clicked");
  second = g_ptr_array_index (editor->legs, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (second->from_row)), ==, "Vladivostok");
  set_text (second->to_row, "Pyongyang");
  set_text (second->depart_row, "2025-11-08");
  g_signal_emit_by_name (editor->add_leg_button, "clicked");
  third = g_ptr_array_index (editor->legs, 2);
  set_text (third->to_row, "Moscow");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  /* moved up, the legs no longer join */
  g_signal_emit_by_name (third->up_button, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (second->to_row)), ==, "Moscow");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (third->to_row)), ==, "Pyongyang");
  g_assert_true (has_problem (editor, "This leg starts in Vladivostok but the previous one ended in Moscow"));
  g_signal_emit_by_name (second->down_button, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (third->to_row)), ==, "Moscow");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  g_signal_emit_by_name (third->remove_button, "clicked");
  g_assert_cmpuint (editor->legs->len, ==, 2);
  g_assert_cmpuint (editor->problems->len, ==, 0);

  /* a participant of the document, through its completion, and a new actor */
  type_and_pick (editor, editor->participant_row, "lav", "Sergey Lavrov", NULL);
  g_assert_cmpuint (editor->participants->len, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->participant_row)), ==, "");
  set_text (editor->participant_row, "Shigeru Ishiba");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->new_actor_row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->new_country_row)));
  set_text (editor->new_role_row, "Prime Minister");
  set_text (editor->new_country_row, "Japan");
  g_signal_emit_by_name (editor->new_country_row, "entry-activated");
  g_assert_cmpuint (editor->participants->len, ==, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->new_actor_row)));
  /* the new actor can be the event's actor too */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (editor->actor_row)), ==, 7);

  g_signal_emit_by_name (editor->add_source_button, "clicked");
  source = g_ptr_array_index (editor->sources, 0);
  set_text (source->publisher_row, "KCNA");
  set_text (source->date_row, "2025-11-04");
  set_text (editor->host_row, "RU");
  set_text (editor->title_row, "Choe Son Hui to Vladivostok");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor->notes_view), "Typed in the editor.", -1);
  g_assert_cmpuint (editor->problems->len, ==, 0);
  shoot (GTK_WIDGET (editor), "event-editor-trip.png");
  g_signal_emit_by_name (editor->save_button, "clicked");

  /* one command */
  g_assert_cmpuint (n_events (doc), ==, n + 1);
  trip = dm_document_lookup_event (doc, "trip");
  g_assert_nonnull (trip);
  legs = dm_event_get_legs (trip);
  g_assert_cmpuint (legs->len, ==, 2);
  leg = g_ptr_array_index (legs, 0);
  g_assert_cmpstr (dm_place_get_name (leg->from), ==, "Pyongyang");
  g_assert_cmpstr (dm_place_get_country (leg->to), ==, "RU");
  g_assert_cmpuint (leg->depart.precision, ==, DM_PRECISION_MINUTE);
  g_assert_true (leg->timed);
  leg = g_ptr_array_index (legs, 1);
  g_assert_cmpuint (leg->depart.precision, ==, DM_PRECISION_DAY);
  parts = dm_event_get_participants (trip);
  g_assert_cmpuint (parts->len, ==, 2);
  ishiba = g_ptr_array_index (parts, 1);
  g_assert_cmpstr (dm_actor_get_id (ishiba), ==, "shigeru-ishiba");
  g_assert_cmpstr (dm_actor_get_country (ishiba), ==, "JP");
  g_assert_cmpstr (dm_actor_get_role (ishiba), ==, "Prime Minister");
  g_assert_true (dm_document_lookup_actor (doc, "shigeru-ishiba") == ishiba);
  g_assert_cmpuint (dm_event_get_sources (trip)->len, ==, 1);
  g_assert_cmpstr (dm_event_get_host (trip), ==, "RU");
  g_assert_cmpstr (dm_event_get_notes (trip), ==, "Typed in the editor.");
  undo_label = dup_menu_label (G_MENU_MODEL (win->undo_menu), 0);
  g_assert_cmpstr (undo_label, ==, "_Undo Add “Choe Son Hui to Vladivostok”");
  n_undo = n_events (doc);
  g_action_group_activate_action (G_ACTION_GROUP (win), "undo", NULL);
  g_assert_cmpuint (n_events (doc), ==, n_undo - 1);
  g_assert_null (dm_document_lookup_event (doc, "trip"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "redo", NULL);
  g_assert_nonnull (dm_document_lookup_event (doc, "trip"));

  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  saved = read_bytes (file);
  g_assert_true (bytes_contain (saved, "\"shigeru-ishiba\""));
  g_assert_true (bytes_contain (saved, "\"KCNA\""));
  g_assert_true (bytes_contain (saved, "\"2025-11-05T09:00\""));
  reopened = interop_load (file);
  interop_assert_same_events (doc, reopened, NULL);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A double click on an event's mark in the timeline, or on its place on the map, opens its
 * editor (the gestures call these with the point clicked) */
static void
test_double_click_edits (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmEvent *visit = dm_document_lookup_event (dm_window_get_document (win), "choe-moscow");
  DmEventEditor *editor;
  DmView view;
  double x, y;

  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  g_assert_true (dm_timeline_get_event_position (win->timeline, visit, &x, &y));
  g_assert_false (dm_timeline_activate_at (win->timeline, x, 2));  /* the axis */
  g_assert_null (dm_window_get_editor (win));
  g_assert_true (dm_timeline_activate_at (win->timeline, x, y));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->title_row)), ==,
                   "Choe Son Hui's working visit to Russia");
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_null (dm_window_get_editor (win));

  /* Minsk's mark on the map: the summit held there is the nearest event */
  dm_route_map_layer_get_view (win->routes_layer, &view);
  g_assert_false (dm_window_activate_on_map (win, -500, -500));
  g_assert_null (dm_window_get_editor (win));
  {
    DmEvent *summit = dm_document_lookup_event (dm_window_get_document (win), "minsk-conference");
    DmPlace *minsk = dm_event_get_place (summit);
    DmEvent *picked;

    dm_view_project (&view, dm_place_get_longitude (minsk), dm_place_get_latitude (minsk), &x, &y);
    picked = dm_window_pick_on_map (win, x, y);
    g_assert_nonnull (picked);
    g_assert_true (dm_window_activate_on_map (win, x, y));
    editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
    g_assert_nonnull (editor);
    g_assert_true (editor->original == picked);
    g_assert_true (dm_window_get_selected_event (win) == picked);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Two .diplomap files in one window: an edit goes to the file its event came from, a new
 * event to the file chosen in the editor (the first one unless another is chosen) */
static void
test_several_files (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) example = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "issue-example.diplomap", NULL));
  g_autoptr(GFile) first = copy_to_temp (sample, "october.diplomap");
  g_autoptr(GFile) second = copy_to_temp (example, "example.diplomap");
  DmWindow *win = open_window_with (first);
  DmDocument *doc = dm_window_get_document (win);
  DmEventEditor *editor;
  DmEvent *visit;
  g_autoptr(GPtrArray) writable = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;
  g_autoptr(GError) error = NULL;

  dm_window_open_file (win, second);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 10000));
  writable = dm_window_dup_writable_files (win);
  g_assert_cmpuint (writable->len, ==, 2);
  g_assert_true (g_file_equal (g_ptr_array_index (writable, 0), first));

  /* an edit in each file */
  g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event", g_variant_new_string ("apec"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "edit-event", g_variant_new_string ("apec-2025"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->file_row)));  /* it has its file */
  set_text (editor->title_row, "APEC leaders in Gyeongju");
  g_signal_emit_by_name (editor->save_button, "clicked");

  /* a new visit: the first file unless another is chosen */
  g_action_group_activate_action (G_ACTION_GROUP (win), "new-event", g_variant_new_string ("visit"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor->file_row)));
  g_assert_cmpuint (adw_combo_row_get_selected (editor->file_row), ==, 0);
  g_assert_true (g_file_equal (dm_event_get_file (dm_event_editor_get_event (editor)), first));
  adw_combo_row_set_selected (editor->file_row, 1);
  set_text (editor->title_row, "Trump meets the Emperor");
  adw_combo_row_set_selected (editor->actor_row, 2); /* Donald Trump */
  set_text (editor->place_row, "Tokyo");
  set_text (editor->start_row, "2025-10-27");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  g_signal_emit_by_name (editor->save_button, "clicked");
  visit = dm_document_lookup_event (doc, "visit");
  g_assert_nonnull (visit);
  g_assert_true (g_file_equal (dm_event_get_file (visit), second));

  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  first_bytes = read_bytes (first);
  second_bytes = read_bytes (second);
  g_assert_true (bytes_contain (first_bytes, "APEC leaders in Gyeongju"));
  g_assert_true (bytes_contain (first_bytes, "\"trump-xi\""));
  g_assert_false (bytes_contain (first_bytes, "Trump meets the Emperor"));
  g_assert_true (bytes_contain (second_bytes, "Trump meets the Emperor"));
  g_assert_false (bytes_contain (second_bytes, "\"apec\""));
  g_assert_false (bytes_contain (second_bytes, "APEC leaders in Gyeongju"));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Pick on Map: the next click on the map gives the editor a place: a known place drawn
 * there, else the point's coordinates (also read when typed) */
static void
test_pick_on_map (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  DmEventEditor *editor;
  GtkToggleButton *pick;
  DmPlace *place;
  DmEvent *visit;
  DmView view;
  double x, y, lat, lon;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 2));
  g_action_group_activate_action (G_ACTION_GROUP (win), "new-event", g_variant_new_string ("visit"));
  editor = DM_EVENT_EDITOR (dm_window_get_editor (win));
  pick = g_object_get_data (G_OBJECT (editor->place_row), "dm-pick-button");
  g_assert_nonnull (pick);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  /* no click is taken unless asked */
  g_assert_false (dm_window_pick_place_at (win, 10, 10));

  gtk_toggle_button_set_active (pick, TRUE);
  g_assert_true (dm_event_editor_get_picking (editor));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_nonnull (gtk_widget_get_cursor (GTK_WIDGET (win->map)));
  dm_route_map_layer_get_view (win->routes_layer, &view);
  dm_view_project (&view, 131.8855, 43.1155, &x, &y);  /* Vladivostok */
  g_assert_true (dm_window_pick_place_at (win, x + 1, y));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->place_row)), ==, "Vladivostok");
  g_assert_false (dm_event_editor_get_picking (editor));
  g_assert_false (gtk_toggle_button_get_active (pick));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (win->map)));
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (dm_event_editor_get_event (editor))), ==, "RU");

  /* the open Pacific: coordinates, a point */
  gtk_toggle_button_set_active (pick, TRUE);
  dm_view_project (&view, -150, 5, &x, &y);
  g_assert_true (dm_window_pick_place_at (win, x, y));
  g_assert_true (dm_event_editor_parse_point (gtk_editable_get_text (GTK_EDITABLE (editor->place_row)), &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lat, 5, 0.2);
  g_assert_cmpfloat_with_epsilon (lon, -150, 0.2);
  place = dm_event_get_place (dm_event_editor_get_event (editor));
  g_assert_nonnull (place);
  g_assert_cmpint (dm_place_get_level (place), ==, DM_PLACE_LEVEL_POINT);
  g_assert_nonnull (dm_place_get_timezone (place));

  /* typed by hand, the same */
  set_text (editor->place_row, "43.1155, 131.8855");
  place = dm_event_get_place (dm_event_editor_get_event (editor));
  g_assert_cmpint (dm_place_get_level (place), ==, DM_PLACE_LEVEL_POINT);
  g_assert_cmpfloat_with_epsilon (dm_place_get_longitude (place), 131.8855, 1e-6);
  g_assert_cmpstr (dm_place_get_timezone (place), ==, "Asia/Vladivostok");
  set_text (editor->title_row, "Off Vladivostok");
  adw_combo_row_set_selected (editor->actor_row, 1);
  set_text (editor->start_row, "2025-11-06");
  g_assert_cmpuint (editor->problems->len, ==, 0);
  g_signal_emit_by_name (editor->save_button, "clicked");
  visit = dm_document_lookup_event (doc, "visit");
  g_assert_nonnull (visit);
  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  saved = read_bytes (file);
  g_assert_true (bytes_contain (saved, "\"43.1155, 131.8855\""));
  {
    g_autoptr(DmDocument) reopened = interop_load (file);
    DmEvent *back = dm_document_lookup_event (reopened, "visit");

    g_assert_nonnull (back);
    g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (dm_event_get_place (back)), 43.1155, 1e-6);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The text the entry's error underlines cover, joined by "|" */
static char *
dup_underlined (GtkEntry *entry)
{
  PangoAttrList *attrs = gtk_entry_get_attributes (entry);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  GSList *list = attrs ? pango_attr_list_get_attributes (attrs) : NULL;

  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_UNDERLINE &&
          ((PangoAttrInt *) attr)->value == PANGO_UNDERLINE_ERROR)
        {
          g_assert_cmpuint (attr->end_index, <=, strlen (text));
          g_ptr_array_add (pieces, g_strndup (text + attr->start_index,
                                              attr->end_index - attr->start_index));
        }
      /* in a colour of its own, not the text's */
      if (attr->klass->type == PANGO_ATTR_UNDERLINE_COLOR)
        g_assert_cmpuint (((PangoAttrColor *) attr)->color.red, >, 0x8000);
    }
  g_slist_free_full (list, (GDestroyNotify) pango_attribute_destroy);
  g_ptr_array_add (pieces, NULL);
  return g_strjoinv ("|", (char **) pieces->pdata);
}

/* Each example line of the issue through win.quick-add, then the dialog's preview */
static void
test_quick_add (void)
{
  static const char *lines[] = {
    "Choe Son Hui: Pyongyang 2025-11-05 > Vladivostok 2025-11-06 > Pyongyang 2025-11-08",
    "Trump at Gyeongju 29-30 Oct 2025",
    "APEC summit, Gyeongju, 31 Oct - 1 Nov 2025: Trump, Xi, Takaichi",
  };
  static const DmEventKind kinds[] = { DM_EVENT_KIND_TRIP, DM_EVENT_KIND_VISIT, DM_EVENT_KIND_SUMMIT };
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  guint n = n_events (doc);
  GtkWindow *dialog;
  GtkWidget *entry;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmDocument) reopened = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(DmEvent) added = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (win), "quick-add", g_variant_new_string (lines[i]));
      g_assert_cmpuint (n_events (doc), ==, n + i + 1);
      added = g_list_model_get_item (dm_document_get_events (doc), n + i);
      g_assert_cmpint (dm_event_get_kind (added), ==, kinds[i]);
      g_assert_true (dm_window_get_selected_event (win) == added);
    }
  /* Takaichi is new: saved with the summit, read back */
  g_assert_nonnull (dm_document_lookup_actor (doc, "takaichi"));
  g_assert_true (dm_window_save (win, &error));
  g_assert_no_error (error);
  reopened = interop_load (file);
  interop_assert_same_events (doc, reopened, NULL);

  /* nothing is guessed */
  g_assert_false (dm_window_quick_add (win, "Trump at Xanadoodle 31 Oct 2025"));
  g_assert_cmpuint (n_events (doc), ==, n + 3);

  dialog = dm_window_show_quick_add (win);
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Lavrov at Minsk ~28 Oct");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                                   "Sergey Lavrov: Visit in Minsk"));
  shoot (GTK_WIDGET (dialog), "quick-add.png");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Lavrov at Xanadoodle ~28 Oct");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could not make sense of “Xanadoodle”");
  /* what cannot be resolved is underlined where it is typed, the words still in the body */
  {
    g_autofree char *underlined = dup_underlined (GTK_ENTRY (entry));

    g_assert_cmpstr (underlined, ==, "Xanadoodle");
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "Trump\u00a0at Narnia 29-32 Oct 2025");
  {
    g_autofree char *underlined = dup_underlined (GTK_ENTRY (entry));

    g_assert_cmpstr (underlined, ==, "Narnia|29-32 Oct 2025");
  }
  shoot (GTK_WIDGET (dialog), "quick-add-unresolved.png");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Lavrov at Minsk ~28 Oct");
  {
    g_autofree char *underlined = dup_underlined (GTK_ENTRY (entry));

    g_assert_cmpstr (underlined, ==, "");
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_assert_cmpuint (n_events (doc), ==, n + 4);
  gtk_window_destroy (GTK_WINDOW (win));
}

static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (s));

          if (g_str_equal (t, trigger))
            return s;
        }
    }
  return NULL;
}

static const char *
editor_title (DmWindow *win)
{
  GtkWindow *editor = dm_window_get_editor (win);

  g_assert_nonnull (editor);
  return gtk_editable_get_text (GTK_EDITABLE (DM_EVENT_EDITOR (editor)->title_row));
}

/* Enter or a double click on an event in the list (the list view's "activate") edits it;
 * Enter elsewhere edits the selected event, nothing when none is selected */
static void
test_enter_edits (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  DmWindow *win = open_window_with (file);
  DmDocument *doc = dm_window_get_document (win);
  DmEvent *apec = dm_document_lookup_event (doc, "apec-2025");
  GListModel *shown = dm_event_list_get_model (win->event_list);
  GtkShortcut *enter = find_shortcut (GTK_WIDGET (win), "Return");
  guint position = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (shown, i);

      if (event == apec)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_assert_null (dm_window_get_editor (win));
  g_signal_emit_by_name (win->event_list->list_view, "activate", position);
  g_assert_cmpstr (editor_title (win), ==, dm_event_get_title (apec));
  gtk_window_destroy (dm_window_get_editor (win));
  g_assert_null (dm_window_get_editor (win));

  /* Enter from the timeline: nothing selected, nothing opens; then the selected event */
  g_assert_nonnull (enter);
  dm_window_set_selected_event (win, NULL);
  g_assert_false (gtk_shortcut_action_activate (gtk_shortcut_get_action (enter), 0, GTK_WIDGET (win),
                                                NULL));
  g_assert_null (dm_window_get_editor (win));
  dm_window_set_selected_event (win, apec);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (enter), 0, GTK_WIDGET (win),
                                               NULL));
  g_assert_cmpstr (editor_title (win), ==, dm_event_get_title (apec));
  gtk_window_destroy (dm_window_get_editor (win));
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_query_exists (data, NULL);
}

/* Unsaved changes are autosaved a few seconds after the last change; undoing back to the
 * saved state removes the file; a file left by a crash is offered at the next start and
 * restored as an untitled, modified document */
static void
test_autosave_restore (void)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autoptr(GFile) file = copy_to_temp (sample, "october.diplomap");
  g_autoptr(GFile) autosave = NULL;
  g_autoptr(GBytes) written = NULL;
  DmWindow *win = open_window_with (file);
  DmWindow *fresh;
  DmDocument *doc;
  GtkWindow *dialog;
  guint n = n_events (dm_window_get_document (win));

  autosave = g_object_ref (dm_window_get_autosave_file (win));
  g_assert_true (g_str_has_prefix (g_file_peek_path (autosave), g_getenv ("XDG_STATE_HOME")));
  g_assert_false (g_file_query_exists (autosave, NULL));
  g_action_group_activate_action (G_ACTION_GROUP (win), "delete-event",
                                  g_variant_new_string ("apec-2025"));
  g_assert_true (app_test_wait_until (file_exists, autosave, 15000));
  written = read_bytes (autosave);
  g_assert_false (bytes_contain (written, "\"apec-2025\""));
  g_assert_true (bytes_contain (written, "\"trump-xi\""));
  /* back to what was saved: nothing to restore */
  g_action_group_activate_action (G_ACTION_GROUP (win), "undo", NULL);
  g_assert_true (app_test_wait_until (file_gone, autosave, 5000));
  g_action_group_activate_action (G_ACTION_GROUP (win), "redo", NULL);
  g_assert_true (app_test_wait_until (file_exists, autosave, 15000));
  /* a crash: the window goes without asking */
  gtk_window_destroy (GTK_WINDOW (win));

  fresh = app_test_open_window ();
  g_assert_true (dm_window_offer_restore (fresh));
  dialog = dm_window_get_restore_dialog (fresh);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "discard"));
  app_test_wait_frames (GTK_WIDGET (dialog), 3);
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (dialog));
    app_test_save (shot, "restore-dialog.png");
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  app_test_wait (50);
  doc = dm_window_get_document (fresh);
  g_assert_cmpuint (n_events (doc), ==, n - 1);
  g_assert_null (dm_document_lookup_event (doc, "apec-2025"));
  g_assert_nonnull (dm_document_lookup_event (doc, "trump-xi"));
  g_assert_true (dm_window_get_modified (fresh));
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (fresh->window_title), "• "));
  /* no file name: Save asks for one */
  g_assert_false (dm_window_can_save (fresh));
  g_assert_false (g_file_query_exists (autosave, NULL));
  /* the restored document is autosaved again, to the new window's own file */
  g_assert_true (app_test_wait_until (file_exists, dm_window_get_autosave_file (fresh), 15000));
  dm_window_discard_autosave (fresh);
  g_assert_false (g_file_query_exists (dm_window_get_autosave_file (fresh), NULL));
  gtk_window_destroy (GTK_WINDOW (fresh));
}

int
main (int argc, char *argv[])
{
  /* autosaved files go to a folder of this run */
  g_autofree char *state = g_dir_make_tmp ("diplomap-state-XXXXXX", NULL);

  g_assert_nonnull (state);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  /* For screenshots in another language (docs/EDITING.md); the suite runs in English */
  if (g_getenv ("DIPLOMAP_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIPLOMAP_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/editing/delete-undo-save", test_delete_undo_save);
  app_test_add_func ("/app/editing/duplicate", test_duplicate);
  app_test_add_func ("/app/editing/foreign-format", test_foreign_format);
  app_test_add_func ("/app/editing/close-asks", test_close_asks);
  app_test_add_func ("/app/editing/close-saves", test_close_saves);
  app_test_add_func ("/app/editing/editor-edit-date", test_editor_edit_date);
  app_test_add_func ("/app/editing/editor-new-visit", test_editor_new_visit);
  app_test_add_func ("/app/editing/editor-place-preview", test_editor_place_preview);
  app_test_add_func ("/app/editing/new-event-shortcuts", test_new_event_shortcuts);
  app_test_add_func ("/app/editing/delete-key", test_delete_key);
  app_test_add_func ("/app/editing/editor-trip-unchanged", test_editor_trip_unchanged);
  app_test_add_func ("/app/editing/editor-new-trip", test_editor_new_trip);
  app_test_add_func ("/app/editing/quick-add", test_quick_add);
  app_test_add_func ("/app/editing/new-actor-color", test_editor_new_actor_color);
  app_test_add_func ("/app/editing/enter-edits", test_enter_edits);
  app_test_add_func ("/app/editing/double-click-edits", test_double_click_edits);
  app_test_add_func ("/app/editing/several-files", test_several_files);
  app_test_add_func ("/app/editing/pick-on-map", test_pick_on_map);
  app_test_add_func ("/app/editing/autosave-restore", test_autosave_restore);
  app_test_add_func ("/app/editing/quit-asks", test_quit_asks);
  return g_test_run ();
}
