/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "dm-error.h"
#include "dm-file-info.h"
#include "dm-native-format-private.h"
#include "dm-import-private.h"
#include "dm-saver.h"

/* The file that @file's symbolic links lead to, or @file itself: GIO writes through a
 * link in place, which a failed write would leave half-written. */
static GFile *
resolve_links (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *real = path != NULL ? realpath (path, NULL) : NULL;

  return real != NULL ? g_file_new_for_path (real) : g_object_ref (file);
}

/**
 * dm_saver_write_atomically:
 *
 * Writes @data to @file through a temporary file renamed over it: whatever fails (a full
 * disk, a size limit, a cancellation), the old file keeps its bytes and no temporary file
 * is left. GIO's replace keeps the old file's mode and owner; a symbolic link stays a
 * link and the file it points to is replaced. GLib 2.74's g_file_replace_contents() is not
 * enough: when a write fails it still renames the half-written temporary file over the
 * old one; closing the stream with a cancelled #GCancellable drops the temporary file.
 * Returns: %FALSE with @error, GIO's (the caller names the file)
 */
gboolean
dm_saver_write_atomically (GFile         *file,
                          const char    *data,
                          gsize          length,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFile) target = resolve_links (file);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;

  stream = g_file_replace (target, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL, cancellable,
                                 error))
    return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);

  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  return FALSE;
}

gboolean
dm_saver_save (DmDocument    *self,
                  GFile         *file,
                  GFile         *origin,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = dm_native_write (self, origin);
  data = g_bytes_get_data (bytes, &length);

  /* Written to a temporary file and renamed over the old one: a failed save never
   * leaves a half-written file under the name, nor a temporary file beside it. */
  if (!dm_saver_write_atomically (file, data, length, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, DM_ERROR, DM_ERROR_WRITE,
                     /* Translators: %s is a file name, then the system's reason */
                     _("Could not save %s: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef GBytes *(*Writer) (DmDocument *document);

static const struct
{
  const char *extension;
  Writer      write;
} writers[] = {
  { "geojson", dm_geojson_write },
  { "json", dm_geojson_write },
  { "csv", dm_csv_write },
  { "kml", dm_kml_write },
};

static gboolean
find_writer (GFile    *file,
             Writer   *writer,
             gboolean *native)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *ext = dm_import_extension (basename);

  *writer = NULL;
  *native = g_str_equal (ext, "diplomap");
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    if (g_str_equal (ext, writers[i].extension))
      *writer = writers[i].write;
  return *native || *writer != NULL;
}

gboolean
dm_saver_supports (GFile *file)
{
  Writer writer;
  gboolean native;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return find_writer (file, &writer, &native);
}

/* The one .diplomap file @document was read from, or NULL: written as its origin, what
 * that file had besides its events (unknown members, entries that did not load, its
 * version) survives a conversion. */
static GFile *
single_native_source (DmDocument *document)
{
  GPtrArray *files = dm_document_get_files (document);
  DmFileInfo *info;

  if (files->len != 1)
    return NULL;
  info = dm_document_get_file_info (document, g_ptr_array_index (files, 0), FALSE);
  return info != NULL && info->version > 0 ? g_ptr_array_index (files, 0) : NULL;
}

/**
 * dm_saver_write:
 *
 * Writes every event of @document to @file in the format its extension names
 * (.geojson, .json, .kml, .csv or .diplomap), atomically: a failed write leaves
 * what was there before.
 */
gboolean
dm_saver_write (DmDocument  *document,
                         GFile       *file,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  Writer writer;
  gboolean native;
  gsize length;
  const char *data;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!find_writer (file, &writer, &native))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
                   /* Translators: %s is a file name */
                   _("Cannot write %s: name it .geojson, .kml, .csv or .diplomap"), name);
      return FALSE;
    }
  if (native)
    return dm_saver_save (document, file, single_native_source (document), NULL, error);

  bytes = writer (document);
  data = g_bytes_get_data (bytes, &length);
  if (!dm_saver_write_atomically (file, data, length, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, DM_ERROR, DM_ERROR_WRITE,
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not save %s: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
