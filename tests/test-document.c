/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dm-actor-colors.h"
#include "dm-atomic-file.h"
#include "dm-document.h"
#include "dm-loader.h"
#include "dm-error.h"
#include "dm-saver.h"
#include "dm-json-builder.h"
#include "dm-json-positions.h"
#include "dm-limits-private.h"
#include "dm-time-format.h"
#include "interop-common.h"

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  return g_file_new_for_path (path);
}

static void
test_issue_example (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = data_file ("issue-example.diplomap");
  g_autoptr(GError) error = NULL;
  DmEvent *tour, *apec;
  DmLeg *leg0, *leg1;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (doc)), ==, 2);
  g_assert_cmpuint (dm_document_get_n_legs (doc), ==, 2);
  g_assert_cmpstr (dm_document_get_title (doc), ==, "Late October 2025");

  tour = interop_find_event (doc, "choe-tour");
  g_assert_nonnull (tour);
  g_assert_cmpint (dm_event_get_kind (tour), ==, DM_EVENT_KIND_TRIP);
  g_assert_cmpint (dm_event_get_status (tour), ==, DM_STATUS_ANNOUNCED);
  g_assert_cmpstr (dm_actor_get_role (dm_event_get_actor (tour)), ==, "Minister of Foreign Affairs");
  g_assert_cmpstr (dm_event_get_invited_by (tour)[1], ==, "BY");
  g_assert_true (g_file_equal (dm_event_get_file (tour), file));
  g_assert_cmpuint (dm_event_get_line (tour), ==, interop_line_of (file, "\"choe-tour\""));

  leg0 = g_ptr_array_index (dm_event_get_legs (tour), 0);
  leg1 = g_ptr_array_index (dm_event_get_legs (tour), 1);
  g_assert_cmpstr (dm_place_get_country (leg0->from), ==, "KP");
  g_assert_cmpstr (dm_place_get_country (leg0->to), ==, "RU");
  g_assert_cmpstr (dm_place_get_timezone (leg0->from), ==, "Asia/Pyongyang");
  g_assert_cmpstr (dm_place_get_country (leg1->to), ==, "BY");
  g_assert_cmpint (leg0->depart.precision, ==, DM_PRECISION_DAY);
  g_assert_false (leg0->uncertain);
  /* the second leg has no time: it comes after the first, marked uncertain */
  g_assert_true (leg1->uncertain);
  g_assert_cmpint (leg1->start, >, leg0->end);
  g_assert_cmpuint (dm_event_get_sources (tour)->len, ==, 1);
  g_assert_cmpstr (((DmSource *) g_ptr_array_index (dm_event_get_sources (tour), 0))->publisher, ==, "Reuters");

  apec = interop_find_event (doc, "apec");
  g_assert_nonnull (apec);
  g_assert_cmpint (dm_event_get_kind (apec), ==, DM_EVENT_KIND_SUMMIT);
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (apec)), ==, "KR");
  g_assert_cmpuint (dm_event_get_participants (apec)->len, ==, 1);
  /* 31 October to 1 November in Seoul: two local days */
  {
    gint64 s, e;
    g_assert_true (dm_event_get_span (apec, &s, &e));
    g_assert_cmpint (e - s, ==, 2 * 86400);
  }
}

static void
test_sample_is_clean (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = interop_sample ();
  g_autoptr(GError) error = NULL;
  GListModel *problems = dm_document_get_problems (doc);
  gint64 start, end;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      g_autofree char *text = dm_problem_to_string (p);
      g_test_message ("%s", text);
    }
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 0);
  g_assert_nonnull (interop_find_event (doc, "choe-tour"));
  g_assert_nonnull (interop_find_event (doc, "apec-2025"));
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  g_assert_cmpint (start, <, end);
  /* every event of the sample names its sources */
  for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_events (doc)); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (dm_document_get_events (doc), i);
      g_assert_cmpuint (dm_event_get_sources (e)->len, >, 0);
    }
}

/* @text in a temporary .diplomap file that fails to load: its error's message */
static char *
load_error_of (const char *text)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_true (g_file_equal (dm_error_get_file (error), file));
  g_unlink (path);
  g_rmdir (dir);
  /* where, as the error's data; why, as its message */
  return g_strdup_printf ("%u:%u: %s", dm_error_get_line (error), dm_error_get_column (error),
                          error->message);
}

/* The dates a document covers are the files' own: the sample's first time is the day
 * Choe left Pyongyang ("depart": "2025-10-26", a day), its last the end of APEC
 * ("end": "2025-11-01"), not instants made by estimated flight times */
static void
test_dates (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmDocument) empty = dm_document_new ();
  g_autoptr(GFile) file = interop_sample ();
  g_autoptr(GTimeZone) pyongyang = g_time_zone_new_identifier ("Asia/Pyongyang");
  g_autoptr(GDateTime) day = g_date_time_new (pyongyang, 2025, 10, 26, 0, 0, 0);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  gint64 start, end;

  g_assert_true (dm_loader_load_file (doc, file, NULL, NULL));
  g_assert_true (dm_document_dup_dates (doc, &first, &last));
  g_assert_cmpstr (first, ==, "2025-10-26");
  g_assert_cmpstr (last, ==, "2025-11-01");
  /* what is drawn starts earlier: a flight estimated to arrive in Kuala Lumpur that day */
  g_assert_true (dm_document_get_extent (doc, &start, &end));
  g_assert_cmpint (start, <, g_date_time_to_unix (day));
  g_assert_false (dm_document_dup_dates (empty, &first, &last));
}

static void
test_not_json (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = data_file ("not-json.diplomap");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  guint line, column;
  /* each text, and the column where it stops being JSON */
  const struct { const char *text; guint column; } cases[] = {
    { "{\"diplomap\": 1,}", 15 },                /* a comma after the last member */
    { "{\"diplomap\": 1 \"title\": \"x\"}", 16 },  /* "title": a comma was expected */
    { "{\"diplomap\": tru}", 14 },               /* "tru" is not a value */
    { "{\"diplomap\" 1}", 13 },                  /* the 1: a colon was expected */
    { "{\"diplomap\": [1, 2,]}", 19 },           /* a comma after the last element */
    { "{\"diplomap\": 1}}", 16 },                /* the second "}" */
    { "{\"tïtlé\": \"é\", \"x\": @}", 21 },        /* the "@"; a column is a character */
    { "{\"diplomap\": 1, \"title\": \"x", 28 },    /* just past the end: unterminated */
  };

  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  /* names the file, the line and the column of the stray comma before a "}", as data */
  interop_position_of (file, ",}", &line, &column);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (dm_error_get_line (error), ==, line);
  g_assert_cmpuint (dm_error_get_column (error), ==, column);
  g_assert_true (g_file_equal (dm_error_get_file (error), file));
  /* the message says why only; the text `diplomap --check` prints says where too */
  g_assert_cmpstr (error->message, ==, "not valid JSON: a comma after the last item of a list or object");
  text = dm_error_to_string (error);
  expected = g_strdup_printf ("%s:%u:%u: %s", path, line, column, error->message);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = load_error_of (cases[i].text);
      g_autofree char *want = g_strdup_printf ("1:%u: not valid JSON: ", cases[i].column);
      if (!g_str_has_prefix (message, want))
        g_error ("%s: got “%s”, wanted “%s…”", cases[i].text, message, want);
      /* a trailing comma is named as such, nothing else is */
      g_assert_cmpint (strstr (message, "a comma after the last item") != NULL, ==,
                       strstr (cases[i].text, ",}") != NULL || strstr (cases[i].text, ",]") != NULL);
    }
}

/* The position travels as the error's data, whatever language its message is in: a message
 * with no position in it (a French one here) keeps its file, line and column through a copy
 * (as a GTask hands errors on) and into a DmProblem */
