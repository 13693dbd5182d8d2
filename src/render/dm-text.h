/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "dm-map-style.h"

G_BEGIN_DECLS

/* Text for maps and figures, laid out by PangoCairo (shaping, bidirectional text, fallback
 * across fonts for every script): real text in PDF and SVG (glyphs, not pixels), the same
 * fonts on screen and in exports. Safe in any thread (one Pango context per thread). */

#define DM_TEXT_FONT "Sans"

typedef enum
{
  DM_TEXT_REGULAR,
  DM_TEXT_BOLD,
  DM_TEXT_ITALIC,
} DmTextFace;

/* a box relative to where a text's baseline starts (y grows downwards) */
typedef struct
{
  double x0, y0, x1, y1;
} DmTextBox;

double dm_text_width       (cairo_t      *cr,
                            const char   *text,
                            double        size,
                            DmTextFace    face);
void   dm_text_measure     (cairo_t      *cr,
                            const char   *text,
                            double        size,
                            DmTextFace    face,
                            double       *advance,
                            DmTextBox    *ink);
void   dm_text_draw_with_halo (cairo_t      *cr,
                               const char   *text,
                               double        x,
                               double        baseline,
                               double        size,
                               DmTextFace    face,
                               const DmRgba *color,
                               const DmRgba *halo,
                               double        halo_width);
void   dm_text_draw        (cairo_t      *cr,
                            const char   *text,
                            double        x,
                            double        baseline,
                            double        size,
                            DmTextFace    face,
                            const DmRgba *color,
                            const DmRgba *halo);
char  *dm_text_ellipsize   (cairo_t      *cr,
                            const char   *text,
                            double        size,
                            DmTextFace    face,
                            double        max_width);
GPtrArray *dm_text_wrap    (cairo_t      *cr,
                            const char   *text,
                            double        size,
                            DmTextFace    face,
                            double        max_width);
/* SVG export: Cairo 1.16 writes SVG glyphs as outlines, so while a recorder is attached to a
 * surface, dm_text_draw() writes each text as an SVG <text> element (kept searchable and
 * selectable) instead of drawing it; the exporter puts them into the document. */
void     dm_text_recorder_attach (cairo_surface_t *surface);
char    *dm_text_recorder_steal  (cairo_surface_t *surface);
void     dm_text_recorder_occlude (cairo_t        *cr,
                                   double          x,
                                   double          y,
                                   double          width,
                                   double          height);
void     dm_text_begin_link       (cairo_t        *cr,
                                   const char     *uri);
void     dm_text_end_link         (cairo_t        *cr);
gboolean dm_text_record          (cairo_t         *cr,
                                  const char      *text,
                                  double           x,
                                  double           baseline,
                                  double           size,
                                  DmTextFace       face,
                                  const DmRgba    *color,
                                  const DmRgba    *halo,
                                  double           halo_width);
void   dm_cairo_set_rgba   (cairo_t      *cr,
                            const DmRgba *color,
                            double        alpha);

G_END_DECLS
