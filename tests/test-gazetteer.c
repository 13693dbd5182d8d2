/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

static DmGazetteer *
gazetteer (void)
{
  DmGazetteer *self = dm_gazetteer_get_default ();

  g_assert_nonnull (self);
  return self;
}

static const DmGazetteerEntry *
lookup (const char *query,
        const char *country)
{
  const DmGazetteerEntry *entry = dm_gazetteer_lookup (gazetteer (), query, country);

  if (entry == NULL)
    g_error ("%s (%s) not found", query, country ? country : "any country");
  return entry;
}

static void
assert_near (const DmGazetteerEntry *entry,
             double                  latitude,
             double                  longitude,
             double                  tolerance)
{
  if (fabs (entry->latitude - latitude) > tolerance ||
      fabs (entry->longitude - longitude) > tolerance)
    g_error ("%s (%s) is at %.3f, %.3f, not near %.3f, %.3f", entry->name, entry->country,
             entry->latitude, entry->longitude, latitude, longitude);
}

static void
test_fold (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "Mińsk", "minsk" },
    { "São Paulo", "sao paulo" },
    { "  SHARM el-Sheikh ", "sharm el sheikh" },
    { "L'Aquila", "laquila" },
    { "Łódź", "lodz" },
    { "Straße", "strasse" },
    { "Washington, D.C.", "washington d c" },
    { "Москва", "москва" },
    { "평양", NULL },  /* not Latin: kept (decomposed), only cased */
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = dm_gazetteer_fold (cases[i].in);

      if (cases[i].out != NULL)
        g_assert_cmpstr (folded, ==, cases[i].out);
      else
        g_assert_cmpuint (strlen (folded), >, 0);
    }

  /* folding is idempotent, and different spellings meet */
  {
    g_autofree char *a = dm_gazetteer_fold ("Sharm el-Sheikh");
    g_autofree char *b = dm_gazetteer_fold ("Sharm El Sheikh");
    g_autofree char *c = dm_gazetteer_fold (a);

    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (a, ==, c);
  }
}

static guint
naive_distance (const gunichar *a, int n_a, const gunichar *b, int n_b)
{
  guint d[16][16];

  for (int i = 0; i <= n_a; i++)
    d[i][0] = i;
  for (int j = 0; j <= n_b; j++)
    d[0][j] = j;
  for (int i = 1; i <= n_a; i++)
    for (int j = 1; j <= n_b; j++)
      d[i][j] = MIN (MIN (d[i - 1][j] + 1, d[i][j - 1] + 1),
                     d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
  return d[n_a][n_b];
}

/* The banded edit distance and the bit-set filter agree with the plain algorithm. */
static void
test_edit_distance (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 20000; round++)
    {
      gunichar a[15], b[15];
      char sa[16], sb[16];
      int n_a = g_rand_int_range (rand, 0, 15);
      int n_b = g_rand_int_range (rand, 0, 15);
      guint limit = g_rand_int_range (rand, 1, 4);
      guint expected, got;

      for (int i = 0; i < n_a; i++)
        sa[i] = a[i] = 'a' + g_rand_int_range (rand, 0, 4);
      for (int i = 0; i < n_b; i++)
        sb[i] = b[i] = 'a' + g_rand_int_range (rand, 0, 4);
      sa[n_a] = sb[n_b] = '\0';

      expected = naive_distance (a, n_a, b, n_b);
      got = dm_gazetteer_edit_distance (a, n_a, b, n_b, limit);
      if (expected <= limit)
        {
          g_assert_cmpuint (got, ==, expected);
          g_assert_cmpuint (__builtin_popcount (dm_gazetteer_key_mask (sa) ^
                                                dm_gazetteer_key_mask (sb)), <=, 2 * limit);
        }
      else
        {
          g_assert_cmpuint (got, ==, limit + 1);
        }
    }
  g_rand_free (rand);
}

