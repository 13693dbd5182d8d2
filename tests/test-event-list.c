/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "dm-event-details.h"
#include "dm-event-list-private.h"
#include "dm-screen-painter.h"
#include "dm-window-private.h"

/* The sidebar in the window: the rows' colours, the search by words, the empty state, the
 * layout at the default size, the filter button and the keyboard. */

static DmWindow *
open_file (const char *path)
{
  DmWindow *win = app_test_open_window ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  dm_window_open_file (win, file);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 30000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  return win;
}

/* For app_test_wait_until, on a DmEventList: the filters' revealer has finished showing or
 * hiding them */
static gboolean
filters_revealed (gpointer list)
{
  return gtk_revealer_get_child_revealed (((DmEventList *) list)->filter_revealer);
}

static gboolean
filters_hidden (gpointer list)
{
  return !gtk_revealer_get_child_revealed (((DmEventList *) list)->filter_revealer);
}

static DmWindow *
open_sample (void)
{
  return open_file (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
}

static DmEvent *
find_by_title (DmDocument *document,
               const char *title)
{
  GListModel *events = dm_document_get_events (document);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      g_autofree char *t = dm_event_dup_display_title (e);
      if (g_strcmp0 (t, title) == 0)
        return e;  /* the document keeps it */
    }
  return NULL;
}

static guint
n_shown (DmWindow *win)
{
  return g_list_model_get_n_items (dm_event_list_get_model (win->event_list));
}

static void
assert_search_finds (DmWindow   *win,
                     const char *text,
                     guint       n)
{
  dm_event_list_set_search (win->event_list, text);
  g_assert_cmpuint (n_shown (win), ==, n);
}

/* Checks the rows drawn in the list, as drawn: each dot's pixel is its actor's colour on
 * the map; returns how many rows were checked, and in @n_colored those not grey */
static guint
check_dots (DmWindow   *win,
            const char *name,
            guint      *n_colored)
{
  DmRouteSet *set = dm_screen_painter_get_set (dm_route_map_layer_get_painter (win->routes_layer));
  g_autoptr(GdkTexture) shot = NULL;
  GtkWidget *view = GTK_WIDGET (win->event_list->list_view);
  guint n_rows = 0;

  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 1));
  shot = app_test_render (GTK_WIDGET (win->event_list));
  app_test_save (shot, name);
  *n_colored = 0;
  for (GtkWidget *item = gtk_widget_get_first_child (view); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      GtkWidget *dot = row ? gtk_widget_get_first_child (row) : NULL;
      GtkWidget *title = dot ? gtk_widget_get_first_child (gtk_widget_get_next_sibling (dot)) : NULL;
      graphene_rect_t bounds;
      DmEvent *event;
      DmActor *actor;
      DmRgba expected;
      guint32 rgb, pixel;

      if (!GTK_IS_DRAWING_AREA (dot) || !gtk_widget_get_mapped (dot) ||
          !gtk_widget_compute_bounds (dot, GTK_WIDGET (win->event_list), &bounds) ||
          bounds.origin.y + bounds.size.height > gtk_widget_get_height (GTK_WIDGET (win->event_list)))
        continue;
      event = find_by_title (win->document, gtk_label_get_text (GTK_LABEL (title)));
      g_assert_nonnull (event);
      actor = dm_event_get_actor (event);
      if (actor == NULL && dm_event_get_participants (event)->len > 0)
        actor = g_ptr_array_index (dm_event_get_participants (event), 0);
      expected = dm_route_set_get_actor_color (set, actor);
      rgb = dm_rgba_to_hex (&expected);
      pixel = app_test_pixel (shot, (int) (bounds.origin.x + bounds.size.width / 2),
                              (int) (bounds.origin.y + bounds.size.height / 2));
      g_test_message ("%s: dot %06x, actor %06x", gtk_label_get_text (GTK_LABEL (title)), pixel, rgb);
      g_assert_true (app_test_color_near (pixel, rgb, 30));
      n_rows++;
      *n_colored += actor != NULL && rgb != DM_ROUTE_COLOR_NO_ACTOR;
    }
  return n_rows;
}

/* The dots show the actors' colours as soon as the sample is open (they started grey), and
 * keep them when a filter shows only some events (a filter used to recolour the map) */
static void
test_dots (void)
{
  DmWindow *win = open_sample ();
  DmRouteSet *set = dm_screen_painter_get_set (dm_route_map_layer_get_painter (win->routes_layer));
  GListModel *actors = dm_document_get_actors (win->document);
  g_autoptr(DmActor) trump = NULL;
  DmRgba before, after;
  guint n_colored;

  /* every row fits at the default size; all but the summit of many have an actor */
  g_assert_cmpuint (check_dots (win, "event-list-dots.png", &n_colored), ==, 10);
  g_assert_cmpuint (n_colored, >=, 8);
  /* the dots redrawn when the colours change: those of the rows bound, each once */
  g_assert_cmpuint (g_hash_table_size (win->event_list->bound_dots), ==, 10);

  for (guint i = 0; i < g_list_model_get_n_items (actors) && trump == NULL; i++)
    {
      g_autoptr(DmActor) a = g_list_model_get_item (actors, i);
      if (g_str_equal (dm_actor_get_name (a), "Donald Trump"))
        trump = g_steal_pointer (&a);
    }
  g_assert_nonnull (trump);
  before = dm_route_set_get_actor_color (set, trump);
  dm_event_list_set_filters (win->event_list, trump, NULL, -1, -1);
  /* the map follows after a pause: now */
  dm_window_apply_filters (win);
  set = dm_screen_painter_get_set (dm_route_map_layer_get_painter (win->routes_layer));
  after = dm_route_set_get_actor_color (set, trump);
  g_test_message ("Donald Trump: %06x, then %06x alone", dm_rgba_to_hex (&before), dm_rgba_to_hex (&after));
  /* blue, as in the whole sample: alone he used to take the palette's first colour */
  g_assert_cmphex (dm_rgba_to_hex (&before), ==, 0x0072b2);
  g_assert_cmphex (dm_rgba_to_hex (&after), ==, dm_rgba_to_hex (&before));
  g_assert_cmpuint (check_dots (win, "event-list-dots-trump.png", &n_colored), >=, 3);
  g_assert_cmpuint (n_colored, >=, 3);
  g_assert_cmpuint (g_hash_table_size (win->event_list->bound_dots), ==,
                    g_list_model_get_n_items (dm_event_list_get_model (win->event_list)));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A row's tooltip is its title, given when asked for (not set on each bind, which asked the
 * display where the pointer was for every row) */
