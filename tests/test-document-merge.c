/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bench-generate.h"
#include "dm-actor-colors.h"
#include "dm-document-store.h"
#include "dm-file-info.h"
#include "dm-folder-private.h"
#include "dm-format.h"
#include "dm-loader.h"
#include "dm-saver.h"
#include "dm-whereabouts.h"
#include "interop-common.h"

/* A document's lists are DmDocumentStores (arrays) rather than GListStores, and the merge
 * that ends every load takes the loaded document's events and problems over in one move
 * (issue 15). The store must change as a GListStore would, call for call, and a merge must
 * end with the document the merge before gave: the same events, actors, places, problems,
 * files and colours. */

/* ---- the store against GListStore ---- */

typedef struct
{
  guint position, removed, added;
} Change;

static void
record_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           GArray     *changes)
{
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

static void
assert_same_items (GListModel *a,
                   GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);

      g_assert_true (x == y);
    }
  g_assert_null (g_list_model_get_item (a, g_list_model_get_n_items (a)));
}

static void
assert_same_changes (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      Change *x = &g_array_index (a, Change, i), *y = &g_array_index (b, Change, i);

      g_assert_cmpuint (x->position, ==, y->position);
      g_assert_cmpuint (x->removed, ==, y->removed);
      g_assert_cmpuint (x->added, ==, y->added);
    }
}

