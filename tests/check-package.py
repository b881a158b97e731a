#!/usr/bin/env python3
# check-package.py: builds the Debian packages from a copy of the source
# tree (dpkg-buildpackage -b -us -uc), runs lintian on them, unpacks them
# into a scratch root (dpkg -x) and runs the unpacked proxyprobe-cli: its
# version, its libraries (no GTK), and a run against the testbed's server
# whose wpad method goes through the installed PAC helper and its sandbox.
#
# Copyright 2026 The Proxy Probe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-package.py SOURCE-DIR BUILD-DIR [--keep DIR]  (BUILD-DIR: the testbed daemon)
# Prints TAP. Slow (a whole build): suite "package", run only when
# PP_TEST_PACKAGE=1 (else skipped); see README "Debian package".

import glob
import os
import shutil
import subprocess
import sys
import tempfile

checks = []


def check(ok, name, detail=''):
    checks.append(ok)
    print('%s %d - %s' % ('ok' if ok else 'not ok', len(checks), name))
    if detail:
        print('# ' + detail.strip().replace('\n', '\n# '))
    return ok


def copy_tree(source, target):
    """The files git knows (committed or not), as a fresh checkout has them."""
    listed = subprocess.run(['git', '-C', source, 'ls-files', '-z', '--cached', '--others',
                             '--exclude-standard'], capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split('\0')):
        path = os.path.join(source, name)
        if not os.path.isfile(path):
            continue
        os.makedirs(os.path.join(target, os.path.dirname(name)), exist_ok=True)
        shutil.copy2(path, os.path.join(target, name))


def build(src):
    env = dict(os.environ, DEB_BUILD_OPTIONS='nocheck parallel=%d' % (os.cpu_count() or 1))
    env.pop('DESTDIR', None)
    done = subprocess.run(['nice', '-n', '10', 'dpkg-buildpackage', '-b', '-us', '-uc'],
                          cwd=src, env=env, capture_output=True, text=True)
    return check(done.returncode == 0, 'dpkg-buildpackage -b -us -uc',
                 '' if done.returncode == 0 else (done.stdout + done.stderr)[-4000:])


def meson_installed(src):
    """What meson install installs, from the package's own build folder."""
    builds = glob.glob(os.path.join(src, 'obj-*'))
    done = subprocess.run(['meson', 'introspect', builds[0], '--installed'],
                          capture_output=True, text=True)
    import json
    return sorted(set(json.loads(done.stdout).values()))


def unpacked_files(root):
    found = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            found.append('/' + os.path.relpath(os.path.join(folder, name), root))
    return found


def run_lintian(work):
    changes = glob.glob(os.path.join(work, '*.changes'))
    done = subprocess.run(['lintian', '--no-tag-display-limit', '--info', '--pedantic',
                           '--show-overrides'] + changes,
                          capture_output=True, text=True)
    # Errors and warnings fail; informational and pedantic tags are
    # printed for the record (README, "Debian package").
    tags = [line for line in done.stdout.splitlines() if line[:2] in ('E:', 'W:')]
    print('# lintian: ' + ('\n# '.join(done.stdout.splitlines()) or 'no tags'))
    check(not tags, 'lintian: no errors or warnings', '\n'.join(tags))


def check_contents(src, root):
    wanted = meson_installed(src)
    have = set(unpacked_files(root))
    # dh_installman compresses manual pages.
    missing = [path for path in wanted if path not in have and path + '.gz' not in have]
    check(wanted and not missing, 'the packages install every file meson install does (%d)'
          % len(wanted), 'missing: ' + ', '.join(missing) if missing else '')


def check_no_gtk(work, root):
    deb = glob.glob(os.path.join(work, 'proxyprobe-cli_*.deb'))[0]
    depends = subprocess.run(['dpkg-deb', '-f', deb, 'Depends'], capture_output=True,
                             text=True).stdout
    ldd = subprocess.run(['ldd', os.path.join(root, 'usr/bin/proxyprobe-cli')],
                         capture_output=True, text=True).stdout
    check('gtk' not in depends and 'adwaita' not in depends,
          'proxyprobe-cli depends on no GTK', depends)
    check('libgtk' not in ldd and 'libadwaita' not in ldd, 'proxyprobe-cli links no GTK',
          ldd if 'libgtk' in ldd else '')


