/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "dm-json-positions.h"

/* json-glib 1.6 keeps no positions in its nodes, and the parser's position when it
 * signals a member is past the value (often past the comma after it). So the signals
 * only number the containers and members in the order the parser meets them, and a
 * scan of the text of our own, which meets them in the same order, finds where each
 * one starts. The scan also finds where a text that is not JSON goes wrong: json-glib
 * reports the token before the fault, with a reason that names the wrong token. */

typedef struct
{
  guint line, column;           /* where the value starts */
} Position;

struct _DmJsonPositions
{
  JsonParser *parser;
  const char *data;
  gsize       length;
  guint       n_seen;       /* starts and members signalled so far */
  GArray     *stack;        /* guint: the number of each open container's start */
  GHashTable *containers;   /* JsonObject* or JsonArray* -> number + 1 */
  GHashTable *members;      /* the JsonNode of a member or element -> number + 1 */
  GArray     *positions;    /* Position, by number; filled on the first lookup */
  gboolean    scanned;
  gulong      handlers[6];
};

static void
container_start_cb (JsonParser      *parser,
                    DmJsonPositions *self)
{
  g_array_append_val (self->stack, self->n_seen);
  self->n_seen++;
}

static void
container_end_cb (JsonParser      *parser,
                  gpointer         container,
                  DmJsonPositions *self)
{
  guint number;

  if (self->stack->len == 0)
    return;
  number = g_array_index (self->stack, guint, self->stack->len - 1);
  g_array_set_size (self->stack, self->stack->len - 1);
  g_hash_table_insert (self->containers, container, GUINT_TO_POINTER (number + 1));
}

static void
object_member_cb (JsonParser      *parser,
                  JsonObject      *object,
                  const char      *member,
                  DmJsonPositions *self)
{
  /* json-glib sets the member before it signals it: its node is the key (no allocation;
   * a member given twice keeps the last, as json-glib does) */
  g_hash_table_insert (self->members, json_object_get_member (object, member),
                       GUINT_TO_POINTER (++self->n_seen));
}

static void
array_element_cb (JsonParser      *parser,
                  JsonArray       *array,
                  int              index,
                  DmJsonPositions *self)
{
  g_hash_table_insert (self->members, json_array_get_element (array, index),
                       GUINT_TO_POINTER (++self->n_seen));
}

/**
 * dm_json_positions_new:
 * @data: the text @parser will parse; it must live as long as the result
 */
DmJsonPositions *
dm_json_positions_new (JsonParser *parser,
                       const char *data,
                       gsize       length)
{
  DmJsonPositions *self = g_new0 (DmJsonPositions, 1);

  self->parser = g_object_ref (parser);
  self->data = data;
  self->length = length;
  self->stack = g_array_new (FALSE, FALSE, sizeof (guint));
  self->containers = g_hash_table_new (NULL, NULL);
  self->members = g_hash_table_new (NULL, NULL);
  self->positions = g_array_new (FALSE, TRUE, sizeof (Position));
  self->handlers[0] = g_signal_connect (parser, "object-start", G_CALLBACK (container_start_cb), self);
  self->handlers[1] = g_signal_connect (parser, "object-end", G_CALLBACK (container_end_cb), self);
  self->handlers[2] = g_signal_connect (parser, "array-start", G_CALLBACK (container_start_cb), self);
  self->handlers[3] = g_signal_connect (parser, "array-end", G_CALLBACK (container_end_cb), self);
  self->handlers[4] = g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), self);
  self->handlers[5] = g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), self);
  return self;
}

void
dm_json_positions_free (DmJsonPositions *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_signal_handler_disconnect (self->parser, self->handlers[i]);
  g_object_unref (self->parser);
  g_array_unref (self->stack);
  g_hash_table_unref (self->containers);
  g_hash_table_unref (self->members);
  g_array_unref (self->positions);
  g_free (self);
}