static void
test_store_like_list_store (void)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DmDocumentStore) store = dm_document_store_new (DM_TYPE_PLACE);
  g_autoptr(DmDocumentStore) other = dm_document_store_new (DM_TYPE_PLACE);
  g_autoptr(GListStore) list = g_list_store_new (DM_TYPE_PLACE);
  g_autoptr(GListStore) other_list = g_list_store_new (DM_TYPE_PLACE);
  g_autoptr(GArray) store_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GArray) list_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  GWeakRef first;

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (pool, dm_place_new (NULL, "p", NULL, i, i, NULL));
  g_weak_ref_init (&first, g_ptr_array_index (pool, 0));
  g_signal_connect (store, "items-changed", G_CALLBACK (record_cb), store_changes);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_cb), list_changes);
  g_signal_connect (other, "items-changed", G_CALLBACK (record_cb), store_changes);
  g_signal_connect (other_list, "items-changed", G_CALLBACK (record_cb), list_changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == DM_TYPE_PLACE);

  for (guint round = 0; round < 3000; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
      guint position = g_rand_int_range (rand, 0, n + 1);
      gpointer additions[8];
      guint n_additions = g_rand_int_range (rand, 0, G_N_ELEMENTS (additions) + 1);
      guint n_removals = g_rand_int_range (rand, 0, n - position + 1);
      guint found_a = 0, found_b = 0;
      gpointer item;

      for (guint i = 0; i < n_additions; i++)
        additions[i] = g_ptr_array_index (pool, g_rand_int_range (rand, 0, pool->len));
      switch (g_rand_int_range (rand, 0, 11))
        {
        case 9:
          /* an array taken as it is: from the other store (shared with it) or a new one */
          if (round % 2 == 0)
            {
              g_autoptr(GPtrArray) array = dm_document_store_dup_array (other);

              g_assert_cmpuint (array->len, ==, g_list_model_get_n_items (G_LIST_MODEL (other_list)));
              dm_document_store_set_array (store, array);
            }
          else
            {
              g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

              for (guint i = 0; i < n_additions; i++)
                g_ptr_array_add (array, g_object_ref (additions[i]));
              dm_document_store_set_array (store, array);
            }
          {
            guint m = dm_document_store_get_length (store);
            g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func (g_object_unref);

            for (guint i = 0; i < m; i++)
              g_ptr_array_add (copied, g_object_ref (dm_document_store_peek (store, i)));
            g_list_store_splice (list, 0, n, copied->pdata, copied->len);
          }
          break;
        case 10:
          /* the store's items as they are: never changed by the store's later changes */
          {
            GPtrArray *array = dm_document_store_dup_array (store);

            g_ptr_array_add (snapshots, array);
            g_ptr_array_add (expected, g_memdup2 (array->pdata, array->len * sizeof (gpointer)));
            /* the same array again, while nothing changed */
            g_autoptr(GPtrArray) again = dm_document_store_dup_array (store);

            g_assert_true (again == array);
          }
          break;
        case 0:
          dm_document_store_append (store, additions[0] = pool->pdata[round % pool->len]);
          g_list_store_append (list, additions[0]);
          break;
        case 1:
          dm_document_store_insert (store, position, pool->pdata[round % pool->len]);
          g_list_store_insert (list, position, pool->pdata[round % pool->len]);
          break;
        case 2:
          if (n > 0)
            {
              position = MIN (position, n - 1);
              dm_document_store_remove (store, position);
              g_list_store_remove (list, position);
            }
          break;
        case 3:
          if (round % 10 == 0)
            {
              dm_document_store_remove_all (store);
              g_list_store_remove_all (list);
            }
          break;
        case 4:
          /* the other store's items moved over (all of them) or copied */
          for (guint i = 0; i < n_additions; i++)
            {
              dm_document_store_append (other, additions[i]);
              g_list_store_append (other_list, additions[i]);
            }
          if (round % 2 == 0)
            {
              guint m = g_list_model_get_n_items (G_LIST_MODEL (other_list));
              g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);

              for (guint i = 0; i < m; i++)
                g_ptr_array_add (moved, g_list_model_get_item (G_LIST_MODEL (other_list), i));
              dm_document_store_take_all (store, other);
              g_list_store_splice (list, n, 0, moved->pdata, moved->len);
              g_list_store_remove_all (other_list);
            }
          else
            {
              guint m = g_list_model_get_n_items (G_LIST_MODEL (other_list));
              g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func (g_object_unref);

              for (guint i = 0; i < m; i++)
                g_ptr_array_add (copied, g_list_model_get_item (G_LIST_MODEL (other_list), i));
              dm_document_store_append_all (store, other);
              g_list_store_splice (list, n, 0, copied->pdata, copied->len);
            }
          assert_same_items (G_LIST_MODEL (other), G_LIST_MODEL (other_list));
          break;
        default:
          dm_document_store_splice (store, position, n_removals, additions, n_additions);
          g_list_store_splice (list, position, n_removals, additions, n_additions);
          break;
        }
      assert_same_items (G_LIST_MODEL (store), G_LIST_MODEL (list));
      assert_same_changes (store_changes, list_changes);
      for (guint i = 0; i < snapshots->len; i++)
        {
          GPtrArray *array = g_ptr_array_index (snapshots, i);

          g_assert_cmpmem (array->pdata, array->len * sizeof (gpointer),
                           g_ptr_array_index (expected, i), array->len * sizeof (gpointer));
        }
      item = pool->pdata[g_rand_int_range (rand, 0, pool->len)];
      g_assert_cmpint (dm_document_store_find (store, item, &found_a), ==,
                       g_list_store_find (list, item, &found_b));
      g_assert_cmpuint (found_a, ==, found_b);
      if (dm_document_store_get_length (store) > 0)
        {
          g_autoptr(GObject) head = g_list_model_get_object (G_LIST_MODEL (list), 0);

          g_assert_true (dm_document_store_peek (store, 0) == head);
        }
    }
  g_assert_cmpuint (store_changes->len, >, 2500);
  g_assert_cmpuint (snapshots->len, >, 200);
  g_ptr_array_set_size (snapshots, 0);

  /* into an empty store the array is taken as it is; the items are let go with the store */
  dm_document_store_remove_all (store);
  dm_document_store_take_all (store, other);
  g_assert_cmpuint (dm_document_store_get_length (other), ==, 0);
  g_clear_object (&store);
  g_clear_object (&other);
  g_clear_object (&list);
  g_clear_object (&other_list);
  g_ptr_array_remove_index (pool, 0);
  g_assert_null (g_weak_ref_get (&first));
  g_weak_ref_clear (&first);
}

/* ---- the merge against the merge before ---- */

/* What the loader does in its worker: one file read into a fresh document */
static DmDocument *
load_unmerged (GFile *file)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  const DmFormat *format;
  const char *data;
  gsize length = 0;

  g_assert_true (dm_loader_read_contents (file, &contents, &length, NULL, &error));
  data = contents;
  g_assert_true (dm_format_skip_byte_order_mark (file, &data, &length, &error));
  format = dm_format_find_for_data (basename, data, length);
  g_assert_nonnull (format);
  dm_document_add_file (doc, file);
  g_assert_true (format->load (doc, file, data, length, NULL, &error));
  g_assert_no_error (error);
  dm_whereabouts_apply (doc);
  return g_steal_pointer (&doc);
}

