import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/ssh-port-exposed',
    title: 'SSH port 22 exposed',
    severity: 'medium',
    aliases: [...trivy(4), 'CKV_DOCKER_1'],
    tags: ['attack-surface'],
    messages: {
      ssh: 'EXPOSE {{port}} publishes the SSH port; containers should be entered with docker exec / kubectl exec, not sshd.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const arg of instr.args) {
        const value = model.resolve(arg.value, instr).value;
        const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(value.trim());
        if (!m) continue;
        const lo = Number(m[1]);
        const hi = m[2] ? Number(m[2]) : lo;
        if ((m[3] ?? 'tcp').toLowerCase() !== 'tcp') continue;
        if (lo <= 22 && 22 <= hi) out.push(report(model, arg.start, arg.end, 'ssh', { port: value }));
      }
    }
    return out;
  },
});
