import { defineComposeRule, type WorkloadReport } from '../shared.js';

const FIELDS: Record<string, string> = {
  network_mode: 'network',
  pid: 'process ID',
  ipc: 'IPC',
  userns_mode: 'user',
  uts: 'UTS',
};

export const rule = defineComposeRule({
  meta: {
    id: 'compose/host-namespace',
    title: 'Compose service shares a host namespace',
    severity: 'high',
    aliases: [],
    tags: ['compose'],
    messages: { host: "service {{service}} sets {{field}}: host and shares the host's {{what}} namespace" },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      for (const [field, what] of Object.entries(FIELDS)) {
        if (s.spec[field] === 'host')
          out.push({ messageId: 'host', data: { service: s.name, field, what }, path: [...s.path, field] });
      }
    }
    return out;
  },
});
