import { obj } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/cluster-admin-binding',
    title: 'Binding grants the cluster-admin role',
    severity: 'high',
    aliases: ['cluster-admin-role-binding'],
    tags: ['rbac', 'least-privilege'],
    messages: { admin: '{{kind}}/{{name}} binds cluster-admin to {{subjects}}' },
  },
  check({ object }) {
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') return [];
    const ref = obj(object.value.roleRef);
    if (ref.name !== 'cluster-admin' || (ref.kind !== undefined && ref.kind !== 'ClusterRole')) return [];
    const subjects = Array.isArray(object.value.subjects)
      ? object.value.subjects.map((s) => `${obj(s).kind ?? '?'}/${obj(s).name ?? '?'}`).join(', ')
      : 'nobody yet';
    const out: WorkloadReport[] = [
      {
        messageId: 'admin',
        data: { kind: object.kind, name: object.name, subjects },
        path: ['roleRef', 'name'],
        valueAt: true,
      },
    ];
    return out;
  },
});
