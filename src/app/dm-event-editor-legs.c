/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-app"

#include "config.h"

#include <glib/gi18n.h>

#include "dm-event-editor-private.h"

/*
 * A trip's legs in the editor (docs/EDITING.md): one expander row per leg with its places
 * (completed from the gazetteer as typed) and its times; Add Leg, and per leg Move Up,
 * Move Down and Remove. A leg is a slot of rows: moving or removing one moves the texts
 * between slots, with the leg each came from (whose unknown members are saved again).
 */

static void
leg_free (gpointer data)
{
  DmEditorLeg *leg = data;

  g_clear_pointer (&leg->original, dm_leg_unref);
  g_free (leg);
}

static guint
position_of (DmEventEditor *self,
             GtkWidget     *button)
{
  for (guint i = 0; i < self->legs->len; i++)
    {
      DmEditorLeg *leg = g_ptr_array_index (self->legs, i);

      if (leg->up_button == button || leg->down_button == button || leg->remove_button == button)
        return i;
    }
  g_return_val_if_reached (0);
}

static void
up_clicked_cb (GtkWidget     *button,
               DmEventEditor *self)
{
  dm_event_editor_move_leg (self, position_of (self, button), -1);
}

static void
down_clicked_cb (GtkWidget     *button,
                 DmEventEditor *self)
{
  dm_event_editor_move_leg (self, position_of (self, button), 1);
}

static void
remove_clicked_cb (GtkWidget     *button,
                   DmEventEditor *self)
{
  dm_event_editor_remove_leg (self, position_of (self, button));
}

static void
add_clicked_cb (DmEventEditor *self)
{
  DmEditorLeg *leg;

  g_assert (DM_IS_EVENT_EDITOR (self));
  leg = dm_event_editor_add_leg (self);
  gtk_widget_grab_focus (GTK_WIDGET (leg->from_row));
}

static AdwEntryRow *
add_entry (DmEventEditor  *self,
           AdwExpanderRow *expander,
           const char     *title,
           const char     *tooltip)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (dm_event_editor_update), self);
  adw_expander_row_add_row (expander, row);
  return ADW_ENTRY_ROW (row);
}

static GtkWidget *
add_button (GtkWidget     *box,
            const char    *icon,
            const char    *tooltip,
            GCallback      callback,
            DmEventEditor *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  /* icon buttons: screen readers say the tooltip's words */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

/* A new empty slot at the end */
DmEditorLeg *
dm_event_editor_add_leg (DmEventEditor *self)
{
  /* Translators: how times are written in the editor; keep the dates as they are */
  const char *tip = _("A day (2025-10-29), a time with its zone (2025-10-29T09:30+09:00), a month (2025-10); a trailing ~ when approximate (2025-10-29~); empty when unknown");
  DmEditorLeg *leg = g_new0 (DmEditorLeg, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *actions = adw_action_row_new ();

  leg->editor = self;
  leg->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (leg->expander), FALSE);
  adw_expander_row_set_expanded (leg->expander, TRUE);
  leg->from_row = add_entry (self, leg->expander, _("From"), NULL);
  leg->to_row = add_entry (self, leg->expander, _("To"), NULL);
  /* Translators: when a leg of a trip leaves */
  leg->depart_row = add_entry (self, leg->expander, _("Departure"), tip);
  /* Translators: when a leg of a trip arrives */
  leg->arrive_row = add_entry (self, leg->expander, _("Arrival"), tip);
  dm_event_editor_add_completion (self, leg->from_row, dm_event_editor_complete_place, NULL);
  dm_event_editor_add_completion (self, leg->to_row, dm_event_editor_complete_place, NULL);
  dm_event_editor_add_precision (self, leg->depart_row);
  dm_event_editor_add_precision (self, leg->arrive_row);
  dm_event_editor_add_pick_button (self, leg->from_row);
  dm_event_editor_add_pick_button (self, leg->to_row);
  leg->up_button = add_button (box, "go-up-symbolic", _("Move Up"), G_CALLBACK (up_clicked_cb), self);
  leg->down_button = add_button (box, "go-down-symbolic", _("Move Down"), G_CALLBACK (down_clicked_cb), self);
  leg->remove_button = add_button (box, "user-trash-symbolic", _("Remove Leg"),
                                   G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), box);
  adw_expander_row_add_row (leg->expander, actions);
  adw_preferences_group_add (self->legs_group, GTK_WIDGET (leg->expander));
  g_ptr_array_add (self->legs, leg);
  /* the next leg starts where the last one ended */
  if (self->legs->len > 1)
    {
      DmEditorLeg *previous = g_ptr_array_index (self->legs, self->legs->len - 2);

      gtk_editable_set_text (GTK_EDITABLE (leg->from_row),
                             gtk_editable_get_text (GTK_EDITABLE (previous->to_row)));
    }
  dm_event_editor_update (self);
  return leg;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
set_time (AdwEntryRow  *row,
          const DmTime *time,
          DmPlace      *place)
{
  g_autofree char *text = dm_time_is_known (time)
                          ? dm_time_to_iso (time, place ? dm_place_get_zone (place) : NULL) : NULL;

  set_text (row, text);
}

static void
fill_leg (DmEditorLeg *slot,
          DmLeg       *leg)
{
  set_text (slot->from_row, leg->from ? dm_place_get_name (leg->from) : NULL);
  set_text (slot->to_row, leg->to ? dm_place_get_name (leg->to) : NULL);
  set_time (slot->depart_row, &leg->depart, leg->from);
  set_time (slot->arrive_row, &leg->arrive, leg->to);
  g_clear_pointer (&slot->original, dm_leg_unref);
  slot->original = dm_leg_ref (leg);
}

void
dm_event_editor_fill_legs (DmEventEditor *self,
                           DmEvent       *event)
{
  GPtrArray *legs = dm_event_get_legs (event);

  for (guint i = 0; i < legs->len; i++)
    {
      DmEditorLeg *slot = dm_event_editor_add_leg (self);

      fill_leg (slot, g_ptr_array_index (legs, i));
      adw_expander_row_set_expanded (slot->expander, FALSE);
    }
}

/* What a slot says, to move it to another */
typedef struct
{
  char  *texts[4];
  DmLeg *original;
} LegTexts;

static AdwEntryRow **
rows_of (DmEditorLeg *slot,
         AdwEntryRow *rows[4])
{
  rows[0] = slot->from_row;
  rows[1] = slot->to_row;
  rows[2] = slot->depart_row;
  rows[3] = slot->arrive_row;
  return rows;
}

static void
take_texts (DmEditorLeg *slot,
            LegTexts    *texts)
{
  AdwEntryRow *rows[4];

  rows_of (slot, rows);
  for (guint i = 0; i < 4; i++)
    texts->texts[i] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows[i])));
  texts->original = g_steal_pointer (&slot->original);
}

