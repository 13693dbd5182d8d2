/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dm-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "dm-json-positions-private.h"

/* json-glib 1.6 keeps no positions in its nodes. On the first lookup, one scan of the
 * text walks the parsed tree alongside it and records where each object and list of the
 * tree starts (its byte, line and column), keyed by the JsonObject or JsonArray. Members
 * and elements are found on demand, when a problem needs one, by scanning their container
 * again from its start. Nothing is hooked into the parser: its signals, emitted through
 * libffi for every member, cost a third of a load. The scan also finds where a text that
 * is not JSON goes wrong: json-glib reports the token before the fault, with a reason that
 * names the wrong token. */

typedef DmJsonPosition Position;

/**
 * dm_json_positions_new:
 * @data: the text @parser parses; it must live as long as the result
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
  self->line = self->column = 1;
  self->containers = g_hash_table_new (NULL, NULL);
  self->positions = g_array_new (FALSE, FALSE, sizeof (Position));
  self->name = g_string_new (NULL);
  return self;
}

/**
 * dm_json_positions_reset:
 * @data: the text the parser parsed last, which starts at @line and @column of its file
 *
 * Forgets what was found in the previous text: for reading a file one piece at a time
 * with one parser (dm_json_split_member_list()).
 */
void
dm_json_positions_reset (DmJsonPositions *self,
                         const char      *data,
                         gsize            length,
                         guint            line,
                         guint            column)
{
  self->data = data;
  self->length = length;
  self->line = line;
  self->column = column;
  g_hash_table_remove_all (self->containers);
  g_array_set_size (self->positions, 0);
  self->scanned = FALSE;
}

void
dm_json_positions_free (DmJsonPositions *self)
{
  g_object_unref (self->parser);
  g_hash_table_unref (self->containers);
  g_array_unref (self->positions);
  g_string_free (self->name, TRUE);
  g_free (self);
}

/* The scan: as lenient as json-glib (comments, single quotes, hex numbers). Columns
 * count characters. */
