import { defineRule } from '@shipshape/core';
import { managerCommand } from '../../model/packages.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/update-without-install',
    title: 'Package index updated in a RUN that installs nothing',
    severity: 'medium',
    aliases: [...trivy(17), 'CKV_DOCKER_5'],
    tags: ['reproducibility'],
    messages: {
      alone:
        '"{{program}} update" runs without an install in the same RUN, so a cached layer can pair a stale index with later installs.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      const managed = run.commands.map((c) => ({ c, m: managerCommand(c) }));
      for (const { c, m } of managed) {
        if (m?.verb !== 'update' || (m.manager !== 'apt' && m.manager !== 'apk')) continue;
        const installs = managed.some(
          (o) =>
            o.m &&
            o.m.manager === m.manager &&
            ['install', 'add', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall'].includes(o.m.verb),
        );
        if (!installs) out.push(report(model, c.start, c.end, 'alone', { program: c.name }));
      }
    }
    return out;
  },
});
