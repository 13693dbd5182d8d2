/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dm-cli-figure.h"
#include "dm-cli-private.h"
#include "dm-document.h"
#include "dm-error.h"
#include "dm-loader.h"
#include "dm-figure.h"
#include "dm-video.h"

/* diplomap --export: a figure of the files at a moment, written as PNG, SVG or PDF, or a
 * clip of them over a range of time (WebM, MP4, GIF, a folder of PNG: dm-cli-video.c). Uses
 * the layers without GTK only, so it runs with no display at all.
 * Exit status: 0 written, 1 the figure could not be written, 2 bad arguments or a file that
 * could not be loaded (nothing is written then). */

typedef struct
{
  char      *out;
  char      *at;
  char      *from;
  char      *to;
  char      *duration;
  char      *fps;
  char      *size;
  char      *scale;
  char      *view;
  char      *projection;
  char      *title;
  char      *language;
  char      *window;
  char      *sources;
  char      *highlight;
  gboolean   no_legend;
  gboolean   no_caption;
  gboolean   graticule;
  gboolean   flows;
  gboolean   ease;
  gboolean   hold;
  gboolean   follow;
  gboolean   timeline;
  gboolean   timeline_only;
  char      *small_multiples;
  char     **files;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->out);
  g_free (o->sources);
  g_free (o->highlight);
  g_free (o->language);
  g_free (o->at);
  g_free (o->from);
  g_free (o->to);
  g_free (o->duration);
  g_free (o->fps);
  g_free (o->small_multiples);
  g_free (o->size);
  g_free (o->scale);
  g_free (o->view);
  g_free (o->window);
  g_free (o->projection);
  g_free (o->title);
  g_strfreev (o->files);
}

gboolean
dm_cli_figure_wanted (int    argc,
                      char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--export") || g_str_has_prefix (argv[i], "--export="))
        return TRUE;
    }
  return FALSE;
}

/* "fr", "ko", "pt_BR": a language code, nothing a shell or gettext would read otherwise */
static gboolean
is_language_code (const char *code)
{
  return g_regex_match_simple ("^[a-z]{2,3}(_[A-Z]{2})?$", code, 0, 0);
}

/* The figure's texts (caption, legend, notes) and map labels in @code: the same as starting
 * with LANGUAGE=@code */
static void
use_language (const char *code)
{
  g_setenv ("LANGUAGE", code, TRUE);
  /* gettext caches its translations: setting the domain again drops them */
  textdomain (GETTEXT_PACKAGE);
}

/**
 * dm_cli_use_language:
 *
 * For `--export … --language CODE`: the figure's language, set before anything is
 * translated (GLib decides once, on the first translated message, whether to translate).
 * A code that is not one is left for the option parser to refuse.
 */
void
dm_cli_use_language (int    argc,
                     char **argv)
{
  const char *code = NULL;

  if (!dm_cli_figure_wanted (argc, argv))
    return;
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    {
      if (g_str_equal (argv[i], "--language") && i + 1 < argc)
        code = argv[i + 1];
      else if (g_str_has_prefix (argv[i], "--language="))
        code = argv[i] + strlen ("--language=");
    }
  if (code != NULL && is_language_code (code))
    use_language (code);
}

static int
fail (const char *message)
{
  g_printerr ("diplomap: %s\n", message);
  return 2;
}

/* --size: "WIDTHxHEIGHT", each from 16 to 16384 */
gboolean
dm_cli_parse_size (const char *text,
                   int        *w,
                   int        *h)
{
  char *end = NULL;
  guint64 a, b;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  a = g_ascii_strtoull (text, &end, 10);
  if (end == NULL || (*end != 'x' && *end != 'X') || !g_ascii_isdigit (end[1]))
    return FALSE;
  b = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || a < 16 || b < 16 || a > 16384 || b > 16384)
    return FALSE;
  *w = (int) a, *h = (int) b;
  return TRUE;
}