typedef struct
{
  const char      *p, *end;
  guint            line, column;
  DmJsonPositions *into;    /* where the tree's containers are recorded, or NULL */
  GString         *name;    /* the member name last read */
  const char      *reason;  /* why the text is not JSON, at line:column */
  guint            depth;   /* objects and lists open */
  gboolean         lenient; /* json-glib takes what was met, strict JSON does not */
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
        {
          /* not JSON's space, nor json-glib's: a file with one is not split (fuzz-native:
           * one between two events, which no piece held, loaded) */
          if (*s->p == '\f' || *s->p == '\v')
            s->lenient = TRUE;
          advance (s);
        }
      else if (*s->p == '/' && s->p + 1 < s->end && s->p[1] == '*')
        {
          s->lenient = TRUE;
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

/* The tree's @container starts here */
static void
record (Scan     *s,
        gpointer  container)
{
  Position at = { s->p - s->into->data, s->line, s->column };

  dm_json_positions_record (s->into, container, &at);
}

/* How many bytes the escape at @p (after its backslash) takes if it is one of strict
 * JSON's (a pair of surrogates is one), 0 if not: json-glib reads no other the same way */
static guint
strict_escape_length (const char *p,
                      const char *end)
{
  guint c;

  if (p < end && strchr ("\"\\/bfnrt", *p) != NULL && *p != '\0')
    return 1;
  if (end - p < 5 || *p != 'u')
    return 0;
  for (guint i = 1; i <= 4; i++)
    if (!g_ascii_isxdigit (p[i]))
      return 0;
  c = g_ascii_xdigit_value (p[1]) << 12 | g_ascii_xdigit_value (p[2]) << 8 |
      g_ascii_xdigit_value (p[3]) << 4 | g_ascii_xdigit_value (p[4]);
  /* no NUL, no lone surrogate (a high one is checked with its low one) */
  if (c == 0 || (c >= 0xDC00 && c < 0xE000))
    return 0;
  if (c >= 0xD800 && c < 0xDC00)
    {
      guint l = 0;

      if (end - p < 11 || p[5] != '\\' || p[6] != 'u')
        return 0;
      for (guint i = 7; i <= 10; i++)
        {
          if (!g_ascii_isxdigit (p[i]))
            return 0;
          l = l << 4 | g_ascii_xdigit_value (p[i]);
        }
      return l >= 0xDC00 && l < 0xE000 ? 11 : 0;
    }
  return 5;
}

static gboolean
scan_string (Scan *s)
{
  char quote = *s->p;

  if (quote != '"')
    s->lenient = TRUE;
  advance (s);
  while (s->p < s->end && *s->p != quote)
    {
      if ((guchar) *s->p < 0x20)
        s->lenient = TRUE;
      if (*s->p == '\\' && s->p + 1 < s->end)
        {
          guint n = s->lenient ? 1 : strict_escape_length (s->p + 1, s->end);

          if (n == 0)
            s->lenient = TRUE, n = 1;
          /* the backslash and the escape but its last byte (ASCII all, if strict) */
          for (guint i = 0; i < n; i++)
            advance (s);
        }
      advance (s);
    }
  if (s->p >= s->end)
    return fail (s, NULL);
  advance (s);
  return TRUE;
}

/* The text of the string between @p and @end (its quotes excluded) into @out, as
 * json-glib reads it: escapes in double quotes, none in single quotes */
static void
decode_string (const char *p,
               const char *end,
               char        quote,
               GString    *out)
{
  g_string_truncate (out, 0);
  while (p < end)
    {
      const char *run = p;
      gunichar c;

      while (p < end && (*p != '\\' || quote != '"'))
        p++;
      g_string_append_len (out, run, p - run);
      if (p + 1 >= end)
        break;
      p++;
      switch (*p++)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          if (end - p < 4 || !g_ascii_isxdigit (p[0]) || !g_ascii_isxdigit (p[1]) ||
              !g_ascii_isxdigit (p[2]) || !g_ascii_isxdigit (p[3]))
            return;
          c = g_ascii_strtoull (p, NULL, 16) & 0xFFFF;
          p += 4;
          /* a pair of surrogates is one character */
          if (c >= 0xD800 && c < 0xDC00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u')
            {
              char low[5] = { p[2], p[3], p[4], p[5], 0 };
              gunichar l = g_ascii_strtoull (low, NULL, 16);

              if (l >= 0xDC00 && l < 0xE000)
                {
                  c = 0x10000 + ((c - 0xD800) << 10) + (l - 0xDC00);
                  p += 6;
                }
            }
          g_string_append_unichar (out, c);
          break;
        default:
          g_string_append_c (out, p[-1]);
          break;
        }
    }
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '+' || c == '-' || c == '_';
}

/* true, false, null or a number (json-glib also takes 0x1F, .5 and 01) */
/* A number as strict JSON writes it */
static gboolean
is_strict_number (const char *w)
{
  w += *w == '-';
  if (*w == '0')
    w++;
  else if (*w >= '1' && *w <= '9')
    while (g_ascii_isdigit (*w))
      w++;
  else
    return FALSE;
  if (*w == '.')
    {
      if (!g_ascii_isdigit (*++w))
        return FALSE;
      while (g_ascii_isdigit (*w))
        w++;
    }
  if (*w == 'e' || *w == 'E')
    {
      w++;
      w += *w == '+' || *w == '-';
      if (!g_ascii_isdigit (*w))
        return FALSE;
      while (g_ascii_isdigit (*w))
        w++;
    }
  return *w == '\0';
}

static gboolean
scan_word (Scan *s)
{
  const char *start = s->p;
  char buffer[64];
  g_autofree char *allocated = NULL;
  char *word = buffer;
  const char *w;

  while (s->p < s->end && is_word_char (*s->p))
    s->p++;
  if ((gsize) (s->p - start) >= sizeof buffer)
    word = allocated = g_malloc (s->p - start + 1);
  memcpy (word, start, s->p - start);
  word[s->p - start] = '\0';
  s->p = start;
  if (*word == '\0')
    return fail (s, _("a value was expected here"));
  if (g_str_equal (word, "true") || g_str_equal (word, "false") || g_str_equal (word, "null"))
    goto ok;
  if (!s->lenient && !is_strict_number (word))
    s->lenient = TRUE;
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

static gboolean scan_value (Scan *s, JsonNode *node);

/* @object: the tree's object for this text, or NULL */
static gboolean
scan_object (Scan       *s,
             JsonObject *object)
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
      const char *name = s->p;
      JsonNode *value = NULL;

      if (s->p >= s->end || (*s->p != '"' && *s->p != '\''))
        return fail (s, _("a member name in double quotes was expected here"));
      if (!scan_string (s))
        return FALSE;
      if (s->p - name == 2)
        s->lenient = TRUE;    /* an empty name */
      else if (object != NULL)
        {
          decode_string (name + 1, s->p - 1, *name, s->name);
          value = json_object_get_member (object, s->name->str);
        }
      skip_space (s);
      if (s->p >= s->end || *s->p != ':')
        return fail (s, _("“:” was expected here, after the member name"));
      advance (s);
      skip_space (s);
      if (!scan_value (s, value))
        return FALSE;
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

/* @array: the tree's list for this text, or NULL */
static gboolean
scan_array (Scan      *s,
            JsonArray *array)
{
  guint index = 0;

  advance (s);
  skip_space (s);
  if (s->p < s->end && *s->p == ']')
    {
      advance (s);
      return TRUE;
    }
  for (;;)
    {
      JsonNode *value = NULL;

      if (array != NULL && index < json_array_get_length (array))
        value = json_array_get_element (array, index);
      index++;
      if (!scan_value (s, value))
        return FALSE;
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

/* @node: the tree's node for this text, or NULL */
static gboolean
scan_value (Scan     *s,
            JsonNode *node)
{
  JsonObject *object = NULL;
  JsonArray *array = NULL;

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
        if (s->into != NULL && node != NULL)
          {
            if (*s->p == '{' && JSON_NODE_HOLDS_OBJECT (node))
              record (s, object = json_node_get_object (node));
            else if (*s->p == '[' && JSON_NODE_HOLDS_ARRAY (node))
              record (s, array = json_node_get_array (node));
          }
        s->depth++;
        ok = *s->p == '{' ? scan_object (s, object) : scan_array (s, array);
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

/* Scans the whole text, recording where the containers of @root start into @into if
 * given; FALSE with @s->reason at the fault if it is not JSON */
static gboolean
scan (Scan            *s,
      const char      *data,
      gsize            length,
      DmJsonPositions *into,
      JsonNode        *root)
{
  *s = (Scan) { .p = data, .end = data + length, .line = into ? into->line : 1,
                .column = into ? into->column : 1, .into = into, .name = into ? into->name : NULL };
  skip_space (s);
  if (!scan_value (s, root))
    return FALSE;
  skip_space (s);
  if (s->p < s->end)
    return fail (s, _("the text goes on after the end of the JSON value"));
  return TRUE;
}

/* The split's scan (issue 15): strict JSON only, so that it can be quick. It says no more
 * than whether the text is strict JSON (anything else, and the whole text is read as
 * before, where its problems are found), with no call per byte: lines are counted in the
 * spaces (strict JSON has no newline elsewhere) and a column only where a piece starts,
 * counted on from the last one. */
typedef DmJsonSkim Skim;

static void
skim_space (Skim *s)
{
  while (s->p < s->end)
    {
      if (*s->p == ' ' || *s->p == '\t' || *s->p == '\r')
        s->p++;
      else if (*s->p == '\n')
        {
          s->line++;
          s->anchor = ++s->p;
          s->anchor_column = 1;
        }
      else
        break;
    }
}

/* The column where @s is, counted as advance() counts */
static guint
skim_column (Skim *s)
{
  for (const char *q = s->anchor + 1; q <= s->p && q < s->end; q++)
    if (((guchar) *q & 0xC0) != 0x80)
      s->anchor_column++;
  if (s->p > s->anchor)
    s->anchor = s->p;
  return s->anchor_column;
}

static gboolean
skim_string (Skim *s)
{
  s->p++;
  while (s->p < s->end)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c == '\\')
        {
          guint n = strict_escape_length (s->p + 1, s->end);

          if (n == 0)
            return FALSE;
          s->p += 1 + n;
        }
      else if (c < 0x20)
        return FALSE;
      else
        s->p++;
    }
  return FALSE;
}

/* true, false, null or a number as strict JSON writes it */
static gboolean
skim_word (Skim *s)
{
  const char *start = s->p, *w = s->p;

  while (s->p < s->end && is_word_char (*s->p))
    s->p++;
  if ((s->p - start == 4 && (memcmp (start, "true", 4) == 0 || memcmp (start, "null", 4) == 0)) ||
      (s->p - start == 5 && memcmp (start, "false", 5) == 0))
    return TRUE;
  w += w < s->p && *w == '-';
  if (w < s->p && *w == '0')
    w++;
  else if (w < s->p && *w >= '1' && *w <= '9')
    while (w < s->p && g_ascii_isdigit (*w))
      w++;
  else
    return FALSE;
  if (w < s->p && *w == '.')
    {
      if (++w >= s->p || !g_ascii_isdigit (*w))
        return FALSE;
      while (w < s->p && g_ascii_isdigit (*w))
        w++;
    }
  if (w < s->p && (*w == 'e' || *w == 'E'))
    {
      w++;
      w += w < s->p && (*w == '+' || *w == '-');
      if (w >= s->p || !g_ascii_isdigit (*w))
        return FALSE;
      while (w < s->p && g_ascii_isdigit (*w))
        w++;
    }
  return w == s->p;
}

/* Past the value at @s->p; @depth: the objects and lists open around it */
static gboolean
skim_value (Skim  *s,
            guint  depth)
{
  char close;

  if (s->p >= s->end)
    return FALSE;
  if (*s->p == '"')
    return skim_string (s);
  if (*s->p != '{' && *s->p != '[')
    return skim_word (s);
  if (depth >= DM_JSON_MAX_DEPTH)
    return FALSE;
  close = *s->p == '{' ? '}' : ']';
  s->p++;
  skim_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      if (close == '}')
        {
          /* a name, not empty */
          if (s->p + 1 >= s->end || *s->p != '"' || s->p[1] == '"' || !skim_string (s))
            return FALSE;
          skim_space (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
          skim_space (s);
        }
      if (!skim_value (s, depth + 1))
        return FALSE;
      skim_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == close)
        {
          s->p++;
          return TRUE;
        }
      if (*s->p != ',')
        return FALSE;
      s->p++;
      skim_space (s);
    }
}

/* Past a comma and the space after it, FALSE if @close comes next (a trailing comma) */
static gboolean
skim_comma (Skim *s,
            char  close)
{
  s->p++;
  skim_space (s);
  return s->p < s->end && *s->p != close;
}

/**
 * dm_json_skim_elements:
 * @s: at an element of a list (its first byte), or at the list's end
 * @stop: (nullable): where to stop
 *
 * Skims the elements of a list, two deep in the text, into @spans (lines counted on from
 * @s->line), until the list closes or the next element would start at or past @stop.
 * Returns: %DM_JSON_SKIM_CLOSED (@s at the list's `]`), %DM_JSON_SKIM_LANDED (@s at @stop,
 *   an element's start), %DM_JSON_SKIM_PASSED (past @stop: it was not an element's start)
 *   or %DM_JSON_SKIM_FAILED (not strict JSON)
 */
DmJsonSkimEnd
dm_json_skim_elements (DmJsonSkim *s,
                       const char *data,
                       const char *stop,
                       GArray     *spans)
{
  while (s->p < s->end && *s->p != ']')
    {
      DmJsonSpan span;

      if (stop != NULL && s->p >= stop)
        return s->p == stop ? DM_JSON_SKIM_LANDED : DM_JSON_SKIM_PASSED;
      span.offset = s->p - data;
      span.line = s->line;
      span.column = skim_column (s);
      if (!skim_value (s, 2))
        return DM_JSON_SKIM_FAILED;
      span.length = s->p - data - span.offset;
      g_array_append_val (spans, span);
      skim_space (s);
      if (s->p < s->end && *s->p != ']' && (*s->p != ',' || !skim_comma (s, ']')))
        return DM_JSON_SKIM_FAILED;
    }
  return s->p < s->end ? DM_JSON_SKIM_CLOSED : DM_JSON_SKIM_FAILED;
}

/**
 * dm_json_split_member_list:
 * @member: a member of the root object
 * @list: (out): where the list is, its brackets included
 *
 * Where each element of the list @member of the root object holds starts and ends, so
 * that a big file can be parsed one element at a time (a whole tree of json-glib nodes
 * takes 14 times the text). Only for strict JSON, so that json-glib reads each piece as
 * it would read the whole: no comments, single quotes, escapes or numbers it reads in
 * its own way, nothing nested deeper than %DM_JSON_MAX_DEPTH.
 * Returns: (transfer full) (nullable): the elements, as #DmJsonSpan; %NULL if the text is
 *   not strict JSON, its root is not an object, or @member is not given once as a list
 */
GArray *
dm_json_split_member_list (const char *data,
                           gsize       length,
                           const char *member,
                           DmJsonSpan *list)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DmJsonSpan));
  Skim s = { .p = data, .end = data + length, .line = 1, .anchor = data, .anchor_column = 1 };
  gboolean found = FALSE;

  skim_space (&s);
  if (s.p >= s.end || *s.p != '{')
    return NULL;
  s.p++;
  skim_space (&s);
  while (s.p < s.end && *s.p != '}')
    {
      const char *start = s.p;

      if (*s.p != '"' || !skim_string (&s))
        return NULL;
      decode_string (start + 1, s.p - 1, '"', name);
      skim_space (&s);
      if (s.p >= s.end || *s.p != ':')
        return NULL;
      s.p++;
      skim_space (&s);
      if (!g_str_equal (name->str, member))
        {
          if (!skim_value (&s, 1))
            return NULL;
        }
      else if (found || s.p >= s.end || *s.p != '[')
        return NULL;
      else
        {
          found = TRUE;
          list->offset = s.p - data;
          list->line = s.line;
          list->column = skim_column (&s);
          s.p++;
          skim_space (&s);
          /* a long list by several threads at once (dm-json-split-chunks.c) */
          if (!dm_json_skim_list (&s, data, spans))
            return NULL;
          s.p++;
          list->length = s.p - data - list->offset;
        }
      skim_space (&s);
      if (s.p < s.end && *s.p != '}' && (*s.p != ',' || !skim_comma (&s, '}')))
        return NULL;
    }
  if (s.p >= s.end)
    return NULL;
  s.p++;
  skim_space (&s);
  if (s.p < s.end || !found)
    return NULL;
  return g_steal_pointer (&spans);
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
  Scan s = { .p = data, .end = data + length, .line = 1, .column = 1 };

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

static const Position *
find (DmJsonPositions *self,
      gconstpointer    container)
{
  guint n;

  if (!self->scanned)
    {
      Scan s;

      self->scanned = TRUE;
      if (!scan (&s, self->data, self->length, self, json_parser_get_root (self->parser)))
        {
          g_hash_table_remove_all (self->containers);
          g_array_set_size (self->positions, 0);
        }
    }
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->containers, container));
  return n > 0 ? &g_array_index (self->positions, Position, n - 1) : NULL;
}

