/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "dm-text.h"

/* A text recorded for SVG: its element and its box on the page */
typedef struct
{
  double  x0, y0, x1, y1;
  char   *element;
} Recorded;

static void
clear_recorded (gpointer data)
{
  g_free (((Recorded *) data)->element);
}

/* One Pango context per thread: since Pango 1.32.6 the default PangoCairo font map is per
 * thread, and a context (like its layouts) must stay in the thread of its font map. Tiles are
 * drawn in worker threads; each gets its own font map and context on its first text. */
static GPrivate context_key = G_PRIVATE_INIT (g_object_unref);

static PangoContext *
get_context (cairo_t *cr)
{
  PangoContext *context = g_private_get (&context_key);

  if (context == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      /* widths that scale with the size, the same on a 1 px scratch surface and a page */
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (context, options);
      cairo_font_options_destroy (options);
      pango_context_set_round_glyph_positions (context, FALSE);
      g_private_set (&context_key, context);
    }
  pango_cairo_update_context (cr, context);
  return context;
}

/* @text laid out on one line in the face and size given (in user-space pixels) */
static PangoLayout *
create_layout (cairo_t    *cr,
               const char *text,
               double      size,
               DmTextFace  face)
{
  PangoLayout *layout = pango_layout_new (get_context (cr));
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family_static (desc, DM_TEXT_FONT);
  pango_font_description_set_absolute_size (desc, MAX (size, 0.1) * PANGO_SCALE);
  if (face == DM_TEXT_BOLD)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  else if (face == DM_TEXT_ITALIC)
    pango_font_description_set_style (desc, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* No font has some of the characters: they come out as boxes. Said once per text. */
static void
warn_unknown_glyphs (PangoLayout *layout,
                     const char  *text)
{
  static GMutex lock;
  static GHashTable *warned;
  gboolean first;

  if (pango_layout_get_unknown_glyphs_count (layout) == 0)
    return;
  g_mutex_lock (&lock);
  if (warned == NULL)
    warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_add (warned, g_strdup (text));
  g_mutex_unlock (&lock);
  if (first)
    g_warning ("No font is installed for some characters of “%s”: they are drawn as boxes "
               "(see docs/RENDERING.md for the fonts to install)", text);
}

void
dm_cairo_set_rgba (cairo_t      *cr,
                   const DmRgba *color,
                   double        alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Measurements, per thread: figures and tile label layouts measure the same names again and
 * again (each label tried at several places, each word of a wrapped caption), and laying a
 * text out costs far more than looking it up. Metrics are unhinted, so they do not depend on
 * the surface or its scale. */
typedef struct
{
  double    advance;
  DmTextBox ink;
} Measure;

#define MAX_MEASURES 8192

static GPrivate measures_key = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

static const Measure *
measure (cairo_t    *cr,
         const char *text,
         double      size,
         DmTextFace  face)
{
  GHashTable *measures = g_private_get (&measures_key);
  g_autofree char *key = g_strdup_printf ("%d %a %s", face, size, text);
  Measure *m;

  if (measures == NULL)
    {
      measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&measures_key, measures);
    }
  m = g_hash_table_lookup (measures, key);
  if (m == NULL)
    {
      g_autoptr(PangoLayout) layout = create_layout (cr, text, size, face);
      PangoRectangle ink_rect, logical;
      double baseline = pango_layout_get_baseline (layout) / (double) PANGO_SCALE;

      pango_layout_get_extents (layout, &ink_rect, &logical);
      m = g_new (Measure, 1);
      m->advance = logical.width / (double) PANGO_SCALE;
      m->ink.x0 = ink_rect.x / (double) PANGO_SCALE;
      m->ink.x1 = (ink_rect.x + ink_rect.width) / (double) PANGO_SCALE;
      m->ink.y0 = ink_rect.y / (double) PANGO_SCALE - baseline;
      m->ink.y1 = (ink_rect.y + ink_rect.height) / (double) PANGO_SCALE - baseline;
      if (g_hash_table_size (measures) >= MAX_MEASURES)
        g_hash_table_remove_all (measures);
      g_hash_table_insert (measures, g_steal_pointer (&key), m);
    }
  return m;
}

/* The advance of @text, in user-space pixels */
double
dm_text_width (cairo_t    *cr,
               const char *text,
               double      size,
               DmTextFace  face)
{
  return measure (cr, text, size, face)->advance;
}

/**
 * dm_text_measure:
 * @advance: (out) (optional): the width @text takes on its line
 * @ink: (out) (optional): the box its glyphs cover, relative to where its baseline starts
 *   (y up is negative)
 *
 * Measures @text as dm_text_draw() lays it out.
 */
void
dm_text_measure (cairo_t    *cr,
                 const char *text,
                 double      size,
                 DmTextFace  face,
                 double     *advance,
                 DmTextBox  *ink)
{
  const Measure *m = measure (cr, text, size, face);

  if (advance != NULL)
    *advance = m->advance;
  if (ink != NULL)
    *ink = m->ink;
}

static cairo_user_data_key_t recorder_key;

void
dm_text_recorder_attach (cairo_surface_t *surface)
{
  GArray *texts = g_array_new (FALSE, FALSE, sizeof (Recorded));

  g_array_set_clear_func (texts, clear_recorded);
  cairo_surface_set_user_data (surface, &recorder_key, texts, (cairo_destroy_func_t) g_array_unref);
}

/**
 * dm_text_recorder_occlude:
 * Something opaque (a legend box) is drawn over the rectangle: texts recorded before it
 * that it covers are dropped, as the PNG would not show them either.
 */
void
dm_text_recorder_occlude (cairo_t *cr,
                          double   x,
                          double   y,
                          double   width,
                          double   height)
{
  GArray *texts = cairo_surface_get_user_data (cairo_get_target (cr), &recorder_key);
  double x0 = x, y0 = y, x1 = x + width, y1 = y + height;

  if (texts == NULL)
    return;
  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  for (guint i = texts->len; i > 0; i--)
    {
      Recorded *r = &g_array_index (texts, Recorded, i - 1);
      if (r->x1 > MIN (x0, x1) && r->x0 < MAX (x0, x1) && r->y1 > MIN (y0, y1) && r->y0 < MAX (y0, y1))
        g_array_remove_index (texts, i - 1);
    }
}

static cairo_user_data_key_t link_key;

/**
 * dm_text_begin_link:
 * The texts drawn until dm_text_end_link() open @uri when clicked: a link annotation in PDF,
 * an `<a href>` around each recorded `<text>` in SVG; nothing in PNG. Only for an address
 * the reader chose to cite (a source's URL), never fetched.
 */
void
dm_text_begin_link (cairo_t    *cr,
                    const char *uri)
{
  g_autofree char *escaped = NULL;
  g_autofree char *attributes = NULL;
  GString *quoted;

  g_return_if_fail (uri != NULL);
  quoted = g_string_new (NULL);
  cairo_surface_set_user_data (cairo_get_target (cr), &link_key, g_strdup (uri), g_free);
  /* Cairo's attribute syntax: a string in single quotes, \' and \\ escaped */
  for (const char *c = uri; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *c);
    }
  escaped = g_string_free (quoted, FALSE);
  attributes = g_strdup_printf ("uri='%s'", escaped);
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
}

void
dm_text_end_link (cairo_t *cr)
{
  cairo_surface_set_user_data (cairo_get_target (cr), &link_key, NULL, NULL);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* The recorded <text> elements, and the recorder detached */
char *
dm_text_recorder_steal (cairo_surface_t *surface)
{
  GArray *texts = cairo_surface_get_user_data (surface, &recorder_key);
  GString *result;

  if (texts == NULL)
    return NULL;
  result = g_string_new (NULL);
  for (guint i = 0; i < texts->len; i++)
    g_string_append (result, g_array_index (texts, Recorded, i).element);
  cairo_surface_set_user_data (surface, &recorder_key, NULL, NULL);
  return g_string_free (result, FALSE);
}

static void
append_color (GString      *out,
              const char   *attribute,
              const DmRgba *color)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", attribute,
                          (int) CLAMP (color->red * 255 + 0.5, 0, 255),
                          (int) CLAMP (color->green * 255 + 0.5, 0, 255),
                          (int) CLAMP (color->blue * 255 + 0.5, 0, 255));
  if (color->alpha < 1.0)
    {
      char num[G_ASCII_DTOSTR_BUF_SIZE];

      /* a dot in any locale: SVG is not French */
      g_string_append_printf (out, " %s-opacity=\"%s\"", attribute,
                              g_ascii_formatd (num, sizeof num, "%.3g", color->alpha));
    }
}

