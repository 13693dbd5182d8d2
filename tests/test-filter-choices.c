/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "app-test-util.h"
#include "dm-event-list-private.h"
#include "dm-window-private.h"

/* The filters' choices on the U.S. record: the year and actor lists narrow to what the search
 * leaves, and a choice is found by typing, with real key presses (xdotool) */

static DmWindow *
open_us_travels (void)
{
  DmWindow *win = app_test_open_window ();

  g_action_group_activate_action (G_ACTION_GROUP (win), "open-us-travels", NULL);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 60000));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (win->document)), >, 4000);
  return win;
}

static DmActor *
find_actor (DmDocument *document,
            const char *name)
{
  GListModel *actors = dm_document_get_actors (document);

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (actors, i);

      if (g_str_equal (dm_actor_get_name (actor), name))
        return actor;
    }
  return NULL;
}

static char *
choice_at (GtkDropDown *drop,
           guint        position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (dm_event_list_get_drop_choices (drop), position);

  return g_strdup (gtk_string_object_get_string (item));
}

/* After a search for "Pompeo", the year list holds the years of the events the search leaves,
 * and they are his (2017 to 2021); the actor list holds him and those who travelled with
 * him; a year chosen then narrows the actor list, not its own */
static void
test_narrow_years (void)
{
  DmWindow *win = open_us_travels ();
  DmEventList *list = win->event_list;
  DmActor *pompeo = find_actor (win->document, "Michael R. Pompeo");
  GListModel *shown = dm_event_list_get_model (list);
  g_autoptr(GHashTable) years = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) his_years = g_hash_table_new (NULL, NULL);
  GListModel *all = dm_document_get_events (win->document);
  guint n_all_years = g_list_model_get_n_items (dm_event_list_get_drop_choices (list->year_filter));
  guint n_all_actors = g_list_model_get_n_items (dm_event_list_get_drop_choices (list->actor_filter));
  GListModel *choices;

  g_assert_nonnull (pompeo);
  g_assert_cmpuint (n_all_years, >, 100);
  g_assert_cmpuint (n_all_actors, >, 40);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (all, i);

      if (dm_event_involves (event, pompeo))
        dm_event_add_years (event, his_years);
    }

  dm_event_list_set_search (list, "Pompeo");
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (shown, i);

      g_assert_true (dm_event_involves (event, pompeo));
      dm_event_add_years (event, years);
    }
  choices = dm_event_list_get_drop_choices (list->year_filter);
  g_test_message ("%u years of %u after the search", g_list_model_get_n_items (choices) - 1,
                  n_all_years - 1);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, g_hash_table_size (years) + 1);
  g_assert_cmpuint (g_hash_table_size (years), ==, g_hash_table_size (his_years));
  for (guint i = 1; i < g_list_model_get_n_items (choices); i++)
    {
      g_autofree char *label = choice_at (list->year_filter, i);
      int year = atoi (label);

      g_test_message ("year %s", label);
      g_assert_true (g_hash_table_contains (his_years, GINT_TO_POINTER (year)));
      g_assert_cmpint (year, >=, 2017);
      g_assert_cmpint (year, <=, 2021);
    }
  /* nothing is chosen yet: the drop-down says all */
  g_assert_cmpuint (gtk_drop_down_get_selected (list->year_filter), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_drop_choices (list->actor_filter)), <, n_all_actors);

  /* 2018 chosen: the list keeps its other years (another choice still shows something) */
  dm_event_list_set_role_year (list, NULL, 2018);
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_drop_choices (list->year_filter)), ==,
                    g_hash_table_size (years) + 1);
  {
    g_autofree char *chosen = choice_at (list->year_filter, gtk_drop_down_get_selected (list->year_filter));
    g_assert_cmpstr (chosen, ==, "2018");
  }
  /* the search cleared: every year again, 2018 still chosen */
  dm_event_list_set_search (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_drop_choices (list->year_filter)), ==, n_all_years);
  {
    g_autofree char *chosen = choice_at (list->year_filter, gtk_drop_down_get_selected (list->year_filter));
    g_assert_cmpstr (chosen, ==, "2018");
  }
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_drop_choices (list->actor_filter)), <, n_all_actors);
  dm_event_list_clear_filters (list);
  g_assert_cmpuint (g_list_model_get_n_items (dm_event_list_get_drop_choices (list->actor_filter)), ==, n_all_actors);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The whole screen, pop-ups included (they are surfaces of their own), as a person sees it:
 * `import -window root` into $DM_SCREENSHOT_DIR, when set */
