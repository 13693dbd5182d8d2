/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DM_TYPE_PROBLEMS_WINDOW (dm_problems_window_get_type ())

G_DECLARE_FINAL_TYPE (DmProblemsWindow, dm_problems_window, DM, PROBLEMS_WINDOW, AdwWindow)

/* @problems: the DmProblem to show (a document's problems); the window shows those there are
 * now, and Copy All copies them */
GtkWidget *dm_problems_window_new (GtkWindow  *parent,
                                   GListModel *problems);

G_END_DECLS
