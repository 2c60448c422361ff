import { defineRule } from '@shipshape/core';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { optionValue, report, runsOf } from '../util.js';

function hasNoLogInit(cmd: ShellCommand): boolean {
  return cmd.args.some(
    (a) => a.value === '--no-log-init' || (/^-[A-Za-z]+$/.test(a.value) && a.value.slice(1).includes('l')),
  );
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/useradd-high-uid-without-no-log-init',
    title: 'useradd with a high UID and without -l',
    severity: 'low',
    aliases: ['DL3046'],
    tags: ['image-size'],
    messages: {
      lastlog:
        'useradd -u {{uid}} without -l/--no-log-init writes a sparse lastlog/faillog sized by the UID, which the layer stores in full.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        if (cmd.name !== 'useradd' || hasNoLogInit(cmd)) continue;
        const uid = optionValue(cmd, 'u', 'uid');
        if (!uid) continue;
        let value = uid.value;
        if (/\$/.test(value)) {
          const resolved = model.resolve(value, run.instr);
          if (resolved.unresolved) continue;
          value = resolved.value;
        }
        if (!/^\d{6,}$/.test(value)) continue;
        out.push(report(model, cmd.start, cmd.end, 'lastlog', { uid: value }));
      }
    }
    return out;
  },
});