static void
shoot_screen (const char *name)
{
  const char *dir = g_getenv ("DM_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL || g_find_program_in_path ("import") == NULL)
    return;
  app_test_wait (300);
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static gboolean
typed_pompeo (gpointer entry)
{
  return g_str_equal (gtk_editable_get_text (entry), "pompeo");
}

static gboolean
filters_revealed (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer);
}

static gboolean
window_active (gpointer window)
{
  return gtk_window_is_active (window);
}

static gboolean
one_left (gpointer model)
{
  return g_list_model_get_n_items (model) == 1;
}

/* Typing on the actor drop-down opens it with the letters in its search, the pop-up lists
 * the actors holding them ("pompeo": one), and Enter chooses him: the list shows his events */
static void
test_type_actor (void)
{
  DmWindow *win = open_us_travels ();
  DmEventList *list = win->event_list;
  DmActor *pompeo = find_actor (win->document, "Michael R. Pompeo");
  GtkWidget *popover = app_test_find_descendant (GTK_WIDGET (list->actor_filter), GTK_TYPE_POPOVER);
  GtkWidget *popup_list = popover ? app_test_find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  GListModel *shown = dm_event_list_get_model (list);
  gulong xid;

  g_assert_true (GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (win))));
  g_assert_nonnull (g_find_program_in_path ("xdotool"));
  g_assert_nonnull (popup_list);
  gtk_toggle_button_set_active (list->filter_button, TRUE);
  /* keys reach the filters once they are revealed (GtkRevealer passes no event to its child
   * while it slides) */
  g_assert_true (app_test_wait_until (filters_revealed, list->filter_revealer, 5000));
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (win)));
  {
    g_autofree char *focus = g_strdup_printf ("windowfocus --sync %lu", xid);
    app_test_xdotool (focus);
  }
  g_assert_true (app_test_wait_until (window_active, win, 5000));
  gtk_widget_grab_focus (GTK_WIDGET (list->actor_filter));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (win)), GTK_WIDGET (list->actor_filter)));
  app_test_xdotool ("type --delay 100 pompeo");
  {
    GtkWidget *entry = app_test_find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);
    GListModel *left = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (popup_list)));

    g_assert_true (app_test_wait_until (typed_pompeo, entry, 5000));
    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "pompeo");
    /* the search box tells its change after a pause (GtkSearchEntry's search-changed) */
    g_assert_true (app_test_wait_until (one_left, left, 5000));
    g_test_message ("%u choices left of %u", g_list_model_get_n_items (left),
                    g_list_model_get_n_items (dm_event_list_get_drop_choices (list->actor_filter)));
    g_assert_cmpuint (g_list_model_get_n_items (left), ==, 1);
    g_assert_cmpuint (dm_event_list_count_choices_for (list->actor_filter, "pompeo"), ==, 1);
    g_assert_cmpuint (dm_event_list_count_choices_for (list->actor_filter, "mike pompeo"), ==, 0);
    g_assert_cmpuint (dm_event_list_count_choices_for (list->actor_filter, "R. POMP"), ==, 1);
  }
  shoot_screen ("sidebar-actor-typed.png");
  app_test_xdotool ("key Return");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (list->chosen_actor == pompeo);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (shown, i);
      g_assert_true (dm_event_involves (event, pompeo));
    }
  {
    g_autofree char *label = choice_at (list->actor_filter, gtk_drop_down_get_selected (list->actor_filter));
    g_assert_cmpstr (label, ==, "Michael R. Pompeo");
  }
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "window-actor-typed.png");
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* "Pompeo's 2018 trips to Asia" from the keyboard alone, with real key presses: Ctrl+F,
 * "pompeo", Tab and Space to the filters, Tab to the region, "asi" (the first region holding
 * it is Asia) and Enter, Tab to the year, "8" (2018 is the only one of his years holding an
 * 8) and Enter: 20 keys. Before, the year list had every year of the record and no search:
 * the keys are counted from it */
