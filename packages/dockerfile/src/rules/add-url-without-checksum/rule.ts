import { defineRule } from '@shipshape/core';
import { copyParts } from '../../model/model.js';
import type { DockerRule } from '../util.js';
import { isUrl, report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/add-url-without-checksum',
    title: 'ADD of a URL without --checksum',
    severity: 'medium',
    // Checkov's CKV_DOCKER_4 fails every ADD; a URL ADD is where it matters (first ADD only, see lint.ts).
    aliases: ['CKV_DOCKER_4'],
    tags: ['supply-chain', 'cwe-494'],
    messages: { url: 'ADD fetches "{{url}}" without --checksum, so any content served at that URL is accepted.' },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ADD' || instr.flags.some((f) => f.name === 'checksum')) continue;
      for (const src of copyParts(model, instr).sources) {
        const value = model.resolve(src.value, instr).value.replace(/^["']|["']$/g, '');
        if (isUrl(value) && !/\.git(#|$)/.test(value))
          out.push(report(model, src.start, src.end, 'url', { url: value }));
      }
    }
    return out;
  },
});