def check_version(root):
    cli = os.path.join(root, 'usr/bin/proxyprobe-cli')
    done = subprocess.run([cli, '--version'], capture_output=True, text=True)
    check(done.returncode == 0 and done.stdout.startswith('proxyprobe-cli '),
          'proxyprobe-cli --version from the package', done.stdout + done.stderr)


# In a mount and network namespace of its own: the package's /usr/libexec
# is mounted over the system's, so that the unpacked program finds its
# helper where an installed one would; only loopback exists, where the
# testbed's libsoup server answers.
RUN_IN_NAMESPACE = r'''
set -e
ip link set lo up
mount --bind "$ROOT/usr/libexec" /usr/libexec
cd "$WORK"
"$DAEMON" --ignore-stdin > testbed.json &
testbed=$!
for i in $(seq 100); do [ -s testbed.json ] && break; sleep 0.1; done
url=$(python3 -c 'import json; print(json.load(open("testbed.json"))["http"] + "/status/200")')
unset PROXYPROBE_PAC_HELPER http_proxy https_proxy all_proxy no_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY NO_PROXY
status=0
"$ROOT/usr/bin/proxyprobe-cli" --url "$url" --methods wpad,direct \
  --pac-file "$WORK/test.pac" --timeout 5 || status=$?
kill $testbed
wait $testbed || true
exit $status
'''


def check_run(work, root, daemon):
    with open(os.path.join(work, 'test.pac'), 'w') as pac:
        pac.write('function FindProxyForURL(url, host) { return "DIRECT"; }\n')
    env = dict(os.environ, ROOT=root, WORK=work, DAEMON=daemon)
    done = subprocess.run(['unshare', '-m', '-n', 'sh', '-c', RUN_IN_NAMESPACE],
                          env=env, capture_output=True, text=True, timeout=120)
    wpad_ok = '2 - Proxy auto discovery (WPAD): Succeeded (200)' in done.stdout
    check(done.returncode == 0 and wpad_ok,
          'a run through the installed PAC helper (wpad) against the testbed on loopback',
          done.stdout + done.stderr)


def main():
    if os.environ.get('PP_TEST_PACKAGE') != '1':
        # TAP's skip: meson reads it from the plan, not from exit status 77.
        print('1..0 # SKIP the package build takes minutes: PP_TEST_PACKAGE=1 runs it')
        return 0
    source = os.path.abspath(sys.argv[1])
    daemon = os.path.abspath(os.path.join(sys.argv[2], 'tests', 'testbed', 'pp-testbed-daemon'))
    keep = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == '--keep' else None
    work = keep or tempfile.mkdtemp(prefix='proxyprobe-package-')
    src = os.path.join(work, 'proxyprobe')
    root = os.path.join(work, 'root')
    try:
        shutil.rmtree(src, ignore_errors=True)
        copy_tree(source, src)
        if build(src):
            run_lintian(work)
            for deb in glob.glob(os.path.join(work, '*.deb')):
                subprocess.run(['dpkg', '-x', deb, root], check=True)
            check_contents(src, root)
            # The build tree stays, its PAC helper replaced by one that
            # fails: an installed program must not use the build's helper
            # even on the machine that built the package.
            for helper in glob.glob(os.path.join(src, 'obj-*', 'src', 'pac', 'proxyprobe-pac-helper')):
                with open(helper, 'w') as f:
                    f.write('#!/bin/sh\nexit 1\n')
            check_no_gtk(work, root)
            check_version(root)
            check_run(work, root, daemon)
        print('1..%d' % len(checks))
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if all(checks) else 1


if __name__ == '__main__':
    sys.exit(main())
