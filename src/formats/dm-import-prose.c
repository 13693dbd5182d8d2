/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates as official records and diaries print them: "26 October 2025", "October 26, 2025",
 * and ranges: "26-28 October 2025", "Oct 26 – Nov 2, 2025", "January 29–February 7, 1909",
 * "November 4-5, 2019". */

#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dm-import-private.h"

typedef struct
{
  int day;    /* 0: not given */
  int month;  /* 0: not given */
  int year;   /* 0: not given */
} Side;

static int
month_of (const char *word,
          gsize       length)
{
  static const char * const names[] = { "january", "february", "march", "april", "may", "june", "july",
                                         "august", "september", "october", "november", "december" };
  g_autofree char *lower = g_ascii_strdown (word, length);

  if (g_str_equal (lower, "sept"))
    return 9;
  for (guint m = 0; m < G_N_ELEMENTS (names); m++)
    if ((length >= 3 && g_str_has_prefix (names[m], lower)) || g_str_equal (names[m], lower))
      return m + 1;
  return 0;
}

/* Reads one side of a range from @p to @end: a day, a month name and a year, in any order;
 * FALSE if something else is there or a part comes twice */
static gboolean
read_side (const char *p,
           const char *end,
           Side       *side)
{
  memset (side, 0, sizeof *side);
  while (p < end)
    {
      if (g_ascii_isdigit (*p))
        {
          const char *start = p;
          int value = 0;
          gsize digits;

          /* past six digits it is neither a day nor a year: held there, not overflowed */
          for (; p < end && g_ascii_isdigit (*p); p++)
            value = MIN (value, 100000) * 10 + (*p - '0');
          digits = p - start;
          /* "1st", "2nd", "26th" */
          if (p + 1 < end && (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0 ||
                              g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0))
            p += 2;
          if (digits >= 3 && value >= 100 && side->year == 0)
            side->year = value;
          else if (digits <= 2 && value >= 1 && value <= 31 && side->day == 0)
            side->day = value;
          else
            return FALSE;
        }
      else if (g_ascii_isalpha (*p))
        {
          const char *start = p;
          int month;

          for (; p < end && g_ascii_isalpha (*p); p++)
            ;
          if ((month = month_of (start, p - start)) == 0 || side->month != 0)
            return FALSE;
          side->month = month;
          if (p < end && *p == '.')
            p++;
        }
      else if (*p == ' ' || *p == ',' || *p == '\t')
        p++;
      else
        return FALSE;
    }
  return TRUE;
}

/* "2025-10-26" at the day's local time in @zone */
static gboolean
day_time (const Side *side,
          GTimeZone  *zone,
          DmTime     *out)
{
  g_autofree char *iso = NULL;

  if (side->year < 1 || side->year > 9999 || side->month == 0 || side->day == 0 ||
      !g_date_valid_dmy (side->day, side->month, side->year))
    return FALSE;
  iso = g_strdup_printf ("%04d-%02d-%02d", side->year, side->month, side->day);
  return dm_import_parse_time (iso, zone, out, NULL);
}

gboolean
dm_import_parse_prose_dates (const char *text,
                             GTimeZone  *zone,
                             DmTime     *start,
                             DmTime     *end)
{
  static const char * const dashes[] = { "\xe2\x80\x93", "\xe2\x80\x94", " to ", "-", NULL };
  const char *text_end = text + strlen (text);
  const char *dash = NULL;
  gsize dash_length = 0;
  Side left, right;

  *start = *end = DM_TIME_UNKNOWN;
  /* a month written out: numeric and ISO dates are not prose */
  for (guint i = 0; dashes[i] != NULL && dash == NULL; i++)
    if ((dash = strstr (text, dashes[i])) != NULL)
      dash_length = strlen (dashes[i]);
  if (dash == NULL)
    return read_side (text, text_end, &left) && left.month != 0 && day_time (&left, zone, start);
  if (!read_side (text, dash, &left) || !read_side (dash + dash_length, text_end, &right) ||
      (left.month == 0 && right.month == 0))
    return FALSE;
  /* "26-28 October 2025": the right side's month and year; "Oct 26 – Nov 2, 2025": its year */
  if (left.month == 0)
    left.month = right.month;
  if (right.month == 0)
    right.month = left.month;
  if (left.year == 0)
    left.year = right.year;
  if (right.year == 0)
    right.year = left.year;
  /* "30 December – 2 January 2020": the left side is in the year before */
  if (left.year == right.year && left.month > right.month)
    left.year--;
  return day_time (&left, zone, start) && day_time (&right, zone, end) && end->latest >= start->earliest;
}

char *
dm_import_dup_month (const char *text,
                     const char *year)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " -/.,", -1);
  int m = 0, y = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];
      gsize n = strlen (w), digits = strspn (w, "0123456789");

      if (n == 0)
        continue;
      if (digits == n && n == 4 && y == 0)
        y = atoi (w);
      else if (digits == n && n <= 2 && m == 0 && atoi (w) >= 1 && atoi (w) <= 12)
        m = atoi (w);
      else if (digits == 0 && m == 0 && (m = month_of (w, n)) > 0)
        ;
      else
        return NULL;
    }
  if (y == 0 && year != NULL)
    {
      g_autofree char *given = g_strstrip (g_strdup (year));

      if (strlen (given) == 4 && strspn (given, "0123456789") == 4)
        y = atoi (given);
    }
  if (m == 0 || y < 1000)
    return NULL;
  return g_strdup_printf ("%04d-%02d", y, m);
}