static void
test_error_position (void)
{
  g_autoptr(GFile) file = data_file ("not-json.diplomap");
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "4:32: no");
  g_autoptr(GError) nowhere = g_error_new_literal (DM_ERROR, DM_ERROR_PARSE, "4:32: no");
  g_autoptr(DmProblem) problem = NULL;

  dm_error_set_at (&error, file, 4, 32, DM_ERROR_PARSE, "JSON non valide\u00a0: %s",
                   "une virgule après le dernier élément d’une liste ou d’un objet");
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_null (strstr (error->message, "4"));
  copy = g_error_copy (error);
  g_clear_error (&error);
  g_assert_true (g_file_equal (dm_error_get_file (copy), file));
  g_assert_cmpuint (dm_error_get_line (copy), ==, 4);
  g_assert_cmpuint (dm_error_get_column (copy), ==, 32);

  text = dm_error_to_string (copy);
  expected = g_strdup_printf ("%s:4:32: %s", path, copy->message);
  g_assert_cmpstr (text, ==, expected);

  problem = dm_problem_new_for_error (NULL, copy);
  g_assert_true (g_file_equal (dm_problem_get_file (problem), file));
  g_assert_cmpuint (dm_problem_get_line (problem), ==, 4);
  g_assert_cmpuint (dm_problem_get_column (problem), ==, 32);
  g_assert_cmpstr (dm_problem_get_message (problem), ==, copy->message);

  /* no position is read out of any text */
  g_assert_null (dm_error_get_file (other));
  g_assert_cmpuint (dm_error_get_line (other), ==, 0);
  g_assert_cmpuint (dm_error_get_column (nowhere), ==, 0);
  g_assert_cmpuint (dm_error_get_line (nowhere), ==, 0);
  g_clear_pointer (&text, g_free);
  text = dm_error_to_string (nowhere);
  g_assert_cmpstr (text, ==, "4:32: no");

  /* a file but no line: "FILE: message" */
  dm_error_set_at (&error, file, 0, 7, DM_ERROR_UNSUPPORTED, "trop grand");
  g_assert_cmpuint (dm_error_get_line (error), ==, 0);
  g_assert_cmpuint (dm_error_get_column (error), ==, 0);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = dm_error_to_string (error);
  expected = g_strdup_printf ("%s: trop grand", path);
  g_assert_cmpstr (text, ==, expected);
}

/* A file of a folder that cannot be read is a problem of that file, at the error's position */
static void
test_folder_failure (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) broken = data_file ("not-json.diplomap");
  g_autoptr(GFile) good = data_file ("issue-example.diplomap");
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.diplomap", NULL);
  g_autofree char *b = g_build_filename (dir, "b.diplomap", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) copy = g_file_new_for_path (a);
  g_autoptr(GFile) copy_good = g_file_new_for_path (b);
  g_autoptr(GError) error = NULL;
  g_autoptr(DmProblem) p = NULL;
  guint line, column;

  g_assert_true (g_file_copy (broken, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_true (g_file_copy (good, copy_good, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_true (dm_loader_load_file (doc, folder, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 1);
  p = g_list_model_get_item (dm_document_get_problems (doc), 0);
  interop_position_of (broken, ",}", &line, &column);
  g_assert_true (g_file_equal (dm_problem_get_file (p), copy));
  g_assert_cmpuint (dm_problem_get_line (p), ==, line);
  g_assert_cmpuint (dm_problem_get_column (p), ==, column);
  g_assert_cmpstr (dm_problem_get_message (p), ==,
                   "not valid JSON: a comma after the last item of a list or object");
  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = data_file ("does-not-exist.diplomap");
  g_autoptr(GError) error = NULL;

  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does-not-exist.diplomap"));
}

/* A problem saying @message_part exactly where @needle starts in @file */
static void
assert_problem (DmDocument *doc,
                GFile      *file,
                const char *needle,
                const char *message_part)
{
  GListModel *problems = dm_document_get_problems (doc);
  g_autoptr(GString) seen = g_string_new (NULL);
  guint line, column;

  interop_position_of (file, needle, &line, &column);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      g_autofree char *text = dm_problem_to_string (p);

      if (strstr (dm_problem_get_message (p), message_part) &&
          dm_problem_get_line (p) == line && dm_problem_get_column (p) == column)
        {
          g_assert_true (g_file_equal (dm_problem_get_file (p), file));
          return;
        }
      g_string_append_printf (seen, "\n  %s", text);
    }
  g_error ("no problem “%s” at %u:%u (%s); there are:%s", message_part, line, column, needle, seen->str);
}

static void
test_bad_events (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = data_file ("bad-events.diplomap");
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  /* the good ones load, each bad one is reported where its offending value starts */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
  g_assert_nonnull (interop_find_event (doc, "good"));
  g_assert_nonnull (interop_find_event (doc, "also-good"));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 6);
  assert_problem (doc, file, "\"Qwxyzzy Nowhere\"", "Qwxyzzy Nowhere");
  assert_problem (doc, file, "\"2025-10-20\"", "ends before it starts");
  assert_problem (doc, file, "\"Minsk\", \"to\"", "previous one ended in Moscow");
  assert_problem (doc, file, "\"nobody\"", "nobody");
  assert_problem (doc, file, "\"2025-13-45\"", "2025-13-45");
  assert_problem (doc, file, "\"rumoured\"", "rumoured");
}

/* What loading @file says: its problems, or why it failed, from the file's name on */
static char *
describe_load (GFile *file)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  GListModel *problems = dm_document_get_problems (doc);
  GString *out = g_string_new (NULL);

  if (!dm_loader_load_file (doc, file, NULL, &error))
    {
      g_autofree char *text = dm_error_to_string (error);

      g_assert_nonnull (strstr (text, name));
      g_string_append (out, strstr (text, name));
    }
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);

      g_assert_cmpuint (dm_problem_get_line (p), >, 0);
      g_string_append_printf (out, "%u:%u: %s\n", dm_problem_get_line (p),
                              dm_problem_get_column (p), dm_problem_get_message (p));
    }
  return g_string_free (out, FALSE);
}

/* A UTF-8 byte order mark (json-glib reads past it) changes no position: problems, the line
 * of a first id, and where a broken file stops being JSON are where they are without it;
 * the same in the other formats that report lines and columns */
static void
test_byte_order_mark (void)
{
  const char *names[] = { "bad-events.diplomap", "doubtful-events.diplomap", "not-json.diplomap",
                          "interop/bad-types.geojson", "interop/bad.csv", "interop/bad.ics" };
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) plain = data_file (names[i]);
      g_autofree char *basename = g_path_get_basename (names[i]);
      g_autofree char *path = g_build_filename (dir, basename, NULL);
      g_autoptr(GFile) marked = g_file_new_for_path (path);
      g_autofree char *text = NULL;
      g_autofree char *with_mark = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *seen = NULL;

      g_assert_true (g_file_load_contents (plain, NULL, &text, NULL, NULL, NULL));
      with_mark = g_strconcat ("\xEF\xBB\xBF", text, NULL);
      g_assert_true (g_file_set_contents (path, with_mark, -1, NULL));
      expected = describe_load (plain);
      seen = describe_load (marked);
      g_test_message ("%s:\n%s", names[i], expected);
      g_assert_cmpstr (expected, !=, "");
      g_assert_cmpstr (seen, ==, expected);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Everything loading @file gives: describe_load()'s problems, then where each event and leg
 * starts, the places in their order, and the document written back as .diplomap */
static char *
describe_read (GFile *file)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autofree char *problems = describe_load (file);
  GListModel *events = dm_document_get_events (doc);
  GListModel *places = dm_document_get_places (doc);
  g_autoptr(GBytes) written = NULL;
  GString *out = g_string_new (problems);

  if (!dm_loader_load_file (doc, file, NULL, NULL))
    return g_string_free (out, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (event);

      g_string_append_printf (out, "event %s at %u:%u, %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT
                              ", %u people\n", dm_event_get_id (event), dm_event_get_line (event),
                              dm_event_get_column (event), dm_event_get_start (event)->earliest,
                              dm_event_get_end (event)->latest,
                              dm_event_get_participants (event)->len);
      for (guint j = 0; j < legs->len; j++)
        {
          DmLeg *leg = g_ptr_array_index (legs, j);

          g_string_append_printf (out, "  leg at %u:%u, %s to %s\n", leg->line, leg->column,
                                  dm_place_get_name (leg->from), dm_place_get_name (leg->to));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DmPlace) place = g_list_model_get_item (places, i);

      g_string_append_printf (out, "place %s\n", dm_place_get_name (place));
    }
  written = dm_native_write_document (doc);
  g_string_append_len (out, g_bytes_get_data (written, NULL), g_bytes_get_size (written));
  return g_string_free (out, FALSE);
}

/* Where @offset of @text is, counted from its start: a line per newline, a column per
 * character (the continuation bytes of UTF-8 do not count) */
static void
count_position (const char *text,
                gsize       offset,
                guint      *line,
                guint      *column)
{
  *line = *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (text[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) text[i + 1] & 0xC0) != 0x80)
        (*column)++;
    }
}

/* Every piece the split finds starts at the line and column counted from the text's start */
static void
assert_spans_counted (const char *text,
                      gsize       length,
                      guint       n)
{
  g_autoptr(GArray) spans = NULL;
  DmJsonSpan list;
  guint line, column;

  spans = dm_json_split_member_list (text, length, "events", &list);
  g_assert_nonnull (spans);
  g_assert_cmpuint (spans->len, ==, n);
  count_position (text, list.offset, &line, &column);
  g_assert_cmpuint (list.line, ==, line);
  g_assert_cmpuint (list.column, ==, column);
  for (guint i = 0; i < spans->len; i++)
    {
      const DmJsonSpan *s = &g_array_index (spans, DmJsonSpan, i);

      count_position (text, s->offset, &line, &column);
      g_assert_cmpuint (s->line, ==, line);
      g_assert_cmpuint (s->column, ==, column);
      g_assert_true (text[s->offset] == '{' || text[s->offset] == '[' || text[s->offset] == '"' ||
                     g_ascii_isalnum (text[s->offset]) || text[s->offset] == '-');
    }
}

