/**
 * Git history: every commit's added lines, streamed from `git log -p` (never buffered whole),
 * scanned like files. A secret committed and later deleted is still leaked, so it is reported
 * with the commit, author and date that added it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DEFAULT_FINGERPRINT_KEY, type Finding, SAFE_GIT_ARGS } from '@shipshape/core';
import { roleOf } from './roles.js';
import { parseFile, runFileRules } from './scan.js';

export interface HistoryOptions {
  /** Only commits after this date (`git log --since`). */
  since?: string;
  /** At most this many commits. */
  maxCommits?: number;
  fingerprintKey?: string;
  /** Revision range instead of `--all` (e.g. `origin/main..HEAD`). */
  range?: string;
}

const MAX_LINE = 16_384;

interface Chunk {
  commit: string;
  author: string;
  date: string;
  path: string;
  lines: string[];
  numbers: number[];
}

function scanChunk(chunk: Chunk, fingerprintKey: string): Finding[] {
  if (chunk.lines.length === 0) return [];
  const role = roleOf(chunk.path);
  if (role.binary) return [];
  const text = chunk.lines.join('\n');
  // Fragments of structured files rarely parse; judge them line by line like text.
  const input = parseFile(chunk.path, text, { fingerprintKey }, role);
  const findings = runFileRules(input, { fingerprintKey });
  for (const f of findings) {
    const start = chunk.numbers[f.range.startLine - 1] ?? f.range.startLine;
    const end = chunk.numbers[f.range.endLine - 1] ?? start;
    f.range = { ...f.range, startLine: start, endLine: end };
    f.properties = { ...(f.properties ?? {}), commit: chunk.commit, author: chunk.author, date: chunk.date };
    f.fingerprint = `${f.fingerprint.slice(0, 24)}${chunk.commit.slice(0, 8)}`;
  }
  return findings;
}

/**
 * Streams the findings of every commit's added lines (`git log -p --all`), newest first. Git
 * runs with hooks, fsmonitor, external diff and textconv disabled; nothing from the repository
 * is executed.
 */
export async function* scanHistory(root: string, options: HistoryOptions = {}): AsyncGenerator<Finding> {
  const fingerprintKey = options.fingerprintKey ?? DEFAULT_FINGERPRINT_KEY;
  const args = [
    ...SAFE_GIT_ARGS,
    '-c',
    'core.quotePath=false',
    'log',
    '-p',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--no-renames',
    '-U0',
    '--diff-filter=AM',
    '--format=%x00commit %H%x00%an%x00%aI',
  ];
  if (options.since) args.push(`--since=${options.since}`);
  if (options.maxCommits) args.push(`--max-count=${options.maxCommits}`);
  args.push(options.range ?? '--all');
  const child = spawn('git', args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' },
  });
  const rl = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
  let commit = '';
  let author = '';
  let date = '';
  let chunk: Chunk | undefined;
  let next = 0;
  try {
    for await (const raw of rl) {
      const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
      if (line.startsWith('\u0000commit ')) {
        if (chunk) yield* scanChunk(chunk, fingerprintKey);
        chunk = undefined;
        const parts = line.split('\u0000');
        commit = (parts[1] ?? '').slice('commit '.length);
        author = parts[2] ?? '';
        date = parts[3] ?? '';
        continue;
      }
      if (line.startsWith('diff --git ')) {
        if (chunk) yield* scanChunk(chunk, fingerprintKey);
        chunk = undefined;
        continue;
      }
      if (line.startsWith('+++ ')) {
        const path = line.slice(4);
        chunk =
          path === '/dev/null'
            ? undefined
            : { commit, author, date, path: path.replace(/^b\//, ''), lines: [], numbers: [] };
        continue;
      }
      if (line.startsWith('@@')) {
        const m = /\+(\d+)/.exec(line);
        next = m ? Number(m[1]) : 0;
        continue;
      }
      if (chunk && line.startsWith('+')) {
        chunk.lines.push(line.slice(1));
        chunk.numbers.push(next);
        next += 1;
      }
    }
    if (chunk) yield* scanChunk(chunk, fingerprintKey);
  } finally {
    if (child.exitCode === null) child.kill();
  }
}
