/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dm-svg-compact.h"
#include "dm-svg-compact-private.h"

/* Cairo 1.16's SVG surface writes every stroke as its own <path> with a long inline
 * style="…", coordinates with six decimals and, on most paths, a transform that only moves
 * it; the two strokes of a hollow line write the same coordinates twice. This rewrites
 * such a document, element by element, into an equivalent one that is smaller and as easy
 * to edit (Inkscape, a text editor):
 *
 * - a style used more than once becomes a class (.s0, .s1, …) in one <style> block after
 *   the <svg> tag; a style used once stays inline;
 * - a path's coordinates are rounded to 10^-decimals pixels (Cairo's own grid is 1/256
 *   pixel; the routes and the base map are drawn on a quarter-pixel grid, which two
 *   decimals keep exactly), written with a command letter only where it changes;
 * - paths in a row with the same transform are one group with that transform;
 * - paths of the same opaque, solid, unfilled class that come one after the other are one
 *   path (what was drawn later still lies on top);
 * - paths that follow each other with the same coordinates (a hollow line: a coloured
 *   stroke, then a white one) are written once: the path, in a group of the first look,
 *   and a <use> of it with the second look (an Inkscape clone: editing the line moves both
 *   strokes).
 *
 * The input is held in memory by the caller anyway (Cairo writes its document when the
 * surface is finished); the output is written through @write in chunks of 64 KiB, and only
 * one path is held back at a time. Anything not recognised passes unchanged. */

#define CHUNK (64 * 1024)

typedef struct
{
  cairo_write_func_t write;
  void              *closure;
  cairo_status_t     status;
  GString           *out;
  gint64             unit;       /* 10^decimals */
  guint              decimals;
  GHashTable        *classes;    /* style (owned) -> class index + 1, or 0 if used once */
  GPtrArray         *styles;     /* class index -> style (borrowed from classes) */
  gboolean           style_done; /* the <style> block is written */
  /* the path held back: it may take the next one's lines, or share its coordinates */
  GString           *held_d;
  GPtrArray         *held_looks;  /* each stroke's class="…" or style="…" attribute */
  char              *held_style;  /* the first one's style */
  guint              n_shared;
  char              *group_transform; /* of the <g> open around paths, or NULL */
} Compact;

static void
flush_out (Compact  *c,
           gboolean  all)
{
  if (c->out->len == 0 || (!all && c->out->len < CHUNK))
    return;
  if (c->status == CAIRO_STATUS_SUCCESS)
    c->status = c->write (c->closure, (const unsigned char *) c->out->str, c->out->len);
  g_string_truncate (c->out, 0);
}

/* The class of @style, or -1 if it stays inline */
static int
class_of (Compact         *c,
          const DmSvgAttr *style)
{
  g_autofree char *s = NULL;
  guint n;

  if (style == NULL)
    return -1;
  s = g_strndup (style->value, style->value_len);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (c->classes, s));
  return n > 0 ? (int) n - 1 : -1;
}

static void
write_style_block (Compact *c)
{
  if (c->styles->len == 0)
    return;
  g_string_append (c->out, "<style type=\"text/css\">\n");
  for (guint i = 0; i < c->styles->len; i++)
    {
      g_autofree char *rule = g_strstrip (g_strdup (g_ptr_array_index (c->styles, i)));

      g_string_append_printf (c->out, ".s%u{%s}\n", i, rule);
    }
  g_string_append (c->out, "</style>\n");
}

/* A number of path data at *@p as a whole count of 10^-decimals pixels, rounded half away
 * from zero (Cairo writes plain decimals: no printf or strtod for each of them) */
