/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The matching key of the gazetteer, and the edit distance between two keys. */

#define G_LOG_DOMAIN "dm-gazetteer"

#include "config.h"

#include <string.h>

#include "dm-gazetteer.h"
#include "dm-gazetteer-private.h"

/* Letters that carry no decomposition but have a plain Latin reading. Keep in
 * step with SPECIAL in build-aux/gen-gazetteer. */
static const struct {
  gunichar    ch;
  const char *ascii;
} specials[] = {
  { 0x0131, "i" },  /* ı */
  { 0x0111, "d" },  /* đ */
  { 0x00F0, "d" },  /* ð */
  { 0x0127, "h" },  /* ħ */
  { 0x0140, "l" },  /* ŀ */
  { 0x0142, "l" },  /* ł */
  { 0x00F8, "o" },  /* ø */
  { 0x0167, "t" },  /* ŧ */
  { 0x00E6, "ae" }, /* æ */
  { 0x0153, "oe" }, /* œ */
  { 0x00FE, "th" }, /* þ */
  { 0x00DF, "ss" }, /* ß */
  { 0x03C2, "σ" },  /* final sigma */
};

#define DECOMPOSABLE_END 0x2000

/* Which characters below DECOMPOSABLE_END have a canonical decomposition: most
 * Cyrillic, Arabic or Indic letters have none, and looking that up in GLib's table for
 * every letter was a third of the gazetteer's load time. */
static gpointer
build_decomposable_cb (gpointer data)
{
  guint8 *bits = g_new0 (guint8, DECOMPOSABLE_END / 8);
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  for (gunichar ch = 0; ch < DECOMPOSABLE_END; ch++)
    if (g_unichar_fully_decompose (ch, FALSE, parts, G_N_ELEMENTS (parts)) > 1 || parts[0] != ch)
      bits[ch / 8] |= 1 << (ch % 8);
  return bits;
}

static inline gboolean
is_decomposable (gunichar ch)
{
  static GOnce once = G_ONCE_INIT;
  const guint8 *bits = g_once (&once, build_decomposable_cb, NULL);

  return (bits[ch / 8] & (1 << (ch % 8))) != 0;
}

static gboolean
is_apostrophe (gunichar ch)
{
  return ch == '\'' || ch == '`' || ch == 0x2019 || ch == 0x2018 || ch == 0x02BC ||
         ch == 0x02BB || ch == 0x00B4;
}

enum {
  FOLD_DROP,    /* nothing: an apostrophe, an accent */
  FOLD_SPACE,   /* a separator */
  FOLD_TEXT,    /* these letters */
  FOLD_SLOW,    /* letters and separators mixed: no shortcut */
};

/* The folding of one code point (after decomposition): its kind, and its letters in
 * text (NUL-terminated, at most 7 bytes) with their count in *n_chars. */
static guint
fold_code (gunichar  ch,
           char     *text,
           guint    *n_chars)
{
  GUnicodeType type;

  if (is_apostrophe (ch) || (ch >= 0x0300 && ch <= 0x036F))
    return FOLD_DROP;
  ch = g_unichar_tolower (ch);

  if (ch < 0x400)
    {
      for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
        {
          if (specials[i].ch == ch)
            {
              strcpy (text, specials[i].ascii);
              *n_chars = g_utf8_strlen (text, -1);
              return FOLD_TEXT;
            }
        }
    }

  type = g_unichar_type (ch);
  if (g_unichar_isalnum (ch) || type == G_UNICODE_NON_SPACING_MARK ||
      type == G_UNICODE_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK)
    {
      text[g_unichar_to_utf8 (ch, text)] = '\0';
      *n_chars = 1;
      return FOLD_TEXT;
    }
  return FOLD_SPACE;
}

/* The whole folding of one code point: decomposed, then each part folded. */
static guint
fold_char (gunichar  ch,
           char     *text,
           gsize     text_size,
           guint    *n_chars)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n_parts;
  gboolean space = FALSE;
  gsize length = 0;

  /* Accents to strip live below U+2000 (Latin, Greek, Cyrillic); above, kana and
   * Hangul stay whole. */
  if (ch >= 0xC0 && ch < DECOMPOSABLE_END && is_decomposable (ch))
    n_parts = g_unichar_fully_decompose (ch, FALSE, parts, G_N_ELEMENTS (parts));
  else
    parts[0] = ch, n_parts = 1;

  *n_chars = 0;
  text[0] = '\0';
  for (gsize i = 0; i < n_parts; i++)
    {
      char part[8];
      guint part_chars = 0;

      switch (fold_code (parts[i], part, &part_chars))
        {
        case FOLD_SPACE:
          space = TRUE;
          break;
        case FOLD_TEXT:
          if (space || length + strlen (part) >= text_size)
            return FOLD_SLOW;
          memcpy (text + length, part, strlen (part) + 1);
          length += strlen (part);
          *n_chars += part_chars;
          break;
        default:
          break;
        }
    }
  if (length > 0)
    return space ? FOLD_SLOW : FOLD_TEXT;
  return space ? FOLD_SPACE : FOLD_DROP;
}

