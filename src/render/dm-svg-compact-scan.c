/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <string.h>

#include "dm-svg-compact-private.h"

/* The tags of an SVG as Cairo writes it: start tags with double-quoted attributes, end
 * tags, comments, declarations and CDATA; whatever does not read as a plain start tag is
 * passed on unchanged by dm-svg-compact.c. */

/* The attributes of the tag text between "<name" and ">" (or "/>"); FALSE if it is not a
 * plain start tag with double-quoted values */
gboolean
dm_svg_parse_attrs (const char *p,
                    const char *end,
                    GArray     *attrs)
{
  g_array_set_size (attrs, 0);
  for (;;)
    {
      DmSvgAttr a;

      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p == end)
        return TRUE;
      a.name = p;
      while (p < end && *p != '=' && !g_ascii_isspace (*p))
        p++;
      a.name_len = p - a.name;
      if (a.name_len == 0 || p + 1 >= end || p[0] != '=' || p[1] != '"')
        return FALSE;
      a.value = p + 2;
      p = memchr (a.value, '"', end - a.value);
      if (p == NULL)
        return FALSE;
      a.value_len = p - a.value;
      p++;
      g_array_append_val (attrs, a);
    }
}

static gboolean
attr_is (const DmSvgAttr *a,
         const char *name)
{
  return a->name_len == strlen (name) && memcmp (a->name, name, a->name_len) == 0;
}

const DmSvgAttr *
dm_svg_find_attr (GArray     *attrs,
                  const char *name)
{
  for (guint i = 0; i < attrs->len; i++)
    if (attr_is (&g_array_index (attrs, DmSvgAttr, i), name))
      return &g_array_index (attrs, DmSvgAttr, i);
  return NULL;
}

/* The extent of the next markup item at @p (a tag, comment, declaration or CDATA), or
 * NULL if it does not end */
const char *
dm_svg_item_end (const char *p,
                 const char *end)
{
  const char *close = "]]>";
  const char *e;

  if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    close = "-->";
  else if (!(end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0))
    close = ">";
  e = g_strstr_len (p, end - p, close);
  return e ? e + strlen (close) : NULL;
}

/* The tag's name and its attributes' text; FALSE for an end tag, comment or declaration */
gboolean
dm_svg_split_tag (const char  *p,
                  const char  *e,
                  const char **name,
                  gsize       *name_len,
                  const char **attrs,
                  const char **attrs_end)
{
  if (e - p < 3 || !g_ascii_isalpha (p[1]))
    return FALSE;
  *name = p + 1;
  for (p = *name; p < e && !g_ascii_isspace (*p) && *p != '/' && *p != '>'; p++)
    ;
  *name_len = p - *name;
  *attrs = p;
  *attrs_end = e - 1;
  if ((*attrs_end)[-1] == '/')
    (*attrs_end)--;
  return TRUE;
}

gboolean
dm_svg_name_is (const char *name,
                gsize       len,
                const char *what)
{
  return len == strlen (what) && memcmp (name, what, len) == 0;
}

/* The style="…" of the next start tag from *@p that has one, or NULL at the end */
static const DmSvgAttr *
next_style (const char **p,
            const char  *end,
            GArray      *attrs)
{
  const char *lt;

  while ((lt = memchr (*p, '<', end - *p)) != NULL)
    {
      const char *e = dm_svg_item_end (lt, end), *name, *a, *a_end;
      const DmSvgAttr *style;
      gsize name_len;

      if (e == NULL)
        break;
      *p = e;
      if (dm_svg_split_tag (lt, e, &name, &name_len, &a, &a_end) &&
          dm_svg_parse_attrs (a, a_end, attrs) &&
          (style = dm_svg_find_attr (attrs, "style")) != NULL)
        return style;
    }
  *p = end;
  return NULL;
}

/**
 * dm_svg_count_styles:
 * @classes: (out): each style in @svg -> its class index + 1 if it is used more than once,
 *   else 0
 * @styles: (out): the styles of the classes, in the order of their first use (so the same
 *   figure gives the same file), borrowed from @classes' keys
 */
void
dm_svg_count_styles (const char *svg,
                     const char *end,
                     GHashTable *classes,
                     GPtrArray  *styles)
{
  g_autoptr(GArray) attrs = g_array_new (FALSE, FALSE, sizeof (DmSvgAttr));
  const DmSvgAttr *style;
  const char *p;
  GHashTableIter iter;
  gpointer key, value;

  /* how often each one is used */
  for (p = svg; (style = next_style (&p, end, attrs)) != NULL;)
    {
      g_autofree char *s = g_strndup (style->value, style->value_len);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (classes, s));

      g_hash_table_insert (classes, g_steal_pointer (&s), GUINT_TO_POINTER (n + 1));
    }
  g_hash_table_iter_init (&iter, classes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_iter_replace (&iter,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (value) > 1 ? G_MAXUINT : 0));
  /* then numbered in the order of their first use */
  for (p = svg; (style = next_style (&p, end, attrs)) != NULL;)
    {
      g_autofree char *s = g_strndup (style->value, style->value_len);
      char *stored;

      if (g_hash_table_lookup_extended (classes, s, (gpointer *) &stored, &value) &&
          GPOINTER_TO_UINT (value) == G_MAXUINT)
        {
          /* the stored key stays, the new one is freed */
          g_ptr_array_add (styles, stored);
          g_hash_table_insert (classes, g_steal_pointer (&s), GUINT_TO_POINTER (styles->len));
        }
    }
}
