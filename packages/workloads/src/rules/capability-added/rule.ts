import { capabilityName, containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

/** Capabilities the Baseline profile allows adding (the container runtime's default set). */
export const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/capability-added',
    title: 'Container adds a capability beyond the runtime default set',
    severity: 'high',
    aliases: ['KSV022', 'KSV005', 'CKV_K8S_39'],
    tags: [...PSS_BASELINE, 'pss-capabilities'],
    messages: { added: '{{workload}} {{container}} adds capability {{capability}}' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    for (const c of pod?.containers ?? []) {
      const add = obj(obj(c.spec.securityContext).capabilities).add;
      if (!Array.isArray(add)) continue;
      add.forEach((cap, i) => {
        const name = capabilityName(cap);
        if (BASELINE_CAPABILITIES.has(name)) return;
        out.push({
          messageId: 'added',
          data: { workload: workloadName(object), container: containerLabel(c), capability: name },
          path: [...c.path, 'securityContext', 'capabilities', 'add', i],
          valueAt: true,
          aliases: name === 'SYS_ADMIN' || name === 'ALL' ? ['KSV022', 'KSV005', 'CKV_K8S_39'] : ['KSV022'],
        });
      });
    }
    return out;
  },
});