static void
put_texts (DmEditorLeg *slot,
           LegTexts    *texts)
{
  AdwEntryRow *rows[4];

  rows_of (slot, rows);
  for (guint i = 0; i < 4; i++)
    {
      set_text (rows[i], texts->texts[i]);
      g_clear_pointer (&texts->texts[i], g_free);
    }
  g_clear_pointer (&slot->original, dm_leg_unref);
  slot->original = g_steal_pointer (&texts->original);
}

/* Moves the leg at @position by @delta (-1: up, 1: down) */
void
dm_event_editor_move_leg (DmEventEditor *self,
                          guint          position,
                          int            delta)
{
  int other = (int) position + delta;
  LegTexts a = { 0 }, b = { 0 };
  DmEditorLeg *slot, *other_slot;
  gboolean expanded;

  g_return_if_fail (DM_IS_EVENT_EDITOR (self));
  if (position >= self->legs->len || other < 0 || other >= (int) self->legs->len)
    return;
  slot = g_ptr_array_index (self->legs, position);
  other_slot = g_ptr_array_index (self->legs, other);
  self->filling = TRUE;
  take_texts (slot, &a);
  take_texts (other_slot, &b);
  put_texts (slot, &b);
  put_texts (other_slot, &a);
  expanded = adw_expander_row_get_expanded (slot->expander);
  adw_expander_row_set_expanded (slot->expander, adw_expander_row_get_expanded (other_slot->expander));
  adw_expander_row_set_expanded (other_slot->expander, expanded);
  self->filling = FALSE;
  dm_event_editor_update (self);
  /* the focus follows the leg */
  gtk_widget_grab_focus (delta < 0 ? other_slot->up_button : other_slot->down_button);
}

void
dm_event_editor_remove_leg (DmEventEditor *self,
                            guint          position)
{
  DmEditorLeg *last;

  g_return_if_fail (DM_IS_EVENT_EDITOR (self));
  if (position >= self->legs->len)
    return;
  self->filling = TRUE;
  for (guint i = position; i + 1 < self->legs->len; i++)
    {
      LegTexts texts = { 0 };

      take_texts (g_ptr_array_index (self->legs, i + 1), &texts);
      put_texts (g_ptr_array_index (self->legs, i), &texts);
    }
  last = g_ptr_array_index (self->legs, self->legs->len - 1);
  /* its rows go: a Pick on Map of theirs ends */
  if (self->pick_row != NULL && (self->pick_row == last->from_row || self->pick_row == last->to_row))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pick_button), FALSE);
  adw_preferences_group_remove (self->legs_group, GTK_WIDGET (last->expander));
  g_ptr_array_remove_index (self->legs, self->legs->len - 1);
  self->filling = FALSE;
  dm_event_editor_update (self);
  gtk_widget_grab_focus (self->legs->len > 0
                         ? GTK_WIDGET (((DmEditorLeg *) g_ptr_array_index (self->legs, MIN (position, self->legs->len - 1)))->expander)
                         : self->add_leg_button);
}

