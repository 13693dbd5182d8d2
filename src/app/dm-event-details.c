/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-event-details"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-details.h"
#include "dm-gazetteer.h"
#include "dm-time-format.h"
#include "dm-ui-resources.h"

/* The selected event: title, actor and role, places with local times and UTC, status,
 * host and invitation, sources (links open only when clicked), notes. Or, when no event is
 * selected, the selected place without a time (a file's waypoint or site). The frame (a scrolled
 * box) is ui/dm-event-details.ui; each event gets a new page of labels in it. */

struct _DmEventDetails
{
  GtkWidget  parent_instance;
  DmEvent   *event;
  DmPlace   *place;     /* shown while event is NULL */

  /* Template widgets */
  GtkWidget *scrolled;
  GtkWidget *box;

  GtkWidget *page;     /* in box: what is shown of the event */
};

G_DEFINE_FINAL_TYPE (DmEventDetails, dm_event_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
add_label (DmEventDetails *self,
           const char     *text,
           const char     *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self->page), label);
  return label;
}

static void
add_heading (DmEventDetails *self,
             const char     *text)
{
  GtkWidget *label = add_label (self, text, "heading");

  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_top (label, 8);
}

/* "Russia (RU)" for "RU", in the user's language ("Russie (RU)"); anything else as it is */
static char *
dup_country (const char *code)
{
  DmGazetteer *gazetteer = dm_gazetteer_get_default ();
  const DmCountry *c = dm_gazetteer_lookup_country (gazetteer, code);

  if (c == NULL || g_ascii_strcasecmp (c->code, code) != 0)
    return g_strdup (code);
  return g_strdup_printf ("%s (%s)", dm_gazetteer_country_get_display_name (gazetteer, c), c->code);
}

static char *
format_moment (const DmTime *time,
               gint64        effective,
               DmPlace      *place)
{
  GTimeZone *zone = place ? dm_place_get_zone (place) : NULL;

  if (dm_time_is_known (time))
    {
      g_autofree char *local = dm_time_format_local (time, zone);
      g_autofree char *utc = NULL;

      /* A day is the place's day: its UTC bounds would only confuse */
      if (time->precision < DM_PRECISION_MINUTE)
        return g_steal_pointer (&local);
      utc = dm_time_format_utc (time);
      if (g_strcmp0 (local, utc) == 0)
        return g_steal_pointer (&local);
      /* Translators: a time at a place, then the same in UTC */
      return g_strdup_printf (_("%s (%s)"), local, utc);
    }
  /* Estimated only to place a marker: its day, and saying so */
  return dm_time_format_estimate (effective, zone);
}

/* How a reader understood the name of @place ("Matched “Brusssels” to Brussels,
 * Belgium"), under the label that names it; each note once (@shown) */
static void
add_place_note (DmEventDetails *self,
                DmPlace        *place,
                GHashTable     *shown)
{
  const char *note = place ? dm_place_get_note (place) : NULL;

  if (note != NULL && g_hash_table_add (shown, (gpointer) note))
    add_label (self, note, "dim-label");
}

static void
add_legs (DmEventDetails *self,
          GPtrArray      *legs)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);

  add_heading (self, _("Legs"));
  for (guint i = 0; i < legs->len; i++)
    {
      DmLeg *leg = g_ptr_array_index (legs, i);
      g_autofree char *from = leg->from ? dm_place_dup_label (leg->from) : g_strdup ("?");
      g_autofree char *to = leg->to ? dm_place_dup_label (leg->to) : g_strdup ("?");
      DmLeg *first = g_ptr_array_index (legs, 0);
      gboolean is_return = i > 0 && i + 1 == legs->len && leg->to != NULL && first->from != NULL &&
                           g_strcmp0 (dm_place_get_name (leg->to),
                                      dm_place_get_name (first->from)) == 0;
      g_autofree char *text = NULL;

      if (!dm_time_is_known (&leg->depart) && !dm_time_is_known (&leg->arrive))
        {
          /* Translators: a leg of a trip whose time no source gave: from, to */
          text = g_strdup_printf (is_return ? _("%s → %s\nReturn not reported")
                                            : _("%s → %s\nDate not reported"), from, to);
        }
      else
        {
          g_autofree char *depart = dm_time_format_leg_time (leg, FALSE);
          g_autofree char *arrive = dm_time_format_leg_time (leg, TRUE);
          /* Translators: a leg of a trip: from, to, departure, arrival */
          text = g_strdup_printf (_("%s → %s\nDeparts %s\nArrives %s"), from, to, depart, arrive);
        }
      add_label (self, text, NULL);
      add_place_note (self, leg->from, shown);
      add_place_note (self, leg->to, shown);
    }
}

