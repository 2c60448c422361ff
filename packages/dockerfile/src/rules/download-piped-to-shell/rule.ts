import { defineRule } from '@shipshape/core';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { isDownload, report, runsOf } from '../util.js';

const INTERPRETER = /^((ba|da|a|z|k|fi)?sh|python[\d.]*|perl|ruby|node|php[\d.]*|pwsh|powershell|source|\.|eval|iex)$/;

export function isInterpreter(cmd: ShellCommand): boolean {
  return INTERPRETER.test(cmd.name);
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/download-piped-to-shell',
    title: 'Downloaded script piped straight into an interpreter',
    severity: 'high',
    aliases: [],
    tags: ['supply-chain', 'cwe-494'],
    messages: {
      pipe: '{{downloader}} output is piped into {{interpreter}} unverified; download to a file, check its checksum or signature, then run it.',
      subst:
        '{{interpreter}} runs the output of {{downloader}} unverified; download to a file, check its checksum or signature, then run it.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      const cmds = run.commands;
      for (const cmd of cmds) {
        if (cmd.pipeline && cmd.pipeline.index > 0 && isInterpreter(cmd)) {
          const earlier = cmds.find(
            (c) =>
              c.pipeline?.id === cmd.pipeline?.id &&
              (c.pipeline?.index ?? 0) < (cmd.pipeline?.index ?? 0) &&
              isDownload(c),
          );
          if (earlier) {
            out.push(
              report(model, earlier.start, cmd.end, 'pipe', { downloader: earlier.name, interpreter: cmd.name }),
            );
            continue;
          }
        }
        if (isInterpreter(cmd) && !cmd.inSubstitution) {
          const inner = cmd.substitutions.find((c) => isDownload(c));
          if (inner)
            out.push(report(model, cmd.start, cmd.end, 'subst', { downloader: inner.name, interpreter: cmd.name }));
        }
      }
    }
    return out;
  },
});
