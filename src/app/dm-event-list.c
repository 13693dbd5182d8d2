/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-event-list-private.h"
#include "dm-gazetteer.h"
#include "dm-route-style.h"

/* The sidebar's list: events by time, a search box, and filters by actor, role, country,
 * region, year, type and status. They narrow the list here; the window shows the same
 * events on the map and in exports (DmEventList::filters-changed).
 * document events → filter → sort → single selection → GtkListView. */

struct _DmEventList
{
  GtkWidget           parent_instance;

  DmDocument         *document;
  DmEvent            *selected;
  DmRouteSet         *route_set;

  GtkWidget          *box;
  GtkSearchEntry     *search;
  GtkDropDown        *actor_filter;
  GtkDropDown        *country_filter;
  GtkDropDown        *kind_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *role_filter;
  GtkDropDown        *year_filter;
  GtkDropDown        *region_filter;
  GtkListView        *list_view;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;

  GPtrArray          *actors;     /* DmActor, index + 1 in the actor drop-down */
  GPtrArray          *countries;  /* char *, index + 1 in the country drop-down */
  GPtrArray          *roles;      /* char *, index + 1 in the role drop-down */
  GArray             *years;      /* int, index + 1 in the year drop-down */
  char               *needle;     /* folded search text */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (DmEventList, dm_event_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTED_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The region filter's continents, as countries.tsv names them */
static const char * const continents[] = { "Africa", "Americas", "Asia", "Europe", "Oceania" };

enum {
  FILTERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
filter_event (gpointer item,
              gpointer user_data)
{
  DmEventList *self = user_data;
  DmEvent *event = item;
  guint actor = gtk_drop_down_get_selected (self->actor_filter);
  guint country = gtk_drop_down_get_selected (self->country_filter);
  guint kind = gtk_drop_down_get_selected (self->kind_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint role = gtk_drop_down_get_selected (self->role_filter);
  guint year = gtk_drop_down_get_selected (self->year_filter);
  guint region = gtk_drop_down_get_selected (self->region_filter);

  if (actor > 0 && actor <= self->actors->len &&
      !dm_event_involves (event, g_ptr_array_index (self->actors, actor - 1)))
    return FALSE;
  if (country > 0 && country <= self->countries->len &&
      !dm_event_in_country (event, g_ptr_array_index (self->countries, country - 1)))
    return FALSE;
  if (role > 0 && role <= self->roles->len &&
      !dm_event_has_role (event, g_ptr_array_index (self->roles, role - 1)))
    return FALSE;
  if (region > 0 && region <= G_N_ELEMENTS (continents) &&
      !dm_event_in_continent (event, continents[region - 1]))
    return FALSE;
  if (year > 0 && year <= self->years->len &&
      !dm_event_in_year (event, g_array_index (self->years, int, year - 1)))
    return FALSE;
  if (kind > 0 && kind != GTK_INVALID_LIST_POSITION && dm_event_get_kind (event) != kind - 1)
    return FALSE;
  if (status > 0 && status != GTK_INVALID_LIST_POSITION && dm_event_get_status (event) != status - 1)
    return FALSE;
  if (self->needle != NULL && *self->needle != '\0' && !dm_event_matches_search (event, self->needle))
    return FALSE;
  return TRUE;
}

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

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
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

static void
filters_changed_cb (DmEventList *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  g_signal_emit (self, signals[FILTERS_CHANGED], 0);
}

static void
search_changed_cb (DmEventList *self)
{
  g_free (self->needle);
  self->needle = dm_event_list_fold (gtk_editable_get_text (GTK_EDITABLE (self->search)));
  filters_changed_cb (self);
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

static GtkDropDown *
make_drop_down (DmEventList *self,
                const char  *accessible_name)
{
  GtkDropDown *drop = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));

  gtk_widget_set_hexpand (GTK_WIDGET (drop), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_signal_connect_object (drop, "notify::selected", G_CALLBACK (filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return drop;
}

static void
set_choices (GtkDropDown *drop,
             const char  *all,
             GPtrArray   *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  gtk_drop_down_set_model (drop, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (drop, 0);
}

void
dm_event_list_reload (DmEventList *self)
{
  g_autoptr(GPtrArray) actor_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_roles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) years = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) year_names = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  g_ptr_array_set_size (self->actors, 0);
  g_ptr_array_set_size (self->countries, 0);
  g_ptr_array_set_size (self->roles, 0);
  g_array_set_size (self->years, 0);
  if (self->document != NULL)
    {
      GListModel *actors = dm_document_get_actors (self->document);
      GListModel *places = dm_document_get_places (self->document);

      for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
        {
          g_autoptr(DmActor) actor = g_list_model_get_item (actors, i);
          g_ptr_array_add (self->actors, g_object_ref (actor));
          g_ptr_array_add (actor_names, (char *) dm_actor_get_name (actor));
          if (dm_actor_get_role (actor) != NULL && *dm_actor_get_role (actor) != '\0' &&
              g_hash_table_add (seen_roles, (char *) dm_actor_get_role (actor)))
            g_ptr_array_add (self->roles, g_strdup (dm_actor_get_role (actor)));
        }
      for (guint i = 0; i < g_list_model_get_n_items (dm_document_get_events (self->document)); i++)
        {
          g_autoptr(DmEvent) event = g_list_model_get_item (dm_document_get_events (self->document), i);
          dm_event_add_years (event, years);
        }
      for (guint i = 0; i < g_list_model_get_n_items (places); i++)
        {
          g_autoptr(DmPlace) place = g_list_model_get_item (places, i);
          const char *c = dm_place_get_country (place);
          if (c != NULL && g_hash_table_add (seen, (char *) c))
            g_ptr_array_add (self->countries, g_strdup (c));
        }
      g_ptr_array_sort (self->countries, compare_strings);
      g_ptr_array_sort (self->roles, compare_strings);
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, years);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          {
            int y = GPOINTER_TO_INT (key);
            g_array_append_val (self->years, y);
          }
        g_array_sort (self->years, compare_ints);
        for (guint i = 0; i < self->years->len; i++)
          g_ptr_array_add (year_names, g_strdup_printf ("%d", g_array_index (self->years, int, i)));
      }
    }
  for (DmEventKind k = DM_EVENT_KIND_TRIP; k <= DM_EVENT_KIND_MEETING; k++)
    g_ptr_array_add (kinds, (char *) dm_event_kind_get_label (k));
  for (DmStatus s = DM_STATUS_UNKNOWN; s <= DM_STATUS_CANCELLED; s++)
    g_ptr_array_add (statuses, (char *) dm_status_get_label (s));

  set_choices (self->actor_filter, _("All actors"), actor_names);
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    DmGazetteer *gazetteer = dm_gazetteer_get_default ();

    for (guint i = 0; i < self->countries->len; i++)
      {
        const char *code = g_ptr_array_index (self->countries, i);
        const DmCountry *c = dm_gazetteer_lookup_country (gazetteer, code);
        g_ptr_array_add (names, c != NULL ? g_strdup_printf ("%s (%s)", c->name, code) : g_strdup (code));
      }
    set_choices (self->country_filter, _("All countries"), names);
  }
  set_choices (self->role_filter, _("All roles"), self->roles);
  set_choices (self->year_filter, _("All years"), year_names);
  {
    g_autoptr(GPtrArray) regions = g_ptr_array_new ();
    const char *labels[] = { N_("Africa"), N_("Americas"), N_("Asia"), N_("Europe"), N_("Oceania") };

    G_STATIC_ASSERT (G_N_ELEMENTS (labels) == G_N_ELEMENTS (continents));
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      g_ptr_array_add (regions, (char *) _(labels[i]));
    set_choices (self->region_filter, _("All regions"), regions);
  }
  set_choices (self->kind_filter, _("All types"), kinds);
  set_choices (self->status_filter, _("Any status"), statuses);
  filters_changed_cb (self);
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
  GtkWidget *grid = gtk_grid_new ();
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

  self->actor_filter = make_drop_down (self, _("Filter by actor"));
  self->country_filter = make_drop_down (self, _("Filter by country"));
  self->kind_filter = make_drop_down (self, _("Filter by type"));
  self->status_filter = make_drop_down (self, _("Filter by status"));
  self->role_filter = make_drop_down (self, _("Filter by role"));
  self->year_filter = make_drop_down (self, _("Filter by year"));
  self->region_filter = make_drop_down (self, _("Filter by region"));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  /* who, where, when, what */
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->actor_filter), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->role_filter), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->country_filter), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->region_filter), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->year_filter), 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->kind_filter), 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->status_filter), 0, 3, 1, 1);
  gtk_box_append (GTK_BOX (self->box), grid);

  self->filter = gtk_custom_filter_new (filter_event, self, NULL);
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
dm_event_list_set_filters (DmEventList *self,
                           DmActor     *actor,
                           const char  *country,
                           int          kind,
                           int          status)
{
  guint a = 0, c = 0;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (actor != NULL && g_ptr_array_find (self->actors, actor, &a))
    a++;
  if (country != NULL && g_ptr_array_find_with_equal_func (self->countries, country, g_str_equal, &c))
    c++;
  gtk_drop_down_set_selected (self->actor_filter, a);
  gtk_drop_down_set_selected (self->country_filter, c);
  gtk_drop_down_set_selected (self->kind_filter, kind < 0 ? 0 : kind + 1);
  gtk_drop_down_set_selected (self->status_filter, status < 0 ? 0 : status + 1);
}

