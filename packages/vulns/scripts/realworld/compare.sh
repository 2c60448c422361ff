#!/bin/bash
# compare.sh SAMPLE: shipshape vulns vs osvcheck.py, advisory for advisory.
# Usage: DB=<osv database dir with PyPI/all.zip> compare.sh SAMPLE  (run from a directory holding samples/SAMPLE and out/)
s=$1
HERE=$(cd "$(dirname "$0")" && pwd)
node "$HERE/../../../../apps/cli/bin/shipshape.js" vulns samples/$s --db "$DB" --format json --fail-on none > out/$s.shipshape.json
files=$(cd samples/$s && find . -type f \( -name '*.txt' -o -name '*.lock' \) ! -name Pipfile | sed 's#^\./##' | sort)
(cd samples/$s && python3 "$HERE/osvcheck.py" "$DB"/PyPI/all.zip $files) > out/$s.python.json
python3 - "$s" <<'PY'
import json, sys
from packaging.utils import canonicalize_name
s = sys.argv[1]
sh = json.load(open(f'out/{s}.shipshape.json'))
py = json.load(open(f'out/{s}.python.json'))
from urllib.parse import unquote
def purl_nv(p):
    body = unquote(p.split('?')[0][len('pkg:pypi/'):])
    n, v = body.rsplit('@', 1)
    return canonicalize_name(n), v
A = set()
alias_ok = True
for f in sh['findings']:
    n, v = purl_nv(f['properties']['package'])
    A.add((f['file'].rsplit('/', 1)[-1], n, v, f['properties']['advisory']))
B = set()
members = {}
for file, n, v, ids in py:
    B.add((file, n, v, min(ids)))
    members[(file, n, v, min(ids))] = ids
for f in sh['findings']:
    n, v = purl_nv(f['properties']['package'])
    k = (f['file'].rsplit('/', 1)[-1], n, v, f['properties']['advisory'])
    if k in members and not set(members[k]) <= {f['properties']['advisory'], *f['properties']['aliases']}: alias_ok = False
comps = {(f, n, v) for f, n, v, _ in B} | {(f, n, v) for f, n, v, _ in A}
print(f"{s}: shipshape {len(A)} findings, python {len(B)}; both {len(A & B)}; only shipshape {sorted(A - B)}; only python {sorted(B - A)}; components with vulns {len(comps)}; alias groups agree: {alias_ok}")
notes = [n['code'] for n in sh['notifications']]
print('  notifications:', {c: notes.count(c) for c in set(notes)})
PY
