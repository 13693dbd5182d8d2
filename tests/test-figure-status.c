/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dm-figure-private.h"
#include "dm-great-circle.h"
#include "dm-label-placer.h"
#include "dm-route-private.h"
#include "dm-source.h"
#include "dm-view.h"
#include "render-test-util.h"

/* The five statuses, and no status at all, drawn apart on figures in a way that survives
 * greyscale: sampled along each leg of tests/data/statuses.diplomap (completed solid,
 * confirmed solid and lighter, planned long dashes, announced short ones, no status dash and
 * dot, cancelled faint and crossed out), around the marks of visits, and named in the
 * legend; a legend that never vanishes for want of room; a summit's caption that counts its
 * participants and cuts no name; sources as numbered footnotes. */

static DmDocument *
load_statuses (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "statuses.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return interop_load (file);
}

static DmFigure *
statuses_figure (DmDocument *doc,
                 const char *at)
{
  DmFigure *figure = dm_figure_new (doc);

  dm_figure_set_size (figure, 1920, 1080);
  dm_figure_set_time (figure, utc (at));
  return figure;
}

static int
luma (guint32 p)
{
  return (int) (0.3 * ((p >> 16) & 0xff) + 0.59 * ((p >> 8) & 0xff) + 0.11 * (p & 0xff));
}

/* How strongly @p is of the actor's blue (Okabe-Ito blue, #0072b2): blue over red */
static int
blueness (guint32 p)
{
  return (int) (p & 0xff) - (int) ((p >> 16) & 0xff);
}

typedef struct
{
  guint  n;          /* samples, half a pixel apart */
  guint  on;         /* samples on the line */
  guint  gaps;       /* runs off the line between runs on it */
  guint  short_runs; /* runs on it shorter than 4 line widths */
  guint  long_runs;  /* runs on it longer than 4 line widths */
  double px;         /* pixels sampled */
  double luma;       /* mean brightness of the samples on the line */
} Trace;

/* Samples the middle of the leg of @id (fractions 0.15-0.85, but for 0.42-0.58 when
 * @skip_middle) along its great circle; a sample is on the line when it, or a neighbour
 * across the line, is blue */
static void
trace_leg (cairo_surface_t *s,
           DmFigure        *figure,
           DmDocument      *doc,
           const char      *id,
           gboolean         skip_middle,
           Trace           *t)
{
  DmEvent *event = interop_find_event (doc, id);
  DmLeg *leg = g_ptr_array_index (dm_event_get_legs (event), 0);
  DmLonLat a = { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) };
  DmLonLat b = { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) };
  double mx, my, mw, mh, x0, y0, x1, y1, len, lw = 2.25;
  gboolean was_on = FALSE, started = FALSE;
  guint run = 0, steps;
  double luma_sum = 0;
  DmView view;

  memset (t, 0, sizeof *t);
  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  dm_figure_get_map_view (figure, &view);
  dm_view_project (&view, a.lon, a.lat, &x0, &y0);
  dm_view_project (&view, b.lon, b.lat, &x1, &y1);
  len = hypot (x1 - x0, y1 - y0);
  steps = (guint) (len * 2);
  for (guint i = 0; i <= steps; i++)
    {
      double f = 0.15 + 0.7 * i / steps, x, y, xa, ya, xb, yb, nx, ny, nl;
      DmLonLat p = dm_great_circle_interpolate (a, b, f);
      DmLonLat pa = dm_great_circle_interpolate (a, b, f - 0.002);
      DmLonLat pb = dm_great_circle_interpolate (a, b, f + 0.002);
      guint32 best = 0;
      int best_blue = G_MININT;
      gboolean on;

      if (skip_middle && f > 0.42 && f < 0.58)
        {
          /* a gap of the sampling, not of the line */
          if (was_on && run > 0)
            (run * 0.5 > 4 * lw ? t->long_runs++ : t->short_runs++);
          run = 0, was_on = FALSE, started = FALSE;
          continue;
        }
      dm_view_project (&view, p.lon, p.lat, &x, &y);
      dm_view_project (&view, pa.lon, pa.lat, &xa, &ya);
      dm_view_project (&view, pb.lon, pb.lat, &xb, &yb);
      nl = hypot (xb - xa, yb - ya);
      nx = -(yb - ya) / nl, ny = (xb - xa) / nl;
      for (int k = -1; k <= 1; k++)
        {
          guint32 q = pixel_at (s, mx + x + k * nx, my + y + k * ny);
          if (blueness (q) > best_blue)
            best_blue = blueness (q), best = q;
        }
      on = best_blue > 45;
      t->n++;
      t->px += 0.5;
      if (on)
        t->on++, luma_sum += luma (best);
      if (on && !was_on)
        {
          if (started)
            t->gaps++;
          run = 0;
        }
      if (!on && was_on)
        (run * 0.5 > 4 * lw ? t->long_runs++ : t->short_runs++);
      run++;
      started |= on;
      was_on = on;
    }
  t->luma = t->on > 0 ? luma_sum / t->on : 255;
  g_test_message ("%s: %u of %u samples on the line, %u gaps in %.0f px, %u short and %u long "
                  "dashes, brightness %.0f", id, t->on, t->n, t->gaps, t->px, t->short_runs,
                  t->long_runs, t->luma);
}