/* --view: "fit", "world" or "LON_MIN,LAT_MIN,LON_MAX,LAT_MAX", into @figure */
gboolean
dm_cli_parse_view (const char *text,
                   DmFigure   *figure)
{
  g_auto(GStrv) parts = NULL;
  double v[4];

  if (g_str_equal (text, "fit"))
    dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_FIT);
  else if (g_str_equal (text, "world"))
    dm_figure_set_view_mode (figure, DM_FIGURE_VIEW_WORLD);
  else
    {
      parts = g_strsplit (text, ",", -1);
      if (g_strv_length (parts) != 4)
        return FALSE;
      for (int i = 0; i < 4; i++)
        {
          char *end = NULL;
          v[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
          if (end == parts[i] || *end != '\0' || !isfinite (v[i]))
            return FALSE;
        }
      if (v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 360 || v[0] == v[2] ||
          v[1] < -90 || v[3] > 90 || v[1] >= v[3])
        return FALSE;
      dm_figure_set_bounds (figure, v[0], v[1], v[2], v[3]);
    }
  return TRUE;
}

/* --at, --from, --to: a date or time, UTC unless it says otherwise */
static gboolean
parse_time (const char  *option,
            const char  *text,
            gint64      *t,
            int         *status)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  DmTime time;

  if (dm_time_parse (text, utc, &time, &error))
    {
      *t = time.earliest;
      return TRUE;
    }
  {
    /* Translators: the first %s is an option (--at, --from, --to) */
    g_autofree char *m = g_strdup_printf (_("%s “%s” is not a date or time (e.g. 2025-10-29T12:00:00Z): %s"),
                                          option, text, error->message);
    *status = fail (m);
  }
  return FALSE;
}

static gboolean
load_files (DmDocument  *doc,
            char       **files)
{
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = dm_cli_file_for_arg (files[i]);
      g_autoptr(DmDocument) one = dm_document_new ();
      g_autoptr(GError) error = NULL;
      GListModel *problems;

      if (!dm_loader_load_file (one, file, NULL, &error))
        {
          g_autofree char *text = dm_error_to_string (error);
          g_printerr ("diplomap: %s\n", text);
          return FALSE;
        }
      problems = dm_document_get_problems (one);
      for (guint j = 0; j < g_list_model_get_n_items (problems); j++)
        {
          g_autoptr(DmProblem) p = g_list_model_get_item (problems, j);
          g_autofree char *text = dm_problem_to_string (p);
          /* Translators: a problem in an input file that --export skipped */
          g_printerr (_("diplomap: warning: %s\n"), text);
        }
      if (dm_document_get_title (doc) == NULL && dm_document_get_title (one) != NULL)
        dm_document_set_title (doc, dm_document_get_title (one));
      dm_document_merge (doc, one);
    }
  return TRUE;
}

/* "30d", "1w", "6m" (30 days each), "1y" (365 days), "12h" or "all" (0) in seconds */
gboolean
dm_cli_parse_window (const char *text,
                     gint64     *seconds)
{
  char *end = NULL;
  gint64 n;

  if (g_ascii_strcasecmp (text, "all") == 0)
    {
      *seconds = 0;
      return TRUE;
    }
  n = g_ascii_strtoll (text, &end, 10);
  if (end == text || n <= 0 || n > 1000 || end[0] == '\0' || end[1] != '\0')
    return FALSE;
  switch (g_ascii_tolower (end[0]))
    {
    case 'h': *seconds = n * 3600; return TRUE;
    case 'd': *seconds = n * 86400; return TRUE;
    case 'w': *seconds = n * 7 * 86400; return TRUE;
    case 'm': *seconds = n * 30 * 86400; return TRUE;
    case 'y': *seconds = n * 365 * 86400; return TRUE;
    default: return FALSE;
    }
}

