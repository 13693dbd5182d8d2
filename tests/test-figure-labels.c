/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "dm-figure-private.h"
#include "dm-label-placer.h"
#include "dm-route-private.h"
#include "render-test-util.h"

/* What a figure of the sample shows besides its routes: labels that never overlap (the
 * routes', the map's, the legend, the scale bar), tints only for the actors the legend
 * lists, an opaque legend, and stops known only by their country drawn apart from cities. */

#define LABEL_INK 0x222222  /* route labels and place dots (dm-route-style.c) */

static gboolean
boxes_meet (const double *a,
            const double *b)
{
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/* No label's box meets another box (label, dot, marker, legend, scale bar); returns how many
 * labels there are */
static guint
assert_no_overlap (const DmLabelPlacer *placed,
                   const char          *what)
{
  guint n = dm_label_placer_get_n_boxes (placed), n_labels = 0;

  for (guint i = 0; i < n; i++)
    {
      double a[4];

      if (!dm_label_placer_get_box (placed, i, &a[0], &a[1], &a[2], &a[3]))
        continue;
      n_labels++;
      for (guint j = 0; j < n; j++)
        {
          double b[4];
          gboolean label = dm_label_placer_get_box (placed, j, &b[0], &b[1], &b[2], &b[3]);

          if (j != i && boxes_meet (a, b))
            g_error ("%s: label box %u (%.0f,%.0f)-(%.0f,%.0f) meets %s box %u "
                     "(%.0f,%.0f)-(%.0f,%.0f)", what, i, a[0], a[1], a[2], a[3],
                     label ? "label" : "mark", j, b[0], b[1], b[2], b[3]);
        }
    }
  return n_labels;
}

/* Figures of the sample at the auditor's moments: route labels, captions, the map's country
 * and capital labels, the legend and the scale bar all keep apart */
static void
test_no_overlap (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  const struct {
    const char *at;
    int w, h;
    double box[4];  /* bounds, or all 0 to fit */
  } cases[] = {
    { "2025-10-27T03:00:00Z", 1920, 1080, { 0 } },
    { "2025-10-26T06:00:00Z", 1920, 1080, { 0 } },
    { "2025-10-28T12:00:00Z", 1920, 1080, { 0 } },
    { "2025-10-28T12:00:00Z", 900, 300, { 20, 40, 60, 60 } },
    { "2025-10-30T06:00:00Z", 800, 450, { 0 } },
    { "2025-10-27T08:00:00Z", 1200, 900, { 95, 0, 165, 45 } },
    { "2025-10-29T04:00:00Z", 1920, 1080, { 100, 10, 240, 65 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      g_autofree char *what = g_strdup_printf ("%s %dx%d", cases[i].at, cases[i].w, cases[i].h);
      cairo_surface_t *s;
      guint n_labels;

      dm_figure_set_size (figure, cases[i].w, cases[i].h);
      dm_figure_set_time (figure, utc (cases[i].at));
      if (cases[i].box[2] != 0)
        dm_figure_set_bounds (figure, cases[i].box[0], cases[i].box[1], cases[i].box[2],
                              cases[i].box[3]);
      s = render_figure (figure);
      g_assert_nonnull (dm_figure_get_placed (figure));
      n_labels = assert_no_overlap (dm_figure_get_placed (figure), what);
      /* there is something to keep apart: country names, place names, captions */
      g_assert_cmpuint (n_labels, >=, 8);
      cairo_surface_destroy (s);
    }
}

/* How many of @placer's boxes are labels (not marks) */
static guint
count_labels (const DmLabelPlacer *placer)
{
  guint n = 0;

  for (guint k = 0; k < dm_label_placer_get_n_boxes (placer); k++)
    {
      double b[4];
      n += dm_label_placer_get_box (placer, k, &b[0], &b[1], &b[2], &b[3]);
    }
  return n;
}

/* The overlay's labels at @t: the cached dots and names, then this frame's markers and
 * captions; no caption meets a dot, a name or another caption. Adds the place names and the
 * captions placed to @n_names and @n_captions. */
static void
assert_overlay_clean (DmRouteSet   *set,
                      const DmView *view,
                      gint64        t,
                      const char   *what,
                      guint        *n_names,
                      guint        *n_captions)
{
  g_autoptr(DmRouteStyle) style = dm_route_style_copy (dm_route_style_get_default ());
  g_autoptr(DmLabelPlacer) names = dm_label_placer_new (view->width, view->height);
  g_autoptr(DmLabelPlacer) frame = dm_label_placer_new (view->width, view->height);
  g_autoptr(DmLabelPlacer) all = NULL;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width,
                                                   view->height);
  cairo_t *cr = cairo_create (s);

  dm_route_draw_places (set, cr, view, style, 0, names, NULL);
  dm_route_draw_moving (set, cr, view, style, t, FALSE, frame, names);
  /* the frame's captions and the cached dots and names (the frame's markers move over
   * everything, as delegations do) */
  all = dm_label_placer_copy (names);
  for (guint k = 0; k < dm_label_placer_get_n_boxes (frame); k++)
    {
      double b[4];
      if (dm_label_placer_get_box (frame, k, &b[0], &b[1], &b[2], &b[3]))
        dm_label_placer_add_label (all, b[0], b[1], b[2], b[3]);
    }
  assert_no_overlap (all, what);
  *n_names += count_labels (names);
  *n_captions += count_labels (frame);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* A summit in a ring of named places, too close for its caption to find room: on screen
 * (names from a cache, captions each frame) it is shortened or left out, never drawn over
 * the names */
static void
test_overlay_no_overlap (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmRouteSet) set = NULL;
  g_autoptr(DmPlace) hub = dm_place_new (NULL, "Hub", NULL, 0, 0, "UTC");
  g_autoptr(DmEvent) summit = dm_event_new (DM_EVENT_KIND_SUMMIT, "summit");
  g_autoptr(GError) error = NULL;
  guint n_names = 0, n_captions = 0;
  DmTime day;
  DmView view;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("trip%u", i);
      g_autofree char *name = g_strdup_printf ("Place number %u", i);
      g_autoptr(DmEvent) trip = dm_event_new (DM_EVENT_KIND_TRIP, id);
      g_autoptr(DmPlace) p = dm_place_new (NULL, name, NULL, 1.2 * sin (i * G_PI / 6),
                                           1.6 * cos (i * G_PI / 6), "UTC");
      DmLeg *leg = dm_leg_new (p, hub);

      g_assert_true (dm_time_parse ("2025-05-01T10:00:00Z", NULL, &leg->depart, &error));
      g_assert_true (dm_time_parse ("2025-05-01T11:00:00Z", NULL, &leg->arrive, &error));
      dm_event_add_leg (trip, leg);
      dm_leg_unref (leg);
      dm_event_resolve_times (trip);
      dm_document_add_event (doc, trip);
    }
  g_assert_true (dm_time_parse ("2025-05-02", NULL, &day, &error));
  g_assert_no_error (error);
  dm_event_set_title (summit, "A summit with a long name that needs room");
  dm_event_set_place (summit, hub);
  dm_event_set_start (summit, &day);
  dm_document_add_event (doc, summit);
  set = dm_route_set_new (doc);

  dm_view_init (&view, DM_PROJECTION_MERCATOR, (DmLonLat) { 0, 0 }, 256 * 32 / (2 * G_PI),
                420, 260);
  assert_overlay_clean (set, &view, utc ("2025-05-02T12:00:00Z"), "ring of places", &n_names,
                        &n_captions);
  g_test_message ("ring of places: %u names, %u captions", n_names, n_captions);
  /* the names are there to be kept clear of */
  g_assert_cmpuint (n_names, >=, 6);

  /* and the sample over Korea and Japan, where places crowd, at a few moments and zooms */
  {
    g_autoptr(DmDocument) sample = interop_load_sample ();
    g_autoptr(DmRouteSet) sample_set = dm_route_set_new (sample);
    const char *times[] = { "2025-10-26T12:00:00Z", "2025-10-27T12:00:00Z",
                            "2025-10-28T12:00:00Z", "2025-10-29T12:00:00Z",
                            "2025-10-30T06:00:00Z" };

    n_names = n_captions = 0;
    for (int z = 2; z <= 5; z++)
      for (guint i = 0; i < G_N_ELEMENTS (times); i++)
        {
          g_autofree char *what = g_strdup_printf ("sample z%d %s", z, times[i]);

          dm_view_init (&view, DM_PROJECTION_MERCATOR, (DmLonLat) { 133.0, 36.0 },
                        256 * pow (2, z) / (2 * G_PI), 640, 400);
          assert_overlay_clean (sample_set, &view, utc (times[i]), what, &n_names, &n_captions);
        }
    /* something was drawn to keep apart: names and captions both */
    g_test_message ("sample: %u names, %u captions", n_names, n_captions);
    g_assert_cmpuint (n_names, >, 0);
    g_assert_cmpuint (n_captions, >, 0);
  }
}

/* Tints: Russia (Lavrov), Hungary (Szijjártó) and China (Xi) only while the legend lists
 * their actor */
static void
test_tints (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  const struct {
    const char *at;
    double lon, lat;  /* inside the country, clear of routes and labels */
    gboolean tinted;
  } cases[] = {
    { "2025-10-26T06:00:00Z", 128.0, 63.0, FALSE },  /* Yakutia, Lavrov not in the legend */
    { "2025-10-27T03:00:00Z", 128.0, 63.0, TRUE },   /* Lavrov in talks with Choe */
    { "2025-10-27T03:00:00Z", 20.0, 46.4, FALSE },   /* Hungary, Szijjártó not listed */
    { "2025-10-28T12:00:00Z", 20.0, 46.4, TRUE },    /* Szijjártó at the Minsk conference */
    { "2025-10-28T12:00:00Z", 104.0, 32.0, FALSE },  /* Sichuan, Xi not listed */
    { "2025-10-30T06:00:00Z", 104.0, 32.0, TRUE },   /* Xi meets Trump */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      cairo_surface_t *s;
      guint32 p;
      double x, y;

      dm_figure_set_size (figure, 1600, 900);
      dm_figure_set_bounds (figure, 0, 20, 150, 72);
      dm_figure_set_time (figure, utc (cases[i].at));
      s = render_figure (figure);
      dm_figure_map_point (figure, cases[i].lon, cases[i].lat, &x, &y);
      p = pixel_at (s, (int) x, (int) y);
      if (cases[i].tinted)
        g_assert_cmpint (color_distance (p, DM_MAP_COLOR_LAND), >, 6);
      else if (color_distance (p, DM_MAP_COLOR_LAND) > 1)
        g_error ("%s: (%.1f, %.1f) is #%06x, not land", cases[i].at, cases[i].lon, cases[i].lat, p);
      cairo_surface_destroy (s);
    }

  /* no legend: no tint (the United States, Trump's, at any time) */
  {
    g_autoptr(DmFigure) figure = dm_figure_new (doc);
    cairo_surface_t *s;
    double x, y;

    dm_figure_set_size (figure, 1600, 900);
    dm_figure_set_bounds (figure, -125, 20, -60, 55);
    dm_figure_set_time (figure, utc ("2025-10-27T03:00:00Z"));
    dm_figure_set_show_legend (figure, FALSE);
    s = render_figure (figure);
    dm_figure_map_point (figure, -100.0, 40.0, &x, &y);
    g_assert_cmpint (color_distance (pixel_at (s, (int) x, (int) y), DM_MAP_COLOR_LAND), <=, 1);
    cairo_surface_destroy (s);
  }
}

/* The legend hides the map under it: its padding is plain white */
static void
test_legend_opaque (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  cairo_surface_t *s;
  double mx, my, mw, mh, b[4];

  dm_figure_set_size (figure, 1920, 1080);
  dm_figure_set_time (figure, utc ("2025-10-27T03:00:00Z"));
  s = render_figure (figure);
  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  /* the legend's box comes first */
  g_assert_false (dm_label_placer_get_box (dm_figure_get_placed (figure), 0,
                                           &b[0], &b[1], &b[2], &b[3]));
  g_assert_cmpfloat (b[2] - b[0], >, 100);
  for (double y = b[1] + 3; y < b[3] - 3; y++)
    for (double x = b[2] - 5; x < b[2] - 2; x++)
      g_assert_cmphex (pixel_at (s, (int) (mx + x), (int) (my + y)), ==, 0xffffff);
  cairo_surface_destroy (s);
}

static DmDocument *
country_stop_document (DmPlaceLevel level)
{
  DmDocument *doc = dm_document_new ();
  g_autoptr(DmActor) actor = dm_actor_new ("rubio", "Marco Rubio");
  g_autoptr(DmEvent) trip = dm_event_new (DM_EVENT_KIND_TRIP, "trip");
  g_autoptr(DmPlace) rome = dm_place_new (NULL, "Rome", "IT", 41.89, 12.48, "Europe/Rome");
  g_autoptr(DmPlace) belarus = dm_place_new (NULL, "Belarus", "BY", 53.5, 28.0, "Europe/Minsk");
  g_autoptr(DmPlace) warsaw = dm_place_new (NULL, "Warsaw", "PL", 52.23, 21.01, "Europe/Warsaw");
  DmLeg *legs[2];

  dm_place_set_level (belarus, level);
  dm_event_set_actor (trip, actor);
  dm_event_set_status (trip, DM_STATUS_COMPLETED);
  legs[0] = dm_leg_new (rome, belarus);
  legs[1] = dm_leg_new (belarus, warsaw);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *d = g_strdup_printf ("2025-05-0%uT10:00:00Z", 3 + i);
      g_autofree char *a = g_strdup_printf ("2025-05-0%uT12:00:00Z", 3 + i);

      g_assert_true (dm_time_parse (d, NULL, &legs[i]->depart, &error));
      g_assert_true (dm_time_parse (a, NULL, &legs[i]->arrive, &error));
      g_assert_no_error (error);
      dm_event_add_leg (trip, legs[i]);
      dm_leg_unref (legs[i]);
    }
  dm_event_resolve_times (trip);
  dm_document_add_actor (doc, actor);
  dm_document_add_event (doc, trip);
  return doc;
}

