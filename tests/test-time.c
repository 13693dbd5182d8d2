/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "dm-error.h"
#include "dm-time.h"
#include "dm-time-format.h"

static gint64
utc (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  return g_date_time_to_unix (dt);
}

static void
test_day_is_local (void)
{
  g_autoptr(GTimeZone) pyongyang = g_time_zone_new_identifier ("Asia/Pyongyang");
  g_autoptr(GTimeZone) minsk = g_time_zone_new_identifier ("Europe/Minsk");
  g_autoptr(GError) error = NULL;
  DmTime t;

  g_assert_nonnull (pyongyang);
  g_assert_true (dm_time_parse ("2025-10-26", pyongyang, &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t.precision, ==, DM_PRECISION_DAY);
  /* a local day in Pyongyang (UTC+9) starts at 15:00 UTC the day before */
  g_assert_cmpint (t.earliest, ==, utc (2025, 10, 25, 15, 0, 0));
  g_assert_cmpint (t.latest, ==, utc (2025, 10, 26, 15, 0, 0));
  g_assert_cmpint (t.utc_offset, ==, 9 * 3600);
  g_assert_false (t.has_offset);
  g_assert_false (t.approximate);

  g_assert_true (dm_time_parse ("2025-10-28", minsk, &t, &error));
  g_assert_cmpint (t.earliest, ==, utc (2025, 10, 27, 21, 0, 0));
}

static void
test_offsets (void)
{
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  DmTime a, b, c, d;

  g_assert_true (dm_time_parse ("2025-10-29T12:00:00Z", seoul, &a, NULL));
  g_assert_true (dm_time_parse ("2025-10-29T21:00+09:00", NULL, &b, NULL));
  g_assert_true (dm_time_parse ("2025-10-29T21:00", seoul, &c, NULL));
  g_assert_true (dm_time_parse ("2025-10-29T07:00:00-0500", NULL, &d, NULL));
  g_assert_cmpint (a.earliest, ==, utc (2025, 10, 29, 12, 0, 0));
  g_assert_cmpint (a.earliest, ==, a.latest);
  g_assert_cmpint (b.earliest, ==, a.earliest);
  g_assert_cmpint (c.earliest, ==, a.earliest);
  g_assert_cmpint (d.earliest, ==, a.earliest);
  g_assert_true (a.has_offset);
  g_assert_true (b.has_offset);
  g_assert_false (c.has_offset);
  g_assert_cmpint (b.utc_offset, ==, 9 * 3600);
  g_assert_cmpint (d.utc_offset, ==, -5 * 3600);
  g_assert_cmpint (a.precision, ==, DM_PRECISION_SECOND);
  g_assert_cmpint (b.precision, ==, DM_PRECISION_MINUTE);
  g_assert_cmpint (c.utc_offset, ==, 9 * 3600);
}

/* A time without an offset takes the place's offset at its start: summer time, winter
 * time, and an old date's first standard offset */
static void
test_zone_offsets (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  DmTime t;

  g_assert_true (dm_time_parse ("2025-07-01", paris, &t, NULL));
  g_assert_cmpint (t.utc_offset, ==, 2 * 3600);
  g_assert_true (dm_time_parse ("2025-01-15T08:00", paris, &t, NULL));
  g_assert_cmpint (t.utc_offset, ==, 3600);
  g_assert_true (dm_time_parse ("2025-03-09T12:00", new_york, &t, NULL));
  g_assert_cmpint (t.utc_offset, ==, -4 * 3600);
  g_assert_true (dm_time_parse ("1850", new_york, &t, NULL));
  g_assert_cmpint (t.utc_offset, ==, -5 * 3600);
  g_assert_true (dm_time_parse ("0001-01-01", new_york, &t, NULL));
  g_assert_cmpint (t.utc_offset, ==, -5 * 3600);
  g_assert_cmpint (t.earliest, ==, G_GINT64_CONSTANT (-62135596800) + 5 * 3600);
}

static void
test_precision (void)
{
  DmTime t;

  g_assert_true (dm_time_parse ("2025", NULL, &t, NULL));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_YEAR);
  g_assert_cmpint (t.latest - t.earliest, ==, 365 * 86400);
  g_assert_true (dm_time_parse ("2025-10", NULL, &t, NULL));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_MONTH);
  g_assert_cmpint (t.latest - t.earliest, ==, 31 * 86400);
  g_assert_true (dm_time_parse ("2024-02", NULL, &t, NULL));
  g_assert_cmpint (t.latest - t.earliest, ==, 29 * 86400);
  g_assert_true (dm_time_parse ("2025-10-28~", NULL, &t, NULL));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_DAY);
  g_assert_true (t.approximate);
  /* "late October 2025" */
  g_assert_true (dm_time_parse ("2025-10-21/2025-10-31", NULL, &t, NULL));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_PERIOD);
  g_assert_cmpint (t.earliest, ==, utc (2025, 10, 21, 0, 0, 0));
  g_assert_cmpint (t.latest, ==, utc (2025, 11, 1, 0, 0, 0));
}