static void
test_row_tooltips (void)
{
  DmWindow *win = open_sample ();
  GHashTableIter iter;
  gpointer dot;
  guint n = 0;

  g_hash_table_iter_init (&iter, win->event_list->bound_dots);
  while (g_hash_table_iter_next (&iter, &dot, NULL))
    {
      DmEvent *event = g_object_get_data (dot, "dm-event");
      GtkWidget *box = gtk_widget_get_next_sibling (dot);
      GtkWidget *title = gtk_widget_get_first_child (box);
      g_autofree char *expected = dm_event_list_dup_row_title (event);
      g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
      gboolean shown = FALSE;

      g_assert_true (gtk_widget_get_has_tooltip (box));
      g_assert_null (gtk_widget_get_tooltip_text (box));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, expected);
      g_signal_emit_by_name (box, "query-tooltip", 5, 5, FALSE, tooltip, &shown);
      g_assert_true (shown);
      n++;
    }
  g_assert_cmpuint (n, ==, 10);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A row is made in code (not parsed from a GtkBuilder file for each of the list's rows):
 * the dot, then the title and the subtitle, laid out and styled as the file did */
static void
test_row_widgets (void)
{
  DmWindow *win = open_sample ();
  GHashTableIter iter;
  gpointer dot;
  guint n = 0;

  g_hash_table_iter_init (&iter, win->event_list->bound_dots);
  while (g_hash_table_iter_next (&iter, &dot, NULL))
    {
      GtkWidget *row = gtk_widget_get_parent (dot);
      GtkWidget *box = gtk_widget_get_next_sibling (dot);
      GtkWidget *title = gtk_widget_get_first_child (box);
      GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
      DmEvent *event = g_object_get_data (dot, "dm-event");
      g_autofree char *expected = dm_event_list_dup_subtitle (event);

      g_assert_true (GTK_IS_BOX (row));
      g_assert_cmpint (gtk_box_get_spacing (GTK_BOX (row)), ==, 8);
      g_assert_cmpint (gtk_widget_get_margin_start (row), ==, 6);
      g_assert_cmpint (gtk_widget_get_margin_end (row), ==, 6);
      g_assert_true (GTK_IS_DRAWING_AREA (dot));
      g_assert_cmpint (gtk_drawing_area_get_content_width (GTK_DRAWING_AREA (dot)), ==, 10);
      g_assert_cmpint (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (dot)), ==, 10);
      g_assert_cmpint (gtk_widget_get_valign (dot), ==, GTK_ALIGN_CENTER);
      g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (box)), ==,
                       GTK_ORIENTATION_VERTICAL);
      g_assert_cmpint (gtk_box_get_spacing (GTK_BOX (box)), ==, 2);
      g_assert_cmpint (gtk_widget_get_margin_top (box), ==, 6);
      g_assert_cmpint (gtk_widget_get_margin_bottom (box), ==, 6);
      g_assert_true (gtk_widget_get_hexpand (box));
      g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (title)), ==, 0);
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (title)), ==, PANGO_ELLIPSIZE_END);
      g_assert_true (gtk_widget_has_css_class (title, "heading"));
      g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (subtitle)), ==, 0);
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (subtitle)), ==, PANGO_ELLIPSIZE_END);
      g_assert_true (gtk_widget_has_css_class (subtitle, "dim-label"));
      g_assert_true (gtk_widget_has_css_class (subtitle, "caption"));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==, expected);
      g_assert_null (gtk_widget_get_next_sibling (subtitle));
      g_assert_null (gtk_widget_get_next_sibling (box));
      n++;
    }
  g_assert_cmpuint (n, ==, 10);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The events whose text holds every one of @words, computed here */
static guint
count_with_words (DmDocument         *document,
                  const char * const *words)
{
  GListModel *events = dm_document_get_events (document);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      g_autofree char *title = g_utf8_casefold (dm_event_dup_display_title (e), -1);
      GString *text = g_string_new (title);
      gboolean all = TRUE;

      if (dm_event_get_actor (e) != NULL)
        g_string_append_printf (text, "\n%s", dm_actor_get_name (dm_event_get_actor (e)));
      for (guint j = 0; j < dm_event_get_participants (e)->len; j++)
        g_string_append_printf (text, "\n%s",
                                dm_actor_get_name (g_ptr_array_index (dm_event_get_participants (e), j)));
      {
        g_autofree char *folded = g_utf8_casefold (text->str, -1);
        for (guint j = 0; words[j] != NULL; j++)
          all = all && strstr (folded, words[j]) != NULL;
      }
      g_string_free (text, TRUE);
      n += all;
    }
  return n;
}

typedef struct
{
  DmWindow *win;
  guint     most_waiting;  /* rows bound with their text to come, at most */
  guint     first_waiting; /* the least position of those rows */
  GHashTable *seen;        /* the positions of those rows, all seen */
} RowsWatch;

/* For app_test_wait_until: the file is in; meanwhile, the rows waiting for their text */
static gboolean
watch_rows (gpointer data)
{
  RowsWatch *watch = data;
  GPtrArray *waiting = watch->win->event_list->waiting_rows;

  watch->most_waiting = MAX (watch->most_waiting, waiting->len);
  for (guint i = 0; i < waiting->len; i++)
    {
      guint position = gtk_list_item_get_position (g_ptr_array_index (waiting, i));

      watch->first_waiting = MIN (watch->first_waiting, position);
      g_hash_table_add (watch->seen, GUINT_TO_POINTER (position + 1));
    }
  return app_test_window_loaded (watch->win);
}

static gboolean
rows_have_text (gpointer list)
{
  return ((DmEventList *) list)->waiting_rows->len == 0;
}

/* For app_test_wait_until: a frame has laid the rows out since they got their text */
static gboolean
rows_laid_out (gpointer list)
{
  GHashTableIter iter;
  gpointer dot;

  g_hash_table_iter_init (&iter, ((DmEventList *) list)->bound_dots);
  while (g_hash_table_iter_next (&iter, &dot, NULL))
    if (gtk_widget_get_height (gtk_widget_get_parent (gtk_widget_get_parent (dot))) > 0)
      return TRUE;
  return FALSE;
}

/* Every bound row shows its event's title and subtitle */
static void
assert_rows_text (DmEventList *list,
                  guint       *n_rows,
                  int         *row_height)
{
  GHashTableIter iter;
  gpointer dot;

  g_hash_table_iter_init (&iter, list->bound_dots);
  while (g_hash_table_iter_next (&iter, &dot, NULL))
    {
      DmEvent *event = g_object_get_data (dot, "dm-event");
      GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_next_sibling (dot));
      g_autofree char *expected_title = dm_event_list_dup_row_title (event);
      g_autofree char *expected_subtitle = dm_event_list_dup_subtitle (event);

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, expected_title);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (title))), ==,
                       expected_subtitle);
      *row_height = MAX (*row_height, gtk_widget_get_height (gtk_widget_get_parent (gtk_widget_get_parent (dot))));
      (*n_rows)++;
    }
}

