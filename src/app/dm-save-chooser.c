/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-save-chooser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-save-chooser.h"

#define MAX_NAME_CHARS 60

/**
 * dm_save_chooser_dup_name:
 *
 * "Late October 2025: Choe Son Hui to Moscow" and "png" give
 * "Late-October-2025-Choe-Son-Hui-to-Moscow.png": nothing a file system or a shell
 * minds, no folder ("../" is dropped), a long title cut at a word's end.
 */
char *
dm_save_chooser_dup_name (const char *title,
                          const char *fallback,
                          const char *extension)
{
  g_autoptr(GString) name = g_string_new (NULL);
  glong n_chars = 0;
  const char *p;

  for (p = title; p != NULL && *p != '\0' && n_chars < MAX_NAME_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (name, c), n_chars++;
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-'), n_chars++;
    }
  /* a long title ends at a word's end, not in a word */
  if (p != NULL && g_unichar_isalnum (g_utf8_get_char (p)) && strrchr (name->str, '-') != NULL)
    g_string_truncate (name, strrchr (name->str, '-') - name->str);
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, fallback);
  g_string_append_printf (name, ".%s", extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

GFile *
dm_save_chooser_dup_folder (GUserDirectory directory)
{
  const char *path = g_get_user_special_dir (directory);

  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (path);
  return g_file_new_for_path (g_get_home_dir ());
}

GtkFileChooserNative *
dm_save_chooser_new (GtkWindow      *parent,
                     const char     *title,
                     GUserDirectory  directory,
                     const char     *name)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                 _("_Cancel"));
  g_autoptr(GFile) folder = dm_save_chooser_dup_folder (directory);

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}