/* The scan: as lenient as json-glib (comments, single quotes, hex numbers), and it
 * numbers starts and members as json-glib's signals do. Columns count characters. */
typedef struct
{
  const char *p, *end;
  guint       line, column;
  GArray     *out;          /* Position, or NULL when only looking for a fault */
  const char *reason;       /* why the text is not JSON, at line:column */
  guint       depth;        /* objects and lists open */
} Scan;

static void
advance (Scan *s)
{
  if (*s->p == '\n')
    {
      s->line++;
      s->column = 1;
      s->p++;
      return;
    }
  s->p++;
  /* a column is a character: the continuation bytes of UTF-8 do not count */
  if (s->p >= s->end || ((guchar) *s->p & 0xC0) != 0x80)
    s->column++;
}

static void
skip_space (Scan *s)
{
  while (s->p < s->end)
    {
      if (g_ascii_isspace (*s->p))
        advance (s);
      else if (*s->p == '/' && s->p + 1 < s->end && s->p[1] == '*')
        {
          advance (s);
          advance (s);
          while (s->p < s->end && !(*s->p == '*' && s->p + 1 < s->end && s->p[1] == '/'))
            advance (s);
          if (s->p < s->end)
            {
              advance (s);
              advance (s);
            }
        }
      else
        break;
    }
}

static gboolean
fail (Scan       *s,
      const char *reason)
{
  s->reason = s->p < s->end ? reason : _("the text ends too early");
  return FALSE;
}

static Position *
record (Scan  *s,
        guint *number)
{
  if (s->out == NULL)
    return NULL;
  if (*number >= s->out->len)
    g_array_set_size (s->out, *number + 1);
  return &g_array_index (s->out, Position, (*number)++);
}

static gboolean
scan_string (Scan *s)
{
  char quote = *s->p;

  advance (s);
  while (s->p < s->end && *s->p != quote)
    {
      if (*s->p == '\\' && s->p + 1 < s->end)
        advance (s);
      advance (s);
    }
  if (s->p >= s->end)
    return fail (s, NULL);
  advance (s);
  return TRUE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '+' || c == '-' || c == '_';
}

/* true, false, null or a number (json-glib also takes 0x1F, .5 and 01) */
static gboolean
scan_word (Scan *s)
{
  const char *start = s->p;
  g_autofree char *word = NULL;
  const char *w;

  while (s->p < s->end && is_word_char (*s->p))
    s->p++;
  word = g_strndup (start, s->p - start);
  s->p = start;
  if (*word == '\0')
    return fail (s, _("a value was expected here"));
  if (g_str_equal (word, "true") || g_str_equal (word, "false") || g_str_equal (word, "null"))
    goto ok;
  w = word + (*word == '-');
  if (g_ascii_strncasecmp (w, "0x", 2) == 0 && w[2] != '\0' &&
      strspn (w + 2, "0123456789abcdefABCDEF") == strlen (w + 2))
    goto ok;
  if (g_ascii_isdigit (*w) || (*w == '.' && g_ascii_isdigit (w[1])))
    {
      char *rest = NULL;
      g_ascii_strtod (w, &rest);
      if (rest != NULL && *rest == '\0')
        goto ok;
    }
  return fail (s, _("this is not a value (a value is a string in double quotes, a number, true, false, null, an object or a list)"));
ok:
  for (gsize i = strlen (word); i > 0; i--)
    advance (s);
  return TRUE;
}

/* Past a comma and the space after it; a closing bracket next is reported at the comma */
static gboolean
skip_comma (Scan *s,
            char  close)
{
  guint line = s->line, column = s->column;

  advance (s);
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->line = line;
      s->column = column;
      return fail (s, _("a comma after the last item of a list or object"));
    }
  return TRUE;
}

static gboolean scan_value (Scan *s, guint *number);

