import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/sudo-usage',
    title: 'RUN invokes sudo',
    severity: 'medium',
    aliases: ['DL3004', ...trivy(10), 'CKV2_DOCKER_1'],
    tags: ['least-privilege'],
    messages: {
      sudo: 'RUN calls sudo; build steps already run as the current USER, so switch with USER root/USER app instead.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        if (cmd.wrappers.includes('sudo') || (cmd.name === 'sudo' && cmd.argv.length > 0)) {
          out.push(report(model, cmd.start, cmd.end, 'sudo'));
        }
      }
    }
    return out;
  },
});
