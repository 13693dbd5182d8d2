/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dm-csv-private.h"
#include "dm-error.h"

/* RFC 4180: fields separated by a delimiter, rows by CRLF or LF, a field in double
 * quotes may hold delimiters, line breaks and "" for a quote. Lenient where
 * spreadsheets are: a quote inside an unquoted field is kept as it is. */

static void
field_free (gpointer data)
{
  DmCsvField *f = data;

  g_free (f->text);
  g_free (f);
}

char
dm_csv_sniff_delimiter (const char *data,
                        gsize       length)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == candidates[k])
            counts[k]++;
    }
  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

void
dm_csv_reader_init (DmCsvReader *self,
                    const char  *data,
                    gsize        length,
                    char         delimiter)
{
  self->data = self->p = data;
  self->end = data + length;
  self->line = 1;
  self->column = 1;
  self->delimiter = delimiter ? delimiter : dm_csv_sniff_delimiter (data, length);
}

/* Moves over one character (a whole UTF-8 sequence), counting lines and columns */
static void
advance (DmCsvReader *self)
{
  if (*self->p == '\n')
    {
      self->line++;
      self->column = 1;
      self->p++;
      return;
    }
  if (*self->p == '\r')
    {
      self->p++;
      if (self->p < self->end && *self->p == '\n')
        self->p++;
      self->line++;
      self->column = 1;
      return;
    }
  {
    const char *next = g_utf8_find_next_char (self->p, self->end);
    self->p = next ? next : self->end;
    self->column++;
  }
}

static gboolean
at_row_end (DmCsvReader *self)
{
  return self->p >= self->end || *self->p == '\n' || *self->p == '\r';
}

GPtrArray *
dm_csv_reader_next (DmCsvReader *self,
                    guint       *error_line,
                    guint       *error_column,
                    GError     **error)
{
  g_autoptr(GPtrArray) row = NULL;

  if (self->p >= self->end)
    return NULL;
  row = g_ptr_array_new_with_free_func (field_free);
  for (;;)
    {
      DmCsvField *field = g_new0 (DmCsvField, 1);
      GString *text = g_string_new (NULL);

      field->line = self->line;
      field->column = self->column;
      g_ptr_array_add (row, field);

      if (self->p < self->end && *self->p == '"')
        {
          advance (self);
          for (;;)
            {
              const char *start = self->p;

              if (self->p >= self->end)
                {
                  *error_line = field->line;
                  *error_column = field->column;
                  g_string_free (text, TRUE);
                  field->text = NULL;
                  g_set_error (error, DM_ERROR, DM_ERROR_PARSE,
                               _("a quoted field starts here but never ends (a \" is missing)"));
                  return NULL;
                }
              if (*self->p == '"')
                {
                  if (self->p + 1 < self->end && self->p[1] == '"')
                    {
                      g_string_append_c (text, '"');
                      self->p += 2;
                      self->column += 2;
                      continue;
                    }
                  advance (self);
                  break;
                }
              advance (self);
              g_string_append_len (text, start, self->p - start);
            }
        }
      /* what is left up to the delimiter: the field, or (leniently) after its quotes */
      while (!at_row_end (self) && *self->p != self->delimiter)
        {
          const char *start = self->p;
          advance (self);
          g_string_append_len (text, start, self->p - start);
        }
      field->text = g_string_free (text, FALSE);
      if (!g_utf8_validate (field->text, -1, NULL))
        {
          char *valid = g_utf8_make_valid (field->text, -1);
          g_free (field->text);
          field->text = valid;
        }
      if (self->p < self->end && *self->p == self->delimiter)
        {
          advance (self);
          continue;
        }
      if (self->p < self->end)
        advance (self);
      return g_steal_pointer (&row);
    }
}

void
dm_csv_append_field (GString    *out,
                     const char *text,
                     char        delimiter)
{
  if (text == NULL)
    return;
  if (strchr (text, delimiter) == NULL && strpbrk (text, "\"\r\n") == NULL &&
      (*text == '\0' || (!g_ascii_isspace (text[0]) && !g_ascii_isspace (text[strlen (text) - 1]))))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