static void
test_ambiguity (void)
{
  const DmGazetteerEntry *e;

  e = lookup ("Moscow", NULL);
  g_assert_cmpstr (e->country, ==, "RU");
  g_assert_true (e->is_capital);
  assert_near (e, 55.75, 37.62, 0.2);

  e = lookup ("Moscow, US", NULL);
  g_assert_cmpstr (e->country, ==, "US");
  assert_near (e, 46.7, -117.0, 0.2);   /* Moscow, Idaho */
  g_assert_cmpstr (e->timezone, ==, "America/Los_Angeles");
  g_assert_true (lookup ("Moscow", "US") == e);
  g_assert_true (lookup ("moscow,  united states", NULL) == e);
  g_assert_true (lookup ("Moscow, Russia", NULL) == lookup ("Moscow, RU", NULL));
  g_assert_true (lookup ("Moscow, RUS", NULL) == lookup ("Moscow", NULL));

  e = lookup ("Paris", NULL);
  g_assert_cmpstr (e->country, ==, "FR");
  g_assert_true (e->is_capital);
  e = lookup ("Paris, US", NULL);
  g_assert_cmpstr (e->country, ==, "US");
  g_assert_false (e->is_capital);

  /* an island the city data gives no population: it outranks a town of the same name */
  e = lookup ("Bali", NULL);
  g_assert_cmpstr (e->country, ==, "ID");
  assert_near (e, -8.41, 115.19, 0.2);
  e = lookup ("Bali, Cameroon", NULL);
  g_assert_cmpstr (e->country, ==, "CM");
  assert_near (e, 5.89, 10.01, 0.2);
  g_assert_cmpstr (lookup ("Balikpapan", NULL)->country, ==, "ID");

  /* the country given and the one after the comma disagree */
  g_assert_null (dm_gazetteer_lookup (gazetteer (), "Moscow, RU", "US"));
  /* a suffix that is no country: only a name of a single place goes through */
  g_assert_nonnull (dm_gazetteer_lookup (gazetteer (), "Gyeongju, North Gyeongsang", NULL));
  g_assert_null (dm_gazetteer_lookup (gazetteer (), "Moscow, Idahoo", NULL));
  g_assert_null (dm_gazetteer_lookup (gazetteer (), "Moscow", "KP"));
  g_assert_null (dm_gazetteer_lookup (gazetteer (), "Xqzzyplace", NULL));
  g_assert_null (dm_gazetteer_lookup (gazetteer (), " ,.", NULL));
}

static void
test_qualifiers (void)
{
  DmGazetteer *self = gazetteer ();
  const DmGazetteerEntry *e;

  /* a qualifier in parentheses, as the U.S. travel record writes them */
  e = lookup ("Dakar (Senegal)", NULL);
  g_assert_cmpstr (e->country, ==, "SN");
  g_assert_null (dm_gazetteer_lookup (self, "Dakar (Senegal)", "FR"));
  e = lookup ("Halifax (Nova Scotia)", "CA");
  assert_near (e, 44.65, -63.57, 0.2);
  e = lookup ("Windsor (Ontario)", "CA");
  g_assert_cmpstr (e->country, ==, "CA");
  /* "Washington, D.C." is a name with a comma, not a name and a country */
  e = lookup ("Washington, D.C.", NULL);
  g_assert_true (e == lookup ("Washington", NULL));
  g_assert_true (e->is_capital);
  g_assert_cmpstr (e->country, ==, "US");

  /* a region (state, province) as qualifier, by name or by letter code */
  e = lookup ("Moscow, Idaho", NULL);
  g_assert_true (e == lookup ("Moscow, US", NULL));
  g_assert_true (lookup ("Moscow, ID", NULL) == e);   /* ID is Indonesia too: no Moscow there */
  g_assert_cmpstr (dm_gazetteer_entry_get_region (self, e), ==, "Idaho");
  e = lookup ("Portland, Maine", NULL);
  assert_near (e, 43.66, -70.26, 0.1);
  e = lookup ("Portland, OR", NULL);
  assert_near (e, 45.52, -122.68, 0.1);
  g_assert_cmpstr (lookup ("Atlanta, Georgia", NULL)->country, ==, "US");
  g_assert_cmpstr (lookup ("Tbilisi, Georgia", NULL)->country, ==, "GE");
  g_assert_cmpstr (lookup ("Perth, Scotland", NULL)->country, ==, "GB");
  g_assert_cmpstr (lookup ("Perth", NULL)->country, ==, "AU");
  g_assert_null (dm_gazetteer_lookup (self, "Portland, Ontario", NULL));

  /* abbreviations: St. is Saint */
  g_assert_true (lookup ("St. Petersburg", NULL) == lookup ("Saint Petersburg", "RU"));
  g_assert_true (lookup ("Ft. Erie", "CA") == lookup ("Fort Erie", "CA"));

  /* old names */
  g_assert_true (lookup ("Saigon", NULL) == lookup ("Ho Chi Minh City", NULL));
  g_assert_true (lookup ("Leningrad", NULL) == lookup ("Saint Petersburg", "RU"));
  g_assert_true (lookup ("Bombay", NULL) == lookup ("Mumbai", NULL));
}

/* A translation that is the own name of another place was dropped: Macedonian's
 * "Dubai" for Mumbai, Icelandic's "Tallaght" for Ramallah. */