static void
test_bad (void)
{
  const char *bad[] = { "", "yesterday", "2025-13-01", "2025-02-30", "2025-10-26T25:00",
                        "2025-10-26T10:00+99:00", "25-10-26", "2025-10-26 junk",
                        "2025-10-31/2025-10-01" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      DmTime t = DM_TIME_UNKNOWN;

      g_assert_false (dm_time_parse (bad[i], NULL, &t, &error));
      g_assert_true (error != NULL && error->domain == DM_ERROR);
      {
        g_autofree char *first = g_strndup (bad[i], strcspn (bad[i], "/"));
        g_assert_nonnull (strstr (error->message, first));
      }
    }
}

static void
test_round_trip (void)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  const char *texts[] = { "2025", "2025-10", "2025-10-26", "2025-10-28~", "2025-10-26T09:30",
                          "2025-10-26T09:30+09:00", "2025-10-26T00:30:15Z",
                          "2025-10-21/2025-10-31", "2025-10-26T09:30-03:30" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *back = NULL;
      DmTime a, b;

      g_assert_true (dm_time_parse (texts[i], tokyo, &a, NULL));
      back = dm_time_to_iso (&a, tokyo);
      g_assert_cmpstr (back, ==, texts[i]);
      g_assert_true (dm_time_parse (back, tokyo, &b, NULL));
      g_assert_cmpint (dm_time_compare (&a, &b), ==, 0);
    }
  g_assert_null (dm_time_to_iso (&DM_TIME_UNKNOWN, NULL));
}

/* A period whose sides are of different kinds (an exact time with an offset, a month, a local
 * time) is written so that it reads back with the same start and end: its start was written
 * as a day in the place's zone ("2020-01-01/2020-04-01"), moving it and adding a day */
