/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* diplomap --export OUT.png|OUT.svg|OUT.pdf [options] FILE… (no display needed) */
gboolean dm_cli_figure_wanted (int    argc,
                               char **argv);
int      dm_cli_figure_run    (int    argc,
                               char **argv);

G_END_DECLS
