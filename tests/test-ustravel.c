/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The U.S. travel record: the bundled record as a whole, and a small fixture
 * (tests/data/ustravel) for multi-place and empty locales, misspellings and journeys. */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "dm-document.h"
#include "dm-loader.h"
#include "dm-error.h"
#include "dm-format.h"
#include "dm-gazetteer.h"
#include "dm-ustravel-format.h"
#include "dm-ustravel-private.h"
#include "interop-common.h"

/* ---------------------------------------------------------------- helpers */

static DmDocument *
load_path (const char *path)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&doc);
}

static DmDocument *
load_fixture (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "ustravel", NULL);
  return load_path (dir);
}

static GPtrArray *
events_of_kind (DmDocument  *doc,
                DmEventKind  kind,
                const char  *actor)
{
  GListModel *events = dm_document_get_events (doc);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (events, i);
      if (dm_event_get_kind (e) != kind)
        continue;
      if (actor && g_strcmp0 (dm_actor_get_id (dm_event_get_actor (e)), actor) != 0)
        continue;
      g_ptr_array_add (out, g_steal_pointer (&e));
    }
  return out;
}

static DmEvent *
find_visit (DmDocument *doc,
            const char *id)
{
  g_autoptr(GPtrArray) visits = events_of_kind (doc, DM_EVENT_KIND_VISIT, NULL);

  for (guint i = 0; i < visits->len; i++)
    if (g_strcmp0 (dm_event_get_id (g_ptr_array_index (visits, i)), id) == 0)
      return g_object_ref (g_ptr_array_index (visits, i));
  return NULL;
}

static char *
basename_of (GFile *file)
{
  return file ? g_file_get_basename (file) : g_strdup ("");
}

/* ---------------------------------------------------------------- the fixture */

static void
test_sniff (void)
{
  g_autofree char *trips = NULL, *presidents = NULL;
  g_autofree char *a = g_test_build_filename (G_TEST_DIST, "data", "ustravel", "president-travels",
                                              "doe-john.xml", NULL);
  g_autofree char *b = g_test_build_filename (G_TEST_DIST, "data", "ustravel", "presidents",
                                              "presidents.xml", NULL);
  gsize la, lb;

  g_assert_true (g_file_get_contents (a, &trips, &la, NULL));
  g_assert_true (g_file_get_contents (b, &presidents, &lb, NULL));
  g_assert_true (dm_ustravel_format_sniff ("doe-john.xml", trips, la));
  g_assert_false (dm_ustravel_format_sniff ("presidents.xml", presidents, lb));
  g_assert_false (dm_ustravel_format_sniff ("x.diplomap", "{\"diplomap\": 1}", 15));
  g_assert_cmpstr (dm_format_find_for_data ("doe-john.xml", trips, la)->name, ==, "us-travels");
}

static void
test_multi_place_locale (void)
{
  g_autoptr(DmDocument) doc = load_fixture ();
  g_autoptr(DmEvent) first = find_visit (doc, "trip-3");
  g_autoptr(DmEvent) second = find_visit (doc, "trip-3-2");
  g_autoptr(DmEvent) third = find_visit (doc, "trip-3-3");

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_null (third);
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (first)), ==, "Taormina");
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (second)), ==, "Sigonella");
  g_assert_cmpint (dm_place_get_level (dm_event_get_place (second)), ==, DM_PLACE_LEVEL_CITY);
  /* both stops come from the same <trip>, with its dates */
  g_assert_cmpuint (dm_event_get_line (first), ==, 23);
  g_assert_cmpuint (dm_event_get_line (second), ==, 23);
  g_assert_cmpint (dm_time_compare (dm_event_get_start (first), dm_event_get_start (second)), ==, 0);
}

