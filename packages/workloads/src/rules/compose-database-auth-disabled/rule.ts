import { environmentOf } from '../../model/compose.js';
import { defineComposeRule, type WorkloadReport } from '../shared.js';

const TRUE = /^(1|true|yes|on)$/i;
const CHECKS: { name: string; bad: (v: string) => boolean; what: string }[] = [
  {
    name: 'POSTGRES_HOST_AUTH_METHOD',
    bad: (v) => v.toLowerCase() === 'trust',
    what: 'PostgreSQL accepts every connection without a password',
  },
  { name: 'MYSQL_ALLOW_EMPTY_PASSWORD', bad: (v) => TRUE.test(v), what: 'MySQL root has an empty password' },
  { name: 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', bad: (v) => TRUE.test(v), what: 'MariaDB root has an empty password' },
  { name: 'MARIADB_ALLOW_EMPTY_PASSWORD', bad: (v) => TRUE.test(v), what: 'MariaDB root has an empty password' },
  { name: 'ALLOW_EMPTY_PASSWORD', bad: (v) => TRUE.test(v), what: 'the database accepts an empty password' },
];

export const rule = defineComposeRule({
  meta: {
    id: 'compose/database-auth-disabled',
    title: 'Database container started without authentication',
    severity: 'high',
    aliases: [],
    tags: ['compose', 'cwe-306'],
    messages: { auth: 'service {{service}} sets {{name}}={{value}}: {{what}}' },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      for (const e of environmentOf(s)) {
        const c = CHECKS.find((x) => x.name === e.name);
        if (!c || e.value === undefined || !c.bad(e.value)) continue;
        out.push({
          messageId: 'auth',
          data: { service: s.name, name: e.name, value: e.value, what: c.what },
          path: e.path,
        });
      }
    }
    return out;
  },
});
