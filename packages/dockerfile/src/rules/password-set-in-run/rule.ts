import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/password-set-in-run',
    title: 'RUN sets an account password with chpasswd',
    severity: 'high',
    aliases: ['CKV2_DOCKER_17'],
    tags: ['secret', 'cwe-798', 'least-privilege'],
    messages: {
      chpasswd: 'RUN sets an account password with {{tool}}; the password is baked into the image and its history.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        const isChpasswd = cmd.name === 'chpasswd';
        const isPasswdStdin = cmd.name === 'passwd' && cmd.args.some((a) => a.value === '--stdin');
        if (isChpasswd || isPasswdStdin) out.push(report(model, cmd.start, cmd.end, 'chpasswd', { tool: cmd.name }));
      }
    }
    return out;
  },
});
