/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* diplomap --convert OUT FILE…; returns the exit status */
int dm_cli_convert (const char  *output,
                    char       **files);

G_END_DECLS
