# SPDX-License-Identifier: GPL-3.0-or-later
"""What the source checkers in tests/ share: reading a .po file, planting files in a
temporary tree, running a self-test's cases as TAP, and the command line.

Each checker is `check-NAME.py ARG` (check, print problems, exit 1 on any) or
`check-NAME.py --self-test` (plant each fault and check it is reported once)."""
import os
import re
import sys
import tempfile


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)


def read_po(path):
    """(header, entries): each entry a dict of line, flags, msgctxt, msgid, msgid_plural,
    msgstr {index: text}; obsolete entries are left out."""
    entries, cur, field = [], None, None
    with open(path, encoding='utf-8') as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            if line.startswith('#~'):
                continue
            if not line.strip():
                cur = field = None
                continue
            if cur is None:
                cur = {'line': n, 'flags': '', 'msgctxt': None, 'msgid': '',
                       'msgid_plural': None, 'msgstr': {}}
                entries.append(cur)
            if line.startswith('#,'):
                cur['flags'] += line[2:]
                continue
            if line.startswith('#'):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line)
            if m:
                field = (m.group(1), m.group(2))
                text = unquote(m.group(3))
                if field[0] in ('msgctxt', 'msgid_plural'):
                    cur[field[0]] = ''
            elif line.startswith('"') and field:
                text = unquote(line[1:-1])
            else:
                continue
            name, idx = field
            if name.startswith('msgstr'):
                key = int(idx) if idx else 0
                cur['msgstr'][key] = cur['msgstr'].get(key, '') + text
            else:
                cur[name] += text
    header = next((e['msgstr'].get(0, '') for e in entries if e['msgid'] == ''), '')
    return header, [e for e in entries if e['msgid']]


def write_tree(root, files):
    """Writes {relative path: text} under root, making folders."""
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)


def check_in_tree(files, check):
    """check (root) run on a temporary tree holding files ({relative path: text})."""
    with tempfile.TemporaryDirectory() as root:
        write_tree(root, files)
        return check(root)


def write_po(text):
    """A temporary .po file holding text; returns its path."""
    with tempfile.NamedTemporaryFile('w', suffix='.po', encoding='utf-8', delete=False) as f:
        f.write(text)
    return f.name


def run_cases(cases):
    """cases: list of (name, expect, problems_of) where problems_of () gives the list of
    problems found. A case passes when expect is None and nothing is found, or when exactly
    one problem is found and it contains expect. Prints TAP; returns the exit status."""
    failed = 0
    print('1..%d' % len(cases))
    for n, (name, expect, problems_of) in enumerate(cases, 1):
        found = problems_of()
        ok = found == [] if expect is None else (len(found) == 1 and expect in found[0])
        print('%s %d - %s%s' % ('ok' if ok else 'not ok', n, name,
                                '' if ok else ': ' + ('; '.join(found) or 'nothing reported')))
        failed += not ok
    return 1 if failed else 0


def main(doc, check, self_test, clean_message):
    """The command line: check (arg) returns the problems of its one argument;
    clean_message (arg) is printed when there are none."""
    if sys.argv[1:] == ['--self-test']:
        return self_test()
    if len(sys.argv) != 2:
        print(doc, file=sys.stderr)
        return 2
    problems = check(sys.argv[1])
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(clean_message(sys.argv[1]))
    return 1 if problems else 0
