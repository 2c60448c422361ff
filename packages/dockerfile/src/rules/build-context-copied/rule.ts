import { defineRule } from '@shipshape/core';
import { copyParts } from '../../model/model.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

const SENSITIVE = ['.env', '.git'] as const;

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
      noIgnore:
        '{{keyword}} copies the whole build context ({{dir}}) into a shipped stage, and that context has no .dockerignore: .git, .env files and anything else in the tree go into the image.',
      misses:
        '{{keyword}} copies the whole build context ({{dir}}) into a shipped stage, and {{ignore}} does not exclude {{missing}}.',
    },
  },
  check(model) {
    const ctx = model.settings.context;
    let messageId: string;
    let data: Record<string, string>;
    if (ctx) {
      const dir = ctx.dir === '' ? '.' : `${ctx.dir}/`;
      if (!ctx.dockerignore) {
        messageId = 'noIgnore';
        data = { dir };
      } else {
        const missing = SENSITIVE.filter((p) => !ctx.excludes(p));
        if (missing.length === 0) return [];
        messageId = 'misses';
        data = { dir, ignore: ctx.dockerignore, missing: missing.join(' or ') };
      }
    } else {
      const probe = model.settings.contextHasDockerignoreExcluding;
      if (!probe) return [];
      const missing = SENSITIVE.filter((p) => probe(p) === false);
      if (missing.length === 0) return [];
      messageId = 'context';
      data = { missing: missing.join(' or ') };
    }
    const out = [];
    for (const stage of model.shippedStages()) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
        if (instr.flags.some((f) => f.name === 'from')) continue;
        const whole = copyParts(model, instr).sources.find((s) => /^["']?\.\/?["']?$/.test(s.value));
        if (whole) out.push(report(model, whole.start, whole.end, messageId, { keyword: instr.keyword, ...data }));
      }
    }
    return out;
  },
});
