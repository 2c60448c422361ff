import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
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

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/sudo-usage',
    title: 'RUN invokes sudo',
    severity: 'medium',
    aliases: ['DL3004', ...trivy(10), 'CKV2_DOCKER_1'],
    tags: ['least-privilege'],
    messages: {
      sudo: 'RUN calls sudo; build steps already run as the current USER, so switch with USER root/USER app instead.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      const first = run.commands.find(
        (cmd) => cmd.wrappers.includes('sudo') || (cmd.name === 'sudo' && cmd.argv.length > 0),
      );
      if (!first) continue;
      // One finding per RUN, as the peers report; it claims only the peer ids whose own test
      // matches this RUN's text.
      out.push(
        report(model, first.start, first.end, 'sudo', {}, { aliases: peerIds(run.execForm, run.instr.argsText) }),
      );
    }
    return out;
  },
});
