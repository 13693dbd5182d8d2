/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "dm-figure.h"
#include "dm-loader.h"
#include "dm-svg-compact.h"
#include "dm-text.h"
#include "svg-test-util.h"

/* dm-svg-compact.c (issue 15): Cairo's SVG rewritten with classes, rounded coordinates,
 * consecutive strokes of one look as one path and hollow lines written once; checked on
 * documents made by hand and on the U.S. record's figure, by its contents and by its pixels
 * as librsvg draws them. */

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" " \
  "width=\"100px\" height=\"100px\" viewBox=\"0 0 100 100\" version=\"1.1\">\n"
#define SOLID "fill:none;stroke-width:3.88125;stroke-linecap:round;stroke-linejoin:bevel;" \
  "stroke:rgb(0%,46.666667%,89.803922%);stroke-opacity:1;stroke-miterlimit:10;"
#define WHITE "fill:none;stroke-width:1.423125;stroke-linecap:round;stroke-linejoin:bevel;" \
  "stroke:rgb(100%,100%,100%);stroke-opacity:1;stroke-miterlimit:10;"
#define DASHED "fill:none;stroke-width:3.88125;stroke-linecap:round;stroke-linejoin:bevel;" \
  "stroke:rgb(0%,46.666667%,89.803922%);stroke-opacity:1;stroke-dasharray:0.025875,5.6925;" \
  "stroke-miterlimit:10;"
#define FAINT "fill:none;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;" \
  "stroke:rgb(50%,0%,0%);stroke-opacity:0.4;stroke-miterlimit:10;"
#define LAND " stroke:none;fill-rule:nonzero;fill:rgb(95.686275%,94.509804%,91.764706%);fill-opacity:1;"
#define MOVE " transform=\"matrix(1,0,0,1,0,90.25)\""

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
compact (const char *svg,
         gsize       length)
{
  GString *out = g_string_new (NULL);

  g_assert_cmpint (dm_svg_compact_write (svg, length, DM_SVG_COMPACT_DECIMALS, append_cb, out),
                   ==, CAIRO_STATUS_SUCCESS);
  return g_string_free (out, FALSE);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* No style="…" is written twice, and every number of every path has at most two decimals */
static void
assert_compact (const char *svg)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) style = g_regex_new ("style=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GRegex) data = g_regex_new ("<path [^>]*d=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GRegex) decimals = g_regex_new ("\\.[0-9]{3}", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  for (g_regex_match (style, svg, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      char *s = g_match_info_fetch (m, 1);

      if (!g_hash_table_add (seen, s))
        g_error ("style=\"%s\" is written more than once", s);
    }
  g_clear_pointer (&m, g_match_info_free);
  for (g_regex_match (data, svg, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *d = g_match_info_fetch (m, 1);

      if (g_regex_match (decimals, d, 0, NULL))
        g_error ("a coordinate has more than two decimals: %.80s", d);
    }
}

/* Styles used twice become classes; one used once stays inline; the block is valid XML */
static void
test_classes (void)
{
  const char *svg = HEAD "<g id=\"surface1\">\n"
    "<path style=\"" LAND "\" d=\"M 1 1 L 5 1 L 5 5 Z M 1 1 \"/>\n"
    "<path style=\"" LAND "\" d=\"M 11 1 L 15 1 L 15 5 Z M 11 1 \"/>\n"
    "<path style=\"" FAINT "\" d=\"M 1 1 L 50 50 \"/>\n"
    "<text x=\"1\" y=\"2\" fill=\"#000\">모스크바 — موسكو</text>\n"
    "</g>\n</svg>\n";
  g_autofree char *out = compact (svg, strlen (svg));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = svg_test_paths (out, &error);
  g_autofree char *land = g_strstrip (g_strdup (LAND));

  g_test_message ("%s", out);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "<style type=\"text/css\">\n.s0{stroke:none;fill-rule:nonzero;"));
  g_assert_cmpuint (count (out, "class=\"s0\""), ==, 2);
  /* the same fills, not joined: a fill's holes depend on what else is in its path */
  g_assert_cmpuint (count (out, "<path"), ==, 3);
  g_assert_nonnull (strstr (out, "style=\"" FAINT "\""));
  g_assert_nonnull (strstr (out, "<text x=\"1\" y=\"2\" fill=\"#000\">모스크바 — موسكو</text>"));
  g_assert_cmpuint (paths->len, ==, 3);
  g_assert_cmpstr (((SvgTestPath *) paths->pdata[0])->style, ==, land);
  g_assert_cmpstr (((SvgTestPath *) paths->pdata[1])->d, ==, "M11 1 15 1 15 5ZM11 1");
  assert_compact (out);
}

