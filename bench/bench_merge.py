#!/usr/bin/env python3
# bench_merge.py: proxyprobe-cli merge of N host report zips (default 1,000
# hosts, 55 endpoints x 6 methods each), wall time and peak RSS.
#
# Copyright 2026 The Proxy Probe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 bench/bench_merge.py [--hosts N] [--build DIR] [--repeat N] [--keep DIR]
#                                     [--chromium PATH] [--compare DIR]
#
# --compare: also merges the same inputs with the proxyprobe-cli of another
# build (the one before a change) and compares the two fleet.zip files
# member by member, the generation time aside (bench/compare_fleet.py).
# --chromium: also times headless Chromium taking a screenshot of the
# fleet.html (and of an empty page, Chromium's own start-up), --repeat times.
# Wall, user and system CPU of each merge come from /usr/bin/time; the
# user time is the steadier figure on a shared machine.
#
# The inputs are generated as proxyprobe-cli --output writes them: a
# report.json of proxyprobe-report/1 (host identity, 330 probes with their
# details, timings, attempts and TLS summaries), ProxyProbeResult.txt, a
# report.html and one trace per probe, so that the zip reader checks as
# many members as a real report has. Hosts sit in 20 networks behind 5
# proxies; one proxy blocks a third of the endpoints.

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile

METHODS = [('default', 1, 'Default proxy'), ('wpad', 2, 'Proxy auto discovery (WPAD)'),
           ('direct', 3, 'Proxy disabled'), ('named', 4, 'Named proxy'),
           ('cmdline', 5, 'Command line proxy'), ('env', 6, 'Environment proxy')]


def probe(url, method, outcome, proxy):
    ok = outcome == 'ok'
    return {
        'url': url, 'service': 'Service %s' % url[8:20], 'method': method[0],
        'method_label': method[2], 'outcome': outcome, 'reachable': ok,
        'http_status': 200 if ok else None, 'connect_status': 403 if outcome == 'proxy_refused' else None,
        'proxy_status': None, 'ambiguous_status': None, 'answered_by': 'origin' if ok else None,
        'curl_code': 0 if ok else 56, 'curl_message': None if ok else 'CONNECT tunnel failed, response 403',
        'detail': 'the server answered 200' if ok else 'the proxy refused the tunnel (403 Forbidden)',
        'method_note': None, 'pac_lookups': None,
        'timings_ms': {'dns': 0.4, 'connect': 1.2, 'tls': 8.5, 'first_byte': 20.1, 'total': 31.7},
        'remote_address': '10.0.0.5:3128', 'proxy': proxy,
        'attempts': [{'proxy': proxy, 'outcome': outcome, 'curl_code': 0 if ok else 56}],
        'redirects': 0, 'requested_urls': [url], 'final_url': url,
        'tls': {'verified': True, 'inspected': False, 'subject': 'CN=%s' % url[8:40],
                'issuer': 'CN=Microsoft Azure RSA TLS Issuing CA 03', 'root': 'CN=DigiCert Global Root G2',
                'leaf_sha256': 'AB:CD:' * 15 + 'EF', 'chain': ['CN=leaf', 'CN=intermediate', 'CN=root']} if ok else None,
    }


