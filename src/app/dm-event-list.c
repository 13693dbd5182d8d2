/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <adwaita.h>

#include "dm-event-list-private.h"
#include "dm-time-format.h"
#include "dm-ui-resources.h"

/* The sidebar: a search box, a button revealing the filters (actor, role, country, region,
 * year, type, status), the events by time, and below them the details of the selected event
 * (DmEventList:details, shown only while an event is selected). The search and the filters
 * narrow the list here; the window shows the same events on the map and in exports
 * (DmEventList::filters-changed).
 * document events → filter → DmSortedEvents (by start) ┐
 * document's places without a time → filter ┴ flatten → single selection → GtkListView
 * (the places after the events, dm-event-list-places.c).
 * The widgets are ui/dm-event-list.ui; the rows are made by dm-event-list-rows.c. */

G_DEFINE_FINAL_TYPE (DmEventList, dm_event_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTED_EVENT,
  PROP_SELECTED_PLACE,
  PROP_DETAILS,
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
  return dm_sorted_events_compare ((DmEvent *) a, (DmEvent *) b);
}

char *
dm_event_list_dup_subtitle (DmEvent *event)
{
  /* At the precision the sources gave: never an estimate shown as a fact */
  g_autofree char *when = dm_time_format_event (event);

  /* Translators: an event in the list: when · kind · status */
  return g_strdup_printf (_("%s · %s · %s"), when, dm_event_kind_get_label (dm_event_get_kind (event)),
                          dm_status_get_label (dm_event_get_status (event)));
}

