import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/copy-multiple-sources-without-directory',
    title: 'COPY of several sources to a destination without a trailing slash',
    severity: 'medium',
    aliases: ['DL3021', ...trivy(11)],
    tags: ['correctness'],
    messages: {
      slash: '{{keyword}} copies {{count}} sources to "{{dest}}", which must end with "/" to be a directory.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      const args = instr.args;
      if (args.length < 3 || args.some((a) => a.value.startsWith('<<'))) continue;
      if (instr.argsText.trim().startsWith('[')) continue;
      const dest = args[args.length - 1];
      if (!dest) continue;
      const value = model.resolve(dest.value, instr).value.replace(/^["']|["']$/g, '');
      if (value.endsWith('/') || /\$/.test(value)) continue;
      out.push(
        report(model, dest.start, dest.end, 'slash', { keyword: instr.keyword, count: args.length - 1, dest: value }),
      );
    }
    return out;
  },
});
