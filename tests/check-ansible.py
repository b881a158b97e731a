#!/usr/bin/env python3
# check-ansible.py: the Ansible role (ansible/) with Debian's ansible-core,
# against five local "hosts" (connection: local), each a host of its own:
# its own name and machine id (UTS and mount namespaces around
# proxyprobe-cli) and its own proxy, the testbed's open (two hosts), auth
# and deny squids, and one whose options are bad input (Proxy Probe cannot
# run: the host fails). Checks the play recap, the merged fleet report's
# verdicts, causes and groups, that the hosts keep nothing, a second run
# (idempotent: only the new reports are fetched) and --check (harmless),
# and ansible-lint (or --syntax-check where it is missing).
#
# Copyright 2026 The Proxy Probe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-ansible.py SOURCE-DIR BUILD-DIR     (prints TAP)

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

checks = []


def check(ok, name, detail=''):
    checks.append(ok)
    print('%s %d - %s' % ('ok' if ok else 'not ok', len(checks), name))
    if detail and not ok:
        print('# ' + detail.strip()[-6000:].replace('\n', '\n# '))
    return ok


WRAPPER = '''#!/bin/sh
# {name}: a host of its own for proxyprobe-cli (name and machine id).
exec unshare -u -m sh -c 'hostname "$1" && mount --bind "$2" /etc/machine-id && cli=$3 && shift 3 && exec "$cli" "$@"' sh {name} {machine_id} {cli} "$@"
'''


def make_hosts(work, cli, testbed):
    """name -> host vars: two behind the open squid, one each behind auth and deny."""
    hosts = {}
    proxies = [('h-open-1', 'open'), ('h-open-2', 'open'), ('h-auth', 'auth'), ('h-deny', 'deny'),
               ('h-broken', 'open')]
    for number, (name, kind) in enumerate(proxies, start=1):
        machine_id = os.path.join(work, name + '.machine-id')
        with open(machine_id, 'w') as f:
            f.write('%032x\n' % number)
        wrapper = os.path.join(work, name + '.sh')
        with open(wrapper, 'w') as f:
            f.write(WRAPPER.format(name=name, machine_id=machine_id, cli=cli))
        os.chmod(wrapper, 0o755)
        options = ['--url', testbed['https'] + '/status/200', '--url', testbed['http'] + '/status/200',
                   '--methods', 'cmdline', '-p', '127.0.0.1:%d' % testbed['squid_' + kind],
                   '--trust', testbed['ca_file'], '--timeout', '10']
        if name == 'h-broken':
            options += ['--concurrency', '0']    # bad input: exit status 2, no report
        hosts[name] = {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable,
                       'proxyprobe_cli': wrapper, 'proxyprobe_profile': '',
                       'proxyprobe_install': False, 'proxyprobe_options': options}
    return hosts


def write_inventory(work, hosts):
    path = os.path.join(work, 'inventory.json')
    with open(path, 'w') as f:
        json.dump({'all': {'children': {'proxyprobe': {'hosts': hosts}}}}, f, indent=2)
    return path


def playbook(source, work, inventory, cli, *extra):
    env = dict(os.environ, ANSIBLE_HOME=os.path.join(work, 'ansible-home'),
               ANSIBLE_LOCAL_TEMP=os.path.join(work, 'ansible-local'),
               ANSIBLE_ROLES_PATH=os.path.join(source, 'ansible', 'roles'),
               ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0', ANSIBLE_RETRY_FILES_ENABLED='0',
               ANSIBLE_CONFIG=os.path.join(work, 'ansible.cfg'), LC_ALL='C.UTF-8', TMPDIR=os.path.join(work, 'host-tmp'))
    command = ['ansible-playbook', '-i', inventory, os.path.join(source, 'ansible', 'playbook.yml'),
               '-e', 'proxyprobe_reports_dir=' + os.path.join(work, 'reports'),
               '-e', 'proxyprobe_fleet_report=' + os.path.join(work, 'fleet.zip'),
               '-e', 'proxyprobe_controller_cli=' + cli] + list(extra)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def recap(output):
    """host -> {ok, changed, failed, ...} from the PLAY RECAP."""
    hosts = {}
    for line in output.split('PLAY RECAP')[-1].splitlines():
        match = re.match(r'^(\S+)\s+:\s+(.*)$', line.strip())
        if match:
            hosts[match.group(1)] = {k: int(v) for k, v in re.findall(r'(\w+)=(\d+)', match.group(2))}
    return hosts