/* GTK's list view binds about 200 rows when the U.S. record fills the list (25 at a time,
 * DmSortedEvents): those out of view are bound with empty labels and get their text in the
 * next frames (measuring all their text at once was a stall of the window), those in view
 * have it at once, and in the end every row shows its event's title and subtitle */
static void
test_rows_text_later (void)
{
  RowsWatch watch = { app_test_open_window (), 0, G_MAXUINT, g_hash_table_new (NULL, NULL) };
  guint n = 0, n_in_view;
  int row_height = 0;

  g_action_group_activate_action (G_ACTION_GROUP (watch.win), "open-us-travels", NULL);
  g_assert_true (app_test_wait_until (watch_rows, &watch, 30000));
  g_test_message ("%u rows waited for their text (%u at once), the first at %u",
                  g_hash_table_size (watch.seen), watch.most_waiting, watch.first_waiting);
  /* the sorted rows come 25 at a time (DmSortedEvents): all but those in view wait */
  g_assert_cmpuint (g_hash_table_size (watch.seen), >, 100);
  g_hash_table_unref (watch.seen);
  g_assert_true (app_test_wait_until (rows_have_text, watch.win->event_list, 10000));
  g_assert_true (app_test_wait_until (rows_laid_out, watch.win->event_list, 10000));
  assert_rows_text (watch.win->event_list, &n, &row_height);
  g_assert_cmpuint (n, >, 150);
  /* the rows in view at the top of the list had their text at once */
  g_assert_cmpint (row_height, >, 0);
  n_in_view = (gtk_widget_get_height (GTK_WIDGET (watch.win->event_list->list_view)) + row_height - 1) / row_height;
  g_test_message ("%u rows in view, %d px each", n_in_view, row_height);
  g_assert_cmpuint (n_in_view, >, 5);
  g_assert_cmpuint (watch.first_waiting, >=, n_in_view);
  gtk_window_destroy (GTK_WINDOW (watch.win));
}

static gboolean
rows_waiting (gpointer list)
{
  return ((DmEventList *) list)->waiting_rows->len >= 10;
}

/* A call gives rows their text until its budget is spent (one row at least, and those in
 * view whatever it is), the rest come in later calls */
static void
test_rows_text_budget (void)
{
  DmWindow *win = app_test_open_window ();
  DmEventList *list = win->event_list;
  guint before, given, n = 0;
  int row_height = 0;

  list->rows_text_budget_us = 0;
  g_action_group_activate_action (G_ACTION_GROUP (win), "open-us-travels", NULL);
  g_assert_true (app_test_wait_until (rows_waiting, list, 30000));
  before = list->waiting_rows->len;
  given = dm_event_list_give_rows_text (list, 0);
  g_test_message ("%u rows waited, %u given their text in a call of no budget", before, given);
  g_assert_cmpuint (given, >=, 1);
  g_assert_cmpuint (given, <, before);
  g_assert_cmpuint (list->waiting_rows->len, ==, before - given);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 30000));
  g_assert_true (app_test_wait_until (rows_have_text, list, 10000));
  assert_rows_text (list, &n, &row_height);
  g_assert_cmpuint (n, >, 150);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* "Pompeo " finds Pompeo's events: the search is trimmed and split into words */
static void
test_search_words (void)
{
  DmWindow *win = app_test_open_window ();
  guint n_all, n_pompeo, n_tokyo, n_both;
  const char *pompeo[] = { "pompeo", NULL };
  const char *both[] = { "pompeo", "japan", NULL };

  g_action_group_activate_action (G_ACTION_GROUP (win), "open-us-travels", NULL);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 30000));
  n_all = n_shown (win);
  g_assert_cmpuint (n_all, >, 4000);

  dm_event_list_set_search (win->event_list, "Pompeo");
  n_pompeo = n_shown (win);
  g_test_message ("Pompeo: %u events", n_pompeo);
  /* at least those naming him in the title or as the actor; the notes may name him too */
  g_assert_cmpuint (n_pompeo, >=, count_with_words (win->document, pompeo));
  g_assert_cmpuint (n_pompeo, >, 10);
  g_assert_cmpuint (n_pompeo, <, n_all);

  assert_search_finds (win, "Pompeo ", n_pompeo);
  assert_search_finds (win, "  pompeo\t", n_pompeo);
  assert_search_finds (win, "POMPEO", n_pompeo);

  /* Two words: both must be found, not necessarily together */
  dm_event_list_set_search (win->event_list, "Japan");
  n_tokyo = n_shown (win);
  dm_event_list_set_search (win->event_list, "Pompeo Japan");
  n_both = n_shown (win);
  g_test_message ("Japan: %u, Pompeo and Japan: %u (with both in the title or actor: %u)",
                  n_tokyo, n_both, count_with_words (win->document, both));
  g_assert_cmpuint (n_both, >=, count_with_words (win->document, both));
  g_assert_cmpuint (n_both, >, 0);
  g_assert_cmpuint (n_both, <, MIN (n_pompeo, n_tokyo));
  for (guint i = 0; i < n_both; i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (dm_event_list_get_model (win->event_list), i);
      g_assert_true (dm_event_matches_search (e, (const char * const *) pompeo));
      g_assert_true (dm_event_matches_search (e, (const char * const *) (const char *[]) { "japan", NULL }));
    }
  /* the same words in the other order */
  assert_search_finds (win, "japan   POMPEO ", n_both);

  /* each event's text is folded once and kept for the next keystrokes */
  g_assert_cmpuint (g_hash_table_size (win->event_list->search_texts), ==, n_all);
  {
    g_autoptr(DmEvent) first = g_list_model_get_item (dm_document_get_events (win->document), 0);
    const char *text = g_hash_table_lookup (win->event_list->search_texts, first);

    g_assert_nonnull (text);
    assert_search_finds (win, "Pompeo", n_pompeo);
    g_assert_true (g_hash_table_lookup (win->event_list->search_texts, first) == text);
  }
  /* a reload (a file was added) drops them; the search finds the same again */
  dm_event_list_set_search (win->event_list, "");
  dm_event_list_reload (win->event_list);
  g_assert_cmpuint (g_hash_table_size (win->event_list->search_texts), ==, 0);
  assert_search_finds (win, "Pompeo", n_pompeo);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Accents and case do not matter, on either side */
