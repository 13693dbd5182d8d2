/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A big .diplomap's events read by several threads at once (dm-native-chunks.c, issue 15)
 * give what one thread reading them in order gives: the same events in the same order, at
 * the same lines and columns, the same problems in the same order at the same places, the
 * same places in the same order, the same events kept as rejected, the same error. */

#include "config.h"

#include <glib/gstdio.h>

#include "dm-document.h"
#include "dm-error.h"
#include "dm-format.h"
#include "dm-gazetteer.h"
#include "dm-json-positions-private.h"
#include "dm-loader.h"
#include "dm-native-format-private.h"
#include "dm-saver.h"

#include "bench-generate.h"
#include "interop-common.h"

/* Everything a load of @file gives: the error, the problems with their positions, each event
 * in full with where it and its legs start, the places in their order, and the document
 * written back (with the events that did not load, where they were) */
static char *
describe (GFile        *file,
          GCancellable *cancellable)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) written = NULL;
  GListModel *problems = dm_document_get_problems (doc);
  GListModel *events = dm_document_get_events (doc);
  GListModel *places = dm_document_get_places (doc);
  GString *out = g_string_new (NULL);

  g_autofree char *data = NULL;
  gsize length;
  gboolean loaded;

  /* cancelled: read by the format itself, for the loader stops before it reads the file */
  if (cancellable != NULL)
    {
      g_assert_true (g_file_load_contents (file, NULL, &data, &length, NULL, NULL));
      loaded = dm_native_format_load (doc, file, data, length, cancellable, &error);
    }
  else
    loaded = dm_loader_load_file (doc, file, NULL, &error);
  if (!loaded)
    g_string_append_printf (out, "error %s %d: %s at %u:%u\n", g_quark_to_string (error->domain),
                            error->code, error->message, dm_error_get_line (error),
                            dm_error_get_column (error));
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);

      g_string_append_printf (out, "%u:%u: %s\n", dm_problem_get_line (p),
                              dm_problem_get_column (p), dm_problem_get_message (p));
    }
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      g_autofree char *text = interop_describe (event);
      GPtrArray *legs = dm_event_get_legs (event);

      g_string_append_printf (out, "event at %u:%u\n%s", dm_event_get_line (event),
                              dm_event_get_column (event), text);
      for (guint j = 0; j < legs->len; j++)
        {
          DmLeg *leg = g_ptr_array_index (legs, j);

          g_string_append_printf (out, "  leg at %u:%u\n", leg->line, leg->column);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DmPlace) place = g_list_model_get_item (places, i);

      g_string_append_printf (out, "place %s (%s)\n", dm_place_get_name (place),
                              dm_place_get_country (place));
    }
  written = dm_native_write_document (doc);
  g_string_append_len (out, g_bytes_get_data (written, NULL), g_bytes_get_size (written));
  return g_string_free (out, FALSE);
}

/* @file read by one thread, then in 2, 3 and 4 chunks (and as many as its events, when
 * fewer): each time the same */
static char *
assert_same_in_chunks (GFile        *file,
                       GCancellable *cancellable)
{
  g_autofree char *expected = NULL;

  dm_native_loader_set_chunking (1, 0);
  expected = describe (file, cancellable);
  for (guint chunks = 2; chunks <= 4; chunks++)
    {
      g_autofree char *seen = NULL;

      dm_native_loader_set_chunking (chunks, 1);
      seen = describe (file, cancellable);
      g_assert_cmpstr (seen, ==, expected);
    }
  dm_native_loader_set_chunking (0, 0);
  return g_steal_pointer (&expected);
}

/* Events for the generated list, each put at a fraction of it: problems of every kind, in
 * every chunk, and places named first in a later chunk */
