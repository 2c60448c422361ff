import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/latest-tag',
    title: 'Base image uses the latest tag',
    severity: 'medium',
    aliases: ['DL3007', ...trivy(1), 'CKV_DOCKER_7'],
    tags: ['supply-chain', 'reproducibility', 'cis-docker-4.2'],
    messages: { latest: 'Image "{{image}}" uses the moving "latest" tag; pin a version (and ideally a digest).' },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const img = stage.image;
      if (stage.parent || img.scratch || img.unresolved || img.digest) continue;
      if (img.tag?.toLowerCase() === 'latest')
        out.push(report(model, stage.imageStart, stage.imageEnd, 'latest', { image: img.raw }));
    }
    return out;
  },
});
