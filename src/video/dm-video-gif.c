/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-video"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "dm-video-private.h"

/* An animated GIF, written here: Debian 12's GStreamer has no GIF encoder (gst-libav 1.22
 * leaves out avenc_gif, and gifenc is in gst-plugins-rs, which Debian 12 does not ship).
 * Maps are flat colours, so one palette for the whole clip, made from sample frames (the
 * 255 most common colours at 5 bits a channel, each the mean of what fell in it), maps every
 * pixel to its nearest entry without dithering: dithering would speckle the sea and land and
 * make the file bigger. Each frame stores only the box that changed since the previous one,
 * with unchanged pixels inside it transparent, so a frame where one line grows costs little. */

#define TRANSPARENT 255
#define N_COLORS 255
#define BIN(p) ((((p) >> 9) & 0x7c00) | (((p) >> 6) & 0x03e0) | (((p) >> 3) & 0x001f))

typedef struct
{
  DmVideoSink  sink;
  FILE        *file;
  char        *path;
  int          width;
  int          height;
  guint        fps;
  guint8       palette[N_COLORS][3];
  guint8      *lut;       /* 15-bit colour -> palette index */
  guint8      *previous;  /* the indices shown so far, NULL before the first frame */
  guint8      *current;
  guint16     *tree;      /* LZW: code * 256 + byte -> code */
  /* bit packing */
  guint32      bits;
  guint        n_bits;
  guint8       block[256];
  guint        block_len;
} GifSink;

static void
make_palette (GifSink          *self,
              cairo_surface_t **samples,
              guint             n_samples)
{
  g_autofree guint32 *count = g_new0 (guint32, 32768);
  g_autofree guint64 *sum = g_new0 (guint64, 32768 * 3);
  g_autofree guint *order = NULL;
  guint n = 0;

  for (guint s = 0; s < n_samples; s++)
    {
      const guint8 *data = cairo_image_surface_get_data (samples[s]);
      int stride = cairo_image_surface_get_stride (samples[s]);

      for (int y = 0; y < self->height; y++)
        for (int x = 0; x < self->width; x++)
          {
            guint32 p = *(const guint32 *) (const void *) (data + y * stride + x * 4);
            guint b = BIN (p);
            count[b]++;
            sum[b * 3] += (p >> 16) & 0xff, sum[b * 3 + 1] += (p >> 8) & 0xff;
            sum[b * 3 + 2] += p & 0xff;
          }
    }
  /* the most common bins */
  order = g_new (guint, 32768);
  for (guint b = 0; b < 32768; b++)
    if (count[b] > 0)
      order[n++] = b;
  for (guint i = 0; i < MIN (n, N_COLORS); i++)
    {
      guint best = i;
      for (guint j = i + 1; j < n; j++)
        if (count[order[j]] > count[order[best]])
          best = j;
      { guint t = order[i]; order[i] = order[best]; order[best] = t; }
    }
  memset (self->palette, 0, sizeof self->palette);
  for (guint i = 0; i < MIN (n, N_COLORS); i++)
    for (int c = 0; c < 3; c++)
      self->palette[i][c] = (guint8) (sum[order[i] * 3 + c] / count[order[i]]);
  n = MAX (1, MIN (n, N_COLORS));

  /* nearest entry for every 15-bit colour */
  self->lut = g_new (guint8, 32768);
  for (guint b = 0; b < 32768; b++)
    {
      int r = ((b >> 10) & 31) * 255 / 31, g = ((b >> 5) & 31) * 255 / 31, bl = (b & 31) * 255 / 31;
      guint best = 0, best_d = G_MAXUINT;
      for (guint i = 0; i < n; i++)
        {
          int dr = r - self->palette[i][0], dg = g - self->palette[i][1];
          int db = bl - self->palette[i][2];
          guint d = (guint) (2 * dr * dr + 4 * dg * dg + 3 * db * db);
          if (d < best_d)
            best_d = d, best = i;
        }
      self->lut[b] = (guint8) best;
    }
}

/* LZW, bits packed least significant first into sub-blocks of at most 255 bytes */

static void
flush_block (GifSink *self)
{
  if (self->block_len == 0)
    return;
  fputc ((int) self->block_len, self->file);
  fwrite (self->block, 1, self->block_len, self->file);
  self->block_len = 0;
}

static void
put_code (GifSink *self,
          guint    code,
          guint    size)
{
  self->bits |= (guint32) code << self->n_bits;
  self->n_bits += size;
  while (self->n_bits >= 8)
    {
      self->block[self->block_len++] = self->bits & 0xff;
      self->bits >>= 8;
      self->n_bits -= 8;
      if (self->block_len == 255)
        flush_block (self);
    }
}

static void
encode_indices (GifSink      *self,
                const guint8 *pixels,
                gsize         n)
{
  const guint min_size = 8, clear = 1 << min_size;
  guint size = min_size + 1, max_code = clear + 1, cur;

  fputc ((int) min_size, self->file);
  self->bits = 0, self->n_bits = 0, self->block_len = 0;
  memset (self->tree, 0, sizeof (guint16) * 4096 * 256);
  put_code (self, clear, size);
  cur = pixels[0];
  for (gsize i = 1; i < n; i++)
    {
      guint next = pixels[i];
      guint16 *child = &self->tree[cur * 256 + next];

      if (*child != 0)
        {
          cur = *child;
          continue;
        }
      put_code (self, cur, size);
      *child = (guint16) ++max_code;
      if (max_code >= (1u << size))
        size++;
      if (max_code == 4095)
        {
          put_code (self, clear, size);
          memset (self->tree, 0, sizeof (guint16) * 4096 * 256);
          size = min_size + 1;
          max_code = clear + 1;
        }
      cur = next;
    }
  put_code (self, cur, size);
  put_code (self, clear, size);
  put_code (self, clear + 1, min_size + 1);
  if (self->n_bits > 0)
    put_code (self, 0, 8 - self->n_bits);
  flush_block (self);
  fputc (0, self->file);
}

