/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-figure-preview.h"
#include "dm-save-chooser.h"
#include "dm-time-format.h"
#include "dm-ui-resources.h"
#include "dm-video-dialog.h"

/* File > Export Animation: a clip of the playback. The dialog only gathers the choices
 * (format, time range, length, frame rate, holds, easing, camera, size, what is around the
 * map) and the file; the window runs dm_video_write_with() in the background
 * (dm-window-video.c). Each frame is the figure dm_video_dialog_build_figure() describes, the
 * one drawing path of stills and of `diplomap --export OUT.webm`. Its widgets are in
 * ui/dm-video-dialog.ui. docs/ANIMATION.md */

struct _DmVideoDialog
{
  AdwWindow        parent_instance;

  DmDocument      *document;
  gint64           visible[2];   /* the timeline's visible span */

  AdwComboRow     *format_row;
  AdwComboRow     *range_row;
  GtkSpinButton   *duration_spin;
  GtkSpinButton   *fps_spin;
  GtkSwitch       *hold_switch;
  GtkSwitch       *ease_switch;
  AdwComboRow     *camera_row;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  AdwEntryRow     *title_row;
  GtkSwitch       *legend_switch;
  GtkSwitch       *caption_switch;
  GtkSwitch       *timeline_switch;
  AdwComboRow     *projection_row;  /* automatic, then the DmProjection values */
  AdwComboRow     *language_row;
  GtkWidget       *export_button;
};

G_DEFINE_FINAL_TYPE (DmVideoDialog, dm_video_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The language row's items after "Same as the application", as in the Export dialog */
static const char *languages[] = { "en", "fr", "ru", "ko" };

/* What `diplomap --export` makes by default: 1920x1080 at 30 fps, a GIF 800x450 at 15 */
static void
set_format_defaults (DmVideoDialog *self,
                     DmVideoFormat  format)
{
  gboolean gif = format == DM_VIDEO_FORMAT_GIF;

  gtk_spin_button_set_value (self->width_spin, gif ? 800 : 1920);
  gtk_spin_button_set_value (self->height_spin, gif ? 450 : 1080);
  gtk_spin_button_set_value (self->fps_spin, gif ? 15 : 30);
}

static void
format_changed_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   DmVideoDialog *self)
{
  g_assert (DM_IS_VIDEO_DIALOG (self));

  set_format_defaults (self, adw_combo_row_get_selected (row));
}

void
dm_video_dialog_get_range (DmVideoDialog *self,
                           gint64        *start,
                           gint64        *end)
{
  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));

  *start = self->visible[0];
  *end = self->visible[1];
  if (adw_combo_row_get_selected (self->range_row) == DM_VIDEO_RANGE_ALL &&
      !dm_document_get_extent (self->document, start, end))
    *start = self->visible[0], *end = self->visible[1];
}

static char *
format_day (gint64 t)
{
  /* the playhead's words */
  char *text = dm_time_format_unix (t, NULL, C_("playhead time", "%e %b %Y, %H:%M UTC"));

  if (text == NULL)
    return g_strdup ("?");
  /* the playhead pads a day to two places ("%e": a figure space, U+2007, before 1 to 9) */
  if (g_str_has_prefix (text, "\u2007"))
    memmove (text, text + strlen ("\u2007"), strlen (text) - strlen ("\u2007") + 1);
  return g_strstrip (text);
}

static void
update_range_subtitle (DmVideoDialog *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;
  gint64 start, end;

  dm_video_dialog_get_range (self, &start, &end);
  from = format_day (start);
  to = format_day (end);
  /* Translators: the animation's time range: its first and last moments */
  text = g_strdup_printf (_("%s to %s"), from, to);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->range_row), text);
}

static void
range_changed_cb (AdwComboRow   *row,
                  GParamSpec    *pspec,
                  DmVideoDialog *self)
{
  g_assert (DM_IS_VIDEO_DIALOG (self));

  update_range_subtitle (self);
}

