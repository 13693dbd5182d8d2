/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: one reader (chosen by FUZZ_EXTENSION) on any bytes, then every writer on what
 * it read: a crash, a leak, a critical warning or undefined behaviour is a finding
 * (docs/SECURITY.md). A .diplomap in strict JSON is read one event at a time, most events
 * straight from the text (src/formats/dm-native-event.c): the same text with a comment
 * after it goes down the whole tree's path, and a difference between the two (a problem
 * said elsewhere or otherwise, another document written back) is a finding too; so is a
 * difference with its events split and read in three chunks by threads at once
 * (dm-json-split-chunks.c, dm-native-chunks.c). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dm-format.h"
#include "dm-gazetteer.h"
#include "dm-json-positions-private.h"
#include "dm-native-format-private.h"
#include "dm-saver.h"

static const char * const written[] = { "x.geojson", "x.kml", "x.csv", "x.diplomap" };

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The gazetteer (27,000 places) loads at its first use: over ten seconds under ASan on a
 * busy machine, which libFuzzer's -timeout took for a hang in the first input. Loaded
 * here, before any input, it is not timed. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_assert (dm_gazetteer_get_default () != NULL);
  return 0;
}

/* What loading gave: the problems where they are, and the document written back */
static char *
describe (DmDocument   *doc,
          gboolean      loaded,
          const GError *error)
{
  GListModel *problems = dm_document_get_problems (doc);
  GString *out = g_string_new (NULL);

  if (loaded)
    g_string_append (out, "loaded\n");
  else
    g_string_append_printf (out, "not loaded: %s\n", error ? error->message : "");

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);

      g_string_append_printf (out, "%u:%u: %s\n", dm_problem_get_line (p),
                              dm_problem_get_column (p), dm_problem_get_message (p));
    }
  if (loaded)
    {
      g_autoptr(GBytes) bytes = dm_native_write_document (doc);

      g_string_append_len (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  return g_string_free (out, FALSE);
}

/* @seen, what reading @text in pieces by one thread gave, is what splitting and reading it
 * in three chunks gives */
static void
compare_with_chunks (GFile      *file,
                     const char *text,
                     size_t      size,
                     const char *seen)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *in_chunks = NULL;
  gboolean loaded;

  dm_document_add_file (doc, file);
  dm_native_loader_set_chunking (3, 1);
  dm_json_set_split_chunking (3, 1);
  loaded = dm_native_format_load (doc, file, text, size, NULL, &error);
  dm_native_loader_set_chunking (0, 0);
  dm_json_set_split_chunking (0, 0);
  in_chunks = describe (doc, loaded, error);
  if (!g_str_equal (seen, in_chunks))
    {
      g_printerr ("read in pieces:\n%s\nread in chunks:\n%s", seen, in_chunks);
      abort ();
    }
}

/* @doc was read from @text (@size bytes) in pieces: read in chunks too, and if strict, the
 * whole tree */
static void
compare_with_whole_tree (GFile        *file,
                         const char   *text,
                         size_t        size,
                         DmDocument   *doc,
                         gboolean      loaded,
                         const GError *error)
{
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(DmDocument) whole = NULL;
  g_autofree char *lenient = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *expected = NULL;
  DmJsonSpan list;
  gboolean whole_loaded;

  seen = describe (doc, loaded, error);
  compare_with_chunks (file, text, size, seen);
  if ((spans = dm_json_split_member_list (text, size, "events", &list)) == NULL)
    return;
  lenient = g_malloc (size + 5);
  memcpy (lenient, text, size);
  memcpy (lenient + size, "/**/", 5);
  whole = dm_document_new ();
  dm_document_add_file (whole, file);
  whole_loaded = dm_native_format_load (whole, file, lenient, size + 4, NULL, &whole_error);
  expected = describe (whole, whole_loaded, whole_error);
  if (!g_str_equal (seen, expected))
    {
      /* abort(), not g_error(): libFuzzer writes the input of an abort */
      g_printerr ("read in pieces:\n%s\nread whole:\n%s", seen, expected);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GFile *file;
  static const DmFormat *format;
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  gboolean loaded;

  if (format == NULL)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      /* a file in a folder that does not exist: the U.S. record finds no presidents.xml */
      file = g_file_new_for_path ("/nonexistent/fuzz." FUZZ_EXTENSION);
      format = dm_format_find_for_file_name ("fuzz." FUZZ_EXTENSION);
      g_assert (format != NULL);
    }
  /* the loader hands readers a NUL-terminated copy */
  copy = g_malloc (size + 1);
  memcpy (copy, data, size);
  copy[size] = '\0';
  doc = dm_document_new ();
  dm_document_add_file (doc, file);
  loaded = format->load (doc, file, copy, size, NULL, &error);
  if (format->load == dm_native_format_load)
    compare_with_whole_tree (file, copy, size, doc, loaded, error);
  if (!loaded)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      const DmFormat *out = dm_format_find_for_file_name (written[i]);
      g_autoptr(GBytes) bytes = out->write (doc);

      g_assert (bytes != NULL);
    }
  return 0;
}
