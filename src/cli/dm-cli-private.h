/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dm-figure.h"
#include "dm-video.h"

G_BEGIN_DECLS

/* "1 event", "3 events"…: counts in the summaries, each with its own plural */
char *dm_cli_count_events (guint n);
char *dm_cli_count_legs   (guint n);

/* A file named on the command line: a path, unless it is a file:// URI. Unlike
 * g_file_new_for_commandline_arg(), "fig-2025-10-29T12:00.png" is a file here, not a URI of
 * the scheme "fig-2025-10-29t12". */
GFile *dm_cli_file_for_arg (const char *arg);

/* The arguments of --export that are not times or files (dm-cli-figure.c; fuzzed by
 * tests/fuzz/fuzz-view.c): FALSE if @text is not one */
gboolean dm_cli_parse_size   (const char  *text,
                              int         *w,
                              int         *h);
gboolean dm_cli_parse_view   (const char  *text,
                              DmFigure    *figure);
gboolean dm_cli_parse_window (const char  *text,
                              gint64      *seconds);

/* diplomap --where [--json] --at TIME FILE…; returns the exit status */
int dm_cli_where   (const char  *at,
                    gboolean     json,
                    char       **files);

/* diplomap --convert OUT FILE…; returns the exit status */
int dm_cli_convert (const char  *output,
                    char       **files);

/* diplomap --export OUT.webm|OUT.mp4|OUT.gif|OUTDIR/ …, once the files are loaded;
 * returns the exit status (dm-cli-video.c) */
int dm_cli_video_write (DmFigure      *figure,
                        const char    *out,
                        DmVideoFormat  format,
                        const gint64  *from,
                        const gint64  *to,
                        const DmVideoOptions *options);

G_END_DECLS
