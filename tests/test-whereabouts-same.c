/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dm-loader.h"
#include "bench-generate.h"

/* dm_whereabouts_apply() (src/model/dm-whereabouts.c) places legs that have no time of their
 * own and reports actors in two places at once. Made cheaper for large files, it must give
 * what it gave before, leg for leg and problem for problem: the generated documents of the
 * benchmark (4,000 events: 1,019 problems), with a third of the legs' times left out so that
 * their actors' stays place them, and a second file loaded into the first
 * (dm_whereabouts_apply_across()). The same documents with their events in the order of their
 * first date (as real files come: each actor's stays already in order), with the twentieth
 * century's dates moved back a thousand years (the stays' starts then span more bits), and
 * small ones (a few stays per actor). The digests below are those of the algorithms before
 * (commit 6c5978c for the first two, 63d29f9 for the others), in the C locale. */

typedef enum
{
  AS_GENERATED,
  IN_ORDER,     /* the events by their first date */
  WIDE,         /* 19xx dates moved to 09xx */
} Variant;

static gboolean
drop_third_cb (const GMatchInfo *match,
               GString          *result,
               gpointer          user_data)
{
  guint *count = user_data;
  g_autofree char *kept = g_match_info_fetch (match, 0);

  /* every third leg's time left out */
  if (++*count % 3 != 0)
    g_string_append (result, kept);
  return FALSE;
}

static char *
first_date (const char *line)
{
  const char *at = strstr (line, "\": \"");

  /* the first value that is a date: ids, types, actors and places start with no digit */
  for (; at != NULL; at = strstr (at + 1, "\": \""))
    if (g_ascii_isdigit (at[4]))
      return g_strndup (at + 4, 10);
  return g_strdup ("");
}

typedef struct
{
  char  *line;
  char  *date;
  guint  index;
} Line;

static int
compare_lines_cb (gconstpointer a,
                  gconstpointer b)
{
  const Line *la = a, *lb = b;
  int c = strcmp (la->date, lb->date);

  return c != 0 ? c : (la->index > lb->index) - (la->index < lb->index);
}

/* The events' lines (one event each, the last with no comma) in the order of their first
 * date, those of one date in the order they came */
static char *
sort_events (const char *text)
{
  const char *list = strstr (text, "\"events\": [\n");
  const char *end = strstr (text, "\n  ]\n}");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (Line));
  GString *out = g_string_new (NULL);

  g_assert_nonnull (list);
  g_assert_nonnull (end);
  list += strlen ("\"events\": [\n");
  {
    g_autofree char *body = g_strndup (list, end - list);
    lines = g_strsplit (body, "\n", -1);
  }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      Line line = { lines[i], first_date (lines[i]), i };
      gsize len = strlen (line.line);

      if (len > 0 && line.line[len - 1] == ',')
        line.line[len - 1] = '\0';
      g_array_append_val (sorted, line);
    }
  g_array_sort (sorted, compare_lines_cb);
  g_string_append_len (out, text, list - text);
  for (guint i = 0; i < sorted->len; i++)
    {
      Line *line = &g_array_index (sorted, Line, i);

      g_string_append (out, line->line);
      g_string_append (out, i + 1 < sorted->len ? ",\n" : "");
      g_free (line->date);
    }
  g_string_append (out, end);
  return g_string_free (out, FALSE);
}

static char *
generate (guint    n_events,
          gboolean drop_times,
          Variant  variant)
{
  g_autofree char *text = bench_generate (n_events);
  g_autoptr(GRegex) depart = NULL;
  guint count = 0;

  if (variant == IN_ORDER)
    {
      g_autofree char *sorted = sort_events (text);
      g_free (text);
      text = g_steal_pointer (&sorted);
    }
  else if (variant == WIDE)
    {
      g_autoptr(GRegex) century = g_regex_new ("\"19([0-9][0-9]-)", 0, 0, NULL);
      g_autofree char *moved = g_regex_replace (century, text, -1, 0, "\"09\\1", 0, NULL);
      g_free (text);
      text = g_steal_pointer (&moved);
    }
  if (!drop_times)
    return g_steal_pointer (&text);
  depart = g_regex_new (", \"depart\": \"[^\"]*\"", 0, 0, NULL);
  return g_regex_replace_eval (depart, text, -1, 0, 0, drop_third_cb, &count, NULL);
}

static GFile *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