static gboolean
scan_object (Scan  *s,
             guint *number)
{
  advance (s);
  skip_space (s);
  if (s->p < s->end && *s->p == '}')
    {
      advance (s);
      return TRUE;
    }
  for (;;)
    {
      Position *at;

      if (s->p >= s->end || (*s->p != '"' && *s->p != '\''))
        return fail (s, _("a member name in double quotes was expected here"));
      scan_string (s);
      skip_space (s);
      if (s->p >= s->end || *s->p != ':')
        return fail (s, _("“:” was expected here, after the member name"));
      advance (s);
      skip_space (s);
      {
        guint line = s->line, column = s->column;

        if (!scan_value (s, number))
          return FALSE;
        /* json-glib signals a member once its value is read */
        if ((at = record (s, number)) != NULL)
          *at = (Position) { line, column };
      }
      skip_space (s);
      if (s->p < s->end && *s->p == '}')
        {
          advance (s);
          return TRUE;
        }
      if (s->p >= s->end || *s->p != ',')
        return fail (s, _("“,” or “}” was expected here"));
      if (!skip_comma (s, '}'))
        return FALSE;
    }
}

static gboolean
scan_array (Scan  *s,
            guint *number)
{
  advance (s);
  skip_space (s);
  if (s->p < s->end && *s->p == ']')
    {
      advance (s);
      return TRUE;
    }
  for (;;)
    {
      guint line = s->line, column = s->column;
      Position *at;

      if (!scan_value (s, number))
        return FALSE;
      if ((at = record (s, number)) != NULL)
        *at = (Position) { line, column };
      skip_space (s);
      if (s->p < s->end && *s->p == ']')
        {
          advance (s);
          return TRUE;
        }
      if (s->p >= s->end || *s->p != ',')
        return fail (s, _("“,” or “]” was expected here"));
      if (!skip_comma (s, ']'))
        return FALSE;
    }
}

static gboolean
scan_value (Scan  *s,
            guint *number)
{
  Position *at;

  if (s->p >= s->end)
    return fail (s, NULL);
  switch (*s->p)
    {
    case '{':
    case '[':
      {
        gboolean ok;

        /* dm_json_positions_check_depth() turned such a text away before: this guards
         * the recursion only */
        if (s->depth >= DM_JSON_MAX_DEPTH)
          return fail (s, _("lists and objects are nested too deep"));
        if ((at = record (s, number)) != NULL)
          *at = (Position) { s->line, s->column };
        s->depth++;
        ok = *s->p == '{' ? scan_object (s, number) : scan_array (s, number);
        s->depth--;
        return ok;
      }
    case '"':
    case '\'':
      return scan_string (s);
    default:
      return scan_word (s);
    }
}

/* Scans the whole text; FALSE with @s->reason at the fault if it is not JSON */
static gboolean
scan (Scan       *s,
      const char *data,
      gsize       length,
      GArray     *out)
{
  guint number = 0;

  *s = (Scan) { data, data + length, 1, 1, out, NULL, 0 };
  skip_space (s);
  if (!scan_value (s, &number))
    return FALSE;
  skip_space (s);
  if (s->p < s->end)
    return fail (s, _("the text goes on after the end of the JSON value"));
  return TRUE;
}

/**
 * dm_json_positions_check_depth:
 *
 * Whether @data nests objects and lists at most %DM_JSON_MAX_DEPTH deep. json-glib
 * parses by recursion with no limit, so a text of 100,000 `[` overflows the stack: this
 * loop, which recurses nowhere, runs before it. Strings and comments are skipped as
 * json-glib skips them.
 * Returns: %FALSE with where the first object or list too deep opens
 */
