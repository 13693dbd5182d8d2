/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dm-command.h"
#include "dm-saver.h"
#include "dm-undo-stack.h"
#include "interop-common.h"

/* Counts the events' items-changed: every command is one change that views see */
typedef struct
{
  guint changes;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->changes++;
  changes->removed += removed;
  changes->added += added;
}

static GBytes *
write_sample (DmDocument *doc)
{
  g_autoptr(GFile) sample = interop_sample ();
  return dm_native_write (doc, sample);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static void
test_remove_undo (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmUndoStack) stack = dm_undo_stack_new ();
  g_autoptr(GBytes) before = write_sample (doc);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(DmCommand) command = NULL;
  GListModel *events = dm_document_get_events (doc);
  DmEvent *apec = dm_document_lookup_event (doc, "apec-2025");
  guint n = g_list_model_get_n_items (events), position;
  Changes changes = { 0 };

  g_assert_nonnull (apec);
  g_assert_true (dm_document_find_event (doc, apec, &position));
  g_signal_connect (events, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_false (dm_undo_stack_get_modified (stack));
  g_assert_false (dm_undo_stack_can_undo (stack));

  command = dm_command_new_remove_event (doc, apec);
  g_assert_cmpstr (dm_command_get_label (command), ==, "Delete “APEC Economic Leaders' Meeting”");
  dm_undo_stack_push (stack, command);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n - 1);
  g_assert_null (dm_document_lookup_event (doc, "apec-2025"));
  g_assert_cmpuint (changes.changes, ==, 1);
  g_assert_true (dm_undo_stack_get_modified (stack));
  g_assert_cmpstr (dm_undo_stack_get_undo_label (stack), ==,
                   "Delete “APEC Economic Leaders' Meeting”");
  g_assert_null (dm_undo_stack_get_redo_label (stack));
  after = write_sample (doc);
  g_assert_null (g_strstr_len (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "apec-2025"));

  g_assert_true (dm_undo_stack_undo (stack));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n);
  g_assert_true (dm_document_lookup_event (doc, "apec-2025") == apec);
  g_assert_true (dm_document_find_event (doc, apec, &n));
  g_assert_cmpuint (n, ==, position);
  g_assert_false (dm_undo_stack_get_modified (stack));
  g_assert_cmpstr (dm_undo_stack_get_redo_label (stack), ==,
                   "Delete “APEC Economic Leaders' Meeting”");
  undone = write_sample (doc);
  assert_bytes_equal (before, undone);

  g_assert_true (dm_undo_stack_redo (stack));
  g_assert_null (dm_document_lookup_event (doc, "apec-2025"));
  g_assert_false (dm_undo_stack_redo (stack));
  g_assert_cmpuint (changes.changes, ==, 3);
}

static void
test_change_undo (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmUndoStack) stack = dm_undo_stack_new ();
  g_autoptr(GBytes) before = write_sample (doc);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(DmEvent) copy = NULL;
  g_autoptr(DmCommand) command = NULL;
  DmEvent *tour = dm_document_lookup_event (doc, "choe-tour");
  DmLeg *leg;
  DmTime day;
  Changes changes = { 0 };
  gint64 old_start, new_start, end;

  g_assert_nonnull (tour);
  g_assert_true (dm_event_get_span (tour, &old_start, &end));
  copy = dm_event_copy (tour, NULL);
  dm_event_set_title (copy, "Choe Son Hui in Russia");
  /* the first leg a day later */
  leg = g_ptr_array_index (dm_event_get_legs (copy), 0);
  g_assert_true (dm_time_parse ("2025-10-27", dm_place_get_zone (leg->from), &day, NULL));
  leg->depart = day;
  g_signal_connect (dm_document_get_events (doc), "items-changed", G_CALLBACK (items_changed_cb),
                    &changes);

  command = dm_command_new_change_event (doc, tour, copy);
  g_assert_cmpstr (dm_command_get_label (command), ==, "Edit “Choe Son Hui in Russia”");
  dm_undo_stack_push (stack, command);
  /* one change of one item: a view updates that row only */
  g_assert_cmpuint (changes.changes, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_true (dm_document_lookup_event (doc, "choe-tour") == copy);
  g_assert_true (dm_event_get_span (copy, &new_start, &end));
  g_assert_cmpint (new_start, >, old_start);
  /* the original is untouched: a thread drawing it sees no change */
  g_assert_cmpstr (dm_event_get_title (tour), ==, "Choe Son Hui's tour of Russia and Belarus");
  after = write_sample (doc);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                                  "\"Choe Son Hui in Russia\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                                  "2025-10-27"));

  g_assert_true (dm_undo_stack_undo (stack));
  g_assert_true (dm_document_lookup_event (doc, "choe-tour") == tour);
  undone = write_sample (doc);
  assert_bytes_equal (before, undone);
}

