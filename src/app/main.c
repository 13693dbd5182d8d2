/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "dm-application.h"
#include "dm-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DmApplication) app = NULL;
  const char *localedir;
  int status = 0;

  /* Past a file size limit (ulimit -f) a write fails with EFBIG, which the writers report,
   * instead of the process dying silently with a temporary file left behind */
  signal (SIGXFSZ, SIG_IGN);
  setlocale (LC_ALL, "");
  dm_cli_use_language (argc, argv);
  /* Tests and `meson devenv` point this at the build tree's po/ (<lang>/LC_MESSAGES/diplomap.mo) */
  localedir = g_getenv ("DIPLOMAP_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --check and the other headless commands never touch the display */
  if (dm_cli_run (argc, argv, &status))
    return status;

  app = dm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
