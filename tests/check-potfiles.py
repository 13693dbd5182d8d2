#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check po/POTFILES.in against the sources.

Fails when a file under src/ or ui/ (or the desktop, metainfo or GSettings schema
file in data/) has translatable strings but is not listed, when a listed file does
not exist, or when the list is not sorted (byte order, as `LC_ALL=C sort`).

  check-potfiles.py SOURCE_ROOT     check a tree
  check-potfiles.py --self-test     check that the checker itself catches each fault
"""
import os
import re
import sys

import checklib

# gettext calls in C: _(), N_(), C_(), NC_(), Q_(), ngettext(), g_dngettext() ...
C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|[dg_]*n?gettext|g_dn?gettext|'
                       r'g_dpgettext2?)\s*\(')
C_COMMENTS = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
UI_MARKER = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']', re.I)
# data files whose names say they are merged or extracted by gettext (ITS rules)
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in', '.gschema.xml',
                 '.mime.xml.in')


def has_strings(root, rel):
    with open(os.path.join(root, rel), encoding='utf-8', errors='replace') as f:
        text = f.read()
    if rel.endswith(('.c', '.h')):
        return C_MARKERS.search(C_COMMENTS.sub(' ', text)) is not None
    if rel.endswith('.ui'):
        return UI_MARKER.search(text) is not None
    if rel.endswith('.gschema.xml'):
        return re.search(r'<(summary|description)\b', text) is not None
    if rel.endswith('.desktop.in'):
        return re.search(r'^(Name|GenericName|Comment|Keywords)=', text, re.M) is not None
    if rel.endswith('.mime.xml.in'):
        return re.search(r'<comment\b', text) is not None
    return True  # metainfo always has a name and a summary


def candidates(root):
    found = []
    for top, exts in (('src', ('.c', '.h')), ('ui', ('.ui',)), ('data', DATA_SUFFIXES)):
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in files:
                if name.endswith(exts):
                    found.append(os.path.relpath(os.path.join(d, name), root).replace(os.sep, '/'))
    return sorted(found)


def check(root):
    """Returns a list of problems (empty when the tree is fine)."""
    problems = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        lines = [l.strip() for l in f]
    listed = [l for l in lines if l and not l.startswith('#')]

    for i in range(1, len(listed)):
        if listed[i - 1].encode() >= listed[i].encode():
            problems.append('po/POTFILES.in is not sorted: %s comes before %s'
                            % (listed[i - 1], listed[i]))
    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            problems.append('po/POTFILES.in names %s, which does not exist' % rel)
    listed_set = set(listed)
    for rel in candidates(root):
        if rel not in listed_set and has_strings(root, rel):
            problems.append('%s has translatable strings but is not in po/POTFILES.in' % rel)
    return problems


def self_test():
    """Each fault, planted in a small tree, must be reported; the clean tree must pass."""
    files = {
        'src/a.c': '#include <glib/gi18n.h>\nconst char *s = N_("Hello");\n',
        'src/b.c': '/* _("only in a comment") */\nint x = foo_(1);\n',
        'src/c.c': 'g_print (ngettext ("%d leg", "%d legs", n), n);\n',
        'ui/w.ui': '<object><property name="label" translatable="yes">Open</property></object>\n',
        'ui/x.ui': '<object><property name="label">not for translators</property></object>\n',
        'data/app.desktop.in': '[Desktop Entry]\nName=App\n',
        'data/app.gschema.xml': '<schemalist><key><summary>S</summary></key></schemalist>\n',
    }
    good = ['data/app.desktop.in', 'data/app.gschema.xml', 'src/a.c', 'src/c.c', 'ui/w.ui']
    cases = {
        'clean tree': (good, None),
        'unlisted C file': ([f for f in good if f != 'src/c.c'], 'src/c.c has translatable'),
        'unlisted ui file': ([f for f in good if f != 'ui/w.ui'], 'ui/w.ui has translatable'),
        'unlisted desktop file': (good[1:], 'data/app.desktop.in has translatable'),
        'missing file': (sorted(good + ['src/zz-gone.c']), 'src/zz-gone.c, which does not exist'),
        'unsorted': ([good[1], good[0]] + good[2:], 'is not sorted'),
    }
    return checklib.run_cases([(name, expect,
                                lambda listed=listed: checklib.check_in_tree(
                                    {**files, 'po/POTFILES.in': '# comment\n' + '\n'.join(listed) + '\n'},
                                    check))
                               for name, (listed, expect) in cases.items()])


if __name__ == '__main__':
    sys.exit(checklib.main(__doc__, check, self_test,
                           lambda root: 'po/POTFILES.in lists every file with translatable strings'))