static const struct
{
  double      at;
  const char *text;
} inserted[] = {
  /* an id used twice: its first use in the first chunk, again in the last ones */
  { 0.01, "{\"id\": \"twice\", \"type\": \"visit\", \"actor\": \"a1\", \"place\": \"Paris\", \"start\": \"2001-02-03\"}" },
  { 0.30, "{\"id\": \"twice\", \"type\": \"visit\", \"actor\": \"a2\", \"place\": \"Reykjavik\", \"start\": \"2001-02-04\"}" },
  { 0.90, "{\"id\": \"twice\", \"type\": \"visit\", \"actor\": \"a3\", \"place\": \"Windhoek\", \"start\": \"2001-02-05\"}" },
  /* ids of generated events used again, one by an event read as nodes (an escape) */
  { 0.55, "{\"id\": \"e3\", \"type\": \"visit\", \"actor\": \"a2\", \"place\": \"Paris\", \"start\": \"2001-02-04\"}" },
  { 0.80, "{\"id\": \"e7\", \"title\": \"caf\\u00e9\", \"type\": \"visit\", \"actor\": \"a2\", \"place\": \"Paris\", \"start\": \"2001\"}" },
  /* an id used twice within a later chunk, the second time with non-ASCII text before it */
  { 0.70, "{\"id\": \"late\", \"type\": \"visit\", \"actor\": \"a2\", \"place\": \"Kathmandu\", \"start\": \"2001-02-04\"}" },
  { 0.71, "{\"title\": \"Été à Þórshöfn\", \"id\": \"late\", \"type\": \"visit\", \"actor\": \"a2\", \"place\": \"Chile\", \"start\": \"2001-02-04\"}" },
  /* events that do not load, kept where they were: an unknown actor, an unknown place, legs
   * that do not chain, an event that is not an object */
  { 0.02, "{\"id\": \"x1\", \"type\": \"visit\", \"actor\": \"nobody\", \"place\": \"Paris\", \"start\": \"2001\"}" },
  { 0.40, "{\"id\": \"x2\", \"type\": \"visit\", \"actor\": \"a5\", \"place\": \"Qzxland\", \"start\": \"2001\"}" },
  { 0.60, "{\"id\": \"x3\", \"type\": \"trip\", \"actor\": \"a5\", \"legs\": [{\"from\": \"Montevideo\", \"to\": \"Rome\"},\n"
          "        {\"from\": \"Ulaanbaatar\", \"to\": \"Paris\"}]}" },
  { 0.75, "[\"not\", \"an\", \"event\"]" },
  { 0.99, "{\"id\": \"x4\", \"type\": \"meeting\", \"actor\": \"a5\", \"start\": \"2001\"}" },
  /* read as nodes: a meeting of one with sources, a member of a type the straight reader leaves */
  { 0.45, "{\"id\": \"m1\", \"type\": \"meeting\", \"actor\": \"a9\", \"participants\": [\"a9\"],\r\n"
          "        \"place\": \"Reykjavik\", \"start\": \"2001\", \"sources\": [\"https://example.org/\"]}" },
  { 0.85, "{\"id\": \"m2\", \"type\": \"summit\", \"place\": \"Ulaanbaatar\", \"start\": \"2001\", \"extra\": 12,\n"
          "        \"participants\": [\"a1\", \"a2\", \"a3\"]}" },
  /* a place named first in a later chunk, then in the chunk before it */
  { 0.95, "{\"id\": \"p1\", \"type\": \"trip\", \"actor\": \"a5\", \"legs\": [{\"from\": \"Montevideo\", \"to\": \"Kathmandu\", \"depart\": \"2001-03-01T10:00\"}]}" },
  { 0.20, "{\"id\": \"p2\", \"type\": \"visit\", \"actor\": \"a5\", \"place\": \"Kathmandu\", \"start\": \"2001-03-01\"}" },
};

/* The generated document of @n events with @inserted put among them */
static char *
generate_with_problems (guint n)
{
  g_autofree char *text = bench_generate (n);
  g_autoptr(GArray) spans = NULL;
  GString *out = g_string_new (NULL);
  DmJsonSpan list;

  spans = dm_json_split_member_list (text, strlen (text), "events", &list);
  g_assert_nonnull (spans);
  g_assert_cmpuint (spans->len, ==, n);
  g_string_append_len (out, text, list.offset + 1);
  for (guint i = 0; i < spans->len; i++)
    {
      const DmJsonSpan *s = &g_array_index (spans, DmJsonSpan, i);

      for (guint j = 0; j < G_N_ELEMENTS (inserted); j++)
        if ((guint) (inserted[j].at * n) == i)
          g_string_append_printf (out, "\n    %s,", inserted[j].text);
      g_string_append (out, "\n    ");
      g_string_append_len (out, text + s->offset, s->length);
      if (i + 1 < spans->len)
        g_string_append_c (out, ',');
    }
  g_string_append (out, text + list.offset + list.length - 1);
  return g_string_free (out, FALSE);
}

