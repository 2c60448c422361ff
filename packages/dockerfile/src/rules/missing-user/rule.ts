import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { isWindowsStage, report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/missing-user',
    title: 'Shipped image never switches to a non-root user',
    severity: 'high',
    aliases: ['CKV_DOCKER_3', ...trivy(2)],
    tags: ['least-privilege', 'cis-docker-4.1', 'cwe-250'],
    messages: {
      missing: 'The shipped {{stage}} has no USER instruction and its base "{{image}}" runs as root by default.',
      unknownBase:
        'The shipped {{stage}} has no USER instruction, so it runs as whatever user its base "{{image}}" sets (root unless that image says otherwise).',
    },
  },
  check(model) {
    const out = [];
    for (const target of model.targetStages()) {
      const chain = model.chain(target);
      if (chain.some((s) => s.instructions.some((i) => i.keyword === 'USER'))) continue;
      const base = model.baseOf(target);
      if (base.knowledge.nonRoot) continue;
      // Windows images run as ContainerUser/ContainerAdministrator; USER means something else there.
      if (isWindowsStage(model, target) || model.escapeChar === '`') continue;
      out.push(
        report(
          model,
          target.from.start,
          target.from.start + model.lines.line(target.from.line).length,
          base.image.unresolved ? 'unknownBase' : 'missing',
          {
            stage: target.name ? `stage "${target.name}"` : 'image',
            image: base.image.raw,
          },
          base.image.unresolved ? { severity: 'medium' } : {},
        ),
      );
    }
    return out;
  },
});