/**
 * dm_text_record:
 * When the surface of @cr has a text recorder (SVG export), writes @text as an SVG <text>
 * element at the same place, size and colour, with its halo as a stroke painted first.
 * Returns: %TRUE when recorded (the caller draws no glyphs), %FALSE otherwise
 */
gboolean
dm_text_record (cairo_t      *cr,
                const char   *text,
                double        x,
                double        baseline,
                double        size,
                DmTextFace    face,
                const DmRgba *color,
                const DmRgba *halo,
                double        halo_width)
{
  GArray *texts = cairo_surface_get_user_data (cairo_get_target (cr), &recorder_key);
  g_autofree char *escaped = NULL;
  g_autoptr(GString) out = NULL;
  double dx = 0, dy = size, hx = 0, hy = halo_width, width, x1, top;
  char num[4][G_ASCII_DTOSTR_BUF_SIZE];
  const char *link;
  Recorded r;

  if (texts == NULL)
    return FALSE;
  /* clipped away (outside the map frame): the PNG shows nothing of it either */
  if (!cairo_in_clip (cr, x, baseline - size * 0.4))
    return TRUE;

  width = dm_text_width (cr, text, size, face);
  x1 = x + width;
  top = baseline - size;
  cairo_user_to_device (cr, &x1, &top);
  cairo_user_to_device (cr, &x, &baseline);
  r.x0 = MIN (x, x1), r.x1 = MAX (x, x1), r.y0 = MIN (top, baseline), r.y1 = MAX (top, baseline);
  out = g_string_new (NULL);
  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_user_to_device_distance (cr, &hx, &hy);
  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (out, "<text x=\"%s\" y=\"%s\" font-family=\"%s, sans-serif\" font-size=\"%s\"",
                          g_ascii_formatd (num[0], sizeof num[0], "%.2f", x),
                          g_ascii_formatd (num[1], sizeof num[1], "%.2f", baseline),
                          DM_TEXT_FONT,
                          g_ascii_formatd (num[2], sizeof num[2], "%.2f", hypot (dx, dy)));
  if (face == DM_TEXT_BOLD)
    g_string_append (out, " font-weight=\"bold\"");
  else if (face == DM_TEXT_ITALIC)
    g_string_append (out, " font-style=\"italic\"");
  append_color (out, "fill", color);
  if (halo != NULL && halo->alpha > 0)
    {
      append_color (out, "stroke", halo);
      g_string_append_printf (out, " stroke-width=\"%s\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
                              g_ascii_formatd (num[3], sizeof num[3], "%.2f", hypot (hx, hy)));
    }
  g_string_append_printf (out, ">%s</text>", escaped);
  link = cairo_surface_get_user_data (cairo_get_target (cr), &link_key);
  if (link != NULL)
    {
      g_autofree char *href = g_markup_escape_text (link, -1);
      g_string_prepend (out, "\">");
      g_string_prepend (out, href);
      g_string_prepend (out, "<a xlink:href=\"");
      g_string_append (out, "</a>");
    }
  g_string_append_c (out, '\n');
  r.element = g_string_free (g_steal_pointer (&out), FALSE);
  g_array_append_val (texts, r);
  return TRUE;
}

