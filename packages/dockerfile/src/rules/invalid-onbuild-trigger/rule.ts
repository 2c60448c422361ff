import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/invalid-onbuild-trigger',
    title: 'ONBUILD with a trigger Docker rejects',
    severity: 'medium',
    aliases: ['DL3043'],
    tags: ['correctness'],
    messages: {
      trigger:
        'ONBUILD {{trigger}} is not allowed: ONBUILD cannot chain ONBUILD, FROM or MAINTAINER, and the build fails.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ONBUILD') continue;
      const m = /^\s*([A-Za-z]+)/.exec(instr.argsText);
      const trigger = m?.[1]?.toUpperCase();
      if (trigger !== 'ONBUILD' && trigger !== 'FROM' && trigger !== 'MAINTAINER') continue;
      out.push(report(model, instr.argsStart, instr.argsStart + (m?.[1]?.length ?? 1), 'trigger', { trigger }));
    }
    return out;
  },
});
