/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "dm-error.h"
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

/**
 * dm_saver_find_format:
 *
 * The format with a writer whose extensions hold @file's, from the table of formats.
 * Returns: (nullable): the format, or NULL with a %DM_ERROR_UNSUPPORTED error that names
 * the extensions written
 */
const DmFormat *
dm_saver_find_format (GFile   *file,
                      GError **error)
{
  g_autofree char *basename = NULL;
  const DmFormat *format;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  format = dm_format_find_for_file_name (basename);
  if (format == NULL || format->write == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *extensions = dm_format_dup_writable_extensions ();

      g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
                   /* Translators: a file name, then the extensions Diplomap writes:
                    * ".geojson, .kml, .csv or .diplomap" */
                   _("Cannot write %s: name it %s"), name, extensions);
      return NULL;
    }
  return format;
}

gboolean
dm_saver_supports (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return dm_saver_find_format (file, NULL) != NULL;
}

/**
 * dm_saver_write:
 *
 * Writes every event of @document to @file in the format its extension names (a format of
 * the table with a writer: .geojson, .json, .kml, .csv or .diplomap), atomically: a failed
 * write leaves what was there before.
 */
gboolean
dm_saver_write (DmDocument  *document,
                GFile       *file,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const DmFormat *format;
  gsize length;
  const char *data;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  format = dm_saver_find_format (file, error);
  if (format == NULL)
    return FALSE;

  bytes = format->write (document);
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
