import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { reportInstr } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/shell-form-command',
    title: 'CMD or ENTRYPOINT in shell form',
    severity: 'low',
    aliases: ['DL3025'],
    tags: ['reliability'],
    messages: {
      shell:
        '{{keyword}} uses shell form, so the process runs under /bin/sh -c and does not receive SIGTERM; use the JSON form.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.shippedStages()) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') continue;
        const text = instr.argsText.trim();
        if (text === '') continue;
        let json = false;
        if (text.startsWith('[')) {
          try {
            const parsed: unknown = JSON.parse(text);
            json = Array.isArray(parsed);
          } catch {
            json = false;
          }
        }
        if (!json) out.push(reportInstr(model, instr, 'shell', { keyword: instr.keyword }));
      }
    }
    return out;
  },
});
