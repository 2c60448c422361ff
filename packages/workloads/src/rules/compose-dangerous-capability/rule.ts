import { capabilityName } from '../../model/pod.js';
import { defineComposeRule, type WorkloadReport } from '../shared.js';

const DANGEROUS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'SYS_RAWIO',
  'BPF',
]);

export const rule = defineComposeRule({
  meta: {
    id: 'compose/dangerous-capability',
    title: 'Compose service adds a capability that breaks container isolation',
    severity: 'high',
    aliases: [],
    tags: ['compose'],
    messages: { cap: 'service {{service}} adds capability {{capability}}' },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      const add = s.spec.cap_add;
      if (!Array.isArray(add)) continue;
      add.forEach((c, i) => {
        const name = capabilityName(c);
        if (DANGEROUS.has(name))
          out.push({ messageId: 'cap', data: { service: s.name, capability: name }, path: [...s.path, 'cap_add', i] });
      });
    }
    return out;
  },
});