/* Hostile events for the reader of pieces: each text below is an element of "events" */
static const char * const hostile_events[] = {
  "{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\", \"place\": \"Paris\", \"start\": \"2020-01-01\", \"title\": \"\\u00e9\\ud83d\\ude00\"}",
  "{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\", \"place\": \"Paris\", \"start\": \"2020-01-01\", \" \": 1}",
  "{\"id\": \"\", \"type\": \"meeting\", \"actor\": \"x\", \"place\": \"\", \"start\": \"\"}",
  "{\"id\": \"a\", \"type\": \"trip\", \"actor\": \"x\", \"legs\": [{}]}",
  "{\"id\": \"a\", \"type\": \"trip\", \"actor\": \"x\", \"legs\": [{\"to\": \"Paris\"}, {\"to\": \"Paris\", \"to\": \"Rome\"}]}",
  "{\"id\": \"a\", \"type\": \"trip\", \"actor\": \"x\", \"legs\": [{\"from\": \"Paris\", \"to\": \"Rome\"}, 1]}",
  "{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\", \"place\": \"Paris\", \"start\": \"2020-01-01\"}",
  "{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\", \"place\": \"Paris\", \"start\": \"-9999-01-01/9999-12-31\"}",
  "{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\", \"place\": \"Paris\", \"start\": \"2020-01-01T25:00\"}",
  "{\"id\": \"a\", \"type\": \"visit\", \"actor\": \"x\", \"place\": \"Paris\", \"start\": \"2020\", \"start\": 5}",
  "[\"type\", \"visit\"]",
  "null",
  "12345678901234567890123",
};

/* The reader of pieces given @n participants or legs, past the limits */
static char *
many_of (const char *what,
         guint       n)
{
  GString *text = g_string_new (NULL);

  if (g_str_equal (what, "participants"))
    {
      g_string_append (text, "{\"id\": \"many\", \"type\": \"summit\", \"place\": \"Paris\", "
                             "\"start\": \"2020-01-01\", \"participants\": [");
      for (guint i = 0; i < n; i++)
        g_string_append (text, i ? ", \"x\"" : "\"x\"");
    }
  else
    {
      g_string_append (text, "{\"id\": \"many\", \"type\": \"trip\", \"actor\": \"x\", \"legs\": [");
      for (guint i = 0; i < n; i++)
        g_string_append (text, i ? ",\n {\"to\": \"Paris\"}" : "{\"from\": \"Rome\", \"to\": \"Paris\"}");
    }
  g_string_append (text, "]}");
  return g_string_free (text, FALSE);
}

/* A file in strict JSON is read one event at a time (issue 15), most of them straight from
 * the text (dm-native-event.c), the rest as nodes: its problems are the same, at the same
 * lines and columns, and its events, legs, places and what is written back the same, as when
 * the whole tree is parsed (a comment after the root makes the text lenient:
 * dm_json_split_member_list() turns it away, positions unchanged) */
static void
test_read_in_pieces (void)
{
  const char *names[] = { "bad-events.diplomap", "doubtful-events.diplomap", "issue-example.diplomap",
                          "strict-edge-cases.diplomap", "read-straight.diplomap", "across-meetings.diplomap",
                          "across-trip.diplomap", "cancelled.diplomap", "old-dates.diplomap",
                          "pacific.diplomap", "polar.diplomap", "statuses.diplomap", "two-places.diplomap",
                          "unknown-members.diplomap", "vague-times.diplomap", "hostile", "many" };
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) plain = data_file (names[i]);
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *strict_path = g_strconcat (path, "-strict.diplomap", NULL);
      g_autoptr(GFile) whole = g_file_new_for_path (path);
      g_autoptr(GArray) spans = NULL;
      g_autoptr(GArray) none = NULL;
      g_autofree char *text = NULL;
      g_autofree char *lenient = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *seen = NULL;
      gsize length;
      DmJsonSpan list;

      if (g_str_equal (names[i], "hostile") || g_str_equal (names[i], "many"))
        {
          g_autofree char *limit = many_of ("participants", DM_MAX_PARTICIPANTS + 1);
          g_autofree char *legs = many_of ("legs", DM_MAX_LEGS + 1);
          g_autofree char *under = many_of ("legs", 3);
          GString *built = g_string_new ("{\"diplomap\": 1, \"actors\": [{\"id\": \"x\"}],\n \"events\": [\n");

          if (g_str_equal (names[i], "hostile"))
            for (guint j = 0; j < G_N_ELEMENTS (hostile_events); j++)
              g_string_append_printf (built, "%s  %s", j ? ",\n" : "", hostile_events[j]);
          else
            g_string_append_printf (built, "%s,\n%s,\n%s", limit, legs, under);
          g_string_append (built, "\n]}\n");
          length = built->len;
          text = g_string_free (built, FALSE);
          g_assert_true (g_file_set_contents (strict_path, text, length, NULL));
          g_clear_object (&plain);
          plain = g_file_new_for_path (strict_path);
        }
      else
        g_assert_true (g_file_load_contents (plain, NULL, &text, &length, NULL, NULL));
      spans = dm_json_split_member_list (text, length, "events", &list);
      g_assert_nonnull (spans);
      g_assert_cmpuint (spans->len, >, 1);
      assert_spans_counted (text, length, spans->len);
      g_assert_cmpint (text[list.offset], ==, '[');
      g_assert_cmpint (text[list.offset + list.length - 1], ==, ']');
      lenient = g_strconcat (text, "/* lenient */", NULL);
      none = dm_json_split_member_list (lenient, strlen (lenient), "events", &list);
      g_assert_null (none);
      g_assert_true (g_file_set_contents (path, lenient, -1, NULL));
      seen = describe_read (plain);
      expected = describe_read (whole);
      g_test_message ("%s:\n%s", names[i], seen);
      /* the same problems at the same places, but for the file's name, the same events */
      g_assert_cmpstr (seen, ==, expected);
      g_unlink (path);
      g_unlink (strict_path);
    }
  g_rmdir (dir);
}

