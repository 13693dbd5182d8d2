/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Commands that need no display: --check, --convert. Returns TRUE and sets *exit_status when
 * @argv asked for one of them; FALSE when the window should open instead. */
gboolean dm_cli_run (int    argc,
                     char **argv,
                     int   *exit_status);

/* Before anything is translated: the language --export --language asks for */
void     dm_cli_use_language (int    argc,
                              char **argv);

/* The headless commands, one line each, for the window's --help */
char    *dm_cli_dup_commands_summary (void);

G_END_DECLS