static void
test_legs (void)
{
  g_autoptr(DmDocument) doc = load_statuses ();
  g_autoptr(DmFigure) figure = statuses_figure (doc, "2025-11-23T00:00:00Z");
  cairo_surface_t *s = render_figure (figure);
  Trace completed, confirmed, planned, announced, none, cancelled;
  double mx, my, mw, mh, cx, cy;
  guint dark = 0;
  DmView view;

  trace_leg (s, figure, doc, "t-completed", FALSE, &completed);
  trace_leg (s, figure, doc, "t-confirmed", FALSE, &confirmed);
  trace_leg (s, figure, doc, "t-planned", FALSE, &planned);
  trace_leg (s, figure, doc, "t-announced", FALSE, &announced);
  trace_leg (s, figure, doc, "t-none", FALSE, &none);
  trace_leg (s, figure, doc, "t-cancelled", TRUE, &cancelled);

  /* completed and confirmed: solid; confirmed lighter, also in grey */
  g_assert_cmpfloat (completed.on, >, 0.9 * completed.n);
  g_assert_cmpfloat (confirmed.on, >, 0.9 * confirmed.n);
  g_assert_cmpfloat (confirmed.luma, >, completed.luma + 40);
  /* planned: long dashes, announced: short ones, closer together */
  g_assert_cmpfloat (planned.on, <, 0.85 * planned.n);
  g_assert_cmpfloat (planned.on, >, 0.5 * planned.n);
  g_assert_cmpfloat (planned.gaps, >, planned.px / 25);
  g_assert_cmpuint (planned.long_runs, >, 3 * planned.short_runs);
  g_assert_cmpfloat (announced.gaps / announced.px, >, 1.4 * planned.gaps / planned.px);
  g_assert_cmpuint (announced.short_runs, >, 3 * MAX (announced.long_runs, 1));
  /* no status: neither solid (completed) nor plain dashes: long dashes and dots */
  g_assert_cmpfloat (none.on, <, 0.85 * none.n);
  g_assert_cmpuint (none.long_runs, >=, 4);
  g_assert_cmpuint (none.short_runs, >=, 4);
  /* cancelled: grey (nothing blue) and crossed out at its middle */
  g_assert_cmpuint (cancelled.on, ==, 0);
  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  dm_figure_get_map_view (figure, &view);
  {
    DmEvent *event = interop_find_event (doc, "t-cancelled");
    DmLeg *leg = g_ptr_array_index (dm_event_get_legs (event), 0);
    DmLonLat a = { dm_place_get_longitude (leg->from), dm_place_get_latitude (leg->from) };
    DmLonLat b = { dm_place_get_longitude (leg->to), dm_place_get_latitude (leg->to) };
    DmLonLat mid = dm_great_circle_interpolate (a, b, 0.5);

    dm_view_project (&view, mid.lon, mid.lat, &cx, &cy);
  }
  /* the cross's arms, off the line */
  for (int d = 2; d <= 4; d++)
    for (int sx = -1; sx <= 1; sx += 2)
      for (int sy = -1; sy <= 1; sy += 2)
        dark += luma (pixel_at (s, mx + cx + sx * d, my + cy + sy * d)) < 190;
  g_assert_cmpuint (dark, >=, 8);
  cairo_surface_destroy (s);
}

