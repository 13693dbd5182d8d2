/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "dm-error.h"
#include "dm-folder-private.h"
#include "dm-format.h"
#include "dm-import-private.h"
#include "dm-kml-private.h"

/* KMZ: a zip holding a KML file (doc.kml by convention, else the first .kml), read
 * with libarchive. Problems name the .kmz; their lines are those of the KML in it.
 * Limits (docs/SECURITY.md): no entry path with ".." or starting with "/", at most
 * MAX_ENTRIES entries, a KML of at most DM_LOADER_MAX_FILE_SIZE uncompressed, and past
 * RATIO_FLOOR bytes no more than MAX_RATIO times the size of the whole .kmz. */

#define MAX_ENTRIES 10000
#define MAX_RATIO 100
#define RATIO_FLOOR (10 * 1000 * 1000)


gboolean
dm_kmz_format_sniff (const char *basename,
                     const char *data,
                     gsize       length)
{
  g_autofree char *ext = dm_import_extension (basename);

  return length >= 4 && memcmp (data, "PK\003\004", 4) == 0 &&
         (g_str_equal (ext, "kmz") || g_strstr_len (data, MIN (length, 1024), ".kml") != NULL);
}

static gboolean
unsafe_path (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || path[0] == '/' || path[0] == '\\')
    return path != NULL;
  parts = g_strsplit_set (path, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return TRUE;
  return FALSE;
}

/* Sets @error when @size bytes of @path are more than Diplomap reads from a @length-byte kmz */
static gboolean
check_expansion (const char  *name,
                 const char  *path,
                 gint64       size,
                 gsize        length,
                 GError     **error)
{
  g_autofree char *shown = NULL, *limit = NULL, *packed = NULL;

  if (size <= DM_LOADER_MAX_FILE_SIZE &&
      (size <= RATIO_FLOOR || (guint64) size <= (guint64) length * MAX_RATIO))
    return TRUE;
  shown = g_format_size (size);
  if (size > DM_LOADER_MAX_FILE_SIZE)
    {
      limit = g_format_size (DM_LOADER_MAX_FILE_SIZE);
      g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
                   /* Translators: a file name, a file inside it, its size ("300.0 MB"), then
                    * the largest size Diplomap reads ("256.0 MB") */
                   _("%s: “%s” inside is %s uncompressed, and Diplomap reads files of up to %s"),
                   name, path, shown, limit);
      return FALSE;
    }
  packed = g_format_size (length);
  g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
               /* Translators: a file name, a file inside it, its size ("20.0 MB"), then the
                * size of the whole zip ("20.5 kB"): a "zip bomb" */
               _("%s: “%s” inside expands to at least %s from a %s file, more than a hundred "
                 "times its size; Diplomap does not read it"),
               name, path, shown, packed);
  return FALSE;
}

static gboolean
read_entry (struct archive  *a,
            const char      *name,
            const char      *path,
            gsize            length,
            GByteArray      *out,
            GError         **error)
{
  char buffer[65536];
  la_ssize_t n;

  while ((n = archive_read_data (a, buffer, sizeof buffer)) > 0)
    {
      if (!check_expansion (name, path, (gint64) out->len + n, length, error))
        return FALSE;
      g_byte_array_append (out, (const guint8 *) buffer, n);
    }
  if (n == 0)
    return TRUE;
  g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
               _("%s: the KML inside could not be read: %s"), name,
               archive_error_string (a) ? archive_error_string (a) : _("it is too large"));
  return FALSE;
}

gboolean
dm_kmz_format_load (DmDocument    *doc,
                    GFile         *file,
                    const char    *data,
                    gsize          length,
                    GCancellable  *cancellable,
                    GError       **error)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  g_autoptr(GByteArray) kml = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  gboolean found_doc = FALSE;
  guint entries = 0;
  gboolean ok;
  int r;

  archive_read_support_format_zip (a);
  if (archive_read_open_memory (a, data, length) != ARCHIVE_OK)
    {
      g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
                   /* Translators: a file name, then libarchive's reason */
                   _("%s: not a readable KMZ (zip) file: %s"), name, archive_error_string (a));
      archive_read_free (a);
      return FALSE;
    }
  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *path = archive_entry_pathname (entry);
      g_autofree char *lower = g_ascii_strdown (path ? path : "", -1);

      if (++entries > MAX_ENTRIES)
        {
          g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
                       /* Translators: a file name, then a number (10000) */
                       _("%s: this KMZ holds more than %u files; Diplomap does not read it"),
                       name, (guint) MAX_ENTRIES);
          archive_read_free (a);
          return FALSE;
        }
      if (unsafe_path (path))
        {
          g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
                       /* Translators: a file name, then the path of a file inside it */
                       _("%s: this KMZ holds “%s”, a path outside the archive (“..” or "
                         "starting with “/”); Diplomap does not read it"), name, path);
          archive_read_free (a);
          return FALSE;
        }
      if (!g_str_has_suffix (lower, ".kml"))
        continue;
      /* doc.kml at the top wins over a KML found earlier */
      if (kml != NULL && (found_doc || !g_str_equal (lower, "doc.kml")))
        continue;
      g_clear_pointer (&kml, g_byte_array_unref);
      kml = g_byte_array_new ();
      found_doc = g_str_equal (lower, "doc.kml");
      if ((archive_entry_size_is_set (entry) &&
           !check_expansion (name, path, archive_entry_size (entry), length, error)) ||
          !read_entry (a, name, path, length, kml, error))
        {
          archive_read_free (a);
          return FALSE;
        }
      /* no break at doc.kml: every entry's path is checked and counted */
    }
  if (r != ARCHIVE_OK && r != ARCHIVE_EOF && kml == NULL)
    {
      g_set_error (error, DM_ERROR, DM_ERROR_PARSE, _("%s: not a readable KMZ (zip) file: %s"), name,
                   archive_error_string (a));
      archive_read_free (a);
      return FALSE;
    }
  archive_read_free (a);
  if (kml == NULL)
    {
      g_set_error (error, DM_ERROR, DM_ERROR_PARSE, _("%s: this KMZ holds no .kml file"), name);
      return FALSE;
    }
  ok = dm_kml_load_text (doc, file, (const char *) kml->data, kml->len, cancellable, error);
  return ok;
}
