#!/usr/bin/env python3
# check-cli-docs.py: every option proxyprobe-cli --help lists must be in the
# man page and in the bash completion, so the two cannot drift from the code.
#
# Copyright 2026 The Proxy Probe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-cli-docs.py PROXYPROBE-CLI MAN-PAGE COMPLETION
# Prints TAP: one test per option and subcommand.

import re
import subprocess
import sys


def options(cli, *subcommand):
    done = subprocess.run([cli, *subcommand, '--help'], capture_output=True, text=True,
                          check=True)
    return sorted(set(re.findall(r'^\s+(?:-\w, )?(--[a-z][a-z-]*)', done.stdout, re.M)))


def main():
    cli, man_path, completion_path = sys.argv[1:4]
    man = open(man_path, encoding='utf-8').read().replace('\\-', '-')
    completion = open(completion_path, encoding='utf-8').read()
    checks = [(o, 'proxyprobe-cli') for o in options(cli)]
    checks += [(o, 'pac-test') for o in options(cli, 'pac-test')]
    checks += [('pac-test', 'subcommand'), ('show', 'subcommand')]

    print('1..%d' % (2 * len(checks)))
    failed = False
    number = 0
    for name, where in checks:
        pattern = re.compile(re.escape(name) + r'(?![a-z-])')
        for document, text in (('man page', man), ('completion', completion)):
            number += 1
            if pattern.search(text):
                print('ok %d - %s (%s) in the %s' % (number, name, where, document))
            else:
                print('not ok %d - %s (%s) is missing from the %s' % (number, name, where, document))
                failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
