/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-figure-preview"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dm-figure-preview.h"
#include "dm-worker-priority.h"

/* DmFigurePreview: a small picture of the figure an export dialog would write (DmFigureDialog,
 * DmVideoDialog's first frame). The dialog builds the DmFigure on the main thread, as for
 * its export; a GTask thread draws it scaled down (the same dm_figure_draw, so the layout
 * is the export's) and the picture comes back to the main loop. Changes to the dialog's
 * rows are gathered for PREVIEW_DELAY_MS before one redraw; one draw runs at a time, and a
 * change during a draw makes one more. */

#define PREVIEW_WIDTH    360
#define PREVIEW_HEIGHT   203
#define PREVIEW_DELAY_MS 150

struct _DmFigurePreview
{
  GtkWidget                 parent_instance;

  DmFigurePreviewBuildFunc  build;
  gpointer                  user_data;
  GdkTexture               *texture;
  GCancellable             *cancellable;
  guint                     timeout_id;
  gboolean                  drawing;
  gboolean                  dirty;     /* changed while drawing: draw again */
};

G_DEFINE_FINAL_TYPE (DmFigurePreview, dm_figure_preview, GTK_TYPE_WIDGET)

typedef struct
{
  DmFigure *figure;
  int       width;     /* the picture's pixels */
  int       height;
} DrawJob;

static void
draw_job_free (DrawJob *job)
{
  g_clear_object (&job->figure);
  g_free (job);
}

static void
draw_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DrawJob *job = task_data;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *texture;
  int fw, fh;

  dm_worker_priority_lower ();
  dm_figure_get_size (job->figure, &fw, &fh);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, job->height);
  cr = cairo_create (surface);
  cairo_scale (cr, (double) job->width / fw, (double) job->height / fh);
  dm_figure_draw (job->figure, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is GDK's default memory format on a little-endian machine */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * job->height);
  texture = gdk_memory_texture_new (job->width, job->height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);
  cairo_surface_destroy (surface);
  g_task_return_pointer (task, texture, g_object_unref);
}

static void start_draw (DmFigurePreview *self);

static void
drawn_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DmFigurePreview) self = user_data;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  self->drawing = FALSE;
  /* disposed meanwhile */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  g_set_object (&self->texture, texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->dirty)
    start_draw (self);
}

static void
start_draw (DmFigurePreview *self)
{
  g_autoptr(GTask) task = NULL;
  DrawJob *job = g_new0 (DrawJob, 1);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int fw, fh;
  double s;

  self->dirty = FALSE;
  self->drawing = TRUE;
  job->figure = self->build (self->user_data);
  dm_figure_get_size (job->figure, &fw, &fh);
  s = MIN ((double) PREVIEW_WIDTH / fw, (double) PREVIEW_HEIGHT / fh) * scale;
  job->width = MAX (1, (int) (fw * s + 0.5));
  job->height = MAX (1, (int) (fh * s + 0.5));
  task = g_task_new (NULL, NULL, drawn_cb, g_object_ref (self));
  g_task_set_name (task, "[diplomap] figure preview");
  g_task_set_source_tag (task, start_draw);
  g_task_set_task_data (task, job, (GDestroyNotify) draw_job_free);
  g_task_run_in_thread (task, draw_thread);
}

