import { promises as fs } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Notification } from '@shipshape/core';
import { type EcosystemInfo, ecosystemBase, osvEcosystem, packageKey } from './ecosystems.js';
import { DatabaseError } from './errors.js';
import type { OsvAdvisory, OsvEvent, OsvRange } from './osv.js';
import { evaluateAffected } from './range.js';
import { ZipArchive, type ZipMember } from './zip.js';

/** File name of an ecosystem's export in osv.dev's layout: `<db>/<Ecosystem>/all.zip`. */
export const EXPORT_NAME = 'all.zip';
/** The per-package index cached beside each export. */
export const INDEX_NAME = 'all.zip.shipshape-index.json';
const INDEX_FORMAT = 3;

/** One part of the database: an ecosystem export (zip) or the loose JSON files. */
export interface DatabaseSource {
  kind: 'zip' | 'directory';
  /** Absolute path of the zip, or of the database directory for loose files. */
  path: string;
  /** The ecosystem folder the zip sits in (`PyPI`); loose files carry theirs inside. */
  ecosystem?: string;
  /** When the data was last written (zip mtime; newest loose file). */
  modified: Date;
}

interface ZipIndexFile {
  format: number;
  zipSize: number;
  zipMtimeMs: number;
  advisories: number;
  unreadable: string[];
  members: [number, number, number, number, number][];
  packages: Record<string, number[]>;
  /**
   * Per posting of `packages` (same order): the advisory's ranges for that package when they alone
   * decide (one affected entry, no `versions` list, only ECOSYSTEM/SEMVER ranges, not withdrawn),
   * else 0. A lookup for a version these ranges exclude skips reading the member.
   */
  filters: Record<string, (string | 0)[]>;
}

// Filters are stored as short strings (cheaper to load than objects): ranges separated by \u0002,
// each a type letter (E/S) then events separated by \u0001, each a kind letter then the version.
const RANGE_SEP = '\u0002';
const EVENT_SEP = '\u0001';
const KIND_LETTER: Record<string, string> = { introduced: 'i', fixed: 'f', last_affected: 'l', limit: 'm' };
const LETTER_KIND: Record<string, keyof OsvEvent> = { i: 'introduced', f: 'fixed', l: 'last_affected', m: 'limit' };

function encodeRanges(ranges: OsvRange[]): string | 0 {
  const parts: string[] = [];
  for (const r of ranges) {
    const events: string[] = [];
    for (const e of r.events)
      for (const [kind, version] of Object.entries(e)) {
        const letter = KIND_LETTER[kind];
        if (
          letter === undefined ||
          typeof version !== 'string' ||
          version.includes(RANGE_SEP) ||
          version.includes(EVENT_SEP)
        )
          return 0;
        events.push(letter + version);
      }
    parts.push((r.type === 'SEMVER' ? 'S' : 'E') + events.join(EVENT_SEP));
  }
  return parts.join(RANGE_SEP);
}

function decodeRanges(text: string): OsvRange[] {
  return text.split(RANGE_SEP).map((part) => ({
    type: part[0] === 'S' ? 'SEMVER' : 'ECOSYSTEM',
    events: part
      .slice(1)
      .split(EVENT_SEP)
      .filter((e) => e !== '')
      .map((e) => ({ [LETTER_KIND[e[0] as string] as string]: e.slice(1) }) as OsvEvent),
  }));
}

interface ZipState {
  source: DatabaseSource;
  size: number;
  mtimeMs: number;
  index?: Promise<{ archive: ZipArchive; index: ZipIndexFile }>;
}

export interface OpenDatabaseOptions {
  /** Write the per-package index next to each zip (default true); a read-only database still works. */
  cacheIndex?: boolean;
}

