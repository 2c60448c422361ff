import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { isUrl, report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/add-url-without-checksum',
    title: 'ADD of a URL without --checksum',
    severity: 'medium',
    aliases: [],
    tags: ['supply-chain', 'cwe-494'],
    messages: { url: 'ADD fetches "{{url}}" without --checksum, so any content served at that URL is accepted.' },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ADD' || instr.flags.some((f) => f.name === 'checksum')) continue;
      for (const src of instr.args.slice(0, -1)) {
        const value = model.resolve(src.value, instr).value.replace(/^["']|["']$/g, '');
        if (isUrl(value) && !/\.git(#|$)/.test(value))
          out.push(report(model, src.start, src.end, 'url', { url: value }));
      }
    }
    return out;
  },
});
