/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DM_TYPE_APPLICATION (dm_application_get_type ())

G_DECLARE_FINAL_TYPE (DmApplication, dm_application, DM, APPLICATION, AdwApplication)

DmApplication *dm_application_new              (void);
/* Starts reading the gazetteer and the world map in a thread, so that they are ready
 * (in parallel with GTK's start-up) when the first file and the first tiles need them */
void           dm_application_warm_up          (void);
/* The About window, crediting the data sources */
GtkWidget     *dm_application_new_about_window (GtkWindow *parent);
/* Right to left for Arabic, Hebrew, Persian, Urdu...: GTK's catalogue may not say so */
GtkTextDirection dm_application_get_locale_direction   (void);
void             dm_application_apply_locale_direction (void);
/* The shortcuts of the application's and its windows' actions (Ctrl+N, Ctrl+S, Shift+Ctrl+T
 * for a new trip…) */
void             dm_application_set_accels (GtkApplication *app);

G_END_DECLS
