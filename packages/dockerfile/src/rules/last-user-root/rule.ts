import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { finalUsers, isRootUser, isWindowsStage, reportInstr } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/last-user-root',
    title: 'Shipped image ends as the root user',
    severity: 'high',
    aliases: ['DL3002', ...trivy(2), 'CKV_DOCKER_8'],
    tags: ['least-privilege', 'cis-docker-4.1', 'cwe-250'],
    messages: {
      windowsAdmin:
        'The last USER of the shipped Windows image is "{{user}}", the container administrator; switch to ContainerUser after the steps that need it.',
      root: 'The last USER of the shipped image is "{{user}}" (root); switch to a non-root user after the steps that need root.',
    },
  },
  check(model) {
    const out = [];
    for (const { target, user: last } of finalUsers(model)) {
      const { value, unresolved } = model.resolve(last.argsText.trim(), last);
      if (unresolved) continue;
      if (isRootUser(value)) out.push(reportInstr(model, last, 'root', { user: value }));
      // The Windows administrator account: a finding of ours, not what the peers' root checks mean.
      else if (/^containeradministrator$/i.test(value.trim()) && isWindowsStage(model, target))
        out.push(reportInstr(model, last, 'windowsAdmin', { user: value.trim() }, { aliases: [] }));
    }
    return out;
  },
});
