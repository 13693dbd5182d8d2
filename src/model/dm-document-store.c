/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include "dm-document-store.h"

/* DmDocumentStore: a document's list of events, actors, places or problems, a GListModel of
 * one type's objects held in an array. GListStore (a GSequence, a tree node per item) made a
 * load of 100,000 events pay for every item twice more: a node built for each in the loaded
 * document, then read and built again by the merge into the window's (issue 15). Here a
 * splice is a copy of pointers, an item is read at its index, and the merge into an empty
 * document takes the loaded document's array as it is (dm_document_store_take_all()).
 * Its changes are those of a GListStore: the same items-changed for each call.
 * Its array may be shared (dm_document_store_set_array(), dm_document_store_dup_array()):
 * a shown document holding the 100,000 events of its source without a reference taken on
 * each, which cost it the reading of every event (issue 15). A shared array is never
 * changed: the store's next change makes an array of its own (copy on write). */
struct _DmDocumentStore
{
  GObject    parent_instance;
  GType      item_type;
  GPtrArray *items;   /* owned references */
  gboolean   shared;  /* @items may be held elsewhere too: copied before a change */
};

static void dm_document_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DmDocumentStore, dm_document_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dm_document_store_list_model_init))

static GType
dm_document_store_get_item_type (GListModel *model)
{
  return DM_DOCUMENT_STORE (model)->item_type;
}

static guint
dm_document_store_get_n_items (GListModel *model)
{
  return DM_DOCUMENT_STORE (model)->items->len;
}

static gpointer
dm_document_store_get_item (GListModel *model,
                            guint       position)
{
  DmDocumentStore *self = DM_DOCUMENT_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
dm_document_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dm_document_store_get_item_type;
  iface->get_n_items = dm_document_store_get_n_items;
  iface->get_item = dm_document_store_get_item;
}

static void
dm_document_store_finalize (GObject *object)
{
  DmDocumentStore *self = DM_DOCUMENT_STORE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (dm_document_store_parent_class)->finalize (object);
}

static void
dm_document_store_class_init (DmDocumentStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dm_document_store_finalize;
}

static void
dm_document_store_init (DmDocumentStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

DmDocumentStore *
dm_document_store_new (GType item_type)
{
  DmDocumentStore *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  self = g_object_new (DM_TYPE_DOCUMENT_STORE, NULL);
  self->item_type = item_type;
  return self;
}

/* A splice into a shared array: a new array of the items kept and the additions, the
 * shared one let go as it is (only the kept items are read, none when all are replaced) */
static void
replace_shared (DmDocumentStore *self,
                guint            position,
                guint            n_removals,
                gpointer        *additions,
                guint            n_additions)
{
  g_autoptr(GPtrArray) old = self->items;
  guint n_after = old->len - position - n_removals;

  self->items = g_ptr_array_new_full (old->len - n_removals + n_additions, g_object_unref);
  self->shared = FALSE;
  for (guint i = 0; i < position; i++)
    g_ptr_array_add (self->items, g_object_ref (old->pdata[i]));
  for (guint i = 0; i < n_additions; i++)
    g_ptr_array_add (self->items, g_object_ref (additions[i]));
  for (guint i = 0; i < n_after; i++)
    g_ptr_array_add (self->items, g_object_ref (old->pdata[position + n_removals + i]));
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}

/* Before a change made in place: an array of its own */
static void
own_items (DmDocumentStore *self)
{
  GPtrArray *old = self->items;

  if (!self->shared)
    return;
  self->items = g_ptr_array_new_full (old->len, g_object_unref);
  self->shared = FALSE;
  for (guint i = 0; i < old->len; i++)
    g_ptr_array_add (self->items, g_object_ref (old->pdata[i]));
  g_ptr_array_unref (old);
}

/**
 * dm_document_store_splice:
 *
 * As g_list_store_splice(): removes @n_removals items at @position and puts @additions
 * there, with one items-changed.
 */
void
dm_document_store_splice (DmDocumentStore *self,
                          guint            position,
                          guint            n_removals,
                          gpointer        *additions,
                          guint            n_additions)
{
  GPtrArray *items;
  gpointer *removed = NULL;

  g_return_if_fail (DM_IS_DOCUMENT_STORE (self));
  items = self->items;
  g_return_if_fail (position <= items->len && n_removals <= items->len - position);
  for (guint i = 0; i < n_additions; i++)
    g_return_if_fail (g_type_is_a (G_OBJECT_TYPE (additions[i]), self->item_type));

  if (self->shared)
    {
      replace_shared (self, position, n_removals, additions, n_additions);
      return;
    }
  /* the removed items are let go after the additions are in: one may be among them */
  if (n_removals > 0)
    removed = g_memdup2 (items->pdata + position, n_removals * sizeof (gpointer));
  if (n_additions > n_removals)
    {
      guint grow = n_additions - n_removals, old_len = items->len;

      g_ptr_array_set_size (items, old_len + grow);
      memmove (items->pdata + position + n_additions, items->pdata + position + n_removals,
               (old_len - position - n_removals) * sizeof (gpointer));
    }
  else if (n_additions < n_removals)
    {
      guint shrink = n_removals - n_additions;

      memmove (items->pdata + position + n_additions, items->pdata + position + n_removals,
               (items->len - position - n_removals) * sizeof (gpointer));
      /* the tail's pointers were moved: cut without freeing them */
      g_ptr_array_set_free_func (items, NULL);
      g_ptr_array_set_size (items, items->len - shrink);
      g_ptr_array_set_free_func (items, g_object_unref);
    }
  for (guint i = 0; i < n_additions; i++)
    items->pdata[position + i] = g_object_ref (additions[i]);
  for (guint i = 0; i < n_removals; i++)
    g_object_unref (removed[i]);
  g_free (removed);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}

void
dm_document_store_append (DmDocumentStore *self,
                          gpointer         item)
{
  g_return_if_fail (DM_IS_DOCUMENT_STORE (self));
  dm_document_store_splice (self, self->items->len, 0, &item, 1);
}

void
dm_document_store_insert (DmDocumentStore *self,
                          guint            position,
                          gpointer         item)
{
  g_return_if_fail (DM_IS_DOCUMENT_STORE (self));
  dm_document_store_splice (self, MIN (position, self->items->len), 0, &item, 1);
}

void
dm_document_store_remove (DmDocumentStore *self,
                          guint            position)
{
  g_return_if_fail (DM_IS_DOCUMENT_STORE (self));
  g_return_if_fail (position < self->items->len);
  dm_document_store_splice (self, position, 1, NULL, 0);
}

void
dm_document_store_remove_all (DmDocumentStore *self)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (DM_IS_DOCUMENT_STORE (self));
  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->shared = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, 0);
}