static gboolean
read_number (Compact     *c,
             const char **p,
             const char  *end,
             gint64      *value)
{
  const char *q = *p;
  gboolean negative = FALSE, digits = FALSE, round_up = FALSE;
  gint64 whole = 0, frac = 0;
  guint n_frac = 0;

  if (q < end && (*q == '-' || *q == '+'))
    negative = *q++ == '-';
  for (; q < end && g_ascii_isdigit (*q); q++, digits = TRUE)
    {
      if (whole > G_MAXINT64 / 100 / c->unit)
        return FALSE;
      whole = whole * 10 + (*q - '0');
    }
  if (q < end && *q == '.')
    for (q++; q < end && g_ascii_isdigit (*q); q++, n_frac++, digits = TRUE)
      {
        if (n_frac < c->decimals)
          frac = frac * 10 + (*q - '0');
        else if (n_frac == c->decimals)
          round_up = *q >= '5';
      }
  if (!digits)
    return FALSE;
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      /* never from Cairo, but read right all the same */
      char *next;
      double v = g_ascii_strtod (*p, &next);

      if (next > end || !isfinite (v) || fabs (v) * c->unit > 1e15)
        return FALSE;
      *value = llround (v * c->unit);
      *p = next;
      return TRUE;
    }
  for (guint i = n_frac; i < c->decimals; i++)
    frac *= 10;
  *value = whole * c->unit + frac + round_up;
  if (negative)
    *value = -*value;
  *p = q;
  return TRUE;
}

static void
append_scaled (Compact *c,
               GString *out,
               gint64   n)
{
  char buf[32], *end = buf + sizeof buf, *q = end;
  guint64 v = n < 0 ? -(guint64) n : (guint64) n;
  guint64 whole = v / c->unit, frac = v % c->unit;
  guint digits = c->decimals;

  if (frac != 0)
    {
      while (frac % 10 == 0)
        {
          frac /= 10;
          digits--;
        }
      for (guint i = 0; i < digits; i++, frac /= 10)
        *--q = '0' + frac % 10;
      *--q = '.';
    }
  do
    *--q = '0' + whole % 10;
  while ((whole /= 10) != 0);
  if (n < 0)
    *--q = '-';
  g_string_append_len (out, q, end - q);
}

/* Cairo's path data (absolute M, L, C and Z) rounded, with command letters only where they
 * change; FALSE if it holds anything else */
