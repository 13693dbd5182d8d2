/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The widgets built from GtkBuilder templates (ui/): each one builds, its template children are there
 * with the expected types and settings, and the problems window lists a file's problems. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-event-details.h"
#include "dm-event-list.h"
#include "dm-figure-dialog.h"
#include "dm-loader.h"
#include "dm-problems-window.h"

static const double everywhere[4] = { -180, -80, 180, 80 };

/* The template child @name of @widget, as built for @type; fails the test if missing */
static GObject *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (object == NULL)
    g_error ("no template child “%s” in %s", name, G_OBJECT_TYPE_NAME (widget));
  return object;
}

static char *
dup_items (GListModel *model)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", gtk_string_object_get_string (item));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_figure_dialog (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  DmFigureDialog *dialog = dm_figure_dialog_new (NULL, doc, 0, everywhere);
  GType type = DM_TYPE_FIGURE_DIALOG;
  GObject *export = child (dialog, type, "export_button");
  GObject *format = child (dialog, type, "format_row");
  GObject *area = child (dialog, type, "area_row");
  GObject *size = child (dialog, type, "size_row");
  GObject *width_row = child (dialog, type, "width_row");
  GObject *width = child (dialog, type, "width_spin");
  GObject *scale = child (dialog, type, "scale_spin");
  g_autofree char *formats = NULL, *areas = NULL, *sizes = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Export");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  g_assert_true (GTK_IS_BUTTON (export));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (export)), ==, "_Export…");
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (export)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (export), "suggested-action"));

  g_assert_true (ADW_IS_COMBO_ROW (format));
  formats = dup_items (adw_combo_row_get_model (ADW_COMBO_ROW (format)));
  /* the stills, then the animation formats that go on to Export Animation */
  g_assert_cmpstr (formats, ==, "PNG|SVG|PDF|WebM video|MP4 video|Animated GIF");
  areas = dup_items (adw_combo_row_get_model (ADW_COMBO_ROW (area)));
  g_assert_cmpstr (areas, ==, "Current view|All events|Whole world");
  sizes = dup_items (adw_combo_row_get_model (ADW_COMBO_ROW (size)));
  g_assert_cmpstr (sizes, ==, "1920 × 1080 (Full HD)|A4 landscape, 300 dpi|Custom");
  g_assert_true (ADW_IS_ACTION_ROW (child (dialog, type, "time_row")));
  g_assert_true (ADW_IS_ENTRY_ROW (child (dialog, type, "title_row")));

  /* the width and height show for a custom size only */
  g_assert_true (GTK_IS_SPIN_BUTTON (width));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (width)), ==, 1920);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (dialog, type, "height_spin"))),
                   ==, 1080);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (width))), ==, 16384);
  g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (scale))), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (scale))), ==, 4);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (width_row)));
  dm_figure_dialog_set_size (dialog, DM_FIGURE_SIZE_CUSTOM, 800, 600);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (width_row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (dialog, type, "height_row"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (width)), ==, 800);
  dm_figure_dialog_set_size (dialog, DM_FIGURE_SIZE_A4, 0, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (width_row)));

  /* the switches, as the figure's defaults */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (dialog, type, "legend_switch"))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (dialog, type, "caption_switch"))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (dialog, type, "sources_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (dialog, type, "graticule_switch"))));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The headings (the files) and the rows (the problems) of the problems window */
static void
collect (GtkWidget *widget,
         GPtrArray *headings,
         GPtrArray *rows)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "heading"))
    g_ptr_array_add (headings, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX) != NULL)
    g_ptr_array_add (rows, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect (c, headings, rows);
}

static void
test_problems_window (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) bad = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "bad-events.diplomap", NULL));
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *path = g_file_get_path (bad);
  GType type = DM_TYPE_PROBLEMS_WINDOW;
  GValue copied = G_VALUE_INIT;
  GtkWidget *window;
  GObject *title, *copy, *box;
  guint n;

  g_assert_true (dm_loader_load_file (doc, bad, NULL, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (dm_document_get_problems (doc));
  g_assert_cmpuint (n, >=, 4);

  window = dm_problems_window_new (NULL, dm_document_get_problems (doc));
  g_assert_true (DM_IS_PROBLEMS_WINDOW (window));
  g_assert_true (ADW_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Problems in the Files");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (window)));
  g_assert_true (gtk_window_get_resizable (GTK_WINDOW (window)));

  title = child (window, type, "window_title");
  copy = child (window, type, "copy_button");
  box = child (window, type, "groups_box");
  g_assert_true (ADW_IS_WINDOW_TITLE (title));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "Problems in the Files");
  /* The header counts problems, and does not say that events were lost when rows say that
   * theirs are shown */
  subtitle = g_strdup_printf ("%u problems while reading: each row says what was left out or how it is shown", n);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, subtitle);
  g_assert_true (GTK_IS_BUTTON (copy));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (copy)), ==, "problems.copy");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (copy)), ==, "Copy All");
  g_assert_true (GTK_IS_BOX (box));

  /* One heading for the file, then its list: a row per problem, by line and column */
  collect (GTK_WIDGET (box), headings, rows);
  g_assert_cmpuint (headings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headings, 0), ==, "bad-events.diplomap");
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < rows->len; i++)
    {
      g_test_message ("%s", (char *) g_ptr_array_index (rows, i));
      g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, i), "Line "));
      g_assert_null (strstr (g_ptr_array_index (rows, i), path));
      if (strstr (g_ptr_array_index (rows, i), "shown") != NULL)
        g_assert_null (strstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), "could not be read"));
    }
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_first_child (GTK_WIDGET (box))));
  g_assert_true (GTK_IS_LIST_BOX (gtk_widget_get_last_child (GTK_WIDGET (box))));

  /* Copy All (an action of the window's table): the FILE:LINE:COLUMN lines */
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (window, "problems.copy", NULL));
  g_value_init (&copied, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (gtk_widget_get_clipboard (window)),
                                                 &copied, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_value_get_string (&copied), path));
  {
    g_auto(GStrv) lines = g_strsplit (g_value_get_string (&copied), "\n", -1);
    /* n lines, each ended by a newline */
    g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  }
  g_value_unset (&copied);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_event_details (void)
{
  GtkWidget *details = g_object_ref_sink (dm_event_details_new ());
  GObject *scrolled = child (details, DM_TYPE_EVENT_DETAILS, "scrolled");
  GObject *box = child (details, DM_TYPE_EVENT_DETAILS, "box");
  g_autofree char *text = NULL;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_get_first_child (details) == GTK_WIDGET (scrolled));
  g_assert_true (GTK_IS_BOX (box));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (box), GTK_WIDGET (scrolled)));
  g_assert_cmpint (gtk_widget_get_margin_start (GTK_WIDGET (box)), ==, 12);
  /* with no event, its page asks for one */
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (box)));
  text = dm_event_details_dup_text (DM_EVENT_DETAILS (details));
  g_assert_cmpstr (text, ==, "Select an event in the list, the timeline or the map\n");
  g_object_unref (details);
}

