import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { finalUsers, isRootUser, isWindowsStage, reportInstr } from '../util.js';

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
    for (const { target, user: last } of finalUsers(model)) {
      // Windows has no numeric UIDs; Kubernetes checks Windows pods with runAsUserName instead.
      if (isWindowsStage(model, target)) continue;
      const { value, unresolved } = model.resolve(last.argsText.trim(), last);
      if (unresolved || value === '' || isRootUser(value)) continue;
      const user = value.split(':')[0] ?? '';
      if (!/^\d+$/.test(user)) out.push(reportInstr(model, last, 'name', { user: value }));
    }
    return out;
  },
});