/**
 * dm_text_draw_with_halo:
 * Draws @text with its baseline at @baseline, starting at @x, laid out by Pango (shaped,
 * bidirectional, with fallback across fonts). With @halo, a soft outline @halo_width wide
 * first, so the text reads over lines and land (drawn as a path, the text itself stays text).
 */
void
dm_text_draw_with_halo (cairo_t      *cr,
                        const char   *text,
                        double        x,
                        double        baseline,
                        double        size,
                        DmTextFace    face,
                        const DmRgba *color,
                        const DmRgba *halo,
                        double        halo_width)
{
  g_autoptr(PangoLayout) layout = NULL;
  double top;

  if (dm_text_record (cr, text, x, baseline, size, face, color, halo, halo_width))
    return;
  layout = create_layout (cr, text, size, face);
  warn_unknown_glyphs (layout, text);
  top = baseline - pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
  cairo_save (cr);
  if (halo != NULL)
    {
      cairo_new_path (cr);
      cairo_move_to (cr, x, top);
      pango_cairo_layout_path (cr, layout);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, halo_width);
      dm_cairo_set_rgba (cr, halo, 1.0);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, x, top);
  dm_cairo_set_rgba (cr, color, 1.0);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  cairo_restore (cr);
}

/**
 * dm_text_draw:
 * dm_text_draw_with_halo() with a halo as wide as suits @size.
 */
void
dm_text_draw (cairo_t      *cr,
              const char   *text,
              double        x,
              double        baseline,
              double        size,
              DmTextFace    face,
              const DmRgba *color,
              const DmRgba *halo)
{
  dm_text_draw_with_halo (cr, text, x, baseline, size, face, color, halo, MAX (2.0, size * 0.28));
}

/* @text cut between two graphemes (never inside one: a Hangul syllable, an emoji, a letter
 * and its accents stay whole) with "…" so it fits @max_width */
char *
dm_text_ellipsize (cairo_t    *cr,
                   const char *text,
                   double      size,
                   DmTextFace  face,
                   double      max_width)
{
  g_autoptr(PangoLayout) layout = NULL;
  const PangoLogAttr *attrs;
  int n_attrs;
  glong n;

  if (dm_text_width (cr, text, size, face) <= max_width)
    return g_strdup (text);
  layout = create_layout (cr, text, size, face);
  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  n = MIN (g_utf8_strlen (text, -1), n_attrs - 1);
  while (n > 1)
    {
      g_autofree char *head = NULL;
      char *cut;

      if (!attrs[--n].is_cursor_position)
        continue;
      head = g_utf8_substring (text, 0, n);
      cut = g_strconcat (g_strchomp (head), "…", NULL);
      if (dm_text_width (cr, cut, size, face) <= max_width)
        return cut;
      g_free (cut);
    }
  return g_strdup ("…");
}

/**
 * dm_text_wrap:
 * Breaks @text at spaces into lines no wider than @max_width (a word longer than that gets
 * a line of its own).
 * Returns: (transfer full) (element-type utf8): the lines
 */
GPtrArray *
dm_text_wrap (cairo_t    *cr,
              const char *text,
              double      size,
              DmTextFace  face,
              double      max_width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize before = line->len;

      if (words[i][0] == '\0')
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
      if (before > 0 && dm_text_width (cr, line->str, size, face) > max_width)
        {
          g_string_truncate (line, before);
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_assign (line, words[i]);
        }
    }
  if (line->len > 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  g_string_free (line, TRUE);
  return lines;
}