static void
test_round_trip_periods (void)
{
  const struct { const char *zone, *text, *written; gint64 earliest, latest; } cases[] = {
    { NULL, "2020-01-01T00:00+14:00/2020-03", "2020-01-01T00:00+14:00/2020-03-31",
      utc (2019, 12, 31, 10, 0, 0), utc (2020, 4, 1, 0, 0, 0) },
    { "Pacific/Kiritimati", "2020-01-01T00:00+14:00/2020-03", "2020-01-01T00:00+14:00/2020-03-31",
      utc (2019, 12, 31, 10, 0, 0), utc (2020, 3, 31, 10, 0, 0) },
    { "America/New_York", "2020-03-01T00:00-05:00/2021~", "2020-03-01T00:00-05:00/2021-12-31~",
      utc (2020, 3, 1, 5, 0, 0), utc (2022, 1, 1, 5, 0, 0) },
    { "Asia/Tokyo", "2025-10-26T09:30+09:00/2025-10-26T12:00Z", "2025-10-26T09:30+09:00/2025-10-26T21:00",
      utc (2025, 10, 26, 0, 30, 0), utc (2025, 10, 26, 12, 0, 0) },
    /* a period within a day starting at midnight: its start stays a time */
    { NULL, "2020-01-01T00:00/2020-01-01T10:00", "2020-01-01T00:00/2020-01-01T10:00",
      utc (2020, 1, 1, 0, 0, 0), utc (2020, 1, 1, 10, 0, 0) },
    { "Europe/Paris", "2020-01-01T10:00/2020-01-03", "2020-01-01T10:00/2020-01-03",
      utc (2020, 1, 1, 9, 0, 0), utc (2020, 1, 3, 23, 0, 0) },
    /* summer time began at midnight: that day started at 01:00 */
    { "America/Sao_Paulo", "2018-11-04/2018-11-10", "2018-11-04T01:00/2018-11-10",
      utc (2018, 11, 4, 3, 0, 0), utc (2018, 11, 11, 2, 0, 0) },
    /* before the common era, in the zone's first standard offset (+01:00) */
    { "Europe/Rome", "-0043-03-15T10:00+02:00/-0043-04", "-0043-03-15T10:00+02:00/-0043-04-30",
      dm_civil_days (-43, 3, 15) * 86400 + 8 * 3600, dm_civil_days (-43, 5, 1) * 86400 - 3600 },
    /* the last second of 9999 in UTC is in the year 10000 at +14:00: written in UTC */
    { "Pacific/Kiritimati", "1822/9999-12-31T23:59-00", "1822-01-01/9999-12-31T23:59Z",
      G_MININT64, utc (9999, 12, 31, 23, 59, 0) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTimeZone) zone = cases[i].zone ? g_time_zone_new_identifier (cases[i].zone) : NULL;
      g_autofree char *written = NULL, *again = NULL;
      DmTime a, b;

      g_test_message ("%s in %s", cases[i].text, cases[i].zone);
      g_assert_true (dm_time_parse (cases[i].text, zone, &a, NULL));
      g_assert_cmpint (a.precision, ==, DM_PRECISION_PERIOD);
      if (cases[i].earliest != G_MININT64)
        g_assert_cmpint (a.earliest, ==, cases[i].earliest);
      g_assert_cmpint (a.latest, ==, cases[i].latest);
      written = dm_time_to_iso (&a, zone);
      g_assert_cmpstr (written, ==, cases[i].written);
      g_assert_true (dm_time_parse (written, zone, &b, NULL));
      g_assert_cmpint (b.earliest, ==, a.earliest);
      g_assert_cmpint (b.latest, ==, a.latest);
      g_assert_cmpint (b.precision, ==, a.precision);
      g_assert_cmpint (b.has_offset, ==, a.has_offset);
      g_assert_cmpint (b.utc_offset, ==, a.utc_offset);
      g_assert_cmpint (b.approximate, ==, a.approximate);
      again = dm_time_to_iso (&b, zone);
      g_assert_cmpstr (again, ==, written);
    }
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  g_autofree char *local = NULL;
  g_autofree char *in_utc = NULL;
  DmTime t;

  g_assert_true (dm_time_parse ("2025-10-29T21:00+09:00", NULL, &t, NULL));
  local = dm_time_format_local (&t, seoul);
  in_utc = dm_time_format_utc (&t);
  g_assert_nonnull (strstr (local, "21:00"));
  g_assert_nonnull (strstr (in_utc, "12:00 UTC"));
  g_assert_nonnull (strstr (in_utc, "2025-10-29"));
}

/* Each precision as a person reads it: never more precise than the source */
static char *
text_of (const char *iso,
         GTimeZone  *zone)
{
  DmTime t;

  g_assert_true (dm_time_parse (iso, zone, &t, NULL));
  return dm_time_format_local (&t, zone);
}

static void
check_texts (const char * const *cases)
{
  g_autoptr(GTimeZone) pyongyang = g_time_zone_new_identifier ("Asia/Pyongyang");

  for (guint i = 0; cases[i] != NULL; i += 2)
    {
      g_autofree char *text = text_of (cases[i], pyongyang);
      g_assert_cmpstr (text, ==, cases[i + 1]);
    }
}

/* Ranges of days: @pairs of ISO days and the text expected, in the messages' language */
static void
check_ranges (const char * const *cases)
{
  g_autoptr(GTimeZone) pyongyang = g_time_zone_new_identifier ("Asia/Pyongyang");

  for (guint i = 0; cases[i] != NULL; i += 3)
    {
      g_autofree char *text = NULL;
      DmTime a, b;

      g_assert_true (dm_time_parse (cases[i], pyongyang, &a, NULL));
      g_assert_true (dm_time_parse (cases[i + 1], pyongyang, &b, NULL));
      text = dm_time_format_range (&a, &b, pyongyang);
      g_assert_cmpstr (text, ==, cases[i + 2]);
    }
}

/* Use the catalogue of @language built in the build tree (a missing one is a failure) */
static void
use_catalogue (const char *language)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, language, "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  textdomain (GETTEXT_PACKAGE);  /* drops the translations gettext has cached */
}