static void
test_add_undo (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmUndoStack) stack = dm_undo_stack_new ();
  g_autoptr(GBytes) before = write_sample (doc);
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(DmEvent) visit = dm_event_new (DM_EVENT_KIND_VISIT, "choe-vladivostok");
  g_autoptr(DmActor) actor = dm_actor_new ("kim", "Kim Song Nam");
  g_autoptr(DmPlace) place = dm_place_new (NULL, "Vladivostok", "RU", 43.1, 131.9,
                                           "Asia/Vladivostok");
  g_autoptr(DmCommand) command = NULL;
  g_autoptr(GFile) sample = interop_sample ();
  GListModel *events = dm_document_get_events (doc);
  guint n = g_list_model_get_n_items (events), position;
  DmTime day;

  g_assert_true (dm_time_parse ("2025-11-06", dm_place_get_zone (place), &day, NULL));
  dm_event_set_actor (visit, actor);
  dm_event_set_place (visit, place);
  dm_event_set_start (visit, &day);
  dm_event_set_origin (visit, sample, 0, 0);
  command = dm_command_new_add_event (doc, visit);
  g_assert_cmpstr (dm_command_get_label (command), ==, "Add “Kim Song Nam: Visit in Vladivostok”");
  dm_undo_stack_push (stack, command);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n + 1);
  g_assert_true (dm_document_find_event (doc, visit, &position));
  g_assert_cmpuint (position, ==, n);
  /* a new actor joins the document */
  g_assert_true (dm_document_lookup_actor (doc, "kim") == actor);
  g_assert_true (dm_undo_stack_undo (stack));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n);
  g_assert_false (dm_document_find_event (doc, visit, NULL));
  /* the file writes the actors its events use: the undone actor is not written */
  undone = write_sample (doc);
  assert_bytes_equal (before, undone);
}

static void
test_duplicate_undo (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmUndoStack) stack = dm_undo_stack_new ();
  g_autoptr(DmCommand) first = NULL;
  g_autoptr(DmCommand) second = NULL;
  DmEvent *apec = dm_document_lookup_event (doc, "apec-2025");
  DmEvent *copy, *copy2;
  guint position, copy_position;

  g_assert_true (dm_document_find_event (doc, apec, &position));
  first = dm_command_new_duplicate_event (doc, apec);
  g_assert_cmpstr (dm_command_get_label (first), ==, "Duplicate “APEC Economic Leaders' Meeting”");
  dm_undo_stack_push (stack, first);
  copy = dm_command_get_event (first);
  g_assert_cmpstr (dm_event_get_id (copy), ==, "apec-2025-2");
  g_assert_cmpstr (dm_event_get_title (copy), ==, dm_event_get_title (apec));
  g_assert_true (dm_event_get_place (copy) == dm_event_get_place (apec));
  g_assert_true (dm_document_find_event (doc, copy, &copy_position));
  g_assert_cmpuint (copy_position, ==, position + 1);

  second = dm_command_new_duplicate_event (doc, apec);
  dm_undo_stack_push (stack, second);
  copy2 = dm_command_get_event (second);
  g_assert_cmpstr (dm_event_get_id (copy2), ==, "apec-2025-3");

  g_assert_true (dm_undo_stack_undo (stack));
  g_assert_true (dm_undo_stack_undo (stack));
  g_assert_null (dm_document_lookup_event (doc, "apec-2025-2"));
  g_assert_false (dm_undo_stack_can_undo (stack));
  g_assert_true (dm_undo_stack_can_redo (stack));
}