/* Every leg's times and every problem, in order */
static char *
digest (DmDocument *doc)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  GListModel *events = dm_document_get_events (doc);
  GListModel *problems = dm_document_get_problems (doc);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      GPtrArray *legs = dm_event_get_legs (event);

      g_checksum_update (sum, (const guchar *) dm_event_get_id (event), -1);
      for (guint k = 0; legs != NULL && k < legs->len; k++)
        {
          DmLeg *leg = g_ptr_array_index (legs, k);
          gint64 times[] = { leg->start, leg->end, leg->uncertain };

          g_checksum_update (sum, (const guchar *) times, sizeof times);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) problem = g_list_model_get_item (problems, i);
      g_autofree char *line = g_strdup_printf ("%u:%u %s\n", dm_problem_get_line (problem),
                                               dm_problem_get_column (problem),
                                               dm_problem_get_message (problem));

      g_checksum_update (sum, (const guchar *) line, -1);
    }
  return g_strdup_printf ("%u %s", g_list_model_get_n_items (problems), g_checksum_get_string (sum));
}

static void
test_generated (void)
{
  static const struct { guint big, small; gboolean drop_times; Variant variant; const char *one, *both; } cases[] = {
    { 4000, 1000, FALSE, AS_GENERATED, "1019 cbfa43fbac9368964472278780c79cb0f6f99a67c845ba010873a7c315b5690b",
      "1259 e1b097d153a9fe123ffb5a9f5585074ba28737d79ddc0cab6e17c304ff649032" },
    { 4000, 1000, TRUE, AS_GENERATED, "1019 74d91eb8836033be5eb5fb3941bca7edd669f0df7ef897e3d24922083dabc0dc",
      "1259 f47bdb57ce35855c3edc2cc3d021a31f2cb972af2214c2e23d65c4c3eb0c50f7" },
    { 4000, 1000, FALSE, IN_ORDER, "1019 b6d1d2443575c56deabc949e0b0f11a97151da449bf7dc32e16dfdc9a166fd38",
      "1259 c409f1359f033b8b1aeb75d8b22ca4cdd5edad389b8bb380fcb1d1ebcb53e772" },
    { 4000, 1000, TRUE, IN_ORDER, "1019 0c4a2a73c48ce32fe5cb257b9e6a2a04159b30790b42b65418056ea7f81da75c",
      "1259 41aab5f9401125262bd9f61cc377cc30bf8a75bee51b1df96ef5f58fdabf9512" },
    { 4000, 1000, TRUE, WIDE, "1019 90063fe6b297d4f2e3b7e9c24bbb66ec4261f178f449afb0411633456a314690",
      "1259 f01b4c03ab743e53cde56007d1acdbd78ddf8824eb33e292c62306bc6fff7f29" },
    { 300, 100, TRUE, AS_GENERATED, "65 ad400623a469cbb5ac471989d7c88119019fa8acc1c154ea120876b4dc9d3a20",
      "89 9b3a2fc2d96fa1672da2ff768ebaf498e8baf1314e2a2d205005abf523717ed2" },
    { 300, 100, TRUE, IN_ORDER, "65 c82f19ecdc21b169e507c20a90916e76b6de9b45b1f89dcb0c73eb0f1da1040a",
      "89 4f390bfe2e2a2892537c61c782a22b001159408f50d1139fc860513aff3a15ff" },
  };
  g_autofree char *dir = g_dir_make_tmp ("whereabouts-XXXXXX", NULL);

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *big = generate (cases[c].big, cases[c].drop_times, cases[c].variant);
      g_autofree char *small = generate (cases[c].small, cases[c].drop_times, cases[c].variant);
      g_autoptr(GFile) first = write_file (dir, "first.diplomap", big);
      g_autoptr(GFile) second = write_file (dir, "second.diplomap", small);
      g_autoptr(DmDocument) doc = dm_document_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *one = NULL;
      g_autofree char *both = NULL;

      g_assert_true (dm_loader_load_file (doc, first, NULL, &error));
      g_assert_no_error (error);
      one = digest (doc);
      /* a second file: an actor's events in one constrain their legs in the other */
      g_assert_true (dm_loader_load_file (doc, second, NULL, &error));
      g_assert_no_error (error);
      both = digest (doc);
      g_test_message ("%" G_GSIZE_FORMAT ": %s / %s", c, one, both);
      g_assert_cmpstr (one, ==, cases[c].one);
      g_assert_cmpstr (both, ==, cases[c].both);
      g_file_delete (first, NULL, NULL);
      g_file_delete (second, NULL, NULL);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/whereabouts-same/generated", test_generated);

  return g_test_run ();
}
