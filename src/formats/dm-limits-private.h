/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one file may hold (docs/SECURITY.md). A file at these limits stays within about
 * 2 GB of memory, whatever its format; the scale Diplomap is made for (100,000 events in
 * 300 MB) is far below them. Past a limit, a reader gives a problem at the place and
 * reads the rest of the file where that makes sense. */

/* Events in one file: the rest of the file is not read */
#define DM_MAX_EVENTS       500000
/* Legs of one trip: a trip with more is not read */
#define DM_MAX_LEGS         10000
/* Points of one geometry (a line, an area, a track): a geometry with more is not read */
#define DM_MAX_VERTICES     100000
/* People of one event besides its actor: only the first ones are read */
#define DM_MAX_PARTICIPANTS 10000
/* Bytes of a place's text looked up in the gazetteer (a U.S. record's locale): a longer one
 * is no place name, and looking up each of its parts took minutes for 10 MB */
#define DM_MAX_NAME_LENGTH  10000

G_END_DECLS
