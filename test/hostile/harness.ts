import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, REPO_ROOT } from '../helpers.js';

export { fakeToken, git, makeGitRepo, makeRepo } from '../helpers.js';

/** Generous ceilings: a hostile input may slow the tool down, never hang it or blow its heap. */
export const TIME_LIMIT_MS = 30_000;
export const HEAP_LIMIT_MB = 512;

/** The CLI under test; SHIPSHAPE_HOSTILE_BIN points the suite at another build (to show a case fails before a fix). */
// biome-ignore lint/suspicious/noUndeclaredEnvVars: a switch for running this suite by hand, never set in CI
const CLI = process.env.SHIPSHAPE_HOSTILE_BIN ?? BIN;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** True when the run was killed at the time limit. */
  timedOut: boolean;
}

/**
 * Runs the built CLI as a child process with a capped heap (a run needing more than
 * HEAP_LIMIT_MB dies instead of passing) and a time limit. `stdin: 'zero'` reads /dev/zero.
 */
export function shipshape(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: 'zero' | string; timeoutMs?: number } = {},
): Run {
  const started = Date.now();
  const zero = options.stdin === 'zero' ? openSync('/dev/zero', 'r') : undefined;
  try {
    const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, CLI, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: [zero ?? 'pipe', 'pipe', 'pipe'],
      ...(zero === undefined ? { input: options.stdin ?? '' } : {}),
      encoding: 'utf8',
      timeout: options.timeoutMs ?? TIME_LIMIT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return {
      code: result.status ?? -1,
      stdout: result.stdout ?? '',
      stderr: result.stderr ?? '',
      ms: Date.now() - started,
      timedOut: (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT',
    };
  } finally {
    if (zero !== undefined) closeSync(zero);
  }
}

/** A fresh temp directory for things that must stay outside the scanned tree (markers, targets). */
export function outsideDir(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-hostile-outside-'));
}

export interface JsonReport {
  findings: {
    ruleId: string;
    file: string;
    range: { startLine: number };
    fingerprint: string;
    properties?: Record<string, unknown>;
  }[];
  notifications: { level: string; code: string; message: string; file?: string }[];
}

export function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}