/* Free text as real calendars and spreadsheets write it (the examples of issue 10) */
static void
test_text (void)
{
  DmGazetteer *self = gazetteer ();
  g_auto(DmGazetteerTextMatch) m = { 0 };

  /* a tour calendar: venue, city, country; the country decides which Newcastle */
  dm_gazetteer_lookup_text (self, "O2 City Hall Newcastle, Newcastle, United Kingdom", NULL, &m);
  g_assert_nonnull (m.entry);
  g_assert_cmpstr (m.entry->name, ==, "Newcastle upon Tyne");
  g_assert_cmpstr (m.country->code, ==, "GB");
  g_assert_null (m.dropped);
  dm_gazetteer_text_match_clear (&m);

  /* a state's code before the country: Kentucky, not Wales */
  dm_gazetteer_lookup_text (self, "Newport, KY, United States", NULL, &m);
  g_assert_cmpstr (m.entry->country, ==, "US");
  g_assert_cmpstr (dm_gazetteer_entry_get_region (self, m.entry), ==, "Kentucky");
  g_assert_cmpstr (m.region, ==, "Kentucky");
  g_assert_cmpstr (m.name, ==, "Newport");
  dm_gazetteer_text_match_clear (&m);

  /* places the gazetteer does not have: where the text puts them, never Canada or Moldova */
  dm_gazetteer_lookup_text (self, "Del Mar, CA", NULL, &m);
  g_assert_null (m.entry);
  g_assert_cmpstr (m.country->code, ==, "US");
  g_assert_cmpstr (m.region, ==, "California");
  g_assert_cmpstr (m.name, ==, "Del Mar");
  dm_gazetteer_text_match_clear (&m);
  dm_gazetteer_lookup_text (self, "Joint Base Andrews, MD", NULL, &m);
  g_assert_null (m.entry);
  g_assert_cmpstr (m.country->code, ==, "US");
  g_assert_cmpstr (m.region, ==, "Maryland");
  dm_gazetteer_text_match_clear (&m);
  dm_gazetteer_lookup_text (self, "Palm Beach, FL", NULL, &m);
  g_assert_null (m.entry);
  g_assert_cmpstr (m.region, ==, "Florida");
  dm_gazetteer_text_match_clear (&m);
  dm_gazetteer_lookup_text (self, "Sochi, Florida", NULL, &m);
  g_assert_null (m.entry);
  g_assert_cmpstr (m.country->code, ==, "US");
  dm_gazetteer_text_match_clear (&m);

  /* a postal code, a Canadian and an Australian abbreviation, an ISO 3166-2 code */
  dm_gazetteer_lookup_text (self, "Springfield, IL 62701, USA", NULL, &m);
  g_assert_cmpstr (dm_gazetteer_entry_get_region (self, m.entry), ==, "Illinois");
  dm_gazetteer_text_match_clear (&m);
  dm_gazetteer_lookup_text (self, "Halifax, NS", NULL, &m);
  g_assert_cmpstr (m.entry->country, ==, "CA");
  dm_gazetteer_text_match_clear (&m);
  dm_gazetteer_lookup_text (self, "Newcastle, NSW", NULL, &m);
  g_assert_cmpstr (m.entry->country, ==, "AU");
  dm_gazetteer_text_match_clear (&m);
  dm_gazetteer_lookup_text (self, "Portland, US-ME", NULL, &m);
  assert_near (m.entry, 43.66, -70.26, 0.1);
  dm_gazetteer_text_match_clear (&m);

  /* a region that is its own city; a qualifier that names nothing is said, not dropped */
  dm_gazetteer_lookup_text (self, "Kremlin, Moscow, Russia", NULL, &m);
  g_assert_true (m.entry == lookup ("Moscow", NULL));
  dm_gazetteer_text_match_clear (&m);
  dm_gazetteer_lookup_text (self, "Gyeongju, North Gyeongsang", NULL, &m);
  g_assert_cmpstr (m.entry->country, ==, "KR");
  g_assert_cmpstr (m.dropped, ==, "North Gyeongsang");
  dm_gazetteer_text_match_clear (&m);

  /* the country given and the one written disagree: the text wins and says so */
  dm_gazetteer_lookup_text (self, "Newcastle, United Kingdom", "US", &m);
  g_assert_true (m.other_country);
  g_assert_cmpstr (m.entry->country, ==, "GB");
  dm_gazetteer_text_match_clear (&m);
  dm_gazetteer_lookup_text (self, "Newport", "US", &m);
  g_assert_false (m.other_country);
  g_assert_cmpstr (m.entry->country, ==, "US");
  dm_gazetteer_text_match_clear (&m);

  /* the old lookup no longer drops a region it knows */
  g_assert_null (dm_gazetteer_lookup (self, "Palm Beach, FL", NULL));
  g_assert_null (dm_gazetteer_lookup (self, "Sochi, Florida", NULL));
}

