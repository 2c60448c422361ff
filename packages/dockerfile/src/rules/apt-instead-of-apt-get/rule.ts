import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/apt-instead-of-apt-get',
    title: 'apt used in a RUN instead of apt-get',
    severity: 'low',
    aliases: ['DL3027', 'CKV_DOCKER_9'],
    tags: ['reliability'],
    messages: {
      apt: '"apt {{verb}}" is the interactive front end whose output and behaviour may change; use apt-get (or apt-cache) in scripts.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        if (cmd.name !== 'apt' || cmd.argv.length === 0) continue;
        const verb = cmd.args.find((a) => !a.value.startsWith('-'))?.value ?? '';
        out.push(report(model, cmd.start, cmd.argv[0]?.end ?? cmd.end, 'apt', { verb }));
      }
    }
    return out;
  },
});
