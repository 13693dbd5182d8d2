/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-event-list-private.h"

/* The actor and year drop-downs list what the search and the other filters leave: after a
 * search for "Pompeo" the year list holds his years only. Each list is narrowed by every
 * filter but its own (the actor list by the year, the year list by the actor), so that
 * another choice in a list is never one that shows nothing; the chosen actor and year stay
 * in their lists.
 *
 * The long drop-downs find a choice by typing: a letter typed on a closed drop-down opens it
 * with the letter in its search box, the search keeps the choices holding every word typed
 * (anywhere in a choice: "pomp" finds "Michael R. Pompeo"), and Enter takes the first. GTK
 * 4.8's GtkDropDown searches by the start of a choice only (GtkStringFilter in prefix mode,
 * not settable before 4.12), so the drop-down's expression gives a choice that holds the
 * words the search text itself, which the prefix matches, and nothing for the others. */

static void
set_choices (GtkDropDown *drop,
             const char  *all,
             GPtrArray   *labels,
             guint        selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  dm_event_list_set_drop_choices (drop, list, selected);
}

static gboolean
same_actors (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;
  return TRUE;
}

static gboolean
same_years (GArray *a,
            GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (int)) == 0;
}

static void
add_actors (GHashTable *set,
            DmEvent    *event)
{
  GPtrArray *parts = dm_event_get_participants (event);

  if (dm_event_get_actor (event) != NULL)
    g_hash_table_add (set, dm_event_get_actor (event));
  for (guint i = 0; i < parts->len; i++)
    g_hash_table_add (set, g_ptr_array_index (parts, i));
}

void
dm_event_list_narrow_choices (DmEventList *self)
{
  g_autoptr(GHashTable) actor_set = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) year_set = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean narrowed = self->words != NULL || self->chosen_actor != NULL || self->chosen_year != 0;
  guint selected_actor = 0, selected_year = 0;

  /* the other drop-downs and the range: dm_event_list_count_filters() counts the actor's and
   * the year's too, as their drop-downs show them */
  narrowed = narrowed || dm_event_list_count_filters (self) > 0;
  if (narrowed && self->document != NULL)
    {
      GListModel *events = dm_document_get_events (self->document);
      guint n = g_list_model_get_n_items (events);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DmEvent) event = g_list_model_get_item (events, i);
          guint hidden = dm_event_list_hidden_by (self, event, TRUE);

          if ((hidden & ~DM_EVENT_LIST_HIDDEN_BY_ACTOR) == 0)
            add_actors (actor_set, event);
          if ((hidden & ~DM_EVENT_LIST_HIDDEN_BY_YEAR) == 0)
            dm_event_add_years (event, year_set);
        }
      if (self->chosen_actor != NULL)
        g_hash_table_add (actor_set, self->chosen_actor);
      if (self->chosen_year != 0)
        g_hash_table_add (year_set, GINT_TO_POINTER (self->chosen_year));
    }
  for (guint i = 0; i < self->all_actors->len; i++)
    {
      DmActor *actor = g_ptr_array_index (self->all_actors, i);

      if (!narrowed || g_hash_table_contains (actor_set, actor))
        g_ptr_array_add (actors, g_object_ref (actor));
      if (actor == self->chosen_actor)
        selected_actor = actors->len;
    }
  for (guint i = 0; i < self->all_years->len; i++)
    {
      int year = g_array_index (self->all_years, int, i);

      if (!narrowed || g_hash_table_contains (year_set, GINT_TO_POINTER (year)))
        g_array_append_val (years, year);
      if (year == self->chosen_year)
        selected_year = years->len;
    }

  self->holding_changes = TRUE;
  if (!same_actors (actors, self->actors))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < actors->len; i++)
        g_ptr_array_add (names, (char *) dm_actor_get_name (g_ptr_array_index (actors, i)));
      g_ptr_array_set_size (self->actors, 0);
      g_ptr_array_extend_and_steal (self->actors, g_steal_pointer (&actors));
      set_choices (self->actor_filter, _("All actors"), names, selected_actor);
    }
  else if (gtk_drop_down_get_selected (self->actor_filter) != selected_actor)
    dm_event_list_select_choice (self->actor_filter, selected_actor);
  if (!same_years (years, self->years))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < years->len; i++)
        g_ptr_array_add (names, g_strdup_printf ("%d", g_array_index (years, int, i)));
      g_array_set_size (self->years, 0);
      g_array_append_vals (self->years, years->data, years->len);
      set_choices (self->year_filter, _("All years"), names, selected_year);
    }
  else if (gtk_drop_down_get_selected (self->year_filter) != selected_year)
    dm_event_list_select_choice (self->year_filter, selected_year);
  self->holding_changes = FALSE;
}