static guint
count_rows (DmEventList *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

/* The list, or "No Matching Events" when the search and the filters hide everything */
static void
update_list_page (DmEventList *self)
{
  gboolean empty = count_rows (self) == 0 && dm_event_list_is_filtered (self);

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

/* The filter button shows how many filters hide events */
static void
update_filter_button (DmEventList *self)
{
  guint n = dm_event_list_count_filters (self);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *description = NULL;

  gtk_label_set_text (self->filter_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_count), n > 0);
  gtk_widget_set_sensitive (self->clear_filters_button, n > 0);
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "dm-filtering");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "dm-filtering");
  /* Translators: read by screen readers on the filter button */
  description = g_strdup_printf (ngettext ("%u filter on", "%u filters on", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* The events filtered again. While nothing filters (no search, every drop-down at its first
 * choice, no date range) the filter has no function: GTK's filter model then lets every event
 * through without asking for each (GTK_FILTER_MATCH_ALL), where asking took 20-90 ms for
 * 100,000 events at each reload of the choices, as a big file is opened */
static void
refilter_events (DmEventList *self)
{
  gboolean filtering = dm_event_list_is_filtered (self);

  if (filtering && !self->filtering)
    gtk_custom_filter_set_filter_func (self->filter, dm_event_list_filter_event, self, NULL);
  else if (filtering)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  else if (self->filtering)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  self->filtering = filtering;
}

void
dm_event_list_filters_changed (DmEventList *self)
{
  if (self->holding_changes)
    return;
  dm_event_list_narrow_choices (self);
  refilter_events (self);
  gtk_filter_changed (GTK_FILTER (self->places_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_filter_button (self);
  update_list_page (self);
  g_signal_emit (self, signals[FILTERS_CHANGED], 0);
}

static void
apply_search (DmEventList *self)
{
  g_strfreev (self->words);
  self->words = dm_event_list_split_search (gtk_editable_get_text (GTK_EDITABLE (self->search)));
  dm_event_list_filters_changed (self);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   DmEventList    *self)
{
  g_assert (DM_IS_EVENT_LIST (self));

  apply_search (self);
}

/* Enter in the search box goes to the list */
static void
search_activate_cb (GtkSearchEntry *entry,
                    DmEventList    *self)
{
  g_assert (DM_IS_EVENT_LIST (self));

  if (count_rows (self) > 0)
    gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

/* Enter or a double click on an event opens the editor for it (win.edit-event) */
static void
list_activate_cb (GtkListView *view,
                  guint        position,
                  DmEventList *self)
{
  g_autoptr(DmEvent) event = g_list_model_get_item (self->sorted, position);

  g_assert (DM_IS_EVENT_LIST (self));

  if (event != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-event", "s", dm_event_get_id (event));
}

/* The details take room only while an event is selected; the first time, the list keeps a
 * little more than half of the height (the user may then move the divider) */
static void
update_details (DmEventList *self)
{
  int height = gtk_widget_get_height (self->paned);

  if (self->details == NULL)
    return;
  gtk_widget_set_visible (self->details, self->selected != NULL || self->selected_place != NULL);
  if ((self->selected != NULL || self->selected_place != NULL) && !self->details_placed &&
      height > 0)
    {
      gtk_paned_set_position (GTK_PANED (self->paned), height * 11 / 20);
      self->details_placed = TRUE;
    }
}

void
dm_event_list_select_place (DmEventList *self,
                            DmPlace     *place)
{
  if (place != NULL && self->selected != NULL)
    {
      g_clear_object (&self->selected);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
    }
  if (!g_set_object (&self->selected_place, place))
    return;
  update_details (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PLACE]);
}

static void
selection_changed_cb (DmEventList *self)
{
  gpointer item;
  DmEvent *event;

  g_assert (DM_IS_EVENT_LIST (self));

  item = gtk_single_selection_get_selected_item (self->selection);
  if (self->syncing)
    return;
  /* A filter that hides the selected event does not unselect it elsewhere */
  if (item == NULL)
    return;
  if (DM_IS_PLACE (item))
    {
      dm_event_list_select_place (self, item);
      return;
    }
  event = item;
  if (!g_set_object (&self->selected, event))
    return;
  update_details (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
  dm_event_list_select_place (self, NULL);
}

static void
clear_clicked_cb (GtkButton   *button,
                  DmEventList *self)
{
  g_assert (DM_IS_EVENT_LIST (self));

  dm_event_list_clear_filters (self);
  dm_event_list_set_search (self, "");
}

static void
clear_filters_clicked_cb (GtkButton   *button,
                          DmEventList *self)
{
  g_assert (DM_IS_EVENT_LIST (self));

  dm_event_list_clear_filters (self);
}

/* A filter's drop-down chose another item */
static void
filter_selected_cb (GtkDropDown *drop,
                    GParamSpec  *pspec,
                    DmEventList *self)
{
  g_assert (DM_IS_EVENT_LIST (self));

  if (self->holding_changes)
    return;
  if (drop == self->actor_filter || drop == self->year_filter)
    dm_event_list_read_choices (self);
  dm_event_list_filters_changed (self);
}

/* "From" or "To" was edited: the range is read again */
static void
range_changed_cb (GtkEditable *entry,
                  DmEventList *self)
{
  g_assert (DM_IS_EVENT_LIST (self));

  dm_event_list_update_range (self);
}

/* Ctrl+F, wherever the focus is in the window */
static gboolean
search_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  DmEventList *self = user_data;
  GtkWidget *flap;

  g_assert (DM_IS_EVENT_LIST (self));

  flap = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_FLAP);
  /* Not on the window's empty page */
  if (flap != NULL && !gtk_widget_get_mapped (flap))
    return FALSE;
  dm_event_list_focus_search (self);
  return TRUE;
}

static void
dm_event_list_root (GtkWidget *widget)
{
  DmEventList *self = DM_EVENT_LIST (widget);

  GTK_WIDGET_CLASS (dm_event_list_parent_class)->root (widget);
  /* On the window, so that it works while the sidebar is hidden */
  g_assert (self->search_shortcut == NULL);
  self->search_shortcut = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->search_shortcut),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                                                          gtk_callback_action_new (search_shortcut_cb, self, NULL)));
  gtk_event_controller_set_name (self->search_shortcut, "dm-event-list-search");
  gtk_widget_add_controller (GTK_WIDGET (gtk_widget_get_root (widget)), self->search_shortcut);
}

static void
dm_event_list_unroot (GtkWidget *widget)
{
  DmEventList *self = DM_EVENT_LIST (widget);

  if (self->search_shortcut != NULL)
    {
      gtk_widget_remove_controller (gtk_event_controller_get_widget (self->search_shortcut),
                                    self->search_shortcut);
      self->search_shortcut = NULL;
    }
  GTK_WIDGET_CLASS (dm_event_list_parent_class)->unroot (widget);
}

/* The sidebar keeps its width whatever it holds: its natural width is its minimum (the
 * width request), so long titles and translations are ellipsized, not widening it */
static void
dm_event_list_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DmEventList *self = DM_EVENT_LIST (widget);

  gtk_widget_measure (self->paned, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = *minimum;
}

static void
dm_event_list_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DmEventList *self = DM_EVENT_LIST (widget);

  gtk_widget_allocate (self->paned, width, height, baseline, NULL);
}

