import { type ChildProcess, execFile, spawn } from 'node:child_process';

/**
 * Git is run only with settings that keep a scanned repository from executing anything:
 * no fsmonitor hook, no hooks, no external diff or textconv drivers, no pager, no signature
 * verification (`gpg.program` runs when `log.showSignature` is on), no transport (a partial
 * clone would fetch a missing object lazily, through the repository's `core.sshCommand`).
 * Clean/smudge filters are neutralised per repository by `gitEnv` (they are named by config).
 */
export const SAFE_GIT_ARGS = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'diff.external=',
  '-c',
  'core.pager=cat',
  '-c',
  'log.showSignature=false',
  '-c',
  'protocol.allow=never',
  '--no-pager',
] as const;

/** Notification code of a history walk that did not cover every commit asked for (exit 2 unless allowed). */
export const HISTORY_INCOMPLETE_CODE = 'history-incomplete';

/** Environment every git child gets: no prompt, no optional locks, messages in English, no lazy fetch. */
const BASE_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', GIT_NO_LAZY_FETCH: '1' };

export interface GitResult {
  ok: boolean;
  /** Exit status (null when git could not be started or was killed). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Why git refused or failed, when its message says so. */
export type GitFailureKind = 'dubious-ownership' | 'not-a-repository' | 'missing-object' | 'git-missing' | 'other';

/** Classifies git's stderr (run with LC_ALL=C, so messages are English). */
export function gitFailureKind(stderr: string): GitFailureKind {
  if (/detected dubious ownership/i.test(stderr)) return 'dubious-ownership';
  if (/not a git repository/i.test(stderr)) return 'not-a-repository';
  if (
    /bad object|unable to read|missing (blob|tree|commit)|could not read|does not point to a valid object/i.test(stderr)
  )
    return 'missing-object';
  if (/ENOENT|spawn git/i.test(stderr)) return 'git-missing';
  return 'other';
}

/** The first line of git's stderr, shortened: paths and object names, never file content. */
export function gitErrorLine(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!line) return 'git failed';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** The message to show when git refuses a repository owned by another user. */
export function dubiousOwnershipMessage(dir: string): string {
  return `git refuses to read ${dir}: it is owned by another user (dubious ownership). If you trust it, run \`git config --global --add safe.directory ${dir}\``;
}

const FILTER_CACHE_MS = 5_000;
const filterCache = new Map<string, { at: number; env: Promise<Record<string, string>> }>();

/**
 * Config entries that switch off every clean/smudge/process filter the repository (or any
 * config git reads) defines: `git diff` against the working tree pipes stat-dirty files through
 * `filter.<name>.clean`, which is a command. Passed through GIT_CONFIG_COUNT so a driver name
 * holding `=` or spaces is still overridden exactly.
 */
async function filterOverrides(cwd: string): Promise<Record<string, string>> {
  const cached = filterCache.get(cwd);
  if (cached && Date.now() - cached.at < FILTER_CACHE_MS) return cached.env;
  const env = (async () => {
    const r = await execGit(cwd, ['config', '-z', '--name-only', '--get-regexp', '^filter\\.'], process.env);
    const names = new Set<string>();
    for (const key of r.stdout.split('\0')) {
      const m = /^filter\.(.+)\.[^.]+$/s.exec(key);
      if (m?.[1]) names.add(m[1]);
    }
    const entries: [string, string][] = [];
    for (const name of names)
      entries.push(
        [`filter.${name}.clean`, ''],
        [`filter.${name}.smudge`, ''],
        [`filter.${name}.process`, ''],
        [`filter.${name}.required`, 'false'],
      );
    return configEnv(entries);
  })();
  filterCache.set(cwd, { at: Date.now(), env });
  return env;
}

/** GIT_CONFIG_COUNT/KEY/VALUE variables for `entries`, after any the caller's environment already sets. */
function configEnv(entries: readonly [string, string][]): Record<string, string> {
  if (entries.length === 0) return {};
  const start = Number.parseInt(process.env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(start + entries.length) };
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${start + i}`] = key;
    env[`GIT_CONFIG_VALUE_${start + i}`] = value;
  });
  return env;
}

/** The environment for a git child in `cwd`: the caller's, plus the inert settings and filter overrides. */
export async function gitEnv(cwd: string): Promise<NodeJS.ProcessEnv> {
  return { ...process.env, ...BASE_ENV, ...(await filterOverrides(cwd)) };
}

function execGit(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: GitRunOptions = {},
): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      [...SAFE_GIT_ARGS, ...args],
      {
        cwd,
        maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024,
        encoding: options.encoding ?? 'utf8',
        env: { ...env, ...BASE_ENV },
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const spawnError = error && typeof error.code === 'string' ? `${error.code}: spawn git` : '';
        resolve({ ok: !error, status, stdout: String(stdout), stderr: String(stderr) || spawnError });
      },
    );
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}

export interface GitRunOptions {
  /** Most bytes of stdout kept; git is stopped (ok=false) past it. */
  maxBuffer?: number;
  encoding?: 'utf8' | 'latin1';
  /** Written to git's standard input (object names for `cat-file --batch-check`). */
  input?: string;
}

/**
 * Runs git inertly in `cwd` (see SAFE_GIT_ARGS; filters neutralised); never throws: `ok` is
 * false, with the exit status and stderr, when git fails or is missing.
 */
export async function runGit(cwd: string, args: string[], options: GitRunOptions = {}): Promise<GitResult> {
  return execGit(cwd, args, await gitEnv(cwd), options);
}

export interface GitProcess {
  child: ChildProcess;
  /** Resolves when git exits: its status and (the first 64 KiB of) its stderr. */
  done: Promise<{ status: number | null; stderr: string }>;
}

/** Starts a streaming git (stdout piped) with the same inert settings as `runGit`. */
export async function spawnGit(cwd: string, args: readonly string[]): Promise<GitProcess> {
  const env = await gitEnv(cwd);
  const child = spawn('git', [...SAFE_GIT_ARGS, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 65_536) stderr += chunk;
  });
  const done = new Promise<{ status: number | null; stderr: string }>((resolve) => {
    child.on('error', (error) => resolve({ status: null, stderr: `${stderr}${String(error)}` }));
    child.on('close', (status) => resolve({ status, stderr }));
  });
  return { child, done };
}

export interface GitInfo {
  isRepo: boolean;
  /** Absolute top level of the work tree. */
  topLevel?: string;
  /** Paths git tracks, relative to the queried directory (POSIX). */
  tracked?: Set<string>;
  /** Set when `dir` is a repository git refuses to read (owned by another user). */
  refused?: 'dubious-ownership';
  /** Set when listing the tracked files failed (git's first stderr line): tracked status is unknown. */
  listingFailed?: string;
}

/** Whether `dir` is inside a git work tree, and which files below it git tracks. */
export async function gitInfo(dir: string): Promise<GitInfo> {
  const top = await runGit(dir, ['rev-parse', '--show-toplevel']);
  if (!top.ok)
    return gitFailureKind(top.stderr) === 'dubious-ownership'
      ? { isRepo: false, refused: 'dubious-ownership' }
      : { isRepo: false };
  const listing = await runGit(dir, ['ls-files', '-z', '--cached']);
  const tracked = new Set(listing.ok ? listing.stdout.split('\0').filter(Boolean) : []);
  const info: GitInfo = { isRepo: true, topLevel: top.stdout.trim(), tracked };
  if (!listing.ok) info.listingFailed = gitErrorLine(listing.stderr);
  return info;
}

/**
 * Whether `value` is a date git's `--since` reads as meant: an ISO date or date-time, a Unix
 * time (`@1700000000`), or a relative date (`2 weeks ago`, `yesterday`). Git itself reads
 * anything (`--since=garbage` is "now", silently scanning nothing), so this is checked first.
 */
export function isGitDate(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (/^@\d{1,12}$/.test(v)) return true;
  if (/^(yesterday|today|now|noon|midnight)$/.test(v)) return true;
  if (
    /^\d{1,6}\s*\.?\s*(seconds?|minutes?|hours?|days?|weeks?|months?|years?)(\s*,?\s*\d{1,6}\s*(seconds?|minutes?|hours?|days?|weeks?|months?|years?))*\s+ago$/.test(
      v,
    )
  )
    return true;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(
    v,
  );
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as number[];
  return (
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= 31 &&
    (hour as number) <= 23 &&
    (minute as number) <= 59 &&
    (second as number) <= 60
  );
}
