import { PackageURL } from 'packageurl-js';
import type { Hash } from '../../model.js';

/** PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalizePythonName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

export interface Pep508 {
  /** As written. */
  rawName: string;
  /** PEP 503-normalised. */
  name: string;
  extras: string[];
  /** Version specifier without spaces, e.g. `>=1.0,<2` ('' when absent). */
  specifier: string;
  /** Operators used (`==`, `>=`, `~=`, ...). */
  operators: string[];
  marker?: string;
  url?: string;
}

const NAME_RE = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/;

/** Parses a PEP 508 requirement (`name[extra] (>=1,<2) ; marker`, `name @ url ; marker`). */
export function parsePep508(text: string): Pep508 | undefined {
  const m = NAME_RE.exec(text);
  if (!m) return undefined;
  let rest = text.slice(m[0].length);
  const rawName = m[1] as string;
  const extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    for (const e of rest.slice(1, close).split(',')) if (e.trim()) extras.push(normalizePythonName(e));
    rest = rest.slice(close + 1).trimStart();
  }
  let marker: string | undefined;
  let url: string | undefined;
  if (rest.startsWith('@')) {
    // URL requirement: the marker must be separated by whitespace before `;`.
    const body = rest.slice(1).trim();
    const sc = body.search(/\s;/);
    url = (sc < 0 ? body : body.slice(0, sc)).trim();
    if (sc >= 0) marker = body.slice(sc).replace(/^\s*;/, '').trim() || undefined;
    rest = '';
  } else {
    const sc = rest.indexOf(';');
    if (sc >= 0) {
      marker = rest.slice(sc + 1).trim() || undefined;
      rest = rest.slice(0, sc);
    }
  }
  const specifier = rest
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .replace(/\s+/g, '');
  if (specifier && !/^(===|==|!=|~=|<=|>=|<|>)/.test(specifier)) return undefined;
  const operators = specifier ? specifier.split(',').map((c) => /^(===|==|!=|~=|<=|>=|<|>)/.exec(c)?.[1] ?? '') : [];
  const out: Pep508 = { rawName, name: normalizePythonName(rawName), extras, specifier, operators };
  if (marker) out.marker = marker;
  if (url) out.url = url;
  return out;
}

/** The version of an exact pin (`==1.2.3`, `===1.2.3`), not a wildcard (`==1.*`). */
export function exactPin(specifier: string): string | undefined {
  const m = /^(===|==)([^,*]+)$/.exec(specifier);
  return m ? (m[2] as string) : undefined;
}

export function pypiPurl(name: string, version: string | undefined, qualifiers?: Record<string, string>): string {
  const q = qualifiers && Object.keys(qualifiers).length > 0 ? qualifiers : undefined;
  try {
    return new PackageURL('pypi', undefined, name, version || undefined, q, undefined).toString();
  } catch {
    return new PackageURL('generic', undefined, name || 'unknown', version || undefined, q, undefined).toString();
  }
}

const ALGS: Record<string, Hash['alg']> = {
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  sha1: 'SHA-1',
  md5: 'MD5',
};

/** `sha256:<hex>` (or `sha256=<hex>`) to a hash; undefined for unknown algorithms or non-hex. */
export function parseHashString(s: unknown): Hash | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(sha256|sha384|sha512|sha1|md5)[:=]([0-9a-fA-F]+)$/.exec(s.trim());
  if (!m) return undefined;
  return { alg: ALGS[m[1] as string] as Hash['alg'], content: (m[2] as string).toLowerCase() };
}

/** PEP 751 / PEP 691 hash tables (`{ sha256 = "..." }`). */
export function hashTable(t: unknown): Hash[] {
  if (!t || typeof t !== 'object' || Array.isArray(t)) return [];
  const out: Hash[] = [];
  for (const [alg, v] of Object.entries(t as Record<string, unknown>)) {
    const h = parseHashString(`${alg.toLowerCase()}:${String(v)}`);
    if (h) out.push(h);
  }
  return out;
}

/** Is this a full 40/64-hex commit id? */
export function isFullCommit(ref: string | undefined): boolean {
  return !!ref && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(ref);
}

/** Version from a wheel or sdist file name (`pkg-1.2.3-py3-none-any.whl`, `pkg-1.2.3.tar.gz`). */
export function versionFromFilename(url: string): string | undefined {
  const file = decodeURIComponent(url.split(/[?#]/)[0]?.split('/').pop() ?? '');
  const whl = /^[^-]+-([^-]+)-.*\.whl$/.exec(file);
  if (whl) return whl[1];
  const sdist = /^(.+)-([0-9][^-]*?)\.(tar\.gz|tar\.bz2|tar\.xz|zip|tgz)$/.exec(file);
  return sdist?.[2];
}
