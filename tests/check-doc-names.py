#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the docs name only files and symbols that exist.

Scans README.md, HACKING.md and docs/*.md for
  - paths of our files (`src/app/dm-window.c`, `build-aux/dev`, `tests/data/…`), with
    `{c,h}` alternatives and `*` globs: each must exist in the tree (a glob must match);
  - bare file names (`dm-window.c`, `dm-time.{c,h}`, `test-window.c`, `check-potfiles.py`):
    a `dm-*` name must exist under src/ or tests/, another anywhere in the tree; a bare
    `dm-name` in backticks must be the stem of such a file;
  - test programs (`test-window`, `bench-tiles`, `test-interop-*`) and test case paths
    (`/model/time/parse`) must exist in tests/;
  - functions `dm_…`, types `Dm…` and macros `DM_…`: each must appear in the sources of
    src/ or tests/ (`dm_loader_load_file[_async]` names both functions);
  - libraries `libdiplomap-…`: each must be a static_library of a meson.build.
Files the build makes count as existing: those .gitignore names from the top
(`/po/diplomap.pot`) and the outputs of meson.build files (`config.h`). Words in capitals
in a name are placeholders (`po/LL.po`, `dm-NAME-format.c`) when PLACEHOLDERS says so.

  check-doc-names.py SOURCE_ROOT     check a tree
  check-doc-names.py --self-test     check that the checker itself catches each fault
"""
import fnmatch
import os
import re
import sys

import checklib

TOP_DIRS = ('src', 'tests', 'data', 'build-aux', 'docs', 'ui', 'po', '.ci')
# Placeholders that a doc writes in a path or a file name for "any"
PLACEHOLDERS = ('LL_CC', 'LL', 'NAME', 'FILE', 'OUT', 'AREA')
# Names a doc may give although no file or source has them, as {'docs/X.md': ('name',)}:
# keep it empty if at all possible (fix the doc instead), else short, and say why
ALLOWED = {
}
# Extensions of the files a bare name can point at (not users' example files)
FILE_EXTS = 'c|h|ui|py|sh|css|md|build|tsv|in|xml'

PATH_RE = re.compile(r'(?<![\w./\-$~])((?:%s)/(?:[\w.\-*]|\{[\w,.\-]+\}|\[\w+\]|/)*)(…)?'
                     % '|'.join(re.escape(d) for d in TOP_DIRS))
BARE_RE = re.compile(r'(?<![\w./\-$~])([\w*][\w\-*]*(?:\.\{[\w,]+\}|\.\[\w+\]|\.(?:%s)))(?![\w\-])'
                     % FILE_EXTS)
STEM_RE = re.compile(r'`(dm-[\w\-]+)`')
PROGRAM_RE = re.compile(r'(?<![\w./\-])((?:test|bench)-[\w\-*]*[\w*])(?![\w.\-/])')
CASE_RE = re.compile(r'`(/[a-z][\w\-]*(?:/[\w\-]+)+)`')
SYMBOL_RE = re.compile(r'(?<![\w-])((?:dm_|Dm[A-Z]|DM_)\w*)((?:\[\w+\])?)')
IDENT_RE = re.compile(r'\b\w+\b')
LIB_RE = re.compile(r'(?<![\w\-])lib(diplomap-[\w\-]*\w)')


def expand(name):
    """`dm-time.{c,h}` -> [`dm-time.c`, `dm-time.h`]"""
    m = re.search(r'\{([^{}]*)\}', name)
    if not m:
        return [name]
    out = []
    for alt in m.group(1).split(','):
        out += expand(name[:m.start()] + alt + name[m.end():])
    return out


def unplaceholder(name):
    for p in PLACEHOLDERS:
        name = re.sub(r'(?<![A-Za-z])%s(?![A-Za-z])' % p, '*', name)
    return name


def walk(root):
    """Every file of the tree (build folders and .git left out), as relative paths."""
    files = []
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs
                         if x != '.git' and not (d == root and x.startswith('_'))
                         and not os.path.exists(os.path.join(d, x, 'meson-private')))
        for n in names:
            files.append(os.path.relpath(os.path.join(d, n), root).replace(os.sep, '/'))
    return files


class Tree:
    def __init__(self, root):
        self.root = root
        self.files = walk(root)
        self.dirs = {os.path.dirname(f) for f in self.files}
        for f in list(self.dirs):
            while f:
                f = os.path.dirname(f)
                self.dirs.add(f)
        self.code = [f for f in self.files if f.split('/')[0] in ('src', 'tests')]
        self.code_names = {os.path.basename(f) for f in self.code}
        self.all_names = {os.path.basename(f) for f in self.files}
        # Files meson writes into the build folder (`configure_file (output: 'config.h')`)
        for f in self.files:
            if os.path.basename(f) == 'meson.build':
                with open(os.path.join(root, f), encoding='utf-8', errors='replace') as fh:
                    made = re.findall(r"output\s*:\s*'([\w.\-]+)'", fh.read())
                self.all_names.update(made)
                self.code_names.update(made)
        self.stems = {n.split('.')[0] for n in self.all_names}
        self.idents = set()
        self.cases = set()
        self.programs = set()
        self.libraries = set()
        for f in self.code:
            if not f.endswith(('.c', '.h', '.sh', '.py', 'meson.build')):
                continue
            with open(os.path.join(root, f), encoding='utf-8', errors='replace') as fh:
                text = fh.read()
            self.idents.update(IDENT_RE.findall(text))
            if f.endswith('meson.build'):
                self.libraries.update(re.findall(r"static_library\('([\w\-]+)'", text))
            if f.startswith('tests/'):
                self.cases.update(re.findall(r'"(/[a-z][\w\-/]*)', text))
                if f.endswith('meson.build'):
                    self.programs.update(re.findall(r"'((?:test|bench)-[\w\-]+)'", text))
        self.programs.update(os.path.basename(f).rsplit('.', 1)[0] for f in self.files
                             if f.startswith('tests/') and f.endswith(('.c', '.sh')))
        self.areas = {c.split('/')[1] for c in self.cases}
        # Files the build writes into the tree, which .gitignore names (`/po/diplomap.pot`)
        self.generated = set()
        if os.path.isfile(os.path.join(root, '.gitignore')):
            with open(os.path.join(root, '.gitignore'), encoding='utf-8') as fh:
                self.generated = {l.strip()[1:] for l in fh
                                  if l.startswith('/') and not l.strip().endswith('/')}

    def path_exists(self, path):
        path = path.rstrip('/')
        for p in expand(path):
            if p in self.files or p in self.dirs or p in self.generated:
                continue
            pat = unplaceholder(p)
            if any(c in pat for c in '*?[') and (fnmatch.filter(self.files, pat)
                                                  or fnmatch.filter(self.dirs, pat)):
                continue
            return False
        return True

    def name_exists(self, name):
        code = name.startswith('dm-') and re.search(r'\.(?:c|h|\{c,h\}|\[ch\])$', name)
        pool = self.code_names if code else self.all_names
        for n in expand(name):
            pat = unplaceholder(n)
            if n in pool or (('*' in pat) and fnmatch.filter(pool, pat)):
                continue
            return False
        return True

    def symbol_exists(self, name):
        if name in self.idents:
            return True
        # DM_TYPE_FOO_BAR and dm_foo_bar_get_type come from G_DECLARE_* or glib-mkenums
        m = re.fullmatch(r'DM_TYPE_(\w+)', name) or re.fullmatch(r'dm_(\w+)_get_type', name)
        if m:
            camel = 'Dm' + ''.join(w.capitalize() for w in m.group(1).lower().split('_'))
            return camel in self.idents
        return False


def check_text(tree, rel, text):
    problems = []
    allowed = ALLOWED.get(rel, ()) + ALLOWED.get('*', ())

    def report(line, what, name):
        if name not in allowed:
            problems.append('%s:%d: names %s %s, which does not exist' % (rel, line, what, name))

    for n, line in enumerate(text.split('\n'), 1):
        seen_paths = []
        for m in PATH_RE.finditer(line):
            path = m.group(1).rstrip('.,')
            seen_paths.append((m.start(), m.start() + len(path)))
            if m.group(2):  # `data/…`: the folder before the ellipsis
                path = path.rsplit('/', 1)[0] if not path.endswith('/') else path
            if not tree.path_exists(path):
                report(n, 'the path', path)
        for m in BARE_RE.finditer(line):
            if any(a <= m.start() < b for a, b in seen_paths):
                continue
            if not tree.name_exists(m.group(1)):
                report(n, 'the file', m.group(1))
        for m in STEM_RE.finditer(line):
            if m.group(1) not in tree.stems:
                report(n, 'the file', m.group(1))
        for m in PROGRAM_RE.finditer(line):
            if any(a <= m.start() < b for a, b in seen_paths):
                continue
            name = m.group(1)
            if not (name in tree.programs or ('*' in name and fnmatch.filter(tree.programs, name))):
                report(n, 'the test program', name)
        for m in CASE_RE.finditer(line):
            case = m.group(1)
            if case.split('/')[1] in tree.areas and not any(
                    c == case or c.startswith(case + '/') for c in tree.cases):
                report(n, 'the test case', case)
        for m in LIB_RE.finditer(line):
            if m.group(1) not in tree.libraries:
                report(n, 'the library', 'lib' + m.group(1))
        for m in SYMBOL_RE.finditer(line):
            name, suffix = m.group(1), m.group(2)
            if name.endswith('_'):
                continue  # a prefix (`dm_json_…`)
            for s in [name] + ([name + suffix[1:-1]] if suffix else []):
                if not tree.symbol_exists(s):
                    report(n, 'the symbol', s)
    return problems


def docs(root):
    out = [f for f in ('README.md', 'HACKING.md') if os.path.isfile(os.path.join(root, f))]
    if os.path.isdir(os.path.join(root, 'docs')):
        out += sorted('docs/' + f for f in os.listdir(os.path.join(root, 'docs'))
                      if f.endswith('.md'))
    return out


def check(root):
    """Returns a list of problems (empty when the docs are right)."""
    tree = Tree(root)
    problems = []
    for rel in docs(root):
        with open(os.path.join(root, rel), encoding='utf-8') as f:
            problems += check_text(tree, rel, f.read())
    return problems


def self_test():
    """Each fault, planted in a small tree, must be reported; the clean tree must pass."""
    files = {
        'src/app/dm-window.c': '#define DM_WINDOW_MARGIN 4\nDmWindow *dm_window_new (void);\n'
                               'DmWindow *dm_window_new_async (void);\n',
        'src/app/dm-window.h': 'G_DECLARE_FINAL_TYPE (DmWindow, dm_window, DM, WINDOW, X)\n',
        'tests/test-window.c': 'g_test_add_func ("/app/window/open", test_open);\n',
        'tests/meson.build': "test('test-window', exe)\n",
        'src/app/meson.build': "app_lib = static_library('diplomap-app', files())\n"
                               "configure_file(output: 'config.h')\n",
        'build-aux/dev': '#!/bin/sh\n',
        'po/fr.po': '',
        'data/samples/a.diplomap': '{}\n',
        '.gitignore': '/_build/\n/po/x.pot\n',
    }
    clean = ('# Doc\n`src/app/dm-window.{c,h}` holds `DmWindow` (`DM_TYPE_WINDOW`, '
             '`dm_window_new[_async]`, `DM_WINDOW_MARGIN`); `dm-window.c`, `dm-window`, '
             'tests in `tests/test-window.c` (`test-window`, `/app/window/open`), '
             'run by build-aux/dev; data in data/…, `data/samples/*.diplomap`, po/LL.po, '
             '`po/x.pot`, libdiplomap-app, `config.h` first, a `-private.h`.\n'
             '`DmWindow`\'s `dm_json_…` helpers, `/usr/share/x`.\n')
    cases = {
        'clean tree': ('', None),
        'missing path': ('See `src/app/dm-gone.c`.\n', 'the path src/app/dm-gone.c'),
        'missing folder': ('See `data/gone/` and `_build/gone`.\n', 'the path data/gone/'),
        'missing path in braces': ('See src/app/dm-window.{c,ui}.\n',
                                   'the path src/app/dm-window.{c,ui}'),
        'glob matching nothing': ('See `src/model/dm-*-format.c`.\n',
                                  'the path src/model/dm-*-format.c'),
        'missing bare file': ('`dm-gone.c` does it.\n', 'the file dm-gone.c'),
        'missing stem': ('`dm-gone` does it.\n', 'the file dm-gone'),
        'missing test program': ('`test-gone` checks it.\n', 'the test program test-gone'),
        'missing test case': ('(`/app/window/gone`)\n', 'the test case /app/window/gone'),
        'missing function': ('`dm_window_gone ()` does it.\n', 'the symbol dm_window_gone'),
        'missing optional suffix': ('`dm_window_new[_sync]`\n', 'the symbol dm_window_new_sync'),
        'missing type': ('The `DmGoneLayer` draws.\n', 'the symbol DmGoneLayer'),
        'missing macro': ('`DM_GONE_MARGIN`\n', 'the symbol DM_GONE_MARGIN'),
        'missing library': ('linked into libdiplomap-core\n', 'the library libdiplomap-core'),
    }
    return checklib.run_cases([(name, expect,
                                lambda planted=planted: checklib.check_in_tree(
                                    {**files, 'docs/X.md': clean + planted}, check))
                               for name, (planted, expect) in cases.items()])


if __name__ == '__main__':
    sys.exit(checklib.main(__doc__, check, self_test,
                           lambda root: 'the docs name only files and symbols that exist'))
