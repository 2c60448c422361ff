import { defineRule, type Report } from '@shipshape/core';
import { installCommand, managerCommand } from '../../model/packages.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

const OS = new Set(['apt', 'apk', 'yum', 'dnf', 'zypper']);
const TOOL =
  /^(build-essential|build-base|alpine-sdk|gcc|g\+\+|gcc-\d+|g\+\+-\d+|cpp|clang|clang-\d+|llvm|gfortran|rustc|golang|golang-go|sudo)$/;
const HEADERS = /^[a-z0-9][a-z0-9.+-]*-(dev|devel)$/;
const REMOVE_VERBS = new Set(['purge', 'remove', 'autoremove', 'del', 'erase', 'rm']);

/** The package name of an install word: `gcc=12.2.0-14` -> `gcc`, `libpq-dev:amd64` -> `libpq-dev`. */
function packageName(word: string): string {
  return word.split('=')[0]?.split(':')[0]?.toLowerCase() ?? '';
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/build-tools-in-runtime-image',
    title: 'Compilers, headers or sudo installed in the shipped image',
    severity: 'low',
    aliases: [],
    tags: ['attack-surface', 'minimal-image'],
    messages: {
      tools:
        '{{program}} installs {{packages}} in a stage that ships; compilers, -dev headers and sudo are build-time tools an attacker can use at run time. Build in a separate stage, or remove them in the same RUN.',
    },
  },
  check(model) {
    const out: Report[] = [];
    // Dev images and devcontainers are meant to carry a toolchain.
    if (/(^|\/)\.devcontainer\/|(^|[./-])dev(el)?(\.dockerfile|\.containerfile)?$/i.test(model.path)) return out;
    for (const run of runsOf(model, (s) => s.ships)) {
      if (model.baseOf(run.stage).knowledge.class === 'sdk') continue; // sdk-base-image's finding
      // `apt-get purge -y --auto-remove $buildDeps`, `apk del .build-deps`: removed before the layer is written.
      const removes = run.commands.some((c) => {
        const mc = managerCommand(c);
        return mc !== undefined && REMOVE_VERBS.has(mc.verb);
      });
      if (removes) continue;
      for (const cmd of run.commands) {
        const install = installCommand(cmd);
        if (!install || !OS.has(install.manager)) continue;
        const hits = install.packages.filter((p) => {
          const name = packageName(p.value);
          return TOOL.test(name) || HEADERS.test(name) || name === 'development tools';
        });
        const first = hits[0];
        const last = hits[hits.length - 1];
        if (!first || !last) continue;
        const names = hits.slice(0, 6).map((h) => `"${packageName(h.value)}"`);
        if (hits.length > 6) names.push(`${hits.length - 6} more`);
        out.push(
          report(model, first.start, last.end, 'tools', { program: install.program, packages: names.join(', ') }),
        );
      }
    }
    return out;
  },
});
