/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "dm-error.h"
#include "dm-quick-add.h"
#include "interop-common.h"

/* Each example line of docs/EDITING.md, "Quick add" */

static char *
iso (const DmTime *time,
     DmPlace      *place)
{
  return dm_time_to_iso (time, dm_place_get_zone (place));
}

static void
test_trip (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DmEvent) trip = dm_quick_add_parse (doc, "Choe Son Hui: Pyongyang 2025-11-05 > Vladivostok 2025-11-06 > Pyongyang 2025-11-08",
                                                2025, NULL, &error);
  GPtrArray *legs;
  DmLeg *a, *b;
  g_autofree char *depart = NULL;
  g_autofree char *arrive = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (dm_event_get_kind (trip), ==, DM_EVENT_KIND_TRIP);
  /* the sample's actor, by name */
  g_assert_true (dm_event_get_actor (trip) == dm_document_lookup_actor (doc, "choe"));
  legs = dm_event_get_legs (trip);
  g_assert_cmpuint (legs->len, ==, 2);
  a = g_ptr_array_index (legs, 0);
  b = g_ptr_array_index (legs, 1);
  g_assert_cmpstr (dm_place_get_name (a->from), ==, "Pyongyang");
  g_assert_cmpstr (dm_place_get_name (a->to), ==, "Vladivostok");
  g_assert_cmpstr (dm_place_get_country (a->to), ==, "RU");
  g_assert_cmpstr (dm_place_get_name (b->to), ==, "Pyongyang");
  depart = iso (&a->depart, a->from);
  arrive = iso (&b->arrive, b->to);
  g_assert_cmpstr (depart, ==, "2025-11-05");
  g_assert_cmpstr (arrive, ==, "2025-11-08");
  g_assert_cmpuint (dm_event_check (trip)->len, ==, 0);
}

static void
test_visit (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DmEvent) visit = dm_quick_add_parse (doc, "Trump at Gyeongju 29-30 Oct 2025", 2024, NULL, &error);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (dm_event_get_kind (visit), ==, DM_EVENT_KIND_VISIT);
  /* one whole word of "Donald Trump" */
  g_assert_true (dm_event_get_actor (visit) == dm_document_lookup_actor (doc, "trump"));
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (visit)), ==, "Gyeongju");
  start = iso (dm_event_get_start (visit), dm_event_get_place (visit));
  end = iso (dm_event_get_end (visit), dm_event_get_place (visit));
  g_assert_cmpstr (start, ==, "2025-10-29");
  g_assert_cmpstr (end, ==, "2025-10-30");
}

static void
test_summit (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DmEvent) summit = dm_quick_add_parse (doc, "APEC summit, Gyeongju, 31 Oct - 1 Nov 2025: Trump, Xi, Takaichi",
                                                  2025, NULL, &error);
  GPtrArray *people;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (dm_event_get_kind (summit), ==, DM_EVENT_KIND_SUMMIT);
  g_assert_cmpstr (dm_event_get_title (summit), ==, "APEC summit");
  people = dm_event_get_participants (summit);
  g_assert_cmpuint (people->len, ==, 3);
  g_assert_true (g_ptr_array_index (people, 0) == dm_document_lookup_actor (doc, "trump"));
  g_assert_true (g_ptr_array_index (people, 1) == dm_document_lookup_actor (doc, "xi"));
  /* not in the document: a new actor, by the name written */
  g_assert_null (dm_document_lookup_actor (doc, "takaichi"));
  g_assert_cmpstr (dm_actor_get_id (g_ptr_array_index (people, 2)), ==, "takaichi");
  g_assert_cmpstr (dm_actor_get_name (g_ptr_array_index (people, 2)), ==, "Takaichi");
  start = iso (dm_event_get_start (summit), dm_event_get_place (summit));
  end = iso (dm_event_get_end (summit), dm_event_get_place (summit));
  g_assert_cmpstr (start, ==, "2025-10-31");
  g_assert_cmpstr (end, ==, "2025-11-01");
}

static void
test_dates (void)
{
  static const struct { const char *line; const char *start; } cases[] = {
    { "Lavrov at Minsk 2025-10-26", "2025-10-26" },
    { "Lavrov at Minsk 26 Oct 2025", "2025-10-26" },
    { "Lavrov at Minsk 26 October", "2025-10-26" },
    { "Lavrov at Minsk Oct 26", "2025-10-26" },
    { "Lavrov at Minsk ~28 Oct", "2025-10-28~" },
    { "lavrov at Minsk 26 Oct", "2025-10-26" },
  };
  g_autoptr(DmDocument) doc = interop_load_sample ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DmEvent) visit = dm_quick_add_parse (doc, cases[i].line, 2025, NULL, &error);
      g_autofree char *start = NULL;

      g_assert_no_error (error);
      g_assert_true (dm_event_get_actor (visit) == dm_document_lookup_actor (doc, "lavrov"));
      start = iso (dm_event_get_start (visit), dm_event_get_place (visit));
      g_assert_cmpstr (start, ==, cases[i].start);
    }
}