static GFile *
write_temporary (const char *dir,
                 const char *name,
                 const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

/* Problems of every kind in every chunk, places named first in later chunks */
static void
test_generated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  guint sizes[] = { 40, 3000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = generate_with_problems (sizes[i]);
      g_autoptr(GFile) file = write_temporary (dir, "generated.diplomap", text);
      g_autofree char *seen = assert_same_in_chunks (file, NULL);

      g_test_message ("%u events: %.3000s", sizes[i], seen);
      /* what the inserted events say, in order */
      g_assert_nonnull (strstr (seen, "The event id “twice” is used twice (first at line"));
      g_assert_nonnull (strstr (seen, "The event id “late” is used twice"));
      g_assert_nonnull (strstr (seen, "The event id “e7” is used twice"));
      g_assert_nonnull (strstr (seen, "Unknown actor “nobody”"));
      g_assert_nonnull (strstr (seen, "Unknown place “Qzxland”"));
      g_assert_nonnull (strstr (seen, "This leg starts in Ulan Bator"));
      g_assert_nonnull (strstr (seen, "place Reykjav"));
      g_assert_nonnull (strstr (seen, "place Ulan Bator"));
      g_assert_true (strstr (seen, "place Kathmandu") < strstr (seen, "place Reykjav"));
      g_assert_true (strstr (seen, "place Reykjav") < strstr (seen, "place Windhoek"));
      g_assert_nonnull (strstr (seen, "\"Qzxland\""));
      g_assert_nonnull (strstr (seen, "\"not\""));
      g_unlink (g_file_peek_path (file));
    }
  g_rmdir (dir);
}

/* The default chunks (one per processor) of a file of more events than the least read in
 * chunks, against one thread */
static void
test_default_chunks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *text = generate_with_problems (5000);
  g_autoptr(GFile) file = write_temporary (dir, "generated.diplomap", text);
  g_autofree char *expected = NULL;
  g_autofree char *seen = NULL;

  dm_native_loader_set_chunking (1, 0);
  expected = describe (file, NULL);
  dm_native_loader_set_chunking (0, 0);
  seen = describe (file, NULL);
  g_assert_cmpstr (seen, ==, expected);
  g_unlink (g_file_peek_path (file));
  g_rmdir (dir);
}

/* Every .diplomap fixture that is strict JSON, each event in a chunk of its own */
static void
test_fixtures (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint read = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file_path = g_build_filename (path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);
      g_autofree char *text = NULL;
      g_autofree char *seen = NULL;
      g_autoptr(GArray) spans = NULL;
      gsize length;
      DmJsonSpan list;

      if (!g_str_has_suffix (name, ".diplomap") ||
          !g_file_get_contents (file_path, &text, &length, NULL) ||
          (spans = dm_json_split_member_list (text, length, "events", &list)) == NULL ||
          spans->len < 2)
        continue;
      g_test_message ("%s", name);
      seen = assert_same_in_chunks (file, NULL);
      read++;
    }
  g_assert_cmpuint (read, >=, 10);
}

/* A load cancelled says so once, as one thread would, with what came before */
static void
test_cancelled (void)
{
  g_autofree char *dir = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
  g_autofree char *text = generate_with_problems (200);
  g_autoptr(GFile) file = write_temporary (dir, "generated.diplomap", text);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *seen = NULL;

  g_cancellable_cancel (cancellable);
  seen = assert_same_in_chunks (file, cancellable);
  g_assert_true (g_str_has_prefix (seen, "error g-io-error-quark 19:"));
  g_unlink (g_file_peek_path (file));
  g_rmdir (dir);
}

/* The split of @text in one scan and in 2, 3 and 4 chunks: the same pieces at the same lines
 * and columns, or none either way */