static void
test_search_accents (void)
{
  g_auto(GStrv) words = dm_event_list_split_search ("  Péter   SZIJJARTO ");
  g_auto(GStrv) none = dm_event_list_split_search (" \t ");
  g_autofree char *folded = dm_event_list_fold ("Szijjártó ÉLYSÉE");
  DmWindow *win;

  g_assert_nonnull (words);
  g_assert_cmpuint (g_strv_length (words), ==, 2);
  g_assert_cmpstr (words[0], ==, "peter");
  g_assert_cmpstr (words[1], ==, "szijjarto");
  g_assert_null (none);
  g_assert_cmpstr (folded, ==, "szijjarto elysee");

  win = open_sample ();
  /* The events Péter Szijjártó takes part in, found by his name without accents */
  {
    GListModel *actors = dm_document_get_actors (win->document);
    GListModel *events = dm_document_get_events (win->document);
    DmActor *peter = NULL;
    guint n = 0;

    for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
      {
        g_autoptr(DmActor) a = g_list_model_get_item (actors, i);
        if (g_str_equal (dm_actor_get_name (a), "Péter Szijjártó"))
          peter = a;  /* the document keeps it */
      }
    g_assert_nonnull (peter);
    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
        n += dm_event_involves (e, peter);
      }
    g_assert_cmpuint (n, >, 0);
    assert_search_finds (win, "peter szijjarto", n);
    assert_search_finds (win, "SZIJJÁRTÓ", n);
    assert_search_finds (win, "szijjarto minsk", n);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

static GtkWidget *
empty_page_button (DmEventList *list)
{
  GtkWidget *page = gtk_stack_get_child_by_name (list->list_stack, "empty");

  return adw_status_page_get_child (ADW_STATUS_PAGE (page));
}

/* Nothing found: "No Matching Events" and a button clearing the search and the filters */
static void
test_empty_state (void)
{
  DmWindow *win = open_sample ();
  DmEventList *list = win->event_list;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (list->list_stack), ==, "list");
  dm_event_list_set_search (list, "no such words");
  g_assert_cmpuint (n_shown (win), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list->list_stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (gtk_stack_get_visible_child (list->list_stack))),
                   ==, "No Matching Events");
  app_test_wait_frames (GTK_WIDGET (win), 1);
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "event-list-empty.png");
  }

  /* A filter alone can empty the list too */
  dm_event_list_set_search (list, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list->list_stack), ==, "list");
  dm_event_list_set_filters (list, NULL, "JP", DM_EVENT_KIND_SUMMIT, -1);
  g_assert_cmpuint (n_shown (win), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list->list_stack), ==, "empty");

  dm_event_list_set_search (list, "trump");
  g_signal_emit_by_name (empty_page_button (list), "clicked");
  g_assert_cmpuint (n_shown (win), ==, 10);
  g_assert_false (dm_event_list_is_filtered (list));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (list->search)), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list->list_stack), ==, "list");
  gtk_window_destroy (GTK_WINDOW (win));
}

static int
height_of (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) ? gtk_widget_get_height (widget) : 0;
}

/* At the default size the list has the height: the filters hide behind a button, the details
 * show only with a selection */
static void
test_layout (void)
{
  DmWindow *win = open_sample ();
  DmEventList *list = win->event_list;
  int sidebar = gtk_widget_get_height (GTK_WIDGET (list));
  GtkWidget *rows = GTK_WIDGET (list->list_stack);

  g_test_message ("sidebar %d px high, list %d, details %d", sidebar, height_of (rows),
                  height_of (GTK_WIDGET (win->event_details)));
  g_assert_false (gtk_revealer_get_child_revealed (list->filter_revealer));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (win->event_details)));
  g_assert_cmpint (height_of (rows), >=, sidebar - 60);

  /* The filter button reveals the drop-downs; it counts the filters on */
  gtk_toggle_button_set_active (list->filter_button, TRUE);
  dm_event_list_set_filters (list, NULL, "JP", -1, DM_STATUS_CONFIRMED);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list->filter_count)));
  g_assert_cmpstr (gtk_label_get_text (list->filter_count), ==, "2");
  g_assert_true (app_test_wait_until (filters_revealed, list, 5000));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list->country_filter)));
  g_assert_cmpint (height_of (rows), >=, 200);
  dm_event_list_clear_filters (list);
  g_assert_false (dm_event_list_is_filtered (list));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list->filter_count)));
  gtk_toggle_button_set_active (list->filter_button, FALSE);
  g_assert_true (app_test_wait_until (filters_hidden, list, 5000));

  /* A selection shows the details under the list, which keeps more than half */
  dm_window_set_selected_event (win, find_by_title (win->document, "ASEAN summit"));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  g_test_message ("with a selection: list %d, details %d", height_of (rows),
                  height_of (GTK_WIDGET (win->event_details)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (win->event_details)));
  g_assert_cmpint (height_of (GTK_WIDGET (win->event_details)), >=, 150);
  g_assert_cmpint (height_of (rows), >=, sidebar / 2 - 60);
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "event-list-selected.png");
  }
  /* Escape: no selection, no details */
  dm_window_set_selected_event (win, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (win->event_details)));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Long names and translations are cut, the sidebar keeps its width */