static void
test_pompeo_keys (void)
{
  DmWindow *win = open_us_travels ();
  DmEventList *list = win->event_list;
  DmActor *pompeo = find_actor (win->document, "Michael R. Pompeo");
  GListModel *shown = dm_event_list_get_model (list);
  guint n_years = g_list_model_get_n_items (dm_event_list_get_drop_choices (list->year_filter)) - 1;
  guint at_2018 = 0, before, after = 0;
  gulong xid;
  static const char *keys[] = {
    "key ctrl+f", "type --delay 100 pompeo", "key Tab", "key space", "key Tab Tab Tab Tab",
    "type --delay 100 asi",
    "key Return", "key Tab", "type 8", "key Return",
  };
  static const guint n_keys[] = { 1, 6, 1, 1, 4, 3, 1, 1, 1, 1 };

  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *label = choice_at (list->year_filter, i + 1);
      if (g_str_equal (label, "2018"))
        at_2018 = i + 1;
    }
  g_assert_cmpuint (at_2018, >, 0);
  /* before: the same keys to the region, Space and Down 3 times to Asia (Africa, Americas,
   * Asia) and Enter; Tab, Space, Down to 2018 (or End and Up from the last year, the fewer)
   * and Enter */
  before = 1 + 6 + 1 + 1 + 4 + 1 + 3 + 1 + 1 + 1 + MIN (at_2018, 1 + n_years - at_2018) + 1;

  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (win)));
  {
    g_autofree char *focus = g_strdup_printf ("windowfocus --sync %lu", xid);
    app_test_xdotool (focus);
  }
  g_assert_true (app_test_wait_until (window_active, win, 5000));
  gtk_widget_grab_focus (GTK_WIDGET (win->timeline));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      app_test_xdotool (keys[i]);
      after += n_keys[i];
      if (g_str_equal (keys[i], "key space"))
        g_assert_true (app_test_wait_until (filters_revealed, list->filter_revealer, 5000));
      app_test_wait (250);
    }
  g_test_message ("Pompeo's 2018 trips to Asia: %u keys, %u before (2018 is year %u of %u)",
                  after, before, at_2018, n_years);
  g_assert_true (list->chosen_actor == NULL);
  g_assert_cmpint (list->chosen_year, ==, 2018);
  {
    g_autofree char *region = choice_at (list->region_filter, gtk_drop_down_get_selected (list->region_filter));
    g_assert_cmpstr (region, ==, "Asia");
  }
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 3);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (shown, i);

      g_assert_true (dm_event_involves (event, pompeo));
      g_assert_true (dm_event_in_year (event, 2018));
      g_assert_true (dm_event_in_m49_area (event, dm_gazetteer_lookup_m49_area ("142")));
    }
  g_assert_cmpuint (after, ==, 20);
  g_assert_cmpuint (after, <, before);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The label under @widget showing @text, or NULL */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shown (GListModel *model,
       const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (model, i);

      if (g_str_equal (dm_event_get_id (event), id))
        return TRUE;
    }
  return FALSE;
}

/* The region filter follows UN M49: Western Asia keeps Riyadh and Ankara and drops Delhi,
 * Beijing and Jakarta; Tehran is in M49's Southern Asia, with Delhi; Asia keeps all six.
 * The drop-down lists the regions with their sub-regions */