static void
add_sources (DmEventDetails *self,
             GPtrArray      *sources)
{
  if (sources == NULL || sources->len == 0)
    return;
  add_heading (self, _("Sources"));
  for (guint i = 0; i < sources->len; i++)
    {
      DmSource *source = g_ptr_array_index (sources, i);
      g_autofree char *text = dm_source_format (source);

      if (source->url != NULL && (g_str_has_prefix (source->url, "https://") ||
                                  g_str_has_prefix (source->url, "http://")))
        {
          /* Opens the browser only when clicked */
          GtkWidget *link = gtk_link_button_new_with_label (source->url, text);
          GtkWidget *label = gtk_button_get_child (GTK_BUTTON (link));

          gtk_widget_set_halign (link, GTK_ALIGN_START);
          if (GTK_IS_LABEL (label))
            {
              gtk_label_set_wrap (GTK_LABEL (label), TRUE);
              gtk_label_set_xalign (GTK_LABEL (label), 0);
            }
          gtk_box_append (GTK_BOX (self->page), link);
        }
      else
        add_label (self, text, NULL);
    }
}

/* A place the file gave without a time: its name, that no date was given, where it is */
static void
fill_place (DmEventDetails *self,
            DmPlace        *place)
{
  g_autofree char *label = dm_place_dup_label (place);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  const char *country = dm_place_get_country (place);
  g_autofree char *position = NULL;

  add_label (self, label, "title-3");
  /* Translators: the details of a place a file gives without a time (a waypoint, a site) */
  add_label (self, _("Place · date not given"), "dim-label");
  add_place_note (self, place, shown);
  if (country != NULL)
    {
      g_autofree char *name = dup_country (country);
      add_heading (self, _("Country"));
      add_label (self, name, NULL);
    }
  /* Translators: a latitude and a longitude in degrees */
  position = g_strdup_printf (_("%.5f°, %.5f°"), dm_place_get_latitude (place),
                              dm_place_get_longitude (place));
  add_heading (self, _("Coordinates"));
  add_label (self, position, NULL);
}

static void
fill_page (DmEventDetails *self,
           DmEvent        *e)
{
  g_autofree char *title = NULL;
  DmActor *actor;
  DmPlace *place;
  GPtrArray *parts;
  const char * const *invited;

  if (e == NULL && self->place != NULL)
    {
      fill_place (self, self->place);
      return;
    }
  if (e == NULL)
    {
      GtkWidget *label = add_label (self, _("Select an event in the list, the timeline or the map"),
                                    "dim-label");
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);
      return;
    }

  title = dm_event_dup_display_title (e);
  add_label (self, title, "title-3");
  {
    /* Translators: kind and status of an event, e.g. "Trip · announced" */
    g_autofree char *kind = g_strdup_printf (_("%s · %s"), dm_event_kind_get_label (dm_event_get_kind (e)),
                                             dm_status_get_label (dm_event_get_status (e)));
    add_label (self, kind, "dim-label");
  }

  actor = dm_event_get_actor (e);
  if (actor != NULL)
    {
      g_autofree char *who = dm_actor_get_role (actor) ?
        g_strdup_printf ("%s — %s", dm_actor_get_name (actor), dm_actor_get_role (actor)) :
        g_strdup (dm_actor_get_name (actor));
      add_heading (self, _("Actor"));
      add_label (self, who, NULL);
    }
  parts = dm_event_get_participants (e);
  if (parts != NULL && parts->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      add_heading (self, _("Participants"));
      for (guint i = 0; i < parts->len; i++)
        {
          DmActor *p = g_ptr_array_index (parts, i);
          if (names->len > 0)
            g_string_append_c (names, '\n');
          g_string_append (names, dm_actor_get_name (p));
          if (dm_actor_get_role (p) != NULL)
            g_string_append_printf (names, " — %s", dm_actor_get_role (p));
        }
      add_label (self, names->str, NULL);
    }

  place = dm_event_get_place (e);
  if (place != NULL)
    {
      g_autofree char *where = dm_place_dup_label (place);
      g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
      gint64 s = 0, end = 0;
      add_heading (self, _("Place"));
      add_label (self, where, NULL);
      add_place_note (self, place, shown);
      dm_event_get_span (e, &s, &end);
      {
        g_autofree char *from = format_moment (dm_event_get_start (e), s, place);
        g_autofree char *to = format_moment (dm_event_get_end (e), end, place);
        g_autofree char *when = dm_time_is_known (dm_event_get_end (e)) ?
          /* Translators: when an event starts and ends: two dates or times, not places */
          g_strdup_printf (_("From %s\nto %s"), from, to) : g_strdup (from);
        add_heading (self, _("When"));
        add_label (self, when, NULL);
      }
    }
  if (dm_event_get_legs (e) != NULL && dm_event_get_legs (e)->len > 0)
    add_legs (self, dm_event_get_legs (e));

  if (dm_event_get_host (e) != NULL)
    {
      g_autofree char *host = dup_country (dm_event_get_host (e));
      add_heading (self, _("Host"));
      add_label (self, host, NULL);
    }
  invited = dm_event_get_invited_by (e);
  if (invited != NULL && invited[0] != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; invited[i] != NULL; i++)
        {
          g_autofree char *who = dup_country (invited[i]);
          g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", who);
        }
      add_heading (self, _("Invited by"));
      add_label (self, text->str, NULL);
    }
  add_sources (self, dm_event_get_sources (e));
  if (dm_event_get_notes (e) != NULL)
    {
      add_heading (self, _("Notes"));
      add_label (self, dm_event_get_notes (e), NULL);
    }
  if (dm_event_get_file (e) != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (dm_event_get_file (e));
      /* Translators: where an event is written: file, line */
      g_autofree char *where = g_strdup_printf (_("%s, line %u"), path, dm_event_get_line (e));
      add_heading (self, _("File"));
      add_label (self, where, "dim-label");
    }
}

