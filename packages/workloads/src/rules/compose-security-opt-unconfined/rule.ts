import { defineComposeRule, type WorkloadReport } from '../shared.js';

const UNCONFINED = /^(seccomp|apparmor|systempaths)[:=]unconfined$|^label[:=]disable$|^no-new-privileges[:=]false$/i;

export const rule = defineComposeRule({
  meta: {
    id: 'compose/security-opt-unconfined',
    title: 'Compose service turns off seccomp, AppArmor or SELinux confinement',
    severity: 'high',
    aliases: [],
    tags: ['compose'],
    messages: { opt: 'service {{service}} sets security_opt {{option}}' },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      const opts = s.spec.security_opt;
      if (!Array.isArray(opts)) continue;
      opts.forEach((o, i) => {
        const option = String(o).trim();
        if (UNCONFINED.test(option))
          out.push({ messageId: 'opt', data: { service: s.name, option }, path: [...s.path, 'security_opt', i] });
      });
    }
    return out;
  },
});
