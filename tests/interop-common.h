/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dm-document.h"

G_BEGIN_DECLS

GFile      *interop_file        (const char *name);
GFile      *interop_sample      (void);
/* Loads @file into a new document; asserts it loads */
DmDocument *interop_load        (GFile      *file);
/* data/samples/october-2025.diplomap, loaded */
DmDocument *interop_load_sample (void);
/* The line (1-based) of the first line of @file containing @needle */
guint       interop_line_of     (GFile      *file,
                                 const char *needle);
/* The line and column (1-based; a column is a character) where @needle first starts */
void        interop_position_of (GFile      *file,
                                 const char *needle,
                                 guint      *line,
                                 guint      *column);
/* The position just past the last character of @file (line and column 1-based, a column
 * is a character): where a reader finds a text cut short */
void        interop_end_of      (GFile      *file,
                                 guint      *line,
                                 guint      *column);
/* The event with this id or title (the document keeps it), or NULL */
DmEvent    *interop_find_event  (DmDocument *doc,
                                 const char *id_or_title);
/* Everything an event says, one line each, for comparing documents */
char       *interop_describe    (DmEvent    *event);
/* @actual has no problem and the same events as @expected, in order, as @describe
 * (interop_describe() when NULL) says them */
void        interop_assert_same_events (DmDocument *expected,
                                        DmDocument *actual,
                                        char     *(*describe) (DmEvent *event));
/* A problem mentioning @needle, or NULL */
DmProblem  *interop_find_problem (DmDocument *doc,
                                  const char *needle);
/* A problem mentioning @needle at @line (any line when 0), or NULL */
DmProblem  *interop_find_problem_at (DmDocument *doc,
                                     const char *needle,
                                     guint       line);
/* Writes @bytes to a temporary file named @basename and returns it */
GFile      *interop_write_temp  (GBytes     *bytes,
                                 const char *basename);

G_END_DECLS