static void
put_u16 (FILE  *file,
         guint  v)
{
  fputc ((int) (v & 0xff), file);
  fputc ((int) ((v >> 8) & 0xff), file);
}

static gboolean
gif_push (DmVideoSink     *sink,
          cairo_surface_t *frame,
          guint            index,
          GError         **error)
{
  GifSink *self = (GifSink *) sink;
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  int x0 = self->width, y0 = self->height, x1 = -1, y1 = -1;
  guint delay = (guint) ((index + 1) * 100 / self->fps - index * 100 / self->fps);
  g_autofree guint8 *box = NULL;
  gsize n = 0;

  for (int y = 0; y < self->height; y++)
    for (int x = 0; x < self->width; x++)
      {
        guint32 p = *(const guint32 *) (const void *) (data + y * stride + x * 4);
        guint8 c = self->lut[BIN (p)];
        self->current[y * self->width + x] = c;
        if (self->previous == NULL || self->previous[y * self->width + x] != c)
          x0 = MIN (x0, x), x1 = MAX (x1, x), y0 = MIN (y0, y), y1 = MAX (y1, y);
      }
  if (x1 < 0) /* nothing changed: one transparent pixel holds the time */
    x0 = x1 = y0 = y1 = 0;

  box = g_new (guint8, (gsize) (x1 - x0 + 1) * (y1 - y0 + 1));
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        guint8 c = self->current[y * self->width + x];
        if (self->previous != NULL && self->previous[y * self->width + x] == c)
          c = TRANSPARENT;
        box[n++] = c;
      }

  /* graphic control extension: do not dispose, delay, transparent index */
  fputc (0x21, self->file), fputc (0xf9, self->file), fputc (4, self->file);
  fputc (self->previous != NULL ? (1 << 2) | 1 : (1 << 2), self->file);
  put_u16 (self->file, MAX (delay, 2));
  fputc (TRANSPARENT, self->file), fputc (0, self->file);
  /* image descriptor, no local palette */
  fputc (0x2c, self->file);
  put_u16 (self->file, (guint) x0), put_u16 (self->file, (guint) y0);
  put_u16 (self->file, (guint) (x1 - x0 + 1)), put_u16 (self->file, (guint) (y1 - y0 + 1));
  fputc (0, self->file);
  encode_indices (self, box, n);

  if (self->previous == NULL)
    self->previous = g_new (guint8, (gsize) self->width * self->height);
  memcpy (self->previous, self->current, (gsize) self->width * self->height);
  if (ferror (self->file))
    {
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   self->path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
gif_finish (DmVideoSink  *sink,
            GError      **error)
{
  GifSink *self = (GifSink *) sink;
  int failed;

  fputc (0x3b, self->file);
  failed = ferror (self->file) | fclose (self->file);
  self->file = NULL;
  if (failed)
    {
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   self->path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static void
gif_free (DmVideoSink *sink)
{
  GifSink *self = (GifSink *) sink;

  if (self->file != NULL)
    fclose (self->file);
  g_free (self->path);
  g_free (self->lut);
  g_free (self->previous);
  g_free (self->current);
  g_free (self->tree);
  g_free (self);
}

/**
 * dm_video_gif_sink_new:
 * A GIF of @width x @height at @fps, looping, written to @path.
 */
DmVideoSink *
dm_video_gif_sink_new (const char       *path,
                       int               width,
                       int               height,
                       guint             fps,
                       cairo_surface_t **samples,
                       guint             n_samples,
                       GError          **error)
{
  GifSink *self;
  FILE *file = g_fopen (path, "wb");

  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, DM_VIDEO_ERROR, DM_VIDEO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return NULL;
    }
  self = g_new0 (GifSink, 1);
  self->sink.push = gif_push;
  self->sink.finish = gif_finish;
  self->sink.free = gif_free;
  self->file = file;
  self->path = g_strdup (path);
  self->width = width;
  self->height = height;
  self->fps = fps;
  self->current = g_new (guint8, (gsize) width * height);
  self->tree = g_new (guint16, 4096 * 256);
  make_palette (self, samples, n_samples);

  /* header, screen descriptor with a global palette of 256 entries, black background */
  fwrite ("GIF89a", 1, 6, file);
  put_u16 (file, (guint) width), put_u16 (file, (guint) height);
  fputc (0xf7, file), fputc (0, file), fputc (0, file);
  for (guint i = 0; i < 256; i++)
    for (int c = 0; c < 3; c++)
      fputc (i < N_COLORS ? self->palette[i][c] : 0, file);
  /* loop for ever */
  fputc (0x21, file), fputc (0xff, file), fputc (11, file);
  fwrite ("NETSCAPE2.0", 1, 11, file);
  fputc (3, file), fputc (1, file), put_u16 (file, 0), fputc (0, file);
  return &self->sink;
}
