/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-figure-dialog.h"
#include "dm-figure-preview.h"
#include "dm-save-chooser.h"
#include "dm-time-format.h"
#include "dm-ui-resources.h"
#include "dm-worker-priority.h"

/* Export from the window: format, area, size and scale, what frames the map. The figure is
 * DmFigure from src/render, the engine `diplomap --export` uses, drawn in a worker thread
 * from a snapshot of the document; the time is the playhead's, shown in the first row. Its
 * widgets are in ui/dm-figure-dialog.ui. */

struct _DmFigureDialog
{
  AdwWindow        parent_instance;

  DmDocument      *document;
  double           time;
  double           bounds[4];
  gint64           trail;     /* the window's time window (0: all legs) */
  gboolean         flows;     /* and its flows: the figure draws what the map draws */

  AdwActionRow    *time_row;
  AdwComboRow     *format_row;
  AdwComboRow     *area_row;
  AdwComboRow     *language_row;
  AdwComboRow     *projection_row;  /* automatic, then the DmProjection values */
  AdwComboRow     *size_row;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  GtkSpinButton   *scale_spin;
  GtkWidget       *width_row;       /* shown for the custom size only */
  GtkWidget       *height_row;
  AdwEntryRow     *title_row;
  GtkSwitch       *legend_switch;
  GtkSwitch       *caption_switch;
  GtkSwitch       *sources_switch;
  GtkSwitch       *footnotes_switch;
  GtkSwitch       *graticule_switch;
  GtkSwitch       *timeline_switch;
  GtkWidget       *highlight_row;   /* shown while a summit or meeting is selected */
  GtkSwitch       *highlight_switch;
  char            *highlight;       /* its id */
  GtkSpinButton   *panels_spin;     /* small multiples: 0 or 1, one map */
  GtkWidget       *export_button;
};

G_DEFINE_FINAL_TYPE (DmFigureDialog, dm_figure_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORT_REQUESTED,
  ANIMATION_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *format_ext[] = { "png", "svg", "pdf" };

/* The Format row's items after the stills (ui/dm-figure-dialog.ui): the animation formats,
 * in the order of DmVideoFormat; Export… goes on to the Export Animation dialog */
#define FIRST_ANIMATION_FORMAT G_N_ELEMENTS (format_ext)

/* The language row's items after "Same as the application" (ui/dm-figure-dialog.ui) */
static const char *languages[] = { "en", "fr", "ru", "ko" };

static void
update_custom_rows (DmFigureDialog *self)
{
  gboolean custom = adw_combo_row_get_selected (self->size_row) == DM_FIGURE_SIZE_CUSTOM;

  gtk_widget_set_visible (self->width_row, custom);
  gtk_widget_set_visible (self->height_row, custom);
}

static void
size_changed_cb (AdwComboRow    *row,
                 GParamSpec     *pspec,
                 DmFigureDialog *self)
{
  g_assert (DM_IS_FIGURE_DIALOG (self));

  update_custom_rows (self);
}

/**
 * dm_figure_dialog_get_language:
 *
 * Returns: (nullable): the language chosen for the figure, "en", "fr"...; %NULL: the
 *   application's
 */
const char *
dm_figure_dialog_get_language (DmFigureDialog *self)
{
  guint selected;

  g_return_val_if_fail (DM_IS_FIGURE_DIALOG (self), NULL);
  selected = adw_combo_row_get_selected (self->language_row);
  return selected >= 1 && selected <= G_N_ELEMENTS (languages) ? languages[selected - 1] : NULL;
}

/**
 * dm_figure_dialog_set_language:
 * @language: (nullable): one of the row's languages; %NULL or another: the application's
 */
void
dm_figure_dialog_set_language (DmFigureDialog *self,
                               const char     *language)
{
  guint selected = 0;

  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  for (guint i = 0; language != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i], language))
      selected = i + 1;
  adw_combo_row_set_selected (self->language_row, selected);
}

/* The window's trail (seconds of legs before the time, 0: all) and flows: the figure draws
 * what the map draws */
void
dm_figure_dialog_set_trail (DmFigureDialog *self,
                            gint64          trail,
                            gboolean        flows)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));

  self->trail = MAX (trail, 0);
  self->flows = !!flows;
}

