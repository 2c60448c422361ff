import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats, writeSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, ShipshapeError } from '@shipshape/core';

/** Where the program writes; a factory argument so tests drive the CLI in-process. */
export interface ProgramIO {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin?: NodeJS.ReadableStream;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Resolves `path`'s parent and reports why it cannot be written, in words (never "internal error"). */
function writeError(path: string, error: unknown): ShipshapeError {
  if (error instanceof ShipshapeError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'a parent is not a directory',
    EISDIR: 'it is a directory',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'name too long',
  };
  return new ShipshapeError(
    'output-failed',
    `cannot write ${path}: ${why[code] ?? 'write failed'}${code ? ` (${code})` : ''}`,
    { cause: error },
  );
}

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Names that stand for the process's own streams: always written through, never replaced. */
const STREAM_PATH = /^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/self\/fd\/\d+)$/;

/**
 * Writes a file the user asked for without destroying anything else:
 * - a missing path or a regular file: a temp file beside it, then a rename (readers never see
 *   half a file; an existing file keeps its mode);
 * - a character device, a FIFO or `/dev/stdout`: written through, never replaced by a file;
 * - a directory: refused (exit 2), as is a socket;
 * - a symbolic link: followed only when it resolves inside `within` (default: the folder the
 *   path names), so a link planted in a checkout cannot aim the write at a file elsewhere.
 * Errors are ShipshapeErrors that say what went wrong in words.
 */
export async function writeFileAtomic(path: string, content: string, options: { within?: string } = {}): Promise<void> {
  try {
    if (STREAM_PATH.test(path)) return writeToFd(streamFd(path), content);
    let target = path;
    let stat = await lstatOrUndefined(path);
    if (stat?.isSymbolicLink()) {
      let real: string;
      try {
        real = await fs.realpath(path);
      } catch {
        throw new ShipshapeError('output-refused', `${path} is a broken symbolic link; not followed, nothing written`);
      }
      stat = await fs.stat(real);
      if (stat.isFile()) {
        const folder = await fs.realpath(options.within ?? dirname(path)).catch(() => options.within ?? dirname(path));
        if (!inside(real, folder))
          throw new ShipshapeError(
            'output-refused',
            `${path} is a symbolic link leaving ${options.within ?? dirname(path)}; not followed, nothing written`,
          );
      }
      target = real;
    }
    if (stat === undefined) {
      await fs.mkdir(dirname(target), { recursive: true });
      return await replace(target, content, 0o644);
    }
    if (stat.isDirectory())
      throw new ShipshapeError('output-is-directory', `${path} is a directory; give the name of a file to write`);
    if (stat.isFile()) return await replace(target, content, stat.mode & 0o777);
    if (stat.isCharacterDevice() || stat.isFIFO()) return await writeThrough(target, content);
    throw new ShipshapeError(
      'output-refused',
      `${path} is not a regular file (a socket or block device); nothing written`,
    );
  } catch (error) {
    throw writeError(path, error);
  }
}

/** A temp file beside `target` (created exclusively: never through a planted link), then a rename. */
async function replace(target: string, content: string, mode: number): Promise<void> {
  const tmp = join(dirname(target), `.${randomBytes(6).toString('hex')}.shipshape.tmp`);
  try {
    await fs.writeFile(tmp, content, { mode, flag: 'wx' });
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/** The descriptor a stream path names: /dev/stdout is 1, /dev/fd/5 and /proc/self/fd/5 are 5. */
function streamFd(path: string): number {
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  return Number(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * Writes to an inherited descriptor directly: opening /dev/stdout anew fails when it is a socket
 * (ENXIO), and appends in the wrong place when it is a file. A non-blocking pipe that is full
 * (EAGAIN) is waited on briefly.
 */
function writeToFd(fd: number, content: string): void {
  const bytes = Buffer.from(content, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/** Writes into an existing device, FIFO or stream without replacing it. */
async function writeThrough(target: string, content: string): Promise<void> {
  const handle = await fs.open(target, 'a');
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

/**
 * Reads standard input up to `maxBytes` (default: the default maxFileSize); more is refused, so
 * `dockerfile - < /dev/zero` ends with an error instead of filling memory.
 */
export async function readStdin(stream: NodeJS.ReadableStream, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += buffer.length;
    if (length > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new ShipshapeError(
        'input-too-large',
        `standard input is over the ${maxBytes}-byte limit (maxFileSize); nothing was linted`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Colors only for a terminal, never with NO_COLOR; FORCE_COLOR forces them. */
export function useColor(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }, toFile: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return !toFile && stream.isTTY === true && env.TERM !== 'dumb';
}

/** Progress on stderr, only when stderr is a terminal; one line rewritten in place. */
export class Progress {
  private active = false;
  constructor(
    private readonly stream: { write(chunk: string): unknown; isTTY?: boolean },
    private readonly enabled: boolean,
  ) {}
  update(text: string): void {
    if (!this.enabled) return;
    this.active = true;
    this.stream.write(`\r\x1b[2K${text}`);
  }
  done(): void {
    if (this.active) this.stream.write('\r\x1b[2K');
    this.active = false;
  }
}