static GPtrArray *
list_items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static void
append_all (GListModel *to,
            GListModel *from)
{
  g_autoptr(GPtrArray) items = list_items (from);

  dm_document_store_splice (DM_DOCUMENT_STORE (to), g_list_model_get_n_items (to), 0,
                            items->pdata, items->len);
}

/* dm_document_merge() as it was before (commit 63d29f9), the GListStore's calls made on the
 * document's store: actors added one by one, each item read from the loaded document and
 * added in one splice, the loaded document's events and problems removed after */
static void
merge_before (DmDocument *self,
              DmDocument *other)
{
  g_autoptr(GHashTable) map = g_hash_table_new (NULL, NULL);
  GListModel *m = dm_document_get_actors (other);
  gboolean had_events = g_list_model_get_n_items (dm_document_get_events (self)) > 0;
  gboolean merged_events = g_list_model_get_n_items (dm_document_get_events (other)) > 0;
  GPtrArray *files = dm_document_get_files (other);

  for (guint i = 0; i < g_list_model_get_n_items (m); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (m, i);
      DmActor *mine = dm_document_lookup_actor (self, dm_actor_get_id (actor));

      if (mine != NULL && mine != actor)
        g_hash_table_insert (map, actor, mine);
      else
        dm_document_add_actor (self, actor);
    }
  {
    g_autoptr(GPtrArray) items = list_items (dm_document_get_events (other));

    for (guint i = 0; g_hash_table_size (map) > 0 && i < items->len; i++)
      {
        DmEvent *event = g_ptr_array_index (items, i);
        GPtrArray *parts = dm_event_get_participants (event);
        DmActor *actor = dm_event_get_actor (event), *mapped;

        mapped = actor ? g_hash_table_lookup (map, actor) : NULL;
        dm_event_set_actor (event, mapped ? mapped : actor);
        for (guint k = 0; k < parts->len; k++)
          {
            mapped = g_hash_table_lookup (map, g_ptr_array_index (parts, k));
            if (mapped != NULL)
              {
                g_object_unref (g_ptr_array_index (parts, k));
                g_ptr_array_index (parts, k) = g_object_ref (mapped);
              }
          }
      }
    dm_document_store_splice (DM_DOCUMENT_STORE (dm_document_get_events (self)),
                              g_list_model_get_n_items (dm_document_get_events (self)), 0,
                              items->pdata, items->len);
  }
  append_all (dm_document_get_places (self), dm_document_get_places (other));
  append_all (dm_document_get_problems (self), dm_document_get_problems (other));
  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      DmFileInfo *theirs = dm_document_get_file_info (other, file, FALSE);
      DmFileInfo *mine, swap;

      dm_document_add_file (self, file);
      /* the file's info moves over (other's files are the only ones it has infos for) */
      mine = dm_document_get_file_info (self, file, TRUE);
      swap = *mine;
      *mine = *theirs;
      *theirs = swap;
    }
  if (dm_document_get_title (self) == NULL && dm_document_get_title (other) != NULL)
    dm_document_set_title (self, dm_document_get_title (other));
  dm_document_store_remove_all (DM_DOCUMENT_STORE (dm_document_get_events (other)));
  dm_document_store_remove_all (DM_DOCUMENT_STORE (dm_document_get_problems (other)));
  if (had_events && merged_events)
    dm_whereabouts_apply_across (self);
}

static char *
describe_problem (DmProblem *problem)
{
  GFile *file = dm_problem_get_file (problem);
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  return g_strdup_printf ("%s:%u:%u: %s", name ? name : "-", dm_problem_get_line (problem),
                          dm_problem_get_column (problem), dm_problem_get_message (problem));
}

