/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a folder: every file Diplomap can read in it, as one document. */

#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-error.h"
#include "dm-folder-private.h"
#include "dm-format.h"

#define MAX_DEPTH 3

/* Whether @info's file (by device and inode, through links) was met before: a link to
 * a parent folder makes a loop, a link to a file a second copy */
static gboolean
seen_before (GHashTable *seen,
             GFileInfo  *info)
{
  const char *id = g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE);

  if (id == NULL)
    return FALSE;
  return !g_hash_table_add (seen, g_strdup (id));
}

static gboolean
collect_files (GFile         *folder,
               guint          depth,
               GHashTable    *seen,
               GPtrArray     *files,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN ","
                                        G_FILE_ATTRIBUTE_ID_FILE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (children == NULL)
    return FALSE;
  while (TRUE)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;
      if (g_file_info_get_is_hidden (info))
        continue;
      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_REGULAR:
          if (!seen_before (seen, info))
            g_ptr_array_add (files, g_object_ref (child));
          break;
        case G_FILE_TYPE_DIRECTORY:
          if (depth < MAX_DEPTH && !seen_before (seen, info) &&
              !collect_files (child, depth + 1, seen, files, cancellable, error))
            return FALSE;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *x = g_file_get_path (*(GFile * const *) a);
  g_autofree char *y = g_file_get_path (*(GFile * const *) b);

  return g_strcmp0 (x, y);
}

/* A reader's fatal error as a problem of that file, where the error says it happened */
static void
add_failure (DmDocument   *document,
             GFile        *file,
             const GError *error)
{
  g_autoptr(DmProblem) problem = dm_problem_new_for_error (file, error);

  dm_document_add_problem (document, problem);
}

/* Adds what @file holds to @document (counted in @loaded) if it is in a format Diplomap
 * reads; a file that fails is a problem. Returns: FALSE only when cancelled, with @error */
static gboolean
read_file (DmDocument    *document,
           GFile         *file,
           guint         *loaded,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  const DmFormat *format;
  const char *data;
  gsize length;

  if (dm_loader_read_contents (file, &contents, &length, cancellable, &local_error))
    {
      data = contents;
      if (!dm_format_skip_byte_order_mark (file, &data, &length, &local_error))
        goto failed;
      format = dm_format_find_for_data (basename, data, length);
      if (format == NULL)
        return TRUE;   /* README.md, presidents.xml, code tables: not event files */
      dm_document_add_file (document, file);
      if (format->load (document, file, data, length, cancellable, &local_error))
        {
          (*loaded)++;
          return TRUE;
        }
    }
failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  add_failure (document, file, local_error);
  return TRUE;
}

gboolean
dm_folder_load (DmDocument          *document,
                GFile               *folder,
                DmLoadProgressFunc   progress,
                gpointer             progress_data,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GFileInfo) info = g_file_query_info (folder, G_FILE_ATTRIBUTE_ID_FILE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  guint loaded = 0;

  if (info != NULL)
    seen_before (seen, info);
  if (!collect_files (folder, 1, seen, files, cancellable, error))
    return FALSE;
  g_ptr_array_sort (files, compare_paths);

  for (guint i = 0; i < files->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !read_file (document, g_ptr_array_index (files, i), &loaded, cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress ((double) (i + 1) / files->len, progress_data);
    }

  if (loaded == 0 && g_list_model_get_n_items (dm_document_get_problems (document)) == 0)
    {
      g_autofree char *name = g_file_get_parse_name (folder);
      g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
                   _("%s holds no file Diplomap can read"), name);
      return FALSE;
    }
  return TRUE;
}
