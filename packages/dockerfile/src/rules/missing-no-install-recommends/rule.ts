import { defineRule } from '@shipshape/core';
import type { DockerfileModel } from '../../model/model.js';
import { hasOption, type InstallCommand, installCommand } from '../../model/packages.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

/** apt-get install commands that will pull recommended packages (builder stages too, as the peers). */
export function installsWithRecommends(model: DockerfileModel): (InstallCommand & { ships: boolean })[] {
  const out: (InstallCommand & { ships: boolean })[] = [];
  for (const run of runsOf(model)) {
    for (const cmd of run.commands) {
      const install = installCommand(cmd);
      if (install?.manager !== 'apt' || cmd.name === 'aptitude') continue;
      if (hasOption(install.options, '--no-install-recommends')) continue;
      if (install.options.some((o) => /Install-Recommends=(false|0|no)/i.test(o))) continue;
      // `apt-get -f install` (fix broken dependencies) also pulls the recommends of what it completes
      const fixBroken = hasOption(install.options, '-f', '--fix-broken') || cmd.args.some((a) => a.value === '-f');
      if (install.packages.length === 0 && !fixBroken) continue;
      out.push({ ...install, ships: run.stage.ships });
    }
  }
  return out;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/missing-no-install-recommends',
    title: 'apt-get install pulls recommended packages',
    severity: 'low',
    aliases: ['DL3015', ...trivy(29)],
    tags: ['attack-surface'],
    fixable: true,
    messages: {
      recommends: '{{program}} install runs without --no-install-recommends and pulls packages nobody asked for.',
    },
  },
  check(model) {
    return installsWithRecommends(model).map((i) =>
      report(
        model,
        i.command.start,
        i.verb.end,
        'recommends',
        { program: i.program },
        {
          fix: 'Add --no-install-recommends after "install".',
          // recommended packages in a builder stage cost build time, not shipped size
          ...(i.ships ? {} : { severity: 'info' as const }),
          // hadolint DL3015 and Trivy DS029 only read `apt-get install`
          ...(i.program === 'apt-get' ? {} : { aliases: [] }),
        },
      ),
    );
  },
});