/* What cannot be resolved is listed, not guessed */
static void
test_unresolved (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unresolved = NULL;
  g_autoptr(DmEvent) visit = dm_quick_add_parse (doc, "Trump at Xanadoodle 31 Foo 2025", 2025,
                                                 &unresolved, &error);

  g_assert_null (visit);
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  g_assert_nonnull (unresolved);
  /* the place runs to the last word that is not a date; "2025" alone is no day */
  g_assert_cmpuint (unresolved->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (unresolved, 0), ==, "Xanadoodle 31 Foo");
  g_assert_cmpstr (g_ptr_array_index (unresolved, 1), ==, "2025");
  g_assert_cmpstr (error->message, ==, "Could not make sense of “Xanadoodle 31 Foo”, “2025”");
}

/* The bytes of @line a span covers */
static char *
dup_span (const char *line,
          GArray     *spans,
          guint       i)
{
  DmQuickAddSpan *span = &g_array_index (spans, DmQuickAddSpan, i);

  g_assert_cmpuint (span->start, <=, span->end);
  g_assert_cmpuint (span->end, <=, strlen (line));
  return g_strndup (line + span->start, span->end - span->start);
}

/* Where the unresolved pieces are in the line as typed, so that the preview can mark them:
 * after no-break spaces (two and three bytes, read as one space) and leading spaces too */
static void
test_unresolved_spans (void)
{
  static const struct { const char *line; const char *pieces[3]; } cases[] = {
    { "Trump at Narnia 29-30 Oct 2025", { "Narnia" } },
    { "  Trump\u00a0at\u202fNarnia 29-30 Oct 2025", { "Narnia" } },
    { "Trump at Xanadoodle 31 Foo 2025", { "Xanadoodle 31 Foo", "2025" } },
    { "Trump at Gyeongju 31-32 Oct 2025", { "31-32 Oct 2025" } },
    { "Choe Son Hui: Pyongyang 2025-11-05 > Narnia 2025-11-06 > Pyongyang 2025-11-08",
      { "Narnia" } },
    { "Narnia: Pyongyang 2025-11-05 > Narnia 2025-11-06", { "Narnia" } },
    { "APEC summit, Narnia, 31 Oct - 1 Nov 2025\u00a0: Trump, Xi", { "Narnia" } },
    { "Talks,  Gyeongju ,  31 Foo 2025 : Trump", { "31 Foo 2025" } },
    { "just words", { "just words" } },
  };
  g_autoptr(DmDocument) doc = interop_load_sample ();

  /* (the gazetteer has an Atlantis, in South Africa: Narnia is nowhere) */

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) unresolved = NULL;
      g_autoptr(GArray) spans = NULL;
      g_autoptr(DmEvent) event = dm_quick_add_parse_full (doc, cases[i].line, 2025, &unresolved,
                                                          &spans, &error);
      guint n = g_strv_length ((char **) cases[i].pieces);

      g_test_message ("%s", cases[i].line);
      g_assert_null (event);
      g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
      g_assert_cmpuint (spans->len, ==, n);
      g_assert_cmpuint (unresolved->len, ==, n);
      for (guint k = 0; k < n; k++)
        {
          g_autofree char *piece = dup_span (cases[i].line, spans, k);

          g_assert_cmpstr (piece, ==, cases[i].pieces[k]);
          g_assert_cmpstr (g_ptr_array_index (unresolved, k), ==, cases[i].pieces[k]);
        }
    }
  /* the trip's second stop, not its traveller of the same name */
  {
    const char *line = "Narnia: Pyongyang 2025-11-05 > Narnia 2025-11-06";
    g_autoptr(GArray) spans = NULL;
    g_autoptr(DmEvent) event = dm_quick_add_parse_full (doc, line, 2025, NULL, &spans, NULL);

    g_assert_cmpuint (g_array_index (spans, DmQuickAddSpan, 0).start, ==,
                      strstr (line, "> Narnia") + 2 - line);
  }
  /* a line that makes an event has none */
  {
    g_autoptr(GArray) spans = NULL;
    g_autoptr(DmEvent) event = dm_quick_add_parse_full (doc, "Trump at Gyeongju 29-30 Oct 2025", 2025,
                                                        NULL, &spans, NULL);

    g_assert_nonnull (event);
    g_assert_cmpuint (spans->len, ==, 0);
  }
}

/* Runs under @locale with the messages of @language from the build tree's catalogue;
 * FALSE (the test skipped) where the system lacks @locale (build-aux/dev generates it) */
