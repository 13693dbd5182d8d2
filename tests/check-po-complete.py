#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A translation is complete and keeps what msgfmt --check does not see.

For every message of the catalogue:
  - it is translated (every plural form) and not fuzzy: the user would see English;
  - the header's Plural-Forms has the number of forms the language needs, and each
    plural message has that many msgstr[];
  - a keyboard mnemonic (_O) in the msgid has one in the msgstr; in Korean, Chinese and
    Japanese it is the msgid's letter in brackets, as GNOME writes them: "열기(_O)";
  - the leading spaces (--help columns), the final newlines, the closing ";" of a desktop
    Keywords list and the "…" of a label that opens a dialog are kept;
  - a date format (msgctxt "date format", "caption date", "timeline tick", "playhead time")
    uses only conversions g_date_time_format knows; in a language whose month names change
    with their grammatical case (Russian), a month without a day is the standalone form
    (%OB, %Ob) and a month after a day the genitive one (%B, %b).
And the language's typography:
  - ru: « » as quotation marks, not “ ” „ " (a " the msgid has stays: JSON, syntax); no
    straight apostrophe; no "..." for …; no space inside « » nor before , . : ; ! ?;
    no word mixing Latin and Cyrillic letters (a Latin "a", "e", "o", "c" in a Russian word);
  - ko: ‘ ’ or “ ” as quotation marks, not « » nor " (unless the msgid has them); no "...".

  check-po-complete.py FILE.po       check a catalogue (its language from the header)
  check-po-complete.py --self-test   check that each fault, planted, is reported
