import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EXPORT_NAME, OsvDatabase } from './db.js';
import { ECOSYSTEMS, osvEcosystem } from './ecosystems.js';
import { UpdateError } from './errors.js';
import { ZipArchive } from './zip.js';

/** Where osv.dev publishes its exports: `<base>/<Ecosystem>/all.zip`. */
export const DEFAULT_OSV_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

export interface UpdateOptions {
  /** Database directory; created when missing. */
  dir: string;
  /** OSV ecosystem names (`npm`, `PyPI`, `crates.io`); default: those already in `dir`, else every one vulns matches. */
  ecosystems?: readonly string[];
  /** Export base URL (HTTPS; plain HTTP only to a loopback address, for tests and local mirrors). */
  baseUrl?: string;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** Gives up on one download after this long (default 10 minutes). */
  timeoutMs?: number;
  now?: Date;
}

export interface UpdateOutcome {
  ecosystem: string;
  ok: boolean;
  url: string;
  /** Path of the export (`<dir>/<Ecosystem>/all.zip`). */
  path: string;
  bytes?: number;
  advisories?: number;
  /** Why it failed; the previous copy, if any, is kept. */
  error?: string;
  /** When the copy now in place was written (new on success, the kept one's on failure). */
  modified?: Date;
}

const ECOSYSTEM_NAME = /^[A-Za-z0-9][A-Za-z0-9 .:_-]*$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function checkBase(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UpdateError(`--base-url ${base} is not a URL.`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  throw new UpdateError(
    `the OSV database is downloaded over HTTPS only (plain HTTP to a loopback address for tests); got ${base}.`,
  );
}

async function existingEcosystems(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const out: string[] = [];
    for (const e of entries)
      if (e.isDirectory() && !e.name.startsWith('.')) {
        try {
          await fs.access(join(dir, e.name, EXPORT_NAME));
          out.push(e.name);
        } catch {
          // not an export folder
        }
      }
    return out.sort();
  } catch {
    return [];
  }
}

async function mtime(path: string): Promise<Date | undefined> {
  try {
    return (await fs.stat(path)).mtime;
  } catch {
    return undefined;
  }
}

/** An error's message with its cause (`fetch failed (other side closed)`). */
function describe(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  const cause = (error as { cause?: unknown })?.cause;
  if (cause === undefined) return message;
  const inner = String((cause as Error)?.message ?? cause);
  return inner && inner !== message ? `${message} (${inner})` : message;
}

/** Reads every member of a downloaded zip as JSON: a truncated or corrupt download fails here, before it replaces anything. */
async function verifyExport(path: string): Promise<number> {
  const archive = await ZipArchive.open(path);
  let advisories = 0;
  try {
    await archive.forEach((name, _member, data) => {
      if (!name.endsWith('.json')) return;
      JSON.parse(data.toString('utf8'));
      advisories++;
    });
  } finally {
    archive.close();
  }
  return advisories;
}

/**
 * Downloads osv.dev's `<Ecosystem>/all.zip` exports into `dir`: the one place Shipshape uses the
 * network, and only when asked. Each export is streamed to a temporary file beside the target,
 * read through completely (every member parsed), then renamed over the previous copy, so a
 * failed, truncated or interrupted download leaves the old database in place. The per-package
 * index is rebuilt right away so the next scan starts warm.
 */
export async function updateDatabase(options: UpdateOptions): Promise<UpdateOutcome[]> {
  const base = checkBase(options.baseUrl ?? DEFAULT_OSV_BASE_URL);
  const doFetch = options.fetch ?? fetch;
  const requested =
    options.ecosystems && options.ecosystems.length > 0
      ? [...options.ecosystems]
      : (await existingEcosystems(options.dir)).length > 0
        ? await existingEcosystems(options.dir)
        : ECOSYSTEMS.map((e) => e.osv);
  for (const eco of requested)
    if (!ECOSYSTEM_NAME.test(eco) || eco.includes('..'))
      throw new UpdateError(`"${eco}" is not an OSV ecosystem name (npm, PyPI, Go, crates.io, ...).`);
  await fs.mkdir(options.dir, { recursive: true });
  const outcomes: UpdateOutcome[] = [];
  for (const requestedName of requested) {
    const ecosystem = osvEcosystem(requestedName)?.osv ?? requestedName;
    const folder = join(options.dir, ecosystem);
    const target = join(folder, EXPORT_NAME);
    const url = new URL(
      `${base.pathname.replace(/\/$/, '')}/${encodeURIComponent(ecosystem)}/${EXPORT_NAME}`,
      base,
    ).toString();
    const tmp = join(folder, `.${EXPORT_NAME}.${process.pid}.${randomBytes(4).toString('hex')}.download`);
    const outcome: UpdateOutcome = { ecosystem, ok: false, url, path: target };
    try {
      await fs.mkdir(folder, { recursive: true });
      const response = await doFetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 600_000),
        redirect: 'follow',
      });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      await pipeline(
        Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>),
        createWriteStream(tmp),
      );
      const bytes = (await fs.stat(tmp)).size;
      const expected = Number(response.headers.get('content-length') ?? Number.NaN);
      if (Number.isFinite(expected) && expected !== bytes)
        throw new Error(`download ended after ${bytes} of ${expected} bytes`);
      let advisories: number;
      try {
        advisories = await verifyExport(tmp);
      } catch (error) {
        throw new Error(`the download is not a whole zip of OSV JSON (${String((error as Error)?.message ?? error)})`);
      }
      await fs.rename(tmp, target);
      outcome.ok = true;
      outcome.bytes = bytes;
      outcome.advisories = advisories;
    } catch (error) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      outcome.error = describe(error);
    }
    const modified = await mtime(target);
    if (modified) outcome.modified = modified;
    outcomes.push(outcome);
  }
  // Warm the per-package indexes of what was replaced.
  if (outcomes.some((o) => o.ok)) {
    const db = await OsvDatabase.open(options.dir);
    try {
      for (const o of outcomes) {
        const eco = osvEcosystem(o.ecosystem);
        if (o.ok && eco) await db.prepare(eco);
      }
    } finally {
      db.close();
    }
  }
  return outcomes;
}
