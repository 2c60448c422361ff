import { defineRule, type Severity } from '@shipshape/core';
import type { Stage } from '../../model/model.js';
import { type InstallCommand, installCommand, type Manager } from '../../model/packages.js';
import type { ShellWord } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf, stageSeverity } from '../util.js';

const PEER: Record<Manager, string> = {
  apt: 'DL3008',
  apk: 'DL3018',
  pip: 'DL3013',
  npm: 'DL3016',
  gem: 'DL3028',
  go: 'DL3062',
  yum: 'DL3033',
  dnf: 'DL3041',
  zypper: 'DL3037',
  yarn: '',
};

/** The hadolint id for one install; hadolint's apt rule only reads `apt-get install`. */
function peerOf(install: { manager: Manager; program: string }): string {
  if (install.manager === 'apt' && install.program !== 'apt-get') return '';
  return PEER[install.manager];
}

function isLocal(value: string): boolean {
  return (
    /^(\.{0,2}\/|~\/|file:)/.test(value) ||
    /\.(deb|rpm|apk|whl|tar\.gz|tgz|zip|gem)$/i.test(value) ||
    /^(https?|git\+[a-z]+|git|ssh):/i.test(value) ||
    value === '.'
  );
}

/** Whether one package word carries a version for its manager. */
export function isPinned(manager: Manager, word: string, install: InstallCommand): boolean {
  const w = word.replace(/^["']|["']$/g, '');
  switch (manager) {
    case 'apt':
      return /=./.test(w);
    case 'apk':
      return /[=~<>]./.test(w);
    case 'pip':
      return /(==|>=|<=|~=|!=|===|<|>|@)/.test(w);
    case 'npm': {
      const at = w.lastIndexOf('@');
      if (at <= 0) return false;
      const version = w.slice(at + 1);
      return version !== '' && !/^(latest|next|beta|canary)$/.test(version);
    }
    case 'yarn': {
      const at = w.lastIndexOf('@');
      return at > 0 && w.slice(at + 1) !== '' && w.slice(at + 1) !== 'latest';
    }
    case 'gem':
      return /:./.test(w) || install.options.some((o) => /^(-v|--version)(=|$)/.test(o));
    case 'go': {
      const at = w.lastIndexOf('@');
      return at > 0 && !/^(latest|master|main|HEAD)$/.test(w.slice(at + 1));
    }
    case 'yum':
    case 'dnf':
      return /-\d/.test(w) || /[<>=]/.test(w);
    case 'zypper':
      return /[=<>]/.test(w) || /-\d/.test(w);
  }
}

function skipInstall(install: InstallCommand): boolean {
  const opts = install.options;
  if (install.manager === 'pip')
    return opts.some((o) => /^(-r|--requirement|-c|--constraint)(=|$)/.test(o) || o === '--require-hashes');
  if (install.manager === 'npm') return install.verb.value === 'ci' || opts.includes('--frozen-lockfile');
  if (install.manager === 'yarn') return install.verb.value === 'install';
  if (install.manager === 'go') return install.verb.value === 'get' && install.packages.length === 0;
  return false;
}

export interface UnpinnedPackage {
  install: InstallCommand;
  word: ShellWord;
}

export function unpinnedPackages(install: InstallCommand): ShellWord[] {
  if (skipInstall(install)) return [];
  return install.packages.filter((p) => {
    if (p.dynamic && /\$/.test(p.value)) return false;
    const v = p.value;
    if (v === '' || isLocal(v)) return false;
    if (install.manager === 'dnf' || install.manager === 'yum') {
      if (v.startsWith('@') || v.includes('/')) return false;
    }
    if (install.manager === 'go' && !v.includes('.')) return false;
    return !isPinned(install.manager, v, install);
  });
}

/** OS package managers: their versions come from the base image's release repository. */
const OS_MANAGERS = new Set<Manager>(['apt', 'apk', 'yum', 'dnf', 'zypper']);

/**
 * An OS package without a version comes from the base image's release (`debian:12.6-slim` only
 * gets that release's security updates): low by default, medium under `--profile strict`.
 * Language packages (pip, npm, gem, go) resolve to any new release: medium.
 */
function packageSeverity(strict: boolean, manager: Manager, stage: Stage): Severity {
  if (OS_MANAGERS.has(manager) && !strict) return stageSeverity(stage, 'low', 'info');
  return stageSeverity(stage, 'medium', 'low');
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/unpinned-package',
    title: 'Package installed without a version',
    severity: 'medium',
    aliases: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041', 'DL3062'],
    tags: ['supply-chain', 'reproducibility'],
    messages: {
      unpinned: '{{program}} installs "{{pkg}}" without a version, so each build may get different code.',
      unpinnedMany:
        '{{program}} installs {{count}} packages without a version ({{pkgs}}), so each build may get different code.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      // One finding per install command, at the command (the offending command inside a
      // multi-line RUN), naming every unpinned package it installs.
      for (const cmd of run.commands) {
        const install = installCommand(cmd);
        if (!install) continue;
        if (install.manager === 'yarn' && !install.command.args.some((a) => a.value === 'global')) continue;
        const words = unpinnedPackages(install);
        const first = words[0];
        const last = words[words.length - 1];
        if (!first || !last) continue;
        const peer = peerOf(install);
        const program = install.program;
        const start = install.command.argv[0]?.start ?? first.start;
        const shown = words.slice(0, 5).map((w) => `"${w.value}"`);
        if (words.length > 5) shown.push(`${words.length - 5} more`);
        out.push(
          report(
            model,
            start,
            last.end,
            words.length === 1 ? 'unpinned' : 'unpinnedMany',
            words.length === 1
              ? { program, pkg: first.value }
              : { program, count: words.length, pkgs: shown.join(', ') },
            {
              severity: packageSeverity(model.settings.strict, install.manager, run.stage),
              properties: { ...(peer ? { peerId: peer } : {}), packages: words.map((w) => w.value).join(' ') },
              // no peer checks `apt install`/`aptitude install` or `yarn global add`
              ...(peer ? {} : { aliases: [] }),
            },
          ),
        );
      }
    }
    return out;
  },
});
