/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-list-private.h"

/* The places no event uses (a file of waypoints, a KML of sites, 31 airports), listed after
 * the events as "Place · date not given" (issue 10): the document's
 * dm_document_dup_undated_places(), the places the map draws without a date. The search
 * finds them by name and country; a drop-down or the date range that hides events hides
 * them too (a place has no actor, role, kind, status nor date), except the country filter,
 * which they answer by their country. */

gboolean
dm_event_list_filter_place (gpointer item,
                            gpointer user_data)
{
  DmEventList *self = user_data;
  DmPlace *place = item;
  guint country = gtk_drop_down_get_selected (self->country_filter);
  guint others = dm_event_list_count_filters (self);
  const char *code = dm_place_get_country (place);

  if (country > 0 && country <= self->countries->len)
    {
      if (g_strcmp0 (code, g_ptr_array_index (self->countries, country - 1)) != 0)
        return FALSE;
      others--;
    }
  if (others > 0)
    return FALSE;
  if (self->words != NULL)
    {
      g_autofree char *label = dm_place_dup_label (place);
      g_autofree char *text = g_strdup_printf ("%s\n%s", label, code ? code : "");
      g_autofree char *folded = dm_event_list_fold (text);

      return dm_event_search_text_matches (folded, (const char * const *) self->words);
    }
  return TRUE;
}

/* Takes the document's undated places again; the selected place stays selected while the
 * document still has it */
void
dm_event_list_reload_places (DmEventList *self)
{
  g_autoptr(GPtrArray) undated = NULL;
  gboolean kept = FALSE;

  if (self->document != NULL)
    undated = dm_document_dup_undated_places (self->document);
  else
    undated = g_ptr_array_new_with_free_func (g_object_unref);
  g_list_store_splice (self->places, 0, g_list_model_get_n_items (G_LIST_MODEL (self->places)),
                       undated->pdata, undated->len);
  for (guint i = 0; self->selected_place != NULL && i < undated->len; i++)
    kept |= g_ptr_array_index (undated, i) == self->selected_place;
  if (self->selected_place != NULL && !kept)
    dm_event_list_set_selected_place (self, NULL);
}

DmPlace *
dm_event_list_get_selected_place (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);
  return self->selected_place;
}

/* Where @place is in the list's rows (after the events), or GTK_INVALID_LIST_POSITION */
static guint
find_place (DmEventList *self,
            DmPlace     *place)
{
  GListModel *rows = G_LIST_MODEL (gtk_single_selection_get_model (self->selection));
  guint n = g_list_model_get_n_items (rows);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (item == (GObject *) place)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/**
 * dm_event_list_set_selected_place:
 * Selects @place in the list (NULL: none) and unselects the event; the window shows the
 * place's details and frames the map on it (DmEventList:selected-place).
 */
void
dm_event_list_set_selected_place (DmEventList *self,
                                  DmPlace     *place)
{
  guint pos = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (DM_IS_EVENT_LIST (self));
  g_return_if_fail (place == NULL || DM_IS_PLACE (place));

  if (place != NULL)
    pos = find_place (self, place);
  dm_event_list_select_place (self, place);
  self->syncing = TRUE;
  if (place != NULL || gtk_single_selection_get_selected (self->selection) >=
                       g_list_model_get_n_items (G_LIST_MODEL (self->sorted)))
    gtk_single_selection_set_selected (self->selection, pos);
  self->syncing = FALSE;
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", pos);
}

/* A place's row: its name and country, "Place · date not given" */
void
dm_event_list_bind_place_row (GtkWidget *title,
                              GtkWidget *subtitle,
                              DmPlace   *place)
{
  g_autofree char *label = dm_place_dup_label (place);

  gtk_label_set_text (GTK_LABEL (title), label);
  /* Translators: a row of the event list for a place a file gives without a time */
  gtk_label_set_text (GTK_LABEL (subtitle), _("Place · date not given"));
  gtk_widget_set_tooltip_text (gtk_widget_get_parent (title), label);
}
