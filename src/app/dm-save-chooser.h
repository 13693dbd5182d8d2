/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The save dialogs of Export Data and Export Map: one rule for the name they propose and
 * the folder they open in. Not a GType. */

/* A file name from @title: letters, digits and dashes, at most 60 characters cut after a
 * word, then ".@extension"; @fallback when nothing of @title is left */
char                 *dm_save_chooser_dup_name   (const char     *title,
                                                  const char     *fallback,
                                                  const char     *extension);
/* The user's @directory (Documents, Pictures) if it exists, else the home folder: never the
 * folder the program was started in */
GFile                *dm_save_chooser_dup_folder (GUserDirectory  directory);
/* A modal save dialog, not shown yet, titled @title, with an Export button, in
 * @directory's folder, proposing @name */
GtkFileChooserNative *dm_save_chooser_new        (GtkWindow      *parent,
                                                  const char     *title,
                                                  GUserDirectory  directory,
                                                  const char     *name);

G_END_DECLS