static void
dm_event_list_dispose (GObject *object)
{
  DmEventList *self = DM_EVENT_LIST (object);

  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_pointer (&self->bound_dots, g_hash_table_unref);
  dm_event_list_clear_waiting_rows (self);
  g_clear_pointer (&self->waiting_rows, g_ptr_array_unref);
  self->box = NULL;
  self->details = NULL;
  if (self->colored_events != NULL)
    g_signal_handlers_disconnect_by_data (self->colored_events, self);
  g_clear_object (&self->colored_events);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->document);
  g_clear_object (&self->selected);
  g_clear_object (&self->selected_place);
  g_clear_object (&self->places);
  g_clear_object (&self->route_set);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->all_actors, g_ptr_array_unref);
  g_clear_object (&self->chosen_actor);
  g_clear_pointer (&self->all_years, g_array_unref);
  g_clear_pointer (&self->countries, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->search_texts, g_hash_table_unref);
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
    case PROP_SELECTED_PLACE: g_value_set_object (value, self->selected_place); break;
    case PROP_DETAILS: g_value_set_object (value, self->details); break;
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
    case PROP_SELECTED_PLACE:
      dm_event_list_set_selected_place (self, g_value_get_object (value));
      break;
    case PROP_DETAILS: dm_event_list_set_details (self, g_value_get_object (value)); break;
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
  widget_class->measure = dm_event_list_measure;
  widget_class->size_allocate = dm_event_list_size_allocate;
  widget_class->root = dm_event_list_root;
  widget_class->unroot = dm_event_list_unroot;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, DM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, DM_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DmEventList:selected-place:
   * A place no event uses, selected in the list (its row follows the events'); NULL while
   * an event or nothing is selected.
   */
  properties[PROP_SELECTED_PLACE] =
    g_param_spec_object ("selected-place", NULL, NULL, DM_TYPE_PLACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DmEventList:details:
   * A widget shown under the list while an event is selected (the event's details).
   */
  properties[PROP_DETAILS] =
    g_param_spec_object ("details", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DmEventList::filters-changed:
   * The search or a filter changed: the list's model shows other events.
   */
  signals[FILTERS_CHANGED] =
    g_signal_new ("filters-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "eventlist");

  /* Referencing the resource links it from the static library; its constructor registers it */
  (void) dm_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-event-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DmEventList, paned);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, box);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, search);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, filter_button);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, filter_count);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, actor_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, country_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, status_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, role_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, year_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, region_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, from_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, to_filter);
  gtk_widget_class_bind_template_child (widget_class, DmEventList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
}

static void
list_changed_cb (DmEventList *self)
{
  g_assert (DM_IS_EVENT_LIST (self));

  update_list_page (self);
}