DmFigure *
dm_figure_dialog_build_figure (DmFigureDialog *self)
{
  /* A snapshot: a file that finishes loading meanwhile does not change what the worker reads.
   * A view, so that actors keep the colours the window gives them, whatever it shows. */
  g_autoptr(DmDocument) snapshot = NULL;
  DmFigure *figure;
  int width = 1920, height = 1080;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  g_return_val_if_fail (DM_IS_FIGURE_DIALOG (self), NULL);

  snapshot = dm_document_new_filtered (self->document, dm_document_get_events (self->document));
  figure = dm_figure_new (snapshot);
  switch (adw_combo_row_get_selected (self->size_row))
    {
    case DM_FIGURE_SIZE_A4:
      /* A4 landscape at 300 dpi */
      width = 3508, height = 2480;
      break;
    case DM_FIGURE_SIZE_CUSTOM:
      width = gtk_spin_button_get_value_as_int (self->width_spin);
      height = gtk_spin_button_get_value_as_int (self->height_spin);
      break;
    default:
      break;
    }
  dm_figure_set_size (figure, width, height);
  dm_figure_set_scale (figure, gtk_spin_button_get_value (self->scale_spin));
  switch (adw_combo_row_get_selected (self->area_row))
    {
    case DM_FIGURE_AREA_VIEW:
      dm_figure_set_bounds (figure, self->bounds[0], self->bounds[1], self->bounds[2], self->bounds[3]);
      break;
    case DM_FIGURE_AREA_WORLD:
      dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
      break;
    default:
      dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_FIT);
      break;
    }
  if (adw_combo_row_get_selected (self->projection_row) > 0 &&
      adw_combo_row_get_selected (self->projection_row) <= DM_PROJECTION_EQUAL_EARTH + 1)
    dm_figure_set_projection (figure, adw_combo_row_get_selected (self->projection_row) - 1);
  dm_figure_set_time (figure, (gint64) self->time);
  dm_figure_set_window (figure, self->trail);
  dm_figure_set_flows (figure, self->flows);
  dm_figure_set_title (figure, title);
  dm_figure_set_language (figure, dm_figure_dialog_get_language (self));
  dm_figure_set_show_legend (figure, gtk_switch_get_active (self->legend_switch));
  dm_figure_set_show_caption (figure, gtk_switch_get_active (self->caption_switch));
  dm_figure_set_show_sources (figure, gtk_switch_get_active (self->sources_switch));
  dm_figure_set_source_footnotes (figure, gtk_switch_get_active (self->footnotes_switch));
  dm_figure_set_show_graticule (figure, gtk_switch_get_active (self->graticule_switch));
  dm_figure_set_show_timeline (figure, gtk_switch_get_active (self->timeline_switch));
  if (self->highlight != NULL && gtk_switch_get_active (self->highlight_switch))
    dm_figure_set_highlight (figure, self->highlight);
  if (gtk_spin_button_get_value_as_int (self->panels_spin) >= 2)
    dm_figure_set_small_multiples (figure, gtk_spin_button_get_value_as_int (self->panels_spin));
  return figure;
}

