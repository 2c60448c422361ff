#!/usr/bin/env python3
"""Independent OSV matcher for PyPI lockfiles: packaging's Version ordering and PEP 503 names.

Usage: osvcheck.py ALL_ZIP LOCKFILE... -> JSON list of [name, version, [ids of one vulnerability]].
Reads requirements (name==version), poetry.lock / uv.lock / pdm.lock ([[package]] name+version),
Pipfile.lock (default/develop "version": "==x"). Grouping: advisories connected by id/aliases.
"""
import json, re, sys, tomllib, zipfile
from packaging.utils import canonicalize_name
from packaging.version import Version, InvalidVersion

def pins(path):
    text = open(path, encoding='utf-8').read()
    name = path.rsplit('/', 1)[-1]
    out = set()
    if name.endswith('.lock') and name != 'Pipfile.lock':
        data = tomllib.loads(text)
        for p in data.get('package', []):
            if 'version' in p: out.add((canonicalize_name(p['name']), p['version']))
    elif name == 'Pipfile.lock':
        data = json.loads(text)
        for section in ('default', 'develop'):
            for n, spec in data.get(section, {}).items():
                v = spec.get('version', '')
                if v.startswith('=='): out.add((canonicalize_name(n), v[2:]))
    else:
        for line in text.splitlines():
            line = line.split('#', 1)[0].strip()
            m = re.match(r'^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*===?\s*([^\s;\\]+)', line)
            if m: out.add((canonicalize_name(m.group(1)), m.group(3)))
    return out

def affected(version, aff):
    try:
        v = Version(version)
    except InvalidVersion:
        v = None
    for r in aff.get('ranges', []):
        if r.get('type') != 'ECOSYSTEM' or v is None: continue
        events = []
        ok = True
        for e in r.get('events', []):
            for kind in ('introduced', 'fixed', 'last_affected', 'limit'):
                if kind in e:
                    raw = e[kind]
                    if kind == 'introduced' and raw == '0': key = None
                    elif kind == 'limit' and raw == '*': key = 'inf'
                    else:
                        try: key = Version(raw)
                        except InvalidVersion: ok = False; key = None
                    events.append((kind, key))
        if not ok: continue
        limits = [k for kind, k in events if kind == 'limit']
        if limits and not any(k == 'inf' or v < k for k in limits): continue
        seq = sorted([e for e in events if e[0] != 'limit'], key=lambda e: (0, Version('0')) if e[1] is None else (1, e[1]))
        vuln = False
        for kind, k in seq:
            if kind == 'introduced' and (k is None or v >= k): vuln = True
            elif kind == 'fixed' and v >= k: vuln = False
            elif kind == 'last_affected' and v > k: vuln = False
        if vuln: return True
    for listed in aff.get('versions', []):
        if listed == version: return True
        try:
            if v is not None and Version(listed) == v: return True
        except InvalidVersion: pass
    return False

def main():
    zpath, files = sys.argv[1], sys.argv[2:]
    by_pkg = {}
    with zipfile.ZipFile(zpath) as z:
        for n in z.namelist():
            a = json.loads(z.read(n))
            if a.get('withdrawn'): continue
            for aff in a.get('affected', []):
                p = aff.get('package', {})
                if p.get('ecosystem') == 'PyPI':
                    by_pkg.setdefault(canonicalize_name(p['name']), []).append((a, aff))
    results = []
    for path in files:
        for name, version in sorted(pins(path)):
            hits = {}
            for a, aff in by_pkg.get(name, []):
                if affected(version, aff): hits[a['id']] = a
            # connected components over id + aliases
            groups = []
            for a in hits.values():
                ids = {a['id'], *a.get('aliases', [])}
                merged = [g for g in groups if g[0] & ids]
                for g in merged: groups.remove(g); ids |= g[0]
                members = {a['id']} | set().union(*[g[1] for g in merged]) if merged else {a['id']}
                groups.append((ids, members))
            for ids, members in groups:
                results.append([path.rsplit('/', 1)[-1], name, version, sorted(members)])
    json.dump(sorted(results), sys.stdout, indent=1)

main()
