/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-document.h"
#include "dm-loader.h"
#include "dm-event-details.h"

/* DmEventDetails on its own: what it says about the selected event. */

static DmEvent *
find_event_at (DmDocument *doc,
               const char *place_name,
               DmEventKind kind)
{
  GListModel *events = dm_document_get_events (doc);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (e);

      if (dm_event_get_kind (e) != kind)
        continue;
      if (dm_event_get_place (e) && g_str_equal (dm_place_get_name (dm_event_get_place (e)), place_name))
        return e;
      for (guint k = 0; k < legs->len; k++)
        if (g_str_equal (dm_place_get_name (((DmLeg *) g_ptr_array_index (legs, k))->to), place_name))
          return e;
    }
  return NULL;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* The gazetteer's fuzzy match of a misspelt place is said under the place, for a visit
 * and for the legs of a journey, once */
static void
test_place_notes (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) folder = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "ustravel", NULL));
  g_autoptr(GError) error = NULL;
  const char *note = "Matched “Brusssels” to Brussels, Belgium";
  GtkWindow *window;
  DmEventDetails *details;
  DmEvent *visit, *journey;
  g_autofree char *text = NULL;

  g_assert_true (dm_loader_load_file (doc, folder, NULL, &error));
  g_assert_no_error (error);
  visit = find_event_at (doc, "Brussels", DM_EVENT_KIND_VISIT);
  journey = find_event_at (doc, "Brussels", DM_EVENT_KIND_TRIP);
  g_assert_nonnull (visit);
  g_assert_nonnull (journey);
  g_assert_cmpstr (dm_place_get_note (dm_event_get_place (visit)), ==, note);

  window = GTK_WINDOW (gtk_window_new ());
  details = DM_EVENT_DETAILS (dm_event_details_new ());
  gtk_window_set_child (window, GTK_WIDGET (details));
  gtk_window_set_default_size (window, 360, 640);
  gtk_window_present (window);
  g_assert_true (app_test_wait_frames (GTK_WIDGET (window), 1));

  dm_event_details_set_event (details, visit);
  text = dm_event_details_dup_text (details);
  g_test_message ("%s", text);
  g_assert_cmpuint (count (text, note), ==, 1);
  /* right under the place */
  g_assert_nonnull (strstr (text, "Brussels, BE\n" "Matched “Brusssels”"));

  /* the focus in a label of the old event: it moves to the new one (removing the focused
   * label made GTK 4.8 warn at the next frame) */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (details), GTK_DIR_TAB_FORWARD));
  g_assert_true (GTK_IS_LABEL (gtk_root_get_focus (GTK_ROOT (window))));
  dm_event_details_set_event (details, journey);
  g_assert_true (GTK_IS_LABEL (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (details)));
  g_free (text);
  text = dm_event_details_dup_text (details);
  g_test_message ("%s", text);
  g_assert_cmpuint (count (text, note), ==, 1);

  app_test_wait_frames (GTK_WIDGET (window), 3);
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (window));
    app_test_save (shot, "details-place-note.png");
  }

  /* an event whose places were all found has no note */
  visit = find_event_at (doc, "Tokyo", DM_EVENT_KIND_VISIT);
  g_assert_nonnull (visit);
  dm_event_details_set_event (details, visit);
  g_free (text);
  text = dm_event_details_dup_text (details);
  g_assert_null (strstr (text, "Matched"));
  gtk_window_destroy (window);
}

/* Times at the precision the sources gave: Choe Son Hui's tour leaves Pyongyang on a day, leaves
 * Moscow about the 28th, and her return was not reported; no estimated clock time shown as
 * a fact */
static void
test_precision (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "october-2025.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DmEventDetails *details;
  GtkWindow *window;
  DmEvent *tour;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  tour = find_event_at (doc, "Minsk", DM_EVENT_KIND_TRIP);
  g_assert_nonnull (tour);

  window = GTK_WINDOW (gtk_window_new ());
  details = DM_EVENT_DETAILS (dm_event_details_new ());
  gtk_window_set_child (window, GTK_WIDGET (details));
  gtk_window_present (window);
  dm_event_details_set_event (details, tour);
  text = dm_event_details_dup_text (details);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Departs 26 October 2025\nArrives about 26 October 2025 (estimated)"));
  g_assert_nonnull (strstr (text, "Departs about 28 October 2025\n"));
  g_assert_nonnull (strstr (text, "\nReturn not reported"));
  /* a clock time only where a source gave one: none here */
  for (const char *p = text; *p != '\0'; p++)
    g_assert_false (g_ascii_isdigit (p[0]) && p[1] == ':' && g_ascii_isdigit (p[2]));
  gtk_window_destroy (window);
}

static gboolean
scrolled_down (gpointer data)
{
  GtkAdjustment *adj = data;

  return gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) > 50;
}

/* A new event starts at the top of the pane, not at the previous event's scroll position */
static void
test_scrolls_to_top (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) folder = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "ustravel", NULL));
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  DmEventDetails *details;
  GtkAdjustment *adj;
  DmEvent *journey, *visit;
  GtkWidget *scrolled;

  g_assert_true (dm_loader_load_file (doc, folder, NULL, &error));
  g_assert_no_error (error);
  journey = find_event_at (doc, "Brussels", DM_EVENT_KIND_TRIP);
  visit = find_event_at (doc, "Tokyo", DM_EVENT_KIND_TRIP);
  g_assert_nonnull (journey);
  g_assert_nonnull (visit);
  g_assert_true (journey != visit);

  window = GTK_WINDOW (gtk_window_new ());
  details = DM_EVENT_DETAILS (dm_event_details_new ());
  gtk_window_set_child (window, GTK_WIDGET (details));
  gtk_window_set_default_size (window, 360, 160);
  gtk_window_present (window);
  dm_event_details_set_event (details, journey);
  scrolled = gtk_widget_get_first_child (GTK_WIDGET (details));
  while (scrolled != NULL && !GTK_IS_SCROLLED_WINDOW (scrolled))
    scrolled = gtk_widget_get_next_sibling (scrolled);
  g_assert_nonnull (scrolled);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (app_test_wait_until (scrolled_down, adj, 5000));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 50);

  dm_event_details_set_event (details, visit);
  app_test_wait_frames (GTK_WIDGET (window), 3);
  /* still long enough to be scrolled: the top is a choice, not a clamp */
  g_assert_true (scrolled_down (adj));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  gtk_window_destroy (window);
}

int
main (int argc, char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/event-details/scrolls-to-top", test_scrolls_to_top);
  app_test_add_func ("/app/event-details/place-notes", test_place_notes);
  app_test_add_func ("/app/event-details/precision", test_precision);
  return g_test_run ();
}
