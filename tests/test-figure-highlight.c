/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "dm-figure-private.h"
#include "dm-great-circle.h"
#include "dm-route-highlight.h"
#include "render-test-util.h"

/* A figure highlighting a summit (dm_figure_set_highlight, `--highlight`) draws it as the
 * window draws its selection: the other routes veiled (paler), the participants' trips drawn
 * over them in their colours, a ring around its place; an unknown id highlights nothing. */

static DmFigure *
sample_figure (DmDocument *doc,
               const char *highlight)
{
  DmFigure *figure = dm_figure_new (doc);

  dm_figure_set_size (figure, 1280, 720);
  dm_figure_set_time (figure, utc ("2025-10-29T12:00:00Z"));
  dm_figure_set_highlight (figure, highlight);
  return figure;
}

static int
luma (guint32 p)
{
  return (int) (0.3 * ((p >> 16) & 0xff) + 0.59 * ((p >> 8) & 0xff) + 0.11 * (p & 0xff));
}

/* Pixel of @s at the figure's point @f of the way from @a to @b (lon, lat) */
static guint32
pixel_on (cairo_surface_t *s,
          DmFigure        *figure,
          DmLonLat         a,
          DmLonLat         b,
          double           f)
{
  DmLonLat p = dm_great_circle_interpolate (a, b, f);
  double x, y;

  dm_figure_map_point (figure, p.lon, p.lat, &x, &y);
  return pixel_at (s, x, y);
}

/* How many pixels of @a and @b differ */
static guint
count_differing (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += color_distance (pixel_at (a, x, y), pixel_at (b, x, y)) > 6;
  return n;
}

static void
test_summit (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) plain = sample_figure (doc, NULL);
  g_autoptr(DmFigure) lit = sample_figure (doc, "minsk-conference");
  g_autoptr(DmFigure) unknown = sample_figure (doc, "no-such-event");
  cairo_surface_t *p = render_figure (plain), *h = render_figure (lit), *u = render_figure (unknown);
  DmLonLat tokyo = { 139.69, 35.69 }, kl = { 101.69, 3.14 };
  DmLonLat minsk = { 27.56, 53.90 };
  DmPlace *place = dm_event_get_place (interop_find_event (doc, "minsk-conference"));
  double x, y;
  guint32 ring_plain = 0, ring_lit = 0;
  int darkest_plain = 255, darkest_lit = 255;

  g_assert_cmpstr (dm_figure_get_highlight (lit), ==, "minsk-conference");
  /* Trump's Tokyo - Kuala Lumpur leg, no part of the summit: veiled, so paler */
  for (double f = 0.3; f <= 0.7; f += 0.01)
    {
      darkest_plain = MIN (darkest_plain, luma (pixel_on (p, plain, tokyo, kl, f)));
      darkest_lit = MIN (darkest_lit, luma (pixel_on (h, lit, tokyo, kl, f)));
    }
  g_test_message ("Trump's leg: darkest %d plain, %d highlighted", darkest_plain, darkest_lit);
  g_assert_cmpint (darkest_lit, >, darkest_plain + 20);

  /* a ring around Minsk, in Choe's orange, 11 px out */
  minsk.lon = dm_place_get_longitude (place);
  minsk.lat = dm_place_get_latitude (place);
  dm_figure_map_point (lit, minsk.lon, minsk.lat, &x, &y);
  for (double a = 0; a < 2 * G_PI; a += G_PI / 16)
    {
      guint32 c = pixel_at (h, x + 11 * cos (a), y + 11 * sin (a));
      /* orange: red well over blue */
      if ((int) ((c >> 16) & 0xff) - (int) (c & 0xff) > 120)
        ring_lit++;
      c = pixel_at (p, x + 11 * cos (a), y + 11 * sin (a));
      if ((int) ((c >> 16) & 0xff) - (int) (c & 0xff) > 120)
        ring_plain++;
    }
  g_test_message ("ring: %u of 32 orange highlighted, %u plain", ring_lit, ring_plain);
  g_assert_cmpuint (ring_lit, >=, 24);
  g_assert_cmpuint (ring_plain, <, ring_lit / 2);

  /* an id the document does not have highlights nothing */
  g_assert_cmpuint (count_differing (p, u), ==, 0);
  g_assert_cmpuint (count_differing (p, h), >, 10000);

  cairo_surface_destroy (p);
  cairo_surface_destroy (h);
  cairo_surface_destroy (u);
}

