/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>

#include "dm-figure.h"
#include "dm-loader.h"
#include "dm-route-private.h"
#include "dm-text.h"
#include "render-test-util.h"
#include "svg-test-util.h"

/* Flow maps (--flows) of the bundled U.S. record: each pair of places once, its width by the
 * number of trips. Checked by the widths measured in the picture and by the SVG's paths. */

static DmDocument *
load_us_travels (void)
{
  static DmDocument *doc;

  if (doc == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "us-travels", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      doc = dm_document_new ();
      g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
      g_assert_no_error (error);
    }
  return doc;
}

static guint
find_place (DmRouteSet *set,
            const char *name)
{
  for (guint i = 0; i < set->places->len; i++)
    if (g_str_has_prefix (dm_place_get_name (g_array_index (set->places, DmRoutePlace, i).place), name))
      return i;
  g_error ("no place %s", name);
}

/* Not the base map (sea, land, borders, coasts) nor the white around it: a line (where
 * lines of two colours cross, their blend is far from all of these too) */
static gboolean
is_route (guint32 p)
{
  static const guint32 map[] = {
    DM_MAP_COLOR_SEA, DM_MAP_COLOR_LAND, DM_MAP_COLOR_BORDER, DM_MAP_COLOR_COAST,
    DM_MAP_COLOR_GRATICULE, 0xffffff,
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (color_distance (p, map[i]) < 70)
      return FALSE;
  return TRUE;
}

/* The width, in pixels, of the coloured run across @flow's line at its middle */
static double
measure_width (DmFigure          *figure,
               cairo_surface_t   *s,
               DmRouteSet        *set,
               const DmRouteFlow *flow)
{
  const DmRouteLeg *leg = &g_array_index (set->legs, DmRouteLeg, flow->leg);
  const DmLonLat *pts = &g_array_index (set->points, DmLonLat, leg->first);
  guint m = leg->n / 2;
  double x0, y0, x1, y1, x, y, dx, dy, len, run = 0, mx, my, mw, mh;

  /* a short leg of two points has no middle point to measure at */
  if (leg->n < 3)
    return 0;
  dm_figure_map_point (figure, pts[m - 1].lon, pts[m - 1].lat, &x0, &y0);
  dm_figure_map_point (figure, pts[m + 1].lon, pts[m + 1].lat, &x1, &y1);
  dm_figure_map_point (figure, pts[m].lon, pts[m].lat, &x, &y);
  len = hypot (x1 - x0, y1 - y0);
  /* across the line */
  dx = len > 0 ? -(y1 - y0) / len : 0, dy = len > 0 ? (x1 - x0) / len : 0;
  /* well inside the map */
  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  if (x < mx + 90 || x > mx + mw - 90 || y < my + 90 || y > my + mh - 90 || len <= 0)
    return 0;
  if (!is_route (pixel_at (s, x, y)))
    return 0;
  for (int side = -1; side <= 1; side += 2)
    for (double d = 0.5; d < 80; d += 0.5)
      {
        if (!is_route (pixel_at (s, x + side * d * dx, y + side * d * dy)))
          break;
        run += 0.5;
      }
  return run;
}

/* Washington - London, the busiest pair, is drawn wider than a pair flown once */
static void
test_flows_widths (void)
{
  DmDocument *doc = load_us_travels ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteFlows) flows = NULL;
  const DmRouteFlow *heavy = NULL, *light = NULL;
  guint washington, london;
  double heavy_w, light_w = 0;
  cairo_surface_t *s;

  dm_figure_set_size (figure, 1920, 1080);
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_set_flows (figure, TRUE);
  flows = dm_route_flows_new (set, dm_route_style_get_default (), dm_figure_get_time (figure));
  washington = find_place (set, "Washington");
  london = find_place (set, "London");
  for (guint i = 0; i < flows->flows->len; i++)
    {
      const DmRouteFlow *f = &g_array_index (flows->flows, DmRouteFlow, i);
      if (f->a == MIN (washington, london) && f->b == MAX (washington, london))
        heavy = f;
    }
  g_assert_nonnull (heavy);
  g_test_message ("%u pairs; Washington - London: %u trips (the heaviest: %u)",
                  flows->flows->len, heavy->count, flows->max_count);
  g_assert_cmpuint (heavy->count, >=, 20);

  s = render_figure (figure);
  if (g_getenv ("DM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("DM_SCREENSHOT_DIR"), "us-flows.png", NULL);
      cairo_surface_write_to_png (s, path);
    }
  heavy_w = measure_width (figure, s, set, heavy);
  /* a pair flown once, whose middle no other line crosses: its run is its own width */
  for (guint i = flows->flows->len; i-- > 0 && light == NULL;)
    {
      const DmRouteFlow *f = &g_array_index (flows->flows, DmRouteFlow, i);
      double w;

      if (f->count != 1)
        break;
      w = measure_width (figure, s, set, f);
      if (w > 0 && w <= 4)
        light = f, light_w = w;
    }
  cairo_surface_destroy (s);
  g_assert_nonnull (light);
  g_test_message ("widths: Washington - London %.1f px, a pair flown once %.1f px", heavy_w, light_w);
  g_assert_cmpfloat (heavy_w, >, 3 * light_w);
  /* at least its own width: 0.55 + 6.45 * sqrt (165 / 187) line widths of 2.6 px */
  g_assert_cmpfloat (heavy_w, >=, 0.9 * dm_route_flow_width (&(DmRouteStyle) { .line_width = 2.25 * 1.15 },
                                                             heavy->count, flows->max_count));
}

/* The paths drawn in a group's colour in @svg, and the lines (move-tos) in them */
static void
count_group_paths (const char *svg,
                   DmRouteSet *set,
                   guint      *n_paths,
                   guint      *n_lines)
{
  g_autoptr(GRegex) re = g_regex_new ("stroke:rgb\\(([0-9.]+)%,([0-9.]+)%,([0-9.]+)%\\)", 0, 0, NULL);
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;

  *n_paths = *n_lines = 0;
  paths = svg_test_paths (svg, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < paths->len; i++)
    {
      SvgTestPath *p = g_ptr_array_index (paths, i);
      g_autoptr(GMatchInfo) match = NULL;
      guint32 rgb = 0;

      if (!g_regex_match (re, p->style, 0, &match))
        continue;
      for (int c = 1; c <= 3; c++)
        {
          g_autofree char *v = g_match_info_fetch (match, c);
          rgb = rgb << 8 | (guint32) lround (g_ascii_strtod (v, NULL) * 2.55);
        }
      for (guint g = 0; g < set->n_groups; g++)
        if (color_distance (rgb, dm_actor_colors_group_rgb (g)) <= 3)
          {
            (*n_paths)++;
            *n_lines += svg_test_count_moves (p->d);
            break;
          }
    }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Cairo's SVG holds one path per pair of places in a group's colour: each pair is drawn
 * once; the file written holds the same lines (dm-svg-compact.c makes flows of one width
 * and colour that follow each other one path) */
static void
test_flows_svg_paths (void)
{
  DmDocument *doc = load_us_travels ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmRouteFlows) flows = NULL;
  g_autofree char *dir = g_dir_make_tmp ("flows-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "flows.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autoptr(GString) raw = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_raw_paths, n_raw_lines, n_paths, n_lines;

  dm_figure_set_size (figure, 1600, 900);
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
  dm_figure_set_show_legend (figure, FALSE);
  dm_figure_set_flows (figure, TRUE);
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  flows = dm_route_flows_new (set, dm_route_style_get_default (), dm_figure_get_time (figure));

  surface = cairo_svg_surface_create_for_stream (append_cb, raw, 1600, 900);
  dm_text_recorder_attach (surface);  /* texts not drawn as glyphs, as in the file */
  cr = cairo_create (surface);
  dm_figure_draw (figure, cr);
  cairo_destroy (cr);
  g_free (dm_text_recorder_steal (surface));
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  count_group_paths (raw->str, set, &n_raw_paths, &n_raw_lines);
  count_group_paths (svg, set, &n_paths, &n_lines);
  g_test_message ("%u pairs of places; Cairo's SVG: %u paths in a group's colour (%u lines); "
                  "the file: %u paths, %u lines", flows->flows->len, n_raw_paths, n_raw_lines,
                  n_paths, n_lines);
  g_assert_cmpuint (flows->flows->len, >, 1000);
  g_assert_cmpuint (n_raw_paths, ==, flows->flows->len);
  g_assert_cmpuint (n_lines, ==, n_raw_lines);
  g_assert_cmpuint (n_paths, <=, n_raw_paths);
  g_unlink (path);
  g_rmdir (dir);
}

/* The record's world view is not a field of names: at most one per 150 x 150 px, capitals
 * first (Paris, Moscow, Tokyo are named before Shannon's refuelling stops) */
static void
test_world_names (void)
{
  DmDocument *doc = load_us_travels ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(DmRouteSet) set = dm_route_set_new (doc);
  g_autoptr(DmLabelPlacer) taken = NULL;
  g_autoptr(DmRouteLabels) labels = NULL;
  /* (London, in the crowd of European dots, finds no free spot: no name covers a dot) */
  const char *capitals[] = { "Washington", "Paris", "Moscow", "Tokyo", "Beijing", "Cairo" };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (s);
  guint n, n_capitals = 0, n_named_capitals = 0;
  DmView view;

  dm_figure_set_size (figure, 1920, 1080);
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
  dm_figure_get_map_view (figure, &view);
  taken = dm_label_placer_new (view.width, view.height);
  labels = dm_route_place_labels (set, cr, &view, dm_route_style_get_default (),
                                  dm_figure_get_time (figure), taken, NULL);
  n = dm_route_labels_get_n_names (labels);
  for (guint i = 0; i < set->places->len; i++)
    n_capitals += g_array_index (set->places, DmRoutePlace, i).capital;
  for (guint i = 0; i < n; i++)
    n_named_capitals += g_array_index (set->places, DmRoutePlace, dm_route_labels_get_place (labels, i)).capital;
  g_test_message ("world view %.0f x %.0f at zoom %.1f: %u names of %u places (budget %u); "
                  "%u capitals among %u", view.width, view.height, dm_view_get_zoom (&view), n,
                  set->places->len, dm_route_max_names (&view), n_named_capitals, n_capitals);
  g_assert_cmpuint (n, <=, dm_route_max_names (&view));
  g_assert_cmpuint (n, <=, 100);
  g_assert_cmpuint (n, >=, 30);
  g_assert_cmpuint (n_capitals, >=, 100);
  /* capitals come first: most of the names are capitals */
  g_assert_cmpuint (n_named_capitals * 10, >=, n * 8);
  for (guint c = 0; c < G_N_ELEMENTS (capitals); c++)
    {
      gboolean named = FALSE;

      for (guint i = 0; i < n; i++)
        named |= g_str_has_prefix (dm_place_get_name (g_array_index (set->places, DmRoutePlace,
                                                                     dm_route_labels_get_place (labels, i)).place),
                                   capitals[c]);
      if (!named)
        g_error ("%s is not named at world zoom", capitals[c]);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure-flows/widths", test_flows_widths);
  g_test_add_func ("/render/figure-flows/svg-paths", test_flows_svg_paths);
  g_test_add_func ("/render/us-record/world-names", test_world_names);
  return g_test_run ();
}
