/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-cli-private.h"
#include "dm-document.h"
#include "dm-error.h"
#include "dm-loader.h"
#include "dm-saver.h"

/* diplomap --convert OUT FILE…: reads every FILE (any format Diplomap opens), prints
 * the problems, and writes them all to OUT in the format its extension names. */
int
dm_cli_convert (const char  *output,
                char       **files)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) out = dm_cli_file_for_arg (output);
  g_autoptr(GError) error = NULL;
  GListModel *problems;
  gboolean unreadable = FALSE;

  /* the writers and their extensions come from the table of formats (dm-format.c) */
  if (dm_saver_find_format (out, &error) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = dm_cli_file_for_arg (files[i]);
      g_autoptr(GError) load_error = NULL;

      if (!dm_loader_load_file (doc, file, NULL, &load_error))
        {
          g_autofree char *text = dm_error_to_string (load_error);
          g_printerr ("%s\n", text);
          unreadable = TRUE;
        }
    }
  problems = dm_document_get_problems (doc);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      g_autofree char *text = dm_problem_to_string (p);
      g_printerr ("%s\n", text);
    }
  if (unreadable)
    return 2;
  if (!dm_saver_write (doc, out, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  {
    g_autofree char *name = g_file_get_parse_name (out);
    g_autofree char *events = dm_cli_count_events (g_list_model_get_n_items (dm_document_get_events (doc)));
    g_autofree char *legs = dm_cli_count_legs (dm_document_get_n_legs (doc));

    /* Translators: a summary of --convert: the output file, then "3 events", "2 legs" */
    g_print (_("%s written: %s, %s\n"), name, events, legs);
  }
  return g_list_model_get_n_items (problems) > 0 ? 1 : 0;
}