/* Everything the two documents hold, the same */
static void
assert_same_documents (DmDocument *expected,
                       DmDocument *actual)
{
  GListModel *ea = dm_document_get_actors (expected), *aa = dm_document_get_actors (actual);
  GListModel *ep = dm_document_get_places (expected), *ap = dm_document_get_places (actual);
  GListModel *eq = dm_document_get_problems (expected), *aq = dm_document_get_problems (actual);
  GListModel *ee = dm_document_get_events (expected), *ae = dm_document_get_events (actual);
  GPtrArray *ef = dm_document_get_files (expected), *af = dm_document_get_files (actual);

  g_assert_cmpstr (dm_document_get_title (actual), ==, dm_document_get_title (expected));
  g_assert_cmpuint (af->len, ==, ef->len);
  for (guint i = 0; i < ef->len; i++)
    {
      g_autoptr(GBytes) eb = dm_native_write (expected, ef->pdata[i]);
      g_autoptr(GBytes) ab = dm_native_write (actual, af->pdata[i]);

      g_assert_true (g_file_equal (af->pdata[i], ef->pdata[i]));
      g_assert_cmpstr (dm_document_get_file_title (actual, af->pdata[i]), ==,
                       dm_document_get_file_title (expected, ef->pdata[i]));
      g_assert_true (g_bytes_equal (ab, eb));
    }
  {
    g_autoptr(GBytes) eb = dm_native_write_document (expected);
    g_autoptr(GBytes) ab = dm_native_write_document (actual);

    g_assert_true (g_bytes_equal (ab, eb));
  }
  g_assert_cmpuint (g_list_model_get_n_items (ae), ==, g_list_model_get_n_items (ee));
  for (guint i = 0; i < g_list_model_get_n_items (ee); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (ee, i);
      g_autoptr(DmEvent) a = g_list_model_get_item (ae, i);
      g_autofree char *de = interop_describe (e);
      g_autofree char *da = interop_describe (a);
      GPtrArray *parts = dm_event_get_participants (a);

      g_assert_cmpstr (da, ==, de);
      g_assert_cmpuint (dm_event_get_line (a), ==, dm_event_get_line (e));
      g_assert_cmpuint (dm_event_get_column (a), ==, dm_event_get_column (e));
      /* the document's own actors */
      if (dm_event_get_actor (a) != NULL)
        g_assert_true (dm_document_lookup_actor (actual, dm_actor_get_id (dm_event_get_actor (a))) ==
                       dm_event_get_actor (a));
      for (guint k = 0; k < parts->len; k++)
        g_assert_true (dm_document_lookup_actor (actual, dm_actor_get_id (parts->pdata[k])) ==
                       parts->pdata[k]);
    }
  g_assert_cmpuint (g_list_model_get_n_items (aa), ==, g_list_model_get_n_items (ea));
  for (guint i = 0; i < g_list_model_get_n_items (ea); i++)
    {
      g_autoptr(DmActor) e = g_list_model_get_item (ea, i);
      g_autoptr(DmActor) a = g_list_model_get_item (aa, i);
      guint32 erg = 0, arg = 0;

      g_assert_cmpstr (dm_actor_get_id (a), ==, dm_actor_get_id (e));
      g_assert_true (dm_document_lookup_actor (actual, dm_actor_get_id (a)) == a);
      g_assert_cmpint (dm_document_get_actor_color_index (actual, a), ==,
                       dm_document_get_actor_color_index (expected, e));
      g_assert_cmpint (dm_document_get_actor_rgb (actual, a, &arg), ==,
                       dm_document_get_actor_rgb (expected, e, &erg));
      g_assert_cmphex (arg, ==, erg);
    }
  g_assert_cmpuint (g_list_model_get_n_items (ap), ==, g_list_model_get_n_items (ep));
  for (guint i = 0; i < g_list_model_get_n_items (ep); i++)
    {
      g_autoptr(DmPlace) e = g_list_model_get_item (ep, i);
      g_autoptr(DmPlace) a = g_list_model_get_item (ap, i);

      g_assert_cmpstr (dm_place_get_name (a), ==, dm_place_get_name (e));
      g_assert_cmpfloat (dm_place_get_latitude (a), ==, dm_place_get_latitude (e));
      g_assert_cmpfloat (dm_place_get_longitude (a), ==, dm_place_get_longitude (e));
    }
  g_assert_cmpuint (g_list_model_get_n_items (aq), ==, g_list_model_get_n_items (eq));
  for (guint i = 0; i < g_list_model_get_n_items (eq); i++)
    {
      g_autoptr(DmProblem) e = g_list_model_get_item (eq, i);
      g_autoptr(DmProblem) a = g_list_model_get_item (aq, i);
      g_autofree char *de = describe_problem (e);
      g_autofree char *da = describe_problem (a);

      g_assert_cmpstr (da, ==, de);
    }
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  return g_file_new_for_path (path);
}

