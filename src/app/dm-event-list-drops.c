/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include "dm-event-list-private.h"

/* The drop-downs' choices, listed when their pop-up opens. A drop-down given a new model
 * makes a row of its pop-up's list for each of up to 200 choices at once, shown or not, each
 * parsed from the list factory's GtkBuilder file: for a big document's actors, years,
 * countries and regions, 60-330 ms of the main thread when a file is opened (docs/
 * PERFORMANCE.md, "the filters' choices"). With its first choice ("All actors") chosen, a
 * drop-down's model holds that choice alone until its pop-up shows; the rest of the choices
 * are kept aside and spliced in after it then, in one change, before the pop-up is mapped.
 * The indices of the choices do not change (the first stays first and chosen), so what the
 * list reads from a drop-down's selected index means the same. A drop-down with another
 * choice chosen (an actor or a year the filters narrowed to) gets its whole list at once. */

#define PENDING_KEY "dm-choices-pending"

static GtkWidget *
find_popup (GtkDropDown *drop)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (drop)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c))
      return c;
  return NULL;
}

void
dm_event_list_fill_drop (GtkDropDown *drop)
{
  GtkStringList *pending = g_object_steal_data (G_OBJECT (drop), PENDING_KEY);
  GListModel *model = gtk_drop_down_get_model (drop);
  g_autofree const char **strings = NULL;
  guint n;

  if (pending == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (pending));
  strings = g_new0 (const char *, n);
  for (guint i = 1; i < n; i++)
    strings[i - 1] = gtk_string_list_get_string (pending, i);
  g_assert (GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) == 1);
  gtk_string_list_splice (GTK_STRING_LIST (model), 1, 0, strings);
  g_object_unref (pending);
}

/* The pop-up shows (a click, Space or Enter on the button, a letter typed): the choices
 * kept aside join the first, before the pop-up is mapped */
static void
popup_show_cb (GtkWidget   *popup,
               GtkDropDown *drop)
{
  dm_event_list_fill_drop (drop);
}

void
dm_event_list_watch_drop (GtkDropDown *drop)
{
  GtkWidget *popup = find_popup (drop);

  if (popup == NULL)
    g_warning ("No pop-up in the drop-down: its choices are listed at once");
  else
    g_signal_connect_object (popup, "show", G_CALLBACK (popup_show_cb), drop, 0);
}

void
dm_event_list_set_drop_choices (GtkDropDown   *drop,
                                GtkStringList *choices,
                                guint          selected)
{
  GtkWidget *popup = find_popup (drop);
  const char *first[] = { NULL, NULL };
  g_autoptr(GtkStringList) model = NULL;

  g_object_set_data (G_OBJECT (drop), PENDING_KEY, NULL);
  /* another choice chosen, the pop-up open already, or none found: the whole list */
  if (selected != 0 || g_list_model_get_n_items (G_LIST_MODEL (choices)) <= 1 ||
      popup == NULL || gtk_widget_get_visible (popup))
    {
      gtk_drop_down_set_model (drop, G_LIST_MODEL (choices));
      gtk_drop_down_set_selected (drop, selected);
      return;
    }
  first[0] = gtk_string_list_get_string (choices, 0);
  model = gtk_string_list_new (first);
  g_object_set_data_full (G_OBJECT (drop), PENDING_KEY, g_object_ref (choices), g_object_unref);
  gtk_drop_down_set_model (drop, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (drop, 0);
}

void
dm_event_list_select_choice (GtkDropDown *drop,
                             guint        position)
{
  if (position != 0)
    dm_event_list_fill_drop (drop);
  gtk_drop_down_set_selected (drop, position);
}

GListModel *
dm_event_list_get_drop_choices (GtkDropDown *drop)
{
  GListModel *pending = g_object_get_data (G_OBJECT (drop), PENDING_KEY);

  return pending != NULL ? pending : gtk_drop_down_get_model (drop);
}
