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

/** An open zip archive (yauzl over a file descriptor); members are read one at a time. */
export class ZipArchive {
  private constructor(private readonly zip: yauzl.ZipFile) {}

  static open(path: string): Promise<ZipArchive> {
    return new Promise((resolve, reject) => {
      yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, zip) => {
        if (err || !zip) reject(err ?? new Error('cannot open zip'));
        else resolve(new ZipArchive(zip));
      });
    });
  }

  get entryCount(): number {
    return this.zip.entryCount;
  }

  /** Every member, in central-directory order, each with its bytes; stops at the first error. */
  async forEach(visit: (name: string, member: ZipMember, data: Buffer) => void): Promise<void> {
    const zip = this.zip;
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
    return this.readEntry(entry);
  }

  private readEntry(entry: yauzl.Entry): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) {
          reject(err ?? new Error('cannot read zip member'));
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
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
