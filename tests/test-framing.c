/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How figures frame the map: a framed map (fit or a box) is all map, in every projection, also
 * over the Pacific, where Equal Earth turns to centre the box's middle meridian; and what is
 * drawn at a leg's middle lands on the leg across 180. */
#include "config.h"

#include <math.h>

#include "dm-figure.h"
#include "dm-great-circle.h"
#include "dm-route-set.h"
#include "render-test-util.h"

#define MAGENTA 0xff00ff

typedef struct
{
  const char *name;
  double      lon;
  double      lat;
} Place;

static const Place sample_places[] = {
  { "Washington", -77.04, 38.91 }, { "Tokyo", 139.69, 35.69 }, { "Minsk", 27.56, 53.90 },
  { "Kuala Lumpur", 101.69, 3.14 },
};
static const Place pacific_places[] = {
  { "Tokyo", 139.69, 35.69 }, { "San Francisco", -122.42, 37.77 }, { "Suva", 178.44, -18.14 },
  { "Honolulu", -157.86, 21.31 }, { "Anchorage", -149.90, 61.22 },
};

static const Place polar_places[] = {
  { "New York", -74.01, 40.71 }, { "Beijing", 116.40, 39.90 }, { "London", -0.13, 51.51 },
  { "Moscow", 37.62, 55.76 }, { "Lisbon", -9.14, 38.72 },
};

static DmDocument *
load (const char *which)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  if (g_str_equal (which, "sample"))
    return interop_load_sample ();
  name = g_strconcat (which, ".diplomap", NULL);
  file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", name, NULL));
  return interop_load (file);
}

/* The base map of @view with a magenta background, and how many of its pixels show any of
 * it: the plain style has only sea and land (and their blends), whose green is never far
 * below their red and blue. */
static guint
count_background (const DmView *view)
{
  g_autoptr(DmMapStyle) style = plain_style ();
  int w = (int) floor (view->width), h = (int) floor (view->height);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);
  guint n = 0;

  style->background = dm_rgba_from_hex (MAGENTA, 1.0f);
  dm_basemap_draw (dm_basemap_get_default (), cr, view, style);
  cairo_destroy (cr);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 c = pixel_at (s, x, y);
        int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
        n += r - g > 20 || b - g > 25;
      }
  cairo_surface_destroy (s);
  return n;
}

/* Whether the frame shows (@lon, @lat), in any copy of the world */
static gboolean
shows (const DmView *view,
       double        lon,
       double        lat)
{
  for (int k = -1; k <= 1; k++)
    {
      double px, py;
      dm_view_project (view, dm_view_wrap_lon (view, lon + 360.0 * k), lat, &px, &py);
      if (px >= 0 && px <= view->width && py >= 0 && py <= view->height)
        return TRUE;
    }
  return FALSE;
}

static void
assert_framed (DmFigure    *figure,
               const Place *places,
               guint        n_places)
{
  DmView view;
  double x, y, w, h;
  guint n;

  dm_figure_get_map_view (figure, &view);
  dm_figure_get_map_area (figure, &x, &y, &w, &h);
  g_assert_cmpfloat (view.width, ==, w);
  g_assert_cmpfloat (view.height, ==, h);
  n = count_background (&view);
  if (n > 0)
    g_error ("%s, %s: %u pixels of the map frame are background",
             dm_document_get_title (dm_figure_get_document (figure)),
             dm_projection_to_string (view.projection), n);
  for (guint i = 0; i < n_places; i++)
    if (!shows (&view, places[i].lon, places[i].lat))
      g_error ("%s: %s is outside the frame", dm_projection_to_string (view.projection),
               places[i].name);
}

