/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "dm-cli.h"
#include "dm-cli-figure.h"
#include "dm-cli-private.h"
#include "dm-document.h"
#include "dm-error.h"
#include "dm-format.h"
#include "dm-loader.h"
#include "dm-json-builder.h"

/* The headless command line. It links only the layers without GTK, so it runs with
 * no display at all. */

typedef struct
{
  char  *path;
  guint  events;
  guint  legs;
  guint  problems;
  char  *error;    /* why it could not be read at all: "PATH:LINE:COLUMN: reason" */
  char  *reason;   /* the reason alone */
  guint  line;     /* where, as the error's data; 0 when not known */
  guint  column;
} FileReport;

static void
file_report_free (gpointer data)
{
  FileReport *r = data;

  g_free (r->path);
  g_free (r->error);
  g_free (r->reason);
  g_free (r);
}

GFile *
dm_cli_file_for_arg (const char *arg)
{
  g_autofree char *scheme = g_uri_parse_scheme (arg);

  if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") == 0)
    return g_file_new_for_uri (arg);
  return g_file_new_for_path (arg);
}

char *
dm_cli_dup_commands_summary (void)
{
  g_autofree char *extensions = dm_format_dup_writable_extensions ();
  /* Translators: --help, one line per command; keep the option names. %s lists the
   * extensions written: ".geojson, .kml, .csv or .diplomap" */
  g_autofree char *convert = g_strdup_printf (_("  --convert OUT FILE…     write the events to OUT (%s)"),
                                              extensions);

  return g_strjoin ("\n",
                    _("Opens the files in a window. Commands that need no display:"),
                    /* Translators: --help, one line per command; keep the option names */
                    _("  --check [--json] FILE…  print what the files hold and every problem"),
                    _("  --where [--json] --at TIME FILE…  where each actor is at TIME"),
                    _("  --export OUT FILE…      write a figure (.png, .svg or .pdf); "
                      "“diplomap --export OUT --help” lists its options"),
                    convert,
                    NULL);
}

char *
dm_cli_count_events (guint n)
{
  return g_strdup_printf (ngettext ("%u event", "%u events", n), n);
}

char *
dm_cli_count_legs (guint n)
{
  return g_strdup_printf (ngettext ("%u leg", "%u legs", n), n);
}

static guint
count_places (DmDocument *doc)
{
  GListModel *places = dm_document_get_places (doc);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DmPlace) p = g_list_model_get_item (places, i);
      g_hash_table_add (seen, g_strdup_printf ("%s|%s|%.3f|%.3f", dm_place_get_name (p),
                                               dm_place_get_country (p) ? dm_place_get_country (p) : "",
                                               dm_place_get_latitude (p), dm_place_get_longitude (p)));
    }
  return g_hash_table_size (seen);
}

/* The places a reader left a note on (how a misspelt name was matched: "Matched
 * “Brusssels” to Brussels, Belgium"), each note once; element type DmPlace */
static GPtrArray *
places_with_notes (DmDocument *doc)
{
  GListModel *places = dm_document_get_places (doc);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *noted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DmPlace) p = g_list_model_get_item (places, i);
      const char *note = dm_place_get_note (p);

      if (note != NULL && g_hash_table_add (seen, (gpointer) note))
        g_ptr_array_add (noted, g_object_ref (p));
    }
  return noted;
}

/* {"file", "line", "column", "message"}, and "fatal": true for a file not read at all */
static void
add_problem_json (JsonBuilder *b,
                  const char  *path,
                  guint        line,
                  guint        column,
                  const char  *message,
                  gboolean     fatal)
{
  json_builder_begin_object (b);
  dm_json_builder_add_string (b, "file", path);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, line);
  json_builder_set_member_name (b, "column");
  json_builder_add_int_value (b, column);
  dm_json_builder_add_string (b, "message", message);
  if (fatal)
    {
      json_builder_set_member_name (b, "fatal");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_end_object (b);
}

