import { InputError } from '@shipshape/core';
import type { CollectedProject, Hash } from '../../model.js';
import { type CollectorInput, hexHash, type LockedPackage, lockedProject, safePurl } from '../locked.js';
import { basename } from '../npm/common.js';

export interface GemSpec {
  name: string;
  /** Version without the platform (`1.16.0`). */
  version: string;
  platform?: string;
  section: 'GEM' | 'GIT' | 'PATH';
  remote?: string;
  revision?: string;
  /** Names this spec depends on. */
  deps: string[];
  line: number;
}

export interface GemfileLock {
  specs: GemSpec[];
  /** DEPENDENCIES names (`!` dropped). */
  dependencies: string[];
  platforms: string[];
  checksums: Map<string, Hash>;
  bundledWith?: string;
}

/** `1.16.0-x86_64-linux` -> version and platform (gem versions never contain `-`). */
function splitVersion(text: string): { version: string; platform?: string } {
  const i = text.indexOf('-');
  return i < 0 ? { version: text } : { version: text.slice(0, i), platform: text.slice(i + 1) };
}

/** Parses a Gemfile.lock: GEM/GIT/PATH sections (several of each), PLATFORMS, DEPENDENCIES, CHECKSUMS. */
export function parseGemfileLock(text: string, path = 'Gemfile.lock'): GemfileLock {
  const lock: GemfileLock = { specs: [], dependencies: [], platforms: [], checksums: new Map() };
  let section = '';
  let remote: string | undefined;
  let revision: string | undefined;
  let inSpecs = false;
  let current: GemSpec | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    if (/^[A-Z]/.test(line)) {
      section = line.trim();
      remote = undefined;
      revision = undefined;
      inSpecs = false;
      current = undefined;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (section === 'GEM' || section === 'GIT' || section === 'PATH') {
      if (indent === 2) {
        inSpecs = body === 'specs:';
        const kv = /^(remote|revision|ref|branch|tag):\s*(.*)$/.exec(body);
        if (kv?.[1] === 'remote') remote = kv[2];
        else if (kv?.[1] === 'revision') revision = kv[2];
        continue;
      }
      if (!inSpecs) continue;
      const m = /^([^\s(]+)(?: \(([^)]*)\))?$/.exec(body);
      if (!m) continue;
      if (indent === 4 && m[2] !== undefined) {
        const { version, platform } = splitVersion(m[2]);
        current = { name: m[1] as string, version, section, deps: [], line: i + 1 };
        if (platform) current.platform = platform;
        if (remote) current.remote = remote;
        if (revision) current.revision = revision;
        lock.specs.push(current);
      } else if (indent === 6 && current) current.deps.push(m[1] as string);
      continue;
    }
    if (section === 'DEPENDENCIES' && indent === 2) {
      const name = /^([^\s(!]+)/.exec(body)?.[1];
      if (name) lock.dependencies.push(name);
    } else if (section === 'PLATFORMS' && indent === 2) lock.platforms.push(body);
    else if (section === 'CHECKSUMS' && indent === 2) {
      const m = /^(\S+) \(([^)]+)\)(?: sha256=([0-9a-f]{64}))?/.exec(body);
      if (m?.[3]) lock.checksums.set(`${m[1]}@${m[2]}`, { alg: 'SHA-256', content: m[3] });
    } else if (section === 'BUNDLED WITH' && indent > 0) lock.bundledWith = body;
  }
  if (lock.specs.length === 0 && !/^(GEM|GIT|PATH|PLATFORMS|DEPENDENCIES)$/m.test(text))
    throw new InputError(`${path}: no GEM, GIT or PATH section; not a Gemfile.lock`, path);
  return lock;
}

/**
 * A Ruby project from Gemfile.lock: every spec of the GEM, GIT and PATH sections (each platform
 * variant its own component, `?platform=`), dependencies as edges by name, DEPENDENCIES as roots,
 * CHECKSUMS (Bundler 2.5+) as SHA-256 hashes. PATH gems are the project's own.
 */
export function collectRubyProject(input: CollectorInput): CollectedProject {
  const lockFile = input.files.find((f) => basename(f.path) === 'Gemfile.lock' || basename(f.path) === 'gems.locked');
  if (!lockFile) throw new InputError(`${input.dir || '.'}: no Gemfile.lock`, input.dir);
  const manifest = input.files.find((f) => basename(f.path) === 'Gemfile' || basename(f.path) === 'gems.rb');
  const lock = parseGemfileLock(lockFile.text, lockFile.path);
  const keyOf = (s: GemSpec) => `${s.name}@${s.version}${s.platform ? `-${s.platform}` : ''}`;
  const byName = new Map<string, string[]>();
  for (const s of lock.specs) {
    const list = byName.get(s.name);
    if (list) list.push(keyOf(s));
    else byName.set(s.name, [keyOf(s)]);
  }
  const packages: LockedPackage[] = lock.specs.map((s) => {
    const qualifiers: Record<string, string | undefined> = { platform: s.platform };
    const properties: Record<string, string> = { 'shipshape:gem-source': s.section.toLowerCase() };
    if (s.section === 'GIT' && s.remote) {
      qualifiers.vcs_url = `git+${s.remote}${s.revision ? `@${s.revision}` : ''}`;
      if (s.revision) properties['shipshape:git-commit'] = s.revision;
    } else if (s.section === 'GEM' && s.remote && !/^https?:\/\/rubygems\.org\/?$/.test(s.remote))
      qualifiers.repository_url = s.remote;
    const pkg: LockedPackage = {
      key: keyOf(s),
      name: s.name,
      version: s.version,
      purl: safePurl('gem', undefined, s.name, s.version, qualifiers),
      dependsOn: s.deps.flatMap((d) => byName.get(d) ?? []),
      hashes: hexHash('SHA-256', lock.checksums.get(keyOf(s))?.content),
      properties,
    };
    if (s.section === 'GIT' && s.remote) pkg.resolved = s.remote;
    if (s.section === 'PATH') {
      pkg.workspace = true;
      if (s.remote) pkg.resolved = s.remote;
    }
    return pkg;
  });
  const roots = lock.dependencies.flatMap((name) =>
    (byName.get(name) ?? []).map((key) => ({ key, scope: 'required' as const })),
  );
  const properties: Record<string, string> = {};
  if (lock.bundledWith) properties['shipshape:bundled-with'] = lock.bundledWith;
  if (lock.platforms.length) properties['shipshape:platforms'] = lock.platforms.join(',');
  return lockedProject({
    type: 'ruby',
    ecosystem: 'gem',
    dir: input.dir,
    files: [...(manifest ? [manifest.path] : []), lockFile.path],
    sourceFile: lockFile.path,
    format: 'Gemfile.lock',
    packages,
    roots,
    includeDev: input.includeDev ?? true,
    properties,
  });
}