static int
run (Options *o)
{
  g_autoptr(DmDocument) doc = dm_document_new ();
  g_autoptr(DmFigure) figure = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;
  DmFigureFormat format;
  DmVideoFormat video_format = DM_VIDEO_FORMAT_WEBM;
  gboolean video = FALSE;
  gint64 from = 0, to = 0;
  DmVideoOptions clip;
  double duration = 10.0;
  guint fps = 30;
  int w = 1920, h = 1080, status = 2;

  if (o->language != NULL)
    {
      if (!is_language_code (o->language))
        {
          g_autofree char *m = g_strdup_printf (_("--language “%s” is not a language code (e.g. en, fr, ko)"), o->language);
          return fail (m);
        }
    }
  if (o->out == NULL || o->out[0] == '\0')
    return fail (_("--export needs a file name: diplomap --export OUT.png|OUT.svg|OUT.pdf|OUT.webm|OUT.mp4|OUT.gif|FOLDER/ FILE…"));
  if (!dm_figure_format_from_path (o->out, &format))
    {
      if (!dm_video_format_from_path (o->out, &video_format))
        {
          g_autofree char *m = g_strdup_printf (_("Cannot tell the format of “%s”: the name must end in .png, .svg, .pdf, .webm, .mp4 or .gif, or be a folder ending in /"), o->out);
          return fail (m);
        }
      video = TRUE;
      if (video_format == DM_VIDEO_FORMAT_GIF)
        w = 800, h = 450, fps = 15;
    }
  if (!video && ((!o->small_multiples && !o->timeline_only && (o->from || o->to)) || o->duration || o->fps))
    return fail (_("--from, --to, --duration and --fps are for animations: export to .webm, .mp4, .gif or a folder"));
  if (!video && (o->ease || o->hold || o->follow))
    return fail (_("--ease, --hold and --follow are for animations: export to .webm, .mp4, .gif or a folder"));
  if (o->small_multiples != NULL && (video || o->at != NULL))
    return fail (_("--small-multiples is for still figures over a range: export to .png, .svg or .pdf, without --at"));
  if (o->timeline_only && (video || o->small_multiples != NULL))
    return fail (_("--timeline-only is a still figure: export to .png, .svg or .pdf, without --small-multiples"));
  if (video && o->at != NULL)
    return fail (_("--at is for still figures: an animation runs --from a time --to another"));
  if (o->from != NULL && !parse_time ("--from", o->from, &from, &status))
    return status;
  if (o->to != NULL && !parse_time ("--to", o->to, &to, &status))
    return status;
  if (o->duration != NULL)
    {
      char *end = NULL;
      duration = g_ascii_strtod (o->duration, &end);
      if (end == o->duration || *end != '\0' || !(duration >= 0.1 && duration <= 3600))
        {
          g_autofree char *m = g_strdup_printf (_("--duration “%s” is not a number of seconds from 0.1 to 3600"), o->duration);
          return fail (m);
        }
    }
  if (o->fps != NULL)
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (o->fps, &end, 10);
      if (end == o->fps || *end != '\0' || n < 1 || n > 60)
        {
          g_autofree char *m = g_strdup_printf (_("--fps “%s” is not a whole number of frames a second from 1 to 60"), o->fps);
          return fail (m);
        }
      fps = (guint) n;
    }
  if (o->files == NULL || o->files[0] == NULL)
    return fail (_("No file given: diplomap --export OUT FILE…"));

  figure = dm_figure_new (doc);
  if (o->size != NULL && !dm_cli_parse_size (o->size, &w, &h))
    {
      g_autofree char *m = g_strdup_printf (_("--size “%s” is not WIDTHxHEIGHT in pixels, each from 16 to 16384 (e.g. 1920x1080)"), o->size);
      return fail (m);
    }
  dm_figure_set_size (figure, w, h);
  if (o->scale != NULL)
    {
      char *end = NULL;
      double s = g_ascii_strtod (o->scale, &end);
      if (end == o->scale || *end != '\0' || !(s >= 0.25 && s <= 8.0))
        {
          g_autofree char *m = g_strdup_printf (_("--scale “%s” is not a number from 0.25 to 8"), o->scale);
          return fail (m);
        }
      dm_figure_set_scale (figure, s);
    }
  if (o->view != NULL && !dm_cli_parse_view (o->view, figure))
    {
      g_autofree char *m = g_strdup_printf (_("--view “%s” is not fit, world or LON_MIN,LAT_MIN,LON_MAX,LAT_MAX in degrees"), o->view);
      return fail (m);
    }
  if (o->projection != NULL)
    {
      DmProjection p;
      if (!dm_projection_from_string (o->projection, &p))
        {
          g_autofree char *m = g_strdup_printf (_("--projection “%s” is not mercator, equirectangular or equal-earth"), o->projection);
          return fail (m);
        }
      dm_figure_set_projection (figure, p);
    }
  if (o->at != NULL)
    {
      gint64 t;
      if (!parse_time ("--at", o->at, &t, &status))
        return status;
      dm_figure_set_time (figure, t);
    }
  if (o->window != NULL)
    {
      gint64 seconds;
      if (!dm_cli_parse_window (o->window, &seconds))
        {
          g_autofree char *m = g_strdup_printf (_("--window “%s” is not a length of time such as 1d, 7d, 30d, 1y or all"), o->window);
          return fail (m);
        }
      dm_figure_set_window (figure, seconds);
    }
  dm_figure_set_flows (figure, o->flows);
  if (o->title != NULL)
    dm_figure_set_title (figure, o->title);
  dm_figure_set_show_legend (figure, !o->no_legend);
  dm_figure_set_show_caption (figure, !o->no_caption);
  dm_figure_set_show_graticule (figure, o->graticule);
  if (o->sources != NULL)
    {
      if (g_strcmp0 (o->sources, "footnotes") != 0 && g_strcmp0 (o->sources, "list") != 0 &&
          g_strcmp0 (o->sources, "none") != 0)
        {
          g_autofree char *m = g_strdup_printf (_("--sources “%s” is not footnotes, list or none"), o->sources);
          return fail (m);
        }
      dm_figure_set_show_sources (figure, g_strcmp0 (o->sources, "none") != 0);
      dm_figure_set_source_footnotes (figure, g_strcmp0 (o->sources, "footnotes") == 0);
    }
  dm_figure_set_show_timeline (figure, o->timeline);
  dm_figure_set_timeline_only (figure, o->timeline_only);
  if (o->small_multiples != NULL)
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (o->small_multiples, &end, 10);
      if (end == o->small_multiples || *end != '\0' || n < 2 || n > 16)
        {
          g_autofree char *m = g_strdup_printf (_("--small-multiples “%s” is not a whole number of maps from 2 to 16"), o->small_multiples);
          return fail (m);
        }
      dm_figure_set_small_multiples (figure, (guint) n);
    }

  if (!load_files (doc, o->files))
    return 2;
  if (o->highlight != NULL)
    {
      if (dm_document_lookup_event (doc, o->highlight) == NULL)
        {
          g_autofree char *m = g_strdup_printf (_("--highlight “%s” is not the id of an event of the files"), o->highlight);
          return fail (m);
        }
      dm_figure_set_highlight (figure, o->highlight);
    }
  if (g_list_model_get_n_items (dm_document_get_events (doc)) == 0)
    {
      g_autoptr(GPtrArray) undated = dm_document_dup_undated_places (doc);

      /* a file of places without times is drawn as places; a clip of them is not a clip */
      if (undated->len == 0 || video)
        return fail (_("Nothing to draw: the files hold no event with a time, so no figure is written"));
    }
  if (video)
    {
      dm_video_options_init (&clip, duration, fps);
      clip.hold = o->hold ? 1.0 : 0.0;
      clip.ease = o->ease;
      clip.follow = o->follow;
      return dm_cli_video_write (figure, o->out, video_format, o->from ? &from : NULL,
                                 o->to ? &to : NULL, &clip);
    }

  if ((o->small_multiples != NULL || o->timeline_only) && (o->from != NULL || o->to != NULL))
    {
      gint64 start = 0, end = 0;
      dm_document_get_extent (doc, &start, &end);
      start = o->from ? from : start;
      end = o->to ? to : end;
      if (end < start)
        return fail (_("--to is before --from: nothing to play"));
      dm_figure_set_clip_range (figure, start, end);
    }
  out = dm_cli_file_for_arg (o->out);
  if (!dm_figure_write_file (figure, out, format, &error))
    {
      g_printerr ("diplomap: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
dm_cli_figure_run (int    argc,
                   char **argv)
{
  Options o = { 0 };
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &o.out,
      N_("Write a figure of the files to OUT (.png, .svg, .pdf) or an animation (.webm, .mp4, .gif, FOLDER/) and exit"), N_("OUT") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &o.at,
      N_("The moment shown (default: the end of the events)"), N_("ISO-TIME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from,
      N_("Where an animation starts (default: the first event)"), N_("ISO-TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to,
      N_("Where an animation ends (default: the end of the events)"), N_("ISO-TIME") },
    { "duration", 0, 0, G_OPTION_ARG_STRING, &o.duration,
      N_("Length of an animation in seconds (default 10)"), N_("SECONDS") },
    { "fps", 0, 0, G_OPTION_ARG_STRING, &o.fps,
      N_("Frames a second of an animation (default 30, GIF 15)"), N_("N") },
    { "ease", 0, 0, G_OPTION_ARG_NONE, &o.ease,
      N_("The animation's clock starts and ends slowly"), NULL },
    { "hold", 0, 0, G_OPTION_ARG_NONE, &o.hold,
      N_("Hold the animation's first and last frames for a second"), NULL },
    { "follow", 0, 0, G_OPTION_ARG_NONE, &o.follow,
      N_("The animation's camera follows the events under way (default: fixed)"), NULL },
    { "small-multiples", 0, 0, G_OPTION_ARG_STRING, &o.small_multiples,
      N_("A grid of N maps at moments spread over --from to --to (default: the events' extent)"), N_("N") },
    { "timeline", 0, 0, G_OPTION_ARG_NONE, &o.timeline,
      N_("A timeline under the map: a lane per actor and the moment shown"), NULL },
    { "timeline-only", 0, 0, G_OPTION_ARG_NONE, &o.timeline_only,
      N_("The timeline alone, without the map (over --from to --to, default: the events' extent)"), NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o.size, N_("Size in pixels (default 1920x1080, GIF 800x450)"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &o.scale, N_("Pixels per unit of size, for PNG (default 1)"), N_("N") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &o.view,
      N_("What the map shows: fit (default), world or a box in degrees"), N_("fit|world|LON_MIN,LAT_MIN,LON_MAX,LAT_MAX") },
    { "projection", 0, 0, G_OPTION_ARG_STRING, &o.projection,
      N_("mercator (default), equirectangular or equal-earth (default for world)"), N_("NAME") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &o.window,
      N_("Show only the legs of this long before the moment, fading, none to come (default: all)"), N_("30d|1w|1y|all") },
    { "flows", 0, 0, G_OPTION_ARG_NONE, &o.flows,
      N_("Draw each pair of places once, its width by the number of trips"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("The figure's title (default: the file's)"), N_("TEXT") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &o.language,
      N_("The figure's language: its texts and map labels (default: the user's)"), N_("CODE") },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &o.no_legend, N_("No legend"), NULL },
    { "no-caption", 0, 0, G_OPTION_ARG_NONE, &o.no_caption, N_("No title and time caption"), NULL },
    { "graticule", 0, 0, G_OPTION_ARG_NONE, &o.graticule, N_("Draw meridians and parallels"), NULL },
    { "sources", 0, 0, G_OPTION_ARG_STRING, &o.sources,
      N_("The events' sources under the map: numbered footnotes, their numbers by each place's "
         "name or dot on the map (in every map of --small-multiples), one list line (default) or none"),
      N_("footnotes|list|none") },
    { "highlight", 0, 0, G_OPTION_ARG_STRING, &o.highlight,
      N_("Highlight this summit or meeting as the window does its selection: everyone's trips "
         "within two weeks over the other routes, veiled"), N_("EVENT_ID") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  int status;

  /* the remaining files' "FILE…" ends the usage line; the summary says what this does */
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Export a figure or an animation of diplomatic events: "
                                           "diplomap --export OUT.png|OUT.svg|OUT.pdf|OUT.webm|OUT.mp4|OUT.gif|FOLDER/ FILE…"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    status = fail (error->message);
  else
    status = run (&o);
  options_clear (&o);
  return status;
}