def report(host, endpoints):
    proxy = 'http://10.0.%d.5:3128' % (host % 5)
    blocked = host % 5 == 0
    probes = []
    for e, url in enumerate(endpoints):
        for method in METHODS:
            if method[0] in ('wpad', 'named', 'env'):
                outcome = 'not_configured'
            elif method[0] == 'direct':
                outcome = 'connect_timeout'
            else:
                outcome = 'proxy_refused' if blocked and e % 3 == 0 else 'ok'
            used = None if outcome == 'not_configured' else 'DIRECT' if method[0] == 'direct' else proxy
            probes.append(probe(url, method, outcome, used))
    machine = '%032x' % (host + 1)
    return {
        'schema': 'proxyprobe-report/1', 'application': 'proxyprobe 0.1.0',
        'generated': '2026-12-07T05:00:00Z', 'run_id': str(uuid.uuid4()),
        'started': '2026-12-07T04:59:%02dZ' % (host % 60),
        'host': {'host_name': 'srv%04d' % host, 'fqdn': 'srv%04d.corp.example.test' % host,
                 'machine_id': machine, 'os': {'id': 'debian', 'version_id': '12',
                                               'pretty_name': 'Debian GNU/Linux 12 (bookworm)'},
                 'addresses': ['10.%d.%d.%d' % (10 + host % 20, host // 250, host % 250)],
                 'default_route_interface': 'eth0', 'anonymized': False, 'anonymized_note': None},
        'profile': {'name': 'mde-standard', 'title': 'Microsoft Defender for Endpoint', 'geography': 'EU'},
        'methods': [{'id': m[0], 'number': m[1], 'label': m[2]} for m in METHODS],
        'configuration': {'resolver': 'GProxyResolverGnome',
                          'resolver_sample': {'url': 'https://example.com/', 'answer': proxy},
                          'environment': {}, 'named_proxy': None, 'cmdline_proxy': proxy,
                          'warnings': [], 'wpad': {'pac': None, 'problem': 'no WPAD', 'log': ''},
                          'sources': []},
        'summary': {'endpoints': len(endpoints), 'reachable': 0, 'unreachable': 0,
                    'probes': len(probes)},
        'probes': probes,
    }


def write_zip(path, host, endpoints):
    doc = report(host, endpoints)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('ProxyProbeResult.txt', 'Proxy Probe report\nHost: srv%04d\n' % host +
                   'Testing URL : x\n' * 330)
        z.writestr('report.json', json.dumps(doc, indent=2))
        z.writestr('report.html', '<!DOCTYPE html><html><body>' + '<p>row</p>' * 3000 + '</body></html>')
        for i, p in enumerate(doc['probes']):
            z.writestr('traces/%04d-%s-host.txt' % (i + 1, p['method']),
                       'URL: %s\n> CONNECT host:443 HTTP/1.1\n< HTTP/1.1 200 Connection established\n' % p['url'] * 6)


def render(chromium, fleet_zip, work, repeat):
    pages = {'empty': os.path.join(work, 'empty.html'), 'fleet.html': os.path.join(work, 'fleet.html')}
    with open(pages['empty'], 'w') as f:
        f.write('<!DOCTYPE html><html><body></body></html>')
    with zipfile.ZipFile(fleet_zip) as z, open(pages['fleet.html'], 'wb') as f:
        f.write(z.read('fleet.html'))
    for _ in range(repeat):
        for name, page in pages.items():
            start = time.monotonic()
            subprocess.run([chromium, '--headless=new', '--no-sandbox', '--disable-gpu',
                            '--screenshot=' + os.path.join(work, 'shot.png'), '--window-size=1280,1000',
                            'file://' + page], capture_output=True, check=True)
            print('chromium screenshot of %s: %.2f s, load %.2f' %
                  (name, time.monotonic() - start, os.getloadavg()[0]))


def compare(build, inputs, work):
    other = os.path.join(work, 'fleet-compare.zip')
    cli = os.path.abspath(os.path.join(build, 'src/cli/proxyprobe-cli'))
    subprocess.run([cli, 'merge', '--force', '-o', other, inputs], capture_output=True, check=True)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'compare_fleet.py')
    done = subprocess.run([sys.executable, script, other, os.path.join(work, 'fleet.zip')])
    if done.returncode != 0:
        sys.exit('the fleet reports of %s and of this build differ' % build)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--hosts', type=int, default=1000)
    parser.add_argument('--build', default='build')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--keep')
    parser.add_argument('--chromium')
    parser.add_argument('--compare')
    args = parser.parse_args()
    cli = os.path.abspath(os.path.join(args.build, 'src/cli/proxyprobe-cli'))
    work = args.keep or tempfile.mkdtemp(prefix='bench-merge-')
    inputs = os.path.join(work, 'hosts')
    endpoints = ['https://endpoint-%02d.example.test/path' % e for e in range(55)]
    if not os.path.isdir(inputs):
        os.makedirs(inputs)
        for host in range(args.hosts):
            write_zip(os.path.join(inputs, 'srv%04d.zip' % host), host, endpoints)
    size = sum(os.path.getsize(os.path.join(inputs, f)) for f in os.listdir(inputs))
    print('inputs: %d zips, %.0f MiB, load %.2f' % (len(os.listdir(inputs)), size / 2**20,
                                                    os.getloadavg()[0]))
    for _ in range(args.repeat):
        out = os.path.join(work, 'fleet.zip')
        start = time.monotonic()
        done = subprocess.run(['/usr/bin/time', '-f', '%U %S %M', cli, 'merge', '--force', '-o', out, inputs],
                              capture_output=True, text=True)
        wall = time.monotonic() - start
        if done.returncode != 0:
            sys.exit('merge failed: %s' % done.stderr)
        user, system, peak = done.stderr.strip().splitlines()[-1].split()
        print('merge of %d hosts: %.2f s (user %s s, sys %s s), peak RSS %.0f MiB, fleet.zip %.0f MiB, '
              'load %.2f' % (args.hosts, wall, user, system, int(peak) / 1024,
                             os.path.getsize(out) / 2**20, os.getloadavg()[0]))
    if args.chromium:
        render(args.chromium, os.path.join(work, 'fleet.zip'), work, args.repeat)
    if args.compare:
        compare(args.compare, inputs, work)
    if not args.keep:
        shutil.rmtree(work)


if __name__ == '__main__':
    main()
