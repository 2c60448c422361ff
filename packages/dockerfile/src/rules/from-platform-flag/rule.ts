import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/from-platform-flag',
    title: 'FROM pins a fixed --platform',
    severity: 'info',
    aliases: ['DL3029'],
    tags: ['portability'],
    messages: {
      platform:
        'FROM --platform={{platform}} fixes the architecture of this stage, so multi-platform builds (buildx --platform) silently ship the wrong one.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag?.value) continue;
      // $BUILDPLATFORM / $TARGETPLATFORM follow the build's own platforms: that is the intended use.
      if (/BUILDPLATFORM|TARGETPLATFORM|BUILDOS|BUILDARCH|TARGETOS|TARGETARCH/.test(flag.value)) continue;
      out.push(report(model, flag.start, flag.end, 'platform', { platform: flag.value }));
    }
    return out;
  },
});
