/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dm-event-list.h"
#include "dm-timeline-private.h"
#include "dm-worker-priority.h"

/* The time axis under the map: a lane per actor (by first appearance), the playhead,
 * selection by click, scrubbing by drag, zoom by Ctrl+scroll or pinch, lanes scrolled
 * under a fixed axis, a tooltip naming the event under the pointer, and the keyboard.
 * Drawing is in dm-timeline-draw.c, input in dm-timeline-input.c. */

G_DEFINE_FINAL_TYPE (DmTimeline, dm_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TIME,
  PROP_SELECTED_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EVENT_ACTIVATED,
  LANE_ACTIVATED,
  RANGE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A double click on (x, y): the event there is activated; TRUE when there is one */
gboolean
dm_timeline_activate_at (DmTimeline *self,
                         double      x,
                         double      y)
{
  DmEvent *event;

  g_return_val_if_fail (DM_IS_TIMELINE (self), FALSE);
  if ((event = dm_timeline_pick (self, x, y)) == NULL)
    return FALSE;
  dm_timeline_set_selected_event (self, event);
  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
  return TRUE;
}

double
dm_timeline_axis_end (DmTimeline *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (gtk_widget_get_visible (self->scrollbar))
    width -= gtk_widget_get_width (self->scrollbar);
  return width;
}

double
dm_timeline_x_for_time (DmTimeline *self,
                        double      time)
{
  double w = dm_timeline_axis_end (self) - DM_TIMELINE_LABEL_WIDTH;

  return DM_TIMELINE_LABEL_WIDTH + (time - self->view_start) / (self->view_end - self->view_start) * w;
}

double
dm_timeline_time_for_x (DmTimeline *self,
                        double      x)
{
  double w = MAX (dm_timeline_axis_end (self) - DM_TIMELINE_LABEL_WIDTH, 1);

  return self->view_start + (x - DM_TIMELINE_LABEL_WIDTH) / w * (self->view_end - self->view_start);
}

double
dm_timeline_lane_height (DmTimeline *self)
{
  double avail = gtk_widget_get_height (GTK_WIDGET (self)) - DM_TIMELINE_AXIS_HEIGHT - 2;

  if (self->lanes->len == 0)
    return DM_TIMELINE_LANE_HEIGHT;
  /* Lanes share the height, never thinner than a readable name: then they scroll */
  return CLAMP (floor (avail / self->lanes->len), DM_TIMELINE_LANE_MIN_HEIGHT, DM_TIMELINE_LANE_HEIGHT);
}

double
dm_timeline_lane_y (DmTimeline *self,
                    guint       lane)
{
  return DM_TIMELINE_AXIS_HEIGHT + lane * dm_timeline_lane_height (self) -
         gtk_adjustment_get_value (self->vadjustment);
}

/* The lane under widget y (dm_timeline_lane_y's inverse), scrolling counted: may be out of
 * range */
static int
lane_at_y (DmTimeline *self,
           double      y)
{
  return (int) floor ((y - DM_TIMELINE_AXIS_HEIGHT + gtk_adjustment_get_value (self->vadjustment)) /
                      dm_timeline_lane_height (self));
}

/* The scrolling range of the lanes: all of them, in the height under the axis */
static void
update_scrolling (DmTimeline *self)
{
  double page = MAX (gtk_widget_get_height (GTK_WIDGET (self)) - DM_TIMELINE_AXIS_HEIGHT, 1);
  double total = self->lanes->len * dm_timeline_lane_height (self) + 2;

  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, MAX (total - page, 0)),
                            0, MAX (total, page), DM_TIMELINE_LANE_MIN_HEIGHT, page * 0.9, page);
  gtk_widget_set_visible (self->scrollbar, total > page + 0.5);
}

