#!/usr/bin/env python3
# check-install.py: 'meson install' into a temporary DESTDIR, then check that
# every file a distribution package needs is where it belongs.
#
# Copyright 2026 The Proxy Probe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py MESON BUILD-DIR ABSOLUTE-PATH...
# Prints TAP: one test per expected path, plus one for the install itself.

import os
import shutil
import subprocess
import sys
import tempfile


def main():
    meson, build_dir, expected = sys.argv[1], sys.argv[2], sys.argv[3:]
    destdir = tempfile.mkdtemp(prefix='proxyprobe-install-')
    try:
        print('1..%d' % (len(expected) + 1))
        command = [meson, 'install', '-C', build_dir, '--destdir', destdir,
                   '--no-rebuild', '--quiet']
        # DESTDIR in the environment would override --destdir: never install
        # anywhere but the temporary folder.
        env = {k: v for k, v in os.environ.items() if k != 'DESTDIR'}
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print('not ok 1 - %s exited with %d' % (' '.join(command), done.returncode))
            print('# ' + (done.stdout + done.stderr).replace('\n', '\n# '))
        else:
            print('ok 1 - meson install --destdir')

        failed = done.returncode != 0
        for number, path in enumerate(expected, start=2):
            installed = os.path.join(destdir, path.lstrip('/'))
            if os.path.isfile(installed) and os.path.getsize(installed) > 0:
                print('ok %d - %s' % (number, path))
            else:
                print('not ok %d - %s is not installed' % (number, path))
                failed = True
        if failed:
            listing = sorted(os.path.join(d, f)[len(destdir):]
                             for d, _, files in os.walk(destdir) for f in files)
            print('# installed: ' + ', '.join(listing))
        return 1 if failed else 0
    finally:
        shutil.rmtree(destdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