/* Which texts are split into their events, and where each event starts */
static void
test_split_events (void)
{
  const char *text = "{\"diplomap\": 1,\n \"events\": [{\"id\": \"é\"}, \n  {\"a\": [1, 2.5e3]}],\n \"x\": null}";
  const char *lenient[] = {
    "{\"events\": [{}], /* a comment */ \"x\": 1}",
    "{\"events\": [{'id': 1}]}",                  /* single quotes */
    "{\"events\": [{\"id\": 0x1F}]}",             /* a hex number */
    "{\"events\": [{\"id\": .5}]}",
    "{\"events\": [{\"id\": \"\\x41\"}]}",          /* an escape JSON has not */
    "{\"events\": [{\"id\": \"\\ud800\"}]}",        /* a lone surrogate */
    "{\"events\": [{\"\": 1}]}",                    /* an empty name */
    "{\"events\": [{}], \"events\": []}",          /* given twice */
    "{\"events\": [{},]}",
    "{\"events\": {}}",
    "[{\"events\": []}]",
    "{\"title\": 1}",
    "{\"events\": [{}]} x",
    "{\"events\": [{},\f{}]}",                   /* a form feed, which json-glib refuses */
    "{\"events\": [{}\v]}",
    "{\"events\": [{}], \"x\": 1,}",           /* a comma after the last member */
    "{\"events\": [{\"id\": 01}]}",             /* numbers strict JSON does not write */
    "{\"events\": [{\"id\": 1.}]}",
    "{\"events\": [{\"id\": -}]}",
    "{\"events\": [{\"id\": 1e}]}",
    "{\"events\": [{\"id\": +1}]}",
    "{\"events\": [{\"id\": truex}]}",
    "{\"events\": [{\"id\": \"a\tb\"}]}",        /* a control character in a string */
    "{\"events\": [{\"id\": \"a}]}",             /* a string not closed */
    "{\"events\": [{\"id\" 1}]}",
    "{\"events\": [{\"id\": 1 \"x\": 2}]}",
  };
  /* what the split takes, each piece where counting from the start puts it: one line,
   * non-ASCII text and escapes before a piece, CRLF, every kind of value */
  const char *strict[] = {
    "{\"events\":[{\"t\":\"été\"},{\"t\":\"\\u00e9\\\"\\n\"},[\"東京\",1],\"é\",-0.5e+3,true,null,false,{}]}",
    "{\"title\": \"é\",\r\n \"events\": [\r\n  {\"id\": \"é\"},\r\n\t{\"id\": [1, 2.5E-3, {\"x\": []}]}\r\n]}\r\n",
    "  \n{\"\": 1, \"events\": [ 10 , \"\\ud83d\\ude00\", {\"é\": \"ü\"}\n,\n{}]}",
  };
  const guint strict_pieces[] = { 9, 2, 4 };
  g_autoptr(GArray) spans = NULL;
  const DmJsonSpan *s;
  DmJsonSpan list;

  spans = dm_json_split_member_list (text, strlen (text), "events", &list);
  g_assert_nonnull (spans);
  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpuint (list.line, ==, 2);
  g_assert_cmpuint (list.column, ==, 12);
  s = &g_array_index (spans, DmJsonSpan, 0);
  g_assert_cmpuint (s->line, ==, 2);
  g_assert_cmpuint (s->column, ==, 13);
  g_assert_cmpmem (text + s->offset, s->length, "{\"id\": \"é\"}", strlen ("{\"id\": \"é\"}"));
  s = &g_array_index (spans, DmJsonSpan, 1);
  g_assert_cmpuint (s->line, ==, 3);
  g_assert_cmpuint (s->column, ==, 3);
  g_assert_cmpmem (text + s->offset, s->length, "{\"a\": [1, 2.5e3]}", strlen ("{\"a\": [1, 2.5e3]}"));
  for (guint i = 0; i < G_N_ELEMENTS (lenient); i++)
    {
      g_autoptr(GArray) no = dm_json_split_member_list (lenient[i], strlen (lenient[i]), "events", &list);

      g_test_message ("%s", lenient[i]);
      g_assert_null (no);
    }
  for (guint i = 0; i < G_N_ELEMENTS (strict); i++)
    {
      g_test_message ("%s", strict[i]);
      assert_spans_counted (strict[i], strlen (strict[i]), strict_pieces[i]);
    }
  /* parsed without its list exactly when GLib takes the text as UTF-8, wherever a
   * character falls among the eight bytes read at once */
  {
    const char *characters[] = { "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xef\xbf\xbf",
                                 "\xf4\x8f\xbf\xbf", "\xc0\x80", "\xc1\xbf", "\xed\xa0\x80",
                                 "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\x80", "\xbf", "\xc2",
                                 "\xe2\x82", "\xf0\x9f\x98", "\xfe", "\xff", "\xe0\x80\x80" };

    for (guint i = 0; i < G_N_ELEMENTS (characters); i++)
      for (guint pad = 0; pad < 9; pad++)
        {
          g_autofree char *text = g_strdup_printf ("{\"events\": [{\"t\": \"%*s%s\"}], \"x\": \"%s\"}",
                                                   (int) pad, "", characters[i], characters[i]);
          g_autoptr(JsonParser) parser = json_parser_new_immutable ();
          g_autoptr(GArray) split = dm_json_parse_without_list (parser, text, strlen (text), "events");
          gboolean valid = g_utf8_validate (text, -1, NULL);

          g_test_message ("%u, %u spaces: %s", i, pad, valid ? "valid" : "not UTF-8");
          g_assert_true ((split != NULL) == valid);
          /* a NUL inside the text, which GLib refuses */
          text[10 + pad % 4] = '\0';
          g_clear_pointer (&split, g_array_unref);
          split = dm_json_parse_without_list (parser, text, strlen (text) + 5, "events");
          g_assert_null (split);
        }
  }
  /* objects and lists open at most DM_JSON_MAX_DEPTH deep, the root and the list included */
  for (guint depth = DM_JSON_MAX_DEPTH - 1; depth <= DM_JSON_MAX_DEPTH + 1; depth++)
    {
      GString *deep = g_string_new ("{\"events\": [");
      g_autoptr(GArray) split = NULL;

      for (guint j = 2; j < depth; j++)
        g_string_append_c (deep, '[');
      for (guint j = 2; j < depth; j++)
        g_string_append_c (deep, ']');
      g_string_append (deep, "]}");
      split = dm_json_split_member_list (deep->str, deep->len, "events", &list);
      g_test_message ("%u deep", depth);
      if (depth <= DM_JSON_MAX_DEPTH)
        g_assert_nonnull (split);
      else
        g_assert_null (split);
      g_string_free (deep, TRUE);
    }
}

/* Loads, but says what is doubtful: a meeting of one, an id used twice */
static void
test_doubtful_events (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = data_file ("doubtful-events.diplomap");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  guint line, column;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 3);
  /* a meeting of Choe with herself, and one of nobody; a summit of nobody is fine */
  assert_problem (doc, file, "[\"choe\"]", "A meeting needs at least two people");
  assert_problem (doc, file, "{\"id\": \"nobody\"", "A meeting needs at least two people");
  /* the second "talks", naming the line of the first */
  interop_position_of (file, "{\"id\": \"talks\"", &line, &column);
  first = g_strdup_printf ("“talks” is used twice (first at line %u)", line);
  assert_problem (doc, file, "\"talks\", \"type\": \"visit\"", first);
}

static GBytes *
read_bytes (GFile *file)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_load_contents (file, NULL, &data, &len, NULL, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

static void
test_round_trip (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmDocument) again = dm_document_new ();
  g_autoptr(GFile) file = data_file ("unknown-members.diplomap");
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *path1 = g_build_filename (dir, "one.diplomap", NULL);
  g_autofree char *path2 = g_build_filename (dir, "two.diplomap", NULL);
  g_autoptr(GFile) out1 = g_file_new_for_path (path1);
  g_autoptr(GFile) out2 = g_file_new_for_path (path2);
  g_autoptr(GBytes) b1 = NULL;
  g_autoptr(GBytes) b2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *text;
  DmEvent *trip;
  DmLeg *leg1;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  trip = interop_find_event (doc, "t");
  g_assert_nonnull (trip);
  leg1 = g_ptr_array_index (dm_event_get_legs (trip), 1);
  /* an omitted "from" continues from the previous leg */
  g_assert_cmpstr (dm_place_get_name (leg1->from), ==, "Moscow");
  g_assert_cmpint (leg1->depart.precision, ==, DM_PRECISION_PERIOD);

  g_assert_true (dm_saver_save (doc, out1, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dm_loader_load_file (again, out1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dm_saver_save (again, out2, out1, NULL, &error));
  g_assert_no_error (error);

  b1 = read_bytes (out1);
  b2 = read_bytes (out2);
  g_assert_true (g_bytes_equal (b1, b2));

  /* what this version does not know survives */
  text = g_bytes_get_data (b1, NULL);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  for (const char *const *m = (const char *[]) { "\"layers\"", "\"portrait\"", "\"floor\"",
                                                 "\"confidence\"", "\"aircraft\"", "\"language\"",
                                                 "\"procession\"", "\"diplomap\" : 2", NULL }; *m; m++)
    if (strstr (text, *m) == NULL)
      g_error ("%s lost in:\n%s", *m, text);
  /* and what it knows is the same */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (again)), ==,
                    g_list_model_get_n_items (dm_document_get_events (doc)));
  {
    DmEvent *t2 = interop_find_event (again, "t");
    DmLeg *a = g_ptr_array_index (dm_event_get_legs (trip), 0);
    DmLeg *b = g_ptr_array_index (dm_event_get_legs (t2), 0);
    g_assert_cmpint (dm_time_compare (&a->depart, &b->depart), ==, 0);
    g_assert_cmpfloat_with_epsilon (dm_place_get_latitude (a->from), dm_place_get_latitude (b->from), 1e-6);
  }

  g_unlink (path1);
  g_unlink (path2);
  g_rmdir (dir);
}

/* The ids of the "events" array of a .diplomap text, in order, joined by spaces */
static char *
event_ids (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GString *ids = g_string_new (NULL);
  JsonArray *events;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  events = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    g_string_append_printf (ids, "%s ", json_object_get_string_member (json_array_get_object_element (events, i), "id"));
  return g_string_free (ids, FALSE);
}

