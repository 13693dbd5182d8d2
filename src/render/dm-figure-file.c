/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "dm-atomic-file.h"
#include "dm-error.h"
#include "dm-figure-private.h"
#include "dm-png.h"
#include "dm-svg-compact.h"
#include "dm-text.h"

/* Writing a figure: PNG through an image surface, SVG and PDF through Cairo's vector
 * surfaces (paths and text, no raster inside). Atomically, through #DmAtomicFile: into a
 * temporary file next to the target, synced, then renamed over it; on any failure the
 * temporary file is removed and the target is left as it was. */

typedef struct
{
  int fd;
  int error;  /* errno of the first failed write */
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0 && sink->error == 0)
    {
      ssize_t n = write (sink->fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          sink->error = n < 0 ? errno : EIO;
          break;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return sink->error ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/**
 * dm_figure_format_from_path:
 * The format a file name asks for, by its extension (.png, .svg, .pdf; any case).
 */
gboolean
dm_figure_format_from_path (const char     *path,
                            DmFigureFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = DM_FIGURE_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = DM_FIGURE_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = DM_FIGURE_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static cairo_status_t
memory_write_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Cairo's SVG, compacted (dm-svg-compact.c: classes, rounded coordinates, hollow lines
 * written once), with the recorded texts (dm_text_record()) as <text> elements on top */
static cairo_status_t
write_svg_with_texts (GByteArray *svg,
                      const char *texts,
                      Sink       *sink)
{
  const char *data = (const char *) svg->data;
  const char *end = g_strrstr_len (data, svg->len, "</svg>");
  g_autoptr(GString) layer = g_string_new ("<g id=\"diplomap-text\">\n");
  gsize head;
  cairo_status_t status;

  if (end == NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  head = end - data;
  g_string_append (layer, texts ? texts : "");
  g_string_append (layer, "</g>\n");
  status = dm_svg_compact_write (data, head, DM_SVG_COMPACT_DECIMALS, write_cb, sink);
  if (status == CAIRO_STATUS_SUCCESS)
    status = write_cb (sink, (const unsigned char *) layer->str, layer->len);
  if (status == CAIRO_STATUS_SUCCESS)
    status = write_cb (sink, svg->data + head, svg->len - head);
  return status;
}

static cairo_status_t
render (DmFigure       *self,
        DmFigureFormat  format,
        Sink           *sink)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  g_autoptr(GByteArray) svg = NULL;
  g_autofree char *texts = NULL;
  double scale = dm_figure_get_scale (self);
  int w, h;

  dm_figure_get_size (self, &w, &h);
  switch (format)
    {
    case DM_FIGURE_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * scale),
                                            (int) ceil (h * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
      break;
    case DM_FIGURE_FORMAT_SVG:
      /* Cairo 1.16 writes SVG text as glyph outlines: texts are recorded and added as
       * <text> elements once Cairo is done, so a figure's words stay words */
      svg = g_byte_array_new ();
      surface = cairo_svg_surface_create_for_stream (memory_write_cb, svg, w, h);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      dm_text_recorder_attach (surface);
      break;
    case DM_FIGURE_FORMAT_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (write_cb, sink, w, h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Diplomap");
      if (dm_figure_get_title (self) != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                        dm_figure_get_title (self));
      break;
    }

  cr = cairo_create (surface);
  dm_figure_draw (self, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == DM_FIGURE_FORMAT_PNG)
    status = dm_png_write (surface, write_cb, sink);
  if (svg != NULL)
    texts = dm_text_recorder_steal (surface);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS && svg != NULL)
    status = write_svg_with_texts (svg, texts, sink);
  return status;
}

/**
 * dm_figure_write_file:
 * Writes the figure to @file (a local file) as @format. Atomic: @file is either replaced by
 * the whole figure or left untouched.
 */
gboolean
dm_figure_write_file (DmFigure        *self,
                  GFile           *file,
                  DmFigureFormat   format,
                  GError         **error)
{
  g_autofree char *path = NULL, *shown = NULL;
  g_autoptr(GError) local_error = NULL;
  DmAtomicFile *out;
  cairo_status_t status;
  Sink sink = { -1, 0 };

  g_return_val_if_fail (DM_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  shown = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, DM_ERROR, DM_ERROR_UNSUPPORTED,
                   _("Cannot write “%s”: only local files can be written"), shown);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DM_ERROR, DM_ERROR_WRITE, _("Cannot write “%s”: it is a folder"), shown);
      return FALSE;
    }
  out = dm_atomic_file_open (file, &local_error);
  if (out == NULL)
    {
      g_set_error (error, DM_ERROR, DM_ERROR_WRITE, _("Cannot write “%s”: %s"), shown,
                   local_error->message);
      return FALSE;
    }
  sink.fd = dm_atomic_file_get_fd (out);
  status = render (self, format, &sink);
  if (status != CAIRO_STATUS_SUCCESS || sink.error != 0)
    {
      dm_atomic_file_abort (out);
      g_set_error (error, DM_ERROR, DM_ERROR_WRITE, _("Cannot write “%s”: %s"), shown,
                   sink.error ? g_strerror (sink.error) : cairo_status_to_string (status));
      return FALSE;
    }
  if (!dm_atomic_file_commit (out, &local_error))
    {
      g_set_error (error, DM_ERROR, DM_ERROR_WRITE, _("Cannot write “%s”: %s"), shown,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
