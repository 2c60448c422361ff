import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { reportInstr } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/multiple-entrypoint',
    title: 'More than one ENTRYPOINT in a stage',
    severity: 'low',
    aliases: ['DL4004', ...trivy(7)],
    tags: ['correctness'],
    messages: {
      multiple: 'This stage has {{count}} ENTRYPOINT instructions; only the last one takes effect (line {{last}}).',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const list = stage.instructions.filter((i) => i.keyword === 'ENTRYPOINT');
      if (list.length < 2) continue;
      const last = list[list.length - 1];
      for (const instr of list.slice(0, -1))
        out.push(reportInstr(model, instr, 'multiple', { count: list.length, last: last?.line ?? 0 }));
    }
    return out;
  },
});