DmFigure *
dm_video_dialog_build_figure (DmVideoDialog *self)
{
  /* A snapshot, as the still's dialog makes: what loads meanwhile does not reach the workers */
  g_autoptr(DmDocument) snapshot = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  DmFigure *figure;
  gint64 start, end;

  g_return_val_if_fail (DM_IS_VIDEO_DIALOG (self), NULL);

  snapshot = dm_document_new_filtered (self->document, dm_document_get_events (self->document));
  figure = dm_figure_new (snapshot);
  dm_figure_set_size (figure, gtk_spin_button_get_value_as_int (self->width_spin),
                      gtk_spin_button_get_value_as_int (self->height_spin));
  dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_FIT);
  dm_video_dialog_get_range (self, &start, &end);
  dm_figure_set_clip_range (figure, start, end);
  dm_figure_set_time (figure, start);
  dm_figure_set_title (figure, title);
  dm_figure_set_show_legend (figure, gtk_switch_get_active (self->legend_switch));
  dm_figure_set_show_caption (figure, gtk_switch_get_active (self->caption_switch));
  dm_figure_set_show_timeline (figure, gtk_switch_get_active (self->timeline_switch));
  if (adw_combo_row_get_selected (self->projection_row) > 0 &&
      adw_combo_row_get_selected (self->projection_row) <= DM_PROJECTION_EQUAL_EARTH + 1)
    dm_figure_set_projection (figure, adw_combo_row_get_selected (self->projection_row) - 1);
  if (adw_combo_row_get_selected (self->language_row) >= 1 &&
      adw_combo_row_get_selected (self->language_row) <= G_N_ELEMENTS (languages))
    dm_figure_set_language (figure, languages[adw_combo_row_get_selected (self->language_row) - 1]);
  return figure;
}

char *
dm_video_dialog_dup_file_name (DmVideoDialog *self)
{
  static const char *ext[] = { "webm", "mp4", "gif" };
  const char *title;
  DmVideoFormat format;
  g_autofree char *name = NULL;

  g_return_val_if_fail (DM_IS_VIDEO_DIALOG (self), NULL);
  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  format = dm_video_dialog_get_format (self);
  if (title == NULL || title[0] == '\0')
    title = dm_document_get_title (self->document);
  /* Translators: the file name an exported animation gets when the events have no title */
  name = dm_save_chooser_dup_name (title, _("diplomap"),
                                   format < G_N_ELEMENTS (ext) ? ext[format] : "png");
  if (format == DM_VIDEO_FORMAT_PNG_SEQUENCE)
    *strrchr (name, '.') = '\0';
  return g_steal_pointer (&name);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  DmVideoDialog   *self)
{
  g_assert (DM_IS_VIDEO_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      /* The window runs the export with a progress toast; this dialog is done */
      g_signal_emit (self, signals[EXPORT_REQUESTED], 0, file);
      gtk_window_close (GTK_WINDOW (self));
    }
  g_object_unref (chooser);
}

static void
export_clicked_cb (GtkButton     *button,
                   DmVideoDialog *self)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  g_assert (DM_IS_VIDEO_DIALOG (self));

  name = dm_video_dialog_dup_file_name (self);
  /* a PNG sequence goes into a new folder of that name, chosen like a file */
  chooser = dm_save_chooser_new (GTK_WINDOW (self), _("Export Animation"), G_USER_DIRECTORY_VIDEOS,
                                 name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
dm_video_dialog_dispose (GObject *object)
{
  DmVideoDialog *self = DM_VIDEO_DIALOG (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (dm_video_dialog_parent_class)->dispose (object);
}

static void
dm_video_dialog_class_init (DmVideoDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_video_dialog_dispose;

  /**
   * DmVideoDialog::export-requested:
   * @file: where the user wants the clip (a folder for a PNG sequence)
   */
  signals[EXPORT_REQUESTED] =
    g_signal_new ("export-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  (void) dm_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-video-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, fps_spin);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, hold_switch);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, ease_switch);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, camera_row);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, caption_switch);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, timeline_switch);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, projection_row);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, DmVideoDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
}

static void
dm_video_dialog_init (DmVideoDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static DmFigure *
build_preview (gpointer user_data)
{
  return dm_video_dialog_build_figure (user_data);
}

DmVideoDialog *
dm_video_dialog_new (GtkWindow  *parent,
                     DmDocument *document,
                     gint64      visible_start,
                     gint64      visible_end)
{
  DmVideoDialog *self = g_object_new (DM_TYPE_VIDEO_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);

  self->document = g_object_ref (document);
  self->visible[0] = visible_start;
  self->visible[1] = MAX (visible_start, visible_end);
  if (dm_document_get_title (document) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), dm_document_get_title (document));
  update_range_subtitle (self);
  /* the clip's first frame, under the header bar */
  dm_figure_preview_attach (dm_figure_preview_new (build_preview, self),
                            adw_window_get_content (ADW_WINDOW (self)));
  return self;
}

void
dm_video_dialog_set_format (DmVideoDialog *self,
                            DmVideoFormat  format)
{
  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, format);
}

DmVideoFormat
dm_video_dialog_get_format (DmVideoDialog *self)
{
  g_return_val_if_fail (DM_IS_VIDEO_DIALOG (self), DM_VIDEO_FORMAT_WEBM);
  return adw_combo_row_get_selected (self->format_row);
}

void
dm_video_dialog_set_range (DmVideoDialog *self,
                           DmVideoRange   range)
{
  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));
  adw_combo_row_set_selected (self->range_row, range);
}

