/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-event-list-private.h"
#include "dm-route-style.h"

/* The rows of the sidebar's list: a dot of the actor's colour, the title, when · kind ·
 * status. The dot takes its colour from the route set when it is drawn (the document's
 * colour of the actor, as on the map, the same whatever the filters show), so that a route
 * set known after the rows were bound, or a file added, recolours them:
 * dm_event_list_redraw_dots redraws the dots bound to an event, kept in a set by bind and
 * unbind. A row's widgets are made by setup_row_cb.
 *
 * GTK 4.8's list view makes and binds about 200 rows at once when a document fills it (the
 * rows around its anchor, whatever its height), and the window's next layout measured every
 * one of their labels, each shaped by Pango a few times: 60-100 ms of the main thread's CPU
 * for the U.S. record or 100,000 events, in one main loop iteration (docs/PERFORMANCE.md,
 * "the list's rows' text"). So a row out of view is bound with empty labels (measured at
 * no cost, a line high as with text), and an idle gives them their text and measures them
 * until ROWS_TEXT_BUDGET_US are spent a call (rows that came into view first, whatever the
 * budget). The rows in view always have their text at once; so do the first ROWS_AT_ONCE of
 * a burst, except while DmSortedEvents puts its sorted rows into an empty list a part a
 * call (rows bound on a scroll, before the list's adjustment moved, may be in view). */

#define ROWS_AT_ONCE 20
/* the idle's time a call: rows given their text and measured until it is spent */
#define ROWS_TEXT_BUDGET_US 5000
/* a row is 36-60 px high (two lines): what may be in view is guessed from those */
#define ROW_MIN_PX   36.0
#define ROW_MAX_PX   60.0

/* Whose colour an event's dot shows: its actor, else its first participant */
static DmActor *
dot_actor (DmEvent *event)
{
  DmActor *actor = dm_event_get_actor (event);

  if (actor == NULL && dm_event_get_participants (event)->len > 0)
    actor = g_ptr_array_index (dm_event_get_participants (event), 0);
  return actor;
}

static DmRgba
actor_color (DmEventList *self,
             DmActor     *actor)
{
  if (self->route_set == NULL)
    return dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1);
  return dm_route_set_get_actor_color (self->route_set, actor);
}

guint32
dm_event_list_dot_color (DmEventList *self,
                         DmEvent     *event)
{
  DmRgba color = actor_color (self, dot_actor (event));

  return dm_rgba_to_hex (&color);
}

static void
draw_dot_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  DmEventList *self = user_data;
  DmEvent *event = g_object_get_data (G_OBJECT (area), "dm-event");
  DmRgba color;

  g_assert (DM_IS_EVENT_LIST (self));

  if (event == NULL && g_object_get_data (G_OBJECT (area), "dm-place") != NULL)
    {
      /* a place without a time: a ring of no actor's colour */
      color = dm_rgba_from_hex (DM_ROUTE_COLOR_NO_ACTOR, 1);
      cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1.5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      return;
    }
  if (event == NULL)
    return;
  color = actor_color (self, dot_actor (event));
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 0.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
  cairo_fill (cr);
}

/* The dots of the rows bound now: the others show no event */
void
dm_event_list_redraw_dots (DmEventList *self)
{
  GHashTableIter iter;
  gpointer dot;

  if (self->bound_dots == NULL)
    return;
  g_hash_table_iter_init (&iter, self->bound_dots);
  while (g_hash_table_iter_next (&iter, &dot, NULL))
    gtk_widget_queue_draw (dot);
}

/* A row's title: where first, when a title begins with its actor's name (the U.S. record's
 * "Michael R. Pompeo: Belgium, France"), so that a narrow list still shows the places */
char *
dm_event_list_dup_row_title (DmEvent *event)
{
  g_autofree char *title = dm_event_dup_display_title (event);
  DmActor *actor = dm_event_get_actor (event);
  const char *name = actor ? dm_actor_get_name (actor) : NULL;
  size_t n = name ? strlen (name) : 0;

  if (n > 0 && g_str_has_prefix (title, name) && g_str_has_prefix (title + n, ": ") &&
      title[n + 2] != '\0')
    /* Translators: a row of the event list: the places, then who went */
    return g_strdup_printf (_("%s — %s"), title + n + 2, name);
  return g_steal_pointer (&title);
}

