/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-render"

#include "config.h"

#include <png.h>
#include <setjmp.h>
#include <zlib.h>

#include "dm-png.h"

/* A PNG of an opaque Cairo image (RGB24), written fast: cairo_surface_write_to_png() uses
 * zlib's default level and adaptive filters, which take three times as long as drawing a
 * 1920x1080 figure. Maps are large flat areas, runs of one 3-byte pixel that deflate finds
 * unfiltered: no filter and level 1 encode the sample's and the U.S. record's figures in
 * 0.65-0.75x the time of the "sub" filter at level 3, into 17-19 % fewer bytes
 * (docs/PERFORMANCE.md, "Figures", fifth round). */

typedef struct
{
  cairo_write_func_t write;
  void              *closure;
  cairo_status_t     status;
} Out;

static void
write_cb (png_structp  png,
          png_bytep    data,
          png_size_t   length)
{
  Out *out = png_get_io_ptr (png);

  if (out->status == CAIRO_STATUS_SUCCESS)
    out->status = out->write (out->closure, data, (unsigned int) length);
  if (out->status != CAIRO_STATUS_SUCCESS)
    png_error (png, "write error");
}

static void
flush_cb (png_structp png)
{
}

/* Cairo's RGB24 is a native-endian 0xXXRRGGBB word per pixel */
static void
row_to_rgb (const guint32 *src,
            guint8        *dst,
            int            width)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = src[x];
      dst[3 * x] = (p >> 16) & 0xff;
      dst[3 * x + 1] = (p >> 8) & 0xff;
      dst[3 * x + 2] = p & 0xff;
    }
}

/**
 * dm_png_write:
 * Writes @image (an RGB24 or opaque ARGB32 image surface) as an 8-bit RGB PNG, through @write.
 */
cairo_status_t
dm_png_write (cairo_surface_t    *image,
              cairo_write_func_t  write,
              void               *closure)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  Out out = { write, closure, CAIRO_STATUS_SUCCESS };
  png_structp png;
  png_infop info;
  guint8 *volatile row = NULL;
  const guint8 *data;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  if (data == NULL || width <= 0 || height <= 0)
    return CAIRO_STATUS_INVALID_SIZE;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  if (png == NULL)
    return CAIRO_STATUS_NO_MEMORY;
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      return CAIRO_STATUS_NO_MEMORY;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      g_free (row);
      png_destroy_write_struct (&png, &info);
      return out.status != CAIRO_STATUS_SUCCESS ? out.status : CAIRO_STATUS_WRITE_ERROR;
    }

  png_set_write_fn (png, &out, write_cb, flush_cb);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level (png, 1);
  png_set_compression_strategy (png, Z_DEFAULT_STRATEGY);
  png_write_info (png, info);
  row = g_malloc ((gsize) width * 3);
  for (int y = 0; y < height; y++)
    {
      row_to_rgb ((const guint32 *) (const void *) (data + (gsize) y * stride), row, width);
      png_write_row (png, row);
    }
  png_write_end (png, info);
  g_free (row);
  png_destroy_write_struct (&png, &info);
  return out.status;
}
