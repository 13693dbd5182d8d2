/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <string.h>

#include "dm-json-positions-private.h"

/* A reader for pieces of strict JSON (dm_json_split_member_list() vouches for them) that
 * builds the nodes json-glib's parser would, and records where each object and list starts
 * as it meets them: no tokenizer of json-glib's (a third of a load, much of it strchr on
 * its character sets), and no second scan for positions. What it cannot read exactly as
 * json-glib does (an integer too long for 64 bits, which json-glib wraps) it leaves to
 * json-glib. */

typedef struct
{
  DmJsonPositions *into;
  const char      *p, *end;
  guint            line;
  const char      *column_at;   /* where @column was counted to */
  guint            column;
  gboolean         failed;
} Reader;

/* The column of @r->p: characters since the last one counted (UTF-8 continuation bytes do
 * not count), as the scan in dm-json-positions.c counts them */
static guint
column_of (Reader *r)
{
  for (const char *q = r->column_at + 1; q <= r->p; q++)
    if (((guchar) *q & 0xC0) != 0x80)
      r->column++;
  r->column_at = r->p;
  return r->column;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end)
    {
      switch (*r->p)
        {
        case '\n':
          r->line++;
          r->p++;
          r->column_at = r->p;
          r->column = 1;
          break;
        case ' ':
        case '\t':
        case '\r':
          r->p++;
          break;
        default:
          return;
        }
    }
}

static JsonNode *
fail (Reader *r)
{
  r->failed = TRUE;
  return NULL;
}

/* The string at @r->p into @out, decoded; FALSE if it is not strict JSON */
static gboolean
read_string (Reader  *r,
             GString *out)
{
  g_string_truncate (out, 0);
  r->p++;
  for (;;)
    {
      const char *run = r->p;
      gunichar c;

      while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (guchar) *r->p >= 0x20)
        r->p++;
      g_string_append_len (out, run, r->p - run);
      if (r->p >= r->end || (guchar) *r->p < 0x20)
        return FALSE;
      if (*r->p++ == '"')
        return TRUE;
      if (r->p >= r->end)
        return FALSE;
      switch (*r->p++)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          if (r->end - r->p < 4)
            return FALSE;
          c = 0;
          for (guint i = 0; i < 4; i++, r->p++)
            {
              if (!g_ascii_isxdigit (*r->p))
                return FALSE;
              c = c << 4 | g_ascii_xdigit_value (*r->p);
            }
          if (c >= 0xD800 && c < 0xDC00)
            {
              gunichar low = 0;

              if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u')
                return FALSE;
              r->p += 2;
              for (guint i = 0; i < 4; i++, r->p++)
                {
                  if (!g_ascii_isxdigit (*r->p))
                    return FALSE;
                  low = low << 4 | g_ascii_xdigit_value (*r->p);
                }
              if (low < 0xDC00 || low >= 0xE000)
                return FALSE;
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            }
          else if (c == 0 || (c >= 0xDC00 && c < 0xE000))
            return FALSE;
          g_string_append_unichar (out, c);
          break;
        default:
          return FALSE;
        }
    }
}

static JsonNode *
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean is_double = FALSE;
  guint digits = 0;
  gint64 value = 0;

  if (*r->p == '-')
    r->p++;
  while (r->p < r->end && g_ascii_isdigit (*r->p))
    {
      /* past 18 digits the value is not ours to read (below): never overflowed */
      if (digits < 18)
        value = value * 10 + (*r->p - '0');
      r->p++;
      digits++;
    }
  if (digits == 0 || (digits > 1 && start[*start == '-'] == '0'))
    return fail (r);
  if (r->p < r->end && *r->p == '.')
    {
      is_double = TRUE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return fail (r);
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      is_double = TRUE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return fail (r);
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (is_double)
    {
      char buffer[64];
      gsize n = r->p - start;

      if (n >= sizeof buffer)
        return fail (r);
      memcpy (buffer, start, n);
      buffer[n] = '\0';
      return json_node_init_double (json_node_alloc (), g_ascii_strtod (buffer, NULL));
    }
  /* json-glib wraps what does not fit in 64 bits: left to it */
  if (digits > 18)
    return fail (r);
  return json_node_init_int (json_node_alloc (), *start == '-' ? -value : value);
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    return FALSE;
  r->p += n;
  return TRUE;
}

