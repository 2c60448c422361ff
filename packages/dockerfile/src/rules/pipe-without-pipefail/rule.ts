import { defineRule } from '@shipshape/core';
import type { Instr, Stage } from '../../model/model.js';
import { trivy } from '../../model/peers.js';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

function setsPipefail(cmd: ShellCommand): boolean {
  if (cmd.name !== 'set') return false;
  const args = cmd.args.map((a) => a.value);
  return (
    args.some((a, i) => a === 'pipefail' && i > 0 && /^-[a-z]*o$/.test(args[i - 1] ?? '')) ||
    args.includes('-opipefail')
  );
}

/**
 * `echo "$SHA256  file" | sha256sum -c -`: echo cannot fail, and the checksum tool's own exit
 * status is the pipeline's, so pipefail changes nothing there.
 */
function echoIntoChecksum(commands: readonly ShellCommand[], first: ShellCommand): boolean {
  if (first.name !== 'echo' && first.name !== 'printf') return false;
  const id = first.pipeline?.id;
  const rest = commands.filter((c) => c.pipeline?.id === id && c !== first && !c.inSubstitution);
  return (
    rest.length === 1 &&
    /^(sha(1|224|256|384|512)sum|shasum|md5sum|b2sum|cksum)$/.test(rest[0]?.name ?? '') &&
    (rest[0]?.args ?? []).some((a) => a.value === '-c' || a.value === '--check' || /^-[a-z]*c[a-z]*$/.test(a.value))
  );
}

function shellHasPipefail(shells: readonly Instr[], line: number): boolean | 'non-posix' {
  let result: boolean | 'non-posix' = false;
  for (const instr of shells) {
    if (instr.line >= line) break;
    const text = instr.argsText;
    if (/powershell|pwsh|cmd(\.exe)?"/i.test(text)) result = 'non-posix';
    else result = /"-o"\s*,\s*"pipefail"|-[a-z]*o[a-z]*"\s*,\s*"pipefail"|pipefail/.test(text);
  }
  return result;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/pipe-without-pipefail',
    title: 'RUN pipeline without pipefail',
    severity: 'low',
    aliases: ['DL4006', ...trivy(32)],
    tags: ['reliability'],
    messages: {
      pipefail:
        'This pipeline hides failures of "{{first}}": the RUN succeeds if the last command does. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] or run "set -o pipefail" first.',
    },
  },
  check(model) {
    const out = [];
    // SHELL instructions of each stage, found once (a scan per RUN is quadratic on long files).
    const shellsOf = new Map<Stage, Instr[]>();
    for (const run of runsOf(model)) {
      if (run.execForm) continue;
      let shells = shellsOf.get(run.stage);
      if (!shells) {
        shells = run.stage.instructions.filter((i) => i.keyword === 'SHELL');
        shellsOf.set(run.stage, shells);
      }
      const shell = shellHasPipefail(shells, run.instr.line);
      if (shell !== false) continue;
      const reported = new Set<number>();
      const firstSet = Math.min(...run.commands.filter(setsPipefail).map((c) => c.order), Infinity);
      for (const cmd of run.commands) {
        if (cmd.pipeline?.index !== 0 || cmd.inSubstitution || reported.has(cmd.pipeline.id)) continue;
        if (firstSet < cmd.order) continue;
        if (echoIntoChecksum(run.commands, cmd)) continue;
        reported.add(cmd.pipeline.id);
        out.push(report(model, cmd.start, cmd.end, 'pipefail', { first: cmd.name }));
        break;
      }
    }
    return out;
  },
});
