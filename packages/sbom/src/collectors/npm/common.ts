import { InputError } from '@shipshape/core';
import { PackageURL } from 'packageurl-js';
import type { CollectedPackage, DependencyScope, Hash } from '../../model.js';

/** A package as a lockfile reader sees it, before scopes and dev filtering are settled. */
export interface RawPackage {
  key: string;
  name: string;
  version?: string;
  range?: string;
  resolved?: string;
  hashes: Hash[];
  licenses: string[];
  /** Scope recorded by the lockfile itself (package-lock flags); otherwise computed from the graph. */
  scope?: DependencyScope;
  alias?: string;
  unresolved?: boolean;
  edges: RawEdge[];
  properties: Record<string, string>;
  workspace?: boolean;
  /** Extra purl qualifiers (vcs_url, download_url). */
  qualifiers?: Record<string, string>;
}

export interface RawEdge {
  to: string;
  optional: boolean;
  /** devDependencies of the root or of a workspace member. */
  dev: boolean;
}

export interface RawDirect {
  key: string;
  scope: DependencyScope;
}

const SRI_ALGS: Record<string, Hash['alg']> = {
  sha512: 'SHA-512',
  sha384: 'SHA-384',
  sha256: 'SHA-256',
  sha1: 'SHA-1',
};

/** Hex length of each digest. */
export const HEX_LENGTH: Record<Hash['alg'], number> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-384': 96,
  'SHA-512': 128,
};

/**
 * Subresource-integrity strings (`sha512-<base64> sha1-<base64>`) to hex hashes. Unknown algorithms
 * and malformed entries are skipped, as are options after `?` (SRI allows them).
 */
export function integrityToHashes(integrity: unknown): Hash[] {
  if (typeof integrity !== 'string') return [];
  const out: Hash[] = [];
  for (const token of integrity.trim().split(/\s+/)) {
    const m = /^(sha512|sha384|sha256|sha1)-([A-Za-z0-9+/=_-]+)(?:\?.*)?$/.exec(token);
    if (!m) continue;
    const alg = SRI_ALGS[m[1] as string];
    const hex = Buffer.from((m[2] as string).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('hex');
    // A digest of the wrong length (truncated or hand-edited lockfile) is no hash of anything.
    if (!alg || hex.length !== HEX_LENGTH[alg]) continue;
    if (!out.some((h) => h.alg === alg && h.content === hex)) out.push({ alg, content: hex });
  }
  return out;
}

/** Adds a hash unless an equal one is present. */
export function addHash(hashes: Hash[], hash: Hash): void {
  if (!hashes.some((h) => h.alg === hash.alg && h.content === hash.content)) hashes.push(hash);
}

/** `@scope/name` -> ['@scope', 'name']; `name` -> [undefined, 'name']. */
export function splitNpmName(name: string): [string | undefined, string] {
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash > 0) return [name.slice(0, slash), name.slice(slash + 1)];
  }
  return [undefined, name];
}

/** `name@range` (name possibly scoped) -> [name, range]; range '' when absent. */
export function splitDescriptor(descriptor: string): [string, string] {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  if (at <= 0) return [descriptor, ''];
  return [descriptor.slice(0, at), descriptor.slice(at + 1)];
}

export function npmPurl(name: string, version: string | undefined, qualifiers?: Record<string, string>): string {
  const [ns, n] = splitNpmName(name);
  const q = qualifiers && Object.keys(qualifiers).length > 0 ? qualifiers : undefined;
  try {
    return new PackageURL('npm', ns, n, version || undefined, q, undefined).toString();
  } catch {
    // A name npm would reject (hand-edited lockfile): still produce an identifier.
    return new PackageURL('generic', undefined, name || 'unknown', version || undefined, q, undefined).toString();
  }
}

export type SourceKind = 'registry' | 'git' | 'tarball' | 'file' | 'link' | 'workspace';

/**
 * Classifies a resolved location. Registry tarballs follow the `<registry>/<name>/-/<file>.tgz`
 * layout on every npm-compatible registry; other http(s) URLs are plain tarballs.
 */