typedef struct
{
  DmFigure       *figure;
  GFile          *file;
  DmFigureFormat  format;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->figure);
  g_object_unref (job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  dm_worker_priority_lower ();
  if (dm_figure_write_file (job->figure, job->file, job->format, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
dm_figure_dialog_export_async (DmFigureDialog      *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  /* No source object: the thread may drop the task last, and the dialog (a window) must not
   * be finalized there (GDK's X11 calls are not thread-safe); the callback gets NULL */
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->figure = dm_figure_dialog_build_figure (self);
  job->file = g_object_ref (file);
  job->format = adw_combo_row_get_selected (self->format_row);
  g_task_set_source_tag (task, dm_figure_dialog_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
dm_figure_dialog_export_finish (DmFigureDialog  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  DmFigureDialog  *self)
{
  g_assert (DM_IS_FIGURE_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      /* The window runs the export and reports with a toast; this dialog is done */
      g_signal_emit (self, signals[EXPORT_REQUESTED], 0, file);
      gtk_window_close (GTK_WINDOW (self));
    }
  g_object_unref (chooser);
}

/**
 * dm_figure_dialog_dup_file_name:
 * The name the save dialog proposes: the figure's title (else the document's, else
 * "diplomap") as dm_save_chooser_dup_name() makes it, with the format's extension:
 * "Late-October-2025-Choe-Son-Hui-to-Moscow.png".
 */
char *
dm_figure_dialog_dup_file_name (DmFigureDialog *self)
{
  const char *title;
  guint format;

  g_return_val_if_fail (DM_IS_FIGURE_DIALOG (self), NULL);
  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  format = MIN (adw_combo_row_get_selected (self->format_row), 2);
  if (title == NULL || title[0] == '\0')
    title = dm_document_get_title (self->document);
  /* Translators: the file name an exported figure gets when the events have no title */
  return dm_save_chooser_dup_name (title, _("diplomap"), format_ext[format]);
}

static void
export_clicked_cb (GtkButton      *button,
                   DmFigureDialog *self)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  g_assert (DM_IS_FIGURE_DIALOG (self));

  if (adw_combo_row_get_selected (self->format_row) >= FIRST_ANIMATION_FORMAT)
    {
      /* The window opens Export Animation with this dialog's choices; this one is done */
      g_signal_emit (self, signals[ANIMATION_REQUESTED], 0,
                     adw_combo_row_get_selected (self->format_row) - FIRST_ANIMATION_FORMAT);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  name = dm_figure_dialog_dup_file_name (self);
  chooser = dm_save_chooser_new (GTK_WINDOW (self), _("Export Figure"), G_USER_DIRECTORY_PICTURES,
                                 name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
dm_figure_dialog_dispose (GObject *object)
{
  DmFigureDialog *self = DM_FIGURE_DIALOG (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->highlight, g_free);
  G_OBJECT_CLASS (dm_figure_dialog_parent_class)->dispose (object);
}

static void
dm_figure_dialog_class_init (DmFigureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_figure_dialog_dispose;

  /**
   * DmFigureDialog::export-requested:
   * @file: where the user wants the figure
   */
  signals[EXPORT_REQUESTED] =
    g_signal_new ("export-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  /**
   * DmFigureDialog::animation-requested:
   * @format: a #DmVideoFormat, chosen in the Format row: the user goes on to Export
   *   Animation with the dialog's choices (dm_figure_dialog_build_figure())
   */
  signals[ANIMATION_REQUESTED] =
    g_signal_new ("animation-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* Referencing the resource links it from the static library; its constructor registers it */
  (void) dm_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-figure-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, area_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, projection_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, caption_switch);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, sources_switch);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, footnotes_switch);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, highlight_row);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, highlight_switch);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, graticule_switch);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, timeline_switch);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, panels_spin);
  gtk_widget_class_bind_template_child (widget_class, DmFigureDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_changed_cb);
}

static void
dm_figure_dialog_init (DmFigureDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_custom_rows (self);
}

static DmFigure *
build_preview (gpointer user_data)
{
  return dm_figure_dialog_build_figure (user_data);
}

DmFigureDialog *
dm_figure_dialog_new (GtkWindow    *parent,
                      DmDocument   *document,
                      double        time,
                      const double  view_bounds[4])
{
  DmFigureDialog *self = g_object_new (DM_TYPE_FIGURE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *when = NULL;

  self->document = g_object_ref (document);
  self->time = time;
  memcpy (self->bounds, view_bounds, sizeof self->bounds);
  if (dm_document_get_title (document) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), dm_document_get_title (document));
  /* the same words as the figure's own time caption */
  when = dm_time_format_unix ((gint64) time, NULL, C_("caption date", "%A %-d %B %Y, %H:%M UTC"));
  adw_action_row_set_subtitle (self->time_row, when ? when : "?");
  /* the figure, small, under the header bar */
  dm_figure_preview_attach (dm_figure_preview_new (build_preview, self),
                            adw_window_get_content (ADW_WINDOW (self)));
  return self;
}

void
dm_figure_dialog_set_decorations (DmFigureDialog *self,
                                  gboolean        legend,
                                  gboolean        caption,
                                  gboolean        sources)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  gtk_switch_set_active (self->legend_switch, legend);
  gtk_switch_set_active (self->caption_switch, caption);
  gtk_switch_set_active (self->sources_switch, sources);
}

