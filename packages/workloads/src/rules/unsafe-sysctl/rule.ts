import { obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

/** The sysctls the Baseline profile allows (namespaced and isolated from the node). */
export const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/unsafe-sysctl',
    title: 'Pod sets a sysctl outside the safe set',
    severity: 'high',
    aliases: ['KSV026', 'unsafe-sysctls'],
    tags: [...PSS_BASELINE, 'pss-sysctls'],
    messages: { unsafe: '{{workload}} sets sysctl {{name}}, which is not in the safe set' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    const sysctls = obj(pod?.spec.securityContext).sysctls;
    if (!pod || !Array.isArray(sysctls)) return out;
    sysctls.forEach((s, i) => {
      const name = String(obj(s).name ?? '');
      if (SAFE_SYSCTLS.has(name)) return;
      out.push({
        messageId: 'unsafe',
        data: { workload: workloadName(object), name },
        path: [...pod.specPath, 'securityContext', 'sysctls', i, 'name'],
        valueAt: true,
      });
    });
    return out;
  },
});