export function classifyResolved(resolved: string | undefined): SourceKind {
  if (!resolved) return 'registry';
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(resolved) || /^https?:\/\/[^#]*\.git(#|$)/.test(resolved)) {
    return 'git';
  }
  if (/^https?:\/\//.test(resolved)) return /\/-\/[^/]+\.tgz(\?|#|$)/.test(resolved) ? 'registry' : 'tarball';
  if (resolved.startsWith('link:')) return 'link';
  return 'file';
}

/** Commit of a git URL (`...#<sha>` or `...#commit=<sha>`), when it is a full or abbreviated hex id. */
export function gitCommit(url: string): string | undefined {
  const hash = url.indexOf('#');
  if (hash < 0) return undefined;
  const frag = url.slice(hash + 1);
  const m = /(?:^|[&#])(?:commit=)?([0-9a-f]{7,40})(?:&|$)/.exec(frag);
  return m?.[1];
}

/** Purl qualifiers that record a non-registry origin: `vcs_url` for git, `download_url` for tarballs. */
export function sourceQualifiers(kind: SourceKind, resolved: string | undefined): Record<string, string> | undefined {
  if (!resolved) return undefined;
  if (kind === 'git') {
    let url = resolved;
    const gh = /^github:([^/#]+\/[^#]+)(#.*)?$/.exec(url);
    if (gh) url = `git+https://github.com/${gh[1]}.git${gh[2] ?? ''}`;
    if (!/^git\+|^git:/.test(url)) url = `git+${url}`;
    return { vcs_url: url };
  }
  if (kind === 'tarball') return { download_url: resolved };
  return undefined;
}

/** The stronger of two scopes (required > optional > excluded). */
export function strongerScope(a: DependencyScope | undefined, b: DependencyScope): DependencyScope {
  return a === undefined ? b : SCOPE_RANK[a] <= SCOPE_RANK[b] ? a : b;
}

const SCOPE_RANK: Record<DependencyScope, number> = { required: 0, optional: 1, excluded: 2 };
const RANK_SCOPE: DependencyScope[] = ['required', 'optional', 'excluded'];

/**
 * Scopes from reachability: prod roots and non-optional edges give `required`, optional roots or an
 * optional edge on the way give `optional`, dev roots (or a dev edge) give `excluded`. The best path
 * wins, so a package needed by prod code and by a dev tool is `required`.
 */
export function computeScopes(packages: Map<string, RawPackage>, roots: RawDirect[]): Map<string, DependencyScope> {
  const best = new Map<string, number>();
  const buckets: string[][] = [[], [], []];
  const visit = (key: string, rank: number) => {
    const cur = best.get(key);
    if (cur !== undefined && cur <= rank) return;
    best.set(key, rank);
    buckets[rank]?.push(key);
  };
  for (const r of roots) if (packages.has(r.key)) visit(r.key, SCOPE_RANK[r.scope]);
  for (let rank = 0; rank < 3; rank++) {
    const queue = buckets[rank] as string[];
    for (let i = 0; i < queue.length; i++) {
      const key = queue[i] as string;
      if (best.get(key) !== rank) continue;
      for (const e of packages.get(key)?.edges ?? []) {
        if (!packages.has(e.to)) continue;
        const edgeRank = e.dev ? 2 : e.optional ? 1 : 0;
        visit(e.to, Math.max(rank, edgeRank));
      }
    }
  }
  const out = new Map<string, DependencyScope>();
  for (const [k, r] of best) out.set(k, RANK_SCOPE[r] as DependencyScope);
  return out;
}

export interface FinishOptions {
  sourceFile: string;
  includeDev: boolean;
  /** Use the scopes the lockfile recorded instead of computing them from the roots. */
  recordedScopes?: boolean;
  /** Ecosystem and purl of a package (defaults: npm, `pkg:npm/...` with source qualifiers). */
  ecosystem?: CollectedPackage['ecosystem'];
  purl?: (p: RawPackage) => string;
}

/**
 * Settles scopes, drops dev-only packages when asked, and converts to the model: sorted by key,
 * edges deduplicated and pointing only at kept packages.
 */
export function finishPackages(
  packages: Map<string, RawPackage>,
  roots: RawDirect[],
  opts: FinishOptions,
): { packages: CollectedPackage[]; direct: string[] } {
  const computed = opts.recordedScopes ? undefined : computeScopes(packages, roots);
  const scopeOf = (p: RawPackage): DependencyScope =>
    (opts.recordedScopes ? p.scope : (computed?.get(p.key) ?? p.scope)) ?? 'required';
  const kept = new Map<string, RawPackage>();
  for (const p of packages.values()) {
    if (!opts.includeDev && scopeOf(p) === 'excluded') continue;
    kept.set(p.key, p);
  }
  const directSet = new Set<string>();
  for (const r of roots) {
    if (!kept.has(r.key)) continue;
    if (!opts.includeDev && r.scope === 'excluded') continue;
    directSet.add(r.key);
  }
  const out: CollectedPackage[] = [];
  for (const p of kept.values()) {
    const dependsOn = [
      ...new Set(
        p.edges.filter((e) => kept.has(e.to) && e.to !== p.key && (opts.includeDev || !e.dev)).map((e) => e.to),
      ),
    ].sort();
    const purl =
      opts.purl?.(p) ??
      npmPurl(
        p.name,
        p.version,
        p.qualifiers ?? (p.workspace ? undefined : sourceQualifiers(classifyResolved(p.resolved), p.resolved)),
      );
    const pkg: CollectedPackage = {
      key: p.key,
      ecosystem: opts.ecosystem ?? 'npm',
      name: p.name,
      purl,
      hashes: p.hashes,
      licenses: p.licenses,
      scope: scopeOf(p),
      direct: directSet.has(p.key),
      dependsOn,
      sourceFile: opts.sourceFile,
    };
    if (p.version !== undefined) pkg.version = p.version;
    if (p.range !== undefined) pkg.range = p.range;
    if (p.resolved !== undefined) pkg.resolved = p.resolved;
    if (p.unresolved) pkg.unresolved = true;
    if (p.alias !== undefined) pkg.alias = p.alias;
    const props = { ...p.properties };
    if (p.workspace) props['shipshape:workspace'] = 'true';
    if (Object.keys(props).length > 0) {
      pkg.properties = Object.fromEntries(Object.entries(props).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    out.push(pkg);
  }
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { packages: out, direct: [...directSet].sort() };
}

/** A license field as npm writes it: string, `{ type }`, or the legacy `licenses: [{ type }]`. */
export function licenseList(license: unknown, legacy?: unknown): string[] {
  if (typeof license === 'string' && license.trim()) return [license.trim()];
  if (license && typeof license === 'object' && typeof (license as { type?: unknown }).type === 'string') {
    return [(license as { type: string }).type];
  }
  if (Array.isArray(legacy)) {
    const types = legacy
      .map((l) => (l && typeof l === 'object' ? (l as { type?: unknown }).type : l))
      .filter((t): t is string => typeof t === 'string' && t.trim() !== '');
    if (types.length === 1) return types;
    if (types.length > 1) return [`(${types.join(' OR ')})`];
  }
  return [];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

export function parseJsonFile(text: string, path: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`, path);
  }
}

/** POSIX join that resolves `.` and `..` (never above the root: leading `..` are kept). */
export function joinPosix(...parts: string[]): string {
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function basename(p: string): string {
  const parts = p.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}