static gboolean
compact_path_data (Compact    *c,
                   const char *p,
                   const char *end,
                   GString    *out)
{
  char cmd = 0, implicit = 0;
  guint arg = 0, n_args = 0;

  while (p < end)
    {
      if (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
      else if (g_ascii_isalpha (*p))
        {
          if (arg != 0)
            return FALSE;
          cmd = *p++;
          n_args = cmd == 'M' || cmd == 'L' ? 2 : cmd == 'C' ? 6 : cmd == 'Z' ? 0 : G_MAXUINT;
          if (n_args == G_MAXUINT)
            return FALSE;
          /* after M, pairs are lines; after L and C, more of the same */
          if (cmd != implicit || cmd == 'M' || cmd == 'Z')
            g_string_append_c (out, cmd);
          implicit = cmd == 'M' ? 'L' : cmd == 'Z' ? 0 : cmd;
        }
      else
        {
          char last = out->len > 0 ? out->str[out->len - 1] : 0;
          gint64 v;

          if (n_args == 0 || !read_number (c, &p, end, &v))
            return FALSE;
          if (!g_ascii_isalpha (last) && v >= 0)
            g_string_append_c (out, ' ');
          append_scaled (c, out, v);
          arg = (arg + 1) % n_args;
        }
    }
  return arg == 0;
}

static void
write_held (Compact *c)
{
  GPtrArray *looks = c->held_looks;

  if (looks->len == 0)
    return;
  if (looks->len == 1)
    g_string_append_printf (c->out, "<path %s d=\"%s\"/>\n", (char *) looks->pdata[0],
                            c->held_d->str);
  else
    {
      guint id = ++c->n_shared;

      g_string_append_printf (c->out, "<g %s><path id=\"dm-line%u\" d=\"%s\"/></g>\n",
                              (char *) looks->pdata[0], id, c->held_d->str);
      for (guint i = 1; i < looks->len; i++)
        g_string_append_printf (c->out, "<use xlink:href=\"#dm-line%u\" %s/>\n", id,
                                (char *) looks->pdata[i]);
    }
  g_ptr_array_set_size (looks, 0);
  g_clear_pointer (&c->held_style, g_free);
  g_string_truncate (c->held_d, 0);
  flush_out (c, FALSE);
}

/* Whether paths of @style may be one path: an opaque stroke, solid, no fill or pattern */
static gboolean
style_joins (const char *style)
{
  return strstr (style, "fill:none") != NULL && strstr (style, "url(") == NULL &&
         strstr (style, "dasharray") == NULL && strstr (style, "stroke-opacity:1;") != NULL &&
         strstr (style, ";opacity") == NULL && !g_str_has_prefix (style, "opacity");
}

/* A path with only a look (@style, written as @look: its class or the style itself) and its
 * coordinates (compacted): held back */
static void
hold_path (Compact    *c,
           const char *style,
           char       *look,
           const char *d,
           gsize       len)
{
  GPtrArray *looks = c->held_looks;

  if (looks->len == 1 && g_str_equal (looks->pdata[0], look) && style_joins (style))
    {
      /* (path data always starts with M) */
      g_string_append_len (c->held_d, d, len);
      g_free (look);
      return;
    }
  /* a pattern or gradient would be laid out on the path's box: only plain colours share */
  if (looks->len > 0 && c->held_d->len == len && memcmp (c->held_d->str, d, len) == 0 &&
      strstr (style, "url(") == NULL && strstr (c->held_style, "url(") == NULL)
    {
      g_ptr_array_add (looks, look);
      return;
    }
  write_held (c);
  g_string_append_len (c->held_d, d, len);
  g_ptr_array_add (looks, look);
  c->held_style = g_strdup (style);
}

/* Paths that follow each other with the same transform (Cairo gives most of them one that
 * moves the map below the header) go into one group with that transform: the same user
 * space, written once */
static void
close_group (Compact *c)
{
  write_held (c);
  if (c->group_transform != NULL)
    {
      g_string_append (c->out, "</g>\n");
      g_clear_pointer (&c->group_transform, g_free);
    }
}

static void
enter_group (Compact         *c,
             const DmSvgAttr *transform)
{
  if (transform == NULL ? c->group_transform == NULL
                        : c->group_transform != NULL &&
                          strlen (c->group_transform) == transform->value_len &&
                          memcmp (c->group_transform, transform->value, transform->value_len) == 0)
    return;
  close_group (c);
  if (transform != NULL)
    {
      c->group_transform = g_strndup (transform->value, transform->value_len);
      g_string_append_printf (c->out, "<g transform=\"%s\">\n", c->group_transform);
    }
}

static void
write_element (Compact    *c,
               const char *name,
               gsize       name_len,
               GArray     *attrs,
               gboolean    empty)
{
  const DmSvgAttr *style = dm_svg_find_attr (attrs, "style");
  const DmSvgAttr *d = dm_svg_find_attr (attrs, "d");
  const DmSvgAttr *transform = dm_svg_find_attr (attrs, "transform");
  int klass = dm_svg_find_attr (attrs, "class") == NULL ? class_of (c, style) : -1;
  gboolean path = empty && dm_svg_name_is (name, name_len, "path");
  g_autoptr(GString) data = NULL;

  if (path)
    {
      enter_group (c, transform);
      if (d != NULL)
        {
          data = g_string_new (NULL);
          if (!compact_path_data (c, d->value, d->value + d->value_len, data))
            g_string_free (g_steal_pointer (&data), TRUE);
        }
      if (data != NULL && data->str[0] == 'M' && style != NULL &&
          attrs->len == (guint) (2 + (transform != NULL)))
        {
          g_autofree char *text = g_strndup (style->value, style->value_len);
          char *look = klass >= 0 ? g_strdup_printf ("class=\"s%d\"", klass)
                                  : g_strdup_printf ("style=\"%s\"", text);

          hold_path (c, text, look, data->str, data->len);
          return;
        }
    }
  else
    close_group (c);
  write_held (c);
  g_string_append_c (c->out, '<');
  g_string_append_len (c->out, name, name_len);
  for (guint i = 0; i < attrs->len; i++)
    {
      const DmSvgAttr *a = &g_array_index (attrs, DmSvgAttr, i);

      if (a == transform && path)
        continue;
      g_string_append_c (c->out, ' ');
      if (a == style && klass >= 0)
        {
          g_string_append_printf (c->out, "class=\"s%d\"", klass);
          continue;
        }
      g_string_append_len (c->out, a->name, a->name_len);
      g_string_append (c->out, "=\"");
      if (a == d && data != NULL)
        g_string_append_len (c->out, data->str, data->len);
      else
        g_string_append_len (c->out, a->value, a->value_len);
      g_string_append_c (c->out, '"');
    }
  g_string_append (c->out, empty ? "/>" : ">");
}

/**
 * dm_svg_compact_write:
 * @svg: an SVG document written by Cairo's SVG surface (%NULL-terminated or not)
 * @decimals: how many decimals of a pixel coordinates keep (DM_SVG_COMPACT_DECIMALS)
 *
 * Writes @svg through @write, compacted as said above: the same picture, in fewer bytes.
 * Returns the first error of @write, if any.
 */
cairo_status_t
dm_svg_compact_write (const char         *svg,
                      gsize               length,
                      guint               decimals,
                      cairo_write_func_t  write,
                      void               *closure)
{
  const char *end = svg + length, *p = svg;
  g_autoptr(GArray) attrs = g_array_new (FALSE, FALSE, sizeof (DmSvgAttr));
  Compact c = { write, closure, CAIRO_STATUS_SUCCESS };

  g_return_val_if_fail (svg != NULL || length == 0, CAIRO_STATUS_NULL_POINTER);
  g_return_val_if_fail (decimals <= 6, CAIRO_STATUS_WRITE_ERROR);

  c.out = g_string_sized_new (CHUNK + 4096);
  c.decimals = decimals;
  c.unit = 1;
  for (guint i = 0; i < decimals; i++)
    c.unit *= 10;
  c.classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.styles = g_ptr_array_new ();
  c.held_d = g_string_new (NULL);
  c.held_looks = g_ptr_array_new_with_free_func (g_free);
  dm_svg_count_styles (svg, end, c.classes, c.styles);

  while (p < end && c.status == CAIRO_STATUS_SUCCESS)
    {
      const char *lt = memchr (p, '<', end - p), *e, *name, *a, *a_end;
      gsize name_len;

      if (lt == NULL)
        lt = end;
      if (lt > p)
        {
          /* text between elements: blank between held paths, which end their own lines */
          gboolean blank = TRUE;

          for (const char *q = p; q < lt && blank; q++)
            blank = g_ascii_isspace (*q);
          if (!blank || c.held_looks->len == 0)
            {
              if (!blank)
                close_group (&c);
              g_string_append_len (c.out, p, lt - p);
            }
          p = lt;
          continue;
        }
      e = dm_svg_item_end (p, end);
      /* a tag cut short is not read as one: passed on as it is */
      if (e != NULL && dm_svg_split_tag (p, e, &name, &name_len, &a, &a_end) &&
          dm_svg_parse_attrs (a, a_end, attrs))
        {
          write_element (&c, name, name_len, attrs, a_end < e - 1);
          if (!c.style_done && dm_svg_name_is (name, name_len, "svg"))
            {
              g_string_append_c (c.out, '\n');
              write_style_block (&c);
              c.style_done = TRUE;
              /* the newline after the tag is written already */
              if (e < end && *e == '\n')
                e++;
            }
        }
      else
        {
          if (e == NULL)
            e = end;
          close_group (&c);
          g_string_append_len (c.out, p, e - p);
        }
      p = e;
      flush_out (&c, FALSE);
    }
  close_group (&c);
  flush_out (&c, TRUE);
  g_string_free (c.out, TRUE);
  g_hash_table_unref (c.classes);
  g_ptr_array_unref (c.styles);
  g_string_free (c.held_d, TRUE);
  g_ptr_array_unref (c.held_looks);
  return c.status;
}
