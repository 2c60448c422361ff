/**
 * Git history: every commit's added lines, streamed from `git log -p` (never buffered whole),
 * scanned like files. A secret committed and later deleted is still leaked, so it is reported
 * once, at the commit that introduced it, with that commit's author and date, and whether the
 * file still holds it at HEAD.
 */
import {
  DEFAULT_FINGERPRINT_KEY,
  DEFAULT_MAX_FILE_SIZE,
  dubiousOwnershipMessage,
  type Finding,
  gitErrorLine,
  gitFailureKind,
  HISTORY_INCOMPLETE_CODE,
  isGitDate,
  looksBinary,
  type Notification,
  runGit,
  ShipshapeError,
  secretHash,
  spawnGit,
  unquoteGitPath,
} from '@shipshape/core';
import { roleOf } from './roles.js';
import { parseFile, runFileRules } from './scan.js';

export interface HistoryOptions {
  /** Only commits after this date (`2024-01-31`, `2 weeks ago`), or not reachable from this revision. */
  since?: string;
  /** At most this many commits (the newest). */
  maxCommits?: number;
  fingerprintKey?: string;
  /** Revision range instead of `--all` (e.g. `origin/main..HEAD`). */
  range?: string;
  /**
   * Where to say what was not scanned (binary or oversized blob versions) and that the walk is
   * incomplete (git failed, a shallow clone, a repository git refuses). Without it, an incomplete
   * walk throws HistoryIncompleteError once the findings it did yield are out.
   */
  notify?: (notification: Notification) => void;
  /** Largest blob version scanned (default: DEFAULT_MAX_FILE_SIZE); larger ones are notified. */
  maxFileSize?: number;
}

export { HISTORY_INCOMPLETE_CODE };

/** An incomplete history walk, when no `notify` was given. */
export class HistoryIncompleteError extends ShipshapeError {
  constructor(
    message: string,
    readonly commitsScanned: number,
    readonly commitsExpected: number | undefined,
  ) {
    super(HISTORY_INCOMPLETE_CODE, message);
    this.name = 'HistoryIncompleteError';
  }
}

interface Chunk {
  commit: string;
  author: string;
  date: string;
  path: string;
  lines: string[];
  numbers: number[];
  bytes: number;
  /** Added lines went over the blob limit: dropped and notified. */
  overflow: boolean;
}

interface Distinct {
  finding: Finding;
  /** The flagged text (the secret, or the flagged lines), to look for at HEAD; never reported. */
  span: string;
  /** Path relative to the repository's top level, as git names it. */
  path: string;
}

/** The text a finding's range covers in the chunk's added lines (1-based, end column exclusive). */
function spanOf(lines: readonly string[], f: Finding): string {
  const { startLine, startColumn, endLine, endColumn } = f.range;
  const first = lines[startLine - 1] ?? '';
  if (startLine === endLine) {
    const s = first.slice(Math.max(0, startColumn - 1), Math.max(startColumn - 1, endColumn - 1));
    return s === '' ? first : s;
  }
  const parts = [first.slice(Math.max(0, startColumn - 1))];
  for (let n = startLine + 1; n < endLine; n++) parts.push(lines[n - 1] ?? '');
  parts.push((lines[endLine - 1] ?? '').slice(0, Math.max(0, endColumn - 1)));
  return parts.join('\n');
}

function scanChunk(chunk: Chunk, fingerprintKey: string): { finding: Finding; span: string }[] {
  if (chunk.lines.length === 0) return [];
  const role = roleOf(chunk.path);
  if (role.binary) return [];
  const text = chunk.lines.join('\n');
  // Fragments of structured files rarely parse; judge them line by line like text.
  const input = parseFile(chunk.path, text, { fingerprintKey }, role);
  const findings = runFileRules(input, { fingerprintKey });
  return findings.map((f) => {
    const span = spanOf(chunk.lines, f);
    const start = chunk.numbers[f.range.startLine - 1] ?? f.range.startLine;
    const end = chunk.numbers[f.range.endLine - 1] ?? start;
    f.range = { ...f.range, startLine: start, endLine: end };
    f.properties = { ...(f.properties ?? {}), commit: chunk.commit, author: chunk.author, date: chunk.date };
    f.fingerprint = `${f.fingerprint.slice(0, 24)}${chunk.commit.slice(0, 8)}`;
    return { finding: f, span };
  });
}

