/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dm-i18n.h"

/* gettext has one language per process (LANGUAGE, LC_MESSAGES), but the export dialog lets a
 * French analyst make an English figure while the window stays French. A thread that draws a
 * figure sets its language here; the figure's texts (_() and C_() in the files that define
 * DM_I18N_THREAD_MESSAGES) then come from that language's catalogue, the same .mo gettext
 * reads, loaded once and read-only afterwards, so any thread may use it. "en" is the msgids
 * themselves. A thread without a language of its own uses gettext as usual. */

typedef struct
{
  char       *language;
  GHashTable *messages;  /* "msgid" or "context\004msgid" -> msgstr; NULL for English */
  GHashTable *plurals;   /* a plural message's "msgid" -> its forms (GStrv) */
} Catalogue;

static GPrivate thread_catalogue;  /* const Catalogue *, never freed */
static GMutex catalogues_lock;
static GHashTable *catalogues;      /* language -> Catalogue * */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swap)
{
  guint32 v;

  memcpy (&v, data + offset, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The messages of a GNU .mo file (magic, revision, count, offsets of the original and the
 * translated strings' tables) */
static GHashTable *
read_mo (GBytes      *bytes,
         GHashTable **plurals)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GHashTable *messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean swap;

  *plurals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  guint32 n, originals, translations;

  if (size < 28)
    return messages;
  if (read_u32 (data, 0, FALSE) == 0x950412de)
    swap = FALSE;
  else if (read_u32 (data, 0, TRUE) == 0x950412de)
    swap = TRUE;
  else
    return messages;
  n = read_u32 (data, 8, swap);
  originals = read_u32 (data, 12, swap);
  translations = read_u32 (data, 16, swap);
  if (originals > size || translations > size || n > (size - MAX (originals, translations)) / 8)
    return messages;
  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len = read_u32 (data, originals + 8 * i, swap);
      guint32 id_at = read_u32 (data, originals + 8 * i + 4, swap);
      guint32 str_len = read_u32 (data, translations + 8 * i, swap);
      guint32 str_at = read_u32 (data, translations + 8 * i + 4, swap);

      if (id_len == 0 || id_at > size || id_len > size - id_at || str_at > size ||
          str_len > size - str_at)
        continue;
      g_hash_table_insert (messages, g_strndup ((const char *) data + id_at, id_len),
                           g_strndup ((const char *) data + str_at, str_len));
      /* a plural message: "singular\0plural" -> "form 0\0form 1\0…" */
      if (memchr (data + id_at, '\0', id_len) != NULL)
        {
          GPtrArray *forms = g_ptr_array_new ();
          const char *form = (const char *) data + str_at, *end = form + str_len;

          while (form < end)
            {
              gsize len = strnlen (form, (gsize) (end - form));

              g_ptr_array_add (forms, g_strndup (form, len));
              form += len + 1;
            }
          g_ptr_array_add (forms, NULL);
          g_hash_table_insert (*plurals, g_strndup ((const char *) data + id_at, id_len),
                               g_ptr_array_free (forms, FALSE));
        }
    }
  return messages;
}

/* @language's catalogue in the folder gettext was bound to: "fr_FR", else "fr" */
static GHashTable *
load_messages (const char  *language,
               GHashTable **plurals)
{
  const char *localedir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *base = g_strndup (language, strcspn (language, ".@"));
  g_autofree char *short_code = g_strndup (language, strcspn (language, "_.@"));
  const char *codes[] = { base, short_code };

  for (guint i = 0; localedir != NULL && i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *path = g_build_filename (localedir, codes[i], "LC_MESSAGES",
                                                GETTEXT_PACKAGE ".mo", NULL);
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (file == NULL)
        continue;
      bytes = g_mapped_file_get_bytes (file);
      return read_mo (bytes, plurals);
    }
  return NULL;
}

static gboolean
is_english (const char *language)
{
  return g_str_equal (language, "en") || g_str_has_prefix (language, "en_") ||
         g_str_equal (language, "C");
}

static const Catalogue *
get_catalogue (const char *language)
{
  Catalogue *catalogue;

  g_mutex_lock (&catalogues_lock);
  if (catalogues == NULL)
    catalogues = g_hash_table_new (g_str_hash, g_str_equal);
  catalogue = g_hash_table_lookup (catalogues, language);
  if (catalogue == NULL)
    {
      catalogue = g_new0 (Catalogue, 1);
      catalogue->language = g_strdup (language);
      catalogue->messages = is_english (language) ? NULL
                                                  : load_messages (language, &catalogue->plurals);
      g_hash_table_insert (catalogues, catalogue->language, catalogue);
    }
  g_mutex_unlock (&catalogues_lock);
  return catalogue;
}

/**
 * dm_i18n_has_language:
 *
 * Whether texts can be had in @language: English, or a catalogue is installed for it.
 */
gboolean
dm_i18n_has_language (const char *language)
{
  const Catalogue *catalogue;

  g_return_val_if_fail (language != NULL, FALSE);
  catalogue = get_catalogue (language);
  return catalogue->messages != NULL || is_english (language);
}

/**
 * dm_i18n_set_thread_language:
 * @language: (nullable): "en", "fr", "ko"...; %NULL: the process's, through gettext
 *
 * The language of the messages this thread's figure texts use from now on.
 */
void
dm_i18n_set_thread_language (const char *language)
{
  g_private_set (&thread_catalogue, language != NULL ? (gpointer) get_catalogue (language) : NULL);
}

/**
 * dm_i18n_get_thread_language:
 *
 * Returns: (nullable): the language dm_i18n_set_thread_language() set for this thread
 */
const char *
dm_i18n_get_thread_language (void)
{
  const Catalogue *catalogue = g_private_get (&thread_catalogue);

  return catalogue != NULL ? catalogue->language : NULL;
}

static const char *
lookup (const Catalogue *catalogue,
        const char      *key,
        const char      *msgid)
{
  const char *msgstr = catalogue->messages ? g_hash_table_lookup (catalogue->messages, key) : NULL;

  return msgstr != NULL && *msgstr != '\0' ? msgstr : msgid;
}

const char *
dm_i18n_gettext (const char *msgid)
{
  const Catalogue *catalogue = g_private_get (&thread_catalogue);

  if (catalogue == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  return lookup (catalogue, msgid, msgid);
}

const char *
dm_i18n_pgettext (const char *context,
                  const char *msgid)
{
  const Catalogue *catalogue = g_private_get (&thread_catalogue);
  g_autofree char *key = NULL;

  if (catalogue == NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
  key = g_strconcat (context, "\004", msgid, NULL);
  return lookup (catalogue, key, msgid);
}

/* Which of a language's plural forms @n takes: the rules of the Plural-Forms headers of the
 * languages we ship (po/LINGUAS); others as English */
static guint
plural_form (const char *language,
             gulong      n)
{
  if (g_str_has_prefix (language, "ko") || g_str_has_prefix (language, "ja") ||
      g_str_has_prefix (language, "zh"))
    return 0;
  if (g_str_has_prefix (language, "fr"))
    return n > 1;
  if (g_str_has_prefix (language, "ru") || g_str_has_prefix (language, "uk"))
    return n % 10 == 1 && n % 100 != 11 ? 0
         : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
  return n != 1;
}

/**
 * dm_i18n_ngettext:
 * The form of a message counting @n in the thread's language (dm_i18n_set_thread_language()),
 * else the process's, through gettext.
 */
const char *
dm_i18n_ngettext (const char *msgid,
                  const char *msgid_plural,
                  gulong      n)
{
  const Catalogue *catalogue = g_private_get (&thread_catalogue);
  GStrv forms;
  guint form;

  if (catalogue == NULL)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  forms = catalogue->plurals != NULL ? g_hash_table_lookup (catalogue->plurals, msgid) : NULL;
  form = plural_form (catalogue->language, n);
  if (forms == NULL || form >= g_strv_length (forms) || *forms[form] == '\0')
    return n == 1 ? msgid : msgid_plural;
  return forms[form];
}
