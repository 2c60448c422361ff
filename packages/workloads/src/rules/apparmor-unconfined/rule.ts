import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/apparmor-unconfined',
    title: 'AppArmor profile overridden or disabled',
    severity: 'high',
    aliases: ['KSV002'],
    tags: [...PSS_BASELINE, 'pss-apparmor'],
    messages: {
      annotation: '{{workload}} sets AppArmor profile {{profile}} for container {{container}}',
      field: '{{workload}} {{where}} sets appArmorProfile type Unconfined',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod) return out;
    const annotations = obj(pod.metadata.annotations);
    for (const [k, v] of Object.entries(annotations)) {
      if (!k.startsWith(ANNOTATION)) continue;
      const profile = String(v);
      if (profile === 'runtime/default' || profile.startsWith('localhost/')) continue;
      out.push({
        messageId: 'annotation',
        data: { workload: workloadName(object), profile, container: k.slice(ANNOTATION.length) },
        path: [...pod.metadataPath, 'annotations', k],
        valueAt: true,
      });
    }
    if (obj(obj(pod.spec.securityContext).appArmorProfile).type === 'Unconfined')
      out.push({
        messageId: 'field',
        data: { workload: workloadName(object), where: 'pod' },
        path: [...pod.specPath, 'securityContext', 'appArmorProfile', 'type'],
        valueAt: true,
      });
    for (const c of pod.containers) {
      if (obj(obj(c.spec.securityContext).appArmorProfile).type !== 'Unconfined') continue;
      out.push({
        messageId: 'field',
        data: { workload: workloadName(object), where: containerLabel(c) },
        path: [...c.path, 'securityContext', 'appArmorProfile', 'type'],
        valueAt: true,
      });
    }
    return out;
  },
});