void
dm_event_list_set_route_set (DmEventList *self,
                             DmRouteSet  *set)
{
  g_return_if_fail (DM_IS_EVENT_LIST (self));
  g_set_object (&self->route_set, set);
}

/* A role of the document's actors, or NULL for all; a year, or 0 for all */
void
dm_event_list_set_role_year (DmEventList *self,
                             const char  *role,
                             int          year)
{
  guint r = 0, y = 0;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  if (role != NULL && g_ptr_array_find_with_equal_func (self->roles, role, g_str_equal, &r))
    r++;
  for (guint i = 0; year != 0 && i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      y = i + 1;
  gtk_drop_down_set_selected (self->role_filter, r);
  gtk_drop_down_set_selected (self->year_filter, y);
}

/* Whether the search or a filter hides events */
gboolean
dm_event_list_is_filtered (DmEventList *self)
{
  GtkDropDown *drops[] = { self->actor_filter, self->country_filter, self->role_filter,
                           self->year_filter, self->region_filter, self->kind_filter,
                           self->status_filter };

  g_return_val_if_fail (DM_IS_EVENT_LIST (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    {
      guint selected = gtk_drop_down_get_selected (drops[i]);
      if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
        return TRUE;
    }
  return self->needle != NULL && *self->needle != '\0';
}

/* @continent: "Africa", "Americas", "Asia", "Europe", "Oceania", or NULL for all */
void
dm_event_list_set_region (DmEventList *self,
                          const char  *continent)
{
  guint r = 0;

  g_return_if_fail (DM_IS_EVENT_LIST (self));

  for (guint i = 0; continent != NULL && i < G_N_ELEMENTS (continents); i++)
    if (g_str_equal (continents[i], continent))
      r = i + 1;
  gtk_drop_down_set_selected (self->region_filter, r);
}