static void
read_leg_time (DmEventEditor *self,
               AdwEntryRow   *row,
               DmPlace       *place,
               DmTime        *time)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  *time = DM_TIME_UNKNOWN;
  if (*text != '\0' && !dm_time_parse (text, place ? dm_place_get_zone (place) : NULL, time, &error))
    {
      *time = DM_TIME_UNKNOWN;
      dm_event_editor_add_problem (self, g_strdup (error->message));
    }
}

static DmPlace *
read_place (DmEventEditor *self,
            AdwEntryRow   *row,
            DmPlace       *current)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  DmPlace *place;

  if (*text == '\0')
    return NULL;
  if ((place = dm_event_editor_resolve_place (self, text, current)) == NULL)
    dm_event_editor_add_problem (self,
                                 g_strdup_printf (_("Unknown place “%s”: declare it in “places” or give {\"lat\": …, \"lon\": …}"),
                                                  text));
  return place;
}

/* "Pyongyang → Moscow", "26 Oct – ?" */
static void
show_leg (DmEditorLeg *slot,
          guint        position,
          DmLeg       *leg)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (slot->from_row));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (slot->to_row));
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;

  /* Translators: a leg of a trip in the editor: its number, from, to */
  title = g_strdup_printf (_("%u. %s → %s"), position + 1, *from ? from : "?", *to ? to : "?");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->expander), title);
  if (leg != NULL && (dm_time_is_known (&leg->depart) || dm_time_is_known (&leg->arrive)))
    when = dm_time_format_range (dm_time_is_known (&leg->depart) ? &leg->depart : &leg->arrive,
                                 dm_time_is_known (&leg->arrive) ? &leg->arrive : &leg->depart,
                                 leg->from ? dm_place_get_zone (leg->from) : NULL);
  adw_expander_row_set_subtitle (slot->expander, when ? when : "");
  gtk_widget_set_sensitive (slot->up_button, position > 0);
  gtk_widget_set_sensitive (slot->down_button, position + 1 < slot->editor->legs->len);
}

/* The slots' legs into @candidate, in the reader's words when one cannot be made */
void
dm_event_editor_read_legs (DmEventEditor *self,
                           DmEvent       *candidate)
{
  DmPlace *previous_to = NULL;

  dm_event_clear_legs (candidate);
  for (guint i = 0; i < self->legs->len; i++)
    {
      DmEditorLeg *slot = g_ptr_array_index (self->legs, i);
      g_autoptr(DmLeg) leg = slot->original ? dm_leg_copy (slot->original) : dm_leg_new (NULL, NULL);
      g_autoptr(DmPlace) from = read_place (self, slot->from_row, slot->original ? slot->original->from : NULL);
      g_autoptr(DmPlace) to = read_place (self, slot->to_row, slot->original ? slot->original->to : NULL);

      if (from == NULL && previous_to != NULL &&
          *gtk_editable_get_text (GTK_EDITABLE (slot->from_row)) == '\0')
        from = g_object_ref (previous_to);
      g_set_object (&leg->from, from);
      g_set_object (&leg->to, to);
      read_leg_time (self, slot->depart_row, from, &leg->depart);
      read_leg_time (self, slot->arrive_row, to, &leg->arrive);
      show_leg (slot, i, leg);
      if (from == NULL && *gtk_editable_get_text (GTK_EDITABLE (slot->from_row)) == '\0')
        dm_event_editor_add_problem (self, g_strdup (_("The first leg needs a “from”")));
      else if (to == NULL && *gtk_editable_get_text (GTK_EDITABLE (slot->to_row)) == '\0')
        dm_event_editor_add_problem (self, g_strdup (_("This leg has no “to”")));
      if (from == NULL || to == NULL)
        {
          previous_to = NULL;
          continue;
        }
      dm_event_add_leg (candidate, leg);
      previous_to = leg->to;
    }
  dm_event_resolve_times (candidate);
}

void
dm_event_editor_init_legs (DmEventEditor *self)
{
  self->legs = g_ptr_array_new_with_free_func (leg_free);
  g_signal_connect_swapped (self->add_leg_button, "clicked", G_CALLBACK (add_clicked_cb), self);
}