static void
test_merge_same_as_before (void)
{
  const char *names[] = { "issue-example.diplomap", "bad-events.diplomap",
                          "across-trip.diplomap", "across-meetings.diplomap",
                          "read-straight.diplomap", "two-places.diplomap",
                          "unknown-members.diplomap", NULL };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) gen = NULL;
  guint n_checked = 0;

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (files, data_file (names[i]));
  {
    g_autofree char *text = bench_generate (500);
    gsize len = strlen (text);
    g_autoptr(GBytes) b = g_bytes_new_take (g_steal_pointer (&text), len);

    gen = interop_write_temp (b, "generated.diplomap");
    g_ptr_array_add (files, g_object_ref (gen));
  }

  /* every file into an empty document, then every file into one holding another (the
   * generated file's actors are in no fixture; the fixtures share "choe" and others) */
  for (guint first = 0; first < files->len; first++)
    for (guint second = 0; second <= files->len; second++)
      {
        g_autoptr(DmDocument) before = dm_document_new ();
        g_autoptr(DmDocument) now = dm_document_new ();
        guint order[2] = { first, second };

        if (second == files->len)
          order[1] = G_MAXUINT;   /* the first file alone */
        else if (second == first)
          continue;
        for (guint k = 0; k < G_N_ELEMENTS (order) && order[k] != G_MAXUINT; k++)
          {
            g_autoptr(DmDocument) a = load_unmerged (files->pdata[order[k]]);
            g_autoptr(DmDocument) b = load_unmerged (files->pdata[order[k]]);

            merge_before (before, a);
            /* the colours worked out before the merge, as a load's thread does, or not */
            if (first % 2 == 0)
              dm_document_assign_actor_colors (b);
            dm_document_merge (now, b);
            /* what was merged keeps its actors and places, its events and problems gone */
            g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (b)), ==, 0);
            g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (b)), ==, 0);
            g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (b)), ==,
                              g_list_model_get_n_items (dm_document_get_actors (a)));
            g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_places (b)), ==,
                              g_list_model_get_n_items (dm_document_get_places (a)));
          }
        assert_same_documents (before, now);
        n_checked++;
      }
  g_assert_cmpuint (n_checked, ==, files->len * files->len);
  {
    g_autoptr(GFile) dir = g_file_get_parent (gen);

    g_assert_true (g_file_delete (gen, NULL, NULL));
    g_assert_true (g_file_delete (dir, NULL, NULL));
  }
}

/* The same colour slots and colours for every actor of both documents */
static void
assert_same_colors (DmDocument *expected,
                    DmDocument *actual)
{
  GListModel *ea = dm_document_get_actors (expected), *aa = dm_document_get_actors (actual);

  g_assert_cmpuint (g_list_model_get_n_items (aa), ==, g_list_model_get_n_items (ea));
  for (guint i = 0; i < g_list_model_get_n_items (ea); i++)
    {
      g_autoptr(DmActor) e = g_list_model_get_item (ea, i);
      g_autoptr(DmActor) a = g_list_model_get_item (aa, i);
      guint32 erg = 0, arg = 0;
      guint eg = 0, ag = 0, en = 0, an = 0;

      g_assert_cmpstr (dm_actor_get_id (a), ==, dm_actor_get_id (e));
      g_assert_cmpint (dm_document_get_actor_color_index (actual, a), ==,
                       dm_document_get_actor_color_index (expected, e));
      g_assert_cmpint (dm_document_get_actor_rgb (actual, a, &arg), ==,
                       dm_document_get_actor_rgb (expected, e, &erg));
      g_assert_cmphex (arg, ==, erg);
      g_assert_cmpint (dm_document_get_actor_group (actual, a, &ag, &an, NULL, NULL), ==,
                       dm_document_get_actor_group (expected, e, &eg, &en, NULL, NULL));
      g_assert_cmpuint (ag, ==, eg);
      g_assert_cmpuint (an, ==, en);
    }
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_loader_load_file_finish (DM_DOCUMENT (source), result, &error));
  g_assert_no_error (error);
  /* the loading thread worked the colours out, the merge took them: the main thread
   * walks no events for them (issue 15: the window's "file loaded" step) */
  g_assert_true (dm_document_has_actor_colors (DM_DOCUMENT (source)));
  g_main_loop_quit (user_data);
}

/* A file read into an empty document comes with its actors' colours, those it would have
 * been given; into a document of actors or events they are worked out again */
