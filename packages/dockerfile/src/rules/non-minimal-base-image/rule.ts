import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/non-minimal-base-image',
    title: 'Shipped image is built on a full distribution',
    severity: 'low',
    aliases: [],
    tags: ['attack-surface', 'cis-docker-4.3'],
    messages: {
      full: 'The shipped image is based on the full image "{{image}}"; {{suggestion}} would ship far fewer packages.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.targetStages()) {
      const base = model.baseOf(stage);
      if (base.knowledge.class !== 'full') continue;
      const root = base.stage;
      out.push(
        report(model, root.imageStart, root.imageEnd, 'full', {
          image: base.image.raw,
          suggestion: base.knowledge.suggestion ?? 'a slim, alpine or distroless variant',
        }),
      );
    }
    return out;
  },
});