/* Coordinates rounded to 0.01 px, transforms written once for the paths that share them */
static void
test_coordinates (void)
{
  const char *svg = HEAD "<defs>\n<radialGradient id=\"radial0\" gradientUnits=\"userSpaceOnUse\" "
    "cx=\"5\" cy=\"5\" r=\"3\"><stop offset=\"0\" style=\"stop-color:rgb(0%,0%,0%);\"/></radialGradient>\n"
    "<clipPath id=\"clip1\">\n  <path d=\"M 0 90.25 L 1920 90.25 L 1920 1031.351562 Z M 0 90.25 \"/>\n"
    "</clipPath>\n</defs>\n<g clip-path=\"url(#clip1)\" clip-rule=\"nonzero\">\n"
    "<path style=\"" SOLID "\" d=\"M 455.355469 975.351562 L -0.003906 -2.5 C 1 2 3 4.999 5 6 \"" MOVE "/>\n"
    "<path style=\" stroke:none;fill:url(#radial0);\" d=\"M 1 1 L 9 9 \"" MOVE "/>\n"
    "<path style=\" stroke:none;fill:url(#radial0);\" d=\"M 1 1 L 9 9 \"" MOVE "/>\n"
    "<path style=\"" SOLID "\" d=\"M 1 1 A 5 5 0 0 1 9 9 \"" MOVE "/>\n"
    "</g>\n</svg>\n";
  g_autofree char *out = compact (svg, strlen (svg));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = svg_test_paths (out, &error);

  g_test_message ("%s", out);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "<path d=\"M0 90.25 1920 90.25 1920 1031.35ZM0 90.25\"/>"));
  g_assert_nonnull (strstr (out, "<stop offset=\"0\" style=\"stop-color:rgb(0%,0%,0%);\"/>"));
  /* paths in a row with the same transform: one group; a gradient's user space with them */
  g_assert_nonnull (strstr (out, "<g clip-path=\"url(#clip1)\" clip-rule=\"nonzero\">\n"
                            "<g transform=\"matrix(1,0,0,1,0,90.25)\">\n"
                            "<path class=\"s0\" d=\"M455.36 975.35 0-2.5C1 2 3 5 5 6\"/>\n"
                            "<path class=\"s1\" d=\"M1 1 9 9\"/>\n"
                            "<path class=\"s1\" d=\"M1 1 9 9\"/>\n"
                            /* an arc (never written by Cairo) is left as it is */
                            "<path class=\"s0\" d=\"M 1 1 A 5 5 0 0 1 9 9 \"/>\n"
                            "</g>\n</g>\n</svg>\n"));
  g_assert_cmpuint (paths->len, ==, 4);
  assert_compact (out);
}

/* Opaque solid strokes of one class in a row are one path; dashed, faint and filled are not;
 * a line stroked twice (a hollow line) is written once, and used again */
