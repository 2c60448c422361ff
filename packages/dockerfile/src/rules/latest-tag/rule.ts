import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, stageSeverity } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/latest-tag',
    title: 'Base image uses the latest tag',
    severity: 'medium',
    aliases: ['DL3007', ...trivy(1), 'CKV_DOCKER_7'],
    tags: ['supply-chain', 'reproducibility', 'cis-docker-4.2'],
    messages: {
      latest: 'Image "{{image}}" uses the moving "latest" tag; pin a version (and ideally a digest).',
      defaulted:
        'Image "{{written}}" defaults to the moving "latest" tag ("{{image}}") when the build does not set the variable; make the default a version.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const img = stage.image;
      if (stage.parent || img.scratch || img.unresolved || img.digest) continue;
      if (img.tag?.toLowerCase() !== 'latest') continue;
      // A builder's base does not ship; its drift still changes what gets built.
      const extra = { severity: stageSeverity(stage, 'medium', 'low') } as const;
      if (/\$\{[A-Za-z_][A-Za-z0-9_]*:?-latest\}/i.test(stage.rawImage))
        out.push(
          report(
            model,
            stage.imageStart,
            stage.imageEnd,
            'defaulted',
            { image: img.raw, written: stage.rawImage },
            extra,
          ),
        );
      else out.push(report(model, stage.imageStart, stage.imageEnd, 'latest', { image: img.raw }, extra));
    }
    return out;
  },
});