def listing(path):
    return sorted(os.listdir(path)) if os.path.isdir(path) else None


def check_first_run(done, work):
    hosts = recap(done.stdout)
    out = done.stdout + done.stderr
    check(done.returncode == 2, 'ansible-playbook: exit status 2 (one host failed)', out)
    check(all(hosts.get(h, {}).get('failed') == 0 for h in ('h-open-1', 'h-open-2', 'h-auth', 'h-deny')),
          'unreachable endpoints are findings: those hosts do not fail', out)
    check(hosts.get('h-broken', {}).get('failed') == 1,
          'a host where Proxy Probe could not run fails', out)
    check(listing(os.path.join(work, 'reports')) ==
          ['h-auth.zip', 'h-deny.zip', 'h-open-1.zip', 'h-open-2.zip'],
          'each host\'s zip is on the controller', str(listing(os.path.join(work, 'reports'))))
    check(os.listdir(os.path.join(work, 'host-tmp')) == [],
          'the hosts keep nothing (no temporary folder left)', str(os.listdir(os.path.join(work, 'host-tmp'))))


def check_fleet(work, testbed):
    with zipfile.ZipFile(os.path.join(work, 'fleet.zip')) as z:
        fleet = json.loads(z.read('fleet.json'))
        html = z.read('fleet.html').decode()
    verdicts = fleet['verdicts']
    check(fleet['n_hosts'] == 4 and verdicts['all_reachable'] == 2 and verdicts['none_reachable'] == 2,
          'fleet: 4 hosts, 2 reach everything, 2 nothing', json.dumps(verdicts))
    causes = {c['key'].split('|')[0]: c for c in fleet['causes']}
    auth, deny = causes.get('proxy_auth_required'), causes.get('proxy_refused')
    check(auth is not None and auth['n_hosts'] == 1 and auth['n_endpoints'] == 2 and
          str(testbed['squid_auth']) in auth['text'],
          'cause: the auth squid asks for credentials on 1 host, 2 endpoints', json.dumps(fleet['causes']))
    check(deny is not None and deny['n_hosts'] == 1 and str(testbed['squid_deny']) in deny['text'],
          'cause: the deny squid refuses on 1 host', json.dumps(fleet['causes']))
    groups = {g['value']: len(g['hosts']) for g in fleet['proxy_configurations']}
    open_group = [n for v, n in groups.items() if ':%d' % testbed['squid_open'] in v]
    check(open_group == [2] and len(groups) == 3, 'grouped by proxy configuration: 2 + 1 + 1',
          json.dumps(groups))
    names = sorted(h['host']['host_name'] for h in fleet['hosts'])
    check(names == ['h-auth', 'h-deny', 'h-open-1', 'h-open-2'], 'each host by its own name', str(names))
    check('hosts/h-open-1-' in html and '<script' not in html, 'fleet.html links each host\'s report')


def check_second_run(done):
    hosts = recap(done.stdout)
    changed = {h: v.get('changed') for h, v in hosts.items() if h.startswith('h-') and h != 'h-broken'}
    # Only the new report is fetched: nothing else changes on a host.
    check(changed and all(n == 1 for n in changed.values()),
          'second run: one change per host (the new report fetched), none on the host', done.stdout)


def check_check_mode(done, work, before):
    after = {f: os.path.getmtime(os.path.join(work, 'reports', f)) for f in os.listdir(os.path.join(work, 'reports'))}
    check(done.returncode in (0, 2) and before == after and os.listdir(os.path.join(work, 'host-tmp')) == [],
          '--check: nothing run, fetched or left behind', done.stdout + done.stderr)


