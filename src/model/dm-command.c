/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dm-command.h"

typedef enum
{
  COMMAND_ADD,
  COMMAND_REMOVE,
  COMMAND_CHANGE,
} CommandKind;

/**
 * DmCommand:
 *
 * Adding, removing or changing one event. A change never edits an event in place: the new
 * event takes the old one's position, in one items-changed of the document's events, so
 * a snapshot that a thread draws never sees an event change under it.
 */
struct _DmCommand
{
  GObject      parent_instance;
  CommandKind  kind;
  DmDocument  *document;
  DmEvent     *event;      /* added, or the new one of a change, or the removed one */
  DmEvent     *old_event;  /* the old one of a change */
  guint        position;   /* where it was added or removed */
  char        *label;
};

G_DEFINE_FINAL_TYPE (DmCommand, dm_command, G_TYPE_OBJECT)

static void
dm_command_finalize (GObject *object)
{
  DmCommand *self = DM_COMMAND (object);

  g_clear_object (&self->document);
  g_clear_object (&self->event);
  g_clear_object (&self->old_event);
  g_free (self->label);

  G_OBJECT_CLASS (dm_command_parent_class)->finalize (object);
}

static void
dm_command_class_init (DmCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dm_command_finalize;
}

static void
dm_command_init (DmCommand *self)
{
}

/* @label: (transfer full) */
static DmCommand *
command_new (CommandKind  kind,
             DmDocument  *document,
             DmEvent     *event,
             char        *label)
{
  DmCommand *self = g_object_new (DM_TYPE_COMMAND, NULL);

  self->kind = kind;
  self->document = g_object_ref (document);
  self->event = g_object_ref (event);
  self->position = G_MAXUINT;
  self->label = label;
  return self;
}

DmCommand *
dm_command_new_add_event (DmDocument *document,
                          DmEvent    *event)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (DM_IS_EVENT (event), NULL);
  title = dm_event_dup_display_title (event);
  /* Translators: a change that can be undone, in "Undo %s"; %s is an event's title */
  return command_new (COMMAND_ADD, document, event, g_strdup_printf (_("Add “%s”"), title));
}

DmCommand *
dm_command_new_remove_event (DmDocument *document,
                             DmEvent    *event)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (DM_IS_EVENT (event), NULL);
  title = dm_event_dup_display_title (event);
  /* Translators: a change that can be undone, in "Undo %s"; %s is an event's title */
  return command_new (COMMAND_REMOVE, document, event, g_strdup_printf (_("Delete “%s”"), title));
}

DmCommand *
dm_command_new_change_event (DmDocument *document,
                             DmEvent    *old_event,
                             DmEvent    *new_event)
{
  g_autofree char *title = NULL;
  DmCommand *self;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (DM_IS_EVENT (old_event), NULL);
  g_return_val_if_fail (DM_IS_EVENT (new_event), NULL);
  title = dm_event_dup_display_title (new_event);
  /* Translators: a change that can be undone, in "Undo %s"; %s is an event's title */
  self = command_new (COMMAND_CHANGE, document, new_event, g_strdup_printf (_("Edit “%s”"), title));
  self->old_event = g_object_ref (old_event);
  return self;
}

DmCommand *
dm_command_new_duplicate_event (DmDocument *document,
                                DmEvent    *event)
{
  g_autofree char *id = NULL;
  g_autoptr(DmEvent) copy = NULL;
  g_autofree char *title = NULL;
  DmCommand *self;
  guint position;

  g_return_val_if_fail (DM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (DM_IS_EVENT (event), NULL);

  id = dm_document_dup_unused_event_id (document, dm_event_get_id (event) ? dm_event_get_id (event)
                                                                          : "event");
  copy = dm_event_copy (event, id);
  /* a copy written from nowhere yet: its place in the file is not the original's */
  dm_event_set_origin (copy, dm_event_get_file (event), 0, 0);
  title = dm_event_dup_display_title (copy);
  /* Translators: a change that can be undone, in "Undo %s"; %s is an event's title */
  self = command_new (COMMAND_ADD, document, copy, g_strdup_printf (_("Duplicate “%s”"), title));
  if (dm_document_find_event (document, event, &position))
    self->position = position + 1;
  return self;
}

const char *
dm_command_get_label (DmCommand *self)
{
  g_return_val_if_fail (DM_IS_COMMAND (self), NULL);
  return self->label;
}

DmEvent *
dm_command_get_event (DmCommand *self)
{
  g_return_val_if_fail (DM_IS_COMMAND (self), NULL);
  return self->event;
}

DmEvent *
dm_command_get_old_event (DmCommand *self)
{
  g_return_val_if_fail (DM_IS_COMMAND (self), NULL);
  return self->kind == COMMAND_REMOVE ? self->event : self->old_event;
}

/* Actors that an edit or a new event brings are added to the document (and stay there
 * when it is undone: the file writes only the actors its events use) */
static void
add_actors (DmCommand *self,
            DmEvent   *event)
{
  GPtrArray *parts = dm_event_get_participants (event);

  if (dm_event_get_actor (event) != NULL)
    dm_document_add_actor (self->document, dm_event_get_actor (event));
  for (guint i = 0; i < parts->len; i++)
    dm_document_add_actor (self->document, g_ptr_array_index (parts, i));
}

void
dm_command_apply (DmCommand *self)
{
  g_return_if_fail (DM_IS_COMMAND (self));

  switch (self->kind)
    {
    case COMMAND_ADD:
      add_actors (self, self->event);
      if (self->position == G_MAXUINT)
        self->position = g_list_model_get_n_items (dm_document_get_events (self->document));
      dm_document_insert_event (self->document, self->position, self->event);
      break;
    case COMMAND_REMOVE:
      if (dm_document_find_event (self->document, self->event, &self->position))
        dm_document_remove_event (self->document, self->event);
      break;
    case COMMAND_CHANGE:
      add_actors (self, self->event);
      dm_document_replace_event (self->document, self->old_event, self->event);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
dm_command_revert (DmCommand *self)
{
  g_return_if_fail (DM_IS_COMMAND (self));

  switch (self->kind)
    {
    case COMMAND_ADD:
      dm_document_remove_event (self->document, self->event);
      break;
    case COMMAND_REMOVE:
      dm_document_insert_event (self->document, self->position, self->event);
      break;
    case COMMAND_CHANGE:
      dm_document_replace_event (self->document, self->event, self->old_event);
      break;
    default:
      g_assert_not_reached ();
    }
}