static void
test_format_precision (void)
{
  const char *cases[] = {
    "2025", "2025",
    "2025-10", "October 2025",
    "2025-10-26", "26 October 2025",
    "2025-10-28~", "about 28 October 2025",
    "2025-10~", "about October 2025",
    "2025-10-21/2025-10-31", "late October 2025",
    "2025-10-01/2025-10-10", "early October 2025",
    "2025-10-11/2025-10-20", "mid-October 2025",
    "2025-10-01/2025-10-31", "October 2025",
    "2025-10-26/2025-10-28", "between 26 and 28 October 2025",
    "2025-10-30/2025-11-02", "between 30 October and 2 November 2025",
    "2025-12-30/2026-01-02", "between 30 December 2025 and 2 January 2026",
    "2025-10-26T09:30", "26 October 2025, 09:30 KST",
    /* an offset of its own: shown in that offset, not the place's */
    "2025-10-26T00:30Z", "26 October 2025, 00:30 UTC",
    NULL
  };
  g_autofree char *unknown = dm_time_format_local (&DM_TIME_UNKNOWN, NULL);
  g_autofree char *estimate = NULL;
  g_autofree char *range = NULL;
  g_autoptr(GTimeZone) minsk = g_time_zone_new_identifier ("Europe/Minsk");
  DmTime a, b;

  check_texts (cases);
  g_assert_cmpstr (unknown, ==, "not reported");
  /* Diplomap's own names stand for %A and %B; the rest is g_date_time_format's, %% included */
  {
    g_autoptr(GDateTime) dt = g_date_time_new_utc (2025, 10, 28, 9, 5, 0);
    g_autofree char *text = dm_time_format_date_time (dt, "%A %-d %B %Y, %H:%M %% %OB %y");

    g_assert_cmpstr (text, ==, "Tuesday 28 October 2025, 09:05 % October 25");
    g_assert_null (dm_time_format_date_time (dt, "%A %"));
  }
  /* An estimate is only its day, and says it is one: never "08:19" as a fact */
  estimate = dm_time_format_estimate (utc (2025, 10, 29, 12, 0, 0), minsk);
  g_assert_cmpstr (estimate, ==, "about 29 October 2025 (estimated)");
  g_assert_true (dm_time_parse ("2025-10-26", minsk, &a, NULL));
  g_assert_true (dm_time_parse ("2025-10-28", minsk, &b, NULL));
  range = dm_time_format_range (&a, &b, minsk);
  g_assert_cmpstr (range, ==, "26 – 28 October 2025");
  {
    const char *ranges[] = {
      "2025-10-30", "2025-11-02", "30 October – 2 November 2025",
      "2025-12-30", "2026-01-02", "30 December 2025 – 2 January 2026",
      NULL
    };
    check_ranges (ranges);
  }
  /* A day without a zone keeps the offset of its place: Pyongyang's 26th, not UTC's 25th */
  {
    g_autoptr(GTimeZone) pyongyang = g_time_zone_new_identifier ("Asia/Pyongyang");
    g_autofree char *day = NULL;

    g_assert_true (dm_time_parse ("2025-10-26", pyongyang, &a, NULL));
    day = dm_time_format_local (&a, NULL);
    g_assert_cmpstr (day, ==, "26 October 2025");
  }
}

/* The same in French, from the catalogue built in the build tree (no French locale needed:
 * the month names are ours) */
static void
test_format_french (void)
{
  const char *cases[] = {
    "2025-10", "octobre 2025",
    "2025-10-26", "26 octobre 2025",
    "2025-10-28~", "vers le 28 octobre 2025",
    "2025-10~", "vers octobre 2025",
    "2025-10-21/2025-10-31", "fin octobre 2025",
    "2025-10-01/2025-10-10", "début octobre 2025",
    "2025-10-11/2025-10-20", "mi-octobre 2025",
    "2025-10-26/2025-10-28", "entre le 26 et le 28 octobre 2025",
    "2025-10-30/2025-11-02", "entre le 30 octobre et le 2 novembre 2025",
    "2025-10-26T09:30", "26 octobre 2025, 09:30 KST",
    NULL
  };
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *unknown = NULL;
  g_autofree char *estimate = NULL;

  /* Built with the project: a missing catalogue is a failure, not a skip */
  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  check_texts (cases);
  unknown = dm_time_format_local (&DM_TIME_UNKNOWN, NULL);
  g_assert_cmpstr (unknown, ==, "non communiqué");
  estimate = dm_time_format_estimate (utc (2025, 10, 29, 12, 0, 0), NULL);
  g_assert_cmpstr (estimate, ==, "vers le 29 octobre 2025 (estimation)");
  /* Weekdays and months in the messages' language, whatever LC_TIME says (here C) */
  {
    g_autoptr(GDateTime) dt = g_date_time_new_utc (2025, 10, 28, 12, 0, 0);
    g_autofree char *caption = dm_time_format_date_time (dt, "%A %-d %B %Y à %H:%M UTC");
    g_autofree char *alone = dm_time_format_date_time (dt, "%OB %Y");

    g_assert_cmpstr (caption, ==, "mardi 28 octobre 2025 à 12:00 UTC");
    g_assert_cmpstr (alone, ==, "octobre 2025");
  }
  g_setenv ("LANGUAGE", "", TRUE);
}