/* Breaks around the ring of the visit at @place, at @at */
static guint
ring_gaps (DmDocument *doc,
           const char *at,
           const char *place_id)
{
  g_autoptr(DmFigure) figure = statuses_figure (doc, at);
  cairo_surface_t *s = render_figure (figure);
  DmEvent *visit = interop_find_event (doc, place_id);
  DmPlace *place = dm_event_get_place (visit);
  double mx, my, mw, mh, x, y, r = 0;
  gboolean was_on = FALSE, first_on = FALSE;
  guint gaps = 0, on_count = 0;
  DmView view;

  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  dm_figure_get_map_view (figure, &view);
  dm_view_project (&view, dm_place_get_longitude (place), dm_place_get_latitude (place), &x, &y);
  /* the ring's radius: where most of its colour is */
  for (double rr = 4.0, most = -1; rr <= 11.0; rr += 0.25)
    {
      guint n = 0;
      for (int i = 0; i < 720; i++)
        {
          double a = i * G_PI / 360;
          guint32 p = pixel_at (s, mx + x + rr * cos (a), my + y + rr * sin (a));
          n += (int) ((p >> 16) & 0xff) - (int) (p & 0xff) > 60;
        }
      if (n > most)
        most = n, r = rr;
    }
  for (int i = 0; i <= 720; i++)
    {
      double a = i * G_PI / 360;
      guint32 p = pixel_at (s, mx + x + r * cos (a), my + y + r * sin (a));
      /* the actor's vermillion: red over blue */
      gboolean on = (int) ((p >> 16) & 0xff) - (int) (p & 0xff) > 60;

      if (i == 0)
        first_on = on;
      else if (on && !was_on)
        gaps++;
      on_count += on;
      was_on = on;
    }
  if (first_on && !was_on)
    gaps++;
  g_test_message ("%s at %s: %u of 721 on the ring of radius %.2f, %u gaps", place_id, at, on_count,
                  r, gaps);
  g_assert_cmpuint (on_count, >, 100);
  cairo_surface_destroy (s);
  return gaps;
}

static void
test_marks (void)
{
  g_autoptr(DmDocument) doc = load_statuses ();

  g_assert_cmpuint (ring_gaps (doc, "2025-11-13T12:00:00Z", "v-completed"), ==, 0);
  g_assert_cmpuint (ring_gaps (doc, "2025-11-05T12:00:00Z", "v-planned"), >=, 2);
  g_assert_cmpuint (ring_gaps (doc, "2025-11-21T12:00:00Z", "v-none"), >=, 2);
}

/* How much the figure at @at differs from the one at @before within @radius px of the mark
 * of the visit @id: the ink of its ring */
static double
mark_ink (DmDocument *doc,
          const char *id,
          const char *at,
          const char *before,
          double      radius)
{
  g_autoptr(DmFigure) figure = statuses_figure (doc, at);
  g_autoptr(DmFigure) empty = statuses_figure (doc, before);
  cairo_surface_t *s = render_figure (figure), *e = render_figure (empty);
  DmPlace *place = dm_event_get_place (interop_find_event (doc, id));
  double mx, my, mw, mh, x, y, ink = 0;
  DmView view;

  dm_figure_get_map_area (figure, &mx, &my, &mw, &mh);
  dm_figure_get_map_view (figure, &view);
  dm_view_project (&view, dm_place_get_longitude (place), dm_place_get_latitude (place), &x, &y);
  for (double dy = -radius; dy <= radius; dy++)
    for (double dx = -radius; dx <= radius; dx++)
      {
        guint32 a, b;

        if (hypot (dx, dy) > radius)
          continue;
        a = pixel_at (s, mx + x + dx, my + y + dy), b = pixel_at (e, mx + x + dx, my + y + dy);
        for (int shift = 0; shift <= 16; shift += 8)
          ink += ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff));
      }
  cairo_surface_destroy (s);
  cairo_surface_destroy (e);
  return ink;
}

/* A visit whose start the source gave roughly ("~") or as a period: its ring fades in over
 * the range the start may lie in, fainter inside it than after it; an exact start's ring is
 * whole at once */
