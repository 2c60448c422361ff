import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, stageSeverity } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/untagged-image',
    title: 'Base image has no tag or digest',
    severity: 'medium',
    aliases: ['DL3006', ...trivy(1), 'CKV_DOCKER_7'],
    tags: ['supply-chain', 'reproducibility', 'cis-docker-4.2'],
    messages: {
      untagged: 'Image "{{image}}" has no tag or digest, so it resolves to whatever "latest" is at build time.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const img = stage.image;
      if (stage.parent || img.scratch || img.unresolved) continue;
      if (img.tag === undefined && img.digest === undefined) {
        out.push(
          report(
            model,
            stage.imageStart,
            stage.imageEnd,
            'untagged',
            { image: img.raw },
            { severity: stageSeverity(stage, 'medium', 'low') },
          ),
        );
      }
    }
    return out;
  },
});
