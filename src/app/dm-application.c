/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-application.h"

struct _DmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DmApplication, dm_application, ADW_TYPE_APPLICATION)

static void
dm_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("Diplomap"));
      gtk_window_set_default_size (window, 1200, 800);
    }
  gtk_window_present (window);
}

static void
dm_application_class_init (DmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = dm_application_activate;
}

static void
dm_application_init (DmApplication *self)
{
}

DmApplication *
dm_application_new (void)
{
  return g_object_new (DM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/diplomap/Diplomap",
                       NULL);
}