static void
assert_same_split (const char *text,
                   gsize       length)
{
  g_autoptr(GArray) expected = NULL;
  DmJsonSpan expected_list = { 0 };

  dm_json_set_split_chunking (1, 0);
  expected = dm_json_split_member_list (text, length, "events", &expected_list);
  for (guint chunks = 2; chunks <= 4; chunks++)
    {
      g_autoptr(GArray) seen = NULL;
      DmJsonSpan list = { 0 };

      dm_json_set_split_chunking (chunks, 1);
      seen = dm_json_split_member_list (text, length, "events", &list);
      g_assert_true ((seen == NULL) == (expected == NULL));
      if (seen == NULL)
        continue;
      g_assert_cmpmem (&list, sizeof list, &expected_list, sizeof expected_list);
      g_assert_cmpmem (seen->data, seen->len * sizeof (DmJsonSpan),
                       expected->data, expected->len * sizeof (DmJsonSpan));
    }
  dm_json_set_split_chunking (0, 0);
}

/* The split's chunks (dm-json-split-chunks.c) guessed where elements start, right or wrong */
static void
test_split (void)
{
  g_autofree char *generated = bench_generate (3000);
  g_autofree char *problems = generate_with_problems (3000);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  /* lists as deep as the events on lines of their own, a list after the events with the
   * same indentation, elements that do not start their line */
  const char *traps[] = {
    "{\"events\": [\n  {\"a\": [\n  1,\n  2,\n  3]},\n  {\"b\": 1},\n  [\n  4,\n  5\n  ],\n  6\n],\n"
    " \"places\": [\n  {\"id\": 1},\n  {\"id\": 2},\n  {\"id\": 3}\n]}\n",
    "{\"events\": [{\"a\": 1},\n  {\"b\": 2},\n  {\"c\": 3},\n  {\"d\": 4}]}",
    "{\"events\": [\n\t{\"a\": 1},\n\t{\"b\": 2},\r\n\t{\"c\": \"\u00e9\"},\n\t{\"d\": 4}\n]}",
    "{\"events\": [\n  1,\n  2,\n  3,\n  4\n]}",
    "{\"events\": [\n  1,\n  2,\n  3,\n  4,\n]}",
    "{\"events\": [\n  1,\n  2,\n  /* 3 */ 3,\n  4\n]}",
    "{\"events\": [\n  1,\n  2,\n  3,\n  04\n]}",
    "{\"events\": [\n  1,\n  2,\n  3,\n  4\n",
    "{\"events\": [\n  \"x\",\n  \"y\",\n  \"z\"\n], \"x\": [\n  1,\n  2\n]}",
  };
  const char *name;

  assert_same_split (generated, strlen (generated));
  assert_same_split (problems, strlen (problems));
  for (guint i = 0; i < G_N_ELEMENTS (traps); i++)
    {
      g_test_message ("%s", traps[i]);
      assert_same_split (traps[i], strlen (traps[i]));
    }
  /* not strict JSON in the middle or at the end of a chunk */
  for (gsize at = strlen (problems) / 8; at < strlen (problems); at += strlen (problems) / 8)
    {
      g_autofree char *broken = g_strdup (problems);
      char *comma = strchr (broken + at, ',');

      if (comma == NULL)
        continue;
      *comma = ';';
      assert_same_split (broken, strlen (broken));
    }
  /* as Diplomap writes a file: a member a line */
  {
    g_autofree char *dir_path = g_dir_make_tmp ("diplomap-XXXXXX", NULL);
    g_autoptr(GFile) file = write_temporary (dir_path, "generated.diplomap", problems);
    g_autoptr(DmDocument) doc = dm_document_new ();
    g_autoptr(GBytes) bytes = NULL;

    g_assert_true (dm_loader_load_file (doc, file, NULL, NULL));
    bytes = dm_native_write_document (doc);
    assert_same_split (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_unlink (g_file_peek_path (file));
    g_rmdir (dir_path);
  }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file_path = g_build_filename (path, name, NULL);
      g_autofree char *text = NULL;
      gsize length;

      if (g_str_has_suffix (name, ".diplomap") && g_file_get_contents (file_path, &text, &length, NULL))
        assert_same_split (text, length);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dm_gazetteer_get_default ();
  g_test_add_func ("/formats/native-chunks/generated", test_generated);
  g_test_add_func ("/formats/native-chunks/default", test_default_chunks);
  g_test_add_func ("/formats/native-chunks/fixtures", test_fixtures);
  g_test_add_func ("/formats/native-chunks/cancelled", test_cancelled);
  g_test_add_func ("/formats/native-chunks/split", test_split);
  return g_test_run ();
}
