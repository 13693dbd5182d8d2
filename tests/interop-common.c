/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dm-loader.h"
#include "interop-common.h"

GFile *
interop_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "interop", name, NULL);
  return g_file_new_for_path (path);
}

GFile *
interop_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "october-2025.diplomap", NULL);
  return g_file_new_for_path (path);
}

DmDocument *
interop_load (GFile *file)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = dm_loader_load_file (doc, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return g_steal_pointer (&doc);
}

DmDocument *
interop_load_sample (void)
{
  g_autoptr(GFile) file = interop_sample ();

  return interop_load (file);
}

guint
interop_line_of (GFile      *file,
                 const char *needle)
{
  guint line, column;

  interop_position_of (file, needle, &line, &column);
  return line;
}

void
interop_end_of (GFile *file,
                guint *line,
                guint *column)
{
  g_autofree char *contents = NULL;
  const char *last;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  *line = 1;
  for (const char *p = contents; *p != '\0'; p++)
    *line += *p == '\n';
  last = strrchr (contents, '\n');
  *column = g_utf8_strlen (last ? last + 1 : contents, -1) + 1;
}

void
interop_position_of (GFile      *file,
                     const char *needle,
                     guint      *line,
                     guint      *column)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &data, NULL, NULL, NULL));
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *at = strstr (lines[i], needle);
      if (at != NULL)
        {
          *line = i + 1;
          *column = g_utf8_strlen (lines[i], at - lines[i]) + 1;
          return;
        }
    }
  g_error ("“%s” is not in the file", needle);
}

DmEvent *
interop_find_event (DmDocument *doc,
                    const char *id_or_title)
{
  GListModel *events = dm_document_get_events (doc);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      g_autofree char *title = dm_event_dup_display_title (e);

      if (g_strcmp0 (dm_event_get_id (e), id_or_title) == 0 || g_strcmp0 (title, id_or_title) == 0)
        return e;
    }
  return NULL;
}

DmProblem *
interop_find_problem (DmDocument *doc,
                      const char *needle)
{
  return interop_find_problem_at (doc, needle, 0);
}

DmProblem *
interop_find_problem_at (DmDocument *doc,
                         const char *needle,
                         guint       line)
{
  GListModel *problems = dm_document_get_problems (doc);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      if (strstr (dm_problem_get_message (p), needle) != NULL &&
          (line == 0 || dm_problem_get_line (p) == line))
        return p;
    }
  return NULL;
}

static void
describe_place (GString    *s,
                const char *what,
                DmPlace    *place)
{
  if (place == NULL)
    {
      g_string_append_printf (s, "%s: none\n", what);
      return;
    }
  g_string_append_printf (s, "%s: %s | %s | %.4f | %.4f | %s\n", what, dm_place_get_name (place),
                          dm_place_get_country (place), dm_place_get_latitude (place),
                          dm_place_get_longitude (place), dm_place_get_timezone (place));
}

static void
describe_time (GString      *s,
               const char   *what,
               const DmTime *time,
               DmPlace      *place)
{
  g_autofree char *iso = dm_time_to_iso (time, place ? dm_place_get_zone (place) : NULL);
  g_string_append_printf (s, "%s: %s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]\n", what,
                          iso ? iso : "unknown", time->earliest, time->latest);
}

char *
interop_describe (DmEvent *event)
{
  GString *s = g_string_new (NULL);
  DmActor *actor = dm_event_get_actor (event);
  GPtrArray *parts = dm_event_get_participants (event);
  GPtrArray *legs = dm_event_get_legs (event);
  GPtrArray *sources = dm_event_get_sources (event);
  g_autofree char *invited = NULL;
  g_autofree char *tags = NULL;

  g_string_append_printf (s, "id: %s\nkind: %s\ntitle: %s\nstatus: %s\n", dm_event_get_id (event),
                          dm_event_kind_to_string (dm_event_get_kind (event)), dm_event_get_title (event),
                          dm_status_to_string (dm_event_get_status (event)));
  if (actor != NULL)
    g_string_append_printf (s, "actor: %s (%s, %s, %s)\n", dm_actor_get_id (actor), dm_actor_get_name (actor),
                            dm_actor_get_role (actor), dm_actor_get_country (actor));
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (s, "participant: %s\n", dm_actor_get_id (g_ptr_array_index (parts, i)));
  describe_place (s, "place", dm_event_get_place (event));
  describe_time (s, "start", dm_event_get_start (event), dm_event_get_place (event));
  describe_time (s, "end", dm_event_get_end (event), dm_event_get_place (event));
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      describe_place (s, "leg from", leg->from);
      describe_place (s, "leg to", leg->to);
      describe_time (s, "leg depart", &leg->depart, leg->from);
      describe_time (s, "leg arrive", &leg->arrive, leg->to);
    }
  invited = dm_event_get_invited_by (event) ? g_strjoinv (",", (GStrv) dm_event_get_invited_by (event)) : NULL;
  tags = dm_event_get_tags (event) ? g_strjoinv (",", (GStrv) dm_event_get_tags (event)) : NULL;
  g_string_append_printf (s, "host: %s\ninvited: %s\ntags: %s\nnotes: %s\n", dm_event_get_host (event),
                          invited, tags, dm_event_get_notes (event));
  for (guint i = 0; i < sources->len; i++)
    {
      DmSource *src = g_ptr_array_index (sources, i);
      g_string_append_printf (s, "source: %s | %s | %s | %s\n", src->title, src->publisher, src->date, src->url);
    }
  return g_string_free (s, FALSE);
}

void
interop_assert_same_events (DmDocument *expected,
                            DmDocument *actual,
                            char     *(*describe) (DmEvent *event))
{
  GListModel *a = dm_document_get_events (expected), *b = dm_document_get_events (actual);

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (actual)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (b), ==, g_list_model_get_n_items (a));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(DmEvent) ea = g_list_model_get_item (a, i);
      g_autoptr(DmEvent) eb = g_list_model_get_item (b, i);
      g_autofree char *da = describe ? describe (ea) : interop_describe (ea);
      g_autofree char *db = describe ? describe (eb) : interop_describe (eb);

      g_assert_cmpstr (db, ==, da);
    }
}

GFile *
interop_write_temp (GBytes     *bytes,
                    const char *basename)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("diplomap-interop-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, basename, NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}