/** The ranges that alone decide whether a version of the package at `key` is affected, or 0. */
function decidingRanges(advisory: OsvAdvisory, key: string): string | 0 {
  if (advisory.withdrawn !== undefined || !Array.isArray(advisory.affected)) return 0;
  const entries = advisory.affected.filter((a) => {
    const pkg = a?.package;
    if (typeof pkg?.ecosystem !== 'string' || typeof pkg.name !== 'string') return false;
    const eco = osvEcosystem(pkg.ecosystem);
    return eco !== undefined && packageKey(eco, pkg.name) === key;
  });
  const [entry] = entries;
  if (
    entries.length !== 1 ||
    !entry ||
    (entry.versions !== undefined && (!Array.isArray(entry.versions) || entry.versions.length > 0))
  )
    return 0;
  const ranges = entry.ranges;
  if (!Array.isArray(ranges) || ranges.length === 0) return 0;
  for (const r of ranges) {
    if ((r?.type !== 'ECOSYSTEM' && r?.type !== 'SEMVER') || !Array.isArray(r.events)) return 0;
    for (const e of r.events)
      if (typeof e !== 'object' || e === null || !Object.values(e).every((v) => typeof v === 'string')) return 0;
  }
  return encodeRanges(ranges);
}

/** Keys of every package an advisory affects (ecosystem + normalised name), for ecosystems vulns knows. */
function advisoryKeys(advisory: OsvAdvisory): string[] {
  const keys = new Set<string>();
  if (!Array.isArray(advisory.affected)) return [];
  for (const a of advisory.affected) {
    const pkg = (a as { package?: unknown } | null)?.package as { ecosystem?: unknown; name?: unknown } | undefined;
    if (typeof pkg?.ecosystem !== 'string' || typeof pkg.name !== 'string' || !pkg.name) continue;
    const eco = osvEcosystem(pkg.ecosystem);
    if (eco) keys.add(packageKey(eco, pkg.name));
  }
  return [...keys];
}