static gboolean
update_timeout_cb (gpointer user_data)
{
  DmFigurePreview *self = user_data;

  self->timeout_id = 0;
  if (g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;
  if (self->drawing)
    self->dirty = TRUE;
  else
    start_draw (self);
  return G_SOURCE_REMOVE;
}

/**
 * dm_figure_preview_queue_update:
 * Draws the figure again, soon: changes within PREVIEW_DELAY_MS make one drawing.
 */
void
dm_figure_preview_queue_update (DmFigurePreview *self)
{
  g_return_if_fail (DM_IS_FIGURE_PREVIEW (self));

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (PREVIEW_DELAY_MS, update_timeout_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[diplomap] figure preview update_timeout_cb");
}

static void
option_changed_cb (DmFigurePreview *self)
{
  dm_figure_preview_queue_update (self);
}

/**
 * dm_figure_preview_watch:
 * Redraws when any choice under @root changes: a combo row's selection, a spin button's
 * value, a switch, a text entry.
 */
void
dm_figure_preview_watch (DmFigurePreview *self,
                         GtkWidget       *root)
{
  g_return_if_fail (DM_IS_FIGURE_PREVIEW (self));

  if (ADW_IS_COMBO_ROW (root))
    g_signal_connect_object (root, "notify::selected", G_CALLBACK (option_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_SPIN_BUTTON (root))
    g_signal_connect_object (root, "value-changed", G_CALLBACK (option_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_SWITCH (root))
    g_signal_connect_object (root, "notify::active", G_CALLBACK (option_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (ADW_IS_ENTRY_ROW (root))
    g_signal_connect_object (root, "changed", G_CALLBACK (option_changed_cb), self,
                             G_CONNECT_SWAPPED);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    dm_figure_preview_watch (self, c);
}

/**
 * dm_figure_preview_attach:
 * @dialog_box: the dialog's content: a vertical box, its header bar first
 *
 * Puts the preview under the dialog's header bar, watches the choices below it and draws.
 */
void
dm_figure_preview_attach (DmFigurePreview *self,
                          GtkWidget       *dialog_box)
{
  g_return_if_fail (DM_IS_FIGURE_PREVIEW (self));
  g_return_if_fail (GTK_IS_BOX (dialog_box));

  gtk_box_insert_child_after (GTK_BOX (dialog_box), GTK_WIDGET (self),
                              gtk_widget_get_first_child (dialog_box));
  dm_figure_preview_watch (self, dialog_box);
  dm_figure_preview_queue_update (self);
}

/* A change waits or a drawing runs */
gboolean
dm_figure_preview_is_busy (DmFigurePreview *self)
{
  g_return_val_if_fail (DM_IS_FIGURE_PREVIEW (self), FALSE);

  return self->timeout_id != 0 || self->drawing;
}

/* The last picture drawn (NULL before the first) */
GdkTexture *
dm_figure_preview_get_texture (DmFigurePreview *self)
{
  g_return_val_if_fail (DM_IS_FIGURE_PREVIEW (self), NULL);

  return self->texture;
}

static void
dm_figure_preview_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? PREVIEW_WIDTH : PREVIEW_HEIGHT;
}

static void
dm_figure_preview_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  DmFigurePreview *self = DM_FIGURE_PREVIEW (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  double w, h;

  if (self->texture == NULL)
    return;
  w = (double) gdk_texture_get_width (self->texture) / scale;
  h = (double) gdk_texture_get_height (self->texture) / scale;
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((gtk_widget_get_width (widget) - w) / 2,
                                                    (gtk_widget_get_height (widget) - h) / 2,
                                                    w, h));
}

/* Taken out of its dialog (the dialog closed): the dialog's rows the figure is built from go
 * away now, while a drawing under way still holds the preview; nothing is built again */
static void
dm_figure_preview_unroot (GtkWidget *widget)
{
  DmFigurePreview *self = DM_FIGURE_PREVIEW (widget);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  GTK_WIDGET_CLASS (dm_figure_preview_parent_class)->unroot (widget);
}

static void
dm_figure_preview_dispose (GObject *object)
{
  DmFigurePreview *self = DM_FIGURE_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (dm_figure_preview_parent_class)->dispose (object);
}

static void
dm_figure_preview_finalize (GObject *object)
{
  DmFigurePreview *self = DM_FIGURE_PREVIEW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dm_figure_preview_parent_class)->finalize (object);
}

static void
dm_figure_preview_class_init (DmFigurePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_figure_preview_dispose;
  object_class->finalize = dm_figure_preview_finalize;
  widget_class->measure = dm_figure_preview_measure;
  widget_class->snapshot = dm_figure_preview_snapshot;
  widget_class->unroot = dm_figure_preview_unroot;
  gtk_widget_class_set_css_name (widget_class, "figure-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dm_figure_preview_init (DmFigurePreview *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

/**
 * dm_figure_preview_new:
 * @build: makes the figure to show, called on the main thread each time it is drawn
 */
DmFigurePreview *
dm_figure_preview_new (DmFigurePreviewBuildFunc build,
                       gpointer                 user_data)
{
  DmFigurePreview *self = g_object_new (DM_TYPE_FIGURE_PREVIEW, NULL);

  self->build = build;
  self->user_data = user_data;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview"), -1);
  return self;
}
