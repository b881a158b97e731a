#!/usr/bin/env python3
# generate-profiles.py: write the bundled endpoint profiles from the reference TSV
#
# Copyright 2026 The Proxy Probe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: generate-profiles.py ENDPOINTS.tsv [OUTPUT-DIR]
#
# The TSV (columns profile, geography, service, url, http_method,
# expected_status, trust, source) is the reviewed source of truth; the JSON
# files are generated so that a reviewer never has to diff hand-edited JSON.
# The output directory defaults to the directory of this script.

import csv
import json
import os
import re
import sys

SCHEMA = 'proxyprobe-profile/1'
COLUMNS = ['profile', 'geography', 'service', 'url', 'http_method',
           'expected_status', 'trust', 'source']

# Titles and descriptions are not in the TSV: they are ours, not Microsoft's.
PROFILES = {
    'mde-standard': (
        'Microsoft Defender for Endpoint (standard URLs)',
        'The per-region and worldwide URLs a Defender for Endpoint client '
        'reaches when onboarded with the standard connectivity method.'),
    'mde-streamlined': (
        'Microsoft Defender for Endpoint (streamlined URLs)',
        'The consolidated *.endpoint.security.microsoft.com URLs a Defender '
        'for Endpoint client reaches when onboarded with the streamlined '
        'connectivity method.'),
    'mma-legacy': (
        'Microsoft Monitoring Agent (Log Analytics workspace)',
        'The Log Analytics workspace URLs the legacy Microsoft Monitoring '
        'Agent reaches; they need the workspace ID.'),
}

# The US Government clouds (defender-docs standard-device-connectivity-urls-gov.md).
# Microsoft publishes their streamlined URLs only as the wildcard
# *.endpoint.security.microsoft.us: there is no host to probe, so no
# streamlined US Government profile.
GOV_PROFILES = {
    'mde-gcc': (
        'Microsoft Defender for Endpoint, US Government GCC (standard URLs)',
        'GCC tenants on the US Government service (gateways winatp-gw-usmt and '
        'winatp-gw-usmv); a GCC tenant still on the commercial service picks '
        'mde-standard with geography US.'),
    'mde-gcc-high': (
        'Microsoft Defender for Endpoint, US Government GCC High (standard URLs)',
        'GCC High tenants (gateway winatp-gw-usgt, *.blob.core.usgovcloudapi.net); '
        'DoD tenants pick mde-dod, GCC tenants mde-gcc or, on the commercial '
        'service, mde-standard.'),
    'mde-dod': (
        'Microsoft Defender for Endpoint, US Government DoD (standard URLs)',
        'DoD tenants (gateways winatp-gw-usgt and winatp-gw-usgv); GCC High '
        'tenants pick mde-gcc-high.'),
}
PROFILES.update(GOV_PROFILES)

# The agent that uses each profile's endpoints and how it chooses its path
# (see README.md, "The agent"). Defender for Endpoint on Linux takes the
# managed cloudService.proxy, else its locally set proxy, else goes direct;
# whether it falls back to direct when that proxy cannot be reached is not
# documented for Linux (it is for the Windows sensor), hence "unknown".
# The Monitoring Agent's own proxy setting is not read by Proxy Probe, so
# mma-legacy names no agent and its verdict speaks of methods only.
MDE_LINUX = {'name': 'Defender for Endpoint on Linux',
             'path': ['named', 'local', 'direct'],
             'falls_back_to_direct': 'unknown'}
AGENTS = {
    'mde-standard': dict(MDE_LINUX, domains=[
        '*.wd.microsoft.com', '*.blob.core.windows.net', '*.events.data.microsoft.com']),
    'mde-streamlined': dict(MDE_LINUX, domains=['*.endpoint.security.microsoft.com']),
}
# The US Government profiles: the same agent, their own documented domains.
MDE_GOV_DOMAINS = ['*.wd.microsoft.us', '*.wd.microsoft.com', '*.blob.core.usgovcloudapi.net',
                   '*.events.data.microsoft.com']
AGENTS.update({name: dict(MDE_LINUX, domains=MDE_GOV_DOMAINS) for name in GOV_PROFILES})


def fail(message):
    sys.stderr.write('generate-profiles.py: %s\n' % message)
    sys.exit(1)


def parse_status(text, where):
    if text == 'any':
        return 'any'
    try:
        codes = [int(code) for code in text.split(',')]
    except ValueError:
        fail('%s: expected_status %r is not "any" or a list of integers' % (where, text))
    for code in codes:
        if not 100 <= code <= 599:
            fail('%s: expected_status %d is not between 100 and 599' % (where, code))
    return codes


