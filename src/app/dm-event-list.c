/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-event-list-private.h"
#include "dm-route-style.h"

/* The sidebar's list: events by time, a search box, and filters by actor, role, country,
 * region, year, type and status. They narrow the list here; the window shows the same
 * events on the map and in exports (DmEventList::filters-changed).
 * document events → filter → sort → single selection → GtkListView. */

G_DEFINE_FINAL_TYPE (DmEventList, dm_event_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTED_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FILTERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  gint64 sa = G_MAXINT64, sb = G_MAXINT64, e;

  dm_event_get_span ((DmEvent *) a, &sa, &e);
  dm_event_get_span ((DmEvent *) b, &sb, &e);
  return (sa > sb) - (sa < sb);
}

char *
dm_event_list_dup_subtitle (DmEvent *event)
{
  const DmTime *start = dm_event_get_start (event);
  g_autofree char *when = NULL;
  gint64 s, e;

  if (dm_time_is_known (start))
    when = dm_time_format_local (start, dm_event_get_place (event) ?
                                 dm_place_get_zone (dm_event_get_place (event)) : NULL);
  else if (dm_event_get_span (event, &s, &e))
    when = dm_time_format_instant (s, NULL);
  else
    when = g_strdup (_("Time not known"));
  /* Translators: an event in the list: when · kind · status */
  return g_strdup_printf (_("%s · %s · %s"), when, dm_event_kind_get_label (dm_event_get_kind (event)),
                          dm_status_get_label (dm_event_get_status (event)));
}

static void
draw_dot_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  DmRgba *color = g_object_get_data (G_OBJECT (area), "dm-color");

  if (color == NULL)
    return;
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 0.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 1);
  cairo_fill (cr);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot_cb, NULL, NULL);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (row), dot);
  gtk_box_append (GTK_BOX (row), box);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  DmEventList *self = user_data;
  DmEvent *event = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *dot = gtk_widget_get_first_child (row);
  GtkWidget *box = gtk_widget_get_next_sibling (dot);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *t = dm_event_dup_display_title (event);
  g_autofree char *s = dm_event_list_dup_subtitle (event);
  DmActor *actor = dm_event_get_actor (event);
  DmRgba *color = g_new (DmRgba, 1);

  if (actor == NULL && dm_event_get_participants (event)->len > 0)
    actor = g_ptr_array_index (dm_event_get_participants (event), 0);
  *color = self->route_set != NULL ? dm_route_set_get_actor_color (self->route_set, actor)
                                   : dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1);
  g_object_set_data_full (G_OBJECT (dot), "dm-color", color, g_free);
  gtk_widget_queue_draw (dot);
  gtk_label_set_text (GTK_LABEL (title), t);
  gtk_label_set_text (GTK_LABEL (subtitle), s);
  gtk_widget_set_tooltip_text (box, t);
}

void
dm_event_list_filters_changed (DmEventList *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  g_signal_emit (self, signals[FILTERS_CHANGED], 0);
}

static void
search_changed_cb (DmEventList *self)
{
  g_free (self->needle);
  self->needle = dm_event_list_fold (gtk_editable_get_text (GTK_EDITABLE (self->search)));
  dm_event_list_filters_changed (self);
}

static void
selection_changed_cb (DmEventList *self)
{
  DmEvent *event = gtk_single_selection_get_selected_item (self->selection);

  if (self->syncing)
    return;
  /* A filter that hides the selected event does not unselect it elsewhere */
  if (event == NULL)
    return;
  if (!g_set_object (&self->selected, event))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

static void
dm_event_list_dispose (GObject *object)
{
  DmEventList *self = DM_EVENT_LIST (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_object (&self->selected);
  g_clear_object (&self->route_set);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->countries, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->needle, g_free);
  G_OBJECT_CLASS (dm_event_list_parent_class)->dispose (object);
}

static void
dm_event_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DmEventList *self = DM_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_SELECTED_EVENT: g_value_set_object (value, self->selected); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_event_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DmEventList *self = DM_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: dm_event_list_set_document (self, g_value_get_object (value)); break;
    case PROP_SELECTED_EVENT:
      dm_event_list_set_selected_event (self, g_value_get_object (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_event_list_class_init (DmEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_event_list_dispose;
  object_class->get_property = dm_event_list_get_property;
  object_class->set_property = dm_event_list_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, DM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, DM_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DmEventList::filters-changed:
   * The search or a filter changed: the list's model shows other events.
   */
  signals[FILTERS_CHANGED] =
    g_signal_new ("filters-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "eventlist");
}

static void
dm_event_list_init (DmEventList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkSorter *sorter;

  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->countries = g_ptr_array_new_with_free_func (g_free);
  self->roles = g_ptr_array_new_with_free_func (g_free);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Search events"), NULL);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->search), 6);
  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (self->box), dm_event_list_build_filters (self));

  self->filter = gtk_custom_filter_new (dm_event_list_filter_event, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_events, NULL, NULL));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), sorter);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      g_object_ref (factory)));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Events"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->box), scrolled);

  dm_event_list_reload (self);
}

GtkWidget *
dm_event_list_new (void)
{
  return g_object_new (DM_TYPE_EVENT_LIST, NULL);
}

DmDocument *
dm_event_list_get_document (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);
  return self->document;
}

void
dm_event_list_set_document (DmEventList *self,
                            DmDocument  *document)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (!g_set_object (&self->document, document))
    return;
  gtk_filter_list_model_set_model (self->filtered,
                                   document ? dm_document_get_events (document) : NULL);
  dm_event_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

DmEvent *
dm_event_list_get_selected_event (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);
  return self->selected;
}

void
dm_event_list_set_selected_event (DmEventList *self,
                                  DmEvent     *event)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint pos = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (!g_set_object (&self->selected, event))
    return;
  for (guint i = 0; event != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (model, i);
      if (e == event)
        {
          pos = i;
          break;
        }
    }
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, pos);
  self->syncing = FALSE;
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", pos);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

GListModel *
dm_event_list_get_model (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkSingleSelection *
dm_event_list_get_selection (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);
  return self->selection;
}

void
dm_event_list_set_search (DmEventList *self,
                          const char  *text)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  /* search-changed is delayed; apply it now */
  search_changed_cb (self);
}

void
dm_event_list_set_route_set (DmEventList *self,
                             DmRouteSet  *set)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));
  g_set_object (&self->route_set, set);
}

