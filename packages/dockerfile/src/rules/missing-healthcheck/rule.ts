import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/missing-healthcheck',
    title: 'Long-running shipped image has no HEALTHCHECK',
    severity: 'low',
    aliases: ['DL3057', ...trivy(26), 'CKV_DOCKER_2'],
    tags: ['availability', 'cis-docker-4.6'],
    messages: { missing: 'The shipped {{stage}} runs a long-lived process but defines no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one.' },
  },
  check(model) {
    const out = [];
    for (const target of model.targetStages()) {
      const chain = model.chain(target);
      const instrs = chain.flatMap((s) => s.instructions);
      if (instrs.some((i) => i.keyword === 'HEALTHCHECK')) continue;
      const longRunning = instrs.some((i) => i.keyword === 'EXPOSE' || i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
      // One-shot images (a tool, a base image, a job with no command of its own) need none.
      if (!longRunning) continue;
      const base = model.baseOf(target);
      if (base.image.scratch && !instrs.some((i) => i.keyword === 'EXPOSE')) continue;
      const line = model.lines.line(target.from.line);
      out.push(report(model, target.from.start, target.from.start + line.length, 'missing', { stage: target.name ? `stage "${target.name}"` : 'image' }));
    }
    return out;
  },
});