static void
dm_event_list_init (DmEventList *self)
{
  g_autoptr(GtkListItemFactory) factory = dm_event_list_new_row_factory (self);
  GListStore *parts;
  GtkFilterListModel *shown_places;

  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->countries = g_ptr_array_new_with_free_func (g_free);
  self->roles = g_ptr_array_new_with_free_func (g_free);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->all_actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->all_years = g_array_new (FALSE, FALSE, sizeof (int));
  self->range_from = G_MININT64;
  self->range_to = G_MAXINT64;
  self->search_texts = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the long lists find a choice by typing */
  dm_event_list_add_choice_search (self, self->actor_filter);
  dm_event_list_add_choice_search (self, self->year_filter);
  dm_event_list_add_choice_search (self, self->country_filter);
  dm_event_list_add_choice_search (self, self->role_filter);
  dm_event_list_add_choice_search (self, self->region_filter);
  dm_event_list_indent_regions (self);
  /* their choices listed when their pop-up opens */
  dm_event_list_watch_drop (self->actor_filter);
  dm_event_list_watch_drop (self->year_filter);
  dm_event_list_watch_drop (self->country_filter);
  dm_event_list_watch_drop (self->role_filter);
  dm_event_list_watch_drop (self->region_filter);
  dm_event_list_watch_drop (self->kind_filter);
  dm_event_list_watch_drop (self->status_filter);
  /* The sidebar is as wide as asked, not as its children would like (see measure) */
  gtk_widget_set_hexpand (GTK_WIDGET (self), FALSE);

  /* nothing filters yet: no function (refilter_events) */
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sorted = G_LIST_MODEL (dm_sorted_events_new (G_LIST_MODEL (self->filtered)));
  self->places = g_list_store_new (DM_TYPE_PLACE);
  self->places_filter = gtk_custom_filter_new (dm_event_list_filter_place, self, NULL);
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, self->sorted);  /* @parts takes a reference of its own */
  shown_places = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->places)),
                                            GTK_FILTER (self->places_filter));
  g_list_store_append (parts, shown_places);
  g_object_unref (shown_places);  /* @parts holds it */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (list_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (list_activate_cb), self, 0);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->list_view, factory);

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
                                   document && self->holding_events == 0
                                   ? dm_document_get_events (document) : NULL);
  dm_event_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
dm_event_list_hold_events (DmEventList *self)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (self->holding_events++ == 0)
    gtk_filter_list_model_set_model (self->filtered, NULL);
}

void
dm_event_list_release_events (DmEventList *self)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));
  g_return_if_fail (self->holding_events > 0);

  if (--self->holding_events == 0 && self->document != NULL)
    gtk_filter_list_model_set_model (self->filtered, dm_document_get_events (self->document));
}

typedef struct
{
  DmEventList         *self;
  DmSortedEvents      *sorted;
  DmEventListReloaded  done;
  gpointer             user_data;
  gulong               handler;
} Release;

static void
release_sorting_cb (DmSortedEvents *sorted,
                    GParamSpec     *pspec,
                    Release        *release)
{
  if (dm_sorted_events_get_sorting (sorted))
    return;
  g_signal_handler_disconnect (sorted, release->handler);
  release->done (release->self, release->user_data);
  g_object_unref (release->sorted);
  g_object_unref (release->self);
  g_free (release);
}

void
dm_event_list_release_events_async (DmEventList         *self,
                                    DmEventListReloaded  done,
                                    gpointer             user_data)
{
  DmSortedEvents *sorted;
  Release *release;

  g_return_if_fail (DM_IS_EVENT_LIST (self));
  g_return_if_fail (done != NULL);

  /* bench-edit's GtkSortListModel sorts at once */
  if (!DM_IS_SORTED_EVENTS (self->sorted))
    {
      dm_event_list_release_events (self);
      done (self, user_data);
      return;
    }
  sorted = DM_SORTED_EVENTS (self->sorted);
  dm_sorted_events_set_threaded (sorted, TRUE);
  dm_event_list_release_events (self);
  dm_sorted_events_set_threaded (sorted, FALSE);
  if (!dm_sorted_events_get_sorting (sorted))
    {
      done (self, user_data);
      return;
    }
  release = g_new0 (Release, 1);
  release->self = g_object_ref (self);
  release->sorted = g_object_ref (sorted);
  release->done = done;
  release->user_data = user_data;
  release->handler = g_signal_connect (sorted, "notify::sorting",
                                       G_CALLBACK (release_sorting_cb), release);
}

GtkWidget *
dm_event_list_get_details (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);
  return self->details;
}

