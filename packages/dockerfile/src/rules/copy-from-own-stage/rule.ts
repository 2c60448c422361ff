import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/copy-from-own-stage',
    title: 'COPY --from names the stage it is in',
    severity: 'medium',
    aliases: ['DL3023', ...trivy(6)],
    tags: ['correctness'],
    messages: { own: 'COPY --from={{ref}} refers to the stage it is part of; a stage cannot copy from itself.' },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY') continue;
        const flag = instr.flags.find((f) => f.name === 'from');
        if (!flag?.value) continue;
        const ref = model.resolve(flag.value, instr).value;
        const own =
          (stage.name !== undefined && ref.toLowerCase() === stage.name.toLowerCase()) || ref === String(stage.index);
        if (own) out.push(report(model, flag.start, flag.end, 'own', { ref }));
      }
    }
    return out;
  },
});
