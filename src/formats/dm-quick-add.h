/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

/* One line of text made into an event (docs/EDITING.md, "Quick add"): a trip
 * ("Choe Son Hui: Pyongyang 2025-11-05 > Vladivostok 2025-11-06"), a visit ("Trump at
 * Gyeongju 29-30 Oct 2025"), a summit or meeting ("APEC summit, Gyeongju, 31 Oct - 1 Nov
 * 2025: Trump, Xi, Takaichi"). Actors match @document's by name (any case, accents
 * ignored, or one whole word of the name) or are made new; places go through the gazetteer.
 * @year is the year of dates that give none. What cannot be resolved is not guessed: the
 * call fails and @unresolved (element type utf8) lists the pieces of text, for a preview. */
DmEvent *dm_quick_add_parse (DmDocument  *document,
                             const char  *line,
                             int          year,
                             GPtrArray  **unresolved,
                             GError     **error);

/* Where in the line a piece that cannot be resolved is: bytes @start to @end */
typedef struct
{
  gsize start;
  gsize end;
} DmQuickAddSpan;

/* As dm_quick_add_parse(); @spans (element type DmQuickAddSpan) gets where each piece of
 * @unresolved is in @line, in the same order, so that a preview can mark them in the line */
DmEvent *dm_quick_add_parse_full (DmDocument  *document,
                                  const char  *line,
                                  int          year,
                                  GPtrArray  **unresolved,
                                  GArray     **spans,
                                  GError     **error);

G_END_DECLS