static void
test_rejected_kept_in_place (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = data_file ("bad-events.diplomap");
  g_autoptr(GBytes) original = read_bytes (file);
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;

  g_assert_true (dm_loader_load_file (doc, file, NULL, NULL));
  saved = dm_native_write (doc, file);
  text = g_strndup (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  before = event_ids (text);
  g_free (text);
  text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  after = event_ids (text);
  /* the five events that did not load are all there, each where it was */
  g_assert_cmpstr (after, ==, before);
}

/* Doubles are written in the fewest digits that read back the same */
static void
test_shortest_doubles (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 51.5085, "51.5085" },           /* %.17g: 51.508499999999998 */
    { 39.02, "39.02" },               /* %.17g: 39.020000000000003 */
    { 0.1 + 0.2, "0.30000000000000004" }, /* needs all 17 digits */
    { 1.0 / 3.0, "0.3333333333333333" },  /* needs 16 */
    { 3.0, "3.0" },                   /* still reads back as a double */
    { -0.0, "-0.0" },
    { 1e20, "1e+20" },                /* json-glib: "1e+20.0", not JSON */
    { -125.7625, "-125.7625" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *array = NULL;

      dm_json_format_double (buffer, cases[i].value);
      g_assert_cmpstr (buffer, ==, cases[i].text);
      /* and a JSON parser reads the same double back */
      array = g_strdup_printf ("[%s]", buffer);
      g_assert_true (json_parser_load_from_data (parser, array, -1, NULL));
      g_assert_true (json_array_get_double_element (json_node_get_array (json_parser_get_root (parser)), 0) ==
                     cases[i].value);
    }
}

/* A saved file has the numbers as a person wrote them, and saving again changes nothing */
static void
test_clean_numbers (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmDocument) again = dm_document_new ();
  g_autoptr(GFile) file = data_file ("unknown-members.diplomap");
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "n.diplomap", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(GBytes) b1 = NULL;
  g_autoptr(GBytes) b2 = NULL;
  g_autofree char *text = NULL;

  g_assert_true (dm_loader_load_file (doc, file, NULL, NULL));
  b1 = dm_native_write (doc, file);
  text = g_strndup (g_bytes_get_data (b1, NULL), g_bytes_get_size (b1));
  /* the file says "lat": 39.02 and "confidence": 0.8 */
  g_assert_nonnull (strstr (text, "\"lat\" : 39.02,\n"));
  g_assert_nonnull (strstr (text, "\"confidence\" : 0.8\n"));
  g_assert_null (strstr (text, "0000"));

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (dm_loader_load_file (again, out, NULL, NULL));
  b2 = dm_native_write (again, out);
  g_assert_true (g_bytes_equal (b1, b2));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_sample_round_trip (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmDocument) again = dm_document_new ();
  g_autoptr(GFile) file = interop_sample ();
  g_autoptr(GBytes) b1 = NULL;
  g_autoptr(GBytes) b2 = NULL;

  g_assert_true (dm_loader_load_file (doc, file, NULL, NULL));
  b1 = dm_native_write (doc, NULL);
  {
    g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "s.diplomap", NULL);
    g_autoptr(GFile) out = g_file_new_for_path (path);
    g_assert_true (g_file_set_contents (path, g_bytes_get_data (b1, NULL), g_bytes_get_size (b1), NULL));
    g_assert_true (dm_loader_load_file (again, out, NULL, NULL));
    g_unlink (path);
    g_rmdir (dir);
  }
  b2 = dm_native_write (again, NULL);
  g_assert_true (g_bytes_equal (b1, b2));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (again)), ==, 0);
  g_assert_cmpuint (dm_document_get_n_legs (again), ==, dm_document_get_n_legs (doc));
}

/* The .diplomap writer writes the events one at a time: written to a file in pieces, or
 * to memory, the bytes are those of the whole tree printed at once (the writer of old) */
static void
assert_streamed_same_bytes (DmDocument *doc,
                            GFile      *origin)
{
  g_autoptr(GBytes) bytes = dm_native_write (doc, origin);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(GBytes) tree = NULL;
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "streamed.diplomap", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *root;
  gsize length;
  DmAtomicFile *file;

  /* to a file, 64 kB at a time */
  file = dm_atomic_file_open (out, &error);
  g_assert_no_error (error);
  g_assert_true (dm_native_write_to (doc, origin, file, &error));
  g_assert_true (dm_atomic_file_commit (file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (bytes));
  g_assert_true (memcmp (written, g_bytes_get_data (bytes, NULL), length) == 0);

  /* the whole tree at once */
  g_assert_true (json_parser_load_from_data (parser, written, length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (root);
  json_builder_begin_object (b);
  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (root, l->data)));
    }
  json_builder_end_object (b);
  tree = dm_json_builder_to_bytes (b);
  g_assert_true (g_bytes_equal (tree, bytes));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_streamed_same_bytes (void)
{
  g_autoptr(DmDocument) sample = interop_load_sample ();
  g_autoptr(GFile) sample_file = interop_sample ();
  g_autoptr(DmDocument) rejected = dm_document_new ();
  g_autoptr(GFile) rejected_file = data_file ("bad-events.diplomap");
  g_autoptr(DmDocument) empty = dm_document_new ();
  g_autoptr(DmDocument) generated = NULL;
  g_autoptr(GString) text = g_string_new ("actor,from,to,date\n");
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "10k.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (path);

  assert_streamed_same_bytes (sample, NULL);
  assert_streamed_same_bytes (sample, sample_file);
  g_assert_true (dm_loader_load_file (rejected, rejected_file, NULL, NULL));
  assert_streamed_same_bytes (rejected, rejected_file);
  assert_streamed_same_bytes (empty, NULL);

  /* 10,000 events: many 64 kB pieces */
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (text, "A%u,Paris,Berlin,2020-%02u-%02uT%02u:00:00Z\n",
                            i % 50, i % 12 + 1, i % 28 + 1, i % 24);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  generated = interop_load (csv);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (generated)), ==, 10000);
  assert_streamed_same_bytes (generated, NULL);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_failure_keeps_old (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) src = data_file ("issue-example.diplomap");
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.diplomap", NULL);
  g_autofree char *blocker = g_build_filename (dir, "not-a-dir", NULL);
  g_autofree char *inside = g_build_filename (blocker, "new.diplomap", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GFile) impossible = g_file_new_for_path (inside);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (dm_loader_load_file (doc, src, NULL, NULL));
  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (g_file_set_contents (blocker, "a file", -1, NULL));

  /* cancelled: nothing written, the old file is intact, and no error shown as failure */
  g_cancellable_cancel (cancellable);
  g_assert_false (dm_saver_save (doc, target, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "old contents");

  /* unwritable: a clear error naming the file */
  g_assert_false (dm_saver_save (doc, impossible, NULL, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "new.diplomap"));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));

  /* and a good save replaces the old file completely */
  g_assert_true (dm_saver_save (doc, target, NULL, NULL, NULL));
  g_free (after);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_true (g_str_has_prefix (after, "{"));
  g_assert_nonnull (strstr (after, "choe-tour"));

  g_unlink (path);
  g_unlink (blocker);
  g_rmdir (dir);
}

/* A write that fails half way over an existing file: run in a child whose files may not
 * grow past 512 bytes (root writes anywhere, so a read-only folder would prove nothing).
 * The old file keeps its bytes and no temporary file is left beside it. */
static void
test_failed_write_keeps_old (void)
{
  const char *old = "{\"diplomap\": 1, \"title\": \"the old file\"}\n";
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *geojson = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *link = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n = 0;

  if (g_test_subprocess ())
    {
      g_autoptr(DmDocument) doc = dm_document_new ();
      g_autoptr(GFile) sample = interop_sample ();
      g_autoptr(GFile) target = g_file_new_for_path (g_getenv ("DM_TEST_SAVE_TARGET"));
      g_autoptr(GFile) exported = g_file_new_for_path (g_getenv ("DM_TEST_EXPORT_TARGET"));
      g_autoptr(GFile) linked = g_file_new_for_path (g_getenv ("DM_TEST_LINK_TARGET"));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      struct rlimit limit = { 512, 512 };

      g_assert_true (dm_loader_load_file (doc, sample, NULL, NULL));
      bytes = dm_native_write (doc, NULL);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 4 * 512);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (dm_saver_save (doc, target, NULL, NULL, &error));
      g_assert_error (error, DM_ERROR, DM_ERROR_WRITE);
      g_print ("%s\n", error->message);
      g_clear_error (&error);
      /* and an export to another format over an old file */
      g_assert_false (dm_saver_write (doc, exported, &error));
      g_assert_error (error, DM_ERROR, DM_ERROR_WRITE);
      g_print ("%s\n", error->message);
      g_clear_error (&error);
      /* and a save through a symbolic link */
      g_assert_false (dm_saver_save (doc, linked, NULL, NULL, &error));
      g_assert_error (error, DM_ERROR, DM_ERROR_WRITE);
      g_print ("%s\n", error->message);
      return;
    }

  dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  path = g_build_filename (dir, "old.diplomap", NULL);
  geojson = g_build_filename (dir, "old.geojson", NULL);
  linked = g_build_filename (dir, "linked.diplomap", NULL);
  link = g_build_filename (dir, "link.diplomap", NULL);
  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  g_assert_true (g_file_set_contents (geojson, old, -1, NULL));
  g_assert_true (g_file_set_contents (linked, old, -1, NULL));
  g_assert_cmpint (symlink ("linked.diplomap", link), ==, 0);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_setenv ("DM_TEST_SAVE_TARGET", path, TRUE);
  g_setenv ("DM_TEST_EXPORT_TARGET", geojson, TRUE);
  g_setenv ("DM_TEST_LINK_TARGET", link, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* the failures were write errors naming the files */
  g_test_trap_assert_stdout ("*Could not save*old.diplomap*Could not save*old.geojson*"
                             "Could not save*link.diplomap*");

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, old);
  g_free (after);
  g_assert_true (g_file_get_contents (geojson, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, old);
  g_free (after);
  g_assert_true (g_file_get_contents (linked, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, old);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_test_message ("left in the folder: %s", name);
      g_assert_true (g_str_equal (name, "old.diplomap") || g_str_equal (name, "old.geojson") ||
                     g_str_equal (name, "linked.diplomap") || g_str_equal (name, "link.diplomap"));
      n++;
    }
  g_assert_cmpuint (n, ==, 4);

  /* a save that works replaces the file and keeps its permissions */
  {
    g_autoptr(DmDocument) doc = dm_document_new ();
    g_autoptr(GFile) sample = interop_sample ();
    g_autoptr(GFile) target = g_file_new_for_path (path);
    GStatBuf st;

    g_assert_true (dm_loader_load_file (doc, sample, NULL, NULL));
    g_assert_true (dm_saver_save (doc, target, NULL, NULL, NULL));
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
    g_assert_cmpint (st.st_size, >, 4 * 512);
  }
  g_unlink (path);
  g_unlink (geojson);
  g_unlink (linked);
  g_unlink (link);
  g_rmdir (dir);
}

