import { execFile } from 'node:child_process';

/**
 * Git is run only with settings that keep a scanned repository from executing anything:
 * no fsmonitor hook, no hooks, no external diff or textconv drivers, no pager.
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
  '--no-pager',
] as const;

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs git with safe settings in `cwd`; never throws (ok=false when git fails or is missing). */
export function runGit(cwd: string, args: string[], options: { maxBuffer?: number } = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...SAFE_GIT_ARGS, ...args],
      {
        cwd,
        maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

export interface GitInfo {
  isRepo: boolean;
  /** Absolute top level of the work tree. */
  topLevel?: string;
  /** Paths git tracks, relative to the queried directory (POSIX). */
  tracked?: Set<string>;
}

/** Whether `dir` is inside a git work tree, and which files below it git tracks. */
export async function gitInfo(dir: string): Promise<GitInfo> {
  const top = await runGit(dir, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { isRepo: false };
  const listing = await runGit(dir, ['ls-files', '-z', '--cached']);
  const tracked = new Set(listing.ok ? listing.stdout.split('\0').filter(Boolean) : []);
  return { isRepo: true, topLevel: top.stdout.trim(), tracked };
}