/**
 * dm_figure_dialog_set_source_footnotes:
 * Whether the figure's sources are numbered footnotes (the switch under "Sources of the
 * events"), rather than one line of their names.
 */
void
dm_figure_dialog_set_source_footnotes (DmFigureDialog *self,
                                       gboolean        footnotes)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  gtk_switch_set_active (self->footnotes_switch, footnotes);
}

/**
 * dm_figure_dialog_set_highlight:
 * @event: (nullable): the window's selected event
 *
 * When @event is a summit or a meeting, shows the switch "Highlight Selected Summit", on: the
 * figure then draws it as the window draws its selection (dm_figure_set_highlight()).
 */
void
dm_figure_dialog_set_highlight (DmFigureDialog *self,
                                DmEvent        *event)
{
  gboolean gathering;

  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  gathering = event != NULL && (dm_event_get_kind (event) == DM_EVENT_KIND_SUMMIT ||
                                dm_event_get_kind (event) == DM_EVENT_KIND_MEETING);
  g_clear_pointer (&self->highlight, g_free);
  if (gathering)
    {
      g_autofree char *title = dm_event_dup_display_title (event);

      self->highlight = g_strdup (dm_event_get_id (event));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->highlight_row), title);
    }
  gtk_widget_set_visible (self->highlight_row, gathering);
  gtk_switch_set_active (self->highlight_switch, gathering);
}

void
dm_figure_dialog_set_graticule (DmFigureDialog *self,
                                gboolean        graticule)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  gtk_switch_set_active (self->graticule_switch, graticule);
}

void
dm_figure_dialog_set_format (DmFigureDialog *self,
                             DmFigureFormat  format)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, format);
}

void
dm_figure_dialog_set_animation_format (DmFigureDialog *self,
                                       DmVideoFormat   format)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  g_return_if_fail (format < DM_VIDEO_FORMAT_PNG_SEQUENCE);
  adw_combo_row_set_selected (self->format_row, FIRST_ANIMATION_FORMAT + format);
}

void
dm_figure_dialog_set_area (DmFigureDialog *self,
                           DmFigureArea    area)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  adw_combo_row_set_selected (self->area_row, area);
}

void
dm_figure_dialog_set_size (DmFigureDialog *self,
                           DmFigureSize    size,
                           int             width,
                           int             height)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  adw_combo_row_set_selected (self->size_row, size);
  if (size == DM_FIGURE_SIZE_CUSTOM)
    {
      gtk_spin_button_set_value (self->width_spin, width);
      gtk_spin_button_set_value (self->height_spin, height);
    }
}

void
dm_figure_dialog_set_timeline (DmFigureDialog *self,
                               gboolean        timeline)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  gtk_switch_set_active (self->timeline_switch, timeline);
}

/* @n: panels of small multiples over the events' dates, or 0: one map */
void
dm_figure_dialog_set_small_multiples (DmFigureDialog *self,
                                      guint           n)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  gtk_spin_button_set_value (self->panels_spin, n);
}

/* The size row's choice (the width and height a custom size gives are the figure's) */
DmFigureSize
dm_figure_dialog_get_size (DmFigureDialog *self)
{
  g_return_val_if_fail (DM_IS_FIGURE_DIALOG (self), DM_FIGURE_SIZE_HD);
  return adw_combo_row_get_selected (self->size_row);
}

/* Returns: a #DmProjection, or -1: automatic */
int
dm_figure_dialog_get_projection (DmFigureDialog *self)
{
  g_return_val_if_fail (DM_IS_FIGURE_DIALOG (self), -1);
  return (int) adw_combo_row_get_selected (self->projection_row) - 1;
}

/* @projection: a #DmProjection, or -1 for automatic (the figure chooses, as --export does
 * without --projection) */
void
dm_figure_dialog_set_projection (DmFigureDialog *self,
                                 int             projection)
{
  g_return_if_fail (DM_IS_FIGURE_DIALOG (self));
  g_return_if_fail (projection >= -1 && projection <= DM_PROJECTION_EQUAL_EARTH);
  adw_combo_row_set_selected (self->projection_row, projection + 1);
}
