import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/relative-workdir',
    title: 'WORKDIR with a relative path',
    severity: 'low',
    aliases: ['DL3000', ...trivy(9), 'CKV_DOCKER_10'],
    tags: ['reliability'],
    messages: {
      relative:
        'WORKDIR "{{path}}" is relative, so where it lands depends on every earlier WORKDIR; use an absolute path.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'WORKDIR') continue;
      const raw = instr.argsText.trim().replace(/^["']|["']$/g, '');
      if (
        raw === '' ||
        raw.startsWith('/') ||
        raw.startsWith('$') ||
        /^[A-Za-z]:[\\/]/.test(raw) ||
        raw.startsWith('\\')
      )
        continue;
      out.push(
        report(model, instr.argsStart, instr.argsStart + instr.argsText.trim().length, 'relative', { path: raw }),
      );
    }
    return out;
  },
});
