import { defineComposeRule, type WorkloadReport } from '../shared.js';

export const rule = defineComposeRule({
  meta: {
    id: 'compose/runs-as-root',
    title: 'Compose service is told to run as root',
    severity: 'medium',
    aliases: [],
    tags: ['compose'],
    messages: { root: 'service {{service}} sets user: {{user}} and runs as root' },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      const u = s.spec.user;
      if (u === undefined || u === null) continue;
      const user = String(u).trim();
      const name = user.split(':')[0];
      if (name === 'root' || name === '0')
        out.push({ messageId: 'root', data: { service: s.name, user }, path: [...s.path, 'user'] });
    }
    return out;
  },
});