static void
test_join_and_share (void)
{
  const char *svg = HEAD "<g id=\"surface1\">\n"
    "<path style=\"" SOLID "\" d=\"M 1 1 L 2 2 \"/>\n"
    "<path style=\"" SOLID "\" d=\"M 3 3 L 4 4 \"/>\n"
    "<path style=\"" DASHED "\" d=\"M 1 1 L 2 2 \"/>\n"
    "<path style=\"" DASHED "\" d=\"M 3 3 L 4 4 \"/>\n"
    "<path style=\"" FAINT "\" d=\"M 1 1 L 2 2 \"/>\n"
    "<path style=\"" FAINT "\" d=\"M 3 3 L 4 4 \"/>\n"
    "<path style=\"" SOLID "\" d=\"M 10 10 L 20 20 L 30 10 \"/>\n"
    "<path style=\"" WHITE "\" d=\"M 10 10 L 20 20 L 30 10 \"/>\n"
    "<path style=\"" SOLID "\" d=\"M 40 10 L 50 20 \"/>\n"
    "<path style=\"" WHITE "\" d=\"M 40 10 L 50 20 \"/>\n"
    "<path style=\"" WHITE "\" d=\"M 60 10 L 70 20 \"/>\n"
    "</g>\n</svg>\n";
  g_autofree char *out = compact (svg, strlen (svg));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = svg_test_paths (out, &error);
  const char *want[][2] = {
    { SOLID, "M1 1 2 2M3 3 4 4" }, { DASHED, "M1 1 2 2" }, { DASHED, "M3 3 4 4" },
    { FAINT, "M1 1 2 2" }, { FAINT, "M3 3 4 4" }, { SOLID, "M10 10 20 20 30 10" },
    { WHITE, "M10 10 20 20 30 10" }, { SOLID, "M40 10 50 20" }, { WHITE, "M40 10 50 20" },
    { WHITE, "M60 10 70 20" },
  };

  g_test_message ("%s", out);
  g_assert_no_error (error);
  /* the paths drawn, in their order, with their looks */
  g_assert_cmpuint (paths->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < paths->len; i++)
    {
      SvgTestPath *p = g_ptr_array_index (paths, i);

      g_assert_cmpstr (p->style, ==, want[i][0]);
      g_assert_cmpstr (p->d, ==, want[i][1]);
    }
  g_assert_cmpuint (count (out, "<use xlink:href=\"#dm-line"), ==, 2);
  g_assert_cmpuint (count (out, "d=\"M10 10 20 20 30 10\""), ==, 1);
  g_assert_cmpuint (count (out, "d=\"M40 10 50 20\""), ==, 1);
  /* the white line after the last hollow one is not joined to what it does not follow */
  g_assert_cmpuint (count (out, "d=\"M60 10 70 20\""), ==, 1);
  assert_compact (out);
}

/* Legs batched by style before Cairo (one path of many lines per look, hollow lines as a
 * coloured path and a white one with the same lines) come out the same way */
static void
test_batched (void)
{
  const char *svg = HEAD "<g id=\"surface1\">\n"
    "<path style=\"" SOLID "\" d=\"M 10 10 L 20 20 M 40 10 L 50 20 M 60 10 L 70 20 \"/>\n"
    "<path style=\"" WHITE "\" d=\"M 10 10 L 20 20 M 40 10 L 50 20 M 60 10 L 70 20 \"/>\n"
    "<path style=\"" SOLID "\" d=\"M 1 1 L 2 2 M 3 3 L 4 4 \"/>\n"
    "</g>\n</svg>\n";
  g_autofree char *out = compact (svg, strlen (svg));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = svg_test_paths (out, &error);

  g_test_message ("%s", out);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "<g class=\"s0\"><path id=\"dm-line1\" "
                            "d=\"M10 10 20 20M40 10 50 20M60 10 70 20\"/></g>\n"
                            /* a style used once stays inline, and still shares */
                            "<use xlink:href=\"#dm-line1\" style=\"" WHITE "\"/>\n"
                            "<path class=\"s0\" d=\"M1 1 2 2M3 3 4 4\"/>\n"));
  g_assert_cmpuint (paths->len, ==, 3);
  assert_compact (out);
}

/* Cut anywhere (a tag, a value, a number), a document is still read within its bytes, and
 * what is not a whole tag passes on unchanged */
