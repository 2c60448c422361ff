import type { Command } from 'commander';
import type { CommandContext } from '../context.js';

/** `shipshape ci github`: the GitHub Action's step (see action.yml), inputs from `INPUT_*`. */
export function registerCiCommand(program: Command, { io, env, setExit, runCli }: CommandContext): void {
  const ci = program.command('ci').description('run as a CI integration (the GitHub Action uses `ci github`)');
  ci.command('github')
    .description('the GitHub Action step: diff-gated scan, annotations, SARIF, job summary, outputs')
    .action(async () => {
      const { runGithubAction } = await import('../ci/github.js');
      setExit(await runGithubAction(io, env, runCli));
    });
}