/* Where, in the container starting at @at, the value of @member (the last of that name,
 * as json-glib keeps) or, if @member is NULL, element @index starts */
static gboolean
find_item (DmJsonPositions *self,
           const Position  *at,
           const char      *member,
           guint            index,
           guint           *line,
           guint           *column)
{
  g_autoptr(GString) name = g_string_new (NULL);
  Scan s = { .p = self->data + at->offset, .end = self->data + self->length,
             .line = at->line, .column = at->column };
  char close = *s.p == '{' ? '}' : ']';
  gboolean found = FALSE;

  advance (&s);
  skip_space (&s);
  for (guint i = 0; s.p < s.end && *s.p != close; i++)
    {
      if (member != NULL)
        {
          const char *start = s.p;

          if ((*s.p != '"' && *s.p != '\'') || !scan_string (&s))
            break;
          decode_string (start + 1, s.p - 1, *start, name);
          skip_space (&s);
          if (s.p >= s.end || *s.p != ':')
            break;
          advance (&s);
          skip_space (&s);
        }
      if (member != NULL ? g_str_equal (name->str, member) : i == index)
        {
          *line = s.line;
          *column = s.column;
          found = TRUE;
          if (member == NULL)
            break;
        }
      if (!scan_value (&s, NULL))
        break;
      skip_space (&s);
      if (s.p < s.end && *s.p == ',')
        {
          advance (&s);
          skip_space (&s);
        }
    }
  return found;
}