/* A new page for the event, then the old one goes */
static void
rebuild (DmEventDetails *self)
{
  DmEvent *e = self->event;
  GtkWidget *old = self->page;

  self->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (self->box), self->page);
  fill_page (self, e);
  if (old != NULL)
    {
      /* The focus (in a selectable label) moves to the new page first: removing the
       * focused widget leaves GTK 4.8 asking whether a NULL focus is inside the viewport */
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && gtk_widget_is_ancestor (focus, old))
        gtk_widget_child_focus (self->page, GTK_DIR_TAB_FORWARD);
      gtk_box_remove (GTK_BOX (self->box), old);
    }
}

char *
dm_event_details_dup_text (DmEventDetails *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (DM_IS_EVENT_DETAILS (self), NULL);

  for (GtkWidget *c = gtk_widget_get_first_child (self->page); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (c)));
      else if (GTK_IS_LINK_BUTTON (c))
        g_string_append_printf (text, "%s\n", gtk_link_button_get_uri (GTK_LINK_BUTTON (c)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
dm_event_details_dispose (GObject *object)
{
  DmEventDetails *self = DM_EVENT_DETAILS (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->event);
  g_clear_object (&self->place);
  G_OBJECT_CLASS (dm_event_details_parent_class)->dispose (object);
}

static void
dm_event_details_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DmEventDetails *self = DM_EVENT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_EVENT: g_value_set_object (value, self->event); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_event_details_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DmEventDetails *self = DM_EVENT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_EVENT: dm_event_details_set_event (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_event_details_class_init (DmEventDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_event_details_dispose;
  object_class->get_property = dm_event_details_get_property;
  object_class->set_property = dm_event_details_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, DM_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "eventdetails");

  /* Referencing the resource links it from the static library; its constructor registers it */
  (void) dm_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/diplomap/Diplomap/dm-event-details.ui");
  gtk_widget_class_bind_template_child (widget_class, DmEventDetails, scrolled);
  gtk_widget_class_bind_template_child (widget_class, DmEventDetails, box);
}

static void
dm_event_details_init (DmEventDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rebuild (self);
}

GtkWidget *
dm_event_details_new (void)
{
  return g_object_new (DM_TYPE_EVENT_DETAILS, NULL);
}

DmEvent *
dm_event_details_get_event (DmEventDetails *self)
{
  g_return_val_if_fail (DM_IS_EVENT_DETAILS (self), NULL);
  return self->event;
}

void
dm_event_details_set_event (DmEventDetails *self,
                            DmEvent        *event)
{
  g_return_if_fail (DM_IS_EVENT_DETAILS (self));

  if (!g_set_object (&self->event, event))
    return;
  if (event != NULL)
    g_clear_object (&self->place);
  rebuild (self);
  /* A new event is read from its top, not where the previous one was scrolled to */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

DmPlace *
dm_event_details_get_place (DmEventDetails *self)
{
  g_return_val_if_fail (DM_IS_EVENT_DETAILS (self), NULL);
  return self->place;
}

/* Shows @place instead of any event; NULL takes the place away (an event shown stays) */
void
dm_event_details_set_place (DmEventDetails *self,
                            DmPlace        *place)
{
  gboolean had_event;

  g_return_if_fail (DM_IS_EVENT_DETAILS (self));
  g_return_if_fail (place == NULL || DM_IS_PLACE (place));

  had_event = self->event != NULL;
  if (place == NULL && had_event)
    return;
  if (!g_set_object (&self->place, place) && !had_event)
    return;
  g_clear_object (&self->event);
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)), 0);
  if (had_event)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}
