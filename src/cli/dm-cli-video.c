/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "dm-cli-private.h"
#include "dm-video.h"

/* diplomap --export OUT.webm|OUT.mp4|OUT.gif|OUTDIR/: a clip of the playback from --from to
 * --to (default: the documents' whole extent), --duration seconds long at --fps frames a
 * second, each frame the figure --export draws as a still; --hold, --ease and --follow set
 * the options' holds, clock and camera. docs/ANIMATION.md */

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  /* Translators: progress of an animation export on the terminal */
  g_printerr ("\r");
  g_printerr (_("diplomap: frame %u of %u"), done, total);
  if (done == total)
    g_printerr ("\n");
}

/**
 * dm_cli_video_write:
 * @from, @to: (nullable): the range, UTC seconds; else the documents' extent's ends
 * Returns: the exit status: 0 written, 1 not written (nothing left at @out)
 */
int
dm_cli_video_write (DmFigure      *figure,
                    const char    *out,
                    DmVideoFormat  format,
                    const gint64  *from,
                    const gint64  *to,
                    const DmVideoOptions *options)
{
  g_autoptr(GFile) file = dm_cli_file_for_arg (out);
  g_autoptr(GError) error = NULL;
  gint64 start = 0, end = 0;

  if (!dm_document_get_extent (dm_figure_get_document (figure), &start, &end))
    start = end = dm_figure_get_time (figure);
  if (from != NULL)
    start = *from;
  if (to != NULL)
    end = *to;
  if (end < start)
    {
      g_printerr ("diplomap: %s\n", _("--to is before --from: nothing to play"));
      return 2;
    }
  dm_figure_set_clip_range (figure, start, end);
  if (!dm_video_write_with (figure, file, format, options,
                            isatty (STDERR_FILENO) ? progress_cb : NULL, NULL, NULL, &error))
    {
      g_printerr ("\ndiplomap: %s\n", error->message);
      return 1;
    }
  return 0;
}