/* A new command after an undo drops what could be redone; saving marks the point */
static void
test_stack_saved (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmUndoStack) stack = dm_undo_stack_new ();
  g_autoptr(DmCommand) a = dm_command_new_remove_event (doc, dm_document_lookup_event (doc, "apec-2025"));
  g_autoptr(DmCommand) b = dm_command_new_remove_event (doc, dm_document_lookup_event (doc, "trump-xi"));
  g_autoptr(DmCommand) c = NULL;
  dm_undo_stack_push (stack, a);
  dm_undo_stack_push (stack, b);
  dm_undo_stack_set_saved (stack);
  g_assert_false (dm_undo_stack_get_modified (stack));
  g_assert_true (dm_undo_stack_undo (stack));
  g_assert_true (dm_undo_stack_get_modified (stack));
  g_assert_true (dm_undo_stack_redo (stack));
  g_assert_false (dm_undo_stack_get_modified (stack));
  g_assert_true (dm_undo_stack_undo (stack));
  g_assert_true (dm_undo_stack_undo (stack));
  c = dm_command_new_remove_event (doc, dm_document_lookup_event (doc, "asean-summit"));
  dm_undo_stack_push (stack, c);
  g_assert_false (dm_undo_stack_can_redo (stack));
  /* the saved state (a and b removed) cannot come back any more */
  g_assert_true (dm_undo_stack_get_modified (stack));
  g_assert_true (dm_undo_stack_undo (stack));
  g_assert_true (dm_undo_stack_get_modified (stack));
  g_assert_nonnull (dm_document_lookup_event (doc, "apec-2025"));
  g_assert_nonnull (dm_document_lookup_event (doc, "trump-xi"));
  dm_undo_stack_clear (stack);
  g_assert_false (dm_undo_stack_get_modified (stack));
  g_assert_false (dm_undo_stack_can_undo (stack));
}

static gboolean
has_message (GPtrArray  *problems,
             const char *message)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_strcmp0 (g_ptr_array_index (problems, i), message) == 0)
      return TRUE;
  return FALSE;
}

/* The editor's checks say what the reader says, and the sample has nothing to say */
static void
test_event_check (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmEvent) visit = dm_event_new (DM_EVENT_KIND_VISIT, "v");
  g_autoptr(DmEvent) trip = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DmPlace) minsk = dm_place_new (NULL, "Minsk", "BY", 53.9, 27.56, "Europe/Minsk");
  g_autoptr(DmPlace) moscow = dm_place_new (NULL, "Moscow", "RU", 55.75, 37.62, "Europe/Moscow");
  g_autoptr(DmLeg) leg = NULL;
  DmTime start, end;
  GListModel *events = dm_document_get_events (doc);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GPtrArray) none = dm_event_check (event);

      g_assert_cmpuint (none->len, ==, 0);
    }

  problems = dm_event_check (visit);
  g_assert_true (has_message (problems, "A visit needs a “place”"));
  g_assert_true (has_message (problems, "A visit needs an “actor”: who visits"));
  g_assert_true (has_message (problems, "A visit needs a “start” time"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_true (dm_time_parse ("2025-10-30", NULL, &start, NULL));
  g_assert_true (dm_time_parse ("2025-10-28", NULL, &end, NULL));
  dm_event_set_place (visit, minsk);
  dm_event_set_actor (visit, dm_document_lookup_actor (doc, "choe"));
  dm_event_set_start (visit, &start);
  dm_event_set_end (visit, &end);
  problems = dm_event_check (visit);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "The event ends before it starts");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* a trip whose second leg does not start where the first ended */
  trip = dm_event_copy (dm_document_lookup_event (doc, "choe-tour"), NULL);
  leg = dm_leg_new (minsk, moscow);
  dm_event_add_leg (trip, leg);
  dm_event_add_leg (trip, leg);
  problems = dm_event_check (trip);
  g_assert_true (has_message (problems, "This leg starts in Minsk but the previous one ended in Moscow"));
}