static void
test_fit_fills_frame (void)
{
  const char *docs[] = { "sample", "pacific" };

  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    for (DmProjection p = DM_PROJECTION_MERCATOR; p <= DM_PROJECTION_EQUAL_EARTH; p++)
      {
        g_autoptr(DmDocument) doc = load (docs[d]);
        g_autoptr(DmFigure) figure = dm_figure_new (doc);
        DmView view;

        dm_figure_set_size (figure, 960, 540);
        dm_figure_set_projection (figure, p);
        if (d == 0)
          assert_framed (figure, sample_places, G_N_ELEMENTS (sample_places));
        else
          assert_framed (figure, pacific_places, G_N_ELEMENTS (pacific_places));
        /* Equal Earth turns to the Pacific rather than cutting the trip at 180 */
        dm_figure_get_map_view (figure, &view);
        if (p == DM_PROJECTION_EQUAL_EARTH)
          g_assert_cmpfloat (fabs (view.central_lon), >, 150);
        else
          g_assert_cmpfloat (view.central_lon, ==, 0);
      }
}

static void
test_box_fills_frame (void)
{
  for (DmProjection p = DM_PROJECTION_MERCATOR; p <= DM_PROJECTION_EQUAL_EARTH; p++)
    {
      g_autoptr(DmDocument) doc = load ("pacific");
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      DmView view;

      dm_figure_set_size (figure, 960, 540);
      dm_figure_set_projection (figure, p);
      dm_figure_set_bounds (figure, 120, 10, 250, 65);
      assert_framed (figure, pacific_places, 2);
      /* the box is shown whole: its corners are in the frame */
      dm_figure_get_map_view (figure, &view);
      g_assert_true (shows (&view, 120, 10) && shows (&view, 250, 10));
      g_assert_true (shows (&view, 120, 65) && shows (&view, 250, 65));
    }
}

/* A view that sticks out of the world is moved and zoomed until no corner does; one inside
 * already is left as it is. */
static void
test_keep_inside_world (void)
{
  for (DmProjection p = DM_PROJECTION_MERCATOR; p <= DM_PROJECTION_EQUAL_EARTH; p++)
    {
      DmView view, before;
      DmLonLat keep[] = { { 30, 50 }, { 120, 20 } };
      double lon, lat;

      /* a wide box up to the pole: the frame's top goes beyond it */
      dm_view_init_bounds (&view, p, 0, 10, 150, 90, 1000, 600, 20);
      g_assert_false (dm_view_unproject (&view, 500, 0, &lon, &lat));
      before = view;
      dm_view_keep_inside_world (&view, keep, G_N_ELEMENTS (keep), 10);
      g_assert_cmpfloat (view.scale, >=, before.scale);
      for (int i = 0; i <= 8; i++)
        for (int j = 0; j <= 8; j++)
          if (i == 0 || i == 8 || j == 0 || j == 8)
            g_assert_true (dm_view_unproject (&view, view.width * i / 8, view.height * j / 8,
                                              &lon, &lat));
      g_assert_cmpuint (count_background (&view), ==, 0);
      for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
        g_assert_true (shows (&view, keep[i].lon, keep[i].lat));

      /* inside already: nothing moves */
      dm_view_init_bounds (&view, p, 0, 10, 40, 40, 1000, 600, 20);
      before = view;
      dm_view_keep_inside_world (&view, &(DmLonLat) { 20, 25 }, 1, 10);
      g_assert_true (dm_view_equal (&view, &before));
    }
}

/* Equal Earth centred on 150 E: the map's edges are at 30 W, where Greenland is cut in two;
 * both halves are land, the Pacific in the middle has no stripe from a ring drawn across the
 * edge, and Antarctica reaches both edges. */