static void
test_translation_slips (void)
{
  g_assert_cmpstr (lookup ("Dubai", NULL)->country, ==, "AE");
  g_assert_cmpstr (lookup ("Tallaght", NULL)->country, ==, "IE");
  g_assert_cmpstr (lookup ("Cheyenne", NULL)->country, ==, "US");
  g_assert_cmpstr (lookup ("Bangor", NULL)->country, !=, "IN");
  /* while an exonym much larger than its namesake stays */
  g_assert_cmpstr (lookup ("Roma", NULL)->country, ==, "IT");
  g_assert_cmpstr (lookup ("Pekin", NULL)->country, ==, "CN");
}

static void
test_scripts (void)
{
  g_assert_true (lookup ("Москва", NULL) == lookup ("Moscow", "RU"));
  g_assert_true (lookup ("평양", NULL) == lookup ("Pyongyang", NULL));
  g_assert_true (lookup ("Mińsk", NULL) == lookup ("Minsk", NULL));
  g_assert_true (lookup ("MINSK", NULL) == lookup ("Minsk", "BY"));
  g_assert_true (lookup ("São Paulo", NULL) == lookup ("Sao Paulo", NULL));
  g_assert_true (lookup ("Moskau", NULL) == lookup ("Moscow", NULL));
  g_assert_cmpstr (lookup ("Pyongyang", NULL)->country, ==, "KP");
  g_assert_cmpstr (lookup ("São Paulo", NULL)->country, ==, "BR");
}

static void
test_zones (void)
{
  g_assert_cmpstr (lookup ("Pyongyang", NULL)->timezone, ==, "Asia/Pyongyang");
  g_assert_cmpstr (lookup ("Gyeongju", NULL)->timezone, ==, "Asia/Seoul");
  g_assert_cmpstr (lookup ("Minsk", NULL)->timezone, ==, "Europe/Minsk");
  g_assert_cmpstr (lookup ("Vladivostok", NULL)->timezone, ==, "Asia/Vladivostok");
  g_assert_cmpstr (lookup ("Kuala Lumpur", NULL)->timezone, ==, "Asia/Kuala_Lumpur");
  g_assert_cmpstr (lookup ("Chicago", NULL)->timezone, ==, "America/Chicago");
  /* China keeps Beijing time; old ids become the current one; a country's own id stays */
  g_assert_cmpstr (lookup ("Lhasa", NULL)->timezone, ==, "Asia/Shanghai");
  g_assert_cmpstr (lookup ("Yangon", NULL)->timezone, ==, "Asia/Yangon");
  g_assert_cmpstr (lookup ("Bratislava", NULL)->timezone, ==, "Europe/Bratislava");
  /* the nearest zone, but one of the country's own: not Detroit's across the river */
  g_assert_cmpstr (lookup ("Windsor", "CA")->timezone, ==, "America/Toronto");
  g_assert_cmpstr (lookup ("Konstanz", NULL)->timezone, ==, "Europe/Berlin");
}

/* Every zone of the data is an IANA id this system knows. */
static void
test_zones_valid (void)
{
  DmGazetteer *self = gazetteer ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < dm_gazetteer_get_n_entries (self); i++)
    g_hash_table_add (seen, (char *) dm_gazetteer_get_entry (self, i)->timezone);
  for (guint i = 0; i < dm_gazetteer_get_n_countries (self); i++)
    g_hash_table_add (seen, (char *) dm_gazetteer_get_country (self, i)->timezone);

  g_assert_cmpuint (g_hash_table_size (seen), >, 300);
  {
    GHashTableIter iter;
    const char *zone;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, (gpointer *) &zone, NULL))
      {
        g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

        if (tz == NULL)
          g_error ("time zone %s is not known on this system", zone);
      }
  }
}

static void
test_capitals (void)
{
  DmGazetteer *self = gazetteer ();
  guint n_capitals = 0;

  g_assert_cmpuint (dm_gazetteer_get_n_countries (self), >=, 249);
  for (guint i = 0; i < dm_gazetteer_get_n_countries (self); i++)
    {
      const DmCountry *country = dm_gazetteer_get_country (self, i);
      const DmGazetteerEntry *capital;

      if (country->capital == NULL)
        continue;
      capital = dm_gazetteer_lookup (self, country->capital, country->code);
      if (capital == NULL)
        g_error ("capital %s of %s not found", country->capital, country->code);
      g_assert_true (capital->is_capital);
      g_assert_cmpstr (capital->timezone, ==, country->timezone);
      n_capitals++;
    }
  g_assert_cmpuint (n_capitals, >=, 240);
  g_assert_cmpuint (dm_gazetteer_get_n_entries (self), >, 20000);
}

