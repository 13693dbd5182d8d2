/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "svg-test-util.h"

/* Reads an SVG figure with GLib's XML parser (which fails on anything not well formed) and
 * lists the paths it draws, each with the style that applies to it */

typedef struct
{
  GHashTable *rules;    /* class -> its rule in the <style> block */
  GHashTable *data;     /* id -> path data */
  GPtrArray  *styles;   /* per open element: the style it passes down, or NULL */
  GPtrArray  *paths;
  GString    *style_text;
  gboolean    in_style;
  guint       in_clip;  /* depth in <clipPath>: not drawn */
} Reader;

static void
free_path (gpointer data)
{
  SvgTestPath *p = data;

  g_free (p->element);
  g_free (p->style);
  g_free (p->d);
  g_free (p);
}

static void
start_cb (GMarkupParseContext  *context,
          const char           *name,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Reader *r = user_data;
  const char *style = NULL, *klass = NULL, *d = NULL, *id = NULL, *href = NULL;
  char *own = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "style"))
      style = values[i];
    else if (g_str_equal (names[i], "class"))
      klass = values[i];
    else if (g_str_equal (names[i], "d"))
      d = values[i];
    else if (g_str_equal (names[i], "id"))
      id = values[i];
    else if (g_str_equal (names[i], "xlink:href") || g_str_equal (names[i], "href"))
      href = values[i];
  if (klass != NULL && g_hash_table_lookup (r->rules, klass) == NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "class “%s” has no rule", klass);
      return;
    }
  if (style != NULL)
    own = g_strdup (style);
  else if (klass != NULL)
    own = g_strdup (g_hash_table_lookup (r->rules, klass));
  else if (r->styles->len > 0 && g_ptr_array_index (r->styles, r->styles->len - 1) != NULL)
    own = g_strdup (g_ptr_array_index (r->styles, r->styles->len - 1));
  g_ptr_array_add (r->styles, own);

  if (g_str_equal (name, "style"))
    r->in_style = TRUE;
  else if (g_str_equal (name, "clipPath"))
    r->in_clip++;
  if (id != NULL && d != NULL)
    g_hash_table_insert (r->data, g_strdup (id), g_strdup (d));
  if (r->in_clip == 0 && (g_str_equal (name, "path") || g_str_equal (name, "use")))
    {
      SvgTestPath *p = g_new0 (SvgTestPath, 1);

      if (href != NULL)
        {
          d = href[0] == '#' ? g_hash_table_lookup (r->data, href + 1) : NULL;
          if (d == NULL)
            {
              g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "<use> of “%s”, which is not a path before it", href);
              g_free (p);
              return;
            }
        }
      p->element = g_strdup (name);
      p->style = g_strdup (own ? own : "");
      p->d = g_strdup (d ? d : "");
      g_ptr_array_add (r->paths, p);
    }
}

static void
end_cb (GMarkupParseContext  *context,
        const char           *name,
        gpointer              user_data,
        GError              **error)
{
  Reader *r = user_data;

  g_free (g_ptr_array_steal_index (r->styles, r->styles->len - 1));
  if (g_str_equal (name, "clipPath"))
    r->in_clip--;
  if (g_str_equal (name, "style"))
    {
      /* ".name{rule}" per line */
      g_auto(GStrv) lines = g_strsplit (r->style_text->str, "\n", -1);

      r->in_style = FALSE;
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *open = strchr (lines[i], '{');
          char *close = open ? strrchr (open, '}') : NULL;

          if (lines[i][0] != '.' || close == NULL)
            continue;
          g_hash_table_insert (r->rules, g_strndup (lines[i] + 1, open - lines[i] - 1),
                               g_strndup (open + 1, close - open - 1));
        }
    }
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Reader *r = user_data;

  if (r->in_style)
    g_string_append_len (r->style_text, text, length);
}

GPtrArray *
svg_test_paths (const char  *svg,
                GError     **error)
{
  static const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };
  Reader r = { 0 };
  GMarkupParseContext *context;
  gboolean ok;

  r.rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.styles = g_ptr_array_new_with_free_func (g_free);
  r.paths = g_ptr_array_new_with_free_func (free_path);
  r.style_text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &r, NULL);
  ok = g_markup_parse_context_parse (context, svg, -1, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_markup_parse_context_free (context);
  g_hash_table_unref (r.rules);
  g_hash_table_unref (r.data);
  g_ptr_array_unref (r.styles);
  g_string_free (r.style_text, TRUE);
  if (!ok)
    g_clear_pointer (&r.paths, g_ptr_array_unref);
  return r.paths;
}

/* How many lines (move-to commands) path data holds */
guint
svg_test_count_moves (const char *d)
{
  guint n = 0;

  for (; *d != '\0'; d++)
    n += *d == 'M';
  return n;
}
