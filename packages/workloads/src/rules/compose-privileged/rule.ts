import { defineComposeRule, type WorkloadReport } from '../shared.js';

export const rule = defineComposeRule({
  meta: {
    id: 'compose/privileged',
    title: 'Compose service runs privileged',
    severity: 'high',
    aliases: [],
    tags: ['compose', 'cwe-250'],
    messages: { privileged: 'service {{service}} runs privileged: every capability and every host device' },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      if (s.spec.privileged === true || s.spec.privileged === 'true')
        out.push({ messageId: 'privileged', data: { service: s.name }, path: [...s.path, 'privileged'] });
    }
    return out;
  },
});