static void
update_accessible (DmTimeline *self)
{
  g_autofree char *text = dm_time_format_utc_iso ((gint64) self->time);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, self->doc_start,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->doc_end,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->time,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
cancel_build (DmTimeline *self)
{
  if (self->build == NULL)
    return;
  g_cancellable_cancel (self->build);
  g_clear_object (&self->build);
}

/* The lanes and items of @build (whole) in place of the old ones, in one swap */
static void
install (DmTimeline      *self,
         DmTimelineBuild *build)
{
  g_assert (build->done);

#define SWAP(field, from) G_STMT_START { gpointer old = self->field; \
    self->field = build->from; build->from = old; } G_STMT_END
  SWAP (lanes, lanes);
  SWAP (items, items);
  SWAP (lane_items, lane_items);
  SWAP (lane_starts, lane_starts);
  SWAP (held_events, events);
  SWAP (held_actors, actors);
#undef SWAP
  if (build->start <= build->end)
    {
      gint64 s = build->start, e = build->end;
      double pad = MAX ((e - s) * 0.03, 3600);

      self->doc_start = s;
      self->doc_end = e;
      /* a zoom or a move made while a worker built them stays */
      if (!self->view_moved)
        {
          self->view_start = s - pad;
          self->view_end = MAX (e + pad, self->view_start + DM_TIMELINE_MIN_SPAN);
        }
    }
  gtk_adjustment_set_value (self->vadjustment, 0);
  update_scrolling (self);
  update_accessible (self);
  self->still_dirty = TRUE;
  self->items_dirty = TRUE;
  /* other items: their old picture is not kept (dm-timeline-draw.c) */
  g_clear_pointer (&self->items_surface, cairo_surface_destroy);
  g_clear_pointer (&self->items_backdrop, cairo_surface_destroy);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

typedef struct
{
  DmTimeline   *timeline;   /* owned */
  GCancellable *cancellable;
} BuildData;

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DmTimelineBuild *build = task_data;

  dm_worker_priority_lower ();
  if (!g_cancellable_is_cancelled (cancellable))
    dm_timeline_build_run (build, cancellable);
  g_task_return_boolean (task, TRUE);
}

/* On the main thread: the build is let go here (its events' references with it) */
static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  BuildData *data = user_data;
  DmTimeline *self = data->timeline;
  DmTimelineBuild *build = g_task_get_task_data (G_TASK (result));

  /* a newer reload, or the timeline disposed: nothing to touch */
  if (!g_cancellable_is_cancelled (data->cancellable) && build->done)
    {
      g_clear_object (&self->build);
      install (self, build);
    }
  /* the build and what it holds now (the old lanes and items, or its own) */
  g_task_set_task_data (G_TASK (result), NULL, NULL);
  g_object_unref (data->cancellable);
  g_object_unref (data->timeline);
  g_free (data);
}

/* The lanes and items of @build's snapshot (taken): built at once for a small document, by
 * a worker thread for a big one, the previous ones shown until they are ready (a reload
 * meanwhile replaces the build) */
static void
reload_from (DmTimeline      *self,
             DmTimelineBuild *taken)
{
  g_autoptr(DmTimelineBuild) build = taken;
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  if (build->events->len < self->async_min_events)
    {
      dm_timeline_build_run (build, NULL);
      install (self, build);
      return;
    }
  self->build = g_cancellable_new ();
  data = g_new0 (BuildData, 1);
  data->timeline = g_object_ref (self);
  data->cancellable = g_object_ref (self->build);
  task = g_task_new (NULL, self->build, built_cb, data);
  g_task_set_source_tag (task, dm_timeline_reload);
  g_task_set_name (task, "[diplomap] timeline");
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_steal_pointer (&build), (GDestroyNotify) dm_timeline_build_free);
  g_task_run_in_thread (task, build_thread);
}

/* The lanes and items of the document's events as they are now */
void
dm_timeline_reload (DmTimeline *self)
{
  g_return_if_fail (DM_IS_TIMELINE (self));

  cancel_build (self);
  self->view_moved = FALSE;
  if (self->document == NULL)
    reload_from (self, dm_timeline_build_new (NULL, NULL));
  else
    reload_from (self, dm_timeline_build_new (dm_document_get_events (self->document),
                                              dm_document_get_actors (self->document)));
}

/**
 * dm_timeline_reload_events:
 * @events: (element-type DmEvent): the document's events as they are now, a snapshot
 *   holding references that nobody changes (a worker may read it, as may others)
 *
 * dm_timeline_reload() from a snapshot the caller took already, rather than another one.
 */