static void
test_fixed_width (void)
{
  const char *long_name = "Plenipotentiary Envoy Extraordinary of the Most Serene Republic "
                          "to the Court of Saint James and the Sublime Porte";
  g_autofree char *dir = g_dir_make_tmp ("dm-event-list-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.diplomap", NULL);
  g_autofree char *json = g_strdup_printf (
    "{\"diplomap\": 1, \"title\": \"Long\",\n"
    " \"actors\": [{\"id\": \"envoy\", \"name\": \"%s\", \"role\": \"%s\"}],\n"
    " \"events\": [{\"id\": \"v\", \"type\": \"visit\", \"actor\": \"envoy\",\n"
    "   \"title\": \"%s visits Vienna for the longest conference anyone remembers\",\n"
    "   \"place\": \"Vienna\", \"start\": \"1815-06-09\"}]}\n", long_name, long_name, long_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmEvent) event = NULL;
  DmWindow *win;
  DmEventList *list;
  int width, asked;

  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);
  win = open_file (path);
  list = win->event_list;
  g_assert_cmpuint (n_shown (win), ==, 1);
  gtk_widget_get_size_request (GTK_WIDGET (list), &asked, NULL);
  width = gtk_widget_get_width (GTK_WIDGET (list));
  g_assert_cmpint (width, ==, asked);

  /* The long name chosen in the filters, the event's long details shown */
  event = g_list_model_get_item (dm_event_list_get_model (list), 0);
  gtk_toggle_button_set_active (list->filter_button, TRUE);
  dm_event_list_set_filters (list, dm_event_get_actor (event), NULL, -1, -1);
  dm_event_list_set_role_year (list, long_name, 0);
  g_assert_cmpuint (dm_event_list_count_filters (list), ==, 2);
  dm_window_set_selected_event (win, event);
  g_assert_true (app_test_wait_until (filters_revealed, list, 5000));
  g_assert_true (app_test_wait_frames (GTK_WIDGET (win), 3));
  g_test_message ("sidebar %d px wide, then %d", width, gtk_widget_get_width (GTK_WIDGET (list)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (list)), ==, asked);
  {
    g_autoptr(GdkTexture) shot = app_test_render (GTK_WIDGET (win));
    app_test_save (shot, "event-list-long.png");
  }
  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (path);
  g_rmdir (dir);

  /* Whatever its children would like, the sidebar asks for its width request only */
  {
    g_autoptr(GtkWidget) alone = g_object_ref_sink (dm_event_list_new ());
    GtkWidget *label = gtk_label_new (long_name);
    int min, nat;

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_widget_set_size_request (alone, 320, -1);
    dm_event_list_set_details (DM_EVENT_LIST (alone), label);
    gtk_widget_set_visible (label, TRUE);
    gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
    g_assert_cmpint (nat, >, 320);
    gtk_widget_measure (alone, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_assert_cmpint (min, ==, 320);
    g_assert_cmpint (nat, ==, 320);
  }
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
            return s;  /* the controller keeps it */
        }
    }
  return NULL;
}

static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* For app_test_wait_until, on an AdwFlap: its animation has ended */
static gboolean
sidebar_hidden (gpointer flap)
{
  return adw_flap_get_reveal_progress (flap) == 0;
}

static gboolean
sidebar_shown (gpointer flap)
{
  return adw_flap_get_reveal_progress (flap) == 1;
}

/* Ctrl+F goes to the search, from anywhere, even with the sidebar hidden; Tab goes on to the
 * filter button; Enter in the search goes to the list */
static void
test_keyboard (void)
{
  DmWindow *win = open_sample ();
  DmEventList *list = win->event_list;
  GtkShortcut *ctrl_f = find_shortcut (GTK_WIDGET (win), "<Control>f");
  GtkWidget *focus;

  g_assert_nonnull (ctrl_f);
  g_assert_null (find_shortcut (GTK_WIDGET (list), "<Control>f"));

  adw_flap_set_reveal_flap (win->flap, FALSE);
  g_assert_true (app_test_wait_until (sidebar_hidden, win->flap, 5000));
  gtk_widget_grab_focus (GTK_WIDGET (win->timeline));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (ctrl_f), 0, GTK_WIDGET (win),
                                               gtk_shortcut_get_arguments (ctrl_f)));
  g_assert_true (app_test_wait_until (sidebar_shown, win->flap, 5000));
  g_assert_true (adw_flap_get_reveal_flap (win->flap));
  g_assert_true (focus_in (GTK_WIDGET (list->search)));

  /* Tab: the filter button, then (filters hidden) the list */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (list->filter_button)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (win), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (win));
  g_assert_true (focus == GTK_WIDGET (list->filter_button));
  /* Space (activating the button) reveals the filters, reachable by Tab */
  gtk_widget_activate (GTK_WIDGET (list->filter_button));
  g_assert_true (app_test_wait_until (filters_revealed, list, 5000));
  g_assert_true (gtk_toggle_button_get_active (list->filter_button));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (win), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_in (GTK_WIDGET (list->actor_filter)));

  /* Enter in the search box: the list */
  dm_event_list_set_search (list, "trump");
  g_signal_emit_by_name (list->search, "activate");
  g_assert_true (focus_in (GTK_WIDGET (list->list_view)));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The filters' drop-downs can be told apart when they show "no filter": their labels differ
 * within the first characters a narrow drop-down shows (run in French too: the French
 * "Toutes les …" all looked alike) */
static void
test_filter_labels (void)
{
  DmWindow *win = open_sample ();
  DmEventList *list = win->event_list;
  GtkDropDown *drops[] = { list->actor_filter, list->country_filter, list->kind_filter,
                           list->status_filter, list->role_filter, list->year_filter,
                           list->region_filter };
  char *shown[G_N_ELEMENTS (drops)];

  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    {
      GObject *item = gtk_drop_down_get_selected_item (drops[i]);

      g_assert_true (GTK_IS_STRING_OBJECT (item));
      shown[i] = g_utf8_substring (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), 0, 8);
      g_test_message ("%s", gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (drops); j++)
      g_assert_cmpstr (shown[i], !=, shown[j]);
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "fr") == 0)
    g_assert_true (g_str_has_prefix (shown[0], "Personna"));
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    g_free (shown[i]);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A drop-down's choices are listed when its pop-up opens (opening a big document made every
 * drop-down's rows at once): until then the drop-down holds and shows its first choice, then
 * its model holds every choice the list offers, the first still chosen; a choice other than
 * the first chosen by code lists them all at once */
static gboolean
button_is_active (gpointer button)
{
  return gtk_toggle_button_get_active (button);
}

static void
test_choices_listed_on_open (void)
{
  DmWindow *win = open_sample ();
  DmEventList *list = win->event_list;
  GtkDropDown *drops[] = { list->actor_filter, list->country_filter, list->year_filter,
                           list->region_filter };

  /* the filters shown, as a person opens them */
  gtk_toggle_button_set_active (list->filter_button, TRUE);
  g_assert_true (app_test_wait_until (filters_revealed, list, 5000));
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    {
      GListModel *offered = dm_event_list_get_drop_choices (drops[i]);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (drops[i]));
      GListModel *model;
      GObject *shown;

      /* the sample's four actors, countries, years; the M49 regions */
      g_assert_cmpuint (g_list_model_get_n_items (offered), >=, 2);
      for (guint j = 0; j < g_list_model_get_n_items (offered); j++)
        g_ptr_array_add (texts, g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (offered), j)));
      g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drops[i])), ==, 1);
      shown = gtk_drop_down_get_selected_item (drops[i]);
      g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (shown)), ==,
                       g_ptr_array_index (texts, 0));

      /* Space or Enter on the drop-down's button opens its pop-up */
      g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
      gtk_widget_activate (button);
      g_assert_true (app_test_wait_until (button_is_active, button, 5000));
      model = gtk_drop_down_get_model (drops[i]);
      g_assert_true (dm_event_list_get_drop_choices (drops[i]) == model);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, texts->len);
      for (guint j = 0; j < texts->len; j++)
        g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), j), ==,
                         g_ptr_array_index (texts, j));
      g_assert_cmpuint (gtk_drop_down_get_selected (drops[i]), ==, 0);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
    }

  /* the list reloaded: its first choice alone again; a country chosen by code lists them */
  dm_event_list_reload (list);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (list->country_filter)), ==, 1);
  dm_event_list_set_filters (list, NULL, g_ptr_array_index (list->countries, 0), -1, -1);
  g_assert_cmpuint (gtk_drop_down_get_selected (list->country_filter), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (list->country_filter)), ==,
                    list->countries->len + 1);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A row shows where before who, when the title starts with the actor's name */
