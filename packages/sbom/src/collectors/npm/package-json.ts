import { InputError } from '@shipshape/core';
import { isRecord, licenseList, parseJsonFile } from './common.js';

export type NpmDepGroup = 'prod' | 'dev' | 'optional' | 'peer';

export interface PackageJsonDep {
  name: string;
  range: string;
  group: NpmDepGroup;
}

export interface PackageJsonInfo {
  name?: string;
  version?: string;
  deps: PackageJsonDep[];
  workspaces: string[];
  license?: string;
}

const GROUPS: [string, NpmDepGroup][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
  ['peerDependencies', 'peer'],
];

/**
 * Direct dependencies declared by a package.json. A name listed both in `dependencies` and
 * `optionalDependencies` is optional (npm's rule: optionalDependencies override). Throws
 * `InputError` when the text is not a JSON object.
 */
export function parsePackageJsonDeps(text: string, path = 'package.json'): PackageJsonInfo {
  const json = parseJsonFile(text, path);
  if (!isRecord(json)) throw new InputError(`${path}: expected a JSON object`, path);
  const deps: PackageJsonDep[] = [];
  const seen = new Map<string, PackageJsonDep>();
  for (const [field, group] of GROUPS) {
    const block = json[field];
    if (!isRecord(block)) continue;
    for (const [name, range] of Object.entries(block)) {
      if (typeof range !== 'string') continue;
      const prev = seen.get(name);
      if (prev && group === 'optional' && prev.group === 'prod') {
        prev.group = 'optional';
        prev.range = range;
        continue;
      }
      // A peer also listed as a dev dependency (the usual way to test against it) stays a separate entry.
      const dep: PackageJsonDep = { name, range, group };
      if (!prev) seen.set(name, dep);
      deps.push(dep);
    }
  }
  const ws = json.workspaces;
  const workspaces = (Array.isArray(ws) ? ws : isRecord(ws) && Array.isArray(ws.packages) ? ws.packages : []).filter(
    (w): w is string => typeof w === 'string',
  );
  const info: PackageJsonInfo = { deps, workspaces };
  if (typeof json.name === 'string') info.name = json.name;
  if (typeof json.version === 'string') info.version = json.version;
  const lic = licenseList(json.license, json.licenses);
  if (lic[0] !== undefined) info.license = lic[0];
  return info;
}
