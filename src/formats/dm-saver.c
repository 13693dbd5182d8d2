/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "dm-atomic-file.h"
#include "dm-error.h"
#include "dm-saver.h"

/**
 * dm_saver_write_atomically:
 *
 * Writes @data to @file through a temporary file beside it, renamed over it
 * (#DmAtomicFile): whatever fails (a folder that is not writable, a full disk, a size
 * limit, a cancellation), the old file keeps its bytes and no temporary file is left. A
 * symbolic link stays a link and the file it leads to is replaced; the old file's mode is
 * kept. GIO's g_file_replace() is not used: when it cannot create its temporary file it
 * writes the old file in place, and a failure then leaves it truncated.
 * Returns: %FALSE with @error, a GIO error with the system's reason (the caller names the file)
 */
gboolean
dm_saver_write_atomically (GFile         *file,
                          const char    *data,
                          gsize          length,
                          GCancellable  *cancellable,
                          GError       **error)
{
  DmAtomicFile *out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  out = dm_atomic_file_open (file, error);
  if (out == NULL)
    return FALSE;
  if (!dm_atomic_file_write (out, data, length, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      dm_atomic_file_abort (out);
      return FALSE;
    }
  return dm_atomic_file_commit (out, error);
}

/* The .diplomap text of @self written to @file through a #DmAtomicFile a piece at a time
 * (dm_native_write_to()): the old file keeps its bytes on any failure. @for_document: as
 * the table's writer writes it (dm_native_write_document_to()), else with @origin. */
static gboolean
write_native_atomically (DmDocument    *self,
                         GFile         *file,
                         GFile         *origin,
                         gboolean       for_document,
                         GCancellable  *cancellable,
                         GError       **error)
{
  DmAtomicFile *out;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  out = dm_atomic_file_open (file, error);
  if (out == NULL)
    return FALSE;
  ok = for_document ? dm_native_write_document_to (self, out, error)
                    : dm_native_write_to (self, origin, out, error);
  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      dm_atomic_file_abort (out);
      return FALSE;
    }
  return dm_atomic_file_commit (out, error);
}

gboolean
dm_saver_save (DmDocument    *self,
                  GFile         *file,
                  GFile         *origin,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (DM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Written to a temporary file and renamed over the old one: a failed save never
   * leaves a half-written file under the name, nor a temporary file beside it. */
  if (!write_native_atomically (self, file, origin, FALSE, cancellable, &local_error))
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
  gboolean ok;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  format = dm_saver_find_format (file, error);
  if (format == NULL)
    return FALSE;

  /* the .diplomap writer writes a piece at a time: a million events never become one
   * tree nor one string (docs/PERFORMANCE.md); the other writers give their bytes */
  if (format->write == dm_native_write_document)
    ok = write_native_atomically (document, file, NULL, TRUE, NULL, &local_error);
  else
    {
      bytes = format->write (document);
      data = g_bytes_get_data (bytes, &length);
      ok = dm_saver_write_atomically (file, data, length, NULL, &local_error);
    }
  if (!ok)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, DM_ERROR, DM_ERROR_WRITE,
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not save %s: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
