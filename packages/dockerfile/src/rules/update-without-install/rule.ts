import { defineRule } from '@shipshape/core';
import type { RunInfo } from '../../model/model.js';
import { managerCommand } from '../../model/packages.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

const CHECKOV_INSTALL = ['install', 'source-install', 'reinstall', 'groupinstall', 'localinstall', 'add'];

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/update-without-install',
    title: 'Package update run in a RUN that installs nothing',
    severity: 'medium',
    aliases: [...trivy(17), 'CKV_DOCKER_5'],
    tags: ['reproducibility'],
    messages: {
      alone:
        '"{{command}}" runs without an install in the same RUN, so a cached layer can pair a stale index with later installs.',
    },
  },
  check(model) {
    const out = [];
    // Checkov CKV_DOCKER_5 balances the whole file: +1 for each RUN whose text contains "update",
    // -1 for each containing an install word ("install", "add", ...); only a positive total fails,
    // and then on the RUNs that mention update.
    const runText = (r: RunInfo) => model.text.slice(r.instr.start, r.instr.end);
    let balance = 0;
    for (const r of model.runs) {
      const t = runText(r);
      if (t.includes('update')) balance++;
      if (CHECKOV_INSTALL.some((w) => t.includes(w))) balance--;
    }
    for (const run of runsOf(model)) {
      const managed = run.commands.map((c) => ({ c, m: managerCommand(c) }));
      for (const { c, m } of managed) {
        if (!m) continue;
        const refresh =
          ((m.manager === 'apt' || m.manager === 'apk') && m.verb === 'update') ||
          ((m.manager === 'yum' || m.manager === 'dnf') && (m.verb === 'update' || m.verb === 'makecache')) ||
          (m.manager === 'zypper' && (m.verb === 'refresh' || m.verb === 'ref'));
        if (!refresh) continue;
        const installs = managed.some(
          (o) =>
            o.m?.manager === m.manager &&
            [
              'install',
              'add',
              'in',
              'upgrade',
              'dist-upgrade',
              'full-upgrade',
              'build-dep',
              'reinstall',
              'groupinstall',
            ].includes(o.m.verb),
        );
        if (installs) continue;
        const aliases = [
          ...(m.verb === 'update' ? trivy(17) : []),
          ...(balance > 0 && runText(run).includes('update') ? ['CKV_DOCKER_5'] : []),
        ];
        out.push(report(model, c.start, c.end, 'alone', { command: `${c.name} ${m.verb}` }, { aliases }));
      }
    }
    return out;
  },
});