static void
test_central_meridian (void)
{
  g_autoptr(DmMapStyle) style = plain_style ();
  const DmLonLat land[] = { { -40, 72 }, { -25, 72 }, { -55, -10 }, { 20, 10 }, { 135, -25 },
                            { -28, -86 }, { -32, -86 }, { 150, -85 } };
  const DmLonLat sea[] = { { -160, 0 }, { -170, 30 }, { 170, -30 }, { -140, 72 } };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 600);
  cairo_t *cr = cairo_create (s);
  DmView view;
  double px, py, wx, wy, ex, ey;

  dm_view_init_world (&view, DM_PROJECTION_EQUAL_EARTH, 1200, 600, 10);
  view.central_lon = 150;
  dm_basemap_draw (dm_basemap_get_default (), cr, &view, style);
  cairo_destroy (cr);
  for (guint i = 0; i < G_N_ELEMENTS (land); i++)
    {
      dm_view_project (&view, dm_view_wrap_lon (&view, land[i].lon), land[i].lat, &px, &py);
      assert_color (s, px, py, DM_MAP_COLOR_LAND);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sea); i++)
    {
      dm_view_project (&view, dm_view_wrap_lon (&view, sea[i].lon), sea[i].lat, &px, &py);
      assert_color (s, px, py, DM_MAP_COLOR_SEA);
    }
  /* the two halves of Greenland are at opposite edges, the world's width apart */
  dm_view_project (&view, dm_view_wrap_lon (&view, -25), 72, &wx, &wy);
  dm_view_project (&view, dm_view_wrap_lon (&view, -40), 72, &ex, &ey);
  g_assert_cmpfloat (wx, <, 300);
  g_assert_cmpfloat (ex, >, 900);
  /* nothing on the equator over the Pacific but sea */
  dm_view_project (&view, 170, 0, &wx, &wy);
  dm_view_project (&view, 270, 0, &ex, &ey);
  g_assert_cmpuint (count_row_off (s, wy, wx, ex, DM_MAP_COLOR_SEA, 2), ==, 0);
  cairo_surface_destroy (s);
}

/* Opaque pixels in a box of 2 @half + 1 around (x, y) */
static guint
count_opaque (cairo_surface_t *s,
              double           x,
              double           y,
              int              half)
{
  const guint8 *data;
  int stride, w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  guint n = 0;

  cairo_surface_flush (s);
  data = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);
  for (int iy = (int) y - half; iy <= (int) y + half; iy++)
    for (int ix = (int) x - half; ix <= (int) x + half; ix++)
      if (ix >= 0 && iy >= 0 && ix < w && iy < h)
        n += (((const guint32 *) (const void *) (data + iy * stride))[ix] >> 24) > 0x80;
  return n;
}

/* The cancelled leg from Suva to Honolulu crosses 180; its middle (unwrapped, about 190 E)
 * carries the cross in every projection, and a place on the leg away from it does not. The
 * figure's views of the trip are centred past 180 (or on it, for Equal Earth). */
static void
test_strike_across_180 (void)
{
  DmLonLat suva = { 178.44, -18.14 }, honolulu = { -157.86, 21.31 };
  DmLonLat mid = dm_great_circle_interpolate (suva, honolulu, 0.5);
  DmLonLat off = dm_great_circle_interpolate (suva, honolulu, 0.3);

  g_assert_cmpfloat (mid.lon, <, -160);
  for (DmProjection p = DM_PROJECTION_MERCATOR; p <= DM_PROJECTION_EQUAL_EARTH; p++)
    {
      g_autoptr(DmDocument) doc = load ("pacific");
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      g_autoptr(DmRouteStyle) style = dm_route_style_copy (dm_route_style_get_default ());
      DmRouteRenderer *layer = dm_figure_get_layer (figure);
      cairo_surface_t *s;
      cairo_t *cr;
      DmView view;
      double mx, my, ox, oy;
      guint at_mid, at_off;

      dm_figure_set_projection (figure, p);
      dm_figure_get_map_view (figure, &view);
      style->line_width = 3.0;
      dm_route_renderer_set_style (layer, style);
      s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view.width, (int) view.height);
      cr = cairo_create (s);
      dm_route_renderer_draw_direct (layer, cr, &view, dm_figure_get_time (figure));
      cairo_destroy (cr);
      dm_view_project (&view, dm_view_wrap_lon (&view, mid.lon + 360), mid.lat, &mx, &my);
      dm_view_project (&view, dm_view_wrap_lon (&view, off.lon + 360), off.lat, &ox, &oy);
      g_assert_true (mx > 20 && mx < view.width - 20 && my > 20 && my < view.height - 20);
      /* boxes of 33 px: the cross is drawn at the middle point of the leg's steps, which may
       * be a few pixels from its exact middle */
      at_mid = count_opaque (s, mx, my, 16);
      at_off = count_opaque (s, ox, oy, 16);
      /* the line alone crosses each box; the cross adds two strokes 3 px wide, 18 px long */
      g_assert_cmpuint (at_off, >, 33);
      g_test_message ("%s: %u at the middle, %u elsewhere", dm_projection_to_string (p), at_mid, at_off);
      if (at_mid < at_off + 50)
        g_error ("%s: %u opaque pixels at the cancelled leg's middle, %u elsewhere on it",
                 dm_projection_to_string (p), at_mid, at_off);
      cairo_surface_destroy (s);
    }
}