void
dm_video_dialog_set_size (DmVideoDialog *self,
                          int            width,
                          int            height)
{
  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
}

void
dm_video_dialog_set_timing (DmVideoDialog *self,
                            double         duration,
                            guint          fps)
{
  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));
  gtk_spin_button_set_value (self->duration_spin, duration);
  gtk_spin_button_set_value (self->fps_spin, fps);
}

double
dm_video_dialog_get_duration (DmVideoDialog *self)
{
  g_return_val_if_fail (DM_IS_VIDEO_DIALOG (self), 0);
  return gtk_spin_button_get_value (self->duration_spin);
}

guint
dm_video_dialog_get_fps (DmVideoDialog *self)
{
  g_return_val_if_fail (DM_IS_VIDEO_DIALOG (self), 0);
  return (guint) gtk_spin_button_get_value_as_int (self->fps_spin);
}

void
dm_video_dialog_set_motion (DmVideoDialog *self,
                            gboolean       hold,
                            gboolean       ease,
                            gboolean       follow)
{
  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));
  gtk_switch_set_active (self->hold_switch, hold);
  gtk_switch_set_active (self->ease_switch, ease);
  adw_combo_row_set_selected (self->camera_row, follow ? 1 : 0);
}

/**
 * dm_video_dialog_get_options:
 * The clip's length and frame rate, its holds (a second each), clock and camera.
 */
void
dm_video_dialog_get_options (DmVideoDialog  *self,
                             DmVideoOptions *options)
{
  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));
  dm_video_options_init (options, dm_video_dialog_get_duration (self),
                         dm_video_dialog_get_fps (self));
  options->hold = gtk_switch_get_active (self->hold_switch) ? 1.0 : 0.0;
  options->ease = gtk_switch_get_active (self->ease_switch);
  options->follow = adw_combo_row_get_selected (self->camera_row) == 1;
}

void
dm_video_dialog_set_timeline (DmVideoDialog *self,
                              gboolean       timeline)
{
  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));
  gtk_switch_set_active (self->timeline_switch, timeline);
}

/**
 * dm_video_dialog_set_from_figure:
 * @figure: a still as the Export dialog describes it (dm_figure_dialog_build_figure())
 * @projection: a #DmProjection, or -1: automatic (the figure's own getter resolves it)
 *
 * Carries what a still and a clip share, when the Export dialog's Format row hands over to
 * this one: the title, the language, the projection and what is around the map. The clip's
 * range, length and size stay this dialog's (a still's Full HD or A4 is no video size; the
 * window carries a custom one with dm_video_dialog_set_size()).
 */
void
dm_video_dialog_set_from_figure (DmVideoDialog *self,
                                 DmFigure      *figure,
                                 int            projection)
{
  const char *language;
  guint selected = 0;

  g_return_if_fail (DM_IS_VIDEO_DIALOG (self));
  g_return_if_fail (DM_IS_FIGURE (figure));
  g_return_if_fail (projection >= -1 && projection <= DM_PROJECTION_EQUAL_EARTH);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         dm_figure_get_title (figure) ? dm_figure_get_title (figure) : "");
  gtk_switch_set_active (self->legend_switch, dm_figure_get_show_legend (figure));
  gtk_switch_set_active (self->caption_switch, dm_figure_get_show_caption (figure));
  gtk_switch_set_active (self->timeline_switch, dm_figure_get_show_timeline (figure));
  adw_combo_row_set_selected (self->projection_row, projection + 1);
  language = dm_figure_get_language (figure);
  for (guint i = 0; language != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i], language))
      selected = i + 1;
  adw_combo_row_set_selected (self->language_row, selected);
}

/* Returns: a #DmProjection, or -1: automatic */
int
dm_video_dialog_get_projection (DmVideoDialog *self)
{
  g_return_val_if_fail (DM_IS_VIDEO_DIALOG (self), -1);
  return (int) adw_combo_row_get_selected (self->projection_row) - 1;
}

/* Returns: (nullable): "en", "fr", "ru", "ko"; NULL: the application's */
const char *
dm_video_dialog_get_language (DmVideoDialog *self)
{
  guint selected;

  g_return_val_if_fail (DM_IS_VIDEO_DIALOG (self), NULL);
  selected = adw_combo_row_get_selected (self->language_row);
  return selected >= 1 && selected <= G_N_ELEMENTS (languages) ? languages[selected - 1] : NULL;
}