/* A save replaces the file but not what the user made of it: a mode wider than the
 * umask's default stays, and a symbolic link stays a link to the file it names. */
static void
test_save_keeps_file (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) sample = interop_sample ();
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real.geojson", NULL);
  g_autofree char *link = g_build_filename (dir, "link.geojson", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.diplomap", NULL);
  g_autoptr(GFile) through_link = g_file_new_for_path (link);
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain);
  g_autofree char *target = NULL;
  g_autofree char *after = NULL;
  mode_t umask_was = umask (022);
  GStatBuf st;

  g_assert_true (dm_loader_load_file (doc, sample, NULL, NULL));
  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_true (g_file_set_contents (plain, "old", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0664), ==, 0);
  g_assert_cmpint (g_chmod (plain, 0664), ==, 0);
  g_assert_cmpint (symlink ("real.geojson", link), ==, 0);

  g_assert_true (dm_saver_write (doc, through_link, NULL));
  g_assert_true (dm_saver_save (doc, plain_file, NULL, NULL, NULL));
  umask (umask_was);

  /* the link is still a link, to the same name, and that file has the new contents */
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.geojson");
  g_assert_true (g_file_get_contents (real, &after, NULL, NULL));
  g_assert_true (g_str_has_prefix (after, "{"));
  g_assert_nonnull (strstr (after, "FeatureCollection"));
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0664);
  /* a plain file saved under umask 022 keeps its group write */
  g_assert_cmpint (g_stat (plain, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0664);
  g_assert_cmpint (st.st_size, >, 4 * 512);

  g_unlink (link);
  g_unlink (real);
  g_unlink (plain);
  g_rmdir (dir);
}

static void
test_two_files (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) a = data_file ("issue-example.diplomap");
  g_autoptr(GFile) b = data_file ("bad-events.diplomap");
  DmEvent *tour, *good;

  g_assert_true (dm_loader_load_file (doc, a, NULL, NULL));
  g_assert_true (dm_loader_load_file (doc, b, NULL, NULL));
  g_assert_cmpuint (dm_document_get_files (doc)->len, ==, 2);
  tour = interop_find_event (doc, "choe-tour");
  good = interop_find_event (doc, "good");
  g_assert_true (g_file_equal (dm_event_get_file (tour), a));
  g_assert_true (g_file_equal (dm_event_get_file (good), b));
  /* "choe" in both files is one actor */
  g_assert_true (dm_event_get_actor (tour) == dm_event_get_actor (good));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (doc)), ==, 2);
  /* every actor and participant is the document's own; the places and problems of both
   * files are there, in the order each file alone has them */
  for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_events (doc)); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (dm_document_get_events (doc), i);
      GPtrArray *parts = dm_event_get_participants (event);
      DmActor *actor = dm_event_get_actor (event);

      if (actor != NULL)
        g_assert_true (dm_document_lookup_actor (doc, dm_actor_get_id (actor)) == actor);
      for (guint k = 0; k < parts->len; k++)
        {
          DmActor *part = g_ptr_array_index (parts, k);

          g_assert_true (dm_document_lookup_actor (doc, dm_actor_get_id (part)) == part);
        }
    }
  {
    g_autoptr(DmDocument) alone_a = dm_document_new ();
    g_autoptr(DmDocument) alone_b = dm_document_new ();
    GListModel *lists[] = { dm_document_get_places (doc), dm_document_get_problems (doc) };
    GListModel *lists_a[] = { dm_document_get_places (alone_a), dm_document_get_problems (alone_a) };
    GListModel *lists_b[] = { dm_document_get_places (alone_b), dm_document_get_problems (alone_b) };

    g_assert_true (dm_loader_load_file (alone_a, a, NULL, NULL));
    g_assert_true (dm_loader_load_file (alone_b, b, NULL, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (lists[1]), >, 0);
    for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
      {
        guint na = g_list_model_get_n_items (lists_a[l]), nb = g_list_model_get_n_items (lists_b[l]);

        g_assert_cmpuint (g_list_model_get_n_items (lists[l]), ==, na + nb);
        for (guint i = 0; i < na + nb; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);
            g_autoptr(GObject) alone = g_list_model_get_item (i < na ? lists_a[l] : lists_b[l],
                                                              i < na ? i : i - na);

            if (l == 0)
              g_assert_cmpstr (dm_place_get_name (DM_PLACE (item)), ==, dm_place_get_name (DM_PLACE (alone)));
            else
              g_assert_cmpstr (dm_problem_get_message (DM_PROBLEM (item)), ==,
                               dm_problem_get_message (DM_PROBLEM (alone)));
          }
      }
  }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_loader_load_file_finish (DM_DOCUMENT (object), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
test_async (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = data_file ("issue-example.diplomap");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  dm_loader_load_file_async (doc, file, NULL, loaded_cb, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 2);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

typedef struct
{
  GArray    *fractions;  /* every report, in order */
  guint      n_at_done;  /* how many had come when the callback ran */
  gboolean   finish;     /* the callback calls the finish function */
  GMainLoop *loop;
} FolderLoad;

static void
folder_progress_cb (double   fraction,
                    gpointer data)
{
  FolderLoad *load = data;

  g_array_append_val (load->fractions, fraction);
}

static void
folder_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  FolderLoad *load = data;

  load->n_at_done = load->fractions->len;
  if (load->finish)
    g_assert_true (dm_loader_load_file_finish (DM_DOCUMENT (object), result, NULL));
  g_main_loop_quit (load->loop);
}

/* A folder's progress rises after each of its four files to 1, all before the callback;
 * a caller that never calls the finish function gets no report after its callback */
static void
test_folder_progress (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ustravel", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(DmDocument) doc = dm_document_new ();
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
      FolderLoad load = { fractions, 0, run == 0, loop };

      dm_loader_load_file_with_progress_async (doc, folder, folder_progress_cb, &load, NULL,
                                                 folder_loaded_cb, &load);
      g_main_loop_run (loop);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpuint (fractions->len, >, 0);
      g_assert_cmpuint (fractions->len, ==, load.n_at_done);
      for (guint i = 0; i < fractions->len; i++)
        {
          double f = g_array_index (fractions, double, i);

          g_test_message ("report %u: %g", i, f);
          /* whole files read: a quarter, a half, three quarters, all */
          g_assert_cmpfloat (f * 4, ==, round (f * 4));
          g_assert_cmpfloat (f, >, i > 0 ? g_array_index (fractions, double, i - 1) : 0);
        }
      g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
      /* what was read is added by the finish function only */
      if (load.finish)
        g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), >, 0);
      else
        g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 0);
    }
}

