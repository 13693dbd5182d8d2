/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include "dm-undo-stack.h"

/**
 * DmUndoStack:
 *
 * The commands applied to a document, in order, and how many of them are in effect
 * (docs/EDITING.md). Undo reverts the last one in effect, redo applies the next one. The
 * document is modified when the number in effect differs from the one last saved.
 *
 * #DmUndoStack::changed is emitted after a command is applied or reverted, with the
 * command and whether it was reverted, so the window updates its views and selection.
 */
struct _DmUndoStack
{
  GObject    parent_instance;
  GPtrArray *commands;  /* DmCommand */
  guint      applied;   /* the first @applied commands are in effect */
  gint64     saved;     /* @applied when last saved, or -1: that state can no longer return */
};

G_DEFINE_FINAL_TYPE (DmUndoStack, dm_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
dm_undo_stack_finalize (GObject *object)
{
  DmUndoStack *self = DM_UNDO_STACK (object);

  g_clear_pointer (&self->commands, g_ptr_array_unref);

  G_OBJECT_CLASS (dm_undo_stack_parent_class)->finalize (object);
}

static void
dm_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DmUndoStack *self = DM_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dm_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dm_undo_stack_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, dm_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, dm_undo_stack_get_redo_label (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, dm_undo_stack_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_undo_stack_class_init (DmUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dm_undo_stack_finalize;
  object_class->get_property = dm_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DmUndoStack::changed:
   * @command: the command applied or reverted
   * @reverted: whether it was reverted (undone)
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, DM_TYPE_COMMAND, G_TYPE_BOOLEAN);
}

static void
dm_undo_stack_init (DmUndoStack *self)
{
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
}

DmUndoStack *
dm_undo_stack_new (void)
{
  return g_object_new (DM_TYPE_UNDO_STACK, NULL);
}

/* Notifies what may have changed, from the state before the change */
static void
notify_changes (DmUndoStack *self,
                gboolean     could_undo,
                gboolean     could_redo,
                gboolean     was_modified)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (could_undo != dm_undo_stack_can_undo (self))
    g_object_notify_by_pspec (object, properties[PROP_CAN_UNDO]);
  if (could_redo != dm_undo_stack_can_redo (self))
    g_object_notify_by_pspec (object, properties[PROP_CAN_REDO]);
  if (was_modified != dm_undo_stack_get_modified (self))
    g_object_notify_by_pspec (object, properties[PROP_MODIFIED]);
  /* the labels change with every step */
  g_object_notify_by_pspec (object, properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (object, properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (object);
}

void
dm_undo_stack_push (DmUndoStack *self,
                    DmCommand   *command)
{
  gboolean could_undo, could_redo, was_modified;

  g_return_if_fail (DM_IS_UNDO_STACK (self));
  g_return_if_fail (DM_IS_COMMAND (command));

  could_undo = dm_undo_stack_can_undo (self);
  could_redo = dm_undo_stack_can_redo (self);
  was_modified = dm_undo_stack_get_modified (self);
  if (self->saved > (gint64) self->applied)
    self->saved = -1;
  g_ptr_array_set_size (self->commands, self->applied);
  g_ptr_array_add (self->commands, g_object_ref (command));
  dm_command_apply (command);
  self->applied++;
  notify_changes (self, could_undo, could_redo, was_modified);
  g_signal_emit (self, signals[CHANGED], 0, command, FALSE);
}

gboolean
dm_undo_stack_undo (DmUndoStack *self)
{
  gboolean could_redo, was_modified;
  DmCommand *command;

  g_return_val_if_fail (DM_IS_UNDO_STACK (self), FALSE);
  if (!dm_undo_stack_can_undo (self))
    return FALSE;
  could_redo = dm_undo_stack_can_redo (self);
  was_modified = dm_undo_stack_get_modified (self);
  command = g_ptr_array_index (self->commands, --self->applied);
  dm_command_revert (command);
  notify_changes (self, TRUE, could_redo, was_modified);
  g_signal_emit (self, signals[CHANGED], 0, command, TRUE);
  return TRUE;
}

gboolean
dm_undo_stack_redo (DmUndoStack *self)
{
  gboolean could_undo, was_modified;
  DmCommand *command;

  g_return_val_if_fail (DM_IS_UNDO_STACK (self), FALSE);
  if (!dm_undo_stack_can_redo (self))
    return FALSE;
  could_undo = dm_undo_stack_can_undo (self);
  was_modified = dm_undo_stack_get_modified (self);
  command = g_ptr_array_index (self->commands, self->applied++);
  dm_command_apply (command);
  notify_changes (self, could_undo, TRUE, was_modified);
  g_signal_emit (self, signals[CHANGED], 0, command, FALSE);
  return TRUE;
}

gboolean
dm_undo_stack_can_undo (DmUndoStack *self)
{
  g_return_val_if_fail (DM_IS_UNDO_STACK (self), FALSE);
  return self->applied > 0;
}

gboolean
dm_undo_stack_can_redo (DmUndoStack *self)
{
  g_return_val_if_fail (DM_IS_UNDO_STACK (self), FALSE);
  return self->applied < self->commands->len;
}

const char *
dm_undo_stack_get_undo_label (DmUndoStack *self)
{
  g_return_val_if_fail (DM_IS_UNDO_STACK (self), NULL);
  if (self->applied == 0)
    return NULL;
  return dm_command_get_label (g_ptr_array_index (self->commands, self->applied - 1));
}

const char *
dm_undo_stack_get_redo_label (DmUndoStack *self)
{
  g_return_val_if_fail (DM_IS_UNDO_STACK (self), NULL);
  if (self->applied >= self->commands->len)
    return NULL;
  return dm_command_get_label (g_ptr_array_index (self->commands, self->applied));
}

gboolean
dm_undo_stack_get_modified (DmUndoStack *self)
{
  g_return_val_if_fail (DM_IS_UNDO_STACK (self), FALSE);
  return self->saved != (gint64) self->applied;
}

void
dm_undo_stack_set_saved (DmUndoStack *self)
{
  gboolean was_modified;

  g_return_if_fail (DM_IS_UNDO_STACK (self));
  was_modified = dm_undo_stack_get_modified (self);
  self->saved = self->applied;
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
dm_undo_stack_set_unsaved (DmUndoStack *self)
{
  gboolean was_modified;

  g_return_if_fail (DM_IS_UNDO_STACK (self));
  was_modified = dm_undo_stack_get_modified (self);
  self->saved = -1;
  if (!was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
dm_undo_stack_clear (DmUndoStack *self)
{
  gboolean could_undo, could_redo, was_modified;

  g_return_if_fail (DM_IS_UNDO_STACK (self));
  could_undo = dm_undo_stack_can_undo (self);
  could_redo = dm_undo_stack_can_redo (self);
  was_modified = dm_undo_stack_get_modified (self);
  g_ptr_array_set_size (self->commands, 0);
  self->applied = 0;
  self->saved = 0;
  notify_changes (self, could_undo, could_redo, was_modified);
}
