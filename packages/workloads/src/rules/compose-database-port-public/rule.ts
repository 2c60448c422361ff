import { databaseOf, publishedPorts } from '../../model/compose.js';
import { defineComposeRule, type WorkloadReport } from '../shared.js';

export const rule = defineComposeRule({
  meta: {
    id: 'compose/database-port-public',
    title: "Database port published on all of the host's interfaces",
    severity: 'medium',
    aliases: [],
    tags: ['compose', 'network-exposure'],
    messages: {
      public:
        'service {{service}} ({{database}}) publishes port {{port}} on every host interface; bind it to 127.0.0.1 or drop the mapping',
    },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      const db = databaseOf(s);
      if (!db) continue;
      for (const p of publishedPorts(s)) {
        if (!db.ports.includes(p.target)) continue;
        if (p.hostIp !== undefined && p.hostIp !== '0.0.0.0' && p.hostIp !== '::' && p.hostIp !== '[::]') continue;
        out.push({
          messageId: 'public',
          data: { service: s.name, database: db.name, port: String(p.published ?? p.target) },
          path: p.path,
        });
      }
    }
    return out;
  },
});