/* A stop known only by its country is a dashed ring, hollow, not a city's dot, on a soft halo
 * as wide as where it may be; the legend says what it is */
static void
test_country_stop (void)
{
  double legend_h[2], around[2];

  for (int country = 0; country < 2; country++)
    {
      g_autoptr(DmDocument) doc =
        country_stop_document (country ? DM_PLACE_LEVEL_COUNTRY : DM_PLACE_LEVEL_CITY);
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      cairo_surface_t *s;
      double x, y, b[4];
      guint ring = 0;

      dm_figure_set_size (figure, 1920, 1080);
      dm_figure_set_bounds (figure, 5, 38, 40, 60);
      dm_figure_set_time (figure, utc ("2025-05-05T00:00:00Z"));
      s = render_figure (figure);
      dm_figure_map_point (figure, 28.0, 53.5, &x, &y);
      /* a ring of the labels' ink, 6 to 8.5 px out (the dot's radius is 3); on the left,
       * the name goes to the right */
      for (int dy = -9; dy <= 9; dy++)
        for (int dx = -9; dx <= -1; dx++)
          {
            double r = hypot (dx, dy);
            if (r >= 6 && r <= 8.5 && color_distance (pixel_at (s, (int) x + dx, (int) y + dy),
                                                    LABEL_INK) <= 40)
              ring++;
          }
      /* the soft halo of a place known only by its country: the map around it darker than
       * around a city, 15 to 30 px out, where no ring or dot is */
      around[country] = 0;
      for (int a = 0; a < 36; a++)
        for (double rr = 15; rr <= 30; rr += 5)
          {
            guint32 p = pixel_at (s, x + rr * cos (a * G_PI / 18), y + rr * sin (a * G_PI / 18));
            around[country] += (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3.0 / 144;
          }
      if (country)
        {
          /* hollow: the legs come in to the centre, no dot covers them */
          g_assert_cmpint (color_distance (pixel_at (s, (int) x, (int) y), LABEL_INK), >, 60);
          g_assert_cmpuint (ring, >=, 5);
        }
      else
        {
          g_assert_cmpint (color_distance (pixel_at (s, (int) x, (int) y), LABEL_INK), <=, 40);
          g_assert_cmpuint (ring, <=, 1);
        }
      g_assert_false (dm_label_placer_get_box (dm_figure_get_placed (figure), 0,
                                               &b[0], &b[1], &b[2], &b[3]));
      legend_h[country] = b[3] - b[1];
      cairo_surface_destroy (s);
    }
  /* one more row in the legend */
  g_assert_cmpfloat (legend_h[1], >, legend_h[0] + 10);
  g_test_message ("mean brightness around Belarus: %.1f as a city, %.1f as a country",
                  around[0], around[1]);
  g_assert_cmpfloat (around[1], <, around[0] - 12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure-labels/no-overlap", test_no_overlap);
  g_test_add_func ("/render/figure-labels/overlay-no-overlap", test_overlay_no_overlap);
  g_test_add_func ("/render/figure-labels/tints", test_tints);
  g_test_add_func ("/render/figure-labels/legend-opaque", test_legend_opaque);
  g_test_add_func ("/render/figure-labels/country-stop", test_country_stop);
  return g_test_run ();
}
