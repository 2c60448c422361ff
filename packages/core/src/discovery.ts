import { isAscii } from 'node:buffer';
import { closeSync, type Dirent, promises as fs, lstatSync, readdirSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { classifyPath } from './classify.js';
import { dubiousOwnershipMessage, type GitInfo, gitInfo } from './git.js';
import {
  DEFAULT_LOCKFILE_MAX_SIZE,
  FileReadError,
  looksBinary,
  openScanFile,
  readOptionalTextFile,
  SMALL_FILE_MAX_SIZE,
} from './read.js';
import type { Notification, ScanFile } from './types.js';

const require = createRequire(import.meta.url);
// Loaded on first walk: most of the CLI's commands never walk a tree.
const ignore = (): Ignore => (require('ignore') as () => Ignore)();

/** A .gitignore-syntax matcher (the `ignore` package, loaded on first use). */
export const createIgnore = ignore;

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** Extensions that are binary for certain: skipped without reading. */
const BINARY_EXT =
  /\.(png|jpe?g|gif|bmp|ico|icns|webp|avif|tiff?|psd|mp[34]|m4a|mov|avi|mkv|webm|wav|flac|ogg|zip|gz|tgz|bz2|xz|zst|7z|rar|tar|jar|war|ear|class|dll|exe|so|dylib|a|o|obj|lib|bin|dat|db|sqlite3?|pdf|docx?|xlsx?|pptx?|woff2?|ttf|otf|eot|pyc|pyo|whl|egg|deb|rpm|apk|dmg|iso|img|wasm|node|parquet|avro|pb|onnx|pt|pth|h5|npy|npz|pkl)$/i;

export interface DiscoveryOptions {
  /** Absolute scan root. */
  root: string;
  /** Restrict to these paths (absolute or relative to root); default: the whole root. */
  include?: string[];
  /** Extra ignore patterns in .gitignore syntax (config `ignore`). */
  ignore?: string[];
  maxFileSize?: number;
  /** Size limit of lockfiles (default: the larger of maxFileSize and DEFAULT_LOCKFILE_MAX_SIZE). */
  maxLockfileSize?: number;
  notify?: (n: Notification) => void;
  /** Called every few hundred files with the count walked so far. */
  onProgress?: (walked: number) => void;
}

export interface Discovery {
  files: ScanFile[];
  git: GitInfo;
  /** What a discovery that ran before the scan had to say (skipped files); the run reports them. */
  notifications?: Notification[];
}

/** Whether a file name is binary for certain (images, archives, compiled code), without reading it. */
export function isKnownBinaryName(name: string): boolean {
  return BINARY_EXT.test(name);
}

interface IgnoreScope {
  /** Directory (relative POSIX, '' for root) whose .gitignore this is. */
  dir: string;
  rules: Ignore;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * One walk of the tree: honours nested .gitignore files and config ignores, skips `.git/`, binaries
 * and oversized files (reported), never follows symlinks (a link leaving the root is reported), and
 * keeps going past unreadable directories. Inside a git repository, tracked files are kept even when
 * a .gitignore pattern matches them (a committed secret is still committed).
 */
export async function discoverFiles(options: DiscoveryOptions): Promise<Discovery> {
  const root = options.root;
  const notify = options.notify ?? (() => {});
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const maxLockfileSize = options.maxLockfileSize ?? Math.max(maxSize, DEFAULT_LOCKFILE_MAX_SIZE);
  const git = await gitInfo(root);
  if (git.listingFailed !== undefined)
    notify({
      level: 'warning',
      code: 'git-failed',
      message: `cannot list the files git tracks (${git.listingFailed}); every file is treated as untracked`,
    });
  if (git.refused === 'dubious-ownership')
    notify({
      level: 'warning',
      code: 'git-dubious-ownership',
      message: `${dubiousOwnershipMessage(root)}; files are scanned without git (tracked status unknown, no history)`,
    });
  // `git ls-files` run in the root lists paths relative to it.
  const tracked = git.tracked ?? new Set<string>();
  const trackedDirs = new Set<string>();
  for (const p of tracked) {
    for (let i = p.indexOf('/'); i !== -1; i = p.indexOf('/', i + 1)) trackedDirs.add(p.slice(0, i));
  }
  // Ignore sets without a pattern (git's default info/exclude is all comments) are left out: testing
  // every path against them costs time (~0.1 s on 24k files) and can never exclude anything.
  const configIgnore = hasPatterns(options.ignore ?? []) ? ignore().add(options.ignore ?? []) : undefined;
  const rootScopes: IgnoreScope[] = [];
  const exclude = readIgnoreFile(join(git.topLevel ?? root, '.git', 'info', 'exclude'), git.topLevel ?? root, notify);
  if (exclude && hasPatterns(exclude.split(/\r?\n/))) rootScopes.push({ dir: '', rules: ignore().add(exclude) });

  const includes = (options.include ?? []).map((p) =>
    toPosix(relative(root, join(root, p.startsWith('/') ? relative(root, p) : p))),
  );
  const wanted = (rel: string, isDir: boolean): boolean =>
    includes.length === 0 ||
    includes.some(
      (inc) => inc === '' || rel === inc || rel.startsWith(`${inc}/`) || (isDir && inc.startsWith(`${rel}/`)),
    );

  const files: ScanFile[] = [];
  let walked = 0;
  const chartDirs: string[] = [];

  const isGitIgnored = (rel: string, isDir: boolean, scopes: IgnoreScope[]): boolean => {
    let ignored = false;
    for (const scope of scopes) {
      const sub = scope.dir === '' ? rel : rel.slice(scope.dir.length + 1);
      const test = scope.rules.test(isDir ? `${sub}/` : sub);
      if (test.ignored) ignored = true;
      else if (test.unignored) ignored = false;
    }
    return ignored;
  };

  let dirsRead = 0;
  const walk = async (dirRel: string, scopes: IgnoreScope[], parentIgnored: boolean): Promise<void> => {
    const abs = dirRel === '' ? root : join(root, dirRel);
    let entries: Dirent[];
    // Directory listings and stats are synchronous (an awaited fs call is a thread-pool round trip
    // that leaves the main thread idle, ~1.5 s on 24k files); the walk still yields to the event
    // loop every few dozen directories so timers (progress output) keep running.
    if (++dirsRead % 32 === 0) await new Promise((resolve) => setImmediate(resolve));
    try {
      entries = readdirSync(abs, { withFileTypes: true });
      // A name that is not valid UTF-8 decodes with U+FFFD and then names no file: say so.
      if (entries.some((e) => e.name.includes('\ufffd'))) entries = dropUndecodableNames(abs, dirRel, entries, notify);
    } catch (error) {
      notify({
        level: 'warning',
        code: 'unreadable',
        message: `cannot read directory: ${errorCode(error)}`,
        file: dirRel || '.',
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let here = scopes;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = readIgnoreFile(join(abs, '.gitignore'), root, notify);
      if (text && hasPatterns(text.split(/\r?\n/))) here = [...scopes, { dir: dirRel, rules: ignore().add(text) }];
    }
    if (entries.some((e) => e.name === 'Chart.yaml' && e.isFile())) chartDirs.push(dirRel);
    for (const entry of entries) {
      const rel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
      if (entry.name === '.git') continue;
      if (entry.isSymbolicLink()) {
        await noteSymlink(root, rel, notify);
        continue;
      }
      const isDir = entry.isDirectory();
      if (!wanted(rel, isDir)) continue;
      if (configIgnore?.ignores(isDir ? `${rel}/` : rel)) continue;
      const ignored = parentIgnored || isGitIgnored(rel, isDir, here);
      if (isDir) {
        // An ignored directory is entered only when git tracks something inside it.
        if (ignored && !trackedDirs.has(rel)) continue;
        if (entry.name === 'node_modules' && !trackedDirs.has(rel)) continue;
        await walk(rel, here, ignored);
        continue;
      }
      const isTracked = git.isRepo ? tracked.has(rel) : undefined;
      if (ignored && !isTracked) continue;
      if (!entry.isFile()) {
        // A FIFO would block a reader and a device never ends: neither is read, both are said.
        notify({
          level: 'warning',
          code: 'special-file',
          message: `not a regular file (${specialKind(entry)}); not read`,
          file: rel,
        });
        continue;
      }
      walked++;
      if (options.onProgress && walked % 250 === 0) options.onProgress(walked);
      if (BINARY_EXT.test(entry.name)) {
        notify({ level: 'info', code: 'binary-file', message: 'binary file skipped', file: rel });
        continue;
      }
      let size: number;
      try {
        size = lstatSync(join(root, rel)).size;
      } catch (error) {
        notify({ level: 'warning', code: 'unreadable', message: `cannot stat file: ${errorCode(error)}`, file: rel });
        continue;
      }
      let limit = maxSize;
      if (size > maxSize && classifyPath(rel, undefined).includes('lockfile')) limit = maxLockfileSize;
      if (size > limit) {
        notify({
          level: 'warning',
          code: 'file-too-large',
          message: `file skipped: ${size} bytes is over the ${limit}-byte limit (${limit === maxSize ? 'maxFileSize' : 'maxLockfileSize'})`,
          file: rel,
        });
        continue;
      }
      const file: ScanFile = { path: rel, absPath: join(root, rel), size, kinds: [] };
      if (limit !== maxSize) file.limit = limit;
      if (isTracked !== undefined) file.tracked = isTracked;
      if (ignored) file.gitignored = true;
      files.push(file);
    }
  };

  await walk('', rootScopes, false);
  options.onProgress?.(walked);
  // Classify once every chart root is known: a file belongs to its nearest enclosing chart, found
  // by looking its ancestor directories up, deepest first (not by scanning every chart per file).
  const charts = new Set(chartDirs);
  const nearestChart = (path: string): string | undefined => {
    if (charts.size === 0) return undefined;
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
      const dir = path.slice(0, i);
      if (charts.has(dir)) return dir;
    }
    return charts.has('') ? '' : undefined;
  };
  for (const file of files) {
    const chartRoot = nearestChart(file.path);
    file.kinds = classifyPath(file.path, chartRoot);
    if (chartRoot !== undefined) file.chartRoot = chartRoot;
  }
  // Paths whose .gitignore status matters to analyzers (e.g. `.env` escaping a pattern) are known.
  return { files, git };
}

/** Whether gitignore-style lines hold any pattern (not only blank lines and `#` comments). */
function hasPatterns(lines: readonly string[]): boolean {
  return lines.some((line) => line.trim() !== '' && !line.startsWith('#'));
}

async function noteSymlink(root: string, rel: string, notify: (n: Notification) => void): Promise<void> {
  try {
    const target = await fs.realpath(join(root, rel));
    const realRoot = await fs.realpath(root);
    const inside = target === realRoot || target.startsWith(realRoot + sep);
    if (!inside)
      notify({
        level: 'warning',
        code: 'symlink-outside-root',
        message: 'symbolic link leaves the scan root; not followed',
        file: rel,
      });
    else
      notify({
        level: 'info',
        code: 'symlink-skipped',
        message: 'symbolic link not followed (its target is scanned at its own path)',
        file: rel,
      });
  } catch (error) {
    const code = errorCode(error);
    notify({
      level: 'warning',
      code: code === 'ELOOP' ? 'symlink-loop' : 'symlink-broken',
      message: code === 'ELOOP' ? 'symbolic link loop; not followed' : `broken symbolic link (${code})`,
      file: rel,
    });
  }
}

/** Most patterns an ignore file may hold: each costs ~1 µs on every path tested. */
const MAX_IGNORE_PATTERNS = 10_000;

/**
 * Reads a .gitignore or .git/info/exclude: a regular file inside `root`, at most 1 MiB and
 * MAX_IGNORE_PATTERNS patterns. Anything else is said and not applied (more files are scanned,
 * never fewer).
 */
function readIgnoreFile(path: string, root: string, notify: (n: Notification) => void): string | undefined {
  const rel = toPosix(relative(root, path));
  try {
    const text = readOptionalTextFile(path, { maxBytes: SMALL_FILE_MAX_SIZE, root, display: rel });
    if (text === undefined) return undefined;
    let count = 0;
    for (const line of text.split('\n')) if (line.trim() !== '' && !line.startsWith('#')) count++;
    if (count > MAX_IGNORE_PATTERNS) {
      notify({
        level: 'warning',
        code: 'ignore-file-too-large',
        message: `${count} patterns is over the ${MAX_IGNORE_PATTERNS}-pattern limit; not applied`,
        file: rel,
      });
      return undefined;
    }
    return text;
  } catch (error) {
    const reason = error instanceof FileReadError ? error.reason : 'unreadable';
    notify({
      level: 'warning',
      code: reason === 'file-too-large' ? 'ignore-file-too-large' : reason,
      message: `${error instanceof Error ? error.message.replace(`${rel}: `, '') : String(error)}; its patterns are not applied`,
      file: rel,
    });
    return undefined;
  }
}

function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'device';
  return 'special file';
}

/** Drops entries whose on-disk names are not valid UTF-8 (they cannot be opened by their decoded name). */
function dropUndecodableNames(
  abs: string,
  dirRel: string,
  entries: Dirent[],
  notify: (n: Notification) => void,
): Dirent[] {
  const raw = readdirSync(abs, { encoding: 'buffer' });
  const bad = new Set<string>();
  for (const name of raw) {
    const decoded = name.toString('utf8');
    if (!Buffer.from(decoded, 'utf8').equals(name)) {
      bad.add(decoded);
      const escaped = [...name]
        .map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`))
        .join('');
      notify({
        level: 'warning',
        code: 'unreadable-name',
        message: `file name is not valid UTF-8 (${escaped}); not scanned`,
        file: dirRel === '' ? decoded : `${dirRel}/${decoded}`,
      });
    }
  }
  return entries.filter((e) => !bad.has(e.name));
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** Thrown by `readScanFile` for files that turn out to be binary. */
export class BinaryFileError extends Error {
  readonly code = 'binary-file';
}

/** Read buffer reused across `readScanFile` calls (reads are synchronous, texts are copies). */
let readBuffer = Buffer.allocUnsafeSlow(1 << 20);

/** Reads a whole regular file into `readBuffer` (grown as needed, never past `limit`); returns the byte count. */
function readIntoBuffer(path: string, limit: number, display: string): number {
  // Opened without following links and without blocking, then fstat-checked: a FIFO or link
  // swapped in since discovery is refused, not read.
  const { fd, size } = openScanFile(path, limit, display);
  try {
    // One byte more than expected, so a file read to the end needs no second buffer.
    if (readBuffer.length < size + 1) readBuffer = Buffer.allocUnsafeSlow(Math.max(size + 1, readBuffer.length * 2));
    let length = 0;
    for (;;) {
      const n = readSync(fd, readBuffer, length, readBuffer.length - length, null);
      if (n === 0) return length;
      length += n;
      if (length > limit)
        throw new FileReadError('file-too-large', path, `${display}: grew over the ${limit}-byte limit; not read`);
      if (length === readBuffer.length) {
        // The file grew since the fstat: keep reading into a larger buffer.
        const larger = Buffer.allocUnsafeSlow(readBuffer.length * 2);
        readBuffer.copy(larger, 0, 0, length);
        readBuffer = larger;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads a scanned file as UTF-8 text; throws BinaryFileError when it holds NUL bytes near the start. */
export async function readScanFile(file: ScanFile): Promise<string> {
  // A synchronous read is several times cheaper per file than fs.promises.readFile (one
  // open/read/close without the promise machinery), and discovery has capped the size. The bytes
  // land in one reused buffer (no per-file allocation).
  const limit = file.limit ?? Math.max(file.size, DEFAULT_MAX_FILE_SIZE);
  const length = readIntoBuffer(file.absPath, limit, file.path);
  const bytes = readBuffer.subarray(0, length);
  if (looksBinary(bytes)) throw new BinaryFileError(`${file.path} is binary`);
  // Pure ASCII (most source) decodes as Latin-1, a plain copy; UTF-8 otherwise.
  if (isAscii(bytes)) return readBuffer.toString('latin1', 0, length);
  const text = readBuffer.toString('utf8', 0, length);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