static void
test_merge_takes_colors (void)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = bench_generate (3000);
  gsize len = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), len);
  g_autoptr(DmDocument) expected = dm_document_new ();
  g_autoptr(DmDocument) loaded = dm_document_new ();
  g_autoptr(DmDocument) own_actor = dm_document_new ();
  g_autoptr(DmDocument) expected_own = dm_document_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(DmActor) first = NULL;

  file = interop_write_temp (bytes, "generated.diplomap");
  /* more than DM_ACTOR_GROUP_ABOVE actors: grouped, shaded */
  g_assert_true (dm_loader_load_file (expected, file, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (expected)), >,
                    DM_ACTOR_GROUP_ABOVE);

  dm_loader_load_file_async (loaded, file, NULL, loaded_cb, loop);
  g_main_loop_run (loop);
  assert_same_colors (expected, loaded);
  /* an edit of the events makes them be worked out again */
  first = g_list_model_get_item (dm_document_get_events (loaded), 0);
  dm_document_store_remove (DM_DOCUMENT_STORE (dm_document_get_events (loaded)), 0);
  g_assert_false (dm_document_has_actor_colors (loaded));
  dm_document_store_remove (DM_DOCUMENT_STORE (dm_document_get_events (expected)), 0);
  assert_same_colors (expected, loaded);

  /* a document of no event and one actor, the file's last: first there, it takes the first
   * colour, so the read colours are not taken */
  {
    g_autoptr(DmDocument) a = load_unmerged (file);
    g_autoptr(DmDocument) b = load_unmerged (file);
    GListModel *actors = dm_document_get_actors (a);
    g_autoptr(DmActor) last = g_list_model_get_item (actors, g_list_model_get_n_items (actors) - 1);
    g_autoptr(DmActor) mine = dm_actor_new (dm_actor_get_id (last), "Mine");
    g_autoptr(DmActor) theirs = dm_actor_new (dm_actor_get_id (last), "Mine");

    dm_document_add_actor (own_actor, mine);
    dm_document_add_actor (expected_own, theirs);
    dm_document_assign_actor_colors (b);
    g_assert_true (dm_document_has_actor_colors (b));
    dm_document_merge (own_actor, b);
    merge_before (expected_own, a);
    assert_same_colors (expected_own, own_actor);
    g_assert_cmpint (dm_document_get_actor_color_index (own_actor, mine), ==, 0);
  }
  {
    g_autoptr(GFile) dir = g_file_get_parent (file);

    g_assert_true (g_file_delete (file, NULL, NULL));
    g_assert_true (g_file_delete (dir, NULL, NULL));
  }
}

typedef struct
{
  GPtrArray *listed;
  GMainLoop *loop;
} Listed;

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Listed *listed = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_loader_load_file_finish_with_events (DM_DOCUMENT (source), result,
                                                         &listed->listed, &error));
  g_assert_no_error (error);
  g_main_loop_quit (listed->loop);
}

/* Read into an empty document, the events come listed by the loading thread as well, the
 * document's own in its order (the window's route set takes the list as its snapshot rather
 * than walking them on the main thread); into a document of events, nothing is listed */
static void
test_load_lists_events (void)
{
  g_autofree char *text = bench_generate (3000);
  gsize len = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), len);
  g_autoptr(GFile) file = interop_write_temp (bytes, "generated.diplomap");
  g_autoptr(GFile) other = data_file ("issue-example.diplomap");
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Listed listed = { NULL, loop };
  GListModel *events = dm_document_get_events (doc);

  dm_loader_load_file_with_progress_async (doc, file, NULL, NULL, NULL, listed_cb, &listed);
  g_main_loop_run (loop);
  g_assert_nonnull (listed.listed);
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 1000);
  g_assert_cmpuint (listed.listed->len, ==, g_list_model_get_n_items (events));
  for (guint i = 0; i < listed.listed->len; i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);

      g_assert_true (g_ptr_array_index (listed.listed, i) == event);
    }
  /* the list holds its events: the document's edits do not change it */
  dm_document_store_remove (DM_DOCUMENT_STORE (events), 0);
  g_assert_cmpuint (listed.listed->len, ==, g_list_model_get_n_items (events) + 1);
  g_assert_true (DM_IS_EVENT (g_ptr_array_index (listed.listed, 0)));
  g_clear_pointer (&listed.listed, g_ptr_array_unref);

  /* a second file, into a document of events: none listed, the merge as ever */
  dm_loader_load_file_with_progress_async (doc, other, NULL, NULL, NULL, listed_cb, &listed);
  g_main_loop_run (loop);
  g_assert_null (listed.listed);
  {
    g_autoptr(DmDocument) expected = dm_document_new ();
    g_autoptr(DmDocument) a = load_unmerged (file);
    g_autoptr(DmDocument) b = load_unmerged (other);

    dm_document_merge (expected, a);
    dm_document_store_remove (DM_DOCUMENT_STORE (dm_document_get_events (expected)), 0);
    dm_document_merge (expected, b);
    g_assert_cmpuint (g_list_model_get_n_items (events), ==,
                      g_list_model_get_n_items (dm_document_get_events (expected)));
  }
  {
    g_autoptr(GFile) dir = g_file_get_parent (file);

    g_assert_true (g_file_delete (file, NULL, NULL));
    g_assert_true (g_file_delete (dir, NULL, NULL));
  }
}

