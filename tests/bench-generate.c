/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The generated documents of the benchmarks (issue 15) */

#include "config.h"

#include "bench-generate.h"

static const char *capitals[] = {
  "Moscow", "Minsk", "Pyongyang", "Paris", "Berlin", "London", "Tokyo", "Beijing",
  "Rome", "Madrid", "Warsaw", "Kyiv", "Ankara", "Cairo", "Nairobi", "Pretoria",
  "Brasília", "Buenos Aires", "Ottawa", "Canberra", "New Delhi", "Jakarta", "Hanoi",
  "Seoul", "Tehran", "Riyadh", "Vienna", "Stockholm", "Oslo", "Lisbon",
};

static const char *
capital (GRand *rand)
{
  return capitals[g_rand_int_range (rand, 0, G_N_ELEMENTS (capitals))];
}

static void
append_date (GString *out,
             GRand   *rand)
{
  g_string_append_printf (out, "\"%04d-%02d-%02d%s\"", g_rand_int_range (rand, 1950, 2026),
                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                          g_rand_int_range (rand, 0, 10) == 0 ? "~" : "");
}

/**
 * bench_generate:
 * A .diplomap text of @n_events events, the same for every run (fixed seed): trips of 1-6
 * legs between capitals, visits, summits of 5-20, meetings, 200 actors, 1950-2025, one date
 * in ten approximate.
 */
char *
bench_generate (guint n_events)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  GString *out = g_string_new ("{\n  \"diplomap\": 1,\n  \"title\": \"Generated\",\n  \"actors\": [\n");

  for (guint a = 0; a < 200; a++)
    g_string_append_printf (out, "    {\"id\": \"a%u\", \"name\": \"Actor %u\", \"role\": \"Minister\"}%s\n",
                            a, a, a + 1 < 200 ? "," : "");
  g_string_append (out, "  ],\n  \"events\": [\n");
  for (guint i = 0; i < n_events; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 4);
      guint actor = g_rand_int_range (rand, 0, 200);

      g_string_append_printf (out, "    {\"id\": \"e%u\", ", i);
      if (kind == 0)
        {
          guint n_legs = g_rand_int_range (rand, 1, 7);
          const char *from = capital (rand);

          g_string_append_printf (out, "\"type\": \"trip\", \"actor\": \"a%u\", \"legs\": [", actor);
          for (guint l = 0; l < n_legs; l++)
            {
              const char *to = capital (rand);

              g_string_append_printf (out, "%s{\"from\": \"%s\", \"to\": \"%s\", \"depart\": ",
                                      l ? ", " : "", from, to);
              append_date (out, rand);
              g_string_append (out, "}");
              from = to;
            }
          g_string_append (out, "]");
        }
      else if (kind == 1 || kind == 3)
        {
          g_string_append_printf (out, "\"type\": \"%s\", \"actor\": \"a%u\", \"place\": \"%s\", \"start\": ",
                                  kind == 1 ? "visit" : "meeting", actor, capital (rand));
          append_date (out, rand);
        }
      else
        {
          guint n = g_rand_int_range (rand, 5, 21);

          g_string_append_printf (out, "\"type\": \"summit\", \"place\": \"%s\", \"start\": ", capital (rand));
          append_date (out, rand);
          g_string_append (out, ", \"participants\": [");
          for (guint p = 0; p < n; p++)
            g_string_append_printf (out, "%s\"a%u\"", p ? ", " : "", (actor + p * 7) % 200);
          g_string_append (out, "]");
        }
      g_string_append_printf (out, "}%s\n", i + 1 < n_events ? "," : "");
    }
  g_string_append (out, "  ]\n}\n");
  return g_string_free (out, FALSE);
}

