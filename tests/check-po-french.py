#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""French typography and terms in a .po file, so that later updates keep the style.

Each translated message must:
  - have no fuzzy flag (a fuzzy message is not used: the user sees English);
  - use « guillemets » with no-break spaces inside, not “ ” or " as quotation marks
    (straight " is allowed where the msgid has it: JSON keys, syntax);
  - use the typographic apostrophe ’, not ';
  - put a no-break space (U+00A0) before « : » and a narrow one (U+202F) or U+00A0 before ; ? !
    when followed by a space, except in machine syntax the msgid has too
    (FILE:%u:%u: positions, JSON "key": value);
  - keep the same number of \\n at the end as its msgid.

  check-po-french.py FILE.po       check a catalogue
  check-po-french.py --self-test   check that each fault, planted, is reported
"""
import re
import sys

import checklib

NBSP, NNBSP = '\u00a0', '\u202f'


def problems_of(entry):
    out = []
    msgid = entry['msgid']
    if 'fuzzy' in entry['flags']:
        out.append('fuzzy')
    for s in entry['msgstr'].values():
        if not s:
            continue  # untranslated: msgfmt --statistics reports those
        if '“' in s or '”' in s:
            out.append('English quotation marks “ ”: use « »')
        if s.count('"') > msgid.count('"'):
            out.append('straight " used as quotation marks: use « »')
        if "'" in s and "'" not in msgid:
            out.append("straight apostrophe ': use ’")
        if re.search('«(?!\u00a0)|(?<!\u00a0)»', s):
            out.append('« » need a no-break space inside')
        for sign in ':;?!':
            if sign == ';' and '; ' not in msgid:
                continue  # a list with ; as separator (desktop Keywords), not punctuation
            for m in re.finditer(re.escape(sign) + r'(\s|$)', s):
                before = s[m.start() - 1] if m.start() > 0 else ''
                if before in (NBSP, NNBSP):
                    continue
                # machine syntax the msgid has too: file:%u:%u: positions, JSON "key": value
                if (before in '"0123456789' or s[:m.start()].endswith(('%u', '%d'))) \
                   and (before + sign) in msgid:
                    continue
                out.append('“%s” needs a no-break space before it' % sign)
                break
        if len(s) - len(s.rstrip('\n')) != len(msgid) - len(msgid.rstrip('\n')):
            out.append('not the same number of final newlines as the msgid')
    return out


def check(path):
    found = []
    for e in checklib.read_po(path)[1]:
        for p in problems_of(e):
            found.append('%s:%d: %s (msgid %r)' % (path, e['line'], p, e['msgid'][:60]))
    return found


def self_test():
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    good = ('msgid "Could not open “%s”: %s"\nmsgstr "Impossible d’ouvrir «\u00a0%s\u00a0»\u00a0: %s"\n\n'
            'msgid "%s:%u: not valid JSON"\nmsgstr "%s:%u: JSON non valide"\n\n'
            'msgid "Expected \\"type\\": \\"Feature\\""\nmsgstr "\\"type\\": \\"Feature\\" attendu"\n\n')
    cases = [
        ('clean catalogue', good, None),
        ('fuzzy', '#, fuzzy\nmsgid "Open"\nmsgstr "Ouvrir"\n', 'fuzzy'),
        ('English quotes', 'msgid "“%s”"\nmsgstr "“%s”"\n', 'English quotation marks'),
        ('straight quotes', 'msgid "“%s”"\nmsgstr "\\"%s\\""\n', 'straight "'),
        ('straight apostrophe', 'msgid "Cannot open"\nmsgstr "Impossible d\'ouvrir"\n', 'apostrophe'),
        ('plain space in guillemets', 'msgid "“%s”"\nmsgstr "« %s »"\n', 'no-break space inside'),
        ('plain space before colon', 'msgid "Total: %u"\nmsgstr "Total : %u"\n', 'before it'),
        ('no space before colon', 'msgid "Total: %u"\nmsgstr "Total: %u"\n', 'before it'),
        ('question mark', 'msgid "Quit?"\nmsgstr "Quitter ?"\n', 'before it'),
        ('final newline lost', 'msgid "Done\\n"\nmsgstr "Fini"\n', 'final newlines'),
    ]
    return checklib.run_cases([(name, expect, lambda body=body: check(checklib.write_po(header + body)))
                               for name, body, expect in cases])


if __name__ == '__main__':
    sys.exit(checklib.main(__doc__, check, self_test,
                           lambda path: '%s: French typography kept' % path))