/* ---- a shown document sharing its source's events ---- */

static GListStore *
copy_events (GListModel *events)
{
  GListStore *copy = g_list_store_new (DM_TYPE_EVENT);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);

      g_list_store_append (copy, event);
    }
  return copy;
}

/* @view shows what @expected, a view given its events one by one as before, shows: the same
 * events, actors, places, title, files, extent, places without a time and colours */
static void
assert_same_view (DmDocument *view,
                  DmDocument *expected,
                  DmDocument *source)
{
  g_autoptr(GPtrArray) undated = dm_document_dup_undated_places (view);
  g_autoptr(GPtrArray) expected_undated = dm_document_dup_undated_places (expected);
  GListModel *actors = dm_document_get_actors (source);
  gint64 s[2] = { 0, 0 }, e[2] = { 0, 0 };

  assert_same_items (dm_document_get_events (view), dm_document_get_events (expected));
  assert_same_items (dm_document_get_actors (view), dm_document_get_actors (expected));
  assert_same_items (dm_document_get_places (view), dm_document_get_places (expected));
  g_assert_cmpstr (dm_document_get_title (view), ==, dm_document_get_title (expected));
  g_assert_cmpuint (dm_document_get_files (view)->len, ==, dm_document_get_files (expected)->len);
  g_assert_cmpint (dm_document_get_extent (view, &s[0], &e[0]), ==,
                   dm_document_get_extent (expected, &s[1], &e[1]));
  g_assert_cmpint (s[0], ==, s[1]);
  g_assert_cmpint (e[0], ==, e[1]);
  g_assert_cmpuint (dm_document_get_n_legs (view), ==, dm_document_get_n_legs (expected));
  g_assert_cmpuint (undated->len, ==, expected_undated->len);
  for (guint i = 0; i < undated->len; i++)
    g_assert_true (undated->pdata[i] == expected_undated->pdata[i]);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DmActor) actor = g_list_model_get_item (actors, i);
      guint32 rgb[2] = { 0, 0 };

      g_assert_cmpint (dm_document_get_actor_color_index (view, actor), ==,
                       dm_document_get_actor_color_index (expected, actor));
      g_assert_cmpint (dm_document_get_actor_rgb (view, actor, &rgb[0]), ==,
                       dm_document_get_actor_rgb (expected, actor, &rgb[1]));
      g_assert_cmphex (rgb[0], ==, rgb[1]);
    }
}

static GFile *
write_generated (guint       n_events,
                 const char *name)
{
  g_autofree char *text = bench_generate (n_events);
  gsize len = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), len);

  return interop_write_temp (bytes, name);
}

static void
delete_temp (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_true (g_file_delete (dir, NULL, NULL));
}

/* Nothing filtered, the shown document takes its source's array of events as it is rather
 * than a reference on each of them (issue 15): it shows what a copy showed, changes as a
 * copy did, and keeps the events it was shown while the source is edited (an edit, a
 * deletion, an addition, a merge, an undo) until it is shown them again */