/* Fitted routes past 75° (New York to Beijing over the pole; the sample's Washington to Kuala
 * Lumpur reaches 88°N) are drawn in Equal Earth unless a projection is given, framed whole:
 * every place in the frame, Europe included; routes that stay south of 75° keep Mercator */
static void
test_polar_fit (void)
{
  const struct { const char *doc; const Place *places; guint n; } cases[] = {
    { "polar", polar_places, G_N_ELEMENTS (polar_places) },
    { "sample", sample_places, G_N_ELEMENTS (sample_places) },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(DmDocument) doc = load (cases[c].doc);
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      DmView view;
      double x0, y0, x1, y1;

      g_assert_true (dm_route_set_get_bounds (dm_route_renderer_get_set (dm_figure_get_layer (figure)),
                                              &x0, &y0, &x1, &y1));
      g_test_message ("%s: routes from %.1f° to %.1f° of latitude", cases[c].doc, y0, y1);
      g_assert_cmpfloat (y1, >, 75.0);
      dm_figure_set_size (figure, 960, 540);
      g_assert_cmpint (dm_figure_get_projection (figure), ==, DM_PROJECTION_EQUAL_EARTH);
      dm_figure_get_map_view (figure, &view);
      for (guint i = 0; i < cases[c].n; i++)
        if (!shows (&view, cases[c].places[i].lon, cases[c].places[i].lat))
          g_error ("%s: %s is outside the frame", cases[c].doc, cases[c].places[i].name);
      g_assert_cmpint (view.projection, ==, DM_PROJECTION_EQUAL_EARTH);
      g_test_message ("%s: central meridian %.1f°", cases[c].doc, view.central_lon);
      /* the leg over the pole whole in the frame, its top too */
      {
        DmLonLat a = c == 0 ? (DmLonLat) { -74.01, 40.71 } : (DmLonLat) { -77.04, 38.91 };
        DmLonLat b = c == 0 ? (DmLonLat) { 116.40, 39.90 } : (DmLonLat) { 101.69, 3.14 };
        double top = -90;

        for (int i = 0; i <= 64; i++)
          {
            DmLonLat p = dm_great_circle_interpolate (a, b, i / 64.0);
            double px, py;

            top = MAX (top, p.lat);
            /* the set's polyline has fewer points than this: where the leg meets the
             * world's edge (the meridian opposite the centre) it may end a little farther */
            dm_view_project (&view, p.lon, p.lat, &px, &py);
            g_assert_cmpfloat (px, >=, -0.03 * view.width);
            g_assert_cmpfloat (px, <=, view.width * 1.03);
            g_assert_cmpfloat (py, >=, -1);
            g_assert_cmpfloat (py, <=, view.height + 1);
          }
        g_assert_cmpfloat (top, >, 80);
      }

      /* a projection given is kept */
      dm_figure_set_projection (figure, DM_PROJECTION_MERCATOR);
      g_assert_cmpint (dm_figure_get_projection (figure), ==, DM_PROJECTION_MERCATOR);
    }
  {
    /* Tokyo, San Francisco and Anchorage (61°N) stay Mercator */
    g_autoptr(DmDocument) doc = load ("pacific");
    g_autoptr(DmFigure) figure = dm_figure_new (doc);

    g_assert_cmpint (dm_figure_get_projection (figure), ==, DM_PROJECTION_MERCATOR);
  }
}

/* --view world in Equal Earth turns to the data's meridian: the middle of the arc of the
 * document's places (Tokyo to Anchorage over the Pacific: -171°), the same when a filter
 * shows only San Francisco to Anchorage (whose own middle is -136°); Mercator repeats and
 * keeps 0 */
