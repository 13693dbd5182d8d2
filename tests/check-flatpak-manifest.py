#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest (build-aux/flatpak/) is valid JSON and complete: the app's id and
command, the GNOME runtime and SDK, the libraries Debian gives us that the runtime lacks
(libshumate, libical), the fonts for every script a figure draws, and Diplomap itself built
with meson from this tree. It is not built here (no network); flatpak-builder reads it as
    flatpak-builder --user --install _flatpak build-aux/flatpak/io.github.diplomap.Diplomap.json
Usage: check-flatpak-manifest.py MANIFEST APP_ID"""
import json
import sys


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    with open(path, encoding='utf-8') as f:
        m = json.load(f)
    problems = []
    if m.get('app-id') != app_id:
        problems.append('app-id is %r, not %r' % (m.get('app-id'), app_id))
    if m.get('runtime') != 'org.gnome.Platform' or m.get('sdk') != 'org.gnome.Sdk':
        problems.append('not on the GNOME runtime and SDK')
    if m.get('command') != 'diplomap':
        problems.append('command is not diplomap')
    if any('network' in a for a in m.get('finish-args', [])):
        problems.append('asks for the network: Diplomap never contacts it')
    modules = {mod.get('name'): mod for mod in m.get('modules', [])}
    for name in ('libshumate', 'libical', 'noto-fonts', 'noto-cjk', 'diplomap'):
        if name not in modules:
            problems.append('no module %s' % name)
            continue
        mod = modules[name]
        if not mod.get('sources'):
            problems.append('module %s has no sources' % name)
        for src in mod.get('sources', []):
            if src.get('type') in ('archive', 'file') and 'sha256' not in src:
                problems.append('module %s: an %s source without sha256' % (name, src['type']))
            if src.get('type') == 'git' and not (src.get('tag') or src.get('commit')):
                problems.append('module %s: a git source without tag or commit' % name)
    last = m.get('modules', [{}])[-1]
    if last.get('name') != 'diplomap' or last.get('buildsystem') != 'meson':
        problems.append('Diplomap is not the last module, built with meson')
    fonts = ' '.join(' '.join(modules.get(n, {}).get('build-commands', []))
                     for n in ('noto-fonts', 'noto-cjk'))
    for family in ('NotoSans ', 'NotoSansArabic', 'NotoSansHebrew', 'NotoSansDevanagari',
                   'NotoSansThai', 'NotoSansCJK'):
        if family.strip() not in fonts:
            problems.append('no font %s' % family.strip())
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
