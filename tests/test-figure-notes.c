/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dm-figure-private.h"
#include "dm-text.h"
#include "render-test-util.h"

/* Footnotes on the map: with sources as numbered footnotes, each place name on the map carries
 * the numbers of the notes of its events, small and raised right after the name, and those
 * numbers are the ones listed under the map; in SVG (as text), PNG (as ink) and PDF (as text);
 * none when the sources are one line or not shown. */

typedef struct
{
  double x, y, size;
  char  *text;
} Text;

static void
text_clear (gpointer data)
{
  g_free (((Text *) data)->text);
}

/* The <text> elements of @svg: position, size and content */
static GArray *
parse_texts (const char *svg)
{
  g_autoptr(GRegex) re = g_regex_new ("<text x=\"([0-9.-]+)\" y=\"([0-9.-]+)\"[^>]*"
                                      "font-size=\"([0-9.]+)\"[^>]*>([^<]*)</text>",
                                      0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  GArray *texts = g_array_new (FALSE, FALSE, sizeof (Text));

  g_array_set_clear_func (texts, text_clear);
  g_regex_match (re, svg, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      Text t;
      g_autofree char *x = g_match_info_fetch (m, 1), *y = g_match_info_fetch (m, 2);
      g_autofree char *size = g_match_info_fetch (m, 3);

      t.x = g_ascii_strtod (x, NULL);
      t.y = g_ascii_strtod (y, NULL);
      t.size = g_ascii_strtod (size, NULL);
      t.text = g_match_info_fetch (m, 4);
      g_array_append_val (texts, t);
    }
  return texts;
}

/* "1", "4,7", "1–5": a footnote marker */
static gboolean
is_marker (const char *text)
{
  return g_regex_match_simple ("^[0-9]+([,\u2013][0-9]+)*$", text, 0, 0);
}

/* The highest number @marker names */
static guint
marker_max (const char *marker)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,\u2013]", marker, 0, 0);
  guint max = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    max = MAX (max, (guint) g_ascii_strtoull (parts[i], NULL, 10));
  return max;
}