gboolean
dm_json_positions_lookup (DmJsonPositions *self,
                          JsonNode        *node,
                          guint           *line,
                          guint           *column)
{
  const Position *at = NULL;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    at = find (self, json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    at = find (self, json_node_get_array (node));
  if (at == NULL)
    return FALSE;
  *line = at->line;
  *column = at->column;
  return TRUE;
}

gboolean
dm_json_positions_lookup_member (DmJsonPositions *self,
                                 JsonObject      *object,
                                 const char      *member,
                                 guint           *line,
                                 guint           *column)
{
  const Position *at;

  if (!json_object_has_member (object, member) || (at = find (self, object)) == NULL)
    return FALSE;
  return find_item (self, at, member, 0, line, column);
}

gboolean
dm_json_positions_lookup_element (DmJsonPositions *self,
                                  JsonArray       *array,
                                  guint            index,
                                  guint           *line,
                                  guint           *column)
{
  const Position *at;

  if (index >= json_array_get_length (array) || (at = find (self, array)) == NULL)
    return FALSE;
  return find_item (self, at, NULL, index, line, column);
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
      s = (Scan) { .p = self->data, .end = bad, .line = 1, .column = 1 };
      while (s.p < s.end)
        advance (&s);
      *line = s.line;
      *column = s.column;
      /* Translators: %02X is a byte in hexadecimal */
      return g_strdup_printf (_("the text is not UTF-8 here (a byte %02X)"), (guchar) *bad);
    }
  if (!scan (&s, self->data, self->length, NULL, NULL))
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

/* g_utf8_validate_len(), eight bytes at a time through ASCII (most of a file, which
 * GLib reads a byte at a time: 16.7 M instructions for 10,000 events); each other
 * character is checked by GLib, alone */
static gboolean
validate_utf8 (const char *data,
               gsize       length)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  const char *p = data, *end = data + length;

  while (p < end)
    {
      guint64 word;
      guchar c;
      gsize n;

      if (end - p >= 8)
        {
          memcpy (&word, p, sizeof word);
          /* no byte with its high bit set, no NUL (which GLib refuses too) */
          if (((word | ((word - ones) & ~word)) & highs) == 0)
            {
              p += 8;
              continue;
            }
        }
      c = *p;
      if (c != 0 && c < 0x80)
        {
          p++;
          continue;
        }
      n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (c == 0 || (gsize) (end - p) < n || !g_utf8_validate_len (p, n, NULL))
        return FALSE;
      p += n;
    }
  return TRUE;
}

