/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-formats"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dm-gazetteer.h"
#include "dm-quick-add-private.h"

/* The folded month words of one LC_TIME: "octobre", "oct", "октября", "октябрь", "окт" */
typedef struct
{
  char      *locale;
  GPtrArray *words[12];  /* char *, folded */
} MonthTable;

static GMutex table_lock;
static MonthTable *table;

static void
month_table_free (MonthTable *t)
{
  g_free (t->locale);
  for (guint m = 0; m < 12; m++)
    g_ptr_array_unref (t->words[m]);
  g_free (t);
}

static void
add_word (GPtrArray  *words,
          const char *word)
{
  if (word == NULL || *word == '\0' || g_ptr_array_find_with_equal_func (words, word, g_str_equal, NULL))
    return;
  g_ptr_array_add (words, g_strdup (word));
}

static MonthTable *
month_table_new (const char *locale)
{
  static const char *formats[] = { "%B", "%b", "%OB", "%Ob" };
  MonthTable *t = g_new0 (MonthTable, 1);

  t->locale = g_strdup (locale);
  for (guint m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2001, m + 1, 15, 12, 0, 0);

      t->words[m] = g_ptr_array_new_with_free_func (g_free);
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *name = g_date_time_format (date, formats[f]);
          g_autofree char *folded = name ? dm_gazetteer_fold (name) : NULL;

          /* a name with a number in it ("10월") is no word of its own here */
          if (folded != NULL && strpbrk (folded, "0123456789") == NULL)
            add_word (t->words[m], folded);
        }
    }
  return t;
}

/* The month one of the current locale's words names; with @prefixes, a word of three
 * letters or more that begins only one month's words counts too ("sept" for "septembre") */
static int
locale_month_of (const char *folded,
                 gboolean    prefixes)
{
  const char *locale = setlocale (LC_TIME, NULL);
  int found = 0;
  guint n_prefix = 0;
  int prefix = 0;

  g_mutex_lock (&table_lock);
  if (table == NULL || g_strcmp0 (table->locale, locale) != 0)
    {
      g_clear_pointer (&table, month_table_free);
      table = month_table_new (locale);
    }
  for (guint m = 0; m < 12 && found == 0; m++)
    for (guint i = 0; i < table->words[m]->len; i++)
      {
        const char *w = g_ptr_array_index (table->words[m], i);

        if (g_str_equal (w, folded))
          found = m + 1;
        else if (prefixes && g_str_has_prefix (w, folded) && prefix != (int) m + 1)
          {
            prefix = m + 1;
            n_prefix++;
          }
      }
  g_mutex_unlock (&table_lock);
  if (found > 0)
    return found;
  return n_prefix == 1 ? prefix : 0;
}

int
dm_quick_add_month_of (const char *word)
{
  static const char *months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec" };
  g_autofree char *folded = dm_gazetteer_fold (word);
  int month;

  if (g_utf8_strlen (folded, -1) < 3)
    return 0;
  /* the locale's own words first: its "mar" may not be March */
  if ((month = locale_month_of (folded, FALSE)) > 0)
    return month;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_str_has_prefix (folded, months[i]))
      return i + 1;
  return locale_month_of (folded, TRUE);
}