gboolean
dm_json_positions_check_depth (const char *data,
                               gsize       length,
                               guint      *line,
                               guint      *column)
{
  Scan s = { data, data + length, 1, 1, NULL, NULL, 0 };

  while (s.p < s.end)
    {
      switch (*s.p)
        {
        case '"':
        case '\'':
          scan_string (&s);
          continue;
        case '/':
          if (s.p + 1 < s.end && s.p[1] == '*')
            {
              skip_space (&s);
              continue;
            }
          break;
        case '{':
        case '[':
          if (++s.depth > DM_JSON_MAX_DEPTH)
            {
              *line = s.line;
              *column = s.column;
              return FALSE;
            }
          break;
        case '}':
        case ']':
          if (s.depth > 0)
            s.depth--;
          break;
        default:
          break;
        }
      advance (&s);
    }
  return TRUE;
}

static Position *
find (DmJsonPositions *self,
      gpointer         number)
{
  guint n = GPOINTER_TO_UINT (number);

  if (!self->scanned)
    {
      Scan s;

      self->scanned = TRUE;
      if (!scan (&s, self->data, self->length, self->positions))
        g_array_set_size (self->positions, 0);
    }
  if (n == 0 || n > self->positions->len)
    return NULL;
  return &g_array_index (self->positions, Position, n - 1);
}

static gboolean
unpack (const Position *at,
        guint          *line,
        guint          *column)
{
  if (at == NULL)
    return FALSE;
  *line = at->line;
  *column = at->column;
  return TRUE;
}

gboolean
dm_json_positions_lookup (DmJsonPositions *self,
                          JsonNode        *node,
                          guint           *line,
                          guint           *column)
{
  gpointer key = NULL;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    key = json_node_get_object (node);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    key = json_node_get_array (node);
  return key != NULL && unpack (find (self, g_hash_table_lookup (self->containers, key)), line, column);
}

gboolean
dm_json_positions_lookup_member (DmJsonPositions *self,
                                 JsonObject      *object,
                                 const char      *member,
                                 guint           *line,
                                 guint           *column)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && unpack (find (self, g_hash_table_lookup (self->members, node)), line, column);
}

gboolean
dm_json_positions_lookup_element (DmJsonPositions *self,
                                  JsonArray       *array,
                                  guint            index,
                                  guint           *line,
                                  guint           *column)
{
  JsonNode *node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  return node != NULL && unpack (find (self, g_hash_table_lookup (self->members, node)), line, column);
}

/**
 * dm_json_positions_explain_error:
 * @parse_error: what json_parser_load_from_data() said
 *
 * Where the text stops being JSON (the start of the first token that cannot be
 * there) and why, translated. Falls back to json-glib's position and reason when our
 * scan finds no fault.
 * Returns: (transfer full): the reason
 */
char *
dm_json_positions_explain_error (DmJsonPositions *self,
                                 const GError    *parse_error,
                                 guint           *line,
                                 guint           *column)
{
  const char *detail = parse_error->message;
  const char *colon, *bad;
  Scan s;

  /* json-glib says "JSON data must be UTF-8 encoded" with no position */
  if (!g_utf8_validate_len (self->data, self->length, &bad))
    {
      s = (Scan) { self->data, bad, 1, 1, NULL, NULL, 0 };
      while (s.p < s.end)
        advance (&s);
      *line = s.line;
      *column = s.column;
      /* Translators: %02X is a byte in hexadecimal */
      return g_strdup_printf (_("the text is not UTF-8 here (a byte %02X)"), (guchar) *bad);
    }
  if (!scan (&s, self->data, self->length, NULL))
    {
      *line = s.line;
      *column = s.column;
      return g_strdup (s.reason);
    }
  *line = json_parser_get_current_line (self->parser);
  *column = json_parser_get_current_pos (self->parser);
  /* json-glib prefixes "<data>:LINE:COL: ": keep only its reason */
  if (g_str_has_prefix (detail, "<data>:") && (colon = strstr (detail + 7, ": ")) != NULL)
    {
      guint l, c;
      if (sscanf (detail + 7, "%u:%u", &l, &c) == 2)
        {
          *line = l;
          *column = c;
        }
      detail = colon + 2;
    }
  return g_strdup (detail);
}