/* A view of some events: shares actors and places, changes its events in one step */
static void
test_filtered_view (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmDocument) view = NULL;
  g_autoptr(GFile) file = interop_sample ();
  g_autoptr(GListStore) trips = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(GError) error = NULL;
  GListModel *events;
  guint n_changes = 0, n_trips = 0;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  events = dm_document_get_events (doc);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      if (dm_event_get_kind (event) == DM_EVENT_KIND_TRIP)
        g_list_store_append (trips, event);
    }
  n_trips = g_list_model_get_n_items (G_LIST_MODEL (trips));
  g_assert_cmpuint (n_trips, >, 0);
  g_assert_cmpuint (n_trips, <, g_list_model_get_n_items (events));

  view = dm_document_new_filtered (doc, G_LIST_MODEL (trips));
  g_assert_cmpstr (dm_document_get_title (view), ==, dm_document_get_title (doc));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (view)), ==, n_trips);
  for (guint i = 0; i < n_trips; i++)
    {
      g_autoptr(DmEvent) a = g_list_model_get_item (dm_document_get_events (view), i);
      g_autoptr(DmEvent) b = g_list_model_get_item (G_LIST_MODEL (trips), i);
      g_assert_true (a == b);
    }
  /* the same actors and places, not copies */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (view)), ==,
                    g_list_model_get_n_items (dm_document_get_actors (doc)));
  for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_actors (doc)); i++)
    {
      g_autoptr(DmActor) a = g_list_model_get_item (dm_document_get_actors (doc), i);
      g_assert_true (dm_document_lookup_actor (view, dm_actor_get_id (a)) == a);
    }
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_places (view)), ==,
                    g_list_model_get_n_items (dm_document_get_places (doc)));
  g_assert_cmpuint (dm_document_get_n_legs (view), ==, dm_document_get_n_legs (doc));

  /* showing every event is one change of the list, not one per event */
  g_signal_connect (dm_document_get_events (view), "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  dm_document_show_events (view, doc, events);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (view)), ==,
                    g_list_model_get_n_items (events));
  /* the source is untouched */
  g_assert_cmpuint (g_list_model_get_n_items (events), >, n_trips);
}

/* The events of @doc in which actor @id travels or takes part, as the list's actor filter
 * finds them */
static GListStore *
events_of (DmDocument *doc,
           const char *id)
{
  GListModel *events = dm_document_get_events (doc);
  DmActor *actor = dm_document_lookup_actor (doc, id);
  GListStore *found = g_list_store_new (DM_TYPE_EVENT);

  g_assert_nonnull (actor);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);

      if (dm_event_involves (event, actor))
        g_list_store_append (found, event);
    }
  return found;
}

/* Actor colours have one owner, the source document, from all its events: filtering the
 * sample to Choe Son Hui's events once turned Lavrov from bluish green (slot 2) to blue */
static void
test_actor_colors (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  const char *ids[] = { "choe", "trump", "lavrov", "szijjarto", "xi" };
  const char *filters[] = { "choe", "trump", "lavrov", "xi" };
  g_autoptr(DmDocument) other = dm_document_new ();
  g_autoptr(DmActor) own = dm_actor_new ("own", "Own");
  g_autoptr(DmActor) plain = dm_actor_new ("plain", "Plain");
  g_autoptr(DmActor) idle = dm_actor_new ("idle", "Idle");
  g_autoptr(DmEvent) e1 = dm_event_new (DM_EVENT_KIND_MEETING, "e1");
  g_autoptr(DmEvent) e2 = dm_event_new (DM_EVENT_KIND_VISIT, "e2");

  /* the whole sample: the file's order of actors, all different */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (doc)), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpint (dm_document_get_actor_color_index (doc, dm_document_lookup_actor (doc, ids[i])),
                     ==, i);
  g_assert_cmpint (dm_document_get_actor_color_index (doc, NULL), ==, -1);

  /* every view keeps them, whoever it shows, and a view of a view too */
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(GListStore) shown = events_of (doc, filters[f]);
      g_autoptr(DmDocument) view = dm_document_new_filtered (doc, G_LIST_MODEL (shown));
      g_autoptr(GListStore) fewer = events_of (view, filters[f]);
      g_autoptr(DmDocument) view_of_view = NULL;

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), <,
                        g_list_model_get_n_items (dm_document_get_events (doc)));
      g_list_store_remove (fewer, 0);
      view_of_view = dm_document_new_filtered (view, G_LIST_MODEL (fewer));
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          DmActor *actor = dm_document_lookup_actor (doc, ids[i]);

          g_test_message ("%s alone: %s in slot %d", filters[f], ids[i],
                          dm_document_get_actor_color_index (view, actor));
          g_assert_cmpint (dm_document_get_actor_color_index (view, actor), ==, i);
          g_assert_cmpint (dm_document_get_actor_color_index (view_of_view, actor), ==, i);
        }
    }

  /* the file's colour takes no slot, nor an actor in no event; slots follow the actors'
   * order, not the events' */
  dm_actor_set_color (own, "#123456");
  dm_document_add_actor (other, idle);
  dm_document_add_actor (other, own);
  dm_document_add_actor (other, plain);
  dm_event_set_actor (e1, plain);
  dm_event_add_participant (e1, own);
  dm_document_add_event (other, e1);
  g_assert_cmpint (dm_document_get_actor_color_index (other, plain), ==, 0);
  g_assert_cmpint (dm_document_get_actor_color_index (other, own), ==, -1);
  g_assert_cmpint (dm_document_get_actor_color_index (other, idle), ==, -1);

  /* when the source changes its colours follow, once: a view keeps those it was shown with
   * until it is shown again (a snapshot read by a thread never changes) */
  {
    g_autoptr(GListStore) shown = events_of (other, "plain");
    g_autoptr(DmDocument) view = dm_document_new_filtered (other, G_LIST_MODEL (shown));

    dm_event_set_actor (e2, idle);
    dm_document_add_event (other, e2);
    g_assert_cmpint (dm_document_get_actor_color_index (other, idle), ==, 0);
    g_assert_cmpint (dm_document_get_actor_color_index (other, plain), ==, 1);
    g_assert_cmpint (dm_document_get_actor_color_index (view, plain), ==, 0);
    g_assert_cmpint (dm_document_get_actor_color_index (view, idle), ==, -1);
    dm_document_show_events (view, other, G_LIST_MODEL (shown));
    g_assert_cmpint (dm_document_get_actor_color_index (view, plain), ==, 1);
    g_assert_cmpint (dm_document_get_actor_color_index (view, idle), ==, 0);
  }
}

/* The largest difference of one channel between two 0xRRGGBB colours */
static int
rgb_distance (guint32 a,
              guint32 b)
{
  int d = 0;

  for (int sh = 0; sh <= 16; sh += 8)
    d = MAX (d, ABS ((int) ((a >> sh) & 0xff) - (int) ((b >> sh) & 0xff)));
  return d;
}

/* A document of @n actors, the first @n_a of role A, the others of role B, each on a trip */
static DmDocument *
many_actors (guint n,
             guint n_a)
{
  DmDocument *doc = dm_document_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autoptr(DmActor) actor = dm_actor_new (id, id);
      g_autoptr(DmEvent) event = dm_event_new (DM_EVENT_KIND_VISIT, id);

      dm_actor_set_role (actor, i < n_a ? "A" : "B");
      dm_document_add_actor (doc, actor);
      dm_event_set_actor (event, actor);
      dm_document_add_event (doc, event);
    }
  return doc;
}

/* Up to ten actors never share a colour; past ten they are grouped by role, each group a
 * hue, its actors shades of it that still differ, the same in a filtered view */
static void
test_actor_color_groups (void)
{
  g_autoptr(DmDocument) ten = many_actors (10, 5);
  g_autoptr(DmDocument) many = many_actors (55, 21);
  guint32 rgb[55];
  int closest = 255;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      DmActor *actor = dm_document_lookup_actor (ten, id);
      gboolean grouped = TRUE;

      g_assert_true (dm_document_get_actor_rgb (ten, actor, &rgb[i]));
      g_assert_true (dm_document_get_actor_group (ten, actor, NULL, NULL, NULL, &grouped));
      g_assert_false (grouped);
      for (guint j = 0; j < i; j++)
        closest = MIN (closest, rgb_distance (rgb[i], rgb[j]));
    }
  g_test_message ("ten actors: closest colours %d apart (of 255)", closest);
  g_assert_cmpint (closest, >=, 60);

  for (guint i = 0; i < 55; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      DmActor *actor = dm_document_lookup_actor (many, id);
      guint group = 99, n_groups = 0;
      const char *name = NULL;
      gboolean grouped = FALSE;

      g_assert_true (dm_document_get_actor_group (many, actor, &group, &n_groups, &name, &grouped));
      g_assert_true (grouped);
      g_assert_cmpuint (n_groups, ==, 2);
      g_assert_cmpuint (group, ==, i < 21 ? 0 : 1);
      g_assert_cmpstr (name, ==, i < 21 ? "A" : "B");
      g_assert_true (dm_document_get_actor_rgb (many, actor, &rgb[i]));
      /* a shade of its group's hue: nearer to it than to the other group's */
      g_assert_cmpint (rgb_distance (rgb[i], dm_actor_colors_group_rgb (group)), <,
                       rgb_distance (rgb[i], dm_actor_colors_group_rgb (1 - group)));
    }
  /* neighbours in a group differ */
  for (guint i = 1; i < 55; i++)
    if (i != 21)
      g_assert_cmpint (rgb_distance (rgb[i], rgb[i - 1]), >=, 20);

  /* a view showing one actor keeps every colour and group */
  {
    g_autoptr(GListStore) shown = events_of (many, "a30");
    g_autoptr(DmDocument) view = dm_document_new_filtered (many, G_LIST_MODEL (shown));

    for (guint i = 0; i < 55; i++)
      {
        g_autofree char *id = g_strdup_printf ("a%u", i);
        guint32 c = 0;

        if (dm_document_get_actor_rgb (view, dm_document_lookup_actor (many, id), &c))
          g_assert_cmphex (c, ==, rgb[i]);
        else
          g_assert_not_reached ();
      }
  }
}

