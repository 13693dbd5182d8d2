/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-time-label"

#include "config.h"

#include "dm-time-label.h"

/* The playhead's time over the map: one line of text, styled as a label (its CSS name is
 * "label"). A GtkLabel queues a resize whenever its text changes, and during playback the
 * time changes at every frame: each frame then laid the window out again and asked the X
 * server for the monitor's work area (GtkWindow's compute-size). This one keeps its width as
 * wide as the widest text it has shown, so a new time only redraws it; it asks for a new size
 * only for a wider text (a longer month's name) or another height. */

struct _DmTimeLabel
{
  GtkWidget    parent_instance;
  char        *text;
  PangoLayout *layout;
  int          text_width;   /* of the layout, in pixels */
  int          text_height;
  int          width;        /* asked for: the widest text measured */
  int          height;
  guint        n_resizes;
};

G_DEFINE_FINAL_TYPE (DmTimeLabel, dm_time_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ensure_layout (DmTimeLabel *self)
{
  if (self->layout != NULL)
    return;
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text ? self->text : "");
  pango_layout_get_pixel_size (self->layout, &self->text_width, &self->text_height);
}

static void
dm_time_label_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DmTimeLabel *self = DM_TIME_LABEL (widget);

  /* measured anew: the font may have changed */
  g_clear_object (&self->layout);
  ensure_layout (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      self->width = MAX (self->width, self->text_width);
      *minimum = *natural = self->width;
    }
  else
    {
      self->height = self->text_height;
      *minimum = *natural = self->height;
    }
}

static void
dm_time_label_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DmTimeLabel *self = DM_TIME_LABEL (widget);
  int height = gtk_widget_get_height (widget);

  ensure_layout (self);
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), 0,
                              (height - self->text_height) / 2, self->layout);
}

static void
dm_time_label_finalize (GObject *object)
{
  DmTimeLabel *self = DM_TIME_LABEL (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  G_OBJECT_CLASS (dm_time_label_parent_class)->finalize (object);
}

static void
dm_time_label_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DmTimeLabel *self = DM_TIME_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_time_label_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DmTimeLabel *self = DM_TIME_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT: dm_time_label_set_text (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_time_label_class_init (DmTimeLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dm_time_label_finalize;
  object_class->get_property = dm_time_label_get_property;
  object_class->set_property = dm_time_label_set_property;
  widget_class->measure = dm_time_label_measure;
  widget_class->snapshot = dm_time_label_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dm_time_label_init (DmTimeLabel *self)
{
}

GtkWidget *
dm_time_label_new (void)
{
  return g_object_new (DM_TYPE_TIME_LABEL, NULL);
}

const char *
dm_time_label_get_text (DmTimeLabel *self)
{
  g_return_val_if_fail (DM_IS_TIME_LABEL (self), NULL);
  return self->text;
}

/**
 * dm_time_label_set_text:
 * Shows @text: redrawn in place when it fits the width and height the label has, else laid
 * out anew (dm_time_label_get_n_resizes() counts those, for tests).
 */
void
dm_time_label_set_text (DmTimeLabel *self,
                        const char  *text)
{
  g_return_if_fail (DM_IS_TIME_LABEL (self));

  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->layout);
  ensure_layout (self);
  if (self->text_width > self->width || self->text_height != self->height)
    {
      self->n_resizes++;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text ? self->text : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

guint
dm_time_label_get_n_resizes (DmTimeLabel *self)
{
  g_return_val_if_fail (DM_IS_TIME_LABEL (self), 0);
  return self->n_resizes;
}