/* Every code point below FOLD_TABLE_END folded once: Cyrillic, Greek, Arabic and Indic
 * letters then cost one look-up each (they were half the gazetteer's load time). */
#define FOLD_TABLE_END 0x3000

typedef struct {
  guint8 kind;
  guint8 n_chars;
  guint8 length;
  char   text[5];
} FoldEntry;

static gpointer
build_fold_table_cb (gpointer data)
{
  FoldEntry *table = g_new0 (FoldEntry, FOLD_TABLE_END);

  for (gunichar ch = 0x80; ch < FOLD_TABLE_END; ch++)
    {
      char text[8];
      guint n_chars = 0;
      guint kind = fold_char (ch, text, sizeof text, &n_chars);

      if (kind == FOLD_TEXT && strlen (text) >= sizeof table[ch].text)
        kind = FOLD_SLOW;
      table[ch].kind = kind;
      if (kind == FOLD_TEXT)
        {
          table[ch].n_chars = n_chars;
          table[ch].length = strlen (text);
          memcpy (table[ch].text, text, table[ch].length);
        }
    }
  return table;
}

static inline const FoldEntry *
get_fold_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, build_fold_table_cb, NULL);
}

/* Appends the parts of one code point that the table has no shortcut for. */
static void
append_slow (GString  *out,
             gsize     start,
             gunichar  ch,
             gboolean *pending_space,
             guint    *n_chars)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n_parts;

  if (ch >= 0xC0 && ch < DECOMPOSABLE_END && is_decomposable (ch))
    n_parts = g_unichar_fully_decompose (ch, FALSE, parts, G_N_ELEMENTS (parts));
  else
    parts[0] = ch, n_parts = 1;

  for (gsize i = 0; i < n_parts; i++)
    {
      char text[8];
      guint part_chars = 0;

      switch (fold_code (parts[i], text, &part_chars))
        {
        case FOLD_SPACE:
          *pending_space = TRUE;
          break;
        case FOLD_TEXT:
          if (*pending_space && out->len > start)
            {
              g_string_append_c (out, ' ');
              (*n_chars)++;
            }
          *pending_space = FALSE;
          g_string_append (out, text);
          *n_chars += part_chars;
          break;
        default:
          break;
        }
    }
}

/* "St. Petersburg" is "Saint Petersburg": common abbreviations are spelled out. */
static const struct {
  const char *word;
  const char *full;
} abbreviations[] = {
  { "st", "saint" },
  { "ste", "sainte" },
  { "ft", "fort" },
  { "mt", "mount" },
};

static guint
expand_abbreviations (GString *out,
                      gsize    start,
                      guint    n_chars)
{
  gsize word = start;

  while (word < out->len)
    {
      gsize end = word;

      while (end < out->len && out->str[end] != ' ')
        end++;
      if (end - word == 2 || end - word == 3)
        {
          for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
            {
              gsize length = strlen (abbreviations[i].word);
              gsize full_length = strlen (abbreviations[i].full);

              if (length == end - word && memcmp (out->str + word, abbreviations[i].word, length) == 0)
                {
                  g_string_erase (out, word, length);
                  g_string_insert (out, word, abbreviations[i].full);
                  end += full_length - length;
                  n_chars += full_length - length;
                  break;
                }
            }
        }
      word = end + 1;
    }
  return n_chars;
}

/* Appends the folded text to out; returns the number of characters appended. */
guint
dm_gazetteer_fold_into (const char *text,
                        gssize      length,
                        GString    *out)
{
  const char *p = text;
  const char *end = length < 0 ? text + strlen (text) : text + length;
  gboolean pending_space = FALSE;
  gsize start = out->len;
  guint n_chars = 0;
  const FoldEntry *table = get_fold_table ();

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c < 0x80)
        {
          /* the common case: a run of plain ASCII, written straight into the buffer
           * (at most a space and a letter per byte) */
          const char *run_end = p;
          gsize old_len = out->len;
          char *w;

          while (run_end < end && (guchar) *run_end < 0x80)
            run_end++;
          g_string_set_size (out, old_len + 2 * (run_end - p) + 1);
          w = out->str + old_len;
          for (; p < run_end; p++)
            {
              if (g_ascii_isalnum (*p))
                {
                  if (pending_space && w > out->str + start)
                    {
                      *w++ = ' ';
                      n_chars++;
                    }
                  pending_space = FALSE;
                  *w++ = *p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p;
                  n_chars++;
                }
              else if (*p != '\'' && *p != '`')
                {
                  pending_space = TRUE;
                }
            }
          g_string_truncate (out, w - out->str);
        }
      else
        {
          gunichar ch = g_utf8_get_char_validated (p, end - p);
          const FoldEntry *entry;

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            {
              p++;  /* not UTF-8: skip the byte */
              continue;
            }
          p = g_utf8_next_char (p);

          if (ch >= FOLD_TABLE_END)
            {
              append_slow (out, start, ch, &pending_space, &n_chars);
              continue;
            }
          entry = &table[ch];
          switch (entry->kind)
            {
            case FOLD_SPACE:
              pending_space = TRUE;
              break;
            case FOLD_TEXT:
              if (pending_space && out->len > start)
                {
                  g_string_append_c (out, ' ');
                  n_chars++;
                }
              pending_space = FALSE;
              for (guint i = 0; i < entry->length; i++)   /* inline, unlike append_len */
                g_string_append_c (out, entry->text[i]);
              n_chars += entry->n_chars;
              break;
            case FOLD_SLOW:
              append_slow (out, start, ch, &pending_space, &n_chars);
              break;
            default:
              break;
            }
        }
    }
  return expand_abbreviations (out, start, n_chars);
}