/* Events start with no participants, legs or sources and share nothing: what one event
 * gets, another (new, or copied before) does not, and a copy has its own */
static void
test_event_lists (void)
{
  g_autoptr(DmEvent) a = dm_event_new (DM_EVENT_KIND_SUMMIT, "a");
  g_autoptr(DmEvent) b = dm_event_new (DM_EVENT_KIND_TRIP, "b");
  g_autoptr(DmEvent) empty_copy = dm_event_copy (a, "c");
  g_autoptr(DmEvent) copy = NULL;
  g_autoptr(DmEvent) c = NULL;
  g_autoptr(DmActor) actor = dm_actor_new ("x", "X");
  g_autoptr(DmPlace) minsk = dm_place_new (NULL, "Minsk", "BY", 53.9, 27.56, "Europe/Minsk");
  g_autoptr(DmLeg) leg = dm_leg_new (minsk, minsk);
  g_autoptr(DmSource) source = dm_source_new ();

  g_assert_cmpuint (dm_event_get_participants (a)->len, ==, 0);
  g_assert_cmpuint (dm_event_get_legs (a)->len, ==, 0);
  g_assert_cmpuint (dm_event_get_sources (a)->len, ==, 0);
  dm_event_clear_participants (a);
  dm_event_clear_legs (a);
  dm_event_clear_sources (a);
  dm_event_add_participant (a, actor);
  dm_event_add_leg (b, leg);
  dm_event_add_source (b, source);
  g_assert_cmpuint (dm_event_get_participants (a)->len, ==, 1);
  g_assert_true (g_ptr_array_index (dm_event_get_participants (a), 0) == actor);
  g_assert_true (dm_event_involves (a, actor));
  g_assert_cmpuint (dm_event_get_participants (b)->len, ==, 0);
  g_assert_false (dm_event_involves (b, actor));
  g_assert_cmpuint (dm_event_get_legs (a)->len, ==, 0);
  g_assert_cmpuint (dm_event_get_sources (a)->len, ==, 0);
  g_assert_cmpuint (dm_event_get_legs (b)->len, ==, 1);
  g_assert_cmpuint (dm_event_get_sources (b)->len, ==, 1);
  g_assert_cmpuint (dm_event_get_participants (empty_copy)->len, ==, 0);

  c = dm_event_new (DM_EVENT_KIND_MEETING, "c");
  g_assert_cmpuint (dm_event_get_participants (c)->len, ==, 0);
  g_assert_cmpuint (dm_event_get_legs (c)->len, ==, 0);
  g_assert_cmpuint (dm_event_get_sources (c)->len, ==, 0);

  copy = dm_event_copy (b, NULL);
  g_assert_cmpuint (dm_event_get_legs (copy)->len, ==, 1);
  g_assert_true (g_ptr_array_index (dm_event_get_legs (copy), 0) != leg);
  g_assert_cmpuint (dm_event_get_sources (copy)->len, ==, 1);
  dm_event_clear_legs (copy);
  g_assert_cmpuint (dm_event_get_legs (copy)->len, ==, 0);
  g_assert_cmpuint (dm_event_get_legs (b)->len, ==, 1);
  dm_event_clear_participants (a);
  g_assert_cmpuint (dm_event_get_participants (a)->len, ==, 0);
  dm_event_add_participant (a, actor);
  g_assert_cmpuint (dm_event_get_participants (a)->len, ==, 1);
  g_assert_cmpuint (dm_event_get_participants (c)->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/model/command/remove", test_remove_undo);
  g_test_add_func ("/model/command/change", test_change_undo);
  g_test_add_func ("/model/command/add", test_add_undo);
  g_test_add_func ("/model/command/duplicate", test_duplicate_undo);
  g_test_add_func ("/model/command/saved", test_stack_saved);
  g_test_add_func ("/model/event/check", test_event_check);
  g_test_add_func ("/model/event/lists", test_event_lists);
  return g_test_run ();
}
