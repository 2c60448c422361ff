import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { reportInstr } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/multiple-healthcheck',
    title: 'More than one HEALTHCHECK in a stage',
    severity: 'low',
    aliases: ['DL3012', ...trivy(23)],
    tags: ['correctness'],
    messages: {
      multiple: 'This stage has {{count}} HEALTHCHECK instructions; only the last one (line {{last}}) takes effect.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const list = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
      if (list.length < 2) continue;
      const last = list[list.length - 1];
      for (const instr of list.slice(0, -1))
        out.push(reportInstr(model, instr, 'multiple', { count: list.length, last: last?.line ?? 0 }));
    }
    return out;
  },
});