static void
test_show_shares_events (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(GFile) gen = write_generated (500, "generated.diplomap");
  g_autoptr(GFile) gen2 = write_generated (300, "more.diplomap");
  g_autoptr(DmDocument) more = load_unmerged (gen);
  g_autoptr(DmDocument) shared = dm_document_new ();
  g_autoptr(DmDocument) copied = NULL;
  g_autoptr(DmDocument) of_view = NULL;
  g_autoptr(GListStore) mirror = NULL;
  g_autoptr(GListStore) now = NULL;
  g_autoptr(GListStore) some = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(DmEvent) first = NULL;
  g_autoptr(DmEvent) edited = NULL;
  g_autoptr(DmEvent) last = NULL;
  g_autoptr(DmEvent) added = dm_event_new (DM_EVENT_KIND_VISIT, "added");
  GListModel *events = dm_document_get_events (doc);
  Change *c;
  guint n;

  dm_document_merge (doc, more);
  n = g_list_model_get_n_items (events);
  g_assert_cmpuint (n, >, 500);
  mirror = copy_events (events);
  copied = dm_document_new_filtered (doc, G_LIST_MODEL (mirror));
  g_signal_connect (dm_document_get_events (shared), "items-changed", G_CALLBACK (record_cb), changes);

  /* some events, then all: one change each, as a splice of all */
  for (guint i = 0; i < n; i += 3)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);

      g_list_store_append (some, event);
    }
  dm_document_show_events (shared, doc, G_LIST_MODEL (some));
  dm_document_show_events (shared, doc, events);
  g_assert_cmpuint (changes->len, ==, 2);
  c = &g_array_index (changes, Change, 0);
  g_assert_true (c->position == 0 && c->removed == 0 && c->added == (n + 2) / 3);
  c = &g_array_index (changes, Change, 1);
  g_assert_true (c->position == 0 && c->removed == (n + 2) / 3 && c->added == n);
  assert_same_view (shared, copied, doc);
  of_view = dm_document_new_filtered (shared, dm_document_get_events (shared));
  assert_same_view (of_view, copied, doc);

  /* the source edited: it changes, the views do not */
  now = copy_events (events);
  first = g_list_model_get_item (events, 0);
  edited = dm_event_copy (first, NULL);
  dm_event_set_title (edited, "서울 정상회담");
  g_assert_true (dm_document_replace_event (doc, first, edited));
  g_list_store_splice (now, 0, 1, (gpointer *) &edited, 1);
  last = g_list_model_get_item (events, n - 1);
  g_assert_true (dm_document_remove_event (doc, last));
  g_list_store_remove (now, n - 1);
  dm_document_add_event (doc, added);
  g_list_store_append (now, added);
  {
    g_autoptr(DmDocument) third = load_unmerged (gen2);
    g_autoptr(GListStore) theirs = copy_events (dm_document_get_events (third));

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (theirs)); i++)
      {
        g_autoptr(DmEvent) event = g_list_model_get_item (G_LIST_MODEL (theirs), i);

        g_list_store_append (now, event);
      }
    dm_document_merge (doc, third);
  }
  /* undone: the first event back, the last one back in its place */
  g_assert_true (dm_document_replace_event (doc, edited, first));
  g_list_store_splice (now, 0, 1, (gpointer *) &first, 1);
  dm_document_insert_event (doc, n - 1, last);
  g_list_store_insert (now, n - 1, last);
  assert_same_items (events, G_LIST_MODEL (now));
  g_assert_cmpuint (changes->len, ==, 2);
  assert_same_view (shared, copied, doc);
  assert_same_view (of_view, copied, doc);

  /* shown again: the source's events as they are now */
  dm_document_show_events (shared, doc, events);
  dm_document_show_events (copied, doc, G_LIST_MODEL (now));
  g_assert_cmpuint (changes->len, ==, 3);
  c = &g_array_index (changes, Change, 2);
  g_assert_true (c->position == 0 && c->removed == n && c->added == g_list_model_get_n_items (events));
  assert_same_view (shared, copied, doc);
  /* an event the source no longer has is not held by the view either */
  {
    GWeakRef gone;

    g_weak_ref_init (&gone, edited);
    g_clear_object (&edited);
    g_assert_null (g_weak_ref_get (&gone));
    g_weak_ref_clear (&gone);
  }
  delete_temp (gen);
  delete_temp (gen2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/document-store/like-list-store", test_store_like_list_store);
  g_test_add_func ("/model/document/merge-same-as-before", test_merge_same_as_before);
  g_test_add_func ("/model/document/merge-takes-colors", test_merge_takes_colors);
  g_test_add_func ("/model/document/load-lists-events", test_load_lists_events);
  g_test_add_func ("/model/document/show-shares-events", test_show_shares_events);
  return g_test_run ();
}