static void
print_json (DmDocument *doc,
            GPtrArray  *reports)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GBytes) text = NULL;
  GListModel *events = dm_document_get_events (doc);
  GListModel *problems = dm_document_get_problems (doc);
  guint by_kind[4] = { 0 };
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      by_kind[dm_event_get_kind (e)]++;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, g_list_model_get_n_items (events));
  json_builder_set_member_name (b, "legs");
  json_builder_add_int_value (b, dm_document_get_n_legs (doc));
  json_builder_set_member_name (b, "actors");
  json_builder_add_int_value (b, g_list_model_get_n_items (dm_document_get_actors (doc)));
  json_builder_set_member_name (b, "places");
  json_builder_add_int_value (b, count_places (doc));
  json_builder_set_member_name (b, "by_type");
  json_builder_begin_object (b);
  for (DmEventKind k = DM_EVENT_KIND_TRIP; k <= DM_EVENT_KIND_MEETING; k++)
    {
      json_builder_set_member_name (b, dm_event_kind_to_string (k));
      json_builder_add_int_value (b, by_kind[k]);
    }
  json_builder_end_object (b);
  if (dm_document_dup_dates (doc, &start, &end))
    {
      json_builder_set_member_name (b, "start");
      json_builder_add_string_value (b, start);
      json_builder_set_member_name (b, "end");
      json_builder_add_string_value (b, end);
    }
  else
    {
      json_builder_set_member_name (b, "start");
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "end");
      json_builder_add_null_value (b);
    }

  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < reports->len; i++)
    {
      FileReport *r = g_ptr_array_index (reports, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, r->path);
      json_builder_set_member_name (b, "loaded");
      json_builder_add_boolean_value (b, r->error == NULL);
      json_builder_set_member_name (b, "events");
      json_builder_add_int_value (b, r->events);
      json_builder_set_member_name (b, "legs");
      json_builder_add_int_value (b, r->legs);
      json_builder_set_member_name (b, "problems");
      json_builder_add_int_value (b, r->problems);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < reports->len; i++)
    {
      FileReport *r = g_ptr_array_index (reports, i);
      if (r->error == NULL)
        continue;
      add_problem_json (b, r->path, r->line, r->column, r->reason, TRUE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      g_autofree char *path = dm_problem_dup_display_path (p);
      add_problem_json (b, path, dm_problem_get_line (p), dm_problem_get_column (p),
                        dm_problem_get_message (p), FALSE);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  {
    g_autoptr(GPtrArray) noted = places_with_notes (doc);

    for (guint i = 0; i < noted->len; i++)
      {
        DmPlace *p = g_ptr_array_index (noted, i);
        json_builder_begin_object (b);
        dm_json_builder_add_string (b, "place", dm_place_get_name (p));
        dm_json_builder_add_string (b, "country", dm_place_get_country (p));
        dm_json_builder_add_string (b, "note", dm_place_get_note (p));
        json_builder_end_object (b);
      }
  }
  json_builder_end_array (b);
  json_builder_end_object (b);

  text = dm_json_builder_to_bytes (b);
  fwrite (g_bytes_get_data (text, NULL), 1, g_bytes_get_size (text), stdout);
}

static void
print_text (DmDocument *doc,
            GPtrArray  *reports)
{
  GListModel *problems = dm_document_get_problems (doc);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  for (guint i = 0; i < reports->len; i++)
    {
      FileReport *r = g_ptr_array_index (reports, i);

      if (r->error != NULL)
        g_printerr ("%s\n", r->error);
      else
        {
          g_autofree char *events = dm_cli_count_events (r->events);
          g_autofree char *legs = dm_cli_count_legs (r->legs);
          g_autofree char *problems_text =
            g_strdup_printf (ngettext ("%u problem", "%u problems", r->problems), r->problems);

          /* Translators: a summary line of --check for one file, then "3 events", "2 legs", "1 problem" */
          g_print (_("%s: %s, %s, %s\n"), r->path, events, legs, problems_text);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      g_autofree char *text = dm_problem_to_string (p);
      g_print ("%s\n", text);
    }
  {
    g_autoptr(GPtrArray) noted = places_with_notes (doc);

    for (guint i = 0; i < noted->len; i++)
      /* Translators: how a place name of a file was understood, e.g. "Matched “Brusssels” to
       * Brussels, Belgium" */
      g_print (_("Note: %s\n"), dm_place_get_note (g_ptr_array_index (noted, i)));
  }
  {
    guint n_actors = g_list_model_get_n_items (dm_document_get_actors (doc));
    guint n_places = count_places (doc);
    g_autofree char *events = dm_cli_count_events (g_list_model_get_n_items (dm_document_get_events (doc)));
    g_autofree char *legs = dm_cli_count_legs (dm_document_get_n_legs (doc));
    g_autofree char *actors = g_strdup_printf (ngettext ("%u actor", "%u actors", n_actors), n_actors);
    g_autofree char *places = g_strdup_printf (ngettext ("%u place", "%u places", n_places), n_places);

    /* Translators: the counts of all files: "12 events", "8 legs", "2 actors", "9 places" */
    g_print (_("Total: %s, %s, %s, %s\n"), events, legs, actors, places);
  }
  if (dm_document_dup_dates (doc, &start, &end))
    g_print (_("From %s to %s\n"), start, end);
}

static int
run_check (char     **files,
           gboolean   json)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (file_report_free);
  gboolean unreadable = FALSE;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = dm_cli_file_for_arg (files[i]);
      g_autoptr(DmDocument) one = dm_document_new ();
      g_autoptr(GError) error = NULL;
      FileReport *r = g_new0 (FileReport, 1);

      r->path = g_file_get_parse_name (file);
      g_ptr_array_add (reports, r);
      if (!dm_loader_load_file (one, file, NULL, &error))
        {
          r->error = dm_error_to_string (error);
          r->reason = g_strdup (error->message);
          r->line = dm_error_get_line (error);
          r->column = dm_error_get_column (error);
          /* the error is the file's one problem */
          r->problems = 1;
          unreadable = TRUE;
          continue;
        }
      r->events = g_list_model_get_n_items (dm_document_get_events (one));
      r->legs = dm_document_get_n_legs (one);
      r->problems = g_list_model_get_n_items (dm_document_get_problems (one));
      dm_document_merge (doc, one);
    }

  if (json)
    print_json (doc, reports);
  else
    print_text (doc, reports);

  if (unreadable)
    return 2;
  return g_list_model_get_n_items (dm_document_get_problems (doc)) > 0 ? 1 : 0;
}

