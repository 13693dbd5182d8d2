/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-window-private.h"

/* The problems window (win.show-problems): what could not be read, grouped by file, each
 * line "Line L, column C: message", selectable; Copy All gives the FILE:LINE:COLUMN lines
 * that `diplomap --check` prints. */

static GtkWidget *
new_row_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  return label;
}

/* A file's heading and its list, appended to @box */
static GtkListBox *
add_group (GtkBox *box,
           GFile  *file)
{
  g_autofree char *name = file ? dm_window_dup_display_name (file) : g_strdup (_("Other"));
  g_autofree char *path = file ? g_file_get_parse_name (file) : NULL;
  GtkWidget *heading = gtk_label_new (name);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_tooltip_text (heading, path);
  gtk_box_append (box, heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_bottom (list, 12);
  gtk_box_append (box, list);
  return GTK_LIST_BOX (list);
}

static char *
dup_problem_text (DmProblem *problem)
{
  if (dm_problem_get_line (problem) == 0)
    return g_strdup (dm_problem_get_message (problem));
  return dm_window_format_position (dm_problem_get_line (problem), dm_problem_get_column (problem),
                                    dm_problem_get_message (problem));
}

/* The lines of the problems the window shows, not of those read since it opened */
static void
copy_activated_cb (GSimpleAction *action,
                   GVariant      *param,
                   GtkWidget     *window)
{
  const char *text = g_object_get_data (G_OBJECT (window), "dm-problems-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (window), text);
}

static GtkWidget *
new_header_bar (guint n)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u event could not be read. The others are shown.",
                                                         "%u events could not be read. The others are shown.",
                                                         n), n);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Problems in the Files"), subtitle));
  gtk_widget_set_tooltip_text (copy, _("Copy All"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "problems.copy");
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy All"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), copy);
  return header;
}

/* @text: the FILE:LINE:COLUMN lines of the problems shown, for Copy All */
static void
add_actions (GtkWidget  *window,
             const char *text)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) copy = g_simple_action_new ("copy", NULL);
  GtkEventController *keys = gtk_shortcut_controller_new ();

  g_object_set_data_full (G_OBJECT (window), "dm-problems-text", g_strdup (text), g_free);
  g_signal_connect_object (copy, "activate", G_CALLBACK (copy_activated_cb), window, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (copy));
  gtk_widget_insert_action_group (window, "problems", G_ACTION_GROUP (group));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape"),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
}

void
dm_window_show_problems (DmWindow *self)
{
  GListModel *problems = dm_document_get_problems (self->document);
  guint n = g_list_model_get_n_items (problems);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_file_hash, (GEqualFunc) g_file_equal);
  g_autoptr(GString) lines = g_string_new (NULL);
  GtkListBox *no_file = NULL;
  GtkWidget *window, *content, *scrolled, *clamp, *box;

  if (self->problems_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->problems_dialog));
  window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 680, 520);
  gtk_window_set_title (GTK_WINDOW (window), _("Problems in the Files"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      GFile *file = dm_problem_get_file (p);
      GtkListBox *list = file ? g_hash_table_lookup (groups, file) : no_file;
      g_autofree char *text = dup_problem_text (p);
      g_autofree char *line = dm_problem_to_string (p);

      if (list == NULL)
        {
          list = add_group (GTK_BOX (box), file);
          if (file != NULL)
            g_hash_table_insert (groups, file, list);
          else
            no_file = list;
        }
      gtk_list_box_append (list, new_row_label (text));
      g_string_append_printf (lines, "%s\n", line);
    }
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (content), new_header_bar (n));
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (window), content);
  add_actions (window, lines->str);

  g_set_weak_pointer (&self->problems_dialog, window);
  gtk_window_present (GTK_WINDOW (window));
}