static void
test_venues (void)
{
  const struct { const char *name, *country; double lat, lon; } venues[] = {
    { "Davos", "CH", 46.80, 9.84 },
    { "Camp David", "US", 39.65, -77.46 },
    { "Panmunjom", "KR", 37.96, 126.68 },
    { "Nusa Dua", "ID", -8.80, 115.23 },
    { "Gyeongju", "KR", 35.84, 129.21 },
    { "Sigonella", "IT", 37.40, 14.92 },
    { "Taormina", "IT", 37.85, 15.29 },
    { "Evian", "FR", 46.40, 6.59 },
    { "Kananaskis", "CA", 50.93, -115.14 },
    { "Yalta", "UA", 44.50, 34.17 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (venues); i++)
    {
      const DmGazetteerEntry *e = lookup (venues[i].name, NULL);

      g_assert_cmpstr (e->country, ==, venues[i].country);
      g_assert_true (e->is_venue);
      assert_near (e, venues[i].lat, venues[i].lon, 0.1);
    }
  g_assert_false (lookup ("Moscow", NULL)->is_venue);
}

/* Completions as the user types: any script, capitals and big places first, the whole name
 * before longer ones */
static void
test_complete (void)
{
  DmGazetteer *self = gazetteer ();
  g_autoptr(GPtrArray) vlad = dm_gazetteer_complete (self, "vladi", 5);
  g_autoptr(GPtrArray) mos = dm_gazetteer_complete (self, "Москва", 5);
  g_autoptr(GPtrArray) minsk = dm_gazetteer_complete (self, "Minsk", 3);
  g_autoptr(GPtrArray) none = dm_gazetteer_complete (self, "Qwxzvbnmkj", 5);
  g_autoptr(GPtrArray) empty = dm_gazetteer_complete (self, " ", 5);
  gboolean has_vladivostok = FALSE;
  const DmGazetteerEntry *e;

  g_assert_cmpuint (vlad->len, >, 1);
  g_assert_cmpuint (vlad->len, <=, 5);
  for (guint i = 0; i < vlad->len; i++)
    {
      e = g_ptr_array_index (vlad, i);
      g_assert_true (g_str_has_prefix (e->name, "Vladi"));
      has_vladivostok |= g_str_equal (e->name, "Vladivostok");
    }
  g_assert_true (has_vladivostok);
  /* the capital first: "Vladimir" and "Vladikavkaz" are bigger than the others */
  g_assert_cmpuint (mos->len, >=, 1);
  e = g_ptr_array_index (mos, 0);
  g_assert_cmpstr (e->name, ==, "Moscow");
  g_assert_cmpstr (e->country, ==, "RU");
  e = g_ptr_array_index (minsk, 0);
  g_assert_cmpstr (e->name, ==, "Minsk");
  g_assert_cmpstr (e->country, ==, "BY");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_fuzzy (void)
{
  DmGazetteer *self = gazetteer ();
  const DmGazetteerEntry *e;
  guint distance = 99;

  e = dm_gazetteer_lookup_fuzzy (self, "Brusssels", "BE", &distance);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->name, ==, "Brussels");
  g_assert_cmpuint (distance, ==, 1);

  e = dm_gazetteer_lookup_fuzzy (self, "Brussels", "BE", &distance);
  g_assert_nonnull (e);
  g_assert_cmpuint (distance, ==, 0);

  e = dm_gazetteer_lookup_fuzzy (self, "Taormnia", "IT", &distance);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->name, ==, "Taormina");
  g_assert_cmpuint (distance, ==, 2);

  /* the qualifier is left out */
  e = dm_gazetteer_lookup_fuzzy (self, "Castel Ventrano (Sicily)", "IT", &distance);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->name, ==, "Castelvetrano");
  g_assert_cmpuint (distance, ==, 2);

  /* only inside the country */
  g_assert_null (dm_gazetteer_lookup_fuzzy (self, "Brusssels", "FR", &distance));
  /* garbage, and a short name too far away (limit 1 up to five letters) */
  g_assert_null (dm_gazetteer_lookup_fuzzy (self, "Qwxzvbnmkj", "BE", &distance));
  g_assert_null (dm_gazetteer_lookup_fuzzy (self, "Rxmf", "IT", &distance));
  g_assert_null (dm_gazetteer_lookup_fuzzy (self, "", "IT", &distance));
}