static void
test_vague_start (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "vague-times.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = interop_load (file);
  const char *before = "2025-11-01T12:00:00Z";
  double radius = 12;
  /* "2025-11-03~" in Berlin: 2 November 23:00 to 3 November 23:00 UTC, a day either side
   * drawn (dm_time_get_drawn_range): from 1 November 23:00 to 4 November 23:00 */
  double early = mark_ink (doc, "approximate", "2025-11-02T06:00:00Z", before, radius);
  double late = mark_ink (doc, "approximate", "2025-11-03T20:00:00Z", before, radius);
  double whole = mark_ink (doc, "approximate", "2025-11-06T12:00:00Z", before, radius);
  /* 3 to 5 November UTC */
  double r_early = mark_ink (doc, "ranged", "2025-11-03T06:00:00Z", before, radius);
  double r_whole = mark_ink (doc, "ranged", "2025-11-06T12:00:00Z", before, radius);
  double e_early = mark_ink (doc, "exact", "2025-11-03T02:00:00Z", before, radius);
  double e_whole = mark_ink (doc, "exact", "2025-11-06T12:00:00Z", before, radius);
  /* "2025-11-03T10:00Z~" in Warsaw: two hours either side, 08:00 to 12:00 */
  double t_none = mark_ink (doc, "approximate-time", "2025-11-03T07:30:00Z", before, radius);
  double t_early = mark_ink (doc, "approximate-time", "2025-11-03T08:30:00Z", before, radius);
  double t_late = mark_ink (doc, "approximate-time", "2025-11-03T11:30:00Z", before, radius);
  double t_whole = mark_ink (doc, "approximate-time", "2025-11-06T12:00:00Z", before, radius);

  g_test_message ("approximate: %.0f early, %.0f late, %.0f after; ranged %.0f early, %.0f after; "
                  "exact %.0f early, %.0f after", early, late, whole, r_early, r_whole, e_early, e_whole);
  g_assert_cmpfloat (whole, >, 1000);
  g_assert_cmpfloat (early, <, whole * 0.5);
  g_assert_cmpfloat (late, >, early * 1.5);
  g_assert_cmpfloat (late, <, whole);
  g_assert_cmpfloat (r_early, <, r_whole * 0.5);
  g_assert_cmpfloat (fabs (e_early - e_whole), <, e_whole * 0.1);
  g_test_message ("approximate time: %.0f before, %.0f early, %.0f late, %.0f after",
                  t_none, t_early, t_late, t_whole);
  g_assert_cmpfloat (t_whole, >, 1000);
  g_assert_cmpfloat (t_none, <, t_whole * 0.05);
  g_assert_cmpfloat (t_early, >, t_none);
  g_assert_cmpfloat (t_early, <, t_whole * 0.5);
  g_assert_cmpfloat (t_late, >, t_early * 1.5);

  /* the legend explains the faded mark while one is drawn, and only then */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(DmFigure) figure = statuses_figure (doc, k == 0 ? "2025-11-03T06:00:00Z" : "2025-11-06T12:00:00Z");
      g_autofree char *dir = g_dir_make_tmp ("dm-vague-XXXXXX", NULL);
      g_autofree char *svg_path = g_build_filename (dir, "vague.svg", NULL);
      g_autoptr(GFile) svg_file = g_file_new_for_path (svg_path);
      g_autoptr(GError) error = NULL;
      g_autofree char *svg = NULL;

      g_assert_true (dm_figure_write_file (figure, svg_file, DM_FIGURE_FORMAT_SVG, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
      g_assert_true ((strstr (svg, ">Start or end known only roughly<") != NULL) == (k == 0));
      g_unlink (svg_path);
      g_rmdir (dir);
    }
}

/* The legend names each status in use, and "Status not given" for a file that gave none */
static void
test_legend_svg (void)
{
  g_autoptr(DmDocument) doc = load_statuses ();
  g_autoptr(DmFigure) figure = statuses_figure (doc, "2025-11-21T12:00:00Z");
  g_autofree char *dir = g_dir_make_tmp ("dm-status-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "statuses.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  const char *labels[] = { ">Completed<", ">Confirmed<", ">Planned<", ">Announced<",
                           ">Cancelled<", ">Status not given<" };

  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strstr (svg, labels[i]) == NULL)
      g_error ("the legend has no %s", labels[i]);
  g_unlink (path);
  g_rmdir (dir);
}

/* A file whose every event is completed lists no other status */
static void
test_legend_only_used (void)
{
  g_autoptr(DmDocument) doc = load_statuses ();
  g_autoptr(DmDocument) view = dm_document_new ();
  g_autoptr(DmFigure) figure = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dm-status-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "completed.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;

  dm_document_add_actor (view, dm_event_get_actor (interop_find_event (doc, "t-completed")));
  dm_document_add_event (view, interop_find_event (doc, "t-completed"));
  figure = statuses_figure (view, "2025-11-23T00:00:00Z");
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">Completed<"));
  g_assert_null (strstr (svg, ">Planned<"));
  g_assert_null (strstr (svg, ">Status not given<"));
  g_unlink (path);
  g_rmdir (dir);
}

