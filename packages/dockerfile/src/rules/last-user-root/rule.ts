import { defineRule } from '@shipshape/core';
import type { Instr } from '../../model/model.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { isRootUser, isWindowsStage, reportInstr } from '../util.js';

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
    const seen = new Set<Instr>();
    for (const target of model.targetStages()) {
      let last: Instr | undefined;
      for (const stage of model.chain(target)) {
        const users = stage.instructions.filter((i) => i.keyword === 'USER');
        last = users[users.length - 1];
        if (last) break;
      }
      if (!last || seen.has(last)) continue;
      seen.add(last);
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