static void
test_event_list (void)
{
  static const struct { const char *name; const char *first; } drops[] = {
    { "actor_filter", "All actors" },
    { "country_filter", "All countries" },
    { "role_filter", "All roles" },
    { "region_filter", "All regions" },
    { "year_filter", "All years" },
    { "kind_filter", "All types" },
    { "status_filter", "Any status" },
  };
  GtkWidget *list = g_object_ref_sink (dm_event_list_new ());
  GType type = DM_TYPE_EVENT_LIST;
  GObject *search = child (list, type, "search");
  GObject *view = child (list, type, "list_view");
  GObject *stack = child (list, type, "list_stack");
  GObject *button = child (list, type, "filter_button");
  GObject *revealer = child (list, type, "filter_revealer");

  g_assert_true (GTK_IS_PANED (child (list, type, "paned")));
  g_assert_true (GTK_IS_SEARCH_ENTRY (search));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (search)), ==, "Search Events (Ctrl+F)");
  g_assert_true (GTK_IS_LIST_VIEW (view));
  /* the list shows the list's selection model, with the rows' factory */
  g_assert_true (gtk_list_view_get_model (GTK_LIST_VIEW (view)) ==
                 GTK_SELECTION_MODEL (dm_event_list_get_selection (DM_EVENT_LIST (list))));
  g_assert_nonnull (gtk_list_view_get_factory (GTK_LIST_VIEW (view)));
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_nonnull (gtk_stack_get_child_by_name (GTK_STACK (stack), "list"));
  g_assert_true (ADW_IS_STATUS_PAGE (gtk_stack_get_child_by_name (GTK_STACK (stack), "empty")));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (GTK_STACK (stack), "empty"))),
                   ==, "No Matching Events");

  /* the filter button reveals the drop-downs */
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (GTK_IS_BUTTON (child (list, type, "clear_filters_button")));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (child (list, type, "clear_filters_button"))));
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    {
      GObject *drop = child (list, type, drops[i].name);
      GtkListItemFactory *factory;
      g_autoptr(GtkStringObject) first = NULL;

      g_assert_true (GTK_IS_DROP_DOWN (drop));
      factory = gtk_drop_down_get_factory (GTK_DROP_DOWN (drop));
      g_assert_true (GTK_IS_BUILDER_LIST_ITEM_FACTORY (factory));
      g_assert_cmpstr (gtk_builder_list_item_factory_get_resource (GTK_BUILDER_LIST_ITEM_FACTORY (factory)),
                       ==, "/io/github/diplomap/Diplomap/dm-filter-choice.ui");
      /* the region pop-up indents sub-regions (dm_event_list_indent_regions): its rows are
       * made in code */
      if (g_str_equal (drops[i].name, "region_filter"))
        g_assert_true (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (gtk_drop_down_get_list_factory (GTK_DROP_DOWN (drop))));
      else
        g_assert_true (GTK_IS_BUILDER_LIST_ITEM_FACTORY (gtk_drop_down_get_list_factory (GTK_DROP_DOWN (drop))));
      first = g_list_model_get_item (gtk_drop_down_get_model (GTK_DROP_DOWN (drop)), 0);
      g_assert_cmpstr (gtk_string_object_get_string (first), ==, drops[i].first);
      g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop)), ==, 0);
    }
  /* a drop-down's choice changes the filters */
  dm_event_list_set_region (DM_EVENT_LIST (list), "Asia");
  g_assert_true (dm_event_list_is_filtered (DM_EVENT_LIST (list)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (child (list, type, "clear_filters_button"))));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  /* a row is made in code, not from a GtkBuilder file (its widgets: test-event-list's
   * row-widgets) */
  g_assert_true (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (gtk_list_view_get_factory (GTK_LIST_VIEW (view))));
  g_object_unref (list);
}

int
main (int argc, char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/templates/figure-dialog", test_figure_dialog);
  app_test_add_func ("/app/templates/problems-window", test_problems_window);
  app_test_add_func ("/app/templates/event-details", test_event_details);
  app_test_add_func ("/app/templates/event-list", test_event_list);
  return g_test_run ();
}