/* Russian as its press writes dates: a month by itself in the nominative ("октябрь 2025 г."),
 * after a day or "начало", "около" in the genitive ("28 октября", "конец октября") */
static void
test_format_russian (void)
{
  const char *cases[] = {
    "2025-10", "октябрь 2025 г.",
    "2025-05", "май 2025 г.",
    "2025-10-26", "26 октября 2025 г.",
    "2025-05-09", "9 мая 2025 г.",
    "2025-10-28~", "около 28 октября 2025 г.",
    "2025-10~", "примерно октябрь 2025 г.",
    "2025-10-01/2025-10-31", "октябрь 2025 г.",
    "2025-10-21/2025-10-31", "конец октября 2025 г.",
    "2025-10-01/2025-10-10", "начало октября 2025 г.",
    "2025-10-11/2025-10-20", "середина октября 2025 г.",
    "2025-10-26/2025-10-28", "между 26 и 28 октября 2025 г.",
    "2025-10-30/2025-11-02", "между 30 октября и 2 ноября 2025 г.",
    "2025-12-30/2026-01-02", "между 30 декабря 2025 г. и 2 января 2026 г.",
    "2025-10-26T09:30", "26 октября 2025 г., 09:30 KST",
    NULL
  };
  const char *ranges[] = {
    "2025-10-26", "2025-10-28", "26–28 октября 2025 г.",
    "2025-10-30", "2025-11-02", "30 октября — 2 ноября 2025 г.",
    "2025-12-30", "2026-01-02", "30 декабря 2025 г. – 2 января 2026 г.",
    NULL
  };
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2025, 10, 28, 12, 0, 0);
  g_autofree char *caption = NULL;
  g_autofree char *alone = NULL;

  use_catalogue ("ru");
  check_texts (cases);
  check_ranges (ranges);
  caption = dm_time_format_date_time (dt, "%A, %-d %B %Y, %H:%M UTC");
  g_assert_cmpstr (caption, ==, "вторник, 28 октября 2025, 12:00 UTC");
  alone = dm_time_format_date_time (dt, "%OB %Y");
  g_assert_cmpstr (alone, ==, "октябрь 2025");
  g_setenv ("LANGUAGE", "", TRUE);
}

/* Korean: year, month, day, in numbers; a range names its year and month once
 * ("2025년 10월 26~28일"), as Yonhap writes them */
static void
test_format_korean (void)
{
  const char *cases[] = {
    "2025-10", "2025년 10월",
    "2025-10-26", "2025년 10월 26일",
    "2025-10-28~", "2025년 10월 28일경",
    "2025-10-21/2025-10-31", "2025년 10월 말",
    "2025-10-01/2025-10-10", "2025년 10월 초",
    "2025-10-11/2025-10-20", "2025년 10월 중순",
    "2025-10-26/2025-10-28", "2025년 10월 26~28일 사이",
    "2025-10-30/2025-11-02", "2025년 10월 30일~11월 2일 사이",
    "2025-12-30/2026-01-02", "2025년 12월 30일~2026년 1월 2일 사이",
    "2025-10-26T09:30", "2025년 10월 26일 09:30 KST",
    NULL
  };
  const char *ranges[] = {
    "2025-10-26", "2025-10-28", "2025년 10월 26~28일",
    "2025-10-30", "2025-11-02", "2025년 10월 30일~11월 2일",
    "2025-12-30", "2026-01-02", "2025년 12월 30일~2026년 1월 2일",
    NULL
  };
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2025, 10, 28, 12, 0, 0);
  g_autofree char *caption = NULL;

  use_catalogue ("ko");
  check_texts (cases);
  check_ranges (ranges);
  caption = dm_time_format_date_time (dt, "%Y년 %-m월 %-d일 %A %H:%M UTC");
  g_assert_cmpstr (caption, ==, "2025년 10월 28일 화요일 12:00 UTC");
  g_setenv ("LANGUAGE", "", TRUE);
}

