/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: one reader (chosen by FUZZ_EXTENSION) on any bytes, then every writer on what
 * it read: a crash, a leak, a critical warning or undefined behaviour is a finding
 * (docs/SECURITY.md). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dm-format.h"
#include "dm-gazetteer.h"

static const char * const written[] = { "x.geojson", "x.kml", "x.csv", "x.diplomap" };

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The gazetteer (27,000 places) loads at its first use: over ten seconds under ASan on a
 * busy machine, which libFuzzer's -timeout took for a hang in the first input. Loaded
 * here, before any input, it is not timed. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_assert (dm_gazetteer_get_default () != NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GFile *file;
  static const DmFormat *format;
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;

  if (format == NULL)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      /* a file in a folder that does not exist: the U.S. record finds no presidents.xml */
      file = g_file_new_for_path ("/nonexistent/fuzz." FUZZ_EXTENSION);
      format = dm_format_find_for_file_name ("fuzz." FUZZ_EXTENSION);
      g_assert (format != NULL);
    }
  /* the loader hands readers a NUL-terminated copy */
  copy = g_malloc (size + 1);
  memcpy (copy, data, size);
  copy[size] = '\0';
  doc = dm_document_new ();
  dm_document_add_file (doc, file);
  if (!format->load (doc, file, copy, size, NULL, &error))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      const DmFormat *out = dm_format_find_for_file_name (written[i]);
      g_autoptr(GBytes) bytes = out->write (doc);

      g_assert (bytes != NULL);
    }
  return 0;
}
