/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "dm-loader.h"
#include "bench-generate.h"

/* dm_whereabouts_apply() (src/model/dm-whereabouts.c) places legs that have no time of their
 * own and reports actors in two places at once. Made cheaper for large files, it must give
 * what it gave before, leg for leg and problem for problem: the generated documents of the
 * benchmark (4,000 events: 1,019 problems), with a third of the legs' times left out so that
 * their actors' stays place them, and a second file loaded into the first
 * (dm_whereabouts_apply_across()). The digests below are those of the algorithm before
 * (commit 6c5978c), in the C locale. */

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
generate (guint    n_events,
          gboolean drop_times)
{
  g_autofree char *text = bench_generate (n_events);
  g_autoptr(GRegex) depart = NULL;
  guint count = 0;

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
  static const struct { gboolean drop_times; const char *one, *both; } cases[] = {
    { FALSE, "1019 cbfa43fbac9368964472278780c79cb0f6f99a67c845ba010873a7c315b5690b",
      "1259 e1b097d153a9fe123ffb5a9f5585074ba28737d79ddc0cab6e17c304ff649032" },
    { TRUE, "1019 74d91eb8836033be5eb5fb3941bca7edd669f0df7ef897e3d24922083dabc0dc",
      "1259 f47bdb57ce35855c3edc2cc3d021a31f2cb972af2214c2e23d65c4c3eb0c50f7" },
  };
  g_autofree char *dir = g_dir_make_tmp ("whereabouts-XXXXXX", NULL);

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *big = generate (4000, cases[c].drop_times);
      g_autofree char *small = generate (1000, cases[c].drop_times);
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
      g_test_message ("%s / %s", one, both);
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
