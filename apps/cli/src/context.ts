import type { ProgramIO } from './io.js';

/** What every command module receives: the streams, the environment and the exit-code setter. */
export interface CommandContext {
  io: ProgramIO;
  env: NodeJS.ProcessEnv;
  cwd: string;
  setExit(code: number): void;
  /** Runs another `shipshape` command line in this process with its output captured. */
  runCli(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CapturedRun>;
}

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Exit codes: 0 clean, 1 findings at/above the threshold, 2 usage, config or internal error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
