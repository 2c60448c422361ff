import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/cd-in-run',
    title: 'RUN changes directory with cd',
    severity: 'info',
    aliases: ['DL3003', ...trivy(13)],
    tags: ['hygiene'],
    messages: {
      cd: 'RUN uses "cd {{dir}}"; WORKDIR sets the directory for every later instruction and keeps the RUN shorter.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      const cd = run.commands.find((c) => c.name === 'cd' && !c.inSubstitution && c.args.length > 0);
      // Trivy DS013 looks for a shell-form `&&` part starting with "cd "; hadolint DL3003 for any cd.
      const ds =
        !run.execForm &&
        run.instr.argsText
          .trimStart()
          .split('&&')
          .some((part) => part.trimStart().startsWith('cd '));
      if (cd)
        out.push(
          report(
            model,
            cd.start,
            cd.end,
            'cd',
            { dir: cd.args[0]?.value ?? '' },
            { aliases: ds ? ['DL3003', ...trivy(13)] : ['DL3003'] },
          ),
        );
    }
    return out;
  },
});
