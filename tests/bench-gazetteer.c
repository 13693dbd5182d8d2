/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The costs of the gazetteer: first load, exact, fuzzy and country lookups (medians). */
#include "config.h"

#include <stdlib.h>

#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

#define RUNS 9

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static const char *queries[][2] = {
  { "Moscow", NULL }, { "Москва", NULL }, { "Moscow, US", NULL }, { "Paris", NULL },
  { "평양", NULL }, { "Mińsk", NULL }, { "Gyeongju", NULL }, { "Kawagoe", "JP" },
  { "Washington", NULL }, { "Sao Paulo", NULL }, { "Springfield", "US" }, { "Nowhere-at-all", NULL },
};

int
main (int   argc,
      char *argv[])
{
  double load[RUNS], exact[RUNS], fuzzy_be[RUNS], fuzzy_us[RUNS], country[RUNS], translated[RUNS];
  double first_names;
  gint64 t0;
  DmGazetteer *self;
  guint n = 0;

  t0 = g_get_monotonic_time ();
  self = dm_gazetteer_get_default ();
  g_print ("first dm_gazetteer_get_default: %.1f ms (%u places)\n",
           (g_get_monotonic_time () - t0) / 1000.0, dm_gazetteer_get_n_entries (self));

  for (guint r = 0; r < RUNS; r++)
    {
      DmGazetteer *other;

      t0 = g_get_monotonic_time ();
      other = dm_gazetteer_new ();
      load[r] = (g_get_monotonic_time () - t0) / 1000.0;
      dm_gazetteer_free (other);
    }

  /* the names in other languages are read on their first use */
  t0 = g_get_monotonic_time ();
  n += dm_gazetteer_translate_place (self, "Moscow", "RU", "fr") != NULL;
  n += dm_gazetteer_translate_country (self, "RU", "fr") != NULL;
  first_names = (g_get_monotonic_time () - t0) / 1000.0;

  for (guint r = 0; r < RUNS; r++)
    {
      const guint rounds = 2000;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < rounds; i++)
        for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
          n += dm_gazetteer_lookup (self, queries[q][0], queries[q][1]) != NULL;
      exact[r] = (g_get_monotonic_time () - t0) / (double) (rounds * G_N_ELEMENTS (queries));

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < rounds; i++)
        n += dm_gazetteer_lookup_country (self, i % 2 ? "Russia" : "KOR") != NULL;
      country[r] = (g_get_monotonic_time () - t0) / (double) rounds;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < 100; i++)
        n += dm_gazetteer_lookup_fuzzy (self, "Brusssels", "BE", NULL) != NULL;
      fuzzy_be[r] = (g_get_monotonic_time () - t0) / 100.0;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < 10; i++)
        n += dm_gazetteer_lookup_fuzzy (self, "Sprngfield", "US", NULL) != NULL;
      fuzzy_us[r] = (g_get_monotonic_time () - t0) / 10.0;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < rounds; i++)
        for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
          n += dm_gazetteer_translate_place (self, queries[q][0], queries[q][1] ? queries[q][1] : "RU",
                                             "ko") != NULL;
      translated[r] = (g_get_monotonic_time () - t0) / (double) (rounds * G_N_ELEMENTS (queries));
    }

  g_print ("load (parse + index), median of %d: %.1f ms\n", RUNS, median (load, RUNS));
  g_print ("exact lookup, median of %d batches: %.2f us\n", RUNS, median (exact, RUNS));
  g_print ("country lookup: %.2f us\n", median (country, RUNS));
  g_print ("fuzzy lookup in Belgium: %.1f us; in the United States (largest): %.1f us\n",
           median (fuzzy_be, RUNS), median (fuzzy_us, RUNS));
  g_print ("names in other languages: first use %.1f ms, a place's name in Korean %.2f us\n",
           first_names, median (translated, RUNS));
  g_print ("(%u hits)\n", n);
  return 0;
}
