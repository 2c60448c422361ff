import { defineRule } from '@shipshape/core';
import { managerCommand } from '../../model/packages.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/apt-dist-upgrade',
    title: 'apt-get dist-upgrade in a Dockerfile',
    severity: 'low',
    aliases: ['DL3005', ...trivy(24)],
    tags: ['reproducibility'],
    messages: {
      upgrade:
        '"{{program}} {{verb}}" may install, remove and replace packages across the whole base image; update the base image tag instead.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        const m = managerCommand(cmd);
        if (m?.manager === 'apt' && (m.verb === 'dist-upgrade' || m.verb === 'full-upgrade')) {
          out.push(
            report(model, cmd.start, m.verbWord?.end ?? cmd.end, 'upgrade', { program: cmd.name, verb: m.verb }),
          );
        }
      }
    }
    return out;
  },
});