static void
test_row_place_first (void)
{
  g_autoptr(DmActor) actor = dm_actor_new ("pompeo", "Michael R. Pompeo");
  g_autoptr(DmEvent) event = dm_event_new (DM_EVENT_KIND_TRIP, "e1");
  g_autofree char *row = NULL;

  dm_event_set_actor (event, actor);
  dm_event_set_title (event, "Michael R. Pompeo: Belgium, France");
  row = dm_event_list_dup_row_title (event);
  g_assert_cmpstr (row, ==, "Belgium, France — Michael R. Pompeo");
  g_free (row);
  dm_event_set_title (event, "Talks in Brussels");
  row = dm_event_list_dup_row_title (event);
  g_assert_cmpstr (row, ==, "Talks in Brussels");
}

/* Selecting finds each event in the sorted list (a binary search by time), also among
 * events of the same time: copies of one */
static void
test_select_sorted (void)
{
  DmWindow *win = open_sample ();
  GListModel *events = dm_document_get_events (win->document);
  GtkSingleSelection *selection = dm_event_list_get_selection (win->event_list);
  g_autoptr(DmEvent) first = g_list_model_get_item (events, 0);

  for (guint k = 0; k < 2; k++)
    g_action_group_activate_action (G_ACTION_GROUP (win), "duplicate-event",
                                     g_variant_new_string (dm_event_get_id (first)));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 12);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);

      dm_window_set_selected_event (win, NULL);
      dm_window_set_selected_event (win, e);
      g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) e);
      g_assert_true (dm_event_list_get_selected_event (win->event_list) == e);
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The texts of the labels drawn under @widget, one a line */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, text);
}

static double
map_distance_to (DmWindow *win,
                 DmPlace  *place)
{
  ShumateViewport *viewport = shumate_map_get_viewport (win->map);

  return hypot (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - dm_place_get_longitude (place),
                shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - dm_place_get_latitude (place));
}

/* A KML of sites without a time (the first placemarks of Google's KML_Samples.kml,
 * tests/data/real/sites.kml): its places are rows after the events, "date not given",
 * found by the search, selectable (details, map framed on the place); an event selected
 * after one unselects it */
static void
test_undated_places (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", "sites.kml", NULL);
  DmWindow *win = open_file (path);
  GtkSingleSelection *selection = dm_event_list_get_selection (win->event_list);
  GListModel *rows = G_LIST_MODEL (selection);
  g_autoptr(GString) drawn = g_string_new (NULL);
  g_autoptr(DmPlace) floating = NULL;
  g_autoptr(GFile) sample = g_file_new_for_path (SOURCE_SAMPLES_DIR "/october-2025.diplomap");
  g_autofree char *details = NULL;
  g_autoptr(DmEvent) event = NULL;

  g_assert_cmpuint (n_shown (win), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->event_list->list_stack), ==, "list");
  /* the window opened on the places, not on the world */
  g_assert_true (app_test_wait_map_still (win, 5));
  {
    g_autoptr(DmPlace) first = g_list_model_get_item (rows, 0);
    g_assert_true (DM_IS_PLACE (first));
    g_assert_cmpfloat (map_distance_to (win, first), <, 0.5);
  }
  collect_labels (GTK_WIDGET (win->event_list->list_view), drawn);
  g_assert_nonnull (strstr (drawn->str, "Simple placemark, US\n"));
  g_assert_nonnull (strstr (drawn->str, "Floating placemark, US\n"));
  g_assert_nonnull (strstr (drawn->str, "Place · date not given\n"));
  app_test_save (app_test_render (GTK_WIDGET (win)), "event-list-undated-places.png");

  /* a click on the second row */
  gtk_single_selection_set_selected (selection, 1);
  floating = g_list_model_get_item (rows, 1);
  g_assert_true (dm_event_list_get_selected_place (win->event_list) == floating);
  g_assert_null (dm_window_get_selected_event (win));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (win->event_details)));
  details = dm_event_details_dup_text (win->event_details);
  g_assert_nonnull (strstr (details, "Floating placemark, US\nPlace · date not given\nCountry\nUnited States (US)\n"));
  g_assert_nonnull (strstr (details, "37.42200°, -122.0840"));
  g_assert_true (app_test_wait_map_still (win, 5));
  g_assert_cmpfloat (map_distance_to (win, floating), <, 0.01);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (win->map)), >=, 4.9);

  /* the search finds places by name; a filter of events hides them */
  dm_event_list_set_search (win->event_list, "floating");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  dm_event_list_set_search (win->event_list, "");
  dm_event_list_set_filters (win->event_list, NULL, NULL, DM_EVENT_KIND_TRIP, -1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (win->event_list->list_stack), ==, "empty");
  dm_event_list_clear_filters (win->event_list);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  /* with events: the places follow them; selecting an event unselects the place */
  dm_window_open_file (win, sample);
  g_assert_true (app_test_wait_until (app_test_window_loaded, win, 30000));
  g_assert_cmpuint (n_shown (win), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 13);
  {
    g_autoptr(GObject) last = g_list_model_get_item (rows, 12);
    g_assert_true (DM_IS_PLACE (last));
  }
  dm_event_list_set_selected_place (win->event_list, floating);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) floating);
  event = g_list_model_get_item (rows, 0);
  dm_window_set_selected_event (win, event);
  g_assert_null (dm_event_list_get_selected_place (win->event_list));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) event);
  g_assert_true (dm_event_details_get_event (win->event_details) == event);
  /* and a place row after an event */
  gtk_single_selection_set_selected (selection, 11);
  g_assert_null (dm_window_get_selected_event (win));
  g_assert_nonnull (dm_event_list_get_selected_place (win->event_list));
  g_free (details);
  details = dm_event_details_dup_text (win->event_details);
  g_assert_nonnull (strstr (details, "date not given"));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Gives @event the start @iso, as a file would */