static void
test_countries (void)
{
  DmGazetteer *self = gazetteer ();
  const DmCountry *ru = dm_gazetteer_lookup_country (self, "RU");

  g_assert_nonnull (ru);
  g_assert_cmpstr (ru->code, ==, "RU");
  g_assert_cmpstr (ru->name, ==, "Russia");
  g_assert_cmpstr (ru->capital, ==, "Moscow");
  g_assert_cmpstr (ru->timezone, ==, "Europe/Moscow");
  g_assert_cmpstr (dm_gazetteer_country_get_code3 (self, ru), ==, "RUS");
  g_assert_true (dm_gazetteer_lookup_country (self, "Russia") == ru);
  g_assert_true (dm_gazetteer_lookup_country (self, "RUS") == ru);
  g_assert_true (dm_gazetteer_lookup_country (self, "ru") == ru);
  g_assert_true (dm_gazetteer_lookup_country (self, "Russian Federation") == ru);
  g_assert_true (dm_gazetteer_lookup_country (self, "Россия") == ru);

  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "North Korea")->code, ==, "KP");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "South Korea")->code, ==, "KR");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "United States")->code, ==, "US");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "USA")->code, ==, "US");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "Belarus")->timezone, ==, "Europe/Minsk");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "Côte d'Ivoire")->code, ==, "CI");
  g_assert_null (dm_gazetteer_lookup_country (self, "Atlantis"));
  g_assert_null (dm_gazetteer_lookup_country (self, "QQ"));
  /* continents, for the app's region filter */
  g_assert_cmpstr (ru->continent, ==, "Europe");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "TR")->continent, ==, "Asia");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "KP")->continent, ==, "Asia");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "US")->continent, ==, "Americas");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "CI")->continent, ==, "Africa");
  g_assert_cmpstr (dm_gazetteer_lookup_country (self, "AU")->continent, ==, "Oceania");
  for (guint i = 0; i < dm_gazetteer_get_n_countries (self); i++)
    g_assert_nonnull (dm_gazetteer_get_country (self, i)->continent);

  /* a representative point inside the country, roughly */
  g_assert_cmpfloat (ru->latitude, >, 41);
  g_assert_cmpfloat (ru->latitude, <, 82);
  g_assert_cmpfloat (ru->longitude, >, 19);
}

/* Country names from CLDR: the short forms a map shows, English (NULL) when there is none */
static void
test_country_names (void)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();
  const DmCountry *ru = dm_gazetteer_lookup_country (gaz, "RU");

  g_assert_cmpstr (dm_gazetteer_translate_country (gaz, "RU", "fr"), ==, "Russie");
  g_assert_cmpstr (dm_gazetteer_translate_country (gaz, "KP", "fr"), ==, "Corée du Nord");
  g_assert_cmpstr (dm_gazetteer_translate_country (gaz, "RU", "ko"), ==, "러시아");
  g_assert_cmpstr (dm_gazetteer_translate_country (gaz, "RU", "ko_KR.UTF-8"), ==, "러시아");
  g_assert_cmpstr (dm_gazetteer_translate_country (gaz, "RU", "ru"), ==, "Россия");
  g_assert_cmpstr (dm_gazetteer_translate_country (gaz, "RU", "ar"), ==, "روسيا");
  /* short forms, not CLDR's long official ones */
  g_assert_cmpstr (dm_gazetteer_translate_country (gaz, "HK", "fr"), ==, "Hong Kong");
  /* English, a language we do not ship, a code nobody has: the caller's English name */
  g_assert_null (dm_gazetteer_translate_country (gaz, "RU", "en"));
  g_assert_null (dm_gazetteer_translate_country (gaz, "RU", "xx"));
  g_assert_null (dm_gazetteer_translate_country (gaz, "QQ", "fr"));
  /* the tests run in English */
  g_assert_nonnull (ru);
  g_assert_cmpstr (dm_gazetteer_country_get_display_name (gaz, ru), ==, "Russia");
}

/* Place names from libgweather's translations, for the gazetteer's own English names */
static void
test_place_names (void)
{
  DmGazetteer *gaz = dm_gazetteer_get_default ();

  g_assert_cmpstr (dm_gazetteer_translate_place (gaz, "Moscow", "RU", "fr"), ==, "Moscou");
  g_assert_cmpstr (dm_gazetteer_translate_place (gaz, "Moscow", "RU", "ko"), ==, "모스크바");
  g_assert_cmpstr (dm_gazetteer_translate_place (gaz, "Moscow", "RU", "ru"), ==, "Москва");
  g_assert_cmpstr (dm_gazetteer_translate_place (gaz, "Pyongyang", "KP", "ko"), ==, "평양");
  /* the same name in another country is another place */
  g_assert_null (dm_gazetteer_translate_place (gaz, "Moscow", "CA", "fr"));
  g_assert_null (dm_gazetteer_translate_place (gaz, "Moscow", "RU", "en"));
  g_assert_null (dm_gazetteer_translate_place (gaz, "Nowhere-on-Earth", "RU", "fr"));
  g_assert_null (dm_gazetteer_translate_place (gaz, "Moscow", NULL, "fr"));
}

