/** Reads a gzipped tar archive (a packaged Helm chart) into memory: regular files only. */
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  path: string;
  data: Buffer;
}

export class ArchiveError extends Error {
  readonly code = 'archive-error';
}

function cstring(b: Buffer, start: number, len: number): string {
  const end = b.indexOf(0, start);
  return b.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

function octal(b: Buffer, start: number, len: number): number {
  const s = cstring(b, start, len).trim();
  return s === '' ? 0 : Number.parseInt(s, 8);
}

/** Unpacks `.tgz` bytes; caps the total unpacked size so an archive bomb is refused, not followed. */
export function readTgz(bytes: Buffer, maxBytes = 64 * 1024 * 1024): TarEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    throw new ArchiveError(`not a readable gzip archive: ${(e as Error).message}`);
  }
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((x) => x === 0)) break;
    const name = cstring(header, 0, 100);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = header.toString('utf8', 257, 263).startsWith('ustar') ? cstring(header, 345, 155) : '';
    const dataStart = off + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length < size) throw new ArchiveError('truncated tar archive');
    off = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cstring(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      paxPath = m?.[1];
      continue;
    }
    if (type === 'g') continue;
    const path = paxPath ?? longName ?? (prefix ? `${prefix}/${name}` : name);
    longName = undefined;
    paxPath = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    // Never trust archive paths: no absolute paths, no `..`.
    const clean = path.replace(/^\.\//, '');
    if (clean.startsWith('/') || clean.split('/').includes('..')) continue;
    out.push({ path: clean, data: Buffer.from(data) });
  }
  return out;
}