static void
test_empty_locale (void)
{
  g_autoptr(DmDocument) doc = load_fixture ();
  g_autoptr(DmEvent) visit = find_visit (doc, "trip-4");
  DmPlace *place;

  g_assert_nonnull (visit);
  place = dm_event_get_place (visit);
  g_assert_cmpint (dm_place_get_level (place), ==, DM_PLACE_LEVEL_COUNTRY);
  g_assert_cmpstr (dm_place_get_country (place), ==, "VA");
  g_assert_cmpstr (dm_event_get_host (visit), ==, "VA");
  g_assert_null (find_visit (doc, "trip-4-2"));
}

static void
test_misspelling (void)
{
  g_autoptr(DmDocument) doc = load_fixture ();
  g_autoptr(DmEvent) visit = find_visit (doc, "trip-2");
  DmPlace *place = dm_event_get_place (visit);

  g_assert_cmpstr (dm_place_get_name (place), ==, "Brussels");
  g_assert_cmpstr (dm_place_get_country (place), ==, "BE");
  g_assert_cmpint (dm_place_get_level (place), ==, DM_PLACE_LEVEL_CITY);
  g_assert_nonnull (dm_place_get_note (place));
  g_assert_nonnull (strstr (dm_place_get_note (place), "Brusssels"));
}

static void
test_unknown_place (void)
{
  g_autoptr(DmDocument) doc = load_fixture ();
  g_autoptr(DmEvent) before = find_visit (doc, "trip-5");
  g_autoptr(DmEvent) unknown = find_visit (doc, "trip-5-2");
  g_autoptr(DmEvent) after = find_visit (doc, "trip-5-3");
  GListModel *problems = dm_document_get_problems (doc);
  g_autoptr(DmProblem) problem = NULL;
  g_autofree char *name = NULL;

  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (before)), ==, "Kawagoe");
  g_assert_cmpstr (dm_place_get_name (dm_event_get_place (after)), ==, "Tokyo");
  g_assert_cmpint (dm_place_get_level (dm_event_get_place (unknown)), ==, DM_PLACE_LEVEL_COUNTRY);
  g_assert_cmpstr (dm_place_get_country (dm_event_get_place (unknown)), ==, "JP");

  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 1);
  problem = g_list_model_get_item (problems, 0);
  name = basename_of (dm_problem_get_file (problem));
  g_assert_cmpstr (name, ==, "doe-john.xml");
  g_assert_cmpuint (dm_problem_get_line (problem), ==, 50);
  g_assert_cmpuint (dm_problem_get_column (problem), ==, 9);
  g_assert_nonnull (strstr (dm_problem_get_message (problem), "Xyzzyville"));
}

/* The places of a journey's legs, "A>B>C" */
static char *
route_of (DmEvent *journey)
{
  GPtrArray *legs = dm_event_get_legs (journey);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);

      g_assert_true (leg->inferred);
      if (i == 0)
        g_string_append (s, dm_place_get_name (leg->from));
      else
        g_assert_true (leg->from == ((DmLeg *) g_ptr_array_index (legs, i - 1))->to);
      g_string_append_printf (s, ">%s", dm_place_get_name (leg->to));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Legs never run backwards: each ends after it starts, and starts no earlier than the one
 * before it (they may overlap by a flight time: the record gives days, not hours) */
static void
assert_legs_run_forward (GPtrArray *journeys)
{
  for (guint i = 0; i < journeys->len; i++)
    {
      GPtrArray *legs = dm_event_get_legs (g_ptr_array_index (journeys, i));

      for (guint k = 0; k < legs->len; k++)
        {
          DmLeg *leg = g_ptr_array_index (legs, k);

          g_assert_cmpint (leg->end, >=, leg->start);
          if (k > 0)
            g_assert_cmpint (leg->start, >=, ((DmLeg *) g_ptr_array_index (legs, k - 1))->start);
        }
    }
}