function isAdvisory(value: unknown): value is OsvAdvisory {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

/**
 * A local OSV database: `<dir>/<Ecosystem>/all.zip` exports (osv.dev's and osv-scanner's offline
 * layout) and loose OSV JSON files anywhere under `dir`. Advisories are read on demand through a
 * per-package index, so a 200k-advisory ecosystem is never all in memory: each zip's index is
 * built on first use and cached beside it (`all.zip.shipshape-index.json`), keyed by the zip's
 * size and mtime. Loose JSON files are indexed at open (by path; their text is not kept).
 */
export class OsvDatabase {
  readonly notifications: Notification[] = [];
  private readonly zips: ZipState[];
  private readonly loose: Map<string, string[]>;
  private readonly looseSource: DatabaseSource | undefined;
  private readonly cacheIndex: boolean;

  private constructor(
    readonly root: string,
    zips: ZipState[],
    loose: Map<string, string[]>,
    looseSource: DatabaseSource | undefined,
    cacheIndex: boolean,
  ) {
    this.zips = zips;
    this.loose = loose;
    this.looseSource = looseSource;
    this.cacheIndex = cacheIndex;
  }

  static async open(dir: string, options: OpenDatabaseOptions = {}): Promise<OsvDatabase> {
    let stat: import('node:fs').Stats;
    try {
      stat = await fs.stat(dir);
    } catch {
      throw new DatabaseError(
        `OSV database ${dir} does not exist; create it with \`shipshape vulns update --db ${dir}\`.`,
      );
    }
    if (!stat.isDirectory()) throw new DatabaseError(`OSV database ${dir} is not a directory.`);
    const zips: ZipState[] = [];
    const jsonFiles: string[] = [];
    await walk(dir, dir, zips, jsonFiles);
    const loose = new Map<string, string[]>();
    const notifications: Notification[] = [];
    let newest = 0;
    const unreadable: string[] = [];
    for (const file of jsonFiles) {
      try {
        const [text, st] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
        newest = Math.max(newest, st.mtimeMs);
        const parsed: unknown = JSON.parse(text);
        if (!isAdvisory(parsed)) {
          unreadable.push(relative(dir, file));
          continue;
        }
        for (const key of advisoryKeys(parsed)) {
          const list = loose.get(key);
          if (list) list.push(file);
          else loose.set(key, [file]);
        }
      } catch {
        unreadable.push(relative(dir, file));
      }
    }
    if (unreadable.length > 0) notifications.push(unreadableNotice(dir, unreadable));
    if (zips.length === 0 && jsonFiles.length === 0)
      throw new DatabaseError(
        `OSV database ${dir} holds no <Ecosystem>/${EXPORT_NAME} and no OSV JSON files; fill it with \`shipshape vulns update --db ${dir}\`.`,
      );
    const looseSource: DatabaseSource | undefined =
      jsonFiles.length > 0 ? { kind: 'directory', path: dir, modified: new Date(newest) } : undefined;
    const db = new OsvDatabase(dir, zips, loose, looseSource, options.cacheIndex ?? true);
    db.notifications.push(...notifications);
    return db;
  }

  /** Every source, zips first (by path). */
  sources(): DatabaseSource[] {
    return [...this.zips.map((z) => z.source), ...(this.looseSource ? [this.looseSource] : [])];
  }

  /** The sources that can hold advisories of an ecosystem. */
  sourcesFor(ecosystem: EcosystemInfo): DatabaseSource[] {
    const out = this.zipsFor(ecosystem).map((z) => z.source);
    if (this.looseSource && [...this.loose.keys()].some((k) => k.startsWith(`${ecosystem.osv}\0`)))
      out.push(this.looseSource);
    return out;
  }

  private zipsFor(ecosystem: EcosystemInfo): ZipState[] {
    return this.zips.filter(
      (z) => z.source.ecosystem === undefined || osvEcosystem(z.source.ecosystem)?.osv === ecosystem.osv,
    );
  }

  /**
   * The advisories that name the package (ecosystem + name, normalised) in an `affected` entry.
   * With `version`, advisories whose indexed ranges certainly exclude it are not read (only those
   * whose ranges alone decide, and only when every event version can be ordered).
   */
  async lookup(ecosystem: EcosystemInfo, name: string, version?: string): Promise<OsvAdvisory[]> {
    const key = packageKey(ecosystem, name);
    const out: OsvAdvisory[] = [];
    const canFilter = version !== undefined && ecosystem.order.valid(version);
    for (const zip of this.zipsFor(ecosystem)) {
      const { archive, index } = await this.zipIndex(zip);
      const filters = index.filters[key] ?? [];
      const postings = index.packages[key] ?? [];
      for (let j = 0; j < postings.length; j++) {
        const m = index.members[postings[j] as number];
        if (!m) continue;
        const filter = filters[j];
        if (canFilter && filter) {
          const verdict = evaluateAffected(version as string, { ranges: decodeRanges(filter) }, ecosystem.order);
          if (!verdict.affected && verdict.unreadable.length === 0 && verdict.skippedTypes.length === 0) continue;
        }
        const member: ZipMember = {
          offset: m[0],
          compressedSize: m[1],
          uncompressedSize: m[2],
          method: m[3],
          flags: m[4],
        };
        const parsed: unknown = JSON.parse((await archive.read(member)).toString('utf8'));
        if (isAdvisory(parsed)) out.push(parsed);
      }
    }
    for (const file of this.loose.get(key) ?? []) {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      if (isAdvisory(parsed)) out.push(parsed);
    }
    return out;
  }

  /** Builds (or loads) every zip's index now, e.g. right after an update. Returns advisories per source. */
  async prepare(ecosystem?: EcosystemInfo): Promise<number> {
    let total = 0;
    for (const zip of ecosystem ? this.zipsFor(ecosystem) : this.zips)
      total += (await this.zipIndex(zip)).index.advisories;
    return total;
  }

  private zipIndex(zip: ZipState): Promise<{ archive: ZipArchive; index: ZipIndexFile }> {
    zip.index ??= this.loadZipIndex(zip);
    return zip.index;
  }

  private async loadZipIndex(zip: ZipState): Promise<{ archive: ZipArchive; index: ZipIndexFile }> {
    const path = zip.source.path;
    let archive: ZipArchive;
    try {
      archive = await ZipArchive.open(path);
    } catch (error) {
      throw new DatabaseError(
        `${path} is not a readable zip (${String((error as Error)?.message ?? error)}); run \`shipshape vulns update\` again.`,
      );
    }
    const indexPath = join(path, '..', INDEX_NAME);
    try {
      const cached = JSON.parse(await fs.readFile(indexPath, 'utf8')) as ZipIndexFile;
      if (cached.format === INDEX_FORMAT && cached.zipSize === zip.size && cached.zipMtimeMs === zip.mtimeMs)
        return { archive, index: cached };
    } catch {
      // No index yet, or an unreadable one: build it.
    }
    const index: ZipIndexFile = {
      format: INDEX_FORMAT,
      zipSize: zip.size,
      zipMtimeMs: zip.mtimeMs,
      advisories: 0,
      unreadable: [],
      members: [],
      packages: {},
      filters: {},
    };
    try {
      await archive.forEach((name, member, data) => {
        if (!name.endsWith('.json')) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.toString('utf8'));
        } catch {
          index.unreadable.push(name);
          return;
        }
        if (!isAdvisory(parsed)) {
          index.unreadable.push(name);
          return;
        }
        index.advisories++;
        const keys = advisoryKeys(parsed);
        if (keys.length === 0) return;
        const i = index.members.length;
        index.members.push([
          member.offset,
          member.compressedSize,
          member.uncompressedSize,
          member.method,
          member.flags,
        ]);
        for (const key of keys) {
          const list = index.packages[key];
          const filter = decidingRanges(parsed, key);
          if (list) {
            list.push(i);
            (index.filters[key] as (string | 0)[]).push(filter);
          } else {
            index.packages[key] = [i];
            index.filters[key] = [filter];
          }
        }
      });
    } catch (error) {
      archive.close();
      throw new DatabaseError(
        `${path} could not be read (${String((error as Error)?.message ?? error)}); run \`shipshape vulns update\` again.`,
      );
    }
    if (index.unreadable.length > 0) this.notifications.push(unreadableNotice(path, index.unreadable));
    if (this.cacheIndex) {
      const tmp = `${indexPath}.${process.pid}.tmp`;
      try {
        await fs.writeFile(tmp, JSON.stringify(index));
        await fs.rename(tmp, indexPath);
      } catch (error) {
        await fs.rm(tmp, { force: true }).catch(() => undefined);
        this.notifications.push({
          level: 'info',
          code: 'vulns-index-not-cached',
          message: `the package index of ${path} could not be written beside it (${String((error as Error)?.message ?? error)}); it is rebuilt on every run.`,
        });
      }
    }
    return { archive, index };
  }

  close(): void {
    for (const zip of this.zips) {
      zip.index?.then(
        ({ archive }) => archive.close(),
        () => undefined,
      );
    }
  }
}