/* A document with @n actors, each with a leg of its own */
static DmDocument *
many_actors (guint n)
{
  DmDocument *doc = dm_document_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *name = i == 0 ? g_strdup ("Henry Alfred Kissinger, Assistant to the President "
                                                 "for National Security Affairs, 56th United States Secretary "
                                                 "of State and Nobel Peace Prize laureate")
                                     : g_strdup_printf ("Envoy number %u", i);
      g_autoptr(DmActor) actor = dm_actor_new (id, name);
      g_autoptr(DmEvent) trip = dm_event_new (DM_EVENT_KIND_TRIP, id);
      g_autoptr(DmPlace) a = dm_place_new (NULL, "A", NULL, 40.0 + i * 0.3, -5.0, NULL);
      g_autoptr(DmPlace) b = dm_place_new (NULL, "B", NULL, 42.0 + i * 0.3, 20.0, NULL);
      DmLeg *leg = dm_leg_new (a, b);
      g_autoptr(GError) error = NULL;

      g_assert_true (dm_time_parse ("2025-05-03T10:00:00Z", NULL, &leg->depart, &error));
      g_assert_true (dm_time_parse ("2025-05-03T14:00:00Z", NULL, &leg->arrive, &error));
      dm_event_set_actor (trip, actor);
      dm_event_set_status (trip, DM_STATUS_COMPLETED);
      dm_event_add_leg (trip, leg);
      dm_leg_unref (leg);
      dm_event_resolve_times (trip);
      dm_document_add_actor (doc, actor);
      dm_document_add_event (doc, trip);
    }
  return doc;
}

/* The legend never vanishes: too many actors for the map fold into "+N more", a name too long
 * for it is cut with an ellipsis, at every size */
static void
test_legend_never_vanishes (void)
{
  g_autoptr(DmDocument) doc = many_actors (40);
  const int sizes[][2] = { { 1920, 1080 }, { 800, 450 }, { 320, 200 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(DmFigure) figure = dm_figure_new (doc);
      g_autofree char *dir = g_dir_make_tmp ("dm-legend-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "many.svg", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *svg = NULL;
      const char *more;
      double b[4];
      guint hidden = 0;

      dm_figure_set_size (figure, sizes[i][0], sizes[i][1]);
      dm_figure_set_time (figure, utc ("2025-05-04T00:00:00Z"));
      g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
      /* the legend's box is the first one placed */
      g_assert_cmpuint (dm_label_placer_get_n_boxes (dm_figure_get_placed (figure)), >, 0);
      g_assert_false (dm_label_placer_get_box (dm_figure_get_placed (figure), 0,
                                               &b[0], &b[1], &b[2], &b[3]));
      /* every actor listed (smaller), or the last ones folded into "+N more" */
      more = strstr (svg, ">+");
      hidden = more != NULL ? (guint) g_ascii_strtoull (more + 2, NULL, 10) : 0;
      g_test_message ("%dx%d: legend %.0fx%.0f, %u more", sizes[i][0], sizes[i][1],
                      b[2] - b[0], b[3] - b[1], hidden);
      if (i == 0)
        g_assert_nonnull (strstr (svg, ">Envoy number 39<"));
      else
        g_assert_cmpuint (hidden, >, 0);
      g_assert_cmpuint (hidden, <, 40 + 3);
      g_assert_cmpfloat (b[2] - b[0], <=, sizes[i][0] * 0.6 + 1);
      /* the first actor is listed, its name cut where the map is too small for it */
      if (i < 2)
        g_assert_nonnull (strstr (svg, ">Henry Alfred Kissinger"));
      if (i == 1)
        {
          g_assert_nonnull (strstr (svg, "\u2026<"));
          g_assert_null (strstr (svg, "Prize laureate<"));
        }
      g_unlink (path);
      g_rmdir (dir);
    }
}

/* A summit of 21: its caption says where and how many, and lists as many names as fit,
 * whole, then how many others: no name cut in the middle */
static void
test_summit_caption (void)
{
  const char *names[] = { "Donald Trump", "Xi Jinping", "Sanae Takaichi", "Lee Jae-myung",
                          "Anthony Albanese", "Mark Carney", "Prabowo Subianto", "Anwar Ibrahim",
                          "Christopher Luxon", "Ferdinand Marcos Jr.", "Lawrence Wong",
                          "Anutin Charnvirakul", "Luong Cuong", "Gabriel Boric", "Dina Boluarte",
                          "Claudia Sheinbaum", "James Marape", "Hassanal Bolkiah", "Lai Ching-te",
                          "John Lee Ka-chiu", "Alexei Overchuk" };
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmEvent) summit = dm_event_new (DM_EVENT_KIND_SUMMIT, "apec");
  g_autoptr(DmPlace) gyeongju = dm_place_new (NULL, "Gyeongju", "KR", 35.86, 129.22, "Asia/Seoul");
  g_autoptr(DmFigure) figure = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dm-summit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "apec.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  g_auto(GStrv) texts = NULL;
  DmTime start, end;
  gboolean found = FALSE;

  g_assert_true (dm_time_parse ("2025-10-31", NULL, &start, &error));
  g_assert_true (dm_time_parse ("2025-11-01", NULL, &end, &error));
  dm_event_set_title (summit, "APEC");
  dm_event_set_place (summit, gyeongju);
  dm_event_set_start (summit, &start);
  dm_event_set_end (summit, &end);
  dm_event_set_status (summit, DM_STATUS_COMPLETED);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autoptr(DmActor) actor = dm_actor_new (id, names[i]);

      dm_document_add_actor (doc, actor);
      if (i == 0)
        dm_event_set_actor (summit, actor);
      else
        dm_event_add_participant (summit, actor);
    }
  dm_document_add_event (doc, summit);
  figure = dm_figure_new (doc);
  dm_figure_set_size (figure, 1280, 720);
  dm_figure_set_time (figure, utc ("2025-10-31T12:00:00Z"));
  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">APEC, Gyeongju · 21 participants<"));
  /* the names: whole ones, then how many others */
  texts = g_strsplit (svg, "</text>", -1);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      const char *t = strrchr (texts[i], '>');
      guint64 others;
      const char *and;
      guint listed = 0;

      if (t == NULL || !g_str_has_prefix (t, ">Donald Trump, "))
        continue;
      found = TRUE;
      g_test_message ("names: %s", t + 1);
      g_assert_null (strstr (t, "\u2026"));
      and = strstr (t, " and ");
      g_assert_nonnull (and);
      g_assert_true (g_str_has_suffix (t, " others"));
      others = g_ascii_strtoull (and + 5, NULL, 10);
      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          const char *at = strstr (t, names[j]);
          /* a name is there whole, followed by a comma or " and", or not at all */
          if (at != NULL && at < and)
            {
              const char *after = at + strlen (names[j]);
              g_assert_true (*after == ',' || after == and);
              listed++;
            }
        }
      g_assert_cmpuint (listed, >=, 2);
      g_assert_cmpuint (listed + others, ==, 21);
    }
  g_assert_true (found);
  g_unlink (path);
  g_rmdir (dir);
}