def read_rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        reader = csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE)
        if reader.fieldnames != COLUMNS:
            fail('%s: expected columns %s, found %s'
                 % (path, ', '.join(COLUMNS), ', '.join(reader.fieldnames or [])))
        for row in reader:
            yield reader.line_num, row


def with_agent(profile, agent):
    """The profile with "agent" after "description", where people look."""
    out = {}
    for key, value in profile.items():
        out[key] = value
        if key == 'description':
            out['agent'] = agent
    return out


def build_profiles(path):
    profiles = {name: {'schema': SCHEMA, 'name': name, 'title': title,
                       'description': description, 'geographies': [],
                       'endpoints': []}
                for name, (title, description) in PROFILES.items()}
    for name, agent in AGENTS.items():
        profiles[name] = with_agent(profiles[name], agent)

    for line, row in read_rows(path):
        where = '%s:%d' % (path, line)
        profile = profiles.get(row['profile'])
        if profile is None:
            fail('%s: unknown profile %r; add it to PROFILES' % (where, row['profile']))
        geography = row['geography']
        # "WW" rows are always probed, so "WW" is never a choice.
        if geography != 'WW' and geography not in profile['geographies']:
            profile['geographies'].append(geography)
        endpoint = {
            'url': row['url'],
            'service': row['service'],
            'http_method': row['http_method'],
            'expected_status': parse_status(row['expected_status'], where),
            'trust': row['trust'],
            'geography': geography,
        }
        if row['source']:
            endpoint['source'] = row['source']
        profile['endpoints'].append(endpoint)

    for profile in profiles.values():
        merge_rows_of_every_geography(profile)
    return profiles


def merge_rows_of_every_geography(profile):
    """One worldwide row for a URL and method that every geography lists.

    mde-standard lists the update redirector under each of its four
    geographies: probed once, as a "WW" row, it stands for all of them.
    The row keeps every service name and source it stands for."""
    geographies = set(profile['geographies'])
    if len(geographies) < 2:
        return
    seen = {}
    for endpoint in profile['endpoints']:
        if endpoint['geography'] != 'WW':
            key = (endpoint['url'], endpoint['http_method'])
            seen.setdefault(key, []).append(endpoint)
    merged = []
    for endpoint in profile['endpoints']:
        key = (endpoint['url'], endpoint['http_method'])
        group = seen.get(key)
        if endpoint['geography'] == 'WW' or group is None:
            merged.append(endpoint)
            continue
        if {e['geography'] for e in group} != geographies:
            merged.append(endpoint)
            continue
        if endpoint is not group[0]:
            continue
        if any(e['expected_status'] != endpoint['expected_status'] or
               e['trust'] != endpoint['trust'] for e in group):
            fail('%s: %s is listed under every geography with different expected '
                 'statuses or trust' % (profile['name'], endpoint['url']))
        worldwide = dict(endpoint)
        worldwide['geography'] = 'WW'
        worldwide['service'] = join_unique(e['service'] for e in group)
        sources = join_unique(e.get('source', '') for e in group)
        if sources:
            worldwide['source'] = sources + ' (listed under every geography)'
        merged.append(worldwide)
    profile['endpoints'] = merged


def join_unique(values):
    unique = []
    for value in values:
        if value and value not in unique:
            unique.append(value)
    return '; '.join(unique)


def dumps(profile):
    # Arrays of scalars on one line keep "expected_status": [200] and the
    # geography list readable; everything else is plain indented JSON.
    text = json.dumps(profile, indent=2, ensure_ascii=False)
    text = re.sub(r'\[\s+([^\[\]{}]*?)\s+\]',
                  lambda m: '[' + re.sub(r',\s+', ', ', m.group(1)) + ']', text)
    # The regular expression does not know about strings: make sure it
    # changed only whitespace.
    if json.loads(text) != profile:
        fail('internal error: compacting the JSON of %s changed it' % profile['name'])
    return text


def main():
    if len(sys.argv) not in (2, 3):
        fail('usage: generate-profiles.py ENDPOINTS.tsv [OUTPUT-DIR]')
    outdir = sys.argv[2] if len(sys.argv) == 3 else os.path.dirname(os.path.abspath(__file__))

    for name, profile in build_profiles(sys.argv[1]).items():
        if not profile['endpoints']:
            fail('%s: no rows for profile %s' % (sys.argv[1], name))
        with open(os.path.join(outdir, name + '.json'), 'w', encoding='utf-8') as f:
            f.write(dumps(profile) + '\n')


if __name__ == '__main__':
    main()