function unreadableNotice(where: string, names: string[]): Notification {
  const sample = names.slice(0, 3).join(', ');
  return {
    level: 'warning',
    code: 'vulns-advisory-unreadable',
    message: `${names.length} file(s) in ${where} are not OSV advisories (not JSON, or no "id") and are left out: ${sample}${names.length > 3 ? ', ...' : ''}.`,
  };
}

/** Finds `<Ecosystem>/all.zip` exports and loose `*.json` advisories (skipping dot folders and index files). */
async function walk(root: string, dir: string, zips: ZipState[], json: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, path, zips, json);
    else if (!entry.isFile()) continue;
    else if (entry.name === EXPORT_NAME) {
      const st = await fs.stat(path);
      const rel = relative(root, dir);
      const source: DatabaseSource = { kind: 'zip', path, modified: st.mtime };
      if (rel !== '') source.ecosystem = rel.split(sep).join('/');
      zips.push({ source, size: st.size, mtimeMs: st.mtimeMs });
    } else if (entry.name.endsWith('.json') && entry.name !== INDEX_NAME && !entry.name.startsWith('shipshape-'))
      json.push(path);
  }
}

/** `PyPI` from `<db>/PyPI/all.zip`; undefined for a zip at the database root. */
export function ecosystemOfSource(source: DatabaseSource): string | undefined {
  return source.ecosystem === undefined ? undefined : ecosystemBase(basename(source.ecosystem));
}