/* Whether @needle is in the @len bytes at @data, NUL bytes and all */
static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Sources as numbered footnotes under the map, in SVG text: each source once, with its
 * publisher, title and date; more than fit are counted, not cut; each address a link in SVG
 * and PDF */
static void
test_footnotes (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmDocument) many = many_actors (20);
  DmDocument *docs[] = { doc, many };

  /* twenty sources in the second */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      DmEvent *trip = interop_find_event (many, id);
      DmSource *source = dm_source_new ();

      source->publisher = g_strdup_printf ("Wire %u", i);
      source->url = g_strdup_printf ("https://example.org/%u", i);
      dm_event_add_source (trip, source);
      dm_source_unref (source);
    }
  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      g_autoptr(DmFigure) figure = dm_figure_new (docs[d]);
      g_autofree char *dir = g_dir_make_tmp ("dm-notes-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "notes.svg", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *svg = NULL;

      dm_figure_set_size (figure, 1280, 720);
      dm_figure_set_time (figure, utc (d == 0 ? "2025-10-29T12:00:00Z" : "2025-05-04T00:00:00Z"));
      dm_figure_set_source_footnotes (figure, TRUE);
      g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
      /* no one-line list: numbered notes */
      g_assert_null (strstr (svg, ">Sources:"));
      if (d == 0)
        {
          g_assert_nonnull (strstr (svg, ">1. Reuters, \u201cNorth Korea"));
          g_assert_nonnull (strstr (svg, ">2. Korea JoongAng Daily, 2025-10-26<"));
          g_assert_nonnull (strstr (svg, ">5. The Moscow Times, 2025-10-26<"));
        }
      else
        {
          g_assert_nonnull (strstr (svg, ">1. Wire 0, https://example.org/0<"));
          g_assert_nonnull (strstr (svg, ">11. Wire 10, https://example.org/10<"));
          g_assert_null (strstr (svg, ">12. "));
          /* 12 rows of room (two columns of 6): 11 notes and the count of the other 9 */
          g_assert_nonnull (strstr (svg, ">+9 more sources<"));
          /* each note links to its address */
          g_assert_nonnull (strstr (svg, "<a xlink:href=\"https://example.org/0\"><text"));
          g_assert_nonnull (strstr (svg, "xmlns:xlink="));
          g_assert_null (strstr (svg, "<a xlink:href=\"https://example.org/19\""));
          /* and so in PDF: a link annotation */
          {
            g_autofree char *pdf_path = g_build_filename (dir, "notes.pdf", NULL);
            g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
            g_autofree char *pdf = NULL;
            gsize len;

            g_assert_true (dm_figure_write_file (figure, pdf_file, DM_FIGURE_FORMAT_PDF, &error));
            g_assert_no_error (error);
            g_assert_true (g_file_get_contents (pdf_path, &pdf, &len, NULL));
            /* a PDF holds NUL bytes: search all of it */
            g_assert_true (bytes_contain (pdf, len, "/URI (https://example.org/3)"));
            g_unlink (pdf_path);
          }
        }
      g_unlink (path);
      g_rmdir (dir);
    }
}