/* Old dates: years before 1000 read and written back at their precision, and no local
 * mean time (Rome's +0:49:56) leaking into UTC: the zone's first standard offset (issue 10) */
static void
test_old_dates (void)
{
  g_autoptr(GTimeZone) rome = g_time_zone_new_identifier ("Europe/Rome");
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;
  g_autofree char *year_back = NULL;
  DmTime t;

  g_assert_nonnull (rome);
  g_assert_true (dm_time_parse ("0800-12-25", rome, &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t.earliest, ==, utc (800, 12, 24, 23, 0, 0));
  g_assert_cmpint (t.latest, ==, utc (800, 12, 25, 23, 0, 0));
  g_assert_cmpint (t.utc_offset, ==, 3600);
  back = dm_time_to_iso (&t, rome);
  g_assert_cmpstr (back, ==, "0800-12-25");

  g_assert_true (dm_time_parse ("0432", rome, &t, &error));
  g_assert_cmpint (t.precision, ==, DM_PRECISION_YEAR);
  g_assert_cmpint (t.earliest % 60, ==, 0);
  year_back = dm_time_to_iso (&t, rome);
  g_assert_cmpstr (year_back, ==, "0432");

  /* modern dates keep the zone as it is */
  g_assert_true (dm_time_parse ("2019-12-25", rome, &t, &error));
  g_assert_cmpint (t.earliest, ==, utc (2019, 12, 24, 23, 0, 0));
}

/* Years before the common era (issue 10): ISO 8601's year 0 is 1 BC and "-0043" is 44 BC, in
 * our own proleptic Gregorian calendar (GDateTime starts at the year 1), read and written
 * back at every precision, and shown readably */
static void
test_bce (void)
{
  g_autoptr(GTimeZone) rome = g_time_zone_new_identifier ("Europe/Rome");
  const char *texts[] = { "-0500", "-0043-03", "-0043-03-15", "0000-12-31", "-0043-03-15T12:30Z",
                          "-0043-03-15T12:30:05+01:00", "-0044-03-10/-0044-03-20", "-9999-01-01",
                          "0676", "0001-01-01", "-0004-02-29~" };
  g_autoptr(GError) error = NULL;
  DmTime t;

  /* days-from-civil against GDateTime where both hold, and across the years 1 and 0 */
  g_assert_cmpint (dm_civil_days (1970, 1, 1), ==, 0);
  g_assert_cmpint (dm_civil_days (1, 1, 1) * 86400, ==, utc (1, 1, 1, 0, 0, 0));
  g_assert_cmpint (dm_civil_days (2024, 2, 29) * 86400, ==, utc (2024, 2, 29, 0, 0, 0));
  g_assert_cmpint (dm_civil_days (0, 12, 31) + 1, ==, dm_civil_days (1, 1, 1));
  /* the year 0 (1 BC) is a leap year, as every fourth year back from 4 */
  g_assert_cmpint (dm_civil_days_in_month (0, 2), ==, 29);
  g_assert_cmpint (dm_civil_days_in_month (-1, 2), ==, 28);
  g_assert_cmpint (dm_civil_days_in_month (-4, 2), ==, 29);
  for (gint64 day = -3652425; day < 3652425; day += 997)
    {
      DmCivil c;

      dm_civil_from_unix (day * 86400 + 3723, &c);
      g_assert_cmpint (dm_civil_days (c.year, c.month, c.day), ==, day);
      g_assert_cmpint (c.hour * 3600 + c.minute * 60 + c.second, ==, 3723);
    }

  /* the Ides of March, 44 BC, in UTC: a Friday in the proleptic Gregorian calendar, 735160 days
   * before 1970 */
  g_assert_true (dm_time_parse ("-0043-03-15", NULL, &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t.precision, ==, DM_PRECISION_DAY);
  g_assert_cmpint (t.earliest, ==, G_GINT64_CONSTANT (-735160) * 86400);
  g_assert_cmpint (t.latest - t.earliest, ==, 86400);
  {
    DmCivil ides;

    dm_civil_from_unix (t.earliest, &ides);
    g_assert_cmpint (ides.year, ==, -43);
    g_assert_cmpint (ides.day_of_week, ==, 5);
  }
  g_assert_true (dm_time_parse ("-0500", NULL, &t, NULL));
  g_assert_cmpint (t.earliest, ==, dm_civil_days (-500, 1, 1) * 86400);
  g_assert_cmpint (t.latest, ==, dm_civil_days (-499, 1, 1) * 86400);
  /* an expanded year with a sign and more digits */
  g_assert_true (dm_time_parse ("+002025-10-26", NULL, &t, NULL));
  g_assert_cmpint (t.earliest, ==, utc (2025, 10, 26, 0, 0, 0));

  /* at a place, in the zone's first standard offset (Rome +1:00), not its local mean time */
  g_assert_true (dm_time_parse ("-0043-03-15", rome, &t, NULL));
  g_assert_cmpint (t.earliest, ==, G_GINT64_CONSTANT (-735160) * 86400 - 3600);
  g_assert_cmpint (t.utc_offset, ==, 3600);
  {
    g_autofree char *back = dm_time_to_iso (&t, rome);
    g_assert_cmpstr (back, ==, "-0043-03-15");
  }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (int z = 0; z < 2; z++)
      {
        g_autofree char *back = NULL;
        DmTime b;

        g_test_message ("%s", texts[i]);
        g_assert_true (dm_time_parse (texts[i], z ? rome : NULL, &t, &error));
        g_assert_no_error (error);
        back = dm_time_to_iso (&t, z ? rome : NULL);
        g_assert_cmpstr (back, ==, texts[i]);
        g_assert_true (dm_time_parse (back, z ? rome : NULL, &b, NULL));
        g_assert_cmpint (dm_time_compare (&t, &b), ==, 0);
        /* whole minutes: no local mean time leaks into UTC */
        if (t.precision != DM_PRECISION_SECOND)
          g_assert_cmpint (t.earliest % 60, ==, 0);
      }

  /* beyond -9999 or 9999, and malformed expanded years */
  {
    const char *outside[] = { "-10000", "+10000", "-010000-01-01" };
    const char *bad[] = { "-05", "-0500-02-30", "-0001-02-29", "+2025-13", "--0500", "-1234567" };

    for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
      {
        g_autoptr(GError) range = NULL;

        g_assert_false (dm_time_parse (outside[i], NULL, &t, &range));
        g_assert_error (range, DM_ERROR, DM_ERROR_PARSE);
        g_assert_nonnull (strstr (range->message, "-9999 to 9999"));
      }
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      g_assert_false (dm_time_parse (bad[i], NULL, &t, NULL));
  }

  /* UTC output of an exact time before the year 1 */
  g_assert_true (dm_time_parse ("-0043-03-15T12:30+01:00", NULL, &t, NULL));
  {
    g_autofree char *in_utc = dm_time_format_utc (&t);
    g_autofree char *iso_utc = dm_time_format_utc_iso (t.earliest);
    g_assert_cmpstr (in_utc, ==, "-0043-03-15 11:30 UTC");
    g_assert_cmpstr (iso_utc, ==, "-0043-03-15T11:30:00Z");
  }
}

/* Dates before the common era as a person reads them, in each language */
static void
test_format_bce (void)
{
  const char *english[] = {
    "-0499", "500 BC",
    "-0043-03", "March 44 BC",
    "-0043-03-15", "15 March 44 BC",
    "-0043-03-21/-0043-03-31", "late March 44 BC",
    "-0043-03-15~", "about 15 March 44 BC",
    "0000", "1 BC",
    "0001", "1",
    "0676", "676",
    NULL
  };
  const char *french[] = { "-0499", "500\u00a0av. J.-C.", "-0043-03-15", "15 mars 44\u00a0av. J.-C.", NULL };
  const char *russian[] = { "-0499", "500 до н. э.", "-0043-03-15", "15 марта 44 г. до н. э.", NULL };
  const char *korean[] = { "-0499", "기원전 500", "-0043-03-15", "기원전 44년 3월 15일", NULL };
  g_autofree char *range = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *french_caption = NULL;
  DmTime a, b;

  /* English, after the other languages' tests */
  g_setenv ("LANGUAGE", "", TRUE);
  textdomain (GETTEXT_PACKAGE);
  check_texts (english);
  g_assert_true (dm_time_parse ("-0043-03-15", NULL, &a, NULL));
  g_assert_true (dm_time_parse ("-0043-03-17", NULL, &b, NULL));
  range = dm_time_format_range (&a, &b, NULL);
  g_assert_cmpstr (range, ==, "15 – 17 March 44 BC");
  /* a caption's words, weekday included: the Ides of March, 44 BC, fell on a Friday in our calendar */
  caption = dm_time_format_unix (a.earliest + 12 * 3600, NULL, "%A %-d %B %Y, %H:%M UTC");
  g_assert_cmpstr (caption, ==, "Friday 15 March 44 BC, 12:00 UTC");

  use_catalogue ("fr");
  check_texts (french);
  french_caption = dm_time_format_unix (a.earliest, NULL, "%-d %B %Y");
  g_assert_cmpstr (french_caption, ==, "15 mars 44\u00a0av. J.-C.");
  use_catalogue ("ru");
  check_texts (russian);
  use_catalogue ("ko");
  check_texts (korean);
  g_setenv ("LANGUAGE", "", TRUE);
}

/* An approximate time is drawn over one unit of its precision either side; its text stays
 * as written; a time without "~" is sharp; a period is its own range */
static void
test_drawn_range (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  struct { const char *text; gint64 before, after; gboolean vague; const char *shown; } cases[] = {
    { "2025-10-28~", 86400, 86400, TRUE, "about 28 October 2025" },
    { "2025-10-28T10:00Z~", 7200, 7200, TRUE, NULL },
    { "2025-10-28", 0, 0, FALSE, "28 October 2025" },
    { "2025-10-28T10:00Z", 0, 0, FALSE, NULL },
    { "2025-10-21/2025-10-31", 0, 0, TRUE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DmTime time;
      gint64 a, b;
      g_autoptr(GError) error = NULL;

      g_assert_true (dm_time_parse (cases[i].text, utc, &time, &error));
      g_assert_no_error (error);
      g_assert_cmpint (dm_time_get_drawn_range (&time, &a, &b), ==, cases[i].vague);
      g_assert_cmpint (a, ==, time.earliest - cases[i].before);
      g_assert_cmpint (b, ==, time.latest + cases[i].after);
      if (cases[i].shown != NULL)
        {
          g_autofree char *shown = dm_time_format_local (&time, utc);
          g_assert_cmpstr (shown, ==, cases[i].shown);
        }
    }
}

/* A day the place's clocks skipped did not happen there: the parse says so, rather than give
 * a day of no length that is written back as the next one (fuzz-time); the days around it,
 * and the same day elsewhere, read as days */
static void
test_skipped_day (void)
{
  struct { const char *zone, *skipped, *before, *after; } days[] = {
    { "Pacific/Kiritimati", "1994-12-31", "1994-12-30", "1995-01-01" },
    { "Pacific/Apia", "2011-12-30", "2011-12-29", "2011-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (days[i].zone);
      g_autoptr(GError) error = NULL;
      DmTime t;

      g_assert_false (dm_time_parse (days[i].skipped, zone, &t, &error));
      g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, days[i].skipped));
      g_assert_true (dm_time_parse (days[i].before, zone, &t, NULL));
      g_assert_cmpint (t.latest - t.earliest, ==, 86400);
      g_assert_true (dm_time_parse (days[i].after, zone, &t, NULL));
      g_assert_cmpint (t.latest - t.earliest, ==, 86400);
      g_assert_true (dm_time_parse (days[i].skipped, NULL, &t, NULL));
      g_assert_cmpint (t.latest - t.earliest, ==, 86400);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/time/day-is-local", test_day_is_local);
  g_test_add_func ("/model/time/offsets", test_offsets);
  g_test_add_func ("/model/time/zone-offsets", test_zone_offsets);
  g_test_add_func ("/model/time/precision", test_precision);
  g_test_add_func ("/model/time/bad", test_bad);
  g_test_add_func ("/model/time/round-trip", test_round_trip);
  g_test_add_func ("/model/time/round-trip/periods", test_round_trip_periods);
  g_test_add_func ("/model/time/old-dates", test_old_dates);
  g_test_add_func ("/model/time/bce", test_bce);
  g_test_add_func ("/model/time/format", test_format);
  g_test_add_func ("/model/time/format/precision", test_format_precision);
  g_test_add_func ("/model/time/format/french", test_format_french);
  g_test_add_func ("/model/time/format/russian", test_format_russian);
  g_test_add_func ("/model/time/format/korean", test_format_korean);
  g_test_add_func ("/model/time/drawn-range", test_drawn_range);
  g_test_add_func ("/model/time/skipped-day", test_skipped_day);
  /* last: it leaves the messages' language switched */
  g_test_add_func ("/model/time/format/bce", test_format_bce);
  return g_test_run ();
}
