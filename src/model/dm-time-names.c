/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dm-i18n.h"
#include "dm-time-format.h"

/* The names of months and weekdays, ours rather than the C library's: they follow the
 * messages' language (LANGUAGE, `--language`, or the thread's: dm-i18n.c), so a figure made in French under an English
 * or C locale says "mardi 28 octobre" and one made in English under a French locale says
 * "Tuesday 28 October", and no translation needs an installed locale. */

/* A month after a day: "28 October" (genitive in Russian: "28 октября") */
static const char *month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
  NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
  NC_("month", "November"), NC_("month", "December"),
};

/* A month by itself, with or without its year: "October 2025" (nominative in Russian:
 * "октябрь 2025 г.") */
static const char *standalone_month_names[] = {
  NC_("standalone month", "January"), NC_("standalone month", "February"),
  NC_("standalone month", "March"), NC_("standalone month", "April"),
  NC_("standalone month", "May"), NC_("standalone month", "June"),
  NC_("standalone month", "July"), NC_("standalone month", "August"),
  NC_("standalone month", "September"), NC_("standalone month", "October"),
  NC_("standalone month", "November"), NC_("standalone month", "December"),
};

/* GDateTime's day of the week: 1 is Monday */
static const char *weekday_names[] = {
  NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
  NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
  NC_("weekday", "Sunday"),
};

/**
 * dm_time_month_name:
 * @month: 1 to 12
 * @standalone: the form of a month named by itself ("октябрь 2025"), else the form that
 *   follows a day ("28 октября")
 *
 * Returns: the month's name in the messages' language
 */
const char *
dm_time_month_name (int      month,
                    gboolean standalone)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "?");

  if (standalone)
    return dm_i18n_pgettext ("standalone month", standalone_month_names[month - 1]);
  return dm_i18n_pgettext ("month", month_names[month - 1]);
}

/* The name a conversion stands for, or NULL for one left to g_date_time_format */
static const char *
name_for (GDateTime *dt,
          gboolean   alternative,
          char       conversion)
{
  switch (conversion)
    {
    case 'A':
      return dm_i18n_pgettext ("weekday", weekday_names[g_date_time_get_day_of_week (dt) - 1]);
    case 'B':
      return dm_time_month_name (g_date_time_get_month (dt), alternative);
    default:
      return NULL;
    }
}

/**
 * dm_time_format_date_time:
 * @format: a g_date_time_format() format, usually a translated one
 *
 * g_date_time_format() with the names of weekdays (`%A`) and months (`%B`, and `%OB` for the
 * standalone form) in the messages' language rather than the locale's (`LC_TIME`). Every
 * other conversion is g_date_time_format()'s. Dates in figures go through here, so that a
 * figure's language (`--language`) is its dates' too.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @format is not valid
 */
char *
dm_time_format_date_time (GDateTime  *dt,
                          const char *format)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (dt != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      const char *start = p, *q = p + 1;
      gboolean alternative = FALSE;
      const char *name;

      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }
      /* modifiers, as g_date_time_format reads them: - _ 0 O E : */
      while (*q != '\0' && strchr ("-_0OE:", *q) != NULL)
        alternative |= *q++ == 'O';
      if (*q == '\0')
        return NULL;
      p = q;
      name = name_for (dt, alternative, *q);
      if (name != NULL)
        {
          for (const char *c = name; *c != '\0'; c++)  /* a literal for g_date_time_format */
            {
              if (*c == '%')
                g_string_append_c (out, '%');
              g_string_append_c (out, *c);
            }
        }
      else
        g_string_append_len (out, start, q + 1 - start);
    }
  return g_date_time_format (dt, out->str);
}

/**
 * dm_time_format_unix:
 * @zone: (nullable): the zone to show @utc_seconds in (UTC if %NULL)
 * @format: as for dm_time_format_date_time()
 *
 * dm_time_format_date_time() of the moment @utc_seconds, for any year: before the year 1
 * (dm_time_date_time_new()), `%Y` is the year counted back from 1 BC and marked so ("44 BC":
 * "Friday 15 March 44 BC, 12:00 UTC").
 *
 * Returns: (transfer full) (nullable): the text, or %NULL after the year 9999
 */
char *
dm_time_format_unix (gint64      utc_seconds,
                     GTimeZone  *zone,
                     const char *format)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GString) with_year = NULL;
  g_autofree char *year = NULL;
  int shift = 0;

  g_return_val_if_fail (format != NULL, NULL);

  dt = dm_time_date_time_new (utc_seconds, zone, &shift);
  if (dt == NULL)
    return NULL;
  if (shift == 0)
    return dm_time_format_date_time (dt, format);
  /* the year of the moved date is not the real one: written here instead of %Y */
  if (g_date_time_get_year (dt) + shift < 1)
    year = dm_time_format_era_year (g_date_time_get_year (dt) + shift);
  else
    year = g_strdup_printf ("%d", g_date_time_get_year (dt) + shift);
  with_year = g_string_new (NULL);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 'Y')
        {
          for (const char *c = year; *c != '\0'; c++)  /* a literal for g_date_time_format */
            {
              if (*c == '%')
                g_string_append_c (with_year, '%');
              g_string_append_c (with_year, *c);
            }
          p++;
        }
      else if (p[0] == '%' && p[1] != '\0')
        {
          g_string_append_len (with_year, p, 2);
          p++;
        }
      else
        g_string_append_c (with_year, *p);
    }
  return dm_time_format_date_time (dt, with_year->str);
}