static void
test_journeys (void)
{
  g_autoptr(DmDocument) doc = load_fixture ();
  g_autoptr(GPtrArray) doe = events_of_kind (doc, DM_EVENT_KIND_TRIP, "doe-john");
  g_autoptr(GPtrArray) roe = events_of_kind (doc, DM_EVENT_KIND_TRIP, "roe-jane");
  g_autoptr(GPtrArray) visits = events_of_kind (doc, DM_EVENT_KIND_VISIT, NULL);
  const char *expected_doe[] = {
    "Washington, D.C.>London>Brussels>Washington, D.C.",
    "Washington, D.C.>Taormina>Sigonella>Vatican City>Washington, D.C.",
    "Washington, D.C.>Kawagoe>Japan>Tokyo>Washington, D.C.",
  };
  const char *expected_roe[] = {
    "Washington, D.C.>Tokyo>Seoul>Manila>Washington, D.C.",
    "Washington, D.C.>Hanoi>Washington, D.C.",
  };
  DmLeg *first;

  g_assert_cmpuint (visits->len, ==, 12);
  g_assert_cmpuint (doe->len, ==, G_N_ELEMENTS (expected_doe));
  for (guint i = 0; i < doe->len; i++)
    {
      g_autofree char *route = route_of (g_ptr_array_index (doe, i));
      g_assert_cmpstr (route, ==, expected_doe[i]);
    }
  /* journeys follow the dates, not the order of the file; a stop one free day after
   * the last (Tokyo ends on the 12th, Manila is on the 14th) is the same journey, one
   * two free days after (Manila on the 14th, Hanoi on the 17th) a new one */
  g_assert_cmpuint (roe->len, ==, G_N_ELEMENTS (expected_roe));
  for (guint i = 0; i < roe->len; i++)
    {
      g_autofree char *route = route_of (g_ptr_array_index (roe, i));
      g_assert_cmpstr (route, ==, expected_roe[i]);
    }

  /* the first leg arrives on the first day; legs run forward in time */
  first = g_ptr_array_index (dm_event_get_legs (g_ptr_array_index (doe, 0)), 0);
  g_assert_true (dm_time_is_known (&first->arrive));
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autofree char *day = dm_time_to_iso (&first->arrive, utc);
    g_assert_cmpstr (day, ==, "2021-06-09");
  }
  assert_legs_run_forward (doe);
  assert_legs_run_forward (roe);

  /* events = visits + journeys; legs are the inferred legs */
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_events (doc)), ==, 12 + 5);
  g_assert_cmpuint (dm_document_get_n_legs (doc), ==, 3 + 4 + 4 + 4 + 2);
}

static void
test_actors_and_terms (void)
{
  g_autoptr(DmDocument) doc = load_fixture ();
  DmActor *doe = dm_document_lookup_actor (doc, "doe-john");
  DmActor *roe = dm_document_lookup_actor (doc, "roe-jane");
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  g_autofree char *took = NULL;
  DmTime start, end;

  g_assert_nonnull (doe);
  g_assert_nonnull (roe);
  g_assert_cmpstr (dm_actor_get_name (doe), ==, "John Doe");
  g_assert_cmpstr (dm_actor_get_role (doe), ==, "President");
  g_assert_cmpstr (dm_actor_get_role (roe), ==, "Secretary of State");
  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_actors (doc)), ==, 2);

  g_assert_cmpuint (dm_actor_get_n_terms (doe), ==, 2);
  g_assert_true (dm_actor_get_term (doe, 0, &start, &end));
  took = dm_time_to_iso (&start, ny);
  g_assert_cmpstr (took, ==, "2021-01-20");
  g_assert_true (dm_time_is_known (&end));
  g_assert_true (dm_actor_get_term (doe, 1, &start, &end));
  g_assert_false (dm_time_is_known (&end));   /* still in office */
  g_assert_false (dm_actor_get_term (doe, 2, &start, &end));
  g_assert_cmpuint (dm_actor_get_n_terms (roe), ==, 0);
}