void
dm_timeline_reload_events (DmTimeline *self,
                           GPtrArray  *events)
{
  g_return_if_fail (DM_IS_TIMELINE (self));
  g_return_if_fail (self->document != NULL);
  g_return_if_fail (events->len ==
                    g_list_model_get_n_items (dm_document_get_events (self->document)));

  cancel_build (self);
  self->view_moved = FALSE;
  reload_from (self, dm_timeline_build_new_for (events, dm_document_get_actors (self->document)));
}

gboolean
dm_timeline_is_building (DmTimeline *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE (self), FALSE);
  return self->build != NULL;
}

void
dm_timeline_set_async_min_events (DmTimeline *self,
                                  guint       n)
{
  g_return_if_fail (DM_IS_TIMELINE (self));
  self->async_min_events = n;
}

/**
 * dm_timeline_pick_lane:
 * Returns: (transfer none) (nullable): the actor whose lane's name is at widget point
 * (@x, @y), %NULL elsewhere and for "others"
 */
DmActor *
dm_timeline_pick_lane (DmTimeline *self,
                       double      x,
                       double      y)
{
  int lane;

  g_return_val_if_fail (DM_IS_TIMELINE (self), NULL);
  if (y < DM_TIMELINE_AXIS_HEIGHT || x < 0 || x >= DM_TIMELINE_LABEL_WIDTH)
    return NULL;
  lane = lane_at_y (self, y);
  if (lane < 0 || (guint) lane >= self->lanes->len)
    return NULL;
  return g_ptr_array_index (self->lanes, lane);
}

/* Emits DmTimeline::lane-activated (for a click on a lane's name) */
void
dm_timeline_activate_lane (DmTimeline *self,
                           DmActor    *actor)
{
  g_signal_emit (self, signals[LANE_ACTIVATED], 0, actor);
}

void
dm_timeline_select_range (DmTimeline *self,
                          double      start,
                          double      end)
{
  start = CLAMP (start, self->doc_start, self->doc_end);
  end = CLAMP (end, self->doc_start, self->doc_end);
  g_signal_emit (self, signals[RANGE_SELECTED], 0, (gint64) floor (start), (gint64) ceil (end));
}

DmEvent *
dm_timeline_pick (DmTimeline *self,
                  double      x,
                  double      y)
{
  DmEvent *best = NULL;
  double best_d = 6, best_span = G_MAXDOUBLE;
  int lane;

  g_return_val_if_fail (DM_IS_TIMELINE (self), NULL);

  if (y < DM_TIMELINE_AXIS_HEIGHT || x < DM_TIMELINE_LABEL_WIDTH || x > dm_timeline_axis_end (self))
    return NULL;
  lane = lane_at_y (self, y);
  if (lane < 0 || (guint) lane >= self->lanes->len)
    return NULL;
  for (guint k = g_array_index (self->lane_starts, guint, lane);
       k < g_array_index (self->lane_starts, guint, lane + 1); k++)
    {
      guint i = g_array_index (self->lane_items, guint, k);
      DmTimelineItem *item = &g_array_index (self->items, DmTimelineItem, i);
      double x0, x1, d;

      x0 = dm_timeline_x_for_time (self, item->start);
      x1 = dm_timeline_x_for_time (self, item->end);
      d = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
      /* Among overlapping events, the shortest is the one meant */
      if (d < best_d || (d == best_d && x1 - x0 < best_span))
        {
          best_d = d;
          best_span = x1 - x0;
          best = item->event;
        }
    }
  return best;
}