gboolean
dm_document_store_find (DmDocumentStore *self,
                        gpointer         item,
                        guint           *position)
{
  g_return_val_if_fail (DM_IS_DOCUMENT_STORE (self), FALSE);
  return g_ptr_array_find (self->items, item, position);
}

/**
 * dm_document_store_take_all:
 *
 * Moves every item of @from to the end of @self, in their order, and empties @from: one
 * items-changed on @self, then one on @from, as a splice and a remove-all would give. Into an
 * empty store, @from's array is taken as it is: no item is touched.
 */
void
dm_document_store_take_all (DmDocumentStore *self,
                            DmDocumentStore *from)
{
  GPtrArray *moved;
  guint position, n;

  g_return_if_fail (DM_IS_DOCUMENT_STORE (self));
  g_return_if_fail (DM_IS_DOCUMENT_STORE (from));
  g_return_if_fail (self != from);
  g_return_if_fail (g_type_is_a (from->item_type, self->item_type));

  position = self->items->len;
  n = from->items->len;
  moved = g_steal_pointer (&from->items);
  from->items = g_ptr_array_new_with_free_func (g_object_unref);
  if (position == 0)
    {
      g_ptr_array_unref (self->items);
      self->items = moved;
      self->shared = from->shared;
    }
  else if (!from->shared)
    {
      own_items (self);
      g_ptr_array_extend_and_steal (self->items, moved);   /* the references move with them */
    }
  else
    {
      /* the shared array stays as it is for its other holders */
      own_items (self);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->items, g_object_ref (moved->pdata[i]));
      g_ptr_array_unref (moved);
    }
  from->shared = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n);
  g_list_model_items_changed (G_LIST_MODEL (from), 0, n, 0);
}

/* The items of @from added at the end of @self (@from keeps them too), in one splice */
void
dm_document_store_append_all (DmDocumentStore *self,
                              DmDocumentStore *from)
{
  g_return_if_fail (DM_IS_DOCUMENT_STORE (from));
  g_return_if_fail (self != from);
  dm_document_store_splice (self, dm_document_store_get_length (self), 0, from->items->pdata,
                            from->items->len);
}

guint
dm_document_store_get_length (DmDocumentStore *self)
{
  g_return_val_if_fail (DM_IS_DOCUMENT_STORE (self), 0);
  return self->items->len;
}

/* The item at @position, borrowed (the store keeps it) */
gpointer
dm_document_store_peek (DmDocumentStore *self,
                        guint            position)
{
  g_return_val_if_fail (DM_IS_DOCUMENT_STORE (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return g_ptr_array_index (self->items, position);
}

/**
 * dm_document_store_peek_array:
 *
 * Returns: (transfer none) (element-type GObject): the store's items, to read at once on
 * the thread that changes the store: neither kept nor changed (dm_document_store_dup_array()
 * for a copy to keep)
 */
GPtrArray *
dm_document_store_peek_array (DmDocumentStore *self)
{
  g_return_val_if_fail (DM_IS_DOCUMENT_STORE (self), NULL);
  return self->items;
}

/**
 * dm_document_store_set_array:
 * @items: (element-type GObject): items of the store's type, references @items holds (its
 *   free function g_object_unref), which nobody changes any more
 *
 * Replaces every item by those of @items in one items-changed, as a splice of all would,
 * but @items is kept as it is (a reference on it), not copied: no item is read, whatever
 * their number. The store's next change makes an array of its own.
 */
void
dm_document_store_set_array (DmDocumentStore *self,
                             GPtrArray       *items)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (DM_IS_DOCUMENT_STORE (self));
  g_return_if_fail (items != NULL);
  /* the first item only: reading every one is what this call saves */
  g_return_if_fail (items->len == 0 ||
                    g_type_is_a (G_OBJECT_TYPE (items->pdata[0]), self->item_type));

  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_ref (items);
  self->shared = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, items->len);
}

/**
 * dm_document_store_dup_array:
 *
 * The store's items as they are now, for dm_document_store_set_array() or a thread: the
 * store's own array, shared, never changed from now on (the store's next change makes an
 * array of its own).
 * Returns: (transfer full) (element-type GObject): the array, its items' references in it
 */
GPtrArray *
dm_document_store_dup_array (DmDocumentStore *self)
{
  g_return_val_if_fail (DM_IS_DOCUMENT_STORE (self), NULL);
  self->shared = TRUE;
  return g_ptr_array_ref (self->items);
}