static void
test_world_meridian (void)
{
  g_autoptr(DmDocument) doc = load ("pacific");
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(GListStore) shown = g_list_store_new (DM_TYPE_EVENT);
  g_autoptr(DmDocument) view_doc = NULL;
  g_autoptr(DmFigure) filtered = NULL;
  g_autoptr(DmDocument) sample = load ("sample");
  g_autoptr(DmFigure) sample_figure = dm_figure_new (sample);
  GListModel *events = dm_document_get_events (doc);
  DmView view, view_filtered;
  double tx, ty, sx, sy;

  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
  dm_figure_set_size (figure, 960, 540);
  g_assert_cmpint (dm_figure_get_projection (figure), ==, DM_PROJECTION_EQUAL_EARTH);
  dm_figure_get_map_view (figure, &view);
  g_test_message ("pacific: world view centred on %.2f°", view.central_lon);
  g_assert_cmpfloat_with_epsilon (view.central_lon, -171.4, 1.0);
  g_assert_cmpfloat_with_epsilon (view.central_lon, dm_figure_get_data_meridian (figure), 1e-9);
  /* Tokyo and San Francisco both on the map, either side of its middle, not at its edges */
  dm_view_project (&view, dm_view_wrap_lon (&view, 139.69), 35.69, &tx, &ty);
  dm_view_project (&view, dm_view_wrap_lon (&view, -122.42), 37.77, &sx, &sy);
  g_test_message ("Tokyo at x %.0f, San Francisco at x %.0f of %.0f", tx, sx, view.width);
  g_assert_cmpfloat (tx, >, view.width * 0.3);
  g_assert_cmpfloat (tx, <, view.width * 0.5);
  g_assert_cmpfloat (sx, >, view.width * 0.5);
  g_assert_cmpfloat (sx, <, view.width * 0.75);

  /* a filter showing only San Francisco to Anchorage turns nothing */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
      if (g_str_equal (dm_event_get_id (event), "t3"))
        g_list_store_append (shown, event);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 1);
  view_doc = dm_document_new_filtered (doc, G_LIST_MODEL (shown));
  filtered = dm_figure_new (view_doc);
  dm_figure_set_view_mode (filtered, DM_FIGURE_VIEW_WORLD);
  dm_figure_set_size (filtered, 960, 540);
  dm_figure_get_map_view (filtered, &view_filtered);
  g_test_message ("filtered: world view centred on %.2f°", view_filtered.central_lon);
  g_assert_cmpfloat (view_filtered.central_lon, ==, view.central_lon);
  g_assert_cmpfloat (view_filtered.center_x, ==, view.center_x);
  g_assert_cmpfloat (view_filtered.scale, ==, view.scale);
  /* while a fit of it frames what it shows */
  dm_figure_set_view_mode (filtered, DM_FIGURE_VIEW_FIT);
  dm_figure_set_projection (filtered, DM_PROJECTION_EQUAL_EARTH);
  dm_figure_get_map_view (filtered, &view_filtered);
  g_assert_cmpfloat (fabs (view_filtered.central_lon - view.central_lon), >, 20);

  /* Mercator repeats: its world stays on 0 */
  dm_figure_set_projection (figure, DM_PROJECTION_MERCATOR);
  dm_figure_get_map_view (figure, &view);
  g_assert_cmpfloat (view.central_lon, ==, 0);

  /* the sample (Washington, Minsk, Kuala Lumpur, Tokyo: the gap is the Pacific) turns east */
  dm_figure_set_view_mode (sample_figure, DM_FIGURE_VIEW_WORLD);
  dm_figure_get_map_view (sample_figure, &view);
  g_test_message ("sample: world view centred on %.2f°", view.central_lon);
  g_assert_cmpfloat (view.central_lon, >, 20);
  g_assert_cmpfloat (view.central_lon, <, 60);
}

/* Opaque pixels of @a (alpha over half) in rows @y0 to @y1 and columns @x0 to @x1, and of
 * those, how many @b leaves clear */
static guint
count_rows (cairo_surface_t *a,
            cairo_surface_t *b,
            int              x0,
            int              x1,
            int              y0,
            int              y1,
            guint           *not_in_b)
{
  int w = cairo_image_surface_get_width (a), stride = cairo_image_surface_get_stride (a);
  const guint8 *pa, *pb;
  guint n = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  *not_in_b = 0;
  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (a)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, w); x++)
      if ((((const guint32 *) (const void *) (pa + y * stride))[x] >> 24) > 0x80)
        {
          n++;
          *not_in_b += (((const guint32 *) (const void *) (pb + y * stride))[x] >> 24) == 0;
        }
  return n;
}

