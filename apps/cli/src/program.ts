import { ShipshapeError } from '@shipshape/core';
import { Command, CommanderError } from 'commander';
import { ANALYZER_NAMES, loadAnalyzer } from './analyzers.js';
import { registerCiCommand } from './commands/ci.js';
import { registerDockerfileCommand } from './commands/dockerfile.js';
import { registerInitCommand } from './commands/init.js';
import { registerRulesCommand } from './commands/rules.js';
import { registerSbomCommand } from './commands/sbom.js';
import { registerScanCommand } from './commands/scan.js';
import { registerSecretsCommand } from './commands/secrets.js';
import { registerVulnsCommand } from './commands/vulns.js';
import { type CommandContext, EXIT } from './context.js';
import type { ProgramIO } from './io.js';
import { VERSION } from './version.js';

/** Builds the CLI around the given streams; `run(argv)` resolves to the exit code and never throws. */
export function createProgram(io: ProgramIO): { run(argv: readonly string[]): Promise<number> } {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  return {
    async run(argv) {
      let exitCode: number = EXIT.clean;
      const debug = argv.includes('--debug');
      const program = buildProgram({
        io,
        env,
        cwd,
        setExit: (code) => {
          exitCode = code;
        },
        runCli: async (args, options) => {
          let stdout = '';
          let stderr = '';
          const inner = createProgram({
            stdout: { write: (s: string) => (stdout += s) },
            stderr: { write: (s: string) => (stderr += s) },
            cwd: options.cwd,
            env: options.env,
          });
          return { code: await inner.run(args), stdout, stderr };
        },
      });
      try {
        await program.parseAsync([...argv], { from: 'user' });
      } catch (error) {
        if (error instanceof CommanderError) {
          // Help and version exit 0; every other parse error is a usage error.
          return error.exitCode === 0 ? EXIT.clean : EXIT.error;
        }
        if (error instanceof ShipshapeError) {
          io.stderr.write(`shipshape: ${error.message}\n`);
        } else {
          const message = error instanceof Error ? error.message : String(error);
          io.stderr.write(`shipshape: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
        }
        if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
        return EXIT.error;
      }
      return exitCode;
    },
  };
}

/** The command tree: each command is a module of its own under `commands/`. */
function buildProgram(ctx: CommandContext): Command {
  const { io } = ctx;
  const program = new Command('shipshape')
    .description('Container-security hardening checks: Dockerfiles, committed secrets, SBOMs and pinning.')
    .version(VERSION, '-v, --version', 'print the version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run `shipshape --help` for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  registerScanCommand(program, ctx);
  registerDockerfileCommand(program, ctx);
  registerSecretsCommand(program, ctx);
  registerSbomCommand(program, ctx);
  registerVulnsCommand(program, ctx);
  registerRulesCommand(program, ctx);
  registerInitCommand(program, ctx);
  registerCiCommand(program, ctx);
  return program;
}

export { EXIT } from './context.js';
export { resolveTargets, scanAndReport } from './run.js';
export { TOOL, VERSION } from './version.js';
export { ANALYZER_NAMES, loadAnalyzer };