static char *
write_svg (DmFigure *figure)
{
  g_autofree char *dir = g_dir_make_tmp ("dm-notes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *svg = NULL;

  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return svg;
}

/* Pixels darker than the map's grey in the box (x0, y0)-(x1, y1) of @s */
static guint
count_ink (cairo_surface_t *s,
           double           x0,
           double           y0,
           double           x1,
           double           y1)
{
  guint n = 0;

  for (int y = (int) y0; y <= (int) y1; y++)
    for (int x = (int) x0; x <= (int) x1; x++)
      n += (pixel_at (s, x, y) & 0xff) < 0x80;
  return n;
}

static DmFigure *
sample_figure (DmDocument *doc)
{
  DmFigure *figure = dm_figure_new (doc);

  dm_figure_set_size (figure, 1280, 720);
  dm_figure_set_time (figure, utc ("2025-10-29T12:00:00Z"));
  dm_figure_set_source_footnotes (figure, TRUE);
  return figure;
}

static guint
count_markers (GArray *texts)
{
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    n += is_marker (g_array_index (texts, Text, i).text);
  return n;
}

/* Each marker sits right after a place name (its baseline raised, its left edge where the
 * name's advance ends), smaller than it, or alone by a dot whose name had no room, and names only notes listed under the map; Moscow
 * and Pyongyang carry the notes of Choe's trip; PNG has ink where the markers are */
static void
test_markers (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  g_autofree char *svg = write_svg (figure);
  g_autoptr(GArray) texts = parse_texts (svg);
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  cairo_surface_t *png = render_figure (figure);
  guint n_notes = 0, n_markers = 0, n_lone = 0;
  gboolean moscow = FALSE, pyongyang = FALSE;

  for (guint i = 0; i < texts->len; i++)
    {
      const Text *t = &g_array_index (texts, Text, i);
      g_autofree char *prefix = g_strdup_printf ("%u. ", n_notes + 1);

      if (g_str_has_prefix (t->text, prefix))
        n_notes++;
    }
  g_assert_cmpuint (n_notes, ==, 7);

  for (guint i = 0; i < texts->len; i++)
    {
      const Text *m = &g_array_index (texts, Text, i);
      const Text *name = NULL;

      if (!is_marker (m->text))
        continue;
      n_markers++;
      g_assert_cmpuint (marker_max (m->text), >=, 1);
      g_assert_cmpuint (marker_max (m->text), <=, n_notes);
      for (guint j = 0; j < texts->len; j++)
        {
          const Text *t = &g_array_index (texts, Text, j);
          double end;

          if (t == m || t->size <= m->size || t->y < m->y || t->y > m->y + t->size * 0.6)
            continue;
          end = t->x + dm_text_width (cr, t->text, t->size, DM_TEXT_REGULAR);
          if (m->x > end && m->x < end + 4)
            name = t;
        }
      /* a place whose name had no room keeps its numbers alone by its dot */
      if (name == NULL)
        n_lone++;
      else
        {
          moscow |= strcmp (name->text, "Moscow") == 0 && marker_max (m->text) == 5;
          pyongyang |= strcmp (name->text, "Pyongyang") == 0;
        }
      /* drawn in PNG too: dark ink over the marker's box */
      g_assert_cmpuint (count_ink (png, m->x, m->y - m->size * 0.7,
                                   m->x + dm_text_width (cr, m->text, m->size, DM_TEXT_REGULAR),
                                   m->y), >=, 4);
    }
  g_assert_cmpuint (n_markers - n_lone, >=, 4);
  g_assert_true (moscow);
  g_assert_true (pyongyang);

  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  cairo_surface_destroy (png);
}

/* Sources as one line, or none: no markers; the same figure with footnotes has them */
static void
test_off (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);

  for (guint mode = 0; mode < 3; mode++)
    {
      g_autofree char *svg = NULL;
      g_autoptr(GArray) texts = NULL;

      dm_figure_set_show_sources (figure, mode != 2);
      dm_figure_set_source_footnotes (figure, mode == 0);
      svg = write_svg (figure);
      texts = parse_texts (svg);
      if (mode == 0)
        g_assert_cmpuint (count_markers (texts), >=, 4);
      else
        g_assert_cmpuint (count_markers (texts), ==, 0);
      /* the place names stay */
      g_assert_nonnull (strstr (svg, ">Moscow</text>"));
    }
}

/* PDF: the markers are text there too (pdftotext reads "Moscow 1–5" back) */
static void
test_pdf (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  g_autofree char *dir = g_dir_make_tmp ("dm-notes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, path, txt, NULL };
  int status;

  g_assert_true (dm_figure_write_file (figure, file, DM_FIGURE_FORMAT_PDF, &error));
  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      g_unlink (path);
      g_rmdir (dir);
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
  g_assert_true (g_regex_match_simple ("Moscow ?1\u20135", text, 0, 0));
  g_unlink (path);
  g_unlink (txt);
  g_rmdir (dir);
}

/* The number of notes listed ("1. …", "2. …" in order) among @texts, and how many times the
 * first one is listed */
static guint
count_notes (GArray *texts,
             guint  *n_first)
{
  guint n = 0;

  *n_first = 0;
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_array_index (texts, Text, i).text;
      g_autofree char *prefix = g_strdup_printf ("%u. ", n + 1);

      *n_first += g_str_has_prefix (text, "1. ");
      if (g_str_has_prefix (text, prefix))
        n++;
    }
  return n;
}

/* Small multiples: the sources are numbered once for the whole grid (listed once, under it),
 * and every panel's place names carry their numbers (in SVG as text and in PNG as ink, in
 * each quarter of a 2 x 2 grid); with the sources as a line or not shown, no numbers */