gboolean
dm_timeline_get_event_position (DmTimeline *self,
                                DmEvent    *event,
                                double     *x,
                                double     *y)
{
  g_return_val_if_fail (DM_IS_TIMELINE (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      DmTimelineItem *item = &g_array_index (self->items, DmTimelineItem, i);

      if (item->event != event)
        continue;
      *x = (dm_timeline_x_for_time (self, item->start) + dm_timeline_x_for_time (self, item->end)) / 2;
      *y = dm_timeline_lane_y (self, item->lane) + dm_timeline_lane_height (self) / 2;
      return TRUE;
    }
  return FALSE;
}

void
dm_timeline_get_range (DmTimeline *self,
                       double     *start,
                       double     *end)
{
  g_return_if_fail (DM_IS_TIMELINE (self));
  *start = self->view_start;
  *end = self->view_end;
}

void
dm_timeline_set_range (DmTimeline *self,
                       double      start,
                       double      end)
{
  double mid = (start + end) / 2, span = CLAMP (end - start, DM_TIMELINE_MIN_SPAN, DM_TIMELINE_MAX_SPAN);

  g_return_if_fail (DM_IS_TIMELINE (self));
  self->view_start = mid - span / 2;
  self->view_end = mid + span / 2;
  self->view_moved = TRUE;
  dm_timeline_queue_still (self);
}


char *
dm_timeline_dup_tooltip_text (DmTimeline *self,
                              double      x,
                              double      y)
{
  DmEvent *event;
  int lane;

  g_return_val_if_fail (DM_IS_TIMELINE (self), NULL);

  if (y < DM_TIMELINE_AXIS_HEIGHT)
    return NULL;
  /* The lane's name, whole (the label may be cut) */
  if (x < DM_TIMELINE_LABEL_WIDTH)
    {
      DmActor *actor;

      lane = lane_at_y (self, y);
      if (lane < 0 || (guint) lane >= self->lanes->len)
        return NULL;
      actor = g_ptr_array_index (self->lanes, lane);
      if (actor == NULL)
        return g_strdup (_("Others"));
      if (dm_actor_get_role (actor) == NULL || *dm_actor_get_role (actor) == '\0')
        return g_strdup (dm_actor_get_name (actor));
      /* Translators: a timeline lane's tooltip: an actor's name and role */
      return g_strdup_printf (_("%s, %s"), dm_actor_get_name (actor), dm_actor_get_role (actor));
    }
  event = dm_timeline_pick (self, x, y);
  if (event != NULL)
    {
      g_autofree char *title = dm_event_dup_display_title (event);
      g_autofree char *subtitle = dm_event_list_dup_subtitle (event);

      return g_strdup_printf ("%s\n%s", title, subtitle);
    }
  return NULL;
}

static gboolean
dm_timeline_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip)
{
  DmTimeline *self = DM_TIMELINE (widget);
  g_autofree char *text = NULL;

  /* From the keyboard: the selected event */
  if (keyboard_mode)
    {
      double ex, ey;

      if (self->selected == NULL || !dm_timeline_get_event_position (self, self->selected, &ex, &ey))
        return FALSE;
      x = ex;
      y = ey;
    }
  text = dm_timeline_dup_tooltip_text (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  /* Asked again when the pointer leaves this lane's few pixels */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 3, y - 3, 6, 6 });
  return TRUE;
}

static void
dm_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  DmTimeline *self = DM_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = DM_TIMELINE_LABEL_WIDTH + 100;
      return;
    }
  /* Up to eight lanes without scrolling, so that the map keeps most of the window unless
   * the user drags the divider (the window's paned places it at the minimum) */
  *minimum = *natural = DM_TIMELINE_AXIS_HEIGHT +
                        CLAMP (self->lanes->len, 2, 8) * DM_TIMELINE_LANE_MIN_HEIGHT + 2;
}

static void
dm_timeline_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  DmTimeline *self = DM_TIMELINE (widget);
  int bar_width;

  update_scrolling (self);
  gtk_widget_measure (self->scrollbar, GTK_ORIENTATION_HORIZONTAL, -1, &bar_width, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->scrollbar,
                            &(GtkAllocation) { width - bar_width, DM_TIMELINE_AXIS_HEIGHT,
                                               bar_width, MAX (height - DM_TIMELINE_AXIS_HEIGHT, 0) },
                            -1);
}

static void
dm_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  DmTimeline *self = DM_TIMELINE (widget);

  dm_timeline_draw (self, snapshot);
  gtk_widget_snapshot_child (widget, self->scrollbar, snapshot);
}