static JsonNode *read_value (Reader *r, GString *buffer);

static JsonNode *
read_object (Reader  *r,
             GString *buffer)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), object);
  DmJsonPosition at = { r->p - r->into->data, r->line, column_of (r) };

  json_object_unref (object);
  dm_json_positions_record (r->into, object, &at);
  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return node;
    }
  while (!r->failed)
    {
      g_autofree char *long_name = NULL;
      char short_name[64];
      const char *name;
      JsonNode *value;

      if (r->p >= r->end || *r->p != '"' || !read_string (r, buffer))
        break;
      /* kept while @buffer reads the value; json_object_set_member() copies it */
      if (buffer->len < sizeof short_name)
        name = memcpy (short_name, buffer->str, buffer->len + 1);
      else
        name = long_name = g_strndup (buffer->str, buffer->len);
      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        break;
      r->p++;
      skip_space (r);
      if ((value = read_value (r, buffer)) == NULL)
        break;
      json_object_set_member (object, name, value);
      skip_space (r);
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          return node;
        }
      if (r->p >= r->end || *r->p != ',')
        break;
      r->p++;
      skip_space (r);
    }
  json_node_unref (node);
  return fail (r);
}

static JsonNode *
read_array (Reader  *r,
            GString *buffer)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_init_array (json_node_alloc (), array);
  DmJsonPosition at = { r->p - r->into->data, r->line, column_of (r) };

  json_array_unref (array);
  dm_json_positions_record (r->into, array, &at);
  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return node;
    }
  while (!r->failed)
    {
      JsonNode *value = read_value (r, buffer);

      if (value == NULL)
        break;
      json_array_add_element (array, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          return node;
        }
      if (r->p >= r->end || *r->p != ',')
        break;
      r->p++;
      skip_space (r);
    }
  json_node_unref (node);
  return fail (r);
}

static JsonNode *
read_value (Reader  *r,
            GString *buffer)
{
  if (r->p >= r->end)
    return fail (r);
  switch (*r->p)
    {
    case '{':
      return read_object (r, buffer);
    case '[':
      return read_array (r, buffer);
    case '"':
      if (!read_string (r, buffer))
        return fail (r);
      return json_node_init_string (json_node_alloc (), buffer->str);
    case 't':
      return read_word (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : fail (r);
    case 'f':
      return read_word (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : fail (r);
    case 'n':
      return read_word (r, "null") ? json_node_init_null (json_node_alloc ()) : fail (r);
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r);
      return fail (r);
    }
}

/**
 * dm_json_positions_parse:
 *
 * Reads the piece of strict JSON given to dm_json_positions_reset() into nodes (not sealed,
 * unlike an immutable JsonParser's: the loader only reads them, and sealing would walk and
 * hash the piece again), and records where its objects and lists start.
 * Returns: (transfer full) (nullable): the piece's value; %NULL if it is not strict JSON or
 *   json-glib would read it another way: then parse it with the JsonParser given to
 *   dm_json_positions_new() and reset again
 */
JsonNode *
dm_json_positions_parse (DmJsonPositions *self)
{
  Reader r = { self, self->data, self->data + self->length, self->line, self->data, self->column };
  JsonNode *root;

  root = read_value (&r, self->name);
  skip_space (&r);
  if (root != NULL && r.p < r.end)
    g_clear_pointer (&root, json_node_unref);
  if (root == NULL)
    {
      g_hash_table_remove_all (self->containers);
      g_array_set_size (self->positions, 0);
      return NULL;
    }
  /* not sealed: sealing walks the whole piece again and hashes every member (a fifth of
   * this reader's time), and nothing changes what the loader reads */
  self->scanned = TRUE;
  return root;
}
