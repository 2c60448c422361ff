import { defineRule } from '@shipshape/core';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

const PROGRAMS = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);

/** `kill $pid` / `kill %1` stopping a helper the same RUN started in the background is legitimate. */
function stopsOwnBackgroundJob(cmd: ShellCommand): boolean {
  return cmd.name === 'kill' && cmd.args.some((a) => /^(\$|%)/.test(a.value) || a.dynamic);
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/container-irrelevant-command',
    title: 'RUN uses a command that makes no sense at build time',
    severity: 'info',
    aliases: ['DL3001'],
    tags: ['hygiene'],
    messages: {
      pointless:
        'RUN calls {{program}}, which manages an interactive session, services or processes of a running system; a build step has none of those.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        if (!PROGRAMS.has(cmd.name) || stopsOwnBackgroundJob(cmd)) continue;
        out.push(report(model, cmd.start, cmd.end, 'pointless', { program: cmd.name }));
      }
    }
    return out;
  },
});