/* Colours by actor when few, by group when many, and the legend says which: 20 travellers of
 * two roles are listed as their groups under a heading that counts them; 4 are listed by name */
static void
test_legend_groups (void)
{
  for (guint k = 0; k < 2; k++)
    {
      guint n = k == 0 ? 20 : 4;
      g_autoptr(DmDocument) doc = many_actors (n);
      g_autoptr(DmFigure) figure = NULL;
      g_autofree char *dir = g_dir_make_tmp ("dm-groups-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "groups.svg", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *svg = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("a%u", i);
          dm_actor_set_role (dm_document_lookup_actor (doc, id), i % 2 ? "Envoy" : "Minister");
        }
      figure = statuses_figure (doc, "2025-05-04T00:00:00Z");
      g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
      if (k == 0)
        {
          g_assert_nonnull (strstr (svg, ">20 travellers in 2 groups<"));
          g_assert_nonnull (strstr (svg, ">Minister (10)<"));
          g_assert_nonnull (strstr (svg, ">Envoy (10)<"));
          g_assert_null (strstr (svg, ">Envoy number 3<"));
        }
      else
        {
          g_assert_null (strstr (svg, " groups<"));
          g_assert_nonnull (strstr (svg, ">Envoy number 3<"));
        }
      g_unlink (path);
      g_rmdir (dir);
    }
}

/* The same routes flown again and again, in several looks: a stroke that three later opaque
 * strokes of the same route cover is left out of a figure (dm-route-draw.c), which changes no
 * more than the soft edges of the lines. The legs drawn with every stroke
 * (dm_route_draw_legs_slice()) and as a figure draws them (dm_route_draw_legs()) are
 * compared pixel by pixel. */
/* Routes flown again and again in several looks (test_covered_legs, test_fast_edges) */
static DmFigure *
covered_figure (void)
{
  g_autoptr(GString) json = g_string_new ("{\"diplomap\": 1, \"actors\": ["
                                          "{\"id\": \"a\", \"name\": \"A\"},"
                                          "{\"id\": \"b\", \"name\": \"B\"},"
                                          "{\"id\": \"c\", \"name\": \"C\"}],"
                                          "\"events\": [");
  static const char *looks[][4] = {
    /* actor, status, from, to: flown four times each, twice a day */
    { "a", "completed", "London", "Warsaw" }, { "b", "completed", "London", "Warsaw" },
    { "c", "completed", "Warsaw", "London" }, { "a", "planned", "London", "Warsaw" },
    { "b", "completed", "Paris", "Rome" }, { "c", "announced", "Rome", "Paris" },
    { "a", "cancelled", "London", "Warsaw" }, { "b", "completed", "London", "Warsaw" },
    /* once, on top of them all: left out, the middle of the line would change colour */
    { "c", "completed", "Warsaw", "London" },
  };
  g_autofree char *dir = g_dir_make_tmp ("covered-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "covered.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = NULL;
  guint day = 1;

  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    for (guint k = 0; k < (i + 1 < G_N_ELEMENTS (looks) ? 4 : 1); k++, day++)
      g_string_append_printf (json, "%s{\"id\": \"t%u\", \"type\": \"trip\", \"actor\": \"%s\", "
                              "\"status\": \"%s\", \"legs\": [{\"from\": \"%s\", \"to\": \"%s\", "
                              "\"depart\": \"2025-10-%02uT%02u:00Z\", \"arrive\": \"2025-10-%02uT%02u:00Z\"}]}",
                              day > 1 ? "," : "", day, looks[i][0], looks[i][1], looks[i][2],
                              looks[i][3], 1 + day / 2, day % 2 * 12 + 2, 1 + day / 2,
                              day % 2 * 12 + 4);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  doc = interop_load (file);
  g_unlink (path);
  g_rmdir (dir);
  return statuses_figure (doc, "2025-11-30T00:00:00Z");
}

static void
test_covered_legs (void)
{
  g_autoptr(DmFigure) figure = covered_figure ();
  const DmRouteStyle *style = dm_route_style_get_default ();
  cairo_surface_t *all, *culled;
  guint off = 0, inked = 0;
  DmView view;
  cairo_t *cr;

  dm_figure_get_map_view (figure, &view);
  dm_route_set_ensure (figure->set);
  g_assert_cmpuint (figure->set->legs->len, ==, 4 * 9 - 3);

  all = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view.width, (int) view.height);
  cr = cairo_create (all);
  dm_route_draw_legs_slice (figure->set, cr, &view, style, utc ("2025-11-30T00:00:00Z"), FALSE, 0,
                            G_MAXUINT);
  cairo_destroy (cr);
  culled = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view.width, (int) view.height);
  cr = cairo_create (culled);
  dm_route_draw_legs (figure->set, cr, &view, style, utc ("2025-11-30T00:00:00Z"), FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (all);
  cairo_surface_flush (culled);

  /* the lines are there, and differ at most at their soft edges (a stroke of another colour
   * on top would change the middle of the line by far more): no pixel by more than 40 %, at
   * most a quarter of them by more than a tenth (a line 2.6 pixels wide is half edge) */
  for (int y = 0; y < (int) view.height; y++)
    for (int x = 0; x < (int) view.width; x++)
      {
        guint32 p = pixel_at (all, x, y), q = pixel_at (culled, x, y);
        int d = 0;

        for (int shift = 0; shift < 24; shift += 8)
          d = MAX (d, ABS ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)));
        g_assert_cmpint (d, <=, 102);
        off += d > 25;
        inked += p != 0;
      }
  g_test_message ("%u pixels inked, %u differ by more than a tenth", inked, off);
  g_assert_cmpuint (inked, >, 500);
  g_assert_cmpuint (off, <=, inked / 4);
  cairo_surface_destroy (all);
  cairo_surface_destroy (culled);
}