static void
scrolled_cb (DmTimeline *self)
{
  g_assert (DM_IS_TIMELINE (self));

  dm_timeline_queue_still (self);
}

/* Names are laid out again in another font or direction */
static void
dm_timeline_system_setting_changed (GtkWidget       *widget,
                                    GtkSystemSetting setting)
{
  DM_TIMELINE (widget)->still_dirty = TRUE;
  GTK_WIDGET_CLASS (dm_timeline_parent_class)->system_setting_changed (widget, setting);
}

static void
dm_timeline_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous)
{
  DM_TIMELINE (widget)->still_dirty = TRUE;
  GTK_WIDGET_CLASS (dm_timeline_parent_class)->direction_changed (widget, previous);
}

static void
dm_timeline_dispose (GObject *object)
{
  DmTimeline *self = DM_TIMELINE (object);

  g_clear_pointer (&self->scrollbar, gtk_widget_unparent);
  g_clear_object (&self->vadjustment);
  cancel_build (self);
  g_clear_object (&self->document);
  g_clear_object (&self->route_set);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->lane_items, g_array_unref);
  g_clear_pointer (&self->lane_starts, g_array_unref);
  g_clear_pointer (&self->held_events, g_ptr_array_unref);
  g_clear_pointer (&self->held_actors, g_ptr_array_unref);
  g_clear_pointer (&self->still_node, gsk_render_node_unref);
  g_clear_handle_id (&self->items_idle_id, g_source_remove);
  g_clear_pointer (&self->items_surface, cairo_surface_destroy);
  g_clear_pointer (&self->items_backdrop, cairo_surface_destroy);
  g_clear_pointer (&self->items_shown, g_array_unref);
  G_OBJECT_CLASS (dm_timeline_parent_class)->dispose (object);
}