char *
dm_gazetteer_fold (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 1);
  dm_gazetteer_fold_into (text, -1, out);
  return g_string_free (out, FALSE);
}

/* A 32-bit set of the characters of a key (a-z one bit each, the rest shared). One edit
 * changes at most two bits, so keys whose sets differ in more than 2 * limit bits are
 * further apart than limit: a cheap test before the edit distance. */
guint32
dm_gazetteer_key_mask (const char *key)
{
  guint32 mask = 0;

  for (const guchar *p = (const guchar *) key; *p != '\0'; p++)
    {
      if (*p >= 'a' && *p <= 'z')
        mask |= 1u << (*p - 'a');
      else if (*p >= '0' && *p <= '9')
        mask |= 1u << 26;
      else if (*p == ' ')
        mask |= 1u << 27;
      else if (*p >= 0xC0)   /* the lead byte of a character beyond ASCII */
        mask |= 1u << (28 + (*p & 3));
    }
  return mask;
}

/* Both at once, in one pass over the key */
void
dm_gazetteer_key_mask_hash (const char *key,
                            guint32    *mask_out,
                            guint32    *hash_out)
{
  guint32 mask = 0;
  guint32 hash = 2166136261u;

  for (const guchar *p = (const guchar *) key; *p != '\0'; p++)
    {
      hash = (hash ^ *p) * 16777619u;
      if (*p >= 'a' && *p <= 'z')
        mask |= 1u << (*p - 'a');
      else if (*p >= '0' && *p <= '9')
        mask |= 1u << 26;
      else if (*p == ' ')
        mask |= 1u << 27;
      else if (*p >= 0xC0)
        mask |= 1u << (28 + (*p & 3));
    }
  *mask_out = mask;
  *hash_out = hash;
}

/* FNV-1a over the bytes of a key */
guint32
dm_gazetteer_key_hash (const char *key)
{
  guint32 hash = 2166136261u;

  for (const guchar *p = (const guchar *) key; *p != '\0'; p++)
    hash = (hash ^ *p) * 16777619u;
  return hash;
}

/* Decodes a folded key into code points; returns the count, or -1 if longer than max. */
int
dm_gazetteer_key_to_chars (const char *key,
                           gunichar   *chars,
                           int         max)
{
  int n = 0;

  for (const char *p = key; *p != '\0';)
    {
      if (n == max)
        return -1;
      if ((guchar) *p < 0x80)
        {
          chars[n++] = (guchar) *p++;
        }
      else
        {
          chars[n++] = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }
    }
  return n;
}

/* Levenshtein distance of a and b, or limit + 1 when it exceeds limit. Only the band
 * of cells within limit of the diagonal can stay under the limit (Ukkonen). */
guint
dm_gazetteer_edit_distance (const gunichar *a,
                            int             n_a,
                            const gunichar *b,
                            int             n_b,
                            guint           limit)
{
  guint row[DM_GAZETTEER_MAX_KEY_CHARS + 1];
  const guint over = limit + 1;
  const int band = (int) limit;

  if (ABS (n_a - n_b) > band)
    return over;
  g_assert (n_b <= DM_GAZETTEER_MAX_KEY_CHARS);

  for (int j = 0; j <= n_b; j++)
    row[j] = j <= band ? (guint) j : over;

  for (int i = 1; i <= n_a; i++)
    {
      int from = MAX (1, i - band);
      int to = MIN (n_b, i + band);
      guint diagonal = row[from - 1];
      guint row_min;

      /* the cell left of the band */
      row[from - 1] = from == 1 && i <= band ? (guint) i : over;
      row_min = row[from - 1];
      for (int j = from; j <= to; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint best = MIN (MIN (above + 1, row[j - 1] + 1), diagonal + cost);

          diagonal = above;
          row[j] = MIN (best, over);
          row_min = MIN (row_min, row[j]);
        }
      if (to < n_b)
        row[to + 1] = over;   /* right of the band: never reached from above */
      if (row_min > limit)
        return over;
    }
  return MIN (row[n_b], over);
}