static void
set_start_text (DmEvent    *event,
                const char *iso)
{
  DmTime t;

  g_assert_true (dm_time_parse (iso, NULL, &t, NULL));
  dm_event_set_start (event, &t);
}

/* The list's own sorted store (DmSortedEvents) keeps exactly GtkSortListModel's order (by
 * start, unknown last, ties in the model's order) through random adds, removes and
 * replacements, many of one day; its items-changed, applied to a copy, give its contents, and
 * a change of one event signals one row (or two when it moves) */
static DmEvent *
random_event (GRand *rand,
              guint  serial)
{
  g_autofree char *id = g_strdup_printf ("e%u", serial);
  DmEvent *event = dm_event_new (DM_EVENT_KIND_VISIT, id);
  int day = g_rand_int_range (rand, 0, 6);

  /* day 0: no date (last); otherwise one of five days, so that starts are often equal */
  if (day > 0)
    {
      g_autofree char *iso = g_strdup_printf ("2025-10-%02d", day);

      set_start_text (event, iso);
    }
  return event;
}

static void
shadow_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   gpointer    user_data)
{
  GPtrArray *shadow = user_data;
  guint *signals = g_object_get_data (G_OBJECT (model), "signals");

  g_ptr_array_remove_range (shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (shadow, position + i, g_list_model_get_item (model, position + i));
  (*signals)++;
  g_object_set_data (G_OBJECT (model), "rows", GUINT_TO_POINTER (removed + added));
}

static int
compare_events_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return dm_sorted_events_compare ((DmEvent *) a, (DmEvent *) b);
}

static void
test_sorted_store (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GListStore) store = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(DmSortedEvents) ours = NULL;
  g_autoptr(GtkSortListModel) gtk = NULL;
  g_autoptr(GPtrArray) shadow = g_ptr_array_new_with_free_func (g_object_unref);
  guint serial = 0, signals = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(DmEvent) e = random_event (rand, serial++);
      g_list_store_append (store, e);
    }
  ours = dm_sorted_events_new (G_LIST_MODEL (store));
  gtk = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                 GTK_SORTER (gtk_custom_sorter_new (compare_events_cb, NULL, NULL)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (ours)); i++)
    g_ptr_array_add (shadow, g_list_model_get_item (G_LIST_MODEL (ours), i));
  g_object_set_data (G_OBJECT (ours), "signals", &signals);
  g_signal_connect (ours, "items-changed", G_CALLBACK (shadow_changed_cb), shadow);

  for (guint step = 0; step < 400; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
      guint op = g_rand_int_range (rand, 0, 4), at = n > 0 ? g_rand_int_range (rand, 0, n) : 0;
      g_autoptr(DmEvent) e = random_event (rand, serial++);
      guint before = signals;

      if (op == 0 || n < 5)
        g_list_store_insert (store, g_rand_int_range (rand, 0, n + 1), e);
      else if (op == 1)
        g_list_store_remove (store, at);
      else if (op == 2)
        g_list_store_splice (store, at, 1, (gpointer *) &e, 1);
      else
        {
          /* several at once */
          g_autoptr(DmEvent) f = random_event (rand, serial++);
          gpointer two[] = { e, f };
          g_list_store_splice (store, at, MIN (2, n - at), two, 2);
        }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ours)), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (gtk)));
      g_assert_cmpuint (shadow->len, ==, g_list_model_get_n_items (G_LIST_MODEL (ours)));
      for (guint i = 0; i < shadow->len; i++)
        {
          g_autoptr(DmEvent) a = g_list_model_get_item (G_LIST_MODEL (ours), i);
          g_autoptr(DmEvent) b = g_list_model_get_item (G_LIST_MODEL (gtk), i);

          g_assert_cmpstr (dm_event_get_id (a), ==, dm_event_get_id (b));
          g_assert_true (g_ptr_array_index (shadow, i) == (gpointer) a);
          g_assert_cmpuint (dm_sorted_events_find (ours, a), ==, i);
        }
      if (op == 1 && n >= 5)
        g_assert_cmpuint (signals - before, ==, 1);
      if (op == 2 && n >= 5)
        {
          g_assert_cmpuint (signals - before, <=, 2);
          g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (ours), "rows")), <=, 2);
        }
    }
  g_signal_handlers_disconnect_by_data (ours, shadow);
}

/* Over a filter model (as the list has it), a change of many events is sorted again from the
 * model the filter reads when the filter lets every event through, from the filter model
 * otherwise: the same order as GtkSortListModel's either way */
static gboolean
keep_even_cb (gpointer item,
              gpointer user_data)
{
  const gboolean *all = user_data;

  return *all || g_str_has_suffix (dm_event_get_id (item), "0") ||
         g_str_has_suffix (dm_event_get_id (item), "2") || g_str_has_suffix (dm_event_get_id (item), "4");
}

static void
assert_same_order (GListModel *ours,
                   GListModel *gtk)
{
  g_assert_cmpuint (g_list_model_get_n_items (ours), ==, g_list_model_get_n_items (gtk));
  for (guint i = 0; i < g_list_model_get_n_items (ours); i++)
    {
      g_autoptr(DmEvent) a = g_list_model_get_item (ours, i);
      g_autoptr(DmEvent) b = g_list_model_get_item (gtk, i);

      g_assert_true (a == b);
    }
}

static void
test_sorted_store_filtered (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  GListStore *store = g_list_store_new (DM_TYPE_EVENT);
  gboolean all = TRUE;
  GtkCustomFilter *filter = gtk_custom_filter_new (keep_even_cb, &all, NULL);
  g_autoptr(GtkFilterListModel) filtered = gtk_filter_list_model_new (G_LIST_MODEL (store), GTK_FILTER (filter));
  g_autoptr(DmSortedEvents) ours = dm_sorted_events_new (G_LIST_MODEL (filtered));
  g_autoptr(GtkSortListModel) gtk = NULL;
  guint serial = 0, kept;

  gtk = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filtered)),
                                 GTK_SORTER (gtk_custom_sorter_new (compare_events_cb, NULL, NULL)));
  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < 150; i++)
        g_ptr_array_add (added, random_event (rand, serial++));
      /* more than 64 at once: sorted again */
      g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)) / 2, 0,
                           added->pdata, added->len);
      assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (gtk));
      all = round % 2 == 1;
      gtk_filter_changed (GTK_FILTER (filter), all ? GTK_FILTER_CHANGE_LESS_STRICT
                                                   : GTK_FILTER_CHANGE_MORE_STRICT);
      kept = 0;
      for (guint i = 0; i < serial; i++)
        kept += all || i % 10 == 0 || i % 10 == 2 || i % 10 == 4;
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ours)), ==, kept);
      assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (gtk));
    }
}