static void
test_folder_skips_other_files (void)
{
  g_autoptr(DmDocument) doc = load_fixture ();
  GPtrArray *files = dm_document_get_files (doc);

  g_assert_cmpstr (dm_document_get_title (doc), ==,
                   "Foreign travels of U.S. presidents and secretaries of state");
  /* two event files; README.md and presidents.xml are not */
  g_assert_cmpuint (files->len, ==, 2);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = basename_of (g_ptr_array_index (files, i));
      g_assert_true (g_str_equal (name, "doe-john.xml") || g_str_equal (name, "roe-jane.xml"));
    }
}

static void
test_broken_xml (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ustravel-broken.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  guint line, column;

  g_assert_false (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_error (error, DM_ERROR, DM_ERROR_PARSE);
  /* where the text stops (its <trip> is never closed), as the error's data: just past its
   * end, the start of line 7 */
  interop_end_of (file, &line, &column);
  g_assert_cmpuint (line, ==, 7);
  g_assert_cmpuint (column, ==, 1);
  g_assert_true (g_file_equal (dm_error_get_file (error), file));
  g_assert_cmpuint (dm_error_get_line (error), ==, line);
  g_assert_cmpuint (dm_error_get_column (error), ==, column);
  g_assert_true (g_str_has_prefix (error->message, "not valid XML: "));
  text = dm_error_to_string (error);
  expected = g_strdup_printf ("%s:7:1: not valid XML: ", path);
  g_assert_true (g_str_has_prefix (text, expected));
}

/* The problem at the element that starts with @needle ("<…"), on the first line of @path
 * that has it, at its column */
static void
assert_problem_at_element (DmDocument *doc,
                           const char *path,
                           const char *needle,
                           const char *message_part)
{
  GListModel *problems = dm_document_get_problems (doc);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint line, column;

  g_assert_true (needle[0] == '<');
  interop_position_of (file, needle, &line, &column);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      if (dm_problem_get_line (p) == line && dm_problem_get_column (p) == column &&
          strstr (dm_problem_get_message (p), message_part))
        return;
    }
  g_error ("no problem “%s” at %u:%u", message_part, line, column);
}

/* A start-date that is no date takes the end-date (not an invented day, and the stop
 * keeps its place in the journey); an end-date that is none takes the start-date; a
 * trip with neither is a place, not an event */
static void
test_bad_dates (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ustravel-bad-dates.xml", NULL);
  g_autoptr(DmDocument) doc = load_path (path);
  g_autoptr(GPtrArray) journeys = events_of_kind (doc, DM_EVENT_KIND_TRIP, NULL);
  g_autoptr(GPtrArray) visits = events_of_kind (doc, DM_EVENT_KIND_VISIT, NULL);
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autofree char *route = NULL;
  g_autofree char *paris_start = NULL;
  g_autofree char *paris_end = NULL;
  GListModel *places = dm_document_get_places (doc);
  gboolean madrid = FALSE;
  g_autoptr(DmEvent) paris_visit = find_visit (doc, "trip-22");
  g_autoptr(DmEvent) rome_visit = find_visit (doc, "trip-24");
  g_autoptr(DmEvent) madrid_visit = find_visit (doc, "trip-25");

  g_assert_cmpuint (g_list_model_get_n_items (dm_document_get_problems (doc)), ==, 3);
  assert_problem_at_element (doc, path, "<start-date>2021-6-3rd", "the “end-date” is taken for it");
  assert_problem_at_element (doc, path, "<end-date>soon after", "taken as the start date");
  assert_problem_at_element (doc, path, "<start-date/>", "A trip needs a “start-date”");

  g_assert_nonnull (paris_visit);
  paris_start = dm_time_to_iso (dm_event_get_start (paris_visit), paris);
  paris_end = dm_time_to_iso (dm_event_get_end (paris_visit), paris);
  g_assert_cmpstr (paris_start, ==, "2021-06-04");
  g_assert_cmpstr (paris_end, ==, "2021-06-04");
  g_assert_nonnull (rome_visit);
  g_assert_cmpint (dm_event_get_end (rome_visit)->latest, ==, dm_event_get_start (rome_visit)->latest);

  /* Madrid has no date: no event, but its place is there */
  g_assert_null (madrid_visit);
  g_assert_cmpuint (visits->len, ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DmPlace) p = g_list_model_get_item (places, i);
      madrid |= g_str_equal (dm_place_get_name (p), "Madrid");
    }
  g_assert_true (madrid);

  /* one journey (no gap of more than a day), in the order of the days */
  g_assert_cmpuint (journeys->len, ==, 1);
  route = route_of (g_ptr_array_index (journeys, 0));
  g_assert_cmpstr (route, ==, "Washington, D.C.>London>Paris>Berlin>Rome>Washington, D.C.");
  assert_legs_run_forward (journeys);
}

