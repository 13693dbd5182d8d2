/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dm-document.h"

G_BEGIN_DECLS

#define DM_TYPE_WINDOW (dm_window_get_type ())

G_DECLARE_FINAL_TYPE (DmWindow, dm_window, DM, WINDOW, AdwApplicationWindow)

DmWindow   *dm_window_new                (GtkApplication *application);
DmDocument *dm_window_get_document       (DmWindow       *self);
/* Loads @file in the background into the window's document */
void        dm_window_open_file          (DmWindow       *self,
                                          GFile          *file);
DmEvent    *dm_window_get_selected_event (DmWindow       *self);
void        dm_window_set_selected_event (DmWindow       *self,
                                          DmEvent        *event);
/* Loads still running */
guint       dm_window_get_n_loading      (DmWindow       *self);

G_END_DECLS