static void
test_truncated (void)
{
  const char *svg = HEAD "<defs>\n<clipPath id=\"clip1\">\n  <path d=\"M 0 9.25 L 19 9.25 Z \"/>\n"
    "</clipPath>\n</defs>\n<!-- a comment -->\n<g clip-path=\"url(#clip1)\">\n"
    "<path style=\"" SOLID "\" d=\"M 455.355469 975.351562 L -0.003906 -2.5 \"" MOVE "/>\n"
    "<path style=\"" WHITE "\" d=\"M 455.355469 975.351562 L -0.003906 -2.5 \"" MOVE "/>\n"
    "<path style=\"" SOLID "\" d=\"M 1 1 L 2 2 \"/>\n<path style=\"" SOLID "\" d=\"M 3 3 L 4 4 \"/>\n"
    "</g>\n</svg>\n";
  gsize length = strlen (svg);

  for (gsize n = 0; n <= length; n++)
    {
      /* a copy of just those bytes, so that reading past them is caught under valgrind or
       * AddressSanitizer */
      g_autofree char *cut = g_memdup2 (svg, n);
      g_autofree char *out = compact (cut, n);
      g_autofree char *same = g_strndup (svg, n);

      if (n < strlen (HEAD) - 1)
        g_assert_cmpstr (out, ==, same);
    }
}

static cairo_status_t
fail_cb (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  guint *calls = closure;

  (*calls)++;
  return CAIRO_STATUS_WRITE_ERROR;
}

/* A failed write is reported, and nothing more is written after it */
static void
test_write_error (void)
{
  const char *svg = HEAD "<path style=\"" SOLID "\" d=\"M 1 1 L 2 2 \"/>\n</svg>\n";
  guint calls = 0;

  g_assert_cmpint (dm_svg_compact_write (svg, strlen (svg), 2, fail_cb, &calls), ==,
                   CAIRO_STATUS_WRITE_ERROR);
  g_assert_cmpuint (calls, ==, 1);
}

static DmDocument *
load_us_travels (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DIPLOMAP_DATA_DIR"), "us-travels", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dm_loader_load_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&doc);
}

/* @svg as librsvg draws it */
static cairo_surface_t *
rasterise (const char *dir,
           const char *name,
           const char *svg,
           gssize      length)
{
  g_autofree char *in = g_strconcat (dir, "/", name, ".svg", NULL);
  g_autofree char *out = g_strconcat (dir, "/", name, ".png", NULL);
  g_autofree char *program = g_find_program_in_path ("rsvg-convert");
  const char *argv[] = { program, "-o", out, in, NULL };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  int status;

  if (program == NULL)
    g_error ("rsvg-convert is needed (Debian: librsvg2-bin; build-aux/dev installs it)");
  g_assert_true (g_file_set_contents (in, svg, (gssize) length, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  image = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (in);
  g_unlink (out);
  return image;
}

/* Pixels of which a channel differs by more than @tol */
static guint
count_differing (cairo_surface_t *a,
                 cairo_surface_t *b,
                 int              tol)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) +
                                             y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) +
                                             y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        for (int shift = 0; shift < 32; shift += 8)
          if (ABS ((int) (ra[x] >> shift & 0xff) - (int) (rb[x] >> shift & 0xff)) > tol)
            {
              n++;
              break;
            }
    }
  return n;
}

/* Lines per look: the move-tos of every drawn path of each style */
static GHashTable *
lines_per_style (GPtrArray *paths)
{
  GHashTable *lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < paths->len; i++)
    {
      SvgTestPath *p = g_ptr_array_index (paths, i);
      g_autofree char *style = g_strstrip (g_strdup (p->style));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (lines, style));

      g_hash_table_insert (lines, g_steal_pointer (&style),
                           GUINT_TO_POINTER (n + svg_test_count_moves (p->d)));
    }
  return lines;
}

/* The U.S. record's 1920x1080 figure: under 2 MB, the same lines in the same looks, and the
 * same picture as Cairo's own SVG once librsvg draws both */