/* ---------------------------------------------------------------- matching rules */

static void
test_split_locale (void)
{
  const struct { const char *locale; const char *parts; } cases[] = {
    { "London", "London" },
    { "Taormina, Sigonella", "Taormina|Sigonella" },
    { "Mexico, D.F.", "Mexico" },                        /* a qualifier, not a stop */
    { "Mexico, D.F., Cuernavaca, Puebla", "Mexico|Cuernavaca|Puebla" },
    { "Martinique, West Indies", "Martinique" },
    { "Halifax, Stellarton (Nova Scotia)", "Halifax|Stellarton (Nova Scotia)" },
    { "Frankfurt, Ramstein Air Force Base, Bonn,\n            Ingelheim",
      "Frankfurt|Ramstein Air Force Base|Bonn|Ingelheim" },
    { "Bay of Islands (Newfoundland, Canada), Bonne Bay", "Bay of Islands (Newfoundland, Canada)|Bonne Bay" },
    { " , ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) parts = dm_ustravel_split_locale (cases[i].locale);
      g_autofree char *joined = NULL;

      g_ptr_array_add (parts, NULL);
      joined = g_strjoinv ("|", (char **) parts->pdata);
      g_assert_cmpstr (joined, ==, cases[i].parts);
    }
}

static void
test_resolve (void)
{
  DmGazetteer *g = dm_gazetteer_get_default ();
  const struct {
    const char      *name;
    const char      *country;
    const char      *place;     /* NULL: not found */
    const char      *in;
    DmUstravelMatch  how;
  } cases[] = {
    { "Paris", "FR", "Paris", "FR", DM_USTRAVEL_MATCH_EXACT },
    { "Saigon", "VN", "Ho Chi Minh City", "VN", DM_USTRAVEL_MATCH_RENAMED },
    { "Mexico", "MX", "Mexico City", "MX", DM_USTRAVEL_MATCH_RENAMED },
    { "Bahia", "BR", "Salvador", "BR", DM_USTRAVEL_MATCH_RENAMED },      /* one name, two renames */
    { "Bahia", "EC", "Bahía de Caráquez", "EC", DM_USTRAVEL_MATCH_RENAMED },
    { "Kiev", "RU", "Kyiv", "UA", DM_USTRAVEL_MATCH_NEIGHBOUR },          /* under the U.S.S.R. */
    { "Zagreb", "RS", "Zagreb", "HR", DM_USTRAVEL_MATCH_NEIGHBOUR },      /* under Yugoslavia */
    { "Algiers (Algeria)", "FR", "Algiers", "DZ", DM_USTRAVEL_MATCH_RENAMED },
    { "Bathurst (The Gambia)", "GB", "Banjul", "GM", DM_USTRAVEL_MATCH_RENAMED },
    { "Halifax (Nova Scotia)", "CA", "Halifax", "CA", DM_USTRAVEL_MATCH_RENAMED },
    { "Ramstein Air Force Base", "DE", NULL, "DE", DM_USTRAVEL_MATCH_EXACT },
    { "Brusssels", "BE", "Brussels", "BE", DM_USTRAVEL_MATCH_FUZZY },
    { "Bali", "ID", "Nusa Dua", "ID", DM_USTRAVEL_MATCH_RENAMED },     /* not "Baki" */
    { "Cornwall", "GB", "Carbis Bay", "GB", DM_USTRAVEL_MATCH_RENAMED }, /* not Ontario */
    { "Xyzzyville", "JP", NULL, NULL, DM_USTRAVEL_MATCH_NONE },
    /* a country in parentheses says where: no Bahamas for Jamaica */
    { "High Rock (Jamaica)", "GB", NULL, NULL, DM_USTRAVEL_MATCH_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DmUstravelResolved r;

      dm_ustravel_resolve_place (g, cases[i].name, cases[i].country, &r);
      g_test_message ("%s in %s: %s", cases[i].name, cases[i].country, r.entry ? r.entry->name : "-");
      g_assert_cmpint (r.how, ==, cases[i].how);
      if (cases[i].in == NULL)
        {
          g_assert_null (r.entry);
          continue;
        }
      g_assert_nonnull (r.entry);
      g_assert_cmpstr (r.entry->country, ==, cases[i].in);
      if (cases[i].place != NULL)
        g_assert_cmpstr (r.entry->name, ==, cases[i].place);
    }
  g_assert_cmpstr (dm_ustravel_country_code (g, "korea-south", "Korea, South"), ==, "KR");
  g_assert_cmpstr (dm_ustravel_country_code (g, "united-kingdom", NULL), ==, "GB");
  g_assert_cmpstr (dm_ustravel_country_code (g, "holy-see", "Vatican City"), ==, "VA");
  g_assert_cmpstr (dm_ustravel_country_code (g, "no-such-land", "Vatican City"), ==, "VA");
  g_assert_null (dm_ustravel_country_code (g, "no-such-land", "Nowhere"));
}

/* ---------------------------------------------------------------- the whole record */

typedef struct
{
  char *locale;   /* NULL when empty */
  guint line;
  guint locale_line;
} TripInfo;

/* Every <trip> of every file, counted with libxml2 apart from the reader:
 * "path:line" -> TripInfo */
static void
count_trips (const char *dir,
             GHashTable *trips)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      xmlDocPtr xdoc;
      xmlNode *root;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          count_trips (path, trips);
          continue;
        }
      if (!g_str_has_suffix (name, ".xml"))
        continue;
      xdoc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
      g_assert_nonnull (xdoc);
      root = xmlDocGetRootElement (xdoc);
      for (xmlNode *n = root->children; n && g_str_equal ((char *) root->name, "trips"); n = n->next)
        {
          TripInfo *info;

          if (n->type != XML_ELEMENT_NODE || !g_str_equal ((char *) n->name, "trip"))
            continue;
          info = g_new0 (TripInfo, 1);
          info->line = xmlGetLineNo (n);
          for (xmlNode *c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && g_str_equal ((char *) c->name, "locale"))
              {
                xmlChar *text = xmlNodeGetContent (c);
                g_autofree char *stripped = g_strstrip (g_strdup ((char *) text));

                if (*stripped)
                  info->locale = g_steal_pointer (&stripped);
                info->locale_line = xmlGetLineNo (c);
                xmlFree (text);
              }
          g_hash_table_insert (trips, g_strdup_printf ("%s:%u", path, info->line), info);
        }
      xmlFreeDoc (xdoc);
    }
}