static void
test_grid (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);

  dm_figure_set_small_multiples (figure, 4);
  dm_figure_set_size (figure, 1600, 1000);
  for (guint mode = 0; mode < 3; mode++)
    {
      g_autofree char *svg = NULL;
      g_autoptr(GArray) texts = NULL;
      cairo_surface_t *png;
      guint in_panel[4] = { 0 }, n_first, n_notes;

      dm_figure_set_show_sources (figure, mode != 2);
      dm_figure_set_source_footnotes (figure, mode == 0);
      svg = write_svg (figure);
      texts = parse_texts (svg);
      png = render_figure (figure);
      n_notes = count_notes (texts, &n_first);
      g_assert_nonnull (strstr (svg, ">Moscow</text>"));
      if (mode != 0)
        {
          g_assert_cmpuint (count_markers (texts), ==, 0);
          g_assert_cmpuint (n_notes, ==, 0);
          cairo_surface_destroy (png);
          continue;
        }
      g_assert_cmpuint (n_notes, ==, 7);
      g_assert_cmpuint (n_first, ==, 1);
      for (guint i = 0; i < texts->len; i++)
        {
          const Text *m = &g_array_index (texts, Text, i);

          if (!is_marker (m->text))
            continue;
          g_assert_cmpuint (marker_max (m->text), <=, n_notes);
          in_panel[(m->x > 800) + 2 * (m->y > 480)]++;
          g_assert_cmpuint (count_ink (png, m->x, m->y - m->size * 0.7,
                                       m->x + dm_text_width (cr, m->text, m->size, DM_TEXT_REGULAR),
                                       m->y), >=, 4);
        }
      for (guint i = 0; i < 4; i++)
        g_assert_cmpuint (in_panel[i], >=, 4);
      cairo_surface_destroy (png);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}

/* Adds the numbers @marker names ("1–5" is five) to @seen (indexed by number) */
static void
mark_seen (const char *marker,
           gboolean   *seen,
           guint       max)
{
  g_auto(GStrv) parts = g_strsplit (marker, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (parts[i], "–", 2);
      guint first = (guint) g_ascii_strtoull (ends[0], NULL, 10);
      guint last = ends[1] != NULL ? (guint) g_ascii_strtoull (ends[1], NULL, 10) : first;

      for (guint n = first; n <= last && n <= max; n++)
        seen[n] = TRUE;
    }
}

/* Every note listed under the map has its number on the map at least once, at sizes where
 * names find no room: a place whose name is dropped keeps its numbers alone by its dot (Minsk
 * under the conference's caption at 800x450 on 29 October: "1–6", note 6 nowhere else) */
static void
test_every_number (void)
{
  g_autoptr(DmDocument) doc = interop_load_sample ();
  g_autoptr(DmFigure) figure = sample_figure (doc);
  const int sizes[][2] = { { 1280, 720 }, { 800, 450 }, { 1024, 576 }, { 960, 600 } };
  const char *times[] = { "2025-10-25T08:19:00Z", "2025-10-29T17:07:00Z", "2025-11-01T15:00:00Z" };
  gboolean lone_minsk = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (times); j++)
      {
        g_autofree char *svg = NULL;
        g_autoptr(GArray) texts = NULL;
        gboolean seen[64] = { FALSE }, minsk = FALSE;
        guint n_first, n_notes;

        dm_figure_set_size (figure, sizes[i][0], sizes[i][1]);
        dm_figure_set_time (figure, utc (times[j]));
        svg = write_svg (figure);
        texts = parse_texts (svg);
        n_notes = count_notes (texts, &n_first);
        for (guint k = 0; k < texts->len; k++)
          {
            const char *text = g_array_index (texts, Text, k).text;

            minsk |= strcmp (text, "Minsk") == 0;
            if (is_marker (text))
              mark_seen (text, seen, G_N_ELEMENTS (seen) - 1);
          }
        if (i == 0)
          g_assert_cmpuint (n_notes, ==, 7);
        for (guint n = 1; n <= n_notes; n++)
          {
            if (!seen[n])
              g_test_message ("%dx%d at %s: note %u listed, not on the map", sizes[i][0],
                              sizes[i][1], times[j], n);
            g_assert_true (seen[n]);
          }
        if (i == 1 && j == 1)
          {
            g_assert_cmpuint (n_notes, ==, 7);
            g_assert_false (minsk);
            lone_minsk = TRUE;
          }
      }
  g_assert_true (lone_minsk);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/figure-notes/markers", test_markers);
  g_test_add_func ("/render/figure-notes/off", test_off);
  g_test_add_func ("/render/figure-notes/pdf", test_pdf);
  g_test_add_func ("/render/figure-notes/grid", test_grid);
  g_test_add_func ("/render/figure-notes/every-number", test_every_number);
  return g_test_run ();
}
