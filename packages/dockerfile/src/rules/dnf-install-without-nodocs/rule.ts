import { defineRule } from '@shipshape/core';
import { installCommand } from '../../model/packages.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/dnf-install-without-nodocs',
    title: 'dnf/microdnf install without --nodocs',
    severity: 'info',
    aliases: [...trivy(28)],
    tags: ['image-size'],
    messages: {
      nodocs:
        '{{program}} install without --nodocs also installs man pages and documentation the container never reads.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        const install = installCommand(cmd);
        if (install?.manager !== 'dnf' || !/^(install|reinstall|in|rei)$/.test(install.verb.value)) continue;
        if (install.options.some((o) => o === '--nodocs' || /tsflags=.*nodocs/.test(o))) continue;
        if (cmd.args.some((a) => a.value === '--nodocs' || /tsflags=.*nodocs/.test(a.value))) continue;
        if (install.packages.length === 0) continue;
        out.push(report(model, cmd.start, install.verb.end, 'nodocs', { program: install.program }));
      }
    }
    return out;
  },
});