void
dm_event_list_read_choices (DmEventList *self)
{
  guint actor = gtk_drop_down_get_selected (self->actor_filter);
  guint year = gtk_drop_down_get_selected (self->year_filter);

  g_clear_object (&self->chosen_actor);
  if (actor > 0 && actor <= self->actors->len)
    self->chosen_actor = g_object_ref (g_ptr_array_index (self->actors, actor - 1));
  self->chosen_year = year > 0 && year <= self->years->len ? g_array_index (self->years, int, year - 1) : 0;
}

/* Typing in a drop-down */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a choice holds every word of @text, case and accents aside */
static gboolean
choice_matches (const char *choice,
                const char *text)
{
  g_auto(GStrv) words = dm_event_list_split_search (text);
  g_autofree char *folded = NULL;

  if (words == NULL)
    return TRUE;
  folded = dm_event_list_fold (choice);
  return dm_event_search_text_matches (folded, (const char * const *) words);
}

/* The drop-down's expression: the search text itself for a choice that holds its words (the
 * drop-down's filter then matches it by its start), nothing for the others */
static char *
choice_search_key (GtkStringObject *item,
                   GtkEditable     *entry)
{
  const char *text = entry != NULL ? gtk_editable_get_text (entry) : "";
  const char *choice = gtk_string_object_get_string (item);

  if (*text == '\0')
    return g_strdup (choice);
  return choice_matches (choice, text) ? g_strdup (text) : NULL;
}

static guint
first_choice (GtkDropDown *drop,
              const char  *text)
{
  GListModel *model = dm_event_list_get_drop_choices (drop);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (choice_matches (gtk_string_object_get_string (item), text))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

guint
dm_event_list_count_choices_for (GtkDropDown *drop,
                                 const char  *text)
{
  GListModel *model = dm_event_list_get_drop_choices (drop);
  guint n = 0;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      n += choice_matches (gtk_string_object_get_string (item), text);
    }
  return n;
}

/* Enter in the pop-up's search: the first choice left is taken */
static void
search_activate_cb (GtkEditable *entry,
                    GtkDropDown *drop)
{
  guint position = first_choice (drop, gtk_editable_get_text (entry));
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_drop_down_set_selected (drop, position);
}

/* A letter or a digit typed on a closed drop-down opens it, the letter in its search */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkDropDown           *drop)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (drop), "dm-choice-search");
  GtkWidget *popover = entry != NULL ? gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER) : NULL;
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };

  if (popover == NULL || gtk_widget_get_visible (popover) || c == 0 || !g_unichar_isgraph (c) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  g_unichar_to_utf8 (c, text);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  return TRUE;
}

void
dm_event_list_add_choice_search (DmEventList *self,
                                 GtkDropDown *drop)
{
  GtkWidget *entry = find_descendant (GTK_WIDGET (drop), GTK_TYPE_SEARCH_ENTRY);
  GtkExpression *expression;
  GtkEventController *keys;

  /* the search box is GtkDropDown's own (GTK 4.8); without it, the drop-down's search
   * matches the start of a choice */
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (choice_search_key), entry, NULL);
  gtk_drop_down_set_expression (drop, expression);
  gtk_expression_unref (expression);
  gtk_drop_down_set_enable_search (drop, TRUE);
  if (entry == NULL)
    {
      g_warning ("No search box in the drop-down: typing finds choices by their start");
      return;
    }
  g_object_set_data (G_OBJECT (drop), "dm-choice-search", entry);
  g_signal_connect_object (entry, "activate", G_CALLBACK (search_activate_cb), drop, 0);
  keys = gtk_event_controller_key_new ();
  /* before the drop-down's button and whatever its parents do with the key */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), drop, 0);
  gtk_widget_add_controller (GTK_WIDGET (drop), keys);
}

/* The region pop-up: each sub-region indented under its region, each intermediate region
 * under its sub-region (the button shows the name alone) */

static guint
area_depth (const char *label)
{
  for (guint i = 0; label != NULL && i < dm_gazetteer_get_n_m49_areas (); i++)
    {
      const DmM49Area *area = dm_gazetteer_get_m49_area (i);

      if (g_str_equal (_(area->name), label))
        {
          guint depth = 0;

          for (const DmM49Area *a = area; (a = dm_gazetteer_m49_area_get_parent (a)) != NULL;)
            depth++;
          return depth;
        }
    }
  return 0;
}

static void
setup_region_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_region_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_margin_start (label, 16 * area_depth (text));
}

void
dm_event_list_indent_regions (DmEventList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_region_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_region_cb), NULL);
  gtk_drop_down_set_list_factory (self->region_filter, factory);
}
