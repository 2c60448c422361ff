import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the program writes; a factory argument so tests drive the CLI in-process. */
export interface ProgramIO {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin?: NodeJS.ReadableStream;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Writes a file atomically: a temp file beside it, then a rename, so readers never see half. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.shipshape.tmp`);
  try {
    await fs.writeFile(tmp, content, { mode: 0o644 });
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

export async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
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