"""
import re
import sys

import checklib

# Plural forms per language (gettext's manual, "Plural forms")
NPLURALS = {'fr': 2, 'ru': 3, 'ko': 1, 'ja': 1, 'zh': 1, 'en': 2, 'de': 2, 'uk': 3}
# Languages whose GNOME translations write a mnemonic as the English letter in brackets
BRACKET_MNEMONIC = {'ko', 'ja', 'zh'}
# Languages with a genitive month after a day and a standalone one alone (glibc's alt_mon)
CASED_MONTHS = {'ru', 'uk', 'be', 'pl', 'cs', 'hr', 'lt'}
DATE_CONTEXTS = {'date format', 'caption date', 'caption time', 'timeline tick', 'playhead time'}
# g_date_time_format's conversions (GLib 2.74), modifiers - _ 0 O E : before them
DATE_CONVERSION = re.compile(r'%(?:[-_0]?O?[aAbBcCdeFgGhHIjklmMpPrRsStTuUVwxXyYzZ]|:{0,3}z|%)')
MNEMONIC = re.compile(r'(?<![A-Z])_([^\W_\d])')
CYRILLIC = re.compile('[\u0400-\u04ff]')
LATIN = re.compile('[A-Za-z]')


def header_field(header, name):
    m = re.search(r'^%s:\s*(.*)$' % re.escape(name), header, re.M)
    return m.group(1).strip() if m else ''


def mnemonic_of(text):
    """The letter after a mnemonic underscore, or None (LON_MIN is not one)."""
    found = MNEMONIC.findall(text)
    return found[0] if len(found) == 1 else None


def russian_problems(msgid, s):
    out = []
    if re.search('[“”„]', s):
        out.append('“ ” „ as quotation marks: use « »')
    if s.count('"') > msgid.count('"'):
        out.append('straight " used as quotation marks: use « »')
    if "'" in s and "'" not in msgid:
        out.append("straight apostrophe '")
    if '...' in s and '...' not in msgid:
        out.append('"..." instead of …')
    if re.search(r'«\s|\s»', s):
        out.append('space inside « »')
    if re.search(r'(?<=\w) [,.:;!?](?=\s|$)', s) and not re.search(r'\w [,.:;!?](\s|$)', msgid):
        out.append('space before punctuation')
    # WIDTHxHEIGHT as ШИРИНАxВЫСОТА keeps the x the user types
    for word in re.findall(r'\w+', re.sub('(?<=[А-ЯЁ])x(?=[А-ЯЁ])', ' ', s)):
        if CYRILLIC.search(word) and LATIN.search(word):
            out.append('word “%s” mixes Latin and Cyrillic letters' % word)
    return out


def korean_problems(msgid, s):
    out = []
    if '«' in s or '»' in s:
        out.append('« » as quotation marks: use ‘ ’ or “ ”')
    if s.count('"') > msgid.count('"'):
        out.append('straight " used as quotation marks: use ‘ ’')
    if "'" in s and "'" not in msgid:
        out.append("straight ' used as quotation mark: use ‘ ’")
    if '...' in s and '...' not in msgid:
        out.append('"..." instead of …')
    return out


def date_problems(lang, s):
    out = []
    rest = DATE_CONVERSION.sub('', s)
    if '%' in rest:
        out.append('“%s” is not a conversion g_date_time_format knows'
                   % rest[rest.index('%'):rest.index('%') + 3])
    if lang in CASED_MONTHS:
        has_day = re.search(r'%[-_0]?[de]', s)
        if has_day and re.search('%O[bB]', s):
            out.append('a month after a day takes the genitive form: %B or %b, not %OB')
        if not has_day and re.search('%[-_0]?[bBh]', s):
            out.append('a month without a day takes the standalone form: %OB or %Ob')
    return out


def problems_of(lang, nplurals, entry):
    msgid, forms = entry['msgid'], entry['msgstr']
    if 'fuzzy' in entry['flags']:
        return ['fuzzy: the user sees English']
    if entry['msgid_plural'] is not None:
        if sorted(forms) != list(range(nplurals)):
            return ['%d plural forms instead of %d' % (len(forms), nplurals)]
    if not all(forms.values()) or not forms:
        return ['not translated']
    out = []
    for s in forms.values():
        m_id, m_str = mnemonic_of(msgid), mnemonic_of(s)
        if m_id and not m_str:
            out.append('mnemonic _%s lost' % m_id)
        elif m_id and lang in BRACKET_MNEMONIC and '(_%s)' % m_id.upper() not in s:
            out.append('mnemonic should be “(_%s)”' % m_id.upper())
        lead = len(msgid) - len(msgid.lstrip(' '))
        if lead and len(s) - len(s.lstrip(' ')) != lead:
            out.append('not the same leading spaces as the msgid')
        if len(s) - len(s.rstrip('\n')) != len(msgid) - len(msgid.rstrip('\n')):
            out.append('not the same number of final newlines as the msgid')
        if re.fullmatch(r'(\w+;)+', msgid) and not s.endswith(';'):
            out.append('a Keywords list ends with ;')
        if msgid.endswith('…') and '…' not in s:
            out.append('… lost: the label opens a dialog')
        if entry['msgctxt'] in DATE_CONTEXTS:
            out += date_problems(lang, s)
        if lang == 'ru':
            out += russian_problems(msgid, s)
        elif lang == 'ko':
            out += korean_problems(msgid, s)
    return out


def check(path):
    header, entries = checklib.read_po(path)
    lang = header_field(header, 'Language').split('_')[0]
    m = re.search(r'nplurals\s*=\s*(\d+)', header_field(header, 'Plural-Forms'))
    nplurals = int(m.group(1)) if m else 0
    found = []
    if lang in NPLURALS and nplurals != NPLURALS[lang]:
        found.append('%s:1: Plural-Forms has nplurals=%d, %s needs %d'
                     % (path, nplurals, lang, NPLURALS[lang]))
    for e in entries:
        for p in problems_of(lang, nplurals, e):
            found.append('%s:%d: %s (msgid %r)' % (path, e['line'], p, e['msgid'][:60]))
    return found, lang, len(entries)


def self_test():
    def head(lang, n):
        return ('msgid ""\nmsgstr ""\n"Language: %s\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Plural-Forms: nplurals=%d; plural=0;\\n"\n\n' % (lang, n))
    ru_good = ('msgid "Could not open “%s”: %s"\nmsgstr "Не удалось открыть «%s»: %s"\n\n'
               'msgid "%u event"\nmsgid_plural "%u events"\n'
               'msgstr[0] "%u событие"\nmsgstr[1] "%u события"\nmsgstr[2] "%u событий"\n\n'
               'msgid "Open the _Sample"\nmsgstr "Открыть _пример"\n\n'
               'msgid "fit|world|LON_MIN,LAT_MIN"\nmsgstr "fit|world|LON_MIN,LAT_MIN"\n\n'
               'msgid "WIDTHxHEIGHT"\nmsgstr "ШИРИНАxВЫСОТА"\n\n'
               'msgid "  --check FILE…  print\\n"\nmsgstr "  --check ФАЙЛ…  вывести\\n"\n\n'
               'msgctxt "date format"\nmsgid "%B %Y"\nmsgstr "%OB %Y"\n\n'
               'msgctxt "date format"\nmsgid "%e %B %Y"\nmsgstr "%-d %B %Y"\n\n'
               'msgid "Expected \\"type\\": \\"Feature\\""\nmsgstr "Ожидался \\"type\\": \\"Feature\\""\n\n')
    ko_good = ('msgid "_Open"\nmsgstr "열기(_O)"\n\n'
               'msgid "%u event"\nmsgid_plural "%u events"\nmsgstr[0] "일정 %u건"\n\n'
               'msgid "Could not open “%s”"\nmsgstr "‘%s’을(를) 열 수 없습니다"\n\n'
               'msgctxt "date format"\nmsgid "%e %B %Y"\nmsgstr "%Y년 %-m월 %-d일"\n\n')
    cases = [
        ('clean Russian catalogue', 'ru', 3, ru_good, None),
        ('clean Korean catalogue', 'ko', 1, ko_good, None),
        ('wrong nplurals', 'ru', 2, 'msgid "Open"\nmsgstr "Открыть"\n', 'nplurals=2'),
        ('untranslated', 'ru', 3, 'msgid "Open"\nmsgstr ""\n', 'not translated'),
        ('untranslated plural form', 'ru', 3,
         'msgid "%u file"\nmsgid_plural "%u files"\nmsgstr[0] "%u файл"\nmsgstr[1] "%u файла"\n'
         'msgstr[2] ""\n', 'not translated'),
        ('missing plural form', 'ru', 3,
         'msgid "%u file"\nmsgid_plural "%u files"\nmsgstr[0] "%u файл"\nmsgstr[1] "%u файлов"\n',
         'plural forms'),
        ('fuzzy', 'ko', 1, '#, fuzzy\nmsgid "Open"\nmsgstr "열기"\n', 'fuzzy'),
        ('mnemonic lost', 'ru', 3, 'msgid "_Open"\nmsgstr "Открыть"\n', 'mnemonic'),
        ('Korean mnemonic not in brackets', 'ko', 1, 'msgid "_Open"\nmsgstr "_열기"\n', '(_O)'),
        ('leading spaces lost', 'ru', 3, 'msgid "  --check"\nmsgstr "--check"\n', 'leading spaces'),
        ('final newline lost', 'ko', 1, 'msgid "Done\\n"\nmsgstr "완료"\n', 'final newlines'),
        ('Keywords without final ;', 'ru', 3, 'msgid "map;trip;"\nmsgstr "карта;поездка"\n', 'ends with ;'),
        ('ellipsis lost', 'ru', 3, 'msgid "_Open…"\nmsgstr "_Открыть"\n', '…'),
        ('unknown date conversion', 'ko', 1,
         'msgctxt "date format"\nmsgid "%Y"\nmsgstr "%Y년 %Q"\n', 'conversion'),
        ('genitive month alone', 'ru', 3,
         'msgctxt "date format"\nmsgid "%B %Y"\nmsgstr "%B %Y"\n', 'standalone'),
        ('standalone month after a day', 'ru', 3,
         'msgctxt "caption date"\nmsgid "%-d %B"\nmsgstr "%-d %OB"\n', 'genitive'),
        ('English quotes in Russian', 'ru', 3, 'msgid "“%s”"\nmsgstr "“%s”"\n', '« »'),
        ('straight quotes in Russian', 'ru', 3, 'msgid "“%s”"\nmsgstr "\\"%s\\""\n', 'straight "'),
        ('three dots', 'ru', 3, 'msgid "Loading"\nmsgstr "Загрузка..."\n', '"..."'),
        ('space inside « »', 'ru', 3, 'msgid "“%s”"\nmsgstr "« %s »"\n', 'space inside'),
        ('space before colon', 'ru', 3, 'msgid "Total: %s"\nmsgstr "Всего : %s"\n', 'before punctuation'),
        ('Latin letter in a Russian word', 'ru', 3, 'msgid "Open"\nmsgstr "Откpыть"\n', 'mixes'),
        ('guillemets in Korean', 'ko', 1, 'msgid "“%s”"\nmsgstr "«%s»"\n', 'use ‘ ’'),
    ]
    return checklib.run_cases([(name, expect,
                                lambda l=lang, n=nplurals, b=body: check(checklib.write_po(head(l, n) + b))[0])
                               for name, lang, nplurals, body, expect in cases])


if __name__ == '__main__':
    sys.exit(checklib.main(__doc__, lambda path: check(path)[0], self_test,
                           lambda path: '%s: %d messages, all translated (%s)' % (path, check(path)[2], check(path)[1])))
