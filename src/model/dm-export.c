/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-document-private.h"
#include "dm-error.h"
#include "dm-export.h"
#include "dm-import-private.h"

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
dm_export_supports (GFile *file)
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
 * dm_document_export_data:
 *
 * Writes every event of @document to @file in the format its extension names
 * (.geojson, .json, .kml, .csv or .diplomap), atomically: a failed write leaves
 * what was there before.
 */
gboolean
dm_document_export_data (DmDocument  *document,
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
    return dm_document_save (document, file, single_native_source (document), NULL, error);

  bytes = writer (document);
  data = g_bytes_get_data (bytes, &length);
  if (!dm_write_file_atomically (file, data, length, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, DM_ERROR, DM_ERROR_WRITE,
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not save %s: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