static void
test_western_asia (void)
{
  static const struct { const char *id, *name, *country; double lat, lon; } visits[] = {
    { "riyadh", "Riyadh", "SA", 24.69, 46.72 },
    { "tehran", "Tehran", "IR", 35.69, 51.42 },
    { "ankara", "Ankara", "TR", 39.92, 32.85 },
    { "delhi", "New Delhi", "IN", 28.61, 77.21 },
    { "beijing", "Beijing", "CN", 39.90, 116.41 },
    { "jakarta", "Jakarta", "ID", -6.21, 106.85 },
  };
  DmWindow *win = app_test_open_window ();
  DmEventList *list = win->event_list;
  GListModel *model = dm_event_list_get_model (list);
  GListModel *choices = dm_event_list_get_drop_choices (list->region_filter);
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (visits); i++)
    {
      g_autoptr(DmPlace) place = dm_place_new (visits[i].id, visits[i].name, visits[i].country,
                                               visits[i].lat, visits[i].lon, NULL);
      g_autoptr(DmEvent) event = dm_event_new (DM_EVENT_KIND_VISIT, visits[i].id);

      dm_document_add_place (win->document, place);
      dm_event_set_place (event, place);
      dm_event_set_title (event, visits[i].name);
      dm_document_add_event (win->document, event);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (visits));

  /* all, then Africa and its sub-regions, ...; Western Asia after Asia */
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, dm_gazetteer_get_n_m49_areas () + 1);
  for (guint i = 1; i < g_list_model_get_n_items (choices); i++)
    {
      g_autofree char *label = choice_at (list->region_filter, i);

      found = found || g_str_equal (label, g_dgettext (NULL, "Western Asia"));
    }
  g_assert_true (found);

  dm_event_list_set_region (list, "Western Asia");
  {
    g_autofree char *label = choice_at (list->region_filter, gtk_drop_down_get_selected (list->region_filter));
    /* in the user's language (the French run of the screenshots: "Asie occidentale") */
    g_assert_cmpstr (label, ==, g_dgettext (NULL, "Western Asia"));
  }
  g_assert_true (shown (model, "riyadh"));
  g_assert_true (shown (model, "ankara"));
  g_assert_false (shown (model, "tehran"));
  g_assert_false (shown (model, "delhi"));
  g_assert_false (shown (model, "beijing"));
  g_assert_false (shown (model, "jakarta"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  dm_event_list_set_region (list, "145");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  dm_event_list_set_region (list, "Southern Asia");
  g_assert_true (shown (model, "tehran"));
  g_assert_true (shown (model, "delhi"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  dm_event_list_set_region (list, "Eastern Asia");
  g_assert_true (shown (model, "beijing"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  dm_event_list_set_region (list, "South-eastern Asia");
  g_assert_true (shown (model, "jakarta"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  dm_event_list_set_region (list, "Asia");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (visits));
  dm_event_list_set_region (list, "Europe");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  dm_event_list_set_region (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (visits));

  /* typing finds a sub-region: "west as" leaves Western Asia only */
  if (g_str_equal (g_dgettext (NULL, "Western Asia"), "Western Asia"))
    g_assert_cmpuint (dm_event_list_count_choices_for (list->region_filter, "west as"), ==, 1);
  g_assert_cmpuint (dm_event_list_count_choices_for (list->region_filter, g_dgettext (NULL, "Western Asia")), ==, 1);
  /* the pop-up indents the sub-regions under their region */
  {
    GtkWidget *popover = app_test_find_descendant (GTK_WIDGET (list->region_filter), GTK_TYPE_POPOVER);
    GtkWidget *africa, *northern, *sub_saharan, *eastern;

    gtk_toggle_button_set_active (list->filter_button, TRUE);
    g_assert_true (app_test_wait_until (filters_revealed, list->filter_revealer, 5000));
    gtk_popover_popup (GTK_POPOVER (popover));
    g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
    app_test_wait (300);
    africa = find_label (popover, g_dgettext (NULL, "Africa"));
    northern = find_label (popover, g_dgettext (NULL, "Northern Africa"));
    sub_saharan = find_label (popover, g_dgettext (NULL, "Sub-Saharan Africa"));
    eastern = find_label (popover, g_dgettext (NULL, "Eastern Africa"));
    g_assert_nonnull (africa);
    g_assert_nonnull (northern);
    g_assert_nonnull (sub_saharan);
    g_assert_nonnull (eastern);
    g_assert_cmpint (gtk_widget_get_margin_start (africa), ==, 0);
    g_assert_cmpint (gtk_widget_get_margin_start (northern), >, 0);
    g_assert_cmpint (gtk_widget_get_margin_start (sub_saharan), ==, gtk_widget_get_margin_start (northern));
    g_assert_cmpint (gtk_widget_get_margin_start (eastern), >, gtk_widget_get_margin_start (sub_saharan));
    shoot_screen ("sidebar-regions.png");
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  app_test_add_func ("/app/filter-choices/narrow-years", test_narrow_years);
  app_test_add_func ("/app/filter-choices/type-actor", test_type_actor);
  app_test_add_func ("/app/filter-choices/western-asia", test_western_asia);
  app_test_add_func ("/app/filter-choices/pompeo-keys", test_pompeo_keys);
  return g_test_run ();
}
