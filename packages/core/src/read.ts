import { isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { ShipshapeError } from './errors.js';

/**
 * Reading what a scanned repository (or a user) hands the tool: regular files only, never a FIFO
 * (it would block), a device (`/dev/zero` never ends) or a socket; never through a symbolic
 * link that leaves the intended root; never more than a byte budget. Every refusal is a
 * `FileReadError` whose message names the path and the reason, never the content.
 */

/** Bytes examined for NUL to call a file binary: the one window every reader uses. */
export const BINARY_SNIFF_BYTES = 8192;

/** Default size limit of lockfiles: real monorepo lockfiles reach 10-40 MB. */
export const DEFAULT_LOCKFILE_MAX_SIZE = 100 * 1024 * 1024;

/** Config files, ignore files and other small inputs the tool reads for itself. */
export const SMALL_FILE_MAX_SIZE = 1024 * 1024;

export type FileReadErrorCode = 'not-found' | 'special-file' | 'symlink-outside-root' | 'file-too-large' | 'unreadable';

/** A file the tool would not or could not read; `code` says why. */
export class FileReadError extends ShipshapeError {
  constructor(
    readonly reason: FileReadErrorCode,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(reason, message, options);
    this.name = 'FileReadError';
  }
}

/** Whether bytes (or text) hold a NUL in the first BINARY_SNIFF_BYTES: the one binary check. */
export function looksBinary(data: Uint8Array | string): boolean {
  if (typeof data === 'string') {
    const head = data.length > BINARY_SNIFF_BYTES ? data.slice(0, BINARY_SNIFF_BYTES) : data;
    return head.includes('\u0000');
  }
  return (data.length > BINARY_SNIFF_BYTES ? data.subarray(0, BINARY_SNIFF_BYTES) : data).includes(0);
}

export interface SafeReadOptions {
  /** Most bytes to read; a larger file is refused (`file-too-large`). */
  maxBytes: number;
  /**
   * Only read inside this directory: a path that is, or passes through, a symbolic link resolving
   * outside it is refused. Without it the path is the user's own choice and links are followed.
   */
  root?: string;
  /** Refuse any symbolic link on the way, even one staying inside `root` (code frames). */
  noSymlinks?: boolean;
  /** How to name the file in messages (default: the path as given). */
  display?: string;
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

function insideDir(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Opens `path` for reading, checking it is a regular file within limits; returns the fd and size. */
function openChecked(path: string, options: SafeReadOptions): { fd: number; size: number } {
  const display = options.display ?? path;
  let target = path;
  if (options.root !== undefined) {
    let real: string;
    let realRoot: string;
    try {
      realRoot = realpathSync(options.root);
      real = realpathSync(path);
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'ENOENT' || code === 'ENOTDIR')
        throw new FileReadError('not-found', path, `${display}: not found`, { cause: error });
      if (code === 'ELOOP')
        throw new FileReadError('symlink-outside-root', path, `${display}: symbolic link loop; not read`);
      throw new FileReadError('unreadable', path, `${display}: cannot read (${code})`, { cause: error });
    }
    if (!insideDir(real, realRoot))
      throw new FileReadError(
        'symlink-outside-root',
        path,
        `${display}: symbolic link leaving ${options.root}; not read`,
      );
    if (options.noSymlinks && real !== safeJoinReal(realRoot, options.root, path))
      throw new FileReadError('symlink-outside-root', path, `${display}: symbolic link; not read`);
    target = real;
  }
  let fd: number;
  try {
    // Non-blocking, so a FIFO swapped in after the checks cannot stall the open; no following a
    // link created at the resolved path in between.
    fd = openSync(target, OPEN_FLAGS | (options.root !== undefined ? NOFOLLOW : 0));
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new FileReadError('not-found', path, `${display}: not found`, { cause: error });
    if (code === 'ELOOP')
      throw new FileReadError('symlink-outside-root', path, `${display}: symbolic link; not read`, { cause: error });
    throw new FileReadError('unreadable', path, `${display}: cannot read (${code})`, { cause: error });
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new FileReadError('special-file', path, `${display}: is a directory; not read`);
    if (!stat.isFile())
      throw new FileReadError(
        'special-file',
        path,
        `${display}: not a regular file (${stat.isFIFO() ? 'FIFO' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'device' : stat.isSocket() ? 'socket' : 'special file'}); not read`,
      );
    if (stat.size > options.maxBytes) throw tooLarge(path, display, stat.size, options.maxBytes);
    return { fd, size: stat.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The real path `path` would have if no component below `root` were a link. */
function safeJoinReal(realRoot: string, root: string, path: string): string {
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  return path.startsWith(rootWithSep) ? realRoot + sep + path.slice(rootWithSep.length) : path;
}

function tooLarge(path: string, display: string, size: number, max: number): FileReadError {
  return new FileReadError(
    'file-too-large',
    path,
    `${display}: ${size > max ? `${size} bytes is` : 'more than'} over the ${max}-byte limit; not read`,
  );
}

/** Reads a regular file whole (see SafeReadOptions); throws FileReadError. */
export function readRegularFile(path: string, options: SafeReadOptions): Buffer {
  const display = options.display ?? path;
  const { fd, size } = openChecked(path, options);
  try {
    // One byte more than expected, so a file read to the end needs no second buffer; a file that
    // grows past the limit since the fstat is refused, not read on without end.
    let buffer = Buffer.allocUnsafe(Math.min(size, options.maxBytes) + 1);
    let length = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        throw new FileReadError('unreadable', path, `${display}: cannot read (${errnoOf(error)})`);
      }
      if (n === 0) return buffer.subarray(0, length);
      length += n;
      if (length > options.maxBytes) throw tooLarge(path, display, length, options.maxBytes);
      if (length === buffer.length) {
        const larger = Buffer.allocUnsafe(Math.min(options.maxBytes + 1, buffer.length * 2));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Decodes file bytes as text: ASCII as Latin-1 (a plain copy), else UTF-8 without a BOM. */
export function decodeText(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a regular file as text (see readRegularFile). */
export function readTextFile(path: string, options: SafeReadOptions): string {
  return decodeText(readRegularFile(path, options));
}

/** Like readTextFile, but `undefined` when the file does not exist. */
export function readOptionalTextFile(path: string, options: SafeReadOptions): string | undefined {
  try {
    return readTextFile(path, options);
  } catch (error) {
    if (error instanceof FileReadError && error.reason === 'not-found') return undefined;
    throw error;
  }
}

/** Opens a file for the scan's hot path: regular files only, no link followed; the fd and its size. */
export function openScanFile(path: string, maxBytes: number, display: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS | NOFOLLOW);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ELOOP') throw new FileReadError('symlink-outside-root', path, `${display}: symbolic link; not read`);
    throw new FileReadError(code === 'ENOENT' ? 'not-found' : 'unreadable', path, `${display}: cannot read (${code})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileReadError('special-file', path, `${display}: not a regular file; not read`);
    if (stat.size > maxBytes) throw tooLarge(path, display, stat.size, maxBytes);
    return { fd, size: stat.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
