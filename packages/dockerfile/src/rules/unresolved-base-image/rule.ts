import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/unresolved-base-image',
    title: 'Base image depends on a build argument without a default',
    severity: 'info',
    aliases: [],
    tags: ['supply-chain'],
    messages: {
      unknown:
        'The base image "{{image}}" depends on {{variables}} with no default, so it is unknown here and image checks (tag, registry, minimal base, default user) are skipped.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      if (stage.parent || !stage.image.unresolved) continue;
      const variables = [...new Set(stage.image.variables)].filter(
        (v) => v !== 'BUILDPLATFORM' && v !== 'TARGETPLATFORM',
      );
      if (variables.length === 0) continue;
      out.push(
        report(model, stage.imageStart, stage.imageEnd, 'unknown', {
          image: stage.image.raw,
          variables: variables.map((v) => `$${v}`).join(', '),
        }),
      );
    }
    return out;
  },
});