gboolean
dm_cli_run (int    argc,
            char **argv,
            int   *exit_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *convert = NULL;
  g_autofree char *at = NULL;
  gboolean check = FALSE, json = FALSE, where = FALSE;
  g_autofree char *extensions = dm_format_dup_writable_extensions ();
  /* Translators: %s lists the extensions written: ".geojson, .kml, .csv or .diplomap" */
  g_autofree char *convert_help = g_strdup_printf (_("Read the files and write them all to OUT (%s), and exit"),
                                                   extensions);
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Load the files, print what they hold and every problem, and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("With --check or --where: print JSON"), NULL },
    { "where", 0, 0, G_OPTION_ARG_NONE, &where,
      N_("Print where each actor is at the time --at gives, as the map draws it, and exit"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("With --where: the moment, ISO 8601 (2025-10-29T12:00Z)"), N_("TIME") },
    { "convert", 0, 0, G_OPTION_ARG_FILENAME, &convert,
      convert_help,
      N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  gboolean headless = FALSE;

  if (dm_cli_figure_wanted (argc, argv))
    {
      *exit_status = dm_cli_figure_run (argc, argv);
      return TRUE;
    }
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--check") || g_str_has_prefix (argv[i], "--convert") ||
        g_str_equal (argv[i], "--where"))
      headless = TRUE;
  if (!headless)
    return FALSE;

  /* the remaining files' "FILE…" ends the usage line; the summary says what this does */
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Check or convert diplomatic event files."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      *exit_status = 2;
      return TRUE;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s\n", convert ? _("No file given: diplomap --convert OUT FILE…")
                         : where ? _("No file given: diplomap --where --at TIME FILE…")
                                 : _("No file given: diplomap --check FILE…"));
      *exit_status = 2;
      return TRUE;
    }
  if (convert != NULL)
    *exit_status = dm_cli_convert (convert, files);
  else if (where)
    *exit_status = dm_cli_where (at, json, files);
  else
    *exit_status = run_check (files, json);
  return TRUE;
}