/* A sort made by a thread (dm_sorted_events_set_threaded, as the window's load does) gives
 * the order of the sort made at once and of GtkSortListModel: events of many equal starts,
 * some at hours of a day, some without a time, titled in Korean and Arabic; the rows stay
 * the old ones until the thread's order is put in place (into an empty list, a part at a
 * time). A change of the filter while the thread sorts, or while the rows come, is sorted at
 * once, and the thread's stale order is dropped. */
static DmEvent *
titled_event (GRand *rand,
              guint  serial)
{
  const char *titles[] = { "평양 정상회담", "زيارة إلى الرياض", "Visit to Paris", "서울 방문",
                           "قمة القاهرة" };
  DmEvent *event = random_event (rand, serial);
  int hour = g_rand_int_range (rand, 0, 3);

  dm_event_set_title (event, titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))]);
  if (hour > 0 && g_rand_boolean (rand))
    {
      g_autofree char *iso = g_strdup_printf ("2025-10-03T%02d:00:00Z", hour * 7);

      set_start_text (event, iso);
    }
  return event;
}

static void
count_signals_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *signals)
{
  (*signals)++;
}

static void
wait_sorted (DmSortedEvents *sorted)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (dm_sorted_events_get_sorting (sorted) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dm_sorted_events_get_sorting (sorted));
}

static void
test_sorted_store_threaded (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  GListStore *store = g_list_store_new (DM_TYPE_EVENT);
  gboolean all = TRUE;
  GtkCustomFilter *filter = gtk_custom_filter_new (keep_even_cb, &all, NULL);
  g_autoptr(GtkFilterListModel) filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  g_autoptr(DmSortedEvents) ours = dm_sorted_events_new (G_LIST_MODEL (filtered));
  g_autoptr(DmSortedEvents) at_once = dm_sorted_events_new (G_LIST_MODEL (filtered));
  g_autoptr(GtkSortListModel) gtk = NULL;
  guint signals = 0;
  gint64 until;

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(DmEvent) e = titled_event (rand, i);
      g_list_store_append (store, e);
    }
  gtk = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filtered)),
                                 GTK_SORTER (gtk_custom_sorter_new (compare_events_cb, NULL, NULL)));
  g_signal_connect (ours, "items-changed", G_CALLBACK (count_signals_cb), &signals);

  /* the events come: sorted by the thread, the rows empty until then */
  dm_sorted_events_set_threaded (ours, TRUE);
  gtk_filter_list_model_set_model (filtered, G_LIST_MODEL (store));
  dm_sorted_events_set_threaded (ours, FALSE);
  g_assert_true (dm_sorted_events_get_sorting (ours));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ours)), ==, 0);
  g_assert_cmpuint (signals, ==, 0);
  /* into the empty list, 25 rows a call up to 175, then the rest (a list view makes a row
   * for each of its first 200 items) */
  wait_sorted (ours);
  g_assert_cmpuint (signals, ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ours)), ==, 5000);
  assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (gtk));
  assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (at_once));
  for (guint i = 0; i < 5000; i += 97)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (G_LIST_MODEL (ours), i);

      g_assert_cmpuint (dm_sorted_events_find (ours, e), ==, i);
    }

  /* sorted again by a thread, and the filter changes meanwhile: sorted at once, the thread's result dropped */
  gtk_filter_list_model_set_model (filtered, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ours)), ==, 0);
  dm_sorted_events_set_threaded (ours, TRUE);
  gtk_filter_list_model_set_model (filtered, G_LIST_MODEL (store));
  dm_sorted_events_set_threaded (ours, FALSE);
  g_assert_true (dm_sorted_events_get_sorting (ours));
  all = FALSE;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_false (dm_sorted_events_get_sorting (ours));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ours)), ==, 1500);
  assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (gtk));
  signals = 0;
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (signals, ==, 0);
  assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (gtk));
  assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (at_once));

  /* the filter changes while the first rows come: the rest sorted at once, no more rows
   * added after */
  gtk_filter_list_model_set_model (filtered, NULL);
  all = TRUE;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_LESS_STRICT);
  dm_sorted_events_set_threaded (ours, TRUE);
  gtk_filter_list_model_set_model (filtered, G_LIST_MODEL (store));
  dm_sorted_events_set_threaded (ours, FALSE);
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (ours)) == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ours)), ==, 25);
  g_assert_true (dm_sorted_events_get_sorting (ours));
  all = FALSE;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_false (dm_sorted_events_get_sorting (ours));
  assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (gtk));
  signals = 0;
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (signals, ==, 0);
  assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (gtk));
  /* and one event added after: placed as ever */
  {
    g_autoptr(DmEvent) e = titled_event (rand, 5000);

    g_list_store_append (store, e);
    assert_same_order (G_LIST_MODEL (ours), G_LIST_MODEL (gtk));
  }
  g_signal_handlers_disconnect_by_data (ours, &signals);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add_func ("/app/event-list/filter-labels", test_filter_labels);
  app_test_add_func ("/app/event-list/choices-listed-on-open", test_choices_listed_on_open);
  app_test_add_func ("/app/event-list/row-place-first", test_row_place_first);
  app_test_add_func ("/app/event-list/select-sorted", test_select_sorted);
  app_test_add_func ("/app/event-list/undated-places", test_undated_places);
  app_test_add_func ("/app/event-list/sorted-store", test_sorted_store);
  app_test_add_func ("/app/event-list/sorted-store-filtered", test_sorted_store_filtered);
  app_test_add_func ("/app/event-list/sorted-store-threaded", test_sorted_store_threaded);

  app_test_add_func ("/app/event-list/dots", test_dots);
  app_test_add_func ("/app/event-list/row-tooltips", test_row_tooltips);
  app_test_add_func ("/app/event-list/row-widgets", test_row_widgets);
  app_test_add_func ("/app/event-list/search/words", test_search_words);
  app_test_add_func ("/app/event-list/search/accents", test_search_accents);
  app_test_add_func ("/app/event-list/empty-state", test_empty_state);
  app_test_add_func ("/app/event-list/layout", test_layout);
  app_test_add_func ("/app/event-list/fixed-width", test_fixed_width);
  app_test_add_func ("/app/event-list/keyboard", test_keyboard);
  app_test_add_func ("/app/event-list/rows-text-later", test_rows_text_later);
  app_test_add_func ("/app/event-list/rows-text-budget", test_rows_text_budget);
  return g_test_run ();
}
