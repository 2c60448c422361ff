import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/build-context-copied',
    title: 'Whole build context copied without a .dockerignore excluding secrets',
    severity: 'medium',
    aliases: [],
    tags: ['secret', 'attack-surface', 'cwe-538'],
    messages: {
      context:
        '{{keyword}} copies the whole build context into a shipped stage, and no .dockerignore excludes {{missing}}.',
    },
  },
  check(model) {
    const probe = model.settings.contextHasDockerignoreExcluding;
    if (!probe) return [];
    const missing = (['.env', '.git'] as const).filter((p) => probe(p) === false);
    if (missing.length === 0) return [];
    const out = [];
    for (const stage of model.shippedStages()) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
        if (instr.flags.some((f) => f.name === 'from')) continue;
        const sources = instr.args.slice(0, -1);
        const whole = sources.find((s) => /^["']?\.\/?["']?$/.test(s.value));
        if (whole)
          out.push(
            report(model, whole.start, whole.end, 'context', { keyword: instr.keyword, missing: missing.join(' or ') }),
          );
      }
    }
    return out;
  },
});
