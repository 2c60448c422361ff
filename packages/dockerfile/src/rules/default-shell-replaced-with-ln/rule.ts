import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/default-shell-replaced-with-ln',
    title: 'RUN relinks /bin/sh instead of using SHELL',
    severity: 'low',
    aliases: ['DL4005'],
    tags: ['reliability'],
    messages: {
      ln: 'ln over /bin/sh swaps the shell for every program in the image, not just the build; use SHELL ["/bin/bash", "-c"] to change the shell RUN uses.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        if (cmd.name !== 'ln' || !cmd.args.some((a) => a.value === '/bin/sh')) continue;
        out.push(report(model, cmd.start, cmd.end, 'ln'));
      }
    }
    return out;
  },
});
