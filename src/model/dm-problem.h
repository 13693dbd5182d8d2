/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DM_TYPE_PROBLEM (dm_problem_get_type ())

G_DECLARE_FINAL_TYPE (DmProblem, dm_problem, DM, PROBLEM, GObject)

DmProblem  *dm_problem_new         (GFile      *file,
                                    guint       line,
                                    guint       column,
                                    const char *message);
DmProblem  *dm_problem_new_printf  (GFile      *file,
                                    guint       line,
                                    guint       column,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (4, 5);
/* What a failed read of @file said, where @error says it happened (else in @file) */
DmProblem  *dm_problem_new_for_error (GFile        *file,
                                      const GError *error);
GFile      *dm_problem_get_file    (DmProblem  *self);
guint       dm_problem_get_line    (DmProblem  *self);
guint       dm_problem_get_column  (DmProblem  *self);
const char *dm_problem_get_message (DmProblem  *self);
char       *dm_problem_dup_display_path (DmProblem *self);
/* "FILE:LINE:COLUMN: message" */
char       *dm_problem_to_string   (DmProblem  *self);

G_END_DECLS