/* Airports by IATA and ICAO code (data/airports.tsv, issue 10) */
static void
test_airports (void)
{
  const DmAirport *svo = dm_gazetteer_lookup_airport (gazetteer (), "SVO");
  const DmAirport *a;

  g_assert_nonnull (svo);
  g_assert_cmpstr (svo->icao, ==, "UUEE");
  g_assert_cmpstr (svo->city, ==, "Moscow");
  g_assert_cmpstr (svo->country, ==, "RU");
  g_assert_cmpfloat_with_epsilon (svo->latitude, 55.97, 0.05);
  g_assert_cmpfloat_with_epsilon (svo->longitude, 37.41, 0.05);
  g_assert_true (dm_gazetteer_lookup_airport (gazetteer (), "uuee") == svo);

  a = dm_gazetteer_lookup_airport (gazetteer (), "ZKPY");
  g_assert_nonnull (a);
  g_assert_cmpstr (a->iata, ==, "FNJ");
  g_assert_cmpstr (a->country, ==, "KP");
  /* the codes issue 10 saw read as Mali, the Philippines, Syria, Monaco and a Belgian town */
  g_assert_cmpstr (dm_gazetteer_lookup_airport (gazetteer (), "SAN")->city, ==, "San Diego");
  g_assert_cmpstr (dm_gazetteer_lookup_airport (gazetteer (), "PHL")->city, ==, "Philadelphia");
  g_assert_cmpstr (dm_gazetteer_lookup_airport (gazetteer (), "SYR")->city, ==, "Syracuse");
  g_assert_cmpstr (dm_gazetteer_lookup_airport (gazetteer (), "MCO")->city, ==, "Orlando");
  g_assert_cmpstr (dm_gazetteer_lookup_airport (gazetteer (), "ATH")->country, ==, "GR");
  /* a small airfield is not kept; neither is anything that is not a code */
  g_assert_null (dm_gazetteer_lookup_airport (gazetteer (), "PYO"));
  g_assert_null (dm_gazetteer_lookup_airport (gazetteer (), "Moscow"));
  g_assert_null (dm_gazetteer_lookup_airport (gazetteer (), ""));

  g_assert_true (dm_gazetteer_is_airport_code ("SVO"));
  g_assert_true (dm_gazetteer_is_airport_code ("ZKPY"));
  g_assert_true (dm_gazetteer_is_airport_code ("K1O6"));
  g_assert_false (dm_gazetteer_is_airport_code ("svo"));
  g_assert_false (dm_gazetteer_is_airport_code ("Ath"));
  g_assert_false (dm_gazetteer_is_airport_code ("1ABC"));
  g_assert_false (dm_gazetteer_is_airport_code ("SV"));
}

/* Every country of countries.tsv is in one UN M49 sub-region (its smallest area, or the
 * sub-region above that intermediate region), under one region; Antarctica is M49's 010,
 * in no region. Western Asia apart from Southern, Eastern and South-eastern Asia. */
