/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reading the tags of Cairo's SVG, for dm-svg-compact.c */

typedef struct
{
  const char *name;
  gsize       name_len;
  const char *value;
  gsize       value_len;
} DmSvgAttr;

gboolean         dm_svg_parse_attrs  (const char  *p,
                                      const char  *end,
                                      GArray      *attrs);
const DmSvgAttr *dm_svg_find_attr    (GArray      *attrs,
                                      const char  *name);
const char      *dm_svg_item_end     (const char  *p,
                                      const char  *end);
gboolean         dm_svg_split_tag    (const char  *p,
                                      const char  *e,
                                      const char **name,
                                      gsize       *name_len,
                                      const char **attrs,
                                      const char **attrs_end);
gboolean         dm_svg_name_is      (const char  *name,
                                      gsize        len,
                                      const char  *what);
void             dm_svg_count_styles (const char  *svg,
                                      const char  *end,
                                      GHashTable  *classes,
                                      GPtrArray   *styles);

G_END_DECLS