void
dm_event_list_set_details (DmEventList *self,
                           GtkWidget   *details)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));
  g_return_if_fail (details == NULL || GTK_IS_WIDGET (details));

  if (self->details == details)
    return;
  self->details = details;
  gtk_paned_set_end_child (GTK_PANED (self->paned), details);
  update_details (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

DmEvent *
dm_event_list_get_selected_event (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);
  return self->selected;
}

/* Where @event is in the list sorted by compare_events(): a binary search to the first
 * event of its time, then along those of the same time (a walk over the U.S. record's
 * thousands of events was most of selecting the event an undo put back, bench-edit) */
static guint
find_sorted (GListModel *model,
             DmEvent    *event)
{
  guint lo = 0, hi = g_list_model_get_n_items (model);

  if (DM_IS_SORTED_EVENTS (model))
    return dm_sorted_events_find (DM_SORTED_EVENTS (model), event);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(DmEvent) e = g_list_model_get_item (model, mid);

      if (compare_events (e, event, NULL) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DmEvent) e = g_list_model_get_item (model, i);

      if (e == event)
        return i;
      if (compare_events (e, event, NULL) != 0)
        break;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
dm_event_list_set_selected_event (DmEventList *self,
                                  DmEvent     *event)
{
  GListModel *model = self->sorted;
  guint pos = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (!g_set_object (&self->selected, event))
    return;
  if (event != NULL)
    pos = find_sorted (model, event);
  if (event != NULL && self->selected_place != NULL)
    {
      g_clear_object (&self->selected_place);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PLACE]);
    }
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, pos);
  self->syncing = FALSE;
  update_details (self);
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", pos);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

GListModel *
dm_event_list_get_model (DmEventList *self)
{
  g_return_val_if_fail (DM_IS_EVENT_LIST (self), NULL);
  return self->sorted;
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
  apply_search (self);
}

/* Shows the sidebar if it was hidden and puts the focus in the search box */
void
dm_event_list_focus_search (DmEventList *self)
{
  GtkWidget *flap;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  flap = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_FLAP);
  if (flap != NULL)
    adw_flap_set_reveal_flap (ADW_FLAP (flap), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
  gtk_editable_select_region (GTK_EDITABLE (self->search), 0, -1);
}

void
dm_event_list_use_gtk_sort (DmEventList *self,
                            gboolean     use)
{
  g_autoptr(GListModel) sorted = NULL;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (use == GTK_IS_SORT_LIST_MODEL (self->sorted))
    return;
  if (use)
    sorted = G_LIST_MODEL (gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                                    GTK_SORTER (gtk_custom_sorter_new (compare_events,
                                                                                       NULL, NULL))));
  else
    sorted = G_LIST_MODEL (dm_sorted_events_new (G_LIST_MODEL (self->filtered)));
  g_signal_handlers_disconnect_by_data (self->sorted, self);
  g_set_object (&self->sorted, sorted);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (list_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* the sorted events are the first part of the flattened list, the places the second */
  g_list_store_splice (G_LIST_STORE (gtk_flatten_list_model_get_model (GTK_FLATTEN_LIST_MODEL (gtk_single_selection_get_model (self->selection)))),
                       0, 1, (gpointer *) &self->sorted, 1);
}

static void
colored_events_changed_cb (DmEventList *self)
{
  g_assert (DM_IS_EVENT_LIST (self));

  dm_event_list_redraw_dots (self);
}

/* The dots take the route set's colours when drawn: redraw them when it changes, and
 * whenever its events do (they are shown again when a file is added to the document, which
 * may give actors other colours; a filter alone changes no one's colour) */
void
dm_event_list_set_route_set (DmEventList *self,
                             DmRouteSet  *set)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (!g_set_object (&self->route_set, set))
    return;
  if (self->colored_events != NULL)
    g_signal_handlers_disconnect_by_data (self->colored_events, self);
  g_clear_object (&self->colored_events);
  if (set != NULL)
    {
      self->colored_events = g_object_ref (dm_document_get_events (dm_route_set_get_document (set)));
      g_signal_connect_object (self->colored_events, "items-changed",
                               G_CALLBACK (colored_events_changed_cb), self, G_CONNECT_SWAPPED);
    }
  dm_event_list_redraw_dots (self);
}