/**
 * dm_json_parse_without_list:
 * @parser: the parser to load
 * @member: a member of the root object, a list
 *
 * Loads @parser with a copy of @data where the list @member is empty, so that a big file's
 * elements can be read one at a time (dm_json_split_member_list()) while the rest of the file
 * is a tree as usual; positions still come from @data as it is.
 * Returns: (transfer full) (nullable): the list's elements, as #DmJsonSpan; %NULL when the
 *   text is not valid UTF-8, dm_json_split_member_list() does not split it, or the rest does
 *   not parse (then @parser holds nothing of it)
 */
GArray *
dm_json_parse_without_list (JsonParser *parser,
                            const char *data,
                            gsize       length,
                            const char *member)
{
  g_autoptr(GArray) spans = NULL;
  g_autofree char *skeleton = NULL;
  DmJsonSpan list;
  gsize after, skeleton_length;

  g_return_val_if_fail (JSON_IS_PARSER (parser), NULL);

  if (!validate_utf8 (data, length) ||
      (spans = dm_json_split_member_list (data, length, member, &list)) == NULL)
    return NULL;
  after = list.offset + list.length - 1;
  skeleton_length = list.offset + 1 + length - after;
  skeleton = g_malloc (skeleton_length);
  memcpy (skeleton, data, list.offset + 1);
  memcpy (skeleton + list.offset + 1, data + after, length - after);
  if (!json_parser_load_from_data (parser, skeleton, skeleton_length, NULL))
    return NULL;
  return g_steal_pointer (&spans);
}
