#!/usr/bin/env python3
# compare_fleet.py: are two fleet.zip files the same report?
#
# Copyright 2026 The Proxy Probe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 bench/compare_fleet.py BEFORE.zip AFTER.zip
#
# Every member is compared byte for byte (fleet.json, fleet.csv,
# fleet.html, the hosts' pages and zips), after the one thing two merges
# of the same inputs never share: the time the report was generated.
# Exit status 0 when they are the same, 1 when not.

import re
import sys
import zipfile

GENERATED = re.compile(rb'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z')


def members(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def main():
    before, after = members(sys.argv[1]), members(sys.argv[2])
    same = True
    if sorted(before) != sorted(after):
        print('the members differ: %s' % sorted(set(before) ^ set(after))[:10])
        same = False
    for name in sorted(set(before) & set(after)):
        a, b = before[name], after[name]
        if name in ('fleet.json', 'fleet.html'):
            a, b = GENERATED.sub(b'TIME', a, count=1), GENERATED.sub(b'TIME', b, count=1)
        if a != b:
            print('%s differs' % name)
            same = False
    print('%d members, %s' % (len(after), 'the same' if same else 'NOT the same'))
    sys.exit(0 if same else 1)


if __name__ == '__main__':
    main()