static DmEvent *
sample_event (DmDocument *doc,
              const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_events (doc)); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (dm_document_get_events (doc), i);
      if (g_strcmp0 (dm_event_get_id (e), id) == 0)
        return e;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The sample's times, as the list, the details and the timeline's tooltips say them: at the
 * precision the press gave, never an estimated flight time shown as a fact */
static void
test_sample_when (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  struct { const char *id, *when; } cases[] = {
    { "choe-tour", "26 October 2025, return not reported" },
    { "choe-moscow", "26 – 28 October 2025" },
    { "choe-lavrov", "between 26 and 28 October 2025" },
    { "minsk-conference", "28 – 29 October 2025" },
    { "trump-asia", "26 October 2025, return not reported" },
    { "asean-summit", "26 October 2025" },
  };
  GPtrArray *legs;
  g_autofree char *depart = NULL;
  g_autofree char *arrive = NULL;
  g_autofree char *home = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *when = dm_time_format_event (sample_event (doc, cases[i].id));
      g_assert_cmpstr (when, ==, cases[i].when);
    }
  legs = dm_event_get_legs (sample_event (doc, "choe-tour"));
  depart = dm_time_format_leg_time (g_ptr_array_index (legs, 1), FALSE);
  arrive = dm_time_format_leg_time (g_ptr_array_index (legs, 1), TRUE);
  home = dm_time_format_leg_time (g_ptr_array_index (legs, 2), FALSE);
  g_assert_cmpstr (depart, ==, "about 28 October 2025");
  g_assert_cmpstr (arrive, ==, "about 28 October 2025 (estimated)");
  g_assert_cmpstr (home, ==, "not reported");
}

/* One actor in Paris on 1-5 November and in Rome on 3-6 November (three days at once): a problem
 * naming both; Moscow until the 28th and Minsk from the 28th is a travel day, not one */
static void
test_two_places (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = data_file ("two-places.diplomap");
  GListModel *problems = dm_document_get_problems (doc);
  g_autoptr(DmProblem) p = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 1);
  p = g_list_model_get_item (problems, 0);
  message = dm_problem_get_message (p);
  g_assert_nonnull (strstr (message, "Ada Envoy is in two places at once"));
  g_assert_nonnull (strstr (message, "Paris"));
  g_assert_nonnull (strstr (message, "1 – 5 November 2025"));
  g_assert_nonnull (strstr (message, "Rome"));
  g_assert_nonnull (strstr (message, "3 – 6 November 2025"));
  g_assert_true (g_file_equal (dm_problem_get_file (p), file));
  g_assert_cmpuint (dm_problem_get_line (p), ==, dm_event_get_line (interop_find_event (doc, "rome")));
}

/* Two files of one actor opened into one view constrain each other: Choe's return from Minsk,
 * undated in one file, cannot start before the Minsk conference of the other file ends; her
 * visits to Beijing (one file) and Tokyo (the other) at once are a problem naming both; and
 * neither file alone has one */
static void
test_across_files (void)
{
  g_autoptr(GFile) trip = data_file ("across-trip.diplomap");
  g_autoptr(GFile) meetings = data_file ("across-meetings.diplomap");
  gint64 alone_start = 0, minsk_end = 0;
  g_autoptr(GTimeZone) minsk = g_time_zone_new_identifier ("Europe/Minsk");
  g_autoptr(GDateTime) conference_end = g_date_time_new (minsk, 2025, 10, 31, 0, 0, 0);

  minsk_end = g_date_time_to_unix (conference_end);
  for (int both = 0; both < 2; both++)
    {
      g_autoptr(DmDocument) doc = dm_document_new ();
      g_autoptr(GError) error = NULL;
      GListModel *problems = dm_document_get_problems (doc);
      DmLeg *home;

      g_assert_true (dm_loader_load_file (doc, trip, NULL, &error));
      g_assert_no_error (error);
      if (both)
        {
          g_assert_true (dm_loader_load_file (doc, meetings, NULL, &error));
          g_assert_no_error (error);
        }
      home = g_ptr_array_index (dm_event_get_legs (interop_find_event (doc, "tour")), 1);
      g_assert_true (home->uncertain);
      g_test_message ("%s: the undated return starts at %" G_GINT64_FORMAT ", the conference "
                      "ends at %" G_GINT64_FORMAT, both ? "both files" : "one file", home->start,
                      minsk_end);
      if (!both)
        {
          alone_start = home->start;
          g_assert_cmpint (alone_start, <, minsk_end);
          g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 0);
        }
      else
        {
          g_autoptr(DmProblem) p = NULL;
          const char *message;

          g_assert_cmpint (home->start, >=, minsk_end);
          g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 1);
          p = g_list_model_get_item (problems, 0);
          message = dm_problem_get_message (p);
          g_assert_nonnull (strstr (message, "Choe Son Hui is in two places at once"));
          g_assert_nonnull (strstr (message, "Beijing"));
          g_assert_nonnull (strstr (message, "Tokyo"));
        }
    }
  /* and in the other order, the problem comes once */
  {
    g_autoptr(DmDocument) doc = dm_document_new ();

    g_assert_true (dm_loader_load_file (doc, meetings, NULL, NULL));
    g_assert_true (dm_loader_load_file (doc, trip, NULL, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 1);
    g_assert_cmpint (((DmLeg *) g_ptr_array_index (dm_event_get_legs (interop_find_event (doc, "tour")), 1))->start,
                     >=, minsk_end);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/document/issue-example", test_issue_example);
  g_test_add_func ("/model/document/sample-is-clean", test_sample_is_clean);
  g_test_add_func ("/model/document/sample-when", test_sample_when);
  g_test_add_func ("/model/document/two-places", test_two_places);
  g_test_add_func ("/model/document/across-files", test_across_files);
  g_test_add_func ("/model/document/dates", test_dates);
  g_test_add_func ("/model/document/not-json", test_not_json);
  g_test_add_func ("/model/document/missing-file", test_missing_file);
  g_test_add_func ("/model/error/position", test_error_position);
  g_test_add_func ("/model/document/folder-failure", test_folder_failure);
  g_test_add_func ("/model/document/bad-events", test_bad_events);
  g_test_add_func ("/model/document/doubtful-events", test_doubtful_events);
  g_test_add_func ("/model/document/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/model/document/read-in-pieces", test_read_in_pieces);
  g_test_add_func ("/model/json/split-events", test_split_events);
  g_test_add_func ("/model/document/round-trip", test_round_trip);
  g_test_add_func ("/model/document/sample-round-trip", test_sample_round_trip);
  g_test_add_func ("/model/document/streamed-same-bytes", test_streamed_same_bytes);
  g_test_add_func ("/model/json/shortest-doubles", test_shortest_doubles);
  g_test_add_func ("/model/document/clean-numbers", test_clean_numbers);
  g_test_add_func ("/model/document/rejected-kept-in-place", test_rejected_kept_in_place);
  g_test_add_func ("/model/document/save-failure-keeps-old", test_save_failure_keeps_old);
  g_test_add_func ("/model/document/failed-write-keeps-old", test_failed_write_keeps_old);
  g_test_add_func ("/model/document/save-keeps-file", test_save_keeps_file);
  g_test_add_func ("/model/document/two-files", test_two_files);
  g_test_add_func ("/model/document/async", test_async);
  g_test_add_func ("/model/document/folder-progress", test_folder_progress);
  g_test_add_func ("/model/document/filtered-view", test_filtered_view);
  g_test_add_func ("/model/document/actor-colors", test_actor_colors);
  g_test_add_func ("/model/document/actor-color-groups", test_actor_color_groups);
  return g_test_run ();
}