static void
dm_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DmTimeline *self = DM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_TIME: g_value_set_double (value, self->time); break;
    case PROP_SELECTED_EVENT: g_value_set_object (value, self->selected); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DmTimeline *self = DM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: dm_timeline_set_document (self, g_value_get_object (value)); break;
    case PROP_TIME: dm_timeline_set_time (self, g_value_get_double (value)); break;
    case PROP_SELECTED_EVENT: dm_timeline_set_selected_event (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_timeline_class_init (DmTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_timeline_dispose;
  object_class->get_property = dm_timeline_get_property;
  object_class->set_property = dm_timeline_set_property;
  widget_class->snapshot = dm_timeline_snapshot;
  widget_class->measure = dm_timeline_measure;
  widget_class->size_allocate = dm_timeline_size_allocate;
  widget_class->query_tooltip = dm_timeline_query_tooltip;
  widget_class->system_setting_changed = dm_timeline_system_setting_changed;
  widget_class->direction_changed = dm_timeline_direction_changed;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, DM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_double ("time", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, DM_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DmTimeline::event-activated:
   * @event: the event double-clicked
   *
   * An event's mark was double-clicked: the window opens its editor.
   */
  signals[EVENT_ACTIVATED] = g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, DM_TYPE_EVENT);

  /**
   * DmTimeline::lane-activated:
   * @actor: the lane's actor
   * A lane's name was clicked (the window filters the events to that actor)
   */
  signals[LANE_ACTIVATED] =
    g_signal_new ("lane-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, DM_TYPE_ACTOR);

  /**
   * DmTimeline::range-selected:
   * @start: the range's start, UTC seconds
   * @end: its end
   * A range of time was dragged with Shift (the window filters the events to those days)
   */
  signals[RANGE_SELECTED] =
    g_signal_new ("range-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
dm_timeline_init (DmTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->lanes = g_ptr_array_new ();
  self->items = g_array_new (FALSE, TRUE, sizeof (DmTimelineItem));
  self->held_events = g_ptr_array_new_with_free_func (g_object_unref);
  self->held_actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->async_min_events = DM_TIMELINE_ASYNC_MIN_EVENTS;
  self->lane_items = g_array_new (FALSE, FALSE, sizeof (guint));
  self->lane_starts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->items_shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->items_slice = 1000;
  self->view_end = 1;
  self->doc_end = 1;

  /* Time runs left to right in every language, as on a right-to-left calendar's axis: the
   * window around it mirrors for Arabic or Hebrew, the timeline does not */
  gtk_widget_set_direction (widget, GTK_TEXT_DIR_LTR);
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_add_css_class (widget, "view");

  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 1, 1, 1, 1));
  g_signal_connect_object (self->vadjustment, "value-changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  self->scrollbar = gtk_scrollbar_new (GTK_ORIENTATION_VERTICAL, self->vadjustment);
  gtk_widget_set_visible (self->scrollbar, FALSE);
  gtk_widget_set_parent (self->scrollbar, widget);

  dm_timeline_init_input (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Left and Right step between events, Home and End go to the "
                                    "start and the end, plus and minus zoom; with the mouse, "
                                    "scrolling moves the lanes and Ctrl with scrolling zooms"),
                                  -1);
}

GtkWidget *
dm_timeline_new (void)
{
  return g_object_new (DM_TYPE_TIMELINE, NULL);
}

DmDocument *
dm_timeline_get_document (DmTimeline *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE (self), NULL);
  return self->document;
}

void
dm_timeline_set_document (DmTimeline *self,
                          DmDocument *document)
{
  g_return_if_fail (DM_IS_TIMELINE (self));

  if (!g_set_object (&self->document, document))
    return;
  dm_timeline_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
dm_timeline_set_route_set (DmTimeline *self,
                           DmRouteSet *set)
{
  g_return_if_fail (DM_IS_TIMELINE (self));

  if (g_set_object (&self->route_set, set))
    dm_timeline_queue_items (self);
}

/* Keeps the playhead in view while playing or stepping */
static void
follow_time (DmTimeline *self)
{
  double span = self->view_end - self->view_start;

  if (self->time < self->view_start || self->time > self->view_end)
    {
      self->view_start = self->time - span * 0.1;
      self->view_end = self->view_start + span;
    }
}

double
dm_timeline_get_time (DmTimeline *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE (self), 0);
  return self->time;
}

void
dm_timeline_set_time (DmTimeline *self,
                      double      time)
{
  g_return_if_fail (DM_IS_TIMELINE (self));

  if (time == self->time)
    return;
  self->time = time;
  follow_time (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

DmEvent *
dm_timeline_get_selected_event (DmTimeline *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE (self), NULL);
  return self->selected;
}

/* Scrolls the lanes to @event's (its first lane), unless it is in view */
static void
show_lane_of (DmTimeline *self,
              DmEvent    *event)
{
  double lane_h = dm_timeline_lane_height (self);
  double top = gtk_adjustment_get_value (self->vadjustment);
  double page = gtk_adjustment_get_page_size (self->vadjustment);

  for (guint i = 0; event != NULL && i < self->items->len; i++)
    {
      DmTimelineItem *item = &g_array_index (self->items, DmTimelineItem, i);
      double y = item->lane * lane_h;

      if (item->event != event)
        continue;
      if (y < top || y + lane_h > top + page)
        gtk_adjustment_set_value (self->vadjustment, y - (page - lane_h) / 2);
      return;
    }
}

void
dm_timeline_set_selected_event (DmTimeline *self,
                                DmEvent    *event)
{
  g_return_if_fail (DM_IS_TIMELINE (self));

  if (!g_set_object (&self->selected, event))
    return;
  show_lane_of (self, event);
  dm_timeline_queue_items (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

/* Something the still picture shows (not the time) changed: draw it again */
void
dm_timeline_queue_still (DmTimeline *self)
{
  self->still_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Something the items show (their marks, the selection, their colours) changed */
void
dm_timeline_queue_items (DmTimeline *self)
{
  self->items_dirty = TRUE;
  dm_timeline_queue_still (self);
}

/**
 * dm_timeline_get_n_still_draws:
 * How many times the lanes, names, axis and events were drawn into a new render node: not
 * when only the playhead moved (tests).
 */
guint
dm_timeline_get_n_still_draws (DmTimeline *self)
{
  g_return_val_if_fail (DM_IS_TIMELINE (self), 0);
  return self->n_still_draws;
}
