import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { inflateSync } from 'fflate';
import yauzl from 'yauzl';

/** Where one member's data sits in a zip: enough to read it again without the central directory. */
export interface ZipMember {
  /** relativeOffsetOfLocalHeader */
  offset: number;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  flags: number;
}

const BLOCK = 64 * 1024;
/** Largest member read: an advisory is kilobytes; a directory claiming more is corrupt or hostile. */
export const MAX_MEMBER_BYTES = 32 * 1024 * 1024;
const CACHED_BLOCKS = 64;

/**
 * yauzl's random-access reader over a file, served from a small cache of 64 KiB blocks read
 * synchronously. yauzl's own fd reader issues two asynchronous reads per central-directory entry,
 * which costs seconds on a 50,000-member export; this one walks it in a fraction of that, and holds
 * at most 4 MiB of the file at a time.
 */
class BlockReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Buffer>();
  /** Random access (members looked up through the index): read exact ranges, bypass the cache. */
  random = false;

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {
    super();
  }

  private block(index: number): Buffer {
    let block = this.blocks.get(index);
    if (block) {
      // Most recently used last.
      this.blocks.delete(index);
      this.blocks.set(index, block);
      return block;
    }
    const start = index * BLOCK;
    const length = Math.min(BLOCK, this.size - start);
    block = Buffer.allocUnsafe(Math.max(0, length));
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, block, read, length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    if (read < length) block = block.subarray(0, read);
    this.blocks.set(index, block);
    if (this.blocks.size > CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
    return block;
  }

  /** Bytes [start, end) of the file (fewer at the end of the file). */
  bytes(start: number, end: number): Buffer {
    const stop = Math.min(end, this.size);
    if (stop <= start) return Buffer.alloc(0);
    const first = Math.floor(start / BLOCK);
    const last = Math.floor((stop - 1) / BLOCK);
    if (first === last) return this.block(first).subarray(start - first * BLOCK, stop - first * BLOCK);
    const out = Buffer.allocUnsafe(stop - start);
    let at = 0;
    for (let i = first; i <= last; i++) {
      const b = this.block(i);
      const from = i === first ? start - i * BLOCK : 0;
      const to = i === last ? stop - i * BLOCK : b.length;
      at += b.copy(out, at, from, to);
    }
    return at === out.length ? out : out.subarray(0, at);
  }

  /** Bytes [start, end) read straight from the file, bypassing the cache (random member reads). */
  direct(start: number, end: number): Buffer {
    const stop = Math.min(end, this.size);
    const out = Buffer.allocUnsafe(Math.max(0, stop - start));
    let read = 0;
    while (read < out.length) {
      const n = readSync(this.fd, out, read, out.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    return read === out.length ? out : out.subarray(0, read);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const stream = new PassThrough();
    stream.end(this.bytes(start, end));
    return stream;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    let error: Error | null = null;
    try {
      const bytes = this.random ? this.direct(position, position + length) : this.bytes(position, position + length);
      bytes.copy(buffer, offset);
      if (bytes.length < length) error = new Error('unexpected EOF');
    } catch (e) {
      error = e as Error;
    }
    // Asynchronous like yauzl expects, without growing the stack across 50,000 entries.
    queueMicrotask(() => callback(error));
  }

  override close(callback: (err: Error | null) => void): void {
    try {
      closeSync(this.fd);
      queueMicrotask(() => callback(null));
    } catch (e) {
      queueMicrotask(() => callback(e as Error));
    }
  }
}

/**
 * An open zip archive: yauzl reads the central directory and local headers; member data is
 * inflated with fflate in one call (the members are small JSON documents).
 */
export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly reader: BlockReader,
  ) {}

  static open(path: string): Promise<ZipArchive> {
    const fd = openSync(path, 'r');
    let reader: BlockReader;
    try {
      reader = new BlockReader(fd, fstatSync(fd).size);
    } catch (error) {
      closeSync(fd);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      yauzl.fromRandomAccessReader(
        reader,
        reader.size,
        { lazyEntries: true, autoClose: false, strictFileNames: false },
        (err, zip) => {
          if (err || !zip) {
            try {
              closeSync(fd);
            } catch {
              // already closed
            }
            reject(err ?? new Error('cannot open zip'));
          } else resolve(new ZipArchive(zip, reader));
        },
      );
    });
  }

  get entryCount(): number {
    return this.zip.entryCount;
  }

  /** Every member, in central-directory order, each with its bytes; stops at the first error. */
  async forEach(visit: (name: string, member: ZipMember, data: Buffer) => void): Promise<void> {
    const zip = this.zip;
    this.reader.random = false;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) {
          zip.readEntry();
          return;
        }
        const member: ZipMember = {
          offset: entry.relativeOffsetOfLocalHeader,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          method: entry.compressionMethod,
          flags: entry.generalPurposeBitFlag,
        };
        this.readEntry(entry)
          .then((data) => {
            visit(entry.fileName, member, data);
            zip.readEntry();
          })
          .catch(reject);
      });
      zip.readEntry();
    });
  }

  /** The bytes of one member found earlier by `forEach` (from the cached index). */
  read(member: ZipMember): Promise<Buffer> {
    const entry = Object.assign(new yauzl.Entry(), {
      relativeOffsetOfLocalHeader: member.offset,
      compressedSize: member.compressedSize,
      uncompressedSize: member.uncompressedSize,
      compressionMethod: member.method,
      generalPurposeBitFlag: member.flags,
    });
    this.reader.random = true;
    return this.readEntry(entry, true);
  }

  private readEntry(entry: yauzl.Entry, direct = false): Promise<Buffer> {
    if (entry.isEncrypted()) return Promise.reject(new Error('encrypted zip member'));
    if (entry.uncompressedSize > MAX_MEMBER_BYTES || entry.compressedSize > MAX_MEMBER_BYTES)
      return Promise.reject(new Error(`member ${entry.fileName ?? ''} claims ${entry.uncompressedSize} bytes`));
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      return Promise.reject(new Error(`unsupported compression method ${entry.compressionMethod}`));
    return new Promise((resolve, reject) => {
      this.zip.readLocalFileHeader(entry, { minimal: true }, (err, header) => {
        if (err || !header) {
          reject(err ?? new Error('cannot read local file header'));
          return;
        }
        try {
          const end = header.fileDataStart + entry.compressedSize;
          const raw = direct
            ? this.reader.direct(header.fileDataStart, end)
            : this.reader.bytes(header.fileDataStart, end);
          // fflate: node's zlib builds a native stream per call, which dominates for small members.
          const data =
            entry.compressionMethod === 8
              ? (() => {
                  const out = inflateSync(raw, { out: new Uint8Array(entry.uncompressedSize) });
                  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
                })()
              : Buffer.from(raw);
          if (data.length !== entry.uncompressedSize)
            throw new Error(`member is ${data.length} bytes, the directory says ${entry.uncompressedSize}`);
          resolve(data);
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /** Walks the central directory without reading members. */
  countEntries(): Promise<number> {
    const zip = this.zip;
    let entries = 0;
    return new Promise((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', () => {
        entries++;
        zip.readEntry();
      });
      zip.readEntry();
    });
  }

  close(): void {
    this.zip.close();
  }
}

/** Opens a zip and walks its central directory without reading members: true when it is whole. */
export async function verifyZip(path: string): Promise<{ ok: true; entries: number } | { ok: false; error: string }> {
  let archive: ZipArchive | undefined;
  try {
    archive = await ZipArchive.open(path);
    return { ok: true, entries: await archive.countEntries() };
  } catch (error) {
    return { ok: false, error: String((error as Error)?.message ?? error) };
  } finally {
    archive?.close();
  }
}
