import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { reportInstr } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/duplicate-stage-name',
    title: 'Two stages share a name',
    severity: 'medium',
    aliases: ['DL3024', ...trivy(12), 'CKV_DOCKER_11'],
    tags: ['correctness'],
    messages: {
      duplicate: 'Stage name "{{name}}" is already used on line {{first}}; references to it become ambiguous.',
    },
  },
  check(model) {
    const out = [];
    const seen = new Map<string, number>();
    for (const stage of model.stages) {
      if (!stage.name) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) out.push(reportInstr(model, stage.from, 'duplicate', { name: stage.name, first }));
      else seen.set(key, stage.from.line);
    }
    return out;
  },
});