static void
test_us_record (void)
{
  g_autoptr(DmDocument) doc = load_us_travels ();
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autoptr(GString) raw = g_string_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("svg-compact-XXXXXX", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) raw_paths = NULL, out_paths = NULL;
  g_autoptr(GHashTable) raw_lines = NULL, out_lines = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface, *before, *after, *blank;
  GHashTableIter iter;
  gpointer style, n;
  cairo_t *cr;
  guint differ, differ_slightly;
  gint64 t0;
  clock_t cpu0;

  dm_figure_set_size (figure, 1920, 1080);
  surface = cairo_svg_surface_create_for_stream (append_cb, raw, 1920, 1080);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  /* as dm_figure_write_file() does: texts are recorded, not drawn as glyphs */
  dm_text_recorder_attach (surface);
  cr = cairo_create (surface);
  dm_figure_draw (figure, cr);
  cairo_destroy (cr);
  g_free (dm_text_recorder_steal (surface));
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  t0 = g_get_monotonic_time ();
  cpu0 = clock ();
  out = compact (raw->str, raw->len);
  g_test_message ("Cairo's SVG %zu bytes, compacted %zu bytes in %.1f ms (%.1f ms of CPU)",
                  raw->len, strlen (out), (g_get_monotonic_time () - t0) / 1000.0,
                  (clock () - cpu0) * 1000.0 / CLOCKS_PER_SEC);
  g_assert_cmpuint (strlen (out), <=, 2000000);
  g_assert_cmpuint (strlen (out), <, raw->len * 2 / 3);
  assert_compact (out);
  g_assert_cmpuint (count (out, "<style"), ==, 1);

  /* the same lines of each look, drawn once or used twice */
  raw_paths = svg_test_paths (raw->str, &error);
  g_assert_no_error (error);
  out_paths = svg_test_paths (out, &error);
  g_assert_no_error (error);
  g_test_message ("%u paths drawn before, %u after (%u <path>, %u <use>)", raw_paths->len,
                  out_paths->len, count (out, "<path"), count (out, "<use"));
  g_assert_cmpuint (count (out, "<path") + count (out, "<use"), <, raw_paths->len);
  g_assert_cmpuint (count (out, "<use"), >, 100);
  raw_lines = lines_per_style (raw_paths);
  out_lines = lines_per_style (out_paths);
  g_assert_cmpuint (g_hash_table_size (raw_lines), ==, g_hash_table_size (out_lines));
  g_hash_table_iter_init (&iter, raw_lines);
  while (g_hash_table_iter_next (&iter, &style, &n))
    if (g_hash_table_lookup (out_lines, style) != n)
      g_error ("%u lines in style %s before, %u after", GPOINTER_TO_UINT (n), (char *) style,
               GPOINTER_TO_UINT (g_hash_table_lookup (out_lines, style)));

  /* the picture: only antialiased edges may move (joined strokes, 1/256 -> 1/100 pixel) */
  before = rasterise (dir, "before", raw->str, (gssize) raw->len);
  after = rasterise (dir, "after", out, -1);
  differ = count_differing (before, after, 25);
  differ_slightly = count_differing (before, after, 2);
  g_test_message ("pixels differing by more than 10 %%: %u, by more than 1 %%: %u of %d", differ,
                  differ_slightly, 1920 * 1080);
  g_assert_cmpuint (differ, <=, 20);
  g_assert_cmpuint (differ_slightly, <=, 2000);
  /* and not a blank picture: routes differ from the map */
  blank = rasterise (dir, "blank", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1920px\" "
                    "height=\"1080px\"><rect width=\"1920\" height=\"1080\" fill=\"#fff\"/></svg>\n", -1);
  g_assert_cmpuint (count_differing (before, blank, 25), >, 100000);
  cairo_surface_destroy (blank);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/svg-compact/classes", test_classes);
  g_test_add_func ("/render/svg-compact/coordinates", test_coordinates);
  g_test_add_func ("/render/svg-compact/join-and-share", test_join_and_share);
  g_test_add_func ("/render/svg-compact/batched", test_batched);
  g_test_add_func ("/render/svg-compact/truncated", test_truncated);
  g_test_add_func ("/render/svg-compact/write-error", test_write_error);
  g_test_add_func ("/render/svg-compact/us-record", test_us_record);
  return g_test_run ();
}
