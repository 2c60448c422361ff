import { defineRule } from '@shipshape/core';
import { hasOption, installCommand } from '../../model/packages.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

const PEER: Record<string, string> = { 'apt-get': 'DL3014', yum: 'DL3030', dnf: 'DL3038', zypper: 'DL3034' };

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/interactive-package-install',
    title: 'Package install waits for a confirmation',
    severity: 'low',
    aliases: ['DL3014', ...trivy(21), 'DL3030', 'DL3038', 'DL3034'],
    tags: ['reliability'],
    messages: {
      prompt:
        '{{program}} {{verb}} runs without {{flag}}, so the build stops at the confirmation prompt or depends on defaults.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        const install = installCommand(cmd);
        if (!install) continue;
        const p = cmd.name;
        const opts = install.options;
        let missing: string | undefined;
        if (p === 'apt-get') {
          const yes =
            hasOption(opts, '-y', '--yes', '--assume-yes', '-qq', '--quiet=2') ||
            opts.some((o) => /^-[a-z]*y[a-z]*$/.test(o) || /^-q{2,}/.test(o));
          if (!yes) missing = '-y';
        } else if (p === 'yum' || p === 'dnf') {
          if (!(hasOption(opts, '-y', '--assumeyes') || opts.some((o) => /^-[a-z]*y[a-z]*$/.test(o)))) missing = '-y';
        } else if (p === 'zypper') {
          const before = cmd.args.slice(0, cmd.args.indexOf(install.verb)).map((a) => a.value);
          const after = opts;
          const ok =
            hasOption(before, '-n', '--non-interactive') ||
            hasOption(after, '-y', '--no-confirm') ||
            before.some((o) => /^-[a-z]*n[a-z]*$/.test(o));
          if (!ok) missing = '--non-interactive or -y';
        }
        if (!missing) continue;
        out.push(
          report(
            model,
            cmd.start,
            install.verb.end,
            'prompt',
            { program: p, verb: install.verb.value, flag: missing },
            { properties: { peerId: PEER[p] ?? '' } },
          ),
        );
      }
    }
    return out;
  },
});
