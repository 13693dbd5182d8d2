/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "dm-text.h"
#include "render-test-util.h"

/* Text in every script: what dm_text_draw() and the figures draw is checked by its pixels
 * against what Pango itself draws for the same string (shaped, right to left, from the fonts
 * that have the characters), and against Cairo's toy text API, which draws boxes for Hangul
 * and unjoined letters for Arabic: a test the old drawing fails. SVG and PDF keep the text. */

#define KOREAN "최선희 평양 모스크바"
#define ARABIC "سيرغي لافروف في موسكو"
#define DEVANAGARI "नरेंद्र मोदी नई दिल्ली में"
#define THAI "กรุงเทพมหานคร ประเทศไทย"
#define HEBREW "שר החוץ לברוב בירושלים"
#define SIZE 40.0

/* ink: darker than mid grey */
static gboolean
is_ink (cairo_surface_t *s,
        int              x,
        int              y)
{
  guint32 p = pixel_at (s, x, y);

  return ((p >> 16 & 0xff) + (p >> 8 & 0xff) + (p & 0xff)) < 3 * 128;
}

/* the share of the ink of either picture, within (x0, y0)-(x1, y1), that the other lacks */
static double
ink_mismatch (cairo_surface_t *a,
              cairo_surface_t *b,
              int              x0,
              int              y0,
              int              x1,
              int              y1,
              guint           *n_ink)
{
  guint differ = 0, any = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        gboolean ia = is_ink (a, x, y), ib = is_ink (b, x, y);
        any += ia || ib;
        differ += ia != ib;
      }
  if (n_ink != NULL)
    *n_ink = any;
  return any > 0 ? differ / (double) any : 1.0;
}

static cairo_surface_t *
white_surface (int       w,
               int       h,
               cairo_t **cr)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);

  *cr = cairo_create (s);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  cairo_set_source_rgb (*cr, 0, 0, 0);
  return s;
}

