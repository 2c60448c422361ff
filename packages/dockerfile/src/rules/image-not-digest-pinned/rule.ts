import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/image-not-digest-pinned',
    title: 'Base image is not pinned by digest',
    severity: 'low',
    aliases: [],
    tags: ['supply-chain', 'reproducibility'],
    disabledByDefault: true,
    profiles: ['strict'],
    messages: { digest: 'Image "{{image}}" is not pinned by digest; a tag can be re-pointed to different content.' },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const img = stage.image;
      if (stage.parent || img.scratch || img.unresolved || img.digest) continue;
      out.push(report(model, stage.imageStart, stage.imageEnd, 'digest', { image: img.raw }));
    }
    return out;
  },
});