/* A row's tooltip is its title, asked for when the pointer rests on it: setting it on each
 * bind made GTK ask the display where the pointer is (a round trip to the X server) for
 * every row bound, a third of the time to open the U.S. record */
static gboolean
query_row_tooltip_cb (GtkWidget  *box,
                      int         x,
                      int         y,
                      gboolean    keyboard_mode,
                      GtkTooltip *tooltip,
                      gpointer    user_data)
{
  const char *title = gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box)));

  if (title == NULL || *title == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, title);
  return TRUE;
}

/* A row: the dot, then a box with the title and the subtitle. Built here rather than from
 * a GtkBuilder file: GTK 4.8's list view makes about 200 rows at once when a document fills
 * it, and parsing the file for each was half of that (docs/PERFORMANCE.md, "the list's
 * rows") */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DmEventList              *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  g_assert (DM_IS_EVENT_LIST (self));

  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot_cb, self, NULL);
  gtk_widget_set_margin_top (text, 6);
  gtk_widget_set_margin_bottom (text, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_has_tooltip (text, TRUE);
  g_signal_connect (text, "query-tooltip", G_CALLBACK (query_row_tooltip_cb), NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (row), dot);
  gtk_box_append (GTK_BOX (row), text);
  gtk_list_item_set_child (list_item, row);
}

static void
set_row_text (GtkListItem *list_item)
{
  DmEvent *event = gtk_list_item_get_item (list_item);
  GtkWidget *dot = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_next_sibling (dot));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *t = dm_event_list_dup_row_title (event);
  g_autofree char *s = dm_event_list_dup_subtitle (event);

  gtk_label_set_text (GTK_LABEL (title), t);
  gtk_label_set_text (GTK_LABEL (subtitle), s);
}

/* Whether the row at @position may be in view (or will be, when the list is shown) */
static gboolean
may_be_in_view (DmEventList *self,
                guint        position)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  double top = 0, bottom = 0;

  if (adjustment != NULL)
    {
      top = gtk_adjustment_get_value (adjustment);
      bottom = top + gtk_adjustment_get_page_size (adjustment);
    }
  /* not allocated yet (behind the loading page): as tall as the window */
  if (bottom <= top)
    {
      GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

      bottom = top + (root != NULL && gtk_widget_get_height (root) > 0 ? gtk_widget_get_height (root)
                                                                        : 1500);
    }
  return position * ROW_MIN_PX <= bottom + ROW_MAX_PX && (position + 1) * ROW_MAX_PX >= top - ROW_MAX_PX;
}

/* A row given its text is measured at once, as the list will measure it (its width alone,
 * then its height for the list's width): GTK keeps the sizes, so that the next frame's layout
 * finds them, and the shaping of its labels by Pango counts in the call that gave the text,
 * within its budget, rather than in a frame */
static void
measure_row (DmEventList *self,
             GtkListItem *list_item)
{
  GtkWidget *row = gtk_widget_get_parent (gtk_list_item_get_child (list_item));
  int width = gtk_widget_get_width (GTK_WIDGET (self->list_view));

  if (row == NULL)
    return;
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width > 0 ? width : -1, NULL, NULL, NULL,
                      NULL);
}

guint
dm_event_list_give_rows_text (DmEventList *self,
                              gint64       budget_us)
{
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  /* the rows in view now (the list scrolled to them since they were bound), whatever the
   * budget */
  for (guint i = 0; i < self->waiting_rows->len;)
    {
      GtkListItem *list_item = g_ptr_array_index (self->waiting_rows, i);

      if (!may_be_in_view (self, gtk_list_item_get_position (list_item)))
        {
          i++;
          continue;
        }
      list_item = g_ptr_array_steal_index (self->waiting_rows, i);
      set_row_text (list_item);
      measure_row (self, list_item);
      g_object_unref (list_item);
      n++;
    }
  /* then the others in their order, until the budget is spent (one at least) */
  while (self->waiting_rows->len > 0 && (n == 0 || g_get_monotonic_time () - start < budget_us))
    {
      g_autoptr(GtkListItem) list_item = g_ptr_array_steal_index (self->waiting_rows, 0);

      set_row_text (list_item);
      measure_row (self, list_item);
      n++;
    }
  return n;
}

