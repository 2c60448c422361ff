import { ruleEntries } from '../../model/rbac.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/rbac-pod-exec',
    title: 'Role lets its holder run commands in pods or create pods',
    severity: 'medium',
    aliases: ['access-to-create-pods'],
    tags: ['rbac', 'least-privilege'],
    messages: {
      exec: '{{kind}}/{{name}} grants {{verb}} on {{resource}}: commands in any pod of the namespace',
      create: '{{kind}}/{{name}} grants create on pods: a pod can mount any ServiceAccount and Secret of the namespace',
    },
  },
  check({ object }) {
    const out: WorkloadReport[] = [];
    for (const r of ruleEntries(object)) {
      if (!r.apiGroups.includes('') && !r.apiGroups.includes('*')) continue;
      if (r.resources.includes('*') && r.verbs.includes('*')) continue;
      r.resources.forEach((res, i) => {
        if (res === 'pods/exec' || res === 'pods/attach') {
          const verb = r.verbs.find((v) => v === 'create' || v === 'get' || v === '*');
          if (verb)
            out.push({
              messageId: 'exec',
              data: { kind: object.kind, name: object.name, verb, resource: res },
              path: [...r.path, 'resources', i],
              aliases: [],
            });
        } else if (res === 'pods' && (r.verbs.includes('create') || r.verbs.includes('*'))) {
          out.push({
            messageId: 'create',
            data: { kind: object.kind, name: object.name },
            path: [...r.path, 'resources', i],
          });
        }
      });
    }
    return out;
  },
});
