import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/copy-from-unknown-stage',
    title: 'COPY --from names no earlier stage',
    severity: 'medium',
    aliases: ['DL3022', ...trivy(18)],
    tags: ['correctness'],
    messages: {
      unknown:
        'COPY --from={{ref}} names no stage defined before it, so Docker will try to pull an image called "{{ref}}".',
      index: 'COPY --from={{ref}} refers to stage index {{ref}}, but only {{count}} earlier stage(s) exist.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const earlier = model.stages.slice(0, stage.index);
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY') continue;
        const flag = instr.flags.find((f) => f.name === 'from');
        if (!flag?.value) continue;
        const { value: ref, unresolved } = model.resolve(flag.value, instr);
        if (unresolved || /[:/@.]/.test(ref)) continue;
        if (/^\d+$/.test(ref)) {
          if (Number(ref) >= stage.index)
            out.push(
              report(model, flag.start, flag.end, 'index', { ref, count: stage.index }, { aliases: ['DL3022'] }),
            );
          continue;
        }
        const lower = ref.toLowerCase();
        if (stage.name?.toLowerCase() === lower) continue; // copy-from-own-stage
        if (!earlier.some((s) => s.name?.toLowerCase() === lower))
          out.push(report(model, flag.start, flag.end, 'unknown', { ref }));
      }
    }
    return out;
  },
});
