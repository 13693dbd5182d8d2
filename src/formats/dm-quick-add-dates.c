/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-formats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm-quick-add-private.h"

/* Quick add's dates (docs/EDITING.md, "Quick add"): the words of a date and what they say */

/* A day, month and year as written; 0: not given */
typedef struct
{
  int day;
  int month;
  int year;
} Date;

static int
month_of (const char *word)
{
  return dm_quick_add_month_of (word);
}

static gboolean
is_number (const char *word)
{
  if (*word == '\0')
    return FALSE;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Splits into words, with "-" and "~" words of their own; commas are spaces */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);
  g_autofree char *copy = g_strdup (text);

  /* an en dash is a dash */
  for (char *p; (p = strstr (copy, "–")) != NULL;)
    memcpy (p, "  -", 3);
  for (const char *p = copy;; p++)
    {
      gboolean sep = *p == '\0' || *p == ' ' || *p == ',' || *p == '-' || *p == '~';

      if (sep && word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (*p == '-' || *p == '~')
        g_ptr_array_add (words, g_strndup (p, 1));
      else if (!sep)
        g_string_append_c (word, *p);
      if (*p == '\0')
        break;
    }
  g_string_free (word, TRUE);
  return words;
}

/* A number with the mark the user's language writes after a year, a month or a day
 * (Korean "2025년", "10월", "31일"): 1 for a year, 2 a month, 3 a day; 0 for another word */
static int
marked_number (const char *word,
               int        *value)
{
  /* Translators: quick add: the marks written right after the number of a year, of a
   * month and of a day in your language's dates, in this order, separated by “|” (Korean
   * “년|월|일” for “2025년 10월 31일”); keep them empty, “||”, where none are written */
  g_auto(GStrv) marks = g_strsplit (C_("quick add", "||"), "|", 3);

  for (guint unit = 0; unit < 3 && marks[unit] != NULL; unit++)
    {
      gsize len = strlen (word), mark = strlen (marks[unit]);
      g_autofree char *number = NULL;

      if (mark == 0 || len <= mark || !g_str_has_suffix (word, marks[unit]))
        continue;
      number = g_strndup (word, len - mark);
      if (!is_number (number))
        continue;
      *value = atoi (number);
      return unit + 1;
    }
  return 0;
}

static gboolean
is_date_word (const char *word)
{
  int value;

  return is_number (word) || month_of (word) > 0 || marked_number (word, &value) > 0 ||
         g_str_equal (word, "-") || g_str_equal (word, "~");
}

static gboolean
make_time (const Date *d,
           gboolean    approximate,
           GTimeZone  *zone,
           DmTime     *out)
{
  g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d%s", d->year, d->month, d->day,
                                          approximate ? "~" : "");
  return dm_time_parse (iso, zone, out, NULL);
}

/* "2025-10-26", "26 Oct 2025", "26 October", "Oct 26", "~28 Oct", "29-30 Oct 2025",
 * "31 Oct - 1 Nov 2025"; the end is unknown for a single day */
gboolean
dm_quick_add_parse_dates (const char *text,
                          int         year,
                          GTimeZone  *zone,
                          DmTime     *start,
                          DmTime     *end)
{
  g_autoptr(GPtrArray) words = NULL;
  Date d[2] = { { 0 } };
  guint part = 0;
  int value, unit;
  gboolean approximate = FALSE;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  int y, m, dd;

  *start = DM_TIME_UNKNOWN;
  *end = DM_TIME_UNKNOWN;
  if (sscanf (stripped, "%4d-%2d-%2d", &y, &m, &dd) == 3 && strlen (stripped) == 10)
    return dm_time_parse (stripped, zone, start, NULL);
  words = split_words (stripped);
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);

      if (g_str_equal (w, "~"))
        approximate = TRUE;
      else if (g_str_equal (w, "-"))
        {
          if (part == 1)
            return FALSE;
          part = 1;
        }
      else if ((unit = marked_number (w, &value)) == 1 && d[part].year == 0)
        d[part].year = value;
      else if (unit == 2 && d[part].month == 0 && value >= 1 && value <= 12)
        d[part].month = value;
      else if (unit == 3 && d[part].day == 0)
        d[part].day = value;
      else if (unit > 0)
        return FALSE;
      else if (is_number (w) && atoi (w) > 31)
        d[part].year = atoi (w);
      else if (is_number (w) && d[part].day == 0)
        d[part].day = atoi (w);
      else if (month_of (w) > 0 && d[part].month == 0)
        d[part].month = month_of (w);
      else
        return FALSE;
    }
  /* what one side does not say, the other does: "29-30 Oct 2025" */
  if (part == 1)
    {
      if (d[0].month == 0)
        d[0].month = d[1].month;
      if (d[1].month == 0)
        d[1].month = d[0].month;
      if (d[0].year == 0)
        d[0].year = d[1].year;
      if (d[1].year == 0)
        d[1].year = d[0].year;
    }
  for (guint k = 0; k <= part; k++)
    {
      if (d[k].year == 0)
        d[k].year = year;
      if (d[k].day == 0 || d[k].month == 0)
        return FALSE;
    }
  if (!make_time (&d[0], approximate, zone, start))
    return FALSE;
  return part == 0 || make_time (&d[1], approximate, zone, end);
}
gboolean
dm_quick_add_is_date (const char *text)
{
  g_autoptr(GPtrArray) parts = split_words (text);
  gboolean all = parts->len > 0;

  for (guint i = 0; i < parts->len; i++)
    all &= is_date_word (g_ptr_array_index (parts, i));
  return all;
}