/* The sample's Washington to Kuala Lumpur flies over the pole (88° N); Web Mercator ends at
 * 85.05°: the leg is cut where it leaves the world and where it comes back, with an arrow at
 * each cut, and nothing runs along the top edge between them (its points clamped to the edge
 * drew a line across half the world there) */
static void
test_polar_mercator (void)
{
  g_autoptr(DmDocument) doc = load ("sample");
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(DmRouteStyle) style = dm_route_style_copy (dm_route_style_get_default ());
  g_autoptr(GArray) arc = NULL;
  DmRouteRenderer *layer = dm_figure_get_layer (figure);
  DmLonLat washington = { -77.04, 38.91 }, kuala_lumpur = { 101.69, 3.14 };
  cairo_surface_t *routes, *line;
  cairo_t *cr;
  DmView view;
  guint above, along, left, right, left_arrow, right_arrow, unused;

  /* the world, 1024 px square, its top edge at y = 20 */
  dm_view_init_world (&view, DM_PROJECTION_MERCATOR, 1064, 1064, 20);
  style->line_width = 2.0;
  style->show_labels = FALSE;
  dm_route_renderer_set_style (layer, style);
  routes = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1064, 1064);
  cr = cairo_create (routes);
  dm_route_renderer_draw_direct (layer, cr, &view, 1893456000 /* 2030: every leg done */);
  cairo_destroy (cr);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"), "polar-mercator.png", NULL);
      cairo_surface_write_to_png (routes, path);
    }
  /* the leg's line alone, cut the same way (dm_view_append_polyline), a little wider */
  arc = dm_great_circle_densify (washington, kuala_lumpur,
                                 dm_great_circle_segments_for (washington, kuala_lumpur, 1.0));
  line = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1064, 1064);
  cr = cairo_create (line);
  dm_view_append_polyline (&view, cr, (const DmLonLat *) (void *) arc->data, arc->len);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke (cr);
  cairo_destroy (cr);

  above = count_rows (routes, line, 0, 1064, 0, 19, &unused);
  along = count_rows (routes, line, 0, 1064, 20, 23, &unused);
  left = count_rows (routes, line, 0, 532, 20, 40, &left_arrow);
  right = count_rows (routes, line, 532, 1064, 20, 40, &right_arrow);
  g_test_message ("%u route pixels above the world, %u along its top edge; near it %u (%u of "
                  "them arrow) west of the middle, %u (%u) east", above, along, left, left_arrow,
                  right, right_arrow);
  /* the round cap of the line where it is cut may reach a pixel over the edge (the smear: a
   * line's width along it) */
  g_assert_cmpuint (above, <, 8);
  /* the two arrows' ends and the line's ends only (a smear: thousands) */
  g_assert_cmpuint (along, <, 80);
  /* an arrow (about 10 x 9 px) each side: where the leg leaves over Canada, where it comes
   * back over Asia */
  g_assert_cmpuint (left_arrow, >=, 6);
  g_assert_cmpuint (right_arrow, >=, 6);
  g_assert_cmpuint (left, <, 200);
  g_assert_cmpuint (right, <, 200);
  cairo_surface_destroy (routes);
  cairo_surface_destroy (line);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/framing/fit-fills-frame", test_fit_fills_frame);
  g_test_add_func ("/render/framing/box-fills-frame", test_box_fills_frame);
  g_test_add_func ("/render/framing/keep-inside-world", test_keep_inside_world);
  g_test_add_func ("/render/framing/central-meridian", test_central_meridian);
  g_test_add_func ("/render/framing/strike-across-180", test_strike_across_180);
  g_test_add_func ("/render/framing/polar-fit", test_polar_fit);
  g_test_add_func ("/render/framing/world-meridian", test_world_meridian);
  g_test_add_func ("/render/framing/polar-mercator", test_polar_mercator);
  return g_test_run ();
}
