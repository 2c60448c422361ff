import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/invalid-exposed-port',
    title: 'EXPOSE of a port outside 0-65535',
    severity: 'medium',
    aliases: ['DL3011', ...trivy(8)],
    tags: ['correctness'],
    messages: { range: 'EXPOSE {{port}} is not a valid port: ports range from 0 to 65535.' },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const arg of instr.args) {
        const { value, unresolved } = model.resolve(arg.value, instr);
        if (unresolved) continue;
        const m = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(value.trim());
        if (!m) continue;
        if (Number(m[1]) > 65535 || (m[2] !== undefined && Number(m[2]) > 65535))
          out.push(report(model, arg.start, arg.end, 'range', { port: value }));
      }
    }
    return out;
  },
});
