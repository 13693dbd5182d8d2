/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-problems-window.h"
#include "dm-ui-resources.h"
#include "dm-window-private.h"

/* The problems window (win.show-problems): what could not be read, grouped by file, each
 * line "Line L, column C: message", selectable; Copy All (problems.copy) gives the
 * FILE:LINE:COLUMN lines that `diplomap --check` prints. The frame is
 * ui/dm-problems-window.ui; a heading and a list per file are added to groups_box. */

struct _DmProblemsWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *copy_button;
  GtkBox         *groups_box;

  char           *text;      /* the lines Copy All copies: of the problems shown */
};

G_DEFINE_FINAL_TYPE (DmProblemsWindow, dm_problems_window, ADW_TYPE_WINDOW)

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

/* A file's heading and its list, appended to groups_box */
static GtkListBox *
add_group (DmProblemsWindow *self,
           GFile            *file)
{
  g_autofree char *name = file ? dm_window_dup_display_name (file) : g_strdup (_("Other"));
  g_autofree char *path = file ? g_file_get_parse_name (file) : NULL;
  GtkWidget *heading = gtk_label_new (name);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_tooltip_text (heading, path);
  gtk_box_append (self->groups_box, heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_bottom (list, 12);
  gtk_box_append (self->groups_box, list);
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
copy_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  DmProblemsWindow *self = user_data;

  g_assert (DM_IS_PROBLEMS_WINDOW (self));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->text ? self->text : "");
}

static void
fill (DmProblemsWindow *self,
      GListModel       *problems)
{
  guint n = g_list_model_get_n_items (problems);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_file_hash, (GEqualFunc) g_file_equal);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  GtkListBox *no_file = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      GFile *file = dm_problem_get_file (p);
      GtkListBox *list = file ? g_hash_table_lookup (groups, file) : no_file;
      g_autofree char *text = dup_problem_text (p);
      g_autofree char *line = dm_problem_to_string (p);

      if (list == NULL)
        {
          list = add_group (self, file);
          if (file != NULL)
            g_hash_table_insert (groups, file, list);
          else
            no_file = list;
        }
      gtk_list_box_append (list, new_row_label (text));
      g_string_append_printf (lines, "%s\n", line);
    }
  g_free (self->text);
  self->text = g_string_free (g_steal_pointer (&lines), FALSE);
  /* Not every problem loses its event (an unknown place is shown at the country level): the
   * header counts problems and leaves what became of each event to its row */
  subtitle = g_strdup_printf (ngettext ("%u problem while reading: each row says what was left out or how it is shown",
                                        "%u problems while reading: each row says what was left out or how it is shown",
                                        n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
dm_problems_window_finalize (GObject *object)
{
  DmProblemsWindow *self = DM_PROBLEMS_WINDOW (object);

  g_free (self->text);
  G_OBJECT_CLASS (dm_problems_window_parent_class)->finalize (object);
}

static void
dm_problems_window_class_init (DmProblemsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dm_problems_window_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* Referencing the resource links it from the static library; its constructor registers it */
  (void) dm_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-problems-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DmProblemsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DmProblemsWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, DmProblemsWindow, groups_box);
}

static void
dm_problems_window_init (DmProblemsWindow *self)
{
  static const GActionEntry entries[] = {
    { "copy", copy_action },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "problems", G_ACTION_GROUP (group));
}

GtkWidget *
dm_problems_window_new (GtkWindow  *parent,
                        GListModel *problems)
{
  DmProblemsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (problems), NULL);

  self = g_object_new (DM_TYPE_PROBLEMS_WINDOW, "transient-for", parent, NULL);
  fill (self, problems);
  return GTK_WIDGET (self);
}