def dummy_deb(work):
    """A package of no use, to see --check not install it."""
    root = os.path.join(work, 'dummy')
    os.makedirs(os.path.join(root, 'DEBIAN'))
    with open(os.path.join(root, 'DEBIAN', 'control'), 'w') as f:
        f.write('Package: proxyprobe-ansible-check-dummy\nVersion: 1.0\nArchitecture: all\n'
                'Maintainer: Proxy Probe developers <dev@proxyprobe.invalid>\n'
                'Description: installed by nothing\n --check must not install it\n')
    deb = os.path.join(work, 'proxyprobe-ansible-check-dummy_1.0_all.deb')
    subprocess.run(['dpkg-deb', '--build', root, deb], check=True, capture_output=True)
    return deb


def check_check_mode_install(done, deb):
    installed = subprocess.run(['dpkg', '-s', 'proxyprobe-ansible-check-dummy'],
                               capture_output=True).returncode == 0
    copied = os.path.exists('/var/cache/apt/archives/' + os.path.basename(deb))
    would_copy = re.search(r'TASK \[proxyprobe : Copy the package to the host\].*?\nchanged: ', done.stdout, re.S)
    check(done.returncode in (0, 2) and would_copy and not installed and not copied,
          '--check with a package to install: neither copied nor installed',
          done.stdout + done.stderr)


def lint(source, work):
    env = dict(os.environ, ANSIBLE_HOME=os.path.join(work, 'ansible-home'), HOME=work,
               ANSIBLE_ROLES_PATH=os.path.join(source, 'ansible', 'roles'), LC_ALL='C.UTF-8')
    if shutil.which('ansible-lint'):
        done = subprocess.run(['ansible-lint', '--offline', '-p', 'playbook.yml', 'roles/proxyprobe'],
                              cwd=os.path.join(source, 'ansible'), env=env, capture_output=True,
                              text=True, timeout=300)
        check(done.returncode == 0, 'ansible-lint: no finding', done.stdout + done.stderr)
    done = subprocess.run(['ansible-playbook', '--syntax-check', '-i', 'inventory.example.yml',
                           'playbook.yml'], cwd=os.path.join(source, 'ansible'), env=env,
                          capture_output=True, text=True)
    check(done.returncode == 0, 'ansible-playbook --syntax-check', done.stdout + done.stderr)


def main():
    source, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not shutil.which('ansible-playbook') or os.geteuid() != 0 or \
            subprocess.run(['unshare', '-u', '-m', 'true']).returncode != 0:
        # TAP's skip: meson reads it from the plan, not from exit status 77.
        print('1..0 # SKIP needs ansible-playbook (ansible-core) and root for the hosts\' namespaces')
        return 0
    cli = os.path.join(build, 'src', 'cli', 'proxyprobe-cli')
    daemon = subprocess.Popen([os.path.join(build, 'tests', 'testbed', 'pp-testbed-daemon'), '--squid',
                               'open,auth,deny'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    work = tempfile.mkdtemp(prefix='proxyprobe-ansible-')
    try:
        testbed = json.loads(daemon.stdout.readline())
        os.makedirs(os.path.join(work, 'host-tmp'))
        # The test's own configuration: none of the machine's or the user's.
        with open(os.path.join(work, 'ansible.cfg'), 'w') as f:
            f.write('[defaults]\n')
        inventory = write_inventory(work, make_hosts(work, cli, testbed))
        check_first_run(playbook(source, work, inventory, cli), work)
        check_fleet(work, testbed)
        check_second_run(playbook(source, work, inventory, cli))
        before = {f: os.path.getmtime(os.path.join(work, 'reports', f)) for f in os.listdir(os.path.join(work, 'reports'))}
        check_check_mode(playbook(source, work, inventory, cli, '--check'), work, before)
        deb = dummy_deb(work)
        check_check_mode_install(playbook(source, work, inventory, cli, '--check', '-e',
                                          'proxyprobe_install=true', '-e',
                                          'proxyprobe_package_file=' + deb), deb)
        lint(source, work)
        print('1..%d' % len(checks))
    finally:
        daemon.stdin.close()
        daemon.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(checks) else 1


if __name__ == '__main__':
    sys.exit(main())
