/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include "dm-error.h"
#include "dm-problem.h"

struct _DmProblem
{
  GObject  parent_instance;
  GFile   *file;
  guint    line;
  guint    column;
  char    *message;
};

G_DEFINE_FINAL_TYPE (DmProblem, dm_problem, G_TYPE_OBJECT)

static void
dm_problem_finalize (GObject *object)
{
  DmProblem *self = DM_PROBLEM (object);

  g_clear_object (&self->file);
  g_free (self->message);

  G_OBJECT_CLASS (dm_problem_parent_class)->finalize (object);
}

static void
dm_problem_class_init (DmProblemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dm_problem_finalize;
}

static void
dm_problem_init (DmProblem *self)
{
}

/* The most characters a message keeps: a value of 10 MB quoted in it is cut in the middle */
#define MAX_MESSAGE_CHARS 500

/* @message as valid UTF-8 (a reader may quote bytes that are not) and at most
 * MAX_MESSAGE_CHARS long: its start and its end (often the reason) around a "…" */
static char *
tidy_message (const char *message)
{
  g_autofree char *valid = NULL;
  gsize bytes = message != NULL ? strlen (message) : 0;
  const char *cut, *resume;
  glong n;

  /* most messages: short, and valid already (no character has fewer bytes than one) */
  if (message != NULL && bytes <= MAX_MESSAGE_CHARS &&
      g_utf8_validate_len (message, bytes, NULL))
    return g_strndup (message, bytes);
  valid = message ? g_utf8_make_valid (message, -1) : NULL;
  n = valid ? g_utf8_strlen (valid, -1) : 0;
  if (n <= MAX_MESSAGE_CHARS)
    return g_steal_pointer (&valid);
  cut = g_utf8_offset_to_pointer (valid, MAX_MESSAGE_CHARS - 150 - 1);
  resume = g_utf8_offset_to_pointer (valid, n - 150);
  return g_strdup_printf ("%.*s…%s", (int) (cut - valid), valid, resume);
}

DmProblem *
dm_problem_new (GFile      *file,
                guint       line,
                guint       column,
                const char *message)
{
  DmProblem *self = g_object_new (DM_TYPE_PROBLEM, NULL);

  self->file = file ? g_object_ref (file) : NULL;
  self->line = line;
  self->column = column;
  self->message = tidy_message (message);
  return self;
}

DmProblem *
dm_problem_new_printf (GFile      *file,
                       guint       line,
                       guint       column,
                       const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return dm_problem_new (file, line, column, message);
}

DmProblem *
dm_problem_new_for_error (GFile        *file,
                          const GError *error)
{
  GFile *at;

  g_return_val_if_fail (error != NULL, NULL);

  at = dm_error_get_file (error);
  return dm_problem_new (at ? at : file, dm_error_get_line (error), dm_error_get_column (error),
                         error->message);
}

GFile *dm_problem_get_file (DmProblem *self) { return self->file; }
guint dm_problem_get_line (DmProblem *self) { return self->line; }
guint dm_problem_get_column (DmProblem *self) { return self->column; }
const char *dm_problem_get_message (DmProblem *self) { return self->message; }

/* The file as a person would name it: a path when local, else the URI */
char *
dm_problem_dup_display_path (DmProblem *self)
{
  char *path;

  if (self->file == NULL)
    return g_strdup ("-");
  path = g_file_get_path (self->file);
  return path ? path : g_file_get_uri (self->file);
}

char *
dm_problem_to_string (DmProblem *self)
{
  g_autofree char *path = dm_problem_dup_display_path (self);

  if (self->line > 0)
    return g_strdup_printf ("%s:%u:%u: %s", path, self->line, self->column, self->message);
  return g_strdup_printf ("%s: %s", path, self->message);
}
