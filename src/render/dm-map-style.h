/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The base map's palette, 0xRRGGBB: a calm, light newspaper look. Tests and the route layer
 * use these, so change them here only. */
#define DM_MAP_COLOR_BACKGROUND 0xffffff /* outside the world (Equal Earth corners, poles) */
#define DM_MAP_COLOR_SEA        0xdfe9f2
#define DM_MAP_COLOR_LAND       0xf4f1ea
#define DM_MAP_COLOR_BORDER     0xb4aea4
#define DM_MAP_COLOR_COAST      0x9db3c6
#define DM_MAP_COLOR_GRATICULE  0xc9d8e5
#define DM_MAP_COLOR_LABEL      0x6f695e
/* The dark palette (the window follows the desktop's dark style): night sea, dim land */
#define DM_MAP_COLOR_DARK_BACKGROUND 0x1e1e1e
#define DM_MAP_COLOR_DARK_SEA        0x1b2430
#define DM_MAP_COLOR_DARK_LAND       0x33363b
#define DM_MAP_COLOR_DARK_BORDER     0x5e6269
#define DM_MAP_COLOR_DARK_COAST      0x4a627a
#define DM_MAP_COLOR_DARK_GRATICULE  0x26323f
#define DM_MAP_COLOR_DARK_LABEL      0xb8b4ab

/**
 * DmRgba:
 * A colour with components in [0, 1]. Same layout as GdkRGBA, so the app may cast.
 */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} DmRgba;

DmRgba   dm_rgba_from_hex (guint32       rgb,
                           float         alpha);
gboolean dm_rgba_parse    (DmRgba       *rgba,
                           const char   *spec);
guint32  dm_rgba_to_hex   (const DmRgba *rgba);

#define DM_TYPE_MAP_STYLE (dm_map_style_get_type ())

/**
 * DmMapStyle:
 * How the base map looks. Fields may be changed after dm_map_style_new() and before the
 * style is shared; a style must not change while another thread draws with it.
 * Line widths and text sizes are in user-space pixels (so HiDPI scales them).
 */
typedef struct
{
  DmRgba   background;
  DmRgba   sea;
  DmRgba   land;
  DmRgba   border;
  DmRgba   coast;
  DmRgba   graticule;
  DmRgba   label;
  DmRgba   label_halo;        /* drawn around label text so it reads over borders */
  double   border_width;
  double   coast_width;
  double   graticule_width;
  double   label_size;        /* size of the smaller labels; large countries get 1.2x */
  double   graticule_step;    /* degrees; 0 picks one from the zoom */
  gboolean show_borders;
  gboolean show_coasts;
  gboolean show_graticule;
  gboolean show_labels;

  /*< private >*/
  GHashTable *tints;          /* alpha-2 -> DmRgba */
  gint        ref_count;
} DmMapStyle;

GType         dm_map_style_get_type     (void) G_GNUC_CONST;
DmMapStyle   *dm_map_style_new          (void);
const DmMapStyle *dm_map_style_get_default (void);
/* The shared dark style: the default with the dark palette. Never modify it. */
const DmMapStyle *dm_map_style_get_dark    (void);
DmMapStyle   *dm_map_style_copy         (const DmMapStyle *style);
DmMapStyle   *dm_map_style_ref          (DmMapStyle       *style);
void          dm_map_style_unref        (DmMapStyle       *style);
void          dm_map_style_set_tint     (DmMapStyle       *style,
                                         const char       *alpha2,
                                         const DmRgba     *color);
const DmRgba *dm_map_style_get_tint     (const DmMapStyle *style,
                                         const char       *alpha2);
void          dm_map_style_clear_tints  (DmMapStyle       *style);
guint         dm_map_style_get_n_tints  (const DmMapStyle *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmMapStyle, dm_map_style_unref)

G_END_DECLS