static void
trip_info_free (gpointer data)
{
  TripInfo *info = data;

  g_free (info->locale);
  g_free (info);
}

static void
test_record (void)
{
  g_autofree char *dir = dm_ustravel_dup_record_dir ();
  g_autoptr(GHashTable) trips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, trip_info_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) problem_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(DmDocument) doc = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  GListModel *problems;
  guint named = 0, city = 0, country_with_problem = 0, own_country = 0, empty = 0;

  g_assert_nonnull (dir);
  count_trips (dir, trips);
  g_assert_cmpuint (g_hash_table_size (trips), >=, 4271);
  g_test_message ("%u <trip> elements", g_hash_table_size (trips));

  doc = load_path (dir);
  problems = dm_document_get_problems (doc);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(DmProblem) p = g_list_model_get_item (problems, i);
      g_autofree char *path = g_file_get_path (dm_problem_get_file (p));

      g_assert_cmpuint (dm_problem_get_column (p), >, 0);
      g_hash_table_add (problem_at, g_strdup_printf ("%s:%u", path, dm_problem_get_line (p)));
    }

  visits = events_of_kind (doc, DM_EVENT_KIND_VISIT, NULL);
  for (guint i = 0; i < visits->len; i++)
    {
      DmEvent *v = g_ptr_array_index (visits, i);
      g_autofree char *path = g_file_get_path (dm_event_get_file (v));
      g_autofree char *key = g_strdup_printf ("%s:%u", path, dm_event_get_line (v));
      TripInfo *info = g_hash_table_lookup (trips, key);
      DmPlace *place = dm_event_get_place (v);

      g_assert_nonnull (info);   /* every visit comes from a <trip> */
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_assert_nonnull (place);
      g_assert_true (dm_time_is_known (dm_event_get_start (v)));
      if (info->locale == NULL)
        {
          empty++;
          g_assert_cmpint (dm_place_get_level (place), ==, DM_PLACE_LEVEL_COUNTRY);
          continue;
        }
      named++;
      if (dm_place_get_level (place) == DM_PLACE_LEVEL_CITY)
        city++;
      else
        {
          g_autofree char *at = g_strdup_printf ("%s:%u", path, info->locale_line);

          g_assert_cmpint (dm_place_get_level (place), ==, DM_PLACE_LEVEL_COUNTRY);
          /* a named place left at country level is reported where the record names it
           * (or names its own country, which says no more than an empty locale) */
          if (g_hash_table_contains (problem_at, at))
            country_with_problem++;
          else
            {
              g_assert_nonnull (dm_gazetteer_lookup_country (dm_gazetteer_get_default (), info->locale));
              own_country++;
            }
        }
    }

  {
    g_autoptr(GPtrArray) journeys = events_of_kind (doc, DM_EVENT_KIND_TRIP, NULL);
    guint n_events = g_list_model_get_n_items (dm_document_get_events (doc));

    assert_legs_run_forward (journeys);
    /* the figures of docs/USTRAVEL.md */
    g_test_message ("%u journeys with %u legs, %u visits: %u events", journeys->len,
                    dm_document_get_n_legs (doc), visits->len, n_events);
    g_assert_cmpuint (n_events, ==, journeys->len + visits->len);
  }

  /* no stop is dropped */
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (trips));
  g_test_message ("%u stops with a place name: %u at city level (%.2f %%), %u at country level "
                  "with a problem, %u naming their own country; %u empty locales", named, city,
                  100.0 * city / named, country_with_problem, own_country, empty);
  g_assert_cmpfloat ((double) city / named, >=, 0.99);
  g_assert_cmpuint (city + country_with_problem + own_country, ==, named);
  g_assert_cmpuint (country_with_problem, >, 0);   /* the record has places no gazetteer knows */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ustravel/sniff", test_sniff);
  g_test_add_func ("/ustravel/locale/multi-place", test_multi_place_locale);
  g_test_add_func ("/ustravel/locale/empty", test_empty_locale);
  g_test_add_func ("/ustravel/locale/misspelt", test_misspelling);
  g_test_add_func ("/ustravel/locale/unknown", test_unknown_place);
  g_test_add_func ("/ustravel/locale/split", test_split_locale);
  g_test_add_func ("/ustravel/locale/resolve", test_resolve);
  g_test_add_func ("/ustravel/journeys", test_journeys);
  g_test_add_func ("/ustravel/actors-and-terms", test_actors_and_terms);
  g_test_add_func ("/ustravel/folder/skips-other-files", test_folder_skips_other_files);
  g_test_add_func ("/ustravel/broken-xml", test_broken_xml);
  g_test_add_func ("/ustravel/bad-dates", test_bad_dates);
  g_test_add_func ("/ustravel/record/every-stop", test_record);

  return g_test_run ();
}
