/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "dm-error.h"
#include "dm-format.h"
#include "dm-import-private.h"
#include "dm-kml-private.h"

/* KMZ: a zip holding a KML file (doc.kml by convention, else the first .kml), read
 * with libarchive. Problems name the .kmz; their lines are those of the KML in it. */

#define MAX_KML_SIZE (256 * 1024 * 1024)


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
read_entry (struct archive  *a,
            gint64           size,
            GByteArray      *out)
{
  char buffer[65536];
  la_ssize_t n;

  while ((n = archive_read_data (a, buffer, sizeof buffer)) > 0)
    {
      if (out->len + (guint) n > MAX_KML_SIZE)
        return FALSE;
      g_byte_array_append (out, (const guint8 *) buffer, n);
    }
  return n == 0;
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

      if (!g_str_has_suffix (lower, ".kml"))
        continue;
      /* doc.kml at the top wins over a KML found earlier */
      if (kml != NULL && (found_doc || !g_str_equal (lower, "doc.kml")))
        continue;
      g_clear_pointer (&kml, g_byte_array_unref);
      kml = g_byte_array_new ();
      found_doc = g_str_equal (lower, "doc.kml");
      if (!read_entry (a, archive_entry_size (entry), kml))
        {
          g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
                       _("%s: the KML inside could not be read: %s"), name,
                       archive_error_string (a) ? archive_error_string (a) : _("it is too large"));
          archive_read_free (a);
          return FALSE;
        }
      if (found_doc)
        break;
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
