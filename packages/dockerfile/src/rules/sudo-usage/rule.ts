import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

/**
 * hadolint DL3004 flags any sudo command. Trivy DS010 splits a shell-form RUN on `&&` and looks for
 * a part that starts with `sudo`; Checkov CKV2_DOCKER_1 looks for " sudo " or a leading "sudo ".
 */
export function peerIds(execForm: boolean, text: string): string[] {
  const ids = ['DL3004'];
  const body = text.replace(/\s+/g, ' ').trim();
  if (!execForm && body.split('&&').some((part) => /^\s*sudo/.test(part))) ids.push(...trivy(10));
  if (body.includes(' sudo ') || body.startsWith('sudo ')) ids.push('CKV2_DOCKER_1');
  return ids;
}

const SHELLS = /^(ba|da|z|k)?sh$/;

function otherPrivilegeSwitch(cmd: ShellCommand): boolean {
  if (cmd.wrappers.includes('doas') || cmd.name === 'doas') return true;
  // `su -c …` / `su - root -c …` switch to root; `su nobody -s /bin/sh -c make` drops privileges (fine).
  if (cmd.name === 'su') {
    const values = cmd.args.map((a) => a.value);
    if (!values.some((v) => v === '-c' || v === '--command')) return false;
    const valueOpts = new Set(['-c', '--command', '-s', '--shell', '-g', '--group', '-G', '--supp-group']);
    const user = values.find((v, i) => !v.startsWith('-') && !valueOpts.has(values[i - 1] ?? ''));
    return user === undefined || user === 'root';
  }
  if (SHELLS.test(cmd.name)) {
    const c = cmd.args.findIndex((a) => /^-[a-z]*c$/.test(a.value));
    const script = c === -1 ? undefined : cmd.args[c + 1]?.value;
    return script !== undefined && /(^|[;&|(\s])(sudo|doas)\s/.test(script);
  }
  return false;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/sudo-usage',
    title: 'RUN invokes sudo',
    severity: 'medium',
    aliases: ['DL3004', ...trivy(10), 'CKV2_DOCKER_1'],
    tags: ['least-privilege'],
    messages: {
      sudo: 'RUN calls sudo; build steps already run as the current USER, so switch with USER root/USER app instead.',
      switch:
        'RUN switches user with {{how}}; build steps already run as the current USER, so switch with USER root/USER app instead.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      const first = run.commands.find(
        (cmd) => cmd.wrappers.includes('sudo') || (cmd.name === 'sudo' && cmd.argv.length > 0),
      );
      if (!first) {
        // `doas`, `su -c "…" user` and a sudo inside `bash -c "…"`: the same privilege switch,
        // which the peers' sudo checks do not read.
        const other = run.commands.find(otherPrivilegeSwitch);
        if (other) out.push(report(model, other.start, other.end, 'switch', { how: other.name }, { aliases: [] }));
        continue;
      }
      // One finding per RUN, as the peers report; it claims only the peer ids whose own test
      // matches this RUN's text.
      out.push(
        report(model, first.start, first.end, 'sudo', {}, { aliases: peerIds(run.execForm, run.instr.argsText) }),
      );
    }
    return out;
  },
});