typedef struct
{
  DmRouteSet      *set;
  DmDocument      *doc;
  DmEvent         *event;
  GPtrArray       *people;
  DmView           view;
  cairo_surface_t *expected;
  gint             failures;
} HighlightRace;

static cairo_surface_t *
draw_highlight (HighlightRace *race,
                DmDocument    *doc)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, race->view.width,
                                                   race->view.height);
  cairo_t *cr = cairo_create (s);

  dm_route_draw_highlighted (cr, &race->view, race->set, doc, race->event, race->people);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static gpointer
highlight_thread (gpointer data)
{
  HighlightRace *race = data;

  for (guint k = 0; k < 4; k++)
    {
      cairo_surface_t *s = draw_highlight (race, race->doc);

      if (count_differing (s, race->expected) != 0)
        g_atomic_int_inc (&race->failures);
      cairo_surface_destroy (s);
    }
  return NULL;
}

/* The window's map draws a big document's routes from a set built by a worker from a
 * snapshot of the shown events (dm_route_set_new_frozen), and highlights a summit's people
 * with that set and the shown document: their trips come from the set's own events, which
 * threads may read together, not from the document's GListStore (not even read safely by
 * two threads at once), which may meanwhile hold other events. Here the document loses the
 * participants' trips after the set was built: the highlight, drawn by four threads at once,
 * still shows them, as drawn from the snapshot. */
static void
test_snapshot_set_threads (void)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmDocument) snapshot = NULL;
  g_autoptr(GPtrArray) trips = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) people = NULL;
  HighlightRace race = { 0 };
  DmLonLat center = { 40, 30 };
  cairo_surface_t *blank;
  GListModel *events;
  GThread *threads[4];

  for (guint n = 0; n < 50; n++)
    {
      g_autoptr(DmDocument) more = interop_load_sample ();
      dm_document_merge (doc, more);
    }
  dm_view_init (&race.view, DM_PROJECTION_EQUIRECTANGULAR, center, 800 / (2 * G_PI), 800, 450);
  events = dm_document_get_events (doc);
  snapshot = dm_document_new_filtered (doc, events);
  race.set = dm_route_set_new_frozen (snapshot, &race.view);
  race.doc = doc;
  race.event = interop_find_event (doc, "minsk-conference");
  people = dm_route_dup_highlighted (race.event);
  race.people = people;
  g_assert_cmpuint (people->len, >, 1);
  race.expected = draw_highlight (&race, snapshot);

  /* the document's trips go (the set, built before, still shows them) */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      if (dm_event_get_kind (event) == DM_EVENT_KIND_TRIP)
        g_ptr_array_add (trips, g_object_ref (event));
    }
  g_assert_cmpuint (trips->len, >=, 50);
  for (guint i = 0; i < trips->len; i++)
    dm_document_remove_event (doc, g_ptr_array_index (trips, i));

  /* the participants' trips are drawn: not a veil alone */
  blank = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, race.view.width, race.view.height);
  {
    cairo_t *cr = cairo_create (blank);

    cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_flush (blank);
  }
  g_assert_cmpuint (count_differing (race.expected, blank), >, 500);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("highlight", highlight_thread, &race);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (race.failures, ==, 0);
  cairo_surface_destroy (blank);
  cairo_surface_destroy (race.expected);
  g_object_unref (race.set);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure-highlight/summit", test_summit);
  g_test_add_func ("/render/route-highlight/snapshot-set-threads", test_snapshot_set_threads);
  return g_test_run ();
}