/* what Pango draws for @text: "Sans" at @size pixels, baseline at (x, baseline) */
static cairo_surface_t *
draw_with_pango (const char *text,
                 int         w,
                 int         h,
                 double      x,
                 double      baseline,
                 double      size,
                 gboolean    bold)
{
  cairo_t *cr;
  cairo_surface_t *s = white_surface (w, h, &cr);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Sans");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* unhinted metrics, as figures use (widths that scale with the size) */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  /* a font has every character: else this reference would be boxes too */
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  cairo_move_to (cr, x, baseline - pango_layout_get_baseline (layout) / (double) PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* what Cairo's toy text API (the drawing before Pango) makes of @text */
static cairo_surface_t *
draw_with_toy_api (const char *text,
                   int         w,
                   int         h,
                   double      x,
                   double      baseline,
                   double      size)
{
  cairo_t *cr;
  cairo_surface_t *s = white_surface (w, h, &cr);

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, baseline);
  cairo_show_text (cr, text);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
check_script (const char *text)
{
  const int w = 700, h = 80;
  const DmRgba black = { 0, 0, 0, 1 };
  cairo_t *cr;
  cairo_surface_t *got = white_surface (w, h, &cr);
  cairo_surface_t *want, *toy;
  double mismatch, toy_mismatch;
  guint n_ink;

  dm_text_draw (cr, text, 10, 55, SIZE, DM_TEXT_REGULAR, &black, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (got);
  want = draw_with_pango (text, w, h, 10, 55, SIZE, FALSE);
  toy = draw_with_toy_api (text, w, h, 10, 55, SIZE);
  mismatch = ink_mismatch (got, want, 0, 0, w, h, &n_ink);
  toy_mismatch = ink_mismatch (toy, want, 0, 0, w, h, NULL);
  g_test_message ("%s: %u ink pixels, %.1f%% differ from Pango's, the toy API's %.1f%%", text,
                  n_ink, mismatch * 100, toy_mismatch * 100);
  g_assert_cmpuint (n_ink, >, 1500);
  g_assert_cmpfloat (mismatch, <, 0.03);
  /* the check tells boxes and unjoined letters from the real thing */
  g_assert_cmpfloat (toy_mismatch, >, 0.3);
  cairo_surface_destroy (got);
  cairo_surface_destroy (want);
  cairo_surface_destroy (toy);
}

static void
test_korean (void)
{
  check_script (KOREAN);
}

/* shaped (letters joined) and right to left, as Pango lays it out */
static void
test_arabic (void)
{
  const DmRgba black = { 0, 0, 0, 1 };
  cairo_surface_t *joined, *apart;
  cairo_t *cr;

  check_script (ARABIC);
  /* joining happens: the same letters kept apart by zero-width non-joiners look otherwise */
  joined = white_surface (400, 80, &cr);
  dm_text_draw (cr, "لافروف", 10, 55, SIZE, DM_TEXT_REGULAR, &black, NULL);
  cairo_destroy (cr);
  apart = white_surface (400, 80, &cr);
  dm_text_draw (cr, "ل\u200cا\u200cف\u200cر\u200cو\u200cف", 10, 55, SIZE, DM_TEXT_REGULAR,
                &black, NULL);
  cairo_destroy (cr);
  g_assert_cmpfloat (ink_mismatch (joined, apart, 0, 0, 400, 80, NULL), >, 0.2);
  cairo_surface_destroy (joined);
  cairo_surface_destroy (apart);
}

/* A cut keeps graphemes whole: a letter with its combining accent is never split */
static void
test_ellipsize_graphemes (void)
{
  cairo_t *cr;
  cairo_surface_t *s = white_surface (10, 10, &cr);
  /* e + combining acute, eight times */
  const char *text = "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301";
  double full = dm_text_width (cr, text, 20, DM_TEXT_REGULAR);

  for (double max_w = full * 0.5; max_w < full; max_w += 3)
    {
      g_autofree char *cut = dm_text_ellipsize (cr, text, 20, DM_TEXT_REGULAR, max_w);
      g_autofree char *head = g_strndup (cut, strlen (cut) - strlen ("…"));

      g_test_message ("%.1f of %.1f: %s", max_w, full, cut);
      g_assert_true (g_str_has_suffix (cut, "…"));
      /* whole pairs only: the text before "…" ends with the accent */
      g_assert_cmpstr (head, !=, "");
      g_assert_true (g_str_has_suffix (head, "\u0301"));
      g_assert_cmpfloat (dm_text_width (cr, cut, 20, DM_TEXT_REGULAR), <=, max_w);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* No font for a character: said on stderr, not silently drawn as a box */
static void
test_missing_font_warns (void)
{
  const DmRgba black = { 0, 0, 0, 1 };
  cairo_t *cr;
  cairo_surface_t *s = white_surface (200, 60, &cr);

  g_test_expect_message ("dm-render", G_LOG_LEVEL_WARNING, "No font is installed for*");
  /* a character of a private-use plane: no font has it */
  dm_text_draw (cr, "x \U0010FFF0 y", 5, 40, 20, DM_TEXT_REGULAR, &black, NULL);
  g_test_assert_expected_messages ();
  /* once per text */
  dm_text_draw (cr, "x \U0010FFF0 y", 5, 40, 20, DM_TEXT_REGULAR, &black, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* Text measured and drawn in several threads at once (tiles are drawn by workers) */
static gpointer
draw_in_thread_cb (gpointer data)
{
  const char *text = data;
  const DmRgba black = { 0, 0, 0, 1 };
  double first = -1;

  for (int i = 0; i < 40; i++)
    {
      cairo_t *cr;
      cairo_surface_t *s = white_surface (400, 60, &cr);
      double w = dm_text_width (cr, text, 18, DM_TEXT_BOLD);

      dm_text_draw (cr, text, 5, 40, 18, DM_TEXT_BOLD, &black, &black);
      if (first < 0)
        first = w;
      g_assert_cmpfloat (fabs (w - first), <, 1e-6);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
  return NULL;
}

static void
test_threads (void)
{
  const char *texts[] = { KOREAN, ARABIC, "Москва", "Pyongyang" };
  GThread *threads[G_N_ELEMENTS (texts)];

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    threads[i] = g_thread_new ("text", draw_in_thread_cb, (gpointer) texts[i]);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_thread_join (threads[i]);
}

/* The sample with its actors' names (and the events that name them) in @names' script */
static DmDocument *
load_sample_renamed (const char * const *names)
{
  g_autoptr(GFile) sample = interop_sample ();
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dm-text-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "renamed.diplomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = NULL;
  DmDocument *doc;

  g_assert_true (g_file_load_contents (sample, NULL, &contents, NULL, NULL, NULL));
  text = g_string_new (contents);
  for (guint i = 0; names[i] != NULL; i += 2)
    g_assert_cmpuint (g_string_replace (text, names[i], names[i + 1], 0), >, 0);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  doc = interop_load (file);
  g_unlink (path);
  g_rmdir (dir);
  return doc;
}

/* Writes @figure as @format and returns the file's bytes */
static char *
write_figure (DmFigure       *figure,
              DmFigureFormat  format,
              const char     *name)
{
  g_autofree char *dir = g_dir_make_tmp ("dm-text-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (dm_figure_write_file (figure, file, format, &error));
  g_assert_no_error (error);
  if (format == DM_FIGURE_FORMAT_PDF)
    {
      /* the text a reader selects and searches, as poppler extracts it */
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &contents, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return contents;
}

/* A 1920x1080 figure titled @title: its title's pixels are what Pango draws for the title
 * (bold, 30 px, at the figure's margin), no character lacks a font (a warning would fail the
 * test) in the title, legend, labels or caption; SVG keeps the names as text */
static void
check_figure (DmDocument         *doc,
              const char         *title,
              const char * const *svg_texts)
{
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  cairo_surface_t *got, *want, *toy;
  g_autofree char *svg = NULL;
  double mismatch;
  guint n_ink;

  dm_figure_set_size (figure, 1920, 1080);
  dm_figure_set_time (figure, utc ("2025-10-28T12:00:00Z"));
  dm_figure_set_title (figure, title);
  got = render_figure (figure);
  /* dm-figure-layout.c at 1920x1080: margin 22, title 30 px, baseline at 22 * 0.9 + 30 * 0.92 */
  want = draw_with_pango (title, 1920, 1080, 22, 22 * 0.9 + 30 * 0.92, 30, TRUE);
  toy = draw_with_toy_api (title, 1920, 1080, 22, 22 * 0.9 + 30 * 0.92, 30);
  mismatch = ink_mismatch (got, want, 0, 8, 1920, 54, &n_ink);
  g_test_message ("title %s: %u ink pixels, %.1f%% differ from Pango's, toy API %.1f%%", title,
                  n_ink, mismatch * 100, ink_mismatch (got, toy, 0, 8, 1920, 54, NULL) * 100);
  g_assert_cmpuint (n_ink, >, 2000);
  g_assert_cmpfloat (mismatch, <, 0.05);
  g_assert_cmpfloat (ink_mismatch (got, toy, 0, 8, 1920, 54, NULL), >, 0.3);

  svg = write_figure (figure, DM_FIGURE_FORMAT_SVG, "figure.svg");
  for (guint i = 0; svg_texts[i] != NULL; i++)
    {
      g_autofree char *element = g_strdup_printf (">%s</text>", svg_texts[i]);
      if (strstr (svg, element) == NULL)
        g_error ("the SVG has no <text> element for “%s”", svg_texts[i]);
    }
  cairo_surface_destroy (got);
  cairo_surface_destroy (want);
  cairo_surface_destroy (toy);
}

/* Devanagari: conjuncts and vowel signs that go before their consonant (ि), reordered by
 * shaping; Thai: marks stacked above and below, no spaces between words; Hebrew: right to
 * left. Each drawn as Pango draws it, unlike the toy API's boxes and unordered letters. */
static void
test_devanagari (void)
{
  check_script (DEVANAGARI);
}

static void
test_thai (void)
{
  check_script (THAI);
}

static void
test_hebrew (void)
{
  check_script (HEBREW);
}

static void
test_figure_korean (void)
{
  const char *names[] = { "Choe Son Hui", "최선희", "Sergey Lavrov", "세르게이 라브로프", NULL };
  const char *svg_texts[] = { "최선희 외무상 모스크바 방문", "최선희", "세르게이 라브로프", NULL };
  g_autoptr(DmDocument) doc = load_sample_renamed (names);
  g_autoptr(DmFigure) figure = dm_figure_new (doc);
  g_autofree char *pdf = NULL;

  check_figure (doc, "최선희 외무상 모스크바 방문", svg_texts);
  /* PDF text can be searched */
  dm_figure_set_size (figure, 1200, 800);
  dm_figure_set_title (figure, "최선희 외무상 모스크바 방문");
  pdf = write_figure (figure, DM_FIGURE_FORMAT_PDF, "figure.pdf");
  g_assert_nonnull (strstr (pdf, "최선희 외무상 모스크바 방문"));
  /* the legend's name */
  g_assert_nonnull (strstr (pdf, "\n최선희\n"));
}

static void
test_figure_arabic (void)
{
  const char *names[] = { "Sergey Lavrov", "سيرغي لافروف", "Donald Trump", "دونالد ترامب", NULL };
  const char *svg_texts[] = { "زيارة لافروف إلى مينسك", "سيرغي لافروف", "دونالد ترامب", NULL };
  g_autoptr(DmDocument) doc = load_sample_renamed (names);

  check_figure (doc, "زيارة لافروف إلى مينسك", svg_texts);
}

static void
test_figure_devanagari (void)
{
  const char *names[] = { "Donald Trump", "डोनाल्ड ट्रंप", NULL };
  const char *svg_texts[] = { "डोनाल्ड ट्रंप की एशिया यात्रा", "डोनाल्ड ट्रंप", NULL };
  g_autoptr(DmDocument) doc = load_sample_renamed (names);

  check_figure (doc, "डोनाल्ड ट्रंप की एशिया यात्रा", svg_texts);
}

static void
test_figure_thai (void)
{
  const char *names[] = { "Donald Trump", "โดนัลด์ ทรัมป์", NULL };
  const char *svg_texts[] = { "การเยือนเอเชียของทรัมป์", "โดนัลด์ ทรัมป์", NULL };
  g_autoptr(DmDocument) doc = load_sample_renamed (names);

  check_figure (doc, "การเยือนเอเชียของทรัมป์", svg_texts);
}

static void
test_figure_hebrew (void)
{
  const char *names[] = { "Sergey Lavrov", "סרגיי לברוב", NULL };
  const char *svg_texts[] = { "ביקור לברוב במינסק", "סרגיי לברוב", NULL };
  g_autoptr(DmDocument) doc = load_sample_renamed (names);

  check_figure (doc, "ביקור לברוב במינסק", svg_texts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/render/text/korean", test_korean);
  g_test_add_func ("/render/text/arabic", test_arabic);
  g_test_add_func ("/render/text/devanagari", test_devanagari);
  g_test_add_func ("/render/text/thai", test_thai);
  g_test_add_func ("/render/text/hebrew", test_hebrew);
  g_test_add_func ("/render/text/ellipsize-graphemes", test_ellipsize_graphemes);
  g_test_add_func ("/render/text/missing-font-warns", test_missing_font_warns);
  g_test_add_func ("/render/text/threads", test_threads);
  g_test_add_func ("/render/text/figure-korean", test_figure_korean);
  g_test_add_func ("/render/text/figure-arabic", test_figure_arabic);
  g_test_add_func ("/render/text/figure-devanagari", test_figure_devanagari);
  g_test_add_func ("/render/text/figure-thai", test_figure_thai);
  g_test_add_func ("/render/text/figure-hebrew", test_figure_hebrew);
  return g_test_run ();
}
