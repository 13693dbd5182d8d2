/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-window-private.h"

/* What the window has open: the files and folders the user opened, in the order asked
 * (self->opened), the title they make, and the map's view kept for them: reopening the
 * same files shows the map where it was left; other files are fitted (docs/APP.md). */

#define MAX_FIRST_TITLE 48

static gboolean
is_loading (DmWindow *self,
            GFile    *file)
{
  for (guint i = 0; i < self->loads->len; i++)
    if (((DmWindowLoad *) g_ptr_array_index (self->loads, i))->file == file)
      return TRUE;
  return FALSE;
}

/* The opened files that loaded, each once, in the order asked */
static GPtrArray *
dup_loaded (DmWindow *self)
{
  GPtrArray *loaded = g_ptr_array_new ();

  for (guint i = 0; i < self->opened->len; i++)
    {
      GFile *file = g_ptr_array_index (self->opened, i);
      gboolean seen = FALSE;

      for (guint k = 0; k < loaded->len && !seen; k++)
        seen = g_file_equal (g_ptr_array_index (loaded, k), file);
      if (!seen && !is_loading (self, file))
        g_ptr_array_add (loaded, file);
    }
  return loaded;
}

void
dm_window_add_opened (DmWindow *self,
                      GFile    *file)
{
  g_ptr_array_add (self->opened, g_object_ref (file));
}

void
dm_window_remove_opened (DmWindow *self,
                         GFile    *file)
{
  g_ptr_array_remove (self->opened, file);
}

/* The title of the first file opened (a folder: its name) */
char *
dm_window_dup_first_title (DmWindow *self)
{
  g_autoptr(GPtrArray) loaded = dup_loaded (self);
  const char *title;

  if (loaded->len == 0)
    return g_strdup (dm_document_get_title (self->document));
  if (loaded->len == 1 && dm_document_get_title (self->document) != NULL)
    return g_strdup (dm_document_get_title (self->document));
  title = dm_document_get_file_title (self->document, g_ptr_array_index (loaded, 0));
  return title ? g_strdup (title) : dm_window_dup_display_name (g_ptr_array_index (loaded, 0));
}

/* One file: its title; several: the first's, "+ 2 more", all named in the tooltip */
void
dm_window_update_title (DmWindow *self)
{
  g_autoptr(GPtrArray) loaded = dup_loaded (self);
  g_autofree char *first = dm_window_dup_first_title (self);
  g_autofree char *title = NULL;
  g_autoptr(GString) tooltip = g_string_new (NULL);

  if (loaded->len > 1)
    {
      /* The count must stay in sight: the header shortens a long title at its end */
      if (first != NULL && g_utf8_strlen (first, -1) > MAX_FIRST_TITLE)
        {
          g_autofree char *cut = g_utf8_substring (first, 0, MAX_FIRST_TITLE - 1);
          char *space = strrchr (cut, ' ');

          /* at a word's end */
          if (space != NULL && space - cut > MAX_FIRST_TITLE / 2)
            *space = '\0';
          g_free (first);
          first = g_strconcat (g_strchomp (cut), "…", NULL);
        }
      /* Translators: the window's title with several files open: the first one's title,
       * then how many others */
      title = g_strdup_printf (ngettext ("%s + %u more", "%s + %u more", loaded->len - 1), first,
                               loaded->len - 1);
    }
  for (guint i = 0; loaded->len > 1 && i < loaded->len; i++)
    {
      g_autofree char *name = g_file_get_parse_name (g_ptr_array_index (loaded, i));
      g_string_append_printf (tooltip, "%s%s", i > 0 ? "\n" : "", name);
    }
  if (self->undo_stack != NULL && dm_undo_stack_get_modified (self->undo_stack))
    {
      g_autofree char *plain = g_strdup (title ? title : first ? first : _("Diplomap"));

      g_free (title);
      /* Translators: the window's title while the document has unsaved changes */
      title = g_strdup_printf (_("• %s"), plain);
    }
  adw_window_title_set_title (self->window_title, title ? title : first ? first : _("Diplomap"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tooltip->len > 0 ? tooltip->str : NULL);
}

static GStrv
dup_loaded_uris (DmWindow *self)
{
  g_autoptr(GPtrArray) loaded = dup_loaded (self);
  GPtrArray *uris = g_ptr_array_new ();

  for (guint i = 0; i < loaded->len; i++)
    g_ptr_array_add (uris, g_file_get_uri (g_ptr_array_index (loaded, i)));
  g_ptr_array_add (uris, NULL);
  return (GStrv) g_ptr_array_free (uris, FALSE);
}

/* Kept when the window closes: the files open and where the map was */
void
dm_window_save_opened (DmWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_auto(GStrv) uris = dup_loaded_uris (self);

  g_settings_set_strv (self->settings, "last-files", (const char * const *) uris);
  g_settings_set (self->settings, "last-view", "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_viewport_get_zoom_level (viewport));
}

static gboolean
same_files (GStrv a,
            GStrv b)
{
  guint n = g_strv_length (a);

  if (n == 0 || n != g_strv_length (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

/**
 * dm_window_restore_view:
 *
 * When the files loaded are the files open when a window last closed, the map goes
 * back to where it was then.
 *
 * Returns: whether the view was restored
 */
gboolean
dm_window_restore_view (DmWindow *self)
{
  g_auto(GStrv) uris = NULL;
  g_auto(GStrv) last = NULL;

  uris = dup_loaded_uris (self);
  last = g_settings_get_strv (self->settings, "last-files");
  if (!same_files (uris, last))
    return FALSE;
  dm_window_go_to_last_view (self);
  return TRUE;
}