static void
test_m49 (void)
{
  DmGazetteer *self = dm_gazetteer_get_default ();
  static const struct { const char *country, *area; } known[] = {
    { "SA", "145" }, { "TR", "145" }, { "IL", "145" }, { "AE", "145" }, { "CY", "145" },
    { "IR", "034" }, { "IN", "034" }, { "PK", "034" }, { "CN", "030" }, { "KP", "030" },
    { "JP", "030" }, { "ID", "035" }, { "VN", "035" }, { "KZ", "143" }, { "EG", "015" },
    { "KE", "014" }, { "CI", "011" }, { "MX", "013" }, { "BR", "005" }, { "CU", "029" },
    { "US", "021" }, { "RU", "151" }, { "GB", "154" }, { "FR", "155" }, { "IT", "039" },
    { "XK", "039" }, { "AU", "053" }, { "FJ", "054" }, { "GU", "057" }, { "WS", "061" },
    { "AQ", "010" },
  };
  guint n = dm_gazetteer_get_n_countries (self);

  g_assert_cmpuint (n, >, 240);
  for (guint i = 0; i < n; i++)
    {
      const DmCountry *country = dm_gazetteer_get_country (self, i);
      const DmM49Area *area = dm_gazetteer_country_get_m49_area (self, country->code);
      const DmM49Area *sub_region = NULL, *region = NULL;
      guint depth = 0;

      if (area == NULL)
        g_error ("%s (%s) is in no M49 area", country->code, country->name);
      for (const DmM49Area *a = area; a != NULL; a = dm_gazetteer_m49_area_get_parent (a))
        {
          const DmM49Area *parent = dm_gazetteer_m49_area_get_parent (a);

          if (parent != NULL && dm_gazetteer_m49_area_get_parent (parent) == NULL)
            sub_region = a;
          if (parent == NULL)
            region = a;
          depth++;
          g_assert_cmpuint (depth, <=, 3);
        }
      g_assert_nonnull (region);
      if (g_str_equal (country->code, "AQ"))
        {
          g_assert_cmpstr (region->code, ==, "010");
          continue;
        }
      if (sub_region == NULL)
        g_error ("%s is in no M49 sub-region", country->code);
      g_assert_true (dm_gazetteer_country_in_m49_area (self, country->code, sub_region));
      g_assert_true (dm_gazetteer_country_in_m49_area (self, country->code, region));
      /* and in no other sub-region */
      for (guint k = 0; k < dm_gazetteer_get_n_m49_areas (); k++)
        {
          const DmM49Area *other = dm_gazetteer_get_m49_area (k);
          const DmM49Area *parent = dm_gazetteer_m49_area_get_parent (other);

          if (other != sub_region && parent != NULL && dm_gazetteer_m49_area_get_parent (parent) == NULL)
            g_assert_false (dm_gazetteer_country_in_m49_area (self, country->code, other));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const DmM49Area *area = dm_gazetteer_country_get_m49_area (self, known[i].country);

      g_assert_nonnull (area);
      g_assert_cmpstr (area->code, ==, known[i].area);
    }
  /* by alpha-3 and lower case too; by name */
  g_assert_cmpstr (dm_gazetteer_country_get_m49_area (self, "SAU")->code, ==, "145");
  g_assert_cmpstr (dm_gazetteer_country_get_m49_area (self, "sa")->code, ==, "145");
  g_assert_null (dm_gazetteer_country_get_m49_area (self, "ZZ"));
  g_assert_cmpstr (dm_gazetteer_lookup_m49_area ("Western Asia")->code, ==, "145");
  g_assert_cmpstr (dm_gazetteer_lookup_m49_area ("145")->name, ==, "Western Asia");
  g_assert_cmpstr (dm_gazetteer_m49_area_get_parent (dm_gazetteer_lookup_m49_area ("145"))->name, ==, "Asia");
  g_assert_true (dm_gazetteer_country_in_m49_area (self, "MX", dm_gazetteer_lookup_m49_area ("419")));
  g_assert_false (dm_gazetteer_country_in_m49_area (self, "IR", dm_gazetteer_lookup_m49_area ("145")));
  g_assert_false (dm_gazetteer_country_in_m49_area (self, NULL, dm_gazetteer_lookup_m49_area ("145")));
  /* each area after its parent */
  for (guint i = 0; i < dm_gazetteer_get_n_m49_areas (); i++)
    {
      const DmM49Area *area = dm_gazetteer_get_m49_area (i);
      gboolean before = area->parent == NULL;

      for (guint k = 0; k < i && !before; k++)
        before = g_str_equal (dm_gazetteer_get_m49_area (k)->code, area->parent);
      g_assert_true (before);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/gazetteer/fold", test_fold);
  g_test_add_func ("/model/gazetteer/country-names", test_country_names);
  g_test_add_func ("/model/gazetteer/place-names", test_place_names);
  g_test_add_func ("/model/gazetteer/edit-distance", test_edit_distance);
  g_test_add_func ("/model/gazetteer/ambiguity", test_ambiguity);
  g_test_add_func ("/model/gazetteer/qualifiers", test_qualifiers);
  g_test_add_func ("/model/gazetteer/text", test_text);
  g_test_add_func ("/model/gazetteer/translation-slips", test_translation_slips);
  g_test_add_func ("/model/gazetteer/scripts", test_scripts);
  g_test_add_func ("/model/gazetteer/zones", test_zones);
  g_test_add_func ("/model/gazetteer/zones-valid", test_zones_valid);
  g_test_add_func ("/model/gazetteer/capitals", test_capitals);
  g_test_add_func ("/model/gazetteer/venues", test_venues);
  g_test_add_func ("/model/gazetteer/fuzzy", test_fuzzy);
  g_test_add_func ("/model/gazetteer/complete", test_complete);
  g_test_add_func ("/model/gazetteer/countries", test_countries);
  g_test_add_func ("/model/gazetteer/m49", test_m49);
  g_test_add_func ("/model/gazetteer/airports", test_airports);

  return g_test_run ();
}
