import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/sdk-base-image',
    title: 'Shipped image is built on a toolchain or SDK image',
    severity: 'medium',
    aliases: [],
    tags: ['attack-surface'],
    messages: {
      sdk: 'The shipped image is based on the build toolchain "{{image}}"; build in a separate stage and ship {{suggestion}}.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.targetStages()) {
      const base = model.baseOf(stage);
      if (base.knowledge.class !== 'sdk') continue;
      const root = base.stage;
      out.push(
        report(model, root.imageStart, root.imageEnd, 'sdk', {
          image: base.image.raw,
          suggestion: base.knowledge.suggestion ?? 'a runtime-only image',
        }),
      );
    }
    return out;
  },
});
