import { ruleEntries } from '../../model/rbac.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/rbac-wildcard',
    title: 'Role grants a wildcard (*) verb, resource or API group',
    severity: 'medium',
    aliases: ['CKV_K8S_49', 'wildcard-in-rules'],
    tags: ['rbac', 'least-privilege'],
    messages: { wildcard: '{{kind}}/{{name}} grants * in {{field}}' },
  },
  check({ object }) {
    const out: WorkloadReport[] = [];
    for (const r of ruleEntries(object)) {
      for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
        const i = r[field].indexOf('*');
        if (i === -1) continue;
        out.push({
          messageId: 'wildcard',
          data: { kind: object.kind, name: object.name, field },
          path: [...r.path, field, i],
          valueAt: true,
        });
      }
    }
    return out;
  },
});
