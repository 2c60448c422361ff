import { defineRule } from '@shipshape/core';
import { envProperties } from '../../model/model.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

/** Why a label key breaks Docker's key format guidelines, or undefined when it is fine. */
export function labelKeyProblem(key: string): string | undefined {
  if (/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key)) return 'uses a namespace reserved for Docker';
  if (/[^a-z0-9.-]/.test(key)) return 'has characters other than lowercase letters, digits, "." and "-"';
  if (!/^[a-z]/.test(key)) return 'does not start with a lowercase letter';
  if (!/[a-z0-9]$/.test(key)) return 'does not end with a lowercase letter or digit';
  if (/\.\.|--/.test(key)) return 'has consecutive separators';
  return undefined;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/invalid-label-key',
    title: 'LABEL key outside the label key format',
    severity: 'info',
    aliases: ['DL3048'],
    tags: ['hygiene'],
    messages: {
      key: 'LABEL key "{{key}}" {{problem}}; tools that read labels expect reverse-DNS keys like org.opencontainers.image.source.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'LABEL') continue;
      for (const p of envProperties(instr.node, model.lines)) {
        const key = p.name.replace(/^["']|["']$/g, '');
        if (key.includes('$')) continue;
        const problem = labelKeyProblem(key);
        if (problem) out.push(report(model, p.nameStart, p.nameStart + p.name.length, 'key', { key, problem }));
      }
    }
    return out;
  },
});