/* The legs are drawn with Cairo's 4x4-sample rasteriser (dm-route-draw.c, begin()): against
 * the full one (asked for with CAIRO_ANTIALIAS_GOOD, as every leg was drawn before), only the
 * soft edges of the lines may differ, and few of them by much */
static void
test_fast_edges (void)
{
  g_autoptr(DmFigure) figure = covered_figure ();
  const DmRouteStyle *style = dm_route_style_get_default ();
  gint64 t = utc ("2025-11-30T00:00:00Z");
  cairo_surface_t *fast, *full;
  guint off = 0, far = 0, inked = 0;
  int worst = 0;
  DmView view;
  cairo_t *cr;

  dm_figure_get_map_view (figure, &view);
  full = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view.width, (int) view.height);
  cr = cairo_create (full);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_GOOD);
  dm_route_draw_legs (figure->set, cr, &view, style, t, FALSE);
  cairo_destroy (cr);
  fast = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view.width, (int) view.height);
  cr = cairo_create (fast);
  dm_route_draw_legs (figure->set, cr, &view, style, t, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (full);
  cairo_surface_flush (fast);

  for (int y = 0; y < (int) view.height; y++)
    for (int x = 0; x < (int) view.width; x++)
      {
        guint32 p = pixel_at (full, x, y), q = pixel_at (fast, x, y);
        int d = 0;

        for (int shift = 0; shift < 32; shift += 8)
          d = MAX (d, ABS ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)));
        worst = MAX (worst, d);
        off += d > 25;
        far += d > 64;
        inked += p != 0;
      }
  g_test_message ("%u pixels inked, %u differ by more than a tenth, %u by more than a quarter, "
                  "at most by %d", inked, off, far, worst);
  g_assert_cmpuint (inked, >, 500);
  /* the fast rasteriser was used: edges differ */
  g_assert_cmpuint (off, >, 0);
  /* and only there: a line 2.6 pixels wide is half edge; the 4 rows of samples make the
   * edges of flat lines step by a quarter of a pixel, a dot's by up to 0.3 px (162 of 6,902
   * inked pixels by more than a quarter, none by half, when this test was written) */
  g_assert_cmpuint (off, <=, inked / 4);
  g_assert_cmpuint (far, <=, inked / 20);
  g_assert_cmpint (worst, <, 128);
  cairo_surface_destroy (full);
  cairo_surface_destroy (fast);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure-status/legs", test_legs);
  g_test_add_func ("/render/figure-status/marks", test_marks);
  g_test_add_func ("/render/figure-status/vague-start", test_vague_start);
  g_test_add_func ("/render/figure-status/legend-svg", test_legend_svg);
  g_test_add_func ("/render/figure-status/legend-only-used", test_legend_only_used);
  g_test_add_func ("/render/figure-status/legend-never-vanishes", test_legend_never_vanishes);
  g_test_add_func ("/render/figure-status/summit-caption", test_summit_caption);
  g_test_add_func ("/render/figure-status/footnotes", test_footnotes);
  g_test_add_func ("/render/figure-status/legend-groups", test_legend_groups);
  g_test_add_func ("/render/figure-status/covered-legs", test_covered_legs);
  g_test_add_func ("/render/figure-status/fast-edges", test_fast_edges);
  return g_test_run ();
}