static gboolean
use_locale (const char *locale,
            const char *language)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, language, "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("the locale %s is not installed", locale);

      g_test_skip (why);
      return FALSE;
    }
  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);  /* drops the translations gettext has cached */
  return TRUE;
}

static void
use_c_locale (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "", TRUE);
  textdomain (GETTEXT_PACKAGE);
}

/* The month words of the user's language, from the locale, besides English ones */
static void
test_locale_months (void)
{
  static const struct { const char *locale, *language, *line, *start, *end; } cases[] = {
    { "fr_FR.UTF-8", "fr", "Trump à Gyeongju 29-30 octobre 2025", "2025-10-29", "2025-10-30" },
    { "fr_FR.UTF-8", "fr", "Trump à Gyeongju 31 OCT. - 1 Nov 2025", "2025-10-31", "2025-11-01" },
    { "fr_FR.UTF-8", "fr", "Trump à Gyeongju 1 févr. 2025", "2025-02-01", NULL },
    { "fr_FR.UTF-8", "fr", "Trump à Gyeongju 3 Fevrier 2025", "2025-02-03", NULL },
    { "fr_FR.UTF-8", "fr", "Trump at Gyeongju 8 août 2025", "2025-08-08", NULL },
    { "fr_FR.UTF-8", "fr", "Trump à Gyeongju 2 juil 2025", "2025-07-02", NULL },
    { "fr_FR.UTF-8", "fr", "Trump à Gyeongju 2 juin 2025", "2025-06-02", NULL },
    /* the genitive after a day, the nominative and the abbreviation */
    { "ru_RU.UTF-8", "ru", "Трамп в Gyeongju 29–30 октября 2025", "2025-10-29", "2025-10-30" },
    { "ru_RU.UTF-8", "ru", "Трамп в Gyeongju 3 Май 2025", "2025-05-03", NULL },
    { "ru_RU.UTF-8", "ru", "Трамп в Gyeongju ~5 мар 2025", "2025-03-05~", NULL },
    { "ru_RU.UTF-8", "ru", "Trump at Gyeongju 29 Oct 2025", "2025-10-29", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DmDocument) doc = interop_load_sample ();
      g_autoptr(GError) error = NULL;
      g_autoptr(DmEvent) visit = NULL;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;

      if (!use_locale (cases[i].locale, cases[i].language))
        break;
      visit = dm_quick_add_parse (doc, cases[i].line, 2024, NULL, &error);
      g_test_message ("%s", cases[i].line);
      g_assert_no_error (error);
      g_assert_cmpint (dm_event_get_kind (visit), ==, DM_EVENT_KIND_VISIT);
      g_assert_true (dm_event_get_actor (visit) != NULL);
      g_assert_cmpstr (dm_place_get_name (dm_event_get_place (visit)), ==, "Gyeongju");
      start = iso (dm_event_get_start (visit), dm_event_get_place (visit));
      g_assert_cmpstr (start, ==, cases[i].start);
      if (cases[i].end != NULL)
        {
          end = iso (dm_event_get_end (visit), dm_event_get_place (visit));
          g_assert_cmpstr (end, ==, cases[i].end);
        }
    }
  use_c_locale ();
  /* under C, a French month that is no English one is not read */
  {
    g_autoptr(DmDocument) doc = interop_load_sample ();
    g_autoptr(GError) error = NULL;
    g_autoptr(DmEvent) visit = dm_quick_add_parse (doc, "Trump at Gyeongju 1-3 février 2025", 2024,
                                                   NULL, &error);

    g_assert_null (visit);
    g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  }
}

/* The grammar's words in the user's language (docs/EDITING.md, "Quick add"): the summit word,
 * the visit word and the marks after a date's numbers come from the catalogue, the month
 * words from the locale; a French title without the English word is a summit only in French */