/**
 * Splits a byte stream into lines (LF; a CR before it dropped) without ever holding more than
 * `maxLine` bytes of one line: the rest of a longer line is skipped and the line comes out with
 * `cut` set.
 */
async function* byteLines(
  stream: AsyncIterable<Buffer>,
  maxLine: number,
): AsyncGenerator<{ line: string; cut: boolean }> {
  let parts: Buffer[] = [];
  let held = 0;
  let cut = false;
  const emit = (tail: Buffer): { line: string; cut: boolean } => {
    let bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    const out = { line: bytes.toString('utf8'), cut };
    parts = [];
    held = 0;
    cut = false;
    return out;
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      yield emit(cut ? Buffer.alloc(0) : room(piece));
      start = nl + 1;
    }
    if (start < chunk.length && !cut) {
      const rest = room(chunk.subarray(start));
      if (rest.length > 0) {
        parts.push(Buffer.from(rest));
        held += rest.length;
      }
    }
  }
  if (held > 0 || parts.length > 0) yield emit(Buffer.alloc(0));

  function room(piece: Buffer): Buffer {
    if (held + piece.length <= maxLine) return piece;
    cut = true;
    return piece.subarray(0, Math.max(0, maxLine - held));
  }
}

/** The revision arguments of the walk: `--all` (or the range), minus what `since` excludes. */
async function revisionArgs(root: string, options: HistoryOptions): Promise<{ args: string[] } | { error: string }> {
  const args: string[] = [];
  if (options.since !== undefined) {
    if (isGitDate(options.since)) args.push(`--since=${options.since}`);
    else {
      const rev = await runGit(root, [
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${options.since}^{commit}`,
      ]);
      if (!rev.ok || !/^[0-9a-f]{40,64}$/.test(rev.stdout.trim()))
        return {
          error: `--since "${options.since}" is neither a date (2024-01-31, "2 weeks ago") nor a revision of this repository`,
        };
      args.push('--not', rev.stdout.trim(), '--not');
    }
  }
  if (options.maxCommits !== undefined) args.push(`--max-count=${options.maxCommits}`);
  args.push(...(options.range ? ['--end-of-options', options.range] : ['--all']));
  return { args };
}

/**
 * Streams the findings of every commit's added lines (`git log -p --all`, oldest first), each
 * distinct secret once, at the commit that introduced it, with `properties.presentAtHead`. Git
 * runs inertly (core's runGit/spawnGit: no hooks, filters, textconv, external diff, signature
 * programs or transports); blob versions over `maxFileSize` are not diffed (git treats them as
 * binary) and are notified. A walk that does not cover what was asked for (git failed, a
 * shallow clone, a repository git refuses) is a `history-incomplete` error notification, with
 * the commits scanned and expected.
 */
export async function* scanHistory(root: string, options: HistoryOptions = {}): AsyncGenerator<Finding> {
  const fingerprintKey = options.fingerprintKey ?? DEFAULT_FINGERPRINT_KEY;
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const problems: string[] = [];
  let commits = 0;
  let expected: number | undefined;
  const incomplete = (message: string): void => {
    problems.push(message);
    options.notify?.({ level: 'error', code: HISTORY_INCOMPLETE_CODE, message });
  };
  const notify = (n: Notification): void => options.notify?.(n);

  const probe = await runGit(root, ['rev-parse', '--is-shallow-repository']);
  if (!probe.ok) {
    const kind = gitFailureKind(probe.stderr);
    if (kind === 'dubious-ownership') incomplete(`history not scanned: ${dubiousOwnershipMessage(root)}`);
    else if (kind !== 'not-a-repository') incomplete(`history not scanned: ${gitErrorLine(probe.stderr)}`);
    return finish();
  }
  const shallow = probe.stdout.trim() === 'true';
  const revs = await revisionArgs(root, options);
  if ('error' in revs) {
    incomplete(`history not scanned: ${revs.error}`);
    return finish();
  }
  const count = await runGit(root, ['rev-list', '--count', ...revs.args]);
  if (count.ok) expected = Number(count.stdout.trim());

  const log = await spawnGit(root, [
    '-c',
    'core.quotePath=false',
    '-c',
    `core.bigFileThreshold=${Math.max(1, limit)}`,
    'log',
    '-p',
    '--no-show-signature',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--no-renames',
    '--no-relative',
    '--full-index',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    '-U0',
    '--diff-filter=AM',
    '--reverse',
    '--format=%x00commit %H%x00%an%x00%aI',
    ...revs.args,
  ]);
  const distinct = new Map<string, Distinct>();
  const oversized: Skipped[] = [];
  const binaries: Skipped[] = [];
  let commit = '';
  let author = '';
  let date = '';
  let chunk: Chunk | undefined;
  let inHeader = false;
  let headerPath = '';
  let blob = '';
  let next = 0;

  const flush = (): void => {
    const c = chunk;
    chunk = undefined;
    if (!c) return;
    if (c.overflow) {
      oversized.push({ path: c.path, commit: c.commit });
      return;
    }
    if (c.lines.length === 0) return;
    if (looksBinary(headOf(c.lines))) {
      binaries.push({ path: c.path, commit: c.commit });
      return;
    }
    for (const { finding, span } of scanChunk(c, fingerprintKey)) {
      // Oldest first: the first sighting of a secret is the commit that introduced it; a later
      // re-add (a rename, a revert, a cherry-pick, an edit of the same line) is the same leak.
      const key = `${finding.ruleId}\0${secretHash(span, fingerprintKey)}`;
      if (!distinct.has(key)) distinct.set(key, { finding, span, path: c.path });
    }
  };

  try {
    const stdout = log.child.stdout as AsyncIterable<Buffer> | null;
    if (stdout) {
      for await (const { line, cut } of byteLines(stdout, limit + 4096)) {
        if (line.startsWith('\u0000commit ')) {
          flush();
          inHeader = false;
          const parts = line.split('\u0000');
          commit = (parts[1] ?? '').slice('commit '.length);
          author = parts[2] ?? '';
          date = parts[3] ?? '';
          continue;
        }
        if (line.startsWith('diff --git ')) {
          flush();
          inHeader = true;
          headerPath = '';
          blob = '';
          continue;
        }
        if (inHeader) {
          // File headers only come between `diff --git` and the first hunk: an added line whose
          // text starts with "++ " reads "+++ ..." too and must not be taken for one.
          if (line.startsWith('index ')) blob = /\.\.([0-9a-f]+)/.exec(line)?.[1] ?? '';
          else if (line.startsWith('+++ ')) {
            const target = line.slice(4).replace(/\t$/, '');
            if (target === '/dev/null') continue;
            headerPath = unquoteGitPath(target).replace(/^b\//, '');
            chunk = { commit, author, date, path: headerPath, lines: [], numbers: [], bytes: 0, overflow: false };
          } else if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
            // Binary to git, or over core.bigFileThreshold (= maxFileSize): sizes decide below.
            const m = / and (.*) differ$/.exec(line);
            const target = m?.[1] ?? '';
            const path = target === '/dev/null' ? '' : unquoteGitPath(target).replace(/^b\//, '');
            if (path) binaries.push({ path, commit, blob });
          } else if (line.startsWith('@@')) {
            inHeader = false;
            next = Number(/\+(\d+)/.exec(line)?.[1] ?? 0);
          }
          continue;
        }
        if (line.startsWith('@@')) {
          next = Number(/\+(\d+)/.exec(line)?.[1] ?? 0);
          continue;
        }
        if (chunk && line.startsWith('+')) {
          chunk.bytes += line.length;
          if (cut || chunk.bytes > limit) {
            chunk.overflow = true;
            chunk.lines = [];
            chunk.numbers = [];
          }
          if (!chunk.overflow) {
            chunk.lines.push(line.slice(1));
            chunk.numbers.push(next);
          }
          next += 1;
        }
      }
    }
    flush();
    const { status, stderr } = await log.done;
    if (status !== 0) {
      const kind = gitFailureKind(stderr);
      if (kind === 'dubious-ownership') incomplete(`history not scanned: ${dubiousOwnershipMessage(root)}`);
      else {
        // Commits without added files print nothing under --diff-filter: where the walk stopped
        // is the last commit seen, placed in the walk's own order.
        commits = await position(root, revs.args, commit);
        incomplete(
          `history walk incomplete: ${commits} of ${expected ?? '?'} commits scanned; git log failed: ${gitErrorLine(stderr)}`,
        );
      }
    } else if (expected !== undefined) commits = expected;
  } finally {
    if (log.child.exitCode === null) log.child.kill();
  }

  if (shallow)
    incomplete(
      `history walk incomplete: this is a shallow clone, only its ${commits} fetched commits were scanned; fetch the whole history (\`git fetch --unshallow\`, or actions/checkout with fetch-depth: 0)`,
    );
  await reportSkipped(root, limit, binaries, oversized, notify);
  await markPresentAtHead(root, [...distinct.values()], limit);
  for (const d of distinct.values()) yield d.finding;
  return finish();

  function finish(): void {
    if (problems.length > 0 && !options.notify)
      throw new HistoryIncompleteError(problems.join('; '), commits, expected);
  }
}

/** How many commits of the (oldest-first) walk come before `commit`: those fully scanned. */
async function position(root: string, revArgs: string[], commit: string): Promise<number> {
  if (!commit) return 0;
  const list = await runGit(root, ['rev-list', '--reverse', ...revArgs]);
  const i = list.stdout.split('\n').indexOf(commit);
  return i === -1 ? 0 : i;
}

/** A blob version the walk did not scan. */
interface Skipped {
  path: string;
  commit: string;
  /** Its object id, when git named it (binary ones), to learn its size. */
  blob?: string;
  bytes?: number;
}

/** The start of a chunk's text, enough for the binary check. */
function headOf(lines: readonly string[]): string {
  let head = '';
  for (const line of lines) {
    head += `${line}\n`;
    if (head.length >= 8192) break;
  }
  return head;
}

/** Notifies blob versions not scanned: over the size limit one by one, binary ones as a count. */
async function reportSkipped(
  root: string,
  limit: number,
  binaries: Skipped[],
  oversized: Skipped[],
  notify: (n: Notification) => void,
): Promise<void> {
  const sizes = new Map<string, number>();
  const ids = [...new Set(binaries.map((b) => b.blob ?? '').filter((id) => /^[0-9a-f]{40,64}$/.test(id)))];
  if (ids.length > 0) {
    const r = await runGit(root, ['cat-file', '--batch-check=%(objectname) %(objectsize)'], {
      input: `${ids.join('\n')}\n`,
    });
    for (const line of r.stdout.split('\n')) {
      const [id, size] = line.split(' ');
      if (id && size && /^\d+$/.test(size)) sizes.set(id, Number(size));
    }
  }
  let binaryCount = 0;
  for (const b of binaries) {
    const size = sizes.get(b.blob ?? '');
    if (size !== undefined && size > limit) oversized.push({ ...b, bytes: size });
    else binaryCount++;
  }
  for (const o of oversized)
    notify({
      level: 'warning',
      code: 'file-too-large',
      message: `history: the version added in commit ${o.commit.slice(0, 12)} was not scanned: ${o.bytes !== undefined ? `${o.bytes} bytes is` : 'its added lines are'} over the ${limit}-byte limit (maxFileSize)`,
      file: o.path,
    });
  if (binaryCount > 0)
    notify({
      level: 'info',
      code: 'binary-file',
      message: `history: ${binaryCount} binary file version${binaryCount === 1 ? '' : 's'} not scanned`,
    });
}

/** Sets `properties.presentAtHead`: whether the file at HEAD still holds the flagged text. */
async function markPresentAtHead(root: string, found: Distinct[], limit: number): Promise<void> {
  const heads = new Map<string, string | null>();
  for (const d of found) {
    if (!heads.has(d.path)) {
      if (d.path.includes('\n')) heads.set(d.path, null);
      else {
        const r = await runGit(root, ['cat-file', 'blob', `HEAD:${d.path}`], { maxBuffer: limit + 1 });
        // Gone at HEAD: not present. Unreadable for another reason (too large): unknown.
        heads.set(d.path, r.ok ? r.stdout : /does not exist|exists on disk, but not in/.test(r.stderr) ? '' : null);
      }
    }
    const text = heads.get(d.path);
    if (text === null || text === undefined) continue;
    d.finding.properties = { ...(d.finding.properties ?? {}), presentAtHead: text.includes(d.span) };
  }
}
