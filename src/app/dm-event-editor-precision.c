/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dm-event-editor-private.h"

/*
 * A time's precision beside its entry (docs/EDITING.md): a list that shows the precision of
 * what is typed (a day, about a day, a month, an exact time, unknown) and, when another is
 * chosen, writes the time again at that precision: 2025-11-05T09:30 as a day is 2025-11-05.
 */

enum {
  PRECISION_DAY,
  PRECISION_ABOUT_DAY,
  PRECISION_MONTH,
  PRECISION_TIME,
  PRECISION_UNKNOWN,
};

typedef struct
{
  AdwEntryRow *row;
  GtkDropDown *drop;
  gboolean     setting;
} Precision;

static gboolean
is_digits (const char *s,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* What precision @text is written at; GTK_INVALID_LIST_POSITION for a range or a year */
static guint
precision_of (const char *text)
{
  gsize n = strlen (text);

  if (n == 0)
    return PRECISION_UNKNOWN;
  if (strchr (text, '/') != NULL)
    return GTK_INVALID_LIST_POSITION;
  if (n >= 11 && text[10] == 'T')
    return PRECISION_TIME;
  if (n >= 10 && is_digits (text, 4) && text[4] == '-' && text[7] == '-')
    return text[n - 1] == '~' ? PRECISION_ABOUT_DAY : PRECISION_DAY;
  if (n >= 7 && is_digits (text, 4) && text[4] == '-')
    return PRECISION_MONTH;
  return GTK_INVALID_LIST_POSITION;
}

/* @text written again at @precision; NULL when it cannot be */
char *
dm_event_editor_rewrite_time (const char *text,
                              guint       precision)
{
  g_autofree char *day = NULL;
  g_autofree char *plain = g_strdup (text);
  gsize n = strlen (plain);

  /* what is written again says itself whether it is approximate */
  if (n > 0 && plain[n - 1] == '~')
    plain[--n] = '\0';
  text = plain;
  if (precision == PRECISION_UNKNOWN)
    return g_strdup ("");
  if (n < 7 || !is_digits (text, 4) || text[4] != '-' || strchr (text, '/') != NULL)
    return NULL;
  if (precision == PRECISION_MONTH)
    return g_strndup (text, 7);
  day = n >= 10 && text[7] == '-' ? g_strndup (text, 10) : g_strconcat (text, "-01", NULL);
  if (strlen (day) > 10)
    day[10] = '\0';
  switch (precision)
    {
    case PRECISION_DAY:
      return g_steal_pointer (&day);
    case PRECISION_ABOUT_DAY:
      return g_strconcat (day, "~", NULL);
    case PRECISION_TIME:
      if (n >= 11 && text[10] == 'T')
        return g_strdup (text);
      return g_strconcat (day, "T12:00", NULL);
    default:
      return NULL;
    }
}

static void
text_changed_cb (AdwEntryRow *row,
                 Precision   *p)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  p->setting = TRUE;
  gtk_drop_down_set_selected (p->drop, precision_of (text));
  p->setting = FALSE;
}

static void
selected_cb (GtkDropDown *drop,
             GParamSpec  *pspec,
             Precision   *p)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (p->row))));
  g_autofree char *rewritten = NULL;
  guint chosen = gtk_drop_down_get_selected (drop);

  if (p->setting || chosen == GTK_INVALID_LIST_POSITION || chosen == precision_of (text))
    return;
  rewritten = dm_event_editor_rewrite_time (text, chosen);
  if (rewritten != NULL)
    gtk_editable_set_text (GTK_EDITABLE (p->row), rewritten);
  else
    text_changed_cb (p->row, p);
}

/* The precision list beside @row; returns it */
GtkDropDown *
dm_event_editor_add_precision (DmEventEditor *self,
                               AdwEntryRow   *row)
{
  const char *labels[] = {
    /* Translators: a time's precision in the editor */
    N_("Day"), N_("About a Day"), N_("Month"), N_("Exact Time"), N_("Unknown"), NULL
  };
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  Precision *p = g_new0 (Precision, 1);

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, _(labels[i]));
  p->row = row;
  p->drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (p->drop), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (p->drop), _("Precision"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (p->drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Precision"), -1);
  adw_entry_row_add_suffix (row, GTK_WIDGET (p->drop));
  g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), p);
  g_signal_connect (p->drop, "notify::selected", G_CALLBACK (selected_cb), p);
  g_object_set_data_full (G_OBJECT (row), "dm-precision", p, g_free);
  g_object_set_data (G_OBJECT (row), "dm-precision-list", p->drop);
  text_changed_cb (row, p);
  return p->drop;
}