static gboolean
give_rows_text_cb (gpointer user_data)
{
  DmEventList *self = user_data;

  self->rows_bound = 0;
  dm_event_list_give_rows_text (self, self->rows_text_budget_us);
  if (self->waiting_rows->len > 0)
    return G_SOURCE_CONTINUE;
  self->rows_text_id = 0;
  return G_SOURCE_REMOVE;
}

void
dm_event_list_clear_waiting_rows (DmEventList *self)
{
  g_clear_handle_id (&self->rows_text_id, g_source_remove);
  if (self->waiting_rows != NULL)
    g_ptr_array_set_size (self->waiting_rows, 0);
}

/* Counts the rows bound in this burst (until the idle runs); whether @list_item's text waits */
static gboolean
text_waits (DmEventList *self,
            GtkListItem *list_item)
{
  if (self->rows_text_id == 0)
    {
      self->rows_text_id = g_idle_add (give_rows_text_cb, self);
      g_source_set_name_by_id (self->rows_text_id, "[diplomap] event list give_rows_text_cb");
    }
  /* while the sorted rows come into an empty list, a part a call (DmSortedEvents), only
   * those in view */
  if (DM_IS_SORTED_EVENTS (self->sorted) && dm_sorted_events_get_sorting (DM_SORTED_EVENTS (self->sorted)))
    return !may_be_in_view (self, gtk_list_item_get_position (list_item));
  return ++self->rows_bound > ROWS_AT_ONCE &&
         !may_be_in_view (self, gtk_list_item_get_position (list_item));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             DmEventList              *self)
{
  gpointer item = gtk_list_item_get_item (list_item);
  DmEvent *event = item;
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *dot = gtk_widget_get_first_child (row);
  GtkWidget *box = gtk_widget_get_next_sibling (dot);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *t = NULL;
  g_autofree char *s = NULL;

  g_assert (DM_IS_EVENT_LIST (self));

  if (DM_IS_PLACE (item))
    {
      g_object_set_data (G_OBJECT (dot), "dm-place", item);
      gtk_widget_queue_draw (dot);
      dm_event_list_bind_place_row (title, subtitle, item);
      return;
    }
  g_object_set_data_full (G_OBJECT (dot), "dm-event", g_object_ref (event), g_object_unref);
  g_hash_table_add (self->bound_dots, g_object_ref (dot));
  gtk_widget_queue_draw (dot);
  if (text_waits (self, list_item))
    {
      gtk_label_set_text (GTK_LABEL (title), "");
      gtk_label_set_text (GTK_LABEL (subtitle), "");
      g_ptr_array_add (self->waiting_rows, g_object_ref (list_item));
      return;
    }
  t = dm_event_list_dup_row_title (event);
  s = dm_event_list_dup_subtitle (event);
  gtk_label_set_text (GTK_LABEL (title), t);
  gtk_label_set_text (GTK_LABEL (subtitle), s);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               DmEventList              *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *dot = gtk_widget_get_first_child (row);

  g_assert (DM_IS_EVENT_LIST (self));

  g_object_set_data (G_OBJECT (dot), "dm-event", NULL);
  g_object_set_data (G_OBJECT (dot), "dm-place", NULL);
  if (self->waiting_rows != NULL)
    g_ptr_array_remove (self->waiting_rows, list_item);
  /* the list may unbind its rows while it is being disposed, after the set */
  if (self->bound_dots != NULL)
    g_hash_table_remove (self->bound_dots, dot);
}

GtkListItemFactory *
dm_event_list_new_row_factory (DmEventList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->bound_dots = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->waiting_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows_text_budget_us = ROWS_TEXT_BUDGET_US;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  return factory;
}
