import { defineRule } from '@shipshape/core';
import type { DockerfileModel, RunInfo, Stage } from '../../model/model.js';
import { hasOption, type InstallCommand, installCommand, managerCommand } from '../../model/packages.js';
import { trivy } from '../../model/peers.js';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export interface CacheProblem {
  install: InstallCommand;
  kind: 'apt' | 'apk' | 'pip' | 'yarn' | 'yum' | 'dnf' | 'zypper';
  peer: string;
  /** False in a builder stage (reported at info: the peers check every stage). */
  ships: boolean;
}

function cacheMounted(run: RunInfo, ...paths: RegExp[]): boolean {
  return run.mounts.some(
    (m) =>
      (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && paths.some((p) => p.test(m.target ?? '')),
  );
}

function removes(cmds: ShellCommand[], path: RegExp): boolean {
  return cmds.some((c) => c.name === 'rm' && c.args.some((a) => path.test(a.value)));
}

function cleans(cmds: ShellCommand[], program: RegExp, verbs: string[]): boolean {
  return cmds.some((c) => program.test(c.name) && c.args.some((a) => verbs.includes(a.value)));
}

function envSetInChain(model: DockerfileModel, stage: Stage, name: string): boolean {
  return model
    .chain(stage)
    .some((s) =>
      s.instructions.some((i) => i.keyword === 'ENV' && new RegExp(`(^|\\s)${name}[=\\s]`, 'i').test(i.argsText)),
    );
}

/**
 * Install commands whose package cache ends up in the layer, in every stage (hadolint and Trivy
 * check builder stages too), except apt lists, which only count in shipped stages (DL3009 reads
 * only the final stage and stages used as a base).
 */
export function cacheProblems(model: DockerfileModel): CacheProblem[] {
  const out: CacheProblem[] = [];
  for (const run of runsOf(model)) {
    const ships = run.stage.ships;
    const cmds = run.commands;
    for (const cmd of cmds) {
      const install = installCommand(cmd);
      if (!install) continue;
      switch (install.manager) {
        case 'apt':
          // handled below: the lists come from `apt-get update`, not from install
          break;
        case 'apk':
          if (hasOption(install.options, '--no-cache') || cacheMounted(run, /^\/(var\/cache\/apk|etc\/apk\/cache)/))
            break;
          out.push({ install, kind: 'apk', peer: 'DL3019', ships });
          break;
        case 'pip':
          // pip takes any unambiguous prefix of a long option: `--no-cache` is `--no-cache-dir`; uv spells it `--no-cache`.
          if (
            install.options.some((o) => /^--no-cac(h(e(-(d(ir?)?)?)?)?)?$/.test(o)) ||
            cacheMounted(run, /\.cache(\/(pip|uv))?\/?$/, /pip|uv/)
          )
            break;
          if (
            cmd.assigns.some((a) => /^PIP_NO_CACHE_DIR$/i.test(a.name)) ||
            envSetInChain(model, run.instr.stage as Stage, 'PIP_NO_CACHE_DIR')
          )
            break;
          if (cmd.name === 'uv') break;
          if (
            install.packages.length === 0 &&
            !install.options.some((o) => /^(-r|--requirement|-e|--editable)(=|$)/.test(o))
          )
            break;
          out.push({ install, kind: 'pip', peer: 'DL3042', ships });
          break;
        case 'yarn':
          if (cleans(cmds, /^yarn$/, ['cache']) || cacheMounted(run, /yarn/, /\.cache/)) break;
          if (cmds.some((c) => c.name === 'rm' && c.args.some((a) => /yarn/.test(a.value) && /cache/.test(a.value))))
            break;
          out.push({ install, kind: 'yarn', peer: 'DL3060', ships });
          break;
        case 'yum':
          if (
            cleans(cmds, /^yum$/, ['clean']) ||
            removes(cmds, /^\/var\/cache\/yum/) ||
            cacheMounted(run, /^\/var\/cache\/yum/)
          )
            break;
          out.push({ install, kind: 'yum', peer: 'DL3032', ships });
          break;
        case 'dnf':
          if (
            cleans(cmds, /^(dnf|microdnf|tdnf)$/, ['clean']) ||
            removes(cmds, /^\/var\/cache\/(dnf|yum)/) ||
            cacheMounted(run, /^\/var\/cache\/(dnf|yum|libdnf)/)
          )
            break;
          out.push({ install, kind: 'dnf', peer: 'DL3040', ships });
          break;
        case 'zypper':
          if (
            cleans(cmds, /^zypper$/, ['clean', 'cc']) ||
            removes(cmds, /^\/var\/cache\/zypp/) ||
            cacheMounted(run, /^\/var\/cache\/zypp/)
          )
            break;
          out.push({ install, kind: 'zypper', peer: 'DL3036', ships });
          break;
        default:
          break;
      }
    }
    // apt keeps nothing from `install` on Debian/Ubuntu images (they auto-clean archives); what stays
    // is /var/lib/apt/lists from `update`, so the finding sits on the update (as DL3009 means it).
    // `apt-get dist-clean` (apt 2.7+) removes the lists too.
    const aptKept =
      ships &&
      !removes(cmds, /^\/var\/lib\/apt\/lists(\/\*?)?$/) &&
      !cleans(cmds, /^apt(-get)?$/, ['dist-clean']) &&
      !cacheMounted(run, /^\/var\/lib\/apt/);
    const update = aptKept
      ? cmds.find((c) => {
          const mc = managerCommand(c);
          return mc?.manager === 'apt' && mc.verb === 'update' && mc.verbWord !== undefined;
        })
      : undefined;
    const verbWord = update ? managerCommand(update)?.verbWord : undefined;
    if (update && verbWord)
      out.push({
        install: { manager: 'apt', program: update.name, command: update, verb: verbWord, packages: [], options: [] },
        kind: 'apt',
        peer: 'DL3009',
        ships,
      });
  }
  return out;
}

const HINT: Record<CacheProblem['kind'], string> = {
  apt: 'remove /var/lib/apt/lists/* in the same RUN (or use a cache mount)',
  apk: 'use apk add --no-cache',
  pip: 'use pip install --no-cache-dir',
  yarn: 'run yarn cache clean in the same RUN',
  yum: 'run yum clean all in the same RUN',
  dnf: 'run dnf clean all in the same RUN',
  zypper: 'run zypper clean in the same RUN',
};

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/package-cache-kept',
    title: 'Package manager cache left in the shipped image',
    severity: 'low',
    aliases: [
      'DL3009',
      'DL3019',
      ...trivy(25),
      'DL3042',
      'DL3060',
      'DL3032',
      ...trivy(15),
      'DL3036',
      ...trivy(20),
      'DL3040',
      ...trivy(19),
      ...trivy(27),
    ],
    tags: ['attack-surface', 'image-size'],
    fixable: true,
    messages: {
      cache: '{{program}} leaves its package cache in the layer; {{hint}}.',
      lists:
        '{{program}} update leaves the package lists in the layer; remove /var/lib/apt/lists/* in the same RUN (or use a cache mount).',
    },
  },
  check(model) {
    return cacheProblems(model).map((p) =>
      report(
        model,
        p.install.command.start,
        p.install.verb.end,
        p.kind === 'apt' ? 'lists' : 'cache',
        { program: p.install.program, hint: HINT[p.kind] },
        {
          properties: { peerId: p.peer },
          ...(p.ships ? {} : { severity: 'info' as const }),
          // microdnf: hadolint's DL3040 and Trivy's dnf check both match it, and Trivy has DS027 for it.
          ...(p.kind === 'dnf' && p.install.program === 'microdnf'
            ? { aliases: ['DL3040', ...trivy(19), ...trivy(27)] }
            : {}),
          // DL3009 only reads `apt-get update`; `apt update`/`aptitude update` is ours alone.
          ...(p.kind === 'apt' && p.install.program !== 'apt-get' ? { aliases: [] } : {}),
          // DL3060 only reads `yarn install`; a bare `yarn` or `yarn global add` is ours alone.
          ...(p.kind === 'yarn' && p.install.verb.value !== 'install' ? { aliases: [] } : {}),
        },
      ),
    );
  },
});
