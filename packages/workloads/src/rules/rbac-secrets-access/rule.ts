import { ruleEntries } from '../../model/rbac.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*'];

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/rbac-secrets-access',
    title: 'Role grants read or write access to Secrets',
    severity: 'medium',
    aliases: ['access-to-secrets'],
    tags: ['rbac', 'least-privilege', 'secrets'],
    messages: { secrets: '{{kind}}/{{name}} grants {{verbs}} on secrets{{scope}}' },
  },
  check({ object }) {
    const out: WorkloadReport[] = [];
    for (const r of ruleEntries(object)) {
      if (!r.apiGroups.includes('') && !r.apiGroups.includes('*')) continue;
      const i = r.resources.findIndex((x) => x === 'secrets' || x === '*');
      if (i === -1) continue;
      // A wildcard on both is the wildcard rule's finding.
      if (r.resources[i] === '*' && r.verbs.includes('*')) continue;
      const verbs = r.verbs.filter((v) => VERBS.includes(v));
      if (verbs.length === 0) continue;
      out.push({
        messageId: 'secrets',
        data: {
          kind: object.kind,
          name: object.name,
          verbs: verbs.join('/'),
          scope: r.resourceNames.length > 0 ? ` (named: ${r.resourceNames.join(', ')})` : '',
        },
        path: [...r.path, 'resources', i],
        severity: r.resourceNames.length > 0 ? 'low' : undefined,
      });
    }
    return out;
  },
});