static void
test_locale_keywords (void)
{
  static const struct {
    const char *locale, *language, *line;
    DmEventKind kind;
    const char *title, *start, *end;
    guint n_people;
    const char *place;
  } cases[] = {
    { "fr_FR.UTF-8", "fr", "Sommet de l'APEC, Gyeongju, 31 oct. - 1 nov. 2025 : Trump, Xi, Takaichi",
      DM_EVENT_KIND_SUMMIT, "Sommet de l'APEC", "2025-10-31", "2025-11-01", 3 },
    /* the no-break space French typography puts before “:” */
    { "fr_FR.UTF-8", "fr", "Sommet de l'APEC, Gyeongju, 31 oct.–1 nov. 2025\u00a0: Trump, Xi",
      DM_EVENT_KIND_SUMMIT, "Sommet de l'APEC", "2025-10-31", "2025-11-01", 2 },
    { "fr_FR.UTF-8", "fr", "Réunion bilatérale, Gyeongju, 30 octobre 2025 : Trump, Xi",
      DM_EVENT_KIND_MEETING, "Réunion bilatérale", "2025-10-30", NULL, 2 },
    { "fr_FR.UTF-8", "fr", "Trump à Gyeongju 29-30 octobre 2025",
      DM_EVENT_KIND_VISIT, NULL, "2025-10-29", "2025-10-30", 0 },
    /* the gazetteer has no Russian name for Gyeongju (“Кёнджу” is refused, below) */
    { "ru_RU.UTF-8", "ru", "Саммит АТЭС, Gyeongju, 31 октября - 1 ноября 2025: Трамп, Си",
      DM_EVENT_KIND_SUMMIT, "Саммит АТЭС", "2025-10-31", "2025-11-01", 2 },
    { "ru_RU.UTF-8", "ru", "Саммит АТЭС, Пусан, 31 октября - 1 ноября 2025: Трамп, Си",
      DM_EVENT_KIND_SUMMIT, "Саммит АТЭС", "2025-10-31", "2025-11-01", 2, "Busan" },
    { "ru_RU.UTF-8", "ru", "Трамп в Пусан 29–30 октября 2025",
      DM_EVENT_KIND_VISIT, NULL, "2025-10-29", "2025-10-30", 0, "Busan" },
    { "ko_KR.UTF-8", "ko", "APEC 정상회의, 경주, 2025년 10월 31일 - 11월 1일: 트럼프, 시진핑",
      DM_EVENT_KIND_SUMMIT, "APEC 정상회의", "2025-10-31", "2025-11-01", 2 },
    { "ko_KR.UTF-8", "ko", "트럼프 at 경주 2025년 10월 29-30일",
      DM_EVENT_KIND_VISIT, NULL, "2025-10-29", "2025-10-30", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DmDocument) doc = interop_load_sample ();
      g_autoptr(GError) error = NULL;
      g_autoptr(DmEvent) event = NULL;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      DmPlace *place;

      if (!use_locale (cases[i].locale, cases[i].language))
        continue;
      g_test_message ("%s", cases[i].line);
      event = dm_quick_add_parse (doc, cases[i].line, 2024, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (dm_event_get_kind (event), ==, cases[i].kind);
      place = dm_event_get_place (event);
      g_assert_nonnull (place);
      g_assert_cmpstr (dm_place_get_name (place), ==, cases[i].place ? cases[i].place : "Gyeongju");
      if (cases[i].title != NULL)
        g_assert_cmpstr (dm_event_get_title (event), ==, cases[i].title);
      g_assert_cmpuint (dm_event_get_participants (event)->len, ==, cases[i].n_people);
      if (cases[i].kind == DM_EVENT_KIND_VISIT)
        g_assert_nonnull (dm_event_get_actor (event));
      start = iso (dm_event_get_start (event), place);
      g_assert_cmpstr (start, ==, cases[i].start);
      if (cases[i].end != NULL)
        {
          end = iso (dm_event_get_end (event), place);
          g_assert_cmpstr (end, ==, cases[i].end);
        }
    }
  /* a place the gazetteer does not know is listed, not guessed */
  if (use_locale ("ru_RU.UTF-8", "ru"))
    {
      g_autoptr(DmDocument) doc = interop_load_sample ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) unresolved = NULL;
      g_autoptr(DmEvent) event = dm_quick_add_parse (doc, "Трамп в Кёнджу 29–30 октября 2025", 2024,
                                                     &unresolved, &error);

      g_assert_null (event);
      g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
      g_assert_cmpuint (unresolved->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (unresolved, 0), ==, "Кёнджу");
    }
  use_c_locale ();
  /* in English, “sommet” is no summit word: a meeting */
  {
    g_autoptr(DmDocument) doc = interop_load_sample ();
    g_autoptr(GError) error = NULL;
    g_autoptr(DmEvent) event = dm_quick_add_parse (doc, "Sommet de l'APEC, Gyeongju, 31 Oct 2025: Trump",
                                                   2024, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dm_event_get_kind (event), ==, DM_EVENT_KIND_MEETING);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/formats/quick-add/trip", test_trip);
  g_test_add_func ("/formats/quick-add/visit", test_visit);
  g_test_add_func ("/formats/quick-add/summit", test_summit);
  g_test_add_func ("/formats/quick-add/dates", test_dates);
  g_test_add_func ("/formats/quick-add/unresolved", test_unresolved);
  g_test_add_func ("/formats/quick-add/unresolved-spans", test_unresolved_spans);
  g_test_add_func ("/formats/quick-add/locale-months", test_locale_months);
  g_test_add_func ("/formats/quick-add/locale-keywords", test_locale_keywords);
  return g_test_run ();
}
