import { defineRule } from '@shipshape/core';
import type { Instr } from '../../model/model.js';
import type { DockerRule } from '../util.js';
import { isRootUser, isWindowsStage, reportInstr } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/non-numeric-user',
    title: 'Final USER is a name, not a numeric UID',
    severity: 'low',
    aliases: [],
    tags: ['least-privilege', 'kubernetes'],
    messages: {
      name: 'The final USER "{{user}}" is a name; Kubernetes runAsNonRoot cannot verify it, so use the numeric UID (e.g. USER 10001:10001).',
    },
  },
  check(model) {
    const out = [];
    const seen = new Set<Instr>();
    for (const target of model.targetStages()) {
      let last: Instr | undefined;
      for (const stage of model.chain(target)) {
        const users = stage.instructions.filter((i) => i.keyword === 'USER');
        last = users[users.length - 1];
        if (last) break;
      }
      if (!last || seen.has(last)) continue;
      // Windows has no numeric UIDs; Kubernetes checks Windows pods with runAsUserName instead.
      if (isWindowsStage(model, target)) continue;
      seen.add(last);
      const { value, unresolved } = model.resolve(last.argsText.trim(), last);
      if (unresolved || value === '' || isRootUser(value)) continue;
      const user = value.split(':')[0] ?? '';
      if (!/^\d+$/.test(user)) out.push(reportInstr(model, last, 'name', { user: value }));
    }
    return out;
  },
});
