import { capabilityName, containerLabel, hasAnySecurityContext, obj, workloadName } from '../../model/pod.js';
import { BASELINE_CAPABILITIES } from '../capability-added/rule.js';
import { defineK8sRule, PSS_RESTRICTED, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/capabilities-not-dropped',
    title: 'Container does not drop ALL capabilities, or adds one besides NET_BIND_SERVICE',
    severity: 'medium',
    aliases: ['KSV003'],
    tags: [...PSS_RESTRICTED, 'pss-capabilities'],
    messages: {
      notDropped: '{{workload}} {{container}} does not drop ALL capabilities',
      added:
        '{{workload}} {{container}} adds capability {{capability}}; the Restricted profile allows only NET_BIND_SERVICE',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    // The Restricted profile exempts Windows pods from this Linux-only control.
    if (!pod || pod.windows || !hasAnySecurityContext(pod)) return out;
    for (const c of pod.containers) {
      const caps = obj(obj(c.spec.securityContext).capabilities);
      const drop = Array.isArray(caps.drop) ? caps.drop.map(capabilityName) : [];
      if (!drop.includes('ALL'))
        out.push({
          messageId: 'notDropped',
          data: { workload: workloadName(object), container: containerLabel(c) },
          path: c.spec.securityContext ? [...c.path, 'securityContext'] : c.path,
        });
      if (Array.isArray(caps.add))
        caps.add.forEach((cap, i) => {
          const name = capabilityName(cap);
          // Non-default capabilities are Baseline violations (k8s/capability-added, high).
          if (name === 'NET_BIND_SERVICE' || !BASELINE_CAPABILITIES.has(name)) return;
          out.push({
            messageId: 'added',
            data: { workload: workloadName(object), container: containerLabel(c), capability: name },
            path: [...c.path, 'securityContext', 'capabilities', 'add', i],
            valueAt: true,
          });
        });
    }
    return out;
  },
});
